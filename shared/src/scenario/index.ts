/**
 * `@alvh/shared/scenario`: the joint SPX/VIX dynamics, the Monte Carlo (setup, chunks, merge,
 * summary), the stress grid and the calibrated log-VIX model's public names. The counter-based
 * generator's block functions and the path pricer's compiled legs stay inside.
 */
export { PathDraws } from './philox';
export {
  DAY,
  VIX_FLOOR,
  JointPath,
  expectedVix,
  resolveDynamics,
  type Dynamics,
  type DynamicsParams,
} from './dynamics';
export {
  BODY_TAIL,
  HISTOGRAM_BINS,
  PERCENTILES,
  bodyHistogram,
  describeDistribution,
  histogram,
  kthOfTwo,
  pooledQuantile,
  quantileSorted,
  type BodyHistogram,
  type DistributionStats,
  type Histogram,
} from './statistics';
export {
  MARKET_PERCENTILES,
  MonteCarloCancelled,
  PROGRESS_EVERY,
  VIX_THRESHOLDS,
  checkedMonteCarloRequest,
  chunkOfSetup,
  curveByDays,
  condorHorizonDays,
  mergeMonteCarlo,
  monteCarloSetup,
  runMonteCarloChunk,
  reviveMonteCarloPartial,
  runMonteCarloSetup,
  summarizeMonteCarlo,
  VIX_BEYOND_HISTORY,
  tailTargetAt,
  type MarketAtHorizon,
  type ModelParams,
  type MonteCarloDynamics,
  type MonteCarloMeasure,
  type MonteCarloPartial,
  type MonteCarloSetup,
  type MonteCarloSummary,
  type PathRange,
  type RunSpec,
  type ScenarioBook,
} from './montecarlo';
export { resolveScenarioBook, scenarioSource } from './scenarioBook';
export { DEFAULT_VIX_LEVEL_COUNT, defaultVixLevels, stressGrid, type StressGridResult } from './stressGrid';
export {
  CALIBRATED,
  LOG_VIX_REF,
  MEASURES,
  LogVixModel,
  LogVixPath,
  checkLogVixParams,
  type CalibratedModel,
  type LogVixParams,
  type LogVixStart,
  type Measure,
} from './model/index';
