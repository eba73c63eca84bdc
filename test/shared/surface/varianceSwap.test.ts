/**
 * The variance-swap vol of a surface integrates the out-of-the-money options over every strike
 * that carries value: a flat smile's is its vol, and a steep put skew's, whose far puts still hold
 * value 12 at-the-money standard deviations out, is a plain dense integral's over a wide range.
 */
import { describe, expect, it } from 'vitest';
import { makeSpxSurface, normCdf, varianceSwapVol, type SpxSurface, type SviParams } from '@alvh/shared';

const T = 30 / 365;
const F = 4300;

/** A surface of one 30-day slice with the given SVI, on a forward of 4300 (no carry). */
function oneSlice(svi: SviParams): SpxSurface {
  return makeSpxSurface({
    valuationDate: '2023-06-09',
    spot: F,
    source: 'chain',
    slices: [{ expiry: '2023-07-09', root: 'SPXW', years: T, forward: F, discount: 1, svi }],
    referenceVix: 14,
    warnings: [],
    label: 'test',
  });
}

/** (2/T)·∫ OTM(K)/K² dK by the trapezoid rule, uniform in K, step 0.05 points from 0.05 to 5·F. */
function plainVarianceSwap(svi: SviParams): number {
  const h = 0.05;
  const n = Math.round((5 * F) / h);
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    const K = i * h;
    const k = Math.log(K / F);
    const x = k - svi.m;
    const s = Math.sqrt(svi.a + svi.b * (svi.rho * x + Math.sqrt(x * x + svi.sigma * svi.sigma)));
    const d1 = -k / s + s / 2;
    const d2 = d1 - s;
    const otm = K >= F ? F * normCdf(d1) - K * normCdf(d2) : K * normCdf(-d2) - F * normCdf(-d1);
    sum += ((i === 1 || i === n ? 0.5 : 1) * otm) / (K * K);
  }
  return 100 * Math.sqrt(((2 / T) * sum * h) / 1);
}

describe('varianceSwapVol', () => {
  it('reads a flat smile at its vol', () => {
    const vol = 0.2;
    const s = oneSlice({ a: vol * vol * T, b: 0, rho: 0, m: 0, sigma: 0.1 });
    expect(varianceSwapVol(s, T)).toBeCloseTo(20, 6);
  });

  it('integrates a steep put skew as far as its puts hold value, as a dense integral over all strikes does', () => {
    // 9.9% at the money; at K/F 0.71, 12 at-the-money standard deviations out, still 40%
    const svi: SviParams = { a: 0.0002, b: 0.02, rho: -0.9, m: 0, sigma: 0.03 };
    const s = oneSlice(svi);
    const sd = Math.sqrt(s.totalVariance(T, 0));
    expect(Math.sqrt(s.totalVariance(T, -12 * sd) / T)).toBeGreaterThan(0.39);
    const reference = plainVarianceSwap(svi);
    expect(varianceSwapVol(s, T)).toBeCloseTo(reference, 4);
  });
});
