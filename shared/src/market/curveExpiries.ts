/**
 * The expiries of a listed VX curve checked against the exchange's settlement rules, so a mistyped
 * date is refused instead of read as another contract (method Section 2; CFE VX contract
 * specifications): every expiry an exchange business day; a date that is not a monthly
 * final-settlement date is a weekly contract, so it must be its week's settlement day and not sit in
 * a monthly's week; and the first two monthly contracts after the date (F1 and F2) must be there,
 * since the spread, the regime and the split are read from them (a curve that skips one would
 * silently put a later contract in its place).
 */
import { type DayNumber, MONTH_NAMES, parseIsoDate, toIsoDate, weekdayOf, ymdOf } from '../dates';
import { invalidInput } from '../errors';
import { CALENDAR_LAST_YEAR, exchangeHolidays, isBusinessDayNumber } from './calendar';
import { isVxExpiry, vxExpiry, vxSettlementOfWeek } from './expirations';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Days after the valuation date past which a curve's first future reads as another day's curve (a
 * valuation date a year early): the front monthly VX future settles at most about 35 days after any
 * date, and a curve missing its first months (refused too, as a gap) starts within a few months.
 */
const FAR_FIRST_DAYS = 180;

/** How the settlement rule reads in a message's fix. */
const RULE =
  'VX futures settle on Wednesdays, or the business day before when that Wednesday or the Friday 30 days after it is an exchange holiday';

/** "March 2014" of a monthly contract's settlement date. */
export function contractName(iso: string): string {
  const { year, month } = ymdOf(parseIsoDate('date', iso));
  return `${MONTH_NAMES[month - 1] as string} ${year}`;
}

/** The monthly contract of the date's month, as a hint: "the March 2019 future settles 2019-03-19". */
export function monthlyHint(day: DayNumber): string {
  const { year, month } = ymdOf(day);
  if (year === CALENDAR_LAST_YEAR && month === 12) return '';
  const e = vxExpiry(year, month);
  return ` (the ${contractName(e)} future settles ${e})`;
}

/** Why a day is not a business day: "a Saturday" or "an exchange holiday (Good Friday)". */
export function closedBecause(day: DayNumber): string {
  const w = weekdayOf(day);
  if (w === 0 || w === 6) return `a ${WEEKDAYS[w] as string}`;
  const iso = toIsoDate(day);
  const h = exchangeHolidays(ymdOf(day).year).find((x) => x.date === iso);
  return `an exchange holiday (${h?.name ?? 'closed'})`;
}

/** The first two monthly settlement days strictly after `today` (fewer at the calendar's end). */
function frontMonthlies(today: DayNumber): string[] {
  const out: string[] = [];
  let { year, month } = ymdOf(today);
  while (out.length < 2 && year <= CALENDAR_LAST_YEAR && !(year === CALENDAR_LAST_YEAR && month === 12)) {
    const e = vxExpiry(year, month);
    if (parseIsoDate('date', e) > today) out.push(e);
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
  return out;
}

/**
 * Check the expiries of a curve's futures (sorted, distinct, after `today`, inside the calendar:
 * the caller has checked that). Throws `invalid_input` naming `field(i)` of the expiry at fault;
 * `allowFrontGap` lets a missing F1 or F2 through ({@link frontGap}: a past curve whose front
 * contracts the caller does not have).
 * @example
 * // 2014-03-14 with the March future typed as the Wednesday 2014-03-19
 * checkCurveExpiries(['2014-03-19', '2014-04-16', ...], today)
 * // futures[0].expiry: is 2014-03-19, not the March 2014 VX settlement 2014-03-18; ...
 */
export function checkCurveExpiries(
  expiries: readonly string[],
  today: DayNumber,
  field: (i: number) => string = (i) => `futures[${i}].expiry`,
  allowFrontGap = false,
): void {
  const monthly = expiries.map((e) => isVxExpiry(e));
  expiries.forEach((e, i) => {
    const day = parseIsoDate(field(i), e);
    if (!isBusinessDayNumber(day)) {
      throw invalidInput(
        field(i),
        `is ${e}, ${closedBecause(day)}: no VX future settles on a day the exchange is closed`,
        `pass the contract's final-settlement date${monthlyHint(day)}`,
      );
    }
    if (monthly[i] === true) return;
    const week = vxSettlementOfWeek(day);
    const weekIso = toIsoDate(week);
    if (week !== day && ymdOf(week).year <= CALENDAR_LAST_YEAR && isVxExpiry(weekIso)) {
      const at = expiries.indexOf(weekIso);
      throw invalidInput(
        field(i),
        `is ${e}, not the ${contractName(weekIso)} VX settlement ${weekIso}; no weekly VX future settles in a monthly's week`,
        at < 0
          ? `pass ${weekIso} for the ${contractName(weekIso)} future`
          : `drop it or correct its date: the ${contractName(weekIso)} future is listed already (${weekIso})`,
      );
    }
    if (week !== day) {
      throw invalidInput(
        field(i),
        `is ${e}, a ${WEEKDAYS[weekdayOf(day)] as string}, not a VX settlement day (that week's is ${weekIso})`,
        `pass the contract's final-settlement date${monthlyHint(day)}; ${RULE}`,
      );
    }
  });
  // F1 and F2 are the first two monthly contracts after the date (Section 2): a curve that skips one
  // would read the spread, the regime and the split off a later contract.
  if (allowFrontGap) return;
  const gap = frontGap(expiries, today);
  if (gap === undefined) return;
  const { missing: m, nth, at } = gap;
  const add = `add the ${contractName(m)} future (expiry ${m}) with its price`;
  const first = parseIsoDate(field(0), expiries[0] as string);
  // Every date has a VX future within about 35 days: a curve starting far later is another day's
  // (a valuation date a year early), not a curve missing its front.
  if (first - today > FAR_FIRST_DAYS) {
    throw invalidInput(
      field(0),
      `is ${expiries[0] as string}, the first future listed, ${first - today} days after the valuation date ${toIsoDate(today)}: the front VX future always settles within about 35 days, so the futures are of a later day than the valuation date`,
      `check the valuation date (its year) against the futures' dates, or pass the futures of ${toIsoDate(today)}`,
    );
  }
  // A weekly in the two weeks before the missing monthly, with later futures listed (so the list
  // skips the monthly rather than stops before it), is most likely that monthly's expiry mistyped;
  // one after it is the future `at` names, whose fix offers the correction.
  const mDay = parseIsoDate('date', m);
  let near = -1;
  for (let i = 0; i < at; i++) {
    if (monthly[i] === false && mDay - parseIsoDate(field(i), expiries[i] as string) <= 14) near = i;
  }
  if (near >= 0) {
    throw invalidInput(
      field(near),
      `is ${expiries[near] as string}, a weekly VX settlement day, and the ${contractName(m)} VX future (${nth}, settling ${m}) is not listed`,
      `if this is the ${contractName(m)} future, correct its expiry to ${m}; else ${add}`,
    );
  }
  if (at < 0) {
    // Only weeklies reach no further than a monthly: two monthlies always reach F2.
    const j = expiries.length - 1;
    throw invalidInput(
      field(j),
      `is ${expiries[j] as string}, the last future listed, before the ${contractName(m)} VX future (${nth}, settling ${m}): with weekly futures in the list F1 and F2 are the first two monthly contracts, and without ${nth} the F1 − F2 spread, the regime and the split would be read off weeklies`,
      add,
    );
  }
  const typo = monthly[at] === false ? `, or correct this expiry to ${m} if it is that future` : '';
  const why = monthly.includes(false)
    ? 'with weekly futures in the list F1 and F2 are the first two monthly contracts, which would skip it'
    : 'F1 and F2 are the first two VX futures expiring after the valuation date, so the F1 − F2 spread, the regime and the split would be read off a later contract, and a leg on its expiry priced off the fit';
  throw invalidInput(
    field(at),
    `is ${expiries[at] as string}, and the ${contractName(m)} VX future (${nth}, settling ${m}) before it is not listed: ${why}`,
    `${add}${typo}`,
  );
}

/**
 * The first of F1 and F2 (the first two monthly VX expiries after `today`) that a sorted list of
 * expiries does not hold, with the index of the first expiry after it (−1 when the list ends
 * before it: only weeklies do, as two monthlies reach F2); undefined when both are there.
 * @example frontGap(['2019-01-16', '2019-03-19'], day('2018-12-24')) // { missing: '2019-02-13', nth: 'F2', at: 1 }
 * @example frontGap(['2026-07-29', '2026-08-05', '2026-08-19', '2026-08-26'], day('2026-07-22')) // { missing: '2026-09-16', nth: 'F2', at: -1 }
 */
export function frontGap(
  expiries: readonly string[],
  today: DayNumber,
): { missing: string; nth: 'F1' | 'F2'; at: number } | undefined {
  const front = frontMonthlies(today);
  for (let k = 0; k < front.length; k++) {
    const m = front[k] as string;
    if (expiries.includes(m)) continue;
    return { missing: m, nth: k === 0 ? 'F1' : 'F2', at: expiries.findIndex((e) => e > m) };
  }
  return undefined;
}
