import { describe, expect, it } from 'vitest';
import {
  ScenarioBookInputSchema,
  bsPrice,
  buildTermStructure,
  futureForExpiry,
  markBook,
  parseInput,
  parseIsoDate,
  plan,
  scenarioSource,
  shiftedState,
  markLegs,
  surfacesOf,
} from '../../../shared/src/index';
import {
  MonteCarloCancelled,
  condorHorizonDays,
  mergeMonteCarlo,
  monteCarloSetup,
  reviveMonteCarloPartial,
  type MonteCarloPartial,
  runMonteCarloChunk,
  summarizeMonteCarlo,
} from '../../../shared/src/scenario/montecarlo';
import { compileLegs, dayFactors, legsValue, type PricerMarket } from '../../../shared/src/scenario/pathPricer';
import { describeWithData } from '../../helpers/marketData';
import { REAL_CHAINS, chainMarketState, loadChain, spxLeg, type RealChain } from '../surface/chains';
import { BOOK, PLAN_INPUT } from '../../helpers/fixtures';
import { errorOf } from '../../helpers/errors';
import { docNumber, expectDocSays } from '../../helpers/docs';

const flatPolicy = {
  kappa: 8,
  theta: 20,
  realizedToImplied: 1,
  skew: { putSlope: 0, callSlope: 0, minRatio: 0.5, maxRatio: 3 },
};
const noJumps = { xi: 0, jumpIntensity: 0 };
const constantVolBook = { ...BOOK, vix: 20, overlay: [], tail: [] };

/**
 * Discounted MC price of a held leg set and its standard error, from the P&L of a run: the P&L
 * counts from the book's t = 0 mark (on its surface), so the payoff's mean is P&L + that mark.
 * The paths' SPX vol is VIX/100 × realizedToImplied = 0.2 here (no vol of vol, no jumps), so the
 * expected payoff is Black-Scholes' at 0.2 whatever the surface marks at t = 0.
 */
function mcPrice(book: typeof constantVolBook, antithetic: boolean, paths: number) {
  const sb = scenarioSource({ book: parseInput(ScenarioBookInputSchema, book), policy: flatPolicy }).book;
  const v0 = markBook(sb.condor, shiftedState(sb, 0, sb.spot, sb.vix)).value;
  const s = summarizeMonteCarlo(
    runMonteCarloChunk({
      book,
      policy: flatPolicy,
      dynamics: 'sqrt-legacy',
      model: noJumps,
      paths,
      seed: 99,
      antithetic,
      rebalance: false,
    }),
  );
  const years = s.horizonDays / 365;
  const df = Math.exp(-book.rate * years);
  return { price: df * (s.condor.mean + v0), se: df * s.condor.meanStdError! };
}

describe('Monte Carlo convergence (jumps off, constant vol)', () => {
  const years = 49 / 365;
  const bs = (type: 'call' | 'put', strike: number) =>
    bsPrice({ type, spot: BOOK.spot, strike, years, vol: 0.2, rate: BOOK.rate, divYield: BOOK.divYield });

  it('a European call is within 3 standard errors of Black-Scholes, and antithetic pairs shrink the error', () => {
    const call = [{ kind: 'spx' as const, type: 'call' as const, strike: 5150, expiry: '2024-04-19', quantity: 1 }];
    const closed = bs('call', 5150) * 100;
    const plain = mcPrice({ ...constantVolBook, condor: call }, false, 40_000);
    const anti = mcPrice({ ...constantVolBook, condor: call }, true, 40_000);
    expect(Math.abs(plain.price - closed), `plain ${plain.price} vs ${closed} ± ${plain.se}`).toBeLessThan(
      3 * plain.se,
    );
    expect(Math.abs(anti.price - closed), `antithetic ${anti.price} vs ${closed} ± ${anti.se}`).toBeLessThan(
      3 * anti.se,
    );
    expect(anti.se).toBeLessThan(0.8 * plain.se);
  });

  it('the condor is within 3 standard errors of its closed form', () => {
    const closed = 100 * 10 * (bs('put', 4700) - bs('put', 4750) - bs('call', 5400) + bs('call', 5450));
    const r = mcPrice(constantVolBook, true, 40_000);
    expect(Math.abs(r.price - closed), `${r.price} vs ${closed} ± ${r.se}`).toBeLessThan(3 * r.se);
  });
});

describe('path pricer', () => {
  it('marks the book at t = 0 exactly as markBook does', () => {
    const ts = buildTermStructure({ valuationDate: BOOK.valuationDate, vixSpot: BOOK.vix, futures: BOOK.futures });
    const futureFor = (e: string) => futureForExpiry(ts, e);
    const state = {
      date: BOOK.valuationDate,
      spot: BOOK.spot,
      vix: BOOK.vix,
      rate: BOOK.rate,
      divYield: BOOK.divYield,
      volOfVol: BOOK.volOfVol,
      futureFor,
    };
    const m = {
      rate: BOOK.rate,
      divYield: BOOK.divYield,
      volOfVol: BOOK.volOfVol,
      surfaces: surfacesOf(state),
      kappa: ts.fit.kappa,
      theta: ts.fit.theta,
    };
    const day0 = parseIsoDate('d', BOOK.valuationDate);
    for (const legs of [BOOK.condor, BOOK.overlay, BOOK.tail]) {
      const c = compileLegs(legs, day0, BOOK.vix, m, futureFor, 'legs');
      expect(legsValue(c, 0, BOOK.spot, BOOK.vix, m)).toBeCloseTo(markBook(legs, state).value, 8);
    }
  });
});

describe('reproducibility', () => {
  it('1 × 100k paths equals 4 × 25k merged, bit for bit (fixed book)', () => {
    const base = { book: BOOK, paths: 100_000, seed: 2024, rebalance: false };
    const whole = runMonteCarloChunk(base);
    const parts = [3, 0, 2, 1].map((k) => runMonteCarloChunk({ ...base, firstPath: k * 25_000, pathCount: 25_000 }));
    const merged = mergeMonteCarlo(parts);
    expect(Buffer.from(merged.book.buffer).equals(Buffer.from(whole.book.buffer))).toBe(true);
    expect(Buffer.from(merged.condor.buffer).equals(Buffer.from(whole.condor.buffer))).toBe(true);
    expect(summarizeMonteCarlo(merged)).toEqual(summarizeMonteCarlo(whole));
  });

  it('chunks with the policy on (odd sizes, antithetic pairs split across chunks) merge to the same run', () => {
    const base = { book: BOOK, paths: 6_001, seed: 5 };
    const whole = runMonteCarloChunk(base);
    const merged = mergeMonteCarlo([
      runMonteCarloChunk({ ...base, firstPath: 0, pathCount: 1_999 }),
      runMonteCarloChunk({ ...base, firstPath: 1_999, pathCount: 3_001 }),
      runMonteCarloChunk({ ...base, firstPath: 5_000 }),
    ]);
    expect(Array.from(merged.book)).toEqual(Array.from(whole.book));
    expect(Array.from(merged.rebalances)).toEqual(Array.from(whole.rebalances));
    expect(summarizeMonteCarlo(merged)).toEqual(summarizeMonteCarlo(whole));
    expect(summarizeMonteCarlo(whole).rebalancesMean).toBeGreaterThan(0);
  });

  it('chunks sent as JSON and revived merge to the same bits', () => {
    const base = { book: BOOK, paths: 3_000, seed: 8 };
    const toJson = (x: unknown) =>
      JSON.stringify(x, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
    const whole = runMonteCarloChunk(base);
    const revived = [0, 1, 2].map((k) =>
      reviveMonteCarloPartial(
        JSON.parse(toJson(runMonteCarloChunk({ ...base, firstPath: k * 1_000, pathCount: 1_000 }))),
      ),
    );
    const merged = mergeMonteCarlo(revived);
    expect(Buffer.from(merged.book.buffer).equals(Buffer.from(whole.book.buffer))).toBe(true);
    // mergeMonteCarlo revives parsed JSON parts itself.
    const raw = [0, 1, 2].map((k) =>
      JSON.parse(toJson(runMonteCarloChunk({ ...base, firstPath: k * 1_000, pathCount: 1_000 }))),
    );
    expect(Array.from(mergeMonteCarlo(raw).book)).toEqual(Array.from(whole.book));
    expect(summarizeMonteCarlo(merged)).toEqual(summarizeMonteCarlo(whole));
    const bad = JSON.parse(toJson(runMonteCarloChunk({ ...base, pathCount: 10 }))) as { book: number[] };
    bad.book.pop();
    expect(() => reviveMonteCarloPartial(bad)).toThrowError(expect.objectContaining({ field: 'book' }));
  });

  it('a different seed gives different paths', () => {
    const a = runMonteCarloChunk({ book: BOOK, paths: 100, seed: 1, rebalance: false });
    const b = runMonteCarloChunk({ book: BOOK, paths: 100, seed: 2, rebalance: false });
    expect(Array.from(a.condor)).not.toEqual(Array.from(b.condor));
  });

  it('refuses to merge chunks with a gap or from another run', () => {
    const a = runMonteCarloChunk({ book: BOOK, paths: 300, seed: 1, pathCount: 100, rebalance: false });
    const c = runMonteCarloChunk({ book: BOOK, paths: 300, seed: 1, firstPath: 200, rebalance: false });
    const other = runMonteCarloChunk({
      book: BOOK,
      paths: 300,
      seed: 2,
      firstPath: 100,
      pathCount: 100,
      rebalance: false,
    });
    expect(() => mergeMonteCarlo([a, c])).toThrowError(/firstPath: is 200, expected 100/);
    expect(() => mergeMonteCarlo([a, other])).toThrowError(/different run/);
  });

  it('refuses chunks that leave out the first or the last paths of the run, unless merged to that range', () => {
    const run = { book: BOOK, paths: 201, seed: 1, rebalance: false };
    const head = runMonteCarloChunk({ ...run, pathCount: 64 });
    const middle = runMonteCarloChunk({ ...run, firstPath: 64, pathCount: 73 });
    const tail = runMonteCarloChunk({ ...run, firstPath: 137 });
    // [0, 137) of 201 paths was summarised as a run of 137 paths
    expect(errorOf(() => mergeMonteCarlo([head, middle]))).toMatchObject({
      field: 'parts',
      problem: 'cover paths [0, 137) of the run [0, 201): paths [137, 201) are missing',
    });
    expect(errorOf(() => mergeMonteCarlo([tail, middle])).problem).toBe(
      'cover paths [64, 201) of the run [0, 201): paths [0, 64) are missing',
    );
    expect(errorOf(() => mergeMonteCarlo([middle])).problem).toBe(
      'cover paths [64, 137) of the run [0, 201): paths [0, 64) and [137, 201) are missing',
    );
    expect(mergeMonteCarlo([tail, head, middle]).pathCount).toBe(201);
    // A host merging the pieces of one requested chunk names that chunk's range.
    expect(mergeMonteCarlo([middle, tail], { firstPath: 64, pathCount: 137 }).pathCount).toBe(137);
    expect(errorOf(() => mergeMonteCarlo([middle], { firstPath: 64, pathCount: 137 })).problem).toBe(
      'cover paths [64, 137) of the range [64, 201): paths [137, 201) are missing',
    );
  });

  it('refuses chunks of runs that differ only in the policy, the rebalance switch or the model (their run keys)', () => {
    const run = { book: BOOK, paths: 200, seed: 1, pathCount: 100 };
    const a = runMonteCarloChunk(run);
    const same = runMonteCarloChunk({ ...run, firstPath: 100 });
    expect(same.runKey).toBe(a.runKey);
    expect(a.runKey).toMatch(/^[0-9a-f]{16}$/);
    expect(mergeMonteCarlo([a, same]).pathCount).toBe(200);
    const others = [
      runMonteCarloChunk({ ...run, firstPath: 100, rebalance: false }),
      runMonteCarloChunk({ ...run, firstPath: 100, policy: { transactionCostPerContract: 50 } }),
      runMonteCarloChunk({ ...run, firstPath: 100, dynamics: 'sqrt-legacy', model: { jumpIntensity: 2 } }),
      runMonteCarloChunk({ ...run, firstPath: 100, dynamics: 'sqrt-legacy', model: { jumpIntensity: 3 } }),
    ];
    // Every one of these merged without a word before: seed, paths, horizon, market and book were the same.
    for (const o of others)
      expect(() => mergeMonteCarlo([a, o])).toThrowError(/parts\[1\]: comes from a different run/);
    expect(() => mergeMonteCarlo([others[2]!, { ...others[3]!, firstPath: 0 }])).toThrowError(/different run/);
    // through JSON too: the key travels with the partial
    const json = JSON.parse(
      JSON.stringify(others[1]!, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)),
    ) as MonteCarloPartial;
    expect(() => mergeMonteCarlo([a, json])).toThrowError(/different run/);
  });
});

describe('tails of a single path', () => {
  const notesOf = (paths: number) =>
    summarizeMonteCarlo(runMonteCarloChunk({ book: BOOK, paths, seed: 4, rebalance: false })).notes;
  const single = (notes: readonly string[]) => notes.filter((n) => n.includes('a single path'));

  it('are noted when the worst 5% or 1% is one path: 20 paths both, 21 to 100 the 1%, from 101 neither', () => {
    expect(single(notesOf(20))).toEqual([
      "With 20 paths the worst 5% and the worst 1% are each a single path: CVaR 95, CVaR 99 and hedge effectiveness read that one path's P&L, " +
        'not the mean of a tail; run at least 21 paths for the CVaR 95 and 101 paths for the CVaR 99 to average 2 paths or more.',
    ]);
    const one99 =
      "the worst 1% is a single path: CVaR 99 reads that one path's P&L, not the mean of a tail; " +
      'run at least 101 paths for the CVaR 99 to average 2 paths or more.';
    expect(single(notesOf(21))).toEqual([`With 21 paths ${one99}`]);
    expect(single(notesOf(100))).toEqual([`With 100 paths ${one99}`]);
    expect(single(notesOf(101))).toEqual([]);
  });

  it("21 paths is where the CVaR 95's tail first holds two (its standard error needs two)", () => {
    const error = (n: number) =>
      summarizeMonteCarlo(runMonteCarloChunk({ book: BOOK, paths: n, seed: 4, rebalance: false })).alvh.cvar95StdError;
    expect(error(20)).toBeNull();
    expect(error(21)).toEqual(expect.any(Number));
  });
});

describe('results of the ALVH book', () => {
  const s = summarizeMonteCarlo(runMonteCarloChunk({ book: BOOK, paths: 10_000, seed: 3 }));

  it('reports both distributions, costs, rebalances and hedge effectiveness consistently', () => {
    expect(s.paths).toBe(10_000);
    expect(s.condor.var95).toBeLessThanOrEqual(s.condor.cvar95 + 1e-9);
    expect(s.alvh.var99).toBeLessThanOrEqual(s.alvh.cvar99 + 1e-9);
    // The condor never loses more than its max loss.
    expect(s.condor.min).toBeGreaterThanOrEqual(-s.condorMaxLoss - 1e-6);
    // Max loss + max profit = wing width × 100 × 10 condors (paths ending between the short strikes keep the credit).
    expect(s.condorMaxLoss + s.condor.max).toBeCloseTo(50 * 100 * 10, 6);
    expect(s.rebalancesMean).toBeGreaterThanOrEqual(6); // weekly over 49 days, plus curve-shift triggers
    expect(s.meanTransactionCosts).toBeGreaterThan(0.65 * 26); // at least the initial hedge contracts
    // the cost counts the net premium the rebalances put into the tail, not only today's debit
    expect(s.meanTailOutlay).not.toBe(0);
    expect(s.hedgeCost).toBeCloseTo(s.hedgeDebit + s.meanTailOutlay + s.meanTransactionCosts, 9);
    expect(s.hedgeEffectiveness).toBeCloseTo((s.condor.cvar95 - s.alvh.cvar95) / s.hedgeCost, 12);
    expect(s.histogram.counts[0]!.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(s.histogram.counts[1]!.reduce((a, b) => a + b, 0)).toBe(10_000);
    // The body histogram: every path binned or counted beyond, about 0.5% of both books each side.
    const body = s.bodyHistogram;
    for (const k of [0, 1]) {
      expect(body.counts[k]!.reduce((a, b) => a + b, 0) + body.below[k]! + body.above[k]!).toBe(10_000);
    }
    expect(body.below[0]! + body.below[1]!).toBeLessThanOrEqual(100);
    expect(body.low).toBeGreaterThanOrEqual(Math.min(s.condor.min, s.alvh.min));
    expect(body.high).toBeLessThanOrEqual(Math.max(s.condor.max, s.alvh.max));
  });
});

describe('hedge effectiveness counts the premium the rebalances put in', () => {
  it('a tail opened with one far call for cents and grown along the paths is not thousands per dollar, as docs/scenarios.md quotes', () => {
    const cheap = { ...BOOK, overlay: [], tail: [{ ...BOOK.tail[0]!, strike: 299, quantity: 1 }] };
    const s = summarizeMonteCarlo(
      runMonteCarloChunk({ book: cheap, paths: 4_000, seed: 1, policy: { transactionCostPerContract: 0 } }),
    );
    expect(s.hedgeDebit).toBeLessThan(1);
    expect(s.tailContractsEndMean).toBeGreaterThan(5);
    expect(s.meanTailOutlay).toBeGreaterThan(100);
    expect(s.hedgeCost).toBeCloseTo(s.hedgeDebit + s.meanTailOutlay, 9);
    const saved = s.condor.cvar95 - s.alvh.cvar95;
    expect(s.hedgeEffectiveness).toBeCloseTo(saved / s.hedgeCost, 12);
    // Over today's debit alone the ratio is in the thousands (of either sign); with the outlay it is
    // a few dollars per dollar. The doc quotes this run's figures (the engine is bit-reproducible
    // per seed), rounded as it writes them.
    expect(Math.abs(saved / s.hedgeDebit)).toBeGreaterThan(1_000);
    expect(Math.abs(s.hedgeEffectiveness!)).toBeLessThan(10);
    expectDocSays(
      'scenarios.md',
      `one VIX call at strike 299 costs $${docNumber(s.hedgeDebit, 2)} today, and the rebalances grow it to ` +
        `${docNumber(s.tailContractsEndMean, 1)} calls on average by the horizon (4,000 paths, seed 1, no transaction costs; ` +
        `test/shared/scenario/montecarlo.test.ts). Its hedges ${saved < 0 ? 'raise' : 'lower'} the CVaR 95 by ` +
        `$${docNumber(Math.abs(saved))}, which over today's debit alone reads ${docNumber(saved / s.hedgeDebit)} dollars ` +
        `of CVaR saved per dollar: a ratio over ${docNumber(100 * s.hedgeDebit)} cents of a hedge that goes on to spend ` +
        `thousands. With the $${docNumber(s.meanTailOutlay)} the rebalances spend on average it reads ` +
        `${docNumber(s.hedgeEffectiveness!, 2)}.`,
    );
  });
});

describe('runs the policy cannot run as asked are refused, not run otherwise in silence', () => {
  it('a horizon past the condor expiry: nothing is left to hedge, only the hedges carry', () => {
    const e = errorOf(() => monteCarloSetup({ book: BOOK, paths: 10, horizonDays: 60 }));
    expect([e.field, e.problem]).toEqual(['horizonDays', "is 60, after the condor's expiry 49 days out"]);
    expect(() => monteCarloSetup({ book: BOOK, paths: 10, horizonDays: 49 })).not.toThrow();
  });

  it('a tail of one call in two lines is one line; a tail the policy cannot resize is refused with rebalance on', () => {
    const call = BOOK.tail[0]!;
    const split = {
      ...BOOK,
      tail: [
        { ...call, quantity: 12 },
        { ...call, quantity: call.quantity - 12 },
      ],
    };
    const a = runMonteCarloChunk({ book: split, paths: 400, seed: 2 });
    const b = runMonteCarloChunk({ book: BOOK, paths: 400, seed: 2 });
    expect(a.tailContracts0).toBe(call.quantity);
    expect(Array.from(a.book)).toEqual(Array.from(b.book));
    const spread = { ...BOOK, tail: [call, { ...call, strike: call.strike + 10, quantity: -call.quantity }] };
    const e = errorOf(() => monteCarloSetup({ book: spread, paths: 10 }));
    expect(e.field).toBe('book.tail');
    expect(e.problem).toMatch(/holds 2 different contracts; the policy resizes a tail of one long VIX call/);
    expect(e.fix).toMatch(/rebalance: false/);
    expect(() => monteCarloSetup({ book: spread, paths: 10, rebalance: false })).not.toThrow();
  });

  it('merge refusals name the chunk by its place in the list given, and what differs', () => {
    const run = { book: BOOK, paths: 2_000, rebalance: false };
    const other = runMonteCarloChunk({ ...run, seed: 12, firstPath: 1_000 });
    const first = runMonteCarloChunk({ ...run, seed: 11, pathCount: 1_000 });
    const e = errorOf(() => mergeMonteCarlo([other, first]));
    expect(e.field).toBe('parts[0]');
    expect(e.problem).toBe('comes from a different run: its seed is 12, against 11 in parts[1]');
    const gap = runMonteCarloChunk({ ...run, seed: 11, firstPath: 1_500 });
    expect(errorOf(() => mergeMonteCarlo([gap, first])).field).toBe('parts[0].firstPath');
  });

  it('a partial from elsewhere is refused when it could not have come from a run', () => {
    const p = runMonteCarloChunk({ book: BOOK, paths: 20, rebalance: false });
    const json = JSON.parse(
      JSON.stringify(p, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)),
    ) as Record<string, unknown>;
    expect(errorOf(() => reviveMonteCarloPartial({ ...json, spot0: 0 })).field).toBe('spot0');
    expect(errorOf(() => reviveMonteCarloPartial({ ...json, pathCount: 30 })).field).toBe('pathCount');
    const huge = [...(json['book'] as number[])];
    huge[3] = 1e308;
    expect(errorOf(() => reviveMonteCarloPartial({ ...json, book: huge })).field).toBe('book[3]');
    expect(reviveMonteCarloPartial(json).pathCount).toBe(20);
  });
});

describe('input, limits, progress and cancellation', () => {
  it('rejects bad input naming the field', () => {
    expect(() => runMonteCarloChunk({ book: { ...BOOK, spot: -1 }, paths: 10 })).toThrowError(
      expect.objectContaining({ field: 'book.spot' }),
    );
    expect(() => runMonteCarloChunk({ book: BOOK, paths: 10, firstPath: 10 })).toThrowError(
      expect.objectContaining({ field: 'firstPath' }),
    );
    expect(() => runMonteCarloChunk({ book: BOOK, paths: 10, seed: -1 })).toThrowError(
      expect.objectContaining({ field: 'seed' }),
    );
  });

  it('throws limit_exceeded naming the limit', () => {
    expect(() => monteCarloSetup({ book: BOOK, paths: 3_000_000 })).toThrowError(
      expect.objectContaining({ code: 'limit_exceeded', field: 'paths' }),
    );
    // the count over the limit is named as sent: paths without a pathCount, else pathCount
    expect(() => monteCarloSetup({ book: BOOK, paths: 1_000_000 })).toThrowError(
      expect.objectContaining({ code: 'limit_exceeded', field: 'paths' }),
    );
    expect(() => monteCarloSetup({ book: BOOK, paths: 1_000_000, pathCount: 500_000 })).toThrowError(
      expect.objectContaining({ code: 'limit_exceeded', field: 'pathCount' }),
    );
    expect(() => monteCarloSetup({ book: BOOK, paths: 1_000, horizonDays: 1000 })).toThrowError(
      expect.objectContaining({ code: 'limit_exceeded', field: 'horizonDays' }),
    );
    expect(() => monteCarloSetup({ book: BOOK, paths: 1_000_000, pathCount: 100_000 })).not.toThrow();
  });

  it('a horizon over 730 days names the bound that holds: the condor’s expiry when it comes first', () => {
    const e = errorOf(() => monteCarloSetup({ book: BOOK, paths: 1_000, horizonDays: 5000 }));
    const days = condorHorizonDays({ valuationDate: BOOK.valuationDate, condor: BOOK.condor });
    expect(days).toBeLessThan(730);
    expect([e.code, e.field, e.problem, e.fix]).toEqual([
      'limit_exceeded',
      'horizonDays',
      `is 5000, over the limit of 730 days and after the condor's expiry ${days} days out`,
      `pass at most ${days} days, or leave it out for the condor's expiry`,
    ]);
    // under the limit, the condor's bound alone, in the same words
    expect(errorOf(() => monteCarloSetup({ book: BOOK, paths: 1_000, horizonDays: 700 })).fix).toBe(e.fix);
    // a condor past 730 days: the limit is the bound
    const far = { ...PLAN_INPUT, condor: { ...PLAN_INPUT.condor, expiry: '2028-12-15' } };
    const f = errorOf(() => monteCarloSetup({ plan: far, paths: 1_000, horizonDays: 5000 }));
    expect([f.problem, f.fix]).toEqual(['is 5000, over the limit of 730 days', 'pass a horizon of at most 730 days']);
  });

  it("a condor expiring past the horizon limit, with no horizonDays sent, is named at the condor's expiry", () => {
    // 2028-12-15 is 756 days after 2026-11-20: the plan is made, the Monte Carlo's default horizon is over 730 days.
    const far = { ...PLAN_INPUT, condor: { ...PLAN_INPUT.condor, expiry: '2028-12-15' } };
    expect(() => plan(far)).not.toThrow();
    const e = errorOf(() => monteCarloSetup({ plan: far, paths: 1_000 }));
    expect([e.code, e.field, e.problem, e.fix]).toEqual([
      'limit_exceeded',
      'plan.condor.expiry',
      "is 756 days out: the default horizon is the condor's expiry, over the limit of 730 days",
      'pass horizonDays of at most 730 (in the API), or a condor expiring within 730 days',
    ]);
    const ladder = { ...PLAN_INPUT, condor: undefined, condors: [PLAN_INPUT.condor, far.condor] };
    expect(errorOf(() => monteCarloSetup({ plan: ladder, paths: 1_000 })).field).toBe('plan.condors[1].expiry');
    const book = { ...BOOK, condor: BOOK.condor.map((l, i) => (i === 2 ? { ...l, expiry: '2026-04-17' } : l)) };
    expect(errorOf(() => monteCarloSetup({ book, paths: 1_000 })).field).toBe('book.condor[2].expiry');
    // A horizon that was sent keeps its own words.
    expect(errorOf(() => monteCarloSetup({ plan: far, paths: 1_000, horizonDays: 756 })).field).toBe('horizonDays');
    expect(() => monteCarloSetup({ plan: far, paths: 1_000, horizonDays: 730 })).not.toThrow();
  });

  it('reports progress and stops when asked', () => {
    const seen: number[] = [];
    runMonteCarloChunk({ book: BOOK, paths: 3_000, rebalance: false }, { onProgress: (d) => seen.push(d) });
    expect(seen).toEqual([1024, 2048, 3000]);
    let calls = 0;
    expect(() =>
      runMonteCarloChunk({ book: BOOK, paths: 3_000, rebalance: false }, { shouldCancel: () => ++calls >= 2 }),
    ).toThrowError(MonteCarloCancelled);
  });
});

describe('P&L along a path agrees with markBook at the path end (square-root dynamics, whose futures markBook rebuilds)', () => {
  const book = parseInput(ScenarioBookInputSchema, BOOK);
  // On a path the VX futures follow the dynamics' own model (fitted κ for shocks too).
  const { book: resolved } = scenarioSource({ book });
  const sb = { ...resolved, shockKappa: resolved.kappa };
  const today = shiftedState(sb, 0, sb.spot, sb.vix);
  const v0 = {
    condor: markBook(BOOK.condor, today).value,
    hedges: markBook([...BOOK.overlay, ...BOOK.tail], today).value,
  };
  const openingCosts = 0.65 * (3 + 3 + 20);

  it.each([21, 49])('fixed book, horizon %i days: P&L = markBook at (SPX, VIX) of the path end − today', (h) => {
    const part = runMonteCarloChunk({
      book: BOOK,
      paths: 200,
      seed: 4,
      rebalance: false,
      horizonDays: h,
      dynamics: 'sqrt-legacy',
    });
    for (let i = 0; i < 200; i++) {
      const end = shiftedState(sb, h, part.spxEnd[i]!, part.vixEnd[i]!);
      const condor = markBook(BOOK.condor, end).value - v0.condor;
      const hedges = markBook([...BOOK.overlay, ...BOOK.tail], end).value - v0.hedges;
      expect(part.condor[i]).toBeCloseTo(condor, 6);
      expect(part.book[i]).toBeCloseTo(condor + hedges - openingCosts, 6);
    }
  });

  it('with the policy on, transaction costs come off the P&L one for one and change no decision', () => {
    const run = (cost: number) =>
      runMonteCarloChunk({ book: BOOK, paths: 300, seed: 4, policy: { transactionCostPerContract: cost } });
    const free = run(0);
    const paid = run(2.5);
    expect(Array.from(free.costs).every((c) => c === 0)).toBe(true);
    expect(Array.from(paid.tailContracts)).toEqual(Array.from(free.tailContracts));
    for (let i = 0; i < 300; i++) {
      expect(paid.costs[i]!).toBeGreaterThanOrEqual(2.5 * 26);
      expect(paid.book[i]).toBeCloseTo(free.book[i]! - paid.costs[i]!, 6);
    }
  });

  it('no rebalance falls due within the first week when the curve-shift trigger is out of reach', () => {
    const policy = { curveShiftTrigger: 5 };
    const on = runMonteCarloChunk({ book: BOOK, paths: 300, seed: 4, horizonDays: 7, policy });
    const off = runMonteCarloChunk({ book: BOOK, paths: 300, seed: 4, horizonDays: 7, policy, rebalance: false });
    expect(Array.from(on.book)).toEqual(Array.from(off.book));
    const eight = runMonteCarloChunk({ book: BOOK, paths: 300, seed: 4, horizonDays: 8, policy });
    expect(Array.from(eight.rebalances).every((r) => r === 1)).toBe(true);
  });
});

describeWithData('the path pricer on a chain surface', () => {
  it('the Monte Carlo pricer marks a chain state as the book does, inside the quotes', () => {
    const c2022 = REAL_CHAINS[0] as RealChain;
    const state = chainMarketState(c2022, loadChain(c2022).fit.surface);
    const spx = spxLeg;
    const legs = [spx('call', 4500, '2022-02-25'), spx('put', 4400, '2022-03-18')];
    const m: PricerMarket = {
      rate: state.rate,
      divYield: state.divYield,
      volOfVol: 1,
      surfaces: state.surfaces!,
      kappa: 5,
      theta: 20,
    };
    const day0 = parseIsoDate('date', c2022.date);
    const tabulated: PricerMarket = { ...m, factors: dayFactors(m, 60) };
    const book = markLegs(legs, state).reduce((v, x) => v + 100 * x.price, 0);
    const c = compileLegs(legs, day0, state.vix, m, state.futureFor, 'legs');
    expect(legsValue(c, 0, state.spot, state.vix, m)).toBeCloseTo(book, 6);
    expect(legsValue(c, 0, state.spot, state.vix, tabulated)).toBeCloseTo(book, 6);
    // the 21-day 4500 call inside its 78.6/79.4 quote on both routes (83.18 on S·e^((r−q)T))
    const call = compileLegs(legs.slice(0, 1), day0, state.vix, m, state.futureFor, 'legs');
    for (const market of [m, tabulated]) {
      const price = legsValue(call, 0, state.spot, state.vix, market) / 100;
      expect(price).toBeGreaterThanOrEqual(78.6);
      expect(price).toBeLessThanOrEqual(79.4);
    }
  });
});
