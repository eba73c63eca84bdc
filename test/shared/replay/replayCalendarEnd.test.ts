/**
 * A window that runs into the end of the exchange calendar is refused before the daily loop, by
 * the same row the loop would stop at: the loop's mark step (counted through the module's own
 * export) never runs for such a window, where before it ran for every day up to that row.
 */
import { describe, expect, it, vi } from 'vitest';
import { dayFromYmd, isBusinessDay, toIsoDate, type MarketRow } from '@alvh/shared';
import { errorOf } from '../../helpers/errors';

const marks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../shared/src/replay/replaySteps', async (original) => {
  const steps = await original<typeof import('../../../shared/src/replay/replaySteps')>();
  return {
    ...steps,
    stepMark: (...args: Parameters<typeof steps.stepMark>) => {
      marks.count++;
      return steps.stepMark(...args);
    },
  };
});
const { replay } = await import('../../../shared/src/replay/replay');

/** Market days from `from` through 2040-12-31 (the calendar's last day), at most `n`, with two VX prices. */
function rowsFrom(from: [number, number, number], n: number): MarketRow[] {
  const rows: MarketRow[] = [];
  for (let d = dayFromYmd(...from); rows.length < n && toIsoDate(d) <= '2040-12-31'; d++)
    if (isBusinessDay(toIsoDate(d))) rows.push({ date: toIsoDate(d), spx: 4000, vix: 15, vvix: 90, vx: [16, 17] });
  return rows;
}

describe('a replay window past the exchange calendar', () => {
  it('names the first row that needs expiries past it, before any day is replayed', () => {
    const rows = rowsFrom([2039, 6, 1], 400);
    marks.count = 0;
    const e = errorOf(() => replay({ rows, assumptions: { includeLedger: false } }));
    expect(e.field).toMatch(/^rows\[\d+\]\.date$/);
    const i = Number(/\d+/.exec(e.field)![0]);
    expect(e.message).toContain(
      `is ${rows[i]!.date}: replaying it needs expiries past the end of the exchange calendar`,
    );
    expect(marks.count).toBe(0);
    // The row before it is the window's last that replays: every day of it is marked.
    const r = replay({ rows, to: rows[i - 1]!.date, assumptions: { includeLedger: false } });
    expect(r.to).toBe(rows[i - 1]!.date);
    expect(marks.count).toBeGreaterThan(0);
  });

  it('a window inside the calendar is not refused (the check looks only at the last year and a half)', () => {
    const rows = rowsFrom([2039, 1, 3], 120);
    expect(replay({ rows, assumptions: { includeLedger: false } }).to).toBe(rows.at(-1)!.date);
  });
});
