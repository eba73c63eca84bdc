/**
 * The plan's condors netted as one book (docs/method.md, "A ladder of condors").
 */
import { invalidInput } from '../errors';
import type { CondorBook, DollarGreeks, PlanCondorMarked } from './planTypes';

/**
 * The condors netted as one book: the legs of all, Σ quantity, max profit, max loss, Greeks and
 * marks, and the days to expiry weighted by max loss (docs/method.md). One condor gives its own
 * figures unchanged.
 */
export function condorBook(condors: readonly PlanCondorMarked[], quantities: readonly number[]): CondorBook {
  const first = condors[0];
  if (first === undefined) throw invalidInput('condors', 'is empty', 'pass at least one condor');
  if (condors.length === 1) {
    return {
      legs: first.legs,
      quantity: quantities[0] as number,
      maxProfit: first.maxProfit,
      maxLoss: first.maxLoss,
      days: first.days,
      returnOnRisk: first.returnOnRisk,
      greeks: first.greeks,
      markValue: first.markValue,
      markGreeks: first.markGreeks,
    };
  }
  const sum = (f: (c: PlanCondorMarked) => number) => condors.reduce((a, c) => a + f(c), 0);
  const sumGreeks = (f: (c: PlanCondorMarked) => DollarGreeks): DollarGreeks => ({
    delta: sum((c) => f(c).delta),
    gamma: sum((c) => f(c).gamma),
    vega: sum((c) => f(c).vega),
    theta: sum((c) => f(c).theta),
  });
  const maxProfit = sum((c) => c.maxProfit);
  const maxLoss = sum((c) => c.maxLoss);
  const days = sum((c) => c.maxLoss * c.days) / maxLoss;
  return {
    legs: condors.flatMap((c) => c.legs),
    quantity: quantities.reduce((a, q) => a + q, 0),
    maxProfit,
    maxLoss,
    days,
    returnOnRisk: (maxProfit / maxLoss) * (365 / days),
    greeks: sumGreeks((c) => c.greeks),
    markValue: sum((c) => c.markValue),
    markGreeks: sumGreeks((c) => c.markGreeks),
  };
}
