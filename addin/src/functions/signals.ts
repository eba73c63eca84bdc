/**
 * The method's signals and the budget split in cells: ALVH.SPLIT, ALVH.RSI, ALVH.MACD and
 * ALVH.ADSLOPE. The
 * split, the VX price checks and the decisions (MACD histogram above 0, A/D slope below 0) are the
 * sizing package's (`splitFromFutures`); the default periods are the policy's and macd's own.
 */
import {
  checkVxFloor,
  DEFAULT_POLICY,
  grouped,
  MAX_SIGNAL_POINTS,
  SignalsSchema,
  breadthState,
  insufficientData,
  isAlvhError,
  limitExceeded,
  MACD_DEFAULTS,
  MAX_ISSUES,
  macd as macdSeries,
  macdSettledLength,
  rsi as rsiSeries,
  rsiSettledLength,
  splitFromFutures,
} from '@alvh/shared';
import { invalidInput, type AlvhError } from '@alvh/shared';
import {
  booleanArg,
  cellName,
  inSeriesCells,
  withHeaders,
  optionalPlainNumber,
  plainNumberArg,
  positiveSeriesArg,
  refuseDotGroupedCount,
  seriesNumber,
  withDecimalCommaReading,
} from './args';
import { countWords } from '../common/numbers';
import { pairedSeriesArg } from './pairedArgs';
import { checkPolicyBound, policyArg, rsiArg } from './bounds';
import { excelCall } from './excelErrors';
import { opt } from './format';
import { checkLineLength } from './rangeSize';

/**
 * Refuses a series of more than {@link MAX_SIGNAL_POINTS} (the plan's signal histories' limit),
 * from the range's size before a cell is read: a whole column of a million closes took seconds.
 */
function checkHistory(name: string, range: unknown, noun: string): void {
  checkLineLength(
    name,
    range,
    MAX_SIGNAL_POINTS,
    noun,
    `pass at most ${grouped(MAX_SIGNAL_POINTS)} ${noun}, the most recent`,
  );
}

const SPLIT_HEADERS = ['calendar share', 'tail share'];

/**
 * The split of the hedge budget between the calendar overlay and the tail VIX calls (method section 4).
 * @customfunction SPLIT SPLIT
 * @helpurl https://localhost:3000/help.html#SPLIT
 * @param vx1 Front VX future (F1), index points, 5 to 500.
 * @param vx2 Second VX future (F2), index points, 5 to 500.
 * @param [rsi] SPX RSI(14) on its 0-100 scale (35, not 0.35 or "35%"), of a settled series (ALVH.RSI of 100 or more closes); empty = no RSI signal; 0 (an empty cell read as 0) is refused.
 * @param [prevSpread] F1 − F2 at the last rebalance, points, −50 to 50; empty = no flattening signal.
 * @param [macdHist] MACD histogram of VVIX closes, −100 to 100 (ALVH.MACD's third column, of a settled series: 108 or more values; the method's default series, or of VVIX/VIX if your policy reads the ratio); above 0 = vol-of-vol expanding; empty = no signal.
 * @param [adSlope] Least-squares slope of the advance/decline line over the last 10 days (ALVH.ADSLOPE), issues per day, −100,000 to 100,000; below 0 = breadth deteriorating; empty = no signal.
 * @param [headers] TRUE adds a header row naming each column above the values; FALSE (default) gives the values alone.
 * @returns One row (two with headers), two columns: calendar share first, then tail share (decimals that sum to 1).
 */
export function split(
  vx1: unknown,
  vx2: unknown,
  rsi?: unknown,
  prevSpread?: unknown,
  macdHist?: unknown,
  adSlope?: unknown,
  headers?: unknown,
): unknown[][] {
  return excelCall(() => {
    // a price typed "23,325" reads as 23325: its refusal offers the decimal reading first
    const s = withDecimalCommaReading({ vx1, vx2 }, () =>
      splitFromFutures({
        vx1: checkVxFloor('vx1', plainNumberArg('vx1', vx1)),
        vx2: checkVxFloor('vx2', plainNumberArg('vx2', vx2)),
        ...opt('rsi', rsiArg(rsi)),
        ...opt('prevSpread', signalArg('prevSpread', prevSpread)),
        ...opt('macdHist', signalArg('macdHist', macdHist)),
        ...opt('adSlope', signalArg('adSlope', adSlope)),
      }),
    );
    return withHeaders(headers, SPLIT_HEADERS, [s.calendarShare, s.tailShare]);
  });
}

/**
 * A signal SPLIT reads as PLAN's row of the same name and the API's `signals` read it: a number in
 * the plan schema's range (prevSpread ±50 points, macdHist ±100, adSlope ±100,000 issues a day),
 * never percent text ("250%" is not a spread of 2.5 points). Undefined when empty.
 */
function signalArg(name: 'prevSpread' | 'macdHist' | 'adSlope', cell: unknown): number | undefined {
  const x = optionalPlainNumber(name, cell);
  if (x === undefined) return undefined;
  const r = SignalsSchema.shape[name].safeParse(x);
  if (!r.success) throw invalidInput(name, `is ${x}`, r.error.issues[0]?.message ?? 'pass a value in range');
  return x;
}

/**
 * Wilder's RSI of a series of closes (SPX daily closes, oldest first).
 * @customfunction RSI RSI
 * @helpurl https://localhost:3000/help.html#RSI
 * @param closes Closes, each above 0, oldest first (a column or a row; blanks before and after are ignored, a blank between closes is an error): at least the settled length (100 for period 14), or period + 1 with settle FALSE; at most 10,000.
 * @param [period] Look-back in bars, 2-100; default 14.
 * @param [series] TRUE spills the RSI series, a column ending beside the last close: row k is the RSI at close period + k (row 1 at close 15 for period 14); with settle TRUE rows before the settled close (the 100th) are blank. FALSE (default): the latest value.
 * @param [settle] TRUE (default) refuses (#N/A) fewer closes than settle the RSI (100 for period 14: Wilder's averages weigh their seed until then, tens of points off); FALSE gives the textbook RSI of period + 1 closes.
 * @returns RSI on a 0-100 scale: the latest value, or a column of every value with series TRUE.
 */
export function rsi(closes: unknown[][], period?: unknown, series?: unknown, settle?: unknown): unknown[][] {
  return excelCall(() => {
    const p = optionalPlainNumber('period', period);
    checkHistory('closes', closes, 'closes');
    const levels = positiveSeriesArg('closes', closes);
    const n = p === undefined ? DEFAULT_POLICY.rsiPeriod : checkPolicyBound('period', 'rsiPeriod', p, 'bars');
    const spill = booleanArg('series', series, false);
    const short = (need: number) =>
      insufficientData(
        'closes',
        `has ${levels.length} close${levels.length === 1 ? '' : 's'}; RSI(${n}) settles at ${need} (Wilder's averages weigh their seed before: it can be tens of points off)`,
        `pass at least ${need} closes, or settle FALSE for the textbook ${n + 1}-close RSI`,
      );
    const settles = booleanArg('settle', settle, true);
    const values = settled(
      settles,
      levels.length,
      () => rsiSettledLength(n),
      short,
      () => inSeriesCells('closes', closes, () => rsiSeries(levels, n)),
    );
    if (spill)
      return blankWarmUp(
        values.map((v) => [v]),
        levels.length,
        settles ? rsiSettledLength(n) : 0,
      );
    return spillOrLast(values);
  });
}

/**
 * `compute`'s answer, or with settle TRUE the `short` refusal when `count` values fall below the
 * `settledLength` at which the seed of a recursive average stops weighing in (the package's
 * rsiSettledLength and macdSettledLength, PLAN's short-history warnings). A value the package
 * refuses is named first; a series too short even for the textbook window gets `short` too, which
 * names both fixes.
 */
function settled<T>(
  settle: boolean,
  count: number,
  settledLength: () => number,
  short: (need: number) => AlvhError,
  compute: () => T,
): T {
  let out: T;
  try {
    out = compute();
  } catch (e) {
    if (settle && isAlvhError(e) && e.code === 'insufficient_data') throw short(settledLength());
    throw e;
  }
  const need = settle ? settledLength() : 0;
  if (count < need) throw short(need);
  return out;
}

/**
 * MACD of a series (VVIX closes in the method, or the VVIX/VIX ratio), oldest first.
 * @customfunction MACD MACD
 * @helpurl https://localhost:3000/help.html#MACD
 * @param values VVIX closes (or VVIX/VIX ratios), each above 0, oldest first, in a column or a row (blanks before and after are ignored, a blank between values is an error): at least the settled length (108 by default), or 34 with settle FALSE; at most 10,000.
 * @param [fast] Fast EMA length in whole bars, 1-500, below slow; default 12.
 * @param [slow] Slow EMA length in whole bars, 1-500, above fast; default 26.
 * @param [signal] Signal EMA length in whole bars, 1-500; default 9.
 * @param [series] TRUE spills every bar, rows ending beside the last value: row k is the bar of value slow + signal − 2 + k (row 1 at value 34 by default); with settle TRUE rows before the settled value (the 108th) are blank. FALSE (default): the latest.
 * @param [settle] TRUE (default) refuses (#N/A) fewer values than settle the MACD (108 for 12, 26, 9: the EMAs weigh their seeds until then, the histogram's sign can flip); FALSE gives the textbook MACD of slow + signal − 1 values.
 * @returns One row per bar (the last bar only unless series is TRUE), three columns: MACD, signal, histogram (histogram above 0 = vol-of-vol expanding).
 */
export function macd(
  values: unknown[][],
  fast?: unknown,
  slow?: unknown,
  signal?: unknown,
  series?: unknown,
  settle?: unknown,
): unknown[][] {
  return excelCall(() => {
    checkHistory('values', values, 'values');
    // VVIX and VVIX/VIX, the series the method reads, are above 0: a 0 (a formula reading an
    // empty cell) would flip the histogram's sign
    const v = positiveSeriesArg(
      'values',
      values,
      'pass VVIX closes or VVIX/VIX ratios, all above 0 (a formula reading an empty cell gives 0)',
    );
    const [f, sl, sg] = [macdLength('fast', fast), macdLength('slow', slow), macdLength('signal', signal)];
    checkMacdOrder(f, sl);
    const spill = booleanArg('series', series, false);
    const d = MACD_DEFAULTS;
    const [lf, ls, lg] = [f ?? d.fast, sl ?? d.slow, sg ?? d.signal];
    const short = (need: number) =>
      insufficientData(
        'values',
        `has ${v.length} value${v.length === 1 ? '' : 's'}; MACD(${lf}, ${ls}, ${lg}) settles at ${need} (its EMAs weigh their seeds before: the histogram's sign can flip)`,
        `pass at least ${need} values, or settle FALSE for the textbook ${ls + lg - 1}-value MACD`,
      );
    const settles = booleanArg('settle', settle, true);
    const m = settled(
      settles,
      v.length,
      () => macdSettledLength(lf, ls, lg),
      short,
      () => inSeriesCells('values', values, () => macdSeries(v, f, sl, sg)),
    );
    const rows = m.macd.map((x, i) => [x, m.signal[i] as number, m.histogram[i] as number]);
    if (spill) return blankWarmUp(rows, v.length, settles ? macdSettledLength(lf, ls, lg) : 0);
    const last = rows[rows.length - 1];
    if (last === undefined) throw insufficientData('values', 'is too short for MACD', 'pass more values');
    return [last];
  });
}

/**
 * Market breadth (method section 3): the least-squares slope of the advance/decline line, the running sum of advancers − decliners, over its last lookback days. Below 0 = breadth deteriorating, which blocks the RSI widening of ALVH.SPLIT (its adSlope) and PLAN (its adSlope row).
 * @customfunction ADSLOPE ADSLOPE
 * @helpurl https://localhost:3000/help.html#ADSLOPE
 * @param advancers Advancing issues per day, oldest first (a column or a row): at least lookback days, at most 10,000. A day blank here and in decliners is skipped; a day of 0 advancers and 0 decliners is an error.
 * @param decliners Declining issues per day, cell by cell beside the advancers (the same number of cells; a day blank in both is skipped, one without the other is an error).
 * @param [lookback] Trading days the slope spans, whole, 2-250; default 10 days (the policy's breadthLookback).
 * @returns The slope of the A/D line in issues per day (below 0 = breadth deteriorating).
 */
export function adslope(advancers: unknown[][], decliners: unknown[][], lookback?: unknown): number {
  return excelCall(() => {
    const days = breadthDays(advancers, decliners);
    const adv = issueCounts('advancers', days.a, days.places);
    const dec = issueCounts('decliners', days.b, days.places);
    const span = policyArg('lookback', 'breadthLookback', lookback, 'days') ?? DEFAULT_POLICY.breadthLookback;
    // the counts are finite and bounded here: the package names a day of 0 and 0 by its place
    // among the days read, the cells' place as selected here
    try {
      return breadthState(adv, dec, span).slope;
    } catch (e) {
      const at = isAlvhError(e) ? /^(advancers|decliners)\[(\d+)\]$/.exec(e.field) : null;
      if (at === null || !isAlvhError(e)) throw e;
      throw invalidInput(cellName(at[1]!, days.places[Number(at[2])] ?? 0), e.problem, e.fix);
    }
  });
}

/** Most cells from the first day to the last of a breadth range: a bound on the reading only. */
const MOST_DAY_CELLS = 10 * MAX_SIGNAL_POINTS;

/**
 * The days of ADSLOPE's two ranges, read day by day as they sit side by side (trimmed each on its
 * own, a blank at different ends paired each day's advancers with the day before's decliners). A
 * day blank in both is skipped, so the limit of {@link MAX_SIGNAL_POINTS} counts the days read;
 * the ranges' size only bounds the reading ({@link MOST_DAY_CELLS}), so a whole column is refused
 * unread.
 */
function breadthDays(advancers: unknown, decliners: unknown): ReturnType<typeof pairedSeriesArg> {
  const fix = `pass at most ${grouped(MAX_SIGNAL_POINTS)} days, the most recent`;
  checkLineLength('advancers', advancers, MOST_DAY_CELLS, 'cells from the first day to the last', fix);
  checkLineLength('decliners', decliners, MOST_DAY_CELLS, 'cells from the first day to the last', fix);
  const days = pairedSeriesArg(
    { name: 'advancers', range: advancers, noun: 'advancers on the day' },
    { name: 'decliners', range: decliners, noun: 'decliners on the day' },
    "each day's decliners sit beside its advancers",
    issueCount,
  );
  if (days.a.length > MAX_SIGNAL_POINTS) throw limitExceeded('advancers', `has ${grouped(days.a.length)} days`, fix);
  return days;
}

/** A day's count of issues as a dot-grouped refusal names its readings: whole, 0 to the plan schema's most. */
const ISSUE_WORDS = countWords('issue', 'issues', { lo: 0, hi: MAX_ISSUES });

/**
 * A day's count of issues in cell `at`: text grouped by a dot ("2.000", "1.200") is refused with
 * its readings, as PLAN's quantity is (read as a decimal "2.000" was 2 issues, and "1.200" was
 * refused as a fraction without offering 1200); else a series number.
 */
function issueCount(cell: unknown, at: string): number {
  refuseDotGroupedCount(at, cell, ISSUE_WORDS);
  return seriesNumber(cell, at);
}

/**
 * Daily issue counts, each in the plan schema's range (0 to 100,000), named by its cell: the i-th
 * count sits at `places[i]` of the range as selected.
 */
function issueCounts(name: 'advancers' | 'decliners', counts: number[], places: readonly number[]): number[] {
  const r = SignalsSchema.shape[name].safeParse(counts);
  const issue = r.success ? undefined : r.error.issues[0];
  // a refusal of the whole series (too many days) names the argument, not its first cell
  if (issue !== undefined && typeof issue.path[0] !== 'number')
    throw invalidInput(name, `has ${grouped(counts.length)} days`, issue.message);
  if (issue !== undefined) {
    const at = issue.path[0] as number;
    throw invalidInput(cellName(name, places[at] ?? at), `is ${String(counts[at])}`, issue.message);
  }
  return counts;
}

/** Most bars of one MACD average: a longer one is a slip (1e308 asked for that many values). */
const MAX_MACD_BARS = 500;

/** An optional MACD length in whole bars, 1 to {@link MAX_MACD_BARS}; never percent text ("100%" read as 1). */
function macdLength(name: string, x: unknown): number | undefined {
  const n = optionalPlainNumber(name, x);
  if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= MAX_MACD_BARS))
    throw invalidInput(name, `is ${n}`, `pass a whole number of bars from 1 to ${MAX_MACD_BARS}`);
  return n;
}

/**
 * Fast below slow, where one of them is the default: the one given is named, with the default it
 * meets (`MACD(values, , 12)` said "fast: is 12", an argument not given). Both given, the package
 * names fast.
 */
function checkMacdOrder(fast: number | undefined, slow: number | undefined): void {
  const { fast: f, slow: s } = MACD_DEFAULTS;
  if (fast === undefined && slow !== undefined && slow <= f)
    throw invalidInput(
      'slow',
      `is ${slow}, not longer than fast's default ${f}`,
      `pass a slow above ${f}${slow > 1 ? `, or a fast below ${slow}` : ''}`,
    );
  if (slow === undefined && fast !== undefined && fast >= s)
    throw invalidInput(
      'fast',
      `is ${fast}, not shorter than slow's default ${s}`,
      `pass a fast below ${s}, or a slow above ${fast}`,
    );
}

/**
 * A spilled series with the rows before the settled length blank ('' in every column, as other
 * spills leave a cell blank): the rows keep their places (the last row beside the last input), but
 * a warm-up value, which settle TRUE refuses as the latest, is never shown as a settled one. The
 * rows are aligned to the end of the `count` inputs; a row is settled when its input is at least
 * the `settledLength`-th (0: every row shown, settle FALSE).
 */
function blankWarmUp(rows: readonly number[][], count: number, settledLength: number): unknown[][] {
  const firstSettled = settledLength - 1 - (count - rows.length);
  return rows.map((r, i) => (i < firstSettled ? r.map(() => '') : r));
}

function spillOrLast(values: readonly number[]): number[][] {
  const last = values[values.length - 1];
  if (last === undefined) throw insufficientData('closes', 'is too short for RSI', 'pass more closes');
  return [[last]];
}
