/**
 * Market breadth: the advance/decline line and the sign of its recent least-squares slope
 * (method Section 3: breadth is deteriorating when the slope over `breadthLookback` days is < 0).
 */
import { invalidInput } from '../errors';
import { checkNonNegative } from '../validate';
import { checkPeriod, checkSeries } from './series';

/**
 * Advance/decline line: the running sum of advancers − decliners (issues per day).
 * @example adLine([1500, 1200, 900], [1000, 1300, 1900]) // [500, 400, -600]
 */
export function adLine(advancers: readonly number[], decliners: readonly number[]): number[] {
  checkSeries('advancers', advancers, 1, 'an A/D line');
  checkSeries('decliners', decliners, 1, 'an A/D line');
  if (advancers.length !== decliners.length) {
    throw invalidInput(
      'decliners',
      `has ${decliners.length} value${decliners.length === 1 ? '' : 's'} but advancers has ${advancers.length}`,
      'pass one advancers and one decliners count per day',
    );
  }
  advancers.forEach((v, i) => checkNonNegative(`advancers[${i}]`, v));
  decliners.forEach((v, i) => checkNonNegative(`decliners[${i}]`, v));
  // Every trading day some issue moves: 0 and 0 is a day with no data (a formula reading an empty
  // cell gives 0), and it would bend the line's slope as a flat day.
  const empty = advancers.findIndex((a, i) => a === 0 && decliners[i] === 0);
  if (empty >= 0)
    throw invalidInput(
      `advancers[${empty}]`,
      "is 0 and so are the day's decliners: no trading day has no issue advancing or declining",
      'leave the day out (a formula reading an empty cell gives 0), or give its counts',
    );
  let s = 0;
  return advancers.map((a, i) => (s += a - (decliners[i] as number)));
}

/**
 * Least-squares slope of values against their index 0, 1, 2, ... (units of the values per step).
 * @example linearSlope([1, 3, 5, 7]) // 2
 */
export function linearSlope(values: readonly number[]): number {
  checkSeries('values', values, 2, 'a slope');
  const n = values.length;
  const mx = (n - 1) / 2;
  let my = 0;
  for (const v of values) my += v;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  values.forEach((v, i) => {
    sxy += (i - mx) * (v - my);
    sxx += (i - mx) * (i - mx);
  });
  return sxy / sxx;
}

/** Breadth over the last `lookback` days of an A/D line. */
export interface BreadthState {
  /** Least-squares slope of the A/D line over the lookback, issues per day. */
  slope: number;
  /** slope < 0 */
  deteriorating: boolean;
  lookback: number;
}

/** The breadth signal's decision (ALVH-METHOD section 3): breadth deteriorates when the A/D slope is below 0. */
export function breadthDeteriorating(adSlope: number): boolean {
  return adSlope < 0;
}

/**
 * Breadth state from daily advancers and decliners: the slope of the A/D line over the last
 * `lookback` days (default 10) and whether it is negative.
 * @example breadthState(adv, dec) // { slope: -120.5, deteriorating: true, lookback: 10 }
 */
export function breadthState(advancers: readonly number[], decliners: readonly number[], lookback = 10): BreadthState {
  checkPeriod('lookback', lookback);
  if (lookback < 2)
    throw invalidInput(
      'lookback',
      `is ${lookback}, too short for a slope`,
      'pass a lookback of at least 2 days (default 10)',
    );
  checkSeries('advancers', advancers, lookback, `a ${lookback}-day breadth slope`);
  const line = adLine(advancers, decliners);
  const slope = linearSlope(line.slice(-lookback));
  return { slope, deteriorating: breadthDeteriorating(slope), lookback };
}
