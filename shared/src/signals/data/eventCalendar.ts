/**
 * The event calendar the product ships: FOMC policy decisions from 1994 to the last published
 * schedule, and the Bureau of Labor Statistics' CPI (2000 on) and PPI (2007 on) news releases
 * through the published 2026 schedule.
 *
 * FOMC dates are the day the decision became public (the statement day; for a two-day meeting its
 * second day), as listed on the Federal Reserve's FOMC pages (federalreserve.gov: "Meeting
 * calendars, statements, and minutes" and the year pages of "FOMC historical materials"),
 * cross-checked against a second, independent compilation of FOMC meeting dates (see docs/market.md).
 *
 * CPI and PPI dates are the days the BLS published each monthly news release (08:30 ET), as dated by
 * the files of the BLS news release archive (bls.gov/bls/news-release/cpi.htm and ppi.htm: each
 * archived release is named `cpi_MMDDYYYY` / `ppi_MMDDYYYY` after its release day, and its header
 * carries the same date), read from public compilations of that archive and compared wherever two
 * overlap; CPI 2000-2007 and PPI 2007-2017 rest on one compilation of the archive's file names
 * (docs/market.md names each source and the years it covers). The last dates of 2026 come from the
 * BLS's published 2026 schedule and say so in their source.
 *
 * Coverage is declared per kind: a date outside a kind's coverage has no calendar for that kind
 * (never "no events").
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

/** Where the CPI and PPI dates come from. */
export const BLS_CPI_SOURCE = 'U.S. Bureau of Labor Statistics, Consumer Price Index news release archive (bls.gov)';
export const BLS_PPI_SOURCE = 'U.S. Bureau of Labor Statistics, Producer Price Index news release archive (bls.gov)';
/** The source note of the dates taken from the BLS's published 2026 release schedule. */
export const BLS_SCHEDULE_NOTE = 'published 2026 release schedule';

/*
 * CPI: one release a month, each for the month before, January 2000 to September 2026. Irregular ones are real: 2013-10-30 (the October 2013 shutdown), 2025-10-24 (the
 * September 2025 CPI, delayed by the 2025 lapse in appropriations; the October 2025 CPI was never
 * published, so 2025 has eleven), 2026-02-13 (rescheduled January 2026 CPI).
 */
/** CPI release days by year (month-day), from the BLS news release archive. */
export const CPI_RELEASES: Readonly<Record<number, readonly string[]>> = {
  2000: ['01-14', '02-18', '03-17', '04-14', '05-16', '06-14', '07-18', '08-16', '09-15', '10-18', '11-16', '12-15'],
  2001: ['01-17', '02-21', '03-21', '04-17', '05-16', '06-15', '07-18', '08-16', '09-18', '10-19', '11-16', '12-14'],
  2002: ['01-16', '02-20', '03-21', '04-16', '05-15', '06-18', '07-19', '08-16', '09-18', '10-18', '11-19', '12-17'],
  2003: ['01-16', '02-21', '03-21', '04-16', '05-16', '06-17', '07-16', '08-15', '09-16', '10-16', '11-18', '12-16'],
  2004: ['01-15', '02-20', '03-17', '04-14', '05-14', '06-15', '07-16', '08-17', '09-16', '10-19', '11-17', '12-17'],
  2005: ['01-19', '02-23', '03-23', '04-20', '05-18', '06-15', '07-14', '08-16', '09-15', '10-14', '11-16', '12-15'],
  2006: ['01-18', '02-22', '03-16', '04-19', '05-17', '06-14', '07-19', '08-16', '09-15', '10-18', '11-16', '12-15'],
  2007: ['01-18', '02-21', '03-16', '04-17', '05-15', '06-15', '07-18', '08-15', '09-19', '10-17', '11-15', '12-14'],
  2008: ['01-16', '02-20', '03-14', '04-16', '05-14', '06-13', '07-16', '08-14', '09-16', '10-16', '11-19', '12-16'],
  2009: ['01-16', '02-20', '03-18', '04-15', '05-15', '06-17', '07-15', '08-14', '09-16', '10-15', '11-18', '12-16'],
  2010: ['01-15', '02-19', '03-18', '04-14', '05-19', '06-17', '07-16', '08-13', '09-17', '10-15', '11-17', '12-15'],
  2011: ['01-14', '02-17', '03-17', '04-15', '05-13', '06-15', '07-15', '08-18', '09-15', '10-19', '11-16', '12-16'],
  2012: ['01-19', '02-17', '03-16', '04-13', '05-15', '06-14', '07-17', '08-15', '09-14', '10-16', '11-15', '12-14'],
  2013: ['01-16', '02-21', '03-15', '04-16', '05-16', '06-18', '07-16', '08-15', '09-17', '10-30', '11-20', '12-17'],
  2014: ['01-16', '02-20', '03-18', '04-15', '05-15', '06-17', '07-22', '08-19', '09-17', '10-22', '11-20', '12-17'],
  2015: ['01-16', '02-26', '03-24', '04-17', '05-22', '06-18', '07-17', '08-19', '09-16', '10-15', '11-17', '12-15'],
  2016: ['01-20', '02-19', '03-16', '04-14', '05-17', '06-16', '07-15', '08-16', '09-16', '10-18', '11-17', '12-15'],
  2017: ['01-18', '02-15', '03-15', '04-14', '05-12', '06-14', '07-14', '08-11', '09-14', '10-13', '11-15', '12-13'],
  2018: ['01-12', '02-14', '03-13', '04-11', '05-10', '06-12', '07-12', '08-10', '09-13', '10-11', '11-14', '12-12'],
  2019: ['01-11', '02-13', '03-12', '04-10', '05-10', '06-12', '07-11', '08-13', '09-12', '10-10', '11-13', '12-11'],
  2020: ['01-14', '02-13', '03-11', '04-10', '05-12', '06-10', '07-14', '08-12', '09-11', '10-13', '11-12', '12-10'],
  2021: ['01-13', '02-10', '03-10', '04-13', '05-12', '06-10', '07-13', '08-11', '09-14', '10-13', '11-10', '12-10'],
  2022: ['01-12', '02-10', '03-10', '04-12', '05-11', '06-10', '07-13', '08-10', '09-13', '10-13', '11-10', '12-13'],
  2023: ['01-12', '02-14', '03-14', '04-12', '05-10', '06-13', '07-12', '08-10', '09-13', '10-12', '11-14', '12-12'],
  2024: ['01-11', '02-13', '03-12', '04-10', '05-15', '06-12', '07-11', '08-14', '09-11', '10-10', '11-13', '12-11'],
  2025: ['01-15', '02-12', '03-12', '04-10', '05-13', '06-11', '07-15', '08-12', '09-11', '10-24', '12-18'],
  2026: ['01-13', '02-13', '03-11', '04-10', '05-12', '06-10', '07-14', '08-12', '09-11'],
};

/** The rest of 2026 from the BLS's published schedule (past dates here were not checked against the archive). */
export const CPI_SCHEDULED: Readonly<Record<number, readonly string[]>> = {
  2026: ['10-14', '11-10', '12-10'],
};

/*
 * PPI: one release a month, January 2007 to June 2026, then the published 2026 schedule. 2025 has
 * ten: the October 2025 PPI was never published, the September 2025 PPI came on 2025-11-25, and the
 * November and December 2025 PPIs on 2026-01-14 and 2026-01-30.
 */
/** PPI release days by year (month-day), from the BLS news release archive. */
export const PPI_RELEASES: Readonly<Record<number, readonly string[]>> = {
  2007: ['01-17', '02-16', '03-15', '04-13', '05-11', '06-14', '07-17', '08-14', '09-18', '10-12', '11-14', '12-13'],
  2008: ['01-15', '02-26', '03-18', '04-15', '05-20', '06-17', '07-15', '08-19', '09-12', '10-15', '11-18', '12-12'],
  2009: ['01-15', '02-19', '03-17', '04-14', '05-14', '06-16', '07-14', '08-18', '09-15', '10-20', '11-17', '12-15'],
  2010: ['01-20', '02-18', '03-17', '04-22', '05-18', '06-16', '07-15', '08-17', '09-16', '10-14', '11-16', '12-14'],
  2011: ['01-13', '02-16', '03-16', '04-14', '05-12', '06-14', '07-14', '08-17', '09-14', '10-18', '11-15', '12-15'],
  2012: ['01-18', '02-16', '03-15', '04-12', '05-11', '06-13', '07-13', '08-14', '09-13', '10-12', '11-14', '12-13'],
  2013: ['01-15', '02-20', '03-14', '04-12', '05-15', '06-14', '07-12', '08-14', '09-13', '10-29', '11-21', '12-13'],
  2014: ['01-15', '02-19', '03-14', '04-11', '05-14', '06-13', '07-16', '08-15', '09-16', '10-15', '11-18', '12-12'],
  2015: ['01-15', '02-18', '03-13', '04-14', '05-14', '06-12', '07-15', '08-14', '09-11', '10-14', '11-13', '12-11'],
  2016: ['01-15', '02-17', '03-15', '04-13', '05-13', '06-15', '07-14', '08-12', '09-15', '10-14', '11-16', '12-14'],
  2017: ['01-13', '02-14', '03-14', '04-13', '05-11', '06-13', '07-13', '08-10', '09-13', '10-12', '11-14', '12-12'],
  2018: ['01-11', '02-15', '03-14', '04-10', '05-09', '06-13', '07-11', '08-09', '09-12', '10-10', '11-09', '12-11'],
  2019: ['01-15', '02-14', '03-13', '04-11', '05-09', '06-11', '07-12', '08-09', '09-11', '10-08', '11-14', '12-12'],
  2020: ['01-15', '02-19', '03-12', '04-09', '05-13', '06-11', '07-10', '08-11', '09-10', '10-14', '11-13', '12-11'],
  2021: ['01-15', '02-17', '03-12', '04-09', '05-13', '06-15', '07-14', '08-12', '09-10', '10-14', '11-09', '12-14'],
  2022: ['01-13', '02-15', '03-15', '04-13', '05-12', '06-14', '07-14', '08-11', '09-14', '10-12', '11-15', '12-09'],
  2023: ['01-18', '02-16', '03-15', '04-13', '05-11', '06-14', '07-13', '08-11', '09-14', '10-11', '11-15', '12-13'],
  2024: ['01-12', '02-16', '03-14', '04-11', '05-14', '06-13', '07-12', '08-13', '09-12', '10-11', '11-14', '12-12'],
  2025: ['01-14', '02-13', '03-13', '04-11', '05-15', '06-12', '07-16', '08-14', '09-10', '11-25'],
  2026: ['01-14', '01-30', '02-27', '03-18', '04-14', '05-13', '06-11'],
};

/** The rest of 2026 from the BLS's published schedule (past dates here were not checked against the archive). */
export const PPI_SCHEDULED: Readonly<Record<number, readonly string[]>> = {
  2026: ['07-15', '08-13', '09-10', '10-15', '11-13', '12-15'],
};

/**
 * The span each kind is complete over, inclusive.
 * - FOMC starts in 1994: from 4 February 1994 the FOMC announced its decisions; before that the
 *   market inferred them from open-market operations, so there is no public decision day to date.
 * - CPI starts in 2000: the compilation of the BLS archive these dates were read from starts with
 *   the release of 2000-01-14 (December 1999 data); the release before it was in December 1999, so
 *   the span misses none.
 * - PPI starts in 2007: the same archive holds the 2000-2006 PPI releases, but they were not read
 *   and checked for this calendar. The release before 2007-01-17 was on 2006-12-19.
 * - CPI and PPI end with 2026, the last year whose schedule the BLS had published.
 */
export const SHIPPED_COVERAGE = {
  FOMC: { from: '1994-01-01', to: '2027-12-31', source: FOMC_SOURCE },
  CPI: { from: '2000-01-01', to: '2026-12-31', source: BLS_CPI_SOURCE },
  PPI: { from: '2007-01-01', to: '2026-12-31', source: BLS_PPI_SOURCE },
} as const;
