/**
 * A Monte Carlo input parsed and resolved into the engine's setup (book, policy, model, run).
 */
import { invalidInput } from '../errors';
import { parseIsoDate } from '../dates';
import { parseInput } from '../schemas/parse';
import { checkVxPrice } from '../validate';
import {
  MonteCarloInputSchema,
  VIX_HISTORY_STALE_DAYS,
  checkMonteCarloLimits,
  checkMonteCarloWork,
  scenarioLegCount,
  type MonteCarloInput,
  type MonteCarloWorkLimits,
} from '../schemas/scenario';
import { scenarioSource, type ScenarioBook } from './scenarioBook';
import type { ModelParams, MonteCarloSetup } from './mcTypes';
import type { VixClose } from './model/logVixFilter';

/** How far the last close may sit from the book's VIX when both are on the valuation date (points). */
const SAME_CLOSE_TOLERANCE = 0.005;

/**
 * The request's VIX closes as the filter reads them: checked (in VIX points, one per date, oldest first, ending on
 * the valuation date or at most {@link VIX_HISTORY_STALE_DAYS} days before it, and on the valuation
 * date at the book's VIX), with the book's VIX appended on the valuation date when the closes end
 * before it.
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
    if (i > 0 && !(c.day > closes[i - 1]!.day)) {
      throw invalidInput(
        `vixHistory[${i}].date`,
        `is ${history[i]!.date}, not after the close before it (${history[i - 1]!.date})`,
        'pass the closes oldest first, one per date',
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
  return [...closes, { day: day0, value: book.vix }];
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
  checkMonteCarloWork(setup.run.pathCount, setup.run.horizonDays, scenarioLegCount(parsed), limits);
  return { parsed, setup };
}

/** The setup of a parsed input, its paths and horizon checked against `limits`. */
function setupOf(v: MonteCarloInput, limits: MonteCarloWorkLimits): MonteCarloSetup {
  const { book, policy } = scenarioSource(v);
  const horizonDays = v.horizonDays ?? condorHorizonDays(book);
  const pathCount = v.pathCount ?? v.paths - v.firstPath;
  checkMonteCarloLimits(v.paths, pathCount, horizonDays, limits);
  const legacy = v.model ?? { jumpIntensity: 1, jumpMeanVix: 8, spxJumpPerVixPoint: 1 / 150 };
  const model: ModelParams = {
    jumpIntensity: legacy.jumpIntensity,
    jumpMeanVix: legacy.jumpMeanVix,
    spxJumpPerVixPoint: legacy.spxJumpPerVixPoint,
  };
  if (legacy.xi !== undefined) model.xi = legacy.xi;
  // The square-root dynamics' mean VIX is today's fitted curve and SPX drifts at r − q: risk-neutral.
  const measure = v.dynamics === 'sqrt-legacy' ? 'risk-neutral' : (v.measure ?? 'real-world');
  return {
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
      ...(v.vixHistory === undefined ? {} : { vixHistory: resolveVixHistory(v.vixHistory, book) }),
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
  checkMonteCarloLimits(paths, pathCount, horizonDays, limits);
  return { ...s, run: { ...s.run, firstPath, pathCount } };
}
