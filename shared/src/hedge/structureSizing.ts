/**
 * Sizing a priced tail structure to the coverage rule, and what a budget buys of it.
 */
import { noSolution } from '../errors';
import { MAX_CONTRACTS } from '../validate';
import { coverageContracts } from '../method/tailSize';
import type { HedgeContext } from './structureContext';
import { EPS, type StructureUnit, type TailStructure } from './structurePricing';

export interface StructureSize {
  /**
   * Whole units: ceil(coverage · loss / gain per unit), at most MAX_CONTRACTS (100,000), the most
   * one leg of a book holds (the literal tail is held to the same limit).
   */
  units: number;
  /** What the rule asks before that limit: ceil(coverage · loss / gain per unit). */
  requiredUnits: number;
  /** units · premium, USD. */
  cost: number;
  /** units · gain / loss (0 when the loss is 0). */
  coverageAchieved: number;
}

/**
 * How to move a structure's own strikes nearer the money: no policy field picks the tail structure
 * (every one is compared), so the fix names the fields that shape it.
 */
const STRIKE_HINT: Record<TailStructure, string> = {
  'vix-call': ', a strike nearer the money (a lower policy.tailOtmPct)',
  'vix-call-spread':
    ', a strike nearer the money (policy.tailOtmPct) or a wider spread (structures.params.spreadWidth)',
  'vix-call-ladder': ', offsets nearer the money (structures.params.ladderOtm)',
  'vx-future': '',
  'spx-put-spread': '',
};

/**
 * Units of a priced structure for `coverage` × `loss`: ceil(coverage · loss / gain); 0 when the
 * loss is 0. A gain ≤ 0 against a loss above 0 is a `no_solution` error saying the structure
 * cannot cover.
 */
export function sizeStructure(unit: StructureUnit, loss: number, coverage: number): StructureSize {
  // nothing to cover asks for no units whatever the structure gains (docs/method.md, tail hedge)
  if (!(loss > 0)) return { units: 0, requiredUnits: 0, cost: 0, coverageAchieved: 0 };
  if (!(unit.gain > 0)) {
    throw noSolution(
      unit.structure,
      `${unit.description} costs $${unit.premium.toFixed(2)} a unit and is worth $${unit.stressedValue.toFixed(2)} in the drawdown scenario, so it gains nothing and cannot cover the loss`,
      `buy one of the other structures compared that can cover (those with a size)${STRIKE_HINT[unit.structure]}, a later tail expiry (policy.tailDteMin, policy.tailDteTarget, policy.tailDteMax) or a larger stressed VIX (policy.stressVix, policy.stressVixPerPct)`,
    );
  }
  const requiredUnits = coverageContracts(coverage, loss, unit.gain);
  const units = Math.min(requiredUnits, MAX_CONTRACTS);
  return { units, requiredUnits, cost: units * unit.premium, coverageAchieved: (units * unit.gain) / loss };
}

/**
 * The warning when a structure's size is held to MAX_CONTRACTS, in the words of the literal
 * tail's; undefined when it is not.
 */
export function legLimitWarning(structure: TailStructure, size: StructureSize | null): string | undefined {
  if (size === null || size.requiredUnits <= MAX_CONTRACTS) return undefined;
  return `The ${structure} structure asks for ${size.requiredUnits} units, more than one leg holds (${MAX_CONTRACTS}): it is sized at ${MAX_CONTRACTS}. Plan a book this size in parts.`;
}

/** What a budget buys of a priced structure: the whole units it pays for, up to `maxUnits`. */
export function unitsWithinBudget(unit: StructureUnit, budget: number, maxUnits = Infinity): number {
  if (!(unit.premium > 0) || !(budget >= 0)) return 0;
  return Math.max(0, Math.min(maxUnits, Math.floor(budget / unit.premium + EPS)));
}

export interface StructureScore extends StructureUnit {
  /** Null when the gain is ≤ 0 (see `noSolution`). */
  size: StructureSize | null;
  noSolution?: string;
  /** Gain in the scenario per dollar of premium. */
  perDollar: number;
  /** Gain per dollar of premium in each analog, with the book's loss there. */
  analogScores: { date: string; label: string; loss: number; gain: number; perDollar: number }[];
}

export interface BudgetChoice {
  structure: TailStructure;
  budget: number;
  units: number;
  cost: number;
  /** units · gain in the scenario, USD. */
  protection: number;
  /** protection / the scenario loss. */
  coverage: number;
}

/**
 * The structure that buys the most protection in the scenario within `budget`: whole units the
 * budget pays for, no more than the coverage rule asks; ties go to the cheaper. Only structures
 * whose loss is bounded by their premium compete (a premium budget does not bound a future's loss).
 */
export function bestWithinBudget(
  ctx: HedgeContext,
  scores: readonly StructureScore[],
  budget: number,
): BudgetChoice | undefined {
  let best: BudgetChoice | undefined;
  for (const s of scores) {
    if (s.size === null || !s.lossBoundedByPremium) continue;
    const units = unitsWithinBudget(s, budget, s.size.units);
    const c: BudgetChoice = {
      structure: s.structure,
      budget,
      units,
      cost: units * s.premium,
      protection: units * s.gain,
      coverage: ctx.loss > 0 ? (units * s.gain) / ctx.loss : 0,
    };
    if (
      best === undefined ||
      c.protection > best.protection + EPS ||
      (Math.abs(c.protection - best.protection) <= EPS && c.cost < best.cost)
    )
      best = c;
  }
  return best;
}
