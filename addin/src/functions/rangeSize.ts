/**
 * The size of a range argument, measured before any of its cells is read or converted. Excel passes
 * a whole-column reference (A:A) as 1,048,576 rows: reading, converting and naming each cell of one
 * held the function runtime for seconds before a limit said no. A limit is checked from the range's
 * dimensions, and, when they are over it, from the rows or cells that hold values, found by
 * scanning in from each end: a whole column with a few values at its top is read as those values,
 * as it always was, and a range full of values is measured by reading its first and last cells.
 */
import { grouped, limitExceeded } from '@alvh/shared';

/** True for an omitted optional argument or an empty cell. */
export function isMissing(x: unknown): x is null | undefined | '' {
  return x === null || x === undefined || (typeof x === 'string' && x.trim() === '');
}

/** True for a row of a range whose cells are all empty (a single value is a row of one). */
export function isBlankRow(row: unknown): boolean {
  return Array.isArray(row) ? row.every(isMissing) : isMissing(row);
}

/** Height and width of an argument as Excel passes it, from its first row (Excel's ranges are rectangular); a single value is 1×1. */
export function rangeSize(range: unknown): { rows: number; cols: number } {
  if (!Array.isArray(range)) return { rows: 1, cols: 1 };
  const first: unknown = range[0];
  return { rows: range.length, cols: Array.isArray(first) ? first.length : 1 };
}

/**
 * The cell at place `i` of a range of one column or one row, `rows` high, read where it sits (a
 * whole column is not copied to find a cell).
 */
export function lineCell(range: readonly unknown[], rows: number, i: number): unknown {
  const row: unknown = rows === 1 ? range[0] : range[i];
  return Array.isArray(row) ? (row as unknown[])[rows === 1 ? i : 0] : row;
}

/**
 * How many places of `length` lie from the first that is not `blank` to the last (0 when all are):
 * scanned in from each end, so a line full of values is measured by two reads.
 */
function span(length: number, blank: (i: number) => boolean): number {
  let last = length - 1;
  while (last >= 0 && blank(last)) last--;
  let first = 0;
  while (first < last && blank(first)) first++;
  return last - first + 1;
}

/**
 * The rows of a table down to its last row holding a value (0 when none), its first `skip` rows (a
 * header) left out; empty rows below it (a whole column selected) are not counted. Scanned up from
 * the bottom: a range filled to its end is measured by reading its last row.
 */
export function tableRows(range: unknown, skip = 0): number {
  if (!Array.isArray(range)) return isMissing(range) || skip > 0 ? 0 : 1;
  const rows = range as readonly unknown[];
  let last = rows.length - 1;
  while (last >= skip && isBlankRow(rows[last])) last--;
  return last + 1 - skip;
}

/**
 * Refuses a series of one column or one row holding more than `most` values, counted from its first
 * value to its last: `closes: has 1,048,576 closes; pass at most 10,000 closes`. Blanks before and
 * after the values (a whole column selected) are not counted. A range of several rows and columns
 * is left to the reader, which refuses it naming its size.
 */
export function checkLineLength(
  name: string,
  range: unknown,
  most: number,
  noun: string,
  fix = `pass at most ${grouped(most)} ${noun}`,
): void {
  const { rows, cols } = rangeSize(range);
  if (rows * cols <= most || (rows > 1 && cols > 1) || !Array.isArray(range)) return;
  const n = span(Math.max(rows, cols), (i) => isMissing(lineCell(range, rows, i)));
  if (n > most) throw limitExceeded(name, `has ${grouped(n)} ${noun}`, fix);
}

/**
 * Refuses a table of more than `most` rows ({@link tableRows}, `skip` rows of header left out)
 * before a cell of it is read: `positions: has 100,000 rows; pass at most 10,000 rows`.
 */
export function checkRowCount(name: string, range: unknown, most: number, noun: string, fix: string, skip = 0): void {
  if (!Array.isArray(range) || range.length - skip <= most) return;
  const n = tableRows(range, skip);
  if (n > most) throw limitExceeded(name, `has ${grouped(n)} ${noun}`, fix);
}

/** A table limit counting the rows that hold values: see {@link checkFilledRows}. */
export interface FilledRowsLimit {
  /** Most rows holding values, the first `skip` of them (a header) left out. */
  most: number;
  /** Noun of that count: `has 10,001 events`. */
  noun: string;
  /** Most rows, blank or not, read down to the last value: a bound on the reading only. */
  bound: number;
  /** Noun of the bound: `has 1,048,576 rows down to the last event`. */
  boundNoun: string;
  fix: string;
  /** Rows holding values at the top that are not counted (a header), 0 by default. */
  skip?: number;
}

/**
 * Refuses a table holding more than `most` rows of values: blank rows, between the values or
 * below them (a whole column selected), are not counted, as the readers skip them. The rows down
 * to the last value ({@link tableRows}, `skip` rows left out) are bounded first at `bound`, so a
 * whole column full of values is refused from its last rows, before its other cells are read.
 */
export function checkFilledRows(name: string, range: unknown, limit: FilledRowsLimit): void {
  const { most, noun, bound, boundNoun, fix, skip = 0 } = limit;
  if (!Array.isArray(range) || range.length - skip <= most) return;
  const height = skip + tableRows(range, skip);
  if (height - skip > bound) throw limitExceeded(name, `has ${grouped(height - skip)} ${boundNoun}`, fix);
  let filled = 0;
  for (let i = 0; i < height; i++) if (!isBlankRow(range[i])) filled++;
  if (filled - skip > most) throw limitExceeded(name, `has ${grouped(filled - skip)} ${noun}`, fix);
}
