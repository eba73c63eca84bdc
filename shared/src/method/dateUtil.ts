import { parseIsoDate, toIsoDate } from '../dates';

/** `iso` plus `days` calendar days. */
export function addDaysIso(iso: string, days: number): string {
  return toIsoDate(parseIsoDate('date', iso) + days);
}
