/**
 * The VIX futures term structure on a valuation date (method Section 2): input checks, F1/F2,
 * spread, contango %, regime, the mean-reverting fit, constant-maturity values, a VIX shock mapped
 * to every future, and the price of any VX expiry.
 *
 * Sources: the ALVH method, Section 2 (definitions, thresholds, bounds); S&P Dow Jones Indices,
 * "S&P VIX Futures Indices Methodology" (a constant maturity as the day-weighted blend of the two
 * contracts around it, which `constantMaturity` extends to VIX spot at day 0).
 */
import { parseIsoDate, toIsoDate } from '../dates';
import { insufficientData, invalidInput } from '../errors';
import { checkFinite, checkNonNegative, checkPositive, checkVxPrice, scaledForFix } from '../validate';
import { calendarDay, isBusinessDayNumber } from './calendar';
import { checkCurveExpiries, closedBecause, frontGap, monthlyHint } from './curveExpiries';
import { isVxExpiry } from './expirations';
import { fitMeanReversion, modelFuture } from './meanReversion';
import { classifyRegime, resolveCurvePolicy } from './regime';
import type { CurveInput, CurvePoint, CurvePolicy, TermStructure } from './types';

export { MIN_VIX_POINTS, MAX_VIX_POINTS } from '../validate';
/** Shocked futures never go below this many points. */
export const MIN_SHOCKED_FUTURE = 0.01;

/**
 * The one formula of a VX future after a VIX shock, unchecked: max(0.01, F + ΔVIX·e^(−κₛ·d/365))
 * with `daysLeft` the days from the end of the move to the future's expiry (≥ 0). Used by
 * {@link shockFutures}, the method's `stressedFuture`, the stress grid and the Monte Carlo's
 * rebalances (the method re-exports it beside `stressedFuture`).
 */
export function shockedFutureKernel(future: number, vixChange: number, shockKappa: number, daysLeft: number): number {
  return Math.max(MIN_SHOCKED_FUTURE, future + vixChange * Math.exp((-shockKappa * daysLeft) / 365));
}

/**
 * How far above the VIX spot a VX future may sit before its units are in doubt: from 2004 to 2021
 * the listed futures stayed within 1.99× the spot (VX8 on 2012-08-17), and a pre-2007-03-26 quote
 * at 10× the index is 7-12× it. (Below the spot no bound: a stress entry may put VIX far above
 * its futures.)
 */
export const MAX_FUTURE_SPOT_RATIO = 5;

/** A future more than {@link MAX_FUTURE_SPOT_RATIO}× the spot: a unit mistake in it or in the spot. */
function checkPriceAgainstSpot(field: string, price: number, vixSpot: number): void {
  const ratio = price / vixSpot;
  if (ratio <= MAX_FUTURE_SPOT_RATIO) return;
  throw invalidInput(
    field,
    `is ${price}, ${ratio.toFixed(1)}× the VIX spot ${vixSpot}; VX futures have stayed within 2× the spot since 2004`,
    `pass the price in index points (${scaledForFix(price, 0.1)} if quoted at 10× the index, as before 2007-03-26), or check the VIX spot`,
  );
}

/** How {@link buildTermStructure} treats a curve without its F1 or F2. */
export interface BuildTermStructureOptions {
  /**
   * Build a curve whose F1 or F2 is not listed instead of refusing it: its spread and regime are
   * then read off a later contract, so a caller that passes this must not use them without
   * checking {@link curveFrontGap} (the last rebalance's curve, given with the futures still
   * listed today, keeps its constant-maturity values for the curve shift; those between the listed
   * nodes around the missing future come from a straight line past it, which the plan says).
   */
  allowFrontGap?: boolean;
}

/** The F1 or F2 a built curve lacks (built with `allowFrontGap`), or undefined when it has both. */
export function curveFrontGap(ts: TermStructure): { missing: string; nth: 'F1' | 'F2' } | undefined {
  const g = frontGap(
    ts.points.map((pt) => pt.expiry),
    parseIsoDate('valuationDate', ts.valuationDate),
  );
  return g === undefined ? undefined : { missing: g.missing, nth: g.nth };
}

/**
 * Check a curve input and build its term structure. F1 and F2 are the first two futures (all
 * expire after the valuation date), monthly ones when weekly futures are listed among them (a
 * weekly's expiry is not a monthly VX final-settlement date; it stays in the fit); spread = F1 − F2 points; contangoPct = (F2/F1 − 1)·100; the
 * regime follows `classifyRegime`; the fit follows `fitMeanReversion` over all listed futures
 * (κ and/or θ fixed when the policy gives them).
 *
 * Rejected, naming the field: a valuation date outside 2000-2040; VIX ≤ 0 or not in points;
 * fewer than 2 futures; an expiry on or before the valuation date; expiries out of order or
 * repeated; a price ≤ 0 or not in points, or more than {@link MAX_FUTURE_SPOT_RATIO}× the spot
 * (a pre-2007 quote at 10× the index); an expiry that no VX future settles on; a missing F1 or F2
 * (the first two monthly VX expiries after the date must both be listed: `checkCurveExpiries`).
 * @example
 * buildTermStructure({ valuationDate: '2020-03-16', vixSpot: 82.69, futures: [
 *   { expiry: '2020-03-18', price: 72.625 }, { expiry: '2020-04-15', price: 59.15 }, ...] })
 * // { spread: 13.475, contangoPct: -18.55..., regime: 'steep-backwardation', fit: { kappa: 7.24, theta: 30.12, ... } }
 */
export function buildTermStructure(
  input: CurveInput,
  policy?: Partial<CurvePolicy>,
  options: BuildTermStructureOptions = {},
): TermStructure {
  if (input === null || typeof input !== 'object') {
    throw invalidInput('input', 'is not a curve', 'pass { valuationDate, vixSpot, futures: [{ expiry, price }, ...] }');
  }
  const p = resolveCurvePolicy(policy);
  const today = calendarDay('valuationDate', input.valuationDate);
  const vixSpot = checkVxPrice('vixSpot', input.vixSpot, '18.5');
  const futures = input.futures;
  if (!Array.isArray(futures)) {
    throw invalidInput(
      'futures',
      'is not a list',
      'pass futures as [{ expiry: "YYYY-MM-DD", price }, ...] sorted by expiry',
    );
  }
  if (futures.length < 2) {
    throw insufficientData(
      'futures',
      `has ${futures.length} future${futures.length === 1 ? '' : 's'}, but F1 and F2 need 2`,
      'pass at least the first two listed VX futures',
    );
  }
  const points: CurvePoint[] = [];
  let prev = -Infinity;
  futures.forEach((f, i) => {
    const field = `futures[${i}]`;
    if (f === null || typeof f !== 'object')
      throw invalidInput(field, 'is not a future', 'pass { expiry: "YYYY-MM-DD", price }');
    const day = calendarDay(`${field}.expiry`, f.expiry);
    if (day <= today) {
      throw invalidInput(
        `${field}.expiry`,
        `is ${f.expiry}, on or before the valuation date ${input.valuationDate}`,
        // short enough that a cell's message keeps both dates whole (at most 200 characters)
        'list only futures expiring after the valuation date (on a final-settlement day the front future is the next month)',
      );
    }
    if (day === prev) {
      throw invalidInput(
        `${field}.expiry`,
        `is ${f.expiry}, the same as futures[${i - 1}].expiry`,
        'pass each expiry once',
      );
    }
    if (day < prev) {
      throw invalidInput(
        `${field}.expiry`,
        `is ${f.expiry}, earlier than futures[${i - 1}].expiry ${toIsoDate(prev)}`,
        'sort the futures by expiry, nearest first',
      );
    }
    prev = day;
    const price = checkVxPrice(`${field}.price`, f.price, '20.35');
    checkPriceAgainstSpot(`${field}.price`, price, vixSpot);
    points.push({ expiry: toIsoDate(day), days: day - today, years: (day - today) / 365, price });
  });
  checkCurveExpiries(
    points.map((pt) => pt.expiry),
    today,
    undefined,
    options.allowFrontGap === true,
  );
  // F1 and F2 are monthly contracts: a weekly VX future listed among them (a Cboe curve download
  // has them) would make the spread a one-week difference; it stays in the fit and in CM values.
  const monthly = points.filter((pt) => isVxExpiry(pt.expiry));
  const [f1, f2] = (monthly.length >= 2 && monthly.length < points.length ? monthly : points) as [
    CurvePoint,
    CurvePoint,
  ];
  const spread = f1.price - f2.price;
  const fixed: { kappa?: number; theta?: number } = {};
  if (p.kappa !== undefined) fixed.kappa = p.kappa;
  if (p.theta !== undefined) fixed.theta = p.theta;
  return {
    valuationDate: toIsoDate(today),
    vixSpot,
    points,
    f1,
    f2,
    spread,
    contangoPct: (f2.price / f1.price - 1) * 100,
    regime: classifyRegime(spread, p),
    fit: fitMeanReversion(vixSpot, points, fixed),
    ...(fixed.kappa === undefined && fixed.theta === undefined ? {} : { fixed }),
  };
}

function lastPoint(ts: TermStructure, field: string): CurvePoint {
  const last = ts?.points?.[ts.points.length - 1];
  if (!last) throw invalidInput(field, 'has no futures', 'build the curve with buildTermStructure');
  return last;
}

/**
 * Constant-maturity value CM(d), points: linear interpolation in calendar days between the two
 * curve nodes that bracket d, where VIX spot is the node at day 0 and each future at its days to
 * expiry (as the short-term VIX futures indices weight their two contracts). No extrapolation:
 * d beyond the last future's days is an error.
 * @param days calendar days from the valuation date (≥ 0)
 * @example constantMaturity(ts, 30) // 2020-03-16: between VX1 (2 days, 72.625) and VX2 (30 days, 59.15) → 59.15
 */
export function constantMaturity(ts: TermStructure, days: number): number {
  checkNonNegative('days', days);
  const last = lastPoint(ts, 'ts.points');
  if (days > last.days) {
    throw invalidInput(
      'days',
      `is ${days}, beyond the last future (${last.expiry}, ${last.days} days)`,
      `pass at most ${last.days} days, or add later futures to the curve`,
    );
  }
  let d0 = 0;
  let p0 = ts.vixSpot;
  for (const pt of ts.points) {
    if (days <= pt.days) {
      if (days === pt.days) return pt.price;
      return p0 + ((pt.price - p0) * (days - d0)) / (pt.days - d0);
    }
    d0 = pt.days;
    p0 = pt.price;
  }
  return last.price;
}

/**
 * The curve after VIX spot moves to `newVix`: F_i + (newVix − VIX)·e^(−κτ_i), floored at 0.01
 * points, with κ the fitted κ unless `kappa` is given. The fitted κ describes the curve's shape;
 * the response of futures to a VIX shock measured on the VX history is closer to κ ≈ 6 (the method's
 * `policy.shockKappa`), which sizing passes here.
 * @param kappa κ per year for the shock's sensitivity e^(−κτ); default `ts.fit.kappa`
 * @example shockFutures(ts, 40)    // each future raised by (40 − VIX)·e^(−κ_fit·τ)
 * @example shockFutures(ts, 40, 6) // each future raised by (40 − VIX)·e^(−6τ)
 */
export function shockFutures(ts: TermStructure, newVix: number, kappa?: number): CurvePoint[] {
  checkVxPrice('newVix', newVix, '30');
  lastPoint(ts, 'ts.points');
  const dv = newVix - ts.vixSpot;
  const k = kappa === undefined ? ts.fit.kappa : checkPositive('kappa', kappa);
  return ts.points.map((p) => ({ ...p, price: shockedFutureKernel(p.price, dv, k, p.days) }));
}

/** How {@link futureForExpiry} treats an expiry past the last listed future. */
export interface FutureForExpiryOptions {
  /**
   * Price an expiry past the last listed future from the fitted curve instead of refusing it: an
   * extrapolation the method rules out for what a user asks. Internal callers that need a contract
   * the curve does not reach say so where they pass it (a future's carry to the next contract; the
   * replay, whose history rows may lack the far contracts).
   */
  extrapolate?: boolean;
}

/**
 * Price of the VX future of an expiry, points: the listed price when the curve lists that expiry,
 * otherwise the fitted model value θ + (VIX − θ)·e^(−κτ) re-anchored to the listed prices: plus
 * the model's miss at the two listed points that bracket the expiry (VIX spot, which the model
 * meets, at day 0), interpolated linearly in calendar days; past the last listed future (only
 * with `options.extrapolate`) the model value alone. So the price passes through every listed
 * future and moves continuously between them, with the model's curvature: the model value alone
 * jumped by its miss at a listed expiry (2018-12-24: 22.80, 23.325 listed, 22.72 on 2019-02-12,
 * -13, -14).
 *
 * Refused, naming `expiry`: a date outside the calendar, on or before the valuation date, on a
 * weekend or exchange holiday (no VX future settles then), or after the last listed future (no
 * extrapolation, method Section 2; `options.extrapolate` for the internal callers that need it).
 * @example futureForExpiry(ts, '2020-04-15') // 59.15 (listed)
 * @example futureForExpiry(ts, '2020-05-20') // throws when the curve ends at 2020-04-15: add that future
 */
export function futureForExpiry(ts: TermStructure, expiry: string, options: FutureForExpiryOptions = {}): number {
  const day = calendarDay('expiry', expiry);
  const today = parseIsoDate('ts.valuationDate', ts.valuationDate);
  if (day <= today) {
    throw invalidInput(
      'expiry',
      `is ${expiry}, on or before the valuation date ${ts.valuationDate}`,
      'pass an expiry after the valuation date',
    );
  }
  if (!isBusinessDayNumber(day)) {
    throw invalidInput(
      'expiry',
      `is ${expiry}, ${closedBecause(day)}: no VX future settles on a day the exchange is closed`,
      `pass the contract's final-settlement date${monthlyHint(day)}`,
    );
  }
  const listed = ts.points.find((p) => p.expiry === expiry);
  if (listed) return listed.price;
  const last = lastPoint(ts, 'ts.points');
  if (day - today > last.days && options.extrapolate !== true) {
    throw invalidInput(
      'expiry',
      `is ${expiry}, after the last listed future (${last.expiry}): the curve is not extrapolated beyond its last future`,
      `add the VX future of ${expiry} to the futures, or pass an expiry up to ${last.expiry}`,
    );
  }
  checkFinite('ts.fit.kappa', ts.fit.kappa);
  return anchoredFuture(ts, day - today);
}

/**
 * The model future `days` out re-anchored to the listed prices ({@link futureForExpiry}): the
 * model value plus its miss interpolated between the bracketing listed points (0 at day 0); beyond
 * the last, the model value (holding the last miss made extrapolation worse: 2020-03-16 from VX1
 * and VX2, May 53.14 against the model's 51.26 and the real 44.875).
 */
function anchoredFuture(ts: TermStructure, days: number): number {
  const miss = (p: CurvePoint) => p.price - modelFuture(ts.fit, ts.vixSpot, p.years);
  let before = { days: 0, miss: 0 };
  for (const p of ts.points) {
    if (p.days >= days) {
      const w = (days - before.days) / (p.days - before.days);
      return modelFuture(ts.fit, ts.vixSpot, days / 365) + before.miss + w * (miss(p) - before.miss);
    }
    before = { days: p.days, miss: miss(p) };
  }
  return modelFuture(ts.fit, ts.vixSpot, days / 365);
}
