/**
 * The replay's window: its first and last day as the replay starts and ends them (`replayWindow`,
 * shared by the replay and by the host's work limit, `replayedRowCount`), and the refusals of a
 * window that misses the rows or runs past the exchange calendar.
 */
import { parseIsoDate, toIsoDate } from '../dates';
import { AlvhError, invalidInput, isAlvhError } from '../errors';
import { refusedLeg } from '../book/index';
import { isBusinessDayNumber, isExchangeHoliday } from '../market/calendar';
import { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR } from '../market/index';
import type { ReplayParsedInput } from '../schemas/replay';
import type { MarketRow } from './marketHistory';
import { curvePolicyOf, pastCalendarEnd, stepMarket } from './replaySteps';

/**
 * The replay's window: `to` (default the last row) and `from`, the first row up to `to` the replay
 * can replay (SPX and VIX closes, VX1 and VX2 prices), or the caller's `from` when it is later: the
 * rows before it only warm up the signals, and are not counted as skipped. Refuses a window that
 * misses the rows (`from` after the last row, `to` before the first) or holds no market day between
 * rows on either side, and names a row whose curve runs past the exchange calendar on the way to
 * the first.
 */
export function replayWindow(input: ReplayParsedInput): { from: string; to: string } {
  const rows = input.rows as MarketRow[];
  const to = input.to ?? (rows[rows.length - 1] as MarketRow).date;
  const curvePolicy = curvePolicyOf(input.policy);
  const usable = (row: MarketRow) => !('skip' in stepMarket(row, input.policy, input.assumptions, curvePolicy));
  const from = firstUsableDate(rows, input.from, to, usable);
  checkWindow(rows, from, to);
  return { from, to };
}

/**
 * The episodes the caller asked for, against the replay's window: one wholly before `from` or
 * after `to` can hold no replayed day, and is refused by its index rather than left out.
 */
export function checkEpisodes(episodes: ReplayParsedInput['episodes'], from: string, to: string): void {
  episodes?.forEach((e, i) => {
    if (e.to < from || e.from > to)
      throw invalidInput(
        `episodes[${i}]`,
        `is ${e.name} (${e.from}..${e.to}), outside the replay's window ${from}..${to}`,
        'drop it, or widen from/to and send rows that cover it',
      );
  });
}

/**
 * Rows a parsed replay input replays or skips, which the host's work limit counts: those from the
 * replay's first day to its last ({@link replayWindow}: the first row the replay can replay, or
 * `from` when later). The warm-up rows before it only feed the signals and cost no marking.
 * @throws AlvhError `invalid_input` as {@link replayWindow}
 */
export function replayedRowCount(input: ReplayParsedInput): number {
  const { from, to } = replayWindow(input);
  let n = 0;
  for (const r of input.rows) if (r.date >= from && r.date <= to) n++;
  return n;
}

/**
 * The replay's first day: the first row up to `to` the replay can replay, or `from` when it is
 * later (the rows before it only warm up the signals, and are not counted as skipped); `from`, or
 * the first row, when none can be. A row before `from` that cannot be marked is warm-up only.
 */
function firstUsableDate(
  rows: readonly MarketRow[],
  from: string | undefined,
  to: string,
  usable: (row: MarketRow) => boolean,
): string {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as MarketRow;
    if (row.date > to) break;
    if (onExchangeHoliday(row.date)) continue; // no market day: the replay passes over its row
    let ok: boolean;
    try {
      ok = usable(row);
    } catch (e) {
      if (from !== undefined && row.date < from) continue;
      throw calendarEnd(e, i, row.date);
    }
    if (ok) return from !== undefined && from > row.date ? from : row.date;
  }
  return from ?? (rows[0] as MarketRow).date;
}

/** Whether an ISO date is an exchange holiday of the calendar's years (2000-2040). */
export function onExchangeHoliday(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  return year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR && isExchangeHoliday(iso);
}

/**
 * `from` and `to` against the rows' dates: a window that misses them all is named plainly, and so
 * is one that holds no market day (a weekend, a holiday, whose row the replay passes over), with the nearest rows
 * that are market days; a window of market days that the rows skip over is the replay's to refuse
 * (its rows lack the window).
 */
function checkWindow(rows: readonly MarketRow[], from: string, to: string): void {
  const first = (rows[0] as MarketRow).date;
  const last = (rows[rows.length - 1] as MarketRow).date;
  if (from > last)
    throw invalidInput(
      'from',
      `is ${from}, after the last row (${last})`,
      `pass a from on or before ${last}, or send rows up to ${from}`,
    );
  if (to < first)
    throw invalidInput(
      'to',
      `is ${to}, before the first row (${first})`,
      `pass a to on or after ${first}, or send rows from ${to}`,
    );
  // rows on both sides now: the first is before from, the last after to, when none falls between
  // (a holiday's row, VIX only, is no market day: the replay passes over it)
  if (rows.some((r) => r.date >= from && r.date <= to && !onExchangeHoliday(r.date)) || marketDayIn(from, to)) return;
  const market = (r: MarketRow) => isBusinessDayNumber(parseIsoDate('date', r.date));
  // at the rows' edge only holiday rows may lie beyond the window: offer the side that exists
  const before = rows.findLast((r) => r.date < from && market(r))?.date;
  const after = rows.find((r) => r.date > to && market(r))?.date;
  const none = `is ${from} and to ${to}: the window holds no market day`;
  if (before !== undefined && after !== undefined)
    throw invalidInput(
      'from',
      `${none} (the nearest are ${before} before it and ${after} after it)`,
      `pass a from on or before ${before}, or a to on or after ${after}`,
    );
  if (before !== undefined)
    throw invalidInput(
      'from',
      `${none}, and the rows' market days end before it (the last is ${before})`,
      `pass a from on or before ${before}, or send rows after ${to}`,
    );
  if (after !== undefined)
    throw invalidInput(
      'from',
      `${none}, and the rows' market days start after it (the first is ${after})`,
      `pass a to on or after ${after}, or send rows before ${from}`,
    );
  throw invalidInput('from', `${none}, nor does any row`, 'send rows of market days');
}

/** Whether a market day (a weekday that is no exchange holiday) falls between two dates, both included. */
function marketDayIn(from: string, to: string): boolean {
  const end = parseIsoDate('to', to);
  for (let d = parseIsoDate('from', from); d <= end; d++) if (isBusinessDayNumber(d)) return true;
  return false;
}

/**
 * The notes of a window that reaches past the rows: a `from` before the first row, or a `to` after
 * the last, with a market day between it and the row (a weekend or a holiday beyond the rows is no
 * missing data). Each names the date asked, the row and what was replayed; `open`: the expiries
 * of the condors still open on the last replayed day, valued at their marks rather than settled,
 * which is said either way (a replay ending inside its rows with a condor held counted it at its
 * marks in silence: the 2021 row of the default replay held +$5,166 of an unsettled condor).
 */
export function windowNotes(
  input: ReplayParsedInput,
  replayed: { from: string; to: string },
  open: readonly string[],
): string[] {
  const notes: string[] = [];
  const first = (input.rows[0] as MarketRow).date;
  const last = (input.rows[input.rows.length - 1] as MarketRow).date;
  if (input.from !== undefined && input.from < first && marketDayIn(input.from, dayBefore(first)))
    notes.push(`from ${input.from} is before the first row, ${first}: replayed from ${replayed.from}`);
  const warmUp = warmUpNote(input, replayed.from);
  if (warmUp !== undefined) notes.push(warmUp);
  const held =
    open.length === 0
      ? ''
      : open.length === 1
        ? `the condor expiring ${open[0]}, open then, is valued at its marks, not settled`
        : `the condors expiring ${open.join(', ')}, open then, are valued at their marks, not settled`;
  if (input.to !== undefined && input.to > last && marketDayIn(dayAfter(last), input.to)) {
    notes.push(`to ${input.to} is after the last row, ${last}: replayed to ${replayed.to}${held && `; ${held}`}`);
  } else if (held !== '') {
    // the window ends with a condor held: its P&L to date is in the last period and the total
    notes.push(
      `the replay ends on ${replayed.to} with ${open.length === 1 ? 'a condor' : 'condors'} held: ${held} (${open.length === 1 ? "its campaign's settled is" : "their campaigns' settled are"} false), and the last period and the total hold ${open.length === 1 ? 'its' : 'their'} P&L to that day`,
    );
  }
  return notes;
}

/**
 * The rows of the window asked for (from `from`, or the first row) that lie before the first
 * replayed day: they could not be replayed (no SPX or VIX close, no VX1 or VX2 price), so they fed
 * the signals only and are not counted as skipped. Said, with how many and which, because a replay
 * of 1990-2026 rows starts in 2004, where the VX prices begin. Holiday rows are no market day.
 */
function warmUpNote(input: ReplayParsedInput, replayedFrom: string): string | undefined {
  const start = input.from ?? (input.rows[0] as MarketRow).date;
  const early = (input.rows as MarketRow[]).filter(
    (r) => r.date >= start && r.date < replayedFrom && !onExchangeHoliday(r.date),
  );
  if (early.length === 0) return undefined;
  const [a, b] = [(early[0] as MarketRow).date, (early[early.length - 1] as MarketRow).date];
  const span = a === b ? a : `${a}..${b}`;
  return `the replay starts on ${replayedFrom}, the first row it can replay (SPX and VIX closes, VX1 and VX2 prices): the ${early.length === 1 ? 'row' : `${early.length} rows`} before it (${span}) fed the signals only, neither replayed nor counted as skipped`;
}

const dayBefore = (iso: string): string => toIsoDate(parseIsoDate('date', iso) - 1);
const dayAfter = (iso: string): string => toIsoDate(parseIsoDate('date', iso) + 1);

/**
 * Before the loop, whose days would otherwise run (seconds for 10,000 of them) up to the first
 * one past the calendar: when the window's last row needs expiries past the exchange calendar
 * (its VX curve dated, a condor opened on it with its hedges), find the first row of the window
 * that does, by bisection (the need only grows with the date), and refuse it by its row.
 */
export function checkCalendarEnd(rows: readonly MarketRow[], from: string, to: string, day: (row: MarketRow) => void) {
  const pastEnd = (i: number): boolean => {
    const row = rows[i] as MarketRow;
    if (Number(row.date.slice(0, 4)) < CALENDAR_LAST_YEAR - 1) return false;
    try {
      day(row);
      return false;
    } catch (e) {
      return pastCalendarEnd(e, row.date); // any other error is the loop's to report, in its order
    }
  };
  let lo = rows.findIndex((r) => r.date >= from);
  let hi = rows.findLastIndex((r) => r.date <= to);
  if (lo < 0 || hi < lo || !pastEnd(hi)) return;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pastEnd(mid)) hi = mid;
    else lo = mid + 1;
  }
  throw calendarEndProblem(lo, (rows[lo] as MarketRow).date);
}

/**
 * A day whose condor, VX curve or hedges need expiries past the exchange calendar, named by its
 * row (the calendar's own error names an inner count or date the caller never passed); a field of
 * the day's row (`row.vix`, as the day's steps name it) at the row's place, `rows[i].vix`; any
 * other error as it is.
 */
export function calendarEnd(e: unknown, i: number, date: string): unknown {
  if (pastCalendarEnd(e, date)) return calendarEndProblem(i, date);
  if (isAlvhError(e) && !('issues' in e) && e.field.startsWith('row.'))
    return new AlvhError(e.code, `rows[${i}].${e.field.slice('row.'.length)}`, e.problem, e.fix);
  // A leg the row's prints cannot mark (markLegs names it by its index in a list the request does
  // not have) is the row's: its SPX, VIX or VX prints leave the leg beyond what the surface describes.
  const leg = refusedLeg(e)?.error;
  if (leg !== undefined)
    return new AlvhError(
      leg.code,
      `rows[${i}]`,
      `the replay's ${leg.problem.replace(/^the /, '')}`,
      `check the row's SPX, VIX and VX prints, or end the window before ${date} (to)`,
    );
  return e;
}

function calendarEndProblem(i: number, date: string) {
  return invalidInput(
    `rows[${i}].date`,
    `is ${date}: replaying it needs expiries past the end of the exchange calendar (${CALENDAR_FIRST_YEAR}-${CALENDAR_LAST_YEAR}, through ${CALENDAR_LAST_YEAR}-12-31): its condor, VX curve and hedges expire months later`,
    `end the window before it (to), or drop the rows from ${date} on`,
  );
}

/** Most absent market days a note names by date. */
const ABSENT_NAMED = 5;

/**
 * Market days within the replayed rows that have no row at all (a gap in the data sent, not a
 * skipped row): each row is `see`n in date order, and `note` says how many, the first ones, and
 * what the replay did there. Nothing is marked, rebalanced or opened on such a day, and a leg
 * expiring on one settles on the next row's prints: a row deleted at 2020-03-20 settled that
 * day's condor on the 03-23 close, and opened the next one there, with no word.
 */
export function absentMarketDays(): { see(date: string): void; note(): string | undefined } {
  let previous: number | undefined;
  let count = 0;
  const first: string[] = [];
  return {
    see(date: string): void {
      const day = parseIsoDate('date', date);
      if (previous !== undefined)
        for (let d = previous + 1; d < day; d++) {
          if (!isBusinessDayNumber(d)) continue;
          count++;
          if (first.length < ABSENT_NAMED) first.push(toIsoDate(d));
        }
      previous = day;
    },
    note(): string | undefined {
      if (count === 0) return undefined;
      const named = `${first.join(', ')}${count > first.length ? ', …' : ''}`;
      return `${count} market day${count === 1 ? ' has' : 's have'} no row (${named}): nothing is marked, rebalanced or opened there, and a leg expiring on one settles on the next row's prints`;
    },
  };
}
