/**
 * When Step 1 fails, the plan says which short strikes would pass the SD rule and at what credit,
 * priced with the marks the plan uses.
 */
import { describe, expect, it } from 'vitest';
import { plan } from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';

describe('the strikes that would pass Step 1', () => {
  const failing = plan(PLAN_INPUT); // call side 1.41 SD, put side 2.49 SD (on the surface of the VIX alone)
  const suggested = failing.condor.passingStrikes!;

  it('moves only the failing side out to the rule, keeping the wings', () => {
    expect(failing.condor.passesSdCheck).toBe(false);
    expect(suggested.strikes).toEqual([5700, 5800, 7135, 7235]);
    expect(suggested.zPut).toBe(failing.condor.zPut);
    expect(suggested.zCall).toBeGreaterThanOrEqual(1.5);
    expect(suggested.strikes[3] - suggested.strikes[2]).toBe(100);
  });

  it('its credit is what the plan itself prices for those strikes, and that plan passes', () => {
    const fixed = plan({ ...PLAN_INPUT, condor: { ...PLAN_INPUT.condor, strikes: suggested.strikes } });
    expect(fixed.condor.passesSdCheck).toBe(true);
    expect(fixed.condor.passingStrikes).toBeUndefined();
    expect(suggested.credit).toBe(fixed.condor.credit);
    expect(suggested.maxLoss).toBe(fixed.condor.maxLoss);
    expect(suggested.credit).toBeCloseTo(8.7158, 4);
  });

  it('the warning names the strikes and the credit', () => {
    const w = failing.warnings.find((x) => x.startsWith("The condor's short strikes"));
    expect(w).toContain('e.g. to 5700/5800/7135/7235 (2.49 / 1.5 SD, the same wings), for a credit of 8.72 per share');
  });

  it('a condor that passes carries no suggestion', () => {
    const wide = plan({ ...PLAN_INPUT, condor: { ...PLAN_INPUT.condor, strikes: [5600, 5700, 7400, 7500] } });
    expect(wide.condor.passesSdCheck).toBe(true);
    expect(wide.condor.passingStrikes).toBeUndefined();
  });
});
