/**
 * ALVH.PLAN's value column: a cell that holds a number is that number, exactly, never re-read from
 * its text, where 5000.125 (a budget `=capital*0.0025`) looks like thousands grouped by a dot, which
 * a USD amount refuses, and 18.888 contracts looked like 18,888. Text cells keep the text rule and
 * its refusals.
 */
import { describe, expect, it } from 'vitest';
import { ErrorCode, errorOf, useBuiltFunctions } from './stubs/customFunctions';
import { planSheet20181224 } from './stubs/planSheet';
import { readKeyValueRange } from '../../addin/src/common/selection';
import { POLICY_FIELDS } from '@alvh/shared';

const call = useBuiltFunctions();

/** The #VALUE! message of a call (fails when the call answers or gives another error). */
function invalid(id: string, ...args: unknown[]): string {
  const e = errorOf(() => call(id, ...args));
  expect(e.code, e.message).toBe(ErrorCode.invalidValue);
  return e.message ?? '';
}

/** The 2018-12-24 inputs of ALVH.PLAN with the row `key` set to `value` (added when the sheet has none). */
function sheet(key: string, value: unknown): unknown[][] {
  const rows: unknown[][] = planSheet20181224().filter((r) => r[0] !== key);
  return [...rows, [key, value]];
}

describe('ALVH.PLAN reads a number cell as the number it holds', () => {
  it('a budget or a capital with three decimals is that amount (it was refused as dot-grouped thousands)', () => {
    // the very amount: the spill is the one of the same amount written with a comma, which is no dot group
    const out = call('PLAN', sheet('budget', 5000.125)) as unknown[][];
    expect(String(out[0]![0])).toBe('ALVH plan 2018-12-24');
    expect(out).toEqual(call('PLAN', sheet('budget', '5,000.125')));
    expect(out).not.toEqual(call('PLAN', sheet('budget', 5000)));
    expect(call('PLAN', sheet('capital', 1000000.125))).toEqual(call('PLAN', sheet('capital', '1,000,000.125')));
    // the functions that read PLAN's inputs read them alike
    expect(() => call('STRUCTURES', sheet('budget', 5000.125))).not.toThrow();
    expect(() => call('ORDERS', sheet('budget', 5000.125))).not.toThrow();
    expect(() => call('FRONTIER', sheet('budget', 5000.125), [[0]], 200, 1)).not.toThrow();
  });

  it('a fractional count is refused as a whole number, never offered as "18.888 contracts"', () => {
    const said = invalid('PLAN', sheet('quantity', 18.888));
    expect(said).toBe(invalid('PLAN', sheet('quantity', 18.5)));
    expect(said).toMatch(/^inputs quantity: .*whole number of condors/);
    expect(said).not.toMatch(/write|contracts/);
    // a whole-number policy row alike
    expect(invalid('PLAN', sheet('tailDteMin', 50.125))).toBe(
      'inputs tailDteMin: is 50.125, not a whole number; pass a whole number from 1 to 365',
    );
  });

  it('the same figures typed as text keep their refusal: the text may be thousands grouped by a dot', () => {
    expect(invalid('PLAN', sheet('budget', '5000.125'))).toBe(
      'inputs budget: is 5000.125; write 5000125 for $5,000,125, or type 5000.125 as a number, not text, for $5,000.125',
    );
    expect(invalid('PLAN', sheet('budget', '5.000.125'))).toBe(
      'inputs budget: is 5.000.125; write 5000125 for $5,000,125',
    );
    expect(invalid('PLAN', sheet('quantity', '18.888'))).toBe(
      'inputs quantity: is 18.888; write 18888 for 18,888 contracts',
    );
  });
});

describe('the key/value reader keeps a number cell beside its text', () => {
  it('gives the text to the taskpane and the number to ALVH.PLAN; a date serial is a date, not a number', () => {
    const got = readKeyValueRange(
      [
        ['date', 43458],
        ['budget', 5000.125],
        ['capital', '1.000.000'],
        ['tailDteMin', 50],
      ],
      POLICY_FIELDS,
    );
    expect(got.fields).toEqual({ valuationDate: '2018-12-24', budget: '5,000.125', capital: '1.000.000' });
    expect(got.policy).toEqual({ tailDteMin: '50' });
    expect(got.numbers).toEqual({ fields: { budget: 5000.125 }, policy: { tailDteMin: 50 } });
  });
});
