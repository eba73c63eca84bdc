/**
 * The exchange holiday calendar of NYSE and Cboe (whose U.S. equity and index-option markets and
 * CFE follow the same full-day closures), 2000-2040, and business-day arithmetic on it.
 *
 * Rules (NYSE Rule 7.2 and its published holiday lists; Cboe's annual holiday circulars):
 * - New Year's Day, Jan 1; Sunday → Monday Jan 2. Saturday → NO Friday observance (the Friday is
 *   the last trading day of the year): 2005-01-01, 2011-01-01, 2022-01-01, 2028-01-01, 2033-01-01,
 *   2039-01-01 have no holiday on Dec 31.
 * - Martin Luther King Jr. Day, third Monday of January (NYSE closed from 1998).
 * - Washington's Birthday (Presidents' Day), third Monday of February.
 * - Good Friday, two days before Easter Sunday (Gregorian computus).
 * - Memorial Day, last Monday of May.
 * - Juneteenth National Independence Day, June 19, from 2022.
 * - Independence Day, July 4.
 * - Labor Day, first Monday of September.
 * - Thanksgiving Day, fourth Thursday of November.
 * - Christmas Day, Dec 25.
 * Fixed-date holidays (other than New Year's Day) falling on a Saturday are observed on the Friday
 * before, on a Sunday on the Monday after.
 *
 * One-off closures: 2001-09-11..14 (September 11 attacks), 2004-06-11 (President Reagan's
 * funeral), 2007-01-02 (President Ford's day of mourning), 2012-10-29..30 (Hurricane Sandy),
 * 2018-12-05 (President G. H. W. Bush's day of mourning), 2025-01-09 (President Carter's day of
 * mourning). Unscheduled closures after the last published list cannot be known in advance.
 *
 * Early closes (half days) are trading days and are not modelled. Dates outside 2000-2040 are
 * rejected rather than guessed.
 */
import { type DayNumber, dayFromYmd, parseIsoDate, toIsoDate, weekdayOf, ymdOf } from '../dates';
import { invalidInput } from '../errors';
import { checkInteger } from '../validate';

/** First and last calendar years the holiday tables cover. */
export const CALENDAR_FIRST_YEAR = 2000;
export const CALENDAR_LAST_YEAR = 2040;

/** An exchange holiday: the date the market is closed and the holiday's name. */
export interface ExchangeHoliday {
  date: string;
  name: string;
}

/** One-off full-day closures, with their reason. */
const SPECIAL_CLOSURES: readonly ExchangeHoliday[] = [
  { date: '2001-09-11', name: 'September 11 attacks' },
  { date: '2001-09-12', name: 'September 11 attacks' },
  { date: '2001-09-13', name: 'September 11 attacks' },
  { date: '2001-09-14', name: 'September 11 attacks' },
  { date: '2004-06-11', name: 'National day of mourning for President Reagan' },
  { date: '2007-01-02', name: 'National day of mourning for President Ford' },
  { date: '2012-10-29', name: 'Hurricane Sandy' },
  { date: '2012-10-30', name: 'Hurricane Sandy' },
  { date: '2018-12-05', name: 'National day of mourning for President George H. W. Bush' },
  { date: '2025-01-09', name: 'National day of mourning for President Carter' },
];

/** Easter Sunday (Gregorian), by the anonymous (Meeus/Jones/Butcher) computus. */
export function easterSunday(year: number): string {
  checkCalendarYear('year', year);
  return toIsoDate(easterDay(year));
}

function easterDay(year: number): DayNumber {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayFromYmd(year, month, day);
}

/** The n-th (1-based) given weekday (0 = Sunday) of a month. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): DayNumber {
  const first = dayFromYmd(year, month, 1);
  const offset = (weekday - weekdayOf(first) + 7) % 7;
  return first + offset + 7 * (n - 1);
}

function lastWeekdayOfMonth(year: number, month: number, weekday: number): DayNumber {
  const last = dayFromYmd(year, month + 1, 0);
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}

/** Saturday → Friday before, Sunday → Monday after. */
function observed(day: DayNumber): DayNumber {
  const w = weekdayOf(day);
  return w === 6 ? day - 1 : w === 0 ? day + 1 : day;
}

function holidaysOfYear(year: number): ExchangeHoliday[] {
  const out: { day: DayNumber; name: string }[] = [];
  const newYear = dayFromYmd(year, 1, 1);
  const nyWeekday = weekdayOf(newYear);
  if (nyWeekday === 0) out.push({ day: newYear + 1, name: "New Year's Day (observed)" });
  else if (nyWeekday !== 6) out.push({ day: newYear, name: "New Year's Day" });
  out.push({ day: nthWeekdayOfMonth(year, 1, 1, 3), name: 'Martin Luther King Jr. Day' });
  out.push({ day: nthWeekdayOfMonth(year, 2, 1, 3), name: "Washington's Birthday" });
  out.push({ day: easterDay(year) - 2, name: 'Good Friday' });
  out.push({ day: lastWeekdayOfMonth(year, 5, 1), name: 'Memorial Day' });
  if (year >= 2022) out.push({ day: observed(dayFromYmd(year, 6, 19)), name: 'Juneteenth' });
  out.push({ day: observed(dayFromYmd(year, 7, 4)), name: 'Independence Day' });
  out.push({ day: nthWeekdayOfMonth(year, 9, 1, 1), name: 'Labor Day' });
  out.push({ day: nthWeekdayOfMonth(year, 11, 4, 4), name: 'Thanksgiving Day' });
  out.push({ day: observed(dayFromYmd(year, 12, 25)), name: 'Christmas Day' });
  const all = out.map((h) => ({ date: toIsoDate(h.day), name: h.name }));
  for (const s of SPECIAL_CLOSURES) if (s.date.startsWith(`${year}-`)) all.push(s);
  return all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const byYear = new Map<number, ExchangeHoliday[]>();
const holidayDays = new Set<DayNumber>();
for (let y = CALENDAR_FIRST_YEAR; y <= CALENDAR_LAST_YEAR; y++) {
  const list = holidaysOfYear(y);
  byYear.set(y, list);
  for (const h of list) holidayDays.add(parseIsoDate('date', h.date));
}

const FIRST_DAY = dayFromYmd(CALENDAR_FIRST_YEAR, 1, 1);
/** The calendar's last day, 2040-12-31, as a day number. */
export const LAST_DAY = dayFromYmd(CALENDAR_LAST_YEAR, 12, 31);

/** A whole year inside the calendar's range; throws naming `field` otherwise. */
export function checkCalendarYear(field: string, year: number): number {
  checkInteger(field, year);
  if (year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR) {
    throw invalidInput(
      field,
      `is ${year}, outside the exchange calendar's ${CALENDAR_FIRST_YEAR}-${CALENDAR_LAST_YEAR}`,
      `pass a year from ${CALENDAR_FIRST_YEAR} to ${CALENDAR_LAST_YEAR}`,
    );
  }
  return year;
}

/** Day number of an ISO date inside the calendar's range; throws naming `field` otherwise. */
export function calendarDay(field: string, iso: string): DayNumber {
  const day = parseIsoDate(field, iso);
  checkDayInRange(field, day);
  return day;
}

function checkDayInRange(field: string, day: DayNumber): void {
  if (day < FIRST_DAY || day > LAST_DAY) {
    throw invalidInput(
      field,
      `is ${toIsoDate(day)}, outside the exchange calendar's ${CALENDAR_FIRST_YEAR}-01-01..${CALENDAR_LAST_YEAR}-12-31`,
      `pass a date from ${CALENDAR_FIRST_YEAR} to ${CALENDAR_LAST_YEAR}`,
    );
  }
}

/** Business-day test on a day number (no range check: callers have checked). */
export function isBusinessDayNumber(day: DayNumber): boolean {
  const w = weekdayOf(day);
  return w !== 0 && w !== 6 && !holidayDays.has(day);
}

/** The business day strictly before `day` (day numbers); throws naming `field` when it leaves the calendar. */
export function previousBusinessDayNumber(field: string, day: DayNumber): DayNumber {
  let d = day - 1;
  while (!isBusinessDayNumber(d)) d--;
  if (d < FIRST_DAY) {
    throw invalidInput(
      field,
      `is ${toIsoDate(day)}: the business day before it falls before ${CALENDAR_FIRST_YEAR}-01-01, outside the exchange calendar`,
      `pass a later date (the calendar covers ${CALENDAR_FIRST_YEAR}-${CALENDAR_LAST_YEAR})`,
    );
  }
  return d;
}

/**
 * The exchange holidays of a year (full-day closures on weekdays), in date order.
 * @example exchangeHolidays(2022).map((h) => h.date)
 * // ['2022-01-17', '2022-02-21', '2022-04-15', '2022-05-30', '2022-06-20', '2022-07-04',
 * //  '2022-09-05', '2022-11-24', '2022-12-26']   (no New Year holiday: Jan 1 was a Saturday)
 */
export function exchangeHolidays(year: number): ExchangeHoliday[] {
  checkCalendarYear('year', year);
  return (byYear.get(year) ?? []).map((h) => ({ ...h }));
}

/**
 * Whether the exchanges are closed for a holiday on this date (weekends are not holidays).
 * @example isExchangeHoliday('2024-06-19') // true (Juneteenth)
 * @example isExchangeHoliday('2021-12-31') // false (Jan 1 2022 was a Saturday: no Friday observance)
 */
export function isExchangeHoliday(iso: string): boolean {
  return holidayDays.has(calendarDay('date', iso));
}

/**
 * Whether the exchanges are open on this date (a weekday that is not a holiday).
 * @example isBusinessDay('2012-10-29') // false (Hurricane Sandy)
 */
export function isBusinessDay(iso: string): boolean {
  return isBusinessDayNumber(calendarDay('date', iso));
}

/**
 * The business day strictly before a date.
 * @example previousBusinessDay('2022-04-18') // '2022-04-14' (Good Friday 2022-04-15)
 */
export function previousBusinessDay(iso: string): string {
  return toIsoDate(previousBusinessDayNumber('date', calendarDay('date', iso)));
}

/**
 * The business day strictly after a date.
 * @example nextBusinessDay('2025-01-08') // '2025-01-10' (2025-01-09 closed)
 */
export function nextBusinessDay(iso: string): string {
  return addBusinessDays(iso, 1);
}

/**
 * Move `n` business days (negative: backwards). From a non-business day, the first step lands on
 * the nearest business day in the direction of travel; n = 0 returns the date unchanged.
 * @example addBusinessDays('2001-09-10', 1) // '2001-09-17'
 * @example addBusinessDays('2024-06-20', -2) // '2024-06-17' (2024-06-19 Juneteenth)
 */
export function addBusinessDays(iso: string, n: number): string {
  let d = calendarDay('date', iso);
  checkFiniteInteger('n', n);
  const step = n >= 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0;) {
    d += step;
    if (d < FIRST_DAY || d > LAST_DAY) {
      throw invalidInput(
        'n',
        `is ${n}: ${n} business days from ${iso} leave the exchange calendar (${CALENDAR_FIRST_YEAR}-${CALENDAR_LAST_YEAR})`,
        "pass a smaller number of days, or a date further from the calendar's ends",
      );
    }
    if (isBusinessDayNumber(d)) left--;
  }
  return toIsoDate(d);
}

/**
 * Business days from `from` to `to`: the count of business days d with from < d ≤ to (negative
 * when `to` is earlier). Equals n when addBusinessDays(from, n) = to and from is a business day.
 * @example businessDaysBetween('2020-03-13', '2020-03-20') // 5
 */
export function businessDaysBetween(from: string, to: string): number {
  const a = calendarDay('from', from);
  const b = calendarDay('to', to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let d = lo + 1; d <= hi; d++) if (isBusinessDayNumber(d)) count++;
  return sign * count;
}

function checkFiniteInteger(field: string, n: number): void {
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw invalidInput(
      field,
      `is ${String(n)}, not a whole number`,
      'pass a whole number of business days such as 5 or -5',
    );
  }
}

/** {year, month} of an ISO date, range-checked. */
export function yearMonthOf(field: string, iso: string): { year: number; month: number } {
  const { year, month } = ymdOf(calendarDay(field, iso));
  return { year, month };
}
