/**
 * The replay's daily steps, in the order `runReplay` calls them (docs/replay.md):
 * 0. {@link stepMarket}: date the curve, build the term structure and the day's market state;
 * 1. {@link stepSettle}: settle the legs that expired and set aside the condors that are done;
 * 2. {@link stepSplit}: the day's signals and split;
 * 3. {@link stepRebalance}: each open condor's rebalance triggers, and its re-sizing when one fires;
 * 4. {@link stepEntry}: a new condor on the schedule, under the capital cap, with its budget and layers;
 *    {@link stepClose}: close the condors set aside in step 1 (hedge legs bought today carried over);
 * 5. {@link stepMark}: mark everything to model and write the ledger row.
 * Each returns its result and the day's event lines it adds, in order. Trades are booked on the
 * campaigns and on the day's running costs ({@link ReplayDay}), in the same order as they happen.
 */
import { daysBetween, parseIsoDate } from '../dates';
import { isAlvhError } from '../errors';
import { clampVvix } from '../validate';
import { OPTION_MULTIPLIER, markBook, spxAtmVol, surfacesFromVix, type Leg, type MarketState } from '../book/index';
import {
  CALENDAR_LAST_YEAR,
  buildTermStructure,
  futureForExpiry,
  volOfVolFromVvix,
  type CurvePolicy,
  type TermStructure,
} from '../market/index';
import {
  capitalCap,
  checkRebalance,
  computeSplit,
  daysTriggerFires,
  hedgeBudget,
  type SplitResult,
} from '../method/index';
import type { Policy } from '../schemas/policy';
import type { ReplayAssumptions } from '../schemas/replay';
import { condorExpiry, standardCondor } from './condor';
import { datedCurve } from './datedCurve';
import type { MarketRow } from './marketHistory';
import {
  LAYERS,
  finishCampaign,
  layerValue,
  newCampaign,
  retarget,
  tradeCash,
  usd,
  type Campaign,
  type ReplayDay,
} from './replayBook';
import { settlementValue } from './settlement';
import { sizeLayers } from './sizing';
import type { ReplayLayer, ReplayLedgerRow, ReplaySizingTrigger } from './types';

/**
 * Whether a day's error is the exchange calendar running out after it: a day within a year of the
 * calendar's last (its condor, VX curve and hedges expire months later). The calendar's error before
 * its first year is a gap in the data like any other (such rows are skipped).
 */
export function pastCalendarEnd(e: unknown, date: string): boolean {
  return (
    isAlvhError(e) && e.problem.includes('exchange calendar') && Number(date.slice(0, 4)) >= CALENDAR_LAST_YEAR - 1
  );
}

/** What a daily step returns: its result and the event lines it adds to the day's ledger row. */
export interface ReplayStep<T> {
  result: T;
  events: string[];
}

/** The replay's state across days: open and finished campaigns, settled cash, the entry schedule. */
export interface ReplayBook {
  open: Campaign[];
  done: Campaign[];
  /** Cash of the campaigns already settled, per layer, USD. */
  closed: Record<ReplayLayer, number>;
  /** Day of the last entry, {@link NO_ENTRY_YET} before the first. */
  lastEntryDay: number;
  /** F1 − F2 of every replayed day so far (the split's previous-spread rule). */
  spreadHistory: number[];
  /** The market of the last replayed day (the open legs' marks at the end of the replay). */
  lastState?: MarketState;
  /** The smallest max loss of one condor among the entries the capital cap refused whole with none open, and its day. */
  capRefused?: { maxLossPerCondor: number; date: string };
}

export const NO_ENTRY_YET = -1;

/** The book before the first replayed day: nothing open, nothing settled, no entry yet. */
export function emptyBook(): ReplayBook {
  return {
    open: [],
    done: [],
    closed: { condor: 0, overlay: 0, tail: 0 },
    lastEntryDay: NO_ENTRY_YET,
    spreadHistory: [],
  };
}

/** The legs with their quantities turned (a sale of what is held). */
function negated(legs: readonly Leg[]): Leg[] {
  return legs.map((l) => ({ ...l, quantity: -l.quantity }));
}

/** The day's signals (step 2 reads them by date; undefined before their warm-up). */
export interface DaySignals {
  rsi: number | undefined;
  volOfVolExpanding: boolean | undefined;
}

/** The term-structure part of the policy, as `buildTermStructure` reads it. */
export function curvePolicyOf(policy: Policy): Partial<CurvePolicy> {
  return {
    steepSpread: policy.steepSpread,
    flatBand: policy.flatBand,
    ...(policy.kappa !== undefined ? { kappa: policy.kappa } : {}),
    ...(policy.theta !== undefined ? { theta: policy.theta } : {}),
  };
}

/**
 * Why a row is skipped, as the replay counts it: no SPX close, no VIX close, fewer than two VX
 * prices, VX1 or VX2 missing (F1 and F2 are the first two monthly contracts after the date: with
 * either missing, a later contract would stand in for it), a date the exchange calendar does not
 * cover, or a curve that cannot be built (the message says why).
 */
export type ReplaySkipKind =
  | 'no SPX close'
  | 'no VIX close'
  | 'fewer than two VX prices'
  | 'no VX1 or VX2 price'
  | 'outside the exchange calendar'
  | 'VX curve not built';

/**
 * Step 0: the day's term structure and market state; a reason when the row cannot be replayed
 * ({@link ReplaySkipKind}). Every option is marked on the day's surfaces (method Section 2b, book/marks.ts): the SPX surface
 * of the day's VIX with its VIX9D, VIX3M, VIX6M and SKEW where the history has them (VIX alone, a
 * flat term structure, before they exist), moved to VIX × atmVolScale; VIX options on the VVIX
 * surface (policy.defaultVolOfVol without VVIX).
 */
export function stepMarket(
  row: MarketRow,
  policy: Policy,
  a: ReplayAssumptions,
  curvePolicy: Partial<CurvePolicy>,
): { day: ReplayDay } | { skip: string; kind: ReplaySkipKind } {
  const day = parseIsoDate('date', row.date);
  const spx = row.spx;
  if (spx === undefined) return { skip: 'no SPX close', kind: 'no SPX close' };
  let ts: TermStructure;
  try {
    const curve = datedCurve(row);
    const front = [0, 1].find((i) => row.vx[i] === null || row.vx[i] === undefined);
    if (front !== undefined)
      return {
        skip: `${row.date}.vx[${front}]: VX${front + 1} has no price; F1 and F2 are the first two monthly VX futures after the date, so the day has no F1 − F2 spread`,
        kind: 'no VX1 or VX2 price',
      };
    ts = buildTermStructure(curve, curvePolicy);
  } catch (e) {
    // a curve past the exchange calendar is no gap in the data: the replay names the row (replay.ts)
    if (!isAlvhError(e) || pastCalendarEnd(e, row.date)) throw e;
    return { skip: e.message, kind: skipKind(row, e.problem) };
  }
  // a VVIX close outside the surface's range (15.71 on 2006-03-15) marks at the range's end
  const vvix = row.vvix === undefined ? undefined : clampVvix(row.vvix);
  const volOfVol = vvix !== undefined ? volOfVolFromVvix(vvix) : policy.defaultVolOfVol;
  // A history row can lack the far contracts (a source's gaps): the replay prices an expiry past the
  // row's last future from the day's fitted curve, as it always has, rather than drop the day.
  const futureFor = (expiry: string): number => {
    const p = ts.points.find((q) => q.expiry === expiry);
    return p ? p.price : futureForExpiry(ts, expiry, { extrapolate: true });
  };
  const surfaces = surfacesFromVix(
    { date: row.date, spot: spx, vix: ts.vixSpot, rate: a.rate, divYield: a.divYield, volOfVol },
    { vix9d: row.vix9d, vix3m: row.vix3m, vix6m: row.vix6m, skew: row.skew },
  );
  const state: MarketState = {
    date: row.date,
    spot: spx,
    vix: ts.vixSpot * a.atmVolScale,
    rate: a.rate,
    divYield: a.divYield,
    volOfVol,
    futureFor,
    surfaces,
  };
  return { day: { row, day, spx, ts, state, policy, assumptions: a, costs: 0, hedgeCost: 0, closing: [] } };
}

/** The kind of a curve that could not be built, from the row and the error's problem. */
function skipKind(row: MarketRow, problem: string): ReplaySkipKind {
  if (row.vix === undefined || !(row.vix > 0)) return 'no VIX close';
  if (problem.includes('exchange calendar')) return 'outside the exchange calendar';
  if (row.vx.filter((p) => p !== null && p !== undefined).length < 2) return 'fewer than two VX prices';
  return 'VX curve not built';
}

/**
 * The legs expiring on or before `day` settled at intrinsic on the row's prints (settlementValue:
 * an AM monthly on the SPX open of its expiry day, a VIX option on the VIX open, else the closes)
 * and taken out of the book. Runs on a row the replay skips for its VX curve too, when the row has
 * SPX and VIX: a leg settles on its own expiry day's prints, not the next replayed day's close.
 * Returns how many legs settled.
 */
export function settleExpiredLegs(
  book: ReplayBook,
  row: Pick<MarketRow, 'date' | 'spxOpen' | 'vixOpen'>,
  day: number,
  spx: number,
  vix: number,
): number {
  let settled = 0;
  for (const c of book.open) {
    for (const layer of LAYERS) {
      const keep: Leg[] = [];
      for (const l of c.legs[layer]) {
        if (parseIsoDate('expiry', l.expiry) > day) {
          keep.push(l);
          continue;
        }
        const u = settlementValue(l, row, { spx, vix });
        const payoff = l.type === 'call' ? Math.max(0, u - l.strike) : Math.max(0, l.strike - u);
        c.cash[layer] += payoff * l.quantity * OPTION_MULTIPLIER;
        settled++;
      }
      c.legs[layer] = keep;
    }
  }
  return settled;
}

/**
 * Step 1: settle the legs that expired on or before today at {@link settlementValue} (the SPX
 * monthlies at the SPX open on their expiry day when the row has it, else the SPX close; VIX
 * options at the VIX open on their expiry day, else the VIX close); a condor whose legs are all
 * settled leaves the open ones, for {@link stepClose} to close after the day's entry.
 */
export function stepSettle(d: ReplayDay, book: ReplayBook): ReplayStep<void> {
  settleExpiredLegs(book, d.row, d.day, d.spx, d.ts.vixSpot);
  // (latest first, the order their settlement lines have always had)
  d.closing.push(...book.open.filter((c) => c.legs.condor.length === 0).reverse());
  book.open = book.open.filter((c) => c.legs.condor.length > 0);
  return { result: undefined, events: [] };
}

/**
 * Step 4b: close the campaigns whose condor settled today, once the day's rebalances and entry took
 * over at mid the hedge legs they buy again (replayBook.ts carryOver): the legs left are sold at
 * the day's fills (mid − half-spread, less the cost per contract). Events: the settlement lines.
 */
export function stepClose(d: ReplayDay, book: ReplayBook): ReplayStep<void> {
  const events: string[] = [];
  for (const c of d.closing) {
    retarget(d, c, 'overlay', []);
    retarget(d, c, 'tail', []);
    c.info.settled = true;
    for (const layer of LAYERS) book.closed[layer] += c.cash[layer];
    finishCampaign(c, 0, 0, 0);
    events.push(`settle condor ${c.info.expiry}: condor ${usd(c.info.condorPnl)}, ALVH ${usd(c.info.alvhPnl)}`);
    book.done.push(c);
  }
  d.closing = [];
  return { result: undefined, events };
}

/** The method's split (section 4) on the day's curve and signals, with the previous spread given. */
export function splitOf(d: ReplayDay, signals: DaySignals, prevSpread: number | undefined): SplitResult {
  return computeSplit(
    {
      spread: d.ts.spread,
      regime: d.ts.regime,
      ...(signals.rsi !== undefined ? { rsi: signals.rsi } : {}),
      ...(prevSpread !== undefined ? { prevSpread } : {}),
      ...(signals.volOfVolExpanding !== undefined ? { volOfVolExpanding: signals.volOfVolExpanding } : {}),
    },
    d.policy,
  );
}

/**
 * Step 2: the day's split, with the spread of five replayed days ago as the previous spread
 * (section 4 rule 3); records today's spread for the days after.
 */
export function stepSplit(
  d: ReplayDay,
  book: ReplayBook,
  signals: DaySignals,
): ReplayStep<{ split: SplitResult; prev5: number | undefined }> {
  const h = book.spreadHistory;
  const prev5 = h.length >= 5 ? h[h.length - 5] : undefined;
  const split = splitOf(d, signals, prev5);
  h.push(d.ts.spread);
  return { result: { split, prev5 }, events: [] };
}

/**
 * Size a campaign's overlay and tail (sections 5-7) on the day, each cut to what its share of the
 * budget leaves, and trade to the new legs. Returns the sizing's event line.
 */
function resize(
  d: ReplayDay,
  c: Campaign,
  signals: DaySignals,
  triggers: ReplaySizingTrigger[],
  prevSpread: number | undefined,
): string {
  const { ts, state, policy, row } = d;
  const sp = splitOf(d, signals, prevSpread);
  const s = sizeLayers({
    ts,
    state,
    condor: c.legs.condor,
    condorExpiry: c.info.expiry,
    maxLoss: c.maxLoss,
    split: sp,
    policy,
    // each layer's share less its net premium paid, plus what its legs would fetch sold today
    available: {
      overlay: c.budget * sp.calendarShare - c.spent.overlay - tradeCash(d, negated(c.legs.overlay)),
      tail: c.budget * sp.tailShare - c.spent.tail - tradeCash(d, negated(c.legs.tail)),
    },
    buyCost: (legs) => tradeCash(d, legs),
  });
  retarget(d, c, 'overlay', s.overlay);
  retarget(d, c, 'tail', s.tail);
  c.lastDay = d.day;
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
  return `${triggers.join('+')} sizing of condor ${c.info.expiry}: overlay ${overlayUnits} unit${overlayUnits === 1 ? '' : 's'}, tail ${tail ? `${tail.quantity} VIX C${tail.strike} ${tail.expiry}` : 'none'}${s.notes.length ? ` (${s.notes.join('; ')})` : ''}`;
}

/** The sizings of one day: which condor (by expiry) and what triggered it. */
export type DaySizing = ReplayLedgerRow['sizings'][number];

/**
 * Step 3: each open condor's rebalance triggers (section 8) against its last sizing; a firing
 * trigger re-sizes its layers with the spread of that sizing as the previous spread. A curve too
 * short to compare (no 30-day tenor) can only fire the days trigger.
 * Result: the largest curve shift over the open condors (null when none was measured) and the sizings.
 */
export function stepRebalance(
  d: ReplayDay,
  book: ReplayBook,
  signals: DaySignals,
): ReplayStep<{ maxShift: number | null; sizings: DaySizing[] }> {
  const events: string[] = [];
  const sizings: DaySizing[] = [];
  let maxShift: number | null = null;
  for (const c of book.open) {
    let triggers: ReplaySizingTrigger[] = [];
    try {
      const status = checkRebalance(d.ts, c.lastTs, d.policy);
      if (status.shift !== null) maxShift = Math.max(maxShift ?? 0, status.shift);
      triggers = status.triggers;
    } catch (e) {
      if (!isAlvhError(e)) throw e;
      if (daysTriggerFires(d.day - c.lastDay, d.policy)) triggers = ['days'];
    }
    if (triggers.length > 0) {
      events.push(resize(d, c, signals, triggers, c.lastSpread));
      sizings.push({ condor: c.info.expiry, triggers });
    }
  }
  return { result: { maxShift, sizings }, events };
}

/**
 * The SD distance of the replay's short strikes: assumptions.shortStrikeSd, moved out to
 * policy.minShortStrikeSd when inside it (method section 1; the plan's passing strikes).
 */
function replayShortStrikeSd(a: ReplayAssumptions, policy: Policy): number {
  return Math.max(a.shortStrikeSd, policy.minShortStrikeSd);
}

/** Whether a new condor is due today: one at a time when entryEveryDays is 0, else on the schedule. */
function entryDue(d: ReplayDay, book: ReplayBook): boolean {
  const a = d.assumptions;
  return a.entryEveryDays === 0
    ? book.open.length === 0
    : book.open.length < a.maxOpenCondors &&
        (book.lastEntryDay === NO_ENTRY_YET || d.day - book.lastEntryDay >= a.entryEveryDays);
}

/**
 * Step 4: when due, open the standard condor (its quantity cut by the capital cap of section 7
 * when assumptions.capital is set: the open condors' max loss and the new one's within
 * maxRiskPct · capital; none when an open condor already has that expiry), fix its
 * hedge budget B for its life from its max loss and credit, and size its layers ('entry').
 * Result: the entry's sizing, if a condor was opened.
 */
export function stepEntry(
  d: ReplayDay,
  book: ReplayBook,
  signals: DaySignals,
  prev5: number | undefined,
): ReplayStep<DaySizing | undefined> {
  const { row, spx, state, policy, assumptions: a } = d;
  const events: string[] = [];
  if (!entryDue(d, book)) return { result: undefined, events };
  // the SD rule's σ: the day's surface ATM vol at the condor's expiry
  const condorAtm = spxAtmVol(state, Math.max(1, daysBetween(row.date, condorExpiry(row.date, a.condorDte))) / 365);
  let quantity = a.condorQuantity;
  // Step 1's SD rule, as the plan's passing strikes: never inside policy.minShortStrikeSd
  const spec = { ...a, shortStrikeSd: replayShortStrikeSd(a, policy) };
  const probe = standardCondor(row.date, spx, condorAtm, { ...spec, condorQuantity: 1 });
  // none when an open condor already has the expiry (before the cap, whose line says what opens)
  if (book.open.some((c) => c.info.expiry === probe.expiry)) return { result: undefined, events };
  const width = Math.max(probe.strikes[1] - probe.strikes[0], probe.strikes[3] - probe.strikes[2]) * OPTION_MULTIPLIER;
  if (a.capital !== undefined) {
    // section 7's max loss of one condor: the wider wing less the credit at the day's marks (the
    // hedges are sized after the quantity, so their debit is not in it: docs/replay.md)
    const maxLossPerCondor = Math.max(1, width + markBook(probe.legs, state).value);
    const cap = capitalCap({ maxLossPerCondor, hedgeDebitPerCondor: 0, capital: a.capital, quantity }, policy);
    // the cap counts every condor held (method section 7, docs/method.md): the open ones' max loss
    // at entry, then what the rest of the limit fits of the new one
    const openRisk = book.open.reduce((sum, c) => sum + c.maxLoss, 0);
    const fits = Math.max(0, Math.floor((cap.limit - openRisk) / maxLossPerCondor + 1e-9));
    if (quantity > fits) {
      const held =
        book.open.length > 0
          ? ` with ${usd(openRisk)} at risk in ${book.open.length} open condor${book.open.length === 1 ? '' : 's'}`
          : '';
      events.push(
        `capital cap: ${quantity} condors risk ${usd(quantity * maxLossPerCondor)}${held}, over ${usd(cap.limit)}; opening ${fits}`,
      );
      quantity = fits;
      if (
        fits === 0 &&
        book.open.length === 0 &&
        !(book.capRefused && book.capRefused.maxLossPerCondor <= maxLossPerCondor)
      )
        book.capRefused = { maxLossPerCondor, date: row.date };
    }
  }
  const sc = standardCondor(row.date, spx, condorAtm, { ...spec, condorQuantity: quantity });
  if (quantity <= 0) return { result: undefined, events };
  const c = newCampaign(d, sc, quantity);
  retarget(d, c, 'condor', sc.legs);
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
  book.open.push(c);
  book.lastEntryDay = d.day;
  events.push(resize(d, c, signals, ['entry'], prev5));
  return { result: { condor: c.info.expiry, triggers: ['entry'] }, events };
}

/**
 * Step 5: mark every open leg to model and write the day's ledger row: values and cumulative P&L
 * per layer (settled cash + open cash + marks), the day's split, signals, sizings and costs.
 */
export function stepMark(
  d: ReplayDay,
  book: ReplayBook,
  day: {
    signals: DaySignals;
    split: SplitResult;
    maxShift: number | null;
    sizings: DaySizing[];
    events: string[];
  },
): ReplayStep<ReplayLedgerRow> {
  const { row, ts } = d;
  const value: Record<ReplayLayer, number> = { condor: 0, overlay: 0, tail: 0 };
  const cash: Record<ReplayLayer, number> = { ...book.closed };
  for (const c of book.open) {
    for (const layer of LAYERS) {
      cash[layer] += c.cash[layer];
      value[layer] += layerValue(c.legs[layer], d.state);
    }
  }
  book.lastState = d.state;
  const pnl = (layer: ReplayLayer): number => cash[layer] + value[layer];
  const ledgerRow: ReplayLedgerRow = {
    date: row.date,
    spx: d.spx,
    vix: ts.vixSpot,
    vvix: row.vvix ?? null,
    f1: ts.f1.price,
    f2: ts.f2.price,
    spread: ts.spread,
    regime: ts.regime,
    rsi: day.signals.rsi ?? null,
    volOfVolExpanding: day.signals.volOfVolExpanding ?? null,
    calendarShare: day.split.calendarShare,
    tailShare: day.split.tailShare,
    openCondors: book.open.length,
    condorValue: value.condor,
    overlayValue: value.overlay,
    tailValue: value.tail,
    condorPnl: pnl('condor'),
    overlayPnl: pnl('overlay'),
    tailPnl: pnl('tail'),
    alvhPnl: pnl('condor') + pnl('overlay') + pnl('tail'),
    curveShift: day.maxShift,
    sizings: day.sizings,
    hedgeCost: d.hedgeCost,
    costs: d.costs,
    events: day.events,
  };
  return { result: ledgerRow, events: [] };
}
