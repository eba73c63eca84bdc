/**
 * `npm run calibrate`'s history before the fit (each file read by historyFile.ts): the trading days
 * it measures, checking that
 * each period holds data of every series it measures, and the periods' days, so that the ranges the outputs state are the days the run used: every
 * list is bounded by its period at both ends.
 */
import { toIsoDate, type MarketRow } from '../shared/src/index';
import { epochDay, thin, type DayValue } from '../shared/src/scenario/model/calibrationCells';
import { onExchangeHoliday } from '../shared/src/replay/replayWindow';

/**
 * The rows of trading days: a row dated on an exchange holiday is left out, as the replay passes
 * over it (Cboe's VIX file has closes on some holidays, most of them from 2022-05-30 on). The
 * holidays are the calendar's (2000-2040); before 2000 every weekday row is kept.
 */
export function tradingDayRows<T extends { date: string }>(rows: readonly T[]): T[] {
  return rows.filter((r) => !onExchangeHoliday(r.date));
}

/**
 * One daily series the calibration measures (VIX, VVIX or S&P 500 closes): the finite, positive
 * values `pick` reads from the rows of trading days ({@link tradingDayRows}), in the rows' order. Its
 * days are the starting days and horizon dates of the history cells, the model's starting days and
 * the bootstrap's.
 */
export function historySeries(rows: readonly MarketRow[], pick: (r: MarketRow) => number | undefined): DayValue[] {
  return tradingDayRows(rows).flatMap((r) => {
    const v = pick(r);
    return v !== undefined && Number.isFinite(v) && v > 0 ? [{ day: epochDay(r.date), value: v }] : [];
  });
}

/** A period of the calibration: epoch days `from..to`, both included. */
export interface Period {
  name: string;
  from: number;
  to: number;
}

/** The values of a series (in day order) within the period, both ends included. */
export function inPeriod<T extends { day: number }>(xs: readonly T[], p: Period): T[] {
  return xs.filter((x) => x.day >= p.from && x.day <= p.to);
}

/** The first and last day of a series within the period, as the outputs state them (`none` when it has none). */
export function periodRange(xs: readonly DayValue[], p: Period): string {
  const days = inPeriod(xs, p);
  return days.length === 0 ? 'none' : `${toIsoDate(days[0]!.day)}..${toIsoDate(days[days.length - 1]!.day)}`;
}

/** Starting days of the model's β out of sample: up to `max` VIX days of the period, evenly spaced. */
export function betaStartDays(vix: readonly DayValue[], p: Period, max: number): number[] {
  return thin(
    inPeriod(vix, p).map((x) => x.day),
    max,
  );
}

/** One series the run measures: the file it comes from and the windows that must each hold one of its days. */
export interface SeriesUse {
  file: string;
  /** What one value is, as the message names it: "VIX close". */
  what: string;
  /** The series' days, ascending. */
  days: readonly { day: number }[];
  /** The file's own dates, ascending, all of them (also those the run leaves out), for the message. */
  fileDates: readonly string[];
  /**
   * The periods, or the parts of them the series feeds (clipPeriod: a file read only before or from
   * a fixed date), in date order. The periods meet at the split and together always run over the
   * same days, so `--split` moves days between these windows only: it can give a window data only
   * where another of them holds some; a single window (the whole calibration, or the one part of
   * it a file feeds) it cannot help.
   */
  windows: readonly Period[];
}

/**
 * The part of a period within `from..to` (a series that feeds only part of it), or undefined when
 * they do not overlap.
 */
export function clipPeriod(p: Period, from: number, to: number): Period | undefined {
  const clipped = { name: p.name, from: Math.max(p.from, from), to: Math.min(p.to, to) };
  return clipped.from <= clipped.to ? clipped : undefined;
}

/**
 * The first series with no day in one of its windows, as one line naming the file, the period and
 * where the file's dates lie against it (its last date when it ends before, its first when it starts
 * after); `--split` is offered only where moving where the periods meet can help (another window
 * holds the series' days). Undefined when every window holds data. Checked before the fit, which
 * would otherwise fail (or state ranges it did not use) only after minutes.
 */
export function coverageProblem(uses: readonly SeriesUse[]): string | undefined {
  for (const u of uses) {
    const holds = (w: Period) => u.days.some((x) => x.day >= w.from && x.day <= w.to);
    for (const w of u.windows) {
      if (holds(w)) continue;
      const split = u.windows.some((v) => v !== w && holds(v)) ? ' (or --split YEAR to move the periods)' : '';
      return (
        `${u.file}: no ${u.what} in the ${w.name} period ${toIsoDate(w.from)}..${toIsoDate(w.to)}; ` +
        `${datesAgainst(u.fileDates, w)}; use a copy of the file that covers the period${split}`
      );
    }
  }
  return undefined;
}

/** Where a file's dates lie against a window its series misses: before it, after it, or around it. */
function datesAgainst(dates: readonly string[], w: Period): string {
  if (dates.length === 0) return 'the file has no rows';
  const first = dates[0]!;
  const last = dates[dates.length - 1]!;
  const run = `its dates run ${first}..${last}`;
  if (last < toIsoDate(w.from)) return `its last date is ${last} (${run})`;
  if (first > toIsoDate(w.to)) return `its first date is ${first} (${run})`;
  return `${run}, but none of its rows in the period has one`;
}
