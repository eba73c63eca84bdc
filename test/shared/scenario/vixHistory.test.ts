/**
 * A Monte Carlo request that carries recent VIX closes (`vixHistory`): the calibrated model starts
 * its factors where its filter reads them, so a spike out of calm reverts faster than a grind up to
 * the same VIX; without closes the factors start at their expectation given the VIX, and the summary
 * says which. Every bad history names its field and the fix; chunks still merge to the same bits.
 */
import { describe, expect, it } from 'vitest';
import { mergeMonteCarlo, runMonteCarloChunk, summarizeMonteCarlo } from '@alvh/shared';
import { MAX_VIX_HISTORY, VIX_HISTORY_STALE_DAYS } from '@alvh/shared/schemas';
import { BOOK } from '../../helpers/fixtures';
import { errorOf } from '../../helpers/errors';
import { docNumber, expectDocSays } from '../../helpers/docs';

/** BOOK on a stressed day: VIX 30 on a backwardated curve. */
const STRESSED = {
  ...BOOK,
  vix: 30,
  futures: [
    { expiry: '2024-03-20', price: 28 },
    { expiry: '2024-04-17', price: 26 },
    { expiry: '2024-05-22', price: 24.5 },
    { expiry: '2024-06-18', price: 23.5 },
  ],
};

/** Daily closes (every weekday) ending on `end` (ISO date, a weekday), oldest first. */
function closes(levels: number[], end = STRESSED.valuationDate): { date: string; vix: number }[] {
  const dates: string[] = [];
  for (let t = Date.parse(`${end}T00:00:00Z`); dates.length < levels.length; t -= 86_400_000) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) dates.unshift(new Date(t).toISOString().slice(0, 10));
  }
  return levels.map((vix, i) => ({ date: dates[i]!, vix }));
}
const calm = Array.from({ length: 120 }, () => 13);
/** Calm, then VIX doubles in three days to today's 30. */
const SPIKE = closes([...calm, 17, 23, 30]);
/** Calm, then a steady climb over four months (86 trading days) to today's 30. */
const GRIND = closes([...calm, ...Array.from({ length: 86 }, (_, i) => 13 * (30 / 13) ** ((i + 1) / 86))]);

const RUN = { book: STRESSED, paths: 4_000, seed: 5, horizonDays: 42, rebalance: false };

describe('a Monte Carlo started from a VIX history', () => {
  it('says where its state started, and reads a spike as faster to revert than a grind to the same VIX', () => {
    const plain = summarizeMonteCarlo(runMonteCarloChunk(RUN));
    const spike = summarizeMonteCarlo(runMonteCarloChunk({ ...RUN, vixHistory: SPIKE }));
    const grind = summarizeMonteCarlo(runMonteCarloChunk({ ...RUN, vixHistory: GRIND }));
    expect(plain.modelStart).toBe('vix-only');
    expect([spike.modelStart, grind.modelStart]).toEqual(['vix-history', 'vix-history']);
    const legacy = summarizeMonteCarlo(runMonteCarloChunk({ ...RUN, paths: 200, dynamics: 'sqrt-legacy' }));
    expect(legacy.modelStart).toBe('vix-only');
    // The median VIX at 42 days: the spike's well below the grind's (same seed, same draws; a
    // median moves by about 0.1 point from seed to seed at 4,000 paths), the expectation between them.
    const med = (s: typeof plain) => s.market.vix['p50']!;
    expect(med(grind) - med(spike)).toBeGreaterThan(2);
    expect(med(plain)).toBeGreaterThan(med(spike));
    expect(med(plain)).toBeLessThan(med(grind));
    // docs/scenarios.md quotes the three medians of this run (4,000 paths, seed 5) to a tenth.
    expectDocSays(
      'scenarios.md',
      `the 42-day median VIX is ${docNumber(med(spike), 1)} with the history, ${docNumber(med(plain), 1)} without it ` +
        `and ${docNumber(med(grind), 1)} after a four-month climb to the same 30; ` +
        `${docNumber(RUN.paths)} paths, seed ${RUN.seed}:`,
    );
  });

  it("a history that ends before the valuation date is continued by the book's VIX on it", () => {
    const dayBefore = closes([...calm, 17, 23], '2024-02-29');
    const withToday = [...dayBefore, { date: STRESSED.valuationDate, vix: STRESSED.vix }];
    const a = runMonteCarloChunk({ ...RUN, paths: 500, vixHistory: dayBefore });
    const b = runMonteCarloChunk({ ...RUN, paths: 500, vixHistory: withToday });
    expect(Buffer.from(a.vixEnd.buffer).equals(Buffer.from(b.vixEnd.buffer))).toBe(true);
  });

  it('a single close on the valuation date reads nothing: the run is the one without a history, and says vix-only', () => {
    const plain = runMonteCarloChunk({ ...RUN, paths: 300 });
    const one = runMonteCarloChunk({ ...RUN, paths: 300, vixHistory: [{ date: STRESSED.valuationDate, vix: 30 }] });
    expect([one.modelStart, one.runKey]).toEqual(['vix-only', plain.runKey]);
    expect(Buffer.from(one.book.buffer).equals(Buffer.from(plain.book.buffer))).toBe(true);
    // one close before the valuation date is continued by the book's VIX: a move the filter reads
    const dayBefore = runMonteCarloChunk({ ...RUN, paths: 300, vixHistory: [{ date: '2024-02-29', vix: 20 }] });
    expect(dayBefore.modelStart).toBe('vix-history');
  });

  it('chunks of a run with a history merge to the same bits, and not with chunks of a run without', () => {
    const base = { ...RUN, paths: 1_001, vixHistory: SPIKE };
    const whole = runMonteCarloChunk(base);
    const merged = mergeMonteCarlo([
      runMonteCarloChunk({ ...base, firstPath: 400 }),
      runMonteCarloChunk({ ...base, pathCount: 400 }),
    ]);
    for (const key of ['book', 'vixEnd', 'spxEnd'] as const)
      expect(Buffer.from(merged[key].buffer).equals(Buffer.from(whole[key].buffer)), key).toBe(true);
    const other = runMonteCarloChunk({ ...base, vixHistory: undefined, firstPath: 400 });
    expect(() => mergeMonteCarlo([runMonteCarloChunk({ ...base, pathCount: 400 }), other])).toThrowError(
      /different run/,
    );
  });

  it('names the field and the fix for every bad history', () => {
    const err = (vixHistory: unknown, extra: object = {}) =>
      errorOf(() => runMonteCarloChunk({ ...RUN, paths: 10, vixHistory, ...extra }));
    const n = SPIKE.length - 1;
    const swapped = [...SPIKE];
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    expect(err(swapped).field).toBe('vixHistory[4].date');
    expect(err(swapped).fix).toMatch(/oldest first/);
    expect(err([...SPIKE, { date: '2024-03-04', vix: 30 }]).field).toBe(`vixHistory[${n + 1}].date`);
    const stale = closes([13, 14], '2024-02-09');
    const e = err(stale);
    expect(e.field).toBe('vixHistory[1].date');
    expect(e.fix).toMatch(new RegExp(`at most ${VIX_HISTORY_STALE_DAYS} days`));
    const mismatch = [...SPIKE.slice(0, -1), { date: STRESSED.valuationDate, vix: 31 }];
    expect(err(mismatch).field).toBe(`vixHistory[${n}].vix`);
    expect(err(mismatch).fix).toMatch(/book's VIX/);
    expect(err([{ date: '2024-03-01', vix: -1 }]).field).toBe('vixHistory[0].vix');
    // The unit check of the book's VIX, on every close: a decimal or a runaway level is refused.
    const decimal = err([...SPIKE.slice(0, 5).map((c, i) => (i === 2 ? { ...c, vix: 0.175 } : c)), ...SPIKE.slice(5)]);
    expect([decimal.field, decimal.problem]).toEqual([
      'vixHistory[2].vix',
      expect.stringMatching(/looks like a decimal/),
    ]);
    expect(decimal.fix).toMatch(/17\.5/);
    const huge = err([...SPIKE.slice(0, -2), { ...SPIKE[n - 1]!, vix: 1e6 }, SPIKE[n]!]);
    expect([huge.field, huge.problem]).toEqual([
      `vixHistory[${n - 1}].vix`,
      'is 1,000,000, above 300, the highest VIX level the model takes; pass a level in index points from 1 to 300, e.g. 18.5',
    ]);
    // one close typed a tenth of its size (1.75 for 17.5): a move VIX has never made, not a state
    const slip = err(closes([...calm.slice(0, 40), 1.75, 17, 23, 30]));
    expect([slip.field, slip.problem]).toEqual([
      'vixHistory[40].vix',
      expect.stringMatching(/^is 1\.75 after 13 on 2024-\d\d-\d\d, a move VIX has never made in one close$/),
    ]);
    expect(slip.fix).toMatch(/17\.5 not 1\.75/);
    // the book's VIX continues a history that ends the trading day before the valuation date, and is
    // held to the same bound against its last close (over a longer gap, 4 times: vixHistoryGap.test.ts)
    const lastSlip = err([{ date: '2024-02-29', vix: 3 }]);
    expect([lastSlip.field, lastSlip.problem]).toEqual([
      'vixHistory[0].vix',
      "is 3 on 2024-02-29, under a third of the book's VIX 30 on the valuation date 2024-03-01, the next trading day: a move VIX has never made in one close",
    ]);
    expect(lastSlip.fix).toBe('check the units (17.5 not 1.75) or the column (VIX, not VVIX)');
    const vvix = err(
      closes(
        Array.from({ length: 40 }, (_, i) => 95 + (i % 3)),
        '2024-02-29',
      ),
    );
    expect([vvix.field, vvix.problem]).toEqual([
      'vixHistory[39].vix',
      expect.stringMatching(/^is 95 on 2024-02-29, more than 3 times the book's VIX 30 on/),
    ]);
    expect(() => runMonteCarloChunk({ ...RUN, paths: 10, vixHistory: closes([10.1], '2024-02-29') })).not.toThrow();
    // the largest one-close rise on record, 2.16 times (2018-02-05), is taken
    expect(() => runMonteCarloChunk({ ...RUN, paths: 10, vixHistory: closes([...calm, 13.9, 30]) })).not.toThrow();
    expect(err([{ date: '2024-03-01', vix: 30, close: 30 }]).field).toMatch(/^vixHistory/);
    expect(err([{ date: '2024-3-1', vix: 30 }]).field).toBe('vixHistory[0].date');
    // VIX has no close on a weekend: a Saturday or Sunday row is refused, not read as a day
    const weekend = err([...SPIKE.slice(0, -1), { date: '2024-02-25', vix: 23 }, SPIKE[n]!].slice(-3));
    expect([weekend.field, weekend.problem]).toEqual([
      'vixHistory[1].date',
      'is 2024-02-25, a Sunday: VIX has no close on a weekend',
    ]);
    expect(weekend.fix).toMatch(/trading days only/);
    expect(err([{ date: '2024-02-24', vix: 30 }]).problem).toMatch(/a Saturday/);
    expect(err([]).field).toBe('vixHistory');
    expect(err(closes(Array.from({ length: MAX_VIX_HISTORY + 1 }, () => 30))).field).toBe('vixHistory');
    expect(err('13,14,30').field).toBe('vixHistory');
    expect(err(SPIKE, { dynamics: 'sqrt-legacy', measure: 'risk-neutral' }).field).toBe('vixHistory');
  });
});
