import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blackFormula, blackFormulaLn } from '@alvh/shared';
import reference from './fixtures/blackReference.json';

// Undiscounted Black values evaluated at 60 significant digits with mpmath 1.3 from the exact
// binary values of the inputs (F·Φ(d1) − K·Φ(d2), K·Φ(−d2) − F·Φ(−d1)), rounded to 20 digits.
// The tolerance of each row is 4ε·(1 + d1² + |ln(F/K)|/s²): the condition number of the price
// with respect to rounding of its inputs (the price's sensitivity to a 1-ulp change in F/K and
// in d1), so any algorithm working in double precision must allow at least about this much.
const rows: [isCall: boolean, forward: number, strike: number, stdDev: number, value: number][] = [
  [true, 100, 150, 0.01414213562373095, 2.665944512122441e-182],
  [true, 100, 110, 0.0026171196129316, 8.323136885786849e-293],
  [false, 100, 50, 0.2, 0.0009431090880750194],
  [true, 20, 60, 0.3, 0.0003120736940033335],
  [false, 6000, 3000, 0.05, 8.04252623978577e-43],
  [true, 100, 300, 0.1, 3.4529165077419025e-28],
  [true, 18, 50, 0.25, 0.000036122057488583444],
  [false, 100, 99, 0.001, 4.446393851909905e-26],
  [true, 100, 100, 1e-8, 3.989422804014327e-7],
  [false, 100, 100, 1e-12, 3.9894228040143264e-11],
  [true, 100, 100, 8, 99.99366575163337],
  [true, 100, 100.0001, 1e-6, 0.000008331559156778175],
  [true, 19, 80, 0.6, 0.0620701472856794],
];

function tolerance(forward: number, strike: number, s: number): number {
  const x = Math.abs(Math.log(forward / strike));
  const d1 = x / s + s / 2;
  return 4 * Number.EPSILON * (1 + d1 * d1 + x / (s * s));
}

describe('blackFormula (undiscounted kernel)', () => {
  it.each(rows)('call=%s F=%d K=%d σ√T=%d → %d', (isCall, forward, strike, stdDev, value) => {
    const v = blackFormula(isCall, forward, strike, stdDev);
    expect(v).toBeGreaterThan(0);
    expect(Math.abs(v - value) / value).toBeLessThanOrEqual(tolerance(forward, strike, stdDev));
  });

  it('matches 600 random 60-digit reference values within the same tolerance rule', () => {
    const rows = reference.rows as [boolean, number, number, number, number][];
    expect(rows.length).toBe(600);
    for (const [isCall, forward, strike, stdDev, value] of rows) {
      const v = blackFormula(isCall, forward, strike, stdDev);
      expect(Math.abs(v - value) / value).toBeLessThanOrEqual(tolerance(forward, strike, stdDev));
    }
  });

  it('keeps ATM prices at tiny deviations to full precision (no loss against Φ = ½)', () => {
    // ATM: value = F·(2Φ(s/2) − 1) = F·s/√(2π)·(1 − s²/24 + O(s⁴)).
    for (const s of [1e-6, 1e-9, 1e-12, 1e-15]) {
      const expected = ((100 * s) / Math.sqrt(2 * Math.PI)) * (1 - (s * s) / 24);
      expect(Math.abs(blackFormula(true, 100, 100, s) / expected - 1)).toBeLessThan(1e-15);
    }
  });

  it('gives intrinsic at zero deviation, 0 (never negative) where the price underflows', () => {
    expect(blackFormula(true, 120, 100, 0)).toBe(20);
    expect(blackFormula(false, 120, 100, 0)).toBe(0);
    expect(blackFormula(false, 100, 40, 0.02)).toBe(0); // true value 3.9e-460
    expect(blackFormula(true, 100, 40, 0.02)).toBe(60); // intrinsic + underflowed time value
  });

  it('is never negative, never below intrinsic, never above the forward/strike bound (property)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.double({ min: 1e-8, max: 1e12, noNaN: true }),
        fc.double({ min: 1e-8, max: 1e12, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (isCall, f, k, s) => {
          const v = blackFormula(isCall, f, k, s);
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(Math.max(isCall ? f - k : k - f, 0));
          expect(v).toBeLessThanOrEqual(isCall ? f : k);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('blackFormulaLn (the log-moneyness given)', () => {
  it('is blackFormula bit for bit when given Math.log(F/K), both types, OTM and ITM', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.double({ min: 1, max: 10_000, noNaN: true }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (isCall, f, ratio, sd) => {
          const k = f * ratio;
          expect(Object.is(blackFormulaLn(isCall, f, k, Math.log(f / k), sd), blackFormula(isCall, f, k, sd))).toBe(
            true,
          );
        },
      ),
      { numRuns: 2000, seed: 3 },
    );
  });

  it('with ln S + (r − q)T − ln K (as the path pricer passes it) agrees to 1e-12 relative', () => {
    const s = 6600;
    const g = 0.027 * (30 / 365);
    for (const k of [5700, 5800, 6600, 7100, 7200]) {
      const x = Math.log(s) + g - Math.log(k);
      const f = s * Math.exp(g);
      const want = blackFormula(k < s ? false : true, f, k, 0.05);
      expect(Math.abs(blackFormulaLn(k < s ? false : true, f, k, x, 0.05) - want)).toBeLessThan(1e-12 * want);
    }
  });
});
