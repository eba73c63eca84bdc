/**
 * A replay's refusal as the replay scripts print it: the rows are the script's own merge of the
 * data folder, so `rows[8059].spxOpen` names nothing a reader can find; the row's date does
 * (`2021-12-23 spxOpen`), and the date is in every file the row was merged from.
 */
import { InputValidationError, type AlvhError, type MarketRow } from '@alvh/shared';

/** Issues of a refused input listed under its first line, at most (the rest are counted). */
export const LISTED_ISSUES = 10;

/**
 * `text` with each `rows[i]` replaced by the date of `rows[i]` (`rows[8059].spxOpen` → `2021-12-23
 * spxOpen`, `rows[12]` → `2007-04-18`); an index past the rows is left as it is.
 * @example rowsByDate('rows[1].spx: is 0.5', [{ date: '2020-01-02', vx: [] }, { date: '2020-01-03', vx: [] }])
 * // '2020-01-03 spx: is 0.5'
 */
export function rowsByDate(text: string, rows: readonly Pick<MarketRow, 'date'>[]): string {
  return text.replace(/rows\[(\d+)\](\.)?/g, (whole, index: string, dot: string | undefined) => {
    const row = rows[Number(index)];
    if (row === undefined) return whole;
    return dot === undefined ? row.date : `${row.date} `;
  });
}

/**
 * A replay's refusal in the script's words: its message with rows named by date; an input refused
 * for several issues lists them under it, one a line ({@link LISTED_ISSUES} at most).
 */
export function replayErrorText(e: AlvhError, rows: readonly Pick<MarketRow, 'date'>[]): string {
  const lines = [rowsByDate(e.message, rows)];
  if (e instanceof InputValidationError && e.issues.length > 1) {
    for (const issue of e.issues.slice(0, LISTED_ISSUES))
      lines.push(`  ${rowsByDate(`${issue.path}: ${issue.message}`, rows)}`);
    if (e.issues.length > LISTED_ISSUES) lines.push(`  (${e.issues.length - LISTED_ISSUES} more)`);
  }
  return lines.join('\n');
}
