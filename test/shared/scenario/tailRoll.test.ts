/**
 * The tail rolls along the Monte Carlo's paths: a due rebalance sizes on the expiry the method
 * picks from that day (Section 6: 45-60 days out, else the one nearest 52, ties the later), as the
 * plan and the replay do, not on the expiry held since day 0. A condor that outlives the first tail
 * expiry stays hedged to its end.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { monteCarloSetup, plan, runMonteCarloChunk, summarizeMonteCarlo, vxExpiriesAfter } from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';
import { prepare } from '../../../shared/src/scenario/mcEngine';

type PlanInput = Parameters<typeof plan>[0];
const EXAMPLE = JSON.parse(
  readFileSync(new URL('../../../docs/examples/plan.json', import.meta.url), 'utf8'),
) as PlanInput & { condor: { expiry: string; strikes: number[] } };
/** docs/examples/plan.json (2026-11-20) with a 91-day condor: its 61-day tail expires a month before it. */
const LONG: PlanInput = {
  ...EXAMPLE,
  condor: { ...EXAMPLE.condor, expiry: '2027-02-19', strikes: [5700, 5800, 7400, 7500] },
};

describe('the expiry each day of a run sizes the tail on', () => {
  it("is the plan's expiry on day 0 and the next month's from the day it lies nearer 52 days (a tie: the later)", () => {
    expect(plan(LONG).tail.expiry).toBe('2027-01-20'); // day 61
    const e = prepare(monteCarloSetup({ plan: LONG, paths: 2, horizonDays: 91 }));
    const on = e.roll!.expiryOn;
    // 2027-01-20 is day 61, 2027-02-17 day 89, 2027-03-17 day 117, the last listed future. By hand:
    // days 0-16, 61 - t within 45-60; days 17-28 neither is, and from day 23 (38 against 66 days,
    // 14 either side of 52) the later; days 29-44 89 - t is within the window.
    expect(on[0]).toBe(61);
    expect(on[16]).toBe(61);
    expect(on[22]).toBe(61);
    expect(on[23]).toBe(89);
    expect(on[44]).toBe(89);
    // day 51: 38 against 66 days again, the later; day 57, 32 and 60 days: 2027-03-17 within the window
    expect(on[51]).toBe(117);
    // day 83: 34 against 69 days, 69 the nearer 52: 2027-04-21, a month past the last listed future
    expect(on[82]).toBe(117);
    expect(on[83]).toBe(152);
    expect(on[91]).toBe(152);
    expect([...e.roll!.dates.entries()]).toEqual([
      [61, '2027-01-20'],
      [89, '2027-02-17'],
      [117, '2027-03-17'],
      [152, '2027-04-21'],
    ]);
    expect(e.roll!.last).toBe(152);
  });

  it('prices each pick with its basis: the listed future less the model’s, the last listed one included, 0 past it', () => {
    const setup = monteCarloSetup({ plan: LONG, paths: 2, horizonDays: 91 });
    const { kappa, theta, vix } = setup.book;
    const basis = prepare(setup).roll!.basis;
    const model = (day: number) => theta + (vix - theta) * Math.exp((-kappa * day) / 365);
    const listed = new Map(LONG.market.futures.map((f) => [f.expiry, f.price]));
    // 2027-03-17 (day 117) is the last listed future; 2027-04-21 (day 152) is past it
    expect(LONG.market.futures.at(-1)!.expiry).toBe('2027-03-17');
    for (const [day, expiry] of [
      [61, '2027-01-20'],
      [89, '2027-02-17'],
      [117, '2027-03-17'],
    ] as const) {
      expect(basis.get(day)).toBeCloseTo(listed.get(expiry)! - model(day), 9);
    }
    expect(basis.get(117)).not.toBe(0);
    expect(basis.get(152)).toBe(0);
  });

  it('runs past the last listed future: a curve of two futures rolls as a curve of four does', () => {
    const short: PlanInput = { ...LONG, market: { ...LONG.market, futures: LONG.market.futures.slice(0, 2) } };
    // only 2026-12-16 (day 26) and 2027-01-20 (day 61) are listed; the model prices the months after
    const s = prepare(monteCarloSetup({ plan: short, paths: 2, horizonDays: 91 }));
    const e = prepare(monteCarloSetup({ plan: LONG, paths: 2, horizonDays: 91 }));
    expect([...s.roll!.expiryOn]).toEqual([...e.roll!.expiryOn]);
    expect(e.roll!.expiryOn.every((d, t) => d > t)).toBe(true);
  });
});

describe("the summary's note on the rolls", () => {
  const rolls = (input: Record<string, unknown>) =>
    summarizeMonteCarlo(runMonteCarloChunk({ paths: 20, seed: 1, ...input })).notes.filter((n) =>
      n.startsWith('The tail rolls'),
    );

  it('names each day from which a rebalance rolls the tail, and into which expiry', () => {
    expect(rolls({ plan: LONG, horizonDays: 91 })).toEqual([
      "The tail rolls as the method picks its expiry (45-60 days out) from each rebalance's day (a calendar day: the paths step every day, weekends and holidays included): from day 23 (2026-12-13) into 2027-02-17, from day 51 (2027-01-10) into 2027-03-17 and from day 83 (2027-02-11) into 2027-04-21. The first rebalance from each of those days sells the calls held and buys the new expiry's; the hedge cost counts both.",
    ]);
    // to day 22 nothing rolls, nor to day 23, where the run ends; a run without rebalances rolls nothing
    expect(rolls({ plan: LONG, horizonDays: 22 })).toEqual([]);
    expect(rolls({ plan: LONG, horizonDays: 23 })).toEqual([]);
    expect(rolls({ plan: LONG, horizonDays: 24 })[0]).toMatch(/: from day 23 \(2026-12-13\) into 2027-02-17\. /);
    expect(rolls({ plan: LONG, horizonDays: 91, rebalance: false })).toEqual([]);
  });

  it("a book's tail at another expiry than the method's rolls at the first rebalance", () => {
    const example = JSON.parse(
      readFileSync(new URL('../../../docs/examples/montecarlo.json', import.meta.url), 'utf8'),
    ) as { book: { tail: { expiry: string }[] } };
    // its tail moved to 2027-03-17: on day 0 the method picks 2027-01-20
    const book = { ...example.book, tail: [{ ...example.book.tail[0]!, expiry: '2027-03-17' }] };
    expect(rolls({ book })[0]).toMatch(
      /^The tail rolls as the method picks its expiry \(45-60 days out\) from each rebalance's day \(a calendar day: the paths step every day, weekends and holidays included\): from the first rebalance into 2027-01-20, from day 23 \(2026-12-13\) into 2027-02-17 and /,
    );
  });
});

describe('a run valued in the exchange calendar’s last year', () => {
  it('picks among the contracts the calendar has (to 2040-11), and runs', () => {
    const date = '2040-05-04';
    const futures = vxExpiriesAfter(date, 4).map((expiry, i) => ({ expiry, price: 18.4 + i }));
    const late = {
      ...PLAN_INPUT,
      valuationDate: date,
      market: { ...PLAN_INPUT.market, futures },
      condor: { ...PLAN_INPUT.condor, expiry: '2040-10-19' },
    };
    const e = prepare(monteCarloSetup({ plan: late, paths: 2 }));
    expect([...e.roll!.dates.values()].at(-1)).toBe('2040-11-21');
    const s = summarizeMonteCarlo(runMonteCarloChunk({ plan: late, paths: 200, seed: 1 }));
    expect(s.rebalancesMean).toBeGreaterThan(20);
  });
});

describe('the policy moves the hedges, never the paths', () => {
  it('the condor alone and the market at the horizon are the same bits with the rebalances on or off, the curve skipping a month', () => {
    // without the 2027-02-17 future, the month the tail rolls into is not listed
    const futures = LONG.market.futures.filter((f) => f.expiry !== '2027-02-17');
    const gap: PlanInput = { ...LONG, market: { ...LONG.market, futures } };
    const run = (rebalance: boolean) =>
      runMonteCarloChunk({ plan: gap, paths: 1_000, seed: 1, horizonDays: 91, measure: 'risk-neutral', rebalance });
    const [on, off] = [run(true), run(false)];
    expect(on.rebalances.some((r) => r > 0)).toBe(true);
    expect([...on.condor]).toEqual([...off.condor]);
    expect([...on.vixEnd]).toEqual([...off.vixEnd]);
    expect([...on.spxEnd]).toEqual([...off.spxEnd]);
  });
});

describe('a condor that outlives its first tail expiry (91 days against the tail of 61)', () => {
  const s = summarizeMonteCarlo(runMonteCarloChunk({ plan: LONG, paths: 4_000, seed: 1, horizonDays: 91 }));

  it('is rebalanced to its end, weekly: 12 due by the days trigger alone (days 7 to 84)', () => {
    // without the roll no rebalance fell due once the tail was within the drawdown's 10 days of
    // its expiry (day 51 on): 7.18 a path
    expect(s.rebalancesMean).toBeGreaterThanOrEqual(12);
  });

  it('a curve of two futures is rolled too: its book keeps the hedge', () => {
    // the two listed expiries end on day 61; the calls held then had settled, unhedged after day 50
    const short: PlanInput = { ...LONG, market: { ...LONG.market, futures: LONG.market.futures.slice(0, 2) } };
    const t = summarizeMonteCarlo(runMonteCarloChunk({ plan: short, paths: 4_000, seed: 1, horizonDays: 91 }));
    expect(t.rebalancesMean).toBeGreaterThanOrEqual(12);
    expect(t.alvh.cvar95).toBeLessThan(t.condor.cvar95 - 500);
  });

  it('keeps the hedge: the book loses less than the condor alone in the worst 5%', () => {
    // without the roll the calls settled on day 61 and the book's CVaR 95 was above the condor's
    // ($26,828 against $26,751): an effectiveness of −0.15
    expect(s.alvh.cvar95).toBeLessThan(s.condor.cvar95 - 500);
    expect(s.hedgeEffectiveness).toBeGreaterThan(1);
  });
});
