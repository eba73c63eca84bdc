/**
 * The Monte Carlo engine's compiled state (legs, market, time factors, the run's constant sizing
 * arguments), the curves its triggers read, and the legs' values at the horizon. The tail sizing a
 * rebalance runs along a path is in mcTail.ts.
 */

import { invalidInput } from '../errors';
import { parseIsoDate } from '../dates';
import { CURVE_SHIFT_TENORS } from '../market/index';
import { curveDecayKernel, modelFutureKernel } from '../market/meanReversion';
import { OPTION_MULTIPLIER, type Leg } from '../book/index';
import { SHIFT_TOLERANCE, curveShiftTriggerFires, cutToBudget } from '../method/index';
import type { Policy } from '../schemas/policy';
import { drawdownLoss, tailSizeConstants, tailTarget, type TailEngine } from './mcTail';
import { drawdownSpot, stressedVixKernel } from '../method/stress';
import { resolveDynamics, type Dynamics, type DynamicsParams } from './dynamics';
import { LogVixModel } from './model/logVixModel';
import type { LogVixPath } from './model/logVixPath';
import { filterFactors, type VixClose } from './model/logVixFilter';
import type { LogVixParams } from './model/logVixParams';
import { CALIBRATED } from './model/calibrated';
import type { ScenarioBook } from './scenarioBook';
import {
  compileLegs,
  dayFactors,
  legsSettling,
  legsValue,
  type CompiledLegs,
  type PathFutures,
  type PricerMarket,
} from './pathPricer';
import { type MonteCarloSetup } from './mcTypes';
import { tailRoll, type TailRoll } from './mcRoll';
import { curveByDays } from './curveByDays';

export { curveByDays };

/** The compiled state of a run (what a rebalance's tail sizing reads is {@link TailEngine}). */
export interface Engine extends TailEngine {
  condor: CompiledLegs;
  /** The condor's last expiry (days) and max loss (USD). */
  condorExpiry: number;
  condorMaxLoss: number;
  /** The square-root dynamics (`sqrt-legacy`), else null. */
  d: Dynamics | null;
  /** The calibrated log-VIX model in the run's measure (`calibrated`), else null. */
  lv: LogVixModel | null;
  /**
   * Calibrated model: ln of the constant-maturity future of tenor CURVE_SHIFT_TENORS[k] is
   * cmByDay[t·K + k] + cmFast[k]·X + cmSlow[k]·Y + cmSpike[k]·Z on day t (K tenors; the curve the
   * shift trigger reads, one row a day).
   */
  cmByDay: Float64Array;
  cmFast: Float64Array;
  cmSlow: Float64Array;
  cmSpike: Float64Array;
  overlay: CompiledLegs;
  v0: { condor: number; overlay: number; tail: number };
  tailQty0: number;
  tailStrike0: number;
  resizable: boolean;
  /** The expiry each day's rebalance sizes the tail on (the method's pick from that day); null when the tail is not resized. */
  roll: TailRoll | null;
  shiftDecay: Float64Array;
  /** Certain-no-fire bounds of the curve-shift trigger on the log changes (see {@link stateShiftFires}). */
  shiftBounds: ShiftBounds;
}

/**
 * Bounds on the largest and smallest log change of the constant-maturity curve inside which the
 * curve-shift trigger certainly does not fire: with t = trigger − SHIFT_TOLERANCE (the trigger's
 * own tolerance), hi below ln(1 + t) − 1e−9 and lo above ln(1 − t) + 1e−6 (lo: only for a
 * trigger ≤ 0.9; above it, +∞, every state is decided
 * exactly). The margins are many orders above the rounding of exp and of the subtraction from 1
 * (about 1e−16 relative), so inside them e^hi − 1 < trigger and 1 − e^lo < trigger hold for the
 * computed numbers too.
 */
export interface ShiftBounds {
  hiBelow: number;
  loAbove: number;
}

/** The {@link ShiftBounds} of a trigger (a fraction in [0, 5]). */
export function shiftBounds(trigger: number): ShiftBounds {
  const t = trigger - SHIFT_TOLERANCE;
  return {
    hiBelow: Math.log1p(t) - 1e-9,
    loAbove: trigger <= 0.9 ? Math.log(1 - t) + 1e-6 : Infinity,
  };
}

/**
 * The dividend yield the SPX paths of a run drift at (both dynamics: r − q, plus the real-world
 * premium in that measure): the yield the marks carry SPX at to the horizon H,
 * `surfaces.spx.carryYield(H/365, rate, divYield)`. On index and VIX-only surfaces that is the
 * book's `divYield` itself; on a chain surface it is the yield that carries spot to the chain's
 * parity forward at H, so in the risk-neutral measure E[S_H] = S₀·F(H)/spot, the forward an SPX leg
 * expiring at the horizon is marked on at t = 0 (held to expiry, its mean P&L is zero). One constant
 * yield: before the horizon the paths' mean is S₀e^((r−q)t) on it, not the chain's F(t).
 */
function spxPathYield(b: Pick<ScenarioBook, 'rate' | 'divYield' | 'surfaces'>, horizonDays: number): number {
  if (!(horizonDays > 0)) return b.divYield;
  const q = b.surfaces.spx.carryYield(horizonDays / 365, b.rate, b.divYield);
  // A chain surface whose spot stands far from its forwards, over a horizon of a day or two, is a
  // carry of hundreds of percent a year: say so rather than let the model call it a percentage.
  if (!(Math.abs(q) < 1)) {
    throw invalidInput(
      'horizonDays',
      `is ${horizonDays}: over it the chain surface carries SPX from its spot ${b.surfaces.spx.spot} to its forward at ${Math.round(100 * (b.rate - q))}% a year`,
      'fit the chain with the SPX level at the time of its quotes as the spot, or pass a longer horizon',
    );
  }
  return q;
}

/** Longest time to expiry (days) with tabulated time factors. */
const MAX_FACTOR_DAYS = 3650;

export function prepare(s: MonteCarloSetup): Engine {
  const b = s.book;
  const p = s.policy;
  const day0 = parseIsoDate('valuationDate', b.valuationDate);
  const m: PricerMarket = {
    rate: b.rate,
    divYield: b.divYield,
    volOfVol: b.volOfVol,
    surfaces: b.surfaces,
    kappa: b.kappa,
    theta: b.theta,
  };
  const dp: DynamicsParams = {
    spot: b.spot,
    vix: b.vix,
    kappa: b.kappa,
    theta: b.theta,
    xi: s.model.xi ?? b.volOfVol * Math.sqrt(b.vix),
    rho: p.spxVixCorrelation,
    realizedToImplied: p.realizedToImplied,
    rate: b.rate,
    divYield: spxPathYield(b, s.run.horizonDays),
    jumpIntensity: s.model.jumpIntensity,
    jumpMeanVix: s.model.jumpMeanVix,
    spxJumpPerVixPoint: s.model.spxJumpPerVixPoint,
  };
  const calibrated = s.run.dynamics === 'calibrated';
  const d = calibrated ? null : resolveDynamics(dp);
  const condor = compileLegs(b.condor, day0, b.vix, m, b.futureFor, 'book.condor');
  const overlay = compileLegs(b.overlay, day0, b.vix, m, b.futureFor, 'book.overlay');
  const tail = compileLegs(b.tail, day0, b.vix, m, b.futureFor, 'book.tail');
  if (condor.n === 0) throw invalidInput('book.condor', 'has no legs', 'pass the four legs of the condor');
  for (const [name, c] of [
    ['condor', condor],
    ['overlay', overlay],
    ['tail', tail],
  ] as const) {
    for (let i = 0; i < c.n; i++) {
      if (c.expiryDay[i]! <= 0) {
        throw invalidInput(
          `book.${name}[${i}].expiry`,
          `is on or before the valuation date ${b.valuationDate}`,
          'pass legs that expire after the valuation date',
        );
      }
    }
  }
  let condorExpiry = 0;
  for (let i = 0; i < condor.n; i++) condorExpiry = Math.max(condorExpiry, condor.expiryDay[i]!);
  const resizable =
    tail.n === 1 &&
    tail.isVix[0] === 1 &&
    tail.isCall[0] === 1 &&
    tail.scale[0]! >= 0 &&
    Number.isInteger(tail.scale[0]! / OPTION_MULTIPLIER);
  const roll = resizable && s.run.rebalance ? tailRoll(b, p, s.run.horizonDays, m) : null;
  // Time factors by day to expiry for every leg and every expiry the tail may roll into (ten years
  // at most; longer legs compute theirs).
  let lastExpiry = roll?.last ?? 0;
  for (const c of [condor, overlay, tail])
    for (let i = 0; i < c.n; i++) lastExpiry = Math.max(lastExpiry, c.expiryDay[i]!);
  m.factors = dayFactors(m, Math.min(lastExpiry, MAX_FACTOR_DAYS) + 1);
  const v0 = {
    condor: b.condorEntryValue ?? legsValue(condor, 0, b.spot, b.vix, m),
    overlay: legsValue(overlay, 0, b.spot, b.vix, m),
    tail: legsValue(tail, 0, b.spot, b.vix, m),
  };
  const condorMaxLoss = b.condorMaxLoss ?? Math.max(0, v0.condor - lowestSettlement(condor, b.vix, b.condor));
  const shiftDecay = Float64Array.from(CURVE_SHIFT_TENORS, (t) => curveDecayKernel(b.kappa, t / 365));
  const lv = calibrated ? calibratedModel(s, lastExpiry) : null;
  return {
    lv,
    ...curveTables(lv, s.run.horizonDays),
    tailArgs: resizable ? tailSizeConstants(p, m, Math.max(tail.expiryDay[0]!, roll?.last ?? 0)) : null,
    tailSized: {
      contracts: 0,
      strike: 0,
      premium: 0,
      stressedCallValue: 0,
      gainPerContract: 0,
      cost: 0,
      coverageAchieved: 0,
      targetGain: 0,
    },
    d,
    m,
    condor,
    overlay,
    tail,
    condorExpiry,
    condorGroups: compileGroups(b, day0, m, { legs: condor, maxLoss: condorMaxLoss, expiry: condorExpiry }),
    condorMaxLoss,
    v0,
    tailQty0: tail.n === 1 ? tail.scale[0]! / OPTION_MULTIPLIER : 0,
    tailStrike0: tail.n === 1 ? tail.strike[0]! : 0,
    resizable,
    roll,
    shiftDecay,
    shiftBounds: shiftBounds(p.curveShiftTrigger),
  };
}

/**
 * The positions the drawdown loss caps one by one: a plan's condors compiled each on its own (see
 * {@link ScenarioBook.condorGroups}), or a book's legs as the one position `whole`.
 */
function compileGroups(
  b: ScenarioBook,
  day0: number,
  m: PricerMarket,
  whole: Engine['condorGroups'][number],
): Engine['condorGroups'] {
  const groups = b.condorGroups ?? [];
  if (groups.length === 0) return [whole];
  const total = groups.reduce((a, g) => a + g.legs, 0);
  if (groups.length > 0 && total !== b.condor.length) {
    throw new Error(`condorGroups hold ${total} legs, the condor ${b.condor.length}`);
  }
  let first = 0;
  return groups.map((g) => {
    const legs = compileLegs(b.condor.slice(first, first + g.legs), day0, b.vix, m, b.futureFor, 'book.condor');
    first += g.legs;
    let expiry = 0;
    for (let i = 0; i < legs.n; i++) expiry = Math.max(expiry, legs.expiryDay[i]!);
    return { legs, maxLoss: g.maxLoss, expiry };
  });
}

/**
 * The lowest the condor's legs can pay at their expiries, USD: for each expiry, the lowest
 * settlement of the legs expiring then (piecewise linear in SPX: checked at 0, every strike and
 * twice the top strike), summed over the expiries, as the legs of a ladder settle on different
 * days at different SPX levels. A book's max loss is its entry value less this (a plan gives its
 * own, `ladder.maxLoss`). An expiry whose SPX legs are net short calls has no lowest settlement
 * (it falls without bound as SPX rises): refused, naming the expiry.
 */
function lowestSettlement(condor: CompiledLegs, vix: number, legs: readonly Leg[]): number {
  // Beyond the top strike an expiry's legs pay (net calls)·S + const: net short calls lose without bound.
  for (const day of new Set(condor.expiryDay)) {
    let calls = 0;
    for (let i = 0; i < condor.n; i++)
      if (condor.expiryDay[i] === day && condor.isCall[i] === 1 && condor.isVix[i] === 0) calls += condor.scale[i]!;
    if (calls < 0) {
      const at = legs.findIndex(
        (l, i) => condor.expiryDay[i] === day && l.kind !== 'vix' && l.type === 'call' && l.quantity < 0,
      );
      throw invalidInput(
        'book.condor',
        `is net short ${-calls / OPTION_MULTIPLIER} call(s) expiring ${legs[at]!.expiry}: its loss has no bound as SPX rises, so it has no max loss to cap or count paths at`,
        'cover each short call with a long call of the same expiry and quantity (a condor), or pass the plan',
      );
    }
  }
  const probes = [0, ...Array.from(condor.strike), 2 * Math.max(...Array.from(condor.strike))];
  let total = 0;
  for (const day of new Set(condor.expiryDay)) {
    let lowest = Infinity;
    for (const x of probes) lowest = Math.min(lowest, legsSettling(condor, day, x, vix));
    total += lowest;
  }
  return total;
}

/**
 * The constant-maturity curve tables the calibrated model's curve-shift trigger reads (see
 * {@link Engine.cmByDay}); empty for the square-root dynamics.
 */
function curveTables(lv: LogVixModel | null, H: number): Pick<Engine, 'cmFast' | 'cmSlow' | 'cmSpike' | 'cmByDay'> {
  const K = CURVE_SHIFT_TENORS.length;
  const cmFast = new Float64Array(K);
  const cmSlow = new Float64Array(K);
  const cmSpike = new Float64Array(K);
  const cmByDay = new Float64Array(lv !== null ? K * (H + 1) : 0);
  if (lv !== null) {
    CURVE_SHIFT_TENORS.forEach((tenor, k) => {
      const premium = Math.log(lv.termPremium[tenor]!);
      for (let t = 0; t <= H; t++) cmByDay[t * K + k] = lv.expiryTable(t + tenor)[t]! + premium;
      cmFast[k] = lv.loadFast[tenor]!;
      cmSlow[k] = lv.loadSlow[tenor]!;
      cmSpike[k] = lv.loadSpike[tenor]!;
    });
  }
  return { cmFast, cmSlow, cmSpike, cmByDay };
}

/**
 * The calibrated model of a run: the shipped parameters with the policy's SPX-VIX correlation and
 * realized-to-implied ratio (the calibration fixed both at the policy defaults), started at the
 * book's market and at the factors filtered from the run's VIX history (when it has one), in the run's measure, on today's curve ({@link curveByDays}); its tables cover the
 * horizon plus the longest curve-shift tenor, every leg's expiry and every expiry the tail may roll
 * into. Those are not knots of today's curve: the model, and so the paths, are the same whether the
 * policy runs or not, and a call rolled into is marked on the curve as it is.
 */
function calibratedModel(s: MonteCarloSetup, lastExpiry: number): LogVixModel {
  const b = s.book;
  const vixLegs = [...b.overlay, ...b.tail, ...b.condor].filter((l) => l.kind === 'vix').map((l) => l.expiry);
  const H = s.run.horizonDays;
  const params = {
    ...CALIBRATED.params,
    rho: s.policy.spxVixCorrelation,
    realizedToImplied: s.policy.realizedToImplied,
  };
  return new LogVixModel(params, {
    spot: b.spot,
    vix: b.vix,
    rate: b.rate,
    divYield: spxPathYield(b, H),
    horizonDays: H,
    tableDays: Math.max(H + CURVE_SHIFT_TENORS[CURVE_SHIFT_TENORS.length - 1]!, lastExpiry),
    measure: s.run.measure,
    curve: curveByDays(b, vixLegs),
    ...startFactors(params, s.run.vixHistory),
  });
}

/** The factors the filter reads at the last close of the history (its last close is today's VIX). */
function startFactors(
  p: LogVixParams,
  history: readonly VixClose[] | undefined,
): { slowStart?: number; spikeStart?: number } {
  if (history === undefined) return {};
  const f = filterFactors(p, history, 'vixHistory');
  const n = history.length - 1;
  return { slowStart: f.slow[n]!, spikeStart: f.spike[n]! };
}

/** The futures a calibrated path sees: the model's own expectation at the path's factors. */
export class StateFutures implements PathFutures {
  constructor(
    private readonly model: LogVixModel,
    private readonly path: LogVixPath,
  ) {}
  future(day: number, expiryDay: number): number {
    return this.model.future(day, expiryDay, this.path.fast, this.path.slow, this.path.spike);
  }
}

/** Where {@link shiftLogRange} writes: [largest, smallest] log change of the curve. */
const shiftRange = new Float64Array(2);

/**
 * Calibrated model: the largest and smallest log change of the constant-maturity curve (the
 * trigger's tenors) between the path's state on `day` and the last rebalance's (refDay and the
 * factors then), written to {@link shiftRange}. The logarithm is affine in the factors: one row of
 * `cmByDay` a day and the loadings.
 */
function shiftLogRange(
  e: Engine,
  day: number,
  fast: number,
  slow: number,
  spike: number,
  refDay: number,
  refFast: number,
  refSlow: number,
  refSpike: number,
): void {
  const df = fast - refFast;
  const ds = slow - refSlow;
  const dj = spike - refSpike;
  const cf = e.cmFast;
  const cs = e.cmSlow;
  const cj = e.cmSpike;
  const cm = e.cmByDay;
  const K = cf.length;
  const now = day * K;
  const then = refDay * K;
  let hi = -Infinity;
  let lo = Infinity;
  for (let k = 0; k < K; k++) {
    const a = cm[now + k]! - cm[then + k]! + cf[k]! * df + cs[k]! * ds + cj[k]! * dj;
    if (a > hi) hi = a;
    if (a < lo) lo = a;
  }
  shiftRange[0] = hi;
  shiftRange[1] = lo;
}

/**
 * Calibrated model: the largest relative change of the constant-maturity curve (the trigger's
 * tenors) between the path's state on `day` and the last rebalance's: e^hi − 1 or 1 − e^lo of
 * {@link shiftLogRange}, whichever is larger.
 */
export function stateCurveShift(
  e: Engine,
  day: number,
  fast: number,
  slow: number,
  spike: number,
  refDay: number,
  refFast: number,
  refSlow: number,
  refSpike: number,
): number {
  shiftLogRange(e, day, fast, slow, spike, refDay, refFast, refSlow, refSpike);
  return shiftOfRange();
}

/** The largest relative change of the range {@link shiftLogRange} wrote: e^hi − 1 or 1 − e^lo, whichever is larger. */
function shiftOfRange(): number {
  const up = Math.exp(shiftRange[0]!) - 1;
  const down = 1 - Math.exp(shiftRange[1]!);
  return up > down ? up : down;
}

/**
 * Calibrated model: whether the curve-shift trigger fires at the state (day, fast, slow, spike)
 * against the last rebalance's, exactly `curveShiftTriggerFires(stateCurveShift(...), policy)`, the
 * two exponentials skipped when the log changes lie inside {@link ShiftBounds} (on most days of most
 * paths), where the trigger certainly does not fire.
 */
export function stateShiftFires(
  e: Engine,
  policy: Pick<Policy, 'curveShiftTrigger'>,
  day: number,
  fast: number,
  slow: number,
  spike: number,
  refDay: number,
  refFast: number,
  refSlow: number,
  refSpike: number,
): boolean {
  shiftLogRange(e, day, fast, slow, spike, refDay, refFast, refSlow, refSpike);
  const hi = shiftRange[0]!;
  const lo = shiftRange[1]!;
  if (hi < e.shiftBounds.hiBelow && lo > e.shiftBounds.loAbove) return false;
  return curveShiftTriggerFires(shiftOfRange(), policy);
}

/** Largest relative change of the model curve between VIX levels `then` and `now` over the tenors. */
export function modelCurveShift(e: Engine, now: number, then: number): number {
  const th = e.m.theta;
  let best = 0;
  for (let i = 0; i < e.shiftDecay.length; i++) {
    const k = e.shiftDecay[i]!;
    const a = modelFutureKernel(th, now, k);
    const b = modelFutureKernel(th, then, k);
    const r = Math.abs(a / b - 1);
    if (r > best) best = r;
  }
  return best;
}

/**
 * The tail a rebalance would open from nothing at a given state, with the whole tail budget:
 * strike, the contracts the coverage requires, those the budget buys, and the condor's drawdown
 * loss it sized them on (for checks against the plan; see {@link runMonteCarloSetup}). Null when the book's tail is not a single long VIX call
 * in whole contracts, or when the method finds no covering size.
 */
export function tailTargetAt(
  s: MonteCarloSetup,
  day: number,
  spot: number,
  vix: number,
): { contracts: number; strike: number; required: number; condorLoss: number } | null {
  const e = prepare(s);
  const t = e.resizable ? tailTarget(e, s.policy, day, spot, vix) : null;
  if (t === null) return null;
  const budget = s.book.tailBudget;
  const contracts =
    budget === undefined ? t.contracts : cutToBudget(t.contracts, t.premium * OPTION_MULTIPLIER, budget).quantity;
  const p = s.policy;
  const condorLoss = drawdownLoss(
    e,
    day,
    spot,
    vix,
    drawdownSpot(spot, p.drawdown),
    stressedVixKernel(vix, p),
    p.drawdownDays,
  );
  return { contracts, strike: t.strike, required: t.contracts, condorLoss };
}

export function sumAbsQty(c: CompiledLegs): number {
  let s = 0;
  for (let i = 0; i < c.n; i++) s += Math.abs(c.scale[i]!) / OPTION_MULTIPLIER;
  return s;
}
