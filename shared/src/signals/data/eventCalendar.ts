/**
 * The event calendar the product ships: FOMC policy decisions from 1994 to the last published
 * schedule. Dates are the day the decision became public (the statement day; for a two-day meeting
 * its second day), as listed on the Federal Reserve's FOMC pages (federalreserve.gov: "Meeting
 * calendars, statements, and minutes" and the year pages of "FOMC historical materials"),
 * cross-checked against a second, independent compilation of FOMC meeting dates (see docs/market.md).
 *
 * Coverage is declared per kind: a kind without coverage (CPI, PPI here) has no shipped dates, and a
 * date outside a kind's coverage has no calendar for that kind (never "no events").
 */

/** Where the FOMC dates come from. */
export const FOMC_SOURCE = 'Federal Reserve, FOMC meeting calendars and statements (federalreserve.gov)';

/**
 * Scheduled FOMC decision days by year (month-day). 2020 has seven: the scheduled March 17-18
 * meeting was replaced by the unscheduled meeting of Sunday 15 March. 2026 and 2027 are the
 * tentative schedules the Fed published (press releases of 2024-08-09 and 2025-09-05).
 */
export const FOMC_SCHEDULED: Readonly<Record<number, readonly string[]>> = {
  1994: ['02-04', '03-22', '05-17', '07-06', '08-16', '09-27', '11-15', '12-20'],
  1995: ['02-01', '03-28', '05-23', '07-06', '08-22', '09-26', '11-15', '12-19'],
  1996: ['01-31', '03-26', '05-21', '07-03', '08-20', '09-24', '11-13', '12-17'],
  1997: ['02-05', '03-25', '05-20', '07-02', '08-19', '09-30', '11-12', '12-16'],
  1998: ['02-04', '03-31', '05-19', '07-01', '08-18', '09-29', '11-17', '12-22'],
  1999: ['02-03', '03-30', '05-18', '06-30', '08-24', '10-05', '11-16', '12-21'],
  2000: ['02-02', '03-21', '05-16', '06-28', '08-22', '10-03', '11-15', '12-19'],
  2001: ['01-31', '03-20', '05-15', '06-27', '08-21', '10-02', '11-06', '12-11'],
  2002: ['01-30', '03-19', '05-07', '06-26', '08-13', '09-24', '11-06', '12-10'],
  2003: ['01-29', '03-18', '05-06', '06-25', '08-12', '09-16', '10-28', '12-09'],
  2004: ['01-28', '03-16', '05-04', '06-30', '08-10', '09-21', '11-10', '12-14'],
  2005: ['02-02', '03-22', '05-03', '06-30', '08-09', '09-20', '11-01', '12-13'],
  2006: ['01-31', '03-28', '05-10', '06-29', '08-08', '09-20', '10-25', '12-12'],
  2007: ['01-31', '03-21', '05-09', '06-28', '08-07', '09-18', '10-31', '12-11'],
  2008: ['01-30', '03-18', '04-30', '06-25', '08-05', '09-16', '10-29', '12-16'],
  2009: ['01-28', '03-18', '04-29', '06-24', '08-12', '09-23', '11-04', '12-16'],
  2010: ['01-27', '03-16', '04-28', '06-23', '08-10', '09-21', '11-03', '12-14'],
  2011: ['01-26', '03-15', '04-27', '06-22', '08-09', '09-21', '11-02', '12-13'],
  2012: ['01-25', '03-13', '04-25', '06-20', '08-01', '09-13', '10-24', '12-12'],
  2013: ['01-30', '03-20', '05-01', '06-19', '07-31', '09-18', '10-30', '12-18'],
  2014: ['01-29', '03-19', '04-30', '06-18', '07-30', '09-17', '10-29', '12-17'],
  2015: ['01-28', '03-18', '04-29', '06-17', '07-29', '09-17', '10-28', '12-16'],
  2016: ['01-27', '03-16', '04-27', '06-15', '07-27', '09-21', '11-02', '12-14'],
  2017: ['02-01', '03-15', '05-03', '06-14', '07-26', '09-20', '11-01', '12-13'],
  2018: ['01-31', '03-21', '05-02', '06-13', '08-01', '09-26', '11-08', '12-19'],
  2019: ['01-30', '03-20', '05-01', '06-19', '07-31', '09-18', '10-30', '12-11'],
  2020: ['01-29', '04-29', '06-10', '07-29', '09-16', '11-05', '12-16'],
  2021: ['01-27', '03-17', '04-28', '06-16', '07-28', '09-22', '11-03', '12-15'],
  2022: ['01-26', '03-16', '05-04', '06-15', '07-27', '09-21', '11-02', '12-14'],
  2023: ['02-01', '03-22', '05-03', '06-14', '07-26', '09-20', '11-01', '12-13'],
  2024: ['01-31', '03-20', '05-01', '06-12', '07-31', '09-18', '11-07', '12-18'],
  2025: ['01-29', '03-19', '05-07', '06-18', '07-30', '09-17', '10-29', '12-10'],
  2026: ['01-28', '03-18', '04-29', '06-17', '07-29', '09-16', '10-28', '12-09'],
  2027: ['01-27', '03-17', '04-28', '06-09', '07-28', '09-15', '10-27', '12-08'],
};

/**
 * Unscheduled FOMC decisions: changes to the federal funds target made between scheduled meetings,
 * dated on the day they were announced (2008-01-22: conference call of 21 January, announced before
 * the open; 2008-10-08: the coordinated cut with other central banks; 2020-03-15 a Sunday).
 */
export const FOMC_UNSCHEDULED: readonly { date: string; action: string }[] = [
  { date: '1994-04-18', action: 'federal funds target +25 bp to 3.75%' },
  { date: '1998-10-15', action: 'federal funds target -25 bp to 5.00%' },
  { date: '2001-01-03', action: 'federal funds target -50 bp to 6.00%' },
  { date: '2001-04-18', action: 'federal funds target -50 bp to 4.50%' },
  { date: '2001-09-17', action: 'federal funds target -50 bp to 3.00%' },
  { date: '2008-01-22', action: 'federal funds target -75 bp to 3.50%' },
  { date: '2008-10-08', action: 'federal funds target -50 bp to 1.50%' },
  { date: '2020-03-03', action: 'federal funds target range -50 bp to 1.00-1.25%' },
  { date: '2020-03-15', action: 'federal funds target range -100 bp to 0-0.25%' },
];

/**
 * The span each kind is complete over, inclusive. FOMC starts in 1994: from 4 February 1994 the FOMC
 * announced its decisions; before that the market inferred them from open-market operations, so
 * there is no public decision day to date. CPI and PPI release dates are not shipped (no complete
 * source could be verified for 1990-2026): pass them as events (Bureau of Labor Statistics release
 * calendars) to cover them.
 */
export const SHIPPED_COVERAGE = {
  FOMC: { from: '1994-01-01', to: '2027-12-31', source: FOMC_SOURCE },
} as const;
