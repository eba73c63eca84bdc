/**
 * The shipped event calendar (FOMC decisions 1994-2027, source: the Federal Reserve's FOMC meeting
 * calendars and statements; CPI releases 2000-2026 and PPI releases 2000-2026, source: the Bureau of
 * Labor Statistics' news release archive and its published 2026 schedule) and what a date outside a
 * kind's coverage gets: "no event calendar for this date", never zero events.
 */
import { describe, expect, it } from 'vitest';
import { isBusinessDay } from '@alvh/shared/market';
import {
  NO_EVENT_CALENDAR,
  SHIPPED_EVENT_CALENDAR,
  eventsBetweenByKind,
  eventsNearByKind,
  withUserEvents,
  type EventCalendar,
  type MarketEvent,
} from '@alvh/shared/signals';

const fomc = SHIPPED_EVENT_CALENDAR.events.filter((e) => e.kind === 'FOMC');
const cpi = SHIPPED_EVENT_CALENDAR.events.filter((e) => e.kind === 'CPI');
const ppi = SHIPPED_EVENT_CALENDAR.events.filter((e) => e.kind === 'PPI');
const scheduled = fomc.filter((e) => e.source.endsWith('scheduled meeting'));
const unscheduled = fomc.filter((e) => e.source.includes('unscheduled'));
const dayMs = 86_400_000;
const gapDays = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / dayMs;

describe('the shipped FOMC calendar', () => {
  it('names its source on every event and declares each kind’s coverage', () => {
    expect(fomc.length + cpi.length + ppi.length).toBe(SHIPPED_EVENT_CALENDAR.events.length);
    for (const e of fomc) expect(e.source).toMatch(/^Federal Reserve, FOMC meeting calendars and statements/);
    expect(SHIPPED_EVENT_CALENDAR.coverage).toEqual({
      FOMC: { from: '1994-01-01', to: '2027-12-31', source: expect.stringMatching(/^Federal Reserve/) as string },
      CPI: {
        from: '2000-01-01',
        to: '2026-12-31',
        source: 'U.S. Bureau of Labor Statistics, Consumer Price Index news release archive (bls.gov)',
      },
      PPI: {
        from: '2000-01-13',
        to: '2026-12-31',
        source: 'U.S. Bureau of Labor Statistics, Producer Price Index news release archive (bls.gov)',
      },
    });
  });

  it('is in date order with no day listed twice', () => {
    const all = SHIPPED_EVENT_CALENDAR.events.map((e) => e.date);
    expect(all).toEqual([...all].sort());
    for (const kind of [fomc, cpi, ppi]) {
      const dates = kind.map((e) => e.date);
      expect(new Set(dates).size).toBe(dates.length);
    }
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

describe('the shipped CPI and PPI releases', () => {
  const count = (list: readonly MarketEvent[], prefix: string): number =>
    list.filter((e) => e.date.startsWith(prefix)).length;
  const has = (list: readonly MarketEvent[], d: string): boolean => list.some((e) => e.date === d);

  it('name the BLS archive, or its published 2026 schedule for the dates not yet checked against it', () => {
    for (const e of cpi) expect(e.source).toMatch(/^U\.S\. Bureau of Labor Statistics, Consumer Price Index news/);
    for (const e of ppi) expect(e.source).toMatch(/^U\.S\. Bureau of Labor Statistics, Producer Price Index news/);
    const fromSchedule = (list: readonly MarketEvent[]): string[] =>
      list.filter((e) => e.source.endsWith('published 2026 release schedule')).map((e) => e.date);
    expect(fromSchedule(cpi)).toEqual(['2026-10-14', '2026-11-10', '2026-12-10']);
    expect(fromSchedule(ppi)).toEqual([
      '2026-07-15',
      '2026-08-13',
      '2026-09-10',
      '2026-10-15',
      '2026-11-13',
      '2026-12-15',
    ]);
  });

  it('hold one release a month on a weekday, the 2004 PPI delay and the 2025 shutdown gaps and catch-ups excepted', () => {
    for (let y = 2000; y <= 2026; y++) {
      for (let m = 1; m <= 12; m++) {
        const month = `${y}-${String(m).padStart(2, '0')}`;
        // The October 2025 CPI was never published: no CPI release in November 2025.
        expect(count(cpi, month), `CPI ${month}`).toBe(month === '2025-11' ? 0 : 1);
        // PPI: none in February 2004 (the January 2004 PPI came on 2004-03-18) and two in April 2004;
        // none in October and December 2025 (delayed), two in January 2026 (the catch-up).
        const ppiCount = ['2004-02', '2025-10', '2025-12'].includes(month)
          ? 0
          : ['2004-04', '2026-01'].includes(month)
            ? 2
            : 1;
        expect(count(ppi, month), `PPI ${month}`).toBe(ppiCount);
      }
    }
    expect(cpi).toHaveLength(323);
    expect(ppi).toHaveLength(323);
    // Federal working days: all on weekdays; two CPI releases fell on Good Friday, when the NYSE was shut,
    // and one PPI release in the week the NYSE stayed closed after 11 September 2001.
    for (const e of [...cpi, ...ppi]) {
      const weekday = new Date(`${e.date}T00:00:00Z`).getUTCDay();
      expect(weekday >= 1 && weekday <= 5, `${e.kind} ${e.date}`).toBe(true);
    }
    const onExchangeHolidays = [...cpi, ...ppi].filter((e) => !isBusinessDay(e.date)).map((e) => e.date);
    // The August 2001 PPI came on 2001-09-14, while the NYSE stayed shut after 11 September.
    expect(onExchangeHolidays).toEqual(['2017-04-14', '2020-04-10', '2001-09-14']);
  });

  it('are three to six and a half weeks apart, except where a shutdown delayed them', () => {
    const gapsOutside = (list: readonly MarketEvent[]): string[] =>
      list.slice(1).flatMap((e, i) => {
        const g = gapDays(list[i]!.date, e.date);
        return g < 21 || g > 45 ? [`${list[i]!.date} → ${e.date}`] : [];
      });
    expect(gapsOutside(cpi)).toEqual(['2025-10-24 → 2025-12-18']);
    expect(gapsOutside(ppi)).toEqual([
      '2004-01-14 → 2004-03-18',
      '2004-03-18 → 2004-04-01',
      '2013-09-13 → 2013-10-29',
      '2025-09-10 → 2025-11-25',
      '2025-11-25 → 2026-01-14',
      '2026-01-14 → 2026-01-30',
      '2026-02-27 → 2026-03-18',
    ]);
  });

  it('hold the spot-checked CPI release days', () => {
    for (const d of [
      '2000-01-14', // the first of the span (December 1999 CPI)
      '2004-07-16',
      '2008-10-16',
      '2013-10-30', // September 2013 CPI, after the October 2013 shutdown
      '2015-02-26',
      '2020-03-11',
      '2022-06-10',
      '2022-07-13',
      '2023-06-13',
      '2024-07-11',
      '2025-10-24', // September 2025 CPI, delayed by the 2025 lapse in appropriations
      '2025-12-18',
      '2026-02-13',
      '2026-09-11', // the last read from the archive
      '2026-12-10', // the last of the published schedule
    ])
      expect(has(cpi, d), d).toBe(true);
    // Days that lists copied by hand get wrong (a day or two off, or the guessed schedule).
    for (const d of ['2004-01-16', '2004-07-14', '2005-06-14', '2007-03-15', '2026-01-14', '2026-02-11'])
      expect(has(cpi, d), d).toBe(false);
  });

  it('hold the spot-checked PPI release days', () => {
    for (const d of [
      '2000-01-13', // the first of the span (December 1999 PPI)
      '2000-06-09',
      '2001-01-12',
      '2001-09-14', // August 2001 PPI, three days after 11 September
      '2002-08-08',
      '2003-02-20',
      '2004-01-14',
      '2004-03-18', // January 2004 PPI, two months after the one before
      '2004-04-01', // February 2004 PPI, two weeks later
      '2004-04-22',
      '2005-12-20',
      '2006-07-18',
      '2006-12-19', // November 2006 PPI, the last before 2007
      '2007-01-17',
      '2008-02-26',
      '2008-09-12',
      '2013-10-29',
      '2014-02-19', // the first final-demand release
      '2018-02-15',
      '2020-03-12',
      '2022-07-14',
      '2024-08-13',
      '2025-09-10',
      '2025-11-25', // September 2025 PPI, after the 2025 lapse in appropriations
      '2026-01-14',
      '2026-01-30',
      '2026-06-11', // the last read from the archive
      '2026-12-15', // the last of the published schedule
    ])
      expect(has(ppi, d), d).toBe(true);
    // Days a calendar guessed from the usual mid-month pattern would list.
    for (const d of ['2004-02-13', '2004-02-19', '2001-09-13', '2022-06-09', '2026-01-15', '2025-10-15'])
      expect(has(ppi, d), d).toBe(false);
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

  it('finds the CPI and PPI releases near a date', () => {
    const [, c, p] = eventsNearByKind('2022-07-12', 2, SHIPPED_EVENT_CALENDAR);
    expect(c).toMatchObject({ kind: 'CPI', covered: true });
    expect(c!.events!.map((e) => e.date)).toEqual(['2022-07-13']);
    expect(p!.events!.map((e) => e.date)).toEqual(['2022-07-14']);
    const [, c2, p2] = eventsNearByKind('2024-08-12', 1, SHIPPED_EVENT_CALENDAR);
    expect(c2).toEqual({ kind: 'CPI', covered: true, events: [] });
    expect(p2!.events!.map((e) => e.date)).toEqual(['2024-08-13']);
  });

  it('says "no event calendar for this date" outside each kind’s coverage, never zero', () => {
    const note = (kind: string, from: string, to: string): string =>
      `${kind}: ${NO_EVENT_CALENDAR} (the ${kind} calendar covers ${from} to ${to})`;
    const early = eventsNearByKind('1993-06-15', 2, SHIPPED_EVENT_CALENDAR)[0]!;
    expect(early).toEqual({
      kind: 'FOMC',
      covered: false,
      events: undefined,
      note: note('FOMC', '1994-01-01', '2027-12-31'),
    });
    // The window must lie inside the coverage: 1994-01-01 ± 2 days reaches into 1993.
    expect(eventsNearByKind('1994-01-01', 2, SHIPPED_EVENT_CALENDAR)[0]!.covered).toBe(false);
    expect(eventsNearByKind('1994-01-03', 2, SHIPPED_EVENT_CALENDAR)[0]!.covered).toBe(true);
    expect(eventsNearByKind('2028-01-26', 2, SHIPPED_EVENT_CALENDAR)[0]!.covered).toBe(false);

    // CPI starts on 2000-01-01: the first day whose ±2-day window is inside is 2000-01-03.
    const c0 = eventsNearByKind('2000-01-02', 2, SHIPPED_EVENT_CALENDAR)[1]!;
    expect(c0).toEqual({
      kind: 'CPI',
      covered: false,
      events: undefined,
      note: note('CPI', '2000-01-01', '2026-12-31'),
    });
    expect(eventsNearByKind('2000-01-03', 2, SHIPPED_EVENT_CALENDAR)[1]).toEqual({
      kind: 'CPI',
      covered: true,
      events: [],
    });
    expect(eventsNearByKind('2000-01-13', 2, SHIPPED_EVENT_CALENDAR)[1]!.events!.map((e) => e.date)).toEqual([
      '2000-01-14',
    ]);
    // PPI starts on 2000-01-13, its first release: a date in the first days of 2000 has a CPI
    // calendar but no PPI one.
    const [, c00, p00] = eventsNearByKind('2000-01-10', 2, SHIPPED_EVENT_CALENDAR);
    expect(c00).toEqual({ kind: 'CPI', covered: true, events: [] });
    expect(p00).toEqual({
      kind: 'PPI',
      covered: false,
      events: undefined,
      note: note('PPI', '2000-01-13', '2026-12-31'),
    });
    // The window must lie inside: 2000-01-14 ± 2 reaches back to 2000-01-12.
    expect(eventsNearByKind('2000-01-14', 2, SHIPPED_EVENT_CALENDAR)[2]!.covered).toBe(false);
    expect(eventsNearByKind('2000-01-15', 2, SHIPPED_EVENT_CALENDAR)[2]!.events!.map((e) => e.date)).toEqual([
      '2000-01-13',
    ]);
    // A 2006 date, without a PPI calendar before, now has one.
    expect(eventsNearByKind('2006-12-18', 2, SHIPPED_EVENT_CALENDAR)[2]!.events!.map((e) => e.date)).toEqual([
      '2006-12-19',
    ]);
    expect(eventsNearByKind('2007-01-03', 2, SHIPPED_EVENT_CALENDAR)[2]).toEqual({
      kind: 'PPI',
      covered: true,
      events: [],
    });
    // Both end with 2026; FOMC runs on through 2027.
    const [f27, c27, p27] = eventsNearByKind('2026-12-30', 2, SHIPPED_EVENT_CALENDAR);
    expect(f27!.covered).toBe(true);
    expect(c27!.note).toBe(note('CPI', '2000-01-01', '2026-12-31'));
    expect(p27!.note).toBe(note('PPI', '2000-01-13', '2026-12-31'));
    expect(eventsNearByKind('2026-12-29', 2, SHIPPED_EVENT_CALENDAR)[1]!.covered).toBe(true);
  });

  it('counts the events inside a condor’s life only where the whole life is covered', () => {
    const [f, c, p] = eventsBetweenByKind('2018-01-02', '2018-02-16', SHIPPED_EVENT_CALENDAR);
    expect(f!.events!.map((e) => e.date)).toEqual(['2018-01-31']);
    expect(c!.events!.map((e) => e.date)).toEqual(['2018-01-12', '2018-02-14']);
    expect(p!.events!.map((e) => e.date)).toEqual(['2018-01-11', '2018-02-15']);
    // A life that starts before the PPI coverage has no PPI calendar, though the releases inside it count.
    const [, c00, p00] = eventsBetweenByKind('2000-01-03', '2000-02-18', SHIPPED_EVENT_CALENDAR);
    expect(c00).toMatchObject({ covered: true });
    expect(p00).toMatchObject({ covered: false, events: [{ date: '2000-01-13' }, { date: '2000-02-17' }] });
    expect(p00!.note).toMatch(/^PPI: the calendar is not complete for this date/);
    // A 2006-2007 life, once outside the PPI calendar, is inside it.
    const [, , p06] = eventsBetweenByKind('2006-12-01', '2007-01-19', SHIPPED_EVENT_CALENDAR);
    expect(p06).toEqual({
      kind: 'PPI',
      covered: true,
      events: expect.arrayContaining([expect.objectContaining({ date: '2006-12-19' })]) as unknown,
    });
    expect(p06!.events!.map((e) => e.date)).toEqual(['2006-12-19', '2007-01-17']);
    expect(
      eventsBetweenByKind('2020-02-14', '2020-04-17', SHIPPED_EVENT_CALENDAR)[0]!.events!.map((e) => e.date),
    ).toEqual(['2020-03-03', '2020-03-15']);
    expect(eventsBetweenByKind('1993-12-01', '1994-02-18', SHIPPED_EVENT_CALENDAR)[0]!.covered).toBe(false);
  });
});

describe('the user’s events', () => {
  // CPI release days of the Bureau of Labor Statistics (the index for the month before): May 2022 CPI
  // on 2022-06-10, June 2022 on 2022-07-13, June 2024 on 2024-07-11.
  const userCpi: MarketEvent[] = [
    { date: '2022-06-10', kind: 'CPI', source: 'Bureau of Labor Statistics' },
    { date: '2022-07-13', kind: 'CPI', source: 'Bureau of Labor Statistics' },
    { date: '2024-07-11', kind: 'CPI', source: 'Bureau of Labor Statistics' },
  ];

  it('without any, the shipped calendar is used', () => {
    expect(withUserEvents(undefined)).toBe(SHIPPED_EVENT_CALENDAR);
    expect(withUserEvents(undefined, 'add')).toBe(SHIPPED_EVENT_CALENDAR);
  });

  // A calendar whose CPI and PPI have no coverage, as the shipped one had before it listed them.
  const fomcOnly: EventCalendar = {
    events: fomc,
    coverage: { FOMC: SHIPPED_EVENT_CALENDAR.coverage.FOMC! },
  };

  it('add: the dates given join the list but widen no span; a date already listed is kept once', () => {
    const cal = withUserEvents([{ date: '1999-12-15', kind: 'CPI', source: 'mine' }, ...userCpi], 'add');
    // CPI's coverage is the shipped calendar's, not stretched back to the 1999 date given
    expect(cal.coverage).toEqual(SHIPPED_EVENT_CALENDAR.coverage);
    expect(cal.events.filter((e) => e.kind === 'CPI')).toHaveLength(cpi.length + 1);
    // the 1999 release counts for event risk, in a window the calendar does not cover
    expect(eventsNearByKind('1999-12-15', 2, cal)[1]).toMatchObject({
      kind: 'CPI',
      covered: false,
      events: [{ date: '1999-12-15', kind: 'CPI', source: 'mine' }],
      note: 'CPI: the calendar is not complete for this date (the CPI calendar covers 2000-01-01 to 2026-12-31): only the CPI dates listed are known',
    });
  });

  it('add: a date given past the calendar leaves the months between uncovered (a 2027-02-10 CPI hid January 2027)', () => {
    const cal = withUserEvents([{ date: '2027-02-10', kind: 'CPI', source: 'my note' }], 'add');
    expect(cal.coverage.CPI).toEqual(SHIPPED_EVENT_CALENDAR.coverage.CPI);
    const [, c] = eventsBetweenByKind('2026-11-20', '2027-01-15', cal);
    expect(c).toMatchObject({ kind: 'CPI', covered: false });
    expect(c!.events!.map((e) => e.date)).toEqual(['2026-12-10']);
    expect(c!.note).toMatch(
      /^CPI: the calendar is not complete for this date \(the CPI calendar covers 2000-01-01 to 2026-12-31\)/,
    );
    // the date given is listed and counts wherever it falls
    expect(eventsNearByKind('2027-02-09', 2, cal)[1]!.events!.map((e) => e.date)).toEqual(['2027-02-10']);
  });

  it('add: dates of a kind the calendar does not cover are listed, never a span of their own', () => {
    const cal = withUserEvents(userCpi, 'add', fomcOnly);
    expect(cal.coverage).toEqual(fomcOnly.coverage);
    const [f, c, p] = eventsNearByKind('2022-07-12', 2, cal);
    expect(f!.events).toEqual([]);
    expect(c).toMatchObject({ kind: 'CPI', covered: false });
    expect(c!.events!.map((e) => e.date)).toEqual(['2022-07-13']);
    expect(c!.note).toBe(
      'CPI: the calendar is not complete for this date (no CPI calendar): only the CPI dates listed are known',
    );
    expect(p!.note).toBe('PPI: no event calendar for this date (no PPI dates)');
    // between the dates given, no release near is no calendar, never a zero
    expect(eventsNearByKind('2023-01-20', 2, cal)[1]).toMatchObject({ covered: false, events: undefined });
    expect(eventsNearByKind('2024-07-11', 0, cal)[1]!.events!.map((e) => e.date)).toEqual(['2024-07-11']);
    // A shipped date given again is listed once.
    const again = withUserEvents([{ date: '2024-07-31', kind: 'FOMC', source: 'mine' }], 'add');
    expect(again.events.filter((e) => e.date === '2024-07-31' && e.kind === 'FOMC')).toHaveLength(1);
    expect(again.events).toHaveLength(SHIPPED_EVENT_CALENDAR.events.length);
  });

  it('replace: a list declares its span: each kind is covered from its first to its last date given', () => {
    const cal = withUserEvents(userCpi, 'replace', fomcOnly);
    // The window must lie inside the span given: 2024-07-12 ± 2 days runs past its last day.
    expect(eventsNearByKind('2024-07-12', 2, cal)[1]!.covered).toBe(false);
    // ... but the release it does list still counts for event risk, with a note that the list may be short.
    expect(eventsNearByKind('2024-07-12', 2, cal)[1]!.events!.map((e) => e.date)).toEqual(['2024-07-11']);
    expect(eventsNearByKind('2024-07-12', 2, cal)[1]!.note).toMatch(/^CPI: the calendar is not complete for this date/);
    // Inside the span, a day with no CPI release near is a covered zero; outside it, no calendar.
    expect(eventsNearByKind('2023-01-20', 2, cal)[1]).toMatchObject({ covered: true, events: [] });
    expect(eventsNearByKind('2021-06-10', 2, cal)[1]!.covered).toBe(false);
  });

  it('replace: the user’s list is the whole calendar, each kind covered over its own span only', () => {
    const cal = withUserEvents(userCpi, 'replace');
    expect(cal.events).toEqual(userCpi);
    expect(cal.coverage).toEqual({ CPI: { from: '2022-06-10', to: '2024-07-11', source: 'user events' } });
    // FOMC is not in the list: no calendar, never a zero (the shipped 2024-07-31 decision is gone).
    const [f, c] = eventsNearByKind('2024-07-01', 2, cal);
    expect(f).toMatchObject({ kind: 'FOMC', covered: false, events: undefined });
    expect(c).toEqual({ kind: 'CPI', covered: true, events: [] });
    expect(withUserEvents(userCpi)).toEqual(withUserEvents(userCpi, 'add'));
    expect(withUserEvents(userCpi, 'replace', fomcOnly)).toEqual(cal);
  });

  it('rejects a bad mode or event, naming the field and the fix', () => {
    expect(() => withUserEvents(userCpi, 'merge' as 'add')).toThrow(/^mode: is "merge".*pass 'replace' or 'add'/);
    expect(() => withUserEvents([{ date: '2024-02-30', kind: 'CPI', source: 'x' }], 'add')).toThrow(
      /^events\[0\]\.date: /,
    );
    expect(() => eventsNearByKind('2024-07-29', -1, SHIPPED_EVENT_CALENDAR)).toThrow(/^windowDays: /);
  });
});
