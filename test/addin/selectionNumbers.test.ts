/**
 * "Read from selection" fills each box from a number cell with text the box reads back as exactly
 * that number: 5000.125 (a budget `=capital*0.0025`) is "5,000.125", never "5000.125", which the
 * form refuses as thousands grouped by a dot and offers as $5,000,125; a count of 18.888 is refused
 * as no whole number, never offered as 18,888.
 */
import { describe, expect, it } from 'vitest';
import { POLICY_FIELDS, PlanInputSchema, formatPath } from '@alvh/shared';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { hasDotGroupedThousands, numberFromText, numberText } from '../../addin/src/common/numbers';
import { planInputFromForm, policyOverrides, typedIssues } from '../../addin/src/common/planInput';
import { NUMBER_FIELD_PATHS, type NumberField } from '../../addin/src/common/formState';
import { lastRebalanceInput } from '../../addin/src/common/lastRebalance';
import { readKeyValueRange } from '../../addin/src/common/selection';

/** Numbers a sheet holds whose shortest text is thousands grouped by a dot, or long, or tiny. */
const VALUES = [5000.125, 1000000.125, 4298.86, 0.1 + 0.2, 1e-7, 123456789.123, 18.888, -5000.125, 0.125, 1e21, 42];

/** The value at a path such as `condor.strikes[0]` of the raw plan input. */
function at(raw: unknown, path: string): unknown {
  let v: unknown = raw;
  for (const [, name, index] of path.matchAll(/([A-Za-z]\w*)|\[(\d+)\]/g))
    v = (v as Record<string, unknown>)[name ?? Number(index)];
  return v;
}

describe('a number as text its box reads back', () => {
  it.each(VALUES)('%d reads back as itself and never as thousands grouped by a dot', (v) => {
    for (const t of [numberText(v), numberText(v, false)]) {
      expect(numberFromText(t)).toBe(v);
      expect(hasDotGroupedThousands(t)).toBe(false);
    }
    expect(numberText(v, false)).not.toMatch(/,/);
  });

  it('keeps the shortest text where it is no dot group, and groups by commas where it would be', () => {
    expect(numberText(4298.86)).toBe('4298.86');
    expect(numberText(1e-7)).toBe('1e-7');
    expect(numberText(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(numberText(5000.125)).toBe('5,000.125');
    expect(numberText(1000000.125)).toBe('1,000,000.125');
    expect(numberText(123456789.123)).toBe('123,456,789.123');
    expect(numberText(-5000.125)).toBe('-5,000.125');
    expect(numberText(18.888)).toBe('18.8880');
    // a line of pasted cells, where a comma parts two cells
    expect(numberText(5000.125, false)).toBe('5000.1250');
  });
});

describe('Read from selection fills a box from a number cell with that very number', () => {
  const fields = Object.keys(NUMBER_FIELD_PATHS) as NumberField[];

  it.each(fields)('%s', (field) => {
    for (const v of VALUES) {
      const got = readKeyValueRange([[field, v]], POLICY_FIELDS);
      const state = {
        fields: { ...EXAMPLE.fields, [field]: got.fields[field]! },
        futures: EXAMPLE.futures,
        policy: {},
      };
      const path = NUMBER_FIELD_PATHS[field];
      expect(at(planInputFromForm(state), path), `${field} ${v}`).toBe(v);
      expect(typedIssues(state).filter((i) => i.path === path)).toEqual([]);
    }
  });

  it('the curve, the indices, the last rebalance and the policy alike', () => {
    for (const v of VALUES) {
      const got = readKeyValueRange(
        [
          ['date', '2025-04-08'],
          ['VX1', v],
          ['VIX3M', v],
          ['lastDate', '2025-04-01'],
          ['lastVix', v],
          ['lastVX1', v],
          ['tailDteMin', v],
          ['tailCoverage', v],
        ],
        POLICY_FIELDS,
      );
      const raw = planInputFromForm({
        fields: EXAMPLE.fields,
        futures: got.futures!,
        policy: got.policy,
        indices: got.indices,
      });
      expect(at(raw, 'market.futures[0].price')).toBe(v);
      expect(at(raw, 'market.indices.vix3m')).toBe(v);
      expect(policyOverrides(got.policy)).toEqual({ tailDteMin: v, tailCoverage: v });
      const last = lastRebalanceInput(got.last!) as { vix: unknown; futures: { price: unknown }[] };
      expect([last.vix, last.futures[0]!.price]).toEqual([v, v]);
    }
  });

  it('a budget of 5000.125 is $5,000.125, not refused and offered as $5,000,125', () => {
    const got = readKeyValueRange([['budget', 5000.125]], POLICY_FIELDS);
    expect(got.fields.budget).toBe('5,000.125');
    const state = { fields: { ...EXAMPLE.fields, budget: got.fields.budget! }, futures: EXAMPLE.futures, policy: {} };
    expect(typedIssues(state)).toEqual([]);
    expect(at(planInputFromForm(state), 'portfolio.budget')).toBe(5000.125);
  });

  it('a count of 18.888 is refused as no whole number, never offered as 18,888', () => {
    const got = readKeyValueRange(
      [
        ['quantity', 18.888],
        ['tailDteMin', 50.125],
      ],
      POLICY_FIELDS,
    );
    const state = {
      fields: { ...EXAMPLE.fields, quantity: got.fields.quantity! },
      futures: EXAMPLE.futures,
      policy: got.policy,
    };
    expect(typedIssues(state)).toEqual([]);
    const parsed = PlanInputSchema.safeParse(planInputFromForm(state));
    const said = Object.fromEntries((parsed.error?.issues ?? []).map((i) => [formatPath(i.path), i.message]));
    expect(said['condor.quantity']).toMatch(/whole number of condors/);
    expect(said['policy.tailDteMin']).toMatch(/whole/);
    expect(JSON.stringify(said)).not.toMatch(/18,?888|write/);
  });
});
