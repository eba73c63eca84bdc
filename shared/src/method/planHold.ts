/**
 * Between rebalances the book is held (ALVH-METHOD section 8: the layers are sized at entry and at a
 * rebalance, as the replay and the Monte Carlo size them). A plan given the legs held, a last
 * rebalance and no trigger fired holds its hedges when the rest of the book is the plan's: then no
 * order is sent, and the orders to today's sizing are set aside for the next rebalance.
 */
import {
  contractKey,
  netByContract,
  ordersFromBook,
  type Order,
  type OrderList,
  type TargetLeg,
} from '../hedge/orders';
import type { Leg } from '../book/index';

/**
 * The hedges among the legs held (netted by contract): the VIX options of the method's hedge shapes,
 * and as many units of the SPX overlay (the calendar, or the long put) as the held quantity of its
 * long leg (the back put) beyond what the condors hold of that contract. The calendar's short leg
 * shares the condor's short put contract; it is counted through its unit.
 *
 * The VIX shapes are long calls (the tail; the diagonal's later leg) and, when the overlay is the
 * VIX call diagonal (its unit holds a short VIX call), short calls covered by long calls of a later
 * expiry, up to their quantity. Any other VIX leg (a put, a naked short call, a long call typed
 * short) is not a hedge of the plan's: it stays out, the orders close it, and the book is an entry.
 */
export function heldHedges(held: readonly Leg[], condorLegs: readonly Leg[], overlayUnit: readonly Leg[]): Leg[] {
  const condorNet = netByContract(condorLegs);
  const net = new Map<string, Leg>();
  for (const l of held) {
    const k = contractKey(l);
    const n = net.get(k);
    net.set(k, { ...l, quantity: (n?.quantity ?? 0) + l.quantity });
  }
  const vixCalls = [...net.values()].filter((l) => l.kind === 'vix' && l.type === 'call' && l.quantity !== 0);
  const kept = vixCalls.filter((l) => l.quantity > 0);
  if (overlayUnit.some((l) => l.kind === 'vix' && l.quantity < 0)) kept.push(...coveredShortCalls(vixCalls));
  const spxUnit = overlayUnit.filter((l) => l.kind === 'spx');
  // the unit's long leg (a calendar's back put, the long put) held beyond the condors' own quantity
  // of it counts the units: in a ladder it may be another condor's contract too
  const own = spxUnit.find((l) => l.quantity > 0);
  if (own !== undefined) {
    const k = contractKey(own);
    const units = ((net.get(k)?.quantity ?? 0) - (condorNet.get(k) ?? 0)) / own.quantity;
    if (units > 0 && Number.isInteger(units))
      for (const l of spxUnit) kept.push({ ...l, quantity: l.quantity * units });
  }
  return kept;
}

/**
 * The short VIX calls (net by contract) that long VIX calls of a later expiry cover, each whole or
 * not at all: the latest short first, each drawing on the long quantity not yet drawn, expiring
 * after it.
 */
function coveredShortCalls(calls: readonly Leg[]): Leg[] {
  const longs = calls.filter((l) => l.quantity > 0).map((l) => ({ expiry: l.expiry, free: l.quantity }));
  const shorts = calls
    .filter((l) => l.quantity < 0)
    .sort((a, b) => (a.expiry < b.expiry ? 1 : a.expiry > b.expiry ? -1 : 0));
  const covered: Leg[] = [];
  for (const s of shorts) {
    const later = longs.filter((l) => l.expiry > s.expiry);
    const free = later.reduce((sum, l) => sum + l.free, 0);
    if (free < -s.quantity) continue;
    let need = -s.quantity;
    for (const l of later) {
      const take = Math.min(l.free, need);
      l.free -= take;
      need -= take;
    }
    covered.push(s);
  }
  return covered;
}

export interface HoldInput {
  valuationDate: string;
  held: readonly Leg[];
  /** The plan's condor legs, labelled with their origin. */
  condorTarget: readonly TargetLeg[];
  /** One unit of the plan's overlay (its legs at quantity ±1), whether or not the budget buys it. */
  overlayUnit: readonly Leg[];
  /** The orders from the legs held to the plan's whole book. */
  toPlan: OrderList;
  mark: (leg: Leg) => number;
  rebalanceDue: boolean | null;
}

/**
 * The orders to send: none, with `deferred` holding `toPlan`, when no rebalance is due, hedges are
 * held and the legs held are the plan's condors and those hedges (nothing else to trade); else
 * `toPlan`. A change of the condors (one opened, rolled, resized) or a position the plan does not
 * know is an entry, sized whole.
 */
export function holdBetweenRebalances(i: HoldInput): { list: OrderList; held: boolean; entry?: string } {
  const toPlan = i.toPlan;
  if (i.rebalanceDue !== false || toPlan.orders.length === 0) return { list: toPlan, held: false };
  const kept = heldHedges(i.held, i.condorTarget, i.overlayUnit);
  if (kept.length === 0) return { list: toPlan, held: false, entry: entryWords(i, 'no hedge') };
  const asHeld = ordersFromBook({
    valuationDate: i.valuationDate,
    held: i.held,
    target: [...i.condorTarget, ...kept.map((l) => ({ ...l, origin: 'hedge held' }))],
    mark: i.mark,
  });
  if (asHeld.orders.length > 0) return { list: toPlan, held: false, entry: entryWords(i, 'other legs') };
  const reason =
    'no rebalance is due and the legs held are the condors and their hedges: the method re-sizes the hedges at a rebalance only (section 8), so the book is held as it is';
  return {
    list: { orders: [], netCost: 0, deferred: { orders: toPlan.orders, netCost: toPlan.netCost, reason } },
    held: true,
  };
}

/**
 * Why a plan whose rebalance is not due still orders: the legs held are an entry (section 8 sizes the
 * hedges at entry too), either the condors with no hedge of theirs beside them (a rebalance that
 * sized the hedges to none reads the same: its orders can wait) or other legs (a condor opened,
 * rolled or resized, a position the plan does not size).
 */
function entryWords(i: HoldInput, why: 'no hedge' | 'other legs'): string {
  const { n } = ordersPhrase(i.toPlan.orders);
  return why === 'no hedge'
    ? `No rebalance is due, but the legs held are the condors with no hedge of theirs: an entry, so the ${n} take the book to today's sizing. If the last rebalance sized the hedges to none, leave these orders out until a rebalance is due.`
    : `No rebalance is due, but the legs held are not only the condors and their hedges (a condor opened, rolled or resized, or a position the plan does not size): an entry, so the ${n} take the book to today's sizing.`;
}

/** "1 order … is" / "3 orders … are". */
export function ordersPhrase(orders: readonly Order[]): { n: string; verb: string } {
  const n = orders.length;
  return { n: `${n} order${n === 1 ? '' : 's'}`, verb: n === 1 ? 'is' : 'are' };
}
