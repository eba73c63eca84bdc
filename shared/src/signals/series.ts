/** Checks shared by the signal functions: a series of finite numbers long enough for a calculation. */
import { insufficientData, invalidInput } from '../errors';
import { checkInteger } from '../validate';

/** Throws unless `values` is an array of finite numbers with at least `needed` entries. */
/** The largest size of a series value: any close or ratio is far below it. */
export const MAX_SERIES_VALUE = 1e12;

export function checkSeries(field: string, values: readonly number[], needed: number, why: string): void {
  if (!Array.isArray(values))
    throw invalidInput(field, 'is not a list of numbers', 'pass an array of numbers, oldest first');
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw invalidInput(
        `${field}[${i}]`,
        `is ${typeof v === 'number' ? String(v) : typeof v}, not a finite number`,
        'remove or fill the missing value',
      );
    }
    // a close or a ratio, not a magnitude whose averages overflow (1e308 gave NaN from the EMA)
    if (Math.abs(v) > MAX_SERIES_VALUE) {
      throw invalidInput(
        `${field}[${i}]`,
        `is ${v}, beyond ${MAX_SERIES_VALUE} in size`,
        'pass closes in index points or ratios (VVIX 95, VVIX/VIX 5.4)',
      );
    }
  });
  if (values.length < needed) {
    throw insufficientData(
      field,
      `has ${values.length} value${values.length === 1 ? '' : 's'}, but ${why} needs at least ${needed}`,
      `pass at least ${needed} value${needed === 1 ? '' : 's'}, oldest first`,
    );
  }
}

/** A whole period ≥ 1. */
export function checkPeriod(field: string, n: number): number {
  return checkInteger(field, n, 1);
}

/**
 * The most weight a recursive average (Wilder's RSI averages, an EMA) may keep on its seed for its
 * value to count as settled: 0.19%. Wilder's RSI(14) after 100 closes keeps (13/14)^85 = 0.18% of
 * its seed (the seed is the 15th close, 85 smoothings before the 100th), and 0.19% is the round
 * tolerance that keeps those 100 closes as RSI(14)'s settled length while every other length is
 * derived from it (RSI(100): 725 closes; MACD(12, 26, 9): 108 values).
 */
export const SEED_WEIGHT_TOLERANCE = 0.0019;

/**
 * How many steps a recursive average that keeps `keep` (0 ≤ keep < 1) of its value each step needs
 * before its seed's weight, keep^steps, is at most {@link SEED_WEIGHT_TOLERANCE}. 0 when it keeps
 * nothing (a 1-period average forgets its seed at once).
 */
export function stepsToSettle(keep: number): number {
  if (keep <= 0) return 0;
  return Math.ceil(Math.log(SEED_WEIGHT_TOLERANCE) / Math.log(keep));
}
