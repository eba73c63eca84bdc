/**
 * A leg its state cannot mark (a vol above 500%, MAX_MARK_VOL) is refused naming the request's own
 * field and a fix that can work there, whichever route met it: the stress grid's and the Monte
 * Carlo's marks today, the frontier's drawdown scenario, a replayed row, and a plan's own market
 * (the surface its vols come from). markLegs names the leg by its index in a list no request has
 * (`legs[i]`), with a fix for a stress cell.
 */
import { describe, expect, it } from 'vitest';
import {
  dayFromYmd,
  frontier,
  isBusinessDay,
  plan,
  replay,
  runMonteCarloChunk,
  stressGrid,
  toIsoDate,
} from '@alvh/shared';
import { errorOf } from '../../helpers/errors';
import { planOnSurface, STEEP } from '../../helpers/steepSurface';

const leg = (type: 'put' | 'call', strike: number, quantity: number) =>
  ({ kind: 'spx', type, strike, expiry: '2027-01-15', quantity }) as const;

/** A book at a VIX of 1.5 holding a VIX 500 call: today's market marks it at 693%. */
const book = {
  valuationDate: '2026-11-20',
  spot: 6600,
  vix: 1.5,
  volOfVol: 3,
  futures: [
    { expiry: '2026-12-16', price: 1.5 },
    { expiry: '2027-01-20', price: 1.5 },
    { expiry: '2027-02-17', price: 1.6 },
    { expiry: '2027-03-17', price: 1.7 },
  ],
  condor: [leg('put', 5900, 1), leg('put', 6000, -1), leg('call', 7200, -1), leg('call', 7300, 1)],
  tail: [{ kind: 'vix', type: 'call', strike: 500, expiry: '2027-01-20', quantity: 1 }],
} as const;

const TODAY = [
  'book.tail[0]',
  'today, the VIX call 500 of 2027-01-20 would be marked at a vol of 693% on 2026-11-20 (its VX future 1.5, VIX 1.5): the state lies beyond what the surface describes',
  'pass a strike nearer the money, or check the VIX, VVIX and futures the book is marked on',
];

describe('a leg today’s market cannot mark', () => {
  it('is refused by the stress grid at the book’s field, with a fix for today (no move or level helps)', () => {
    const e = errorOf(() => stressGrid({ book, spxMoves: [0], days: [0] }));
    expect([e.field, e.problem, e.fix]).toEqual(TODAY);
  });

  it('is refused by the Monte Carlo as by the stress grid, not priced into the hedge cost', () => {
    const e = errorOf(() => runMonteCarloChunk({ book, paths: 100, seed: 1, rebalance: false }));
    expect([e.field, e.problem, e.fix]).toEqual(TODAY);
    // the same book with a strike today's market marks runs
    const tail = [{ ...book.tail[0], strike: 2 }];
    expect(runMonteCarloChunk({ book: { ...book, tail }, paths: 100, seed: 1, rebalance: false }).paths).toBe(100);
  });
});

describe('a plan hedge the frontier’s drawdown scenario cannot mark', () => {
  it('names the plan’s drawdown, as the plan’s own scenario loss does', () => {
    const run = {
      plan: {
        valuationDate: '2026-11-20',
        market: {
          spx: 1_000_000,
          vix: 5,
          vvix: 200,
          rate: -0.05,
          divYield: -0.05,
          indices: { vix9d: 300, vix3m: 1, vix6m: 1.5, skew: 250 },
          futures: ['2026-12-16', '2027-01-20', '2027-02-17', '2027-03-17'].map((expiry) => ({ expiry, price: 7.42 })),
        },
        condor: { expiry: '2026-11-23', strikes: [950600, 970000, 1030000, 1050600], quantity: 100_000, vol: 0.16 },
        portfolio: { capital: 1e12 },
      },
      paths: 400,
    };
    const e = errorOf(() => frontier(run));
    expect(e.field).toBe('plan.policy.drawdown');
    expect(e.problem).toMatch(
      /^in the plan's drawdown scenario, one unit of the spx-put-calendar overlay: the SPX put 970000 of 2026-12-18 would be marked at a vol of \d+% on 2026-11-30 \(SPX 800000, /,
    );
    expect(e.fix).toBe('pass a smaller drawdown, or a lower stressed VIX (plan.policy.stressVix, or stressVixPerPct)');
  });
});

describe('a replayed row whose prints leave a leg unmarkable', () => {
  it('names the row, not legs[0], with a fix for the rows', () => {
    // SPX down 3% and VIX up a point every day from 2010-01-04: by November a condor's put is
    // struck at 40 with SPX at 100 and VIX at 237
    const rows: { date: string; spx: number; vix: number; vx: number[] }[] = [];
    for (let day = dayFromYmd(2010, 1, 4), i = 0; rows.length < 300; day++) {
      const date = toIsoDate(day);
      if (!isBusinessDay(date)) continue;
      const vix = Math.min(300, 15 + i);
      const vx = [0, 1, 2, 3].map((k) => Math.min(500, 15 + i + k));
      rows.push({ date, spx: Math.round(Math.max(100, 6600 * 0.97 ** i) * 100) / 100, vix, vx });
      i++;
    }
    const e = errorOf(() => replay({ rows, assumptions: { condorDte: 30 } }));
    expect(e.field).toMatch(/^rows\[\d+\]$/);
    const i = Number(/\d+/.exec(e.field)![0]);
    expect(e.problem).toMatch(
      new RegExp(
        `^the replay's SPX put \\d+ of \\d{4}-\\d{2}-\\d{2} would be marked at a vol of \\d+% on ${rows[i]!.date} `,
      ),
    );
    expect(e.fix).toBe(`check the row's SPX, VIX and VX prints, or end the window before ${rows[i]!.date} (to)`);
  });
});

describe('an option a plan prices that its own surface cannot mark', () => {
  const problem =
    'gives the SPX put 5280 of 2027-01-15, an option the plan prices, a vol of 546% on 2026-11-20 (SPX 6600, VIX 17.5), above the 500% any mark takes';
  const fix =
    "pass a fitted surface, or a chain, whose vols at the plan's strikes stay within 500% (as ALVH.SURFACE or /api/surface fit one), or leave it out to mark on the Cboe indices or VIX alone";

  it('names market.surface, not legs[1], with a fix about the surface (no SPX move or VIX level in a plan)', () => {
    const e = errorOf(() => plan(STEEP));
    expect([e.field, e.problem, e.fix]).toEqual(['market.surface', problem, fix]);
  });

  it('names plan.market.surface in the stress grid, the Monte Carlo and the frontier of that plan', () => {
    for (const run of [
      () => stressGrid({ plan: STEEP, spxMoves: [0], days: [0] }),
      () => runMonteCarloChunk({ plan: STEEP, paths: 100, seed: 1 }),
      () => frontier({ plan: STEEP, paths: 100 }),
    ]) {
      const e = errorOf(run);
      expect([e.field, e.problem, e.fix]).toEqual(['plan.market.surface', problem, fix]);
    }
  });

  it('is answered by doing what the fix says: a milder surface, or none', () => {
    expect(plan(planOnSurface({ a: 0.001, b: 0.1, rho: -0.7, m: 0, sigma: 0.1 })).surface.source).toBe('chain');
    const { surface: _steep, ...market } = STEEP.market;
    expect(plan({ ...STEEP, market }).surface.source).toBe('vix-only');
  });
});
