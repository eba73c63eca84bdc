/**
 * The mean-reverting term-structure model of method Section 2: E[VIX_t] = θ + (VIX_0 − θ)·e^(−κt),
 * so a VX future expiring in τ years is worth F(τ) = θ + (VIX − θ)·e^(−κτ); κ per year, θ and
 * prices in VIX points. κ and θ are fitted to the listed curve by least squares within bounds.
 *
 * The fit: for a fixed κ the model is linear in θ (F_i − VIX·w_i = θ·(1 − w_i), w_i = e^(−κτ_i)), so
 * the best θ is closed-form and, the squared error being convex in θ, the best θ inside
 * [10, 50] is that value clamped. The profile error over κ is scanned on a log grid of 400 points
 * over [0.5, 30] and the best cell refined by golden-section search in log κ. This finds the global
 * bounded least-squares optimum up to the grid's resolution without a starting guess, and cannot
 * diverge. Unweighted residuals in points over the listed futures; the VIX point (τ = 0) is matched
 * exactly by construction.
 *
 * Ill-posed cases (method + note say which): no futures → κ = 8, θ = 20 (the method's defaults);
 * one future, or a curve flat to within 0.10 points (VIX and all futures), where κ cannot be
 * identified → κ = 8 with θ fitted by least squares (so a flat curve stays flat instead of bending
 * towards 20).
 */
import { invalidInput } from '../errors';
import { checkNonNegative, checkPositive, checkRange } from '../validate';
import { KAPPA_BOUNDS, THETA_BOUNDS } from './regime';
import type { MeanReversionFit } from './types';

/** κ (per year) and θ (points) used when the curve cannot identify them. */
export const FALLBACK_KAPPA = 8;
export const FALLBACK_THETA = 20;
/** A curve whose VIX and futures all lie within this many points is "flat": κ is not identifiable. */
export const FLAT_CURVE_TOLERANCE = 0.1;

const GRID_POINTS = 400;

/** A fit input point: time to expiry (years ACT/365, > 0) and price (points). */
export interface FitPoint {
  years: number;
  price: number;
}

/**
 * e^(−κ·years): the share of today's distance of VIX from θ a future `years` out still carries —
 * the roll-down factor of {@link modelFuture} and the sensitivity of {@link vixSensitivity}.
 * Unchecked (hot loops); the checked callers validate κ and years.
 */
export function curveDecayKernel(kappa: number, years: number): number {
  return Math.exp(-kappa * years);
}

/**
 * The model future from its roll-down factor: θ + (VIX − θ)·decay, decay = {@link curveDecayKernel}.
 * Unchecked (hot loops: the stress grid's rolled curve, the path pricer's VX futures).
 */
export function modelFutureKernel(theta: number, vix: number, decay: number): number {
  return theta + (vix - theta) * decay;
}

/**
 * Model value of a future expiring in `years`: θ + (VIX − θ)·e^(−κ·years).
 * @param fit κ per year, θ in points
 * @param vix VIX spot, points
 * @param years time to expiry, ACT/365 (≥ 0)
 * @example modelFuture({ kappa: 8, theta: 20 }, 30, 30 / 365) // 25.1813 (30-day future when VIX is 30)
 */
export function modelFuture(fit: { kappa: number; theta: number }, vix: number, years: number): number {
  if (fit === null || typeof fit !== 'object')
    throw invalidInput('fit', 'is not a fit', "pass { kappa, theta }, e.g. a term structure's fit");
  const kappa = checkPositive('kappa', fit.kappa);
  const theta = checkPositive('theta', fit.theta);
  checkPositive('vix', vix);
  checkNonNegative('years', years);
  return modelFutureKernel(theta, vix, curveDecayKernel(kappa, years));
}

/**
 * Sensitivity of the model future to VIX spot, ∂F/∂VIX = e^(−κτ) (dimensionless, in (0, 1]).
 * @example vixSensitivity(8, 30 / 365) // 0.5181
 */
export function vixSensitivity(kappa: number, years: number): number {
  checkPositive('kappa', kappa);
  checkNonNegative('years', years);
  return curveDecayKernel(kappa, years);
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Best θ for a given κ, clamped to its bounds (or the fixed θ). */
function thetaFor(kappa: number, vix: number, pts: readonly FitPoint[], fixedTheta: number | undefined): number {
  if (fixedTheta !== undefined) return fixedTheta;
  let num = 0;
  let den = 0;
  for (const p of pts) {
    const w = curveDecayKernel(kappa, p.years);
    num += (1 - w) * (p.price - vix * w);
    den += (1 - w) * (1 - w);
  }
  return clamp(den > 0 ? num / den : FALLBACK_THETA, THETA_BOUNDS[0], THETA_BOUNDS[1]);
}

function sse(kappa: number, theta: number, vix: number, pts: readonly FitPoint[]): number {
  let s = 0;
  for (const p of pts) {
    const r = modelFutureKernel(theta, vix, curveDecayKernel(kappa, p.years)) - p.price;
    s += r * r;
  }
  return s;
}

function result(
  kappa: number,
  theta: number,
  vix: number,
  pts: readonly FitPoint[],
  method: MeanReversionFit['method'],
  note: string,
): MeanReversionFit {
  const rmse = pts.length > 0 ? Math.sqrt(sse(kappa, theta, vix, pts) / pts.length) : 0;
  return { kappa, theta, rmse, method, note };
}

/**
 * Fit κ and θ of F(τ) = θ + (VIX − θ)·e^(−κτ) to listed futures by bounded least squares
 * (κ ∈ [0.5, 30] per year, θ ∈ [10, 50] points). `fixed.kappa` / `fixed.theta` pin either (both
 * pinned: method 'fixed'). See the module notes for the ill-posed fallbacks.
 * @param vix VIX spot, points
 * @param points futures as (years to expiry > 0, price > 0)
 * @example
 * // 2020-03-16: VIX 82.69, VX1..VX8 72.625 (2 days), 59.15 (30), 44.875 (65), ... 30.675 (219)
 * fitMeanReversion(82.69, [{ years: 2 / 365, price: 72.625 }, { years: 30 / 365, price: 59.15 }, ...])
 * // { kappa: 7.24, theta: 30.12, rmse: 2.87, method: 'least-squares', ... }
 */
export function fitMeanReversion(
  vix: number,
  points: readonly FitPoint[],
  fixed: { kappa?: number; theta?: number } = {},
): MeanReversionFit {
  checkPositive('vixSpot', vix);
  const list: unknown = points;
  if (!Array.isArray(list)) throw invalidInput('points', 'is not a list', 'pass a list of {years, price}');
  points.forEach((p, i) => {
    checkPositive(`points[${i}].years`, p.years);
    checkPositive(`points[${i}].price`, p.price);
  });
  const fk = fixed.kappa;
  const ft = fixed.theta;
  if (fk !== undefined) checkRange('policy.kappa', fk, KAPPA_BOUNDS[0], KAPPA_BOUNDS[1]);
  if (ft !== undefined) checkRange('policy.theta', ft, THETA_BOUNDS[0], THETA_BOUNDS[1]);

  if (fk !== undefined && ft !== undefined) {
    return result(fk, ft, vix, points, 'fixed', `κ = ${fk} and θ = ${ft} fixed by the policy`);
  }
  if (points.length === 0) {
    const k = fk ?? FALLBACK_KAPPA;
    const t = ft ?? FALLBACK_THETA;
    return result(k, t, vix, points, 'fallback', `no futures to fit: κ = ${k}, θ = ${t} (defaults)`);
  }
  let lo = vix;
  let hi = vix;
  for (const p of points) {
    lo = Math.min(lo, p.price);
    hi = Math.max(hi, p.price);
  }
  const flat = hi - lo < FLAT_CURVE_TOLERANCE;
  if (fk !== undefined) {
    const t = thetaFor(fk, vix, points, undefined);
    return result(
      fk,
      t,
      vix,
      points,
      'least-squares',
      `κ = ${fk} fixed by the policy; θ fitted${boundNote(t, THETA_BOUNDS, 'θ')}`,
    );
  }
  if ((points.length < 2 || flat) && ft === undefined) {
    const t = thetaFor(FALLBACK_KAPPA, vix, points, undefined);
    const why =
      points.length < 2
        ? 'one future cannot identify both κ and θ'
        : `the curve is flat (VIX and futures within ${FLAT_CURVE_TOLERANCE} points), so κ is not identifiable`;
    return result(
      FALLBACK_KAPPA,
      t,
      vix,
      points,
      'fallback',
      `${why}: κ = ${FALLBACK_KAPPA} (default), θ fitted${boundNote(t, THETA_BOUNDS, 'θ')}`,
    );
  }
  if (flat && ft !== undefined) {
    return result(
      FALLBACK_KAPPA,
      ft,
      vix,
      points,
      'fallback',
      `θ = ${ft} fixed by the policy; the curve is flat, so κ = ${FALLBACK_KAPPA} (default)`,
    );
  }

  const kappa = leastSquaresKappa(vix, points, ft);
  const theta = thetaFor(kappa, vix, points, ft);
  const what = ft !== undefined ? `θ = ${ft} fixed by the policy; κ fitted` : 'κ and θ fitted';
  return result(
    kappa,
    theta,
    vix,
    points,
    'least-squares',
    `${what} to ${points.length} futures by bounded least squares${boundNote(kappa, KAPPA_BOUNDS, 'κ')}${ft === undefined ? boundNote(theta, THETA_BOUNDS, 'θ') : ''}`,
  );
}

/**
 * κ of the bounded least-squares fit (θ solved in closed form at each κ and clamped, or pinned to
 * `ft`): the profile error over κ on a log grid of {@link KAPPA_BOUNDS}, refined by golden-section
 * search around the best grid point, snapped onto a bound within 1e-9.
 */
function leastSquaresKappa(vix: number, points: readonly FitPoint[], ft: number | undefined): number {
  // Profile the bounded least-squares error over κ on a log grid, then refine.
  const [kLo, kHi] = KAPPA_BOUNDS;
  const logLo = Math.log(kLo);
  const step = (Math.log(kHi) - logLo) / (GRID_POINTS - 1);
  // Profile error at log κ: one exponential per future, θ solved in closed form and clamped.
  const w = new Float64Array(points.length);
  const profile = (logK: number): number => {
    const k = Math.exp(logK);
    let num = 0;
    let den = 0;
    for (let i = 0; i < points.length; i++) {
      const p = points[i] as FitPoint;
      const wi = Math.exp(-k * p.years);
      w[i] = wi;
      num += (1 - wi) * (p.price - vix * wi);
      den += (1 - wi) * (1 - wi);
    }
    const t = ft ?? clamp(den > 0 ? num / den : FALLBACK_THETA, THETA_BOUNDS[0], THETA_BOUNDS[1]);
    let s = 0;
    for (let i = 0; i < points.length; i++) {
      const r = t + (vix - t) * (w[i] as number) - (points[i] as FitPoint).price;
      s += r * r;
    }
    return s;
  };
  let best = 0;
  let bestErr = Infinity;
  for (let i = 0; i < GRID_POINTS; i++) {
    const e = profile(logLo + i * step);
    if (e < bestErr) {
      bestErr = e;
      best = i;
    }
  }
  let a = logLo + Math.max(0, best - 1) * step;
  let b = logLo + Math.min(GRID_POINTS - 1, best + 1) * step;
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = profile(c);
  let fd = profile(d);
  for (let it = 0; it < 60; it++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = profile(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = profile(d);
    }
  }
  let logK = (a + b) / 2;
  if (profile(logK) > bestErr) logK = logLo + best * step;
  const raw = clamp(Math.exp(logK), kLo, kHi);
  // snap the last ulps of exp(log(bound)) onto the bound itself
  return Math.abs(raw - kLo) < 1e-9 * kLo ? kLo : Math.abs(raw - kHi) < 1e-9 * kHi ? kHi : raw;
}

function boundNote(x: number, [lo, hi]: readonly [number, number], name: string): string {
  const tol = 1e-6 * (hi - lo);
  if (x <= lo + tol) return `; ${name} at its lower bound ${lo}`;
  if (x >= hi - tol) return `; ${name} at its upper bound ${hi}`;
  return '';
}
