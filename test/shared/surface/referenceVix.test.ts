/**
 * A surface's referenceVix is in Cboe VIX points whatever built it, so a scenario move to the
 * day's own VIX leaves it as it is: an index surface (built from that VIX) and a chain surface
 * fitted with the day's VIX. Without the day's VIX a chain's reference is its own 30-day
 * variance-swap vol (22.71 on 2022-02-04 against the VIX close of 23.22, 13.46 against 13.83 on 2023-06-09).
 */
import { expect, it } from 'vitest';
import {
  SurfaceRequestSchema,
  buildSurface,
  fitChainSurface,
  marketSurface,
  moveSpxSurface,
  parseInput,
  spxSurfaceFromIndices,
  type SpxSurface,
} from '@alvh/shared';
import { describeWithData, readDataFile } from '../../helpers/marketData';
import { REAL_CHAINS, loadChain, type RealChain } from './chains';

/** Vols of a surface on a grid of tenors and strikes around its spot. */
function vols(s: SpxSurface): number[] {
  const out: number[] = [];
  for (const days of [3, 21, 45, 90, 300]) {
    for (const m of [0.8, 0.95, 1, 1.05, 1.2]) out.push(s.vol(days / 365, m * s.spot));
  }
  return out;
}

describeWithData('a move to the day’s own VIX is the identity', () => {
  for (const c of REAL_CHAINS as RealChain[]) {
    it(`${c.date}: a chain fitted with the day's VIX, and an index surface`, () => {
      const { chain, fit } = loadChain(c);
      const vix = c.indices.vix;
      const withVix = fitChainSurface(chain, { vix }).surface;
      expect(withVix.referenceVix).toBe(vix);
      expect(vols(moveSpxSurface(withVix, { vix }))).toEqual(vols(withVix));
      // the fit is the same: only the reference differs
      expect(vols(withVix)).toEqual(vols(fit.surface));
      // without it, the surface's own variance-swap level, 2-3% under the index (0.978, 0.973)
      expect(fit.surface.referenceVix / vix).toBeGreaterThan(0.965);
      expect(fit.surface.referenceVix / vix).toBeLessThan(0.99);
      const index = spxSurfaceFromIndices({
        valuationDate: c.date,
        spot: chain.spot as number,
        indices: { vix, vix9d: c.indices.vix9d, vix3m: c.indices.vix3m },
        rate: c.rate,
        divYield: c.divYield,
      });
      expect(vols(moveSpxSurface(index, { vix }))).toEqual(vols(index));
    });
  }

  it('a plan’s chain and the API’s chain form carry the VIX given', () => {
    const c = REAL_CHAINS[0] as RealChain;
    const text = readDataFile(c.file);
    const planned = marketSurface(c.date, {
      spx: 4500.53,
      vix: c.indices.vix,
      rate: c.rate,
      divYield: c.divYield,
      chain: text,
    });
    expect(planned.referenceVix).toBe(c.indices.vix);
    const api = buildSurface(parseInput(SurfaceRequestSchema, { chain: text, vix: c.indices.vix }));
    expect(api.data.referenceVix).toBe(c.indices.vix);
    expect(() => fitChainSurface(loadChain(c).chain, { vix: 0.2322 })).toThrow(/vix/);
  });
});
