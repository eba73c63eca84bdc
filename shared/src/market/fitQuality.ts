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

/**
 * A future after the first is named as off the curve when the curve fitted to the other futures
 * misses it by at least this many points and by at least {@link OFF_CURVE_RATIO} times their own rms
 * miss from that curve. Over the 3,809 days of VX1-VX8 history (quantintell 2007-2021 and the
 * 2024 and 2025 manumartinb episodes) no future meets both: the nearest are 2008-10-20's VX3, 4.72
 * points off with the others within 0.56 rms, and 2020-09-03's VX2 (the election month), 6.54 off
 * with the others within 1.36; a future moved 6 points on any of those days is named on 96% of
 * them (docs/market.md, "Fit quality").
 */
export const OFF_CURVE_POINTS = 5;

/** How many times the other futures' rms miss a future named off the curve is missed by at least. */
export const OFF_CURVE_RATIO = 5;

/**
 * The fewest futures the off-curve rule reads. On a shorter curve the others' fit is too loose to
 * tell a typo from a stress day's real shape: on the history's first 4 futures the rule named 2 real
 * days (2008-10-20 and 2020-03-12, VX2), on the first 5 or 6 one (2008-10-20), on 7 or 8 none.
 */
export const OFF_CURVE_MIN_FUTURES = 7;

/** A future far off the curve the other futures fit: a stale or mistyped price, most likely. */
export interface OffCurveFuture {
  expiry: string;
  price: number;
  /** Its value on the curve fitted to the other futures, points. */
  fitted: number;
  /** The other futures' rms miss from that curve, points. */
  othersRms: number;
}

export interface FitQuality {
  /** Largest |listed − fitted| over the futures, points. */
  maxResidual: number;
  /** The expiry where it occurs. */
  worstExpiry: string;
  /** Fitted parameters at a bound of their range (least-squares fits only; one the policy fixed is not listed). */
  atBound: ('kappa' | 'theta')[];
  /** The future after the first that the others' curve misses by far the most, when one does ({@link OFF_CURVE_POINTS}). */
  offCurve?: OffCurveFuture;
  /** Plain-words warnings: a poor fit, a future off the curve, a parameter at its bound. */
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

/**
 * The future after the first that the curve fitted to the others misses by {@link OFF_CURVE_POINTS}
 * points or more and {@link OFF_CURVE_RATIO} times their rms miss, the largest such miss; undefined
 * when none does. The front future is not read: on a stress day it parts from the model by itself
 * (2015-08-24: VX1 3.3 points off the curve the other seven fit, their rms 0.08; 2020-03-12 10.0).
 */
function offCurveFuture(ts: TermStructure): OffCurveFuture | undefined {
  if (ts.points.length < OFF_CURVE_MIN_FUTURES) return undefined;
  let found: (OffCurveFuture & { miss: number }) | undefined;
  ts.points.forEach((pt, i) => {
    if (i === 0) return;
    const others = ts.points.filter((_, j) => j !== i);
    const fit = fitMeanReversion(ts.vixSpot, others, ts.fixed);
    const fitted = modelFuture(fit, ts.vixSpot, pt.years);
    const miss = Math.abs(pt.price - fitted);
    const othersRms = Math.sqrt(
      others.reduce((a, o) => a + (o.price - modelFuture(fit, ts.vixSpot, o.years)) ** 2, 0) / others.length,
    );
    if (miss >= OFF_CURVE_POINTS && miss >= OFF_CURVE_RATIO * othersRms && miss > (found?.miss ?? 0))
      found = { expiry: pt.expiry, price: pt.price, fitted, othersRms, miss };
  });
  if (found === undefined) return undefined;
  const { miss: _miss, ...out } = found;
  return out;
}

/** The warning naming a future off the curve (VXn: the n-th future given), and what to check. */
export function offCurveWarning(ts: TermStructure, f: OffCurveFuture): string {
  const n = ts.points.findIndex((pt) => pt.expiry === f.expiry) + 1;
  const off = f.price - f.fitted;
  return `VX${n} (${f.expiry}) at ${f.price} sits ${Math.abs(off).toFixed(1)} points ${off < 0 ? 'below' : 'above'} the curve the other futures fit (${f.fitted.toFixed(2)} there; they sit within ${f.othersRms.toFixed(2)} points rms of it): check it is that day's settlement, not a stale or mistyped price; it is read as given (the fit's rmse ${ts.fit.rmse.toFixed(2)} with it).`;
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
  const offCurve = offCurveFuture(ts);
  if (offCurve !== undefined) warnings.push(offCurveWarning(ts, offCurve));
  for (const b of maxResidual > BOUND_WARN_POINTS ? atBound : []) {
    const [lo, hi] = b === 'kappa' ? KAPPA_BOUNDS : THETA_BOUNDS;
    warnings.push(
      given === undefined
        ? `The fitted ${SYMBOL[b]} = ${fit[b]} sits on its bound [${lo}, ${hi}]: the curve is outside what the model describes; check the futures or fix it with policy.${b}.`
        : `The fitted ${SYMBOL[b]} = ${fit[b]} sits on its bound [${lo}, ${hi}] given ${given.what}: the curve is outside what the model describes with that value; check ${given.fields} and the futures.`,
    );
  }
  return { maxResidual, worstExpiry, atBound, ...(offCurve === undefined ? {} : { offCurve }), warnings };
}
