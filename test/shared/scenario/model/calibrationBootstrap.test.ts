/**
 * History's sampling intervals (historyVixIntervals): a moving-block bootstrap of a period's
 * starting days. Checked on synthetic series where the answer is known: a constant series, i.i.d.
 * days (block 1 must give the binomial interval), and runs of days (longer blocks must widen it).
 */
import { describe, expect, it } from 'vitest';
import { HORIZONS, VIX_BUCKETS, historyVixIntervals, type DayValue } from '@alvh/shared/calibration';
import { PathDraws } from '@alvh/shared/scenario';

const B15 = VIX_BUCKETS.findIndex((b) => b[0] === 15);

/** Days 0 … n − 1, each VIX 17 or (with probability p, drawn once per run of `run` days) 35. */
function series(n: number, p: number, run: number, seed: number): DayValue[] {
  const d = new PathDraws();
  d.key(seed, 0);
  const out: DayValue[] = [];
  let v = 17;
  for (let day = 0; day < n; day++) {
    if (day % run === 0) {
      d.step(day / run);
      v = d.u1 < p ? 35 : 17;
    }
    out.push({ day, value: v });
  }
  return out;
}

describe('historyVixIntervals', () => {
  it('a constant history has no sampling error, and buckets it never visits have no interval', () => {
    const flat = Array.from({ length: 400 }, (_, day) => ({ day, value: 17 }));
    const iv = historyVixIntervals(flat, 0, 399, { draws: 50 });
    HORIZONS.forEach((_, k) => {
      expect(iv[B15]![k]!.median).toEqual([17, 17]);
      expect(iv[B15]![k]!.above30).toEqual([0, 0]);
      expect(iv[0]![k]!.median.every(Number.isNaN)).toBe(true);
    });
  });

  it('with blocks of one day on independent days, P(VIX > 30) gets the binomial interval (within 15%)', () => {
    // From VIX 17 the end is 35 with probability 0.1, independently: the 90% half-width of the
    // share over n starts is 1.645·√(p(1 − p)/n).
    const xs = series(3000, 0.1, 1, 3);
    const iv = historyVixIntervals(xs, 0, 2999, { blockDays: 1, draws: 1000, seed: 9 });
    HORIZONS.forEach((h, k) => {
      const starts = xs.filter((x) => x.day + h <= 2999 && x.value === 17);
      const p = starts.filter((x) => xs[x.day + h]!.value > 30).length / starts.length;
      const half = 1.645 * Math.sqrt((p * (1 - p)) / starts.length);
      const [lo, hi] = iv[B15]![k]!.above30;
      expect(lo, `${h} days`).toBeLessThan(p);
      expect(hi, `${h} days`).toBeGreaterThan(p);
      expect((hi - lo) / 2 / half, `${h} days: [${lo}, ${hi}] around ${p}`).toBeGreaterThan(0.85);
      expect((hi - lo) / 2 / half, `${h} days: [${lo}, ${hi}] around ${p}`).toBeLessThan(1.15);
    });
  });

  it('on a history of runs, blocks that keep the runs together give a wider interval than single days', () => {
    const xs = series(3000, 0.1, 60, 4);
    const width = (blockDays: number) => {
      const [lo, hi] = historyVixIntervals(xs, 0, 2999, { blockDays, draws: 500, seed: 2 })[B15]![1]!.above30;
      return hi - lo;
    };
    expect(width(126)).toBeGreaterThan(3 * width(1));
  });

  it('is the same for the same seed and moves with another', () => {
    const xs = series(3000, 0.1, 20, 5);
    const a = historyVixIntervals(xs, 0, 2999, { draws: 300, seed: 1 });
    expect(historyVixIntervals(xs, 0, 2999, { draws: 300, seed: 1 })).toEqual(a);
    expect(historyVixIntervals(xs, 0, 2999, { draws: 300, seed: 2 })).not.toEqual(a);
  });

  it('names the option and the fix for bad options', () => {
    const xs = series(100, 0.1, 1, 1);
    expect(() => historyVixIntervals(xs, 0, 99, { blockDays: 0 })).toThrow(/blockDays.*whole number/);
    expect(() => historyVixIntervals(xs, 0, 99, { draws: 2.5 })).toThrow(/draws.*from 1 to 100,000/);
    expect(() => historyVixIntervals(xs, 0, 99, { level: 1 })).toThrow(/level.*\(0, 1\)/);
    expect(() => historyVixIntervals(xs, 0, 99, { seed: -1 })).toThrow(/seed.*2\^32/);
  });
});
