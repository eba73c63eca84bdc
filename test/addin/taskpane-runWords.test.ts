/**
 * Whole numbers typed with a dot grouping thousands ("1.000" in the condor quantity, a policy's
 * days) are refused with both readings, as USD amounts are, never read as 1.
 */
import { describe, expect, it } from 'vitest';
import { PlanInputSchema } from '@alvh/shared';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { planInputFromForm, policyOverrides, typedIssues, type FormState } from '../../addin/src/common/planInput';

const state: FormState = { fields: EXAMPLE.fields, futures: EXAMPLE.futures, policy: {}, indices: EXAMPLE.indices };

describe('whole numbers with thousands grouped by a dot', () => {
  it('refuse the condor quantity "1.000", naming both readings, never 1 contract', () => {
    const s = { ...state, fields: { ...EXAMPLE.fields, quantity: '1.000' } };
    expect((planInputFromForm(s)['condor'] as { quantity: unknown }).quantity).toBe('1.000');
    expect(PlanInputSchema.safeParse(planInputFromForm(s)).success).toBe(false);
    expect(typedIssues(s)).toEqual([
      { path: 'condor.quantity', message: 'is 1.000: write 1000 for 1,000 contracts, or 1 for 1 contract' },
    ]);
    for (const quantity of ['1', '1,000', '10']) {
      const ok = { ...state, fields: { ...EXAMPLE.fields, quantity } };
      expect(typedIssues(ok)).toEqual([]);
      expect((planInputFromForm(ok)['condor'] as { quantity: unknown }).quantity).toBe(
        Number(quantity.replace(',', '')),
      );
    }
  });

  it("refuse a policy's whole-number field the same way; its decimals keep theirs", () => {
    const s = { ...state, policy: { tailDteMin: '1.000', tailCoverage: '1.800' } };
    expect(policyOverrides(s.policy)).toEqual({ tailDteMin: '1.000', tailCoverage: 1.8 });
    expect(typedIssues(s)).toEqual([
      { path: 'policy.tailDteMin', message: 'is 1.000: write 1000 for 1,000, or 1 for 1' },
    ]);
  });
});
