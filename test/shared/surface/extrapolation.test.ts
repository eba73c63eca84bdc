/**
 * Beyond the last expiry the surface is extrapolated; these grids check that it stays free of
 * static arbitrage out to three years: Gatheral's g ≥ 0 (density), calls falling and convex in the
 * strike, and total variance non-decreasing in time at every log-moneyness.
 */
import { expect, it } from 'vitest';
import { blackFormula, spxSurfaceFromIndices, type SpxSurface } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { loadChain, REAL_CHAINS } from './chains';

/** Times from just before the last slice to three years. */
function timesPast(s: SpxSurface): number[] {
  const last = s.slices[s.slices.length - 1]!.years;
  const out = [0.95 * last, last];
  for (let t = last * 1.05; t <= 3; t *= 1.15) out.push(t);
  out.push(1, 2, 3);
  return out;
}

/** Smallest g(k) on k ∈ [−3, 2] at time t, by central differences of the total variance. */
function minG(s: SpxSurface, t: number): { g: number; k: number } {
  const h = 1e-3;
  let worst = { g: Infinity, k: 0 };
  for (let k = -3; k <= 2; k += 0.005) {
    const w = s.totalVariance(t, k);
    const wp = s.totalVariance(t, k + h);
    const wm = s.totalVariance(t, k - h);
    const w1 = (wp - wm) / (2 * h);
    const w2 = (wp - 2 * w + wm) / (h * h);
    const g = (1 - (k * w1) / (2 * w)) ** 2 - ((w1 * w1) / 4) * (1 / w + 0.25) + w2 / 2;
    if (g < worst.g) worst = { g, k };
  }
  return worst;
}

/** Largest rise and most negative butterfly of undiscounted calls over strikes 30%-250% of F. */
function callShape(s: SpxSurface, t: number): { rise: number; fly: number } {
  const F = s.forward(t);
  const dK = 0.0025 * F;
  const c: number[] = [];
  for (let K = 0.3 * F; K <= 2.5 * F; K += dK) c.push(blackFormula(true, F, K, s.volUnchecked(t, K) * Math.sqrt(t)));
  let rise = -Infinity;
  let fly = Infinity;
  for (let i = 1; i < c.length; i++) {
    rise = Math.max(rise, (c[i]! - c[i - 1]!) / F);
    if (i + 1 < c.length) fly = Math.min(fly, (c[i - 1]! - 2 * c[i]! + c[i + 1]!) / F);
  }
  return { rise, fly };
}

/** Largest fall of total variance between consecutive times of a fine grid, at any k in [−3, 2]. */
function calendarDrop(s: SpxSurface): number {
  let drop = 0;
  for (let k = -3; k <= 2; k += 0.01) {
    let prev = 0;
    for (let t = 1 / 365; t <= 3; t *= 1.01) {
      const w = s.totalVariance(t, k);
      drop = Math.max(drop, prev - w);
      prev = w;
    }
  }
  return drop;
}

function expectFree(s: SpxSurface): void {
  for (const t of timesPast(s)) {
    const { g, k } = minG(s, t);
    expect(g, `g at ${(t * 365).toFixed(0)} days, k ${k.toFixed(3)}`).toBeGreaterThanOrEqual(-1e-6);
    const { rise, fly } = callShape(s, t);
    expect(rise, `call rise at ${(t * 365).toFixed(0)} days`).toBeLessThanOrEqual(1e-12);
    expect(fly, `butterfly at ${(t * 365).toFixed(0)} days`).toBeGreaterThanOrEqual(-1e-11);
  }
  expect(calendarDrop(s)).toBeLessThanOrEqual(1e-12);
}

describeWithData('surface past the last expiry', () => {
  const base = { valuationDate: '2021-11-19', spot: 4697.96, rate: 0.001, divYield: 0.013 };
  it('g ≥ 0, calls falling and convex, variance rising in time, to 3 years: both chains, index surfaces of VIX 9.5-80, SKEW 112-165', () => {
    for (const rc of REAL_CHAINS) expectFree(loadChain(rc).fit.surface);
    const surfaces = [
      ...[9.5, 17.91, 40, 80].map((vix) => spxSurfaceFromIndices({ ...base, indices: { vix } })),
      spxSurfaceFromIndices({ ...base, indices: { vix: 17.91, vix9d: 15.2, vix3m: 21.3, vix6m: 23.1, skew: 165 } }),
      spxSurfaceFromIndices({ ...base, indices: { vix: 45, vix9d: 52, vix3m: 36, vix6m: 31, skew: 112 } }),
      spxSurfaceFromIndices({ ...base, indices: { vix: 9.5, vix9d: 9, vix3m: 12, vix6m: 14, skew: 165 } }),
      spxSurfaceFromIndices({ ...base, indices: { vix: 80, vix9d: 90, vix3m: 60, vix6m: 50, skew: 112 } }),
    ];
    for (const s of surfaces) expectFree(s);
  });
});
