/**
 * The Monte Carlo's setup, chunk result and summary types, and its cancellation error.
 */
import { CancelledError } from '../errors';
import type { Policy } from '../schemas/policy';
import type { ModelStart, MonteCarloDynamics, MonteCarloMeasure } from '../schemas/scenario';
import type { VixClose } from './model/logVixFilter';
import type { ScenarioBook } from './scenarioBook';
import type { BodyHistogram, DistributionStats, Histogram } from './statistics';

/** Paths between progress reports and cancellation checks. */
export const PROGRESS_EVERY = 1024;

/** Thrown by `runMonteCarloChunk` when `shouldCancel` returns true: a {@link CancelledError} with the paths done. */
export class MonteCarloCancelled extends CancelledError {
  override readonly name: string = 'MonteCarloCancelled';
  constructor(readonly pathsDone: number) {
    super('paths', `Monte Carlo cancelled after ${pathsDone} paths`);
  }
}

export type { ModelStart, MonteCarloDynamics, MonteCarloMeasure } from '../schemas/scenario';

/** Parameters of the `sqrt-legacy` dynamics the user may set; the rest come from the book and the policy. */
export interface ModelParams {
  /** Square-root diffusion coefficient ξ; default volOfVol·√VIX₀ (VIX's instantaneous vol today = volOfVol). */
  xi?: number;
  /** Jumps per year (default 1). */
  jumpIntensity: number;
  /** Mean VIX up-jump, points (default 8). */
  jumpMeanVix: number;
  /** SPX log drop per VIX point of jump (default 1/150: 1% SPX per 1.5 VIX points, the policy's stressVixPerPct). */
  spxJumpPerVixPoint: number;
}

export interface RunSpec {
  /** Total paths of the run (the chunk is [firstPath, firstPath + pathCount)). */
  paths: number;
  /** 32-bit seed. */
  seed: number;
  firstPath: number;
  pathCount: number;
  /** Horizon in calendar days (steps). */
  horizonDays: number;
  /** Pair paths (2j, 2j+1) with negated diffusion shocks. */
  antithetic: boolean;
  /** Apply the rebalancing policy (tail resizing); false keeps the book fixed. */
  rebalance: boolean;
  /** The measure of the paths (the square-root dynamics: always risk-neutral). */
  measure: MonteCarloMeasure;
  /** The VIX/SPX dynamics. */
  dynamics: MonteCarloDynamics;
  /**
   * VIX closes up to the valuation date (the last is the book's VIX on it), from which the calibrated
   * model filters its starting factors (two at least); absent, they start at their expectation
   * given the VIX.
   */
  vixHistory?: readonly VixClose[];
}

/** Everything a chunk needs, validated. */
export interface MonteCarloSetup {
  book: ScenarioBook;
  policy: Policy;
  model: ModelParams;
  run: RunSpec;
  /**
   * What the input asked for that the paths do not follow, one sentence each (a plan input's
   * `positions` or `lastRebalance`: the paths run the plan's book at today's sizing); carried by
   * every chunk's partial into the summary's `notes`. Not part of the run key: the paths are the same.
   */
  inputNotes?: readonly string[];
}

/** The result of a chunk: per-path figures in path order, plus what the summary needs. */
export interface MonteCarloPartial {
  seed: number;
  paths: number;
  firstPath: number;
  pathCount: number;
  horizonDays: number;
  antithetic: boolean;
  /** The measure and dynamics of the paths (chunks of one run share them). */
  measure: MonteCarloMeasure;
  dynamics: MonteCarloDynamics;
  /** Where the model's state started: filtered from a VIX history, or from today's VIX alone. */
  modelStart: ModelStart;
  /**
   * The run's fingerprint, 16 hex digits, of every input but the chunk's own paths (book, market,
   * surfaces, policy, model, seed, paths, horizon, rebalance...), so chunks of different runs do
   * not merge (see {@link runKeyOf}). It is two 32-bit hashes of those inputs' JSON, 8 hex digits
   * each: an FNV-1a, and an FNV-1a with another offset basis whose state is mixed further after
   * each character (xorshift by 15, multiply by 0x2c1b3c6d). It is not a 64-bit FNV-1a.
   */
  runKey: string;
  /** SPX at t = 0, points (the base of the SPX return at the horizon). */
  spot0: number;
  /** VIX at t = 0, points (the starting bucket of the summary's `modelNotes`). */
  vix0: number;
  /**
   * Condor max loss, USD (positive): a plan's `ladder.maxLoss` (every condor of a ladder at its
   * worst at its own expiry), a book's from its legs the same way.
   */
  condorMaxLoss: number;
  /** Net debit paid for the hedges at t = 0 (overlay + tail value), USD. */
  hedgeDebit: number;
  /** Tail contracts at t = 0. */
  tailContracts0: number;
  /**
   * What the run's input asked for that its paths do not follow, one sentence each, first in the
   * summary's `notes` (a plan input's `positions` or `lastRebalance`: the paths run the plan's book
   * at today's sizing); absent when there is none. Chunks of one run carry the same.
   */
  inputNotes?: string[];
  /** P&L of the unhedged condor per path, USD. */
  condor: Float64Array;
  /** P&L of the ALVH book (condor + overlay + tail, after transaction costs) per path, USD. */
  book: Float64Array;
  /** Transaction costs per path, USD. */
  costs: Float64Array;
  /** Rebalances taken per path. */
  rebalances: Uint16Array;
  /** Tail contracts held at the horizon per path, or at the tail's expiry when it settles first (the last calls held). */
  tailContracts: Float64Array;
  /** SPX and VIX (floored, as priced) at the horizon per path, points. */
  spxEnd: Float64Array;
  vixEnd: Float64Array;
  /** The highest VIX of each path's days, points (the summary's note on paths beyond history). */
  vixMax: Float64Array;
  /**
   * Net premium put into the tail after t = 0 per path, USD: what the rebalances paid for calls
   * less what they got for calls sold before the horizon (negative when sales brought in more).
   */
  tailOutlay: Float64Array;
}

/** Percentiles reported for the market at the horizon. */
export const MARKET_PERCENTILES = [1, 5, 25, 50, 75, 95, 99] as const;
/** VIX levels whose exceedance the summary reports. */
export const VIX_THRESHOLDS = [20, 30, 40, 50] as const;

/** The per-path arrays of a partial result, one value per path of the chunk. */
export const PATH_ARRAYS = [
  'condor',
  'book',
  'costs',
  'rebalances',
  'tailContracts',
  'spxEnd',
  'vixEnd',
  'vixMax',
  'tailOutlay',
] as const satisfies readonly (keyof MonteCarloPartial)[];

/** The market at the horizon, over every path: what the risk figures rest on. */
export interface MarketAtHorizon {
  /** VIX at the horizon (points), type-7 percentiles keyed `p1`, `p5`, `p25`, `p50`, `p75`, `p95`, `p99`. */
  vix: Record<string, number>;
  /** SPX simple return from t = 0 to the horizon (decimal: −0.1 = down 10%), same percentiles. */
  spxReturn: Record<string, number>;
  /** Share of paths with VIX above 20, 30, 40 and 50 at the horizon, keyed `'20'`... (decimal). */
  vixAbove: Record<string, number>;
}

/** Summary of a (merged) run. */
export interface MonteCarloSummary {
  /**
   * The paths summarised: the partial's `pathCount` (a chunk's own count, the whole run once every
   * chunk is merged), not the run size that `paths` means in the input and in a partial.
   */
  paths: number;
  seed: number;
  firstPath: number;
  horizonDays: number;
  antithetic: boolean;
  /** The measure every figure below is in: `real-world` for risk figures, `risk-neutral` for pricing checks. */
  measure: MonteCarloMeasure;
  /** The dynamics that drew the paths. */
  dynamics: MonteCarloDynamics;
  /**
   * Where the model's state started: `vix-history` (the calibrated factors filtered from the
   * request's VIX closes) or `vix-only` (from today's VIX alone; for the calibrated model, its
   * factors at their expectation given the VIX, which reads a spike out of calm as more persistent
   * than the history would).
   */
  modelStart: ModelStart;
  /**
   * The calibrated model's known biases from this run's starting VIX (real-world measure only):
   * the out-of-sample targets it missed from that VIX bucket beyond history's own noise, one
   * sentence each (docs/calibration.md); empty when there are none and for the square-root
   * dynamics. In the risk-neutral measure, one sentence on what its figures are (the paths match the
   * forwards, not option prices).
   */
  modelNotes: string[];
  /** VIX and SPX at the horizon: percentiles and P(VIX above a level). */
  market: MarketAtHorizon;
  condor: DistributionStats;
  alvh: DistributionStats;
  /** Shared-bin histogram over the full range: counts[0] the condor, counts[1] the ALVH book. */
  histogram: Histogram;
  /**
   * The body of both books' P&L on shared bins (the 0.5th-99.5th percentile of both pooled), with
   * the paths beyond counted, not binned: the histogram the taskpane draws. counts[0] / below[0] /
   * above[0] the condor, [1] the ALVH book.
   */
  bodyHistogram: BodyHistogram;
  condorMaxLoss: number;
  /**
   * What the hedges cost, USD: the net debit at t = 0, plus the mean net premium the rebalances
   * put into the tail along the paths (`meanTailOutlay`), plus the mean transaction costs.
   */
  hedgeCost: number;
  hedgeDebit: number;
  /** Mean over the paths of the net premium put into the tail after t = 0 (purchases less sales), USD. */
  meanTailOutlay: number;
  /**
   * Mean over the paths of the hedges' transaction costs, USD: `policy.transactionCostPerContract`
   * for each contract traded, the overlay and tail opened at t = 0 and every rebalance's trades.
   */
  meanTransactionCosts: number;
  /** Mean P&L given up by hedging: mean(condor) − mean(ALVH), USD. */
  hedgeCarry: number;
  /**
   * Standard error of `hedgeCarry`, USD: of the mean of each path's condor − ALVH P&L, over
   * antithetic pairs when paired; null under two samples.
   */
  hedgeCarryStdError: number | null;
  /**
   * Rebalances per path, mean and the largest: the days a trigger fired and the tail was re-sized,
   * whether or not the size changed (a budget of 0 fires them and trades nothing).
   */
  rebalancesMean: number;
  rebalancesMax: number;
  /** VIX calls the tail holds at t = 0 (contracts). */
  tailContractsStart: number;
  /** Mean over the paths of the VIX calls held at the horizon, or at the tail's expiry when it settles first (contracts). */
  tailContractsEndMean: number;
  /**
   * (CVaR95 condor − CVaR95 ALVH) / hedgeCost; null whenever hedgeCost ≤ 0 (hedges that cost
   * nothing, and hedges that bring in a net credit: a t = 0 credit larger than the mean costs), and
   * when no net premium is paid (hedgeDebit + meanTailOutlay ≤ 0): the cost would be commissions
   * alone. Counting the later purchases keeps a cheap opening tail that the rebalances grow from
   * reading as thousands of dollars saved per dollar. When null, a note says why and states the
   * CVaR 95 change instead.
   */
  hedgeEffectiveness: number | null;
  /**
   * Standard error of `hedgeEffectiveness`: the CVaR 95 difference (condor against the book on the
   * same paths) over `hedgeCost`, each with its error, the cost a mean over the paths with its own
   * (the net premium the rebalances spend), taken together by the delta method over antithetic
   * pairs when paired. The figure moves from seed to seed by about this much: on
   * docs/examples/plan.json, 2.40 ± 0.31 at 20,000 paths with seed 1 and 1.69-2.59 with seeds 2-9
   * (errors 0.30 on average against a standard deviation of 0.26 over seeds 1-9); at 4,000 paths
   * 0.69 on average against a spread of 0.61 over seeds 1-200
   * (`npx tsx scripts/hedgeEffectiveness.ts --noise`; docs/scenarios.md).
   * Null whenever `hedgeEffectiveness` is null, and when the sample cannot give the error (a worst
   * 5% of fewer than two paths).
   */
  hedgeEffectivenessStdError: number | null;
  /**
   * What the figures above say that a reader could miss, one sentence each: first what the input
   * asked for that the paths do not follow (a plan input's `positions` or `lastRebalance`: the paths
   * run the plan's book at today's sizing, the rebalance clock from day 0), then hedges that raise the
   * book's CVaR 95 instead of lowering it, a tail that rebalancing grows several-fold, a null hedge
   * effectiveness and why, square-root paths ending at the VIX floor. Empty when nothing stands out.
   */
  notes: string[];
}
