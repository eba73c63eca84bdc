/**
 * vixOptionVolFromVvix: the VIX-option vol a plan marks its tail call at, from the VVIX level, the
 * years to expiry, the strike and the VX future alone (what ALVH.VIXVOL gives a sheet).
 */
import { describe, expect, it } from 'vitest';
import { plan, vixOptionVolFromVvix, vxExpiriesAfter, type PlanInput } from '@alvh/shared';
import { errorOf } from '../../helpers/errors';

/** The 2018-12-24 plan (no VVIX given: the policy's default vol of vol 1.2, VVIX 120). */
function input(extra: { vvix?: number; policy?: PlanInput['policy'] } = {}): PlanInput {
  return {
    valuationDate: '2018-12-24',
    market: {
      spx: 2351.1,
      vix: 36.07,
      ...(extra.vvix === undefined ? {} : { vvix: extra.vvix }),
      rate: 0.024,
      divYield: 0.02,
      futures: vxExpiriesAfter('2018-12-24', 3).map((expiry, i) => ({ expiry, price: [25.9, 23.325, 22.175][i]! })),
    },
    condor: { expiry: '2019-02-15', strikes: [1750, 1800, 2850, 2900], quantity: 10 },
    portfolio: { capital: 2_000_000 },
    ...(extra.policy === undefined ? {} : { policy: extra.policy }),
  };
}

/** The tail call's marks in the plan's audit (rule tail.contracts). */
function tailMarks(p: ReturnType<typeof plan>) {
  const row = p.audit.find((a) => a.rule === 'tail.contracts')!;
  return row.inputs as {
    daysToExpiry: number;
    strike: number;
    future: number;
    stressedFuture: number;
    volToday: number;
    volStressed: number;
  };
}

describe('vixOptionVolFromVvix', () => {
  it("is the plan's tail vol today, bit for bit, at the VVIX the plan reads (given or its default)", () => {
    for (const [extra, vvix] of [
      [{}, 120],
      [{ vvix: 113.74 }, 113.74],
      [{ vvix: 87.3 }, 87.3],
    ] as const) {
      const m = tailMarks(plan(input(extra)));
      expect(m.daysToExpiry).toBe(51);
      expect(vixOptionVolFromVvix(vvix, 51 / 365, m.strike, m.future), `VVIX ${vvix}`).toBe(m.volToday);
    }
    // 2018-12-24: the February 24 call on the 23.325 future at VVIX 120
    expect(vixOptionVolFromVvix(120, 51 / 365, 24, 23.325)).toBeCloseTo(1.044, 3);
  });

  it("is the plan's tail vol in the drawdown at the stressed VVIX, the years left and the stressed future", () => {
    // the default stressed vol of vol is today's; policy.stressVolOfVol 1.5 is VVIX 150
    for (const [extra, stressVvix] of [
      [{}, 120],
      [{ policy: { stressVolOfVol: 1.5 } }, 150],
    ] as const) {
      const m = tailMarks(plan(input(extra)));
      const left = (m.daysToExpiry - 10) / 365;
      expect(Math.abs(vixOptionVolFromVvix(stressVvix, left, m.strike, m.stressedFuture) - m.volStressed)).toBeLessThan(
        1e-12,
      );
    }
  });

  it('refuses a VVIX outside 20-400, naming vvix', () => {
    for (const v of [1.2, 19.99, 400.01, Number.NaN]) {
      const e = errorOf(() => vixOptionVolFromVvix(v, 51 / 365, 24, 23.325));
      expect(e.field).toBe('vvix');
      expect(e.problem).toMatch(/outside 20 to 400/);
    }
  });
});
