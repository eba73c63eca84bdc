/**
 * The standard normal distribution: density, cumulative distribution and its inverse, accurate to
 * double precision in both tails (the tails price far out-of-the-money VIX calls and SPX puts).
 *
 * Sources:
 * - W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969),
 *   631–637, in the form of ACM TOMS Algorithm 715 (ANORM) as used by R's `pnorm` (nmath/pnorm.c).
 * - M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
 *   Applied Statistics 37 (1988), 477–484 (PPND16, ~1e-16 relative), as used by R's `qnorm`.
 */

import { invalidInput } from '../errors';

const SQRT_2PI_INV = 0.3989422804014327; // 1/√(2π)
const SQRT_32 = 5.656854249492381; // √32

// Cody's coefficients (R nmath/pnorm.c).
const A0 = 2.2352520354606837;
const A1 = 161.02823106855587;
const A2 = 1067.6894854603709;
const A3 = 18154.98125334356;
const A4 = 0.06568233791820745;
const B0 = 47.202581904688245;
const B1 = 976.0985517377767;
const B2 = 10260.932208618979;
const B3 = 45507.78933502673;
const C0 = 0.39894151208813466;
const C1 = 8.883149794388377;
const C2 = 93.50665613217785;
const C3 = 597.2702763948002;
const C4 = 2494.5375852903726;
const C5 = 6848.190450536283;
const C6 = 11602.65143764735;
const C7 = 9842.714838383978;
const C8 = 1.0765576773720192e-8;
const D0 = 22.266688044328117;
const D1 = 235.387901782625;
const D2 = 1519.3775994075547;
const D3 = 6485.558298266761;
const D4 = 18615.571640885097;
const D5 = 34900.95272114598;
const D6 = 38912.00328609327;
const D7 = 19685.429676859992;
const P0 = 0.215898534057957;
const P1 = 0.12740116116024736;
const P2 = 0.022235277870649807;
const P3 = 0.0014216191932278934;
const P4 = 0.000029112874951168793;
const P5 = 0.023073441764940174;
const Q0 = 1.284260096144911;
const Q1 = 0.4682382124808651;
const Q2 = 0.06598813786892856;
const Q3 = 0.0037823963320275824;
const Q4 = 0.00007297515550839662;

/**
 * e^(−(k/16)²/2) for k = 0..639: the exact-argument factor of {@link expHalfSquare} for y < 40
 * (read directly by the batch kernel's loop). @internal
 */
export const EXP_HALF_SQUARE_SIXTEENTHS = (() => {
  const t = new Float64Array(640);
  for (let k = 0; k < t.length; k++) {
    const ysq = k / 16;
    t[k] = Math.exp(-ysq * ysq * 0.5);
  }
  return t;
})();

/**
 * e^(−y²/2) without the rounding error of squaring y: y is split into a part with 4
 * fractional bits (whose square is exact) and a small remainder (Cody's device). The first factor
 * comes from a table of the same values for y < 40, which saves one exponential per call.
 */
export function expHalfSquare(y: number): number {
  const a = Math.abs(y);
  const k = Math.trunc(a * 16);
  const ysq = k / 16;
  const del = (a - ysq) * (a + ysq);
  const first = k < 640 ? EXP_HALF_SQUARE_SIXTEENTHS[k]! : Math.exp(-ysq * ysq * 0.5);
  return first * Math.exp(-del * 0.5);
}

/** |x| at or below which Φ uses the central rational form (Φ⁻¹(3/4)). */
export const NORM_CENTRAL_LIMIT = 0.67448975;

/**
 * Φ(x) − 1/2 for |x| ≤ {@link NORM_CENTRAL_LIMIT}, without the rounding of adding 1/2 (Cody's
 * central rational form x·R(x²)). Internal kernel of the Black formula near the money.
 */
export function normCdfCentral(x: number): number {
  const xsq = x * x;
  let xnum = A4 * xsq;
  let xden = xsq;
  xnum = (xnum + A0) * xsq;
  xden = (xden + B0) * xsq;
  xnum = (xnum + A1) * xsq;
  xden = (xden + B1) * xsq;
  xnum = (xnum + A2) * xsq;
  xden = (xden + B2) * xsq;
  return (x * (xnum + A3)) / (xden + B3);
}

/**
 * The scaled upper tail Φ(−y)·e^(y²/2) for y > {@link NORM_CENTRAL_LIMIT} (√(2π) times the Mills
 * ratio), from Cody's rational forms without any exponential; accurate for every such y (no
 * underflow). Internal kernel of the far out-of-the-money Black formula.
 */
export function normTailScaled(y: number): number {
  if (y <= SQRT_32) {
    let xnum = C8 * y;
    let xden = y;
    xnum = (xnum + C0) * y;
    xden = (xden + D0) * y;
    xnum = (xnum + C1) * y;
    xden = (xden + D1) * y;
    xnum = (xnum + C2) * y;
    xden = (xden + D2) * y;
    xnum = (xnum + C3) * y;
    xden = (xden + D3) * y;
    xnum = (xnum + C4) * y;
    xden = (xden + D4) * y;
    xnum = (xnum + C5) * y;
    xden = (xden + D5) * y;
    xnum = (xnum + C6) * y;
    xden = (xden + D6) * y;
    return (xnum + C7) / (xden + D7);
  }
  const xsq = 1 / (y * y);
  let xnum = P5 * xsq;
  let xden = xsq;
  xnum = (xnum + P0) * xsq;
  xden = (xden + Q0) * xsq;
  xnum = (xnum + P1) * xsq;
  xden = (xden + Q1) * xsq;
  xnum = (xnum + P2) * xsq;
  xden = (xden + Q2) * xsq;
  xnum = (xnum + P3) * xsq;
  xden = (xden + Q3) * xsq;
  const r = (xsq * (xnum + P4)) / (xden + Q4);
  return (SQRT_2PI_INV - r) / y;
}

/**
 * Standard normal cumulative distribution Φ(x) = P(Z ≤ x).
 *
 * Relative error about 1e-15 or better over the whole range, including the lower tail down to
 * Φ(−37.5) ≈ 4.6e-308 (below that the result underflows to 0); Φ(x) = 1 for x > 8.29 (the
 * complement is then below half an ulp of 1). Use `normCdf(-x)` rather than `1 - normCdf(x)` for
 * upper tails. ±Infinity give 0 and 1.
 *
 * @param x standard normal deviate (dimensionless)
 * @returns probability in [0, 1]
 * @throws AlvhError `invalid_input` on field `x` for NaN
 * @example
 * normCdf(0);    // 0.5
 * normCdf(-1);   // 0.15865525393145705
 * normCdf(-10);  // 7.619853024160527e-24
 * @see W. J. Cody (1969) and ACM TOMS 715; R's nmath/pnorm.c
 */
export function normCdf(x: number): number {
  const y = Math.abs(x);
  if (y <= NORM_CENTRAL_LIMIT) return 0.5 + normCdfCentral(x);
  if (Number.isNaN(x)) throw invalidInput('x', 'is NaN, not a number', 'pass a number (±Infinity give 0 and 1)');
  const tail = y < 37.5193 ? expHalfSquare(y) * normTailScaled(y) : 0; // Φ(−|x|)
  return x > 0 ? 1 - tail : tail;
}

/**
 * Standard normal density φ(x) = e^(−x²/2)/√(2π), with the exponent computed without the
 * rounding error of x² (relative error ~1e-16 even where φ is tiny).
 *
 * @param x standard normal deviate
 * @returns density (per unit of x); 0 at ±Infinity
 * @throws AlvhError `invalid_input` on field `x` for NaN
 * @example
 * normPdf(0); // 0.3989422804014327
 */
export function normPdf(x: number): number {
  const y = Math.abs(x);
  if (y > 38.6) return 0; // φ(38.6) < 1e-324
  if (Number.isNaN(x)) throw invalidInput('x', 'is NaN, not a number', 'pass a number');
  return SQRT_2PI_INV * expHalfSquare(y);
}

// Wichura AS 241 (PPND16) coefficients.
const WA = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087,
  33430.57558358813, 2509.0809287301227,
] as const;
const WB = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943,
  5226.495278852854,
] as const;
const WC = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506,
  0.022723844989269184, 0.0007745450142783414,
] as const;
const WD = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
] as const;
const WE = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
] as const;
const WF = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 0.000018463183175100548,
  1.421511758316446e-7, 2.0442631033899397e-15,
] as const;

function poly7(c: readonly [number, number, number, number, number, number, number, number], r: number): number {
  return ((((((c[7] * r + c[6]) * r + c[5]) * r + c[4]) * r + c[3]) * r + c[2]) * r + c[1]) * r + c[0];
}

/**
 * Inverse of the standard normal distribution: the x with Φ(x) = p.
 *
 * Wichura's AS 241 (relative error ~1e-16), followed in the tails (p < 0.075 or p > 0.925) by one
 * Halley step on Φ, so the result is consistent with {@link normCdf} to a few ulps.
 *
 * @param p probability, strictly between 0 and 1 (the quantiles of 0 and 1 are infinite)
 * @returns standard normal deviate
 * @throws AlvhError `invalid_input` on field `p` for p ≤ 0, p ≥ 1 or NaN
 * @example
 * normInv(0.975);  // 1.9599639845400538
 * normInv(1e-300); // -37.0470962993612
 * @see M. J. Wichura, Applied Statistics 37 (1988) 477–484; R's nmath/qnorm.c
 */
export function normInv(p: number): number {
  if (!(p > 0 && p < 1)) {
    throw invalidInput(
      'p',
      `is ${p}, not strictly between 0 and 1`,
      'pass a probability such as 0.975 (0 and 1 have infinite quantiles)',
    );
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly7(WA, r)) / poly7(WB, r);
  }
  const lower = q < 0;
  const pt = lower ? p : 1 - p; // the tail probability, exact for p < 0.5
  let r = Math.sqrt(-Math.log(pt));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = poly7(WC, r) / poly7(WD, r);
  } else {
    r -= 5;
    x = poly7(WE, r) / poly7(WF, r);
  }
  // x > 0 solves Φ(−x) = pt. One Halley step on f(x) = Φ(−x) − pt.
  const f = normCdf(-x) - pt;
  const phi = normPdf(x);
  if (phi > 0) {
    const u = f / phi; // Newton step (f' = −φ)
    x += u / (1 - 0.5 * x * u);
  }
  return lower ? -x : x;
}
