/**
 * Standard monthly expirations: SPX options (third Friday) and VX futures / VIX options (the
 * Wednesday 30 days before the third Friday of the following month), with their holiday rules.
 *
 * Sources: Cboe SPX options contract specifications ("third Friday of the expiration month; if that
 * Friday is an exchange holiday, the business day before"); CFE Rule 1202 / VX contract
 * specifications ("the Wednesday that is thirty days prior to the third Friday of the calendar
 * month immediately following the month in which the contract expires"; when that Wednesday or the
 * Friday thirty days after it is a Cboe holiday, the business day immediately preceding that
 * Wednesday). Known holiday-adjusted VX expiries: 2014-03-18 and 2022-03-15 (Good Friday
 * 2014-04-18 / 2022-04-15), 2024-06-18 (Juneteenth 2024-06-19).
 */
import { type DayNumber, parseIsoDate, toIsoDate, weekdayOf } from '../dates';
import { invalidInput } from '../errors';
import { checkInteger } from '../validate';
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  calendarDay,
  checkCalendarYear,
  isBusinessDay,
  isBusinessDayNumber,
  LAST_DAY,
  nthWeekdayOfMonth,
  previousBusinessDayNumber,
  yearMonthOf,
} from './calendar';

const FRIDAY = 5;

function checkMonth(field: string, month: number): number {
  checkInteger(field, month, 1);
  if (month > 12)
    throw invalidInput(field, `is ${month}, not a month`, 'pass a month from 1 (January) to 12 (December)');
  return month;
}

function thirdFriday(year: number, month: number): DayNumber {
  return nthWeekdayOfMonth(year, month, FRIDAY, 3);
}

/**
 * The standard (AM-settled) SPX monthly expiration of a month: the third Friday, or the business
 * day before it when that Friday is an exchange holiday.
 * @param year calendar year (2000-2040)
 * @param month 1-12
 * @returns ISO date
 * @example spxMonthlyExpiry(2020, 3) // '2020-03-20'
 * @example spxMonthlyExpiry(2014, 4) // '2014-04-17' (Good Friday 2014-04-18)
 */
export function spxMonthlyExpiry(year: number, month: number): string {
  checkCalendarYear('year', year);
  checkMonth('month', month);
  const f = thirdFriday(year, month);
  return toIsoDate(isBusinessDayNumber(f) ? f : previousBusinessDayNumber('year', f));
}

/**
 * The day Cboe's PM-settled third-Friday SPX options (root SPXPM until then, outside the SPX chain)
 * took the root SPXW: since then both SPX (AM-settled) and SPXW (PM-settled) may expire on the
 * month's standard expiration. SPXW lists them only months out (the 2023-06-09 chain: to
 * 2023-10-20; its monthlies from 2023-11-17 to 2027-12-17 are SPX alone).
 */
export const SPXW_THIRD_FRIDAY_FROM = '2017-05-01';

/**
 * The exchange root an option trades under: `VIX` for VIX options; for SPX, `SPX` (the AM-settled
 * monthly) on the month's standard expiration, the one root listed there at every horizon, and
 * `SPXW` (PM-settled weeklies and dailies) on any other day. Where a chain shows SPXW listed on a
 * third Friday, the orders take it instead (hedge/orders.ts legsWithRoots).
 * @example optionRoot('spx', '2025-05-16') // 'SPX' (the third Friday)
 * @example optionRoot('spx', '2025-05-23') // 'SPXW'
 */
export function optionRoot(kind: 'spx' | 'vix', expiry: string): 'SPX' | 'SPXW' | 'VIX' {
  if (kind === 'vix') return 'VIX';
  parseIsoDate('expiry', expiry);
  return isSpxMonthly(expiry) ? 'SPX' : 'SPXW';
}

/** Whether an SPX expiry (ISO date) is its month's standard (AM-settled) expiration. */
export function isSpxMonthly(expiry: string): boolean {
  return spxMonthlyExpiry(Number(expiry.slice(0, 4)), Number(expiry.slice(5, 7))) === expiry;
}

function vxExpiryDay(year: number, month: number): DayNumber {
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  const friday = thirdFriday(nextYear, nextMonth);
  const wednesday = friday - 30;
  if (isBusinessDayNumber(wednesday) && isBusinessDayNumber(friday)) return wednesday;
  return previousBusinessDayNumber('year', wednesday);
}

/**
 * Final settlement date of the VX future (and expiration of the standard VIX option) of contract
 * month (year, month): the Wednesday 30 days before the third Friday of the following month; when
 * that Wednesday or that Friday is an exchange holiday, the business day before that Wednesday.
 * @param year contract year (2000-2040; the December 2040 contract needs January 2041 and is rejected)
 * @param month contract month 1-12 (the month in which the contract expires)
 * @returns ISO date
 * @example vxExpiry(2020, 3) // '2020-03-18'
 * @example vxExpiry(2014, 3) // '2014-03-18' (a Tuesday: Good Friday 2014-04-18)
 * @example vxExpiry(2024, 6) // '2024-06-18' (a Tuesday: Juneteenth 2024-06-19)
 */
export function vxExpiry(year: number, month: number): string {
  checkCalendarYear('year', year);
  checkMonth('month', month);
  if (year === CALENDAR_LAST_YEAR && month === 12) {
    throw invalidInput(
      'year',
      `is ${year} with month 12, whose rule needs the ${year + 1} calendar`,
      `pass a contract month up to ${CALENDAR_LAST_YEAR}-11`,
    );
  }
  return toIsoDate(vxExpiryDay(year, month));
}

/**
 * The monthly VX expiries strictly after `iso`, as day numbers in order, from its month's contract
 * to the calendar's last (2040-11: the December contract's settlement needs the next year's
 * holidays). The one walk over the months that the functions below share.
 */
function* vxExpiryDaysAfter(iso: string): Generator<DayNumber> {
  const day = calendarDay('date', iso);
  let { year, month } = yearMonthOf('date', iso);
  while (year < CALENDAR_LAST_YEAR || (year === CALENDAR_LAST_YEAR && month < 12)) {
    const e = vxExpiryDay(year, month);
    if (e > day) yield e;
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
}

/**
 * The next `count` monthly VX expiries strictly after a date, in order. On a final-settlement day
 * the expiring contract is not included (it settles at the open that morning), so the first entry is
 * the next month's contract, as the listed VX1 is on that day.
 * @param iso valuation date (ISO)
 * @param count how many expiries (1-120)
 * @example vxExpiriesAfter('2020-03-16', 3) // ['2020-03-18', '2020-04-15', '2020-05-20']
 * @example vxExpiriesAfter('2020-03-18', 1) // ['2020-04-15']
 */
export function vxExpiriesAfter(iso: string, count: number): string[] {
  calendarDay('date', iso); // the date's error before the count's
  checkInteger('count', count, 1);
  if (count > 120)
    throw invalidInput('count', `is ${count}, more than 120 monthly expiries`, 'pass a count from 1 to 120');
  const out: string[] = [];
  for (const e of vxExpiryDaysAfter(iso)) {
    out.push(toIsoDate(e));
    if (out.length === count) return out;
  }
  throw invalidInput(
    'count',
    `is ${count}: the expiries after ${iso} run past the exchange calendar (${CALENDAR_FIRST_YEAR}-${CALENDAR_LAST_YEAR})`,
    'pass a smaller count or an earlier date',
  );
}

/**
 * The monthly VX expiries strictly after `iso` and on or before `last`, in order: the contracts a
 * curve listed up to `last` can hold. Stops at the calendar's last contract (2040-11) instead of
 * failing, so a curve valued in 2040 gets the expiries it can have.
 * @param iso valuation date (ISO)
 * @param last the last expiry wanted (ISO), e.g. the curve's last listed future
 * @example vxExpiriesThrough('2020-03-16', '2020-05-20') // ['2020-03-18', '2020-04-15', '2020-05-20']
 */
export function vxExpiriesThrough(iso: string, last: string): string[] {
  const end = calendarDay('last', last);
  const out: string[] = [];
  for (const e of vxExpiryDaysAfter(iso)) {
    if (e > end) break;
    out.push(toIsoDate(e));
  }
  return out;
}

/**
 * The first monthly VX expiry strictly after a date, or undefined when it would be past the
 * calendar's last contract (2040-11).
 * @example nextVxExpiry('2020-03-18') // '2020-04-15'
 * @example nextVxExpiry('2040-11-21') // undefined
 */
export function nextVxExpiry(iso: string): string | undefined {
  for (const e of vxExpiryDaysAfter(iso)) return toIsoDate(e);
  return undefined;
}

/**
 * The VX settlement day of the week (Sunday to Saturday) holding a day, as day numbers: its
 * Wednesday, or the business day before that Wednesday when it or the Friday 30 days after it is an
 * exchange holiday. The rule of monthly and weekly contracts alike (CFE VX contract specifications:
 * a weekly settles on the Wednesday of its week), so a monthly settlement is the one of its week and
 * no weekly settles in that week. Unchecked: the caller keeps the day inside the calendar.
 */
export function vxSettlementOfWeek(day: DayNumber): DayNumber {
  const wednesday = day - weekdayOf(day) + 3;
  if (isBusinessDayNumber(wednesday) && isBusinessDayNumber(wednesday + 30)) return wednesday;
  return previousBusinessDayNumber('date', wednesday);
}

/**
 * Whether the calendar places the VX settlement of `day`'s week: its rule reads the Friday 30 days
 * after the week's Wednesday, so from the last weeks of 2040 on it needs 2041's holidays.
 */
function settlesWithinCalendar(day: DayNumber): boolean {
  return day - weekdayOf(day) + 3 + 30 <= LAST_DAY;
}

/**
 * The VX settlement day of the week holding `iso` (YYYY-MM-DD) when `iso` is an exchange business
 * day that is not it: a day no VX future, monthly or weekly, and no VIX option settles on (the SPX
 * monthly Friday 2022-01-21 for the week's 2022-01-19). Undefined on a settlement day, on a closed
 * day (the callers' closed-day rule names it) and outside the calendar.
 * @example notVxSettlement('2022-01-21') // '2022-01-19'
 */
export function notVxSettlement(iso: string): string | undefined {
  const year = Number(iso.slice(0, 4));
  if (!(year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR) || !isBusinessDay(iso)) return undefined;
  const day = calendarDay('date', iso);
  if (!settlesWithinCalendar(day)) return undefined;
  const week = vxSettlementOfWeek(day);
  return week === day ? undefined : toIsoDate(week);
}

/**
 * The first VX settlement day (monthly or weekly) strictly after `iso` (YYYY-MM-DD), or undefined
 * past the calendar.
 * @example vxSettlementAfter('2024-05-16') // '2024-05-22'
 */
export function vxSettlementAfter(iso: string): string | undefined {
  let day = calendarDay('date', iso) + 1;
  for (let k = 0; k < 3; k++, day += 7) {
    if (!settlesWithinCalendar(day)) return undefined;
    const s = vxSettlementOfWeek(day);
    if (s > calendarDay('date', iso)) return toIsoDate(s);
  }
  return undefined;
}

/**
 * The fix for a date that is not a VX final-settlement date: the listed expiries either side of it,
 * named, so a trader one day off (a holiday-shifted Tuesday) sees the right date rather than the
 * rule that gave it, and one who meant the next month sees that month's. A date the calendar cannot
 * place (before 2000, past 2040-11) gets the rule alone. Given a valuation date, a listed date on or
 * before it is left out: a leg expiring then is refused as settled.
 * @example vxExpiryFix('2022-03-16') // "VX futures and VIX options listed either side expire on 2022-03-15 and 2022-04-20: pass one of those"
 * @example vxExpiryFix('2025-04-15', '2025-04-08') // "the next VX futures and VIX options listed after the valuation date expire on 2025-04-16: pass that date"
 */
export function vxExpiryFix(iso: string, valuationDate?: string): string {
  const rule =
    "pass a monthly VX expiry: the Wednesday 30 days before the next month's third Friday, a business day earlier when either is a holiday";
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  if (!(year >= CALENDAR_FIRST_YEAR && (year < CALENDAR_LAST_YEAR || (year === CALENDAR_LAST_YEAR && month < 12))))
    return rule;
  const own = vxExpiry(year, month);
  const before =
    own < iso
      ? own
      : month === 1
        ? year > CALENDAR_FIRST_YEAR
          ? vxExpiry(year - 1, 12)
          : undefined
        : vxExpiry(year, month - 1);
  const after = own > iso ? own : nextVxExpiry(iso);
  const either = [before, after].filter((d) => d !== undefined);
  const listed = either.filter((d) => valuationDate === undefined || d > valuationDate);
  if (listed.length === 0) return rule;
  if (listed.length === 2)
    return `VX futures and VIX options listed either side expire on ${listed.join(' and ')}: pass one of those`;
  const next =
    listed.length < either.length
      ? 'the next VX futures and VIX options listed after the valuation date'
      : 'the nearest VX futures and VIX options listed';
  return `${next} expire on ${listed[0]}: pass that date`;
}

/**
 * Whether a date is a monthly VX final-settlement date.
 * @example isVxExpiry('2018-02-14') // true
 */
export function isVxExpiry(iso: string): boolean {
  const day = calendarDay('date', iso);
  const { year, month } = yearMonthOf('date', iso);
  if (year === CALENDAR_LAST_YEAR && month === 12) return false;
  return vxExpiryDay(year, month) === day;
}

/**
 * Why no listed option of `kind` expires on `expiry` (YYYY-MM-DD), with the fix, or undefined when
 * one can: an SPX option lists on exchange trading days, a VIX option on VX final-settlement dates,
 * both within the exchange calendar. The one rule for held legs, as CSV text and as listed legs.
 * Given the valuation date, the fix names only expiries after it ({@link vxExpiryFix}).
 */
export function unlistedExpiry(
  kind: 'spx' | 'vix',
  expiry: string,
  valuationDate?: string,
): { problem: string; fix: string } | undefined {
  const year = Number(expiry.slice(0, 4));
  if (year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR)
    return {
      problem: `outside the exchange calendar (${CALENDAR_FIRST_YEAR}-${CALENDAR_LAST_YEAR})`,
      fix: 'pass the expiry of a listed option',
    };
  if (kind === 'spx' && !isBusinessDay(expiry))
    return {
      problem: 'not an exchange trading day, so no SPX option is listed on it',
      fix: 'check the expiry digits: an SPX option expires on an exchange trading day',
    };
  if (kind === 'vix' && !isVxExpiry(expiry))
    return {
      problem: 'not a VX final-settlement date, so no VX future prices it',
      fix: vxExpiryFix(expiry, valuationDate),
    };
  return undefined;
}
