/**
 * zod building blocks shared by every input schema. Messages say what to pass, because hosts show
 * them to the user as they are (problem+json `issues[].message`, Excel #VALUE! text, taskpane
 * field hints).
 */
import { z } from 'zod';
import { parseIsoDate } from '../dates';
import {
  MARKET_RATE,
  MAX_VIX_INDEX,
  MIN_VIX_POINTS,
  SPOT_STRIKE_FACTOR,
  SPX_STRIKE_STEP,
  VVIX_RANGE,
  onGrid,
  scaledForFix,
} from '../validate';
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  isBusinessDay,
  nextBusinessDay,
  previousBusinessDay,
} from '../market/calendar';

/**
 * What to say of a value sent where a number belongs: a number sent as text ("6600", quoted in
 * the JSON) is named as such, since it reads as a number to whoever wrote it.
 */
export function numberExpected(iss: { input?: unknown }): string {
  const x = iss.input;
  const text = numberAsText(x);
  if (text !== undefined) return text;
  // JSON's 1e400 parses to Infinity: a number was sent, one too large for any figure here.
  if (x === Infinity || x === -Infinity)
    return `got a number beyond ${x > 0 ? '' : '−'}1.8e308 (the largest a double holds, as 1e400 is read): pass a finite number`;
  return 'pass a number';
}

/** The words for a number sent as text (`"6600"`, quoted), or undefined when `x` is not one. */
function numberAsText(x: unknown): string | undefined {
  if (typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x)))
    return `got the text ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}: send the number without quotes`;
  return undefined;
}

/** A finite number (zod already rejects NaN; this also rejects ±Infinity). */
export const finiteNumber = z.number({ error: numberExpected }).finite({ error: 'pass a finite number' });

/**
 * A number above 0. A value at or below 0 gets this one issue, not also the narrower bounds a
 * field adds after it (an SPX level from 100, a capital from 1,000).
 */
export const positiveNumber = finiteNumber.positive({ error: 'pass a number greater than 0', abort: true });

/**
 * A number above 0 whose narrower range the field adds after it: a value at or below 0 gets the
 * one issue `error`, which states that whole range, so following it passes the range too (a bare
 * "greater than 0" sent SPX −5 to SPX 5, refused again).
 */
export const positiveWithin = (error: string | ((iss: { input?: unknown }) => string)) =>
  finiteNumber.positive({ error, abort: true });

export const nonNegativeNumber = finiteNumber.nonnegative({ error: 'pass 0 or a positive number' });

/** A condor's net credit per share, index points: above 0 (a condor taken for 0 is refused by its analytics too). */
export const condorCredit = positiveWithin('pass the credit received in index points per share, above 0');

/**
 * The words for a strike off a listing grid, as a held leg's (`positions[i].strike`): "is 1941,
 * off the SPX 5-point strike grid; pass a listed strike (a multiple of 5)".
 */
export function offGrid(what: string, step: number, fix = `pass a listed strike (a multiple of ${step})`) {
  return (iss: { input?: unknown }): string =>
    `is ${String(iss.input)}, off the ${what} ${step}-point strike grid; ${fix}`;
}

/**
 * An SPX strike the plan prices and trades: greater than 0 and on the listed 5-point grid (within
 * 1e-9 of a step), the check a held leg's strike passes, so no strike is priced into an order that
 * the same leg held would be refused at.
 */
export const spxStrike = positiveNumber.refine((x) => onGrid(x, SPX_STRIKE_STEP), {
  error: offGrid('SPX', SPX_STRIKE_STEP),
});

const increasing = (xs: readonly number[]): boolean => xs.every((x, i) => i === 0 || x > xs[i - 1]!);

/**
 * The condor strikes (0-3) out of order that a trader would change, each of which, changed alone,
 * can put the four in increasing order (its leaving out leaves the others increasing). When such a
 * strike lies beyond half to twice the median of the other three ({@link SPOT_STRIKE_FACTOR}: the
 * 100 of 5900, 100, 7200, 7300), it is a slip the others are not: then only such strikes, the
 * furthest first. Empty when the strikes are in order, or when no one strike can fix them.
 */
export function condorStrikesToFix(strikes: readonly number[]): number[] {
  if (strikes.length !== 4 || increasing(strikes)) return [];
  const others = (i: number): number[] => strikes.filter((_x, j) => j !== i);
  const fixes = strikes.flatMap((_, i) => (increasing(others(i)) ? [i] : []));
  // how far each lies from the median of the other three (the middle one), as a factor's log
  const apart = (i: number): number => Math.abs(Math.log(strikes[i]! / others(i)[1]!));
  const slips = fixes.filter((i) => apart(i) > Math.log(SPOT_STRIKE_FACTOR)).sort((a, b) => apart(b) - apart(a));
  return slips.length > 0 ? slips : fixes;
}

/**
 * A vol of vol as a decimal, VVIX/100, within the VIX-option surface's range {@link VVIX_RANGE}
 * (0.2-4): outside it the surface would be built at the nearest bound, not at the vol given.
 */
export const volOfVol = finiteNumber
  .min(VVIX_RANGE.min / 100, {
    error: `a vol of vol is VVIX/100, from ${VVIX_RANGE.min / 100} (VVIX ${VVIX_RANGE.min}); VVIX has closed between about 60 and 210: pass 0.95 for VVIX 95`,
  })
  .max(VVIX_RANGE.max / 100, {
    error: `a vol of vol is VVIX/100, at most ${VVIX_RANGE.max / 100} (VVIX ${VVIX_RANGE.max}): pass 0.95 for VVIX 95, not 95`,
  });

/**
 * Below it a VVIX reads as a vol of vol typed for the level (VVIX/100: 0.95, 1.1374 for 113.74;
 * VVIX has closed between about 60 and 210); from it, as a level already in index points.
 */
const VVIX_AS_VOL_OF_VOL = 2.5;

/**
 * The words for a VVIX below `min` points: one that reads as a vol of vol (below 2.5) keeps
 * `units` ("pass 95, not 0.95"); a level already in points (15) is echoed with the range (`range`),
 * not told to pass a hundred times a fraction.
 */
export function vvixBelow(min: number, range: string, units: string | ((iss: { input?: unknown }) => string)) {
  return (iss: { input?: unknown }): string => {
    const x = iss.input;
    if (typeof x === 'number' && Number.isFinite(x) && x >= VVIX_AS_VOL_OF_VOL) {
      return `is ${shownNumber(x)}, below ${min}; ${range}`;
    }
    return typeof units === 'string' ? units : units(iss);
  };
}

const VVIX_IN_RANGE = `VVIX is in index points: pass a level from ${VVIX_RANGE.min} to ${VVIX_RANGE.max}, e.g. 95`;

/** VVIX in index points within {@link VVIX_RANGE}: 95, not 0.95. */
export const vvixPoints = finiteNumber
  .min(VVIX_RANGE.min, {
    error: vvixBelow(
      VVIX_RANGE.min,
      VVIX_IN_RANGE,
      `VVIX is in index points, from ${VVIX_RANGE.min}; it has closed between about 60 and 210: pass 95, not 0.95`,
    ),
  })
  .max(VVIX_RANGE.max, { error: VVIX_IN_RANGE });

/** Volatility as a decimal (0.18 = 18%); above 5 it is taken as a percentage and rejected. */
export const volatility = finiteNumber
  .nonnegative({ error: 'volatility must be ≥ 0; pass a decimal such as 0.18' })
  .max(5, { error: 'volatility looks like a percentage; pass it as a decimal (0.18, not 18)' });

/**
 * A USD rate or SPX dividend yield as a decimal, continuously compounded, within MARKET_RATE
 * (−0.05 to 0.2): 1 typed for 1% would price every option at a 100% carry.
 */
export const rate = finiteNumber
  .min(MARKET_RATE.min, { error: (iss) => rateOutsideMessage(iss.input) })
  .max(MARKET_RATE.max, { error: (iss) => rateOutsideMessage(iss.input) });

/**
 * The words for a rate outside MARKET_RATE: the value is echoed and, after the range, a percentage
 * typed whole (|x| ≥ 1, as TAILSIZE's checkMarketRate reads it) is offered as its decimal when that
 * decimal is a rate ("is 5, above the highest rate 0.2; rates are decimals from -0.05 to 0.2: pass
 * 0.05 for 5%", "is -1, … pass -0.01 for -1%"); otherwise (0.5, or 25 whose 0.25 is no rate
 * either) an example. A value that rounds to a limit is echoed in full (0.20000000000000004).
 */
function rateOutsideMessage(x: unknown): string {
  const range = `rates are decimals from ${MARKET_RATE.min} to ${MARKET_RATE.max}`;
  if (typeof x !== 'number' || !Number.isFinite(x)) return `${range}; pass 0.05 for 5%`;
  const side =
    x > MARKET_RATE.max ? `above the highest rate ${MARKET_RATE.max}` : `below the lowest rate ${MARKET_RATE.min}`;
  const decimal = scaledForFix(x, 0.01);
  const shown = shownNumber(x);
  const atLimit = shown === shownNumber(MARKET_RATE.min) || shown === shownNumber(MARKET_RATE.max);
  const head = `is ${atLimit ? String(x) : shown}, ${side}`;
  if (Math.abs(x) < 1 || decimal < MARKET_RATE.min || decimal > MARKET_RATE.max)
    return `${head}; ${range}: pass 0.05 for 5%`;
  return `${head}; ${range}: pass ${shownNumber(decimal)} for ${shown}%`;
}

/**
 * A number as a message quotes it: 3,000,000 and 2.5, but 1e+16 rather than seventeen digits. Six
 * decimals at most, unless rounding to them would misstate it: 5.0000000001 and 1e-12 are quoted
 * whole, not as the 5 or 0 a whole-number field accepts.
 */
function shownNumber(x: number): string {
  if (Math.abs(x) >= 1e12) return x.toExponential();
  const short = x.toLocaleString('en-US', { maximumFractionDigits: 6 });
  if (Number(short.replaceAll(',', '')) === x) return short;
  const exact = String(x);
  const parts = /^(-?)(\d+)(\.\d+)$/.exec(exact);
  return parts === null ? exact : `${parts[1]}${Number(parts[2]).toLocaleString('en-US')}${parts[3]}`;
}

/**
 * A zod error that says what a number is, then `fix` ("is -5; pass budgets ≥ 0 USD"); `fix` alone
 * when the input is no finite number.
 */
export function statingValue(fix: string) {
  return (iss: { input?: unknown }): string =>
    typeof iss.input === 'number' && Number.isFinite(iss.input) ? `is ${shownNumber(iss.input)}; ${fix}` : fix;
}

/**
 * The message for a level given as a fraction (VIX 0.1791, VVIX 1.1374): the level it was meant to
 * be, when 100 times the value is a plausible one (`plausible`, points), else the example. Every
 * host shows it at its field.
 */
export function inPoints(
  what: string,
  example: string,
  wrong: string,
  plausible: readonly [number, number] = [5, 150],
) {
  return (iss: { input?: unknown }): string => {
    const x = iss.input;
    return typeof x === 'number' && x * 100 >= plausible[0] && x * 100 <= plausible[1]
      ? `${what} is in index points: pass ${Number((x * 100).toFixed(4))}, not ${x}`
      : `${what} is in index points: pass ${example}, not ${wrong}`;
  };
}

/**
 * The words for a VIX index level (VIX, VIX9D, VIX3M, VIX6M) above {@link MAX_VIX_INDEX}: the level
 * is echoed and the bound named ("is 500, above 300, the highest VIX level the model takes; pass a
 * level in index points from 1 to 300, e.g. 18.5"), as paths and seed are; a value that is no
 * number keeps the units hint.
 */
export function aboveVixIndex(what: string, example: string) {
  const fix = `pass a level in index points from ${MIN_VIX_POINTS} to ${MAX_VIX_INDEX}, e.g. ${example}`;
  return (iss: { input?: unknown }): string =>
    typeof iss.input === 'number' && Number.isFinite(iss.input)
      ? `is ${shownNumber(iss.input)}, above ${MAX_VIX_INDEX}, the highest ${what} level the model takes; ${fix}`
      : `${what} is in index points: ${fix}`;
}

/**
 * A whole number from `lo` to `hi`: one issue, whatever is wrong with it, saying what it is and the
 * range to pass (2.5, −3, 3e6 and 1e16 paths all read "is …; pass paths as a whole number from 2
 * to 2,000,000").
 */
export function wholeNumber(lo: number, hi: number, what: string, most = hi) {
  // `most`: a lower limit checked after the schema (a work limit), stated in the fix all the same
  const range = most >= Number.MAX_SAFE_INTEGER ? `of at least ${lo}` : `from ${lo} to ${most.toLocaleString('en-US')}`;
  const fix = `pass ${what} as a whole number ${range}`;
  const issue = statingValue(fix);
  const n = z
    // a number sent as text is named as such, as a decimal field names it (numberExpected)
    .number({ error: (iss) => numberAsText(iss.input) ?? fix })
    .int({ error: issue, abort: true })
    .min(lo, { error: issue, abort: true })
    .max(hi, { error: issue });
  // the work limit is the field's maximum in the OpenAPI document: over it the host answers the
  // limit's 422, whose words know more than a schema bound could (the condor's expiry first)
  return most < hi ? n.meta({ maximum: most }) : n;
}

/** A share or probability in [0, 1]. */
export const fraction = finiteNumber
  .min(0, { error: 'pass a decimal between 0 and 1' })
  .max(1, { error: 'pass a decimal between 0 and 1 (0.25 for 25%)' });

/** Whether `s` is a real calendar date as `YYYY-MM-DD` (2027-02-30 and 2027-13-01 are not). */
function isCalendarDate(s: string): boolean {
  try {
    parseIsoDate('date', s);
    return true;
  } catch {
    return false;
  }
}

/** A calendar date as `YYYY-MM-DD`. */
export const isoDate = z
  .string({ error: 'pass a date as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'pass a date as YYYY-MM-DD, e.g. 2020-03-16', abort: true })
  .refine(isCalendarDate, { error: 'not a calendar date; pass a real date such as 2020-03-16' });

/** An option's expiry: a calendar date within the exchange calendar's years (2000-2040). */
export const expiryDate = isoDate.refine(
  (s) => Number(s.slice(0, 4)) >= CALENDAR_FIRST_YEAR && Number(s.slice(0, 4)) <= CALENDAR_LAST_YEAR,
  {
    error: (iss) =>
      `is ${String(iss.input)}, outside the exchange calendar's ${CALENDAR_FIRST_YEAR}-${CALENDAR_LAST_YEAR}; pass an expiry from ${CALENDAR_FIRST_YEAR} to ${CALENDAR_LAST_YEAR}`,
  },
);

/**
 * Why no SPX option expires on `iso` (YYYY-MM-DD within the exchange calendar's years), with the
 * fix, or undefined when the exchange trades on it: a condor's expiry on a weekend or holiday is a
 * slip of the date, and priced as given it carries time value that does not exist and its orders
 * name contracts no exchange lists. The words of every host: the plan's condors, ALVH.CONDOR,
 * CONDORLOSS and OVERLAY. The fix offers the trading day before, or the one after when the day
 * before is not after `valuationDate` (a condor expiring on or before it cannot be priced): with no
 * trading day between them, that is the first trading day after the valuation date.
 */
export function unlistedCondorExpiry(
  iso: string,
  valuationDate?: string,
): { problem: string; fix: string } | undefined {
  if (isBusinessDay(iso)) return undefined;
  const problem = `is ${iso}, not an exchange trading day, so no SPX option expires on it`;
  const within = `a trading day from ${CALENDAR_FIRST_YEAR} to ${CALENDAR_LAST_YEAR}`;
  // the calendar's first and last days have no trading day before or after them within it
  const near = (step: (d: string) => string): string | undefined => {
    try {
      return step(iso);
    } catch {
      return undefined;
    }
  };
  const before = near(previousBusinessDay);
  if (before !== undefined && (valuationDate === undefined || before > valuationDate))
    return { problem, fix: `pass the condor's listed expiry: the trading day before is ${before}` };
  if (valuationDate === undefined) return { problem, fix: `pass the condor's listed expiry, ${within}` };
  const after = near(nextBusinessDay);
  return {
    problem,
    fix:
      after === undefined
        ? `pass the condor's listed expiry, ${within} after the valuation date ${valuationDate}`
        : `pass the condor's listed expiry: the first trading day after the valuation date is ${after}`,
  };
}

/** `s` is a date `YYYY-MM-DD` within the exchange calendar's years. */
function inCalendar(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s) || !isCalendarDate(s)) return false;
  const year = Number(s.slice(0, 4));
  return year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR;
}

/**
 * A condor's expiry: a calendar date. Whether an SPX option is listed on it is checked beside the
 * valuation date by the schema holding it ({@link unlistedExpiryIssues}), so that no trading day
 * on or before that date is offered as the fix.
 */
export const condorExpiryDate = isoDate;

/**
 * The issues of condor expiries on which no SPX option expires ({@link unlistedCondorExpiry}): of
 * `condor` (one condor) and each of `condors` (a ladder), as sent, each at its path. Read beside
 * `valuationDate`, so an expiry on or before it is left to the check that names it as not after the
 * valuation date (a later day is the fix, not a listed one before), and the trading day offered is
 * after it. A date that is no calendar date has its own issue, and one outside the calendar's years
 * is named past the schema.
 */
export function unlistedExpiryIssues(
  valuationDate: unknown,
  condor: unknown,
  condors: unknown,
): { code: 'custom'; path: PropertyKey[]; message: string; input: string }[] {
  const day = inCalendar(valuationDate) ? valuationDate : undefined;
  const expiryOf = (c: unknown): unknown =>
    typeof c === 'object' && c !== null ? (c as { expiry?: unknown }).expiry : undefined;
  const sent = [
    { path: ['condor', 'expiry'], expiry: expiryOf(condor) },
    ...(Array.isArray(condors) ? condors : []).map((c: unknown, i) => ({
      path: ['condors', i, 'expiry'],
      expiry: expiryOf(c),
    })),
  ];
  return sent.flatMap(({ path, expiry }) => {
    if (!inCalendar(expiry) || (day !== undefined && expiry <= day)) return [];
    const u = unlistedCondorExpiry(expiry, day);
    return u === undefined ? [] : [{ code: 'custom' as const, path, message: `${u.problem}; ${u.fix}`, input: expiry }];
  });
}

export const optionType = z.enum(['call', 'put'], { error: 'pass "call" or "put"' });
