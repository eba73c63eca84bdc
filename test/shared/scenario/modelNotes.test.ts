/**
 * The calibrated model's known biases beside a run's figures: calibrationNotes by starting VIX, and
 * the summary's modelNotes (real-world calibrated runs only), carried through chunks by vix0.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  VIX_BEYOND_HISTORY,
  mergeMonteCarlo,
  reviveMonteCarloPartial,
  runMonteCarloChunk,
  summarizeMonteCarlo,
} from '@alvh/shared';
import { mergeFrontier, runFrontierChunk, summarizeFrontier } from '@alvh/shared/hedge';
import { CALIBRATED, calibrationNotes, RISK_NEUTRAL_NOTE, type CalibratedModel } from '@alvh/shared/calibration';
import { PLAN_INPUT } from '../../helpers/fixtures';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('calibrationNotes', () => {
  it('names, for each starting bucket, the out-of-sample misses outside history’s own noise', () => {
    const high = calibrationNotes(35);
    expect(high).toHaveLength(2);
    expect(high[0]).toMatch(
      /^Checked on 2021-2026 from VIX 30-50, the model's median VIX 21 days later was 27\.5 against history's 24\.8, outside history's 90% interval \(22\.5-25\.9\): it expects VIX to stay higher than it did then\.$/,
    );
    expect(high[1]).toMatch(/median VIX 42 days later was 24\.8 against history's 22\.3/);
    const mid = calibrationNotes(25);
    expect(mid).toEqual([
      "Checked on 2021-2026 from VIX 20-30, the model gave P(VIX > 30) 63 days later as 10.4% against history's 5.06%, outside history's 90% interval (0.55%-9.20%): it overstated that tail then.",
    ]);
    // From VIX 15-20 the one miss (P(VIX > 30) at 63 days) lies inside history's interval: no note.
    expect(CALIBRATED.outOfSampleMisses.some((m) => m.startVix[0] === 15 && m.withinHistoryNoise)).toBe(true);
    expect(calibrationNotes(17)).toEqual([]);
    expect(calibrationNotes(12)).toEqual([]);
    // no check starts from VIX 50 up or below 10: the note says the figures are the model's alone
    expect(calibrationNotes(52.33)).toEqual([
      'No out-of-sample check starts from VIX 52.33 (the checks start from VIX 10-50, on 2021-2026): the figures here rest on the model beyond the levels it was checked from.',
    ]);
    expect(calibrationNotes(50)).toHaveLength(1);
    expect(calibrationNotes(9.5)[0]).toMatch(/^No out-of-sample check starts from VIX 9\.50/);
  });

  it('reads the bucket as [lo, hi): VIX 30 is in 30-50, 29.99 in 20-30', () => {
    expect(calibrationNotes(30)).toHaveLength(2);
    expect(calibrationNotes(29.99)).toHaveLength(1);
  });

  it('says which way a miss leans', () => {
    const low: CalibratedModel = {
      ...CALIBRATED,
      outOfSampleMisses: [
        {
          startVix: [10, 15],
          horizonDays: 42,
          figure: 'median',
          model: 12,
          history: 14.8,
          historyInterval: [13.9, 16.4],
          withinHistoryNoise: false,
        },
        {
          startVix: [10, 15],
          horizonDays: 63,
          figure: 'P(VIX > 40)',
          model: 0.001,
          history: 0.02,
          historyInterval: [0.005, 0.04],
          withinHistoryNoise: false,
        },
      ],
    };
    const [median, tail] = calibrationNotes(13, low);
    expect(median).toMatch(/it expects VIX lower than it was then\.$/);
    expect(tail).toMatch(
      /P\(VIX > 40\) 63 days later as 0\.10% against history's 2\.00%.*it understated that tail then\.$/,
    );
  });

  it('rejects a VIX that is not a positive number, naming the field and the fix', () => {
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, '20' as unknown as number]) {
      expect(() => calibrationNotes(bad)).toThrow(/vix.*pass the VIX level at the start of the run in points/);
    }
  });
});

describe('the summary’s modelNotes', () => {
  const part = runMonteCarloChunk({ plan: PLAN_INPUT, paths: 400, seed: 3, horizonDays: 45 });

  it('is empty from VIX 17.5 and names the biases from VIX 35 (real-world, calibrated)', () => {
    expect(part.vix0).toBe(17.5);
    expect(summarizeMonteCarlo(part).modelNotes).toEqual([]);
    expect(summarizeMonteCarlo({ ...part, vix0: 35 }).modelNotes).toEqual(calibrationNotes(35));
  });

  it('says what a risk-neutral figure is, and is empty for the real-world square-root dynamics', () => {
    // a deep out-of-the-money put ended −$543 ± $110 on a $3,021 mark there, unsaid beside it
    expect(summarizeMonteCarlo({ ...part, vix0: 35, measure: 'risk-neutral' }).modelNotes).toEqual([RISK_NEUTRAL_NOTE]);
    expect(summarizeMonteCarlo({ ...part, vix0: 35, dynamics: 'sqrt-legacy' }).modelNotes).toEqual([]);
  });

  it('comes through a run started at VIX 35, and chunks of different starting VIX do not merge', () => {
    const stressed = {
      ...PLAN_INPUT,
      market: {
        ...PLAN_INPUT.market,
        vix: 35,
        vvix: 130,
        futures: [
          { expiry: '2026-12-16', price: 31 },
          { expiry: '2027-01-20', price: 28.5 },
          { expiry: '2027-02-17', price: 27 },
          { expiry: '2027-03-17', price: 26 },
        ],
      },
    };
    const run = runMonteCarloChunk({ plan: stressed, paths: 300, seed: 3, horizonDays: 45 });
    expect(summarizeMonteCarlo(run).modelNotes).toEqual(calibrationNotes(35));
    const a = runMonteCarloChunk({
      plan: PLAN_INPUT,
      paths: 400,
      seed: 3,
      horizonDays: 45,
      firstPath: 0,
      pathCount: 200,
    });
    const b = runMonteCarloChunk({
      plan: PLAN_INPUT,
      paths: 400,
      seed: 3,
      horizonDays: 45,
      firstPath: 200,
      pathCount: 200,
    });
    expect(mergeMonteCarlo([a, b]).vix0).toBe(17.5);
    expect(() => mergeMonteCarlo([a, { ...b, vix0: 35 }])).toThrow(/different run/);
  });

  it('a chunk that comes back through JSON with no positive vix0 is rejected, naming the field', () => {
    const arrays = Object.fromEntries(
      Object.entries(part).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]),
    );
    expect(reviveMonteCarloPartial(arrays).vix0).toBe(17.5);
    const json: Record<string, unknown> = { ...arrays, vix0: 0 };
    expect(() => reviveMonteCarloPartial(json)).toThrow(/vix0.*above 0/);
    delete json['vix0'];
    expect(() => reviveMonteCarloPartial(json)).toThrow(/vix0/);
  });
});

describe('the frontier’s modelNotes', () => {
  it('are the Monte Carlo’s: none from VIX 17.5, the VIX 35 biases from there, the measure’s note in the risk-neutral one', () => {
    const part = runFrontierChunk({ plan: PLAN_INPUT, paths: 300, seed: 3 });
    expect([part.vix0, part.dynamics]).toEqual([17.5, 'calibrated']);
    expect(summarizeFrontier(part).modelNotes).toEqual([]);
    expect(summarizeFrontier({ ...part, vix0: 35 }).modelNotes).toEqual(calibrationNotes(35));
    expect(summarizeFrontier({ ...part, vix0: 35, measure: 'risk-neutral' }).modelNotes).toEqual([RISK_NEUTRAL_NOTE]);
    expect(summarizeFrontier({ ...part, vix0: 35, dynamics: 'sqrt-legacy' }).modelNotes).toEqual([]);
    expect(() => mergeFrontier([part, { ...part, firstPath: 300, vix0: 35 }])).toThrow(/different frontier run/);
  });
});

describe('the summary’s notes: what its figures say that a reader could miss', () => {
  it('says when the hedges raise the CVaR 95 and when rebalancing grows the tail several-fold', () => {
    const body = JSON.parse(readFileSync(resolve(root, 'docs/examples/montecarlo.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    // an "overlay" of twice the condor's call side: the rallies through its call wing cost three times
    const { book } = body as { book: { condor: { type: string; quantity: number }[] } };
    const overlay = book.condor.filter((l) => l.type === 'call').map((l) => ({ ...l, quantity: 2 * l.quantity }));
    const part = runMonteCarloChunk({ ...body, book: { ...book, overlay }, firstPath: 0, pathCount: 1000 });
    const s = summarizeMonteCarlo(part);
    expect(s.alvh.cvar95 - s.condor.cvar95).toBeGreaterThan(
      2 * Math.max(s.condor.cvar95StdError!, s.alvh.cvar95StdError!),
    );
    // after the tail's rolls (the book's run rolls it twice), what the figures say
    expect(s.notes[0]).toMatch(/^The tail rolls as the method picks its expiry/);
    expect(s.notes[1]).toMatch(
      /^The hedges raise the CVaR 95 from a loss of \$[\d,]+ \(the condor alone\) to a loss of \$[\d,]+:/,
    );
    expect(s.notes[1]).toMatch(/so this book is riskier than the condor by that measure\.$/);
    // The same paths read as risk-neutral: a pricing check, which the note says rather than call the book riskier.
    const rn = summarizeMonteCarlo({ ...part, measure: 'risk-neutral' });
    expect(rn.notes[1]).toMatch(/risk-neutral paths .* a pricing check, not a risk figure: run the real-world measure/);
    expect(rn.notes[1]).not.toMatch(/riskier/);
    expect(s.tailContractsEndMean).toBeGreaterThan(2 * s.tailContractsStart);
    expect(s.notes[2]).toMatch(new RegExp(`^Rebalancing grows the tail from ${s.tailContractsStart} to `));
  });

  it('weighs a raised CVaR against the error of the difference on the same paths, not against each CVaR’s own', () => {
    const body = JSON.parse(readFileSync(resolve(root, 'docs/examples/montecarlo.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const part = runMonteCarloChunk({ ...body, firstPath: 0, pathCount: 1000 });
    // the hedged book's P&L (a tail not pinned at the max loss) as the base, and again less `cost` a path
    const base = part.book;
    const raised = (cost: number) => summarizeMonteCarlo({ ...part, condor: base, book: base.map((x) => x - cost) });
    const says = (cost: number) => raised(cost).notes.some((n) => n.startsWith('The hedges raise the CVaR 95'));
    // a cent on every path: noise
    expect(raised(0.01).alvh.cvar95 - raised(0.01).condor.cvar95).toBeCloseTo(0.01, 6);
    expect(says(0.01)).toBe(false);
    // 1% of the condor's CVaR on every path is a real rise, though well within each CVaR's own error:
    // the book and the condor move together, so their difference is known to the cent
    const cvar = raised(0).condor.cvar95;
    const s = raised(0.01 * cvar);
    expect(s.alvh.cvar95 - s.condor.cvar95).toBeLessThan(2 * s.condor.cvar95StdError!);
    expect(says(0.01 * cvar)).toBe(true);
    // under 0.5% of the condor's CVaR is not worth a note either way
    expect(says(0.004 * s.condor.cvar95)).toBe(false);
  });

  it('counts the paths that reach beyond anything VIX has shown on any day, and says what they move', () => {
    const body = JSON.parse(readFileSync(resolve(root, 'docs/examples/montecarlo.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const part = runMonteCarloChunk({ ...body, firstPath: 0, pathCount: 4000 });
    const ending = Array.from(part.vixEnd).filter((v) => v > VIX_BEYOND_HISTORY).length;
    const beyond = Array.from(part.vixMax).filter((v) => v > VIX_BEYOND_HISTORY).length;
    // some paths pass VIX 150 and fall back by the horizon: the note counted only those ending there
    expect(ending).toBeGreaterThan(0);
    expect(beyond).toBeGreaterThan(ending);
    for (let i = 0; i < part.pathCount; i++) expect(part.vixMax[i]!).toBeGreaterThanOrEqual(part.vixEnd[i]!);
    const note = summarizeMonteCarlo(part).notes.find((n) => n.includes('reach VIX above'));
    expect(note).toMatch(
      new RegExp(`^${beyond} of 4,000 paths \\(0\\.\\d+%\\) reach VIX above 150 \\(${ending} ending there\\), `),
    );
    // and what the hedges give up on the other paths alone, against all, each path's condor less its book
    let within = 0;
    for (let i = 0; i < part.pathCount; i++)
      if (part.vixMax[i]! <= VIX_BEYOND_HISTORY) within += part.condor[i]! - part.book[i]!;
    const s = summarizeMonteCarlo(part);
    const usd = (x: number) => `${x < 0 ? '−' : ''}$${Math.round(Math.abs(x)).toLocaleString('en-US')}`;
    expect(note).toMatch(/not the percentiles or the CVaR 95 much; without them the hedge carry is /); // several paths beyond
    expect(note).toContain(
      `without them the hedge carry is ${usd(within / (part.pathCount - beyond))} a path, against ${usd(s.hedgeCarry)} on all.`,
    );
  });

  it('says a VaR 95 below 0 is a gain, as fewer than 5% of the paths lose', () => {
    const body = JSON.parse(readFileSync(resolve(root, 'docs/examples/montecarlo.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const part = runMonteCarloChunk({ ...body, firstPath: 0, pathCount: 2000 });
    const gain = (d: number) => part.book.map((x) => x + d);
    const lossy = summarizeMonteCarlo(part);
    expect(lossy.notes.some((n) => n.includes('VaR 95 is a gain'))).toBe(false);
    // every book path lifted by its own worst loss and $1,000: none loses
    const lift = -Math.min(...part.book) + 1000;
    const s = summarizeMonteCarlo({ ...part, book: gain(lift) });
    expect(s.alvh.var95).toBeLessThan(0);
    // in words, with no sign: the summary states VaR as a loss (below 0 here), the page as P&L (above 0)
    const note = s.notes.find((n) => n.includes('VaR 95 is a gain'));
    expect(note).toBe(
      `The book's VaR 95 is a gain of $${Math.round(-s.alvh.var95).toLocaleString('en-US')}: fewer than 5% of paths lose money (P(loss) 0.0%), so even the ⌈5% n⌉-th worst path gains.`,
    );
  });

  it("gives the hedge carry its standard error, the paths' condor less book averaged over antithetic pairs", () => {
    const body = JSON.parse(readFileSync(resolve(root, 'docs/examples/montecarlo.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const part = runMonteCarloChunk({ ...body, firstPath: 0, pathCount: 4000 });
    const s = summarizeMonteCarlo(part);
    const pairs: number[] = [];
    for (let i = 0; i < part.pathCount; i += 2)
      pairs.push(0.5 * (part.condor[i]! - part.book[i]! + part.condor[i + 1]! - part.book[i + 1]!));
    const m = pairs.reduce((a, b) => a + b, 0) / pairs.length;
    const sd = Math.sqrt(pairs.reduce((a, b) => a + (b - m) ** 2, 0) / (pairs.length - 1));
    expect(m).toBeCloseTo(s.hedgeCarry, 6);
    expect(s.hedgeCarryStdError).toBeCloseTo(sd / Math.sqrt(pairs.length), 6);
    expect(s.hedgeCarryStdError!).toBeGreaterThan(0);
  });

  it('stays empty when the hedges lower the CVaR and the tail keeps its size', () => {
    // the docs example's condor with an overlay that closes it (each leg bought back) and no tail:
    // the book carries only the trading costs, far below the condor's CVaR
    const body = JSON.parse(readFileSync(resolve(root, 'docs/examples/montecarlo.json'), 'utf8')) as {
      book: { condor: { quantity: number }[] } & Record<string, unknown>;
    };
    const overlay = body.book.condor.map((l) => ({ ...l, quantity: -l.quantity }));
    const s = summarizeMonteCarlo(
      runMonteCarloChunk({ ...body, book: { ...body.book, overlay, tail: [] }, firstPath: 2000, pathCount: 2000 }),
    );
    expect(s.alvh.cvar95).toBeLessThanOrEqual(s.condor.cvar95);
    expect(s.market.vix.p99).toBeLessThan(VIX_BEYOND_HISTORY); // (paths 2000-3999 have none above it)
    expect(s.tailContractsEndMean).toBeLessThanOrEqual(2 * s.tailContractsStart);
    expect(s.notes).toEqual([]);
  });
});
