/**
 * The replay's window against the rows: a from or to past the rows is replayed as far as the rows
 * go and said so in the notes; a window between two rows that holds no market day is refused
 * naming from and to with the nearest market days; the capital refusal's two figures never read
 * the same.
 */
import { describe, expect, it } from 'vitest';
import { dayFromYmd, isBusinessDay, replay, toIsoDate } from '@alvh/shared';
import type { MarketRow } from '@alvh/shared';
import { errorOf } from '../../helpers/errors';

/** Market days from `from` to `to`, both included, with a fixed SPX, VIX and contango VX curve. */
function flatRows(from: string, to: string): MarketRow[] {
  const rows: MarketRow[] = [];
  for (let d = dayFromYmd(...(from.split('-').map(Number) as [number, number, number])); toIsoDate(d) <= to; d++) {
    if (!isBusinessDay(toIsoDate(d))) continue;
    rows.push({ date: toIsoDate(d), spx: 4000, vix: 15, vvix: 90, vx: [16, 17, 17.8, 18.4, 18.9, 19.3, 19.6, 19.8] });
  }
  return rows;
}

describe('a window reaching past the rows', () => {
  const rows = flatRows('2021-01-04', '2021-04-30');

  it('notes a to after the last row: the date asked, the last row, what was replayed and the condor left open', () => {
    const r = replay({ rows, from: '2021-02-01', to: '2022-01-03' });
    expect(r.to).toBe('2021-04-30');
    const open = r.campaigns.filter((c) => !c.settled).map((c) => c.expiry);
    expect(open).toHaveLength(1);
    expect(r.notes[0]).toBe(
      `to 2022-01-03 is after the last row, 2021-04-30: replayed to 2021-04-30; the condor expiring ${open[0]}, open then, is valued at its marks, not settled`,
    );
  });

  it('notes a from before the first row', () => {
    const r = replay({ rows, from: '2020-06-01', to: '2021-03-31' });
    expect(r.from).toBe('2021-01-04');
    expect(r.notes[0]).toBe('from 2020-06-01 is before the first row, 2021-01-04: replayed from 2021-01-04');
  });

  it('says nothing when only a weekend or a holiday lies between the rows and the date asked', () => {
    // 2021-01-01 (New Year) to 2021-01-03 (Sunday); 2021-05-01 and 02 are a weekend
    const r = replay({ rows, from: '2021-01-01', to: '2021-05-02' });
    expect(r.notes.filter((n) => / is (before the first|after the last) row/.test(n))).toEqual([]);
    expect(replay({ rows }).notes).toEqual(replay({ rows, from: '2021-01-04', to: '2021-04-30' }).notes);
  });
});

describe('rows before the first day the replay can replay', () => {
  // VX prices begin on 2021-02-01: the January rows carry SPX and VIX closes only
  const rows = flatRows('2021-01-04', '2021-04-30').map((r) => (r.date < '2021-02-01' ? { ...r, vx: [] } : r));
  const warmUp = (notes: readonly string[]) => notes.filter((n) => n.includes('fed the signals only'));

  it('says how many rows of the window fed the signals only, and which', () => {
    const r = replay({ rows });
    expect(r.from).toBe('2021-02-01');
    expect(r.skipped.count).toBe(0);
    // 19 market days, 2021-01-04..2021-01-29 (2021-01-18 is Martin Luther King Day: no row)
    expect(warmUp(r.notes)).toEqual([
      'the replay starts on 2021-02-01, the first row it can replay (SPX and VIX closes, VX1 and VX2 prices): the 19 rows before it (2021-01-04..2021-01-29) fed the signals only, neither replayed nor counted as skipped',
    ]);
    expect(warmUp(replay({ rows, from: '2021-01-29' }).notes)).toEqual([
      'the replay starts on 2021-02-01, the first row it can replay (SPX and VIX closes, VX1 and VX2 prices): the row before it (2021-01-29) fed the signals only, neither replayed nor counted as skipped',
    ]);
  });

  it('says nothing of rows before a from the replay starts on', () => {
    expect(warmUp(replay({ rows, from: '2021-02-01' }).notes)).toEqual([]);
    expect(warmUp(replay({ rows, from: '2021-03-01' }).notes)).toEqual([]);
  });
});

describe('a window holding no market day', () => {
  const rows = flatRows('2021-01-04', '2021-04-30');

  it('is refused naming from and to and the nearest market days on either side', () => {
    for (const [from, to] of [
      ['2021-03-13', '2021-03-13'],
      ['2021-04-02', '2021-04-04'], // Good Friday and the weekend
    ] as const) {
      const e = errorOf(() => replay({ rows, from, to }));
      expect(e.code).toBe('invalid_input');
      expect(e.field).toBe('from');
      const [before, after] = from === '2021-03-13' ? ['2021-03-12', '2021-03-15'] : ['2021-04-01', '2021-04-05'];
      expect(e.message).toBe(
        `from: is ${from} and to ${to}: the window holds no market day (the nearest are ${before} before it and ${after} after it); pass a from on or before ${before}, or a to on or after ${after}`,
      );
    }
  });

  it('a holiday whose row holds a VIX close only is no market day either: refused the same, not as missing data', () => {
    // Cboe's VIX file has a row on some holidays (2021-01-18, Martin Luther King Jr. Day); the replay passes over it
    const holiday = [...rows, { date: '2021-01-18', vix: 24, vx: [] }].sort((a, b) => a.date.localeCompare(b.date));
    for (const [from, to] of [
      ['2021-01-18', '2021-01-18'],
      ['2021-01-16', '2021-01-18'],
    ] as const) {
      const e = errorOf(() => replay({ rows: holiday, from, to }));
      expect([e.code, e.field]).toEqual(['invalid_input', 'from']);
      expect(e.message).toBe(
        `from: is ${from} and to ${to}: the window holds no market day (the nearest are 2021-01-15 before it and 2021-01-19 after it); pass a from on or before 2021-01-15, or a to on or after 2021-01-19`,
      );
    }
    // a window around it replays as without the row
    const around = { from: '2021-01-11', to: '2021-02-26', assumptions: { includeLedger: false } };
    expect(replay({ rows: holiday, ...around })).toEqual(replay({ rows, ...around }));
  });

  it('a holiday at the edge of the rows: only the side that holds market days is offered', () => {
    // the holiday's own row was offered as the nearest market day beyond it, and refused again
    const mlk = { date: '2021-01-18', vix: 24, vx: [] };
    const ending = [...rows.filter((r) => r.date < '2021-01-18'), mlk];
    const end = errorOf(() => replay({ rows: ending, from: '2021-01-16', to: '2021-01-18' }));
    expect([end.code, end.field]).toEqual(['invalid_input', 'from']);
    expect(end.message).toBe(
      "from: is 2021-01-16 and to 2021-01-18: the window holds no market day, and the rows' market days end before it (the last is 2021-01-15); pass a from on or before 2021-01-15, or send rows after 2021-01-18",
    );
    const starting = [mlk, ...rows.filter((r) => r.date > '2021-01-18')];
    expect(errorOf(() => replay({ rows: starting, from: '2021-01-18', to: '2021-01-18' })).message).toBe(
      "from: is 2021-01-18 and to 2021-01-18: the window holds no market day, and the rows' market days start after it (the first is 2021-01-19); pass a to on or after 2021-01-19, or send rows before 2021-01-18",
    );
    expect(
      errorOf(() => replay({ rows: [{ ...mlk, date: '2021-01-01' }, mlk], from: '2021-01-18', to: '2021-01-18' }))
        .message,
    ).toMatch(/holds no market day, nor does any row; send rows of market days$/);
  });

  it('a window of market days the rows leave out is still the rows that lack it', () => {
    const gap = rows.filter((r) => r.date < '2021-03-08' || r.date > '2021-03-12');
    const e = errorOf(() => replay({ rows: gap, from: '2021-03-09', to: '2021-03-10' }));
    expect(e.code).toBe('insufficient_data');
    expect(e.field).toBe('rows');
    expect(e.message).toContain(
      'send rows with spx, vix and vx (the VX futures, VX1 and VX2 at least) on the market days of the window, oldest first',
    );
  });
});

describe('the capital refusal', () => {
  const rows = flatRows('2021-01-04', '2021-03-31');
  const refusal = (capital: number) => errorOf(() => replay({ rows, assumptions: { capital } })).message;
  const figures = (m: string) => {
    const cap = /of it, (\$[\d,.]+)\) fits no condor/.exec(m)?.[1];
    const risk = /one condor risks at least (\$[\d,.]+) \(/.exec(m)?.[1];
    return { cap, risk };
  };

  it('prints cents when the cap and the least risk round to the same dollar, whole dollars otherwise', () => {
    const least = Number(/capital of at least \$([\d,]+)/.exec(refusal(1000))![1]!.replaceAll(',', ''));
    // one dollar short of the least capital: a cap within 2.5 cents of the risk
    const near = figures(refusal(least - 1));
    expect(near.cap).toBe(
      `$${((least - 1) * 0.025).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
    );
    expect(near.risk).toMatch(/^\$[\d,]+\.\d\d$/);
    expect(near.cap).not.toBe(near.risk);
    const far = figures(refusal(1000));
    expect(far).toEqual({ cap: '$25', risk: expect.stringMatching(/^\$\d,\d{3}$/) as unknown });
  });
});
