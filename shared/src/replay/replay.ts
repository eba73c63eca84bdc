/**
 * The historical replay: the ALVH policy applied day by day to real market history.
 *
 * Each usable day (SPX close, VIX close, at least two VX settlements): date the curve and build
 * the term structure (regime, spread), read the signals (RSI of SPX closes, MACD of VVIX, or of VVIX/VIX per policy.volOfVolSeries),
 * compute the split; settle what expired; check each open condor's rebalance triggers (days since
 * the last sizing, curve shift) and re-size its layers when one fires; open a standard condor on
 * the schedule and size its layers; mark everything to model. The result is a daily ledger,
 * summaries per year and per episode, a chart-ready series and one line per condor.
 *
 * Model (named inputs in {@link ReplayInputSchema}): fills at model mid plus a half-spread per
 * option and the policy's cost per contract; SPX options by Black-Scholes-Merton on the day's SPX
 * surface (method Section 2b: the day's VIX with VIX9D, VIX3M, VIX6M and SKEW where the history
 * has them, VIX alone before; moved by atmVolScale); VIX options by Black-76 on the VX settlement
 * of their expiry when it is listed that day, else on the fitted curve's value for that expiry, on
 * the VIX-option surface of the day's VVIX (the policy's defaultVolOfVol when VVIX is missing); a
 * constant rate and dividend yield; the SPX monthlies (AM-settled) settle at the SPX open of their
 * expiry day (the close when the row has no open), VIX options at the VIX open (proxy of the
 * special opening quotation; the close without one); a condor's remaining hedge legs are sold at
 * model mid when it settles.
 */
import { insufficientData, invalidInput, limitExceeded, noSolution } from '../errors';
import { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR } from '../market/index';
import { parseIsoDate } from '../dates';
import { parseReplayInput, MAX_REPLAY_ROWS, type ReplayInput, type ReplayParsedInput } from '../schemas/replay';
import { macd, rsi, volOfVolExpanding } from '../signals/index';
import { type Policy } from '../schemas/policy';
import type { MarketState } from '../book/index';
import type { MarketRow } from './marketHistory';
import { LAYERS, finishCampaign, layerValue, usd, type Campaign } from './replayBook';
import {
  curvePolicyOf,
  emptyBook,
  stepEntry,
  stepMark,
  stepMarket,
  stepRebalance,
  pastCalendarEnd,
  settleExpiredLegs,
  stepSettle,
  stepSplit,
  type DaySignals,
  type ReplayBook,
} from './replaySteps';
import { summarizePeriod, type ReplayClosing, type ReplayPeriodSummary } from './summary';

export type * from './types';
import type { ReplayLedgerRow, ReplayResult, ReplaySeries } from './types';

/**
 * Replay the ALVH policy over daily market rows (see the module comment and docs/replay.md).
 *
 * @throws AlvhError `limit_exceeded` above {@link MAX_REPLAY_ROWS} rows; `invalid_input` (an
 *   InputValidationError listing every issue, or the first ones in the rows: parseReplayInput) for a
 *   malformed input; `insufficient_data` when no
 *   row in the window has an SPX close, a VIX close and two VX prices; `no_solution` naming
 *   assumptions.capital when its capital cap fits no condor on any entry day
 * @example
 * const rows = mergeMarketHistory(parseMarketHistory(futuresCsv), parseMarketHistory(vvixCsv));
 * const r = replay({ rows, from: '2020-01-02', to: '2020-04-30' });
 * r.episodes.find((e) => e.name === 'Mar 2020')?.alvhPnl
 */
export function replay(input: ReplayInput): ReplayResult;
export function replay(input: unknown): ReplayResult;
export function replay(input: unknown): ReplayResult {
  const rowsRaw = (input as { rows?: unknown } | null)?.rows;
  if (Array.isArray(rowsRaw) && rowsRaw.length > MAX_REPLAY_ROWS) {
    throw limitExceeded(
      'rows',
      `has ${rowsRaw.length} rows, more than the limit of ${MAX_REPLAY_ROWS}`,
      `replay at most ${MAX_REPLAY_ROWS} days at a time (split the history by date)`,
    );
  }
  const parsed = parseReplayInput(input);
  return runReplay(parsed);
}

/**
 * Step 1 of the replay, over every row (earlier rows feed the warm-up): RSI of the SPX closes and
 * the vol-of-vol decision (MACD of the policy's series), by date. Causal: the value on a day only
 * uses closes up to that day.
 */
export function replaySignals(
  rows: readonly MarketRow[],
  policy: Policy,
): { rsiByDate: Map<string, number>; vovByDate: Map<string, boolean> } {
  const rsiByDate = new Map<string, number>();
  const spxRows = rows.filter((r) => r.spx !== undefined);
  if (spxRows.length > policy.rsiPeriod) {
    const out = rsi(
      spxRows.map((r) => r.spx as number),
      policy.rsiPeriod,
    );
    out.forEach((v, k) => rsiByDate.set((spxRows[k + policy.rsiPeriod] as MarketRow).date, v));
  }
  const vovByDate = new Map<string, boolean>();
  const ratioRows = rows.filter((r) => r.vvix !== undefined && r.vix !== undefined);
  // MACD(12, 26, 9) needs slow + signal − 1 = 34 values.
  if (ratioRows.length >= 34) {
    const { histogram } = macd(
      ratioRows.map((r) =>
        policy.volOfVolSeries === 'vvix' ? (r.vvix as number) : (r.vvix as number) / (r.vix as number),
      ),
    );
    const offset = ratioRows.length - histogram.length;
    histogram.forEach((h, k) => vovByDate.set((ratioRows[k + offset] as MarketRow).date, volOfVolExpanding(h)));
  }

  return { rsiByDate, vovByDate };
}

/**
 * The replay's composer: signals over every row, then for each day of the window its numbered
 * steps (replaySteps.ts), then the summaries.
 */
function runReplay(input: ReplayParsedInput): ReplayResult {
  const policy: Policy = input.policy;
  const a = input.assumptions;
  const rows = input.rows as MarketRow[];

  const { rsiByDate, vovByDate } = replaySignals(rows, policy);

  const to = input.to ?? (rows[rows.length - 1] as MarketRow).date;
  const curvePolicy = curvePolicyOf(policy);
  const from = input.from ?? firstUsableDate(rows, to, (row) => !('skip' in stepMarket(row, policy, a, curvePolicy)));
  checkWindow(rows, from, to);
  checkCalendarEnd(rows, from, to, (row) => {
    const market = stepMarket(row, policy, a, curvePolicy);
    if (!('skip' in market))
      stepEntry(market.day, emptyBook(), { rsi: undefined, volOfVolExpanding: undefined }, undefined);
  });

  const book = emptyBook();
  const ledger: ReplayLedgerRow[] = [];
  const skipped: { date: string; reason: string }[] = [];
  let skippedCount = 0;
  // the last skipped row after the last ledger row on which legs settled (none once a day follows)
  let settledAfter: string | undefined;

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as MarketRow;
    if (row.date < from || row.date > to) continue;
    try {
      const market = stepMarket(row, policy, a, curvePolicy);
      if ('skip' in market) {
        skippedCount++;
        if (skipped.length < 20) skipped.push({ date: row.date, reason: market.skip });
        // Legs expiring today settle on today's prints even when the VX curve is missing; the
        // condor's campaign closes (its hedge legs sold at mid) on the next replayed day.
        if (row.spx !== undefined && row.vix !== undefined) {
          if (settleExpiredLegs(book, row, parseIsoDate('date', row.date), row.spx, row.vix) > 0)
            settledAfter = row.date;
        }
        continue;
      }
      const d = market.day;
      const signals: DaySignals = { rsi: rsiByDate.get(row.date), volOfVolExpanding: vovByDate.get(row.date) };
      const settle = stepSettle(d, book);
      const split = stepSplit(d, book, signals);
      const rebalance = stepRebalance(d, book, signals);
      const entry = stepEntry(d, book, signals, split.result.prev5);
      const mark = stepMark(d, book, {
        signals,
        split: split.result.split,
        maxShift: rebalance.result.maxShift,
        sizings: entry.result ? [...rebalance.result.sizings, entry.result] : rebalance.result.sizings,
        events: [...settle.events, ...split.events, ...rebalance.events, ...entry.events],
      });
      ledger.push(mark.result);
      settledAfter = undefined;
    } catch (e) {
      throw calendarEnd(e, i, row.date);
    }
  }

  if (ledger.length === 0) {
    const why = skipped[0] ? ` (first skipped row ${skipped[0].date}: ${skipped[0].reason})` : '';
    throw insufficientData(
      'rows',
      `no row between ${from} and ${to} has an SPX close, a VIX close and two VX prices${why}`,
      'merge SPX, VIX and VX futures histories that cover the window (see parseMarketHistory and mergeMarketHistory)',
    );
  }
  checkCapitalFits(input, book, from, to);
  return summarizeReplay(input, book, ledger, { count: skippedCount, first: skipped }, settledAfter);
}

/**
 * Before the loop, whose days would otherwise run (seconds for 10,000 of them) up to the first
 * one past the calendar: when the window's last row needs expiries past the exchange calendar
 * (its VX curve dated, a condor opened on it with its hedges), find the first row of the window
 * that does, by bisection (the need only grows with the date), and refuse it by its row.
 */
function checkCalendarEnd(rows: readonly MarketRow[], from: string, to: string, day: (row: MarketRow) => void) {
  const pastEnd = (i: number): boolean => {
    const row = rows[i] as MarketRow;
    if (Number(row.date.slice(0, 4)) < CALENDAR_LAST_YEAR - 1) return false;
    try {
      day(row);
      return false;
    } catch (e) {
      return pastCalendarEnd(e, row.date); // any other error is the loop's to report, in its order
    }
  };
  let lo = rows.findIndex((r) => r.date >= from);
  let hi = rows.findLastIndex((r) => r.date <= to);
  if (lo < 0 || hi < lo || !pastEnd(hi)) return;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pastEnd(mid)) hi = mid;
    else lo = mid + 1;
  }
  throw calendarEndProblem(lo, (rows[lo] as MarketRow).date);
}

/**
 * A day whose condor, VX curve or hedges need expiries past the exchange calendar, named by its
 * row (the calendar's own error names an inner count or date the caller never passed); any other
 * error as it is.
 */
function calendarEnd(e: unknown, i: number, date: string): unknown {
  return pastCalendarEnd(e, date) ? calendarEndProblem(i, date) : e;
}

function calendarEndProblem(i: number, date: string) {
  return invalidInput(
    `rows[${i}].date`,
    `is ${date}: replaying it needs expiries past the end of the exchange calendar (${CALENDAR_FIRST_YEAR}-${CALENDAR_LAST_YEAR}, through ${CALENDAR_LAST_YEAR}-12-31): its condor, VX curve and hedges expire months later`,
    `end the window before it (to), or drop the rows from ${date} on`,
  );
}

/**
 * A capital whose cap refused every entry (no condor opened in the window) is refused, with the
 * smallest capital that fits one condor on the cheapest entry day: an all-zero replay says nothing.
 */
function checkCapitalFits(input: ReplayParsedInput, book: ReplayBook, from: string, to: string): void {
  const refused = book.capRefused;
  const capital = input.assumptions.capital;
  if (refused === undefined || capital === undefined || book.open.length > 0 || book.done.length > 0) return;
  const pct = input.policy.maxRiskPct;
  const least = Math.ceil(refused.maxLossPerCondor / pct);
  throw noSolution(
    'assumptions.capital',
    `is ${usd(capital)}: its capital cap (policy.maxRiskPct ${pct} of it, ${usd(pct * capital)}) fits no condor on any entry day from ${from} to ${to}; one condor risks at least ${usd(refused.maxLossPerCondor)} (on ${refused.date})`,
    `pass assumptions.capital of at least ${usd(least)}, or raise policy.maxRiskPct, or narrow the wings (assumptions.wingWidthPct)`,
  );
}

/**
 * The default `from`: the first row up to `to` the replay can replay (the rows before it only
 * warm up the signals, and are not counted as skipped); the first row when none can be.
 */
function firstUsableDate(rows: readonly MarketRow[], to: string, usable: (row: MarketRow) => boolean): string {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as MarketRow;
    if (row.date > to) break;
    try {
      if (usable(row)) return row.date;
    } catch (e) {
      throw calendarEnd(e, i, row.date);
    }
  }
  return (rows[0] as MarketRow).date;
}

/** `from` and `to` against the rows' dates: a window that misses them all is named plainly. */
function checkWindow(rows: readonly MarketRow[], from: string, to: string): void {
  const first = (rows[0] as MarketRow).date;
  const last = (rows[rows.length - 1] as MarketRow).date;
  if (from > last)
    throw invalidInput(
      'from',
      `is ${from}, after the last row (${last})`,
      `pass a from on or before ${last}, or send rows up to ${from}`,
    );
  if (to < first)
    throw invalidInput(
      'to',
      `is ${to}, before the first row (${first})`,
      `pass a to on or after ${first}, or send rows from ${to}`,
    );
}

/**
 * The replay's result from its ledger: campaigns still open at the end are valued at the last
 * replayed day's marks of the legs they still hold (a leg settled on a skipped row after that day
 * is cash, with no mark; the total and the periods holding that row then close on the campaigns'
 * sum: `settledAfter`); summaries per year, per episode and in total; the chart series; the notes.
 */
function summarizeReplay(
  input: ReplayParsedInput,
  book: ReplayBook,
  ledger: ReplayLedgerRow[],
  skipped: ReplayResult['skipped'],
  settledAfter: string | undefined,
): ReplayResult {
  const a = input.assumptions;
  const notes: string[] = [];
  const done = book.done;
  const last = ledger[ledger.length - 1] as ReplayLedgerRow;
  const state = book.lastState as MarketState;
  const expired = book.open.filter((c) => c.legs.condor.length === 0).map((c) => c.info.expiry);
  for (const c of book.open) {
    const [condor, overlay, tail] = LAYERS.map((layer) => layerValue(c.legs[layer], state)) as [number, number, number];
    finishCampaign(c, condor, overlay, tail);
    done.push(c);
  }
  done.sort((x, y) => (x.info.opened < y.info.opened ? -1 : 1));
  const closing = settledAfter === undefined ? undefined : closingLevel(done, settledAfter);
  if (settledAfter !== undefined)
    notes.push(
      `legs settled after the last replayed day (${last.date}), on skipped rows up to ${settledAfter}: their payoff is in the campaigns, the total and the periods that hold ${settledAfter}, not in the ledger or the series${expired.length > 0 ? `; condor ${expired.join(', ')} expired there, its hedge legs valued at the ${last.date} marks (no replayed day after to sell them)` : ''}`,
    );

  const years: ReplayPeriodSummary[] = [];
  const firstYear = Number(ledger[0]?.date.slice(0, 4));
  const lastYear = Number(last.date.slice(0, 4));
  for (let y = firstYear; y <= lastYear; y++) {
    const s = summarizePeriod(ledger, String(y), `${y}-01-01`, `${y}-12-31`, closing);
    if (s) years.push(s);
  }
  const episodes: ReplayPeriodSummary[] = [];
  for (const e of input.episodes) {
    const s = summarizePeriod(ledger, e.name, e.from, e.to, closing);
    if (s) episodes.push(s);
    else if (e.to >= (ledger[0] as ReplayLedgerRow).date && e.from <= last.date)
      notes.push(`episode ${e.name} (${e.from}..${e.to}): no replayed day in the data given`);
  }
  const total = summarizePeriod(
    ledger,
    'total',
    ledger[0]?.date as string,
    settledAfter ?? last.date,
    closing,
  ) as ReplayPeriodSummary;
  if (a.shortStrikeSd < input.policy.minShortStrikeSd)
    notes.push(
      `assumptions.shortStrikeSd ${a.shortStrikeSd} is inside policy.minShortStrikeSd ${input.policy.minShortStrikeSd} (method section 1): the condors' short strikes are at ${input.policy.minShortStrikeSd} SD, as the plan's passing strikes; lower policy.minShortStrikeSd to replay nearer strikes`,
    );
  if (skipped.count > 0)
    notes.push(
      `${skipped.count} row${skipped.count === 1 ? '' : 's'} in the window skipped (no SPX close, no VIX close or fewer than two VX prices); positions carried over them`,
    );

  const series: ReplaySeries = {
    date: ledger.map((r) => r.date),
    spx: ledger.map((r) => r.spx),
    vix: ledger.map((r) => r.vix),
    spread: ledger.map((r) => r.spread),
    regime: ledger.map((r) => r.regime),
    calendarShare: ledger.map((r) => r.calendarShare),
    condorPnl: ledger.map((r) => r.condorPnl),
    alvhPnl: ledger.map((r) => r.alvhPnl),
    overlayPnl: ledger.map((r) => r.overlayPnl),
    tailPnl: ledger.map((r) => r.tailPnl),
  };

  return {
    from: ledger[0]?.date as string,
    to: last.date,
    days: ledger.length,
    skipped,
    assumptions: a,
    total,
    years,
    episodes,
    campaigns: done.map((c) => c.info),
    series,
    ledger: a.includeLedger ? ledger : [],
    notes,
  };
}

/** The cumulative P&L per layer on `date`: the sum over every campaign, each finished. */
function closingLevel(campaigns: readonly Campaign[], date: string): ReplayClosing {
  const sum = (f: (c: Campaign) => number): number => campaigns.reduce((acc, c) => acc + f(c), 0);
  return {
    date,
    condorPnl: sum((c) => c.info.condorPnl),
    overlayPnl: sum((c) => c.info.overlayPnl),
    tailPnl: sum((c) => c.info.tailPnl),
    alvhPnl: sum((c) => c.info.alvhPnl),
  };
}
