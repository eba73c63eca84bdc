/**
 * Gaps in the history: a row without VX1 or VX2 is skipped (a later contract never stands in for
 * F1 or F2), the skipped-rows note counts each reason the replay met.
 */
import { describe, expect, it } from 'vitest';
import { dayFromYmd, isBusinessDay, replay, toIsoDate } from '@alvh/shared';
import type { MarketRow } from '@alvh/shared';
import { errorOf } from '../../helpers/errors';

/** Market days from `from` for `n` days with a fixed SPX, VIX and contango VX curve. */
function flatRows(from: [number, number, number], n: number): MarketRow[] {
  const rows: MarketRow[] = [];
  for (let d = dayFromYmd(...from); rows.length < n; d++) {
    if (!isBusinessDay(toIsoDate(d))) continue;
    rows.push({ date: toIsoDate(d), spx: 4000, vix: 15, vvix: 90, vx: [16, 17, 17.8, 18.4, 18.9, 19.3, 19.6, 19.8] });
  }
  return rows;
}

describe('a row without VX1 or VX2', () => {
  const rows = flatRows([2021, 1, 4], 60);
  const withVx = (k: number, vx: (number | null)[]) => rows.map((x, i) => (i === k ? { ...x, vx } : x));

  it.each([
    [0, [null, 17, 17.8, 18.4]],
    [1, [16, null, 17.8, 18.4]],
  ])('is skipped, naming vx[%i], and counted in the note', (slot, vx) => {
    const r = replay({ rows: withVx(20, vx), assumptions: { includeLedger: true } });
    expect(r.ledger.map((x) => x.date)).not.toContain(rows[20]!.date);
    expect(r.days).toBe(59);
    expect(r.skipped.count).toBe(1);
    expect(r.skipped.first[0]!.date).toBe(rows[20]!.date);
    expect(r.skipped.first[0]!.reason).toMatch(
      new RegExp(`^${rows[20]!.date}\\.vx\\[${slot}\\]: VX${slot + 1} has no price; F1 and F2 are the first two`),
    );
    expect(r.notes).toContain('1 row in the window skipped (1 no VX1 or VX2 price); positions carried over them');
  });

  it('a row without a later contract is replayed (the fitted curve prices that expiry)', () => {
    const r = replay({ rows: withVx(20, [16, 17, null, 18.4]), assumptions: { includeLedger: true } });
    expect(r.skipped.count).toBe(0);
    expect(r.ledger[20]!.f1).toBe(16);
    expect(r.ledger[20]!.f2).toBe(17);
  });

  it('is not the default first day: the replay starts on the first row with VX1 and VX2', () => {
    const gappy = rows.map((x, i) => (i < 3 ? { ...x, vx: [null, 17, 17.8] } : x));
    const r = replay({ rows: gappy, assumptions: { includeLedger: false } });
    expect(r.from).toBe(rows[3]!.date);
    expect(r.skipped.count).toBe(0);
  });
});

describe('the skipped-rows note', () => {
  it('counts the rows by the reasons they were skipped', () => {
    const rows = flatRows([2021, 1, 4], 60).map((x, i): MarketRow => {
      if (i === 10 || i === 11) return { date: x.date, vix: 15, vx: x.vx };
      if (i === 12) return { ...x, vx: [16] };
      if (i === 13) return { ...x, vx: [null, 17, 18] };
      return x;
    });
    const r = replay({ rows, assumptions: { includeLedger: false } });
    expect(r.skipped.count).toBe(4);
    expect(r.notes).toContain(
      '4 rows in the window skipped (2 no SPX close, 1 fewer than two VX prices, 1 no VX1 or VX2 price); positions carried over them',
    );
  });
});

describe('a settlement on a skipped row in a year with no replayed day', () => {
  // 2020-11-02 on; from 2021-01-04 to the window's end every row lacks its VX curve, so the
  // condor expiring on 2021-01-15 settles on that skipped row, after the last replayed day
  const rows = flatRows([2020, 11, 2], 62).map((x) => (x.date >= '2021-01-04' ? { ...x, vx: [] } : x));
  const r = replay({ rows, to: '2021-01-20', assumptions: { includeLedger: false } });

  it('is in a year of its own (0 days), so the years add up to the total', () => {
    expect(r.to).toBe('2020-12-31');
    expect(r.campaigns.some((c) => c.expiry === '2021-01-15')).toBe(true);
    expect(r.years.map((y) => y.name)).toEqual(['2020', '2021']);
    const y2021 = r.years[1]!;
    expect([y2021.from, y2021.to, y2021.days]).toEqual(['2021-01-15', '2021-01-15', 0]);
    expect(y2021.alvhPnl).not.toBe(0);
    expect(Object.values(y2021.regimeShare)).toEqual([0, 0, 0, 0]);
    for (const k of ['condorPnl', 'overlayPnl', 'tailPnl', 'alvhPnl'] as const) {
      expect(r.years.reduce((s, y) => s + y[k], 0)).toBeCloseTo(r.total[k], 6);
      expect(r.campaigns.reduce((s, c) => s + c[k], 0)).toBeCloseTo(r.total[k], 6);
    }
  });
});

describe('episodes asked for', () => {
  const rows = flatRows([2021, 1, 4], 60);
  const ep = (name: string, from: string, to: string) => ({ name, from, to });

  it('one wholly outside the window is refused, naming it', () => {
    const e = errorOf(() =>
      replay({ rows, episodes: [ep('Jan 2021', '2021-01-04', '2021-01-29'), ep('2002', '2002-02-14', '2002-04-17')] }),
    );
    expect(e.field).toBe('episodes[1]');
    expect(e.message).toMatch(
      /^episodes\[1\]: is 2002 \(2002-02-14\.\.2002-04-17\), outside the replay's window 2021-01-04\.\.2021-03-30; drop it/,
    );
    expect(
      errorOf(() => replay({ rows, to: '2021-02-26', episodes: [ep('Mar', '2021-03-01', '2021-03-05')] })).field,
    ).toBe('episodes[0]');
  });

  it('one inside the window with no replayed day is named in the notes', () => {
    const gappy = rows.map((x) => (x.date >= '2021-03-22' ? { ...x, vx: [] } : x));
    const r = replay({ rows: gappy, episodes: [ep('late Mar', '2021-03-24', '2021-03-26')] });
    expect(r.episodes).toEqual([]);
    expect(r.notes).toContain('episode late Mar (2021-03-24..2021-03-26): no replayed day in the data given');
  });

  it('the default ones the replay does not reach are left out', () => {
    const r = replay({ rows, assumptions: { includeLedger: false } });
    expect(r.episodes).toEqual([]);
    expect(r.notes.some((n) => n.startsWith('episode'))).toBe(false);
  });
});

describe('a VVIX close outside the VIX-option surface range (20-400)', () => {
  it('marks at the range end, as the surface always clamped it, not refused as a state.volOfVol', () => {
    const rows = flatRows([2021, 1, 4], 60);
    const at = (vvix: number) =>
      replay({ rows: rows.map((x, i) => (i === 30 ? { ...x, vvix } : x)), assumptions: { includeLedger: false } });
    // the history's VVIX of 2006-03-15 is 15.71; the figures are the range end's, a note names the day
    const same = (vvix: number, end: number) => {
      const r = at(vvix);
      expect({ ...r, notes: [] }).toEqual({ ...at(end), notes: [] });
      expect(r.notes.find((n) => n.startsWith('VVIX'))).toMatch(
        new RegExp(
          `^VVIX outside the VIX-option surface's 20 to 400 on 1 replayed day.*: ${rows[30]!.date} \\(${vvix}\\);`,
        ),
      );
    };
    same(15.71, 20);
    same(480, 400);
    expect(at(20).notes.some((n) => n.startsWith('VVIX outside'))).toBe(false);
  });
});

describe('a market day with no row at all', () => {
  const rows = flatRows([2021, 1, 4], 60);

  it('is counted and named in a note, with what the replay did there; a complete history has no such note', () => {
    const absentNote = (notes: readonly string[]) => notes.filter((n) => n.includes('no row ('));
    expect(absentNote(replay({ rows, assumptions: { includeLedger: false } }).notes)).toEqual([]);
    const gone = [20, 21, 40];
    const r = replay({ rows: rows.filter((_, i) => !gone.includes(i)), assumptions: { includeLedger: true } });
    expect(absentNote(r.notes)).toEqual([
      `3 market days have no row (${gone.map((i) => rows[i]!.date).join(', ')}): nothing is marked, rebalanced or opened there, and a leg expiring on one settles on the next row's prints`,
    ]);
    expect(r.skipped.count).toBe(0); // a row absent is no skipped row
    expect(r.ledger.map((x) => x.date)).not.toContain(rows[20]!.date);
  });

  it('more than five are counted, the first five named', () => {
    const r = replay({ rows: rows.filter((_, i) => i < 10 || i > 17), assumptions: { includeLedger: false } });
    const named = rows.slice(10, 15).map((x) => x.date);
    expect(r.notes).toContain(
      `8 market days have no row (${named.join(', ')}, …): nothing is marked, rebalanced or opened there, and a leg expiring on one settles on the next row's prints`,
    );
  });
});
