/**
 * Scores of the tail structures (coverage per dollar in the scenario and each analog), the
 * side-by-side comparison, and what a stated coverage costs with each.
 */
import { invalidInput } from '../errors';
import { wholeUsd } from '../usdText';
import { hedgeContext, type AnalogContext, type HedgeContext, type StructureInput } from './structureContext';
import {
  TAIL_STRUCTURES,
  defaultMarker,
  priceStructure,
  type LegMarker,
  type StructureUnit,
  type TailStructure,
} from './structurePricing';
import {
  bestWithinBudget,
  legLimitWarning,
  sizeStructure,
  type BudgetChoice,
  type StructureScore,
  type StructureSize,
} from './structureSizing';

export interface StructureComparison {
  loss: number;
  maxLoss: number;
  coverage: number;
  tailExpiry: string;
  tailDays: number;
  tailFuture: number;
  stressedVix: number;
  stressedSpot: number;
  /**
   * Sorted by coverage per dollar, best first, among the option structures (whose premium is their
   * worst loss); then vx-future (its capital at risk plus carry and fees is not a premium paid,
   * so its ratio is not comparable);
   * structures that cannot cover last.
   */
  structures: StructureScore[];
  /** With a budget: the structure buying the most scenario protection within it (options only). */
  bestWithinBudget?: BudgetChoice;
  /** A structure whose size is held to the 100,000-contract limit of one leg, in words. */
  warnings: string[];
}

/** Score one priced structure against the context. */
export function scoreStructure(ctx: HedgeContext, unit: StructureUnit): StructureScore {
  let size: StructureSize | null = null;
  let why: string | undefined;
  if (!(unit.premium - unit.fees > 0)) {
    // a unit the model prices at nothing has no score per dollar (its fees alone are no price):
    // reported, never divided by zero
    return {
      ...unit,
      size: null,
      noSolution: `${unit.structure} (${unit.description}) is worth $${(unit.premium - unit.fees).toFixed(2)} today on the model, so it has no coverage per dollar; choose strikes nearer the money`,
      perDollar: 0,
      analogScores: unit.analogs.map((a, i) => ({
        date: a.date,
        label: a.label,
        loss: (ctx.analogs[i] as AnalogContext).loss,
        gain: a.gain,
        perDollar: 0,
      })),
    };
  }
  try {
    size = sizeStructure(unit, ctx.loss, ctx.policy.tailCoverage);
  } catch (e) {
    if (!(e instanceof Error && 'code' in e && e.code === 'no_solution')) throw e;
    why = e.message;
  }
  return {
    ...unit,
    size,
    ...(why === undefined ? {} : { noSolution: why }),
    perDollar: unit.gain / unit.premium,
    analogScores: unit.analogs.map((a, i) => ({
      date: a.date,
      label: a.label,
      loss: (ctx.analogs[i] as AnalogContext).loss,
      gain: a.gain,
      perDollar: a.gain / unit.premium,
    })),
  };
}

/**
 * Every tail structure priced, sized and scored side by side, sorted by coverage per dollar, with
 * the best buy within the budget when one is given.
 */
export function compareTailStructures(input: StructureInput, mark: LegMarker = defaultMarker): StructureComparison {
  const ctx = hedgeContext(input);
  return compareInContext(ctx, mark, input.budget);
}

/** {@link compareTailStructures} on a built context (a frontier calls it per budget). */
export function compareInContext(
  ctx: HedgeContext,
  mark: LegMarker = defaultMarker,
  budget?: number,
): StructureComparison {
  const scores = TAIL_STRUCTURES.map((s) => scoreStructure(ctx, priceStructure(ctx, s, mark)));
  scores.sort((a, b) => {
    const ok = Number(b.size !== null) - Number(a.size !== null);
    if (ok !== 0) return ok;
    const bounded = Number(b.lossBoundedByPremium) - Number(a.lossBoundedByPremium);
    return bounded !== 0 ? bounded : b.perDollar - a.perDollar;
  });
  const best = budget === undefined ? undefined : bestWithinBudget(ctx, scores, budget);
  return {
    loss: ctx.loss,
    maxLoss: ctx.maxLoss,
    coverage: ctx.policy.tailCoverage,
    tailExpiry: ctx.tailExpiry,
    tailDays: ctx.tailDays,
    tailFuture: ctx.tailFuture,
    stressedVix: ctx.stressedVix,
    stressedSpot: ctx.stressed.spot,
    structures: scores,
    ...(best === undefined ? {} : { bestWithinBudget: best }),
    warnings: scores.flatMap((x) => legLimitWarning(x.structure, x.size) ?? []),
  };
}

export interface CoverCost {
  structure: TailStructure;
  /** Whole units for the stated protection, at most 100,000 (one leg's limit). */
  units: number;
  /** What the stated protection asks before that limit. */
  requiredUnits: number;
  /** units · premium, USD (for vx-future: its capital at risk plus carry and fees, `futureCapitalAtRisk`). */
  cost: number;
  lossBoundedByPremium: boolean;
}

/**
 * What it costs to cover `coverage` × the scenario loss with each structure that can, cheapest
 * first among the option structures (vx-future after them: its cost is capital at risk plus carry
 * and fees, not a premium paid; a size held to one leg's 100,000 contracts after those that reach
 * the protection, with the share it covers in the words), and the sentence that says it.
 * @example costsToCover(cmp, 0.5).words // "Covering 50% of the $20,143 drawdown loss costs $1,253 with vix-call-ladder, …"
 */
export function costsToCover(cmp: StructureComparison, coverage: number): { costs: CoverCost[]; words: string } {
  if (typeof coverage !== 'number' || !Number.isFinite(coverage) || coverage <= 0 || coverage > 10) {
    throw invalidInput(
      'coverage',
      `is ${String(coverage)}`,
      'pass the share of the drawdown loss to cover, e.g. 0.5 (at most 10)',
    );
  }
  const costs = cmp.structures
    .filter((s) => s.size !== null)
    .map((s) => {
      const z = sizeStructure(s, cmp.loss, coverage);
      return {
        structure: s.structure,
        units: z.units,
        requiredUnits: z.requiredUnits,
        cost: z.cost,
        lossBoundedByPremium: s.lossBoundedByPremium,
        coverageAchieved: z.coverageAchieved,
      };
    })
    .sort(
      (a, b) =>
        Number(b.lossBoundedByPremium) - Number(a.lossBoundedByPremium) ||
        // a size held to one leg's limit does not reach the protection: after those that do
        Number(a.units < a.requiredUnits) - Number(b.units < b.requiredUnits) ||
        a.cost - b.cost,
    );
  const usd = wholeUsd;
  const share = (x: number) => `${Number((x * 100).toFixed(1))}%`;
  const pct = share(coverage);
  // a size held to one leg's limit covers less than asked: the words say how much
  const held = (c: (typeof costs)[number]) =>
    c.units < c.requiredUnits
      ? ` (${c.requiredUnits} units asked, held to ${c.units}, more than one leg holds: ${share(c.coverageAchieved)} of the loss)`
      : '';
  const options = costs.filter((c) => c.lossBoundedByPremium);
  const words =
    cmp.loss === 0
      ? 'The book loses nothing in the drawdown scenario: there is no loss to cover.'
      : options.length === 0
        ? `No option structure can cover the ${usd(cmp.loss)} drawdown loss.`
        : `Covering ${pct} of the ${usd(cmp.loss)} drawdown loss costs ${options.map((c) => `${usd(c.cost)} with ${c.structure}${held(c)}`).join(', ')}.`;
  return { costs: costs.map(({ coverageAchieved: _, ...c }) => c), words };
}
