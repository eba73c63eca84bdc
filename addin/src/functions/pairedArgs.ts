/**
 * Two ranges of one column or one row read cell by cell, the i-th cell of one beside the i-th of
 * the other: VX futures and their expiries, a day's advancers and decliners.
 */
import { grouped, invalidInput } from '@alvh/shared';
import { cellName, dateArg, lineOf, seriesNumber } from './args';
import { isMissing } from './rangeSize';

/** One of two ranges read by {@link pairedCells}: its name, the reader of a cell that is not empty, and what its values are. */
interface PairedRange<T> {
  name: string;
  range: unknown;
  read: (cell: unknown, at: string) => T;
  noun: string;
}

/**
 * Two ranges of one column or one row read cell by cell as selected: the i-th cell of `b` goes
 * with the i-th cell of `a` (VX futures and their expiries, a day's advancers and decliners side
 * by side), so neither range's blanks move a value to another place. A place blank in both is
 * skipped; a value on one side only is rejected naming the empty cell as {@link seriesCell} names
 * cells (`expiries[3]`); ranges of different lengths are rejected naming `b`, with `together`
 * saying what goes beside what ("each expiry sits beside its price").
 */
function pairedCells<A, B>(a: PairedRange<A>, b: PairedRange<B>, together: string): { a: A; b: B; place: number }[] {
  // Each cell's content first: a price that is text is wrong however the ranges line up.
  const as = lineOf(a.name, a.range).map((c, place) => (isMissing(c) ? undefined : a.read(c, cellName(a.name, place))));
  if (as.every((c) => c === undefined))
    throw invalidInput(a.name, 'has no values', 'select the cells that hold the data');
  const bs = lineOf(b.name, b.range).map((c, place) => (isMissing(c) ? undefined : b.read(c, cellName(b.name, place))));
  if (bs.every((c) => c === undefined))
    throw invalidInput(b.name, 'has no values', 'select the cells that hold the data');
  if (bs.length !== as.length) {
    // a single cell beside a range is the odd one out, whichever side it is on
    const [odd, oddCount, other, otherCount] =
      as.length === 1 ? [a.name, as.length, b.name, bs.length] : [b.name, bs.length, a.name, as.length];
    throw invalidInput(
      odd,
      `has ${grouped(oddCount)} cell${oddCount === 1 ? '' : 's'}, ${other} ${grouped(otherCount)}`,
      `select the two columns side by side, the same rows, so that ${together}`,
    );
  }
  const out: { a: A; b: B; place: number }[] = [];
  as.forEach((x, place) => {
    const y = bs[place];
    if (x === undefined && y === undefined) return;
    const [aAt, bAt] = [cellName(a.name, place), cellName(b.name, place)];
    if (y === undefined)
      throw invalidInput(bAt, `is empty beside ${aAt}`, `give the ${b.noun} of ${aAt} in ${bAt}, or clear ${aAt}`);
    if (x === undefined)
      throw invalidInput(aAt, `is empty beside ${bAt}`, `give the ${a.noun} of ${bAt} in ${aAt}, or clear ${bAt}`);
    out.push({ a: x, b: y, place });
  });
  return out;
}

/** One value of {@link datedSeriesArg} with its date and the place of its cells in the ranges (from 0). */
export interface DatedValue {
  value: number;
  date: string;
  place: number;
}

/**
 * Numbers and their dates from two ranges read cell by cell ({@link pairedCells}): the i-th cell of
 * `dates` is the date of the i-th cell of `values` (VX futures and their expiries side by side).
 * `nouns` say what a value and a date are in the messages ("price", "expiry").
 */
export function datedSeriesArg(
  name: string,
  values: unknown,
  datesName: string,
  dates: unknown,
  nouns: { value: string; date: string },
): DatedValue[] {
  return pairedCells(
    { name, range: values, read: seriesNumber, noun: nouns.value },
    { name: datesName, range: dates, read: (c, at) => dateArg(at, c), noun: nouns.date },
    `each ${nouns.date} sits beside its ${nouns.value}`,
  ).map(({ a, b, place }) => ({ value: a, date: b, place }));
}

/**
 * Two series of numbers of the same days from two ranges read cell by cell ({@link pairedCells}):
 * advancers and decliners, a place blank in both skipped, each value's place (from 0) kept to name
 * its cells. `together` as {@link pairedCells} takes it; `read` reads a cell that is not empty
 * (a series number by default).
 */
export function pairedSeriesArg(
  a: { name: string; range: unknown; noun: string },
  b: { name: string; range: unknown; noun: string },
  together: string,
  read: (cell: unknown, at: string) => number = seriesNumber,
): { a: number[]; b: number[]; places: number[] } {
  const pairs = pairedCells({ ...a, read }, { ...b, read }, together);
  return { a: pairs.map((p) => p.a), b: pairs.map((p) => p.b), places: pairs.map((p) => p.place) };
}
