import { describe, expect, it } from 'vitest';
import {
  normInv,
  spxSurfaceFromIndices,
  varianceSwapOverAtm,
  INDEX_OVER_MODEL_VS,
  INDEX_SHAPES,
  blackFormula,
  shapeSlice,
  sviDensityG,
  varianceSwapVol,
  type SpxSurface,
} from '@alvh/shared';
import { errorOf } from '../../helpers/errors';
import { describeWithData } from '../../helpers/marketData';
import { loadChain, REAL_CHAINS } from './chains';

/** Vol at the 25-delta put (forward delta −0.25), by fixed point on the strike. */
function put25(s: SpxSurface, t: number): number {
  const F = s.forward(t);
  let v = s.atmVol(t);
  for (let i = 0; i < 40; i++) v = s.vol(t, F * Math.exp(normInv(0.25) * v * Math.sqrt(t) + 0.5 * v * v * t));
  return v;
}

for (const rc of REAL_CHAINS) {
  describeWithData(`surface from the Cboe indices of ${rc.date} against the chain's fit`, () => {
    const ix = () =>
      spxSurfaceFromIndices({
        valuationDate: rc.date,
        spot: loadChain(rc).chain.spot!,
        indices: rc.indices,
        rate: rc.rate,
        divYield: rc.divYield,
      });
    it('ATM vol at 30 and 90 days within 1 vol point', () => {
      const chain = loadChain(rc).fit.surface;
      const s = ix();
      for (const d of [30, 90])
        expect(Math.abs(s.atmVol(d / 365) - chain.atmVol(d / 365)) * 100, `${d} days`).toBeLessThan(1);
    });
    it('25-delta put vol at 30 and 90 days within 2 vol points', () => {
      const chain = loadChain(rc).fit.surface;
      const s = ix();
      for (const d of [30, 90])
        expect(Math.abs(put25(s, d / 365) - put25(chain, d / 365)) * 100, `${d} days`).toBeLessThan(2);
    });
  });
}

describe('spxSurfaceFromIndices', () => {
  const base = { valuationDate: '2023-06-09', spot: 4300, rate: 0.05, divYield: 0.015 };
  it('ATM/VIX is not one ratio: it falls as SKEW rises and as the tenor lengthens', () => {
    const lo = spxSurfaceFromIndices({ ...base, indices: { vix: 20, vix3m: 20, skew: 120 } });
    const hi = spxSurfaceFromIndices({ ...base, indices: { vix: 20, vix3m: 20, skew: 160 } });
    const r = (s: SpxSurface, d: number) => (100 * s.atmVol(d / 365)) / 20;
    expect(r(lo, 30)).toBeGreaterThan(r(hi, 30) + 0.03);
    expect(r(lo, 30)).toBeLessThan(0.95);
    expect(r(hi, 30)).toBeGreaterThan(0.7);
    expect(r(lo, 93)).toBeLessThan(r(lo, 30));
  });
  it('reproduces the index as a variance swap (over the fitted-surface bias) at each tenor', () => {
    const s = spxSurfaceFromIndices({ ...base, indices: { vix: 18, vix9d: 16, vix3m: 20, vix6m: 21 } });
    const atm = s.atmVol(30 / 365);
    const theta = atm * Math.sqrt(30 / 365);
    const sv = s.slices[1]!.svi;
    const shape = { a: sv.a / theta ** 2, b: sv.b / theta, rho: sv.rho, m: sv.m / theta, sigma: sv.sigma / theta };
    expect(shape.a + shape.b * (-shape.rho * shape.m + Math.hypot(shape.m, shape.sigma))).toBeCloseTo(1, 12);
    expect(atm * varianceSwapOverAtm(shape, theta) * INDEX_OVER_MODEL_VS * 100).toBeCloseTo(18, 8);
    expect(s.source).toBe('indices');
    expect(s.slices).toHaveLength(4);
  });
  it('with VIX alone: flat term structure and a warning', () => {
    const s = spxSurfaceFromIndices({ ...base, indices: { vix: 18 } });
    expect(s.source).toBe('vix-only');
    expect(s.warnings.join(' ')).toMatch(/VIX only: the term structure is flat/);
    expect(s.warnings.join(' ')).toMatch(/a calendar is priced as if its two months had the same vol/);
    expect(s.atmVol(7 / 365)).toBeCloseTo(s.atmVol(30 / 365), 12);
    expect(s.atmVol(200 / 365)).toBeCloseTo(s.atmVol(30 / 365), 12);
    expect(s.describe()).toMatch(/VIX only/);
  });
  it('warns when the rate or yield is left out', () => {
    const s = spxSurfaceFromIndices({ valuationDate: '2023-06-09', spot: 4300, indices: { vix: 18 } });
    expect(s.warnings.join(' ')).toMatch(/No rate or dividend yield/);
    expect(s.forward(0.5)).toBe(4300);
  });
  it('names the bad field', () => {
    expect(errorOf(() => spxSurfaceFromIndices({ ...base, indices: { vix: 0.18 } })).field).toBe('indices.vix');
    expect(errorOf(() => spxSurfaceFromIndices({ ...base, indices: { vix: 18, skew: 20 } })).field).toBe(
      'indices.skew',
    );
    expect(errorOf(() => spxSurfaceFromIndices({ ...base, indices: { vix3m: 18 } as never })).field).toBe(
      'indices.vix',
    );
    expect(errorOf(() => spxSurfaceFromIndices({ ...base, spot: -1, indices: { vix: 18 } })).field).toBe('spot');
    // the market inputs' range (MARKET_RATE), not any magnitude below 1: 0.5 is no 50% carry
    expect(errorOf(() => spxSurfaceFromIndices({ ...base, rate: 0.5, indices: { vix: 18 } })).field).toBe('rate');
    expect(errorOf(() => spxSurfaceFromIndices({ ...base, divYield: 0.5, indices: { vix: 18 } })).field).toBe(
      'divYield',
    );
    expect(
      errorOf(() => spxSurfaceFromIndices({ ...base, valuationDate: '2023-13-01', indices: { vix: 18 } })).field,
    ).toBe('valuationDate');
    const s = spxSurfaceFromIndices({ ...base, indices: { vix: 18 } });
    expect(errorOf(() => s.vol(0, 4300)).field).toBe('tYears');
    expect(errorOf(() => s.vol(0.1, Number.NaN)).field).toBe('strike');
  });
  it('the checked vols refuse a time under a minute and a strike outside half to twice spot, not answer √(w/t) of nothing', () => {
    const s = spxSurfaceFromIndices({ ...base, indices: { vix: 18 } });
    const minute = 1 / 525_600;
    // 1e-300 years read a vol of 1e72; 1e-12 years at 4000, 191 (19,100%); a variance swap over 1e-9 years, 8.11
    for (const read of [
      () => s.vol(1e-300, 4300),
      () => s.vol(1e-12, 4000),
      () => s.vol(0.9 * minute, 4300),
      () => s.atmVol(1e-300),
      () => varianceSwapVol(s, 1e-9),
    ]) {
      const e = errorOf(read);
      expect([e.field, e.message]).toEqual([
        'tYears',
        expect.stringMatching(
          /^tYears: is [\d.e-]+, under a minute \(0\.00000190 years\); pass the .* in years, at least a minute, e\.g\. 30\/365$/,
        ),
      ]);
    }
    expect(Number.isFinite(s.vol(minute, 4300)) && Number.isFinite(s.atmVol(minute))).toBe(true);
    // the forward of a moment is still spot's, and the kernels marks use still read any t > 0
    expect(s.forward(1e-9)).toBeCloseTo(4300, 3);
    expect(Number.isFinite(s.volUnchecked(1e-6, 4300))).toBe(true);
    // 1e300 read 17.04 (1704%), 1e-300 read 25.9: strikes far outside what plans and /api/surface take
    for (const strike of [1e300, 1e-300, 2149.99, 8600.01]) {
      const e = errorOf(() => s.vol(30 / 365, strike));
      expect([e.field, e.message]).toEqual([
        'strike',
        `strike: is ${strike}, far from SPX at 4300 (the surface's spot); pass a strike in index points, between 2150 and 8600`,
      ]);
    }
    expect(s.vol(30 / 365, 2150)).toBeGreaterThan(s.vol(30 / 365, 8600));
  });
});

describe('the index surface is free of static arbitrage', () => {
  /** Undiscounted calls on a unit forward across strikes e^k, k from −1.5 to +1 (fine near the money). */
  function callStrip(s: SpxSurface, t: number): { k: number; c: number }[] {
    const out: { k: number; c: number }[] = [];
    for (let k = -1.5; k <= 1 + 1e-12; k += 0.0025) {
      const w = s.totalVariance(t, k);
      out.push({ k, c: blackFormula(true, 1, Math.exp(k), Math.sqrt(w)) });
    }
    return out;
  }

  it('each node shape has g ≥ 0 for every SKEW factor in [0.5, 1.5] and ATM total deviation up to 1', () => {
    let worst = Infinity;
    for (const node of INDEX_SHAPES) {
      const h = node.h;
      const c0 = -h.rho * h.m + Math.hypot(h.m, h.sigma);
      for (let lambda = 0.5; lambda <= 1.5 + 1e-9; lambda += 0.125) {
        const b = lambda * h.b;
        const shape = { a: 1 - b * c0, b, rho: h.rho, m: h.m, sigma: h.sigma };
        for (const theta of [0.003, 0.01, 0.03, 0.07, 0.15, 0.3, 0.5, 0.8, 1]) {
          const p = shapeSlice(shape, theta);
          for (let z = -30; z <= 30; z += 0.01) worst = Math.min(worst, sviDensityG(p, z * theta));
        }
      }
    }
    expect(worst).toBeGreaterThanOrEqual(0);
  });

  it('calls fall and are convex in the strike at every tenor, VIX level and SKEW (no call spread below zero)', () => {
    const base = { valuationDate: '2021-11-19', spot: 4697.96, rate: 0.001, divYield: 0.013 };
    const surfaces = [
      ...[9.5, 12, 17.91, 25, 40, 80].map((vix) => spxSurfaceFromIndices({ ...base, indices: { vix } })),
      spxSurfaceFromIndices({ ...base, indices: { vix: 17.91, vix9d: 15.2, vix3m: 21.3, vix6m: 23.1, skew: 165 } }),
      spxSurfaceFromIndices({ ...base, indices: { vix: 45, vix9d: 52, vix3m: 36, vix6m: 31, skew: 112 } }),
    ];
    let worstSlope = -Infinity;
    let worstConvexity = Infinity;
    for (const s of surfaces) {
      for (const days of [3, 9, 20, 30, 45, 63, 93, 120, 183, 365, 730]) {
        const c = callStrip(s, days / 365);
        for (let i = 1; i < c.length - 1; i++) {
          // slope ≤ 0 and a butterfly ≥ 0, relative to the price scale (1e-12 of the forward)
          worstSlope = Math.max(worstSlope, c[i + 1]!.c - c[i]!.c);
          const dk0 = Math.exp(c[i]!.k) - Math.exp(c[i - 1]!.k);
          const dk1 = Math.exp(c[i + 1]!.k) - Math.exp(c[i]!.k);
          worstConvexity = Math.min(worstConvexity, (c[i + 1]!.c - c[i]!.c) / dk1 - (c[i]!.c - c[i - 1]!.c) / dk0);
        }
      }
    }
    expect(worstSlope).toBeLessThanOrEqual(1e-12);
    expect(worstConvexity).toBeGreaterThanOrEqual(-1e-9);
  });
});
