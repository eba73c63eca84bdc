/**
 * The Black formula on a forward: the undiscounted value of a European option whose underlying is
 * lognormal with total standard deviation `stdDev` = σ√T. Both engines (BSM and Black-76) and
 * the Monte Carlo and scenario grids price through this kernel.
 */
import { normCdf } from './normalCdf';

/**
 * Undiscounted Black price E[(θ(F_T − K))⁺] for a lognormal forward. Unchecked kernel for hot
 * loops: the caller has validated `forward > 0`, `strike > 0`, `stdDev ≥ 0`; multiply by the
 * discount factor e^(−rT) yourself.
 *
 * The out-of-the-money side is computed directly (F·Φ(d1) − K·Φ(d2) for a call with F < K, so a far
 * OTM price stays positive and accurate to ~1e-13 relative, never a difference of parity terms);
 * the in-the-money side is intrinsic + the OTM option of the other type (put–call parity on the
 * forward, C − P = F − K), so the time value is never lost. `stdDev = 0` gives the intrinsic value.
 *
 * @param isCall true for a call, false for a put
 * @param forward forward (or futures) price, points
 * @param strike strike, points
 * @param stdDev total standard deviation σ√T (dimensionless)
 * @returns undiscounted option value, points (≥ intrinsic)
 * @example
 * // Hull: S=42, K=40, r=10%, σ=20%, T=0.5 → F = 42e^0.05
 * Math.exp(-0.05) * blackFormula(true, 42 * Math.exp(0.05), 40, 0.2 * Math.sqrt(0.5)); // 4.759422392871535
 * @see F. Black, "The pricing of commodity contracts", J. Financial Economics 3 (1976) 167–179
 */
export function blackFormula(isCall: boolean, forward: number, strike: number, stdDev: number): number {
  // Work with the OTM option: a call when F < K, a put when F > K.
  const otmCall = forward < strike;
  let otm = 0;
  if (stdDev > 0) {
    const d1 = Math.log(forward / strike) / stdDev + 0.5 * stdDev;
    const d2 = d1 - stdDev;
    otm = otmCall ? forward * normCdf(d1) - strike * normCdf(d2) : strike * normCdf(-d2) - forward * normCdf(-d1);
    if (!(otm > 0)) otm = 0; // rounding at the underflow edge; never negative
  }
  if (isCall === otmCall) return otm;
  // In the money: intrinsic + time value (the OTM option of the other type).
  return (isCall ? forward - strike : strike - forward) + otm;
}
