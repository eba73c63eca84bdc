/**
 * Attach expiries to a day's VX prices: `vx[i]` is the (i+1)-th monthly VX future expiring
 * strictly after the row's date, so it gets the i-th date of `vxExpiriesAfter(date, n)` (the
 * expiry calendar of the market module, holidays included). On a final-settlement day the
 * expiring contract is gone and `vx[0]` is the next one, which is exactly what "strictly after"
 * gives. Slots without a price are left out, keeping the other slots' expiries.
 *
 * Caveat of the sources: before mid-2008 the leyhline closes have no print in some slots beyond
 * the fifth (no trade that day), while quantintell has a settlement in every slot. Both are dated
 * here as consecutive months; had a month not been listed, a source numbered by listing order would
 * carry a later month in VX6-VX8 than its slot says. `maxContracts` lets a caller drop those slots.
 */
import { insufficientData, invalidInput } from '../errors';
import { checkInteger } from '../validate';
import { vxExpiriesAfter } from '../market/index';
import type { CurveInput } from '../market/index';
import type { MarketRow } from './marketHistory';

export interface DatedCurveOptions {
  /** Use at most the first `maxContracts` slots (default: all of them). */
  maxContracts?: number;
}

/**
 * The day's {@link CurveInput}: valuation date, VIX spot and the dated VX futures.
 *
 * @throws AlvhError `invalid_input` when the row has no VIX close; `insufficient_data` when fewer
 *   than two futures have a price (no F1 − F2 spread can be formed)
 * @example
 * datedCurve({ date: '2020-03-16', vix: 82.69, vx: [72.625, 59.15] })
 * // { valuationDate: '2020-03-16', vixSpot: 82.69,
 * //   futures: [{ expiry: '2020-03-18', price: 72.625 }, { expiry: '2020-04-15', price: 59.15 }] }
 */
export function datedCurve(row: MarketRow, options: DatedCurveOptions = {}): CurveInput {
  const vix = row.vix;
  if (vix === undefined || !Number.isFinite(vix) || vix <= 0) {
    throw invalidInput(
      `${row.date}.vix`,
      `is ${String(vix)}, so the curve has no spot`,
      'merge a VIX history (e.g. Cboe VIX_History.csv) into the rows',
    );
  }
  const n =
    options.maxContracts === undefined
      ? row.vx.length
      : Math.min(row.vx.length, checkInteger('maxContracts', options.maxContracts, 2));
  const futures: { expiry: string; price: number }[] = [];
  if (n > 0) {
    const expiries = vxExpiriesAfter(row.date, n);
    for (let i = 0; i < n; i++) {
      const p = row.vx[i];
      if (p === null || p === undefined) continue;
      if (!Number.isFinite(p) || p <= 0) {
        throw invalidInput(
          `${row.date}.vx[${i}]`,
          `is ${p}, not a positive price`,
          'pass null for a missing settlement',
        );
      }
      futures.push({ expiry: expiries[i] as string, price: p });
    }
  }
  if (futures.length < 2) {
    throw insufficientData(
      `${row.date}.vx`,
      `has ${futures.length} priced contract${futures.length === 1 ? '' : 's'}, the term structure needs two`,
      'merge a VX futures history (VX1..VX8) covering this date',
    );
  }
  return { valuationDate: row.date, vixSpot: vix, futures };
}
