/**
 * Scheduled market events (FOMC decisions, CPI and PPI releases) and the window check of method
 * Section 3. The product ships only dates whose source it can name: the FOMC statement days below.
 * CPI and PPI release dates are not shipped; the user supplies them (BLS release calendars).
 */
import { parseIsoDate } from '../dates';
import { invalidInput } from '../errors';
import { checkInteger } from '../validate';

/** A dated event and where its date comes from. */
export interface MarketEvent {
  /** ISO date of the decision or release. */
  date: string;
  kind: 'FOMC' | 'CPI' | 'PPI';
  source: string;
}

const FOMC_2025_2026 =
  'Federal Reserve press release 2024-08-09, "Federal Open Market Committee announces its tentative meeting schedule for 2025 and 2026" (statement on the second meeting day)';
const FOMC_2027 =
  'Federal Reserve press release 2025-09-05, "Federal Open Market Committee announces its tentative meeting schedule for 2027" (statement on the second meeting day)';

/**
 * Scheduled FOMC policy-statement dates (the second day of each two-day meeting), 2025-2027, as
 * the Federal Reserve published them. Tentative schedules can change and unscheduled meetings are
 * not listed: check the Fed's FOMC calendar before relying on them.
 */
export const FOMC_STATEMENT_DATES: readonly MarketEvent[] = Object.freeze(
  [
    ...[
      '2025-01-29',
      '2025-03-19',
      '2025-05-07',
      '2025-06-18',
      '2025-07-30',
      '2025-09-17',
      '2025-10-29',
      '2025-12-10',
    ].map((date) => ({ date, source: FOMC_2025_2026 })),
    ...[
      '2026-01-28',
      '2026-03-18',
      '2026-04-29',
      '2026-06-17',
      '2026-07-29',
      '2026-09-16',
      '2026-10-28',
      '2026-12-09',
    ].map((date) => ({ date, source: FOMC_2025_2026 })),
    ...[
      '2027-01-27',
      '2027-03-17',
      '2027-04-28',
      '2027-06-09',
      '2027-07-28',
      '2027-09-15',
      '2027-10-27',
      '2027-12-08',
    ].map((date) => ({ date, source: FOMC_2027 })),
  ].map((e) => Object.freeze({ date: e.date, kind: 'FOMC' as const, source: e.source })),
);

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
 * @example eventsWithin('2026-03-16', 2, FOMC_STATEMENT_DATES) // [{ date: '2026-03-18', kind: 'FOMC', ... }]
 */
export function eventsWithin(date: string, windowDays: number, events: readonly MarketEvent[]): MarketEvent[] {
  const day = parseIsoDate('date', date);
  checkInteger('windowDays', windowDays, 0);
  const days = checkEvents(events);
  return sortByDate(events.filter((_, i) => Math.abs((days[i] as number) - day) <= windowDays));
}

/**
 * Events from `from` to `to` inclusive (e.g. those inside an option's life), in date order.
 * @example eventsBetween('2026-01-01', '2026-03-31', FOMC_STATEMENT_DATES).length // 2
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
