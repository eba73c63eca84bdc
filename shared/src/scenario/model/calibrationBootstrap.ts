/**
 * How much history's own cells could move with a different draw of the same kind of years: a
 * circular moving-block bootstrap of a period's starting days. A history cell (median, P(VIX > 30),
 * P(VIX > 40) of VIX h days after the days that start in a bucket) rests on overlapping windows
 * from a handful of episodes, so its sampling error is far larger than its count of days suggests.
 * Resampling whole blocks of consecutive starting days (half a year by default, twice the longest
 * horizon) keeps each episode's days together, with the outcome each had.
 */
import { quantileSorted } from '../statistics';
import { HORIZONS, VIX_BUCKETS, horizonPairs, inBucket, vixCell, type DayValue } from './calibrationCells';
import { PathDraws } from '../philox';
import { invalidInput } from '../../errors';

/** Consecutive starting days a resampled block keeps (trading days, about six months). */
export const BOOTSTRAP_BLOCK_DAYS = 126;

export interface BootstrapOptions {
  /** Starting days per block (default {@link BOOTSTRAP_BLOCK_DAYS}). */
  blockDays?: number;
  /** Resampled histories (default 2,000). */
  draws?: number;
  /** Seed of the draws (default 1): the same seed gives the same intervals. */
  seed?: number;
  /** Two-sided coverage of the intervals (default 0.9: the 5th and 95th percentiles). */
  level?: number;
}

/** History's central intervals of one cell's figures; NaN bounds where no resample had a start in the bucket. */
export interface CellIntervals {
  median: [number, number];
  above30: [number, number];
  above40: [number, number];
}

const interval = (xs: number[], level: number): [number, number] => {
  if (xs.length === 0) return [Number.NaN, Number.NaN];
  const s = Float64Array.from(xs).sort();
  return [quantileSorted(s, (1 - level) / 2), quantileSorted(s, (1 + level) / 2)];
};

/**
 * The intervals of history's VIX cells [bucket][horizon] over the starting days in [from, to]
 * whose horizon date is in it too (as {@link historyVixCells}): each resample draws blocks of
 * consecutive starting days at uniform offsets (wrapping at the end) until it has as many starts as
 * the period, and computes the cells from those starts.
 */
export function historyVixIntervals(
  vix: readonly DayValue[],
  from: number,
  to: number,
  opts: BootstrapOptions = {},
): CellIntervals[][] {
  const blockDays = opts.blockDays ?? BOOTSTRAP_BLOCK_DAYS;
  const draws = opts.draws ?? 2000;
  const level = opts.level ?? 0.9;
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(blockDays) || blockDays < 1) {
    throw invalidInput('blockDays', `is ${blockDays}`, 'pass a whole number of starting days ≥ 1, e.g. 126');
  }
  if (!Number.isInteger(draws) || draws < 1 || draws > 100_000) {
    throw invalidInput('draws', `is ${draws}`, 'pass a whole number of resamples from 1 to 100,000, e.g. 2000');
  }
  if (!(level > 0 && level < 1)) throw invalidInput('level', `is ${level}`, 'pass a coverage in (0, 1), e.g. 0.9');
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw invalidInput('seed', `is ${seed}`, 'pass a whole number in [0, 2^32)');
  }
  const rng = new PathDraws();
  const figures = VIX_BUCKETS.map(() =>
    HORIZONS.map(() => ({ median: [] as number[], above30: [] as number[], above40: [] as number[] })),
  );
  const bucketOf = (v: number) => VIX_BUCKETS.findIndex((b) => inBucket(v, b));
  HORIZONS.forEach((h, k) => {
    const pairs = horizonPairs(vix, h, from, to);
    const n = pairs.length;
    const bucket = pairs.map(([i]) => bucketOf(vix[i]!.value));
    const end = pairs.map(([, j]) => vix[j]!.value);
    for (let r = 0; r < draws && n > 0; r++) {
      // Keyed by (seed, horizon · draws + draw): every horizon's resamples are their own streams.
      rng.key(seed, k * draws + r);
      const ends: number[][] = VIX_BUCKETS.map(() => []);
      for (let got = 0, t = 0; got < n; got += blockDays, t++) {
        rng.step(t);
        const s0 = Math.floor(rng.u1 * n);
        for (let i = 0; i < blockDays && got + i < n; i++) {
          const p = (s0 + i) % n;
          if (bucket[p]! >= 0) ends[bucket[p]!]!.push(end[p]!);
        }
      }
      ends.forEach((e, bi) => {
        if (e.length === 0) return;
        const c = vixCell(e);
        const f = figures[bi]![k]!;
        f.median.push(c.median);
        f.above30.push(c.above30);
        f.above40.push(c.above40);
      });
    }
  });
  return figures.map((row) =>
    row.map((f) => ({
      median: interval(f.median, level),
      above30: interval(f.above30, level),
      above40: interval(f.above40, level),
    })),
  );
}
