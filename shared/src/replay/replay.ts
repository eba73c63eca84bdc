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
 * option and the policy's cost per contract; SPX options by Black-Scholes-Merton at VIX/100 ×
 * atmVolScale with the policy's skew; VIX options by Black-76 on the VX settlement of their expiry
 * when it is listed that day, else on the fitted curve's value for that expiry, at VVIX/100 (the
 * policy's defaultVolOfVol when VVIX is missing); a constant rate and dividend yield; SPX options
 * settle at the SPX close of their expiry day, VIX options at the VIX open (proxy of the special
 * opening quotation); a condor's remaining hedge legs are sold at model mid when it settles.
 */
import { insufficientData, isAlvhError, limitExceeded } from '../errors';
import { parseIsoDate } from '../dates';
import { parseInput } from '../schemas/parse';
import { ReplayInputSchema, MAX_REPLAY_ROWS, type ReplayInput, type ReplayParsedInput } from '../schemas/replay';
import {
  atmVolFromVix,
  volOfVolFromVvix,
  buildTermStructure,
  futureForExpiry,
  type TermStructure,
} from '../market/index';
import { macd, rsi, volOfVolExpanding } from '../signals/index';
import { OPTION_MULTIPLIER, markLegs, type Leg, type MarketState } from '../book/index';
import { capitalCap, checkRebalance, computeSplit, daysTriggerFires, hedgeBudget } from '../method/index';
import { type Policy } from '../schemas/policy';
import { datedCurve } from './datedCurve';
import type { MarketRow } from './marketHistory';
import { standardCondor } from './condor';
import { sizeLayers } from './sizing';
import { summarizePeriod, type ReplayPeriodSummary } from './summary';

export type * from './types';
import type {
  ReplayCampaign,
  ReplayLayer,
  ReplayLedgerRow,
  ReplayResult,
  ReplaySeries,
  ReplaySizingTrigger,
} from './types';

interface Campaign {
  info: ReplayCampaign;
  legs: Record<ReplayLayer, Leg[]>;
  cash: Record<ReplayLayer, number>;
  lastDay: number;
  lastTs: TermStructure;
  lastSpread: number;
  /** Max loss of the condor, USD. */
  maxLoss: number;
  /** Hedge budget B for the condor's life (section 7), USD. */
  budget: number;
  /** Net premium paid per hedge layer so far (buys − sales + costs), USD. */
  spent: { overlay: number; tail: number };
  /** Model value of each layer's open legs on the last marked day, USD. */
  mark: Record<ReplayLayer, number>;
}

const LAYERS: readonly ReplayLayer[] = ['condor', 'overlay', 'tail'];
const NO_ENTRY_YET = -1;

function legKey(l: Leg): string {
  return `${l.kind}|${l.type}|${l.strike}|${l.expiry}`;
}

/**
 * Replay the ALVH policy over daily market rows (see the module comment and docs/replay.md).
 *
 * @throws AlvhError `limit_exceeded` above {@link MAX_REPLAY_ROWS} rows; `invalid_input` (an
 *   InputValidationError listing every issue) for a malformed input; `insufficient_data` when no
 *   row in the window has an SPX close, a VIX close and two VX prices
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
  const parsed = parseInput(ReplayInputSchema, input);
  return runReplay(parsed);
}

/**
 * Step 1 of the replay, over every row (earlier rows feed the warm-up): RSI of the SPX closes and
 * the vol-of-vol decision (MACD of the policy's series), by date. Causal: the value on a day only
 * uses closes up to that day.
 */
function replaySignals(
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

function runReplay(input: ReplayParsedInput): ReplayResult {
  const policy: Policy = input.policy;
  const a = input.assumptions;
  const rows = input.rows as MarketRow[];
  const notes: string[] = [];

  const { rsiByDate, vovByDate } = replaySignals(rows, policy);

  const from = input.from ?? (rows[0] as MarketRow).date;
  const to = input.to ?? (rows[rows.length - 1] as MarketRow).date;
  const curvePolicy = {
    steepSpread: policy.steepSpread,
    flatBand: policy.flatBand,
    ...(policy.kappa !== undefined ? { kappa: policy.kappa } : {}),
    ...(policy.theta !== undefined ? { theta: policy.theta } : {}),
  };

  const open: Campaign[] = [];
  const done: Campaign[] = [];
  const closed: Record<ReplayLayer, number> = { condor: 0, overlay: 0, tail: 0 };
  const ledger: ReplayLedgerRow[] = [];
  const skipped: { date: string; reason: string }[] = [];
  let skippedCount = 0;
  let lastEntryDay = NO_ENTRY_YET;
  const spreadHistory: number[] = [];

  for (const row of rows) {
    if (row.date < from || row.date > to) continue;
    const day = parseIsoDate('date', row.date);
    const skip = (reason: string): void => {
      skippedCount++;
      if (skipped.length < 20) skipped.push({ date: row.date, reason });
    };
    const spx = row.spx;
    if (spx === undefined) {
      skip('no SPX close');
      continue;
    }
    let ts: TermStructure;
    try {
      ts = buildTermStructure(datedCurve(row), curvePolicy);
    } catch (e) {
      if (!isAlvhError(e)) throw e;
      skip(e.message);
      continue;
    }
    const vix = ts.vixSpot;
    const volOfVol = row.vvix !== undefined ? volOfVolFromVvix(row.vvix) : policy.defaultVolOfVol;
    const futureFor = (expiry: string): number => {
      const p = ts.points.find((q) => q.expiry === expiry);
      return p ? p.price : futureForExpiry(ts, expiry);
    };
    const state: MarketState = {
      date: row.date,
      spot: spx,
      vix: vix * a.atmVolScale,
      rate: a.rate,
      divYield: a.divYield,
      volOfVol,
      futureFor,
      skew: policy.skew,
    };
    const events: string[] = [];
    const sizingsToday: { condor: string; triggers: ReplaySizingTrigger[] }[] = [];
    let costsToday = 0;
    let hedgeCostToday = 0;

    /** Trade `qty` of `leg` at model mid ± half-spread: books the cash, the costs and the hedge spend. */
    const trade = (c: Campaign, layer: ReplayLayer, leg: Leg, qty: number, opening: boolean): void => {
      if (qty === 0) return;
      const mid = (markLegs([leg], state)[0] as { price: number }).price;
      const half = leg.kind === 'spx' ? a.spxHalfSpread : a.vixHalfSpread;
      const fill = Math.max(0, mid + Math.sign(qty) * half);
      const cost =
        Math.abs(qty) * policy.transactionCostPerContract + Math.abs(fill - mid) * Math.abs(qty) * OPTION_MULTIPLIER;
      const flow = qty * fill * OPTION_MULTIPLIER + Math.abs(qty) * policy.transactionCostPerContract;
      c.cash[layer] -= flow;
      costsToday += cost;
      if (layer !== 'condor') {
        c.spent[layer] += flow;
        const paid =
          (opening && qty > 0 ? qty * fill * OPTION_MULTIPLIER : 0) + Math.abs(qty) * policy.transactionCostPerContract;
        hedgeCostToday += paid;
        c.info.hedgeCost += paid;
      }
    };

    /** Move a layer from its current legs to `target`, trading only the differences. */
    const retarget = (c: Campaign, layer: ReplayLayer, target: readonly Leg[]): void => {
      const now = new Map(c.legs[layer].map((l) => [legKey(l), l]));
      const want = new Map(target.map((l) => [legKey(l), l]));
      for (const [k, l] of now) {
        const w = want.get(k);
        const diff = (w?.quantity ?? 0) - l.quantity;
        trade(c, layer, l, diff, Math.abs(w?.quantity ?? 0) > Math.abs(l.quantity));
      }
      for (const [k, l] of want) if (!now.has(k)) trade(c, layer, l, l.quantity, true);
      c.legs[layer] = target.filter((l) => l.quantity !== 0).map((l) => ({ ...l }));
    };

    // 1. Settle legs that expired (on or before today).
    for (const c of open) {
      for (const layer of LAYERS) {
        const keep: Leg[] = [];
        for (const l of c.legs[layer]) {
          if (parseIsoDate('expiry', l.expiry) > day) {
            keep.push(l);
            continue;
          }
          const u = l.kind === 'spx' ? spx : l.expiry === row.date && row.vixOpen !== undefined ? row.vixOpen : vix;
          const payoff = l.type === 'call' ? Math.max(0, u - l.strike) : Math.max(0, l.strike - u);
          c.cash[layer] += payoff * l.quantity * OPTION_MULTIPLIER;
        }
        c.legs[layer] = keep;
      }
    }
    for (let k = open.length - 1; k >= 0; k--) {
      const c = open[k] as Campaign;
      if (c.legs.condor.length > 0) continue;
      retarget(c, 'overlay', []);
      retarget(c, 'tail', []);
      c.info.settled = true;
      for (const layer of LAYERS) closed[layer] += c.cash[layer];
      finishCampaign(c, 0, 0, 0);
      events.push(`settle condor ${c.info.expiry}: condor ${usd(c.info.condorPnl)}, ALVH ${usd(c.info.alvhPnl)}`);
      open.splice(k, 1);
      done.push(c);
    }

    // 2. Signals and split of the day.
    const rsiToday = rsiByDate.get(row.date);
    const vovToday = vovByDate.get(row.date);
    const prev5 = spreadHistory.length >= 5 ? spreadHistory[spreadHistory.length - 5] : undefined;
    const splitFor = (prevSpread: number | undefined) =>
      computeSplit(
        {
          spread: ts.spread,
          regime: ts.regime,
          ...(rsiToday !== undefined ? { rsi: rsiToday } : {}),
          ...(prevSpread !== undefined ? { prevSpread } : {}),
          ...(vovToday !== undefined ? { volOfVolExpanding: vovToday } : {}),
        },
        policy,
      );
    const split = splitFor(prev5);
    spreadHistory.push(ts.spread);

    const resize = (c: Campaign, triggers: ReplaySizingTrigger[], prevSpread: number | undefined): void => {
      const sp = splitFor(prevSpread);
      const held = (layer: 'overlay' | 'tail'): number =>
        markLegs(c.legs[layer], state).reduce((v, m) => v + m.price * m.leg.quantity * OPTION_MULTIPLIER, 0);
      const s = sizeLayers({
        ts,
        state,
        condor: c.legs.condor,
        condorExpiry: c.info.expiry,
        maxLoss: c.maxLoss,
        split: sp,
        policy,
        available: {
          overlay: c.budget * sp.calendarShare - c.spent.overlay + held('overlay'),
          tail: c.budget * sp.tailShare - c.spent.tail + held('tail'),
        },
      });
      retarget(c, 'overlay', s.overlay);
      retarget(c, 'tail', s.tail);
      c.lastDay = day;
      c.lastTs = ts;
      c.lastSpread = ts.spread;
      const tail = s.tail[0];
      const overlayUnits = Math.max(0, ...s.overlay.map((l) => Math.abs(l.quantity)));
      c.info.sizings.push({
        date: row.date,
        triggers,
        overlayUnits,
        tailContracts: tail?.quantity ?? 0,
        tailStrike: tail?.strike ?? null,
        scenarioLoss: s.scenarioLoss,
        overlayRequired: s.overlayRequired,
        tailRequired: s.tailRequired,
      });
      sizingsToday.push({ condor: c.info.expiry, triggers });
      events.push(
        `${triggers.join('+')} sizing of condor ${c.info.expiry}: overlay ${overlayUnits} unit${overlayUnits === 1 ? '' : 's'}, tail ${tail ? `${tail.quantity} VIX C${tail.strike} ${tail.expiry}` : 'none'}${s.notes.length ? ` (${s.notes.join('; ')})` : ''}`,
      );
    };

    // 3. Rebalance triggers of each open condor.
    let maxShift: number | null = null;
    for (const c of open) {
      let triggers: ReplaySizingTrigger[] = [];
      try {
        const status = checkRebalance(ts, c.lastTs, policy);
        maxShift = Math.max(maxShift ?? 0, status.shift);
        triggers = status.triggers;
      } catch (e) {
        // A curve too short to compare (no 30-day tenor): only the days trigger can fire.
        if (!isAlvhError(e)) throw e;
        if (daysTriggerFires(day - c.lastDay, policy)) triggers = ['days'];
      }
      if (triggers.length > 0) resize(c, triggers, c.lastSpread);
    }

    // 4. Entry on the schedule.
    const due =
      a.entryEveryDays === 0
        ? open.length === 0
        : open.length < a.maxOpenCondors && (lastEntryDay === NO_ENTRY_YET || day - lastEntryDay >= a.entryEveryDays);
    if (due) {
      let quantity = a.condorQuantity;
      const probe = standardCondor(row.date, spx, atmVolFromVix(state.vix), { ...a, condorQuantity: 1 });
      const width =
        Math.max(probe.strikes[1] - probe.strikes[0], probe.strikes[3] - probe.strikes[2]) * OPTION_MULTIPLIER;
      if (a.capital !== undefined) {
        const cap = capitalCap(
          { maxLossPerCondor: width, hedgeDebitPerCondor: 0, capital: a.capital, quantity },
          policy,
        );
        if (cap.exceeds) {
          events.push(
            `capital cap: ${quantity} condors risk ${usd(quantity * width)}, over ${usd(cap.limit)}; opening ${cap.maxQuantity}`,
          );
          quantity = cap.maxQuantity;
        }
      }
      const sc = standardCondor(row.date, spx, atmVolFromVix(state.vix), { ...a, condorQuantity: quantity });
      if (quantity > 0 && !open.some((c) => c.info.expiry === sc.expiry)) {
        const c: Campaign = {
          info: {
            opened: row.date,
            expiry: sc.expiry,
            strikes: sc.strikes,
            quantity,
            credit: 0,
            budget: 0,
            budgetBinding: 'cost-cap',
            settled: false,
            condorPnl: 0,
            overlayPnl: 0,
            tailPnl: 0,
            alvhPnl: 0,
            hedgeCost: 0,
            sizings: [],
          },
          legs: { condor: [], overlay: [], tail: [] },
          cash: { condor: 0, overlay: 0, tail: 0 },
          lastDay: day,
          lastTs: ts,
          lastSpread: ts.spread,
          maxLoss: 1,
          budget: 0,
          spent: { overlay: 0, tail: 0 },
          mark: { condor: 0, overlay: 0, tail: 0 },
        };
        retarget(c, 'condor', sc.legs);
        c.info.credit = c.cash.condor;
        c.maxLoss = Math.max(1, width * quantity - c.info.credit);
        const b = hedgeBudget(
          {
            maxLoss: c.maxLoss,
            credit: Math.max(0, c.info.credit),
            days: sc.days,
            ...(a.hedgeBudget > 0 ? { userBudget: a.hedgeBudget } : {}),
          },
          policy,
        );
        c.budget = b.budget;
        c.info.budget = b.budget;
        c.info.budgetBinding = b.binding;
        events.push(`open condor ${sc.expiry} ${sc.strikes.join('/')} ×${quantity}: credit ${usd(c.info.credit)}`);
        open.push(c);
        lastEntryDay = day;
        resize(c, ['entry'], prev5);
      }
    }

    // 5. Mark to model.
    const value: Record<ReplayLayer, number> = { condor: 0, overlay: 0, tail: 0 };
    const cash: Record<ReplayLayer, number> = { ...closed };
    for (const c of open) {
      for (const layer of LAYERS) {
        cash[layer] += c.cash[layer];
        let v = 0;
        for (const m of markLegs(c.legs[layer], state)) v += m.price * m.leg.quantity * OPTION_MULTIPLIER;
        c.mark[layer] = v;
        value[layer] += v;
      }
    }
    const pnl = (layer: ReplayLayer): number => cash[layer] + value[layer];
    ledger.push({
      date: row.date,
      spx,
      vix,
      vvix: row.vvix ?? null,
      f1: ts.f1.price,
      f2: ts.f2.price,
      spread: ts.spread,
      regime: ts.regime,
      rsi: rsiToday ?? null,
      volOfVolExpanding: vovToday ?? null,
      calendarShare: split.calendarShare,
      tailShare: split.tailShare,
      openCondors: open.length,
      condorValue: value.condor,
      overlayValue: value.overlay,
      tailValue: value.tail,
      condorPnl: pnl('condor'),
      overlayPnl: pnl('overlay'),
      tailPnl: pnl('tail'),
      alvhPnl: pnl('condor') + pnl('overlay') + pnl('tail'),
      curveShift: maxShift,
      sizings: sizingsToday,
      hedgeCost: hedgeCostToday,
      costs: costsToday,
      events,
    });
  }

  if (ledger.length === 0) {
    const why = skipped[0] ? ` (first skipped row ${skipped[0].date}: ${skipped[0].reason})` : '';
    throw insufficientData(
      'rows',
      `no row between ${from} and ${to} has an SPX close, a VIX close and two VX prices${why}`,
      'merge SPX, VIX and VX futures histories that cover the window (see parseMarketHistory and mergeMarketHistory)',
    );
  }

  // Campaigns still open at the end: P&L includes their marks on the last day.
  const last = ledger[ledger.length - 1] as ReplayLedgerRow;
  for (const c of open) {
    finishCampaign(c, c.mark.condor, c.mark.overlay, c.mark.tail);
    done.push(c);
  }
  done.sort((x, y) => (x.info.opened < y.info.opened ? -1 : 1));

  const years: ReplayPeriodSummary[] = [];
  const firstYear = Number(ledger[0]?.date.slice(0, 4));
  const lastYear = Number(last.date.slice(0, 4));
  for (let y = firstYear; y <= lastYear; y++) {
    const s = summarizePeriod(ledger, String(y), `${y}-01-01`, `${y}-12-31`);
    if (s) years.push(s);
  }
  const episodes: ReplayPeriodSummary[] = [];
  for (const e of input.episodes) {
    const s = summarizePeriod(ledger, e.name, e.from, e.to);
    if (s) episodes.push(s);
    else if (e.to >= (ledger[0] as ReplayLedgerRow).date && e.from <= last.date)
      notes.push(`episode ${e.name} (${e.from}..${e.to}): no replayed day in the data given`);
  }
  const total = summarizePeriod(ledger, 'total', ledger[0]?.date as string, last.date) as ReplayPeriodSummary;
  if (skippedCount > 0)
    notes.push(
      `${skippedCount} row${skippedCount === 1 ? '' : 's'} in the window skipped (no SPX close, no VIX close or fewer than two VX prices); positions carried over them`,
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
    skipped: { count: skippedCount, first: skipped },
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

function finishCampaign(c: Campaign, condorMark: number, overlayMark: number, tailMark: number): void {
  c.info.condorPnl = c.cash.condor + condorMark;
  c.info.overlayPnl = c.cash.overlay + overlayMark;
  c.info.tailPnl = c.cash.tail + tailMark;
  c.info.alvhPnl = c.info.condorPnl + c.info.overlayPnl + c.info.tailPnl;
}

function usd(x: number): string {
  return `${x < 0 ? '−' : ''}$${Math.round(Math.abs(x)).toLocaleString('en-US')}`;
}
