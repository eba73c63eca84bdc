/**
 * Batch BSM pricing for whole chains: typed arrays in, typed arrays out, no allocation and no
 * checks in the loop (validate once with {@link checkBatch}). Same formulas and conventions as
 * {@link bsGreeks}: price through the cancellation-free Black kernel, delta and gamma per point,
 * vega per vol point, theta per calendar day, rho per 1% of the rate.
 */
import { invalidInput } from '../errors';
import * as normal from '../pricing/normalCdf';
import * as fast from '../pricing/expBounded';
import { MIN_STDDEV } from '../pricing/_lib/inputs';

// Module-local bindings for the hot loop (see blackFormula.ts).
const SIXTEENTHS = normal.EXP_HALF_SQUARE_SIXTEENTHS;
const expBounded = fast.expBounded;
const normCdfCentral = normal.normCdfCentral;
const normTailScaled = normal.normTailScaled;
const CENTRAL = normal.NORM_CENTRAL_LIMIT;

const INV_SQRT_2PI = 0.3989422804014327;
const PER_DAY = 1 / 365;

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
 * takes the strictly positive case only (vol·√years ≥ 1e-150; {@link bsGreeks} prices the limit).
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
    if (!(v * Math.sqrt(t) >= MIN_STDDEV)) {
      bad(
        'vol',
        k,
        v,
        `price this option with bsGreeks: vol·√years is below ${MIN_STDDEV}, the payoff's limit, which the batch kernel does not take`,
      );
    }
    const r = i.rate[k]!;
    if (!(r >= -1 && r <= 1)) bad('rate', k, r, 'pass the rate as a decimal, e.g. 0.045');
    const q = i.divYield[k]!;
    if (!(q >= -1 && q <= 1)) bad('divYield', k, q, 'pass the yield as a decimal, e.g. 0.013');
  }
  return n;
}

/**
 * Prices n options and their Greeks into `o` (unchecked; see {@link checkBatch}).
 *
 * Same formulas and branches as {@link bsGreeks} (price through the cancellation-free Black
 * kernel), arranged so that each option costs three exponentials and one logarithm: the forward
 * S·e^((r−q)T) and the discount e^(−rT) (e^(−qT) is their ratio times S; the discount by the
 * table-driven {@link expBounded}), ln(F/K), and one
 * Gaussian factor X = F·e^(−d1²/2) = K·e^(−d2²/2) shared by the price, φ(d1), Φ(±d1) and
 * Φ(±d2): in the tails Φ(−|d|) = e^(−d²/2)·S(|d|) with Cody's scaled tail S, a rational
 * function without any exponential; near the money Φ(d) − ½ is Cody's central rational form. No
 * allocation, no closures, no polymorphic call in the loop. Prices equal `bsPrice` to within
 * 1e-12 relative, Greeks `bsGreeks` to within 1e-12 (relative, or absolute below 1).
 */
export function bsGreeksBatch(i: BatchInput, o: BatchOutput, n = i.spot.length): void {
  const isCall = i.isCall;
  const spot = i.spot;
  const strike = i.strike;
  const years = i.years;
  const vol = i.vol;
  const rate = i.rate;
  const divYield = i.divYield;
  const price = o.price;
  const delta = o.delta;
  const gamma = o.gamma;
  const vega = o.vega;
  const theta = o.theta;
  const rho = o.rho;
  // The last option's years, rate and yield and what depends on them alone: a chain lists its
  // options expiry by expiry, so most options reuse them (bit-for-bit the same values).
  let lastT = NaN;
  let lastR = NaN;
  let lastQ = NaN;
  let growth = 0; // e^((r−q)T)
  let dr = 0; // e^(−rT)
  let sqT = 0;
  for (let k = 0; k < n; k++) {
    const S = spot[k]!;
    const K = strike[k]!;
    const T = years[k]!;
    const sig = vol[k]!;
    const r = rate[k]!;
    const q = divYield[k]!;
    const call = isCall[k] === 1;
    if (T !== lastT || r !== lastR || q !== lastQ) {
      growth = Math.exp((r - q) * T);
      dr = expBounded(-r * T);
      sqT = Math.sqrt(T);
      lastT = T;
      lastR = r;
      lastQ = q;
    }
    const F = S * growth;
    const dq = (F * dr) / S;
    const sd = sig * sqT;
    const d1 = Math.log(F / K) / sd + 0.5 * sd;
    const d2 = d1 - sd;
    const a1 = d1 < 0 ? -d1 : d1;
    const a2 = d2 < 0 ? -d2 : d2;
    // e^(−d1²/2) as expHalfSquare computes it (inlined): the square of a1's first 4 fractional
    // bits is exact and its factor tabulated, the remainder goes through one exponential.
    // Beyond 40 it underflows to 0.
    let e1 = 0;
    if (a1 < 40) {
      const j = (a1 * 16) | 0;
      const y16 = j * 0.0625;
      e1 = SIXTEENTHS[j]! * expBounded(-0.5 * ((a1 - y16) * (a1 + y16)));
    }
    const X = F * e1; // = K·e^(−d2²/2)
    // Φ(d) − ½ (c) near the money, the scaled tail S(|d|) (s) beyond; Φ(d) and Φ(−d).
    let c1 = 0;
    let s1 = 0;
    let p1: number;
    let m1: number;
    if (a1 <= CENTRAL) {
      c1 = normCdfCentral(d1);
      p1 = 0.5 + c1;
      m1 = 0.5 - c1;
    } else {
      s1 = normTailScaled(a1);
      const t = e1 * s1;
      p1 = d1 > 0 ? 1 - t : t;
      m1 = d1 > 0 ? t : 1 - t;
    }
    let c2 = 0;
    let s2 = 0;
    let p2: number;
    let m2: number;
    if (a2 <= CENTRAL) {
      c2 = normCdfCentral(d2);
      p2 = 0.5 + c2;
      m2 = 0.5 - c2;
    } else {
      s2 = normTailScaled(a2);
      const t = (X / K) * s2;
      p2 = d2 > 0 ? 1 - t : t;
      m2 = d2 > 0 ? t : 1 - t;
    }
    // The out-of-the-money option (otmCallValue in blackFormula.ts, with its three forms).
    let otm: number;
    const otmIsCall = F < K;
    if (otmIsCall) {
      if (d1 < -CENTRAL) otm = X * (s1 - s2);
      else if (d2 >= -CENTRAL && d1 <= CENTRAL) otm = 0.5 * (F - K) + F * c1 - K * c2;
      else otm = (d1 > CENTRAL ? F - X * s1 : 0.5 * F + F * c1) - (d2 < -CENTRAL ? X * s2 : 0.5 * K + K * c2);
    } else if (d2 > CENTRAL) otm = X * (s2 - s1);
    else if (d1 <= CENTRAL && d2 >= -CENTRAL) otm = 0.5 * (K - F) - K * c2 + F * c1;
    else otm = (d2 < -CENTRAL ? K - X * s2 : 0.5 * K - K * c2) - (d1 > CENTRAL ? X * s1 : 0.5 * F - F * c1);
    if (!(otm > 0)) otm = 0;
    let undiscounted = otm;
    if (call !== otmIsCall) {
      // In the money: intrinsic + the other type's out-of-the-money value, capped by F or K.
      const v = (call ? F - K : K - F) + otm;
      const bound = call ? F : K;
      undiscounted = v < bound ? v : bound;
    }
    const pdf = INV_SQRT_2PI * e1;
    const Sdq = S * dq;
    const volTerm = (Sdq * pdf * sig) / (2 * sqT);
    const Kdr = K * dr;
    price[k] = dr * undiscounted;
    gamma[k] = (dq * pdf) / (S * sd);
    vega[k] = Sdq * pdf * sqT * 0.01;
    if (call) {
      delta[k] = dq * p1;
      theta[k] = (-volTerm - r * Kdr * p2 + q * Sdq * p1) * PER_DAY;
      rho[k] = Kdr * T * p2 * 0.01;
    } else {
      delta[k] = -dq * m1;
      theta[k] = (-volTerm + r * Kdr * m2 - q * Sdq * m1) * PER_DAY;
      rho[k] = -Kdr * T * m2 * 0.01;
    }
  }
}

/**
 * Black-76 prices and Greeks of n options on futures into `o` (unchecked; see {@link checkBatch}):
 * `i.spot` holds the futures and `i.divYield` the rate, as `i.rate` does. BSM with q = r is Black-76
 * for the price, delta, gamma, vega and theta; rho is Black-76's, −T·price per 1% with the future
 * held fixed (BSM's would carry the forward with the rate), as {@link black76Greeks} gives it.
 */
export function black76GreeksBatch(i: BatchInput, o: BatchOutput, n = i.spot.length): void {
  bsGreeksBatch(i, o, n);
  const years = i.years;
  const price = o.price;
  const rho = o.rho;
  // `+ 0` turns −0 into 0, as black76Greeks does.
  for (let k = 0; k < n; k++) rho[k] = (-years[k]! * price[k]!) / 100 + 0;
}
