import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  easterSunday,
  exchangeHolidays,
  isBusinessDay,
  isExchangeHoliday,
  nextBusinessDay,
  previousBusinessDay,
} from '@alvh/shared';
import { describeWithData, readDataFile } from '../../helpers/marketData';

// Book values: NYSE's published holiday lists (nyse.com "Holidays & Trading Hours", and the
// exchange's historical notices), including the one-off closures.
const NYSE_HOLIDAYS: Record<number, string[]> = {
  2001: [
    '01-01',
    '01-15',
    '02-19',
    '04-13',
    '05-28',
    '07-04',
    '09-03',
    '09-11',
    '09-12',
    '09-13',
    '09-14',
    '11-22',
    '12-25',
  ],
  2004: ['01-01', '01-19', '02-16', '04-09', '05-31', '06-11', '07-05', '09-06', '11-25', '12-24'],
  2005: ['01-17', '02-21', '03-25', '05-30', '07-04', '09-05', '11-24', '12-26'],
  2007: ['01-01', '01-02', '01-15', '02-19', '04-06', '05-28', '07-04', '09-03', '11-22', '12-25'],
  2012: ['01-02', '01-16', '02-20', '04-06', '05-28', '07-04', '09-03', '10-29', '10-30', '11-22', '12-25'],
  2018: ['01-01', '01-15', '02-19', '03-30', '05-28', '07-04', '09-03', '11-22', '12-05', '12-25'],
  2020: ['01-01', '01-20', '02-17', '04-10', '05-25', '07-03', '09-07', '11-26', '12-25'],
  2021: ['01-01', '01-18', '02-15', '04-02', '05-31', '07-05', '09-06', '11-25', '12-24'],
  2022: ['01-17', '02-21', '04-15', '05-30', '06-20', '07-04', '09-05', '11-24', '12-26'],
  2023: ['01-02', '01-16', '02-20', '04-07', '05-29', '06-19', '07-04', '09-04', '11-23', '12-25'],
  2024: ['01-01', '01-15', '02-19', '03-29', '05-27', '06-19', '07-04', '09-02', '11-28', '12-25'],
  2025: ['01-01', '01-09', '01-20', '02-17', '04-18', '05-26', '06-19', '07-04', '09-01', '11-27', '12-25'],
  2026: ['01-01', '01-19', '02-16', '04-03', '05-25', '06-19', '07-03', '09-07', '11-26', '12-25'],
  2027: ['01-01', '01-18', '02-15', '03-26', '05-31', '06-18', '07-05', '09-06', '11-25', '12-24'],
};

describe('exchange holidays against NYSE published lists', () => {
  it.each(Object.entries(NYSE_HOLIDAYS))('%s', (year, days) => {
    expect(exchangeHolidays(Number(year)).map((h) => h.date)).toEqual(days.map((d) => `${year}-${d}`));
  });

  it('names each holiday', () => {
    expect(exchangeHolidays(2024).find((h) => h.date === '2024-06-19')?.name).toBe('Juneteenth');
    expect(exchangeHolidays(2025).find((h) => h.date === '2025-01-09')?.name).toMatch(/Carter/);
  });

  it('has no Friday observance when January 1 is a Saturday', () => {
    for (const d of ['2004-12-31', '2010-12-31', '2021-12-31', '2027-12-31', '2032-12-31', '2038-12-31']) {
      expect(isExchangeHoliday(d), d).toBe(false);
      expect(isBusinessDay(d), d).toBe(true);
    }
  });

  it('observes Juneteenth only from 2022', () => {
    expect(isExchangeHoliday('2021-06-18')).toBe(false);
    expect(isExchangeHoliday('2022-06-20')).toBe(true); // Sunday June 19 → Monday
    expect(isExchangeHoliday('2033-06-20')).toBe(true); // Sunday
    expect(isExchangeHoliday('2032-06-18')).toBe(true); // Saturday June 19 → Friday
  });

  it('observes MLK day every year and Good Friday from the computus', () => {
    for (let y = 2000; y <= 2040; y++) {
      const names = exchangeHolidays(y).map((h) => h.name);
      expect(names).toContain('Martin Luther King Jr. Day');
      expect(names).toContain('Good Friday');
      for (const h of exchangeHolidays(y)) {
        const w = new Date(`${h.date}T00:00:00Z`).getUTCDay();
        expect(w, `${h.date} is a weekday`).toBeGreaterThanOrEqual(1);
        expect(w).toBeLessThanOrEqual(5);
      }
    }
  });
});

describe('Easter (Gregorian computus)', () => {
  // Book values: the Gregorian Easter table (e.g. the U.S. Naval Observatory's list).
  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2035, '2035-03-25'],
    [2038, '2038-04-25'],
  ])('%i → %s', (y, iso) => expect(easterSunday(y)).toBe(iso));
});

describe('business-day arithmetic', () => {
  it.each([
    ['2001-09-10', 1, '2001-09-17'],
    ['2001-09-17', -1, '2001-09-10'],
    ['2012-10-26', 1, '2012-10-31'],
    ['2024-06-20', -2, '2024-06-17'],
    ['2022-04-14', 1, '2022-04-18'],
    ['2020-03-13', 5, '2020-03-20'],
    ['2020-03-14', 1, '2020-03-16'], // from a Saturday
    ['2020-03-14', -1, '2020-03-13'],
    ['2020-03-14', 0, '2020-03-14'],
    ['2025-01-08', 1, '2025-01-10'],
  ] as const)('addBusinessDays(%s, %i) = %s', (d, n, want) => expect(addBusinessDays(d, n)).toBe(want));

  it('steps over holidays and weekends', () => {
    expect(previousBusinessDay('2022-04-18')).toBe('2022-04-14');
    expect(previousBusinessDay('2018-12-06')).toBe('2018-12-04');
    expect(nextBusinessDay('2007-12-31')).toBe('2008-01-02');
    expect(nextBusinessDay('2006-12-29')).toBe('2007-01-03');
  });

  it('counts business days consistently with addBusinessDays', () => {
    expect(businessDaysBetween('2020-03-13', '2020-03-20')).toBe(5);
    expect(businessDaysBetween('2020-03-20', '2020-03-13')).toBe(-5);
    // from < d ≤ to: from a Saturday the Monday-Friday after are 5 (2020-03-16..20); Friday to the
    // Sunday after counts no day (the Friday itself is `from`)
    expect(businessDaysBetween('2020-03-14', '2020-03-20')).toBe(5);
    expect(businessDaysBetween('2020-03-13', '2020-03-15')).toBe(0);
    for (const [d, n] of [
      ['2019-12-20', 10],
      ['2001-09-07', 3],
      ['2012-10-25', 4],
      ['2024-06-14', 7],
    ] as const) {
      expect(businessDaysBetween(d, addBusinessDays(d, n))).toBe(n);
    }
  });
});

describe('rejections', () => {
  it('refuses dates outside 2000-2040 rather than guess', () => {
    expect(() => isBusinessDay('1999-12-31')).toThrow(
      /date: is 1999-12-31, outside the exchange calendar's 2000-01-01..2040-12-31/,
    );
    expect(() => isExchangeHoliday('2041-01-01')).toThrow(/outside the exchange calendar/);
    expect(() => exchangeHolidays(2041)).toThrow(/year: is 2041/);
    expect(() => addBusinessDays('2040-12-31', 1)).toThrow(
      /^n: is 1: 1 business days from 2040-12-31 leave the exchange calendar \(2000-2040\)/,
    );
    expect(() => addBusinessDays('2000-01-04', -2)).toThrow(/^n: is -2: /);
    expect(addBusinessDays('2000-01-04', -1)).toBe('2000-01-03');
    expect(() => previousBusinessDay('2000-01-03')).toThrow(
      /^date: is 2000-01-03: the business day before it falls before 2000-01-01/,
    );
  });

  it('names the field on malformed input', () => {
    expect(() => isBusinessDay('2020-02-30')).toThrow(/^date: is 2020-02-30, which is not a calendar date/);
    expect(() => addBusinessDays('2020-03-13', 1.5)).toThrow(/^n: is 1.5, not a whole number/);
    expect(() => businessDaysBetween('2020-03-13', '13/03/2020')).toThrow(/^to: /);
  });
});

describeWithData('calendar against Cboe VIX history (real data)', () => {
  // Cboe's VIX history has a row for every day the index was disseminated. Until 2022-05-27 that
  // is exactly the regular-session calendar; from 2022-05-30 Cboe also prints VIX on some U.S.
  // holidays (global trading hours), so the check stops there. 2004-06-11 (Reagan) is a filler row
  // repeating the previous close (open = high = low = close = 15.04), not a trading day.
  const rows = readDataFile('cboe_VIX_History__ManULoreN14.csv').trim().split(/\r?\n/).slice(1);
  const dated = rows.map((line) => {
    const [mdy, open, high, low, close] = line.split(',');
    const [m, d, y] = (mdy ?? '').split('/');
    return {
      date: `${y}-${m?.padStart(2, '0')}-${d?.padStart(2, '0')}`,
      flat: open === high && high === low && low === close,
    };
  });
  const window = dated.filter((r) => r.date >= '2000-01-03' && r.date <= '2022-05-27');

  it('every business day 2000-01-03..2022-05-27 has a VIX print and every VIX print is a business day', () => {
    const have = new Set(window.map((r) => r.date));
    const missing: string[] = [];
    for (let d = '2000-01-03'; d <= '2022-05-27'; d = addBusinessDays(d, 1)) if (!have.has(d)) missing.push(d);
    expect(missing).toEqual([]);
    const closed = window.filter((r) => !isBusinessDay(r.date));
    expect(closed.map((r) => r.date)).toEqual(['2004-06-11']);
    expect(closed[0]?.flat).toBe(true);
    // first day + the business days after it + the 2004 filler row
    expect(window.length).toBe(1 + businessDaysBetween('2000-01-03', '2022-05-27') + 1);
  });
});

describeWithData('calendar against S&P 500 daily closes 2021-2026 (real data)', () => {
  it('has an SPX close on exactly the business days 2021-01-04..2026-04-02 (Juneteenth, 2025-01-09 included)', () => {
    const dates = readDataFile('spx_daily_2021-2026__eric-tao.csv')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(',')[0] as string);
    const expected: string[] = [];
    for (let d = '2021-01-04'; d <= '2026-04-02'; d = addBusinessDays(d, 1)) expected.push(d);
    expect(dates).toEqual(expected);
    expect(dates).not.toContain('2025-01-09');
    expect(dates).not.toContain('2024-06-19');
    expect(dates).toContain('2021-12-31');
  });
});
