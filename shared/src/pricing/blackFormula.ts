/**
 * The Black formula on a forward: the undiscounted value of a European option whose underlying is
 * lognormal with total standard deviation `stdDev` = σ√T. Both engines (BSM and Black-76) and
 * the Monte Carlo and scenario grids price through this kernel.
 */
import * as normal from './normalCdf';

// Module-local bindings: some module loaders (CommonJS interop in tsx, vite-node) turn every
// access of an imported binding into a property read through a getter, which costs more than
// the arithmetic in this hot path.
const expHalfSquare = normal.expHalfSquare;
const normCdfCentral = normal.normCdfCentral;
const normTailScaled = normal.normTailScaled;
const NORM_CENTRAL_LIMIT = normal.NORM_CENTRAL_LIMIT;

/**
 * F·Φ(d1) − K·Φ(d2) for an out-of-the-money call (F ≤ K, so d2 = d1 − σ√T < 0 and |d1| ≤ |d2|),
 * in forms that avoid cancellation and use at most one exponential pair, with S(y) = Φ(−y)e^(y²/2)
 * and the identity F·e^(−d1²/2) = K·e^(−d2²/2):
 * - far out of the money (d1 < −0.674): F·e^(−d1²/2)·[S(−d1) − S(−d2)] — no difference of two
 *   tiny numbers, no separate underflow;
 * - near the money (|d1|, |d2| ≤ 0.674): (F − K)/2 + F·[Φ(d1) − ½] − K·[Φ(d2) − ½], so a tiny
 *   σ√T is not lost against the ½ in Φ;
 * - otherwise F·Φ(d1) − K·Φ(d2) with K·Φ(d2) = F·e^(−d1²/2)·S(−d2) when d2 < −0.674.
 * @internal
 */
export function otmCallValue(forward: number, strike: number, d1: number, d2: number): number {
  let v: number;
  if (d1 < -NORM_CENTRAL_LIMIT) {
    const a = -d1;
    v = forward * expHalfSquare(a) * (normTailScaled(a) - normTailScaled(-d2));
  } else if (d2 >= -NORM_CENTRAL_LIMIT && d1 <= NORM_CENTRAL_LIMIT) {
    v = 0.5 * (forward - strike) + forward * normCdfCentral(d1) - strike * normCdfCentral(d2);
  } else {
    const fe1 = forward * expHalfSquare(d1); // = K·e^(−d2²/2)
    const fPart =
      d1 > NORM_CENTRAL_LIMIT ? forward - fe1 * normTailScaled(d1) : 0.5 * forward + forward * normCdfCentral(d1);
    const kPart = d2 < -NORM_CENTRAL_LIMIT ? fe1 * normTailScaled(-d2) : 0.5 * strike + strike * normCdfCentral(d2);
    v = fPart - kPart;
  }
  return v > 0 ? v : 0; // rounding at the underflow edge; never negative
}

/**
 * Undiscounted Black price E[(θ(F_T − K))⁺] for a lognormal forward. Unchecked kernel for hot
 * loops: the caller has validated `forward > 0`, `strike > 0`, `stdDev ≥ 0`; multiply by the
 * discount factor e^(−rT) yourself.
 *
 * The out-of-the-money side is computed directly (never as a difference of parity terms) and in a
 * cancellation-free form, so far OTM prices stay positive with a relative error of about
 * (d1² + |d1|/σ√T)·1e-16; the in-the-money side is intrinsic + the OTM option of the other type
 * (put–call parity on the forward, C − P = F − K), so the time value is never lost.
 * `stdDev = 0` gives the intrinsic value.
 *
 * @param isCall true for a call, false for a put
 * @param forward forward (or futures) price, points
 * @param strike strike, points
 * @param stdDev total standard deviation σ√T (dimensionless)
 * @returns undiscounted option value, points (≥ intrinsic)
 * @example
 * // Hull: S=42, K=40, r=10%, σ=20%, T=0.5 → F = 42e^0.05
 * Math.exp(-0.05) * blackFormula(true, 42 * Math.exp(0.05), 40, 0.2 * Math.sqrt(0.5)); // 4.759422392871536
 * @see F. Black, "The pricing of commodity contracts", J. Financial Economics 3 (1976) 167–179
 */
export function blackFormula(isCall: boolean, forward: number, strike: number, stdDev: number): number {
  return blackFormulaLn(isCall, forward, strike, stdDev > 0 ? Math.log(forward / strike) : 0, stdDev);
}

/**
 * {@link blackFormula} with the log-moneyness `lnFK` = ln(F/K) given by the caller, who already
 * has it (the Monte Carlo's path pricer: ln S + (r − q)T − ln K, the smile read at it too); with
 * `lnFK` = Math.log(forward / strike) it is blackFormula exactly. Unchecked kernel, as blackFormula.
 */
export function blackFormulaLn(isCall: boolean, forward: number, strike: number, lnFK: number, stdDev: number): number {
  // Work with the OTM option: a call when F < K, a put when F ≥ K (a put is the call with F and K
  // swapped and d1, d2 → −d2, −d1).
  const otmIsCall = forward < strike;
  let otm = 0;
  if (stdDev > 0) {
    const d1 = lnFK / stdDev + 0.5 * stdDev;
    const d2 = d1 - stdDev;
    // One call site for both sides: the JIT inlines each call site on its own budget.
    otm = otmCallValue(
      otmIsCall ? forward : strike,
      otmIsCall ? strike : forward,
      otmIsCall ? d1 : -d2,
      otmIsCall ? d2 : -d1,
    );
  }
  if (isCall === otmIsCall) return otm;
  // In the money: intrinsic + time value (the OTM option of the other type), which cannot exceed
  // the forward (call) or strike (put) except by rounding.
  const v = (isCall ? forward - strike : strike - forward) + otm;
  const bound = isCall ? forward : strike;
  return v < bound ? v : bound;
}
