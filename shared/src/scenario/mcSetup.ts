/**
 * A Monte Carlo input parsed and resolved into the engine's setup (book, policy, model, run).
 */
import { invalidInput, limitExceeded } from '../errors';
import { parseIsoDate, weekdayOf } from '../dates';
import { parseInput } from '../schemas/parse';
import { checkVxPrice } from '../validate';
import { isBusinessDayNumber } from '../market/calendar';
import {
  MAX_HORIZON_DAYS,
  MAX_VIX_CLOSE_GAP_DAYS,
  MonteCarloInputSchema,
  VIX_HISTORY_STALE_DAYS,
  checkMonteCarloLimits,
  checkMonteCarloWork,
  checkPathsLimit,
  scenarioLegCount,
  type MonteCarloInput,
  type MonteCarloWorkLimits,
} from '../schemas/scenario';
import { campaignBookNotes, entryCreditNotes, heldBookNotes, scenarioSource, type ScenarioBook } from './scenarioBook';
import { sqrtCurveNotes } from './curveFitNote';
import { tailRollNotes } from './mcRoll';
import { todayMarks } from './stressGrid';
import type { Leg } from '../book/index';
import type { ModelParams, MonteCarloSetup } from './mcTypes';
import type { VixClose } from './model/logVixFilter';

/** How far the last close may sit from the book's VIX when both are on the valuation date (points). */
const SAME_CLOSE_TOLERANCE = 0.005;

/** The largest ratio between two consecutive VIX closes a history may hold (either way). */
export const MAX_VIX_CLOSE_RATIO = 3;

/**
 * The largest ratio (either way) between the last close and the book's VIX when more than one
 * trading day lies between them (at most {@link VIX_HISTORY_STALE_DAYS} calendar days): VIX has
 * moved up to {@link VIX_GAP_RATIO_ON_RECORD} times over such a gap, so 3 would refuse real
 * histories (last close 2015-08-14 at 12.83, valued 2015-08-24 at 40.74), while 4 still refuses a
 * slipped 1.75 for 17.5 (10 times) and a VVIX column (about 5.5 times).
 */
export const MAX_VIX_GAP_RATIO = 4;

/**
 * A history of at least {@link LEVEL_CHECK_CLOSES} closes whose median of its latest that many is above this is
 * no VIX history: VIX's highest median over 120 consecutive closes since 1990 is 49.22 (2008-2009),
 * VVIX's lowest since 2007 is 71.84, so a pasted VVIX column is refused whatever the day's VIX.
 */
export const MAX_VIX_HISTORY_MEDIAN = 60;
/** How many of the latest closes the level check reads (and the least a history needs for it). */
export const LEVEL_CHECK_CLOSES = 120;

/** Consecutive closes at most {@link MAX_VIX_CLOSE_GAP_DAYS} apart; the latest 120 at a VIX level. */
function checkHistoryShape(closes: readonly { day: number; value: number }[], dates: readonly string[]): void {
  closes.forEach((c, i) => {
    const gap = i > 0 ? c.day - closes[i - 1]!.day : 0;
    if (gap > MAX_VIX_CLOSE_GAP_DAYS) {
      throw invalidInput(
        `vixHistory[${i}].date`,
        `is ${dates[i]}, ${gap} days after the close before it (${dates[i - 1]}): VIX has not gone more than ${MAX_VIX_CLOSE_GAP_DAYS} days without a close since 1990, so the gap is missing rows or a misread date`,
        "pass every trading day's close between them, or check the dates (a day-first date read month-first moves a close by months)",
      );
    }
  });
  if (closes.length < LEVEL_CHECK_CLOSES) return;
  const latest = closes
    .slice(-LEVEL_CHECK_CLOSES)
    .map((c) => c.value)
    .sort((a, b) => a - b);
  const median = (latest[LEVEL_CHECK_CLOSES / 2 - 1]! + latest[LEVEL_CHECK_CLOSES / 2]!) / 2;
  if (median > MAX_VIX_HISTORY_MEDIAN) {
    throw invalidInput(
      'vixHistory',
      `has a median of ${median.toFixed(2)} over its latest ${LEVEL_CHECK_CLOSES} closes, above ${MAX_VIX_HISTORY_MEDIAN}: VIX's highest over 120 closes since 1990 is 49.22, VVIX's lowest since 2007 is 71.84`,
      'pass VIX closes (not VVIX or another index), in index points',
    );
  }
}

/** The largest ratio of two Cboe VIX closes at most {@link VIX_HISTORY_STALE_DAYS} days apart since 1990: 11.08 on 2018-01-26 to 37.32 on 2018-02-05. */
export const VIX_GAP_RATIO_ON_RECORD = 3.37;

/**
 * The request's VIX closes as the filter reads them: checked (in VIX points, one per trading date (no weekend), oldest first, ending on
 * the valuation date or at most {@link VIX_HISTORY_STALE_DAYS} days before it, and on the valuation
 * date at the book's VIX), with the book's VIX appended on the valuation date when the closes end
 * before it (held, like each close, within 3 times and a third of the close before it; within 4
 * times and a quarter when more than one trading day lies between them, {@link MAX_VIX_GAP_RATIO}).
 */
export function resolveVixHistory(
  history: readonly { date: string; vix: number }[],
  book: Pick<ScenarioBook, 'valuationDate' | 'vix'>,
): VixClose[] {
  const day0 = parseIsoDate('valuationDate', book.valuationDate);
  // Each close in index points within [1, 500], as the book's VIX is: a decimal (0.175) or a
  // runaway level would move the filtered factors, and with them every figure of the run.
  const closes = history.map((c, i) => ({
    day: parseIsoDate(`vixHistory[${i}].date`, c.date),
    value: checkVxPrice(`vixHistory[${i}].vix`, c.vix, '18.5'),
  }));
  closes.forEach((c, i) => {
    // VIX closes on trading days only: a weekend row is no close (a calendar-day fill, a row typed
    // on the wrong date), and the filter would read it as a day that happened.
    const weekday = weekdayOf(c.day);
    if (weekday === 0 || weekday === 6) {
      throw invalidInput(
        `vixHistory[${i}].date`,
        `is ${history[i]!.date}, a ${weekday === 0 ? 'Sunday' : 'Saturday'}: VIX has no close on a weekend`,
        'pass the closes of trading days only (leave weekend rows out, or check the date)',
      );
    }
    if (i > 0 && !(c.day > closes[i - 1]!.day)) {
      throw invalidInput(
        `vixHistory[${i}].date`,
        `is ${history[i]!.date}, not after the close before it (${history[i - 1]!.date})`,
        'pass the closes oldest first, one per date',
      );
    }
  });
  checkHistoryShape(
    closes,
    history.map((c) => c.date),
  );
  // VIX has never closed at more than 3 times, or under a third of, its last close (its largest
  // rise, 2018-02-05, was 2.16 times): such a pair is a slip (1.75 typed for 17.5), which would
  // move the filtered factors and with them every figure of the run.
  closes.forEach((c, i) => {
    const before = i > 0 ? closes[i - 1]!.value : c.value;
    if (c.value > MAX_VIX_CLOSE_RATIO * before || c.value * MAX_VIX_CLOSE_RATIO < before) {
      throw invalidInput(
        `vixHistory[${i}].vix`,
        `is ${c.value} after ${before} on ${history[i - 1]!.date}, a move VIX has never made in one close`,
        'check the close (VIX in index points, 17.5 not 1.75), or leave vixHistory out',
      );
    }
  });
  const n = closes.length - 1;
  const last = closes[n]!;
  if (last.day > day0) {
    throw invalidInput(
      `vixHistory[${n}].date`,
      `is ${history[n]!.date}, after the valuation date ${book.valuationDate}`,
      'pass closes up to the valuation date',
    );
  }
  if (day0 - last.day > VIX_HISTORY_STALE_DAYS) {
    throw invalidInput(
      `vixHistory[${n}].date`,
      `is ${history[n]!.date}, ${day0 - last.day} days before the valuation date ${book.valuationDate}`,
      `pass closes up to the valuation date (the last at most ${VIX_HISTORY_STALE_DAYS} days before it)`,
    );
  }
  if (last.day === day0) {
    if (Math.abs(last.value - book.vix) > SAME_CLOSE_TOLERANCE) {
      throw invalidInput(
        `vixHistory[${n}].vix`,
        `is ${last.value} on the valuation date, but the book's VIX is ${book.vix}`,
        "pass the book's VIX as the valuation date's close, or end the history the day before",
      );
    }
    return closes;
  }
  // The book's VIX continues the history on the valuation date, so it is held to a bound against
  // the last close: a last close typed a tenth of its size (1.75), or a pasted VVIX column (95
  // against a VIX of 17.5), would otherwise move the filtered factors and every figure. From the
  // trading day before, the bound of one close; over a longer gap, VIX has moved further.
  // the trading day after the last close: no business day lies between them. Not the calendar's
  // previousBusinessDayNumber, which refuses a day before 2000 (closes on 1999-12-31 for a run
  // valued 2000-01-03): outside the calendar's years a business day is a weekday.
  let dayBefore = day0 - 1;
  while (!isBusinessDayNumber(dayBefore)) dayBefore--;
  const nextDay = dayBefore <= last.day;
  const bound = nextDay ? MAX_VIX_CLOSE_RATIO : MAX_VIX_GAP_RATIO;
  if (book.vix > bound * last.value || book.vix * bound < last.value) {
    const side = book.vix > last.value ? `under ${nextDay ? 'a third' : 'a quarter'} of` : `more than ${bound} times`;
    const moved = nextDay
      ? 'the next trading day: a move VIX has never made in one close'
      : `${day0 - last.day} days later: VIX has moved at most ${VIX_GAP_RATIO_ON_RECORD} times in ${VIX_HISTORY_STALE_DAYS} days`;
    throw invalidInput(
      `vixHistory[${n}].vix`,
      `is ${last.value} on ${history[n]!.date}, ${side} the book's VIX ${book.vix} on the valuation date ${book.valuationDate}, ${moved}`,
      'check the units (17.5 not 1.75) or the column (VIX, not VVIX)',
    );
  }
  return [...closes, { day: day0, value: book.vix }];
}

/**
 * The run's `vixHistory`: the resolved closes when the filter reads a move from them. A single close
 * on the valuation date (the book's VIX) reads nothing, so the run is the one without a history,
 * labelled `vix-only` and keyed as it is (its chunks merge with that run's, the same bits).
 */
function startHistory(
  history: readonly { date: string; vix: number }[] | undefined,
  book: Pick<ScenarioBook, 'valuationDate' | 'vix'>,
): { vixHistory?: VixClose[] } {
  if (history === undefined) return {};
  const closes = resolveVixHistory(history, book);
  return closes.length < 2 ? {} : { vixHistory: closes };
}

/** Default horizon: the condor's expiry, in calendar days from the valuation date. */
export function condorHorizonDays(book: Pick<ScenarioBook, 'valuationDate' | 'condor'>): number {
  const day0 = parseIsoDate('valuationDate', book.valuationDate);
  let h = 0;
  book.condor.forEach((l, i) => {
    h = Math.max(h, parseIsoDate(`book.condor[${i}].expiry`, l.expiry) - day0);
  });
  return h;
}

/**
 * The field of the last condor expiry in a scenario input: `plan.condor.expiry`, the ladder's
 * farthest `plan.condors[i].expiry`, or the book's farthest `book.condor[i].expiry`.
 */
export function lastCondorExpiryField(v: {
  plan?: { condors?: readonly { expiry: string }[] | undefined } | undefined;
  book?: { condor: readonly { expiry: string }[] } | undefined;
}): string {
  const [legs, root] = v.book !== undefined ? [v.book.condor, 'book.condor'] : [v.plan?.condors, 'plan.condors'];
  if (legs === undefined || legs.length === 0) return 'plan.condor.expiry';
  let last = 0;
  // ISO dates (checked by the schema) sort as text
  legs.forEach((c, i) => {
    if (c.expiry > legs[last]!.expiry) last = i;
  });
  return `${root}[${last}].expiry`;
}

/**
 * A horizon sent over {@link MAX_HORIZON_DAYS}: `limit_exceeded` naming `horizonDays` with the
 * bound that holds for this book, the condor's expiry when it comes first (5000 days on a condor
 * 56 days out: pass at most 56, not 730, which the next request would refuse in turn).
 */
function checkHorizonLimit(horizonDays: number | undefined, lastExpiry: number): void {
  if (horizonDays === undefined || horizonDays <= MAX_HORIZON_DAYS) return;
  const condorFirst = lastExpiry < MAX_HORIZON_DAYS;
  throw limitExceeded(
    'horizonDays',
    `is ${horizonDays}, over the limit of ${MAX_HORIZON_DAYS} days` +
      (condorFirst ? ` and after the condor's expiry ${lastExpiry} days out` : ''),
    condorFirst
      ? `pass at most ${lastExpiry} days, or leave it out for the condor's expiry`
      : `pass a horizon of at most ${MAX_HORIZON_DAYS} days`,
  );
}

/**
 * Parse and resolve a Monte Carlo input into the engine's setup, its work checked against `limits`
 * (default: those of one call in one thread; a pool that chunks a summary-only run passes
 * POOLED_MONTE_CARLO_LIMITS).
 */
export function monteCarloSetup(input: unknown, limits: MonteCarloWorkLimits = {}): MonteCarloSetup {
  return setupOf(parseInput(MonteCarloInputSchema, input), limits);
}

/**
 * A Monte Carlo request checked as a host checks it before it queues any work: parsed, resolved,
 * and its work within `limits` (path-steps, and path-steps × legs); the parsed input (defaults
 * filled in) and its setup. Throws `invalid_input` or `limit_exceeded` naming the field.
 */
export function checkedMonteCarloRequest(
  input: unknown,
  limits: MonteCarloWorkLimits = {},
): { parsed: MonteCarloInput; setup: MonteCarloSetup } {
  const parsed = parseInput(MonteCarloInputSchema, input);
  const setup = setupOf(parsed, limits);
  const field = parsed.pathCount === undefined ? 'paths' : 'pathCount';
  checkMonteCarloWork(setup.run.pathCount, setup.run.horizonDays, scenarioLegCount(parsed), limits, field);
  return { parsed, setup };
}

/** The setup of a parsed input, its paths and horizon checked against `limits`. */
function setupOf(v: MonteCarloInput, limits: MonteCarloWorkLimits): MonteCarloSetup {
  const { book, policy, plan: pl } = scenarioSource(v);
  const lastExpiry = condorHorizonDays(book);
  const horizonDays = v.horizonDays ?? lastExpiry;
  const pathCount = v.pathCount ?? v.paths - v.firstPath;
  if (v.horizonDays === undefined && lastExpiry > MAX_HORIZON_DAYS) {
    // The horizon was not sent: name the field that set it, the condor's expiry.
    throw limitExceeded(
      lastCondorExpiryField(v),
      `is ${lastExpiry} days out: the default horizon is the condor's expiry, over the limit of ${MAX_HORIZON_DAYS} days`,
      `pass horizonDays of at most ${MAX_HORIZON_DAYS} (in the API), or a condor expiring within ${MAX_HORIZON_DAYS} days`,
    );
  }
  checkPathsLimit(v.paths);
  checkHorizonLimit(v.horizonDays, lastExpiry);
  // the count over the limit is the one the caller sent: pathCount, else paths
  const field = v.pathCount === undefined ? 'paths' : 'pathCount';
  checkMonteCarloLimits(v.paths, pathCount, horizonDays, limits, field, scenarioLegCount(v));
  // Past the last condor's expiry nothing is left to hedge: the hedges' carry alone would move the
  // figures, and `market` would describe a day the book no longer exists.
  if (horizonDays > lastExpiry) {
    throw invalidInput(
      'horizonDays',
      `is ${horizonDays}, after the condor's expiry ${lastExpiry} days out`,
      `pass at most ${lastExpiry} days, or leave it out for the condor's expiry`,
    );
  }
  if (v.book !== undefined && v.rebalance) checkResizableTail(book.tail);
  // The paths' pricer takes any vol; the stress grid's marks refuse one above 500%, and a book one
  // refuses the other must refuse too (a VIX call at 693% priced into the hedge cost).
  todayMarks(book, pl !== undefined);
  const legacy = v.model ?? { jumpIntensity: 1, jumpMeanVix: 8, spxJumpPerVixPoint: 1 / 150 };
  const model: ModelParams = {
    jumpIntensity: legacy.jumpIntensity,
    jumpMeanVix: legacy.jumpMeanVix,
    spxJumpPerVixPoint: legacy.spxJumpPerVixPoint,
  };
  if (legacy.xi !== undefined) model.xi = legacy.xi;
  // The square-root dynamics' mean VIX is today's fitted curve and SPX drifts at r − q: risk-neutral.
  const measure = v.dynamics === 'sqrt-legacy' ? 'risk-neutral' : (v.measure ?? 'real-world');
  const inputNotes = [
    ...heldBookNotes(v.plan, 'montecarlo'),
    ...campaignBookNotes(v.plan, pl, 'montecarlo'),
    ...(pl === undefined ? [] : entryCreditNotes(pl, 'paths')),
    ...(v.dynamics === 'sqrt-legacy' ? sqrtCurveNotes(book, policy, horizonDays) : []),
    // the rolls the rebalances make (a tail of one VIX call, as they resize it)
    ...(v.rebalance && book.tail.length === 1 && book.tail[0]!.kind === 'vix'
      ? tailRollNotes(book, policy, horizonDays)
      : []),
  ];
  return {
    ...(inputNotes.length > 0 ? { inputNotes } : {}),
    book,
    policy,
    model,
    run: {
      paths: v.paths,
      seed: v.seed,
      firstPath: v.firstPath,
      pathCount,
      horizonDays,
      antithetic: v.antithetic,
      rebalance: v.rebalance,
      measure,
      dynamics: v.dynamics,
      ...startHistory(v.vixHistory, book),
    },
  };
}

/**
 * The setup of another chunk of the same run, [firstPath, firstPath + pathCount), without parsing
 * and resolving the input again (a worker given many chunks of one run builds the book once):
 * checked as {@link monteCarloSetup} checks a chunk (whole numbers, inside the run, the limits).
 */
export function chunkOfSetup(
  s: MonteCarloSetup,
  firstPath: number,
  pathCount: number,
  limits: MonteCarloWorkLimits = {},
): MonteCarloSetup {
  const { paths, horizonDays } = s.run;
  if (!Number.isSafeInteger(firstPath) || firstPath < 0 || firstPath >= paths) {
    throw invalidInput('firstPath', `is ${firstPath}`, `pass a whole number in [0, ${paths - 1}]`);
  }
  if (!Number.isSafeInteger(pathCount) || pathCount < 1 || firstPath + pathCount > paths) {
    throw invalidInput('pathCount', `is ${pathCount}`, `pass a whole number in [1, ${paths - firstPath}]`);
  }
  const legs = s.book.condor.length + s.book.overlay.length + s.book.tail.length;
  checkMonteCarloLimits(paths, pathCount, horizonDays, limits, 'pathCount', legs);
  return { ...s, run: { ...s.run, firstPath, pathCount } };
}

/**
 * The policy resizes the tail along the paths when it is one long VIX call line (lines of the same
 * call are merged into one by the book); any other tail with `rebalance` on is refused rather than
 * held fixed in silence (two 2-lot lines of one call ran with no rebalancing and 0 tail contracts).
 */
function checkResizableTail(tail: readonly Leg[]): void {
  if (tail.length === 0) return;
  const one = tail.length === 1 ? tail[0]! : undefined;
  if (one?.kind === 'vix' && one.type === 'call' && one.quantity >= 0 && Number.isInteger(one.quantity)) return;
  throw invalidInput(
    'book.tail',
    tail.length === 1
      ? `is ${one!.quantity} ${one!.kind.toUpperCase()} ${one!.type}${Math.abs(one!.quantity) === 1 ? '' : 's'}, which the policy does not resize (it resizes a whole number of long VIX calls)`
      : `holds ${tail.length} different contracts; the policy resizes a tail of one long VIX call`,
    'pass one long VIX call line as the tail (the hedges of other kinds in overlay), or rebalance: false to hold the tail as it is',
  );
}
