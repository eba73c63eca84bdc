/**
 * Cost, return and risk caps (ALVH-METHOD section 7): the hedge budget as the least of the user's
 * budget, the 18% annualized cost cap and the IRR-preserving budget; cutting a layer to what its
 * part of the budget buys; the capital cap and the largest condor quantity that fits.
 *
 * Money in USD; rates annualized decimals; days are the condor's calendar days to expiry.
 */
import { checkFinite, checkInteger, checkNonNegative, checkPositive } from '../validate';
import { resolvePolicy, type Policy } from '../schemas/policy';

/**
 * Net hedge debit over the condor's max loss, annualized: debit / maxLoss · 365 / days.
 * @example hedgeCostRate(200, 4000, 45) // 0.4056 (above the 0.18 cap)
 */
export function hedgeCostRate(debit: number, maxLoss: number, days: number): number {
  checkFinite('debit', debit);
  checkPositive('maxLoss', maxLoss);
  checkPositive('days', days);
  return (debit / maxLoss) * (365 / days);
}

/**
 * Return on risk after hedges: (credit − debit) / maxLoss · 365 / days.
 * @example returnOnRisk(800, 100, 4200, 45) // 1.35
 */
export function returnOnRisk(credit: number, debit: number, maxLoss: number, days: number): number {
  checkNonNegative('credit', credit);
  checkFinite('debit', debit);
  checkPositive('maxLoss', maxLoss);
  checkPositive('days', days);
  return ((credit - debit) / maxLoss) * (365 / days);
}

export interface BudgetInput {
  /** Condor max loss, USD (all condors). */
  maxLoss: number;
  /** Condor credit, USD (all condors). */
  credit: number;
  /** Condor days to expiry. */
  days: number;
  /** The user's hedge budget, USD (optional). */
  userBudget?: number;
}

export interface HedgeBudget {
  /** maxHedgeCostRate · maxLoss · days / 365. */
  costCap: number;
  /** credit − targetIrr · maxLoss · days / 365, floored at 0. */
  irrBudget: number;
  /** The same before the floor (negative: the condor alone misses the target IRR). */
  irrBudgetRaw: number;
  userBudget?: number;
  /** The least of the three. */
  budget: number;
  binding: 'user' | 'cost-cap' | 'irr';
}

/**
 * The hedge budget B of section 7.
 * @example hedgeBudget({ maxLoss: 4200, credit: 800, days: 45 }) // costCap 93.2, irrBudget 670.5, budget 93.2 (cost-cap)
 */
export function hedgeBudget(i: BudgetInput, policy: Policy = resolvePolicy()): HedgeBudget {
  const maxLoss = checkPositive('maxLoss', i.maxLoss);
  const credit = checkNonNegative('credit', i.credit);
  const days = checkPositive('days', i.days);
  const costCap = policy.maxHedgeCostRate * maxLoss * (days / 365);
  const irrBudgetRaw = credit - policy.targetIrr * maxLoss * (days / 365);
  const irrBudget = Math.max(0, irrBudgetRaw);
  let budget = costCap;
  let binding: HedgeBudget['binding'] = 'cost-cap';
  if (irrBudget < budget) {
    budget = irrBudget;
    binding = 'irr';
  }
  const out: HedgeBudget = { costCap, irrBudget, irrBudgetRaw, budget, binding };
  if (i.userBudget !== undefined) {
    const user = checkNonNegative('portfolio.budget', i.userBudget);
    out.userBudget = user;
    if (user < budget) {
      out.budget = user;
      out.binding = 'user';
    }
  }
  return out;
}

export interface CutResult {
  /** Size after the cut (≤ required). */
  quantity: number;
  cut: boolean;
  cost: number;
}

/**
 * A layer cut to what its part of the budget buys: min(required, floor(budget / unit cost)).
 * A unit cost ≤ 0 (a credit) is never cut.
 * @example cutToBudget(10, 120, 500) // { quantity: 4, cut: true, cost: 480 }
 */
export function cutToBudget(required: number, unitCost: number, budget: number): CutResult {
  checkInteger('required', required, 0);
  const b = checkNonNegative('budget', budget);
  if (!(unitCost > 0) || required * unitCost <= b + 1e-9)
    return { quantity: required, cut: false, cost: required * unitCost };
  const q = Math.min(required, Math.floor(b / unitCost + 1e-9));
  return { quantity: q, cut: true, cost: q * unitCost };
}

export interface CapitalCapInput {
  /** Max loss of one condor, USD. */
  maxLossPerCondor: number;
  /** Net hedge debit per condor, USD (hedges scale with the condor). */
  hedgeDebitPerCondor: number;
  /**
   * What the hedges can lose beyond their debit per condor, USD (a put calendar's carry in a crash,
   * {@link putCalendarCarryRisk}); default 0.
   */
  hedgeRiskBeyondDebitPerCondor?: number;
  capital: number;
  /** Condors held or planned. */
  quantity: number;
}

export interface CapitalCap {
  /** maxRiskPct · capital, USD. */
  limit: number;
  /** quantity · (max loss + hedge debit + hedge risk beyond the debit) per condor, USD. */
  used: number;
  /** quantity · the hedges' risk beyond their debit per condor, USD (0 when the hedges cannot lose more than they cost). */
  hedgeRiskBeyondDebit: number;
  /** The largest whole quantity whose risk fits the limit. */
  maxQuantity: number;
  exceeds: boolean;
}

/**
 * The capital cap: (condor max loss + net hedge debit + the hedges' risk beyond their debit) ≤
 * maxRiskPct · capital. The method's section 7 counts the debit alone; a put calendar can lose more
 * (docs/method.md, "Capital cap and a hedge credit").
 * @example capitalCap({ maxLossPerCondor: 4200, hedgeDebitPerCondor: 90, capital: 1_000_000, quantity: 5 }) // limit 25000, used 21450, maxQuantity 5
 */
export function capitalCap(i: CapitalCapInput, policy: Policy = resolvePolicy()): CapitalCap {
  const beyond = checkNonNegative('hedgeRiskBeyondDebitPerCondor', i.hedgeRiskBeyondDebitPerCondor ?? 0);
  const perCondor =
    checkPositive('maxLossPerCondor', i.maxLossPerCondor) +
    Math.max(0, checkFinite('hedgeDebitPerCondor', i.hedgeDebitPerCondor)) +
    beyond;
  const capital = checkPositive('portfolio.capital', i.capital);
  const n = checkInteger('condor.quantity', i.quantity, 0);
  const limit = policy.maxRiskPct * capital;
  const maxQuantity = Math.max(0, Math.floor(limit / perCondor + 1e-9));
  const used = n * perCondor;
  return { limit, used, hedgeRiskBeyondDebit: n * beyond, maxQuantity, exceeds: n > maxQuantity };
}

/**
 * What one SPX put calendar (short the front put, long the back put, same strike K, European) can
 * lose beyond its debit, per share: at the front's expiry it pays (K − S)⁺ and holds a put worth at
 * least K·e^(−rτ) − S·e^(−qτ) (τ the years from front to back), so its value is at least
 * −K·(1 − e^(−rτ)) + S·(1 − e^(−qτ)) while that floor is above 0, whatever the vols. The bound is
 * max(0, K·(1 − e^(−rτ)), K·(1 − e^(−(r−q)τ))): as SPX falls toward 0 with rates above 0 the back
 * put trades under its intrinsic value by the carry of its strike, and the calendar loses that on
 * top of its debit; at a negative dividend yield the worst is where the floor reaches 0, SPX at
 * K·e^(−(r−q)τ). 0 when neither makes the back put worth less than the front pays.
 * @example putCalendarCarryRisk(6000, 30 / 365, 0.04, 0.013) // 19.69 (a $1,969 unit's risk beyond its debit)
 */
export function putCalendarCarryRisk(strike: number, years: number, rate: number, divYield: number): number {
  const k = checkPositive('overlay.strike', strike);
  const t = checkNonNegative('years', years);
  const r = checkFinite('market.rate', rate);
  const q = checkFinite('market.divYield', divYield);
  return Math.max(0, k * -Math.expm1(-r * t), k * -Math.expm1(-(r - q) * t));
}
