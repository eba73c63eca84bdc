import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  BODY_TAIL,
  PathDraws,
  bodyHistogram,
  describeDistribution,
  runMonteCarloChunk,
  summarizeMonteCarlo,
  type DistributionStats,
  histogram,
  kthOfTwo,
  pooledQuantile,
} from '@alvh/shared';

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

  it('counts a path at the max loss within 1e-9 relative, and beyond it, as docs/scenarios.md says', () => {
    // paths at the max loss land a few ulps either side of it; the ALVH book can lose more
    const m = 27509.280935629948;
    const pnl = Float64Array.from([-m * (1 - 5e-10), -m * (1 + 5e-10), -m * 1.5, -m * (1 - 2e-9), 0]);
    expect(describeDistribution(pnl, 0, false, m).probMaxLoss).toBeCloseTo(3 / 5, 15);
    const doc = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/scenarios.md'), 'utf8');
    expect(doc.replace(/\s+/g, ' ')).toContain('P(max loss): P&L ≤ −condor max loss (within 1e-9 relative:');
  });
});

/** 1,500 samples of 2,000 paths from the engine's generator, each pair of paths filled from one step's draws, summarised. */
function samples(seed: number, pair: (d: PathDraws) => [number, number], paired: boolean): DistributionStats[] {
  const draws = new PathDraws();
  const out: DistributionStats[] = [];
  for (let r = 0; r < 1500; r++) {
    draws.key(seed, r);
    const x = new Float64Array(2000);
    for (let t = 0; t < 1000; t++) {
      draws.step(t);
      [x[2 * t], x[2 * t + 1]] = pair(draws);
    }
    out.push(describeDistribution(x, 0, paired, 0));
  }
  return out;
}
const avg = (a: number[]) => a.reduce((u, v) => u + v, 0) / a.length;
const sd = (a: number[]) => {
  const m = avg(a);
  return Math.sqrt(a.reduce((u, v) => u + (v - m) ** 2, 0) / (a.length - 1));
};

describe("CVaR95's standard error", () => {
  // 1,500 samples of 2,000 standard normals (Box-Muller on the engine's counter-based generator):
  // the reported standard error against the spread of CVaR95 across the samples. The tail's own
  // sd/√k (the former rule) is √(0.1384/(0.1384 + 0.95·0.1745)) = 0.67 of the spread for a normal;
  // on these samples the rule gives 0.958 of it, the former 0.648.
  const normals = samples(11, (d) => [d.z1, d.z2], false);
  const estimates = normals.map((d) => d.cvar95);
  const spread = sd(estimates);
  const reported = avg(normals.map((d) => d.cvar95StdError!));

  it('is the spread of the estimate across samples (within 7%: the spread itself is known to 1.8%)', () => {
    // ES of N(0, 1) at 5%: φ(1.6449)/0.05 = 2.0627
    expect(Math.abs(avg(estimates) - 2.0627)).toBeLessThan((3 * spread) / Math.sqrt(1500));
    expect(reported / spread).toBeGreaterThan(0.93);
    expect(reported / spread).toBeLessThan(1.07);
  });

  it('over antithetic twins that lose together, is their spread too: P&L 1 − |z| on both of (z, −z)', () => {
    // a condor's P&L on a pair: both twins end in a tail together. Taken as independent paths the
    // errors would be 1/√2 of the spread; over pair averages they match it (P(loss)'s too).
    const twins = samples(12, (d) => [1 - Math.abs(d.z1), 1 - Math.abs(-d.z1)], true);
    const cvarRatio = avg(twins.map((d) => d.cvar95StdError!)) / sd(twins.map((d) => d.cvar95));
    const lossRatio = avg(twins.map((d) => d.probLossStdError!)) / sd(twins.map((d) => d.probLoss));
    for (const ratio of [cvarRatio, lossRatio]) {
      expect(ratio).toBeGreaterThan(0.93);
      expect(ratio).toBeLessThan(1.07);
    }
  });

  it('is exactly 0 when the worst 5% sits wholly on the max-loss plateau, not the rounding of its ulps', () => {
    // 100 of 1,000 paths at the max loss, a few ulps apart as the paths' sums leave them; the tail is 50
    const ulp = 5000 * Number.EPSILON;
    const pnl = Float64Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? -5000 - (i % 3) * ulp : i));
    for (const paired of [false, true]) {
      const s = describeDistribution(pnl, 0, paired, 5000);
      expect(s.cvar95).toBeCloseTo(5000, 9);
      expect(s.probMaxLoss).toBe(0.1);
      expect(s.cvar95StdError).toBe(0);
    }
    // a tail with a spread keeps its error
    expect(
      describeDistribution(
        pnl.map((x, i) => (x < 0 ? x - i : x)),
        0,
        true,
        5000,
      ).cvar95StdError,
    ).toBeGreaterThan(1);
  });

  it('is 0 in the Monte Carlo summary of the docs example whose condor tail is all at the max loss (1.03e-13 was shown)', () => {
    const input = JSON.parse(
      readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/examples/plan.json'), 'utf8'),
    ) as object;
    const s = summarizeMonteCarlo(runMonteCarloChunk({ plan: input, paths: 10_000, seed: 3 }));
    expect(s.condor.probMaxLoss).toBeGreaterThan(0.05);
    expect(s.condor.cvar95StdError).toBe(0);
    expect(s.alvh.cvar95StdError).toBeGreaterThan(1);
  });

  it('is null, not 0, when the tail or the pairs are too few to estimate it', () => {
    const few = Float64Array.from({ length: 20 }, (_, i) => i);
    expect(describeDistribution(few, 0, false, 0).cvar95StdError).toBeNull();
    expect(describeDistribution(Float64Array.from([1, -1]), 0, true, 0).meanStdError).toBeNull();
    // P(loss)'s too: one antithetic pair is one pair average, not two binomial draws (0.3536 was √(½·½/2))
    const pair = describeDistribution(Float64Array.from([1, -1]), 0, true, 0);
    expect([pair.probLoss, pair.probLossStdError]).toEqual([0.5, null]);
    expect(describeDistribution(Float64Array.from([1, -1]), 0, false, 0).probLossStdError).toBeCloseTo(
      Math.sqrt(0.125),
      12,
    );
    expect(describeDistribution(Float64Array.from([3]), 0, false, 0).meanStdError).toBeNull();
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

/** Type-7 quantile of an ascending array (the textbook form the pooled one must equal). */
function quantileOfSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const i = Math.floor(h);
  const a = sorted[i]!;
  return a + (h - i) * (sorted[Math.min(i + 1, sorted.length - 1)]! - a);
}

/** A deterministic sample of n values in [−m, m] in steps of 1/4, so ties are many (no −0: it ties with +0). */
function sample(n: number, m: number, seed: number): Float64Array {
  let x = seed >>> 0;
  return Float64Array.from({ length: n }, () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return Math.round(((x / 2 ** 32) * 2 - 1) * m * 4) / 4 + 0;
  });
}

describe('kthOfTwo and pooledQuantile: two ascending arrays read as one, without pooling them', () => {
  it('give every rank of the pooled sort, with ties, empty sides and lopsided lengths', () => {
    const cases: [number, number][] = [
      [0, 7],
      [7, 0],
      [1, 1],
      [5, 40],
      [40, 5],
      [33, 33],
    ];
    for (const [na, nb] of cases) {
      const a = sample(na, 3, na + 17).sort();
      const b = sample(nb, 3, nb + 91).sort();
      const pooled = Float64Array.from([...a, ...b]).sort();
      for (let k = 0; k < pooled.length; k++) expect(kthOfTwo(a, b, k), `${na}+${nb}, k ${k}`).toBe(pooled[k]);
    }
  });

  it('equals the type-7 quantile of the pooled sort, bit for bit', () => {
    const a = sample(1001, 500, 5).sort();
    const b = sample(777, 800, 6).sort();
    const pooled = Float64Array.from([...a, ...b]).sort();
    for (const q of [0, BODY_TAIL, 0.1, 0.5, 0.9, 1 - BODY_TAIL, 1]) {
      expect(pooledQuantile(a, b, q)).toBe(quantileOfSorted(pooled, q));
    }
  });
});

describe('bodyHistogram: the 0.5th-99.5th percentile of both books on shared bins, the rest counted', () => {
  const a = sample(2000, 1000, 1);
  const b = sample(3000, 400, 2);
  a[0] = -1e6; // one far path: over the full range it would crowd the body into one bar
  const sa = a.slice().sort();
  const sb = b.slice().sort();
  const h = bodyHistogram([a, b], [sa, sb], 20);

  it('spans the pooled quantiles and counts every path once, in a bin or beyond', () => {
    expect(h.low).toBe(pooledQuantile(sa, sb, BODY_TAIL));
    expect(h.high).toBe(pooledQuantile(sa, sb, 1 - BODY_TAIL));
    expect(h.edges).toHaveLength(21);
    expect(h.edges[0]).toBe(h.low);
    expect(h.edges[20]).toBeCloseTo(h.high, 9);
    [a, b].forEach((x, s) => {
      const binned = h.counts[s]!.reduce((p, c) => p + c, 0);
      expect(binned + h.below[s]! + h.above[s]!).toBe(x.length);
      expect(h.below[s]).toBe(x.filter((v) => v < h.low).length);
      expect(h.above[s]).toBe(x.filter((v) => v > h.high).length);
    });
    // About 0.5% of the 5,000 paths lie beyond each side (ties at the edge stay inside).
    expect(h.below[0]! + h.below[1]!).toBeLessThanOrEqual(25);
    expect(h.above[0]! + h.above[1]!).toBeLessThanOrEqual(25);
    expect(h.below[0]).toBeGreaterThanOrEqual(1); // the far path
  });

  it('puts each path in the bin of its value (a path at the top edge in the last bin)', () => {
    const width = (h.high - h.low) / 20;
    const want = Array.from({ length: 20 }, () => 0);
    for (const v of b) if (v >= h.low && v <= h.high) want[Math.min(19, Math.floor((v - h.low) / width))]!++;
    expect(h.counts[1]).toEqual(want);
  });

  it('keeps the paths at either edge in the bins', () => {
    // 0..10 twice: the pooled 0.5th and 99.5th percentiles fall between tied values, 0 and 10.
    const x = Float64Array.from({ length: 11 }, (_, i) => i);
    const edge = bodyHistogram([x, x], [x, x], 5);
    expect([edge.low, edge.high]).toEqual([0, 10]);
    expect(edge.counts[0]).toEqual([2, 2, 2, 2, 3]);
    expect([edge.below, edge.above]).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('keeps paths at the max loss in the first bin when rounding puts some a few ulps below it', () => {
    // the condor's max loss as the paths compute it: −94,070 on some, −94,070.00000000006 on others;
    // the pooled 0.5th percentile falls between the two, and the ones below are not "beyond"
    const maxLoss = [
      -94070.00000000006, -94070.00000000006, -94070.00000000006, -94070.00000000006, -94070.00000000006,
    ];
    const x = Float64Array.from([
      ...maxLoss,
      ...new Array<number>(5).fill(-94070),
      ...Array.from({ length: 990 }, (_, i) => -94000 + i * 100),
    ]);
    const h = bodyHistogram([x, x], [x, x], 10);
    expect(h.low).toBeGreaterThan(-94070.00000000006);
    expect(h.below).toEqual([0, 0]);
    expect(h.counts[0]![0]).toBe(10 + x.filter((v) => v > -94070 && v < h.edges[1]!).length);
  });

  it('gives one unit-wide range when every path has the same P&L', () => {
    const flat = new Float64Array(10).fill(7);
    const one = bodyHistogram([flat, flat], [flat, flat], 4);
    expect([one.low, one.high]).toEqual([7, 8]);
    expect(one.counts).toEqual([
      [10, 0, 0, 0],
      [10, 0, 0, 0],
    ]);
  });
});
