/**
 * Scheduled market events (FOMC decisions, CPI and PPI releases) and the window check of method
 * Section 3. The product ships only dates whose source it can name, with the span each kind covers
 * ({@link SHIPPED_EVENT_CALENDAR}: FOMC decisions 1994-2027, CPI releases 2000-2026, PPI releases
 * from 2000-01-13 to 2026; see data/eventCalendar.ts). A date outside a kind's coverage has no calendar for that
 * kind, which is said in words ({@link NO_EVENT_CALENDAR}), never counted as zero events.
 */
import { parseIsoDate, toIsoDate } from '../dates';
import { invalidInput } from '../errors';
import { checkInteger } from '../validate';
import {
  BLS_CPI_SOURCE,
  BLS_PPI_SOURCE,
  BLS_SCHEDULE_NOTE,
  CPI_RELEASES,
  CPI_SCHEDULED,
  FOMC_SCHEDULED,
  FOMC_SOURCE,
  FOMC_UNSCHEDULED,
  PPI_RELEASES,
  PPI_SCHEDULED,
  SHIPPED_COVERAGE,
} from './data/eventCalendar';

export type EventKind = 'FOMC' | 'CPI' | 'PPI';

/** Every kind of event, in the order results list them. */
export const EVENT_KINDS: readonly EventKind[] = Object.freeze(['FOMC', 'CPI', 'PPI'] as const);

/** A dated event and where its date comes from. */
export interface MarketEvent {
  /** ISO date of the decision or release. */
  date: string;
  kind: EventKind;
  source: string;
}

const KINDS = new Set(['FOMC', 'CPI', 'PPI']);

function checkEvents(events: readonly MarketEvent[]): number[] {
  const list: unknown = events;
  if (!Array.isArray(list)) throw invalidInput('events', 'is not a list', 'pass a list of { date, kind, source }');
  return events.map((e, i) => {
    if (e === null || typeof e !== 'object')
      throw invalidInput(`events[${i}]`, 'is not an event', 'pass { date, kind, source }');
    if (!KINDS.has(e.kind))
      throw invalidInput(`events[${i}].kind`, `is ${JSON.stringify(e.kind)}`, "pass 'FOMC', 'CPI' or 'PPI'");
    return parseIsoDate(`events[${i}].date`, e.date);
  });
}

/**
 * Events within `windowDays` calendar days of a date, before or after (|event − date| ≤ window),
 * in date order.
 * @param windowDays calendar days, whole number ≥ 0 (the policy's eventWindowDays, default 2)
 * @example eventsWithin('2026-03-16', 2, SHIPPED_EVENT_CALENDAR.events) // [{ date: '2026-03-18', kind: 'FOMC', ... }, { date: '2026-03-18', kind: 'PPI', ... }]
 */
export function eventsWithin(date: string, windowDays: number, events: readonly MarketEvent[]): MarketEvent[] {
  const day = parseIsoDate('date', date);
  checkInteger('windowDays', windowDays, 0);
  const days = checkEvents(events);
  return sortByDate(events.filter((_, i) => Math.abs((days[i] as number) - day) <= windowDays));
}

/**
 * Events from `from` to `to` inclusive (e.g. those inside an option's life), in date order.
 * @example eventsBetween('2026-01-01', '2026-03-31', SHIPPED_EVENT_CALENDAR.events).length // 9 (2 FOMC, 3 CPI, 4 PPI)
 */
export function eventsBetween(from: string, to: string, events: readonly MarketEvent[]): MarketEvent[] {
  const a = parseIsoDate('from', from);
  const b = parseIsoDate('to', to);
  if (b < a) throw invalidInput('to', `is ${to}, before from ${from}`, 'pass to on or after from');
  const days = checkEvents(events);
  return sortByDate(events.filter((_, i) => (days[i] as number) >= a && (days[i] as number) <= b));
}

function sortByDate(list: MarketEvent[]): MarketEvent[] {
  return [...list].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** What a result says for a kind of event a date has no calendar for. */
export const NO_EVENT_CALENDAR = 'no event calendar for this date';

/** The span, inclusive, over which a calendar lists every event of a kind. */
export interface EventCoverage {
  from: string;
  to: string;
  source: string;
}

/** Dated events with the span each kind is complete over; a kind without coverage has no calendar. */
export interface EventCalendar {
  events: readonly MarketEvent[];
  coverage: Readonly<Partial<Record<EventKind, EventCoverage>>>;
}

/** Events of one kind from a year → month-day table, each naming its source. */
function datedEvents(
  table: Readonly<Record<number, readonly string[]>>,
  kind: EventKind,
  source: string,
): MarketEvent[] {
  return Object.entries(table).flatMap(([year, days]) => days.map((md) => ({ date: `${year}-${md}`, kind, source })));
}

/**
 * The calendar the product ships: every FOMC decision (scheduled meetings and unscheduled
 * intermeeting changes of the federal funds target) from 1994 through the published 2027 schedule,
 * every CPI news release from 2000 and every PPI news release from 13 January 2000 through the BLS's published
 * 2026 schedule, each with the span its kind is complete over.
 */
export const SHIPPED_EVENT_CALENDAR: EventCalendar = Object.freeze({
  events: Object.freeze(
    sortByDate([
      ...datedEvents(FOMC_SCHEDULED, 'FOMC', `${FOMC_SOURCE}, scheduled meeting`),
      ...FOMC_UNSCHEDULED.map((u) => ({
        date: u.date,
        kind: 'FOMC' as const,
        source: `${FOMC_SOURCE}, unscheduled: ${u.action}`,
      })),
      ...datedEvents(CPI_RELEASES, 'CPI', BLS_CPI_SOURCE),
      ...datedEvents(CPI_SCHEDULED, 'CPI', `${BLS_CPI_SOURCE}, ${BLS_SCHEDULE_NOTE}`),
      ...datedEvents(PPI_RELEASES, 'PPI', BLS_PPI_SOURCE),
      ...datedEvents(PPI_SCHEDULED, 'PPI', `${BLS_PPI_SOURCE}, ${BLS_SCHEDULE_NOTE}`),
    ]).map((e) => Object.freeze(e)),
  ),
  coverage: Object.freeze({
    FOMC: Object.freeze({ ...SHIPPED_COVERAGE.FOMC }),
    CPI: Object.freeze({ ...SHIPPED_COVERAGE.CPI }),
    PPI: Object.freeze({ ...SHIPPED_COVERAGE.PPI }),
  }),
});

/**
 * The calendar a plan uses, from the shipped one and the user's events. A kind is covered only
 * where a calendar says it lists every event: the shipped calendar over its spans, or a user's
 * `replace` list over its own. Dates added to a calendar never make a span complete: a CPI release
 * of 2027-02-10 added to a calendar that ends with 2026 says nothing of January 2027's.
 * - `add` (default): the user's events join the shipped ones (a date and kind already listed is
 *   kept once); the coverage is the shipped calendar's, unchanged. A date given outside it is
 *   listed and counts for event risk, under the note that the calendar is not complete there.
 * - `replace`: the user's list is the whole calendar and declares its span: each kind it lists is
 *   covered from its first to its last date, and a kind it does not list has no calendar (never a
 *   silent zero).
 * Without user events the shipped calendar is returned as is.
 * @example withUserEvents([{ date: '2024-07-11', kind: 'CPI', source: 'BLS' }], 'replace').coverage.CPI
 *   // { from: '2024-07-11', to: '2024-07-11', source: 'user events' }
 */
export function withUserEvents(
  events: readonly MarketEvent[] | undefined,
  mode: 'replace' | 'add' = 'add',
  shipped: EventCalendar = SHIPPED_EVENT_CALENDAR,
): EventCalendar {
  if (mode !== 'replace' && mode !== 'add')
    throw invalidInput('mode', `is ${JSON.stringify(mode)}`, "pass 'replace' or 'add'");
  if (events === undefined) return shipped;
  checkEvents(events);
  const base: EventCalendar = mode === 'replace' ? { events: [], coverage: {} } : shipped;
  const seen = new Set(base.events.map((e) => `${e.kind} ${e.date}`));
  const merged = [...base.events];
  for (const e of events) {
    if (seen.has(`${e.kind} ${e.date}`)) continue;
    seen.add(`${e.kind} ${e.date}`);
    merged.push(e);
  }
  return { events: sortByDate(merged), coverage: mode === 'replace' ? spansOf(events) : shipped.coverage };
}

/** Each kind of a user's `replace` list covered from its first to its last date. */
function spansOf(events: readonly MarketEvent[]): Partial<Record<EventKind, EventCoverage>> {
  const coverage: Partial<Record<EventKind, EventCoverage>> = {};
  for (const kind of EVENT_KINDS) {
    const dates = events.filter((e) => e.kind === kind).map((e) => e.date);
    if (dates.length === 0) continue;
    const from = dates.reduce((a, b) => (b < a ? b : a));
    const to = dates.reduce((a, b) => (b > a ? b : a));
    coverage[kind] = { from, to, source: 'user events' };
  }
  return coverage;
}

/**
 * One kind's answer. Covered: every event of the kind in the span (an empty list is a real zero).
 * Not covered: the events the calendar does list there (found events always count for event
 * risk), or `events` undefined when it lists none, never an empty list; `note` says so.
 */
export interface KindEvents {
  kind: EventKind;
  covered: boolean;
  /** The events found; undefined (never an empty list) when the calendar does not cover the date and lists none. */
  events: MarketEvent[] | undefined;
  /** "no event calendar for this date" and the span covered, when not covered. */
  note?: string;
}

function uncovered(kind: EventKind, coverage: EventCoverage | undefined, found: MarketEvent[]): KindEvents {
  const span = coverage
    ? ` (the ${kind} calendar covers ${coverage.from} to ${coverage.to})`
    : found.length > 0
      ? ` (no ${kind} calendar)`
      : ` (no ${kind} dates)`;
  if (found.length > 0)
    return {
      kind,
      covered: false,
      events: found,
      note: `${kind}: the calendar is not complete for this date${span}: only the ${kind} dates listed are known`,
    };
  return { kind, covered: false, events: undefined, note: `${kind}: ${NO_EVENT_CALENDAR}${span}` };
}

/**
 * Per kind, the events within `windowDays` calendar days of `date` (see {@link eventsWithin}), or
 * no calendar when the window is not inside the kind's coverage.
 * @example eventsNearByKind('2018-01-29', 2, SHIPPED_EVENT_CALENDAR)[0] // FOMC: [2018-01-31]
 * @example eventsNearByKind('1999-12-01', 2, SHIPPED_EVENT_CALENDAR)[1].note
 *   // 'CPI: no event calendar for this date (the CPI calendar covers 2000-01-01 to 2026-12-31)'
 */
export function eventsNearByKind(date: string, windowDays: number, calendar: EventCalendar): KindEvents[] {
  const day = parseIsoDate('date', date);
  checkInteger('windowDays', windowDays, 0);
  const near = eventsWithin(date, windowDays, calendar.events);
  const first = toIsoDate(day - windowDays);
  const last = toIsoDate(day + windowDays);
  return EVENT_KINDS.map((kind) => {
    const c = calendar.coverage[kind];
    const mine = near.filter((e) => e.kind === kind);
    if (!c || c.from > first || c.to < last) return uncovered(kind, c, mine);
    return { kind, covered: true, events: mine };
  });
}

/**
 * Per kind, the events from `from` to `to` inclusive (e.g. inside a condor's life; see
 * {@link eventsBetween}), or no calendar when the period is not inside the kind's coverage.
 */
export function eventsBetweenByKind(from: string, to: string, calendar: EventCalendar): KindEvents[] {
  const found = eventsBetween(from, to, calendar.events);
  return EVENT_KINDS.map((kind) => {
    const c = calendar.coverage[kind];
    const mine = found.filter((e) => e.kind === kind);
    if (!c || c.from > from || c.to < to) return uncovered(kind, c, mine);
    return { kind, covered: true, events: mine };
  });
}
