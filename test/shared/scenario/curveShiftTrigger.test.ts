import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { curveShiftTriggerFires } from '@alvh/shared/method';
import { monteCarloSetup } from '@alvh/shared';
import { prepare, stateCurveShift, stateShiftFires } from '../../../shared/src/scenario/mcEngine';
import { PLAN_INPUT } from '../../helpers/fixtures';

describe('the Monte Carlo curve-shift trigger with its no-fire bounds', () => {
  const setupAt = (trigger: number) =>
    monteCarloSetup({
      plan: { ...PLAN_INPUT, policy: { ...PLAN_INPUT.policy, curveShiftTrigger: trigger } },
      paths: 10,
      seed: 1,
      horizonDays: 45,
    });
  const exact = (e: ReturnType<typeof prepare>, p: { curveShiftTrigger: number }, x: number[]) =>
    curveShiftTriggerFires(stateCurveShift(e, x[0]!, x[1]!, x[2]!, x[3]!, x[4]!, x[5]!, x[6]!, x[7]!), p);

  for (const trigger of [0, 0.05, 0.15, 0.9, 0.95, 2]) {
    it(`decides as the exact shift does (trigger ${trigger}), far from and at the boundary`, () => {
      const s = setupAt(trigger);
      const e = prepare(s);
      expect(e.shiftBounds.hiBelow).toBeLessThan(Math.log1p(trigger));
      const p = s.policy;
      const loads = Array.from(e.cmFast);
      const top = Math.max(...loads);
      const bottom = Math.min(...loads);
      // States whose largest log change lands within ±3e-9 of ln(1 + trigger) (the up side), or
      // whose smallest lands near ln(1 − trigger) (the down side), and states anywhere (all three
      // factors: [day, fast, slow, spike, refDay, refFast, refSlow, refSpike]).
      const near = (target: number, load: number) =>
        fc.double({ min: -3e-9, max: 3e-9, noNaN: true }).map((eps) => (target + eps) / load);
      const states = fc.oneof(
        fc
          .tuple(fc.integer({ min: 1, max: 45 }), near(Math.log1p(trigger), top))
          .map(([d, f]) => [d, f, 0, 0, d, 0, 0, 0]),
        ...(trigger < 1
          ? [
              fc
                .tuple(fc.integer({ min: 1, max: 45 }), near(Math.log(1 - trigger), bottom))
                .map(([d, f]) => [d, f, 0, 0, d, 0, 0, 0]),
            ]
          : []),
        fc
          .tuple(
            fc.integer({ min: 1, max: 45 }),
            fc.double({ min: -3, max: 3, noNaN: true }),
            fc.double({ min: -1, max: 1, noNaN: true }),
            fc.double({ min: -2, max: 2, noNaN: true }),
            fc.integer({ min: 0, max: 45 }),
            fc.double({ min: -3, max: 3, noNaN: true }),
            fc.double({ min: -1, max: 1, noNaN: true }),
            fc.double({ min: -2, max: 2, noNaN: true }),
          )
          .map((t) => [...t]),
      );
      let fired = 0;
      let quiet = 0;
      fc.assert(
        fc.property(states, (x) => {
          const want = exact(e, p, x);
          if (want) fired++;
          else quiet++;
          expect(stateShiftFires(e, p, x[0]!, x[1]!, x[2]!, x[3]!, x[4]!, x[5]!, x[6]!, x[7]!)).toBe(want);
        }),
        { numRuns: 3000, seed: 17 },
      );
      // Both answers occur (a zero trigger fires on every state), so the comparison is not vacuous.
      expect(fired).toBeGreaterThan(0);
      if (trigger > 0) expect(quiet).toBeGreaterThan(0);
    });
  }
});
