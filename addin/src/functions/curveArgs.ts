/**
 * A VX term structure from Excel arguments (a date, VIX and a range of futures, optional expiries),
 * shared by the market and plan functions; the curve's errors name the argument and the cell.
 */
import {
  checkVxFloor,
  AlvhError,
  buildTermStructure,
  isAlvhError,
  limitExceeded,
  vxExpiriesAfter,
  type TermStructure,
} from '@alvh/shared';
import { decimalCommaReading } from '../common/numbers';
import { cellName, dateArg, isOmitted, lineOf, placedSeriesArg, seriesCell } from './args';
import { datedSeriesArg } from './pairedArgs';
import { vixPointsArg } from './condorArgs';
import { checkLineLength } from './rangeSize';

/** Most VX futures of a curve in cells: the monthly expiries the calendar gives a curve (ten years of them). */
const MOST_FUTURES = 120;

/**
 * Most cells from the first future to the last when expiries are given: a place blank in both is
 * skipped, so this only bounds the reading, and {@link MOST_FUTURES} counts the futures read.
 */
const MOST_FUTURE_CELLS = 10 * MOST_FUTURES;

/** The Excel arguments that carry a curve; `expiries` is true for a function that takes them too. */
export interface CurveArgs {
  date: string;
  vix: string;
  futures: string;
  expiries?: true;
}

/**
 * A term structure from Excel arguments; the curve's errors name the argument and the cell
 * (`futures[3]` is the third cell of the range as selected, counted from 1 as in the sheet, blanks
 * before the first price included). Without expiries the prices are read by place from the front
 * month; with them, each price is read with the expiry in the same place of its range
 * ({@link datedSeriesArg}), so a blank in one range never pairs a price with another month's expiry.
 */
export function curveOf(
  names: CurveArgs,
  date: unknown,
  vix: unknown,
  futures: unknown,
  expiries: unknown,
): TermStructure {
  const iso = dateArg(names.date, date);
  // from the ranges' size, before a whole column of prices is read
  const fix = `pass at most ${MOST_FUTURES} VX futures, the monthly contracts`;
  const paired = names.expiries === true && !isOmitted(expiries);
  if (paired) {
    checkLineLength(names.futures, futures, MOST_FUTURE_CELLS, 'cells from the first price to the last', fix);
    checkLineLength('expiries', expiries, MOST_FUTURE_CELLS, 'cells from the first expiry to the last', fix);
  } else checkLineLength(names.futures, futures, MOST_FUTURES, 'prices', fix);
  const dated = paired
    ? datedSeriesArg(names.futures, futures, 'expiries', expiries, { value: 'price', date: 'expiry' })
    : undefined;
  if (dated !== undefined && dated.length > MOST_FUTURES)
    throw limitExceeded(names.futures, `has ${dated.length} prices`, fix);
  const prices =
    dated?.map((f) => f.value) ??
    placedSeriesArg(
      names.futures,
      futures,
      names.expiries
        ? "start the range at the front month's price (without expiries the prices are read from the front month on), or give the expiries"
        : "start the range at the front month's price (the prices are read from the front month on)",
    );
  // VIX as every function takes it, 5 to 300 (the VX prices run to 500): 450 or 2 is a slip
  const vixSpot = vixPointsArg(vix, names.vix);
  try {
    const dates = dated?.map((f) => f.date) ?? vxExpiriesAfter(iso, prices.length);
    const ts = buildTermStructure({
      valuationDate: iso,
      vixSpot,
      futures: prices.map((price, i) => ({ expiry: dates[i] as string, price })),
    });
    // a price the package takes (1 to 500) but no VX future has settled at: 2.3325 typed for 23.325
    ts.points.forEach((p, i) => checkVxFloor(`futures[${i}].price`, p.price));
    return ts;
  } catch (e) {
    if (!isAlvhError(e)) throw e;
    // the package counts futures from 0 as futures[i].price / .expiry; the sheet counts the cells of
    // the range as selected from 1: with expiries, the place of the i-th pair read; without, the
    // i-th price after the blanks before the first (seriesCell)
    const sheetCell = (i: string, part: string) => {
      const name = part === 'price' ? names.futures : 'expiries';
      const place = dated?.[Number(i)]?.place;
      return place === undefined ? seriesCell(name, futures, Number(i)) : cellName(name, place);
    };
    const cell = /^futures\[(\d+)\]\.(price|expiry)$/.exec(e.field);
    const field = cell
      ? sheetCell(cell[1]!, cell[2]!)
      : e.field === 'vixSpot'
        ? names.vix
        : e.field === 'count' // the calendar's count of expiries is the number of prices
          ? names.futures
          : e.field === 'valuationDate' || e.field === 'date'
            ? names.date
            : e.field.replace(/^futures/, names.futures);
    const problem = e.problem.replace(/futures\[(\d+)\]\.(price|expiry)/g, (_, i: string, part: string) =>
      sheetCell(i, part),
    );
    // a price typed "23,325" reads as 23325: its refusal offers the decimal reading first
    const text = cell?.[2] === 'price' ? priceText(names.futures, futures, field) : undefined;
    throw new AlvhError(e.code, field, problem, decimalCommaReading(text, e.fix));
  }
}

/** The text of the price cell `at` (`futures[2]`, counted from 1 as selected), or undefined when it is no text. */
function priceText(name: string, futures: unknown, at: string): string | undefined {
  const place = new RegExp(`^${name}\\[(\\d+)\\]$`).exec(at)?.[1];
  const cell = place === undefined ? undefined : lineOf(name, futures)[Number(place) - 1];
  return typeof cell === 'string' ? cell : undefined;
}

export const TODAY: CurveArgs = { date: 'valuationDate', vix: 'vix', futures: 'futures' };
export const LAST: CurveArgs = { date: 'lastDate', vix: 'lastVix', futures: 'lastFutures' };
