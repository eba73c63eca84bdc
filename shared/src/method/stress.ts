/**
 * The drawdown scenario of ALVH-METHOD section 6: SPX falls `drawdown` over `drawdownDays`
 * calendar days, VIX jumps to the stressed level, every VX future moves by the term-structure
 * model's sensitivity, and the book is re-marked there.
 *
 * Decisions where the method is silent:
 * - The stressed future of an expiry is F + (VIX_s − VIX)·e^(−κ·τ'), where τ' is the time left to
 *   that expiry at the END of the drawdown (the model's sensitivity for the future as it will be
 *   then); the roll of the curve over those days is ignored. Floored at 0.01 points.
 * - The scenario is marked on the date `drawdownDays` after the valuation date, so both the condor
 *   and the hedges lose the time value of those days.
 * - Loss = value now − value in the scenario, both by the same model (skewed BSM at VIX/100), at
 *   least 0 and at most the condor's max loss.
 */
import { futureForExpiry, vixSensitivity, type TermStructure } from '../market/index';
import { checkPositive } from '../validate';
import { daysBetween } from '../dates';
import { markBook, type Leg, type MarketState } from '../book/index';
import { addDaysIso } from './dateUtil';
import type { Policy } from './policy';

/** Stressed VIX: policy.stressVix when set, else VIX + stressVixPerPct · drawdown · 100. */
export function stressedVix(vix: number, policy: Policy): number {
  checkPositive('vix', vix);
  return policy.stressVix ?? vix + policy.stressVixPerPct * policy.drawdown * 100;
}

/** The VX future of `expiry` after VIX moves to `newVix` and `horizonDays` pass (see module notes). */
export function stressedFuture(ts: TermStructure, expiry: string, newVix: number, horizonDays: number): number {
  const f = futureForExpiry(ts, expiry);
  const left = Math.max(0, daysBetween(ts.valuationDate, expiry) - horizonDays) / 365;
  return Math.max(0.01, f + (newVix - ts.vixSpot) * vixSensitivity(ts.fit.kappa, left));
}

/** A market state moved to the drawdown scenario. */
export function drawdownState(
  now: MarketState,
  ts: TermStructure,
  policy: Policy,
  newVix: number,
  stressVolOfVol: number,
  futureFor?: (expiry: string) => number,
): MarketState {
  const horizon = policy.drawdownDays;
  return {
    ...now,
    date: addDaysIso(now.date, horizon),
    spot: now.spot * (1 - policy.drawdown),
    vix: newVix,
    volOfVol: stressVolOfVol,
    futureFor: futureFor ?? ((e: string) => stressedFuture(ts, e, newVix, horizon)),
  };
}

/** The condor's loss between two states, in [0, maxLoss], USD. */
export function scenarioLoss(legs: readonly Leg[], now: MarketState, stressed: MarketState, maxLoss: number): number {
  const change = markBook(legs, stressed).value - markBook(legs, now).value;
  return Math.min(maxLoss, Math.max(0, -change));
}
