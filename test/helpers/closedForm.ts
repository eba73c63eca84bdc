/**
 * Textbook closed forms of the European option, written out here so that a test can check the
 * pricing package against something it does not share code with: the package's own Φ (Cody's
 * rational forms) and its Black kernel (out-of-the-money option direct, in-the-money one as
 * intrinsic + the other's time value) are not used.
 *
 * Φ is G. Marsaglia's Taylor series, "Evaluating the normal distribution", Journal of Statistical
 * Software 11(4) (2004): Φ(x) = ½ + φ(x)·(x + x³/3 + x⁵/(3·5) + …), every term of one sign. In
 * double precision it is accurate in absolute terms, within 2e-15 of 50-digit values
 * (closedForm.test.ts), but not in relative terms far in the lower tail, where Φ is below that; a
 * check built on it uses an absolute tolerance.
 */

/** Φ(x) by Marsaglia's series; 0 below −10 and 1 above 10 (Φ(−10) ≈ 7.6e-24). */
export function marsagliaPhi(x: number): number {
  if (x < -10) return 0;
  if (x > 10) return 1;
  const q = x * x;
  let sum = x;
  let term = x;
  let prev = 0;
  for (let i = 1; sum !== prev;) {
    prev = sum;
    i += 2;
    term *= q / i;
    sum += term;
  }
  // ln √(2π) = 0.91893853320467274178…
  return 0.5 + sum * Math.exp(-0.5 * q - 0.9189385332046727);
}

/**
 * Black-Scholes-Merton: C = S·e^(−qT)·Φ(d1) − K·e^(−rT)·Φ(d2), P = K·e^(−rT)·Φ(−d2) − S·e^(−qT)·Φ(−d1),
 * d1 = [ln(S/K) + (r − q + σ²/2)T]/(σ√T), d2 = d1 − σ√T. For years > 0 and vol > 0 only.
 */
export function bsmClosedForm(
  type: 'call' | 'put',
  spot: number,
  strike: number,
  years: number,
  vol: number,
  rate: number,
  divYield: number,
): number {
  const sd = vol * Math.sqrt(years);
  const d1 = (Math.log(spot / strike) + (rate - divYield + 0.5 * vol * vol) * years) / sd;
  const d2 = d1 - sd;
  const s = spot * Math.exp(-divYield * years);
  const k = strike * Math.exp(-rate * years);
  return type === 'call' ? s * marsagliaPhi(d1) - k * marsagliaPhi(d2) : k * marsagliaPhi(-d2) - s * marsagliaPhi(-d1);
}

/**
 * Black-76 on a future: C = e^(−rT)·[F·Φ(d1) − K·Φ(d2)], P = e^(−rT)·[K·Φ(−d2) − F·Φ(−d1)],
 * d1 = [ln(F/K) + σ²T/2]/(σ√T), d2 = d1 − σ√T. For years > 0 and vol > 0 only.
 */
export function black76ClosedForm(
  type: 'call' | 'put',
  future: number,
  strike: number,
  years: number,
  vol: number,
  rate: number,
): number {
  const sd = vol * Math.sqrt(years);
  const d1 = (Math.log(future / strike) + 0.5 * vol * vol * years) / sd;
  const d2 = d1 - sd;
  const undiscounted =
    type === 'call'
      ? future * marsagliaPhi(d1) - strike * marsagliaPhi(d2)
      : strike * marsagliaPhi(-d2) - future * marsagliaPhi(-d1);
  return Math.exp(-rate * years) * undiscounted;
}
