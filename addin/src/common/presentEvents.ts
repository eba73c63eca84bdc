/**
 * The plan's event rows as the taskpane and ALVH.PLAN show them: per kind of event (FOMC, CPI,
 * PPI), those in the condor's life and those near the valuation date, with the calendar read.
 */
import type { Plan } from '@alvh/shared';
import type { PlanRow } from './views';

/** A kind's events as read: the dates, "none", or the plan's "no event calendar for this date" note. */
function kindText(k: Plan['signals']['eventsNearByKind'][number] | undefined): string {
  if (k === undefined) return 'not read';
  if (k.events === undefined) return k.note?.replace(/^[A-Z]+: /, '') ?? 'no event calendar for this date';
  const dates = k.events.length === 0 ? 'none' : k.events.map((e) => e.date).join(', ');
  return k.covered ? dates : `${dates} (calendar not complete here)`;
}

/** Per kind of event: those in the condor's life, and those near the valuation date. */
export function eventRows(p: Plan): PlanRow[] {
  const source = (kind: string): string =>
    p.signals.eventsSource === 'shipped'
      ? `shipped calendar (${SHIPPED_SPANS[kind] ?? kind})`
      : p.signals.eventsSource === 'given'
        ? 'your events only'
        : 'shipped calendar and your events';
  return p.signals.eventsNearByKind.map((near, i) => ({
    section: 'Events',
    label: `${near.kind} in the condor's life`,
    value: kindText(p.signals.eventsInCondorLifeByKind[i]),
    format: 'text',
    note: `within ${p.policy.eventWindowDays} days of the date: ${kindText(near)}; ${source(near.kind)}`,
  }));
}

/** What the shipped calendar covers per kind (shared/src/signals/events.ts). */
const SHIPPED_SPANS: Readonly<Record<string, string>> = {
  FOMC: 'FOMC decisions 1994-2027',
  CPI: 'CPI releases 2000-2026',
  PPI: 'PPI releases 2000-2026',
};
