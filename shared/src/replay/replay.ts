/**
 * The historical replay: the ALVH policy applied day by day to real market history.
 *
 * Each usable day (SPX close, VIX close, VX1 and VX2 settlements): date the curve and build
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
import { grouped, insufficientData, limitExceeded, noSolution } from '../errors';
import { parseIsoDate } from '../dates';
import {
  checkReplayWork,
  DEFAULT_EPISODES,
  parseReplayInput,
  MAX_REPLAY_ROWS,
  replayLegCount,
  type ReplayInput,
  type ReplayParsedInput,
} from '../schemas/replay';
import { macd, rsi, volOfVolExpanding } from '../signals/index';
import { MAX_RISK_PCT, type Policy } from '../schemas/policy';
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
  settleExpiredLegs,
  stepSettle,
  stepClose,
  stepSplit,
  type DaySignals,
  type ReplayBook,
  type ReplaySkipKind,
} from './replaySteps';
import {
  absentMarketDays,
  calendarEnd,
  checkCalendarEnd,
  checkEpisodes,
  onExchangeHoliday,
  replayedRowCount,
  replayWindow,
  windowNotes,
} from './replayWindow';
import { summarizePeriod, type ReplayClosing, type ReplayPeriodSummary } from './summary';
import { rowNotes } from './rowNotes';
import { centsUsd } from '../usdText';

export type * from './types';
import type { ReplayLedgerRow, ReplayResult, ReplaySeries } from './types';

/**
 * Replay the ALVH policy over daily market rows (see the module comment and docs/replay.md).
 *
 * @throws AlvhError `limit_exceeded` above {@link MAX_REPLAY_ROWS} rows; `invalid_input` (an
 *   InputValidationError listing every issue, or the first ones in the rows: parseReplayInput) for a
 *   malformed input, and naming `from` or `to` for a window that misses the rows or holds no market
 *   day between two of them (replayWindow); `insufficient_data` when no
 *   row in the window has an SPX close, a VIX close and VX1 and VX2 prices; `no_solution` naming
 *   assumptions.capital when its capital cap fits no condor on any entry day
 * @example
 * const rows = mergeMarketHistory(parseMarketHistory(futuresCsv), parseMarketHistory(vvixCsv));
 * const r = replay({ rows, from: '2020-01-02', to: '2020-04-30' });
 * r.episodes.find((e) => e.name === 'Mar 2020')?.alvhPnl
 */
export function replay(input: ReplayInput): ReplayResult;
export function replay(input: unknown): ReplayResult;
export function replay(input: unknown): ReplayResult {
  return runReplay(checkedReplayInput(input));
}

/**
 * {@link replay} within the API's work limit: the input checked as `replay` checks it, then its
 * rows replayed × legs held ({@link checkReplayWork}: `limit_exceeded` naming `rows`) before the
 * run. What the hosts' compute worker runs for POST /api/replay, the body as it came.
 */
export function replayWithinWorkLimit(input: unknown): ReplayResult {
  const parsed = checkedReplayInput(input);
  checkReplayWork(replayedRowCount(parsed), replayLegCount(parsed.assumptions));
  return runReplay(parsed);
}

/** The row limit (a 422 naming `rows`, before any row is read), then the schema row by row. */
function checkedReplayInput(input: unknown): ReplayParsedInput {
  const rowsRaw = (input as { rows?: unknown } | null)?.rows;
  if (Array.isArray(rowsRaw) && rowsRaw.length > MAX_REPLAY_ROWS) {
    throw limitExceeded(
      'rows',
      `has ${grouped(rowsRaw.length)} rows, more than the limit of ${grouped(MAX_REPLAY_ROWS)}`,
      `replay at most ${grouped(MAX_REPLAY_ROWS)} days at a time (split the history by date)`,
    );
  }
  return parseReplayInput(input);
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

  const { from, to } = replayWindow(input);
  checkEpisodes(input.episodes, from, to);
  const curvePolicy = curvePolicyOf(policy);
  checkCalendarEnd(rows, from, to, (row) => {
    const market = stepMarket(row, policy, a, curvePolicy);
    if (!('skip' in market))
      stepEntry(market.day, emptyBook(), { rsi: undefined, volOfVolExpanding: undefined }, undefined);
  });

  const book = emptyBook();
  const ledger: ReplayLedgerRow[] = [];
  const skipped: { date: string; reason: string }[] = [];
  const skipKinds = new Map<ReplaySkipKind, number>();
  let skippedCount = 0;
  // the last skipped row after the last ledger row on which legs settled (none once a day follows)
  let settledAfter: string | undefined;
  const absent = absentMarketDays();

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as MarketRow;
    if (row.date < from || row.date > to) continue;
    // an exchange holiday is no market day: its row (VIX only, as Cboe's VIX file has on some
    // holidays; the rows' checks refuse one with an SPX print) is no gap in the data
    if (onExchangeHoliday(row.date)) continue;
    absent.see(row.date);
    try {
      const market = stepMarket(row, policy, a, curvePolicy);
      if ('skip' in market) {
        skippedCount++;
        skipKinds.set(market.kind, (skipKinds.get(market.kind) ?? 0) + 1);
        if (skipped.length < 20) skipped.push({ date: row.date, reason: market.skip });
        // Legs expiring today settle on today's prints even when the VX curve is missing; the
        // condor's campaign closes (its hedge legs sold or carried over) on the next replayed day.
        if (row.spx !== undefined && row.vix !== undefined) {
          if (settleExpiredLegs(book, row, parseIsoDate('date', row.date), row.spx, row.vix) > 0)
            settledAfter = row.date;
        }
        continue;
      }
      const d = market.day;
      const signals: DaySignals = { rsi: rsiByDate.get(row.date), volOfVolExpanding: vovByDate.get(row.date) };
      stepSettle(d, book);
      const split = stepSplit(d, book, signals);
      const rebalance = stepRebalance(d, book, signals);
      const entry = stepEntry(d, book, signals, split.result.prev5);
      const close = stepClose(d, book);
      const mark = stepMark(d, book, {
        signals,
        split: split.result.split,
        maxShift: rebalance.result.maxShift,
        sizings: entry.result ? [...rebalance.result.sizings, entry.result] : rebalance.result.sizings,
        events: [...close.events, ...split.events, ...rebalance.events, ...entry.events],
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
      `no row between ${from} and ${to} has an SPX close, a VIX close and VX1 and VX2 prices${why}`,
      'send rows with spx, vix and vx (the VX futures, VX1 and VX2 at least) on the market days of the window, oldest first',
    );
  }
  checkCapitalFits(input, book, from, to);
  const result = summarizeReplay(input, book, ledger, { count: skippedCount, first: skipped }, settledAfter, skipKinds);
  const gap = absent.note();
  if (gap !== undefined) result.notes.push(gap);
  return result;
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
  // whole dollars, unless the cap and the risk round to the same one: then cents tell them apart
  const money = usd(pct * capital) === usd(refused.maxLossPerCondor) ? centsUsd : usd;
  throw noSolution(
    'assumptions.capital',
    `is ${usd(capital)}: its capital cap (policy.maxRiskPct ${pct} of it, ${money(pct * capital)}) fits no condor on any entry day from ${from} to ${to}; one condor risks at least ${money(refused.maxLossPerCondor)} (on ${refused.date})`,
    `pass assumptions.capital of at least ${usd(least)}, ${pct < MAX_RISK_PCT ? `or raise policy.maxRiskPct (at most ${MAX_RISK_PCT}), ` : ''}or narrow the wings (assumptions.wingWidthPct)`,
  );
}

/**
 * The replay's result from its ledger: campaigns still open at the end are valued at the last
 * replayed day's marks of the legs they still hold (a leg settled on a skipped row after that day
 * is cash, with no mark; the total and the periods holding that row then close on the campaigns'
 * sum: `settledAfter`); summaries per year, per episode and in total; the chart series; the notes
 * (first those of a window reaching past the rows).
 */
function summarizeReplay(
  input: ReplayParsedInput,
  book: ReplayBook,
  ledger: ReplayLedgerRow[],
  skipped: ReplayResult['skipped'],
  settledAfter: string | undefined,
  skipKinds: ReadonlyMap<ReplaySkipKind, number>,
): ReplayResult {
  const a = input.assumptions;
  const done = book.done;
  const last = ledger[ledger.length - 1] as ReplayLedgerRow;
  const state = book.lastState as MarketState;
  const expired = book.open.filter((c) => c.legs.condor.length === 0).map((c) => c.info.expiry);
  const held = book.open.filter((c) => c.legs.condor.length > 0).map((c) => c.info.expiry);
  const notes = windowNotes(input, { from: (ledger[0] as ReplayLedgerRow).date, to: last.date }, held);
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
  // to the year of the last settlement, so that the years add up to the total
  const lastYear = Number((settledAfter ?? last.date).slice(0, 4));
  for (let y = firstYear; y <= lastYear; y++) {
    const s = summarizePeriod(ledger, String(y), `${y}-01-01`, `${y}-12-31`, closing);
    if (s) years.push(s);
  }
  const episodes: ReplayPeriodSummary[] = [];
  // every episode asked for is summarized or noted; a default one only when the replay reaches it
  for (const e of input.episodes ?? DEFAULT_EPISODES) {
    const s = summarizePeriod(ledger, e.name, e.from, e.to, closing);
    if (s) episodes.push(s);
    else if (input.episodes !== undefined || (e.to >= (ledger[0] as ReplayLedgerRow).date && e.from <= last.date))
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
      `${skipped.count} row${skipped.count === 1 ? '' : 's'} in the window skipped (${[...skipKinds].map(([kind, n]) => `${n} ${kind}`).join(', ')}); positions carried over them`,
    );
  // closes the surface does not take, or far from the day before's (rowNotes.ts)
  notes.push(
    ...rowNotes(input.rows as MarketRow[], ledger[0]?.date as string, last.date, new Set(ledger.map((r) => r.date))),
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
    measure: 'historical',
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
