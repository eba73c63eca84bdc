/**
 * The hedge views of the taskpane: the plan's order list (from the positions held to its legs) and
 * its tail structures side by side (the budget frontier's are in frontierViews.ts). Sign
 * convention of the page: costs and premiums are amounts paid (a debit positive, a credit
 * negative, as the plan's cost rows).
 */
import { optionRoot, type Leg, type Plan } from '@alvh/shared';

/**
 * One order: the contract, buy or sell, to open or to close, whole contracts, model mid, its limit
 * on the exchange's tick and quotes (points), cost (USD, + debit, at the mid).
 */
export interface OrderRowView {
  leg: string;
  side: 'buy' | 'sell';
  effect: 'open' | 'close';
  quantity: number;
  held: number;
  target: number;
  mid: number;
  limit: number;
  bid: number | null;
  ask: number | null;
  cost: number;
  why: string;
  /** A limit outside the quote (a sell's above the ask, a buy's below the bid), in words; else null. */
  note: string | null;
}

export interface OrdersView {
  rows: OrderRowView[];
  /** Sum of the costs, USD (+ net debit). */
  netCost: number;
  /**
   * When the book is held between rebalances (no order sent): the orders to today's sizing, set
   * aside for the next rebalance, their net cost (USD, + debit) and why the book is held.
   */
  deferred?: { rows: OrderRowView[]; netCost: number; reason: string };
}

/**
 * An order's side as the page and the sheets show it, with its effect as a broker takes it: "buy to
 * open", "sell to close", or "buy to open (deferred)" for one set aside.
 */
export function sideText(o: Pick<OrderRowView, 'side' | 'effect'>, deferred: boolean): string {
  const side = `${o.side} to ${o.effect}`;
  return deferred ? `${side} (deferred)` : side;
}

/** An order's why as the page shows it: the rule, then its note of a limit outside the quote. */
export function whyText(o: Pick<OrderRowView, 'why' | 'note'>): string {
  return o.note === null ? o.why : `${o.why}. Note: ${o.note}`;
}

/** One tail structure of the plan's comparison. */
export interface StructureRowView {
  structure: string;
  description: string;
  /**
   * Units the coverage rule asks for, and their cost (USD: units × `premium`, fees included, unlike
   * the summary's literal-rule cost at the mid); null when the structure cannot cover. Headed
   * "Cost incl. fees" in the page and the sheet.
   */
  units: number | null;
  cost: number | null;
  /**
   * What one unit costs, USD: the model mid plus the transaction costs of opening it (the plan's
   * `premium`, fees included, so above a cost at the mid); for vx-future its capital at risk plus
   * carry and fees. Headed "Cost / unit incl. fees" in the page and the sheet.
   */
  premium: number;
  premiumBasis: string;
  /** Coverage of the drawdown loss the rule's units achieve (1 = all of it). */
  coverage: number | null;
  /** Gain in the drawdown scenario per dollar of premium. */
  perDollar: number;
  /** Gain per dollar in each historical analog, in the order of `analogLabels`. */
  analogs: number[];
  /** What the tail budget buys: units, cost (USD), coverage. */
  withinBudget: { units: number; cost: number; coverage: number };
  /** The structure buying the most protection within the tail budget. */
  best: boolean;
  /** Why the structure cannot cover the loss (then `units` is null), else null. */
  noSolution: string | null;
  /** Whether a unit can lose no more than its premium. */
  lossBoundedByPremium: boolean;
}

export interface StructuresView {
  /** The plan's valuation date (ISO), when the caller gives it. */
  valuationDate?: string;
  rows: StructureRowView[];
  analogLabels: string[];
  /** The drawdown loss (P&L, negative), the coverage rule and the tail budget (USD). */
  loss: number;
  coverageRule: number;
  tailBudget: number;
  summary: string;
  /** What it costs to cover the stated share with each structure; '' when the summary says it already. */
  coverWords: string;
}

/**
 * A contract as a trader reads it, under its exchange root (the leg's, else its date's):
 * "SPXW 2025-05-23 3750 put", "VIX 2025-06-18 33 call".
 */
export function legText(leg: Pick<Leg, 'kind' | 'type' | 'expiry' | 'strike' | 'root'>): string {
  return `${leg.root ?? optionRoot(leg.kind, leg.expiry)} ${leg.expiry} ${leg.strike} ${leg.type}`;
}

type PlanOrder = NonNullable<Plan['orders']>['orders'][number];

function orderRow(o: PlanOrder): OrderRowView {
  return {
    leg: `${o.contract} ${o.leg.expiry} ${o.leg.strike} ${o.leg.type}`,
    side: o.side,
    effect: o.effect,
    quantity: o.quantity,
    held: o.held,
    target: o.target,
    mid: o.mid,
    limit: o.limit,
    bid: o.bid ?? null,
    ask: o.ask ?? null,
    cost: o.cost,
    why: o.rounding === undefined ? o.why : `${o.why} (rounded ${o.rounding})`,
    note: o.note ?? null,
  };
}

/**
 * The plan's orders as rows (an empty list when the positions already equal the plan, or when the
 * book is held between rebalances: then `deferred` holds the orders set aside).
 */
export function presentOrders(orders: Plan['orders']): OrdersView | undefined {
  if (orders === undefined) return undefined;
  const d = orders.deferred;
  return {
    rows: orders.orders.map(orderRow),
    netCost: orders.netCost,
    ...(d === undefined ? {} : { deferred: { rows: d.orders.map(orderRow), netCost: d.netCost, reason: d.reason } }),
  };
}

/** The plan's tail structures side by side, the best within the budget marked. */
export function presentStructures(s: Plan['structures'], valuationDate?: string): StructuresView {
  const best = s.bestWithinBudget?.structure;
  const analogLabels = s.structures[0]?.analogs.map((a) => `${a.date} ${a.label}`) ?? [];
  return {
    ...(valuationDate === undefined ? {} : { valuationDate }),
    rows: s.structures.map((r) => ({
      structure: r.structure,
      description: r.description,
      units: r.size?.units ?? null,
      cost: r.size?.cost ?? null,
      premium: r.premium,
      premiumBasis: r.premiumBasis,
      coverage: r.size?.coverageAchieved ?? null,
      perDollar: r.perDollar,
      analogs: r.analogs.map((a) => a.perDollar),
      withinBudget: { units: r.withinBudget.units, cost: r.withinBudget.cost, coverage: r.withinBudget.coverage },
      best: r.structure === best,
      noSolution: r.noSolution ?? null,
      lossBoundedByPremium: r.lossBoundedByPremium,
    })),
    analogLabels,
    loss: -Math.abs(s.loss),
    coverageRule: s.coverage,
    tailBudget: s.tailBudget,
    summary: s.summary,
    coverWords: s.summary.includes(s.cover.words) ? '' : s.cover.words,
  };
}
