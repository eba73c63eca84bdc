/** Volatility surfaces (method Section 2b): every SPX and VIX option mark goes through here. */
export type {
  Settlement,
  ChainQuote,
  DroppedQuotes,
  ListedExpiry,
  ParsedChain,
  ChainRow,
  ChainTableOptions,
} from './chain';
export {
  isQuotedata,
  parseQuotedata,
  chainColumnName,
  parseChainTable,
  parseChain,
  checkCommaSeparated,
  filledLines,
  readCsv,
  yearsToSettlement,
  SETTLEMENT_MINUTES,
} from './chain';
export type { SviParams } from './svi';
export type { SviWing } from './sviWing';
export { MAX_WING_DELTA } from './sviWing';
export { sviVariance, sviDensityG, sviSlope, sviWingSlopes, arbitrageGrid } from './svi';
export { fitWings, MIN_WING_QUOTES } from './fitWings';
export type { SurfaceSource, SurfaceSlice, SpxSurfaceData, SpxSurface } from './spxSurface';
export { makeSpxSurface, calendarRepairs, yearsToExpiry } from './spxSurface';
export { varianceSwapVol, VARIANCE_SWAP_TOLERANCE } from './varianceSwap';
export type {
  QuoteMark,
  SliceFit,
  ArbitrageReport,
  ButterflyViolation,
  ChainSurfaceFit,
  ChainFitOptions,
} from './fitChain';
export { calendarViolations } from './chainArbitrage';
export { fitChainSurface, parityForward, MAX_CHAIN_EXPIRIES, MIN_SLICE_STRIKES, MIN_FIT_DELTA } from './fitChain';
export {
  MIN_SPX_ATM_VOL,
  MIN_INSIDE_PCT,
  MISS_WIDTHS,
  MIN_SHAPE_QUOTES,
  SHAPE_DELTA,
  WING_MIN_QUOTES,
  WING_MEDIAN_WIDTHS,
} from './fitQuality';
export type { ParityLine } from './parity';
export { forwardAtDiscount, termDiscounts, MAX_RATE_STD_ERR } from './parity';
export type { CboeIndices, IndexSurfaceInput } from './indexSurface';
export {
  spxSurfaceFromIndices,
  varianceSwapOverAtm,
  shapeSlice,
  INDEX_SHAPES,
  INDEX_OVER_MODEL_VS,
  SKEW_REF,
  SKEW_SLOPE,
} from './indexSurface';
export type { VixVolSurface } from './vixSurface';
export {
  vixSurfaceFromVvix,
  vixSurfaceFromChain,
  vixSurfaceFromData,
  VIX_ROOTS,
  moveVixSurface,
  VIX_TERM_EXPONENT,
  VIX_CALL_SKEW,
  VIX_PUT_SKEW,
  VIX_CALL_RHO,
  VIX_PUT_RHO,
  vixSmileRatio,
} from './vixSurface';
export type { SurfaceMove } from './moveSurface';
export { moveSpxSurface } from './moveSurface';
export type { BatchInput, BatchOutput } from './batch';
export { bsGreeksBatch, black76GreeksBatch, batchOutput, checkBatch } from './batch';
export type { SurfaceRequest, SurfaceResponse, SurfaceExpiryReport, SurfaceLeftOut } from './schemas';
export {
  SurfaceRequestSchema,
  SurfaceFromChainSchema,
  SurfaceFromIndicesSchema,
  ChainRowSchema,
  SurfacePointSchema,
  buildSurface,
  pastSurfaceReach,
} from './schemas';
export { ChainFits, CHAIN_FITS_KEPT, SPX_CHAIN_FITS, VIX_CHAIN_FITS } from './fitCache';
