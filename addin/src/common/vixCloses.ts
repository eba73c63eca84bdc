/**
 * Recent VIX closes pasted into the taskpane (from a sheet, Cboe's VIX_History.csv or any
 * date-and-close table), read into the Monte Carlo's `vixHistory`: the calibrated model then starts
 * its factors where its filter reads them from the closes instead of at their expectation given
 * today's VIX alone (docs/scenarios.md, "Where the spike came from matters").
 */
import { MAX_VIX_HISTORY } from '@alvh/shared';

/** One close as the Monte Carlo request takes it. */
export interface VixClose {
  date: string;
  vix: number;
}

/** What was read: the closes to send, and a sentence saying which of the pasted ones they are. */
export interface VixClosesRead {
  closes: VixClose[];
  note: string;
}

/** A pasted table the reader cannot take: the line (1-based) and what to fix. */
export class VixClosesError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`VIX closes, line ${line}: ${message}`);
    this.name = 'VixClosesError';
  }
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** An ISO date (YYYY-MM-DD) from ISO or US (M/D/YYYY, as Cboe writes it) text, else undefined. */
function isoDate(text: string): string | undefined {
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

/**
 * Read pasted closes: one row a line, cells split by tabs, commas or semicolons; the date in the
 * first cell (YYYY-MM-DD or M/D/YYYY) and the close in the second, or, under a header row, in the
 * column named "close" (Cboe's DATE,OPEN,HIGH,LOW,CLOSE). Rows after `valuationDate` are left out
 * (a history running past the day the plan is for), and of the rest the latest
 * {@link MAX_VIX_HISTORY} are kept, oldest first; the note says so. Blank text: null (no history).
 *
 * @throws VixClosesError naming the line and the fix for a row without a date or a positive close
 */
export function readVixCloses(text: string, valuationDate: string): VixClosesRead | null {
  const lines = text.split(/\r?\n/);
  let closeCol = 1;
  const rows: VixClose[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const cells = line.split(/[\t,;]/).map((c) => c.trim());
    const date = isoDate(cells[0]!);
    if (date === undefined) {
      const header = cells.map((c) => c.toLowerCase());
      if (rows.length === 0 && header.includes('close')) {
        closeCol = header.indexOf('close');
        return;
      }
      if (rows.length === 0 && i === 0 && cells.length >= 2 && Number.isNaN(Number(cells[1]))) return;
      throw new VixClosesError(i + 1, `"${cells[0]}" is not a date; start each row with YYYY-MM-DD or M/D/YYYY`);
    }
    const vix = Number(cells[closeCol]);
    if (cells[closeCol] === undefined || cells[closeCol] === '' || !Number.isFinite(vix) || vix <= 0) {
      throw new VixClosesError(
        i + 1,
        `the close "${cells[closeCol] ?? ''}" is not a positive number; put the VIX close (points, e.g. 14.2) after the date`,
      );
    }
    rows.push({ date, vix });
  });
  if (rows.length === 0) return null;
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const upTo = rows.filter((r) => r.date <= valuationDate);
  if (upTo.length === 0) {
    throw new VixClosesError(
      1,
      `every close is after the valuation date ${valuationDate}; paste the closes up to that day`,
    );
  }
  const closes = upTo.slice(-MAX_VIX_HISTORY);
  const parts = [`${closes.length} closes, ${closes[0]!.date} to ${closes[closes.length - 1]!.date}`];
  if (upTo.length < rows.length) parts.push(`${rows.length - upTo.length} after the valuation date left out`);
  if (closes.length < upTo.length) parts.push(`the latest ${MAX_VIX_HISTORY} of ${upTo.length} kept`);
  return { closes, note: parts.join('; ') };
}
