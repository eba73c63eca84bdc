/**
 * Arguments that may be a single cell or a range, combined cell by cell as Excel combines ranges
 * in its own formulas: ranges of the same size pair up, a single cell goes with every cell, and a
 * column against a row gives the table of every pair (a one-row or one-column range stretches
 * along the other's length). Any other mix of sizes is rejected naming both arguments.
 */
import { AlvhError, invalidInput, isAlvhError } from '@alvh/shared';
import { isMissing, isOmitted, widestRow } from './args';

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
  return invalidInput(cellName(a, r, c), 'is empty', `fill it, or select only the ${a.name} cells that hold values`);
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
