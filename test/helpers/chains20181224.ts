/**
 * Option chains of 2018-12-24 (the ALVH.PLAN sheet's day: SPX 2351.1, r 2.4%, q 2%, VX 25.9 /
 * 23.325 / 22.175) quoted from known smiles, as rows and as a worksheet range: SPX options of three
 * expiries on a skewed Black-Scholes smile, VIX options (root VIX) by Black-76 on each VX future.
 */
import { black76Price, bsPrice, isoToExcelSerial, yearsToSettlement } from '@alvh/shared';
import { PLAN_2018_12_24 } from './fixtures';

const DATE = PLAN_2018_12_24.valuationDate;
const M = PLAN_2018_12_24.market;

export type Row = { root?: string; expiry: string; strike: number; type: 'call' | 'put'; bid: number; ask: number };

/** Bid and ask 0.05 either side of a model price (the bid at least 0.05). */
const around = (p: number): [number, number] => [Math.max(0.05, p - 0.05), p + 0.05];

/** SPX options of three expiries quoted on a skewed smile: 28% at the forward, steeper below it. */
export const spxVol = (k: number): number => 0.28 * (1 - 1.1 * k);
export function spxRows(expiries: readonly string[] = ['2019-01-18', '2019-02-15', '2019-03-15']): Row[] {
  const rows: Row[] = [];
  for (const expiry of expiries) {
    const years = yearsToSettlement(DATE, 960, expiry, 'PM');
    const forward = M.spx * Math.exp((M.rate - M.divYield) * years);
    for (let strike = 1600; strike <= 3100; strike += 50) {
      const vol = spxVol(Math.log(strike / forward));
      const price = (type: 'call' | 'put') =>
        bsPrice({ type, spot: M.spx, strike, years, vol, rate: M.rate, divYield: M.divYield });
      for (const type of ['call', 'put'] as const) {
        const [bid, ask] = around(price(type));
        rows.push({ expiry, strike, type, bid, ask });
      }
    }
  }
  return rows;
}

/** VIX options on each VX future of the sheet: 110% at the money, a call skew of 0.3 per unit ln(K/F). */
export const vixVol = (k: number): number => 1.1 * (1 + 0.3 * k);
/**
 * VIX options (root VIX, strikes 12-60) on each future, quoted at 16:00 of `date` (the sheet's
 * day by default) at `rate` on the {@link vixVol} smile.
 */
export function vixRows(
  futures: readonly { expiry: string; price: number }[] = M.futures,
  date: string = DATE,
  rate: number = M.rate,
): Row[] {
  const rows: Row[] = [];
  for (const { expiry, price: future } of futures) {
    const years = yearsToSettlement(date, 960, expiry, 'AM');
    for (let strike = 12; strike <= 60; strike++) {
      const vol = vixVol(Math.log(strike / future));
      for (const type of ['call', 'put'] as const) {
        const [bid, ask] = around(black76Price({ type, future, strike, years, rate, vol }));
        rows.push({ root: 'VIX', expiry, strike, type, bid, ask });
      }
    }
  }
  return rows;
}

/** Rows as a worksheet holds them: a header row, expiries as Excel dates, types as C and P. */
export function asRange(rows: readonly Row[]): unknown[][] {
  const withRoot = rows[0]?.root !== undefined;
  return [
    [...(withRoot ? ['Root'] : []), 'Expiry', 'Strike', 'Type', 'Bid', 'Ask'],
    ...rows.map((r) => [
      ...(withRoot ? [r.root] : []),
      isoToExcelSerial(r.expiry),
      r.strike,
      r.type === 'call' ? 'C' : 'P',
      r.bid,
      r.ask,
    ]),
  ];
}
