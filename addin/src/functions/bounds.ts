/**
 * Arguments with a plausible range: the ones a policy field bounds (checked against the policy's
 * own range, with the value and the usual slip in the message) and times in years (a count of
 * days typed where years are asked is the usual slip).
 */
import {
  calendarDay,
  daysBetween,
  DEFAULT_POLICY,
  invalidInput,
  MAX_MARK_VOL,
  policyRange,
  scaledForFix,
  VVIX_RANGE,
} from '@alvh/shared';
import { numberArg, optionalNumber, optionalPlainNumber, plainNumberArg } from './args';

/** Up to 4 significant digits, without trailing zeros: 0.1671, 1.8, 0.2. */
export function shortNumber(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/**
 * `x` checked against the range of the policy field `field` and named `name`. Where the range is
 * a fraction (at most 1), or `ratio` says the argument is a ratio such as a coverage, a value of 1
 * or more above it that fits once divided by 100 is a percentage typed as such ("drawdown: is 20,
 * which looks like a percentage; pass 0.2 for 20%"); `unit` follows the fix. Below 1 (0.6 where
 * 0.5 is the most) the range is said, not a percentage guessed.
 */
export function checkPolicyBound(name: string, field: string, x: number, unit = '', ratio = false): number {
  const r = policyRange(field);
  if (r === undefined) throw new Error(`${field} is not a numeric policy field`);
  const tail = unit === '' ? '' : ` ${unit}`;
  if (r.whole && !Number.isInteger(x)) {
    throw invalidInput(name, `is ${x}, not a whole number`, `pass a whole number from ${r.lo} to ${r.hi}${tail}`);
  }
  if (x >= r.lo && x <= r.hi) return x;
  // A ratio's percentage is a multiple of at least 1 (180 for 1.8 times the loss): 18 read as 0.18
  // would cover a tenth of the 1.8 it more likely meant, so below 100 the range is said instead.
  const percent = x / 100;
  if (!r.whole && (r.hi <= 1 || (ratio && percent >= 1)) && x > r.hi && x >= 1 && percent >= r.lo && percent <= r.hi) {
    throw invalidInput(name, `is ${x}, which looks like a percentage`, `pass ${shortNumber(percent)} for ${x}%${tail}`);
  }
  throw invalidInput(name, `is ${x}, outside ${r.lo} to ${r.hi}`, `pass a number from ${r.lo} to ${r.hi}${tail}`);
}

/** The units of a policy argument that is a level or a count, never a percentage. */
const LEVEL_UNITS: ReadonlySet<string> = new Set(['VIX points', 'per year', 'days', 'calendar days']);

/**
 * An optional argument bounded like the policy field `field` ({@link checkPolicyBound}); undefined
 * when omitted. A whole-number field is a count of days or bars, and a field in a level's `unit`
 * (VIX points, per year, days) a level: never a percentage, so percent text is refused naming it
 * ("1000%" read as a 10-day lookback, "4791%" as a stressed VIX of 47.91).
 */
export function policyArg(name: string, field: string, x: unknown, unit = '', ratio = false): number | undefined {
  const plain = policyRange(field)?.whole === true || LEVEL_UNITS.has(unit);
  const n = plain ? optionalPlainNumber(name, x) : optionalNumber(name, x);
  return n === undefined ? undefined : checkPolicyBound(name, field, n, unit, ratio);
}

/**
 * A time in years, at most `maxYears` (what the instrument makes plausible). Above it, a count
 * beyond `maxYears` × 365 is taken for a date, a whole count of at least a week for days
 * ("hedgeYears: is 61, more than 2 years, which looks like days; pass 61/365"); any other (3, or
 * 61.5) is said to be more than `maxYears` years, with no guess at days.
 */
export function checkYears(name: string, years: number, maxYears: number, what: string): number {
  if (!(years > maxYears)) return years;
  const more = `is ${years}, more than ${maxYears} years for ${what}`;
  if (years / 365 > maxYears)
    throw invalidInput(
      name,
      `${more}, which looks like a date`,
      'pass the years to expiry, (expiry − today)/365: an Excel date is not a time',
    );
  if (Number.isInteger(years) && years >= 7)
    throw invalidInput(
      name,
      `${more}, which looks like days`,
      `pass years: days/365 (${shortNumber(years)}/365 = ${shortNumber(years / 365)})`,
    );
  throw invalidInput(name, more, `pass the years to expiry, at most ${maxYears}: (expiry − today)/365`);
}

/** VIX options are listed about a year out; a longer time is a count of days typed as years. */
export const VIX_OPTION_MAX_YEARS = 2;

/**
 * The years to a VIX option's expiry (TAILSIZE's hedge, VIXVOL's option), named `name`: above 0
 * (one expiring today has no time to price) and at most {@link VIX_OPTION_MAX_YEARS}; `what` is
 * the option in the message ("the hedge").
 */
export function vixOptionYears(name: string, cell: unknown, what: string): number {
  const years = checkYears(name, numberArg(name, cell), VIX_OPTION_MAX_YEARS, 'a VIX option');
  if (!(years > 0))
    throw invalidInput(
      name,
      years === 0 ? `is 0: ${what} expires today` : `is ${years}, not after today`,
      `pass the years to ${what} expiry, (expiry − today)/365, above 0`,
    );
  return years;
}

const LATER_HEDGE = 'a later hedge expiry (hedgeYears) or a shorter drawdown (horizonYears)';

/**
 * TAILSIZE's `horizonYears` (default drawdownDays/365): the drawdown ends no later than the hedge
 * expires; on the expiry itself the call is valued at intrinsic, as STRESSFUTURE, CONDORLOSS and
 * the plan take it. A whole number from 2 up to the longest hedge's days is days typed as years,
 * refused with days/365 as the fix even where it fits as years (2 beside a hedge of 2 years); a
 * larger count is no drawdown in days (1e308/365 is no fix). A horizon too long otherwise asks for
 * a later hedge or a shorter drawdown, and a shorter one alone past the longest hedge
 * ({@link VIX_OPTION_MAX_YEARS}), which no later hedge can hold.
 */
export function tailHorizonArg(x: unknown, hedgeYears: number): number | undefined {
  const given = optionalNumber('horizonYears', x);
  const horizon = given ?? DEFAULT_POLICY.drawdownDays / 365;
  const days =
    given !== undefined && Number.isInteger(given) && given >= 2 && given <= VIX_OPTION_MAX_YEARS * 365
      ? given / 365
      : undefined;
  if (days === undefined && horizon <= hedgeYears) return given;
  const hedge = `hedgeYears ${shortNumber(hedgeYears)}`;
  const most = `VIX options run ${VIX_OPTION_MAX_YEARS} years at most`;
  if (days === undefined) {
    const what =
      given === undefined ? `is its default ${DEFAULT_POLICY.drawdownDays}/365` : `is ${shortNumber(horizon)}`;
    const fix =
      horizon <= VIX_OPTION_MAX_YEARS
        ? `pass ${LATER_HEDGE}`
        : `pass a shorter drawdown (horizonYears), up to ${hedge}: no later hedge holds it (${most})`;
    throw invalidInput('horizonYears', `${what}, longer than ${hedge}`, fix);
  }
  const problem =
    horizon > hedgeYears
      ? `is ${given}, longer than ${hedge}`
      : `is ${given}, which looks like days: as years the drawdown lasts the whole hedge (${hedge})`;
  const inYears = `pass the drawdown's length in years: days/365 (${given}/365 = ${shortNumber(days)})`;
  throw invalidInput('horizonYears', problem, days <= hedgeYears ? inYears : `${inYears}, and ${LATER_HEDGE}`);
}

/**
 * An RSI on its 0-100 scale, as SPLIT and PLAN's rsi row read it (`name` names the argument or the
 * row): a value strictly between 0 and 1 is an RSI typed as a fraction (35% read as 0.35), which
 * would fire the oversold rule; percent text ("100%" read as 1) is refused as a percentage; an RSI
 * outside 0-100 does not exist. 0 is refused too: a formula pointing at an empty cell gives it, and
 * a settled SPX RSI(14) is never 0 (taken as a reading, it fired the oversold rule: 0.643/0.357
 * where the split without an RSI is 0.536/0.464). Undefined when empty.
 */
export function rsiArg(cell: unknown, name = 'rsi'): number | undefined {
  const x = optionalPlainNumber(name, cell);
  if (x === undefined) return undefined;
  if (x === 0)
    throw invalidInput(
      name,
      'is 0 (an empty cell reads as 0), and a settled RSI is never 0',
      'leave it out for no RSI signal, or pass the RSI on its 0-100 scale (ALVH.RSI of the SPX closes)',
    );
  if (x > 0 && x < 1) {
    // a fraction of an RSI is at least 0.01 (1); below, the reading as a percent is no guess worth naming
    throw invalidInput(
      name,
      `is ${x}, which looks like a fraction`,
      x >= 0.01
        ? `pass the RSI on its 0-100 scale: ${scaledForFix(x, 100)}`
        : 'pass the RSI on its 0-100 scale (35 for 35%)',
    );
  }
  if (x < 0 || x > 100) throw invalidInput(name, `is ${x}, outside 0 to 100`, 'pass the RSI on its 0-100 scale');
  return x;
}

/**
 * The optional `stressVix` of CONDORLOSS and STRESSFUTURE, bounded as the policy's ({@link policyArg}).
 * A level from 0.05 to under 1 is a VIX typed as a decimal (0.66 for 66), named with the level to
 * pass, as `vix` is named; further below, the bound is said.
 */
export function stressVixArg(x: unknown): number | undefined {
  const level = optionalPlainNumber('stressVix', x);
  if (level !== undefined && level >= 0.05 && level < 1)
    throw invalidInput(
      'stressVix',
      `is ${level}`,
      `pass the stressed VIX in index points: ${scaledForFix(level, 100)}, not ${level}`,
    );
  return policyArg('stressVix', 'stressVix', x, 'VIX points');
}

/**
 * A `stressVix` given for the method's drawdown (section 6), where VIX jumps as SPX falls: one below
 * today's VIX is a slip (VIX 60 with a stressVix of 5 floored the stressed future at 0.01 points).
 */
export function checkStressVix(stressVix: number | undefined, vix: number): void {
  if (stressVix !== undefined && stressVix < vix)
    throw invalidInput(
      'stressVix',
      `is ${stressVix}, below today's VIX of ${vix}: the drawdown's VIX rises as SPX falls`,
      `pass a stressVix of at least ${vix}, or leave it empty (VIX + ${DEFAULT_POLICY.stressVixPerPct} per 1% of drawdown)`,
    );
}

/**
 * A position expiring `expiry` (ISO) must be held through the drawdown of `drawdownDays` from
 * `today`: one that settles before it ends never sees the scenario. One expiring on its last day
 * is taken. Names `expiry` with `fix`; one outside the exchange calendar, or on or before `today`, is
 * named as that.
 */
export function checkHeldThroughDrawdown(today: string, expiry: string, drawdownDays: number, fix: string): void {
  // a date outside the calendar (2022 typed for a date is 1905) or already past is said as such, as CONDOR and CURVE say it
  calendarDay('expiry', expiry);
  const days = daysBetween(today, expiry);
  if (days <= 0) throw invalidInput('expiry', `is ${expiry}, on or before the valuation date ${today}`, fix);
  if (days < drawdownDays)
    throw invalidInput('expiry', `is ${expiry}, ${days} days out, before the ${drawdownDays}-day drawdown ends`, fix);
}

/**
 * The vol of VIX options TAILSIZE takes, a decimal: what ALVH.VIXVOL gives (down to about 0.05, VVIX
 * 20 two years out deep in the money) up to the 500% a leg is marked at (`MAX_MARK_VOL`, where
 * VIXVOL stops too); 0.011 (VVIX 1.1 typed as a percent of a percent) priced the calls at 1e-33 and
 * sized 54 free contracts.
 */
const VIX_OPTION_VOL = { min: 0.04, max: MAX_MARK_VOL };

/**
 * A VVIX level in index points within `VVIX_RANGE` (20-400), named `name`, as a plan's vvix row
 * takes it; a vol of vol typed for it (1.1374 for VVIX 113.74) is named with the level to pass.
 */
export function vvixArg(name: string, cell: unknown): number {
  const v = plainNumberArg(name, cell);
  const { min, max } = VVIX_RANGE;
  if (v >= min && v <= max) return v;
  throw invalidInput(
    name,
    `is ${v}, outside ${min} to ${max}`,
    v * 100 >= min && v * 100 <= max
      ? `pass VVIX in index points: ${scaledForFix(v, 100)}, not the vol of vol ${v}`
      : `pass the VVIX level in index points from ${min} to ${max}, e.g. 95`,
  );
}

/**
 * `v` when it is such a vol; else refused naming `name`, with VVIX/100 as the fix where `v` is a
 * VVIX level (110: within `VVIX_RANGE`, so above the most taken), and the range where it is not (a
 * VIXVOL output above 500% is refused by VIXVOL itself; 0.01 is no vol).
 */
export function volOfVolArg<T extends number | undefined>(name: string, v: T): T {
  if (v === undefined) return v;
  const { min, max } = VIX_OPTION_VOL;
  if (v < min || v > max)
    throw invalidInput(
      name,
      `is ${v}, outside ${min} to ${max}`,
      v >= VVIX_RANGE.min && v <= VVIX_RANGE.max
        ? `pass the vol as a decimal: VVIX/100, ${scaledForFix(v, 0.01)} for VVIX ${v}`
        : `pass the vol as a decimal from ${min} to ${max}: ALVH.VIXVOL's at the strike, or VVIX/100 (1.1 for VVIX 110)`,
    );
  return v;
}
