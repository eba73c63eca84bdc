/**
 * The frontier's standard errors: each CVaR 95 on down paths with the error of its gap to the
 * unhedged book on the same paths, a match within two errors of its marked book said to be within
 * noise, and a warning when the plan's or the rule's hedges raise the CVaR by more than two.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  frontier,
  frontierWords,
  matchNoise,
  mergeAndSummarizeFrontier,
  runFrontierChunk,
  summarizeFrontier,
  type FrontierPartial,
} from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';

/** The 2026-11-20 plan on 2,000 paths (seed 3), one chunk's per-path P&L. */
let base: FrontierPartial;
let K: number;
let call: number;
let spread: number;
beforeAll(() => {
  base = runFrontierChunk({ plan: PLAN_INPUT, paths: 2000, seed: 3 });
  const names = base.frame.components.map((c) => c.name);
  K = names.length - 1;
  call = names.indexOf('vix-call');
  spread = names.indexOf('vix-call-spread');
});

/** The run with the plan's own hedges' P&L (component K) replaced by `plan(j)` on path j. */
function withPlan(plan: (j: number) => number, cost = base.frame.plan.cost): FrontierPartial {
  const h = Float64Array.from(base.hedges[K]!, (_, j) => plan(j));
  return {
    ...base,
    hedges: base.hedges.map((x, k) => (k === K ? h : x)),
    frame: { ...base.frame, plan: { ...base.frame.plan, cost } },
  };
}

/** A fixed noise in ±1 per path, independent of the market. */
const wiggle = (j: number) => Math.sin(j * 12.9898);

/** CVaR 95 (a loss, positive) on the down paths among `paths` of the book condor + Σ units · hedges. */
function cvarOf(p: FrontierPartial, units: readonly number[], paths: readonly number[]): number {
  const down = paths.filter((j) => p.spxEnd[j]! < p.spot0);
  const pnl = down.map((j) => units.reduce((s, u, c) => s + u * p.hedges[c]![j]!, p.condor[j]!)).sort((a, b) => a - b);
  const k = Math.max(1, Math.ceil(0.05 * pnl.length - 1e-9));
  return -pnl.slice(0, k).reduce((a, x) => a + x, 0) / k;
}

/** The bootstrap standard error of CVaR(a) − CVaR(b) over resampled antithetic pairs (a seeded generator). */
function bootstrapGap(p: FrontierPartial, a: readonly number[], b: readonly number[], draws = 300): number {
  let s = 7;
  const rnd = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const pairs = p.pathCount / 2;
  const gaps: number[] = [];
  for (let r = 0; r < draws; r++) {
    const idx: number[] = [];
    for (let q = 0; q < pairs; q++) {
      const i = Math.floor(rnd() * pairs);
      idx.push(2 * i, 2 * i + 1);
    }
    gaps.push(cvarOf(p, a, idx) - cvarOf(p, b, idx));
  }
  const m = gaps.reduce((x, y) => x + y, 0) / draws;
  return Math.sqrt(gaps.reduce((x, y) => x + (y - m) ** 2, 0) / (draws - 1));
}

const unitsOf = (set: Record<number, number>): number[] => Array.from({ length: K + 1 }, (_, c) => set[c] ?? 0);

describe('frontier standard errors', () => {
  it('gives every point, marked book and structure the error of its gap to the unhedged book, as a bootstrap over pairs does', () => {
    const f = summarizeFrontier(base);
    const paths = Array.from({ length: base.pathCount }, (_, j) => j);
    expect(f.unhedged.cvar95Down).toBeCloseTo(cvarOf(base, unitsOf({}), paths), 6);
    expect(f.unhedged.cvar95DownStdError).not.toBeNull();
    // the unbought point has no gap, so no error
    expect(f.points[0]!.cvarSavedStdError).toBe(0);
    for (const p of f.points) expect(p.cvarSavedStdError).not.toBeNull();
    for (const s of f.structures) expect(s.cvarSavedStdError).not.toBeNull();
    // the plan's saving: its error within a quarter of the bootstrap's
    const plan = unitsOf({ [K]: 1 });
    expect(f.plan.cvar95Down).toBeCloseTo(cvarOf(base, plan, paths), 6);
    const boot = bootstrapGap(base, unitsOf({}), plan);
    expect(f.plan.cvarSavedStdError!).toBeGreaterThan(0.75 * boot);
    expect(f.plan.cvarSavedStdError!).toBeLessThan(1.25 * boot);
  });

  it('says a cheapest match within 2 errors of its marked book is within noise, in the answer and in words', () => {
    // the plan: 2 VIX call spreads and a fixed wiggle, bought for 3 spreads' premium
    const f = summarizeFrontier(
      withPlan((j) => 2 * base.hedges[spread]![j]! + 300 * wiggle(j), 3 * base.frame.components[spread]!.premium),
    );
    const m = f.plan.matchedBy!;
    const gap = f.plan.cvar95Down - m.cvar95Down;
    expect(gap).toBeGreaterThan(0);
    expect(m.gapStdError).not.toBeNull();
    expect(gap).toBeLessThan(2 * m.gapStdError!);
    expect(m.withinNoise).toBe(true);
    const usd = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;
    expect(frontierWords(f)).toContain(
      `the cheapest mix that does as well costs ${usd(m.cost)} before fees (1 × ${m.structure}), within noise: its CVaR is ${usd(gap)} lower, under 2 standard errors of ${usd(m.gapStdError!)}, so the two cannot be told apart on these paths: either could be lower`,
    );
    // the ± of each book's gap to the unhedged one in words
    expect(frontierWords(f)).toContain(
      `unhedged (${usd(f.unhedged.cvar95Down - f.plan.cvar95Down)} ± ${usd(f.plan.cvarSavedStdError!)} less than unhedged)`,
    );
    // the plan's own book matched by itself: no gap, no noise
    const own = summarizeFrontier(withPlan((j) => base.hedges[call]![j]!, base.frame.components[call]!.premium));
    expect(own.plan.matchedBy).toMatchObject({
      structure: 'vix-call',
      tailUnits: 1,
      gapStdError: 0,
      withinNoise: false,
    });
    expect(matchNoise(own.plan)).toBe('');
    expect(frontierWords(own)).toContain(
      `costs $${Math.round(base.frame.components[call]!.premium)} before fees (1 × vix-call);`,
    );
  });

  it('gives the CVaR saved an error that is, on average, its spread over seeds (the plan and the literal rule, seeds 1-30)', () => {
    const saved: Record<'plan' | 'rule', number[]> = { plan: [], rule: [] };
    const errors: Record<'plan' | 'rule', number[]> = { plan: [], rule: [] };
    for (let seed = 1; seed <= 30; seed++) {
      const f = frontier({ plan: PLAN_INPUT, paths: 2000, seed, budgets: [0] });
      for (const k of ['plan', 'rule'] as const) {
        saved[k].push(f.unhedged.cvar95Down - f[k].cvar95Down);
        errors[k].push(f[k].cvarSavedStdError!);
      }
    }
    const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
    const sd = (x: number[]) => Math.sqrt(x.reduce((a, b) => a + (b - mean(x)) ** 2, 0) / (x.length - 1));
    for (const k of ['plan', 'rule'] as const) {
      expect(mean(errors[k])).toBeGreaterThan(0.75 * sd(saved[k]));
      expect(mean(errors[k])).toBeLessThan(1.25 * sd(saved[k]));
    }
  });

  it('gives a tail on the condors’ max loss, with about k paths there, an error near its spread over seeds, not 0', () => {
    // 2,001 paths: the worst 5% of the ~680 down paths is ~34 paths, and ~24-50 of them end on the
    // condors' max loss; the delta method read 0 on half the seeds (all of the tail on the plateau)
    const cvar: number[] = [];
    const errors: number[] = [];
    for (let seed = 1; seed <= 15; seed++) {
      const f = frontier({ plan: PLAN_INPUT, paths: 2001, seed, budgets: [0] });
      cvar.push(f.unhedged.cvar95Down);
      errors.push(f.unhedged.cvar95DownStdError!);
    }
    const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
    const sd = Math.sqrt(cvar.reduce((a, b) => a + (b - mean(cvar)) ** 2, 0) / (cvar.length - 1));
    expect(mean(errors)).toBeGreaterThan(sd / 2);
    expect(mean(errors)).toBeLessThan(2 * sd);
    // seeds whose tail is all on the plateau, at its edge: an error, not a certainty
    for (const seed of [3, 4, 5, 7, 13]) {
      expect(cvar[seed - 1]).toBeCloseTo(cvar[2]!, 6);
      expect(errors[seed - 1]).toBeGreaterThan(1000);
    }
    // the same bits from two chunks merged
    const input = { plan: PLAN_INPUT, paths: 2001, seed: 3, budgets: [0] };
    const merged = mergeAndSummarizeFrontier([
      runFrontierChunk({ ...input, firstPath: 1001, pathCount: 1000 }),
      runFrontierChunk({ ...input, firstPath: 0, pathCount: 1001 }),
    ]);
    expect(merged.unhedged.cvar95DownStdError).toBe(errors[2]);
  });

  it('warns when the plan’s hedges raise the CVaR 95 on down paths by more than 2 errors, as the Monte Carlo does', () => {
    // short 3 VIX calls: they lose where SPX falls and VIX spikes
    const f = summarizeFrontier(withPlan((j) => -3 * base.hedges[call]![j]!));
    const rise = f.plan.cvar95Down - f.unhedged.cvar95Down;
    expect(rise).toBeGreaterThan(2 * f.plan.cvarSavedStdError!);
    const usd = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;
    expect(f.warnings).toContain(
      `The plan's hedges as sized raise the CVaR 95 on down paths from a loss of ${usd(f.unhedged.cvar95Down)} (the condors alone) to a loss of ${usd(f.plan.cvar95Down)} ` +
        `(+${usd(rise)} ± ${usd(f.plan.cvarSavedStdError!)}, the standard error of the difference on the same paths): on the worst 5% of the paths where SPX falls ` +
        'they lose more than they protect, so this book is riskier than the condors by that measure.',
    );
    expect(f.warnings.some((w) => w.startsWith("The literal rule's"))).toBe(false);
    // a rise within 2 errors is the paths' noise: no warning
    const noise = summarizeFrontier(withPlan((j) => -0.02 * base.hedges[call]![j]! + 1000 * wiggle(j)));
    expect(noise.plan.cvar95Down).toBeGreaterThan(noise.unhedged.cvar95Down);
    expect(noise.plan.cvar95Down - noise.unhedged.cvar95Down).toBeLessThan(2 * noise.plan.cvarSavedStdError!);
    expect(noise.warnings.some((w) => w.includes('raise the CVaR 95'))).toBe(false);
  });

  it('warns of the literal rule too (its VIX calls made to lose), in the risk-neutral words on those paths', () => {
    const losing = Float64Array.from(base.hedges[call]!, (x) => -x);
    const p: FrontierPartial = {
      ...base,
      measure: 'risk-neutral',
      hedges: base.hedges.map((x, k) => (k === call ? losing : x)),
    };
    const f = summarizeFrontier(p);
    expect(f.rule.cvar95Down - f.unhedged.cvar95Down).toBeGreaterThan(2 * f.rule.cvarSavedStdError!);
    expect(f.warnings).toContainEqual(
      expect.stringMatching(
        /^The literal rule's hedges \(uncapped\) raise the CVaR 95 on down paths from a loss of \$[\d,]+ \(the condors alone\) to a loss of \$[\d,]+ \(\+\$[\d,]+ ± \$[\d,]+, .*a pricing check, not a risk figure: run the real-world measure to judge the risk\.$/,
      ),
    );
  });
});
