import { describe, expect, it } from 'vitest';
import { describeDistribution, histogram } from '@alvh/shared';

describe('describeDistribution', () => {
  // 1..100 shifted: P&L = i − 51 for i = 1..100, i.e. −50..49.
  const pnl = Float64Array.from({ length: 100 }, (_, i) => i - 50);
  const s = describeDistribution(pnl, 0, false, 50);

  it.each([
    ['mean', s.mean, -0.5],
    ['stdev', s.stdev, Math.sqrt((100 * 101) / 12)],
    ['p50 (type 7)', s.percentiles.p50, -0.5],
    ['p5 (type 7): h = 4.95', s.percentiles.p5, -50 + 4.95],
    ['var95: 5th worst', s.var95, 46],
    ['cvar95: mean of 5 worst', s.cvar95, 48],
    ['var99: worst', s.var99, 50],
    ['cvar99', s.cvar99, 50],
    ['probLoss', s.probLoss, 0.5],
    ['probMaxLoss', s.probMaxLoss, 0.01],
    ['min', s.min, -50],
    ['max', s.max, 49],
  ])('%s', (_label, got, want) => {
    expect(got).toBeCloseTo(want as number, 12);
  });

  it('standard error of the mean is stdev/√n', () => {
    expect(s.meanStdError).toBeCloseTo(s.stdev / 10, 12);
  });

  it('paired standard error uses pair averages (perfect antithetic pairs give 0)', () => {
    const twins = Float64Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? i : -(i - 1)));
    expect(describeDistribution(twins, 0, true, 0).meanStdError).toBe(0);
    // Shifted by one path, the pairing changes and the error is no longer 0.
    expect(describeDistribution(twins, 1, true, 0).meanStdError).toBeGreaterThan(0);
  });
});

describe('histogram', () => {
  it('shares bins across series and counts every path once', () => {
    const a = Float64Array.from([0, 1, 2, 3, 10]);
    const b = Float64Array.from([5, 5, 5]);
    const h = histogram([a, b], 10);
    expect(h.edges).toHaveLength(11);
    expect(h.edges[0]).toBe(0);
    expect(h.edges[10]).toBe(10);
    expect(h.counts[0]!.reduce((x, y) => x + y, 0)).toBe(5);
    expect(h.counts[0]![9]).toBe(1);
    expect(h.counts[1]![5]).toBe(3);
  });
});
