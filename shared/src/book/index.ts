/**
 * `@alvh/shared/book`: option legs, the skew, the one module that decides every option's vol
 * (marks.ts, method Section 2b) and the one mark function every host and engine prices a book
 * with.
 */
export { OPTION_MULTIPLIER, ironCondorLegs, type Leg } from './leg';
export { DEFAULT_SKEW, SkewParamsSchema, skewedVol, type SkewParams } from './skew';
export {
  markBook,
  markLegs,
  MAX_MARK_VOL,
  refusedLeg,
  type BookMarks,
  type LegMark,
  type MarketState,
} from './markBook';
export {
  surfacesFromVix,
  stateSurfaces,
  surfacesOf,
  spxVol,
  spxDivYield,
  spxAtmVol,
  spxVolKernel,
  vixOptionVol,
  vixOptionVolFromVvix,
  type MarkableState,
  type OtherIndices,
  type StateSurfaces,
} from './marks';
export { rolledFuture, shiftedState, type RollableMarket } from './rolledState';
