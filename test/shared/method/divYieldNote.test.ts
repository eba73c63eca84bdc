/**
 * A dividend yield the user did not give: the schema fills 0, and the plan says so where the yield
 * moves the marks (a surface without a chain's own forwards), not where it does not.
 */
import { describe, expect, it } from 'vitest';
import { plan, type PlanInput } from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';

const NOTE = /^No dividend yield given/;

function withoutYield(input: PlanInput): PlanInput {
  const { divYield: _omitted, ...market } = input.market;
  return { ...input, market };
}

describe('plan: the note on a dividend yield left out', () => {
  it('is there when the yield is left out, and the marks are those of a 0 yield', () => {
    const left = plan(withoutYield(PLAN_INPUT));
    const zero = plan({ ...PLAN_INPUT, market: { ...PLAN_INPUT.market, divYield: 0 } });
    expect(left.warnings.filter((w) => NOTE.test(w))).toHaveLength(1);
    expect(left.warnings.find((w) => NOTE.test(w))).toContain('pass it (e.g. divYield 0.013)');
    expect(zero.warnings.some((w) => NOTE.test(w))).toBe(false);
    expect(left.condor.credit).toBe(zero.condor.credit);
    // the yield matters: the fixture's 1.3% moves the credit
    expect(plan(PLAN_INPUT).condor.credit).not.toBe(zero.condor.credit);
  });

  it('is not there when a chain surface sets the forwards', () => {
    const surface = { ...plan(PLAN_INPUT).surface.data, source: 'chain' as const };
    const onChain = plan({ ...withoutYield(PLAN_INPUT), market: { ...withoutYield(PLAN_INPUT).market, surface } });
    expect(onChain.surface.source).toBe('chain');
    expect(onChain.warnings.some((w) => NOTE.test(w))).toBe(false);
  });
});
