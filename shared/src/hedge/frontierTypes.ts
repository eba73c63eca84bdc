/**
 * The budget frontier's input, its chunk result and its answer (ALVH-METHOD section 10).
 *
 * A frontier prices a ladder of hedge budgets on ONE set of Monte Carlo paths (common random
 * numbers: every budget sees the same paths, so differences between points are not noise). A chunk
 * is a path range [firstPath, firstPath + pathCount); chunks of one run merge exactly, in path
 * order, and the answer is a fixed-order function of the merged arrays.
 */
import { z } from 'zod';
import { grouped, limitExceeded } from '../errors';
import { statingValue, wholeNumber } from '../schemas/common';
import { PlanInputSchema } from '../schemas/plan';
import { MAX_HORIZON_DAYS, MAX_PATHS, MAX_PATH_STEPS, MONTE_CARLO_MEASURES } from '../schemas/scenario';
import type { MonteCarloDynamics, MonteCarloMeasure } from '../schemas/scenario';
import type { TailStructure } from './structurePricing';

/** Default number of budgets on the ladder: 0 to the full hedge's cost (the literal overlay and tail, rounded up to the cent) in 10 equal steps. */
export const DEFAULT_FRONTIER_POINTS = 11;
/** Default overlay caps (shares of the budget) of each point: the largest caps the overlay, the tail may use any of the rest. */
export const DEFAULT_FRONTIER_SPLITS = [0, 0.25, 0.5, 0.75, 1] as const;
/** Paths of a frontier run that does not say how many. */
export const DEFAULT_FRONTIER_PATHS = 20_000;
/** Most budgets of one frontier. */
export const MAX_FRONTIER_BUDGETS = 50;
/**
 * Most paths × steps × legs of one frontier call (one chunk); over it, 422: chunk the run. The
 * paths are simulated once for the condors and one unit of each component whatever the number of
 * budgets, and the search's work is bounded apart ({@link MAX_FRONTIER_SEARCH_WORK}), so the
 * budgets do not count here: 50 budgets on 350,000 paths of the example request summarised in about
 * the time one did (2-3 s, beside 6 s of paths).
 */
export const MAX_FRONTIER_WORK = 2_000_000_000;
/**
 * Most work of one frontier's exact search: down paths × the bisection steps of the rows of mixes
 * it searches (frontierSearch.ts `searchWork`), a few seconds at most. The rows grow with the book
 * (about 3-5 overlay units per condor, each a row per structure, up to
 * {@link FRONTIER_CONDORS_PER_STEP} condors) and with the largest budget, until the book's risk
 * bounds them; over it, 422 naming the paths.
 */
export const MAX_FRONTIER_SEARCH_WORK = 25_000_000;
/** The CVaR level of the frontier's risk figure. */
export const FRONTIER_CVAR_LEVEL = 0.95;
/**
 * Fewest paths in the CVaR's tail (the worst ⌈5% · down paths⌉) for the figure to mean something:
 * below it (fewer than 181 down paths) the answer warns; at 20 down paths or fewer the "CVaR" is the
 * single worst path.
 */
export const MIN_FRONTIER_TAIL_PATHS = 10;

const usd = z
  .number({ error: 'pass a budget in USD' })
  .finite({ error: 'pass a finite budget in USD' })
  .min(0, { error: statingValue('pass budgets ≥ 0 USD') })
  .max(1e9, { error: statingValue('pass budgets of at most 1,000,000,000 USD') });

/** Input of {@link frontier} and of one chunk of it. */
export const FrontierInputSchema = z
  .strictObject({
    /** The plan input: the book (condor or condors), the market and the policy. */
    plan: PlanInputSchema,
    /** Budgets in USD; default {@link DEFAULT_FRONTIER_POINTS} from 0 to the full hedge's cost (the literal overlay and tail). Sorted, repeats dropped. */
    budgets: z
      .array(usd, { error: 'pass budgets as a list of USD amounts, e.g. [0, 5000, 10000]' })
      .min(1, { error: 'pass at least one budget' })
      .max(MAX_FRONTIER_BUDGETS, { error: `pass at most ${MAX_FRONTIER_BUDGETS} budgets` })
      .optional(),
    /** Ladder points when `budgets` is not given (0 to the full hedge's cost, the literal overlay and tail, equal steps; the top rounded up to the cent). */
    points: wholeNumber(2, MAX_FRONTIER_BUDGETS, 'points').default(DEFAULT_FRONTIER_POINTS),
    /**
     * Overlay caps as shares of the budget, decimals 0-1: a point's overlay spends at most the
     * largest (1 by default: any mix) and the tail may use any of the rest; each point's `split`
     * is the smallest cap its overlay fits in, its `overlayShare` what the overlay does spend.
     */
    splits: z
      .array(
        z
          .number({ error: 'pass overlay caps as decimals 0-1 (shares of the budget)' })
          .finite()
          .min(0, { error: 'pass overlay caps ≥ 0' })
          .max(1, { error: 'pass overlay caps ≤ 1 (decimals: 0.25 = a quarter of the budget)' }),
        { error: 'pass overlay caps as a list, e.g. [0, 0.5, 1]' },
      )
      .min(1, { error: 'pass at least one overlay cap' })
      .max(11, { error: 'pass at most 11 overlay caps' })
      .default([...DEFAULT_FRONTIER_SPLITS]),
    /** Total paths of the run (every budget is scored on the same paths). */
    paths: wholeNumber(2, MAX_PATHS, 'paths').default(DEFAULT_FRONTIER_PATHS),
    /** 32-bit seed: same seed, same paths, same frontier. */
    seed: wholeNumber(0, 0xffffffff, 'seed').default(1),
    /** First path of this chunk (0-based). */
    firstPath: wholeNumber(0, MAX_PATHS, 'firstPath')
      .default(0)
      .describe('first path of this chunk (0-based), below paths'),
    /** Paths in this chunk; default the rest of the run. */
    pathCount: wholeNumber(1, MAX_PATHS, 'pathCount')
      .optional()
      .describe('paths in this chunk, with firstPath + pathCount at most paths; default the rest of the run'),
    /** Antithetic pairs (2j, 2j+1). */
    antithetic: z.boolean({ error: 'pass true or false' }).default(true),
    /** The measure of the paths: `real-world` (default: a risk figure) or `risk-neutral`. */
    measure: z
      .enum(MONTE_CARLO_MEASURES, { error: `pass measure as one of ${MONTE_CARLO_MEASURES.join(', ')}` })
      .default('real-world')
      .describe(
        "the measure of the paths: 'real-world' (default; the measure of a risk figure) or 'risk-neutral' (for pricing checks). The answer's measure says which ran",
      ),
  })
  .refine((v) => v.firstPath < v.paths, { error: 'firstPath must be below paths', path: ['firstPath'] })
  .refine((v) => v.pathCount === undefined || v.firstPath + v.pathCount <= v.paths, {
    error: 'firstPath + pathCount must not exceed paths',
    path: ['pathCount'],
  });
export type FrontierInput = z.input<typeof FrontierInputSchema>;
export type ParsedFrontierInput = z.output<typeof FrontierInputSchema>;

/**
 * The most paths one frontier call runs for a horizon of `horizonDays` days and `legs` option legs:
 * within {@link MAX_PATH_STEPS} path-steps and {@link MAX_FRONTIER_WORK} (paths × steps × legs), at
 * least 1. The bound {@link checkFrontierWork} names.
 */
export function mostFrontierPaths(horizonDays: number, legs: number): number {
  return Math.max(
    1,
    Math.min(Math.floor(MAX_PATH_STEPS / horizonDays), Math.floor(MAX_FRONTIER_WORK / (horizonDays * legs))),
  );
}

/**
 * How a host sends a frontier's chunks, for the fix of a call over the work limit to be one that
 * works there: `chunkPaths`, the most paths whose per-path arrays one answer carries (the chunks
 * merge from those arrays), and `chunkAsk`, how a call asks for them (`?partial=true`). None: a
 * library caller, which runs `runFrontierChunk` itself.
 */
export interface FrontierChunkLimits {
  chunkPaths?: number;
  chunkAsk?: string;
}

/**
 * Work limits of one frontier call: paths, horizon and path-steps as the Monte Carlo's, and
 * paths × steps × legs ≤ {@link MAX_FRONTIER_WORK}, whatever the number of budgets. Throws
 * `limit_exceeded` naming the fix; `expiryField` names the last condor's expiry
 * (`plan.condors[1].expiry` in a ladder). `chunk` is how the caller's host sends chunks
 * ({@link FrontierChunkLimits}): the fix suggests no more paths than one answer carries and says how
 * to ask for the arrays. `field` is the count the caller sent, as the Monte Carlo names it:
 * `pathCount`, or `paths` for a call without one.
 */
export function checkFrontierWork(
  paths: number,
  pathCount: number,
  horizonDays: number,
  legs: number,
  expiryField = 'plan.condor.expiry',
  chunk: FrontierChunkLimits = {},
  field: 'paths' | 'pathCount' = 'pathCount',
): void {
  if (paths > MAX_PATHS) {
    throw limitExceeded(
      'paths',
      `is ${grouped(paths)}, over the limit of ${grouped(MAX_PATHS)} paths`,
      `run at most ${grouped(MAX_PATHS)} paths`,
    );
  }
  if (horizonDays > MAX_HORIZON_DAYS) {
    throw limitExceeded(
      expiryField,
      `is ${horizonDays} days away, over the limit of ${MAX_HORIZON_DAYS} days`,
      `pass condors expiring within ${MAX_HORIZON_DAYS} days`,
    );
  }
  const steps = pathCount * horizonDays > MAX_PATH_STEPS;
  if (steps || pathCount * horizonDays * legs > MAX_FRONTIER_WORK) {
    // Name the limit the call passes (the path-steps first: it binds whatever the legs).
    const over = steps
      ? `${grouped(pathCount)} paths × ${horizonDays} days = ${grouped(pathCount * horizonDays)} path-steps, over the limit of ${grouped(MAX_PATH_STEPS)} per call`
      : `${grouped(pathCount)} paths × ${horizonDays} days × ${legs} legs = ${grouped(pathCount * horizonDays * legs)}, over the limit of ${grouped(MAX_FRONTIER_WORK)} per call`;
    throw limitExceeded(
      field,
      over,
      `chunk the run: at most ${grouped(Math.min(mostFrontierPaths(horizonDays, legs), chunk.chunkPaths ?? Infinity))} paths per call (firstPath, pathCount)${chunk.chunkAsk === undefined ? '' : ` ${chunk.chunkAsk}`}, then merge the chunks with mergeFrontier`,
    );
  }
}

/**
 * About how many paths a search fits, from the `work` of one on `pathCount` paths: the work is in
 * proportion to the paths (to their down paths, a share of them), so 90% of the paths at the limit,
 * rounded down to a hundred (at least 2). The margin covers the share of down paths, which differs
 * from one set of paths to another.
 */
export function searchPathsFit(pathCount: number, work: number): number {
  return Math.max(2, Math.floor((0.9 * pathCount * MAX_FRONTIER_SEARCH_WORK) / work / 100) * 100);
}

/**
 * The search limit: throws `limit_exceeded` when `work` (down paths × bisection steps of `rows` rows)
 * is over {@link MAX_FRONTIER_SEARCH_WORK}, naming `paths` (a whole run) or `pathCount` (a chunk's
 * summary) and about how many paths fit ({@link searchPathsFit}).
 */
export function checkFrontierSearch(work: number, rows: number, run: { paths: number; pathCount: number }): void {
  if (work <= MAX_FRONTIER_SEARCH_WORK) return;
  const most = searchPathsFit(run.pathCount, work);
  throw limitExceeded(
    run.pathCount === run.paths ? 'paths' : 'pathCount',
    `is ${grouped(run.pathCount)}: the search of ${grouped(rows)} rows of mixes would take ${Math.round(work / 1e6)}M steps, over the limit of ${MAX_FRONTIER_SEARCH_WORK / 1e6}M`,
    `pass at most about ${grouped(most)} paths, or fewer condors or a smaller largest budget`,
  );
}

/** One priced position whose per-unit P&L the paths record. */
export interface FrontierComponent {
  /** `overlay` (one unit of the plan's overlay), a tail structure, or `plan` (the plan's own hedges as sized). */
  name: 'overlay' | 'plan' | TailStructure;
  description: string;
  /** USD per unit today (model mark). */
  premium: number;
  /**
   * Value in the drawdown scenario − premium − the opening fees (policy.transactionCostPerContract
   * per contract, paid beyond the premium), USD per unit.
   */
  gain: number;
  /** The same in each historical analog (net of the fees too), HISTORICAL_ANALOGS order. */
  analogGains: number[];
  /** Option legs of one unit. */
  legs: number;
}

/** What every chunk of one frontier shares: the ladder, the components and the scenario figures. */
export interface FrontierFrame {
  valuationDate: string;
  /** The budgets, USD, ascending. */
  budgets: number[];
  /** Overlay caps (shares of the budget) of each point: the largest caps the overlay. */
  splits: number[];
  /** What the literal rule's tail (policy.tailCoverage × the drawdown loss in VIX calls) costs, USD. */
  literalTailCost: number;
  /** The book's loss in the drawdown scenario, unhedged, USD. */
  loss: number;
  /** The condors' max loss, USD. */
  maxLoss: number;
  /** Each historical analog: the unhedged book's loss there, USD. */
  analogs: { date: string; label: string; loss: number }[];
  /** [overlay, option structures..., plan] in this order. */
  components: FrontierComponent[];
  /** The plan as sized: overlay units and tail contracts (one unit of the `plan` component). */
  plan: { overlayUnits: number; tailContracts: number; cost: number };
  /** The literal rule, uncapped: the overlay's and the tail's required sizes and their cost. */
  rule: { overlayUnits: number; tailContracts: number; cost: number };
  /** The step of the unit counts searched ({@link frontierUnitStep} of the book's condors). */
  unitStep: number;
  /** What the run does not follow of its plan input (its legs held), said first among the warnings; absent when nothing. */
  inputNotes?: string[];
}

/** One chunk of a frontier run: per-path P&L in path order. */
export interface FrontierPartial {
  seed: number;
  paths: number;
  firstPath: number;
  pathCount: number;
  horizonDays: number;
  antithetic: boolean;
  measure: MonteCarloMeasure;
  /** The dynamics of the paths. */
  dynamics: MonteCarloDynamics;
  /** SPX and VIX at t = 0, points. */
  spot0: number;
  vix0: number;
  frame: FrontierFrame;
  /** SPX at the horizon per path, points. */
  spxEnd: Float64Array;
  /** P&L of the unhedged condors per path, USD. */
  condor: Float64Array;
  /** P&L of ONE unit of each component per path (after its opening transaction costs), USD; frame order. */
  hedges: Float64Array[];
}

/**
 * Condors per step of the units a frontier searches: up to this many, every whole unit. The exact
 * search tries a number of mixes that grows with the book (about 10 rows of overlay units per
 * condor on the default ladder); at 1,000 condors one frontier took 6-40 s on 2,000 paths and at
 * 10,000 it exhausted its memory. A larger book is searched on units in steps of
 * ⌈condors / 100⌉, exact on that grid: the frontier of k times a book is k times its frontier.
 */
export const FRONTIER_CONDORS_PER_STEP = 100;

/** The step of the units a frontier of `condors` condors searches (see {@link FRONTIER_CONDORS_PER_STEP}). */
export function frontierUnitStep(condors: number): number {
  return Math.max(1, Math.ceil(condors / FRONTIER_CONDORS_PER_STEP));
}
