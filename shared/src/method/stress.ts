/**
 * The drawdown scenario of ALVH-METHOD section 6: SPX falls `drawdown` over `drawdownDays`
 * calendar days, VIX jumps to the stressed level, every VX future moves by the term-structure
 * model's sensitivity, and the book is re-marked there.
 *
 * Decisions where the method is silent:
 * - The stressed future of an expiry is F + (VIX_s − VIX)·e^(−κ_s·τ'), where τ' is the time left to
 *   that expiry at the END of the drawdown and κ_s is `policy.shockKappa` (default 6), the response
 *   of the futures to a VIX shock measured on the 2007-2021 VX history — NOT the κ fitted to today's
 *   curve, which describes the curve's shape and on stressed days reaches 15-30 a year, so that a
 *   30-point VIX shock would move a 45-day future by a point or two. The roll of the curve over
 *   those days is ignored. Floored at 0.01 points.
 * - The scenario is marked on the date `drawdownDays` after the valuation date, so both the condor
 *   and the hedges lose the time value of those days.
 * - Loss = value now − value in the scenario, both by the same marks (book/marks.ts: the
 *   surface of today moved to the scenario's VIX and spot, Section 2b), at
 *   least 0 and at most the condor's max loss.
 */
import { futureForExpiry, type FutureForExpiryOptions, type TermStructure } from '../market/index';
import { shockedFutureKernel } from '../market/termStructure';
import { checkPositive } from '../validate';
import { invalidInput } from '../errors';
import { daysBetween } from '../dates';
import { markBook, refusedLeg, surfacesOf, type Leg, type MarketState } from '../book/index';
import { addDaysIso } from './dateUtil';
import { DEFAULT_POLICY, MAX_STRESS_VIX, type Policy } from '../schemas/policy';

/** The policy fields of the stressed VIX. */
export type StressVixPolicy = Pick<Policy, 'stressVix' | 'stressVixPerPct' | 'drawdown'>;

/**
 * Stressed VIX: policy.stressVix when set, else VIX + stressVixPerPct · drawdown · 100. Above
 * {@link MAX_STRESS_VIX} it is refused: at `vixField`, the caller's VIX, when the rule's policy is
 * the default (a VIX of 290 was refused as policy.stressVixPerPct, a field not sent); else at
 * policy.stressVixPerPct. `day` is the date of the history row the VIX is from (a replay, whose
 * `vixField` is the row's: `row.vix`), said in the problem; the fix offers policy.stressVix too, which
 * replays a history whose VIX is not the caller's to lower.
 */
export function stressedVix(vix: number, policy: StressVixPolicy, day?: string, vixField = 'vix'): number {
  checkPositive(vixField, vix);
  const sVix = stressedVixKernel(vix, policy);
  if (sVix > MAX_STRESS_VIX) {
    const rule = `${policy.stressVixPerPct} × ${Math.round(policy.drawdown * 1000) / 10}`;
    const stressed = Math.round(sVix * 100) / 100;
    const byDefault =
      policy.stressVixPerPct === DEFAULT_POLICY.stressVixPerPct && policy.drawdown === DEFAULT_POLICY.drawdown;
    if (byDefault) {
      const most = Math.floor((MAX_STRESS_VIX - (sVix - vix)) * 100) / 100;
      throw invalidInput(
        vixField,
        `is ${vix}${day === undefined ? '' : ` on ${day}`}: the drawdown's stressed VIX is ${stressed} (VIX + stressVixPerPct × drawdown in %: ${vix} + ${rule}), above ${MAX_STRESS_VIX}`,
        most >= 1
          ? `pass a VIX of at most ${most}, or set policy.stressVix (at most ${MAX_STRESS_VIX}), or a lower policy.drawdown or stressVixPerPct`
          : `set policy.stressVix (at most ${MAX_STRESS_VIX}), or a lower policy.drawdown or stressVixPerPct`,
      );
    }
    throw invalidInput(
      'policy.stressVixPerPct',
      `with drawdown ${policy.drawdown} gives a stressed VIX of ${stressed} ${day === undefined ? '' : `on ${day} `}(VIX ${vix} + ${rule}), above ${MAX_STRESS_VIX}`,
      day === undefined
        ? `lower vix, drawdown or stressVixPerPct, or pass a stressVix of at most ${MAX_STRESS_VIX}`
        : `pass policy.stressVix (a fixed stressed VIX, at most ${MAX_STRESS_VIX}), or a lower policy.drawdown or stressVixPerPct`,
    );
  }
  return sVix;
}

/** {@link stressedVix} without the check, for hot loops (the Monte Carlo's rebalances). */
export function stressedVixKernel(vix: number, policy: StressVixPolicy): number {
  return policy.stressVix ?? vix + policy.stressVixPerPct * policy.drawdown * 100;
}

/** The shock formula's one home is the market module, beside `shockFutures`; the method uses it from here. */
export { shockedFutureKernel } from '../market/termStructure';

/** SPX after the drawdown: spot · (1 − drawdown) (unchecked). */
export function drawdownSpot(spot: number, drawdown: number): number {
  return spot * (1 - drawdown);
}

/** The condor's loss from its value now to its value in the scenario, in [0, maxLoss], USD (unchecked). */
export function scenarioLossKernel(valueNow: number, valueStressed: number, maxLoss: number): number {
  return Math.min(maxLoss, Math.max(0, valueNow - valueStressed));
}

/**
 * The VX future of `expiry` after VIX moves to `newVix` and `horizonDays` pass (see module notes):
 * F + (newVix − VIX)·e^(−shockKappa·τ'), points.
 * @param shockKappa κ per year that maps the VIX shock to the future; pass `policy.shockKappa`
 *   (default: the policy's).
 * @param options how today's future of an expiry past the last listed one is read
 *   ({@link futureForExpiry}: refused unless `extrapolate`).
 * @example
 * // 2018-12-24: VIX 36.07, 2019-02-13 future 23.325 (51 days), VIX → 66.07 over 10 days
 * stressedFuture(ts, '2019-02-13', 66.07, 10) // 23.325 + 30·e^(−6·41/365) = 38.62 (38.615…)
 */
export function stressedFuture(
  ts: TermStructure,
  expiry: string,
  newVix: number,
  horizonDays: number,
  shockKappa: number = DEFAULT_POLICY.shockKappa,
  options: FutureForExpiryOptions = {},
): number {
  const f = futureForExpiry(ts, expiry, options);
  const left = Math.max(0, daysBetween(ts.valuationDate, expiry) - horizonDays);
  return shockedFutureKernel(f, newVix - ts.vixSpot, checkPositive('shockKappa', shockKappa), left);
}

/**
 * A market state moved to the drawdown scenario. A VIX option that expires on or before its date
 * is settled at its own expiry's stressed future (`settlementFor`), the scenario's VIX on that
 * expiry date, as {@link stressedFuture} with no time left gives it to the tail sizing.
 * @param futures today's VX curve, whose futures are moved by {@link stressedFuture}; or the
 *   stressed future of each expiry directly (an analog day's curve, or none for a book without VIX
 *   legs).
 */
export function drawdownState(
  now: MarketState,
  futures: TermStructure | ((expiry: string) => number),
  policy: Policy,
  newVix: number,
  stressVolOfVol: number,
): MarketState {
  const horizon = policy.drawdownDays;
  const futureFor =
    typeof futures === 'function'
      ? futures
      : (e: string) => stressedFuture(futures, e, newVix, horizon, policy.shockKappa);
  return {
    ...now,
    // today's surfaces, moved to the scenario by the marks (Section 2b), even when today's are implicit
    surfaces: surfacesOf(now),
    date: addDaysIso(now.date, horizon),
    spot: drawdownSpot(now.spot, policy.drawdown),
    vix: newVix,
    volOfVol: stressVolOfVol,
    futureFor,
    // A VIX option that expired before the scenario's date settled at VIX on its own expiry date;
    // the scenario's estimate of it is its stressed future there (no time left: F + ΔVIX), the
    // value the tail sizing gives it (tailSize.ts), not the VIX of the later scenario date.
    settlementFor: futureFor,
  };
}

/**
 * The condor's loss between two states, in [0, maxLoss], USD. A leg the drawdown's state cannot
 * mark (its strike dozens of standard deviations from the fallen SPX) is the policy's doing, and is
 * named as such.
 */
export function scenarioLoss(legs: readonly Leg[], now: MarketState, stressed: MarketState, maxLoss: number): number {
  const valueNow = markBook(legs, now).value;
  let valueStressed: number;
  try {
    valueStressed = markBook(legs, stressed).value;
  } catch (err) {
    const e = refusedLeg(err)?.error;
    if (e === undefined) throw err;
    throw invalidInput(
      'policy.drawdown',
      `takes SPX to ${Math.round(stressed.spot * 100) / 100} and VIX to ${Math.round(stressed.vix * 100) / 100} on ${stressed.date}, where ${e.problem.replace(/ on \d{4}-\d{2}-\d{2} \(.*$/, '')}, beyond what the surface describes`,
      'pass a smaller drawdown, or a lower stressed VIX (stressVix, or stressVixPerPct)',
    );
  }
  return scenarioLossKernel(valueNow, valueStressed, maxLoss);
}
