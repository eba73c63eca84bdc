/**
 * The replay's work limit (rows replayed × legs held) as the host applies it before a replay
 * reaches the pool: what counts as a replayed row, how many legs the assumptions hold, and the
 * limit's edge (equal passes, one more row is refused with the figure and the fix).
 */
import { describe, expect, it } from 'vitest';
import {
  checkReplayWork,
  MAX_REPLAY_ROW_LEGS,
  parseReplayInput,
  REPLAY_LEGS_PER_CONDOR,
  ReplayAssumptionsSchema,
  replayedRowCount,
  replayLegCount,
} from '@alvh/shared';
import { errorOf } from '../helpers/errors';

const rows = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'].map((date) => ({ date }));

describe('replayLegCount', () => {
  it('holds one condor of 7 legs when a condor opens only with none open (the default)', () => {
    expect(REPLAY_LEGS_PER_CONDOR).toBe(7);
    expect(replayLegCount(ReplayAssumptionsSchema.parse({}))).toBe(7);
    // maxOpenCondors only matters with scheduled entries.
    expect(replayLegCount(ReplayAssumptionsSchema.parse({ maxOpenCondors: 12 }))).toBe(7);
  });

  it('holds maxOpenCondors × 7 legs with scheduled entries; the contracts per leg do not count', () => {
    expect(replayLegCount(ReplayAssumptionsSchema.parse({ entryEveryDays: 7 }))).toBe(21);
    expect(replayLegCount(ReplayAssumptionsSchema.parse({ entryEveryDays: 1, maxOpenCondors: 12 }))).toBe(84);
    expect(
      replayLegCount(ReplayAssumptionsSchema.parse({ entryEveryDays: 1, maxOpenCondors: 12, condorQuantity: 10_000 })),
    ).toBe(84);
  });
});

describe('replayedRowCount', () => {
  const full = (date: string) => ({ date, spx: 4800, vix: 13, vx: [14, 15] });
  const parsed = (extra: object = {}) => parseReplayInput({ rows: rows.map((r) => full(r.date)), ...extra });

  it('counts the rows from `from` to `to` inclusive, all of them by default', () => {
    expect(replayedRowCount(parsed())).toBe(5);
    expect(replayedRowCount(parsed({ from: '2024-01-04' }))).toBe(3);
    expect(replayedRowCount(parsed({ to: '2024-01-03' }))).toBe(2);
    expect(replayedRowCount(parsed({ from: '2024-01-03', to: '2024-01-05' }))).toBe(3);
    // Bounds between rows: only the rows inside count (a market day the rows leave out is the
    // replay's to refuse: its rows lack the window).
    const gap = parseReplayInput({ rows: rows.filter((r) => r.date !== '2024-01-04').map((r) => full(r.date)) });
    expect(replayedRowCount({ ...gap, from: '2024-01-04', to: '2024-01-04' })).toBe(0);
    // A window of no market day between rows (a weekend) is refused before any count.
    const weekend = errorOf(() => replayedRowCount(parsed({ from: '2024-01-06', to: '2024-01-07' })));
    expect([weekend.code, weekend.field]).toEqual(['invalid_input', 'from']);
    expect(weekend.message).toContain('2024-01-05 before it and 2024-01-08 after it');
    // and so is a holiday whose row holds a VIX close only (2024-01-15, Martin Luther King Jr. Day)
    const mlk = [...rows.map((r) => full(r.date)), { date: '2024-01-15', vix: 14 }, full('2024-01-16')];
    const holiday = errorOf(() =>
      replayedRowCount(parseReplayInput({ rows: mlk, from: '2024-01-15', to: '2024-01-15' })),
    );
    expect([holiday.code, holiday.field]).toEqual(['invalid_input', 'from']);
    expect(holiday.message).toContain('2024-01-08 before it and 2024-01-16 after it');
  });

  it('starts where the replay starts: warm-up rows before the first replayable one do not count, with or without `from`', () => {
    // no VX, then no VX1: the replay starts on the third row
    const warm = [
      { date: '2024-01-02', spx: 4800, vix: 13, vx: [] },
      { date: '2024-01-03', spx: 4800, vix: 13, vx: [null, 15, 16] },
      ...rows.slice(2).map((r) => full(r.date)),
    ];
    expect(replayedRowCount(parseReplayInput({ rows: warm }))).toBe(3);
    // with `from` before the first replayable row, from that row too; a later `from` counts from itself
    expect(replayedRowCount(parseReplayInput({ rows: warm, from: '2024-01-02' }))).toBe(3);
    expect(replayedRowCount(parseReplayInput({ rows: warm, from: '2024-01-05' }))).toBe(2);
  });
});

describe('checkReplayWork', () => {
  it('passes the row limit at the default assumptions and with three condors open', () => {
    expect(() => checkReplayWork(12_000, 7)).not.toThrow();
    expect(() => checkReplayWork(12_000, 21)).not.toThrow();
  });

  it('passes exactly at the limit and refuses one more row, naming rows, the figure and the fix', () => {
    const most = Math.floor(MAX_REPLAY_ROW_LEGS / 84);
    expect(most).toBe(3571);
    expect(() => checkReplayWork(most, 84)).not.toThrow();
    const e = errorOf(() => checkReplayWork(most + 1, 84));
    expect(e.code).toBe('limit_exceeded');
    expect(e.field).toBe('rows');
    expect(e.message).toContain(
      '3,572 rows replayed × 84 legs held (12 condors open at most × 7 legs) = 300,048 row-legs, over the limit of 300,000',
    );
    expect(e.message).toContain('replay at most 3,571 days per request with these assumptions');
    expect(e.message).toContain('lower assumptions.maxOpenCondors');
  });
});
