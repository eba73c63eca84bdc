/**
 * Arguments that may be a single cell or a range, combined cell by cell as Excel combines ranges
 * in its own formulas: ranges of the same size pair up, a single cell goes with every cell, and a
 * column against a row gives the table of every pair (a one-row or one-column range stretches
 * along the other's length). Any other mix of sizes is rejected naming both arguments.
 */
import { AlvhError, grouped, invalidInput, isAlvhError, limitExceeded } from '@alvh/shared';
import { isMissing, isOmitted, widestRow } from './args';
import { lineCell, rangeSize } from './rangeSize';

/** An argument as a rectangle of cells (a single value is 1×1). */
export interface GridArg {
  name: string;
  rows: number;
  cols: number;
  cells: unknown[][];
}

/** A single cell or a range, as Excel passed it to a matrix parameter. Omitted optionals are one empty cell. */
export function gridArg(name: string, x: unknown): GridArg {
  if (!Array.isArray(x)) return { name, rows: 1, cols: 1, cells: [[x]] };
  const cells = (x as unknown[]).map((r): unknown[] => (Array.isArray(r) ? (r as unknown[]) : [r]));
  const rows = cells.length;
  const cols = widestRow(cells);
  if (rows === 0 || cols === 0) return { name, rows: 1, cols: 1, cells: [[null]] };
  return { name, rows, cols, cells };
}

/** The size of the result of combining `args` cell by cell (see the module comment). */
export function broadcastShape(args: readonly GridArg[]): { rows: number; cols: number } {
  let rows = 1;
  let cols = 1;
  let byRows: GridArg | undefined;
  let byCols: GridArg | undefined;
  for (const a of args) {
    if (a.rows > 1) {
      if (rows > 1 && a.rows !== rows) throw mismatch(a, byRows!);
      rows = a.rows;
      byRows ??= a;
    }
    if (a.cols > 1) {
      if (cols > 1 && a.cols !== cols) throw mismatch(a, byCols!);
      cols = a.cols;
      byCols ??= a;
    }
  }
  return { rows, cols };
}

/**
 * Refuses arguments whose combined result would have more than `most` cells, from their
 * dimensions alone, before a cell is read or converted (an optional argument left out is passed as
 * null): a whole column of strikes against a row of vols is millions of cells, a minute of work.
 * Names the argument that runs down the most rows, and the one across the most columns if another.
 */
export function checkResultSize(args: readonly { name: string; range: unknown }[], most: number, fix: string): void {
  const sized = args.map((a) => ({ name: a.name, ...rangeSize(a.range) }));
  const rows = sized.reduce((n, s) => Math.max(n, s.rows), 1);
  const cols = sized.reduce((n, s) => Math.max(n, s.cols), 1);
  if (rows * cols <= most) return;
  const down = sized.find((s) => s.rows === rows)!;
  const across = sized.find((s) => s.cols === cols)!;
  const range = (s: { rows: number; cols: number }) => `a ${grouped(s.rows)}×${grouped(s.cols)} range`;
  // the argument that makes the result long, and the one that makes it wide when another does
  const first = rows > 1 ? down : across;
  const blank = blankBelowData(args.find((a) => a.name === first.name)!.range, first);
  if (blank !== undefined) throw blank;
  const both = rows > 1 && cols > 1 && down !== across ? ` and ${across.name} ${range(across)}` : '';
  throw limitExceeded(first.name, `is ${range(first)}${both}: a result of ${grouped(rows * cols)} cells`, fix);
}

/**
 * A column or row selected longer than its data (a whole column holding a few strikes): its first
 * empty cell, as {@link emptyInRange} names it, rather than its size. Read only when its last cell
 * is empty, so a range full of values is not scanned.
 */
function blankBelowData(range: unknown, size: { name: string; rows: number; cols: number }): AlvhError | undefined {
  if (!Array.isArray(range) || (size.rows > 1 && size.cols > 1)) return undefined;
  const at = (i: number): unknown => lineCell(range, size.rows, i);
  const length = Math.max(size.rows, size.cols);
  if (!isMissing(at(length - 1))) return undefined;
  let i = 0;
  while (i < length && !isMissing(at(i))) i++;
  const a = { name: size.name, rows: size.rows, cols: size.cols, cells: [] };
  return invalidInput(cellName(a, size.rows > 1 ? i : 0, size.cols > 1 ? i : 0), 'is empty', emptyFix(size.name));
}

/** The fix for an empty cell of a range argument. */
const emptyFix = (name: string): string => `fill it, or select only the ${name} cells that hold values`;

function mismatch(a: GridArg, b: GridArg): AlvhError {
  return invalidInput(
    a.name,
    `is a ${a.rows}×${a.cols} range and ${b.name} is ${b.rows}×${b.cols}`,
    'pass ranges of the same size, a column against a row, or single cells',
  );
}

/** The cell of `a` that goes with result cell (r, c). */
export function cellAt(a: GridArg, r: number, c: number): unknown {
  return a.cells[a.rows === 1 ? 0 : r]?.[a.cols === 1 ? 0 : c];
}

/** The name of that cell in messages: `strike` for a single cell, `strike[3]` in a row or column, `strike[3,2]` in a table. */
export function cellName(a: GridArg, r: number, c: number): string {
  if (a.rows === 1 && a.cols === 1) return a.name;
  if (a.cols === 1) return `${a.name}[${r + 1}]`;
  if (a.rows === 1) return `${a.name}[${c + 1}]`;
  return `${a.name}[${r + 1},${c + 1}]`;
}

/**
 * The error for an empty cell of a range argument, each cell of which is an option (a range
 * selected longer than its data): undefined for a filled cell or a single one.
 */
export function emptyInRange(a: GridArg, r: number, c: number): AlvhError | undefined {
  if ((a.rows === 1 && a.cols === 1) || !isMissing(cellAt(a, r, c))) return undefined;
  return invalidInput(cellName(a, r, c), 'is empty', emptyFix(a.name));
}

/**
 * An optional argument as {@link gridArg} reads it, but one left out ({@link isOmitted}: omitted,
 * an empty cell, or a range whose cells are all empty) is one empty cell: its default, taking no
 * part in the result's shape.
 */
export function optionalGridArg(name: string, x: unknown): GridArg {
  return gridArg(name, isOmitted(x) ? null : x);
}

/** True when the optional argument was left out ({@link isOmitted}: all its cells empty). */
export function omitted(a: GridArg): boolean {
  return isOmitted(a.cells);
}

/** Runs `body`; an AlvhError it throws is rethrown with its field renamed by `rename`. */
export function renamed<T>(body: () => T, rename: (field: string) => string): T {
  try {
    return body();
  } catch (e) {
    if (isAlvhError(e)) throw new AlvhError(e.code, rename(e.field), e.problem, e.fix);
    throw e;
  }
}
