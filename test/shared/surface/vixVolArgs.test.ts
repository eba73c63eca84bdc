/**
 * The checked VIX-option `vol(t, K, F)` refuses a VX future or a strike outside the VX price range
 * the package takes (1 to 500 points, checkVxPrice), naming the argument, rather than a vol of
 * thousands of percent from the smile's wing.
 */
import { describe, expect, it } from 'vitest';
import { vixSurfaceFromVvix } from '@alvh/shared';
import { moveVixSurface } from '@alvh/shared/surface';
import { errorOf } from '../../helpers/errors';

describe('VixVolSurface.vol', () => {
  const s = vixSurfaceFromVvix('2024-01-02', 100);

  it.each([1e-300, 0.2, 0.99, 501, 1e6])('refuses the future %d by name', (future) => {
    for (const surface of [s, moveVixSurface(s, 150)]) {
      const e = errorOf(() => surface.vol(30 / 365, 20, future));
      expect(e.code).toBe('invalid_input');
      expect(e.field).toBe('future');
    }
  });

  it.each([1e-300, 0.5, 501, 1e6])('refuses the strike %d by name, as a held VIX strike is', (strike) => {
    // a strike of 1e-300 read a put-wing vol of thousands of percent
    const e = errorOf(() => s.vol(30 / 365, strike, 20));
    expect(e.code).toBe('invalid_input');
    expect(e.field).toBe('strike');
  });

  it('takes a future within 1 to 500 points', () => {
    expect(s.vol(30 / 365, 20, 20)).toBeCloseTo(1, 12);
    expect(s.vol(30 / 365, 1, 1)).toBe(s.volAtK(30 / 365, 0));
    expect(s.vol(30 / 365, 500, 500)).toBe(s.volAtK(30 / 365, 0));
  });
});

describe('VixVolSurface.atmVol', () => {
  it('refuses a time that is not in (0, 30] years, as vol does (0 and −1 read 154.7%, NaN NaN)', () => {
    const s = vixSurfaceFromVvix('2024-01-02', 100);
    for (const surface of [s, moveVixSurface(s, 150)]) {
      for (const t of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 31]) {
        const e = errorOf(() => surface.atmVol(t));
        expect([e.code, e.field]).toEqual(['invalid_input', 'tYears']);
        expect(e.message).toBe(`tYears: is ${t}; pass the time to the VIX option expiry in years (> 0)`);
      }
      // the kernels the engines read are not checked, and the checked value is the kernel's
      expect(surface.atmVol(30 / 365)).toBe(surface.volAtK(30 / 365, 0));
    }
  });
});
