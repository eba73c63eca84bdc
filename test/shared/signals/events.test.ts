import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isBusinessDay } from '@alvh/shared';
import { SHIPPED_EVENT_CALENDAR, eventsBetween, eventsWithin, type MarketEvent } from '@alvh/shared';

/** The shipped FOMC decisions of 2025-2027 (all scheduled: the published schedules). */
const FOMC_STATEMENT_DATES = SHIPPED_EVENT_CALENDAR.events.filter((e) => e.kind === 'FOMC' && e.date >= '2025-01-01');

describe('shipped FOMC statement dates', () => {
  it('are the Federal Reserve’s scheduled 2025-2027 statement days: Wednesdays, business days, in order', () => {
    expect(FOMC_STATEMENT_DATES).toHaveLength(24);
    const dates = FOMC_STATEMENT_DATES.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    for (const e of FOMC_STATEMENT_DATES) {
      expect(e.kind).toBe('FOMC');
      expect(e.source).toMatch(/Federal Reserve.*scheduled meeting/);
      expect(new Date(`${e.date}T00:00:00Z`).getUTCDay(), e.date).toBe(3);
      expect(isBusinessDay(e.date)).toBe(true);
    }
    expect(dates.filter((d) => d.startsWith('2025'))).toEqual([
      '2025-01-29',
      '2025-03-19',
      '2025-05-07',
      '2025-06-18',
      '2025-07-30',
      '2025-09-17',
      '2025-10-29',
      '2025-12-10',
    ]);
  });
});

describe('event windows', () => {
  const events: MarketEvent[] = [
    { date: '2026-03-11', kind: 'CPI', source: 'user' },
    { date: '2026-03-12', kind: 'PPI', source: 'user' },
    ...FOMC_STATEMENT_DATES,
  ];

  it('finds events within ±windowDays calendar days, inclusive, in date order', () => {
    expect(eventsWithin('2026-03-16', 2, events).map((e) => e.date)).toEqual(['2026-03-18']);
    expect(eventsWithin('2026-03-14', 2, events).map((e) => e.kind)).toEqual(['PPI']);
    expect(eventsWithin('2026-03-13', 2, events).map((e) => e.kind)).toEqual(['CPI', 'PPI']);
    expect(eventsWithin('2026-03-18', 0, events).map((e) => e.kind)).toEqual(['FOMC']);
    expect(eventsWithin('2026-03-21', 2, events)).toEqual([]);
  });

  it('lists events inside a period', () => {
    expect(eventsBetween('2026-01-01', '2026-03-31', FOMC_STATEMENT_DATES).map((e) => e.date)).toEqual([
      '2026-01-28',
      '2026-03-18',
    ]);
    expect(eventsBetween('2026-03-18', '2026-03-18', events)).toHaveLength(1);
  });

  it('rejects bad input naming the field', () => {
    expect(() => eventsWithin('2026-03-16', -1, events)).toThrow(/^windowDays: /);
    expect(() => eventsWithin('2026-03-16', 2, [{ date: '2026-13-01', kind: 'CPI', source: 'x' }])).toThrow(
      /^events\[0\]\.date: /,
    );
    expect(() => eventsWithin('2026-03-16', 2, [{ date: '2026-03-01', kind: 'NFP' as 'CPI', source: 'x' }])).toThrow(
      /^events\[0\]\.kind: is "NFP"/,
    );
    expect(() => eventsBetween('2026-03-16', '2026-03-01', events)).toThrow(
      /^to: is 2026-03-01, before from 2026-03-16/,
    );
  });
});

describe('what the event functions and the plan say of the shipped calendar', () => {
  const source = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
  const pairs = (events: readonly MarketEvent[]) => events.map((e) => `${e.date} ${e.kind}`);

  it("events.ts's examples give what the functions return (eventsBetween's said 2 where it returns 9)", () => {
    const text = source('shared/src/signals/events.ts');
    const between =
      /@example eventsBetween\('2026-01-01', '2026-03-31', SHIPPED_EVENT_CALENDAR\.events\)\.length \/\/ (\d+)/.exec(
        text,
      );
    expect(Number(between?.[1])).toBe(eventsBetween('2026-01-01', '2026-03-31', SHIPPED_EVENT_CALENDAR.events).length);
    const within = /@example eventsWithin\('2026-03-16', 2, SHIPPED_EVENT_CALENDAR\.events\) \/\/ (.*)$/m.exec(text);
    const said = [...(within?.[1] ?? '').matchAll(/date: '([\d-]+)', kind: '(\w+)'/g)].map(([, d, k]) => `${d} ${k}`);
    expect(said).toEqual(pairs(eventsWithin('2026-03-16', 2, SHIPPED_EVENT_CALENDAR.events)));
  });

  it('the plan names every kind the shipped calendar holds, not FOMC alone', () => {
    const kinds = ['FOMC decisions 1994-2027', 'CPI releases 2000-2026', 'PPI releases'];
    const eventsSource = /\/\*\*([^/]*)\*\/\s*eventsSource:/.exec(source('shared/src/method/planTypes.ts'))?.[1] ?? '';
    const eventsMode = /\/\*\*([^/]*)\*\/\s*eventsMode:/.exec(source('shared/src/schemas/plan.ts'))?.[1] ?? '';
    for (const text of [eventsSource, eventsMode])
      for (const k of kinds) expect(text.replace(/\s*\n\s*\*\s*/g, ' ')).toContain(k);
    // the API's result schema carries the description
    const schemas = source('functions/src/generated/resultSchemas.json');
    const described = /"description": "(The calendar used:[^"]*)"/.exec(schemas)?.[1] ?? '';
    for (const k of kinds) expect(described).toContain(k);
  });
});
