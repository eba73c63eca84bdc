/**
 * `@alvh/shared/schemas`: the zod schemas of every input (plan, policy, scenarios, replay), their
 * limits, and `parseInput`, which turns zod issues into one InputValidationError naming each field
 * and its fix.
 */
export {
  // Public: the field schemas with the package's messages, for a caller composing its own input
  // schema (the tests build one).
  finiteNumber,
  fraction,
  isoDate,
  nonNegativeNumber,
  optionType,
  positiveNumber,
  rate,
  volatility,
} from './common';
export {
  InputValidationError,
  parseInput,
  // Public: the hosts print an issue's path the way parseInput does (the taskpane's field messages).
  formatPath,
  type InputIssue,
} from './parse';
export {
  DEFAULT_EPISODES,
  MAX_REPLAY_EPISODES,
  MAX_REPLAY_ROWS,
  MAX_REPLAY_ROW_LEGS,
  REPLAY_LEGS_PER_CONDOR,
  checkReplayWork,
  replayLegCount,
  replayedRowCount,
  MarketRowSchema,
  ReplayAssumptionsSchema,
  ReplayEpisodeSchema,
  ReplayInputSchema,
  type MarketRowInput,
  type ReplayAssumptions,
  type ReplayEpisode,
  type ReplayInput,
  type ReplayParsedInput,
} from './replay';
export {
  MAX_CONTRACTS,
  MAX_FUTURES,
  MAX_SIGNAL_POINTS,
  CondorSchema,
  CondorLadderSchema,
  MAX_LADDER_CONDORS,
  FuturesQuoteSchema,
  LastRebalanceSchema,
  LegSchema,
  MarketEventSchema,
  MarketSnapshotSchema,
  PlanInputSchema,
  SurfaceDataSchema,
  PortfolioSchema,
  SignalsSchema,
  type ParsedPlanInput,
  type PlanInput,
} from './plan';
export {
  MAX_GRID_CELLS,
  MAX_GRID_LEG_CELLS,
  MAX_HORIZON_DAYS,
  MAX_LAYER_LEGS,
  MAX_PATHS,
  MAX_PATH_STEPS,
  MAX_PATH_STEP_LEGS,
  MAX_POOLED_PATH_STEPS,
  MAX_POOLED_PATH_STEP_LEGS,
  POOLED_MONTE_CARLO_LIMITS,
  MAX_VIX_HISTORY,
  MODEL_STARTS,
  ModelParamsSchema,
  MonteCarloInputSchema,
  MonteCarloPartialSchema,
  ScenarioBookInputSchema,
  ScenarioLegSchema,
  StressGridInputSchema,
  checkMonteCarloLimits,
  checkPathsLimit,
  checkRequestedPaths,
  checkMonteCarloWork,
  checkStressLimits,
  checkStressWork,
  scenarioLegCount,
  VIX_HISTORY_STALE_DAYS,
  type ModelParamsInput,
  type ModelStart,
  type MonteCarloInput,
  type MonteCarloWorkLimits,
  type ScenarioBookInput,
  type StressGridInput,
} from './scenario';
export { DEFAULT_SKEW, SkewParamsSchema, type SkewParams } from './skew';
export {
  DEFAULT_POLICY,
  DEFAULT_SHOCK_KAPPA,
  POLICY_FIELDS,
  PolicySchema,
  SplitKnotSchema,
  resolvePolicy,
  type OverlayStructure,
  type Policy,
  type PolicyOverrides,
  type VolOfVolSeries,
} from './policy';
