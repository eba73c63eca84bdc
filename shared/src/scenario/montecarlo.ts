/**
 * The Monte Carlo engine: joint SPX/VIX paths ({@link JointPath}) driven by a counter-based
 * generator keyed by (seed, path), the book repriced along each path ({@link legsValue}), the ALVH
 * rebalancing policy applied on the way, and per-path P&L stored in path order.
 *
 * Reproducibility contract: the P&L of path i depends only on the resolved input and i. A chunk
 * [firstPath, firstPath + pathCount) therefore produces exactly the slice of the full run, and
 * {@link mergeMonteCarlo} of contiguous chunks in path order equals one run, bit for bit; every
 * summary figure is a fixed-order function of the merged arrays.
 */
import { invalidInput, isAlvhError, noSolution } from '../errors';
import { parseIsoDate } from '../dates';
import { CURVE_SHIFT_TENORS } from '../market/index';
import {
  curveShiftTriggerFires,
  cutToBudget,
  daysTriggerFires,
  drawdownSpot,
  resolveTailSizeInput,
  scenarioLossKernel,
  shockedFutureKernel,
  stressedVixKernel,
  tailSizeInputFor,
  sizeTailHedge,
  sizeTailHedgeKernel,
  type TailSizeArgs,
  type TailSizeResult,
} from '../method/index';
import { type Policy } from '../schemas/policy';
import { parseInput } from '../schemas/parse';
import {
  MonteCarloInputSchema,
  MonteCarloPartialSchema,
  checkMonteCarloLimits,
  type MonteCarloInput,
} from '../schemas/scenario';
import { scenarioSource, type ScenarioBook } from './scenarioBook';
import { JointPath, resolveDynamics, type Dynamics, type DynamicsParams } from './dynamics';
import { PathDraws } from './philox';
import {
  compileLegs,
  dayFactors,
  legFuture,
  legPrice,
  legsSettling,
  legsValue,
  type CompiledLegs,
  type PricerMarket,
} from './pathPricer';
import { describeDistribution, histogram, type DistributionStats, type Histogram } from './statistics';

export type { ScenarioBook } from './scenarioBook';

/** Paths between progress reports and cancellation checks. */
export const PROGRESS_EVERY = 1024;

/** Thrown by {@link runMonteCarloChunk} when `shouldCancel` returns true. */
export class MonteCarloCancelled extends Error {
  override readonly name = 'MonteCarloCancelled';
  constructor(readonly pathsDone: number) {
    super(`Monte Carlo cancelled after ${pathsDone} paths`);
  }
}

/** Dynamics parameters the user may set; the rest come from the book and the policy. */
export interface ModelParams {
  /** Square-root diffusion coefficient ξ; default volOfVol·√VIX₀ (VIX's instantaneous vol today = volOfVol). */
  xi?: number;
  /** Jumps per year (default 1). */
  jumpIntensity: number;
  /** Mean VIX up-jump, points (default 8). */
  jumpMeanVix: number;
  /** SPX log drop per VIX point of jump (default 1/150: 1% SPX per 1.5 VIX points, the policy's stressVixPerPct). */
  spxJumpPerVixPoint: number;
}

export interface RunSpec {
  /** Total paths of the run (the chunk is [firstPath, firstPath + pathCount)). */
  paths: number;
  /** 32-bit seed. */
  seed: number;
  firstPath: number;
  pathCount: number;
  /** Horizon in calendar days (steps). */
  horizonDays: number;
  /** Pair paths (2j, 2j+1) with negated diffusion shocks. */
  antithetic: boolean;
  /** Apply the rebalancing policy (tail resizing); false keeps the book fixed. */
  rebalance: boolean;
}

/** Everything a chunk needs, validated. */
export interface MonteCarloSetup {
  book: ScenarioBook;
  policy: Policy;
  model: ModelParams;
  run: RunSpec;
}

/** The result of a chunk: per-path figures in path order, plus what the summary needs. */
export interface MonteCarloPartial {
  seed: number;
  paths: number;
  firstPath: number;
  pathCount: number;
  horizonDays: number;
  antithetic: boolean;
  /** Condor max loss at expiry, USD (positive). */
  condorMaxLoss: number;
  /** Net debit paid for the hedges at t = 0 (overlay + tail value), USD. */
  hedgeDebit: number;
  /** Tail contracts at t = 0. */
  tailContracts0: number;
  /** P&L of the unhedged condor per path, USD. */
  condor: Float64Array;
  /** P&L of the ALVH book (condor + overlay + tail, after transaction costs) per path, USD. */
  book: Float64Array;
  /** Transaction costs per path, USD. */
  costs: Float64Array;
  /** Rebalances taken per path. */
  rebalances: Uint16Array;
  /** Tail contracts at the horizon per path. */
  tailContracts: Float64Array;
  /** SPX and VIX (floored, as priced) at the horizon per path, points. */
  spxEnd: Float64Array;
  vixEnd: Float64Array;
}

/** Summary of a (merged) run. */
export interface MonteCarloSummary {
  paths: number;
  seed: number;
  firstPath: number;
  horizonDays: number;
  antithetic: boolean;
  condor: DistributionStats;
  alvh: DistributionStats;
  /** Shared-bin histogram: counts[0] the condor, counts[1] the ALVH book. */
  histogram: Histogram;
  condorMaxLoss: number;
  /** Net hedge debit at t = 0 + mean transaction costs, USD. */
  hedgeCost: number;
  hedgeDebit: number;
  meanTransactionCosts: number;
  /** Mean P&L given up by hedging: mean(condor) − mean(ALVH), USD. */
  hedgeCarry: number;
  /** Rebalances per path: mean and the largest. */
  rebalancesMean: number;
  rebalancesMax: number;
  tailContractsStart: number;
  tailContractsEndMean: number;
  /** (CVaR95 condor − CVaR95 ALVH) / hedgeCost; null when the hedges cost nothing. */
  hedgeEffectiveness: number | null;
}

interface Engine {
  d: Dynamics;
  m: PricerMarket;
  condor: CompiledLegs;
  overlay: CompiledLegs;
  tail: CompiledLegs;
  condorExpiry: number;
  condorMaxLoss: number;
  v0: { condor: number; overlay: number; tail: number };
  tailQty0: number;
  tailStrike0: number;
  resizable: boolean;
  shiftDecay: Float64Array;
  /**
   * The sizing arguments of a rebalance, the run's constants filled in once (the path's loss,
   * futures and years are set per call); null when those constants fail the method's checks, so
   * every rebalance takes the checked path (and, as there, finds no size).
   */
  tailArgs: TailSizeArgs | null;
  /** Where the kernel writes a rebalance's sizing. */
  tailSized: TailSizeResult;
}

/** Longest time to expiry (days) with tabulated time factors. */
const MAX_FACTOR_DAYS = 3650;

/** Largest hedge future (points) a rebalance sizes with the unchecked kernel; beyond it, the checked path. */
const KERNEL_MAX_FUTURE = 1e6;

function prepare(s: MonteCarloSetup): Engine {
  const b = s.book;
  const p = s.policy;
  const day0 = parseIsoDate('valuationDate', b.valuationDate);
  const m: PricerMarket = {
    rate: b.rate,
    divYield: b.divYield,
    volOfVol: b.volOfVol,
    skew: b.skew,
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
    divYield: b.divYield,
    jumpIntensity: s.model.jumpIntensity,
    jumpMeanVix: s.model.jumpMeanVix,
    spxJumpPerVixPoint: s.model.spxJumpPerVixPoint,
  };
  const d = resolveDynamics(dp);
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
  // Time factors by day to expiry for every leg (ten years at most; longer legs compute theirs).
  let lastExpiry = 0;
  for (const c of [condor, overlay, tail])
    for (let i = 0; i < c.n; i++) lastExpiry = Math.max(lastExpiry, c.expiryDay[i]!);
  m.factors = dayFactors(m, Math.min(lastExpiry, MAX_FACTOR_DAYS) + 1);
  // Max loss at expiry: the lowest payoff (piecewise linear: check 0, every strike, twice the top strike) below today's value.
  let minPayoff = Infinity;
  const probes = [0, ...Array.from(condor.strike), 2 * Math.max(...Array.from(condor.strike))];
  for (const x of probes) minPayoff = Math.min(minPayoff, legsSettling(condor, condorExpiry, x, b.vix));
  const v0 = {
    condor: b.condorEntryValue ?? legsValue(condor, 0, b.spot, b.vix, m),
    overlay: legsValue(overlay, 0, b.spot, b.vix, m),
    tail: legsValue(tail, 0, b.spot, b.vix, m),
  };
  const resizable =
    tail.n === 1 &&
    tail.isVix[0] === 1 &&
    tail.isCall[0] === 1 &&
    tail.scale[0]! >= 0 &&
    Number.isInteger(tail.scale[0]! / 100);
  const shiftDecay = Float64Array.from(CURVE_SHIFT_TENORS, (t) => Math.exp((-b.kappa * t) / 365));
  return {
    tailArgs: resizable ? tailSizeConstants(p, m, tail.expiryDay[0]!) : null,
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
    condorMaxLoss: Math.max(0, v0.condor - minPayoff),
    v0,
    tailQty0: tail.n === 1 ? tail.scale[0]! / 100 : 0,
    tailStrike0: tail.n === 1 ? tail.strike[0]! : 0,
    resizable,
    shiftDecay,
  };
}

/** Largest relative change of the model curve between VIX levels `then` and `now` over the tenors. */
function modelCurveShift(e: Engine, now: number, then: number): number {
  const th = e.m.theta;
  let best = 0;
  for (let i = 0; i < e.shiftDecay.length; i++) {
    const k = e.shiftDecay[i]!;
    const a = th + (now - th) * k;
    const b = th + (then - th) * k;
    const r = Math.abs(a / b - 1);
    if (r > best) best = r;
  }
  return best;
}

/**
 * Run paths [firstPath, firstPath + pathCount) of the setup. Throws {@link MonteCarloCancelled}
 * when `shouldCancel` returns true (checked every {@link PROGRESS_EVERY} paths).
 */
export function runMonteCarloSetup(
  s: MonteCarloSetup,
  opts: { onProgress?: (done: number, total: number) => void; shouldCancel?: () => boolean } = {},
): MonteCarloPartial {
  const e = prepare(s);
  const { run, policy } = s;
  const { d, m, condor, overlay, tail } = e;
  const n = run.pathCount;
  const H = run.horizonDays;
  const out: MonteCarloPartial = {
    seed: run.seed,
    paths: run.paths,
    firstPath: run.firstPath,
    pathCount: n,
    horizonDays: H,
    antithetic: run.antithetic,
    condorMaxLoss: e.condorMaxLoss,
    hedgeDebit: e.v0.overlay + e.v0.tail,
    tailContracts0: e.tailQty0,
    condor: new Float64Array(n),
    book: new Float64Array(n),
    costs: new Float64Array(n),
    rebalances: new Uint16Array(n),
    tailContracts: new Float64Array(n),
    spxEnd: new Float64Array(n),
    vixEnd: new Float64Array(n),
  };
  const path = new JointPath(d);
  const draws = new PathDraws();
  const tc = policy.transactionCostPerContract;
  const initialCost = tc * (sumAbsQty(overlay) + sumAbsQty(tail));
  const doRebalance = run.rebalance && e.resizable;
  const ddDays = policy.drawdownDays;
  const tailExpiry = tail.n === 1 ? tail.expiryDay[0]! : 0;
  const tailBudget = s.book.tailBudget;
  // Days on which some leg expires and settles (the only days the loop needs SPX before a rebalance).
  const settleDay = new Uint8Array(H + 1);
  for (const c of [condor, overlay, tail])
    for (let k = 0; k < c.n; k++) if (c.expiryDay[k]! <= H) settleDay[c.expiryDay[k]!] = 1;
  for (let j = 0; j < n; j++) {
    if (j % PROGRESS_EVERY === 0 && j > 0) {
      if (opts.shouldCancel?.()) throw new MonteCarloCancelled(j);
      opts.onProgress?.(j, n);
    }
    const i = run.firstPath + j;
    path.reset();
    draws.key(run.seed, run.antithetic ? Math.floor(i / 2) : i);
    const sign = run.antithetic && i % 2 === 1 ? -1 : 1;
    let condorCash = -e.v0.condor;
    let hedgeCash = -(e.v0.overlay + e.v0.tail);
    let costs = initialCost;
    let rebalances = 0;
    let lastReb = 0;
    let vRef = d.vix;
    let tailQty = e.tailQty0;
    // Net cash spent on the tail so far (premium paid less sale proceeds), against the tail budget.
    let tailSpent = e.v0.tail;
    if (tail.n === 1) {
      tail.strike[0] = e.tailStrike0;
      tail.scale[0] = tailQty * 100;
    }
    for (let t = 0; t < H; t++) {
      draws.step(t);
      path.advance(draws, sign);
      const day = t + 1;
      const vix = path.vix;
      if (settleDay[day] === 1) {
        const spot = path.spot;
        condorCash += legsSettling(condor, day, spot, vix);
        hedgeCash += legsSettling(overlay, day, spot, vix) + legsSettling(tail, day, spot, vix);
      }
      if (!doRebalance || day >= H || tailExpiry - day <= ddDays) continue;
      if (!daysTriggerFires(day - lastReb, policy) && !curveShiftTriggerFires(modelCurveShift(e, vix, vRef), policy))
        continue;
      const spot = path.spot;
      // Rebalance: resize the tail to cover the condor's loss in the drawdown scenario from here.
      rebalances++;
      lastReb = day;
      vRef = vix;
      if (day >= e.condorExpiry) continue;
      const target = tailTarget(e, policy, day, spot, vix);
      if (target === null) continue; // no covering size here: keep the tail as it is
      // The sizing's premium is the path mark of a call at the target strike (Black-76 on the same
      // future, vol of vol, rate and years as legPrice, so the same number): no second pricing.
      const targetPrice = target.premium * 100;
      const sameStrike = target.strike === tail.strike[0];
      const oldPrice = sameStrike ? targetPrice : legPrice(tail, 0, day, spot, vix, m) * 100;
      if (sameStrike) {
        // Same strike: trade the difference; purchases only with what is left of the budget.
        let next = target.contracts;
        if (next > tailQty && tailBudget !== undefined) {
          next = tailQty + cutToBudget(next - tailQty, oldPrice, Math.max(0, tailBudget - tailSpent)).quantity;
        }
        const delta = next - tailQty;
        if (delta === 0) continue;
        hedgeCash -= delta * oldPrice;
        tailSpent += delta * oldPrice;
        costs += Math.abs(delta) * tc;
        tailQty = next;
      } else {
        // New strike: sell the old calls, buy the new ones within what is left of the budget.
        hedgeCash += tailQty * oldPrice;
        tailSpent -= tailQty * oldPrice;
        tail.strike[0] = target.strike;
        const newPrice = targetPrice;
        const next =
          tailBudget === undefined
            ? target.contracts
            : cutToBudget(target.contracts, newPrice, Math.max(0, tailBudget - tailSpent)).quantity;
        hedgeCash -= next * newPrice;
        tailSpent += next * newPrice;
        costs += (tailQty + next) * tc;
        tailQty = next;
      }
      tail.scale[0] = tailQty * 100;
    }
    const spot = path.spot;
    const vix = path.vix;
    const condorPnl = condorCash + legsAtHorizon(condor, H, spot, vix, m);
    const hedgePnl = hedgeCash + legsAtHorizon(overlay, H, spot, vix, m) + legsAtHorizon(tail, H, spot, vix, m);
    const bookPnl = condorPnl + hedgePnl - costs;
    if (!Number.isFinite(bookPnl) || !Number.isFinite(condorPnl)) {
      throw noSolution(
        'model',
        `path ${i} ends with a non-finite P&L (SPX ${spot}, VIX ${vix})`,
        'lower model.xi, model.jumpMeanVix or model.jumpIntensity',
      );
    }
    out.condor[j] = condorPnl;
    out.book[j] = bookPnl;
    out.costs[j] = costs;
    out.rebalances[j] = rebalances;
    out.tailContracts[j] = tailQty;
    out.spxEnd[j] = spot;
    out.vixEnd[j] = vix;
  }
  if (tail.n === 1) {
    tail.strike[0] = e.tailStrike0;
    tail.scale[0] = e.tailQty0 * 100;
  }
  opts.onProgress?.(n, n);
  return out;
}

/**
 * The run's constant sizing arguments, validated once by the method's own checks with the widest
 * values the path can bring (a future of {@link KERNEL_MAX_FUTURE}, the tail's full life in years);
 * null when they fail. Whatever passes here, a rebalance with a finite loss ≥ 0 and futures in
 * [0.01, KERNEL_MAX_FUTURE] would pass `sizeTailHedge`'s checks too, so the kernel gives its
 * numbers exactly.
 */
function tailSizeConstants(policy: Policy, m: PricerMarket, tailExpiry: number): TailSizeArgs | null {
  try {
    return resolveTailSizeInput(tailSizeInput(policy, m, 0, KERNEL_MAX_FUTURE, tailExpiry / 365, KERNEL_MAX_FUTURE));
  } catch (err) {
    if (isAlvhError(err)) return null;
    throw err;
  }
}

/** The method's tail-sizing input at a rebalance: the path's figures plus the policy's constants. */
function tailSizeInput(
  policy: Policy,
  m: PricerMarket,
  condorLoss: number,
  hedgeFuture: number,
  hedgeYears: number,
  stressedFuture: number,
): Parameters<typeof sizeTailHedge>[0] {
  return tailSizeInputFor(policy, {
    condorLoss,
    hedgeFuture,
    hedgeYears,
    volOfVol: m.volOfVol,
    stressedFuture,
    rate: m.rate,
  });
}

/**
 * The tail the method asks for at a rebalance on `day` with SPX `spot` and VIX `vix`: the condor's
 * loss in the drawdown scenario from here, the hedge expiry's future now and stressed, the
 * method's tail sizing (its unchecked kernel when the inputs are inside the checked domain, as they
 * are on any sane path; else `sizeTailHedge` itself), then the tail budget (`cutToBudget`). Null
 * when the method finds no covering size (the tail is then left as it is).
 */
function tailTarget(e: Engine, policy: Policy, day: number, spot: number, vix: number): TailSizeResult | null {
  const { condor, tail, m } = e;
  const dd = policy.drawdown;
  const ddDays = policy.drawdownDays;
  const tailExpiry = tail.expiryDay[0]!;
  const sDay = Math.min(day + ddDays, e.condorExpiry);
  const sVix = stressedVixKernel(vix, policy);
  const loss = scenarioLossKernel(
    legsValue(condor, day, spot, vix, m),
    legsValue(condor, sDay, drawdownSpot(spot, dd), sVix, m),
    e.condorMaxLoss,
  );
  const hedgeFuture = legFuture(tail, 0, day, vix, m);
  const hedgeYears = (tailExpiry - day) / 365;
  const stressedFuture = shockedFutureKernel(
    hedgeFuture,
    sVix - vix,
    policy.shockKappa,
    Math.max(0, tailExpiry - day - ddDays),
  );
  const a = e.tailArgs;
  if (a !== null && loss >= 0 && hedgeFuture <= KERNEL_MAX_FUTURE && stressedFuture <= KERNEL_MAX_FUTURE) {
    a.condorLoss = loss;
    a.hedgeFuture = hedgeFuture;
    a.hedgeYears = hedgeYears;
    a.stressedFuture = stressedFuture;
    const sized = sizeTailHedgeKernel(a, e.tailSized);
    return sized.gainPerContract > 0 ? sized : null;
  }
  try {
    return sizeTailHedge(tailSizeInput(policy, m, loss, hedgeFuture, hedgeYears, stressedFuture));
  } catch (err) {
    if (isAlvhError(err)) return null;
    throw err;
  }
}

/**
 * The tail a rebalance would open from nothing at a given state, with the whole tail budget:
 * strike, the contracts the coverage requires, and those the budget buys (for checks against the
 * plan; see {@link runMonteCarloSetup}). Null when the book's tail is not a single long VIX call
 * in whole contracts, or when the method finds no covering size.
 */
export function tailTargetAt(
  s: MonteCarloSetup,
  day: number,
  spot: number,
  vix: number,
): { contracts: number; strike: number; required: number } | null {
  const e = prepare(s);
  const t = e.resizable ? tailTarget(e, s.policy, day, spot, vix) : null;
  if (t === null) return null;
  const budget = s.book.tailBudget;
  const contracts = budget === undefined ? t.contracts : cutToBudget(t.contracts, t.premium * 100, budget).quantity;
  return { contracts, strike: t.strike, required: t.contracts };
}

/** Value at the horizon of legs still alive after it (those expiring on or before were settled). */
function legsAtHorizon(c: CompiledLegs, h: number, spot: number, vix: number, m: PricerMarket): number {
  let v = 0;
  for (let i = 0; i < c.n; i++) {
    if (c.expiryDay[i]! <= h) continue;
    v += c.scale[i]! * legPrice(c, i, h, spot, vix, m);
  }
  return v;
}

function sumAbsQty(c: CompiledLegs): number {
  let s = 0;
  for (let i = 0; i < c.n; i++) s += Math.abs(c.scale[i]!) / 100;
  return s;
}

/** Default horizon: the condor's expiry, in calendar days from the valuation date. */
export function condorHorizonDays(book: Pick<ScenarioBook, 'valuationDate' | 'condor'>): number {
  const day0 = parseIsoDate('valuationDate', book.valuationDate);
  let h = 0;
  book.condor.forEach((l, i) => {
    h = Math.max(h, parseIsoDate(`book.condor[${i}].expiry`, l.expiry) - day0);
  });
  return h;
}

/**
 * Concatenate contiguous chunks of one run in path order. Throws when the chunks come from
 * different runs, overlap or leave a gap.
 */
export function mergeMonteCarlo(parts: readonly MonteCarloPartial[]): MonteCarloPartial {
  if (parts.length === 0) throw invalidInput('parts', 'is empty', 'pass at least one Monte Carlo partial result');
  // Parts that came through JSON (plain arrays) are validated and revived first.
  const typed = parts.map((p) => (ArrayBuffer.isView(p.book) ? p : reviveMonteCarloPartial(p)));
  const sorted = typed.sort((a, b) => a.firstPath - b.firstPath);
  const first = sorted[0]!;
  let next = first.firstPath;
  let total = 0;
  sorted.forEach((p, k) => {
    const same =
      p.seed === first.seed &&
      p.paths === first.paths &&
      p.horizonDays === first.horizonDays &&
      p.antithetic === first.antithetic &&
      p.condorMaxLoss === first.condorMaxLoss &&
      p.hedgeDebit === first.hedgeDebit;
    if (!same)
      throw invalidInput(
        `parts[${k}]`,
        'comes from a different run (seed, paths, horizon or book differ)',
        'merge only chunks of one run',
      );
    if (p.firstPath !== next) {
      throw invalidInput(
        `parts[${k}].firstPath`,
        `is ${p.firstPath}, expected ${next}`,
        'merge contiguous chunks with no gap or overlap',
      );
    }
    next += p.pathCount;
    total += p.pathCount;
  });
  const cat = <T extends Float64Array | Uint16Array>(
    pick: (p: MonteCarloPartial) => T,
    ArrayType: new (n: number) => T,
  ): T => {
    const out = new ArrayType(total);
    let at = 0;
    for (const p of sorted) {
      out.set(pick(p), at);
      at += p.pathCount;
    }
    return out;
  };
  return {
    ...first,
    pathCount: total,
    condor: cat((p) => p.condor, Float64Array),
    book: cat((p) => p.book, Float64Array),
    costs: cat((p) => p.costs, Float64Array),
    rebalances: cat((p) => p.rebalances, Uint16Array),
    tailContracts: cat((p) => p.tailContracts, Float64Array),
    spxEnd: cat((p) => p.spxEnd, Float64Array),
    vixEnd: cat((p) => p.vixEnd, Float64Array),
  };
}

/** Summary statistics of a (merged) partial result. */
export function summarizeMonteCarlo(p: MonteCarloPartial): MonteCarloSummary {
  if (p.pathCount < 2) throw invalidInput('pathCount', `is ${p.pathCount}`, 'summarize at least 2 paths');
  const condor = describeDistribution(p.condor, p.firstPath, p.antithetic, p.condorMaxLoss);
  const alvh = describeDistribution(p.book, p.firstPath, p.antithetic, p.condorMaxLoss);
  let costs = 0;
  let reb = 0;
  let rebMax = 0;
  let tailEnd = 0;
  for (let i = 0; i < p.pathCount; i++) {
    costs += p.costs[i]!;
    reb += p.rebalances[i]!;
    rebMax = Math.max(rebMax, p.rebalances[i]!);
    tailEnd += p.tailContracts[i]!;
  }
  const meanCosts = costs / p.pathCount;
  const hedgeCost = p.hedgeDebit + meanCosts;
  return {
    paths: p.pathCount,
    seed: p.seed,
    firstPath: p.firstPath,
    horizonDays: p.horizonDays,
    antithetic: p.antithetic,
    condor,
    alvh,
    histogram: histogram([p.condor, p.book]),
    condorMaxLoss: p.condorMaxLoss,
    hedgeCost,
    hedgeDebit: p.hedgeDebit,
    meanTransactionCosts: meanCosts,
    hedgeCarry: condor.mean - alvh.mean,
    rebalancesMean: reb / p.pathCount,
    rebalancesMax: rebMax,
    tailContractsStart: p.tailContracts0,
    tailContractsEndMean: tailEnd / p.pathCount,
    hedgeEffectiveness: hedgeCost > 0 ? (condor.cvar95 - alvh.cvar95) / hedgeCost : null,
  };
}

/**
 * Run one chunk of a Monte Carlo from raw input (validated by {@link MonteCarloInputSchema}):
 * paths [firstPath, firstPath + pathCount) of the run. `onProgress(done, total)` is called every
 * {@link PROGRESS_EVERY} paths; `shouldCancel()` is polled as often and stops the run with
 * {@link MonteCarloCancelled}.
 *
 * @example
 * const part = runMonteCarloChunk({ book, paths: 20000, seed: 7 });
 * summarizeMonteCarlo(part).alvh.cvar95;
 */
export function runMonteCarloChunk(
  input: unknown,
  opts: { onProgress?: (done: number, total: number) => void; shouldCancel?: () => boolean } = {},
): MonteCarloPartial {
  return runMonteCarloSetup(monteCarloSetup(input), opts);
}

/** Parse and resolve a Monte Carlo input into the engine's setup (limits checked). */
export function monteCarloSetup(input: unknown): MonteCarloSetup {
  const v: MonteCarloInput = parseInput(MonteCarloInputSchema, input);
  const { book, policy } = scenarioSource(v);
  const horizonDays = v.horizonDays ?? condorHorizonDays(book);
  const pathCount = v.pathCount ?? v.paths - v.firstPath;
  checkMonteCarloLimits(v.paths, pathCount, horizonDays);
  const model: ModelParams = {
    jumpIntensity: v.model.jumpIntensity,
    jumpMeanVix: v.model.jumpMeanVix,
    spxJumpPerVixPoint: v.model.spxJumpPerVixPoint,
  };
  if (v.model.xi !== undefined) model.xi = v.model.xi;
  return {
    book,
    policy,
    model,
    run: {
      paths: v.paths,
      seed: v.seed,
      firstPath: v.firstPath,
      pathCount,
      horizonDays,
      antithetic: v.antithetic,
      rebalance: v.rebalance,
    },
  };
}

/**
 * A partial result back from JSON (arrays instead of typed arrays), validated: every per-path
 * array must hold `pathCount` finite numbers. Doubles survive JSON exactly (shortest round-trip
 * form), so a revived partial merges to the same bits as the original.
 */
export function reviveMonteCarloPartial(raw: unknown): MonteCarloPartial {
  const p = parseInput(MonteCarloPartialSchema, raw);
  for (const key of ['condor', 'book', 'costs', 'rebalances', 'tailContracts', 'spxEnd', 'vixEnd'] as const) {
    if (p[key].length !== p.pathCount) {
      throw invalidInput(
        key,
        `has ${p[key].length} values for ${p.pathCount} paths`,
        'pass one value per path of the chunk',
      );
    }
  }
  return {
    ...p,
    condor: Float64Array.from(p.condor),
    book: Float64Array.from(p.book),
    costs: Float64Array.from(p.costs),
    rebalances: Uint16Array.from(p.rebalances),
    tailContracts: Float64Array.from(p.tailContracts),
    spxEnd: Float64Array.from(p.spxEnd),
    vixEnd: Float64Array.from(p.vixEnd),
  };
}
