import { describe, expect, it } from 'vitest';
import {
  AlvhError,
  dayFromYmd,
  daysBetween,
  excelSerialToIso,
  isoToExcelSerial,
  parseIsoDate,
  toIsoDate,
  weekdayOf,
  yearFraction,
  ymdOf,
} from '@alvh/shared';

describe('ISO dates and day numbers', () => {
  it('maps the epoch and known dates', () => {
    expect(parseIsoDate('d', '1970-01-01')).toBe(0);
    expect(parseIsoDate('d', '2020-03-16')).toBe(18337);
    expect(toIsoDate(18337)).toBe('2020-03-16');
    expect(dayFromYmd(2024, 2, 29)).toBe(parseIsoDate('d', '2024-02-29'));
    expect(ymdOf(parseIsoDate('d', '2000-02-29'))).toEqual({ year: 2000, month: 2, day: 29 });
  });

  it('knows weekdays (2020-03-16 was a Monday, 1970-01-01 a Thursday)', () => {
    expect(weekdayOf(parseIsoDate('d', '2020-03-16'))).toBe(1);
    expect(weekdayOf(0)).toBe(4);
    expect(weekdayOf(parseIsoDate('d', '1969-12-28'))).toBe(0);
  });

  it('counts ACT/365', () => {
    expect(daysBetween('2020-03-16', '2020-04-15')).toBe(30);
    expect(yearFraction('2023-01-01', '2024-01-01')).toBe(1);
    expect(yearFraction('2024-01-01', '2025-01-01')).toBeCloseTo(366 / 365, 15);
  });

  it('reads years 0000-0099 as those years (Date.UTC would read them as 1900-1999)', () => {
    // 1970-01-01 back to 0001-01-01 is 1969 years holding 477 leap days (proleptic Gregorian)
    expect(parseIsoDate('d', '0001-01-01')).toBe(-(1969 * 365 + 477));
    expect(parseIsoDate('d', '0100-01-01') - parseIsoDate('d', '0099-01-01')).toBe(365);
    for (const iso of ['0000-01-01', '0000-02-29', '0001-01-01', '0050-06-15', '0099-12-31', '0100-03-01']) {
      expect(toIsoDate(parseIsoDate('d', iso))).toBe(iso);
    }
    expect(dayFromYmd(50, 6, 15)).toBe(parseIsoDate('d', '0050-06-15'));
    expect(ymdOf(dayFromYmd(99, 12, 31))).toEqual({ year: 99, month: 12, day: 31 });
    // month and day overflow still rolls over, as calendar.ts relies on (day 0 = the month's last day)
    expect(dayFromYmd(2024, 3, 0)).toBe(parseIsoDate('d', '2024-02-29'));
    expect(() => parseIsoDate('d', '0100-02-29')).toThrow(/not a calendar date/);
    expect(() => parseIsoDate('d', '0099-02-29')).toThrow(/not a calendar date/);
  });

  it.each([
    ['2020-02-30', 'not a calendar date'],
    ['2021-02-29', 'not a calendar date'],
    ['16/03/2020', 'YYYY-MM-DD'],
    ['', 'YYYY-MM-DD'],
  ])('rejects %j naming the field', (bad, words) => {
    expect(() => parseIsoDate('valuationDate', bad)).toThrow(AlvhError);
    expect(() => parseIsoDate('valuationDate', bad)).toThrow(/^valuationDate: /);
    expect(() => parseIsoDate('valuationDate', bad)).toThrow(new RegExp(words));
  });
});

describe('Excel serials (1900 date system)', () => {
  it('matches Excel: 43906 is 2020-03-16, 45755 is 2025-04-08, 61 is 1900-03-01', () => {
    expect(excelSerialToIso('d', 43906)).toBe('2020-03-16');
    expect(excelSerialToIso('d', 45755)).toBe('2025-04-08');
    expect(excelSerialToIso('d', 61)).toBe('1900-03-01');
    expect(isoToExcelSerial('2020-03-16')).toBe(43906);
  });

  it('drops the time of day', () => {
    expect(excelSerialToIso('d', 43906.75)).toBe('2020-03-16');
  });

  it("ends at Excel's last date, 9999-12-31 (serial 2958465), and names a later serial", () => {
    expect(excelSerialToIso('d', 2958465.9)).toBe('9999-12-31');
    for (const bad of [2958466, 1e7, 1e9, 1e308])
      expect(() => excelSerialToIso('inputs date', bad)).toThrow(
        `inputs date: is ${bad}, after 9999-12-31 (serial 2958465), the last date Excel has; pass a date cell`,
      );
  });

  it.each([0, 60, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s', (bad) => {
    expect(() => excelSerialToIso('expiry', bad)).toThrow(/^expiry: .*pass a date cell/);
  });
});
