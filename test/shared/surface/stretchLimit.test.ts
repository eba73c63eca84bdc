/**
 * How far the index surfaces stretch their last slice's smile before adding ATM variance (C of
 * docs/surfaces.md, step 7): the figures the doc quotes are the code's, and a stretch short of
 * three years needs both a last index of 70 or above and SKEW 165 or more.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeSpxSurface, spxSurfaceFromIndices, type CboeIndices } from '@alvh/shared';

const base = { valuationDate: '2021-11-19', spot: 4697.96, rate: 0.001, divYield: 0.013 };
const doc = readFileSync(new URL('../../../docs/surfaces.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

/** C and the years the stretch reaches, C × the last node's tenor. */
function stretch(indices: CboeIndices): { c: number; years: number } {
  const s = spxSurfaceFromIndices({ ...base, indices });
  const c = s.stretchLimit();
  return { c, years: c * s.slices[s.slices.length - 1]!.years };
}

/** As the doc writes C: one decimal below 1,000, else three significant figures, grouped. */
const fmtC = (c: number) => (c < 1000 ? c.toFixed(1) : Number(c.toPrecision(3)).toLocaleString('en-US'));

describe('stretch limit C of the index surfaces', () => {
  it.each<[CboeIndices, (c: string, years: string) => string]>([
    [{ vix: 80 }, (c, y) => `${c} (VIX 80) to 5,410 (VIX 9.5), a stretch to ${y} years`],
    [{ vix: 9.5 }, (c) => `to ${c} (VIX 9.5)`],
    [{ vix: 80, skew: 165 }, (c) => `${c} (VIX 80, SKEW 165)`],
    [{ vix: 9.5, skew: 112 }, (c) => `to ${c} (VIX 9.5, SKEW 112)`],
    [
      { vix: 80, skew: 183 },
      (c, y) =>
        `${c} at VIX 80 and SKEW 183 (the highest close, 183.12, puts λ at its cap of 1.5), a stretch to ${y} years`,
    ],
    [{ vix: 80, vix3m: 80, skew: 112 }, (c) => `at VIX 80, ${c} at SKEW 112`],
    [{ vix: 80, vix3m: 80, skew: 165 }, (c) => `${c} at SKEW 165 with VIX3M = VIX,`],
    [{ vix: 80, vix3m: 88, skew: 165 }, (c, y) => `${c} at SKEW 165 with VIX3M = 1.1 × VIX (a stretch to ${y} years)`],
    [{ vix: 80, vix9d: 80, vix3m: 80, vix6m: 80, skew: 165 }, (c) => `all four indices at 80 and SKEW 165, ${c}.`],
  ])('%o: as docs/surfaces.md quotes it', (indices, text) => {
    const { c, years } = stretch(indices);
    expect(doc).toContain(text(fmtC(c), years.toFixed(1)));
  });

  it('stretches past 3 years unless the last index is 70 or above and SKEW 165 or more', () => {
    const short: CboeIndices[] = [];
    for (const vix of [9.5, 15, 20, 30, 40, 60, 70, 80])
      for (const skew of [undefined, 101, 112, 141, 150, 165, 183]) {
        const sk = skew === undefined ? {} : { skew };
        const sets: CboeIndices[] = [{ vix, ...sk }];
        for (const r of [0.7, 0.85, 1, 1.1, 1.3]) sets.push({ vix, vix3m: r * vix, ...sk });
        for (const [a, b, c] of [
          [0.9, 1.1, 1.2],
          [1.15, 0.8, 0.7],
          [1, 1, 1],
          [0.85, 1.2, 1.3],
        ] as const)
          sets.push({ vix, vix9d: a * vix, vix3m: b * vix, vix6m: c * vix, ...sk });
        for (const ix of sets) if (stretch(ix).years < 3) short.push(ix);
      }
    expect(short.length).toBeGreaterThan(0);
    for (const ix of short) {
      expect(ix.skew ?? 0, JSON.stringify(ix)).toBeGreaterThanOrEqual(165);
      expect(ix.vix6m ?? ix.vix3m ?? ix.vix, JSON.stringify(ix)).toBeGreaterThanOrEqual(70);
    }
  });
});

describe('past the stretch limit', () => {
  // one quarter-year slice whose put wing is steep: w'(k) → −b(1 − ρ) = −1.5 far left
  const T = 0.25;
  const s = makeSpxSurface({
    valuationDate: '2023-06-09',
    spot: 4000,
    source: 'chain',
    slices: [
      {
        expiry: '2023-09-08',
        root: 'SPX',
        years: T,
        forward: 4000,
        discount: 1,
        svi: { a: 0.01, b: 1, rho: -0.5, m: 0, sigma: 0.1 },
      },
    ],
    referenceVix: 20,
    warnings: [],
    label: 'test',
  });

  it("keeps the wing within Lee's bound: a smile stretched four times in variance would be twice as steep (3)", () => {
    // c·w(k/√c) has wing slope √c·1.5, over Lee's 2 from c = 16/9; the stretch stops short of it
    // (C ≤ 1 + (4/1.5² − 1)/2 = 1.39), so at t = 4T the far put wing rises at most 2 per unit of k
    expect(s.stretchLimit()).toBeLessThan(16 / 9);
    const t = 4 * T;
    const slope = s.totalVariance(t, -8) - s.totalVariance(t, -7);
    expect(slope).toBeLessThanOrEqual(2);
    // and the ATM vol stays flat, the variance past C added at the money's rate
    expect(s.atmVol(t)).toBeCloseTo(s.atmVol(T), 12);
  });
});
