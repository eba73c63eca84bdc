export {
  DT,
  LOG_VIX_REF,
  MEASURES,
  checkLogVixParams,
  jumpMean,
  logVixVariance,
  pricingKappaFast,
  slowGivenVix,
  type LogVixParams,
  type Measure,
} from './logVixParams';
export { LogVixModel, type LogVixStart } from './logVixModel';
export { LogVixPath } from './logVixPath';
export { JUMP_SDS, filterSlow, type VixClose } from './logVixFilter';
export { CALIBRATED, type CalibratedModel } from './calibrated';
export {
  HORIZONS,
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
  modelResponse,
  olsSlope,
  quantileSorted,
  slopeThroughOrigin,
  spxCell,
  thin,
  vixCell,
  type CellStart,
  type DayValue,
  type SimulateOptions,
  type SpxCell,
  type VixCell,
} from './calibrationCells';
