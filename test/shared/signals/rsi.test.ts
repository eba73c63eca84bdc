import { describe, expect, it } from 'vitest';
import { rsi, rsiSettledLength, SEED_WEIGHT_TOLERANCE } from '@alvh/shared';
import { errorOf } from '../../helpers/errors';

// Wilder's worked example as published by StockCharts ChartSchool ("Relative Strength Index
// (RSI)", spreadsheet cs-rsi.xls): 33 daily closes, 14-period RSI from the 15th close on.
const CLOSES_4DP = [
  44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931, 46.0328, 45.614,
  46.282, 46.282, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439, 46.2122, 46.2521, 45.7137, 46.4515, 45.7835, 45.3548,
  44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314,
];
// The same closes as the article's table prints them (two decimals).
const CLOSES_2DP = CLOSES_4DP.map((c) => Math.round(c * 100) / 100);

describe('Wilder RSI reproduces the StockCharts 33-close example', () => {
  it('two-decimal closes: 70.4641, 66.2496, ... (the values RSI libraries test against)', () => {
    const out = rsi(CLOSES_2DP);
    expect(out).toHaveLength(19);
    expect(out[0]).toBeCloseTo(70.4641, 4);
    expect(out[1]).toBeCloseTo(66.2496, 4);
    expect(out[18]).toBeCloseTo(37.7888, 4);
    // to two decimals, as e.g. bennycode/trading-signals' RSI test lists them
    const table = [
      70.46, 66.25, 66.48, 69.35, 66.29, 57.92, 62.88, 63.21, 56.01, 62.34, 54.67, 50.39, 40.02, 41.49, 41.9, 45.5,
      37.32, 33.09, 37.79,
    ];
    out.forEach((v, i) => expect(Math.abs(v - (table[i] as number)), `RSI #${i}`).toBeLessThanOrEqual(0.005 + 1e-9));
  });

  it('four-decimal closes: StockCharts’ own RSI column 70.53, 66.32, ...', () => {
    const out = rsi(CLOSES_4DP);
    const table = [
      70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87, 45.46,
      37.3, 33.08, 37.77,
    ];
    expect(out).toHaveLength(19);
    out.forEach((v, i) => expect(Math.abs(v - (table[i] as number)), `RSI #${i}`).toBeLessThanOrEqual(0.005 + 1e-9));
    expect(out[0]).toBeCloseTo(70.5328, 4);
  });

  it('needs period + 1 closes and returns one RSI per close from closes[period]', () => {
    expect(rsi(CLOSES_2DP.slice(0, 15))).toHaveLength(1);
    expect(rsi(CLOSES_2DP.slice(0, 15))[0]).toBeCloseTo(70.4641, 4);
    expect(rsi([1, 2, 3, 2], 3)).toHaveLength(1);
  });
});

describe('RSI invariants', () => {
  it('is 100 with no losses, 0 with no gains, 50 when nothing moves', () => {
    expect(rsi(Array.from({ length: 20 }, (_, i) => 100 + i))).toEqual(Array(6).fill(100));
    expect(rsi(Array.from({ length: 20 }, (_, i) => 100 - i))).toEqual(Array(6).fill(0));
    expect(rsi(Array(16).fill(42))).toEqual([50, 50]);
  });

  it('is unchanged by a positive scale and a shift of the closes', () => {
    const a = rsi(CLOSES_4DP);
    const b = rsi(CLOSES_4DP.map((c) => 3.7 * c + 1000));
    b.forEach((v, i) => expect(v).toBeCloseTo(a[i] as number, 9));
  });

  it('stays within [0, 100]', () => {
    const xs = Array.from({ length: 300 }, (_, i) => 100 + 10 * Math.sin(i / 7) + 3 * Math.cos(i * 1.3));
    for (const v of rsi(xs, 5)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(100);
    }
  });
});

describe('RSI rejections', () => {
  it('says how many closes are needed', () => {
    expect(() => rsi(CLOSES_2DP.slice(0, 14))).toThrow(
      /^closes: has 14 values, but a 14-period RSI needs at least 15; pass at least 15 values, oldest first$/,
    );
    // with its own code: errorOf fails the test when nothing is thrown
    expect(errorOf(() => rsi([1, 2]))).toMatchObject({ code: 'insufficient_data', field: 'closes' });
  });

  it('names a bad close or period', () => {
    expect(() => rsi([...CLOSES_2DP.slice(0, 10), Number.NaN, ...CLOSES_2DP.slice(11)])).toThrow(
      /^closes\[10\]: is NaN, not a finite number/,
    );
    expect(() => rsi(CLOSES_2DP, 0)).toThrow(/^period: is 0, not a whole number ≥ 1/);
    expect(() => rsi(CLOSES_2DP, 2.5)).toThrow(/^period: /);
  });
});

describe('rsiSettledLength: the closes after which the seed keeps at most SEED_WEIGHT_TOLERANCE of the averages', () => {
  it('is 100 at period 14, as before, and grows with the period', () => {
    expect(SEED_WEIGHT_TOLERANCE).toBe(0.0019);
    expect(rsiSettledLength(14)).toBe(100);
    expect(rsiSettledLength(100)).toBe(725);
    expect(rsiSettledLength(2)).toBe(13);
    expect(rsiSettledLength(1)).toBe(2);
  });

  it('is the least length whose seed weight (1 − 1/n)^(length − n − 1) is within the tolerance', () => {
    for (let n = 2; n <= 100; n++) {
      const len = rsiSettledLength(n);
      const weight = (steps: number) => (1 - 1 / n) ** steps;
      expect(weight(len - n - 1), `period ${n}`).toBeLessThanOrEqual(SEED_WEIGHT_TOLERANCE);
      expect(weight(len - n - 2), `period ${n}`).toBeGreaterThan(SEED_WEIGHT_TOLERANCE);
    }
  });

  it('names a period that is not whole', () => {
    expect(() => rsiSettledLength(2.5)).toThrow(/^period: /);
  });
});
