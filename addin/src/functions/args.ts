/**
 * Reading Excel arguments: what Excel passes for an omitted optional argument (null, undefined or
 * an empty string), option types written "call"/"c", choices, Excel date serials, series given as
 * ranges. Every rejection names the Excel argument and the fix,
 * through the sizing package's error model, so {@link excelCall} shows it as #VALUE!.
 */
import {
  AlvhError,
  excelSerialToIso,
  invalidInput,
  isAlvhError,
  parseIsoDate,
  toIsoDate,
  type OptionType,
} from '@alvh/shared';
import {
  decimalCommaFix,
  decimalCommaReading,
  dotGroupedWords,
  hasDotGroupedThousands,
  numberFromText,
  type ReadingWords,
} from '../common/numbers';
import { plainText } from '../common/views';
import { isBlankRow, isMissing } from './rangeSize';

/** A cell or argument as Excel passes it to a custom function. */
export type Cell = number | string | boolean | null | undefined;

export { isMissing };

/**
 * True for an optional range argument left out: omitted, or a range whose cells are all empty
 * ({@link isMissing}), so that a selected empty cell or column means the default, as an empty
 * cell does for a single value.
 */
export function isOmitted(x: unknown): boolean {
  if (!Array.isArray(x)) return isMissing(x);
  return x.every(isBlankRow);
}

/**
 * A cell as messages quote it: text in quotes, TRUE/FALSE as Excel shows them, an error passed as
 * an object as Excel shows it (#N/A) and another object as its JSON ({@link plainText}), never
 * "[object Object]".
 */
export function show(x: unknown): string {
  if (typeof x === 'object' && x !== null) return plainText(x);
  return typeof x === 'string' ? JSON.stringify(x) : typeof x === 'boolean' ? String(x).toUpperCase() : String(x);
}

/**
 * The longest row of a range (0 for none). A loop, not `Math.max(...rows)`: spreading a whole-column
 * reference (a million rows) overflows the call stack.
 */
export function widestRow(rows: readonly unknown[]): number {
  let width = 0;
  for (const r of rows) {
    const n = Array.isArray(r) ? r.length : 1;
    if (n > width) width = n;
  }
  return width;
}

/**
 * The one cell of an argument that takes a single value: a 1×1 range is its cell; a larger range
 * is rejected naming its size (rather than printing its values joined).
 */
export function singleCell(name: string, x: unknown): unknown {
  if (!Array.isArray(x)) return x;
  const rows = x as unknown[];
  const height = rows.length;
  const width = widestRow(rows);
  if (height === 1 && width === 1) return Array.isArray(rows[0]) ? (rows[0] as unknown[])[0] : rows[0];
  throw invalidInput(name, `is a ${height}×${width} range`, 'pass a single cell');
}

/** A cell's number: a number, or numeric text under the common rule ({@link numberFromText}). */
function cellNumber(x: unknown): number | undefined {
  if (typeof x === 'number') return Number.isFinite(x) ? x : undefined;
  return typeof x === 'string' ? numberFromText(x) : undefined;
}

/**
 * The number of a single cell, or an error naming the argument with `fix`; text with a decimal
 * comma ("22,75", a sheet in many locales) is told to write it with a point instead.
 */
export function readNumber(name: string, x: unknown, fix: string): number {
  const n = cellNumber(x);
  if (n === undefined) {
    const what = isMissing(x) ? 'is empty' : `is ${show(x)}, not a number`;
    throw invalidInput(name, what, (typeof x === 'string' ? decimalCommaFix(x) : undefined) ?? fix);
  }
  return n;
}

/**
 * A number argument. Numeric text ("42", "5%", "5,000,000") reads as the number, as in ALVH.PLAN
 * and the taskpane; other text, TRUE/FALSE and an empty cell are rejected naming the argument.
 */
export function numberArg(name: string, cell: unknown): number {
  return readNumber(name, singleCell(name, cell), 'pass a number (text such as "42" or "5%" also reads as one)');
}

/** An optional number argument: `undefined` when omitted or empty. */
export function optionalNumber(name: string, x: unknown): number | undefined {
  const cell = singleCell(name, x);
  return isMissing(cell) ? undefined : numberArg(name, cell);
}

/**
 * Runs `body`, which reads the single-value arguments `cells` (by name); a refusal naming one of them
 * whose cell is text with one comma ("23,325", read as 23325) offers the decimal reading first, as
 * CURVE's refusal of such a price does ({@link decimalCommaReading}).
 */
export function withDecimalCommaReading<T>(cells: Readonly<Record<string, unknown>>, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (!isAlvhError(e) || !Object.hasOwn(cells, e.field)) throw e;
    const x = cells[e.field];
    // the one cell of a 1×1 range; a larger one was refused as a range, and is no text
    const only: unknown = Array.isArray(x) && x.length === 1 ? (x as unknown[])[0] : x;
    const cell: unknown = Array.isArray(only) ? (only.length === 1 ? (only as unknown[])[0] : undefined) : only;
    const fix = decimalCommaReading(cell, e.fix);
    throw fix === e.fix ? e : new AlvhError(e.code, e.field, e.problem, fix);
  }
}

/**
 * The error for a value typed as a percentage where none belongs ("1.3%" as a credit, "40%" as an
 * RSI), or undefined when the value is not percent text.
 */
export function percentRefusal(name: string, value: unknown): AlvhError | undefined {
  if (typeof value === 'string' && value.trim().endsWith('%') && numberFromText(value) !== undefined)
    return invalidInput(name, `is ${JSON.stringify(value)}, a percentage`, 'give it in its own units without %');
  return undefined;
}

/**
 * A number that is never a percentage (an RSI, a spread, an index level): percent text is refused
 * naming it ("100%" read as 1 is an RSI of 1), and other text is refused with a fix that offers
 * only what is taken (a number, or its text without %).
 */
export function plainNumberArg(name: string, cell: unknown): number {
  const x = singleCell(name, cell);
  const percent = percentRefusal(name, x);
  if (percent !== undefined) throw percent;
  return readNumber(name, x, 'pass a number without % (text such as "42" also reads as one)');
}

/** An optional {@link plainNumberArg}: `undefined` when omitted or empty. */
export function optionalPlainNumber(name: string, x: unknown): number | undefined {
  const cell = singleCell(name, x);
  return isMissing(cell) ? undefined : plainNumberArg(name, cell);
}

/**
 * Refuses a count (contracts, paths, issues) typed as text with its thousands grouped by a dot
 * ("10.000", "1.200"), named `name`, with the readings `words` take, as PLAN's quantity row refuses
 * it ("write 10000 for 10,000 contracts, or 10 for 10 contracts"): read as a decimal it is a
 * thousand times off. Any other cell passes.
 */
export function refuseDotGroupedCount(name: string, cell: unknown, words: ReadingWords): void {
  if (typeof cell !== 'string' || !hasDotGroupedThousands(cell)) return;
  const { problem, fix } = dotGroupedWords(cell, words);
  throw invalidInput(name, problem, fix);
}

/** An optional TRUE/FALSE argument (1/0 accepted); `fallback` when omitted. */
export function booleanArg(name: string, cell: unknown, fallback: boolean): boolean {
  const x = singleCell(name, cell);
  if (isMissing(x)) return fallback;
  if (typeof x === 'boolean') return x;
  if (x === 1 || x === 0) return x === 1;
  // text TRUE / FALSE: cells pasted from a CSV file arrive as text
  const s = typeof x === 'string' ? x.trim().toUpperCase() : '';
  if (s === 'TRUE' || s === 'FALSE') return s === 'TRUE';
  throw invalidInput(name, `is ${show(x)}, not TRUE or FALSE`, 'pass TRUE or FALSE');
}

/** "call"/"c" or "put"/"p", any case. */
export function optionTypeArg(name: string, cell: unknown): OptionType {
  const x = singleCell(name, cell);
  const s = typeof x === 'string' ? x.trim().toLowerCase() : '';
  if (s === 'call' || s === 'c') return 'call';
  if (s === 'put' || s === 'p') return 'put';
  throw invalidInput(name, `is ${isMissing(x) ? 'empty' : show(x)}`, 'pass "call" or "put" (or "c"/"p")');
}

/** A choice as compared: lower case, without spaces, hyphens or underscores ("Black-76" is black76, "B-S" bs). */
const choiceKey = (s: string): string => s.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * One of `choices`, compared without case, spaces, hyphens or underscores ("Black 76", "black-76"
 * and "BLACK76" are black76; "B-S" is bs); `choices[0]` when omitted.
 */
export function choiceArg<C extends string>(name: string, cell: unknown, choices: readonly [C, ...C[]]): C {
  const x = singleCell(name, cell);
  if (isMissing(x)) return choices[0];
  const s = typeof x === 'string' ? choiceKey(x) : '';
  const found = s === '' ? undefined : choices.find((c) => choiceKey(c) === s);
  if (found === undefined) throw invalidInput(name, `is ${show(x)}`, `pass one of ${choices.join(', ')}`);
  return found;
}

/** An Excel date (serial in the 1900 system) or a 'YYYY-MM-DD' text, as an ISO date. */
export function dateArg(name: string, cell: unknown): string {
  const x = singleCell(name, cell);
  if (typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x.trim())) return toIsoDate(parseIsoDate(name, x.trim()));
  // A serial typed as text ("44621", from a CSV) reads as the serial, as PLAN reads it: plain
  // digits only, never percent or grouped text ("4500000%", "45,000") nor a fraction of a day.
  const serial = typeof x === 'string' ? (/^\s*\d+\s*$/.test(x) ? Number(x) : undefined) : x;
  if (typeof serial !== 'number') {
    throw invalidInput(
      name,
      isMissing(x) ? 'is empty' : `is ${show(x)}, not a date`,
      'pass a date cell, ISO text such as "2020-03-16", or a serial such as 43906',
    );
  }
  return excelSerialToIso(name, serial);
}

/** An optional date: `undefined` when omitted. */
export function optionalDate(name: string, x: unknown): string | undefined {
  const cell = singleCell(name, x);
  return isMissing(cell) ? undefined : dateArg(name, cell);
}

/**
 * The cells of a range of one column or one row (a single value is a range of one) by place, read
 * where they are: a whole column is neither copied nor flattened (a third of a second for a million
 * rows) before its values are found. A range of several rows and columns is refused naming its size.
 */
function lineCells(name: string, range: unknown): { length: number; at: (i: number) => unknown } {
  if (!Array.isArray(range)) return { length: 1, at: () => range };
  const rows = range as unknown[];
  const width = widestRow(rows);
  if (rows.length > 1 && width > 1)
    throw invalidInput(name, `is a ${rows.length}×${width} range`, 'pass a single column or a single row');
  const only: unknown = rows[0];
  if (rows.length === 1 && Array.isArray(only)) return { length: only.length, at: (i) => (only as unknown[])[i] };
  return { length: rows.length, at: (i) => (Array.isArray(rows[i]) ? (rows[i] as unknown[])[0] : rows[i]) };
}

/** The cells of a range of one column or one row (a single value is a range of one), in order, blanks kept. */
export function lineOf(name: string, range: unknown): unknown[] {
  const { length, at } = lineCells(name, range);
  return Array.from({ length }, (_, i) => at(i));
}

/**
 * The name of the cell at `place` (counted from 0) of a range as selected, counted from 1 as in the
 * sheet: `closes[3]` is the third cell, blanks included (the convention of {@link seriesCell}).
 */
export function cellName(name: string, place: number): string {
  return `${name}[${place + 1}]`;
}

/**
 * The cells of a range of one column or one row (a single value is a range of one), in order.
 * Empty cells before the first and after the last value are dropped, so a range may be selected
 * longer than the data; an empty cell between values is rejected.
 */
function cellsOf(name: string, range: unknown, leading?: string): { cell: unknown; at: string }[] {
  const line = lineCells(name, range);
  const cell = line.at;
  let first = 0;
  let last = line.length - 1;
  while (first <= last && isMissing(cell(first))) first++;
  while (last >= first && isMissing(cell(last))) last--;
  // A series whose place is its meaning (futures read from the front month) keeps its first cell.
  if (leading !== undefined && first > 0 && first <= last) {
    throw invalidInput(`${name}[1]`, 'is empty', leading);
  }
  const out: { cell: unknown; at: string }[] = [];
  for (let i = first; i <= last; i++) {
    const at = cellName(name, i);
    if (isMissing(cell(i))) throw invalidInput(at, 'is empty', 'fill the gap or select only the data');
    out.push({ cell: cell(i), at });
  }
  if (out.length === 0) throw invalidInput(name, 'has no values', 'select the cells that hold the data');
  return out;
}

/**
 * The cell of a series read by {@link seriesArg} (or its kin) that the sizing package names by its
 * place in the series, counted from 0 as the API's JSON arrays are (`closes[3]`): the cell counted
 * from 1 in the range as selected, the blanks skipped before the first value included.
 */
export function seriesCell(name: string, range: unknown, index: number): string {
  return seriesCellNamer(name, range)(index);
}

/**
 * {@link seriesCell} for every entry of one series: the blanks before the first value are counted
 * once, where the range lies, so naming the cells of a whole column reads its million cells once
 * rather than copying them for each name.
 */
export function seriesCellNamer(name: string, range: unknown): (index: number) => string {
  const { length, at } = lineCells(name, range);
  let lead = 0;
  while (lead < length && isMissing(at(lead))) lead++;
  if (lead === length) lead = 0;
  return (index) => cellName(name, lead + index);
}

/** Calls `visit` with each cell of a range of one column or one row and its name, in order, read where it lies. */
export function forEachCell(name: string, range: unknown, visit: (cell: unknown, at: string) => void): void {
  const { length, at } = lineCells(name, range);
  for (let i = 0; i < length; i++) visit(at(i), cellName(name, i));
}

/**
 * Runs `body`, a package call on the series `name` read from `range`; an error naming one of its
 * entries (`name[i]`) is rethrown naming the cell ({@link seriesCell}).
 */
export function inSeriesCells<T>(name: string, range: unknown, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (!isAlvhError(e)) throw e;
    const at = new RegExp(`^${name}\\[(\\d+)\\]$`).exec(e.field);
    if (at === null) throw e;
    throw new AlvhError(e.code, seriesCell(name, range, Number(at[1])), e.problem, e.fix);
  }
}

/**
 * The number in series cell `at`; text or a blank between the numbers is named. No series is a
 * percentage (closes, VX prices, strikes, counts, USD amounts): percent text is refused naming the
 * cell, as {@link plainNumberArg} refuses it ("20%" read as 0.2 is a VX price a hundred times off).
 */
export function seriesNumber(cell: unknown, at: string): number {
  const percent = percentRefusal(at, cell);
  if (percent !== undefined) throw percent;
  const n = cellNumber(cell);
  if (n === undefined) throw invalidInput(at, `is ${show(cell)}, not a number`, notNumberFix(cell));
  return n;
}

/** Digits grouped by thousands with a space, a no-break space or a narrow no-break space. */
const SPACE_GROUPED = /^[+-]?\d{1,3}([ \u00a0\u202f]\d{3})+(\.\d+)?$/;

/**
 * The fix for a series cell that is not a number: a number with spaces between its thousands
 * groups ("4 120", or a no-break space as some locales group thousands) is to be written without
 * them, not a gap to fill; one with a decimal comma ("18,5") is to be written with a point; anything
 * else ("4120 4121", two numbers in one cell) is a gap or a cell outside the numbers.
 */
function notNumberFix(cell: unknown): string {
  const t = typeof cell === 'string' ? cell.trim() : '';
  const joined = t.replace(/[ \u00a0\u202f]/g, '');
  // "18,5": a sheet in a locale with a decimal comma (three digits after it read as thousands)
  const comma = decimalCommaFix(t);
  if (comma !== undefined) return comma;
  if (!SPACE_GROUPED.test(t) || numberFromText(joined) === undefined) return 'fill the gap or select only numbers';
  return `write ${joined} without the ${/\d[ \u00a0\u202f]\d{3}[ \u00a0\u202f]\d/.test(t) ? 'spaces' : 'space'}`;
}

/**
 * A series of numbers from a range of one column or one row, oldest first (see {@link cellsOf}
 * for blanks); text between the numbers is rejected naming the cell, counted from 1.
 */
export function seriesArg(name: string, range: unknown): number[] {
  return cellsOf(name, range).map(({ cell, at }) => seriesNumber(cell, at));
}

/**
 * {@link seriesArg} of a series read by place from its first cell (VX futures from the front
 * month): an empty first cell is refused with `fix`, not dropped, so no value moves to the wrong place.
 */
export function placedSeriesArg(name: string, range: unknown, fix: string): number[] {
  return cellsOf(name, range, fix).map(({ cell, at }) => seriesNumber(cell, at));
}

/**
 * {@link seriesArg} of levels that must be above 0 (index closes, VVIX): a zero or a negative cell
 * is named with `fix` (a 0 is often a formula reading an empty cell).
 */
export function positiveSeriesArg(name: string, range: unknown, fix = 'pass the closing levels (> 0)'): number[] {
  return cellsOf(name, range).map(({ cell, at }) => {
    const n = seriesNumber(cell, at);
    if (!(n > 0)) throw invalidInput(at, `is ${n}, not above 0`, fix);
    return n;
  });
}

/**
 * One row of values, with a header row of `labels` above it when the optional `headers` argument is
 * TRUE (for functions that otherwise spill unlabelled numbers).
 */
export function withHeaders(
  headers: unknown,
  labels: readonly string[],
  values: readonly number[],
): (string | number)[][] {
  return booleanArg('headers', headers, false) ? [[...labels], [...values]] : [[...values]];
}
