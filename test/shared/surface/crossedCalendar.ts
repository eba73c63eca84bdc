/**
 * A chain table whose quotes cross in calendar: on 2023-06-09 (S = F = 4300, D = 1) the 31-day
 * expiry quoted at a flat 20% vol and the 61-day one at a flat 10%, and the warning its fit gives.
 */
import { bsGreeks, type ChainRow } from '@alvh/shared';

/** Quotes of flat-vol expiries on 2023-06-09 about S = F = 4300 (D = 1), strikes 3500-5000 every 25, 1% spreads. */
export function flatVolRows(expiries: readonly [string, number, number][]): ChainRow[] {
  const rows: ChainRow[] = [];
  for (const [expiry, days, vol] of expiries)
    for (let strike = 3500; strike <= 5000; strike += 25)
      for (const type of ['call', 'put'] as const) {
        const p = bsGreeks({ type, spot: 4300, strike, years: days / 365, vol, rate: 0, divYield: 0 }).price;
        if (p < 0.1) continue;
        const w = Math.max(0.1, 0.01 * p);
        rows.push({ expiry, strike, type, bid: +(p - w / 2).toFixed(2), ask: +(p + w / 2).toFixed(2) });
      }
  return rows;
}

export const CROSSED_CALENDAR = flatVolRows([
  ['2023-07-10', 31, 0.2],
  ['2023-08-09', 61, 0.1],
]);

export const LIFT_WARNING =
  "The calendar repair lifts SPXW 2023-08-09 by 4.26 vol points at the money (up to 4.26 over its quotes of |delta| ≥ 0.10, whose median half-spread is 0.02) to the total variance of SPXW 2023-07-10: the market's quotes cross in calendar there (a later expiry cheaper in total variance than an earlier one), so the surface marks SPXW 2023-08-09 above its quotes. Check the quotes of SPXW 2023-07-10 and SPXW 2023-08-09.";
