import { describe, expect, it } from 'vitest';
import { ema, macd, macdSettledLength, SEED_WEIGHT_TOLERANCE } from '@alvh/shared';

describe('EMA seeded by the simple mean', () => {
  it('hand-computed values', () => {
    expect(ema([1, 2, 3, 4, 5], 3)).toEqual([2, 3, 4]);
    const e = ema([1, 2, 4, 8, 16], 2); // α = 2/3, seed (1 + 2)/2
    [1.5, 3.166667, 6.388889, 12.796296].forEach((v, i) => expect(e[i]).toBeCloseTo(v, 6));
  });

  it('lags a straight line by exactly (n − 1)/2 steps from the first value', () => {
    const xs = Array.from({ length: 60 }, (_, i) => 10 + 0.3 * i);
    ema(xs, 12).forEach((v, i) => expect(v).toBeCloseTo((xs[i + 11] as number) - 0.3 * 5.5, 10));
  });
});

describe('MACD(fast, slow, signal)', () => {
  it('hand-computed MACD(2, 3, 2) on 1, 2, 4, 8, 16', () => {
    // EMA2: 1.5, 3.166667, 6.388889, 12.796296; EMA3: 2.333333, 5.166667, 10.583333
    // MACD: 0.833333, 1.222222, 2.212963; signal (seed 1.027778): 1.027778, 1.817901
    const r = macd([1, 2, 4, 8, 16], 2, 3, 2);
    expect(r.macd).toHaveLength(2);
    [1.222222, 2.212963].forEach((v, i) => expect(r.macd[i]).toBeCloseTo(v, 6));
    [1.027778, 1.817901].forEach((v, i) => expect(r.signal[i]).toBeCloseTo(v, 6));
    [0.194444, 0.395062].forEach((v, i) => expect(r.histogram[i]).toBeCloseTo(v, 6));
  });

  it('on a straight line of slope s: MACD = signal = 7s exactly, histogram 0', () => {
    // an SMA-seeded EMA(n) lags a line by (n − 1)/2 steps: (26 − 1)/2 − (12 − 1)/2 = 7
    const s = 0.25;
    const r = macd(Array.from({ length: 80 }, (_, i) => 3 + s * i));
    expect(r.macd).toHaveLength(80 - 33);
    for (let i = 0; i < r.macd.length; i++) {
      expect(r.macd[i]).toBeCloseTo(7 * s, 10);
      expect(r.signal[i]).toBeCloseTo(7 * s, 10);
      expect(r.histogram[i]).toBeCloseTo(0, 10);
    }
  });

  it('is zero on a constant series, scales with the series and ignores a shift', () => {
    expect(macd(Array(40).fill(1.3)).histogram.every((h) => Math.abs(h) < 1e-12)).toBe(true);
    const xs = Array.from({ length: 120 }, (_, i) => 1.2 + 0.1 * Math.sin(i / 5) + 0.02 * Math.cos(i));
    const a = macd(xs);
    const b = macd(xs.map((x) => 4 * x + 7));
    a.histogram.forEach((h, i) => expect(b.histogram[i]).toBeCloseTo(4 * h, 10));
    a.macd.forEach((m, i) => expect(a.histogram[i]).toBeCloseTo(m - (a.signal[i] as number), 14));
  });

  it('aligns the three arrays to the end of the input', () => {
    const xs = Array.from({ length: 100 }, (_, i) => Math.sqrt(i + 1));
    const full = macd(xs);
    const tail = macd(xs.slice(0, 99));
    expect(full.macd).toHaveLength(100 - 33);
    expect(full.signal).toHaveLength(full.macd.length);
    expect(full.histogram).toHaveLength(full.macd.length);
    // dropping the last value drops the last output and changes nothing else
    tail.histogram.forEach((h, i) => expect(full.histogram[i]).toBeCloseTo(h, 14));
  });

  it('needs slow + signal − 1 values and fast < slow', () => {
    expect(macd(Array.from({ length: 34 }, (_, i) => i)).macd).toHaveLength(1);
    expect(() => macd(Array.from({ length: 33 }, (_, i) => i))).toThrow(
      /^values: has 33 values, but MACD\(12, 26, 9\) needs at least 34; pass at least 34 values/,
    );
    expect(() => macd(Array(50).fill(1), 26, 12)).toThrow(/^fast: is 26, not shorter than slow 12/);
    // a value no close or ratio reaches is refused by name: three of 1e308 sum to Infinity, and the
    // next step, Infinity + α·(4 − Infinity), is NaN
    expect(() => ema([1e308, 1e308, 1e308, 4], 3)).toThrow(/^values\[0\]: is 1e\+308, beyond 1000000000000 in size/);
    expect(() => macd([...Array(40).fill(20), 1e13])).toThrow(/^values\[40\]: is 10000000000000, beyond /);
    expect(() => macd(Array(50).fill(1), 12, 26, 0)).toThrow(/^signal: /);
  });
});

describe('macdSettledLength: the values after which no EMA of the MACD keeps more than SEED_WEIGHT_TOLERANCE of its seed', () => {
  it('is 108 for (12, 26, 9): the slow EMA, seeded at the 26th value, keeps 25/27 a value', () => {
    expect(macdSettledLength()).toBe(108);
    expect((25 / 27) ** (108 - 26)).toBeLessThanOrEqual(SEED_WEIGHT_TOLERANCE);
    expect((25 / 27) ** (107 - 26)).toBeGreaterThan(SEED_WEIGHT_TOLERANCE);
  });

  it('counts the signal EMA from its own seed, slow + signal − 1 values in', () => {
    // signal 60 (59/61 a value) seeded at value 85 outlasts slow 26: 85 + 188
    expect(macdSettledLength(12, 26, 60)).toBe(85 + Math.ceil(Math.log(SEED_WEIGHT_TOLERANCE) / Math.log(59 / 61)));
    expect(macdSettledLength(1, 2, 1)).toBe(2 + Math.ceil(Math.log(SEED_WEIGHT_TOLERANCE) / Math.log(1 / 3)));
  });

  it('names a length that is not whole, or fast not below slow', () => {
    expect(() => macdSettledLength(12, 26.5, 9)).toThrow(/^slow: /);
    expect(() => macdSettledLength(26, 12, 9)).toThrow(/^fast: is 26, not shorter than slow 12/);
  });
});
