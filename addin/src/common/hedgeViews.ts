/**
 * The hedge views of the taskpane: the plan's order list (from the positions held to its legs),
 * its tail structures side by side, and the budget frontier of `POST /api/frontier`. Sign
 * convention of the page: costs and premiums are amounts paid (a debit positive, a credit
 * negative, as the plan's cost rows); P&L and the frontier's risks are P&L, a loss negative.
 */
import type { Leg, Plan } from '@alvh/shared';

/** One order: the contract, buy or sell, whole contracts, model mid and quotes (points), cost (USD, + debit). */
export interface OrderRowView {
  leg: string;
  side: 'buy' | 'sell';
  quantity: number;
  held: number;
  target: number;
  mid: number;
  bid: number | null;
  ask: number | null;
  cost: number;
  why: string;
}

export interface OrdersView {
  rows: OrderRowView[];
  /** Sum of the costs, USD (+ net debit). */
  netCost: number;
}

/** One tail structure of the plan's comparison. */
export interface StructureRowView {
  structure: string;
  description: string;
  /** Units the coverage rule asks for, and their cost (USD); null when the structure cannot cover. */
  units: number | null;
  cost: number | null;
  /** Premium of one unit, USD (for vx-future its carry). */
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
  rows: StructureRowView[];
  analogLabels: string[];
  /** The drawdown loss (P&L, negative), the coverage rule and the tail budget (USD). */
  loss: number;
  coverageRule: number;
  tailBudget: number;
  summary: string;
  coverWords: string;
}

/** A contract as a trader reads it: "SPX 2025-05-23 3750 put", "VIX 2025-06-18 33 call". */
export function legText(leg: Pick<Leg, 'kind' | 'type' | 'expiry' | 'strike'>): string {
  return `${leg.kind.toUpperCase()} ${leg.expiry} ${leg.strike} ${leg.type}`;
}

/** The plan's orders as rows (an empty list when the positions already equal the plan). */
export function presentOrders(orders: Plan['orders']): OrdersView | undefined {
  if (orders === undefined) return undefined;
  return {
    rows: orders.orders.map((o) => ({
      leg: legText(o.leg),
      side: o.side,
      quantity: o.quantity,
      held: o.held,
      target: o.target,
      mid: o.mid,
      bid: o.bid ?? null,
      ask: o.ask ?? null,
      cost: o.cost,
      why: o.rounding === undefined ? o.why : `${o.why} (rounded ${o.rounding})`,
    })),
    netCost: orders.netCost,
  };
}

/** The plan's tail structures side by side, the best within the budget marked. */
export function presentStructures(s: Plan['structures']): StructuresView {
  const best = s.bestWithinBudget?.structure;
  const analogLabels = s.structures[0]?.analogs.map((a) => `${a.date} ${a.label}`) ?? [];
  return {
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
    coverWords: s.cover.words,
  };
}

// ---------------------------------------------------------------------------------------------
// The budget frontier

/** One point of the frontier: risks as P&L (USD, a loss negative). */
export interface FrontierPointView {
  budget: number;
  structure: string;
  split: string;
  /** −cvar95Down: the mean P&L of the worst 5% of the Monte Carlo paths where SPX falls. */
  cvar95Down: number;
  /** −drawdownLoss, −worstAnalogLoss. */
  drawdown: number;
  worstAnalog: number | null;
  literal: boolean;
  chosen: boolean;
}

export interface FrontierView {
  points: FrontierPointView[];
  /** The method's literal plan, when the answer has it (also a point of the chart). */
  literal: FrontierPointView | undefined;
  paths: number | null;
  seed: number | null;
  measure: string;
  /** The calibrated model's known biases from the run's starting VIX (the answer's `modelNotes`). */
  notes: string[];
}

function bad(field: string, problem: string): never {
  throw new Error(
    `the frontier answer's ${field} ${problem}; the host and this page disagree on its shape: update the add-in`,
  );
}

function num(o: Record<string, unknown>, key: string, where: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(`${where}.${key}`, `is ${JSON.stringify(v)}, not a number`);
  return v;
}

function splitText(v: unknown): string {
  if (typeof v === 'number' && Number.isFinite(v)) return `${Math.round(v * 100)}% calendar`;
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object') {
    const c = (v as Record<string, unknown>)['calendarShare'];
    const t = (v as Record<string, unknown>)['tailShare'];
    if (typeof c === 'number' && typeof t === 'number') return `${Math.round(c * 100)}% / ${Math.round(t * 100)}%`;
  }
  return '';
}

function framePoint(raw: unknown, where: string): FrontierPointView {
  if (raw === null || typeof raw !== 'object') bad(where, 'is not an object');
  const o = raw as Record<string, unknown>;
  const worst = o['worstAnalogLoss'];
  return {
    budget: num(o, 'budget', where),
    structure: typeof o['structure'] === 'string' ? o['structure'] : '',
    split: splitText(o['split']),
    // The host states losses as positive amounts (as /api/montecarlo's cvar95): the page shows P&L.
    cvar95Down: -num(o, 'cvar95Down', where),
    drawdown: -num(o, 'drawdownLoss', where),
    worstAnalog: worst === undefined || worst === null ? null : -num(o, 'worstAnalogLoss', where),
    literal: o['literal'] === true,
    chosen: o['chosen'] === true,
  };
}

/**
 * The answer of `POST /api/frontier` read defensively, the one place its shape is known:
 * `{ points: [{ budget, structure, split, cvar95Down, drawdownLoss, worstAnalogLoss, literal?, chosen? }],
 * literal?, paths?, seed?, measure? }`. The losses (positive amounts) become P&L (negative); a
 * missing or non-finite number is an error naming the field.
 */
export function parseFrontier(raw: unknown): FrontierView {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) bad('(answer)', 'is not an object');
  const o = raw as Record<string, unknown>;
  if (!Array.isArray(o['points']) || o['points'].length === 0) bad('points', 'is missing or empty');
  const points = (o['points'] as unknown[]).map((p, i) => framePoint(p, `points[${i}]`));
  points.sort((a, b) => a.budget - b.budget);
  const literal =
    o['literal'] !== undefined && o['literal'] !== null
      ? { ...framePoint(o['literal'], 'literal'), literal: true }
      : points.find((p) => p.literal);
  const intOrNull = (k: string): number | null => {
    const v = o[k];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  return {
    points: points.filter((p) => !p.literal),
    literal,
    paths: intOrNull('paths'),
    seed: intOrNull('seed'),
    measure: typeof o['measure'] === 'string' ? o['measure'] : '',
    notes: Array.isArray(o['modelNotes']) ? o['modelNotes'].filter((n): n is string => typeof n === 'string') : [],
  };
}
