/**
 * The replay's notes on its rows' closes (rowNotes.ts): a VVIX the VIX-option surface clamps is
 * named on each replayed day it marks, and a day-over-day move no replayed day of the data folder
 * reaches is named; neither on the real 2007-2021 window or the 2024 and 2025 episodes. The notes
 * come from replay(), so POST /api/replay and npm run replay carry the same ones.
 */
import { describe, expect, it } from 'vitest';
import { dayFromYmd, isBusinessDay, replay, toIsoDate, type MarketRow } from '@alvh/shared';
import { rowNotes, NOTED_DAYS } from '../../../shared/src/replay/rowNotes';
import { replayHistory } from '../../../scripts/replayData';
import { setComputeRunner } from '../../../functions/src/compute';
import { inlineCompute } from '../../functions/inlineCompute';
import { callRoute } from '../../functions/postJson';
import { describeWithData } from '../../helpers/marketData';

/** Market days from `from` for `n` days with a fixed SPX, VIX, VVIX, SKEW and contango VX curve. */
function flatRows(from: [number, number, number], n: number): MarketRow[] {
  const rows: MarketRow[] = [];
  for (let d = dayFromYmd(...from); rows.length < n; d++) {
    if (!isBusinessDay(toIsoDate(d))) continue;
    rows.push({
      date: toIsoDate(d),
      spx: 4000,
      vix: 15,
      vvix: 90,
      skew: 130,
      vx: [16, 17, 17.8, 18.4, 18.9, 19.3, 19.6, 19.8],
    });
  }
  return rows;
}

const all = (rows: readonly MarketRow[]) => new Set(rows.map((r) => r.date));

describe('rowNotes', () => {
  const rows = flatRows([2021, 1, 4], 40);
  const from = rows[0]!.date;
  const to = rows.at(-1)!.date;
  const at = (k: number, change: Partial<MarketRow>) => rows.map((r, i) => (i === k ? { ...r, ...change } : r));

  it('says nothing of steady closes', () => {
    expect(rowNotes(rows, from, to, all(rows))).toEqual([]);
  });

  it('names a replayed day whose VVIX the surface clamps (below 20 or above 400), and the jumps to and from it', () => {
    const cut = at(20, { vvix: 10 });
    const notes = rowNotes(cut, from, to, all(cut));
    expect(notes).toHaveLength(2);
    expect(notes[0]).toBe(
      `VVIX outside the VIX-option surface's 20 to 400 on 1 replayed day, whose VIX options are marked at the range's nearer end: ${rows[20]!.date} (10); check those closes (VVIX has closed between about 60 and 210 since 2007)`,
    );
    expect(notes[1]).toContain(`VVIX 10 on ${rows[20]!.date}, 0.11 times the ${rows[19]!.date} close 90`);
    expect(notes[1]).toContain(`VVIX 90 on ${rows[21]!.date}, 9 times the ${rows[20]!.date} close 10`);
    // a day not replayed (a skipped row, a warm-up row) is marked on no surface: no clamp noted
    expect(rowNotes(cut, from, to, new Set([from]))).toHaveLength(1);
    expect(rowNotes(at(20, { vvix: 450 }), from, to, all(rows))[0]).toMatch(/on 1 replayed day.*\(450\)/);
  });

  it('names moves of SPX beyond 25%, of VIX and SKEW beyond a factor 3; within them, nothing', () => {
    expect(rowNotes(at(10, { spx: 2900 }), from, to, all(rows))[0]).toMatch(/SPX 2900 on \S+, 0\.72 times/);
    expect(rowNotes(at(10, { spx: 3200, vix: 44 }), from, to, all(rows))).toEqual([]);
    expect(rowNotes(at(10, { vix: 46 }), from, to, all(rows))[0]).toMatch(/VIX 46 on \S+, 3\.1 times/);
    expect(rowNotes(at(10, { skew: 13 }), from, to, all(rows))[0]).toMatch(/SKEW 13 on \S+, 0\.1 times/);
  });

  it('reads rows before the window as the day before, but notes no move before it', () => {
    const later = all(rows.slice(10));
    expect(rowNotes(at(5, { vvix: 15 }), rows[10]!.date, to, later)).toEqual([]);
    expect(rowNotes(at(9, { vvix: 15 }), rows[10]!.date, to, later)[0]).toMatch(/VVIX 90 on \S+, 6 times/);
  });

  it(`lists ${NOTED_DAYS} days at most, counting the others`, () => {
    const saw = rows.map((r, i) => ({ ...r, spx: i % 2 ? 4000 : 2000 }));
    expect(rowNotes(saw, from, to, all(rows))[0]).toMatch(/; and 29 more; check those closes/);
  });
});

describe('the replay and POST /api/replay carry the notes', () => {
  const rows = flatRows([2021, 1, 4], 40).map((r, i) => (i === 20 ? { ...r, vvix: 10 } : r));

  it('in the replay result', () => {
    const r = replay({ rows, assumptions: { includeLedger: false } });
    expect(r.notes.filter((n) => n.includes(`VVIX 10 on ${rows[20]!.date}`))).toHaveLength(1);
    expect(r.notes.some((n) => n.startsWith('VVIX outside'))).toBe(true);
  });

  it('in the answer of POST /api/replay', async () => {
    setComputeRunner(inlineCompute());
    try {
      const body = { rows, assumptions: { includeLedger: false } };
      const answer = (await callRoute('replay', { method: 'POST', body })).json;
      expect(answer.notes).toEqual(replay(body).notes);
      expect(answer.notes.some((n: string) => n.startsWith('VVIX outside'))).toBe(true);
    } finally {
      setComputeRunner(undefined);
    }
  });
});

describeWithData('the real history raises no row note', () => {
  const h = replayHistory();

  it.each(['main', 'y2024', 'y2025'] as const)('%s', (run) => {
    const { rows, from, to } = h[run];
    const window = new Set(rows.filter((r) => r.date >= from && r.date <= to).map((r) => r.date));
    expect(rowNotes(rows, from, to, window)).toEqual([]);
  });

  it('VVIX cut to 10 on 2020-02-21, the day the April 2020 condor opens, is noted', () => {
    const { rows, from, to } = h.main;
    const cut = rows.map((r) => (r.date === '2020-02-21' ? { ...r, vvix: 10 } : r));
    // every day of the window (the 15.71 of 2006-03-15, a warm-up row, is marked on no surface)
    const window = new Set(rows.filter((r) => r.date >= from && r.date <= to).map((r) => r.date));
    const notes = rowNotes(cut, from, to, window);
    expect(notes[0]).toMatch(/^VVIX outside .*: 2020-02-21 \(10\);/);
    expect(notes[1]).toMatch(
      /VVIX 10 on 2020-02-21, 0\.1 times the 2020-02-20 close 99\.48; VVIX 112\.72 on 2020-02-24/,
    );
  });
});
