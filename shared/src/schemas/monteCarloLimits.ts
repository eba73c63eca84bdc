/**
 * The work limits of a Monte Carlo call: paths, horizon, path-steps and path-steps × legs, per
 * call or for a summary-only run pooled by the host, and the fix a refusal offers.
 */
import { grouped, limitExceeded } from '../errors';

/** Most paths of one run (merged result held in memory: 5 arrays × 8 bytes per path). */
export const MAX_PATHS = 2_000_000;
/** Most path-steps (paths × days) computed by one call (one chunk). */
export const MAX_PATH_STEPS = 20_000_000;

/** Longest Monte Carlo horizon, calendar days. */
export const MAX_HORIZON_DAYS = 730;

/** Most path-steps × legs of one Monte Carlo call. */
export const MAX_PATH_STEP_LEGS = 160_000_000;
/**
 * Most path-steps of a run the host splits over its worker pool itself and answers with the
 * summary alone (no per-path arrays): 2 000 000 paths × 50 days, about 25 s on two idle cores.
 */
export const MAX_POOLED_PATH_STEPS = 100_000_000;
/** Most path-steps × legs of such a pooled, summary-only run. */
export const MAX_POOLED_PATH_STEP_LEGS = 800_000_000;

/** The per-call work limits a Monte Carlo input is checked against (default: one call in one thread). */
export interface MonteCarloWorkLimits {
  /** Most pathCount × horizon days; default {@link MAX_PATH_STEPS}. */
  maxPathSteps?: number;
  /** Most pathCount × horizon days × legs; default {@link MAX_PATH_STEP_LEGS}. */
  maxPathStepLegs?: number;
  /**
   * A summary-only run (no per-path values to merge): over the limit, the fix offers fewer paths,
   * or chunks within one call's limits whose per-path answers merge. Default false.
   */
  summaryOnly?: boolean;
  /**
   * Most paths a call answering its per-path values may carry (a host's answer limit): no count a
   * fix suggests for such a call is above it. No default.
   */
  chunkPaths?: number;
  /**
   * How a caller of this host asks for a summary-only run instead (`send ?partial=false`): over a
   * limit of a call that answers its per-path values, the fix offers it beside chunks, with the
   * most paths such a run takes ({@link POOLED_MONTE_CARLO_LIMITS}). No default: not offered.
   */
  summaryOnlyAsk?: string;
}

/** The limits of a summary-only run chunked over a worker pool ({@link MAX_POOLED_PATH_STEPS}). */
export const POOLED_MONTE_CARLO_LIMITS: Required<Omit<MonteCarloWorkLimits, 'chunkPaths' | 'summaryOnlyAsk'>> = {
  maxPathSteps: MAX_POOLED_PATH_STEPS,
  maxPathStepLegs: MAX_POOLED_PATH_STEP_LEGS,
  summaryOnly: true,
};

/**
 * What to do over a Monte Carlo work limit: at most `most` paths a call; a summary-only run has no
 * per-path values to merge, so its other way is chunks within one call's limits for `horizonDays`
 * and `legs`. A count for a call that answers its per-path values is at most `limits.chunkPaths`
 * too, so the next call sent with it is not refused for its answer's size; such a call is offered
 * the summary-only run as well where its host says how to ask for one (`limits.summaryOnlyAsk`).
 */
function fewerPathsFix(most: number, limits: MonteCarloWorkLimits, horizonDays: number, legs: number): string {
  const chunk = mostMonteCarloPaths(horizonDays, legs);
  const perAnswer = (n: number) => grouped(Math.min(n, limits.chunkPaths ?? n));
  if (limits.summaryOnly) {
    return `run at most ${grouped(most)} paths, or send chunks (firstPath, pathCount) of at most ${perAnswer(chunk)} paths that answer their per-path values, and merge them`;
  }
  const chunks = `run at most ${perAnswer(most)} paths per call and merge chunks (firstPath, pathCount)`;
  if (limits.summaryOnlyAsk === undefined) return chunks;
  const pooled = Math.min(MAX_PATHS, mostMonteCarloPaths(horizonDays, legs, POOLED_MONTE_CARLO_LIMITS));
  return `${chunks}, or ${limits.summaryOnlyAsk} for the summary alone of up to ${grouped(pooled)} paths in one call`;
}

/** `paths` ≤ {@link MAX_PATHS}; else `limit_exceeded` naming `paths`. */
export function checkPathsLimit(paths: number): void {
  if (paths > MAX_PATHS) {
    throw limitExceeded(
      'paths',
      `is ${grouped(paths)}, over the limit of ${grouped(MAX_PATHS)} paths per run`,
      `run at most ${grouped(MAX_PATHS)} paths`,
    );
  }
}

/**
 * Work limits of a Monte Carlo call: paths ≤ {@link MAX_PATHS}, horizon ≤ {@link MAX_HORIZON_DAYS},
 * pathCount × horizon ≤ `limits.maxPathSteps` (default {@link MAX_PATH_STEPS}). Throws
 * `limit_exceeded` naming the limit; the paths its fix suggests are within the path-steps × legs
 * limit of {@link checkMonteCarloWork} too for the call's `legs` (0: not counted).
 */
export function checkMonteCarloLimits(
  paths: number,
  pathCount: number,
  horizonDays: number,
  limits: MonteCarloWorkLimits = {},
  field: 'paths' | 'pathCount' = 'pathCount',
  legs = 0,
): void {
  const maxSteps = limits.maxPathSteps ?? MAX_PATH_STEPS;
  checkPathsLimit(paths);
  if (horizonDays > MAX_HORIZON_DAYS) {
    throw limitExceeded(
      'horizonDays',
      `is ${horizonDays}, over the limit of ${MAX_HORIZON_DAYS} days`,
      `pass a horizon of at most ${MAX_HORIZON_DAYS} days`,
    );
  }
  if (pathCount * horizonDays > maxSteps) {
    throw limitExceeded(
      field,
      `${grouped(pathCount)} paths × ${horizonDays} days = ${grouped(pathCount * horizonDays)} path-steps, over the limit of ${grouped(maxSteps)} per call`,
      fewerPathsFix(mostMonteCarloPaths(horizonDays, legs, limits), limits, horizonDays, legs),
    );
  }
}

/**
 * The most paths one Monte Carlo call may carry for a horizon of `horizonDays` days and `legs`
 * option legs (0: the path-steps alone): within the path-steps and the path-steps × legs limits
 * ({@link checkMonteCarloLimits}, {@link checkMonteCarloWork}), at least 1.
 */
export function mostMonteCarloPaths(horizonDays: number, legs: number, limits: MonteCarloWorkLimits = {}): number {
  const steps = (limits.maxPathSteps ?? MAX_PATH_STEPS) / horizonDays;
  const work = (limits.maxPathStepLegs ?? MAX_PATH_STEP_LEGS) / (horizonDays * legs);
  return Math.max(1, Math.floor(Math.min(steps, work)));
}

/**
 * Work limit of a Monte Carlo call counting the legs: pathCount × days × legs ≤
 * `limits.maxPathStepLegs` (default {@link MAX_PATH_STEP_LEGS}).
 */
export function checkMonteCarloWork(
  pathCount: number,
  horizonDays: number,
  legs: number,
  limits: MonteCarloWorkLimits = {},
  field: 'paths' | 'pathCount' = 'pathCount',
): void {
  const maxWork = limits.maxPathStepLegs ?? MAX_PATH_STEP_LEGS;
  const work = pathCount * horizonDays * legs;
  if (work > maxWork) {
    throw limitExceeded(
      field,
      `${grouped(pathCount)} paths × ${horizonDays} days × ${legs} legs = ${grouped(work)}, over the limit of ${grouped(maxWork)} per call`,
      fewerPathsFix(Math.floor(maxWork / (horizonDays * legs)), limits, horizonDays, legs),
    );
  }
}
