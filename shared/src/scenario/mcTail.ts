/**
 * The tail sizing a Monte Carlo rebalance runs along a path: the run's constant sizing arguments
 * checked once, and the tail the method asks for at a path state (the method's unchecked kernel
 * inside the checked domain, `sizeTailHedge` itself outside it).
 */
import { isAlvhError } from '../errors';
import { MAX_VIX_POINTS } from '../validate';
import {
  resolveTailSizeInput,
  tailSizeInputFor,
  sizeTailHedge,
  sizeTailHedgeKernel,
  tailStrike,
  type TailSizeArgs,
  type TailSizeResult,
} from '../method/index';
import { drawdownSpot, scenarioLossKernel, shockedFutureKernel, stressedVixKernel } from '../method/stress';
import { type Policy } from '../schemas/policy';
import { legFuture, legsValue, vixVolAt, type CompiledLegs, type PricerMarket } from './pathPricer';

/** Largest hedge future (points) a rebalance sizes with the unchecked kernel; beyond it, the checked path. */
const KERNEL_MAX_FUTURE = 1e6;

/** What a rebalance's tail sizing reads of the run's compiled state. */
export interface TailEngine {
  m: PricerMarket;
  tail: CompiledLegs;
  /**
   * The positions whose drawdown losses are capped one by one and summed, each compiled with its
   * max loss (USD) and last expiry (days): a plan's condors, or a book's legs as one position
   * capped at the book's max loss.
   */
  condorGroups: readonly { legs: CompiledLegs; maxLoss: number; expiry: number }[];
  /**
   * The sizing arguments of a rebalance, the run's constants filled in once (the path's loss,
   * futures and years are set per call); null when those constants fail the method's checks, so
   * every rebalance takes the checked path (and, as there, finds no size).
   */
  tailArgs: TailSizeArgs | null;
  /** Where the kernel writes a rebalance's sizing. */
  tailSized: TailSizeResult;
}

/**
 * The run's constant sizing arguments, validated once by the method's own checks with the widest
 * values the path can bring (the highest VX price the unit check accepts as today's future, a
 * stressed future of {@link KERNEL_MAX_FUTURE}, the tail's full life in years); null when they
 * fail. The path's futures are model output, not user input: the unit check on a hedge future
 * (1-500 points, `checkVxPrice`) guards what a caller types, and the kernel prices any future in
 * [0.01, KERNEL_MAX_FUTURE] with the same maths as `sizeTailHedge`.
 */
export function tailSizeConstants(policy: Policy, m: PricerMarket, tailExpiry: number): TailSizeArgs | null {
  try {
    return resolveTailSizeInput(tailSizeInput(policy, m, 0, MAX_VIX_POINTS, tailExpiry / 365, KERNEL_MAX_FUTURE));
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
 * The condor's loss in the drawdown scenario from (day, spot, vix) to the stressed spot and VIX
 * `ddDays` later: each position's ({@link TailEngine.condorGroups}) valued at intrinsic from its
 * expiry on and capped at its max loss (the plan's scenario), summed; a settled one counts 0.
 */
export function drawdownLoss(
  e: TailEngine,
  day: number,
  spot: number,
  vix: number,
  sSpot: number,
  sVix: number,
  ddDays: number,
): number {
  let loss = 0;
  for (const g of e.condorGroups) {
    if (g.expiry <= day) continue; // settled
    const sDay = Math.min(day + ddDays, g.expiry);
    loss += scenarioLossKernel(
      legsValue(g.legs, day, spot, vix, e.m),
      legsValue(g.legs, sDay, sSpot, sVix, e.m),
      g.maxLoss,
    );
  }
  return loss;
}

/**
 * The tail the method asks for at a rebalance on `day` with SPX `spot` and VIX `vix`: the condor's
 * loss in the drawdown scenario from here, the hedge expiry's future now and stressed, the
 * method's tail sizing (its unchecked kernel when the inputs are inside the checked domain, as they
 * are on any sane path; else `sizeTailHedge` itself), then the tail budget (`cutToBudget`). Null
 * when the method finds no covering size for a loss above 0 (the tail is then left as it is); a
 * loss of 0 asks for 0 contracts.
 */
export function tailTarget(
  e: TailEngine,
  policy: Policy,
  day: number,
  spot: number,
  vix: number,
): TailSizeResult | null {
  const { tail, m } = e;
  const dd = policy.drawdown;
  const ddDays = policy.drawdownDays;
  const tailExpiry = tail.expiryDay[0]!;
  const sVix = stressedVixKernel(vix, policy);
  const loss = drawdownLoss(e, day, spot, vix, drawdownSpot(spot, dd), sVix, ddDays);
  const hedgeFuture = legFuture(tail, 0, day, vix, m);
  const hedgeYears = (tailExpiry - day) / 365;
  const stressedFuture = shockedFutureKernel(
    hedgeFuture,
    sVix - vix,
    policy.shockKappa,
    Math.max(0, tailExpiry - day - ddDays),
  );
  // The hedge call's vols today and in the scenario, from the VIX-option surface at its strike (as the plan reads them).
  const strike = tailStrike(hedgeFuture, policy.tailOtmPct, policy.vixStrikeStep);
  const vov = vixVolAt(m, m.volOfVol, Math.max(hedgeYears, 1 / 365), strike, hedgeFuture);
  const sVov = vixVolAt(
    m,
    policy.stressVolOfVol ?? m.volOfVol,
    Math.max(hedgeYears - ddDays / 365, 1 / 365),
    strike,
    stressedFuture,
  );
  const a = e.tailArgs;
  if (a !== null && loss >= 0 && hedgeFuture <= KERNEL_MAX_FUTURE && stressedFuture <= KERNEL_MAX_FUTURE) {
    a.condorLoss = loss;
    a.hedgeFuture = hedgeFuture;
    a.hedgeYears = hedgeYears;
    a.volOfVol = vov;
    a.stressVolOfVol = sVov;
    a.stressedFuture = stressedFuture;
    const sized = sizeTailHedgeKernel(a, e.tailSized);
    // a loss of 0 asks for 0 contracts whatever the call gains, as sizeTailHedge sizes it
    return sized.gainPerContract > 0 || loss === 0 ? sized : null;
  }
  try {
    return sizeTailHedge({
      ...tailSizeInput(policy, m, loss, hedgeFuture, hedgeYears, stressedFuture),
      volOfVol: vov,
      stressVolOfVol: sVov,
    });
  } catch (err) {
    if (isAlvhError(err)) return null;
    throw err;
  }
}
