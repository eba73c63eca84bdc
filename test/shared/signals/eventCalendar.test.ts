/**
 * The shipped event calendar (FOMC decisions 1994-2027, source: the Federal Reserve's FOMC meeting
 * calendars and statements) and what a date outside a kind's coverage gets: "no event calendar for
 * this date", never zero events.
 */
import { describe, expect, it } from 'vitest';
import { isBusinessDay } from '@alvh/shared/market';
import {
  NO_EVENT_CALENDAR,
  SHIPPED_EVENT_CALENDAR,
  eventsBetweenByKind,
  eventsNearByKind,
  withUserEvents,
  type MarketEvent,
} from '@alvh/shared/signals';

const fomc = SHIPPED_EVENT_CALENDAR.events.filter((e) => e.kind === 'FOMC');
const scheduled = fomc.filter((e) => e.source.endsWith('scheduled meeting'));
const unscheduled = fomc.filter((e) => e.source.includes('unscheduled'));
const dayMs = 86_400_000;
const gapDays = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / dayMs;

describe('the shipped FOMC calendar', () => {
  it('names its source on every event and declares FOMC coverage only', () => {
    expect(SHIPPED_EVENT_CALENDAR.events.every((e) => e.kind === 'FOMC')).toBe(true);
    for (const e of fomc) expect(e.source).toMatch(/^Federal Reserve, FOMC meeting calendars and statements/);
    expect(SHIPPED_EVENT_CALENDAR.coverage).toEqual({
      FOMC: { from: '1994-01-01', to: '2027-12-31', source: expect.stringMatching(/^Federal Reserve/) as string },
    });
  });

  it('is in date order with no day listed twice', () => {
    const dates = fomc.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
  });

  it('has eight scheduled decisions a year, 1994-2027, seven in 2020 (March replaced by the 15th), each on a business day', () => {
    expect(scheduled).toHaveLength(271);
    expect(scheduled.length + unscheduled.length).toBe(fomc.length);
    for (let y = 1994; y <= 2027; y++) {
      const n = scheduled.filter((e) => e.date.startsWith(`${y}-`)).length;
      expect(n, String(y)).toBe(y === 2020 ? 7 : 8);
    }
    for (const e of scheduled) {
      const weekday = new Date(`${e.date}T00:00:00Z`).getUTCDay();
      expect(weekday >= 1 && weekday <= 5, e.date).toBe(true);
      // The exchange calendar (holidays included) starts in 2000.
      if (e.date >= '2000') expect(isBusinessDay(e.date), e.date).toBe(true);
    }
  });

  it('spaces scheduled meetings four to nine weeks apart (the 2020 gap excepted)', () => {
    for (let i = 1; i < scheduled.length; i++) {
      const [a, b] = [scheduled[i - 1]!.date, scheduled[i]!.date];
      if (a === '2020-01-29') {
        expect(b).toBe('2020-04-29');
        continue;
      }
      expect(gapDays(a, b), `${a} → ${b}`).toBeGreaterThanOrEqual(28);
      expect(gapDays(a, b), `${a} → ${b}`).toBeLessThanOrEqual(63);
    }
  });

  it('holds the spot-checked decision days', () => {
    const has = (d: string): boolean => fomc.some((e) => e.date === d);
    for (const d of ['1994-02-04', '2001-01-31', '2008-01-30', '2015-12-16', '2018-01-31', '2020-11-05', '2024-07-31'])
      expect(has(d), d).toBe(true);
    // Days a sloppier list gets wrong by one (the meeting's first day, or a day late).
    for (const d of ['1994-02-03', '2017-01-31', '2020-01-28', '2023-02-02', '2023-03-23'])
      expect(has(d), d).toBe(false);
    expect(unscheduled.map((e) => e.date)).toEqual([
      '1994-04-18',
      '1998-10-15',
      '2001-01-03',
      '2001-04-18',
      '2001-09-17',
      '2008-01-22',
      '2008-10-08',
      '2020-03-03',
      '2020-03-15',
    ]);
    expect(unscheduled.find((e) => e.date === '2020-03-15')?.source).toMatch(/-100 bp to 0-0\.25%/);
    expect(unscheduled.find((e) => e.date === '2008-01-22')?.source).toMatch(/-75 bp to 3\.50%/);
  });
});

describe('events near a date, per kind', () => {
  it('finds the FOMC decisions two days after the dates that used to count none', () => {
    for (const [date, decision] of [
      ['2018-01-29', '2018-01-31'],
      ['2024-07-29', '2024-07-31'],
      ['2020-03-13', '2020-03-15'],
    ] as const) {
      const [f] = eventsNearByKind(date, 2, SHIPPED_EVENT_CALENDAR);
      expect(f).toMatchObject({ kind: 'FOMC', covered: true });
      expect(f!.events!.map((e) => e.date)).toEqual([decision]);
    }
    // A covered day with nothing near is a real zero.
    expect(eventsNearByKind('2018-01-10', 2, SHIPPED_EVENT_CALENDAR)[0]).toEqual({
      kind: 'FOMC',
      covered: true,
      events: [],
    });
  });

  it('says "no event calendar for this date" for CPI and PPI, and for FOMC before 1994, never zero', () => {
    const [f, c, p] = eventsNearByKind('2018-01-29', 2, SHIPPED_EVENT_CALENDAR);
    expect(f!.covered).toBe(true);
    for (const k of [c!, p!]) {
      expect(k.covered).toBe(false);
      expect(k.events).toBeUndefined();
      expect(k.note).toBe(`${k.kind}: ${NO_EVENT_CALENDAR} (no ${k.kind} dates)`);
    }
    const early = eventsNearByKind('1993-06-15', 2, SHIPPED_EVENT_CALENDAR)[0]!;
    expect(early).toEqual({
      kind: 'FOMC',
      covered: false,
      events: undefined,
      note: 'FOMC: no event calendar for this date (the FOMC calendar covers 1994-01-01 to 2027-12-31)',
    });
    // The window must lie inside the coverage: 1994-01-01 ± 2 days reaches into 1993.
    expect(eventsNearByKind('1994-01-01', 2, SHIPPED_EVENT_CALENDAR)[0]!.covered).toBe(false);
    expect(eventsNearByKind('1994-01-03', 2, SHIPPED_EVENT_CALENDAR)[0]!.covered).toBe(true);
    expect(eventsNearByKind('2028-01-26', 2, SHIPPED_EVENT_CALENDAR)[0]!.covered).toBe(false);
  });

  it('counts the events inside a condor’s life only where the whole life is covered', () => {
    const [f, c] = eventsBetweenByKind('2018-01-02', '2018-02-16', SHIPPED_EVENT_CALENDAR);
    expect(f!.events!.map((e) => e.date)).toEqual(['2018-01-31']);
    expect(c!.covered).toBe(false);
    expect(
      eventsBetweenByKind('2020-02-14', '2020-04-17', SHIPPED_EVENT_CALENDAR)[0]!.events!.map((e) => e.date),
    ).toEqual(['2020-03-03', '2020-03-15']);
    expect(eventsBetweenByKind('1993-12-01', '1994-02-18', SHIPPED_EVENT_CALENDAR)[0]!.covered).toBe(false);
  });
});

describe('the user’s events', () => {
  // CPI release days of the Bureau of Labor Statistics (the index for the month before): May 2022 CPI
  // on 2022-06-10, June 2022 on 2022-07-13, June 2024 on 2024-07-11.
  const cpi: MarketEvent[] = [
    { date: '2022-06-10', kind: 'CPI', source: 'Bureau of Labor Statistics' },
    { date: '2022-07-13', kind: 'CPI', source: 'Bureau of Labor Statistics' },
    { date: '2024-07-11', kind: 'CPI', source: 'Bureau of Labor Statistics' },
  ];

  it('without any, the shipped calendar is used', () => {
    expect(withUserEvents(undefined)).toBe(SHIPPED_EVENT_CALENDAR);
    expect(withUserEvents(undefined, 'add')).toBe(SHIPPED_EVENT_CALENDAR);
  });

  it('add: join the shipped FOMC dates, and cover CPI from the first to the last one given', () => {
    const cal = withUserEvents(cpi, 'add');
    expect(cal.coverage.CPI).toEqual({ from: '2022-06-10', to: '2024-07-11', source: 'user events' });
    expect(cal.coverage.PPI).toBeUndefined();
    const [f, c, p] = eventsNearByKind('2022-07-12', 2, cal);
    expect(c!.events!.map((e) => e.date)).toEqual(['2022-07-13']);
    expect(f!.events).toEqual([]);
    // The window must lie inside the span the user gave: 2024-07-12 ± 2 days runs past its last day.
    expect(eventsNearByKind('2024-07-12', 2, cal)[1]!.covered).toBe(false);
    // ... but the release it does list still counts for event risk, with a note that the list may be short.
    expect(eventsNearByKind('2024-07-12', 2, cal)[1]!.events!.map((e) => e.date)).toEqual(['2024-07-11']);
    expect(eventsNearByKind('2024-07-12', 2, cal)[1]!.note).toMatch(/^CPI: the calendar is not complete for this date/);
    expect(eventsNearByKind('2024-07-11', 0, cal)[1]!.events!.map((e) => e.date)).toEqual(['2024-07-11']);
    expect(p!.note).toMatch(/^PPI: no event calendar for this date/);
    // Inside the span, a day with no CPI release near is a covered zero; outside it, no calendar.
    expect(eventsNearByKind('2023-01-20', 2, cal)[1]).toMatchObject({ covered: true, events: [] });
    expect(eventsNearByKind('2021-06-10', 2, cal)[1]!.covered).toBe(false);
    // A shipped date given again is listed once.
    const again = withUserEvents([{ date: '2024-07-31', kind: 'FOMC', source: 'mine' }], 'add');
    expect(again.events.filter((e) => e.date === '2024-07-31')).toHaveLength(1);
    expect(again.events).toHaveLength(SHIPPED_EVENT_CALENDAR.events.length);
  });

  it('replace: the user’s list is the whole calendar, each kind covered over its own span only', () => {
    const cal = withUserEvents(cpi, 'replace');
    expect(cal.events).toEqual(cpi);
    expect(cal.coverage).toEqual({ CPI: { from: '2022-06-10', to: '2024-07-11', source: 'user events' } });
    // FOMC is not in the list: no calendar, never a zero (the shipped 2024-07-31 decision is gone).
    const [f, c] = eventsNearByKind('2024-07-01', 2, cal);
    expect(f).toMatchObject({ kind: 'FOMC', covered: false, events: undefined });
    expect(c).toEqual({ kind: 'CPI', covered: true, events: [] });
    expect(withUserEvents(cpi)).toEqual(withUserEvents(cpi, 'add'));
  });

  it('rejects a bad mode or event, naming the field and the fix', () => {
    expect(() => withUserEvents(cpi, 'merge' as 'add')).toThrow(/^mode: is "merge".*pass 'replace' or 'add'/);
    expect(() => withUserEvents([{ date: '2024-02-30', kind: 'CPI', source: 'x' }], 'add')).toThrow(
      /^events\[0\]\.date: /,
    );
    expect(() => eventsNearByKind('2024-07-29', -1, SHIPPED_EVENT_CALENDAR)).toThrow(/^windowDays: /);
  });
});
