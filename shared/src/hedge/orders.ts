/**
 * Orders out: the trades that take a book from the legs held to the target legs.
 *
 * - Netting: legs of the same contract (kind, type, expiry, strike) net, on each side and between
 *   the sides; a contract whose held and target quantities are equal gives no order.
 * - Rounding: target quantities may be fractional (a sizing in units); each target leg is rounded
 *   TOWARD ZERO to whole contracts before netting (never up into more risk, never across zero), and
 *   the order states the rounding. Held quantities must be whole.
 * - Prices: `mark(leg)` gives the model mid per share (index points), so the surface module can
 *   replace today's marks; `quote(leg)`, when given, the chain's bid and ask ({@link quoteFromChain}).
 * - Limits: `limit` is the mid on the exchange's price grid for a single-leg order, rounded in the
 *   order's favour (a buy down, a sell up, never below one tick): a price to work the order from,
 *   not a fill. With a quote, a buy's mid is first capped at the ask and a sell's floored at the
 *   bid: a model mid beyond the quote never makes a limit that pays more than the market asks or
 *   takes less than it bids. The grid is Cboe's: SPX and SPXW 0.05 below 3.00 and 0.10 from 3.00;
 *   VIX options the same until 2022-10-02 and 0.01 below 3.00, 0.05 from 3.00 since 2022-10-03, so
 *   the valuation date picks it.
 * - Effect: each order opens (starts a position, or adds to one of its sign) or closes (takes one
 *   held toward zero), as a broker takes it: buy to open, buy to close, sell to open, sell to close.
 *   A contract whose target is on the other side of zero from what is held gives two orders, the
 *   close of what is held, then the open of the target: a broker takes no single order across zero.
 * - A limit outside the quote (a sell's above the ask, a buy's below the bid: a model mid beyond
 *   the quote, or the grid's rounding) stays where it is, with a `note` saying so.
 * - cost = signed quantity · mid · 100: positive for a debit (buy), negative for a credit (sell).
 */
import { invalidInput } from '../errors';
import { parseIsoDate } from '../dates';
import { isSpxMonthly, optionRoot, spxMonthlyExpiry, SPXW_THIRD_FRIDAY_FROM } from '../market/expirations';
import { markLegs, OPTION_MULTIPLIER, type Leg, type MarketState } from '../book/index';

/** A target leg with the rule that asks for it ("condor", "tail: vix-call-spread", ...). */
export interface TargetLeg extends Leg {
  origin: string;
}

export interface Quote {
  bid: number;
  ask: number;
}

export interface OrderInput {
  /** The valuation date, YYYY-MM-DD: it picks the exchange's price grid for the limits. */
  valuationDate: string;
  held: readonly Leg[];
  target: readonly TargetLeg[];
  /** Model mid per share, index points, of one contract (the leg's quantity is ignored). */
  mark: (leg: Leg) => number;
  /** The chain's bid and ask per share, when a chain was given; undefined when not quoted. */
  quote?: (leg: Leg) => Quote | undefined;
  /** The SPX root the chain lists on an expiry, for the orders of contracts not held ({@link legsWithRoots}). */
  listed?: ListedRoot;
}

export interface Order {
  /** The contract, with the signed quantity of the order (+ buy, − sell); its root is `contract`. */
  leg: Leg;
  /**
   * The exchange root to send it under: VIX; for SPX the root the contract is held under, else the
   * root the legs held on its expiry share, else the one the chain lists there, else SPX on a third
   * Friday and SPXW on any other day ({@link legsWithRoots}).
   */
  contract: 'SPX' | 'SPXW' | 'VIX';
  side: 'buy' | 'sell';
  /**
   * Open (start a position, or add to one of the order's sign) or close (take one held toward
   * zero): with `side`, buy to open, buy to close, sell to open or sell to close.
   */
  effect: 'open' | 'close';
  /** Whole contracts, > 0. */
  quantity: number;
  /**
   * Net quantity held before the order, and after it (the target after rounding). Of a contract
   * crossing zero, the close goes from held to 0 and the open from 0 to the target.
   */
  held: number;
  target: number;
  /** Model mid per share, points. */
  mid: number;
  /**
   * The mid on the exchange's grid, rounded in the order's favour (buy down, sell up), ≥ one tick;
   * with a quote, a buy's mid capped at the ask and a sell's floored at the bid first.
   */
  limit: number;
  /** The grid's step at the limit, points (the step to move the limit by). */
  tick: number;
  /** The chain's bid and ask per share, points, when the contract is quoted in the plan's chain. */
  bid?: number;
  ask?: number;
  /** Signed quantity · mid · 100, USD: + debit, − credit. */
  cost: number;
  /**
   * Which rules ask for the contract (target origins), or "close: held, not in the target"; an order
   * closing what is held beyond a target of the same side says so ("condor 2018-03-29 targets -10:
   * close the 1 held beyond it").
   */
  why: string;
  /** Present when a fractional target was rounded toward zero: "12.6 → 12". */
  rounding?: string;
  /**
   * Present when the limit is outside the quote, a sell's above the ask or a buy's below the bid:
   * a patient order that fills only if the market moves to it (when the mid too is beyond the
   * quote, `cost`, at the mid, is more than the market gives now). Limit and cost are as they are.
   */
  note?: string;
}

export interface OrderList {
  orders: Order[];
  /** Sum of the orders' costs, USD (+ net debit). */
  netCost: number;
  /**
   * The orders to today's sizing, set aside because no rebalance is due and the legs held are the
   * plan's condors and their hedges (the method re-sizes the hedges at a rebalance only, section 8;
   * method/planHold.ts): `orders` is then empty.
   */
  deferred?: { orders: Order[]; netCost: number; reason: string };
}

/**
 * The key of a contract: kind|type|expiry|strike, and |root where the leg states one (SPX and SPXW
 * of one date are different contracts; {@link legsWithRoots} states every SPX leg's).
 */
export function contractKey(leg: Leg): string {
  const base = `${leg.kind}|${leg.type}|${leg.expiry}|${leg.strike}`;
  return leg.root === undefined ? base : `${base}|${leg.root}`;
}

/**
 * Signed quantities netted by contract ({@link contractKey}): each leg's quantity times `sign`, added
 * into `into` (a new map by default).
 */
export function netByContract(
  legs: readonly Leg[],
  sign = 1,
  into: Map<string, number> = new Map<string, number>(),
): Map<string, number> {
  for (const l of legs) into.set(contractKey(l), (into.get(contractKey(l)) ?? 0) + sign * l.quantity);
  return into;
}

/**
 * The SPX root a chain lists on an expiry (the root of the surface's slice fitted there: SPXW where
 * SPXW lists it, SPX on the monthlies beyond), or undefined where it shows none.
 */
export type ListedRoot = (expiry: string) => 'SPX' | 'SPXW' | undefined;

/**
 * The legs with the root each SPX leg trades under (VIX legs as they are):
 * - a held leg keeps its own (its symbol's), else takes the date's ({@link optionRoot}: SPX on a
 *   third Friday, the root listed there at every horizon; SPXW on any other day);
 * - a target leg keeps its own, else takes the root its contract is held under (held under one
 *   root only), else the root every SPX leg held on its expiry shares, else the root `listed` says
 *   the chain lists there (SPXW on the third Fridays SPXW lists: the slice the marks come from),
 *   else the date's.
 *
 * So a contract is closed under the root it is held under (never bought back as the other
 * settlement's), a book held as SPX (AM-settled) monthlies is resized in them, and a new order
 * names a contract the exchange lists.
 */
export function legsWithRoots<H extends Leg, T extends Leg>(
  held: readonly H[],
  target: readonly T[],
  listed: ListedRoot = () => undefined,
): { held: H[]; target: T[] } {
  const dateRoot = (l: Leg) => optionRoot('spx', l.expiry) as 'SPX' | 'SPXW';
  const newRoot = (l: Leg) => listed(l.expiry) ?? dateRoot(l);
  const heldOut = held.map((l) => (l.kind !== 'spx' || l.root !== undefined ? l : { ...l, root: dateRoot(l) }));
  const byContract = new Map<string, Set<string>>();
  const byExpiry = new Map<string, Set<string>>();
  for (const l of heldOut) {
    if (l.kind !== 'spx') continue;
    const c = `${l.type}|${l.expiry}|${l.strike}`;
    (byContract.get(c) ?? byContract.set(c, new Set()).get(c)!).add(l.root!);
    (byExpiry.get(l.expiry) ?? byExpiry.set(l.expiry, new Set()).get(l.expiry)!).add(l.root!);
  }
  const only = (roots: Set<string> | undefined) =>
    roots !== undefined && roots.size === 1 ? ([...roots][0] as 'SPX' | 'SPXW') : undefined;
  const targetOut = target.map((l) => {
    if (l.kind !== 'spx' || l.root !== undefined) return l;
    const root =
      only(byContract.get(`${l.type}|${l.expiry}|${l.strike}`)) ?? only(byExpiry.get(l.expiry)) ?? newRoot(l);
    return { ...l, root };
  });
  return { held: heldOut, target: targetOut };
}

function checkLegShape(field: string, leg: Leg): void {
  if (leg === null || typeof leg !== 'object')
    throw invalidInput(field, 'is not a leg', 'pass {kind, type, strike, expiry, quantity}');
  if (leg.kind !== 'spx' && leg.kind !== 'vix')
    throw invalidInput(`${field}.kind`, `is ${JSON.stringify(leg.kind)}`, 'pass "spx" or "vix"');
  if (leg.type !== 'call' && leg.type !== 'put')
    throw invalidInput(`${field}.type`, `is ${JSON.stringify(leg.type)}`, 'pass "call" or "put"');
  if (typeof leg.strike !== 'number' || !(leg.strike > 0) || !Number.isFinite(leg.strike))
    throw invalidInput(`${field}.strike`, `is ${String(leg.strike)}`, 'pass a positive strike in index points');
  parseIsoDate(`${field}.expiry`, leg.expiry);
  if (typeof leg.quantity !== 'number' || !Number.isFinite(leg.quantity))
    throw invalidInput(`${field}.quantity`, `is ${String(leg.quantity)}`, 'pass a finite signed number of contracts');
  checkLegRoot(`${field}.root`, leg);
}

/**
 * A leg's `root`, when it states one: SPX legs only; `SPX` only on the month's standard expiration
 * (the AM-settled monthly), `SPXW` on any expiry.
 */
export function checkLegRoot(
  field: string,
  leg: { kind: Leg['kind']; expiry: string; root?: Leg['root'] | undefined },
): void {
  const root: unknown = leg.root;
  if (root === undefined) return;
  if (leg.kind !== 'spx')
    throw invalidInput(
      field,
      `is ${JSON.stringify(root)} on a VIX leg`,
      'leave root out of VIX legs (their root is VIX)',
    );
  if (root !== 'SPX' && root !== 'SPXW')
    throw invalidInput(
      field,
      `is ${JSON.stringify(root)}`,
      'pass "SPXW" (PM-settled) or "SPX" (the AM-settled monthly), or leave it out',
    );
  if (root === 'SPX' && !isSpxMonthly(leg.expiry)) {
    const monthly = spxMonthlyExpiry(Number(leg.expiry.slice(0, 4)), Number(leg.expiry.slice(5, 7)));
    throw invalidInput(
      field,
      `is "SPX" (the AM-settled monthly, expiring on ${monthly}) on expiry ${leg.expiry}`,
      'pass "SPXW" for weeklies and dailies, or the monthly date',
    );
  }
  if (root === 'SPXW' && isSpxMonthly(leg.expiry) && leg.expiry < SPXW_THIRD_FRIDAY_FROM)
    throw invalidInput(
      field,
      `is "SPXW" on the monthly expiry ${leg.expiry}: SPXW listed no third-Friday options before ${SPXW_THIRD_FRIDAY_FROM} (the PM-settled ones were SPXPM)`,
      'pass "SPX", or leave root out',
    );
}

/** The day Cboe's penny ticks for VIX options began (0.01 below 3.00, 0.05 from 3.00). */
export const VIX_PENNY_TICKS_FROM = '2022-10-03';

/**
 * The minimum increment of a single-leg order at a price, points (Cboe): SPX and SPXW 0.05 below
 * 3.00 and 0.10 from 3.00; VIX options the same before {@link VIX_PENNY_TICKS_FROM}, then 0.01 and 0.05.
 */
export function optionTick(kind: Leg['kind'], price: number, date: string): number {
  const below3 = price < 3;
  if (kind === 'vix' && date >= VIX_PENNY_TICKS_FROM) return below3 ? 0.01 : 0.05;
  return below3 ? 0.05 : 0.1;
}

/**
 * A model mid as a limit a trader can send: on the grid of {@link optionTick}, rounded in the
 * order's favour (a buy down, a sell up) and at least one tick.
 *
 * @example
 * limitOnTick('spx', 'buy', 2.12, '2025-04-08') // { limit: 2.1, tick: 0.05 }
 * limitOnTick('vix', 'sell', 3.12, '2025-04-08') // { limit: 3.15, tick: 0.05 }
 * limitOnTick('spx', 'sell', 2.98, '2025-04-08') // { limit: 3, tick: 0.1 }
 */
export function limitOnTick(
  kind: Leg['kind'],
  side: Order['side'],
  mid: number,
  date: string,
): { limit: number; tick: number } {
  const tick = optionTick(kind, mid, date);
  const steps = mid / tick;
  // 1e-9 of a step absorbs binary noise (2.3 / 0.05 = 45.99999…), far below any price's cent
  const k = side === 'buy' ? Math.floor(steps + 1e-9) : Math.ceil(steps - 1e-9);
  const limit = Math.round(Math.max(1, k) * tick * 100) / 100;
  // the step at the limit: a sell of a 2.98 mid goes to 3.00, where the grid is 0.10
  return { limit, tick: optionTick(kind, limit, date) };
}

function fmtQty(x: number): string {
  return Number(x.toFixed(6)).toString();
}

/**
 * The orders of one contract from `held` to `target` (whole, unequal): one, opening when it takes
 * the position further from zero and closing when it takes it toward zero; two when the target is
 * on the other side of zero, the close of what is held and then the open of the target.
 */
function steps(held: number, target: number): { held: number; target: number; effect: Order['effect'] }[] {
  if (held !== 0 && target !== 0 && held > 0 !== target > 0) {
    return [
      { held, target: 0, effect: 'close' },
      { held: 0, target, effect: 'open' },
    ];
  }
  return [{ held, target, effect: Math.abs(target) > Math.abs(held) ? 'open' : 'close' }];
}

/**
 * The order list from held to target (see the module notes for netting, rounding and prices).
 * Orders come in the target's order of contracts, then the held contracts the target closes.
 *
 * @example
 * ordersFromBook({ valuationDate: '2019-01-02', held: [], target: [{ kind: 'vix', type: 'call', strike: 24, expiry: '2019-02-13', quantity: 5, origin: 'tail: vix-call' }], mark: () => 2.1 })
 * // [{ side: 'buy', quantity: 5, mid: 2.1, limit: 2.1, tick: 0.05, cost: 1050, why: 'tail: vix-call', ... }]
 */
export function ordersFromBook(i: OrderInput): OrderList {
  const held: unknown = i.held;
  const target: unknown = i.target;
  if (!Array.isArray(held)) throw invalidInput('held', 'is not a list of legs', 'pass the legs held, [] for none');
  if (!Array.isArray(target)) throw invalidInput('target', 'is not a list of legs', 'pass the target legs');
  if (typeof i.mark !== 'function')
    throw invalidInput('mark', 'is not a function', 'pass a function leg → mid per share');
  parseIsoDate('valuationDate', i.valuationDate);

  interface Row {
    leg: Leg;
    held: number;
    rawTarget: number;
    target: number;
    origins: string[];
    roundings: string[];
  }
  const rows = new Map<string, Row>();
  const row = (leg: Leg): Row => {
    const k = contractKey(leg);
    let r = rows.get(k);
    if (r === undefined) {
      r = {
        leg: {
          kind: leg.kind,
          type: leg.type,
          strike: leg.strike,
          expiry: leg.expiry,
          quantity: 0,
          ...(leg.root === undefined ? {} : { root: leg.root }),
        },
        held: 0,
        rawTarget: 0,
        target: 0,
        origins: [],
        roundings: [],
      };
      rows.set(k, r);
    }
    return r;
  };
  i.target.forEach((t, j) => checkLegShape(`target[${j}]`, t));
  i.held.forEach((h, j) => checkLegShape(`held[${j}]`, h));
  const legs = legsWithRoots(i.held, i.target, i.listed);
  legs.target.forEach((t) => {
    const r = row(t);
    const whole = Math.trunc(t.quantity) + 0; // + 0 turns −0 into 0
    r.rawTarget += t.quantity;
    r.target += whole;
    const origin = typeof t.origin === 'string' && t.origin.trim() !== '' ? t.origin : 'target';
    if (!r.origins.includes(origin)) r.origins.push(origin);
    if (whole !== t.quantity) r.roundings.push(`${origin}: ${fmtQty(t.quantity)} → ${whole} (toward zero)`);
  });
  legs.held.forEach((h, j) => {
    if (!Number.isInteger(h.quantity)) {
      throw invalidInput(
        `held[${j}].quantity`,
        `is ${h.quantity}, not whole contracts`,
        'pass the whole contracts held',
      );
    }
    row(h).held += h.quantity;
  });

  const orders: Order[] = [];
  let netCost = 0;
  for (const r of rows.values()) {
    if (r.target === r.held) continue;
    const contract = r.leg.kind === 'vix' ? 'VIX' : r.leg.root!;
    const label = `${contract} ${r.leg.expiry} ${r.leg.strike} ${r.leg.type}`;
    const mid = i.mark({ ...r.leg, quantity: 1 });
    if (typeof mid !== 'number' || !Number.isFinite(mid) || mid < 0) {
      throw invalidInput(
        'mark',
        `gives ${String(mid)} for ${label}`,
        'return a finite mid per share ≥ 0 for every contract',
      );
    }
    // Closing what is held beyond a target of the same side (the put calendar's short front put on
    // the condor's own contract, the calendar gone) is not what the target's rules ask for: say so.
    const beyond = r.target !== 0 && r.held * r.target > 0 && Math.abs(r.held) > Math.abs(r.target);
    const why =
      r.origins.length === 0
        ? 'close: held, not in the target'
        : beyond
          ? `${r.origins.join(' + ')} targets ${fmtQty(r.target)}: close the ${fmtQty(Math.abs(r.held - r.target))} held beyond it`
          : r.origins.join(' + ');
    for (const step of steps(r.held, r.target)) {
      const delta = step.target - step.held;
      const cost = delta * mid * OPTION_MULTIPLIER;
      netCost += cost;
      const side = delta > 0 ? 'buy' : 'sell';
      const rounded = r.roundings.length > 0 && step.target === r.target;
      const { root: _root, ...contractLeg } = r.leg; // the root is the order's `contract`
      const order: Order = {
        leg: { ...contractLeg, quantity: delta },
        contract,
        side,
        effect: step.effect,
        quantity: Math.abs(delta),
        held: step.held,
        target: step.target,
        mid,
        ...limitOnTick(r.leg.kind, side, mid, i.valuationDate),
        cost,
        why,
        ...(rounded ? { rounding: r.roundings.join('; ') } : {}),
      };
      orders.push(i.quote === undefined ? order : quoteOrder(order, i.quote, i.valuationDate));
    }
  }
  return { orders, netCost };
}

/**
 * An order with the quote of its contract: `bid` and `ask`, and the limit of the module notes (a
 * buy's mid capped at the ask, a sell's floored at the bid, then on the grid). As it is when the
 * contract is not quoted.
 */
function quoteOrder(o: Order, quote: (leg: Leg) => Quote | undefined, valuationDate: string): Order {
  const q = quote({ ...o.leg, quantity: 1, ...(o.contract === 'VIX' ? {} : { root: o.contract }) });
  if (q === undefined) return o;
  if (!(Number.isFinite(q.bid) && Number.isFinite(q.ask) && q.bid >= 0 && q.ask >= q.bid)) {
    throw invalidInput(
      'quote',
      `gives bid ${q.bid} / ask ${q.ask} for ${o.contract} ${o.leg.expiry} ${o.leg.strike} ${o.leg.type}`,
      'return {bid, ask} with 0 ≤ bid ≤ ask, or undefined when not quoted',
    );
  }
  const price = o.side === 'buy' ? Math.min(o.mid, q.ask) : Math.max(o.mid, q.bid);
  const { cost, why, rounding, note: _note, ...head } = o;
  const onTick = limitOnTick(o.leg.kind, o.side, price, valuationDate);
  const note = outsideQuote(o, onTick.limit, q);
  return {
    ...head,
    ...onTick,
    bid: q.bid,
    ask: q.ask,
    cost,
    why,
    ...(rounding === undefined ? {} : { rounding }),
    ...(note === undefined ? {} : { note }),
  };
}

/**
 * The note of a limit outside the quote, a sell's above the ask or a buy's below the bid (to the
 * cent, as the limits are); undefined within it. When the mid too is beyond the quote, it says the
 * cost at the mid is more than the market gives now.
 */
function outsideQuote(o: Pick<Order, 'side' | 'mid'>, limit: number, q: Quote): string | undefined {
  const cents = (x: number): number => Math.round(x * 100);
  if (o.side === 'sell' && cents(limit) > cents(q.ask)) {
    const mid = o.mid > q.ask ? '; its cost at the mid is a larger credit than a sale at the ask' : '';
    return `limit above the ask: a patient order, fills only if the market moves up to it${mid}`;
  }
  if (o.side === 'buy' && cents(limit) < cents(q.bid)) {
    const mid = o.mid < q.bid ? '; its cost at the mid is a smaller debit than a purchase at the bid' : '';
    return `limit below the bid: a patient order, fills only if the market moves down to it${mid}`;
  }
  return undefined;
}

/**
 * An order list with the quotes of its contracts (orders and the deferred ones alike), as
 * {@link ordersFromBook} gives it with `quote`: for a list priced before the chain's quotes were at
 * hand (a plan marked on the surface fitted to a chain, the chain's quotes kept beside it).
 */
export function quoteOrders(list: OrderList, quote: (leg: Leg) => Quote | undefined, valuationDate: string): OrderList {
  const each = (orders: readonly Order[]) => orders.map((o) => quoteOrder(o, quote, valuationDate));
  const d = list.deferred;
  return {
    ...list,
    orders: each(list.orders),
    ...(d === undefined ? {} : { deferred: { ...d, orders: each(d.orders) } }),
  };
}

/**
 * The most relative gap between the SPX a chain's quotes were taken at (quotedata's Last) and the
 * SPX the plan marks at for its orders to be held to those quotes: 0.05%, 2.2 points at SPX 4,400,
 * over which a 15-delta condor wing moves about 0.3 point (three to six ticks) and an at-the-money
 * option about 1.1. Beyond it the marks move with SPX and the quotes do not: they are another
 * market's. (The 2023-06-09 file was taken at 13:40 ET at 4300.01, 0.027% above the close.)
 */
export const QUOTE_SPX_TOLERANCE = 5e-4;

/**
 * Why the orders carry no bid or ask when the chain's quotes were taken at SPX `quotesAt` and the
 * plan marks at `spx` (beyond {@link QUOTE_SPX_TOLERANCE}); undefined when they may be held to them.
 * `chain` and `spxField` name the inputs as the host says them.
 */
export function quotesAwayFromSpx(
  quotesAt: number,
  spx: number,
  chain = 'market.chain',
  spxField = 'market.spx',
  taken = 'were taken at SPX {at} (its Last)',
): string | undefined {
  const gap = quotesAt / spx - 1;
  if (!(Math.abs(gap) > QUOTE_SPX_TOLERANCE)) return undefined;
  const pct = Math.abs(100 * gap);
  const shown = pct >= 0.1 ? pct.toFixed(1) : pct.toPrecision(1);
  const at = taken.replace('{at}', String(Number(quotesAt.toFixed(2))));
  return `The orders carry no bid or ask: ${chain}'s quotes ${at}, ${shown}% ${gap > 0 ? 'above' : 'below'} ${spxField} ${spx}, where the plan marks; limits are the model mids on the grid. For limits within the quotes, pass ${spxField} at the chain's Last or a chain taken at this SPX.`;
}

/** A quote of an option chain, as the chain parsers give it (surface/chainQuotes.ts `ChainQuote`). */
export interface ChainQuoteRow {
  /** Option root: SPX, SPXW, VIX, ... */
  root: string;
  expiry: string;
  strike: number;
  type: 'call' | 'put';
  bid: number;
  ask: number;
}

/**
 * A `quote` for {@link ordersFromBook} from a chain's quotes: a leg's quote is the chain's row of
 * the same root (the leg's `root`, as {@link legsWithRoots} sets it; else the date's {@link optionRoot}),
 * expiry, strike and type, exactly; a leg the chain does not quote (no such row, or a row dropped
 * at import: no bid, no ask, crossed or locked) has none. An SPX chain quotes no VIX option.
 */
export function quoteFromChain(quotes: readonly ChainQuoteRow[]): (leg: Leg) => Quote | undefined {
  const byKey = new Map<string, Quote>();
  for (const q of quotes) byKey.set(`${q.root}|${q.type}|${q.expiry}|${q.strike}`, { bid: q.bid, ask: q.ask });
  return (leg) => byKey.get(`${leg.root ?? optionRoot(leg.kind, leg.expiry)}|${leg.type}|${leg.expiry}|${leg.strike}`);
}

/**
 * A mark function from a market state (today's model marks: skewed BSM for SPX, Black-76 on the
 * VX future for VIX), for {@link ordersFromBook}.
 */
export function markFromState(state: MarketState): (leg: Leg) => number {
  return (leg) => (markLegs([leg], state)[0] as { price: number }).price;
}
