/**
 * ALVH.PLAN's inputs: a two-column range of names and values read as ordered [name, value] pairs.
 */
import { invalidInput } from '@alvh/shared';
import { isMissing, show, type Cell } from './args';

/**
 * A two-column range of names and values as ordered [name, value] pairs: an empty name skipped, a
 * name text (trimmed) or a number (a future's expiry), a repeat or two rows of names across refused.
 */
export function keyValueArg(name: string, range: unknown): [string | number, Cell][] {
  if (!Array.isArray(range))
    throw invalidInput(name, 'is a single value', 'select a two-column range of names and values');
  const across = Array.isArray(range[0]) ? (range[0] as Cell[]) : [];
  const transpose =
    'lay the names down the first column and the values down the second (copy, then Paste Special ▸ Transpose)';
  if (range.length === 2 && across.filter((c) => typeof c === 'string' && c.trim() !== '').length >= 3)
    throw invalidInput(name, `is 2 rows of ${across.length} columns, its names across the first row`, transpose);
  const out: [string | number, Cell][] = [];
  const seen = new Set<string>();
  range.forEach((row: unknown, i) => {
    const cells = Array.isArray(row) ? (row as Cell[]) : [row as Cell];
    if (cells.length < 2)
      throw invalidInput(name, `has ${cells.length} column`, 'select two columns: names, then values');
    const [key, value] = cells;
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
    out.push([k, value]);
  });
  if (out.length === 0) throw invalidInput(name, 'is empty', 'select a two-column range of names and values');
  return out;
}
