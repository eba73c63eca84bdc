/**
 * The budget frontier's answer (ALVH-METHOD section 10): its points, the marked books and the
 * structures scored, every CVaR 95 on down paths with its standard error on the same paths.
 */
import type { MonteCarloMeasure } from '../schemas/scenario';
import type { FrontierComponent } from './frontierTypes';
import type { TailStructure } from './structurePricing';

/** One point of the frontier. */
export interface FrontierPoint {
  /** The budget, USD. */
  budget: number;
  /** The tail structure bought (null: no tail unit). */
  structure: TailStructure | null;
  /**
   * A label, not the mix's division of the budget: the smallest overlay cap of `splits` (decimal,
   * a share of the budget) that admits this mix's overlay units (units · premium ≤ share · budget).
   * The search only caps the overlay at the largest share; the tail may use any of the rest, so
   * 0.75 need not mean 75/25. The overlay's actual share is `overlayShare`.
   */
  split: number;
  /**
   * What the mix's overlay units cost (premium at model marks, before fees) as a share of the
   * budget, decimal; null at a budget of 0. The tail's premium is `cost` less the overlay's.
   */
  overlayShare: number | null;
  tailUnits: number;
  overlayUnits: number;
  /**
   * The mix's premium at model marks, USD (≤ budget); the opening fees (policy.transactionCostPerContract
   * per contract) are paid beyond it, in the P&L the figures are of, not counted against the budget.
   */
  cost: number;
  /** CVaR 95 of the book's P&L on the paths where SPX ends below its start, USD (a loss is positive). */
  cvar95Down: number;
  /**
   * Standard error of the CVaR the mix saves (unhedged.cvar95Down − cvar95Down), the two books on
   * the same paths, over antithetic pairs (frontierErrors.ts): how far the saving moves from one
   * seed to another, often less than either CVaR's own error (not always). 0 for no hedge; null
   * when the CVaR's tail holds fewer than 2 paths.
   */
  cvarSavedStdError: number | null;
  /** The book's loss in the drawdown scenario, USD (negative: a gain). */
  drawdownLoss: number;
  /** The book's largest loss over the historical analogs, USD. */
  worstAnalogLoss: number;
}

/** A marked point (the plan as sized, the literal rule uncapped) on the same paths. */
export interface FrontierMarker {
  cost: number;
  overlayUnits: number;
  tailContracts: number;
  cvar95Down: number;
  /** As a point's: the standard error of unhedged.cvar95Down − cvar95Down on the same paths. */
  cvarSavedStdError: number | null;
  drawdownLoss: number;
  worstAnalogLoss: number;
  /**
   * The cheapest mix of the frontier's kind (whole overlay units and whole units of one structure,
   * the overlay within the largest share of `splits`, at most the largest budget) that leaves no
   * more CVaR on these paths, if any: what the same protection costs at best. `budget` is the least
   * budget that allows it, which need not be one of the ladder's; `split` the smallest overlay cap
   * of `splits` that admits it at that budget, as a point's.
   */
  matchedBy: FrontierMatch | null;
}

/** The cheapest mix that leaves no more CVaR than a marked book (its `matchedBy`). */
export interface FrontierMatch {
  budget: number;
  structure: TailStructure | null;
  split: number;
  cost: number;
  overlayUnits: number;
  tailUnits: number;
  cvar95Down: number;
  /**
   * Standard error of the marked book's cvar95Down less this mix's (the gap, ≥ 0) on the same
   * paths, over antithetic pairs; null when the tail holds fewer than 2 paths.
   */
  gapStdError: number | null;
  /**
   * True when the gap is under 2 standard errors (or none can be read): the two cannot be told
   * apart on these paths, and other paths could rank them either way (either could be lower).
   * False when the gap is larger, or 0 with no error (the same book).
   */
  withinNoise: boolean;
}

/** The budget frontier. */
export interface FrontierResult {
  valuationDate: string;
  /**
   * The run size, as in the input: not the paths this answer scores, which are `pathCount` from
   * `firstPath` (unlike the Monte Carlo summary, whose `paths` counts the paths summarised).
   */
  paths: number;
  seed: number;
  firstPath: number;
  pathCount: number;
  horizonDays: number;
  /**
   * The measure of the path figures (every CVaR 95 and the count of down paths): `real-world` for risk figures,
   * `risk-neutral` for pricing checks. The fixed-scenario figures (`loss`, `drawdownLoss`,
   * `worstAnalogLoss`, the components' gains) are revaluations in the drawdown scenario and the
   * analogs, the same in either measure.
   */
  measure: MonteCarloMeasure;
  /**
   * The calibrated model's known biases from the run's starting VIX (real-world measure only; see
   * MonteCarloSummary.modelNotes): one sentence each, empty when there are none.
   */
  modelNotes: string[];
  /** What "SPX falls" means here. */
  downDefinition: string;
  /** Paths where SPX falls. */
  downPaths: number;
  /**
   * The step of the overlay and structure units searched: 1 (every whole unit) for a book of up to
   * {@link FRONTIER_CONDORS_PER_STEP} condors, one more per that many condors after (a book of
   * 1,000 condors is searched in steps of 10 units), so the search's work does not grow with the book.
   */
  unitStep: number;
  /**
   * What limits the answer, one sentence each (empty when nothing does): too few down paths for
   * a CVaR 95 (its tail under {@link MIN_FRONTIER_TAIL_PATHS} paths); the plan's or the literal
   * rule's hedges raising the CVaR 95 on down paths above the unhedged book's by more than 2
   * standard errors of the difference.
   */
  warnings: string[];
  literalTailCost: number;
  loss: number;
  maxLoss: number;
  /**
   * The condors alone on the same paths; `cvar95DownStdError` the standard error of their CVaR 95
   * on down paths alone (over antithetic pairs; null when its tail holds fewer than 2 paths).
   */
  unhedged: { cvar95Down: number; cvar95DownStdError: number | null; drawdownLoss: number; worstAnalogLoss: number };
  points: FrontierPoint[];
  /** The plan as the method sizes it (within its caps). */
  plan: FrontierMarker;
  /** The literal rule uncapped: the overlay's required units and the tail's required contracts. */
  rule: FrontierMarker;
  /** The components priced: premium and scenario gain per unit. */
  components: FrontierComponent[];
  /**
   * Each option structure scored on these paths (ALVH-METHOD section 10): the literal tail's cost
   * spent on whole units of it alone (no overlay), and the CVaR 95 on down paths that buys.
   */
  structures: FrontierStructureScore[];
}

/** One tail structure's Monte Carlo score: downside CVaR saved per dollar of premium. */
export interface FrontierStructureScore {
  structure: TailStructure;
  /** Whole units the literal tail's cost buys: floor(literalTailCost / premium), at most 100,000 (one leg's limit). */
  units: number;
  /** Their premium, USD. */
  cost: number;
  /** CVaR 95 of the book with them, on down paths, USD (a loss, positive). */
  cvar95Down: number;
  /** Unhedged CVaR 95 on down paths − cvar95Down, USD. */
  cvarSaved: number;
  /** Standard error of `cvarSaved`, the two books on the same paths (as a point's `cvarSavedStdError`). */
  cvarSavedStdError: number | null;
  /** cvarSaved / cost; null when no whole unit fits. */
  cvarSavedPerDollar: number | null;
}
