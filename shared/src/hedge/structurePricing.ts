/**
 * Tail structures (ALVH-METHOD section 10): five ways to buy the drawdown protection of section 6,
 * each sized to the same coverage rule, priced by one mark function, and scored by coverage per
 * dollar in the drawdown scenario and in each historical analog.
 *
 * - `vix-call`: one call at F·(1 + tailOtmPct) rounded up to the grid (the method's tail hedge).
 * - `vix-call-spread`: long that call, short the call `spreadWidth` points higher (default 10).
 * - `vix-call-ladder`: one call at each of F·(1 + m), m in `ladderOtm` (default 0.25, 0.5, 1.0),
 *   rounded up to the grid (repeats dropped): further out of the money, cheaper, more convex.
 * - `vx-future`: one long VX future of the tail expiry (multiplier 1000), rolled before expiry;
 *   its cost is its capital at risk over the protection horizon (a 99% fall of the future at its
 *   options' implied vol), plus its roll-down toward spot on today's curve when the curve charges it,
 *   plus fees.
 * - `spx-put-spread`: long the put at the condor's short put strike, short the put at the
 *   stressed spot S·(1 − drawdown) rounded down to the 5-point grid (at least one wing width
 *   below), the condor's expiry.
 *
 * Everything a structure needs (scenario, stressed futures, analog states) comes from the
 * package's functions (drawdownState, stressedVix, stressedFuture, scenarioLoss, tailStrike,
 * selectTailExpiry); option marks come from `mark`, by default markBook, so the surface module can
 * replace them.
 *
 * This file: the structures' definitions and their pricing. The context is in structureContext.ts,
 * sizing and the budget in structureSizing.ts, scores and comparison in structureScoring.ts.
 */
import { daysBetween } from '../dates';
import { checkNonNegative } from '../validate';
import { constantMaturity, futureForExpiry, modelFuture, vxExpiriesAfter, type TermStructure } from '../market/index';
import { markBook, vixOptionVol, type Leg, type MarketState } from '../book/index';
// the method's files, not its barrel: the plan (in the barrel) reads this module
import { scenarioLoss } from '../method/stress';
import { gridStrike, tailStrike } from '../method/tailSize';
import type { CondorAnalytics } from '../method/condor';
import type { HedgeContext } from './structureContext';

export const TAIL_STRUCTURES = [
  'vix-call',
  'vix-call-spread',
  'vix-call-ladder',
  'vx-future',
  'spx-put-spread',
] as const;
export type TailStructure = (typeof TAIL_STRUCTURES)[number];

/** VX futures multiplier, USD per point. */
export const VX_FUTURE_MULTIPLIER = 1000;
/** SPX strike grid of the put spread, points. */
const SPX_GRID = 5;
/** Tolerance of strike and unit rounding. */
export const EPS = 1e-9;

/** Value of option legs in a state, USD (signed quantities · price · 100). Default: markBook. */
export type LegMarker = (legs: readonly Leg[], state: MarketState) => number;
export const defaultMarker: LegMarker = (legs, state) => markBook(legs, state).value;
/** One unit of a structure, priced: what it holds, what it costs, what it is worth under stress. */
export interface StructureUnit {
  structure: TailStructure;
  /** Plain words: "long VIX 2019-02-13 24 call, short 34 call". */
  description: string;
  /** Option legs of one unit (signed). */
  legs: Leg[];
  /** VX futures of one unit (signed contracts). */
  futures: { expiry: string; quantity: number }[];
  /**
   * USD per unit: the option debit at model mids plus the transaction cost of opening its legs, or
   * for vx-future its capital at risk over the horizon plus the carry the curve charges and fees
   * (see `premiumBasis`, {@link futureCapitalAtRisk}).
   */
  premium: number;
  /**
   * The transaction costs in `premium`, USD per unit: `policy.transactionCostPerContract` for each
   * option contract opened (held to expiry, it settles in cash with no closing trade), or each VX
   * contract's round trip; paid, so the gain is net of them.
   */
  fees: number;
  premiumBasis: 'option premium' | 'capital at risk';
  /** USD per unit in the drawdown scenario: the options' value, or the future's mark-to-market gain. */
  stressedValue: number;
  /**
   * What one unit gains in the scenario, USD; may be ≤ 0. Options: stressedValue − premium (the
   * debit and its fees). A
   * future: its mark-to-market gain less the curve's carry and fees (its `premium` is a capital
   * at risk, not a price paid, so the difference is not the gain).
   */
  gain: number;
  /** The same per analog, in HISTORICAL_ANALOGS order. */
  analogs: { date: string; label: string; value: number; gain: number }[];
  /** False for futures: a long future can lose more than its carry. */
  lossBoundedByPremium: boolean;
}

function roundStrike(k: number): number {
  return Number(k.toFixed(10));
}

/** Option legs of one unit of an option structure, and its description. */
function unitLegs(ctx: HedgeContext, s: Exclude<TailStructure, 'vx-future'>): { legs: Leg[]; description: string } {
  const step = ctx.policy.vixStrikeStep;
  const e = ctx.tailExpiry;
  const call = (strike: number, quantity: number): Leg => ({ kind: 'vix', type: 'call', strike, expiry: e, quantity });
  const k1 = tailStrike(ctx.tailFuture, ctx.policy.tailOtmPct, step);
  switch (s) {
    case 'vix-call':
      return { legs: [call(k1, 1)], description: `long VIX ${e} ${k1} call` };
    case 'vix-call-spread': {
      const k2 = roundStrike(Math.ceil((k1 + ctx.params.spreadWidth) / step - EPS) * step);
      return { legs: [call(k1, 1), call(k2, -1)], description: `long VIX ${e} ${k1} call, short ${k2} call` };
    }
    case 'vix-call-ladder': {
      const ks = [...new Set(ctx.params.ladderOtm.map((m) => gridStrike(ctx.tailFuture, m, step)))].sort(
        (a, b) => a - b,
      );
      return { legs: ks.map((k) => call(k, 1)), description: `long VIX ${e} ${ks.join(' / ')} calls, one each` };
    }
    case 'spx-put-spread': {
      // the condor that loses most in the scenario carries the put side to protect
      let worst = ctx.condors[0] as CondorAnalytics;
      let worstLoss = -1;
      for (const c of ctx.condors) {
        const l = scenarioLoss(c.legs, ctx.now, ctx.stressed, c.maxLoss);
        if (l > worstLoss) {
          worst = c;
          worstLoss = l;
        }
      }
      const shortPut = worst.legs[1] as Leg;
      const longPut = worst.legs[0] as Leg;
      const k = shortPut.strike;
      const wing = k - longPut.strike;
      const low = Math.floor(Math.min(k - wing, ctx.stressed.spot) / SPX_GRID) * SPX_GRID;
      const x = shortPut.expiry;
      return {
        legs: [
          { kind: 'spx', type: 'put', strike: k, expiry: x, quantity: 1 },
          { kind: 'spx', type: 'put', strike: low, expiry: x, quantity: -1 },
        ],
        description: `long SPX ${x} ${k} put, short ${low} put`,
      };
    }
  }
}

/**
 * Price one unit of a structure in the context: premium, value in the scenario and in each analog.
 * Never throws on a gain ≤ 0 (the sizing does).
 */
export function priceStructure(
  ctx: HedgeContext,
  structure: TailStructure,
  mark: LegMarker = defaultMarker,
): StructureUnit {
  if (structure === 'vx-future') return priceFuture(ctx);
  const { legs, description } = unitLegs(ctx, structure);
  // the fee of each contract opened, as the vx-future pays its own, so the structures compare on
  // the same terms (the frontier and the replay charge it too)
  const fees = ctx.policy.transactionCostPerContract * legs.reduce((a, l) => a + Math.abs(l.quantity), 0);
  const premium = mark(legs, ctx.now) + fees;
  const stressedValue = mark(legs, ctx.stressed);
  return {
    structure,
    description,
    legs,
    futures: [],
    premium,
    fees,
    premiumBasis: 'option premium',
    stressedValue,
    gain: stressedValue - premium,
    analogs: ctx.analogs.map((a) => {
      const value = mark(legs, a.state);
      return { date: a.analog.date, label: a.analog.label, value, gain: value - premium };
    }),
    lossBoundedByPremium: true,
  };
}

/**
 * The curve's value `days` out on the valuation date's static curve: the constant-maturity
 * interpolation of the listed futures with VIX spot at day 0 (`constantMaturity`); beyond the last
 * listed future, the fitted curve's value there (as `futureForExpiry` prices an unlisted expiry).
 */
function curveAt(ts: TermStructure, days: number): number {
  const last = ts.points[ts.points.length - 1] as { days: number };
  return days <= last.days ? constantMaturity(ts, days) : modelFuture(ts.fit, ts.vixSpot, days / 365);
}

/** One contract of a held VX position: held from day `from` to day `to` (days from the valuation date). */
interface HeldContract {
  expiry: string;
  /** Its days to expiry from the valuation date. */
  days: number;
  from: number;
  to: number;
}

/**
 * The contracts a long VX future of `expiry` held `days` passes through: that contract to its
 * expiry (or to `days`), then each next monthly contract, bought as the one before expires.
 */
function heldContracts(ts: TermStructure, expiry: string, days: number): HeldContract[] {
  const out: HeldContract[] = [];
  let e = expiry;
  let from = 0;
  for (;;) {
    const d = daysBetween(ts.valuationDate, e);
    out.push({ expiry: e, days: d, from, to: Math.min(days, d) });
    if (days <= d) return out;
    from = d;
    e = vxExpiriesAfter(e, 1)[0] as string;
  }
}

/**
 * Carry of a long VX future of `expiry` held `days`, USD per contract: what the future loses on
 * today's curve held static, as it rolls down toward spot. A contract with d days to expiry is
 * worth the curve's value at d − t after t days, so over h ≤ d days the carry is
 * (F − CM(d − h))·1000 (`constantMaturity`: the listed futures, VIX spot at day 0); held past its
 * expiry, it settles at spot (CM(0)) and each next contract, bought at CM(d′ − t), adds its own
 * segment CM(d′ − t) − CM(d′ − t_end). Positive when the curve charges the long (contango below
 * the contract), negative when it pays (the future rolls up toward a spot above it).
 * @example
 * // 2024-08-02: VIX 23.39, Aug-21 21.8527 (19 days), Sep-18 21.9844 (47 days); held 42 days the
 * // Sep contract has 5 days left, on the curve 23.39 + (21.8527 − 23.39)·5/19 = 22.985
 * futureCarry(ts, '2024-09-18', 42) // (21.9844 − 22.985)·1000 ≈ −1001: the long gains the roll
 */
export function futureCarry(ts: TermStructure, expiry: string, days: number): number {
  let carry = 0;
  for (const c of heldContracts(ts, expiry, checkNonNegative('days', days))) {
    const start = c.from === 0 ? futureForExpiry(ts, c.expiry) : curveAt(ts, c.days - c.from);
    carry += start - curveAt(ts, c.days - c.to);
  }
  return carry * VX_FUTURE_MULTIPLIER;
}

/**
 * Implied vol (decimal) of VX future `expiry` at price `future` in `state`: its at-the-money VIX
 * option's vol on the state's VIX-option surface, the market's (risk-neutral) vol of that future
 * to its expiry, read as VIX options are marked ({@link vixOptionVol}).
 */
export function futureImpliedVol(state: MarketState, valuationDate: string, expiry: string, future: number): number {
  const years = Math.max(daysBetween(valuationDate, expiry), 1) / 365;
  return vixOptionVol(state, years, future, future);
}

/** One-sided 99% standard normal quantile: the confidence of a future's capital at risk. */
const CAPITAL_AT_RISK_Z = 2.3263478740408408;

/**
 * Capital at risk of one long VX future over `days`, USD: its loss if the future falls by its
 * one-sided 99% lognormal move at vol `vol` (its options' implied vol, {@link futureImpliedVol}: the
 * market's measure, not a forecast), F·(1 − e^(−z·σ·√(days/365)))·1000.
 * A long future has no worst loss; this is the loss a margin model would hold against it, over the
 * protection horizon rather than a margin period, so it compares with an option's premium.
 */
export function futureCapitalAtRisk(future: number, vol: number, days: number): number {
  return future * -Math.expm1(-CAPITAL_AT_RISK_Z * vol * Math.sqrt(Math.max(days, 1) / 365)) * VX_FUTURE_MULTIPLIER;
}

function priceFuture(ctx: HedgeContext): StructureUnit {
  const e = ctx.tailExpiry;
  const f0 = ctx.tailFuture;
  const days = ctx.horizonDays;
  const carry = futureCarry(ctx.ts, e, days);
  // What holding costs: the carry when the curve charges it (the roll-down toward spot; a roll the
  // curve pays is not counted on) and the round-trip transaction costs of each contract held.
  const contracts = heldContracts(ctx.ts, e, days).length;
  const fees = 2 * contracts * ctx.policy.transactionCostPerContract;
  const paid = Math.max(carry, 0) + fees;
  // The dollars a unit's protection is measured against: those costs plus the capital at risk
  // (a long future costs no premium, so no smaller figure is its cost). Its gain is its P&L net
  // of the costs paid: the capital at risk is held, not spent. The move is at the implied vol of
  // the future's own options (at the money, on the VIX-option surface), not VVIX / 100: VVIX is
  // the 30-day vol of spot VIX, which a later future moves less than.
  const premium = futureCapitalAtRisk(f0, futureImpliedVol(ctx.now, ctx.valuationDate, e, f0), days) + paid;
  const pnl = (s: MarketState) => (s.futureFor(e) - f0) * VX_FUTURE_MULTIPLIER;
  const stressedValue = pnl(ctx.stressed);
  return {
    structure: 'vx-future',
    description: `long VX ${e} future at ${f0.toFixed(3)}, rolled to the next contract before expiry`,
    legs: [],
    futures: [{ expiry: e, quantity: 1 }],
    premium,
    fees,
    premiumBasis: 'capital at risk',
    stressedValue,
    gain: stressedValue - paid,
    analogs: ctx.analogs.map((a) => {
      const value = pnl(a.state);
      return { date: a.analog.date, label: a.analog.label, value, gain: value - paid };
    }),
    lossBoundedByPremium: false,
  };
}

/** Target legs of a sized option structure, labelled with their origin, for the order list. */
export function structureTargetLegs(unit: StructureUnit, units: number): (Leg & { origin: string })[] {
  return unit.legs.map((l) => ({ ...l, quantity: l.quantity * units, origin: `tail: ${unit.structure}` }));
}
