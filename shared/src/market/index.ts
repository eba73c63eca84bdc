/**
 * `@alvh/shared/market`: the exchange calendar and expiries, the VX term structure (fit, regime,
 * constant maturity, curve shift) and the VVIX → vol of vol conversion. (SPX option vols come
 * from the surfaces through book/marks.ts, never from VIX/100.)
 */
export type {
  CurveInput,
  CurvePoint,
  CurvePolicy,
  FuturesQuote,
  MeanReversionFit,
  Regime,
  TermStructure,
} from './types';
export {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  type ExchangeHoliday,
  addBusinessDays,
  businessDaysBetween,
  calendarDay,
  easterSunday,
  exchangeHolidays,
  isBusinessDay,
  isExchangeHoliday,
  nextBusinessDay,
  previousBusinessDay,
} from './calendar';
export {
  isVxExpiry,
  notVxSettlement,
  vxSettlementAfter,
  nextVxExpiry,
  isSpxMonthly,
  optionRoot,
  SPXW_THIRD_FRIDAY_FROM,
  spxMonthlyExpiry,
  vxExpiriesAfter,
  vxExpiriesThrough,
  vxExpiry,
  vxExpiryFix,
  unlistedExpiry,
} from './expirations';
export {
  DEFAULT_CURVE_POLICY,
  KAPPA_BOUNDS,
  SPREAD_TOLERANCE,
  THETA_BOUNDS,
  classifyRegime,
  resolveCurvePolicy,
} from './regime';
export {
  FALLBACK_KAPPA,
  FALLBACK_THETA,
  FLAT_CURVE_TOLERANCE,
  type FitPoint,
  fitMeanReversion,
  modelFuture,
  vixSensitivity,
} from './meanReversion';
export {
  buildTermStructure,
  constantMaturity,
  curveFrontGap,
  futureForExpiry,
  shockFutures,
  type BuildTermStructureOptions,
  type FutureForExpiryOptions,
} from './termStructure';
export { CURVE_SHIFT_TENORS, type TenorChange, curveShift } from './curveShift';
export { volOfVolFromVvix } from './atmVol';
export {
  BOUND_WARN_POINTS,
  OFF_CURVE_MIN_FUTURES,
  OFF_CURVE_POINTS,
  OFF_CURVE_RATIO,
  POOR_FIT_POINTS,
  type FitQuality,
  type OffCurveFuture,
  fitQuality,
  offCurveWarning,
} from './fitQuality';
export { contractName } from './curveExpiries';
