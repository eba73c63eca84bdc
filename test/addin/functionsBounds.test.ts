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

const FUTURES = [20.7994, 22.7497, 23.7091, 24.5716, 25.2, 25.4984, 25.7057, 25.875].map((x) => [x]);
const HELD_FIX = "pass an expiry after the drawdown ends (the method's tail expires 45-60 days out)";

describe('ALVH.STRESSFUTURE: an expiry outside the calendar or already past is said as CONDOR and CURVE say it', () => {
  it('a year typed for a date (2022 is 1905-07-14) is outside the exchange calendar, not "-42497 days out"', () => {
    expect(invalid('STRESSFUTURE', DAY, 17.91, FUTURES, 2022)).toBe(
      "expiry: is 1905-07-14, outside the exchange calendar's 2000-01-01..2040-12-31; pass a date from 2000 to 2040",
    );
  });

  it.each([
    [DAY - 1, '2021-11-18'],
    [DAY, '2021-11-19'],
  ])('an expiry of %d is on or before the valuation date, not "-1 days out"', (expiry, iso) => {
    expect(invalid('STRESSFUTURE', DAY, 17.91, FUTURES, expiry)).toBe(
      `expiry: is ${iso}, on or before the valuation date 2021-11-19; ${HELD_FIX}`,
    );
  });

  it('one within the drawdown is still refused as such', () => {
    expect(invalid('STRESSFUTURE', DAY, 17.91, FUTURES, DAY + 5)).toBe(
      `expiry: is 2021-11-24, 5 days out, before the 10-day drawdown ends; ${HELD_FIX}`,
    );
  });
});

describe('a long message keeps its fix whole: the problem gives way first', () => {
  const settles = "; pass the contract's final-settlement date (the December 2021 future settles 2021-12-22)";
  it.each([
    ['STRESSFUTURE on a holiday', () => invalid('STRESSFUTURE', DAY, 17.91, FUTURES, '2021-12-24'), settles],
    [
      'CURVE with a holiday in expiries',
      () => invalid('CURVE', DAY, 17.91, [[20.8], [22.75]], [['2021-12-24'], ['2022-01-19']]),
      settles,
    ],
  ])('%s', (_, message, tail) => {
    const m = message();
    expect(m.length).toBeLessThanOrEqual(200);
    expect(m.endsWith(`…${tail}`), m).toBe(true);
  });

  it('CURVE with an expired contract fits whole, both dates kept (the valuation date was cut off)', () => {
    const expired =
      'is 2021-11-17, on or before the valuation date 2021-11-19; list only futures expiring after the valuation date (on a final-settlement day the front future is the next month)';
    expect(invalid('CURVE', DAY, 17.91, [[20.8], [22.75]], [['2021-11-17'], ['2021-12-22']])).toBe(
      `expiries[1]: ${expired}`,
    );
    // the longest name a cell gives it, a futures range of 1,200 cells, still fits
    const far = Array.from({ length: 1200 }, (_, i): unknown[] => [i === 1198 ? 20.8 : i === 1199 ? 22.75 : null]);
    const dates = Array.from({ length: 1200 }, (_, i): unknown[] => [
      i === 1198 ? '2021-12-22' : i === 1199 ? '2021-11-17' : null,
    ]);
    expect(invalid('CURVE', DAY, 17.91, far, dates)).toBe(`expiries[1200]: ${expired}`);
  });
});

describe('ALVH.OVERLAY: units that round to 0 against a target above 0 are said, never a silent 0', () => {
  const overlay = (backDays: number) =>
    call('OVERLAY', DAY, 4697.96, 17.91, 44582, 4150, -492.64, null, null, backDays) as unknown[][];

  it('a year-out back put makes one unit over twice the target: 0 units with a warning row saying why and what to change', () => {
    const rows = overlay(365);
    expect(rows.find((r) => r[0] === 'units')?.[1]).toBe(0);
    expect(rows.at(-1)).toEqual([
      'warning',
      "The overlay's vega target (246.32 USD per SPX vol point) is under half of one spx-put-calendar unit's (1229.25): it rounds to no units, and the calendar layer leaves the condor's vega unhedged. Pass a larger condorVega (more condors), raise vegaMatch, or choose a smaller unit (a shorter backDays).",
    ]);
  });

  it('an overlay holding units carries no warning', () => {
    expect(overlay(30).some((r) => r[0] === 'warning')).toBe(false);
  });

  it('refuses condorVega 0 (a formula reading an empty cell), which sized 0 units at no cost without a word', () => {
    for (const zero of [0, -0, '0', [[0]]]) {
      const e = errorOf(() => call('OVERLAY', DAY, 4697.96, 17.91, 44582, 4150, zero));
      expect(e.code).toBe(ErrorCode.invalidValue);
      expect(e.message).toBe(
        "condorVega: is 0 (an empty cell read as 0?); pass the condor's net vega in USD per vol point, as ALVH.CONDOR's vega row gives it (negative for a short condor)",
      );
    }
    // any vega but 0 is sized, however small
    expect((call('OVERLAY', DAY, 4697.96, 17.91, 44582, 4150, -0.01) as unknown[][])[1]).toEqual(['units', 0]);
  });

  it('refuses a positive condorVega (a long-vega book, or a sign dropped), which it sized as |vega|', () => {
    const e = errorOf(() => call('OVERLAY', DAY, 4697.96, 17.91, 44582, 4150, 492.64));
    expect(e.code).toBe(ErrorCode.invalidValue);
    expect(e.message).toBe(
      "condorVega: is 492.64, a long-vega book: the overlay buys vega to offset a short condor's; pass the condor's net vega as ALVH.CONDOR's vega row gives it, negative for a short condor",
    );
    expect(e.message?.length).toBeLessThanOrEqual(200);
    expect((call('OVERLAY', DAY, 4697.96, 17.91, 44582, 4150, -492.64) as unknown[][])[1]![0]).toBe('units');
  });
});
