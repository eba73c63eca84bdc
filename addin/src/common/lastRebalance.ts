/**
 * The last rebalance as the taskpane enters it: the date, VIX that day and that day's VX futures,
 * pasted as the curve table takes a paste (lines of expiry and price, or prices alone, front month
 * first, whose expiries are the monthly VX expiries after the date, as ALVH.PLAN's lastVX1…lastVXn).
 * All three blank: not given. Anything else is sent as `lastRebalance` for the shared schema to
 * check; what the schema cannot say of a partly filled entry (which part is blank, a line that is
 * no curve row, a date after the valuation date) is said here at the same paths.
 */
import { vxExpiriesAfter } from '@alvh/shared';
import { decimalCommaMessage, hasDecimalComma, notNumberMessage, numberFromText } from './numbers';
import { PastedCurveError, parsePastedCurve } from './selection';
import { isoDate } from './vixCloses';

/** The entry as typed. */
export interface LastRebalanceText {
  date: string;
  vix: string;
  futures: string;
}

/** A future pasted: its expiry (from the date when the line gives a price alone), price as typed, 1-based line. */
interface PastedFuture {
  expiry: string | undefined;
  price: string;
  line: number;
}

export const BLANK_LAST_REBALANCE: LastRebalanceText = { date: '', vix: '', futures: '' };

export function isBlankLastRebalance(e: LastRebalanceText): boolean {
  return e.date.trim() === '' && e.vix.trim() === '' && e.futures.trim() === '';
}

/** The futures box read as curve rows with their lines, or the line it cannot take. */
function pastedFutures(e: LastRebalanceText): PastedFuture[] | PastedCurveError {
  let rows: { expiry?: string; price: string }[];
  try {
    rows = parsePastedCurve(e.futures);
  } catch (err) {
    if (err instanceof PastedCurveError) return err;
    throw err;
  }
  // every line from the first row on is a row (a blank one too): the rows end at the last line
  // trimEnd, not replace(/(\r?\n\s*)+$/): that pattern splits a run of blank lines between its two
  // parts every way, exponential (20 blank CRLF lines between rows froze the page for a minute)
  const lines = e.futures.trimEnd().split(/\r?\n/).length;
  const date = e.date.trim();
  let monthlies: string[] = [];
  if (/^\d{4}-\d{2}-\d{2}$/.test(date) && rows.some((r) => r.expiry === undefined)) {
    try {
      monthlies = vxExpiriesAfter(date, rows.length);
    } catch {
      // not a calendar date: the date's own message says so
    }
  }
  return rows.map((r, i) => ({
    expiry: r.expiry ?? monthlies[i],
    price: r.price.trim(),
    line: lines - rows.length + i + 1,
  }));
}

/** A price or level as the schema should see it: a number when it reads as one, else the text. */
function numberOrText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return t.endsWith('%') ? t : (numberFromText(t) ?? t);
}

/** `lastRebalance` of the plan input, or undefined when the entry is blank. */
export function lastRebalanceInput(e: LastRebalanceText): Record<string, unknown> | undefined {
  if (isBlankLastRebalance(e)) return undefined;
  const rows = pastedFutures(e);
  const date = e.date.trim();
  const vix = numberOrText(e.vix);
  return {
    ...(date === '' ? {} : { date }),
    ...(vix === undefined ? {} : { vix }),
    futures: (rows instanceof PastedCurveError ? [] : rows).map((r) => ({
      ...(r.expiry === undefined ? {} : { expiry: r.expiry }),
      ...(r.price === '' ? {} : { price: numberOrText(r.price) }),
    })),
  };
}

/** The 1-based line of the box that gave future `row` (undefined when the box cannot be read). */
export function lastFutureLine(e: LastRebalanceText, row: number): number | undefined {
  const rows = pastedFutures(e);
  return rows instanceof PastedCurveError ? undefined : rows[row]?.line;
}

const CLEAR = 'or clear the last rebalance (date, VIX and futures all blank)';

/**
 * What the entry says wrong before the schema reads it, at `lastRebalance.*` paths: a blank part of
 * an entry otherwise given, a futures line the box cannot take, prices alone without a date to
 * take expiries from, a percentage, a decimal comma or other text that is no number in the VIX, and
 * a date after `valuationDate` (the plan's own words for it).
 */
export function lastRebalanceIssues(e: LastRebalanceText, valuationDate: string): { path: string; message: string }[] {
  if (isBlankLastRebalance(e)) return [];
  const out: { path: string; message: string }[] = [];
  const date = e.date.trim();
  const vix = e.vix.trim();
  if (date === '')
    out.push({
      path: 'lastRebalance.date',
      message: `is blank: pass the date of the last rebalance (YYYY-MM-DD), ${CLEAR}`,
    });
  const today = valuationDate.trim();
  if (isoDate(date) === date && isoDate(today) === today && date > today)
    out.push({
      path: 'lastRebalance.date',
      message: `is ${date}, after the valuation date ${today}; pass the date of the last rebalance, on or before the valuation date`,
    });
  if (vix === '')
    out.push({ path: 'lastRebalance.vix', message: `is blank: pass VIX at the last rebalance, ${CLEAR}` });
  else if (vix.endsWith('%'))
    out.push({
      path: 'lastRebalance.vix',
      message: 'is a percentage; give VIX in index points (e.g. 23.18), without %',
    });
  else if (hasDecimalComma(vix)) out.push({ path: 'lastRebalance.vix', message: decimalCommaMessage(vix) });
  else if (numberFromText(vix) === undefined)
    out.push({
      path: 'lastRebalance.vix',
      message: notNumberMessage(vix, 'type VIX at the last rebalance in its points, such as 23.18'),
    });
  const rows = pastedFutures(e);
  if (rows instanceof PastedCurveError) {
    out.push({ path: 'lastRebalance.futures', message: rows.message.replace(/^Pasted curve, /, '') });
    return out;
  }
  if (e.futures.trim() === '')
    out.push({
      path: 'lastRebalance.futures',
      message: `is blank: paste that day's VX futures (expiry and price, or prices alone), ${CLEAR}`,
    });
  else if (rows.some((r) => r.expiry === undefined))
    out.push({
      path: 'lastRebalance.futures',
      message: "prices alone take the monthly VX expiries after the last rebalance's date: set that date first",
    });
  rows.forEach((r, i) => {
    if (r.price.endsWith('%'))
      out.push({
        path: `lastRebalance.futures[${i}].price`,
        message: 'is a percentage; give the price in VIX points (e.g. 19.35)',
      });
  });
  return out;
}
