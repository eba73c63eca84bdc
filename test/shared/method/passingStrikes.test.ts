/**
 * When Step 1 fails, the plan says which short strikes would pass the SD rule and at what credit,
 * priced with the marks the plan uses: the SPX surface, whatever vol or credit the trader gave for
 * their own condor.
 */
import { describe, expect, it } from 'vitest';
import { plan, type PlanInput } from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';
import PLAN_EXAMPLE from '../../../docs/examples/plan.json';

describe('the strikes that would pass Step 1', () => {
  const failing = plan(PLAN_INPUT); // call side 1.41 SD, put side 2.49 SD (on the surface of the VIX alone)
  const suggested = failing.condor.passingStrikes!;
  const sdWarning = (r: ReturnType<typeof plan>): string =>
    r.warnings.find((x) => x.startsWith("The condor's short strikes")) as string;

  it('moves only the failing side out to the rule, keeping the wings', () => {
    expect(failing.condor.passesSdCheck).toBe(false);
    expect(suggested.strikes).toEqual([5700, 5800, 7135, 7235]);
    expect(suggested.zPut).toBe(failing.condor.zPut);
    expect(suggested.zCall).toBeGreaterThanOrEqual(1.5);
    expect(suggested.strikes[3] - suggested.strikes[2]).toBe(100);
  });

  it('its credit is what the plan prices on the surface for those strikes, and that plan passes', () => {
    const { vol: _flat, ...onSurface } = PLAN_INPUT.condor;
    const fixed = plan({ ...PLAN_INPUT, condor: { ...onSurface, strikes: suggested.strikes } });
    expect(fixed.condor.passesSdCheck).toBe(true);
    expect(fixed.condor.passingStrikes).toBeUndefined();
    expect(fixed.condor.creditSource).toBe('priced from the surface');
    expect(suggested.credit).toBe(fixed.condor.credit);
    expect(suggested.maxLoss).toBe(fixed.condor.maxLoss);
    expect(suggested.credit).toBeCloseTo(5.7965, 4);
    // the condor's own 16% flat vol prices its own credit, not the suggestion's
    const atFlat = plan({ ...PLAN_INPUT, condor: { ...PLAN_INPUT.condor, strikes: suggested.strikes } });
    expect(atFlat.condor.credit).toBeCloseTo(8.7158, 4);
  });

  it('the warning names the strikes and the credit', () => {
    const w = failing.warnings.find((x) => x.startsWith("The condor's short strikes"));
    expect(w).toContain(
      "e.g. to 5700/5800/7135/7235 (2.49 / 1.5 SD, the same wings), for a credit of 5.8 per share ($5,796 for 10 condors, max loss $94,204) at the plan's marks.",
    );
  });

  it('names a short strike across spot as in the money, not as a negative distance from spot', () => {
    const across = (strikes: [number, number, number, number]): string =>
      sdWarning(plan({ ...PLAN_INPUT, condor: { ...PLAN_INPUT.condor, strikes } }));
    // SPX 6600: a short put at 6750 is above spot, a short call at 6400 below it
    expect(across([6650, 6750, 7100, 7200])).toMatch(
      /^The condor's short strikes: the put is 0\.43 SD in the money \(above spot\) and the call is 1\.41 SD from spot, not the 1\.5 SD out of the money the method asks for: widen the short strikes/,
    );
    expect(across([5700, 5800, 6400, 6500])).toMatch(
      /^The condor's short strikes: the call is 0\.59 SD in the money \(below spot\), not the 1\.5 SD out of the money the method asks for \(the put, at 2\.49 SD, passes\)/,
    );
    expect(sdWarning(failing)).toMatch(
      /^The condor's short strikes: the call is 1\.41 SD from spot, inside the 1\.5 SD/,
    );
  });

  it('for a condor held, says the check is an entry\u2019s and the fix a roll, with the same strikes', () => {
    const legs = failing.book.condor.map((l) => ({ ...l, quantity: Math.trunc(l.quantity) }));
    const held = plan({ ...PLAN_INPUT, positions: legs });
    const w = held.warnings.find((x) => x.startsWith("The held condor's short strikes"));
    expect(w).toBe(
      sdWarning(failing)
        .replace("The condor's", "The held condor's")
        .replace(
          ': widen the short call',
          ": the check is an entry's: to move the short call, roll the condor held (a new entry)",
        )
        // the roll's net: the new condor's $5,796 less buying back the one held at its mark
        .replace(
          "at the plan's marks.",
          "at the plan's marks; buying back the condor held costs $6,508 at the same marks, so the roll is a net debit of $712.",
        ),
    );
    expect(held.condor.markValue).toBeCloseTo(-6_507.55, 2);
    // positions without the condor: the entry's words
    expect(sdWarning(plan({ ...PLAN_INPUT, positions: legs.slice(0, 3) }))).toBe(sdWarning(failing));
  });

  describe('is priced on the surface whatever the condor given is priced at', () => {
    // The docs' example (its surface from the Cboe indices) with both short strikes inside 1.5 SD.
    const inside = (priced: Partial<NonNullable<PlanInput['condor']>>): ReturnType<typeof plan> => {
      const p = structuredClone(PLAN_EXAMPLE) as PlanInput;
      const { vol: _flat, ...c } = p.condor!;
      p.condor = { ...c, strikes: [6250, 6350, 6800, 6900], ...priced };
      return plan(p);
    };
    const onSurface = inside({});
    const asGiven = {
      'no vol': onSurface,
      'condor.vol 0.08': inside({ vol: 0.08 }),
      'condor.vol 0.16': inside({ vol: 0.16 }),
      'condor.vol 0.30': inside({ vol: 0.3 }),
      'condor.vols': inside({ vols: [0.3, 0.25, 0.12, 0.1] }),
      'condor.credit': inside({ credit: 40 }),
    };

    it.each(Object.entries(asGiven))('%s: 5955/6055/7190/7290 at the surface credit', (_given, r) => {
      expect(r.condor.passesSdCheck).toBe(false);
      expect(r.condor.passingStrikes).toEqual(onSurface.condor.passingStrikes);
      expect(r.condor.passingStrikes!.strikes).toEqual([5955, 6055, 7190, 7290]);
      expect(r.condor.passingStrikes!.credit).toBeCloseTo(9.8943, 4);
      expect(r.condor.passingStrikes!.maxLoss).toBeCloseTo(27_031.71, 2);
      expect(sdWarning(r)).toContain(
        "e.g. to 5955/6055/7190/7290 (1.51 / 1.5 SD, the same wings), for a credit of 9.89 per share ($2,968 for 3 condors, max loss $27,032) at the plan's marks.",
      );
    });

    it("the surface's credit is the suggested condor's own mark on the surface", () => {
      const p = structuredClone(PLAN_EXAMPLE) as PlanInput;
      p.condor = { ...p.condor!, strikes: onSurface.condor.passingStrikes!.strikes, vol: 0.3 };
      const r = plan(p);
      expect(r.condor.passesSdCheck).toBe(true);
      const surfaceCredit = -r.condor.markValue / (100 * p.condor.quantity);
      expect(onSurface.condor.passingStrikes!.credit).toBeCloseTo(surfaceCredit, 9);
    });
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
    // 5-point wings 3 days out, a 5 SD rule and a SKEW of 100 (thin tails): 6350/6355/6855/6860
    // collects under half a cent on the surface
    const p = structuredClone(PLAN_EXAMPLE) as PlanInput;
    p.market = { ...p.market, vix: 9, indices: { vix9d: 9, vix3m: 9, vix6m: 9, skew: 100 } };
    p.condor = { ...p.condor!, expiry: '2026-11-23', strikes: [6590, 6595, 6605, 6610] };
    p.policy = { minShortStrikeSd: 5 };
    const r = plan(p);
    expect(r.condor.passingStrikes).toBeUndefined();
    expect(sdWarning(r)).not.toContain('for a credit of 0 per share');
    expect(sdWarning(r)).toContain(
      "widen the short strikes, though the condor with the same wings that passes (6350/6355/6855/6860) collects no credit at the plan's marks.",
    );
  });
});
