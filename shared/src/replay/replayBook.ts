/**
 * The replay's book: one campaign per condor (its legs, cash and marks per layer, its budget and
 * spend) and the day's trading desk that fills every trade at model mid ± half-spread and books
 * the cash, the costs and the hedge spend. Internal to the replay (replay.ts, replaySteps.ts).
 */
import { OPTION_MULTIPLIER, markLegs, type Leg, type MarketState } from '../book/index';
import type { TermStructure } from '../market/index';
import type { Policy } from '../schemas/policy';
import type { ReplayAssumptions } from '../schemas/replay';
import type { StandardCondor } from './condor';
import { wholeUsd } from '../usdText';
import type { MarketRow } from './marketHistory';
import type { ReplayCampaign, ReplayLayer } from './types';

export interface Campaign {
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
}

export const LAYERS: readonly ReplayLayer[] = ['condor', 'overlay', 'tail'];

/**
 * One replayed day: its row, its curve and market state, and the day's running trading costs
 * (summed in trade order, so the totals are the same whichever step trades).
 */
export interface ReplayDay {
  row: MarketRow;
  /** The row's date as days since the epoch. */
  day: number;
  spx: number;
  ts: TermStructure;
  state: MarketState;
  policy: Policy;
  assumptions: ReplayAssumptions;
  /** Trading costs today, all layers (cost per contract + half-spreads), USD. */
  costs: number;
  /** Gross premium paid for hedge legs bought today + today's hedge trading costs, USD. */
  hedgeCost: number;
  /**
   * The campaigns whose condor settled today, until they are closed after the day's entry: the
   * hedge legs they still hold are carried over to a campaign buying the same contracts today
   * ({@link carryOver}), the rest sold.
   */
  closing: Campaign[];
}

function legKey(l: Leg): string {
  return `${l.kind}|${l.type}|${l.strike}|${l.expiry}`;
}

/** The day's fill of `leg` traded in the direction of `qty`: model mid ± half-spread (never below 0). */
function fillOf(d: ReplayDay, leg: Leg, qty: number): { mid: number; fill: number } {
  const a = d.assumptions;
  const mid = (markLegs([leg], d.state)[0] as { price: number }).price;
  const half = leg.kind === 'spx' ? a.spxHalfSpread : a.vixHalfSpread;
  return { mid, fill: Math.max(0, mid + Math.sign(qty) * half) };
}

/**
 * Cash paid to trade `legs` (each its signed quantity) at the day's fills, as the trades book it:
 * a buy at mid + half-spread, a sale at mid − half-spread, plus the cost per contract on each, USD.
 * @example
 * // 1 VIX C20 of mid 1.50, vixHalfSpread 0.20, $0.65 a contract: (1.50 + 0.20) × 100 + 0.65
 * tradeCash(d, [{ kind: 'vix', type: 'call', strike: 20, expiry, quantity: 1 }]) // 170.65
 */
export function tradeCash(d: ReplayDay, legs: readonly Leg[]): number {
  let cash = 0;
  for (const l of legs) {
    if (l.quantity === 0) continue;
    const { fill } = fillOf(d, l, l.quantity);
    cash += l.quantity * fill * OPTION_MULTIPLIER + Math.abs(l.quantity) * d.policy.transactionCostPerContract;
  }
  return cash;
}

/**
 * Of `qty` of `leg` that `c` trades today, the part a settled condor's campaign holds the other
 * way round of its own close (it would sell what `c` buys, or buy back what `c` sells short):
 * handed over at the day's model mid with no half-spread and no cost per contract, the settled
 * campaign credited (it is marked out at mid) and `c` debited and its budget spend raised by that
 * value. No premium goes to the market, so neither campaign books hedge cost for it. Returns the
 * quantity left to trade.
 */
function carryOver(d: ReplayDay, c: Campaign, layer: ReplayLayer, leg: Leg, qty: number): number {
  if (layer === 'condor') return qty;
  const key = legKey(leg);
  for (const o of d.closing) {
    if (o === c || qty === 0) continue;
    const held = o.legs[layer].find((l) => legKey(l) === key);
    if (!held || Math.sign(held.quantity) !== Math.sign(qty)) continue;
    const n = Math.sign(qty) * Math.min(Math.abs(qty), Math.abs(held.quantity));
    const value = n * fillOf(d, leg, n).mid * OPTION_MULTIPLIER;
    o.cash[layer] += value;
    held.quantity -= n;
    if (held.quantity === 0) o.legs[layer] = o.legs[layer].filter((l) => l !== held);
    c.cash[layer] -= value;
    c.spent[layer] += value;
    qty -= n;
  }
  return qty;
}

/**
 * Trade `qty` of `leg` at model mid ± half-spread: books the cash, the costs and the hedge spend.
 * A hedge leg a settled condor's campaign holds is carried over first ({@link carryOver}).
 */
function trade(d: ReplayDay, c: Campaign, layer: ReplayLayer, leg: Leg, qty: number, opening: boolean): void {
  qty = carryOver(d, c, layer, leg, qty);
  if (qty === 0) return;
  const { policy } = d;
  const { mid, fill } = fillOf(d, leg, qty);
  const cost =
    Math.abs(qty) * policy.transactionCostPerContract + Math.abs(fill - mid) * Math.abs(qty) * OPTION_MULTIPLIER;
  const flow = qty * fill * OPTION_MULTIPLIER + Math.abs(qty) * policy.transactionCostPerContract;
  c.cash[layer] -= flow;
  d.costs += cost;
  if (layer !== 'condor') {
    c.spent[layer] += flow;
    // gross premium of a hedge leg bought to open (its half-spread is in the fill) and the cost per
    // contract, or else the trade's cost (a sale, a buy-back: half-spread and cost per contract)
    const paid =
      opening && qty > 0 ? qty * fill * OPTION_MULTIPLIER + Math.abs(qty) * policy.transactionCostPerContract : cost;
    d.hedgeCost += paid;
    c.info.hedgeCost += paid;
  }
}

/** Move a layer from its current legs to `target`, trading only the differences. */
export function retarget(d: ReplayDay, c: Campaign, layer: ReplayLayer, target: readonly Leg[]): void {
  const now = new Map(c.legs[layer].map((l) => [legKey(l), l]));
  const want = new Map(target.map((l) => [legKey(l), l]));
  for (const [k, l] of now) {
    const w = want.get(k);
    const diff = (w?.quantity ?? 0) - l.quantity;
    trade(d, c, layer, l, diff, Math.abs(w?.quantity ?? 0) > Math.abs(l.quantity));
  }
  for (const [k, l] of want) if (!now.has(k)) trade(d, c, layer, l, l.quantity, true);
  c.legs[layer] = target.filter((l) => l.quantity !== 0).map((l) => ({ ...l }));
}

/** Model value of legs at the day's state, USD. */
export function layerValue(legs: readonly Leg[], state: MarketState): number {
  let v = 0;
  for (const m of markLegs(legs, state)) v += m.price * m.leg.quantity * OPTION_MULTIPLIER;
  return v;
}

/** A campaign's final P&L per layer: its cash plus the given marks of what it still holds. */
export function finishCampaign(c: Campaign, condorMark: number, overlayMark: number, tailMark: number): void {
  c.info.condorPnl = c.cash.condor + condorMark;
  c.info.overlayPnl = c.cash.overlay + overlayMark;
  c.info.tailPnl = c.cash.tail + tailMark;
  c.info.alvhPnl = c.info.condorPnl + c.info.overlayPnl + c.info.tailPnl;
}

/** A campaign for a condor opened today, before its trades: its legs are bought by the caller. */
export function newCampaign(d: ReplayDay, sc: StandardCondor, quantity: number): Campaign {
  return {
    info: {
      opened: d.row.date,
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
    lastDay: d.day,
    lastTs: d.ts,
    lastSpread: d.ts.spread,
    maxLoss: 1,
    budget: 0,
    spent: { overlay: 0, tail: 0 },
  };
}

/** Whole dollars with a true minus, for the ledger's event lines ("$0" for an amount that rounds to 0). */
export const usd = wholeUsd;
