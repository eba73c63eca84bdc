/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`) at every public edge, and as day numbers (days since
 * 1970-01-01, UTC, no time zone) inside. Time to expiry is ACT/365 from calendar days.
 */
import { clip, invalidInput, shown } from './errors';

/** Days since 1970-01-01. */
export type DayNumber = number;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The months' English names, January first (messages name a month as a reader writes it). */
export const MONTH_NAMES: readonly string[] = Object.freeze([
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]);
const MS_PER_DAY = 86_400_000;
/** Excel's serial of 1970-01-01 (1900 date system, which counts the fictitious 1900-02-29). */
const EXCEL_EPOCH_OFFSET = 25_569;

/** Day number of an ISO date; throws naming `field` on anything that is not a real calendar date. */
export function parseIsoDate(field: string, iso: string): DayNumber {
  const m = typeof iso === 'string' ? ISO.exec(iso) : null;
  if (!m)
    throw invalidInput(
      field,
      `is ${typeof iso === 'string' ? shown(iso) : clip(JSON.stringify(iso) ?? String(iso))}, not a date in the form YYYY-MM-DD`,
      'pass a date such as 2020-03-16',
    );
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = utcMs(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw invalidInput(field, `is ${iso}, which is not a calendar date`, 'pass a real date such as 2020-03-16');
  }
  return t / MS_PER_DAY;
}

/**
 * Milliseconds since 1970-01-01 UTC of a (proleptic Gregorian) date, month 0-11; out-of-range
 * months and days roll over as in `Date.UTC`. Unlike `Date.UTC`, years 0-99 are those years, not
 * 1900-1999.
 */
function utcMs(year: number, monthIndex: number, day: number): number {
  const t = new Date(0);
  t.setUTCFullYear(year, monthIndex, day);
  return t.getTime();
}

/** ISO date of a day number. */
export function toIsoDate(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day number from a calendar date (month 1-12). */
export function dayFromYmd(year: number, month: number, day: number): DayNumber {
  return utcMs(year, month - 1, day) / MS_PER_DAY;
}

/** {year, month (1-12), day} of a day number. */
export function ymdOf(day: DayNumber): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return parseIsoDate('to', to) - parseIsoDate('from', from);
}

/** ACT/365 year fraction between two ISO dates. */
export function yearFraction(from: string, to: string): number {
  return daysBetween(from, to) / 365;
}

/** ISO date of an Excel serial (1900 date system; serials before 1900-03-01 are rejected). */
export function excelSerialToIso(field: string, serial: number): string {
  if (typeof serial !== 'number' || !Number.isFinite(serial) || serial < 61) {
    throw invalidInput(
      field,
      `is ${String(serial)}, not an Excel date`,
      'pass a date cell or a serial such as 43906 (2020-03-16)',
    );
  }
  if (serial >= LAST_EXCEL_SERIAL + 1) {
    throw invalidInput(
      field,
      `is ${serial}, after 9999-12-31 (serial ${LAST_EXCEL_SERIAL}), the last date Excel has`,
      'pass a date cell or a serial such as 43906 (2020-03-16)',
    );
  }
  return toIsoDate(Math.floor(serial) - EXCEL_EPOCH_OFFSET);
}

/** The serial of 9999-12-31, Excel's last date. */
const LAST_EXCEL_SERIAL = 2958465;

/** Excel serial (1900 date system) of an ISO date. */
export function isoToExcelSerial(iso: string): number {
  return parseIsoDate('date', iso) + EXCEL_EPOCH_OFFSET;
}
