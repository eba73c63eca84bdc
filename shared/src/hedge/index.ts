/**
 * `@alvh/shared/hedge`: held positions (broker symbols, CSV rows), orders from a target book, and
 * the tail structures of ALVH-METHOD section 10 with their scores.
 */
export {
  VIX_LISTED_STRIKE_STEP,
  parseOptionSymbol,
  parsePositionRows,
  parsePositionsCsv,
  type HeldPosition,
  type ParsedSymbol,
  type PositionRules,
} from './positions';
export { sheetError } from './positionsColumns';
export {
  checkLegRoot,
  contractKey,
  legsWithRoots,
  limitOnTick,
  markFromState,
  optionTick,
  ordersFromBook,
  quoteFromChain,
  quotesAwayFromSpx,
  QUOTE_SPX_TOLERANCE,
  quoteOrders,
  VIX_PENNY_TICKS_FROM,
  type ChainQuoteRow,
  type ListedRoot,
  type Order,
  type OrderInput,
  type OrderList,
  type Quote,
  type TargetLeg,
} from './orders';
export {
  TAIL_STRUCTURES,
  VX_FUTURE_MULTIPLIER,
  StructureInputSchema,
  bestWithinBudget,
  compareInContext,
  compareTailStructures,
  costsToCover,
  defaultMarker,
  futureCarry,
  futureCapitalAtRisk,
  futureImpliedVol,
  hedgeContext,
  hedgeContextFrom,
  priceStructure,
  scoreStructure,
  sizeStructure,
  structureTargetLegs,
  unitsWithinBudget,
  type AnalogContext,
  type BudgetChoice,
  type CoverCost,
  type HedgeContext,
  type HedgeContextParts,
  type LegMarker,
  type StructureComparison,
  type StructureInput,
  type StructureScore,
  type StructureSize,
  type StructureUnit,
  type TailStructure,
} from './structures';
export {
  StructureParamsSchema,
  type StructureParams,
  HeldLegSchema,
  OrderBooksSchema,
  MAX_POSITIONS_TEXT,
  MAX_POSITION_ROWS,
  PositionsInputSchema,
  TargetLegSchema,
  TOO_LONG_POSITIONS,
  TOO_MANY_POSITION_ROWS,
  readPositions,
  type PositionsInput,
} from './schemas';
export {
  DEFAULT_FRONTIER_PATHS,
  DEFAULT_FRONTIER_POINTS,
  DEFAULT_FRONTIER_SPLITS,
  FRONTIER_CVAR_LEVEL,
  FrontierInputSchema,
  FRONTIER_CONDORS_PER_STEP,
  MAX_FRONTIER_BUDGETS,
  MAX_FRONTIER_WORK,
  MAX_FRONTIER_SEARCH_WORK,
  checkFrontierSearch,
  searchPathsFit,
  MIN_FRONTIER_TAIL_PATHS,
  checkFrontierWork,
  frontierUnitStep,
  mostFrontierPaths,
  type FrontierChunkLimits,
  type FrontierComponent,
  type FrontierFrame,
  type FrontierInput,
  type FrontierPartial,
  type ParsedFrontierInput,
} from './frontierTypes';
export type {
  FrontierMarker,
  FrontierMatch,
  FrontierPoint,
  FrontierResult,
  FrontierStructureScore,
} from './frontierResult';
export { NOISE_STD_ERRORS } from './frontierErrors';
export { frontierSetup, type FrontierSetup } from './frontierSetup';
export {
  FRONTIER_PILOT_PATHS,
  frontierPathLimit,
  frontierSetupPathLimit,
  type FrontierPathLimit,
} from './frontierLimit';
export { frontierSearchWork } from './frontierSearch';
export { mergeFrontier, runFrontierChunk, runFrontierSetup, type FrontierRunOptions } from './frontierPaths';
export { DOWN_DEFINITION, frontier, mergeAndSummarizeFrontier, summarizeFrontier } from './frontier';
export { frontierWords, matchNoise, mixWords, overHedgeWarnings, planGapWords } from './frontierWords';
