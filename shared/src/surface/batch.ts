/**
 * Batch BSM pricing for whole chains: typed arrays in, typed arrays out, no allocation and no
 * checks in the loop (validate once with {@link checkBatch}). Same formulas and conventions as
 * {@link bsGreeks}: price through the cancellation-free Black kernel, delta and gamma per point,
 * vega per vol point, theta per calendar day, rho per 1% of the rate.
 */
import { invalidInput } from '../errors';
import * as black from '../pricing/blackFormula';
import * as normal from '../pricing/normalCdf';

// Module-local bindings for the hot loop (see blackFormula.ts).
const otmCallValue = black.otmCallValue;
const normCdf = normal.normCdf;

const INV_SQRT_2PI = 0.3989422804014327;

export interface BatchInput {
  /** 1 for a call, 0 for a put. */
  isCall: Uint8Array;
  spot: Float64Array;
  strike: Float64Array;
  years: Float64Array;
  vol: Float64Array;
  rate: Float64Array;
  divYield: Float64Array;
}

export interface BatchOutput {
  price: Float64Array;
  delta: Float64Array;
  gamma: Float64Array;
  vega: Float64Array;
  theta: Float64Array;
  rho: Float64Array;
}

/** Allocates the output arrays for n options. */
export function batchOutput(n: number): BatchOutput {
  return {
    price: new Float64Array(n),
    delta: new Float64Array(n),
    gamma: new Float64Array(n),
    vega: new Float64Array(n),
    theta: new Float64Array(n),
    rho: new Float64Array(n),
  };
}

/**
 * Checks a batch once: equal lengths, and every value in the domain of {@link bsGreeks} (levels
 * in [1e-8, 1e12], years in (0, 100], vol in (0, 5], |rate|, |divYield| ≤ 1). The kernel itself
 * takes the strictly positive case only (years > 0, vol > 0).
 *
 * @throws AlvhError `invalid_input` naming the array and index of the first bad value
 */
export function checkBatch(i: BatchInput, o: BatchOutput): number {
  const n = i.spot.length;
  for (const [name, a] of Object.entries(i) as [string, ArrayLike<number>][]) {
    if (a.length !== n)
      throw invalidInput(name, `has ${a.length} values, spot has ${n}`, 'pass arrays of equal length');
  }
  for (const [name, a] of Object.entries(o) as [string, ArrayLike<number>][]) {
    if (a.length < n)
      throw invalidInput(`out.${name}`, `has room for ${a.length} values, not ${n}`, 'allocate with batchOutput(n)');
  }
  const bad = (name: string, k: number, v: number, fix: string): never => {
    throw invalidInput(`${name}[${k}]`, `is ${v}`, fix);
  };
  for (let k = 0; k < n; k++) {
    const c = i.isCall[k]!;
    if (c !== 0 && c !== 1) bad('isCall', k, c, 'pass 1 for a call, 0 for a put');
    const s = i.spot[k]!;
    if (!(s >= 1e-8 && s <= 1e12)) bad('spot', k, s, 'pass the index level in points');
    const x = i.strike[k]!;
    if (!(x >= 1e-8 && x <= 1e12)) bad('strike', k, x, 'pass the strike in points');
    const t = i.years[k]!;
    if (!(t > 0 && t <= 100)) bad('years', k, t, 'pass the time to expiry in years (> 0), e.g. 30/365');
    const v = i.vol[k]!;
    if (!(v > 0 && v <= 5)) bad('vol', k, v, 'pass the vol as a decimal in (0, 5], e.g. 0.18');
    const r = i.rate[k]!;
    if (!(r >= -1 && r <= 1)) bad('rate', k, r, 'pass the rate as a decimal, e.g. 0.045');
    const q = i.divYield[k]!;
    if (!(q >= -1 && q <= 1)) bad('divYield', k, q, 'pass the yield as a decimal, e.g. 0.013');
  }
  return n;
}

/**
 * Prices n options and their Greeks into `o` (unchecked; see {@link checkBatch}).
 * Equals {@link bsGreeks} to within a few ulps per field.
 */
export function bsGreeksBatch(i: BatchInput, o: BatchOutput, n = i.spot.length): void {
  const { isCall, spot, strike, years, vol, rate, divYield } = i;
  const { price, delta, gamma, vega, theta, rho } = o;
  for (let k = 0; k < n; k++) {
    const S = spot[k]!;
    const K = strike[k]!;
    const T = years[k]!;
    const sig = vol[k]!;
    const r = rate[k]!;
    const q = divYield[k]!;
    const call = isCall[k] === 1;
    const dr = Math.exp(-r * T);
    const dq = Math.exp(-q * T);
    const F = (S * dq) / dr;
    const sqT = Math.sqrt(T);
    const sd = sig * sqT;
    const d1 = Math.log(F / K) / sd + 0.5 * sd;
    const d2 = d1 - sd;
    // The Black kernel's out-of-the-money value (as in blackFormula), then parity for the ITM side.
    const otm = F < K ? otmCallValue(F, K, d1, d2) : otmCallValue(K, F, -d2, -d1);
    let undiscounted: number;
    if (call === F < K) undiscounted = otm;
    else {
      const v = (call ? F - K : K - F) + otm;
      const bound = call ? F : K;
      undiscounted = v < bound ? v : bound;
    }
    const p = dr * undiscounted;
    const pdf = INV_SQRT_2PI * Math.exp(-0.5 * d1 * d1);
    const Sdq = S * dq;
    const volTerm = (Sdq * pdf * sig) / (2 * sqT);
    price[k] = p;
    gamma[k] = (dq * pdf) / (S * sd);
    vega[k] = (Sdq * pdf * sqT) / 100;
    if (call) {
      const n1 = normCdf(d1);
      const n2 = normCdf(d2);
      delta[k] = dq * n1;
      theta[k] = (-volTerm - r * K * dr * n2 + q * Sdq * n1) / 365;
      rho[k] = (K * T * dr * n2) / 100;
    } else {
      const n1 = normCdf(-d1);
      const n2 = normCdf(-d2);
      delta[k] = -dq * n1;
      theta[k] = (-volTerm + r * K * dr * n2 - q * Sdq * n1) / 365;
      rho[k] = (-K * T * dr * n2) / 100;
    }
  }
}
