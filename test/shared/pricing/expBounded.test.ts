import { describe, expect, it } from 'vitest';
import { EXP_BOUNDED_MAX, expBounded } from '@alvh/shared/pricing';

describe('expBounded', () => {
  it('is within 4.5e-16 relative of Math.exp over [−700, 700] (about 2 ulps)', () => {
    let worst = 0;
    const n = 400_000;
    for (let i = 0; i <= n; i++) {
      const x = -EXP_BOUNDED_MAX + (2 * EXP_BOUNDED_MAX * i) / n + (i % 7) * 1e-9;
      const e = Math.abs(expBounded(x) - Math.exp(x)) / Math.exp(x);
      if (e > worst) worst = e;
    }
    expect(worst).toBeLessThan(4.5e-16);
  });
  it('is within 4.5e-16 on the batch kernel’s ranges: discounts and Gaussian remainders in [−3, 0.5]', () => {
    let worst = 0;
    for (let i = 0; i <= 200_000; i++) {
      const x = -3 + (3.5 * i) / 200_000;
      const e = Math.abs(expBounded(x) - Math.exp(x)) / Math.exp(x);
      if (e > worst) worst = e;
    }
    expect(worst).toBeLessThan(4.5e-16);
  });
  it('is exact where e^x is: 1 at 0, and a power of 2 at multiples of ln 2 up to rounding', () => {
    expect(expBounded(0)).toBe(1);
    expect(expBounded(-0)).toBe(1);
    for (const k of [-1000, -64, -1, 1, 10, 1000]) {
      expect(Math.abs(expBounded(k * Math.LN2) / 2 ** k - 1)).toBeLessThan(1e-13);
    }
    expect(expBounded(EXP_BOUNDED_MAX)).toBeGreaterThan(1e304);
    expect(expBounded(-EXP_BOUNDED_MAX)).toBeGreaterThan(0);
  });
});
