/**
 * A VX term structure from Excel arguments (a date, VIX and a range of futures, optional expiries),
 * shared by the market and plan functions; the curve's errors name the argument and the cell.
 */
import {
  AlvhError,
  buildTermStructure,
  invalidInput,
  isAlvhError,
  vxExpiriesAfter,
  type TermStructure,
} from '@alvh/shared';
import { dateArg, dateSeriesArg, isMissing, numberArg, seriesArg } from './args';

/** The Excel arguments that carry a curve. */
export interface CurveArgs {
  date: string;
  vix: string;
  futures: string;
}

/**
 * A term structure from Excel arguments; the curve's errors name the argument and the cell
 * (`futures[3]` is the third price, counted from 1 as in the sheet).
 */
export function curveOf(
  names: CurveArgs,
  date: unknown,
  vix: unknown,
  futures: unknown,
  expiries: unknown,
): TermStructure {
  const iso = dateArg(names.date, date);
  const prices = seriesArg(names.futures, futures);
  const dates = isMissing(expiries) ? vxExpiriesAfter(iso, prices.length) : dateSeriesArg('expiries', expiries);
  if (dates.length !== prices.length) {
    throw invalidInput(
      'expiries',
      `has ${dates.length} dates for ${prices.length} prices`,
      'give one expiry per future',
    );
  }
  const vixSpot = numberArg(names.vix, vix);
  try {
    return buildTermStructure({
      valuationDate: iso,
      vixSpot,
      futures: prices.map((price, i) => ({ expiry: dates[i] as string, price })),
    });
  } catch (e) {
    if (!isAlvhError(e)) throw e;
    const cell = /^futures\[(\d+)\]\.(price|expiry)$/.exec(e.field);
    const field = cell
      ? `${cell[2] === 'price' ? names.futures : 'expiries'}[${Number(cell[1]) + 1}]`
      : e.field === 'vixSpot'
        ? names.vix
        : e.field === 'valuationDate'
          ? names.date
          : e.field.replace(/^futures/, names.futures);
    throw new AlvhError(e.code, field, e.problem, e.fix);
  }
}

export const TODAY: CurveArgs = { date: 'valuationDate', vix: 'vix', futures: 'futures' };
export const LAST: CurveArgs = { date: 'lastDate', vix: 'lastVix', futures: 'lastFutures' };
