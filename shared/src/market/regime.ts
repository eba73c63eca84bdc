/**
 * The regime of the VIX futures curve from its front spread, and the curve policy defaults
 * (method Section 2).
 */
import { invalidInput } from '../errors';
import { checkFinite, checkNonNegative, checkPositive } from '../validate';
import type { CurvePolicy, Regime } from './types';

/**
 * Defaults: `steepSpread` 3.5 points (the middle of the source's "3-4 points"), `flatBand` 0.25
 * points (judgement). No fixed κ or θ: both are fitted.
 */
export const DEFAULT_CURVE_POLICY: Readonly<CurvePolicy> = Object.freeze({ steepSpread: 3.5, flatBand: 0.25 });

/**
 * How far (points) a spread may sit from a threshold and still count as on it. Futures are quoted in
 * ticks of 0.05 or 0.01, and their difference carries binary rounding: 16.15 − 12.65 is
 * 3.4999999999999982, which must read as the 3.5 it is.
 */
export const SPREAD_TOLERANCE = 1e-9;

/** Lower and upper bounds of the fitted κ (per year) and θ (points). */
export const KAPPA_BOUNDS = Object.freeze([0.5, 30] as const);
export const THETA_BOUNDS = Object.freeze([10, 50] as const);

/**
 * The policy with defaults filled and every field checked. κ and θ, when given, must lie inside
 * the fit's bounds.
 */
export function resolveCurvePolicy(policy?: Partial<CurvePolicy>): CurvePolicy {
  const p = policy ?? {};
  const steepSpread = checkPositive('policy.steepSpread', p.steepSpread ?? DEFAULT_CURVE_POLICY.steepSpread);
  const flatBand = checkNonNegative('policy.flatBand', p.flatBand ?? DEFAULT_CURVE_POLICY.flatBand);
  if (steepSpread <= flatBand) {
    throw invalidInput(
      'policy.steepSpread',
      `is ${steepSpread}, not above policy.flatBand ${flatBand}`,
      'pass a steep-backwardation threshold larger than the flat band (defaults 3.5 and 0.25)',
    );
  }
  const out: CurvePolicy = { steepSpread, flatBand };
  if (p.kappa !== undefined) out.kappa = checkBound('policy.kappa', p.kappa, KAPPA_BOUNDS, 'κ per year, e.g. 8');
  if (p.theta !== undefined) out.theta = checkBound('policy.theta', p.theta, THETA_BOUNDS, 'θ in VIX points, e.g. 20');
  return out;
}

function checkBound(field: string, x: number, [lo, hi]: readonly [number, number], what: string): number {
  checkFinite(field, x);
  if (x < lo || x > hi)
    throw invalidInput(field, `is ${x}, outside [${lo}, ${hi}]`, `pass ${what} between ${lo} and ${hi}`);
  return x;
}

/**
 * Regime of a front spread F1 − F2 (points): `steep-backwardation` when spread ≥ steepSpread,
 * `backwardation` when spread > flatBand, `flat` when |spread| ≤ flatBand, `contango` otherwise,
 * each comparison within `SPREAD_TOLERANCE` (a spread on a threshold counts as on it).
 * @example classifyRegime(4) // 'steep-backwardation'
 * @example classifyRegime(0.2) // 'flat'
 * @example classifyRegime(-1.5) // 'contango'
 */
export function classifyRegime(spread: number, policy?: Partial<CurvePolicy>): Regime {
  checkFinite('spread', spread);
  const { steepSpread, flatBand } = resolveCurvePolicy(policy);
  if (spread >= steepSpread - SPREAD_TOLERANCE) return 'steep-backwardation';
  if (spread > flatBand + SPREAD_TOLERANCE) return 'backwardation';
  if (spread >= -flatBand - SPREAD_TOLERANCE) return 'flat';
  return 'contango';
}
