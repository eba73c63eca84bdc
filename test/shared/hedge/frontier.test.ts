import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  InputValidationError,
  MAX_FRONTIER_SEARCH_WORK,
  MAX_FRONTIER_WORK,
  checkFrontierSearch,
  checkFrontierWork,
  frontier,
  FRONTIER_PILOT_PATHS,
  frontierPathLimit,
  frontierSetupPathLimit,
  frontierSearchWork,
  frontierSetup,
  frontierWords,
  mergeFrontier,
  mostFrontierPaths,
  plan,
  planGapWords,
  runFrontierChunk,
  runMonteCarloChunk,
  summarizeFrontier,
  type FrontierPoint,
  type FrontierResult,
} from '@alvh/shared';
import { PLAN_EXAMPLE } from '../../../functions/src/handlers/examples';
import { PLAN_INPUT } from '../../helpers/fixtures';
import { errorOf } from '../../helpers/errors';

const RUN = { plan: PLAN_INPUT, paths: 4000, seed: 11 };

describe('budget frontier on the 2026-11-20 plan (4,000 paths, seed 11)', () => {
  let f: FrontierResult;
  beforeAll(() => {
    f = frontier(RUN);
  });

  it("runs a ladder of 11 budgets from 0 to the full hedge's cost, the literal rule's overlay and tail", () => {
    const pl = plan(PLAN_INPUT);
    expect(f.points).toHaveLength(11);
    expect(f.points[0]!.budget).toBe(0);
    expect(f.literalTailCost).toBeCloseTo(pl.tail.requiredCost, 6);
    expect(pl.overlay.requiredCost).toBeGreaterThan(0);
    // the full cost rounded up to the cent
    const full = pl.overlay.requiredCost + pl.tail.requiredCost;
    expect(f.points.at(-1)!.budget).toBe(Math.ceil(full * 100) / 100);
    // so the literal rule's own mix is on the ladder
    expect(f.rule.cost).toBeLessThanOrEqual(f.points.at(-1)!.budget);
    // the drawdown loss unhedged is the plan's condor loss in the same scenario
    expect(f.loss).toBeCloseTo(pl.scenario.condorLoss, 6);
    expect(f.unhedged.drawdownLoss).toBeCloseTo(pl.scenario.condorLoss, 6);
  });

  it("states the drawdown and analog losses net of the opening fees, as the plan's structure comparison does", () => {
    const pl = plan(PLAN_INPUT);
    const tc = pl.policy.transactionCostPerContract;
    expect(tc).toBeGreaterThan(0);
    for (const c of f.components.filter((x) => x.name !== 'overlay' && x.name !== 'plan')) {
      const s = pl.structures.structures.find((x) => x.structure === c.name)!;
      expect(s.fees).toBeGreaterThan(0);
      // the plan's gain is its value in the scenario less its premium and fees (43,809.86, not 43,811.16)
      expect(c.gain).toBeCloseTo(s.gain, 6);
      c.analogGains.forEach((g, i) => expect(g).toBeCloseTo(s.analogs[i]!.gain, 6));
    }
    // every component, the overlay and the plan's own hedges too, pays its fees beyond the premium:
    // without them (no transaction cost) each gain is larger by exactly its fees
    const free = frontierSetup({
      ...RUN,
      paths: 2,
      plan: { ...PLAN_INPUT, policy: { ...PLAN_INPUT.policy, transactionCostPerContract: 0 } },
    }).frame.components;
    const setup = frontierSetup({ ...RUN, paths: 2 });
    setup.frame.components.forEach((c, k) => {
      const fees = tc * setup.componentLegs[k]!.reduce((a, l) => a + Math.abs(l.quantity), 0);
      expect(fees).toBeGreaterThan(0);
      expect(free[k]!.name).toBe(c.name);
      expect(free[k]!.premium).toBeCloseTo(c.premium, 9);
      expect(free[k]!.gain - c.gain).toBeCloseTo(fees, 9);
      c.analogGains.forEach((g, i) => expect(free[k]!.analogGains[i]! - g).toBeCloseTo(fees, 9));
    });
    // and the losses are of those net gains: the rule's overlay unit and VIX calls with their fees
    const call = f.components.findIndex((x) => x.name === 'vix-call');
    expect(f.rule.drawdownLoss).toBeCloseTo(
      f.loss - f.rule.overlayUnits * f.components[0]!.gain - f.rule.tailContracts * f.components[call]!.gain,
      6,
    );
  });

  it('is monotone: more budget never gives more downside risk, and never spends more than the budget', () => {
    for (let k = 1; k < f.points.length; k++) {
      expect(f.points[k]!.cvar95Down).toBeLessThanOrEqual(f.points[k - 1]!.cvar95Down);
    }
    for (const p of f.points) expect(p.cost).toBeLessThanOrEqual(p.budget + 1e-6);
    expect(f.points[0]!.cvar95Down).toBe(f.unhedged.cvar95Down);
    // the hedges buy real protection at the top of the ladder on this book
    expect(f.points.at(-1)!.cvar95Down).toBeLessThan(0.5 * f.unhedged.cvar95Down);
  });

  it("matches the plan and the rule with the cheapest of all mixes, not the ladder's (brute force over every mix)", () => {
    const part = runFrontierChunk(RUN);
    const comps = part.frame.components;
    const K = comps.length;
    const down: number[] = [];
    for (let j = 0; j < part.pathCount; j++) if (part.spxEnd[j]! < part.spot0) down.push(j);
    const k = Math.ceil(0.05 * down.length - 1e-9);
    const cvar = (o: number, s: number, t: number) => {
      const x = down.map((j) => part.condor[j]! + o * part.hedges[0]![j]! + (t > 0 ? t * part.hedges[s]![j]! : 0));
      x.sort((a, b) => a - b);
      return -x.slice(0, k).reduce((a, b) => a + b, 0) / k;
    };
    const bmax = Math.max(...part.frame.budgets);
    const top = Math.max(...part.frame.splits);
    const p0 = comps[0]!.premium;
    let mixes = 0;
    for (const [name, m] of [
      ['plan', f.plan],
      ['rule', f.rule],
    ] as const) {
      let best = Infinity;
      for (let o = 0; o * p0 <= top * bmax + 1e-9; o++)
        for (let s = 1; s < K - 1; s++)
          for (let t = 0; o * p0 + t * comps[s]!.premium <= bmax + 1e-9; t++) {
            mixes++;
            const c = o * p0 + t * comps[s]!.premium;
            if (c < best && cvar(o, s, t) <= m.cvar95Down + 1e-9 * (1 + m.cvar95Down)) best = c;
          }
      expect(m.matchedBy, name).not.toBeNull();
      expect(m.matchedBy!.cost, name).toBeCloseTo(best, 6);
      expect(m.matchedBy!.cvar95Down, name).toBeLessThanOrEqual(m.cvar95Down + 1e-6);
      // no more than what the ladder's cheapest matching point costs
      const ladder = f.points.filter((p) => p.cvar95Down <= m.cvar95Down + 1e-9).map((p) => p.cost);
      if (ladder.length > 0) expect(m.matchedBy!.cost).toBeLessThanOrEqual(Math.min(...ladder) + 1e-9);
    }
    expect(mixes).toBeGreaterThan(100);
  });

  it('answers each budget alone as it does in any ladder: the same point, never worse', () => {
    const ladder = [0, 1000, 3000, 5000, 20_000, 50_000, 1e6, 1e9];
    const part = runFrontierChunk({ ...RUN, budgets: ladder });
    const g = summarizeFrontier(part);
    const on = (budgets: number[]) => summarizeFrontier({ ...part, frame: { ...part.frame, budgets } }).points;
    for (const [k, budget] of ladder.entries()) expect(on([budget])).toEqual([g.points[k]]);
    // a ladder's points do not depend on the other rungs either
    expect(on([5000, 1e9])).toEqual([g.points[3], g.points[7]]);
    // and a request of one budget answers the same
    expect(frontier({ ...RUN, budgets: [50_000] }).points).toEqual([g.points[5]]);
  });

  it('spends less than the budget when more units add risk: a large budget keeps the best mix of a small one', () => {
    const g = frontier({ ...RUN, budgets: [20_000, 40_000, 1e9] });
    const [a, b, c] = g.points;
    // the best mix is bought well within $20k; more money buys nothing better, and is not spent
    expect(a!.cost).toBeLessThan(15_000);
    // the same mix (its overlay a smaller share of a larger budget)
    const mix = ({ budget: _b, overlayShare: _s, ...rest }: FrontierPoint) => rest;
    expect(mix(b!)).toEqual(mix(a!));
    expect(mix(c!)).toEqual(mix(a!));
    expect(b!.overlayShare).toBeCloseTo(a!.overlayShare! / 2, 12);
    expect(c!.overlayShare).toBeCloseTo((a!.overlayShare! * 20_000) / 1e9, 12);
    expect(a!.cvar95Down).toBeLessThan(0.5 * g.unhedged.cvar95Down);
  });

  it('is monotone on a wide ladder of uneven steps', () => {
    const budgets = Array.from({ length: 40 }, (_, i) => Math.round(100 * 1.35 ** i));
    const g = frontier({ ...RUN, budgets });
    for (let k = 1; k < g.points.length; k++) {
      expect(g.points[k]!.cvar95Down).toBeLessThanOrEqual(g.points[k - 1]!.cvar95Down);
    }
  });

  it('finds the best whole-unit mix of all those the budget buys (checked against trying every one)', () => {
    const budgets = [0, 400, 1200, 2600, 3300, 4900, 6100, 8000, 20_000];
    // the example plan with its calendar's back put 60 days after the condor (the March 2027
    // monthly), whose best mix at $20,000 includes an overlay unit
    const run = {
      plan: { ...PLAN_EXAMPLE, policy: { overlayBackDays: 60 } },
      paths: 1500,
      seed: 11,
      budgets,
    };
    const part = runFrontierChunk(run);
    const g = summarizeFrontier(part);
    const P = g.components.map((c) => c.premium);
    const down: number[] = [];
    for (let j = 0; j < part.pathCount; j++) if (part.spxEnd[j]! < part.spot0) down.push(j);
    const n = Math.ceil(0.05 * down.length);
    const cvar = (o: number, s: number, t: number) => {
      const v = down.map((j) => part.condor[j]! + o * part.hedges[0]![j]! + t * part.hedges[s]![j]!);
      v.sort((x, y) => x - y);
      return -v.slice(0, n).reduce((a, x) => a + x, 0) / n;
    };
    let overlayChosen = false;
    for (const p of g.points) {
      let best = Infinity;
      for (let o = 0; o * P[0]! <= p.budget; o++)
        for (let s = 1; s < P.length - 1; s++)
          for (let t = 0; o * P[0]! + t * P[s]! <= p.budget; t++) best = Math.min(best, cvar(o, s, t));
      expect(p.cvar95Down, `budget ${p.budget}`).toBeCloseTo(best, 6);
      expect(p.cost).toBeLessThanOrEqual(p.budget + 1e-6);
      // the same budget asked alone
      const alone = summarizeFrontier({ ...part, frame: { ...part.frame, budgets: [p.budget] } }).points[0]!;
      expect(alone.cvar95Down, `budget ${p.budget} alone`).toBeCloseTo(best, 6);
      overlayChosen ||= p.overlayUnits > 0;
    }
    // the check covers mixes with overlay units, not only the tail alone
    expect(overlayChosen).toBe(true);
  });

  it('keeps the overlay within the largest share, and reports the smallest share its units fit in', () => {
    const tailOnly = frontier({ ...RUN, budgets: [2000, 6000, 12_000], splits: [0] });
    for (const p of tailOnly.points) expect([p.overlayUnits, p.split]).toEqual([0, 0]);
    const premium = f.components[0]!.premium;
    const half = frontier({ ...RUN, budgets: [3000, 6000, 12_000, 30_000], splits: [0, 0.25, 0.5] });
    for (const p of half.points) {
      expect(p.overlayUnits * premium).toBeLessThanOrEqual(0.5 * p.budget + 1e-6);
      const fits = [0, 0.25, 0.5].filter((w) => p.overlayUnits * premium <= w * p.budget + 1e-6);
      expect(p.split).toBe(fits[0]);
    }
  });

  it("states the overlay's actual share of the budget beside the split, which is only the smallest cap that admits it", () => {
    // docs/examples/frontier.json: split 0.75 at $6,517.98 read as 75/25, while the tail took 37.7%
    const example = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../docs/examples/frontier.json'), 'utf8'),
    ) as Record<string, unknown>;
    const ex = frontier(example);
    const premium = ex.components[0]!.premium;
    for (const p of ex.points) {
      if (p.budget === 0) {
        expect(p.overlayShare).toBeNull();
        continue;
      }
      expect(p.overlayShare).toBeCloseTo((p.overlayUnits * premium) / p.budget, 12);
      expect(p.overlayShare!).toBeLessThanOrEqual(p.split + 1e-9);
    }
    // at least one point's overlay spends well under its split: the tail took more than 1 − split
    expect(ex.points.some((p) => p.overlayShare !== null && p.split - p.overlayShare > 0.1)).toBe(true);
  });

  it('with splits [0] (tail only) the cheapest match of the plan and the rule has a finite budget and no overlay', () => {
    const example = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../docs/examples/plan.json'), 'utf8'),
    ) as unknown;
    const tailOnly = frontier({ plan: example, paths: 1000, seed: 1, splits: [0] });
    const matched = [tailOnly.plan.matchedBy, tailOnly.rule.matchedBy].filter((m) => m !== null);
    expect(matched.length).toBeGreaterThan(0);
    for (const m of matched) {
      expect(Number.isFinite(m!.budget)).toBe(true);
      expect([m!.overlayUnits, m!.split]).toEqual([0, 0]);
      expect(m!.budget).toBeCloseTo(m!.cost, 9);
    }
  });

  it('CVaR on down paths is the mean of the worst 5% of the book’s P&L where SPX ends lower', () => {
    const part = runFrontierChunk(RUN);
    const down: number[] = [];
    for (let j = 0; j < part.pathCount; j++) if (part.spxEnd[j]! < part.spot0) down.push(part.condor[j]!);
    down.sort((x, y) => x - y);
    const k = Math.ceil(0.05 * down.length);
    const cvar = -down.slice(0, k).reduce((a, x) => a + x, 0) / k;
    expect(f.downPaths).toBe(down.length);
    expect(f.unhedged.cvar95Down).toBeCloseTo(cvar, 6);
    // a condor cannot lose more than its max loss (plus nothing: no hedge here)
    expect(f.unhedged.cvar95Down).toBeLessThanOrEqual(f.maxLoss + 1e-6);
  });

  it('scores each option structure by downside CVaR saved per dollar, recomputed here from the paths', () => {
    const part = runFrontierChunk(RUN);
    const names = f.components.map((c) => c.name);
    expect(f.structures.map((s) => s.structure)).toEqual(names.slice(1, -1));
    for (const s of f.structures) {
      const k = names.indexOf(s.structure);
      const c = f.components[k]!;
      expect(s.units).toBe(Math.floor(f.literalTailCost / c.premium + 1e-9));
      expect(s.cost).toBeCloseTo(s.units * c.premium, 6);
      expect(s.cost).toBeLessThanOrEqual(f.literalTailCost + 1e-6);
      // the book with those units, on the down paths: mean of the worst ceil(5%) P&Ls
      const down: number[] = [];
      for (let j = 0; j < part.pathCount; j++)
        if (part.spxEnd[j]! < part.spot0) down.push(part.condor[j]! + s.units * part.hedges[k]![j]!);
      down.sort((x, y) => x - y);
      const n = Math.ceil(0.05 * down.length);
      const cvar = -down.slice(0, n).reduce((a, x) => a + x, 0) / n;
      expect(s.cvar95Down).toBeCloseTo(cvar, 6);
      expect(s.cvarSaved).toBeCloseTo(f.unhedged.cvar95Down - cvar, 6);
      if (s.units > 0) {
        expect(s.cvarSavedPerDollar).toBeCloseTo(s.cvarSaved / s.cost, 9);
        expect(Number.isFinite(s.cvarSavedPerDollar)).toBe(true);
      } else expect(s.cvarSavedPerDollar).toBeNull();
    }
    // on this book the put spread, which pays where the condor's put wing loses, saves the most
    const best = [...f.structures].sort(
      (a, b) => (b.cvarSavedPerDollar ?? -Infinity) - (a.cvarSavedPerDollar ?? -Infinity),
    )[0]!;
    expect(best.structure).toBe('spx-put-spread');
  });

  it('marks the plan on the same paths: condors + the plan’s hedges equal the Monte Carlo’s book, path by path', () => {
    const part = runFrontierChunk(RUN);
    const mc = runMonteCarloChunk({ plan: PLAN_INPUT, paths: 4000, seed: 11, rebalance: false });
    const planK = part.hedges.length - 1;
    for (let j = 0; j < 4000; j += 97) {
      expect(part.condor[j]).toBeCloseTo(mc.condor[j]!, 6);
      expect(part.condor[j]! + part.hedges[planK]![j]!).toBeCloseTo(mc.book[j]!, 6);
      expect(part.spxEnd[j]).toBe(mc.spxEnd[j]);
    }
    const pl = plan(PLAN_INPUT);
    expect(f.plan.cost).toBeCloseTo(pl.overlay.cost + pl.tail.cost, 0);
    expect(f.plan.tailContracts).toBe(pl.tail.contracts);
    expect(f.plan.overlayUnits).toBe(pl.overlay.units);
    // the frontier's best at the plan's cost is at least as good as the plan (it may spend less)
    if (f.plan.matchedBy !== null) expect(f.plan.matchedBy.cost).toBeLessThanOrEqual(f.plan.cost + 1e-6);
  });

  it('merges chunks exactly: two chunks give the one-run frontier bit for bit', () => {
    const a = runFrontierChunk({ ...RUN, firstPath: 0, pathCount: 1500 });
    const b = runFrontierChunk({ ...RUN, firstPath: 1500, pathCount: 2500 });
    const merged = summarizeFrontier(mergeFrontier([b, a]));
    expect(merged).toEqual(f);
    // through JSON (plain arrays), as chunks come back from other hosts
    const viaJson = (p: typeof a) =>
      JSON.parse(JSON.stringify(p, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v))) as typeof a;
    expect(summarizeFrontier(mergeFrontier([viaJson(a), viaJson(b)]))).toEqual(f);
    expect(
      errorOf(() => mergeFrontier([a, runFrontierChunk({ ...RUN, seed: 12, firstPath: 1500, pathCount: 2500 })])).field,
    ).toBe('parts[1]');
    expect(errorOf(() => mergeFrontier([a, a])).field).toBe('parts[1].firstPath');
    // a chunk's words count the paths its figures are over, not the run's
    const chunk = summarizeFrontier(mergeFrontier([b]));
    expect(frontierWords(chunk)).toMatch(
      /^On the budget frontier \(2,500 of 4,000 \(from path 1,500\) real-world paths/,
    );
    expect(frontierWords(f)).toMatch(/^On the budget frontier \(4,000 real-world paths/);
  });

  it('says in words where the plan sits on its frontier, after the gap the plan states', () => {
    const pl = plan(PLAN_INPUT);
    const words = planGapWords(pl, f);
    expect(words.startsWith(pl.structures.summary)).toBe(true);
    const usd = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;
    expect(words).toContain(
      `the plan's ${usd(f.plan.cost)} of hedges (before fees) leave ${usd(f.plan.cvar95Down)} against ${usd(f.unhedged.cvar95Down)} unhedged`,
    );
    expect(words).toContain(`the literal rule (${usd(f.rule.cost)} uncapped)`);
    expect(words).toMatch(/Covering 50% of the \$[\d,]+ drawdown loss costs \$[\d,]+ with /);
    expect(planGapWords(pl)).toBe(pl.structures.summary);
    expect(errorOf(() => planGapWords({ ...pl, valuationDate: '2026-11-19' }, f)).field).toBe('frontier');
  });

  it('is reproducible from its seed, and another seed gives other paths', () => {
    expect(frontier(RUN)).toEqual(f);
    // The condor's CVaR can sit at its max loss under both seeds; the down paths and the hedged
    // points' risk are what another set of paths changes.
    const other = frontier({ ...RUN, seed: 12 });
    expect(other.downPaths).not.toBe(f.downPaths);
    expect(other.points.map((p) => p.cvar95Down)).not.toEqual(f.points.map((p) => p.cvar95Down));
  });
});

describe('frontier on a plan marked on its own surface (market.indices)', () => {
  const withIndices = {
    ...PLAN_INPUT,
    market: { ...PLAN_INPUT.market, indices: { vix9d: 16.4, vix3m: 19.3, vix6m: 20.5, skew: 141 } },
  };

  it('prices its components and the unhedged loss on the plan’s surface, not on the VIX alone', () => {
    const pl = plan(withIndices);
    const f = frontier({ plan: withIndices, paths: 500, seed: 3 });
    expect(f.unhedged.drawdownLoss).toBeCloseTo(pl.scenario.condorLoss, 6);
    expect(f.components.find((c) => c.name === 'overlay')!.premium).toBeCloseTo(pl.overlay.unitCost, 6);
    expect(f.literalTailCost).toBeCloseTo(pl.tail.requiredCost, 6);
    // the surface matters here: the VIX-only marks give another loss, so the check above can fail
    expect(Math.abs(plan(PLAN_INPUT).scenario.condorLoss - pl.scenario.condorLoss)).toBeGreaterThan(100);
  });

  it('marks the plan on the Monte Carlo’s paths: condors + hedges equal its book, path by path', () => {
    const run = { plan: withIndices, paths: 500, seed: 3 };
    const part = runFrontierChunk(run);
    const mc = runMonteCarloChunk({ ...run, rebalance: false });
    const planK = part.hedges.length - 1;
    for (let j = 0; j < 500; j += 37) {
      expect(part.condor[j]).toBeCloseTo(mc.condor[j]!, 6);
      expect(part.condor[j]! + part.hedges[planK]![j]!).toBeCloseTo(mc.book[j]!, 6);
    }
  });
});

describe('frontier on a plan whose vix-call-diagonal overlay the futures cannot build', () => {
  it('searches the tail structures alone, and says the overlay has no unit today', () => {
    const input = { ...PLAN_INPUT, policy: { overlay: 'vix-call-diagonal' as const, diagonalMinDays: 120 } };
    expect(plan(input).overlay.units).toBe(0);
    const f = frontier({ plan: input, paths: 500, seed: 3 });
    const overlay = f.components.find((c) => c.name === 'overlay')!;
    expect(overlay).toMatchObject({ premium: 0, gain: 0, legs: 0 });
    expect(overlay.description).toBe(
      "the vix-call-diagonal overlay: no unit can be built today (the plan's warnings say why)",
    );
    expect(f.points.every((p) => p.overlayUnits === 0)).toBe(true);
    expect(f.points.at(-1)!.cvar95Down).toBeLessThan(f.unhedged.cvar95Down);
  });
});

describe('frontier input and limits', () => {
  it('names the field and the fix of bad input', () => {
    const e = errorOf(() => frontierSetup({ plan: PLAN_INPUT, budgets: [1000, -5] }));
    expect(e).toBeInstanceOf(InputValidationError);
    expect(e.field).toBe('budgets[1]');
    expect(e.message).toBe('budgets[1]: is -5; pass budgets ≥ 0 USD');
    expect(errorOf(() => frontierSetup({ plan: PLAN_INPUT, budgets: [1e12] })).message).toBe(
      'budgets[0]: is 1e+12; pass budgets of at most 1,000,000,000 USD',
    );
    expect(errorOf(() => frontierSetup({ plan: PLAN_INPUT, splits: [1.5] })).message).toMatch(
      /pass overlay caps ≤ 1 \(decimals: 0.25 = a quarter of the budget\)/,
    );
    expect(errorOf(() => frontierSetup({ plan: PLAN_INPUT, paths: 10, firstPath: 10 })).field).toBe('firstPath');
    // a policy beside the plan: where it goes, not only "unknown field"
    expect(errorOf(() => frontierSetup({ plan: PLAN_INPUT, policy: { tailCoverage: 2 } } as never)).message).toMatch(
      /a plan carries its own policy, put the overrides in plan\.policy/,
    );
  });

  it("names the ladder's condor past the horizon limit, not plan.condor", () => {
    const ladder = JSON.parse(readFileSync(join(__dirname, '../../../docs/examples/plan-ladder.json'), 'utf8')) as {
      condors: { expiry: string }[];
    };
    ladder.condors[1]!.expiry = '2029-01-19';
    const e = errorOf(() => frontierSetup({ plan: ladder as never }));
    expect(e.code).toBe('limit_exceeded');
    expect(e.field).toBe('plan.condors[1].expiry');
  });

  it('refuses work over paths × steps × legs with a 422 that says to chunk', () => {
    const e = errorOf(() => checkFrontierWork(2_000_000, 2_000_000, 49, 120));
    expect(e.code).toBe('limit_exceeded');
    expect(e.field).toBe('pathCount');
    expect(e.fix).toMatch(/chunk the run/);
    expect(() => checkFrontierWork(20_000, 20_000, 49, 20)).not.toThrow();
    // 120 legs bind below the path-steps: 340,136 paths fit, one more is over 2e9
    expect(() => checkFrontierWork(2_000_000, 340_136, 49, 120)).not.toThrow();
    const work = errorOf(() => checkFrontierWork(2_000_000, 340_137, 49, 120));
    expect(work.message).toBe(
      'pathCount: 340,137 paths × 49 days × 120 legs = 2,000,005,560, over the limit of 2,000,000,000 per call; chunk the run: at most 340,136 paths per call (firstPath, pathCount), then merge the chunks with mergeFrontier',
    );
    expect(340_137 * 49 * 120).toBeGreaterThan(MAX_FRONTIER_WORK);
  });

  it('gives an error of exactly 0 where no path moves it, not the rounding of one (7.7e-13 on the docs example)', () => {
    const ex = JSON.parse(readFileSync(join(__dirname, '../../../docs/examples/frontier.json'), 'utf8')) as object;
    const f = frontier(ex);
    expect(f.unhedged.cvar95DownStdError).toBe(0);
    const errors = [...f.points, ...f.structures].map((x) => x.cvarSavedStdError);
    expect(errors.filter((e) => e !== null && e !== 0 && e < 1e-6)).toEqual([]);
    // the errors that are there stay: the bought points' gaps
    expect(errors.some((e) => e !== null && e > 1)).toBe(true);
  });

  it('runs as many paths for 50 budgets as for one: they share the paths, simulated once', () => {
    const ex = JSON.parse(readFileSync(join(__dirname, '../../../docs/examples/frontier.json'), 'utf8')) as object;
    const budgets = Array.from({ length: 50 }, (_, k) => k * 200);
    // the example request at 60,000 paths: 56 days, 15 legs (it was refused for 50 budgets, 2.52e9 "work")
    const one = { ...ex, budgets: [5000], paths: 60_000, firstPath: 0, pathCount: 1 };
    const fifty = { ...one, budgets };
    expect(() => frontierSetup(fifty)).not.toThrow();
    expect(frontierPathLimit(fifty)).toEqual(frontierPathLimit(one));
    // the path-steps bound: 20,000,000 / 56 days
    expect(frontierPathLimit(fifty)).toEqual({ mostPaths: 357_142, horizonDays: 56, bound: 'path-steps' });
    expect(() => frontierSetup({ ...fifty, paths: 357_142, pathCount: 357_142 })).not.toThrow();
    expect(() => frontierSetup({ ...fifty, paths: 357_143, pathCount: 357_143 })).toThrow(/path-steps/);
  });

  it('names the path-steps limit when that is the one passed, not the work limit', () => {
    // 357,143 paths × 56 days passes 20,000,000 path-steps while … × 15 legs is far under 2e9.
    const e = errorOf(() => checkFrontierWork(2_000_000, 357_143, 56, 15));
    expect(e.field).toBe('pathCount');
    expect(e.message).toMatch(
      /^pathCount: 357,143 paths × 56 days = 20,000,008 path-steps, over the limit of 20,000,000 per call;/,
    );
    expect(e.fix).toMatch(/at most 357,142 paths per call/);
    expect(e.fix).not.toMatch(/budgets/);
  });

  it('refuses a search over its work limit naming the paths and how many fit (a chunk: pathCount)', () => {
    expect(() =>
      checkFrontierSearch(MAX_FRONTIER_SEARCH_WORK, 300, { paths: 20_000, pathCount: 20_000 }),
    ).not.toThrow();
    const e = errorOf(() =>
      checkFrontierSearch(4 * MAX_FRONTIER_SEARCH_WORK, 1600, { paths: 20_000, pathCount: 20_000 }),
    );
    expect(e.code).toBe('limit_exceeded');
    expect(e.message).toBe(
      'paths: is 20,000: the search of 1,600 rows of mixes would take 100M steps, over the limit of 25M; pass at most about 4,500 paths, or fewer condors or a smaller largest budget',
    );
    expect(
      errorOf(() => checkFrontierSearch(4 * MAX_FRONTIER_SEARCH_WORK, 1600, { paths: 40_000, pathCount: 20_000 }))
        .field,
    ).toBe('pathCount');
  });

  it('gives as its path limit the most paths the search fits, where that binds first: those run, more are refused as it says', () => {
    // a 100-lot on the docs example with a $1,000,000 budget: the search binds far below the
    // path-steps limit of 357,142 paths (it gave that, and the run was refused once all had run)
    const ex = JSON.parse(readFileSync(join(__dirname, '../../../docs/examples/frontier.json'), 'utf8')) as {
      plan: { condor: object };
    };
    const big = { ...ex, plan: { ...ex.plan, condor: { ...ex.plan.condor, quantity: 100 } }, budgets: [0, 1e6] };
    const limit = frontierPathLimit(big);
    expect(limit.bound).toBe('search');
    expect(limit.horizonDays).toBe(56);
    expect(limit.mostPaths).toBeLessThan(357_142);
    // the limit the run applies once its paths are run: that many pass the search
    const fits = runFrontierChunk({ ...big, paths: limit.mostPaths });
    expect(frontierSearchWork(fits).work).toBeLessThanOrEqual(MAX_FRONTIER_SEARCH_WORK);
    // well over it, the run's own refusal offers about as many paths as the limit
    const e = errorOf(() => frontier({ ...big, paths: Math.round(1.5 * limit.mostPaths) }));
    expect(e.field).toBe('paths');
    const offered = Number(/pass at most about ([\d,]+) paths/.exec(e.fix)![1]!.replace(/,/g, ''));
    expect(Math.abs(offered - limit.mostPaths) / limit.mostPaths).toBeLessThan(0.1);
    // a ladder the search fits whole is limited by its path-steps, as before
    expect(frontierPathLimit({ ...big, budgets: [0, 100] })).toEqual({
      mostPaths: 357_142,
      horizonDays: 56,
      bound: 'path-steps',
    });
  });

  it('measures the search on the pilot paths it ran, where a setup’s path-steps limit is under the pilot’s 4,000', () => {
    // the docs example's 100-lot with a $10,000,000 budget, its setup's legs padded to 17,857 (copies
    // of its components'): 2,000,000,000 / (56 days × 17,857 legs) = 2,000 paths, the pilot's own
    const ex = JSON.parse(readFileSync(join(__dirname, '../../../docs/examples/frontier.json'), 'utf8')) as {
      plan: { condor: object };
    };
    const big = { ...ex, plan: { ...ex.plan, condor: { ...ex.plan.condor, quantity: 100 } }, budgets: [0, 1e7] };
    const s = frontierSetup({ ...big, paths: FRONTIER_PILOT_PATHS });
    const { condor, overlay } = s.mc.book;
    const legs = 17_857;
    expect(mostFrontierPaths(56, legs)).toBe(2000);
    const padded = Array.from({ length: legs - condor.length }, (_, i) => overlay[i % overlay.length]!);
    const limit = frontierSetupPathLimit({ ...s, mc: { ...s.mc, book: { ...s.mc.book, overlay: padded } } });
    expect(limit.bound).toBe('search');
    expect(limit.mostPaths).toBeLessThan(2000);
    // the run of those 2,000 paths is refused by its search, offering the limit's paths
    const e = errorOf(() => frontier({ ...big, paths: 2000 }));
    expect(e.field).toBe('paths');
    expect(e.fix).toBe(
      `pass at most about ${limit.mostPaths.toLocaleString('en-US')} paths, or fewer condors or a smaller largest budget`,
    );
  });

  it('says the drawdown leaves no loss to cover when it does, and to pass budgets (it said no structure could cover it)', () => {
    const e = errorOf(() => frontierSetup({ plan: { ...PLAN_INPUT, policy: { drawdown: 0.01 } }, paths: 100 }));
    expect(e.field).toBe('budgets');
    expect(e.problem).toMatch(/^the drawdown scenario leaves the book no loss to cover/);
    expect(e.fix).toMatch(/pass budgets in USD/);
    // with budgets it runs
    expect(
      frontierSetup({ plan: { ...PLAN_INPUT, policy: { drawdown: 0.01 } }, paths: 100, budgets: [0, 1000] }).frame.loss,
    ).toBeLessThanOrEqual(0);
  });

  it('warns when too few paths end lower for a CVaR 95 to mean anything', () => {
    // first, the note that the plan's credit is not the surface's price of its condor (every path carries the gap)
    const enough = frontier({ plan: PLAN_INPUT, paths: 1000, seed: 11, budgets: [0] }).warnings;
    expect(enough).toEqual([expect.stringMatching(/^The condor's P&L counts from the credit the plan was sized on, /)]);
    const few = frontier({ plan: PLAN_INPUT, paths: 40, seed: 11, budgets: [0, 3000] });
    expect(few.downPaths).toBeLessThan(181);
    expect(few.warnings).toHaveLength(2);
    expect(few.warnings[0]).toBe(enough[0]);
    expect(few.warnings[1]).toMatch(new RegExp(`^only ${few.downPaths} of 40 paths end with SPX lower`));
    expect(few.warnings[1]).toMatch(/run more paths/);
    // two paths, one of them down: the "CVaR" is that one path
    const one = [1, 2, 3, 4, 5, 6, 7, 8]
      .map((seed) => {
        try {
          return frontier({ plan: PLAN_INPUT, paths: 2, seed, budgets: [0] });
        } catch {
          return undefined; // neither path ends lower
        }
      })
      .find((g) => g?.downPaths === 1);
    expect(one?.warnings[1]).toMatch(/the worst one path alone/);
  });

  it('says first among its warnings that it does not use the positions a plan input carries, and the same points', () => {
    const tail = plan(PLAN_INPUT).book.tail[0]!;
    const held = { ...PLAN_INPUT, positions: [{ ...tail, quantity: 2 }] };
    const run = { paths: 1000, seed: 11, budgets: [0, 3000] };
    const bare = frontier({ plan: PLAN_INPUT, ...run });
    const given = frontier({ plan: held, ...run });
    expect(given.warnings).toEqual([
      "The plan input carries plan.positions, which the frontier does not use: every mix is priced and scored as bought today from nothing held, beside the plan's condors; the orders from the legs held are the plan's (/api/plan, ALVH.ORDERS).",
      ...bare.warnings,
    ]);
    expect(given.points).toEqual(bare.points);
    // chunks of such a run merge, the note kept once
    const parts = [0, 500].map((firstPath) => runFrontierChunk({ plan: held, ...run, firstPath, pathCount: 500 }));
    expect(summarizeFrontier(mergeFrontier(parts)).warnings).toEqual(given.warnings);
  });

  it('says it does not read a campaign the plan input carries, and gives the same points', () => {
    const run = { paths: 1000, seed: 11, budgets: [0, 3000] };
    const bare = frontier({ plan: PLAN_INPUT, ...run });
    const given = frontier({
      plan: { ...PLAN_INPUT, campaign: { budget: 900, paid: { overlay: 0, tail: 800 } } },
      ...run,
    });
    expect(given.warnings).toEqual([
      "The plan input carries plan.campaign, which the frontier does not use: each budget's mixes are bought today within that budget, and the plan marked beside them is sized on today's budget.",
      ...bare.warnings,
    ]);
    expect(given.points).toEqual(bare.points);
  });

  it('sorts user budgets and drops repeats', () => {
    const s = frontierSetup({ plan: PLAN_INPUT, budgets: [5000, 0, 5000, 2500], paths: 100 });
    expect(s.frame.budgets).toEqual([0, 2500, 5000]);
  });
});
