/**
 * The variance-swap vol of an SPX surface (VIX-style): the fair variance (2/T)·∫ OTM(K)/(D·K²) dK
 * over every strike, the out-of-the-money options on the surface's smile at T.
 */
import { invalidInput } from '../errors';
import { normCdf } from '../pricing/normalCdf';
import { MIN_VOL_YEARS, type SpxSurface } from './spxSurface';

/**
 * Relative tolerance of the integral: each wing is integrated outward from the money until what
 * is left beyond, at the integrand's current rate of decay, is under this share of the integral.
 */
export const VARIANCE_SWAP_TOLERANCE = 1e-10;

/** Width of a Simpson panel of the integration, as a share of the local standard deviation √w(k). */
const PANEL_SD = 1 / 25;

/** Farthest log-moneyness integrated to (K/F of e^±600; no smile of a surface has value there). */
const K_REACH = 600;

/**
 * The undiscounted out-of-the-money price over the strike, on a unit forward, at k = ln(K/F) and
 * total deviation s: the integrand in dk of the variance swap (OTM(K)/K² · dK, dK = K·dk).
 */
function otmOverStrike(k: number, s: number): number {
  if (!(s > 0)) return 0;
  const d1 = -k / s + 0.5 * s;
  const d2 = d1 - s;
  const e = Math.exp(-k);
  return k >= 0 ? e * normCdf(d1) - normCdf(d2) : normCdf(-d2) - e * normCdf(-d1);
}

/**
 * One wing's ∫ OTM/K dk from the money outward (direction ±1), by Simpson's rule on panels 1/25
 * of the local standard deviation wide. It stops where the rest, taken as falling on from there
 * exponentially at the rate of the last panel (the integrand falls outward on a smile free of
 * arbitrage, and faster than exponentially where the smile is not at its steepest), is under
 * {@link VARIANCE_SWAP_TOLERANCE} of the integral so far.
 */
function wingIntegral(w: (k: number) => number, dir: 1 | -1, floorSd: number): number {
  const at = (k: number): number => otmOverStrike(k, Math.sqrt(Math.max(w(k), 0)));
  let k = 0;
  let f = at(0);
  let sum = 0;
  while (Math.abs(k) < K_REACH) {
    const h = PANEL_SD * Math.max(Math.sqrt(Math.max(w(k), 0)), floorSd);
    const k2 = k + dir * h;
    const f2 = at(k2);
    sum += ((f + 4 * at(k + (dir * h) / 2) + f2) * h) / 6;
    if (!(f2 > 0)) break;
    const rest = f2 < f ? (f2 * h) / Math.log(f / f2) : Infinity;
    if (rest <= VARIANCE_SWAP_TOLERANCE * sum) break;
    k = k2;
    f = f2;
  }
  return sum;
}

/**
 * Variance-swap vol (VIX-style, in vol points) of a surface at `tYears`: the fair variance
 * (2/T)·∫ OTM(K)/(D·K²) dK on the model smile, over all strikes: each wing from the money outward
 * (Simpson's rule on panels 1/25 of the local standard deviation wide) until the out-of-the-money prices
 * left beyond add under {@link VARIANCE_SWAP_TOLERANCE} of the integral.
 */
export function varianceSwapVol(surface: SpxSurface, tYears: number): number {
  const t = tYears;
  if (t < MIN_VOL_YEARS) {
    throw invalidInput(
      'tYears',
      `is ${t}, under a minute (${MIN_VOL_YEARS.toPrecision(3)} years)`,
      'pass the variance swap term in years, at least a minute, e.g. 30/365',
    );
  }
  const w = (k: number): number => surface.totalVariance(t, k);
  // a step never below a tenth of the money's, so a wing whose variance dips does not stall the march
  const floorSd = 0.1 * Math.sqrt(Math.max(w(0), 1e-12));
  const variance = (2 / t) * (wingIntegral(w, -1, floorSd) + wingIntegral(w, 1, floorSd));
  return 100 * Math.sqrt(variance);
}
