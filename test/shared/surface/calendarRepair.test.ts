/**
 * The calendar repair of an SPX surface (spxSurface.ts): each slice's total variance is the running
 * maximum of its own SVI and every earlier slice's, at every log-moneyness. Checked on random sets
 * of slices that cross (an earlier slice above a later one in the body or in a wing), against that
 * definition evaluated directly.
 */
import { describe, expect, it } from 'vitest';
import { makeSpxSurface, sviVariance, type SviParams } from '@alvh/shared/surface';

/** A small deterministic generator (mulberry32): the same slices every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the calendar repair', () => {
  it.each([1, 2, 3, 4, 5])('is the running maximum over earlier slices, on crossing slices (seed %i)', (seed) => {
    const u = random(seed);
    const n = 40;
    const slices = Array.from({ length: n }, (_, i) => {
      const years = 0.02 + 0.05 * i;
      const svi: SviParams = {
        a: 0.01 * years * (0.5 + u()),
        b: 0.02 + 0.2 * u(),
        rho: -0.9 + 1.4 * u(),
        m: -0.2 + 0.4 * u(),
        sigma: 0.05 + 0.3 * u(),
      };
      return { expiry: `slice-${i}`, root: 'SPXW', years, forward: 4000, discount: 1, svi };
    });
    const surface = makeSpxSurface({
      valuationDate: '2023-06-09',
      spot: 4000,
      source: 'chain',
      slices,
      referenceVix: 15,
      warnings: [],
      label: 'random crossing slices',
    });
    let crossings = 0;
    for (let j = 0; j < n; j++) {
      for (let k = -8; k <= 8; k += 0.05) {
        const own = sviVariance(slices[j]!.svi, k);
        let want = own;
        for (let i = 0; i < j; i++) want = Math.max(want, sviVariance(slices[i]!.svi, k));
        if (want > own) crossings++;
        expect(surface.sliceVariance(j, k)).toBe(want);
      }
    }
    // the sets do cross, in the body and beyond the grid's ±6
    expect(crossings).toBeGreaterThan(100);
  });
});
