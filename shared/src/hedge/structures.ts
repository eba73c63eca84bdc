/**
 * Tail structures (ALVH-METHOD section 10), one file per responsibility: definitions and pricing
 * (structurePricing.ts), the context they are priced against (structureContext.ts), sizing and the
 * budget (structureSizing.ts), scores and the comparison (structureScoring.ts).
 */
export {
  TAIL_STRUCTURES,
  VX_FUTURE_MULTIPLIER,
  defaultMarker,
  futureCapitalAtRisk,
  futureCarry,
  futureImpliedVol,
  priceStructure,
  structureTargetLegs,
  type LegMarker,
  type StructureUnit,
  type TailStructure,
} from './structurePricing';
export {
  StructureInputSchema,
  hedgeContext,
  hedgeContextFrom,
  type AnalogContext,
  type HedgeContext,
  type HedgeContextParts,
  type StructureInput,
} from './structureContext';
export {
  bestWithinBudget,
  sizeStructure,
  unitsWithinBudget,
  type BudgetChoice,
  type StructureScore,
  type StructureSize,
} from './structureSizing';
export {
  compareInContext,
  compareTailStructures,
  costsToCover,
  scoreStructure,
  type CoverCost,
  type StructureComparison,
} from './structureScoring';
