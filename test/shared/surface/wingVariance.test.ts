/**
 * A wing may not drive a slice's total variance to 0 or below anywhere it extends the smile: such
 * a surface is refused when it is built, naming the wing's beta and the range that keeps the
 * variance positive, and the mark kernel never reads a vol of 0 off a surface.
 */
import { describe, expect, it } from 'vitest';
import {
  makeSpxSurface,
  spxSurfaceFromIndices,
  spxVolKernel,
  sviVariance,
  type SpxSurface,
  type SpxSurfaceData,
  type SviParams,
} from '@alvh/shared';
import { errorOf } from '../../helpers/errors';

const indexData = (): SpxSurfaceData =>
  spxSurfaceFromIndices({
    valuationDate: '2026-11-20',
    spot: 6600,
    indices: { vix: 17.5, vix3m: 19.3 },
    rate: 0.04,
    divYield: 0.013,
  }).toData();

/** One slice of a chain-like surface with the given SVI (and a plain second slice after it). */
function withSvi(svi: SviParams): SpxSurfaceData {
  const plain: SviParams = { a: 0.01, b: 0.1, rho: 0, m: -0.1, sigma: 0.05 };
  return {
    valuationDate: '2023-06-09',
    spot: 4300,
    source: 'chain',
    slices: [
      { expiry: '2023-07-21', root: 'SPXW', years: 42 / 365, forward: 4320, discount: 0.994, svi },
      { expiry: '2023-09-15', root: 'SPXW', years: 98 / 365, forward: 4350, discount: 0.986, svi: plain },
    ],
    referenceVix: 14,
    warnings: [],
    label: 'test',
  };
}

describe("a wing's total variance", () => {
  it('refuses a put wing whose slope makes the far variance negative, naming its beta and the range', () => {
    const d = indexData();
    for (const s of d.slices) s.svi.putWing = { k: -0.02, beta: -2, delta: 0.01 };
    const e = errorOf(() => makeSpxSurface(d));
    expect(e.field).toBe('surface.slices[0].svi.putWing.beta');
    expect(e.message).toMatch(
      /is -2: far slope b\(1 − ρ\) \+ beta is -1\.9\d+, so total variance turns negative below ln\(K\/F\) -0\.02/,
    );
    const own = d.slices[0]!.svi.b * (1 - d.slices[0]!.svi.rho);
    expect(e.message).toContain(`pass a beta above ${(-own).toPrecision(4)}`);
    expect(e.message).toContain('(up to 2)');
  });

  it('refuses a wing whose far slope is positive but whose variance dips to 0 or below on the way out', () => {
    // SVI least 0.0051 at k = m = −0.1; the put wing starts at −0.05 with β = −0.09 (far slope 0.01):
    // at k = −0.25 total variance is 0.0159 − 0.0171 < 0
    const svi: SviParams = { a: 0.0001, b: 0.1, rho: 0, m: -0.1, sigma: 0.05 };
    const bad = { ...svi, putWing: { k: -0.05, beta: -0.09, delta: 0.01 } };
    expect(sviVariance(bad, -0.25)).toBeLessThan(0);
    const e = errorOf(() => makeSpxSurface(withSvi(bad)));
    expect(e.field).toBe('surface.slices[0].svi.putWing.beta');
    expect(e.message).toMatch(/is -0\.09: total variance falls to -[\d.e-]+ below ln\(K\/F\) -0\.05/);
    const lowest = Number(/pass a beta above (-?[\d.e-]+)/.exec(e.message)![1]);
    expect(lowest).toBeGreaterThan(-0.09);
    expect(lowest).toBeLessThan(0);
    // the range stated is the one that holds (to its 4 significant digits)
    const at = (beta: number) => withSvi({ ...svi, putWing: { k: -0.05, beta, delta: 0.01 } });
    expect(() => makeSpxSurface(at(lowest * 0.999))).not.toThrow();
    expect(() => makeSpxSurface(at(lowest * 1.001))).toThrow(/putWing\.beta/);
  });

  it('names a call wing too, and keeps a negative beta that leaves the variance positive', () => {
    const svi: SviParams = { a: 0.002, b: 0.08, rho: -0.7, m: 0.02, sigma: 0.08 };
    const e = errorOf(() => makeSpxSurface(withSvi({ ...svi, callWing: { k: 0.08, beta: -0.05, delta: 0.04 } })));
    expect(e.field).toBe('surface.slices[0].svi.callWing.beta');
    expect(e.message).toContain('above ln(K/F) 0.08');
    const ok = makeSpxSurface(withSvi({ ...svi, callWing: { k: 0.08, beta: -0.02, delta: 0.04 } }));
    for (const k of [0.1, 0.5, 2, 10, 100]) expect(ok.totalVariance(42 / 365, k)).toBeGreaterThan(0);
  });

  it('the mark kernel refuses a surface without positive variance rather than marking at vol 0', () => {
    const flat = { totalVariance: () => 0 } as unknown as SpxSurface;
    expect(() => spxVolKernel(flat, 1, 0.1, -0.1)).toThrow(/surface: has total variance 0 at 0\.1000 years/);
    const real = makeSpxSurface(indexData());
    expect(spxVolKernel(real, 1, 56 / 365, Math.log(5900 / real.forward(56 / 365)))).toBeGreaterThan(0.1);
  });
});
