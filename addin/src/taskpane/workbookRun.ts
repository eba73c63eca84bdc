/**
 * How a write reaches the workbook: each run's sheet gets a name no sheet has yet (and its tables
 * names no table has), writes go one at a time, and a failed write says what to do.
 *
 * Names carry the run's time to the second (`ALVH plan 20250408-101112`); a second write within
 * that second would ask `worksheets.add` for a name that exists, which Excel refuses
 * (ItemAlreadyExists) although the first sheet was written. So the names in use are read first
 * (`worksheets` and `tables` loaded with `items/name`: ExcelApi 1.1, which the page checks before any write) and
 * the next free one is taken: `ALVH plan 20250408-101112-2`, its tables `AlvhPlan_20250408_101112_2`.
 * (The suffix is "-2", not Excel's " (2)": `ALVH frontier 20250408-101112 (2)` would pass the 31
 * characters a sheet name may have, and cutting it would cut the time.)
 */

/** A sheet name Excel accepts (≤ 31 characters, none of `[]:*?/\`); the `n`th of that run (n > 1) ends "-n". */
export function sheetName(kind: string, stamp: string, n = 1): string {
  const suffix = n > 1 ? `-${n}` : '';
  return `${kind} ${stamp}`.replace(/[[\]:*?/\\]/g, '-').slice(0, 31 - suffix.length) + suffix;
}

/** The part of the run's table names after the kind (`AlvhPlan_<key>`): the stamp, then `_n` from the second. */
export function tableKey(stamp: string, n = 1): string {
  return `${stamp.replace('-', '_')}${n > 1 ? `_${n}` : ''}`;
}

/**
 * A new sheet for a run of `kind` at `stamp` whose tables will be named `<prefix>_<key>`, one per
 * prefix of `tables`: the first n from 1 for which no sheet has the name and no table any of those
 * names (Excel compares both without case), added to the workbook.
 */
export async function newSheet(
  ctx: Excel.RequestContext,
  kind: string,
  stamp: string,
  tables: readonly string[] = [],
): Promise<{ sheet: Excel.Worksheet; name: string; key: string }> {
  const sheets = ctx.workbook.worksheets;
  const inUse = ctx.workbook.tables;
  sheets.load('items/name');
  inUse.load('items/name');
  await ctx.sync();
  const sheetNames = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  const tableNames = new Set(inUse.items.map((t) => t.name.toLowerCase()));
  for (let n = 1; ; n++) {
    const name = sheetName(kind, stamp, n);
    const key = tableKey(stamp, n);
    if (!sheetNames.has(name.toLowerCase()) && !tables.some((p) => tableNames.has(`${p}_${key}`.toLowerCase()))) {
      return { sheet: sheets.add(name), name, key };
    }
  }
}

/**
 * A queue for workbook writes: each job starts once the one before it has settled, so two runs
 * that end together (two clicks within a second) never read the names in use before the other has
 * added its sheet.
 */
export function oneAtATime(): <T>(job: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = last.then(job);
    last = run.catch(() => undefined);
    return run;
  };
}

/** What to do, by the Office.js error's `code` (Excel.ErrorCodes; the code is not localised, the message is). */
const WHAT_TO_DO: Record<string, string> = {
  InvalidOperationInCellEditMode:
    'Excel is editing a cell. Press Enter or Esc to leave the cell, then run again to write the sheet.',
  AccessDenied:
    "Excel refused to add a sheet: the workbook's structure is protected or the file is read-only. Unprotect it (Review > Protect Workbook) or save an editable copy, then run again.",
  ItemAlreadyExists:
    "A sheet or table with this run's name was added while it wrote. Run again: the next free name is taken.",
  ApiNotFound: 'This Excel lacks a function the sheet needs. Update Office (or use Excel on the web), then run again.',
};

/**
 * The message for a workbook write that failed: what to do for the codes a user can act on, else
 * that the sheet was not written; Excel's own text (code: message) after it, as a detail.
 */
export function workbookWriteError(e: unknown): string {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  const raw = e instanceof Error ? e.message : String(e);
  const detail = typeof code === 'string' ? `${code}: ${raw}` : raw;
  const todo =
    (typeof code === 'string' ? WHAT_TO_DO[code] : undefined) ??
    'Excel could not write the results to a sheet; they are shown here. Run again; if it fails again, the detail says why.';
  return `${todo} (Excel: ${detail})`;
}
