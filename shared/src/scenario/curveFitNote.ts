/**
 * The square-root dynamics' VIX has the fitted curve θ + (VIX − θ)e^(−κt) as its mean (dynamics.ts),
 * not the listed futures: where the two part (a curve the model cannot describe, κ or θ on its
 * bound), the run's notes say so and by how much, rather than report a VIX at the horizon that
 * silently misses the futures.
 */
import { parseIsoDate } from '../dates';
import { POOR_FIT_POINTS } from '../market/fitQuality';
import { modelFuture } from '../market/meanReversion';
import { KAPPA_BOUNDS, THETA_BOUNDS } from '../market/regime';
import type { Policy } from '../schemas/policy';
import type { ScenarioBook } from './scenarioBook';

/**
 * A miss is noted above {@link POOR_FIT_POINTS} (10 VIX points), or above
 * {@link CURVE_MISS_FRACTION} of the listed level and {@link CURVE_MISS_POINTS} both: beyond every
 * real day with futures of 2007-2021 (and of 2024-2025 in the data) at horizons of 1 to 730 days,
 * a horizon past the last future measured at its day (at most 8.5 points, 2020-03-12 at 6 days; 16%
 * of the level, 2020-09-03 at 48 days), so it flags a curve the fit cannot follow (a flat curve at
 * VIX 1 or 80), not a crisis curve.
 */
export const CURVE_MISS_FRACTION = 0.2;
export const CURVE_MISS_POINTS = 1;

const onBound = (x: number, [lo, hi]: readonly [number, number]): boolean =>
  Math.abs(x - lo) <= 1e-9 * hi || Math.abs(x - hi) <= 1e-9 * hi;

/**
 * The listed curve by days: linear through (0, VIX) and the futures, with the day of the last
 * future (undefined with none listed after the valuation date).
 */
function listedCurve(book: Pick<ScenarioBook, 'valuationDate' | 'vix' | 'futures'>): {
  at: (day: number) => number;
  last: number | undefined;
} {
  const day0 = parseIsoDate('valuationDate', book.valuationDate);
  const knots = book.futures
    .map((f) => ({ n: parseIsoDate('expiry', f.expiry) - day0, price: f.price }))
    .filter((k) => k.n > 0)
    .sort((a, b) => a.n - b.n);
  const at = (day: number): number => {
    let prev = { n: 0, price: book.vix };
    for (const k of knots) {
      if (day <= k.n) return prev.price + ((k.price - prev.price) * (day - prev.n)) / (k.n - prev.n);
      prev = k;
    }
    return prev.price;
  };
  return { at, last: knots.at(-1)?.n };
}

const pts = (x: number): string => String(Number(x.toFixed(1)));

/**
 * The note of a square-root run whose fitted curve misses the listed curve (linear in days through
 * VIX and the futures) by more than the bounds above, at the horizon or, for a horizon past the
 * last listed future, at that future's day: past it nothing is listed to miss (a curve held flat
 * there would read a fit converging on θ as a miss). None otherwise. Names κ and θ, on a bound or
 * fixed by the policy.
 */
export function sqrtCurveNotes(
  book: Pick<ScenarioBook, 'valuationDate' | 'vix' | 'futures' | 'kappa' | 'theta'>,
  policy: Pick<Policy, 'kappa' | 'theta'>,
  horizonDays: number,
): string[] {
  const curve = listedCurve(book);
  const day = Math.min(horizonDays, curve.last ?? 0);
  const fitted = modelFuture(book, book.vix, day / 365);
  const listed = curve.at(day);
  const miss = fitted - listed;
  const off = Math.abs(miss);
  if (!(off > POOR_FIT_POINTS || (off > CURVE_MISS_POINTS && off > CURVE_MISS_FRACTION * listed))) return [];
  const param = (name: 'kappa' | 'theta', symbol: string, bounds: readonly [number, number]): string => {
    const x = book[name];
    const how =
      policy[name] !== undefined
        ? ` fixed by policy.${name}`
        : onBound(x, bounds)
          ? ` on its bound [${bounds[0]}, ${bounds[1]}]`
          : '';
    return `${symbol} = ${Number(x.toFixed(3))}${how}`;
  };
  const where =
    day < horizonDays
      ? `day ${day}, the last listed future's (the ${horizonDays}-day horizon lies past it),`
      : `the ${horizonDays}-day horizon`;
  return [
    `The square-root dynamics' VIX follows the curve fitted to the futures in the mean (${param('kappa', 'κ', KAPPA_BOUNDS)}, ${param('theta', 'θ', THETA_BOUNDS)}), ` +
      `which reads ${pts(fitted)} at ${where} against ${pts(listed)} on the listed futures (${pts(Math.abs(miss))} points ${miss < 0 ? 'below' : 'above'}): ` +
      "the paths' VIX centres on that curve, not on the futures. " +
      "Check the futures, fix κ or θ with policy.kappa or policy.theta, or run dynamics 'calibrated', whose paths start from the listed futures.",
  ];
}
