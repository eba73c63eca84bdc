export {
  DT,
  LOG_VIX_REF,
  MEASURES,
  checkLogVixParams,
  factorsGivenVix,
  jumpMean,
  kappaSpike,
  logVixVariance,
  pricingKappaFast,
  pricingKappaSpike,
  slowGivenVix,
  type FactorsAtVix,
  type LogVixParams,
  type Measure,
} from './logVixParams';
export { LogVixModel, spxJumpVariance, type LogVixStart } from './logVixModel';
export { LogVixPath } from './logVixPath';
export { JUMP_SDS, filterFactors, filterSlow, type FilteredFactors, type VixClose } from './logVixFilter';
export { CALIBRATED } from './calibrated';
export type { CalibratedModel, OutOfSampleMiss } from './calibratedModel';
export { calibrationNotes, RISK_NEUTRAL_NOTE } from './calibrationNotes';
export {
  BETA_TOLERANCE,
  MEDIAN_TOLERANCE,
  MIN_TARGET_CASES,
  PROBABILITY_FACTOR,
  checkTargets,
  probabilityMargin,
  thresholdMargin,
  type TargetCheck,
  type TargetForecast,
  type TargetHistory,
} from './calibrationTargets';
export {
  BOOTSTRAP_BLOCK_DAYS,
  historyVixIntervals,
  type BootstrapOptions,
  type CellIntervals,
} from './calibrationBootstrap';
export {
  HORIZONS,
  HORIZON_SLACK_DAYS,
  RESPONSE_RISE,
  RESPONSE_TENORS,
  RESPONSE_WINDOW_DAYS,
  SPX_HORIZON,
  VIX_BUCKETS,
  epochDay,
  historySpxCells,
  historyVixCells,
  horizonPairs,
  modelCells,
  medianError,
  modelResponse,
  olsSlope,
  slopeError,
  stratifiedShareError,
  slopeThroughOrigin,
  spxCell,
  thin,
  vixCell,
  type CellStart,
  type DayValue,
  type SimulateOptions,
  type SpxCell,
  type SpxCellError,
  type VixCell,
  type VixCellError,
} from './calibrationCells';
