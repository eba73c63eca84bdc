/**
 * Today's VX curve by days to expiry as the calibrated Monte Carlo model reads it (its term premium
 * and, in the risk-neutral measure, its level are solved against it).
 */
import { parseIsoDate } from '../dates';
import { curveDecayKernel, modelFutureKernel } from '../market/meanReversion';
import type { ScenarioBook } from './scenarioBook';

/**
 * Today's VX curve by calendar days to expiry, for the calibrated model: linear in days through
 * (0, VIX), the listed futures and the VIX legs' own futures (so a leg's t = 0 future is the one
 * the plan marks it on), and beyond the last of them the fitted curve's shape,
 * θ + (F_last − θ)e^(−κ(n − n_last)).
 */
export function curveByDays(b: ScenarioBook, legExpiries: readonly string[]): (days: number) => number {
  const day0 = parseIsoDate('valuationDate', b.valuationDate);
  const knots = new Map<number, number>();
  b.futures.forEach((f, i) => {
    const n = parseIsoDate(`futures[${i}].expiry`, f.expiry) - day0;
    if (n > 0) knots.set(n, f.price);
  });
  for (const e of legExpiries) {
    const n = parseIsoDate('expiry', e) - day0;
    if (n > 0) knots.set(n, b.futureFor(e));
  }
  const days = [0, ...[...knots.keys()].sort((x, y) => x - y)];
  const price = [b.vix, ...days.slice(1).map((n) => knots.get(n)!)];
  const last = days.length - 1;
  return (n: number) => {
    if (n >= days[last]!)
      return modelFutureKernel(b.theta, price[last]!, curveDecayKernel(b.kappa, (n - days[last]!) / 365));
    let k = 1;
    while (days[k]! < n) k++;
    const w = (n - days[k - 1]!) / (days[k]! - days[k - 1]!);
    return price[k - 1]! + w * (price[k]! - price[k - 1]!);
  };
}
