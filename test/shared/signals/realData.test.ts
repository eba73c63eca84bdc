import { expect, it } from 'vitest';
import { macd, rsi } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
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
