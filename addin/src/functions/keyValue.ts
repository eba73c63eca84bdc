/**
 * ALVH.PLAN's inputs: a two-column range of names and values read as ordered [name, value] pairs.
 */
import { grouped, invalidInput, sheetError } from '@alvh/shared';
import { fieldForKey, normalizeKey } from '../common/fields';
import { indexForKey } from '../common/planInput';
import { objectCellText } from '../common/views';
import { isMissing, show, widestRow, type Cell } from './args';
import { checkRowCount, isBlankRow } from './rangeSize';

/** Most rows of names and values: PLAN reads a few hundred names at most (ladders, policy fields, VX1…VX12). */
const MOST_INPUT_ROWS = 1_000;

/** A name PLAN reads as an input row (date, spx, VX1, lastVix, VIX9D, …), as the taskpane compares names. */
function isInputName(c: unknown): boolean {
  if (typeof c !== 'string') return false;
  const k = normalizeKey(c);
  return fieldForKey(c) !== undefined || indexForKey(c) !== undefined || /^(last)?(vx\d+|date|vix)$/.test(k);
}

/**
 * A two-column range of names and values as ordered [name, value] pairs: an empty name skipped, a
 * name text (trimmed) or a number (a future's expiry), a repeat or two rows of names across refused.
 */
export function keyValueArg(name: string, range: unknown): [string | number, Cell][] {
  if (!Array.isArray(range))
    throw invalidInput(name, 'is a single value', 'select a two-column range of names and values');
  // from the range's height, before a million rows of names are read (empty rows below not counted)
  checkRowCount(
    name,
    range,
    MOST_INPUT_ROWS,
    'rows',
    `pass at most ${grouped(MOST_INPUT_ROWS)} rows of names and values`,
  );
  const across = Array.isArray(range[0]) ? (range[0] as Cell[]) : [];
  const transpose =
    'lay the names down the first column and the values down the second (copy, then Paste Special ▸ Transpose)';
  // names across a first row and values across a second, the empty rows selected below them left
  // out: three names or more, or two PLAN reads (two rows of name and value are a short sheet)
  let filled = range.length;
  while (filled > 0 && isBlankRow(range[filled - 1])) filled--;
  const names = across.filter((c) => typeof c === 'string' && c.trim() !== '');
  if (filled === 2 && (names.length >= 3 || names.filter(isInputName).length >= 2))
    throw invalidInput(
      name,
      `is ${range.length} rows of ${widestRow(range)} columns, its names across the first row`,
      transpose,
    );
  const out: [string | number, Cell][] = [];
  const seen = new Set<string>();
  range.forEach((row: unknown, i) => {
    const cells = Array.isArray(row) ? (row as Cell[]) : [row as Cell];
    if (cells.length < 2)
      throw invalidInput(name, `has ${cells.length} column`, 'select two columns: names, then values');
    const [key, value] = cells;
    // a number beside the value (another day's inputs, a second scenario) would be left unread: a
    // third column of notes is text, and kept out of the reading
    const beyond = cells.slice(2).findIndex((c) => typeof c === 'number');
    if (beyond >= 0)
      throw invalidInput(
        `${name} row ${i + 1}`,
        `has a number in column ${beyond + 3} (${show(cells[beyond + 2])}), which PLAN does not read`,
        'select two columns, names then values (one plan a range; notes beside them are text)',
      );
    if (isMissing(key)) {
      if (isMissing(value)) return;
      throw invalidInput(`${name} row ${i + 1}`, 'has a value but no name', 'put the input name in the first column');
    }
    if (typeof key !== 'string' && typeof key !== 'number') {
      throw invalidInput(`${name} row ${i + 1}`, `has the name ${show(key)}`, 'put the input name in the first column');
    }
    const k = typeof key === 'string' ? key.trim() : key;
    if (seen.has(String(k)))
      throw invalidInput(`${name} row ${i + 1}`, `repeats ${String(k)}`, 'keep one row per name');
    seen.add(String(k));
    // a formula's error (#N/A) said as the error it is, as a series names it, never quoted as text
    const error = sheetError(objectCellText(value) ?? value);
    if (error !== undefined)
      throw invalidInput(`${name} ${k}`, `is ${error}, a formula's error`, 'fix the formula, or give the value');
    out.push([k, value]);
  });
  if (out.length === 0) throw invalidInput(name, 'is empty', 'select a two-column range of names and values');
  return out;
}
