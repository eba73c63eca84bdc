/**
 * Recent VIX closes pasted into the taskpane (from a sheet, Cboe's VIX_History.csv or any
 * date-and-close table), read into the Monte Carlo's `vixHistory`: the calibrated model then starts
 * its factors where its filter reads them from the closes instead of at their expectation given
 * today's VIX alone (docs/scenarios.md, "Where the spike came from matters").
 */
import {
  MAX_VIX_CLOSE_GAP_DAYS,
  MAX_VIX_HISTORY,
  MAX_VIX_INDEX,
  MIN_VIX_POINTS,
  VIX_HISTORY_STALE_DAYS,
  clip,
  daysBetween,
  grouped,
  parseIsoDate,
  readCsv,
  utf16Issue,
  weekdayOf,
} from '@alvh/shared';
import { decimalFromText, hasDecimalComma } from './numbers';
import { PastedLineError } from './errors';

/** One close as the Monte Carlo request takes it. */
export interface VixClose {
  date: string;
  vix: number;
}

/** What was read: the closes to send, and a sentence saying which of the pasted ones they are. */
export interface VixClosesRead {
  closes: VixClose[];
  /** The pasted line (1-based) of each close, so that a close the run refuses is named by its line. */
  lines: number[];
  note: string;
}

/** A pasted table the reader cannot take: the line (1-based) and what to fix. */
export class VixClosesError extends PastedLineError {
  constructor(line: number, message: string) {
    super('VIX closes', line, message);
    this.name = 'VixClosesError';
  }
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
/** A time of day after a date, as a sheet or pandas writes a daily close ("2025-04-07 00:00:00"). */
const TIME = /^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s*[AP]M)?(Z|[+-]\d{2}:?\d{2})?$/i;
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s*[AP]M)?(Z|[+-]\d{2}:?\d{2})?$/i;
const MERIDIEM = /^[AP]M$/i;

/** A row's cells with the time of day after its date dropped: in the date's cell, or in a cell of its own (split at spaces). */
function withoutTime(cells: string[]): string[] {
  const [first, second] = cells;
  if (first !== undefined && DATE_TIME.test(first)) return [first.split(/[ T]/)[0]!, ...cells.slice(1)];
  if (first !== undefined && second !== undefined && isoDate(first) !== undefined && TIME.test(second))
    // split at spaces, Excel's "4/4/2025 12:00:00 AM" leaves its AM in a cell of its own
    return [first, ...cells.slice(MERIDIEM.test(cells[2] ?? '') ? 3 : 2)];
  return cells;
}

/** A slash date read day first (D/M/YYYY), when that is a date. */
function dayFirst(text: string): string | undefined {
  const us = US.exec(text);
  return us === null ? undefined : isoDate(`${us[2]}/${us[1]}/${us[3]}`);
}

/** An ISO date (YYYY-MM-DD) from ISO or US (M/D/YYYY, as Cboe writes it) text, else undefined. */
export function isoDate(text: string): string | undefined {
  const iso = ISO.exec(text);
  const us = iso === null ? US.exec(text) : null;
  const [y, m, d] =
    iso !== null
      ? [iso[1]!, iso[2]!, iso[3]!]
      : us !== null
        ? [us[3]!, us[1]!.padStart(2, '0'), us[2]!.padStart(2, '0')]
        : [];
  if (y === undefined) return undefined;
  const date = `${y}-${m}-${d}`;
  const t = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== date ? undefined : date;
}

/** A cell without the double quotes a CSV writer put around it ("" inside stands for one). */
function unquoted(cell: string): string {
  const c = cell.trim();
  return c.length >= 2 && c.startsWith('"') && c.endsWith('"') ? c.slice(1, -1).replace(/""/g, '"').trim() : c;
}

/**
 * A line's cells as a CSV (RFC 4180, the shared `readCsv`: quoted cells, a comma inside quotes
 * kept in its cell), or split at its commas where it is no well-formed CSV (a quote left open): the
 * stray quote then stays in its cell, to be named there.
 */
function csvCells(line: string): string[] {
  try {
    return readCsv(line, 'line')[0]?.cells ?? [''];
  } catch {
    return line.split(',').map((c) => c.trim());
  }
}

/**
 * The cells of a pasted line: split by tabs (a sheet's copy) when it has any, else by semicolons,
 * else by commas (a CSV), else by spaces; double quotes around a cell removed, as a CSV writer
 * puts them ("DATE","CLOSE"); empty cells at its end dropped. One separator a line, so a decimal
 * comma ("17,25") between tabs, semicolons or spaces, or inside quotes, stays in its cell, to be
 * refused there: a line whose commas would leave two numbers in one cell ("2025-04-07 46,98") is
 * split by its spaces, never read as a CSV of "2025-04-07 46" and "98".
 */
export function pastedCells(line: string): string[] {
  const csv = !line.includes('\t') && !line.includes(';') && line.includes(',') ? csvCells(line) : undefined;
  const cells =
    csv !== undefined && !csv.some((c) => /\d\s+\d/.test(c) && !DATE_TIME.test(c))
      ? csv
      : line.split(line.includes('\t') ? '\t' : line.includes(';') ? ';' : /\s+/).map(unquoted);
  while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

/**
 * The number a CSV line's decimal comma split across its last two cells ("2025-04-07,46,98" read as
 * "46" and "98") when the line has one cell more than `width`: "46,98", or undefined when the last
 * two cells are not the two halves of one number (or were not split by a comma).
 */
export function splitDecimalComma(line: string, cells: readonly string[], width: number): string | undefined {
  if (cells.length !== width + 1 || cells.length < 2) return undefined;
  const joined = `${cells[cells.length - 2]},${cells[cells.length - 1]}`;
  return hasDecimalComma(joined) && line.endsWith(joined) ? joined : undefined;
}

/** Whether a line split by commas has two whole numbers side by side: a decimal comma may have split one. */
export function mayHaveDecimalComma(line: string, cells: readonly string[]): boolean {
  return !/[\t;]/.test(line) && cells.some((c, i) => /^\d+$/.test(c) && /^\d+$/.test(cells[i + 1] ?? ''));
}

/**
 * The first cells of a pasted line as a message quotes them: each cut to 16 characters
 * ({@link clip}), as many as fit in `room` characters, "…" for the rest. A pasted line may hold a
 * million cells, and a message is read in a box under the field (255 characters at most).
 */
export function cellsShown(cells: readonly string[], room = 60): string {
  const out: string[] = [];
  let used = 0;
  for (const c of cells) {
    const q = `"${clip(c, 16)}"`;
    const width = (out.length > 0 ? 2 : 0) + q.length;
    if (out.length > 0 && used + width > room - 3) break;
    out.push(q);
    used += width;
  }
  return out.length < cells.length ? `${out.join(', ')}, …` : out.join(', ');
}

/**
 * The words for a number split by its decimal comma ({@link splitDecimalComma}), as `what` ("close",
 * "price"): the number and its halves each cut short, as a pasted cell may hold hundreds of digits.
 */
export function splitDecimalCommaMessage(what: string, joined: string): string {
  const [whole, decimals] = joined.split(',').map((p) => clip(p, 20)) as [string, string];
  return `reads the ${what} ${clip(joined, 41)} as two cells, "${whole}" and "${decimals}": write ${whole}.${decimals} with a decimal point`;
}

/** The words for a close that is not a plain positive decimal in VIX points. */
function badClose(cell: string): string {
  if (hasDecimalComma(cell))
    return `the close "${clip(cell)}" has a decimal comma: write ${clip(cell.replace(',', '.'))} (a point for decimals)`;
  return `the close "${clip(cell)}" is not a positive number; put the VIX close (points, e.g. 14.2) after the date`;
}

/** A column header naming another Cboe index or SPX, whose closes are no VIX closes. */
const OTHER_INDEX =
  /^\^?(vvix|vix1d|vix9d|vix3m|vix6m|vix1y|vxv|vxmt|skew|vxn|vxd|rvx|ovx|gvz|evz|spx|gspc|ndx|spy)\b/i;

/**
 * The close's column under a header row: the one named "close", else the one name holding "close"
 * (Cboe's older "VIX Close", a web page's "Close*"; an "Adj Close" only when it is the one), else
 * the second of two columns ("Date,VIX"). A wider header naming no close is refused rather than
 * read from its second column, which in an OHLC table is the open.
 */
function closeColumn(cells: string[], line: number): number {
  const names = cells.map((c) => c.toLowerCase());
  const exact = names.indexOf('close');
  if (exact >= 0) return exact;
  const holding = names.flatMap((n, j) => (n.includes('close') ? [j] : []));
  const plain = holding.filter((j) => !names[j]!.includes('adj'));
  const pick = plain.length > 0 ? plain : holding;
  if (pick.length === 1) {
    // "VVIX Close" names a close, of another index
    const stem = cells[pick[0]!]!.replace(/close\W*/i, '').trim();
    if (OTHER_INDEX.test(stem))
      throw new VixClosesError(
        line,
        `the close column is "${clip(cells[pick[0]!]!)}", not VIX's: paste VIX closes (Cboe's VIX_History.csv, or the date and the VIX close)`,
      );
    return pick[0]!;
  }
  if (cells.length === 2 && pick.length === 0) {
    const other = OTHER_INDEX.exec(cells[1]!.trim());
    if (other !== null)
      throw new VixClosesError(
        line,
        `the header's second column is "${clip(cells[1]!)}", not VIX: paste VIX closes (Cboe's VIX_History.csv, or the date and the VIX close)`,
      );
    return 1;
  }
  throw new VixClosesError(
    line,
    pick.length > 1
      ? `the header names ${pick.length} close columns (${cellsShown(pick.map((j) => cells[j]!))}): keep one, or paste the date and the close alone`
      : `the header (${cellsShown(cells)}) names no close column: name the VIX close's column "Close", or paste the date and the close alone`,
  );
}

/**
 * Read pasted closes: one row a line (cells as {@link pastedCells} splits them); the date in the
 * first cell (YYYY-MM-DD or M/D/YYYY) and the close in the second, or, under a header row, in the
 * close's column ({@link closeColumn}: Cboe's DATE,OPEN,HIGH,LOW,CLOSE), which the note names. A row must have as many cells as its
 * header, or two without one: a third cell is never guessed at (a decimal comma in a CSV splits a
 * close in two). Closes are plain decimals in VIX points within [{@link MIN_VIX_POINTS},
 * {@link MAX_VIX_INDEX}], one per date. Rows after `valuationDate` are left out (a history
 * running past the day the plan is for), and of the rest the latest {@link MAX_VIX_HISTORY} are
 * kept, oldest first; the last must be at most {@link VIX_HISTORY_STALE_DAYS} days before the
 * valuation date, as the Monte Carlo requires. The note says what was kept. Blank text: null (no history).
 *
 * @throws VixClosesError naming the line and the fix for a row the Monte Carlo could not take
 */
export function readVixCloses(text: string, valuationDate: string): VixClosesRead | null {
  const utf16 = utf16Issue(text);
  if (utf16 !== undefined) throw new VixClosesError(1, utf16);
  // a line ends at LF, CRLF or a lone CR (as older Mac exports write)
  const lines = text.split(/\r\n|\r|\n/);
  let closeCol = 1;
  let width = 2;
  let header = false;
  let column: string | undefined;
  const rows: (VixClose & { line: number; dayFirst: string | undefined })[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const cells = withoutTime(pastedCells(line));
    const date = isoDate(cells[0]!);
    if (date === undefined) {
      if (rows.length === 0 && !header && cells.length >= 2 && !/^[-+]?[\d.,]/.test(cells[1]!)) {
        const col = closeColumn(cells, i + 1);
        [closeCol, width, header] = [col, cells.length, true];
        if (cells.length > 2) column = cells[col];
        return;
      }
      throw new VixClosesError(
        i + 1,
        dayFirst(cells[0]!) === undefined
          ? `"${clip(cells[0]!)}" is not a date; start each row with YYYY-MM-DD or M/D/YYYY`
          : `"${clip(cells[0]!)}" is a date only day first (D/M/YYYY): write dates as YYYY-MM-DD, or M/D/YYYY as Cboe does`,
      );
    }
    const split = splitDecimalComma(line, cells, width);
    if (split !== undefined)
      throw new VixClosesError(i + 1, splitDecimalCommaMessage(closeCol === width - 1 ? 'close' : 'number', split));
    if (cells.length > width) {
      const fix = header
        ? `paste rows of the header's ${width} columns`
        : "paste the date and the close, or Cboe's DATE,OPEN,HIGH,LOW,CLOSE with its header row";
      throw new VixClosesError(
        i + 1,
        `has ${grouped(cells.length)} cells (${cellsShown(cells)}) where ${header ? 'the header has' : 'a row has'} ${width}: ${fix}${
          mayHaveDecimalComma(line, cells) ? '; write decimals with a point, not a comma' : ''
        }`,
      );
    }
    const cell = cells[closeCol] ?? '';
    const vix = decimalFromText(cell);
    if (vix === undefined || vix <= 0) throw new VixClosesError(i + 1, badClose(cell));
    if (vix < MIN_VIX_POINTS || vix > MAX_VIX_INDEX)
      throw new VixClosesError(
        i + 1,
        `the close ${clip(cell, 20)} is outside ${MIN_VIX_POINTS}-${MAX_VIX_INDEX}: VIX closes are index points (18.5, not 0.185)`,
      );
    rows.push({ date, vix, line: i + 1, dayFirst: dayFirst(cells[0]!) });
  });
  if (rows.length === 0) return null;
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line));
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    if (prev !== undefined && prev.date === r.date)
      throw new VixClosesError(
        Math.max(prev.line, r.line),
        `gives ${r.date} again (line ${Math.min(prev.line, r.line)} gives it): keep one close per date`,
      );
  });
  checkDayFirst(rows);
  const upTo = rows.filter((r) => r.date <= valuationDate);
  if (upTo.length === 0) {
    throw new VixClosesError(
      rows[0]!.line,
      `every close is after the valuation date ${valuationDate}; paste the closes up to that day`,
    );
  }
  const kept = upTo.slice(-MAX_VIX_HISTORY);
  const last = kept[kept.length - 1]!;
  // (a Date still being typed is no date yet: the form names it; nothing to measure against)
  const gap = isoDate(valuationDate) === valuationDate ? daysBetween(last.date, valuationDate) : 0;
  if (gap > VIX_HISTORY_STALE_DAYS)
    throw new VixClosesError(
      last.line,
      `the latest close, ${last.date}, is ${gap} days before the valuation date ${valuationDate}: paste the closes up to that day (the last at most ${VIX_HISTORY_STALE_DAYS} days before it)`,
    );
  const n = kept.length;
  const parts = [
    `${n} close${n === 1 ? '' : 's'}, ${kept[0]!.date} to ${last.date}${column === undefined ? '' : ` (column "${clip(column)}")`}`,
  ];
  if (upTo.length < rows.length) parts.push(`${rows.length - upTo.length} after the valuation date left out`);
  if (kept.length < upTo.length) parts.push(`the latest ${MAX_VIX_HISTORY} of ${upTo.length} kept`);
  return {
    closes: kept.map(({ date, vix }) => ({ date, vix })),
    lines: kept.map((r) => r.line),
    note: parts.join('; '),
  };
}

/**
 * Refuses slash dates that read month first (M/D/YYYY, as Cboe writes them) leave closes more than
 * {@link MAX_VIX_CLOSE_GAP_DAYS} days apart, or on a weekend, where read day first (D/M/YYYY) they
 * are consecutive weekdays: a day-first paste whose days are all 12 or under reads as other dates,
 * months apart, and would move the filtered factors and every figure of the run.
 */
function checkDayFirst(rows: readonly { date: string; line: number; dayFirst: string | undefined }[]): void {
  if (rows.length < 2 || rows.some((r) => r.dayFirst === undefined)) return;
  const apart = (dates: readonly string[]): number | undefined => {
    const sorted = [...dates].sort();
    const i = sorted.findIndex(
      (d, j) => weekend(d) || (j > 0 && daysBetween(sorted[j - 1]!, d) > MAX_VIX_CLOSE_GAP_DAYS),
    );
    return i < 0 ? undefined : i;
  };
  const monthFirst = rows.map((r) => r.date);
  const bad = apart(monthFirst);
  if (bad === undefined || apart(rows.map((r) => r.dayFirst!)) !== undefined) return;
  const row = rows[bad]!;
  const prev = rows[bad - 1];
  throw new VixClosesError(
    row.line,
    `reads as ${row.date} month first (M/D/YYYY, as Cboe writes it)${
      weekend(row.date)
        ? ', a weekend'
        : prev === undefined
          ? ''
          : `, ${daysBetween(prev.date, row.date)} days after the close before`
    }, while day first the closes are consecutive weekdays: write dates as YYYY-MM-DD`,
  );
}

function weekend(date: string): boolean {
  const d = weekdayOf(parseIsoDate('date', date));
  return d === 0 || d === 6;
}
