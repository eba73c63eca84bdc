/**
 * When Step 1 fails, the plan says which short strikes would pass the SD rule and at what credit,
 * priced with the marks the plan uses.
 */
import { describe, expect, it } from 'vitest';
import { plan, type PlanInput } from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';
import PLAN_EXAMPLE from '../../../docs/examples/plan.json';

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

  /** The docs' example at a VIX of `vix`, its futures 0.7 of it stepping down by 5, no indices. */
  const stormy = (vix: number): ReturnType<typeof plan> => {
    const p = structuredClone(PLAN_EXAMPLE) as PlanInput;
    p.market = { ...p.market, vix, futures: p.market.futures.map((f, i) => ({ ...f, price: vix * 0.7 - 5 * i })) };
    delete p.market.indices;
    return plan(p);
  };
  const sdWarning = (r: ReturnType<typeof plan>): string =>
    r.warnings.find((x) => x.startsWith("The condor's short strikes")) as string;

  it('suggests no strikes the plan would refuse (outside half to twice SPX)', () => {
    const r = stormy(150); // the rule needs 3285/3385/12860/12960: the put wing under 3300
    expect(r.condor.passingStrikes).toBeUndefined();
    expect(sdWarning(r)).not.toContain('e.g. to');
    expect(sdWarning(r)).toContain(
      'no condor with the same wings passes within the strikes the plan accepts (3300 to 13200 at this SPX; at this vol the rule needs 3285/3385/12860/12960)',
    );
    const retry = structuredClone(PLAN_EXAMPLE) as PlanInput;
    retry.condor = { ...retry.condor!, strikes: [3285, 3385, 12860, 12960] };
    expect(() => plan(retry)).toThrow(/condor\.strikes\[0\]: is 3285, far from SPX/);
  });

  it('suggests no condor that collects no credit', () => {
    const r = stormy(60); // 4890/4990/8730/8830 at the given 16% vol: a credit under half a cent
    expect(r.condor.passingStrikes).toBeUndefined();
    expect(sdWarning(r)).not.toContain('for a credit of 0 per share');
    expect(sdWarning(r)).toContain(
      "widen the short strikes, though the condor with the same wings that passes (4890/4990/8730/8830) collects no credit at the plan's marks.",
    );
  });
});
