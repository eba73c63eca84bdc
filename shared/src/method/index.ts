/**
 * `@alvh/shared/method`: the ALVH method (ALVH-METHOD sections 1-8), each rule one function, and
 * `plan`, which composes them. The unchecked kernels the scenario engines call in their hot loops
 * (stressed VIX, shocked future, scenario loss) and the audit's number format stay inside the package.
 */
export type { AuditEntry } from './audit';
export {
  RSI_TOLERANCE,
  computeSplit,
  interpolateKnots,
  splitFromFutures,
  type SplitFromFuturesInput,
  type SplitInput,
  type SplitResult,
} from './split';
export {
  condorAnalytics,
  condorInputOf,
  type BookCondor,
  condorStrikesAtSd,
  probabilityBelow,
  type CondorAnalytics,
  type CondorInput,
  type CondorStrikes,
} from './condor';
export { overlayBackExpiry, overlayRoundsToNone, sizeOverlay, type OverlayInput, type OverlaySizing } from './overlay';
export {
  coverageContracts,
  priceTailCall,
  resolveTailSizeInput,
  selectTailExpiry,
  sizeTailHedge,
  // Public: the unchecked tail sizing for a caller's own loop over inputs it validated once (the
  // Monte Carlo's); the tests hold it equal to sizeTailHedge.
  sizeTailHedgeKernel,
  tailSizeInputFor,
  tailStrike,
  type TailCallPricing,
  type TailPolicy,
  type TailSizeArgs,
  type TailSizeInput,
  type TailSizeResult,
  type TailSizingMarket,
} from './tailSize';
export { checkHeldAgainstMarket } from './planHeld';
export { overlayRiskBeyondDebit } from './planBudget';
export { drawdownState, scenarioLoss, stressedFuture, stressedVix, type StressVixPolicy } from './stress';
export {
  capitalCap,
  putCalendarCarryRisk,
  cutToBudget,
  hedgeBudget,
  hedgeCostRate,
  returnOnRisk,
  type BudgetInput,
  type CapitalCap,
  type CapitalCapInput,
  type CutResult,
  type HedgeBudget,
} from './caps';
export {
  checkRebalance,
  curveShiftTriggerFires,
  SHIFT_TOLERANCE,
  daysTriggerFires,
  type RebalanceStatus,
  type RebalanceTrigger,
} from './rebalance';
export { HISTORICAL_ANALOGS, type HistoricalAnalog } from './analogs';
export { plan, planMarketState } from './plan';
export { planWithQuotes } from './planQuotes';
export { marketSurface, type MarketSurfaceInput } from './planCurve';
export { INDEX_VIX_FACTOR } from '../surface/indexPlausibility';
export {
  FORWARD_GAP,
  MAX_VIX_CHAIN_EXPIRIES,
  marketVixSurface,
  type MarketVixInput,
  type MarketVixSurface,
} from './planVixChain';
export { SPX_STRIKE_STEP } from './planSizing';
export type * from './planTypes';
export { CAMPAIGN_FIX } from './planTailSales';
