/**
 * The BUILT custom functions' messages name the bound that holds: a fix that suggests a value is
 * one the function then takes (years 0 and a credit of 0 are refused, so "pass 0 or a positive
 * number" was a fix that failed again).
 */
import { describe, expect, it } from 'vitest';
import { ErrorCode, errorOf, useBuiltFunctions } from './stubs/customFunctions';

const call = useBuiltFunctions();

/** The #VALUE! message of a call (fails when the call answers or gives another error). */
function invalid(id: string, ...args: unknown[]): string {
  const e = errorOf(() => call(id, ...args));
  expect(e.code, e.message).toBe(ErrorCode.invalidValue);
  return e.message ?? '';
}

const DAY = 44519; // 2021-11-19
const STRIKES = [[4100], [4150], [5300], [5350]];

describe('a fix names the bound the function holds', () => {
  it('ALVH.IV: a negative years and a negative price get fixes above 0, as years 0 does', () => {
    const fix = 'pass the time to expiry in years, above 0 (days/365)';
    expect(invalid('IV', 'call', 5, 100, 90, -0.1)).toBe(`years: is -0.1: the expiry is already past; ${fix}`);
    expect(invalid('IV', 'call', 5, 100, 90, 0)).toMatch(
      new RegExp(`^years: is 0: at expiry.*; ${fix.replace(/[()]/g, '\\$&')}$`),
    );
    expect(invalid('IV', 'call', -1, 100, 90, 0.2)).toBe(
      "price: is -1, not an option price; pass the option's price in points, above 0",
    );
  });

  it.each([0, -1])(
    'ALVH.CONDOR: a credit of %d is told to pass the credit received above 0 (no vol argument)',
    (credit) => {
      expect(invalid('CONDOR', DAY, 4697.96, 17.91, 44582, STRIKES, 10, credit)).toBe(
        `credit: is ${credit}, not a credit; pass the credit received, above 0`,
      );
    },
  );
});
