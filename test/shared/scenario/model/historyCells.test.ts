import { describe, expect, it } from 'vitest';
import { SPX_HORIZON, historySpxCells } from '@alvh/shared/calibration';

describe("history's SPX cells", () => {
  it('pairs each day with the day SPX_HORIZON later and buckets it by the same day’s VIX', () => {
    // 200 daily closes falling 0.25 a day from 100: every 42-day return lies between −10.5% and −17.4%.
    const spx = Array.from({ length: 200 }, (_, i) => ({ day: i, value: 100 - 0.25 * i }));
    const vix = spx.map((x) => ({ day: x.day, value: 25 }));
    const { cells, starts } = historySpxCells(spx, vix, 0, 199);
    const n = 200 - SPX_HORIZON;
    expect(cells[2]).toMatchObject({ n, down10: 1, down20: 0, count10: n, count20: 0, up5: 0, count5: 0 });
    // the highest returns are the first days' (−10.5% on day 0): the 95th and 99th percentiles just under it
    const returns = Array.from({ length: n }, (_, i) => spx[i + SPX_HORIZON]!.value / spx[i]!.value - 1).sort(
      (a, b) => a - b,
    );
    const q = (p: number) =>
      returns[Math.floor(p * (n - 1))]! +
      (p * (n - 1) - Math.floor(p * (n - 1))) *
        (returns[Math.floor(p * (n - 1)) + 1]! - returns[Math.floor(p * (n - 1))]!);
    expect(cells[2]!.p95).toBeCloseTo(q(0.95), 12);
    expect(cells[2]!.p99).toBeCloseTo(q(0.99), 12);
    expect(cells[2]!.p99).toBeGreaterThan(cells[2]!.p95);
    expect(cells[2]!.p99).toBeLessThan(-0.105);
    expect(cells[4]).toEqual(cells[2]); // all days
    expect(cells[0]!.n).toBe(0);
    expect(Number.isNaN(cells[0]!.down10)).toBe(true);
    expect(starts[2]).toHaveLength(n);
    expect(starts[2]!.every((v) => v === 25)).toBe(true);
  });
});
