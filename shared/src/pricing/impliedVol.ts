/**
 * Implied volatility for BSM and Black-76: the σ at which the model price equals a given price.
 *
 * Method (a safeguarded Householder iteration on the normalised Black function, after P. Jäckel,
 * "By Implication", Wilmott 2006, and "Let's Be Rational", Wilmott 2015 — not Jäckel's rational
 * initial guesses):
 * 1. Undiscount, strip the intrinsic value and normalise: with x = ln(F/K) ≤ 0 (an ITM price is
 *    turned into the OTM price of the other type by put–call parity on the forward, and a put at
 *    x > 0 is a call at −x), solve b(x, s) = β for the total deviation s = σ√T, where
 *    b(x, s) = e^(x/2)Φ(x/s + s/2) − e^(−x/2)Φ(x/s − s/2) and β = OTM price / √(FK).
 * 2. b has a single inflexion at s_c = √(2|x|). Below it (β < b(x, s_c)) we iterate on
 *    ψ(s) = 1/√(−2 ln b(s)), which is almost linear in s (ln b ≈ −x²/(2s²)); above it on
 *    ln(b_max − b(s)), with b_max − b computed as a sum of positive terms (no cancellation near
 *    the upper bound), except for β < 0.01·b_max, solved on b itself ({@link solveMiddle}).
 *    Initial guesses come from the leading asymptotics of each region.
 * 3. Halley steps (third order) inside a bracket that every evaluation tightens; a step that
 *    leaves the bracket is replaced by bisection. Stops after taking a step below 1e-10 relative
 *    (whose remaining error is of the order of its square or cube, below an ulp), or when the
 *    bracket is narrower than 1e-15 relative.
 */
import { noSolution } from '../errors';
import * as black from './blackFormula';
import * as normal from './normalCdf';
import { checkLevel, checkObject, checkOptionalRate, checkOptionPrice, checkType, checkYears } from './_lib/inputs';
import type { Black76ImpliedVolInput, BsImpliedVolInput } from './types';

// Module-local bindings for the hot loop (see blackFormula.ts).
const otmCallValue = black.otmCallValue;
const normCdf = normal.normCdf;
const normInv = normal.normInv;

const SQRT_2PI_INV = 0.3989422804014327;
const MAX_ITERATIONS = 60;

/** A bound in a message to 10 significant digits: the price it is compared with, without a float's noise (42.00000000000001 → 42). */
const shown = (x: number): string => String(Number(x.toPrecision(10)));
const STEP_TOLERANCE = 1e-15;
const FINAL_STEP = 1e-10;

/**
 * Normalised OTM call b(x, s) for x ≤ 0, in the cancellation-free form of the Black kernel;
 * `ex` = e^(x/2).
 */
function normalisedBlack(x: number, s: number, ex: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return otmCallValue(ex, 1 / ex, h + t, h - t);
}

/** b_max − b(x, s) = e^(x/2)Φ(−x/s − s/2) + e^(−x/2)Φ(x/s − s/2), x ≤ 0: a sum, no cancellation. */
function normalisedComplement(x: number, s: number, ex: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return ex * normCdf(-h - t) + normCdf(h - t) / ex;
}

/** ∂b/∂s = φ(x/s + s/2)·e^(x/2) = e^(−(h² + t²)/2)/√(2π). */
function normalisedVega(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return SQRT_2PI_INV * Math.exp(-0.5 * (h * h + t * t));
}

/** One safeguarded step: the Halley step if it stays inside (lo, hi), else a bisection. */
function nextIterate(s: number, step: number, lo: number, hi: number): number {
  const next = s + step;
  if (next > lo && next < hi && Number.isFinite(next)) return next;
  if (Number.isFinite(hi)) return lo > 0 ? Math.sqrt(lo * hi) : 0.5 * hi;
  return 2 * Math.max(s, lo);
}

function halleyStep(f: number, f1: number, f2: number): number {
  const newton = -f / f1;
  const denom = 1 + (0.5 * newton * f2) / f1;
  return denom > 0.5 && denom < 2 ? newton / denom : newton;
}

/**
 * True when the step about to be taken is the last one needed: a Halley (or Newton) step of
 * relative size ≤ 1e-10 leaves an error of order its cube (square), far below an ulp; or the
 * steps have stopped shrinking at the rounding level of the objective.
 */
function converged(step: number, lastStep: number, s: number, k: number): boolean {
  const a = Math.abs(step);
  return a <= FINAL_STEP * s || (k > 3 && a >= lastStep && a <= 1e-12 * s);
}

/**
 * First guess in the lower region: the cubic through ψ(0) = 0 with ψ'(0) = 1/|x| (from
 * ln b ≈ −x²/(2s²)) that matches ψ and ψ' at s_c, inverted by a few Newton steps on the cubic.
 */
function lowerGuess(x: number, psiTarget: number, sc: number, psiC: number, dpsiC: number): number {
  const g0 = -1 / x; // ψ'(0)
  // ψ ≈ g0·s + a·s² + c·s³ with ψ(s_c) = psiC, ψ'(s_c) = dpsiC.
  const r1 = (psiC - g0 * sc) / (sc * sc); // = a + c·s_c
  const r2 = (dpsiC - g0) / sc; // = 2a + 3c·s_c
  const c = (r2 - 2 * r1) / sc;
  const a = r1 - c * sc;
  let s = (psiTarget / psiC) * sc;
  for (let k = 0; k < 4; k++) {
    const p = ((c * s + a) * s + g0) * s - psiTarget;
    const dp = (3 * c * s + 2 * a) * s + g0;
    if (!(dp > 0)) break;
    s -= p / dp;
  }
  return s > 0 && s < sc ? s : (psiTarget / psiC) * sc;
}

/**
 * Lower region: solve ψ(s) = ψ*, ψ = 1/√(−2 ln b), on (0, s_c]. ψ(0) = 0 and ψ is close to
 * linear in s (see {@link lowerGuess} for the first guess).
 */
function solveLower(x: number, beta: number, sc: number, bc: number, ex: number): number {
  const psiTarget = 1 / Math.sqrt(-2 * Math.log(beta));
  const psiC = 1 / Math.sqrt(-2 * Math.log(bc));
  const dpsiC = psiC * psiC * psiC * (normalisedVega(x, sc) / bc);
  let lo = 0;
  let hi = sc;
  let s = Math.min(lowerGuess(x, psiTarget, sc, psiC, dpsiC), sc);
  let lastStep = Infinity;
  for (let k = 0; k < MAX_ITERATIONS; k++) {
    const b = normalisedBlack(x, s, ex);
    if (!(b > 0)) {
      lo = s;
      s = nextIterate(s, Infinity, lo, hi);
      continue;
    }
    const L = Math.log(b);
    const psi = 1 / Math.sqrt(-2 * L);
    const f = psi - psiTarget;
    if (f < 0) lo = s;
    else if (f > 0) hi = s;
    else return s;
    const h = x / s;
    const L1 = normalisedVega(x, s) / b;
    const L2 = L1 * ((h * h) / s - 0.25 * s - L1);
    const psi3 = psi * psi * psi;
    const f1 = psi3 * L1;
    const f2 = psi3 * (3 * psi * psi * L1 * L1 + L2);
    const step = halleyStep(f, f1, f2);
    if (converged(step, lastStep, s, k)) {
      const last = s + step;
      if (last > lo && last < hi) return last;
      // The root sits at a bracket end (within rounding of the two forms of b): keep bisecting.
    }
    lastStep = Math.abs(step);
    s = nextIterate(s, step, lo, hi);
    if (hi - lo <= STEP_TOLERANCE * hi) return s;
  }
  return s;
}

/** Upper region: solve ln(b_max − b(s)) = ln c*, on [lo, ∞). */
function solveUpper(x: number, cTarget: number, lo0: number, ex: number): number {
  const lnTarget = Math.log(cTarget);
  let lo = lo0;
  let hi = Infinity;
  const coshSum = ex + 1 / ex;
  const ratio = cTarget / coshSum; // in (0, ½) unless it underflows
  let s = ratio > 0 ? Math.max(-2 * normInv(ratio), lo0) : lo0 > 0 ? 2 * lo0 : 1;
  let lastStep = Infinity;
  for (let k = 0; k < MAX_ITERATIONS; k++) {
    const c = normalisedComplement(x, s, ex);
    if (!(c > 0)) {
      hi = s;
      s = nextIterate(s, -Infinity, lo, hi);
      continue;
    }
    const f = Math.log(c) - lnTarget; // decreasing in s
    if (f > 0) lo = s;
    else if (f < 0) hi = s;
    else return s;
    const h = x / s;
    const M1 = -normalisedVega(x, s) / c;
    const M2 = M1 * ((h * h) / s - 0.25 * s - M1);
    const step = halleyStep(f, M1, M2);
    if (converged(step, lastStep, s, k)) {
      const last = s + step;
      if (last > lo && last < hi) return last;
      // The root sits at a bracket end (within rounding of the two forms of b): keep bisecting.
    }
    lastStep = Math.abs(step);
    s = nextIterate(s, step, lo, hi);
    if (Number.isFinite(hi) && hi - lo <= STEP_TOLERANCE * hi) return s;
  }
  return s;
}

/**
 * Below this share of b_max = e^(x/2), a price above the inflexion is solved on b itself: the upper
 * region's target b_max − β keeps β only to ulp(b_max)/β, which is 1e−14 relative here and all of
 * it at β ≈ 1e−16 (an at-the-money price of 1e−15 points at a day left).
 */
const MIDDLE_BETA = 0.01;

/**
 * Middle region, near the money at a small total deviation: solve b(s) = β on [s_c, ∞), where b is
 * increasing and concave, on b itself (computed without cancellation), from the guess √(2π)·β (at
 * the money b ≈ s/√(2π), and b(x, s) ≤ b(0, s) ≤ s/√(2π), so the root is at or right of it).
 */
function solveMiddle(x: number, beta: number, sc: number, ex: number): number {
  let lo = sc;
  let hi = Infinity;
  let s = Math.max(beta / SQRT_2PI_INV, sc);
  let lastStep = Infinity;
  for (let k = 0; k < MAX_ITERATIONS; k++) {
    const f = normalisedBlack(x, s, ex) - beta;
    if (f < 0) lo = s;
    else if (f > 0) hi = s;
    else return s;
    const f1 = normalisedVega(x, s);
    const f2 = f1 * ((x * x) / (s * s * s) - 0.25 * s);
    const step = halleyStep(f, f1, f2);
    if (converged(step, lastStep, s, k)) {
      const last = s + step;
      if (last >= lo && last < hi) return last;
    }
    lastStep = Math.abs(step);
    s = nextIterate(s, step, lo, hi);
    if (Number.isFinite(hi) && hi - lo <= STEP_TOLERANCE * hi) return s;
  }
  return s;
}

/**
 * Total implied deviation s = σ√T from an undiscounted OTM price `otm` (> 0) on a forward, with
 * x = −|ln(F/K)|: the OTM option is a call at x ≤ 0. Requires 0 < otm/√(FK) < e^(x/2).
 */
function impliedStdDevOtm(x: number, beta: number): number {
  const ex = Math.exp(0.5 * x);
  const sc = Math.sqrt(-2 * x);
  const bc = x < 0 ? normalisedBlack(x, sc, ex) : 0;
  if (beta < bc) return solveLower(x, beta, sc, bc, ex);
  if (beta < MIDDLE_BETA * ex) return solveMiddle(x, beta, sc, ex);
  return solveUpper(x, ex - beta, sc, ex);
}

/**
 * The shared solver: validated inputs in, σ out. `discount` is e^(−rT); `price` the market price.
 */
function impliedVolOnForward(
  isCall: boolean,
  price: number,
  forward: number,
  strike: number,
  years: number,
  discount: number,
  underlyingLabel: string,
): number {
  const intrinsic = discount * Math.max(isCall ? forward - strike : strike - forward, 0);
  const bound = discount * (isCall ? forward : strike);
  const slack = 8 * Number.EPSILON * Math.max(price, intrinsic);
  if (price < intrinsic - slack) {
    throw noSolution(
      'price',
      `is ${price}, below the intrinsic value ${shown(intrinsic)} (${isCall ? `call: max(${underlyingLabel} − K·e^(−rT), 0)` : `put: max(K·e^(−rT) − ${underlyingLabel}, 0)`}), so no volatility reproduces it`,
      'check the price, the strike, the option type and the rates',
    );
  }
  if (price >= bound) {
    throw noSolution(
      'price',
      `is ${price}, at or above the upper bound ${shown(bound)} (${isCall ? `a call is worth less than ${underlyingLabel}` : 'a put is worth less than K·e^(−rT)'}), so no volatility reproduces it`,
      'check the price, the option type and the units of price and underlying',
    );
  }
  // Undiscounted time value = undiscounted OTM option price (parity on the forward).
  const undiscounted = price / discount;
  const otm = undiscounted - Math.max(isCall ? forward - strike : strike - forward, 0);
  if (otm <= 0) return 0; // no time value: the smallest volatility consistent with the price
  if (years === 0) {
    throw noSolution(
      'price',
      `is ${price}, above the intrinsic value ${shown(intrinsic)}, but years is 0 (at expiry an option is worth its intrinsic value)`,
      'pass the time to expiry in years, or the price at expiry',
    );
  }
  const x = -Math.abs(Math.log(forward / strike));
  const beta = otm / Math.sqrt(forward * strike);
  const bmax = Math.exp(0.5 * x);
  if (!(beta < bmax)) {
    // Only reachable through rounding at the upper bound.
    throw noSolution('price', `is ${price}, at the upper bound ${shown(bound)} within rounding`, 'check the price');
  }
  const s = impliedStdDevOtm(x, beta);
  const vol = s / Math.sqrt(years);
  if (!Number.isFinite(vol)) {
    throw noSolution(
      'price',
      `is ${price}: no finite volatility reproduces it`,
      'check the price and the time to expiry',
    );
  }
  return vol;
}

/**
 * BSM implied volatility (decimal) of a European option on an index with continuous dividend
 * yield. Iterates to full double precision, so the round trip bsImpliedVol(bsPrice(σ)) returns σ
 * to the accuracy the price carries: ≤ 1e-13 relative for out-of-the-money prices, ≤ 1e-12 in σ
 * wherever one ulp of the price pins σ to 1e-13 (docs/pricing.md states the rule).
 *
 * - price equal to the intrinsic value (no time value): returns 0.
 * - price below intrinsic, or at/above the upper bound (S·e^(−qT) for a call, K·e^(−rT) for a
 *   put): throws AlvhError `no_solution` on field `price`, giving the bound's value.
 * - years = 0 with a price above intrinsic: `no_solution`.
 * - the result may exceed 5 (500%) when the price implies it; pricing functions reject such vols.
 *
 * @param i type, price (points), spot, strike (points), years (ACT/365), rate, divYield (decimals, default 0)
 * @returns implied volatility as a decimal
 * @throws AlvhError `invalid_input` (bad field) or `no_solution` (price outside the no-arbitrage bounds)
 * @example
 * bsImpliedVol({ type: 'call', price: 4.759422392871535, spot: 42, strike: 40, years: 0.5, rate: 0.1 }); // 0.2000000000000001
 * @see P. Jäckel, "Let's Be Rational", Wilmott (2015) 40–53 (normalisation and region split)
 */
export function bsImpliedVol(i: BsImpliedVolInput): number {
  checkObject('input', i);
  const isCall = checkType('type', i.type) === 'call';
  const price = checkOptionPrice('price', i.price);
  const spot = checkLevel('spot', i.spot);
  const strike = checkLevel('strike', i.strike);
  const years = checkYears('years', i.years);
  const rate = checkOptionalRate('rate', i.rate);
  const divYield = checkOptionalRate('divYield', i.divYield);
  const forward = spot * Math.exp((rate - divYield) * years);
  return impliedVolOnForward(isCall, price, forward, strike, years, Math.exp(-rate * years), 'S·e^(−qT)');
}

/**
 * Black-76 implied volatility (decimal) of a European option on a future (VIX options). Same
 * method, accuracy and errors as {@link bsImpliedVol}; the upper bound of a call is F·e^(−rT).
 *
 * @param i type, price (points), future, strike (points), years (ACT/365), rate (decimal, default 0)
 * @returns implied volatility as a decimal
 * @throws AlvhError `invalid_input` or `no_solution` on field `price`
 * @example
 * black76ImpliedVol({ type: 'put', price: 1.1166414565589433, future: 20, strike: 20, years: 4 / 12, rate: 0.09 }); // 0.2499999999999998
 */
export function black76ImpliedVol(i: Black76ImpliedVolInput): number {
  checkObject('input', i);
  const isCall = checkType('type', i.type) === 'call';
  const price = checkOptionPrice('price', i.price);
  const future = checkLevel('future', i.future);
  const strike = checkLevel('strike', i.strike);
  const years = checkYears('years', i.years);
  const rate = checkOptionalRate('rate', i.rate);
  return impliedVolOnForward(isCall, price, future, strike, years, Math.exp(-rate * years), 'F·e^(−rT)');
}
