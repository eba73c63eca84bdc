import { expect, it } from 'vitest';
import { macd, rsi, rsiSettledLength } from '@alvh/shared';
import { describeWithData, readDataFile } from '../../helpers/marketData';
import { readVxHistory } from '../market/vxHistory';

describeWithData('signals on real S&P 500 closes 2007-2021', () => {
  const rows = readVxHistory();
  const closes = rows.map((r) => r.spx);
  const r = rsi(closes);
  const rsiOn = (date: string): number => r[rows.findIndex((x) => x.date === date) - 14] as number;

  it('aligns out[k] with closes[k + 14]', () => {
    expect(r).toHaveLength(closes.length - 14);
    // Wilder's averages remember their seed, geometrically ((13/14)^k): started 200 closes back
    // the last RSI agrees to 1e-5, not exactly
    const short = rsi(closes.slice(-200));
    expect(short).toHaveLength(186);
    expect(Math.abs((short[185] as number) - (r[r.length - 1] as number))).toBeLessThan(1e-5);
    expect(short[185]).not.toBe(r[r.length - 1]);
  });

  it('is deeply oversold at the known sell-offs and overbought at the January 2018 melt-up', () => {
    expect(rsiOn('2008-10-10')).toBeCloseTo(22.98, 2);
    expect(rsiOn('2015-08-24')).toBeCloseTo(18.33, 2);
    expect(rsiOn('2018-01-26')).toBeCloseTo(86.69, 2);
    expect(rsiOn('2020-03-16')).toBeLessThan(35);
  });

  it('MACD histogram of the closes is negative through the February-March 2020 fall', () => {
    const m = macd(closes);
    const at = (date: string): number =>
      m.histogram[rows.findIndex((x) => x.date === date) - (closes.length - m.histogram.length)] as number;
    for (const d of ['2020-02-27', '2020-03-09', '2020-03-12']) expect(at(d), d).toBeLessThan(0);
  });
});

describeWithData('RSI(100) of the S&P 500 closes to 2025-09-12 (eric-tao daily file)', () => {
  const closes = readDataFile('spx_daily_2021-2026__eric-tao.csv')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter((c) => (c[0] as string) <= '2025-09-12')
    .map((c) => Number(c[4]));
  const last = (xs: number[]) => xs[xs.length - 1] as number;

  it('needs its settled length of closes, not the 100 that settle RSI(14)', () => {
    expect(closes).toHaveLength(1179);
    const full = last(rsi(closes, 100));
    expect(full).toBeCloseTo(57.36, 2);
    // 101 closes, the least RSI(100) takes: 13 points off
    expect(last(rsi(closes.slice(-101), 100))).toBeCloseTo(70.74, 2);
    expect(Math.abs(last(rsi(closes.slice(-100), 14)) - last(rsi(closes, 14)))).toBeLessThan(0.1);
    expect(rsiSettledLength(100)).toBe(725);
    expect(Math.abs(last(rsi(closes.slice(-725), 100)) - full)).toBeLessThan(0.01);
  });
});
