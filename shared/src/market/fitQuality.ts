/**
 * How well the mean-reverting curve F(τ) = θ + (VIX − θ)·e^(−κτ) fits the listed futures, in words
 * a trader acts on. Unlisted VX expiries (the tail's, when it is not among the futures given) and
 * every scenario roll are priced from this fit, so a poor fit or a parameter pinned at its bound is
 * said, not hidden (docs/market.md, "Fit quality").
 */
import { KAPPA_BOUNDS, THETA_BOUNDS } from './regime';
import { fitMeanReversion, modelFuture } from './meanReversion';
import type { TermStructure } from './types';

/**
 * Largest |listed − fitted| over the futures, VIX points, above which the fit is called poor: 10
 * points, above the worst real day of 2007-2021 (8.46 points on 2020-03-12; 99th percentile 2.98,
 * median 0.43 over 3,711 days), so it flags a typed or unit mistake, not a crisis curve.
 */
export const POOR_FIT_POINTS = 10;

/**
 * A parameter on its bound is warned about only when the fit also misses by more than this many
 * points: κ or θ sits on a bound on 627 of those 3,711 days (calm, flat curves), harmlessly.
 */
export const BOUND_WARN_POINTS = 1;

export interface FitQuality {
  /** Largest |listed − fitted| over the futures, points. */
  maxResidual: number;
  /** The expiry where it occurs. */
  worstExpiry: string;
  /** Fitted parameters at a bound of their range (least-squares fits only; one the policy fixed is not listed). */
  atBound: ('kappa' | 'theta')[];
  /** Plain-words warnings: a poor fit, a parameter at its bound. */
  warnings: string[];
}

const atEdge = (x: number, [lo, hi]: readonly [number, number]) =>
  Math.abs(x - lo) <= 1e-9 * hi || Math.abs(x - hi) <= 1e-9 * hi;

type Param = 'kappa' | 'theta';
const SYMBOL: Record<Param, string> = { kappa: 'κ', theta: 'θ' };

/** Largest |listed − fitted| over the futures of `ts` under `fit`, and where. */
function largestMiss(ts: TermStructure, fit: { kappa: number; theta: number }): { miss: number; expiry: string } {
  let miss = 0;
  let expiry = ts.points[0]?.expiry ?? ts.valuationDate;
  for (const p of ts.points) {
    const r = Math.abs(p.price - modelFuture(fit, ts.vixSpot, p.years));
    if (r > miss) {
      miss = r;
      expiry = p.expiry;
    }
  }
  return { miss, expiry };
}

/** "κ = 30 fixed by policy.kappa", "κ = 30 and θ = 50 fixed by policy.kappa and policy.theta". */
function fixedWords(fixed: Param[], values: Record<Param, number>): { what: string; fields: string } {
  return {
    what: `${fixed.map((b) => `${SYMBOL[b]} = ${values[b]}`).join(' and ')} fixed by ${fixed.map((b) => `policy.${b}`).join(' and ')}`,
    fields: fixed.map((b) => `policy.${b}`).join(' and '),
  };
}

/**
 * @example
 * // 2025-04-08 (VIX 52.33) with VX1 typed as 300: the fit misses by 249.5 points and θ sits on its lower bound
 * fitQuality(ts).warnings // ["The curve fit misses the listed futures by up to 249.5 points (2025-04-16; rmse 88.47) ...", "The fitted θ = 10 sits on its bound [10, 50] ..."]
 * @example
 * // 2020-03-16 built with policy { kappa: 30 }: the miss is the fixed κ's, not the futures'
 * fitQuality(ts).warnings // ["The curve fit misses the listed futures by up to 17.4 points (2020-04-15; rmse 7.94) with κ = 30 fixed by policy.kappa: fitted freely it misses by at most 8.0 points, ..."]
 */
export function fitQuality(ts: TermStructure): FitQuality {
  const { fit } = ts;
  const { miss: maxResidual, expiry: worstExpiry } = largestMiss(ts, fit);
  // A κ or θ the policy fixed is not fitted: never "on its bound", and named as a poor fit's cause.
  const fixed = (['kappa', 'theta'] as const).filter((b) => ts.fixed?.[b] !== undefined);
  const atBound: Param[] = [];
  if (fit.method === 'least-squares') {
    if (!fixed.includes('kappa') && atEdge(fit.kappa, KAPPA_BOUNDS)) atBound.push('kappa');
    if (!fixed.includes('theta') && atEdge(fit.theta, THETA_BOUNDS)) atBound.push('theta');
  }
  const given = fixed.length > 0 ? fixedWords(fixed, fit) : undefined;
  const warnings: string[] = [];
  if (maxResidual > POOR_FIT_POINTS) {
    const head = `The curve fit misses the listed futures by up to ${maxResidual.toFixed(1)} points (${worstExpiry}; rmse ${fit.rmse.toFixed(2)})`;
    const tail = 'unlisted expiries priced from the fit are uncertain by as much.';
    if (given === undefined) {
      warnings.push(`${head}: check the futures prices (a typing or unit mistake?); ${tail}`);
    } else {
      const free = largestMiss(ts, fitMeanReversion(ts.vixSpot, ts.points)).miss;
      warnings.push(
        free <= POOR_FIT_POINTS
          ? `${head} with ${given.what}: fitted freely it misses by at most ${free.toFixed(1)} points, so the fixed value${fixed.length > 1 ? 's are' : ' is'} the likely cause; change or leave out ${given.fields}; ${tail}`
          : `${head} with ${given.what}, and by up to ${free.toFixed(1)} points fitted freely: check the futures prices (a typing or unit mistake?) and ${given.fields}; ${tail}`,
      );
    }
  }
  for (const b of maxResidual > BOUND_WARN_POINTS ? atBound : []) {
    const [lo, hi] = b === 'kappa' ? KAPPA_BOUNDS : THETA_BOUNDS;
    warnings.push(
      given === undefined
        ? `The fitted ${SYMBOL[b]} = ${fit[b]} sits on its bound [${lo}, ${hi}]: the curve is outside what the model describes; check the futures or fix it with policy.${b}.`
        : `The fitted ${SYMBOL[b]} = ${fit[b]} sits on its bound [${lo}, ${hi}] given ${given.what}: the curve is outside what the model describes with that value; check ${given.fields} and the futures.`,
    );
  }
  return { maxResidual, worstExpiry, atBound, warnings };
}
