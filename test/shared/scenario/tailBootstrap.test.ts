/**
 * A CVaR whose tail ends at a plateau's edge (many paths on one loss, as a condor's max loss): the
 * kink test, and the bootstrap error given there in place of the delta method's 0.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mergeMonteCarlo, runMonteCarloChunk, summarizeMonteCarlo } from '@alvh/shared';
import { describeDistribution, tailPathCount } from '../../../shared/src/scenario/statistics';
import {
  ascendingOrder,
  bootstrapCvarStdError,
  nearTailKink,
  plateauRun,
  replicateStdDev,
  tailBootstrap,
} from '../../../shared/src/scenario/tailBootstrap';

/** The Monte Carlo example's input (docs/examples/montecarlo.json). */
const EXAMPLE = JSON.parse(
  readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/examples/montecarlo.json'), 'utf8'),
) as Record<string, unknown>;

/** n paths: `atom` of them (every `n / atom`-th) at −100, the rest spread evenly over (−90, 0]. */
function plateau(n: number, atom: number): Float64Array {
  const every = n / atom;
  return Float64Array.from({ length: n }, (_, i) => (i % every === 0 ? -100 : -90 * (((i * 7919) % n) / n)));
}

/** The sample's CVaR 95 (loss positive) over `n` independent draws of the two-point-plus-uniform law. */
function seedSpread(atomShare: number, n: number, seeds: number): number {
  let s = 12345;
  const rnd = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
  const k = tailPathCount(n, 0.95);
  const cv: number[] = [];
  for (let r = 0; r < seeds; r++) {
    const x = Float64Array.from({ length: n }, () => (rnd() < atomShare ? -100 : -90 * rnd())).sort();
    let sum = 0;
    for (let i = 0; i < k; i++) sum += x[i]!;
    cv.push(-sum / k);
  }
  const m = cv.reduce((a, b) => a + b, 0) / seeds;
  return Math.sqrt(cv.reduce((a, b) => a + (b - m) ** 2, 0) / (seeds - 1));
}

describe('a CVaR 95 at a plateau’s edge', () => {
  it('is near the kink when the plateau’s edge is within 3√k of the tail’s k paths, on either side', () => {
    // 2,000 paths: k = 100, 3√k = 30
    const at = (atom: number) => nearTailKink(plateau(2000, atom).sort(), 100);
    expect(at(100)).toBe(true);
    expect(at(125)).toBe(true);
    expect(at(80)).toBe(true);
    expect(at(400)).toBe(false);
    expect(at(50)).toBe(false);
    // a plateau spread over a few ulps of rounding is one plateau
    const blurred = plateau(2000, 100)
      .map((x, i) => (x === -100 ? -100 * (1 + (i % 3) * 1e-15) : x))
      .sort();
    expect(nearTailKink(blurred, 100)).toBe(true);
    // no ties: no plateau
    expect(
      nearTailKink(
        Float64Array.from({ length: 2000 }, (_, i) => i),
        100,
      ),
    ).toBe(false);
  });

  it('counts a plateau whose edge is exactly 3√k from k, on either side, and none a path further', () => {
    // 2,000 distinct values with a run of 20 tied ones at [lo, lo + 20): k = 100, 3√k = 30
    const run = (lo: number) => {
      const x = Float64Array.from({ length: 2000 }, (_, i) => i);
      x.fill(lo, lo, lo + 20);
      return nearTailKink(x, 100);
    };
    // upper edge (count at or below) 70 and 71: within 30 of 100; 69 is not
    expect(run(50)).toBe(true);
    expect(run(51)).toBe(true);
    expect(run(49)).toBe(false);
    // lower edge (count below) 130: within 30 of 100; 131 is not
    expect(run(130)).toBe(true);
    expect(run(131)).toBe(false);
  });

  it('finds no plateau in a continuous tail on 2,000,000 paths with a few chance ties by its boundary', () => {
    // k = 100,000, 3√k ≈ 949: two exact duplicates and a triple within it, far under √k ≈ 317
    const n = 2_000_000;
    const k = tailPathCount(n, 0.95);
    const x = Float64Array.from({ length: n }, (_, i) => -100_000 + 0.1 * i);
    x[k + 3] = x[k + 2]!;
    x[k - 41] = x[k - 42]!;
    x[k + 501] = x[k + 500]!;
    x[k + 502] = x[k + 500]!;
    expect(nearTailKink(x, k)).toBe(false);
    // a run of ⌈√k⌉ values is one
    x.fill(x[k + 10]!, k + 10, k + 10 + plateauRun(k));
    expect(nearTailKink(x, k)).toBe(true);
  });

  it('keeps the delta method’s error for a continuous sample with chance ties by its tail’s boundary', () => {
    // 200,000 shuffled paths: k = 10,000; the two nearest the boundary made equal, then apart
    const n = 200_000;
    const k = tailPathCount(n, 0.95);
    const x = Float64Array.from({ length: n }, (_, i) => -50_000 + 0.5 * ((i * 7919) % n) + 1e-3 * (i % 7));
    const order = Float64Array.from(x).sort();
    const [lo, hi] = [x.indexOf(order[k]!), x.indexOf(order[k + 1]!)];
    x[hi] = x[lo]!;
    const tiedError = describeDistribution(x, 0, true, 0).cvar95StdError!;
    x[hi] = x[lo]! + 1e-4;
    const apartError = describeDistribution(x, 0, true, 0).cvar95StdError!;
    expect(tiedError).toBeCloseTo(apartError, 6);
  });

  it('gives a tail all on the plateau (k of 2,000 paths) a bootstrap error near the spread over samples, not 0', () => {
    const x = plateau(2000, 100);
    const s = describeDistribution(x, 0, false, 100);
    expect(s.cvar95).toBe(100);
    const spread = seedSpread(0.05, 2000, 400);
    expect(s.cvar95StdError!).toBeGreaterThan(spread / 2);
    expect(s.cvar95StdError!).toBeLessThan(spread * 2);
  });

  it('reads an array’s replicates once, along the head of its ascending order, with the weights of every run before', () => {
    const x = plateau(2000, 100);
    const paths = Float64Array.from({ length: 2000 }, (_, i) => 10 + i);
    const boot = tailBootstrap(paths, true, (w) => tailPathCount(w, 0.95));
    const r = boot.replicates(x);
    // kept for the array: the CVaR's error and its gap's share the replicates
    expect(boot.replicates(x)).toBe(r);
    // 300 of 2,000 members ordered, the same bits as the full order
    expect(r).toEqual(boot.cvars(x, ascendingOrder(x)));
    // the Poisson weights and totals drawn as they were (twin pairs, and each path its own unit)
    expect(replicateStdDev(r)).toBe(0.4974334335057519);
    const single = tailBootstrap(paths, false, (w) => tailPathCount(w, 0.95));
    expect(bootstrapCvarStdError(single, x)).toBe(0.6281132172750309);
  });

  it('draws 200 replicates, fewer past 100,000 members, down to 40 at 500,000, as docs/scenarios.md says', () => {
    // a tail of 0 members reads no weights: the count is the replicates'
    const replicates = (m: number) =>
      tailBootstrap(
        Float64Array.from({ length: m }, (_, i) => i),
        true,
        () => 0,
      ).cvars([], []).length;
    expect([2000, 100_000, 200_000, 500_000].map(replicates)).toEqual([200, 200, 100, 40]);
    const doc = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/scenarios.md'), 'utf8');
    expect(doc.replace(/\s+/g, ' ')).toContain(
      '200 replicates of Poisson(1) weights on the pairs (or paths), fewer past 100,000 paths (min(200, 20,000,000 / paths), at least 40: 100 at 200,000 paths, 40 at 500,000 and above)',
    );
    // the error's own relative error, 1/√(2 · replicates)
    expect([200, 40].map((r) => Math.round(100 / Math.sqrt(2 * r)))).toEqual([5, 11]);
    expect(doc.replace(/\s+/g, ' ')).toContain('about 1/√(2 · replicates): 5% at 200, 11% at 40');
  });

  it('keeps the delta method’s error away from the kink', () => {
    // a fifth of the paths on the plateau: every sample's tail is on it, the error 0
    expect(describeDistribution(plateau(2000, 400), 0, false, 100).cvar95StdError).toBe(0);
  });

  it('draws its weights by global path number: chunks’ replicate totals add up to the whole’s, and a range of a run keeps its paths’ weights', () => {
    const numbered = (first: number, n: number) => Float64Array.from({ length: n }, (_, i) => first + i);
    // the same P&Ls on paths 10… and 12…: other weights, another error
    const x = plateau(2000, 100);
    const at = (first: number) =>
      bootstrapCvarStdError(
        tailBootstrap(numbered(first, 2000), true, (w) => tailPathCount(w, 0.95)),
        x,
      );
    expect(at(10)).toBe(at(10));
    expect(at(12)).not.toBe(at(10));
    // each replicate's total weight over paths [333, 1333) is the sum of its totals over the chunks
    // [333, 701) and [701, 1333), each a member list of its own (the tail count is called with it);
    // the chunks split the antithetic pair (700, 701), whose one weight counts once in each
    const totals = (first: number, n: number) => {
      const w: number[] = [];
      tailBootstrap(numbered(first, n), true, (t) => (w.push(t), 0)).cvars([], []);
      return w;
    };
    const [whole, head, rest] = [totals(333, 1000), totals(333, 368), totals(701, 632)];
    expect(whole).toHaveLength(200);
    expect(whole).toEqual(head.map((t, b) => t + rest[b]!));
    // paths [333, 1000) of a Monte Carlo run, at the kink of the condor's max loss, merged to their
    // range from two chunks out of order that split the pair (666, 667): the error is the
    // bootstrap's over paths 333…, not over the merged arrays' own indices 0…
    const run = (firstPath: number, pathCount: number) =>
      runMonteCarloChunk({ ...EXAMPLE, paths: 1000, firstPath, pathCount, seed: 5 });
    const range = mergeMonteCarlo([run(667, 333), run(333, 334)], { firstPath: 333, pathCount: 667 });
    const condor = range.condor;
    expect(nearTailKink(Float64Array.from(condor).sort(), tailPathCount(667, 0.95))).toBe(true);
    const from = (first: number) =>
      bootstrapCvarStdError(
        tailBootstrap(numbered(first, 667), true, (w) => tailPathCount(w, 0.95)),
        condor,
      );
    expect(from(333)).not.toBe(from(0));
    expect(summarizeMonteCarlo(range).condor.cvar95StdError).toBe(from(333));
  });
});
