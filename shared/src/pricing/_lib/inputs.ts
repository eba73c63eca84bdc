/**
 * Input checks shared by the checked pricing functions. The domain is wide enough for any real
 * contract and narrow enough that no result can overflow: levels in [1e-8, 1e12] points, at most
 * 100 years, |rate|, |yield| < 1 (1 or more in magnitude is refused as a percentage typed for a
 * decimal: 1 reads as 1%, so 0.01 is offered), vol in [0, 5].
 */
import { invalidInput } from '../../errors';
import { checkFinite, checkNonNegative, checkPositive, checkRate, checkVol } from '../../validate';
import type { OptionType } from '../types';

/** Smallest and largest accepted underlying or strike level (index points). */
export const MIN_LEVEL = 1e-8;
export const MAX_LEVEL = 1e12;
/** Longest accepted time to expiry (years). */
export const MAX_YEARS = 100;
/**
 * Total standard deviations σ√T below this are treated as zero in the Greeks (the price is
 * computed exactly either way). Keeps gamma and theta finite for subnormal volatilities.
 */
export const MIN_STDDEV = 1e-150;

export function checkType(field: string, t: unknown): OptionType {
  if (t !== 'call' && t !== 'put') {
    throw invalidInput(field, `is ${JSON.stringify(t) ?? String(t)}, not an option type`, 'pass "call" or "put"');
  }
  return t;
}

/** An underlying, future or strike level in index points. */
export function checkLevel(field: string, x: number): number {
  checkPositive(field, x);
  if (x < MIN_LEVEL || x > MAX_LEVEL) {
    throw invalidInput(field, `is ${x}, outside [1e-8, 1e12]`, 'pass a price level in index points');
  }
  return x;
}

/** Time to expiry in years, 0 allowed (expiry). */
export function checkYears(field: string, x: number): number {
  checkNonNegative(field, x);
  if (x > MAX_YEARS) {
    throw invalidInput(
      field,
      `is ${x} years, beyond ${MAX_YEARS}`,
      'pass time to expiry in years (days / 365), e.g. 0.25',
    );
  }
  return x;
}

/** An optional rate or yield (default 0). */
export function checkOptionalRate(field: string, x: number | undefined): number {
  return x === undefined ? 0 : checkRate(field, x);
}

export function checkVolatility(field: string, x: number): number {
  return checkVol(field, x);
}

/** An option price in points (≥ 0, finite). */
export function checkOptionPrice(field: string, x: number): number {
  checkFinite(field, x);
  return checkNonNegative(field, x);
}

/** The input must be an object (hosts may pass anything). */
export function checkObject(field: string, x: unknown): void {
  if (typeof x !== 'object' || x === null) {
    throw invalidInput(
      field,
      `is ${x === null ? 'null' : typeof x}, not an object`,
      'pass an object with the option fields',
    );
  }
}
