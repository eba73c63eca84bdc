/**
 * The SPX volatility skew used to mark SPX options away from the money. The method text says
 * "ATM vol at VIX/100 plus skew" and leaves the skew's form open; this is the form we chose.
 *
 * σ(K) = atm · (1 − slope · z),   z = ln(K/F) / (atm · √T)
 *
 * z is the strike's distance from the forward in standard deviations; `slope` is `putSlope` below
 * the forward (z < 0) and `callSlope` above it. The ratio σ/atm is clamped to [minRatio, maxRatio].
 * Because the skew is linear in standard deviations, its shape scales with the vol level and with
 * √T: a 10% OTM put gets a smaller premium over ATM when ATM is 60% (a crash) than when it is 15%,
 * and shorter expiries are steeper in log-strike, as SPX skew is.
 *
 * Defaults (putSlope 0.45, callSlope 0.2) reproduce a typical 30-day SPX smile: ATM 14%, 25-delta
 * put (z ≈ −0.65) ≈ 18.1% (+4.1 pts), 25-delta call (z ≈ +0.7) ≈ 12.0% (−2 pts), a 25-delta risk
 * reversal of about −6 vol points. The clamp keeps far wings finite (≥ 0.5 × ATM, ≤ 3 × ATM).
 * The function is monotone non-increasing in K and costs one log and one sqrt.
 */
import { DEFAULT_SKEW, SkewParamsSchema, type SkewParams } from '../schemas/skew';

export { DEFAULT_SKEW, SkewParamsSchema, type SkewParams };

/**
 * Implied vol at `strike` from the ATM vol, unchecked (validate inputs once, outside hot loops).
 * With `years` ≤ 0 or `atmVol` ≤ 0 it returns `atmVol` (no smile is defined there).
 *
 * @param strike  strike, index points
 * @param forward forward of the underlying at the expiry, index points
 * @param years   time to expiry, ACT/365
 * @param atmVol  at-the-money vol, decimal (VIX/100 in the method)
 * @example
 * skewedVol(4000, 4000, 30/365, 0.14, DEFAULT_SKEW) // 0.14
 * skewedVol(3900, 4000, 30/365, 0.14, DEFAULT_SKEW) // ≈ 0.1797 (z ≈ −0.63)
 */
export function skewedVol(strike: number, forward: number, years: number, atmVol: number, skew: SkewParams): number {
  if (!(years > 0) || !(atmVol > 0)) return atmVol;
  const z = Math.log(strike / forward) / (atmVol * Math.sqrt(years));
  let ratio = z < 0 ? 1 - skew.putSlope * z : 1 - skew.callSlope * z;
  if (ratio < skew.minRatio) ratio = skew.minRatio;
  else if (ratio > skew.maxRatio) ratio = skew.maxRatio;
  return atmVol * ratio;
}
