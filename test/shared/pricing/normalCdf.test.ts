import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normCdf, normInv, normPdf } from '@alvh/shared';

/** |a − b| / |b|, with b = 0 meaning an exact comparison. */
function relErr(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}

// Reference values: 50-digit evaluations of Φ(x) = erfc(−x/√2)/2 with mpmath 1.3 (mp.dps = 50),
// rounded to 20 significant digits; they agree with R's pnorm and Wolfram Alpha's CDF[NormalDistribution[], x]
// to the digits shown there. The tolerance is per row (relative).
const cdfTable: [x: number, phi: number, relTol: number][] = [
  [-37.5, 4.605353009581955e-308, 1e-15],
  [-37, 5.725571222524577e-300, 1e-15],
  [-30, 4.906713927148187e-198, 1e-15],
  [-25, 3.056696706382561e-138, 1e-15],
  [-20, 2.7536241186062337e-89, 1e-15],
  [-15, 3.670966199312751e-51, 1e-15],
  [-10, 7.619853024160525e-24, 1e-15],
  [-8, 6.220960574271784e-16, 1e-15],
  [-6, 9.86587645037698e-10, 1e-15],
  [-5, 2.866515718791939e-7, 1e-15],
  [-3, 0.0013498980316300946, 1e-15],
  [-2, 0.02275013194817921, 1e-15],
  [-1, 0.15865525393145705, 1e-15],
  [-0.5, 0.3085375387259869, 1e-15],
  [-0.1, 0.460172162722971, 1e-15],
  [0, 0.5, 0],
  [0.1, 0.539827837277029, 1e-15],
  [0.5, 0.6914624612740131, 1e-15],
  [1, 0.8413447460685429, 1e-15],
  [2, 0.9772498680518208, 1e-15],
  [3, 0.9986501019683699, 1e-15],
  [5, 0.9999997133484281, 1e-15],
  [8, 0.9999999999999993, 1e-15],
];

describe('normCdf', () => {
  it.each(cdfTable)('Φ(%d) = %d within %d relative', (x, phi, tol) => {
    expect(relErr(normCdf(x), phi)).toBeLessThanOrEqual(tol);
  });

  it('matches the values quoted in the pricing specification', () => {
    // Φ(−10), Φ(−5), Φ(−1), Φ(−20) as commonly tabulated (R: pnorm(-10) etc.)
    expect(relErr(normCdf(-10), 7.619853024160527e-24)).toBeLessThan(2e-16);
    expect(relErr(normCdf(-5), 2.866515718791939e-7)).toBeLessThan(2e-16);
    expect(relErr(normCdf(-1), 0.15865525393145707)).toBeLessThan(3e-16);
    expect(relErr(normCdf(-20), 2.7536241186062337e-89)).toBeLessThan(2e-16);
  });

  it('is 0 below −37.52 and 1 above 8.3, never NaN for finite input', () => {
    expect(normCdf(-40)).toBe(0);
    expect(normCdf(-Infinity)).toBe(0);
    expect(normCdf(9)).toBe(1);
    expect(normCdf(Infinity)).toBe(1);
    expect(() => normCdf(Number.NaN)).toThrow('x: is NaN');
    expect(() => normPdf(Number.NaN)).toThrow('x: is NaN');
  });

  it('is monotone and satisfies Φ(x) + Φ(−x) = 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, d) => {
        expect(normCdf(x + d)).toBeGreaterThanOrEqual(normCdf(x));
        expect(Math.abs(normCdf(x) + normCdf(-x) - 1)).toBeLessThanOrEqual(2.3e-16);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normPdf', () => {
  it.each([
    [0, 0.3989422804014327, 1e-16],
    [1, 0.24197072451914334, 2e-16],
    [-3, 0.0044318484119380075, 2e-16],
    [10, 7.694598626706419e-23, 1e-15],
    [-30, 1.4736461348785476e-196, 1e-15], // mpmath npdf, 30 digits
  ])('φ(%d) = %d within %d relative', (x, v, tol) => {
    expect(relErr(normPdf(x), v)).toBeLessThanOrEqual(tol);
  });

  it('is even and 0 far out', () => {
    expect(normPdf(-1.3)).toBe(normPdf(1.3));
    expect(normPdf(40)).toBe(0);
  });
});

describe('normInv', () => {
  // Quantiles by mpmath findroot on Φ at 60 digits (mpmath 1.3).
  it.each([
    [1e-300, -37.0470962993612, 1e-15],
    [1e-100, -21.273453560965326, 1e-15],
    [1e-20, -9.262340089798407, 1e-15],
    [1e-10, -6.361340902404057, 1e-15],
    [1e-5, -4.264890793922825, 1e-15],
    [0.001, -3.0902323061678136, 1e-15],
    [0.02, -2.053748910631823, 1e-15],
    [0.1, -1.2815515655446004, 1e-15],
    [0.3, -0.5244005127080408, 1e-15],
    [0.5, 0, 0],
    [0.975, 1.9599639845400543, 1e-15],
  ])('Φ⁻¹(%d) = %d within %d relative', (p, x, tol) => {
    expect(relErr(normInv(p), x)).toBeLessThanOrEqual(tol);
  });

  it('rejects p outside (0, 1) naming p (the quantiles of 0 and 1 are infinite)', () => {
    for (const p of [0, 1, -0.1, 1.1, Number.NaN]) {
      expect(() => normInv(p)).toThrow('p: is');
    }
    expect(() => normInv(0)).toThrow('pass a probability such as 0.975');
  });

  // Φ(x) moves by |x|·dx/x relative when x moves by dx, so rounding x (ε|x|) alone shifts Φ by
  // about x²ε relative: the tolerance is 4ε(1 + x²).
  it('inverts normCdf: Φ(Φ⁻¹(p)) = p to 4ε(1 + x²) relative for p in [1e-300, 0.5]', () => {
    fc.assert(
      fc.property(fc.double({ min: -690, max: Math.log(0.5), noNaN: true }), (lnp) => {
        const p = Math.exp(lnp);
        const x = normInv(p);
        expect(relErr(normCdf(x), p)).toBeLessThan(4 * Number.EPSILON * (1 + x * x));
      }),
      { numRuns: 2000 },
    );
  });

  it('is antisymmetric: Φ⁻¹(1 − p) = −Φ⁻¹(p) where 1 − p is exact', () => {
    for (const p of [0.25, 0.125, 0.0625, 0.03125, 2 ** -10, 2 ** -20]) {
      expect(normInv(1 - p)).toBeCloseTo(-normInv(p), 13);
    }
  });
});
