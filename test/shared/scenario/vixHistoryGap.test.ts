/**
 * The last VIX close of a history against the book's VIX that continues it on the valuation date:
 * within 3 times (either way) from the trading day before, the bound of one close; within 4 times
 * over a longer gap (up to the staleness limit), since VIX has moved further than 3 times over such
 * gaps (the weekend of 2018-02-05, the week to 2015-08-24), the days a hedger runs it. The bounds
 * are read against the whole Cboe VIX history where the data folder is present.
 */
import { describe, expect, it } from 'vitest';
import { isBusinessDay, parseMarketHistory, runMonteCarloChunk } from '@alvh/shared';
import { MAX_VIX_CLOSE_GAP_DAYS, VIX_HISTORY_STALE_DAYS } from '@alvh/shared/schemas';
import {
  LEVEL_CHECK_CLOSES,
  MAX_VIX_CLOSE_RATIO,
  MAX_VIX_GAP_RATIO,
  MAX_VIX_HISTORY_MEDIAN,
  VIX_GAP_RATIO_ON_RECORD,
  resolveVixHistory,
} from '../../../shared/src/scenario/mcSetup';
import { describeWithData, readDataFile } from '../../helpers/marketData';
import { errorOf } from '../../helpers/errors';

const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

describe('the last close against the book’s VIX', () => {
  const resolve = (date: string, vix: number, valuationDate: string, bookVix: number) => () =>
    resolveVixHistory([{ date, vix }], { valuationDate, vix: bookVix });

  it('takes a move over the weekend up to 3 times, over a longer gap up to 4 times', () => {
    // 2018-02-02 (Friday) → 2018-02-05 (Monday): one trading day, the largest one-close rise (2.16)
    expect(resolve('2018-02-02', 17.31, '2018-02-05', 37.32)).not.toThrow();
    // a holiday between is still one trading day: Good Friday 2024-03-29
    expect(errorOf(resolve('2024-03-28', 5, '2024-04-01', 17.5)).problem).toMatch(/the next trading day: a move/);
    // 2018-01-26 → 2018-02-05 (10 days, 6 trading days): 3.37 times, taken
    expect(resolve('2018-01-26', 11.08, '2018-02-05', 37.32)).not.toThrow();
    expect(resolve('2015-08-14', 12.83, '2015-08-24', 40.74)).not.toThrow();
  });

  it('refuses a slipped close or a VVIX column over any gap, saying the gap and the bound', () => {
    const slip = errorOf(resolve('2018-02-01', 1.75, '2018-02-05', 17.5));
    expect([slip.field, slip.problem, slip.fix]).toEqual([
      'vixHistory[0].vix',
      `is 1.75 on 2018-02-01, under a quarter of the book's VIX 17.5 on the valuation date 2018-02-05, 4 days later: VIX has moved at most ${VIX_GAP_RATIO_ON_RECORD} times in ${VIX_HISTORY_STALE_DAYS} days`,
      'check the units (17.5 not 1.75) or the column (VIX, not VVIX)',
    ]);
    expect(slip.message.length).toBeLessThanOrEqual(255);
    expect(slip.problem).not.toMatch(/one close/);
    // a VVIX column (about 5.5 times VIX) pasted as VIX, ended a week before
    expect(errorOf(resolve('2024-02-23', 96, '2024-03-01', 17.5)).problem).toMatch(
      /^is 96 on 2024-02-23, more than 4 times the book's VIX 17\.5 .*, 7 days later: VIX has moved at most/,
    );
    // from the trading day before, the bound of one close
    expect(errorOf(resolve('2018-02-02', 1.75, '2018-02-05', 17.5)).problem).toBe(
      "is 1.75 on 2018-02-02, under a third of the book's VIX 17.5 on the valuation date 2018-02-05, the next trading day: a move VIX has never made in one close",
    );
    expect(() => resolve('2018-02-02', 5, '2018-02-05', 17.5)()).toThrow(/under a third/);
  });
});

describe('a run valued early in 2000, its last closes in 1999 (before the exchange calendar)', () => {
  // VIX closed at 24.64 on 1999-12-30 and 1999-12-31; 2000-01-03 was the next trading day
  const history = [
    { date: '1999-12-30', vix: 24.64 },
    { date: '1999-12-31', vix: 24.64 },
  ];
  const market = { spx: 1455.22, vix: 24.21, rate: 0.055, divYield: 0.011 };
  const futures = [
    { expiry: '2000-01-19', price: 24.5 },
    { expiry: '2000-02-16', price: 24.2 },
    { expiry: '2000-03-21', price: 24 },
  ];
  const leg = (type: 'put' | 'call', strike: number, quantity: number) =>
    ({ kind: 'spx', type, strike, expiry: '2000-02-18', quantity }) as const;
  const book = {
    valuationDate: '2000-01-03',
    spot: market.spx,
    vix: market.vix,
    rate: market.rate,
    divYield: market.divYield,
    volOfVol: 1,
    futures,
    condor: [leg('put', 1250, 2), leg('put', 1300, -2), leg('call', 1600, -2), leg('call', 1650, 2)],
    overlay: [],
    tail: [],
  };
  const plan = {
    valuationDate: '2000-01-03',
    market: { ...market, vvix: 95, futures },
    condor: {
      expiry: '2000-02-18',
      strikes: [1250, 1300, 1600, 1650] as [number, number, number, number],
      quantity: 2,
    },
    portfolio: { capital: 1_000_000 },
  };

  it('runs from the history, as a book and as a plan, as it runs without one', () => {
    for (const source of [{ book }, { plan }]) {
      const run = { ...source, paths: 200, seed: 1, rebalance: false };
      expect(runMonteCarloChunk(run).modelStart).toBe('vix-only');
      expect(runMonteCarloChunk({ ...run, vixHistory: history }).modelStart).toBe('vix-history');
    }
  });

  it('holds 1999-12-31 to 2000-01-03 to the one-close bound, a longer gap to the gap bound', () => {
    const resolve = (date: string, vix: number) => () =>
      resolveVixHistory([{ date, vix }], { valuationDate: '2000-01-03', vix: 24.21 });
    expect(errorOf(resolve('1999-12-31', 7)).problem).toMatch(/under a third of .*, the next trading day: a move/);
    expect(resolve('1999-12-29', 7)).not.toThrow();
    expect(errorOf(resolve('1999-12-29', 5)).problem).toMatch(/under a quarter of .*, 5 days later/);
  });
});

describeWithData('the bounds against the Cboe VIX history since 1990', () => {
  const rows = parseMarketHistory(readDataFile('cboe_VIX_History__ManULoreN14.csv'), 'cboe-vix').filter(
    (r): r is typeof r & { vix: number } => r.vix !== undefined,
  );
  /** The closes up to `date` (60 of them) and the close on `valuationDate`, as a hedger would send them. */
  const run = (last: string, valuationDate: string) => {
    const i = rows.findIndex((r) => r.date === last);
    const book = rows.find((r) => r.date === valuationDate)!;
    const history = rows.slice(i - 59, i + 1).map((r) => ({ date: r.date, vix: r.vix }));
    return resolveVixHistory(history, { valuationDate, vix: book.vix });
  };

  it('takes the real histories ended days before a spike', () => {
    for (const [last, day] of [
      ['2015-08-14', '2015-08-24'],
      ['2015-08-17', '2015-08-24'],
      ['2018-01-26', '2018-02-05'],
      ['2018-02-02', '2018-02-05'],
      ['2020-02-21', '2020-02-28'],
      ['2024-08-02', '2024-08-05'],
    ])
      expect(run(last!, day!).length, `${last} → ${day}`).toBe(61);
  });

  it('holds every pair of closes the staleness rule allows: the next trading day within 3 times, any within 4', () => {
    let gap = 0;
    let next = 0;
    for (let i = 0; i < rows.length; i++) {
      for (let j = i - 1; j >= 0 && days(rows[j]!.date, rows[i]!.date) <= VIX_HISTORY_STALE_DAYS; j--) {
        const [a, b] = [rows[j]!.vix, rows[i]!.vix];
        const ratio = Math.max(a / b, b / a);
        gap = Math.max(gap, ratio);
        // no business day between (the exchange calendar covers 2000 on; before, the next row): one close
        const oneClose = rows[j]!.date >= '2000' ? nextIsTradingDay(rows[j]!.date, rows[i]!.date) : j === i - 1;
        if (oneClose) next = Math.max(next, ratio);
      }
    }
    expect(Number(gap.toFixed(2))).toBe(VIX_GAP_RATIO_ON_RECORD);
    expect(gap).toBeLessThan(MAX_VIX_GAP_RATIO);
    expect(next).toBeLessThan(MAX_VIX_CLOSE_RATIO);
  });
});

describe('a history with a gap of more than a week, or at no VIX level', () => {
  it('refuses closes months apart: a day-first paste read month-first (3-4 April 2025 as 3 March, 4 April)', () => {
    const history = [
      { date: '2025-03-04', vix: 30.02 },
      { date: '2025-04-04', vix: 45.31 },
    ];
    const e = errorOf(() => resolveVixHistory(history, { valuationDate: '2025-04-08', vix: 52.33 }));
    expect([e.field, e.problem, e.fix]).toEqual([
      'vixHistory[1].date',
      'is 2025-04-04, 31 days after the close before it (2025-03-04): VIX has not gone more than 7 days without a close since 1990, so the gap is missing rows or a misread date',
      "pass every trading day's close between them, or check the dates (a day-first date read month-first moves a close by months)",
    ]);
    // a week, as 2001-09-10 to 2001-09-17, is taken; eight days are not
    const pair = (b: string) => () =>
      resolveVixHistory(
        [
          { date: '2001-09-10', vix: 31.84 },
          { date: b, vix: 41.76 },
        ],
        { valuationDate: b, vix: 41.76 },
      );
    expect(pair('2001-09-17')).not.toThrow();
    expect(pair('2001-09-18')).toThrow(/^vixHistory\[1\]\.date: is 2001-09-18, 8 days after/);
  });
});

describeWithData('the gap and level bounds against the Cboe VIX and VVIX histories', () => {
  const vix = parseMarketHistory(readDataFile('cboe_VIX_History__ManULoreN14.csv'), 'cboe-vix').filter(
    (r): r is typeof r & { vix: number } => r.vix !== undefined,
  );
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const window = (xs: number[], i: number) => xs.slice(i - LEVEL_CHECK_CLOSES, i);

  it('VIX has never gone more than a week without a close, nor had a median above the bound over 120 closes', () => {
    let gap = 0;
    let top = 0;
    const closes = vix.map((r) => r.vix);
    for (let i = 1; i < vix.length; i++) gap = Math.max(gap, days(vix[i - 1]!.date, vix[i]!.date));
    for (let i = LEVEL_CHECK_CLOSES; i <= vix.length; i++) top = Math.max(top, median(window(closes, i)));
    expect(gap).toBe(MAX_VIX_CLOSE_GAP_DAYS);
    expect(top).toBeCloseTo(49.22, 2);
    expect(top).toBeLessThan(MAX_VIX_HISTORY_MEDIAN);
    // so the whole 600 closes up to the 2008 peak's most stressed day pass
    const i = vix.findIndex((r) => r.date === '2008-11-20');
    const history = vix.slice(i - 599, i + 1).map((r) => ({ date: r.date, vix: r.vix }));
    expect(resolveVixHistory(history, { valuationDate: '2008-11-20', vix: vix[i]!.vix })).toHaveLength(600);
  });

  it('refuses a VVIX history pasted as VIX on a stress day, where its last close is within 3 times the VIX', () => {
    const text = readDataFile('cboe_VVIX_History__ManULoreN14.csv');
    const vvix = text
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => {
        const [d, v] = l.split(',') as [string, string];
        const [m, day, y] = d.split('/');
        return { date: `${y}-${m}-${day}`, vix: Number(v) };
      })
      .filter((r) => r.date >= '2007');
    let low = Infinity;
    const levels = vvix.map((r) => r.vix);
    for (let i = LEVEL_CHECK_CLOSES; i <= vvix.length; i++) low = Math.min(low, median(window(levels, i)));
    expect(low).toBeCloseTo(71.84, 2);
    expect(low).toBeGreaterThan(MAX_VIX_HISTORY_MEDIAN);
    // 2025-04-08: VIX 52.33, VVIX 152.63 the day before (under 3 times: the last-close bound passes it)
    const upTo = vvix.filter((r) => r.date <= '2025-04-07').slice(-600);
    expect(upTo.at(-1)!.vix).toBeLessThan(3 * 52.33);
    const e = errorOf(() => resolveVixHistory(upTo, { valuationDate: '2025-04-08', vix: 52.33 }));
    expect([e.field, e.fix]).toEqual(['vixHistory', 'pass VIX closes (not VVIX or another index), in index points']);
    expect(e.problem).toMatch(/^has a median of [\d.]+ over its latest 120 closes, above 60: /);
  });
});

/** Whether no business day lies strictly between two ISO dates. */
function nextIsTradingDay(a: string, b: string): boolean {
  for (let t = Date.parse(a) + 86_400_000; t < Date.parse(b); t += 86_400_000)
    if (isBusinessDay(new Date(t).toISOString().slice(0, 10))) return false;
  return true;
}
