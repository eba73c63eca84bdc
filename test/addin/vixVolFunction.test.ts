/**
 * ALVH.VIXVOL through the BUILT functions: the VIX-option surface's vol the plan marks its tail call
 * at, so that ALVH.TAILSIZE fed with it sizes the plan's tail; bad arguments are #VALUE! naming them.
 */
import { describe, expect, it } from 'vitest';
import { daysBetween, plan, vxExpiriesAfter } from '@alvh/shared';
import { PLAN_2018_12_24 } from '../helpers/fixtures';
import { ErrorCode, errorOf, useBuiltFunctions } from './stubs/customFunctions';

const call = useBuiltFunctions();

/** The #VALUE! message of a call (fails when the call answers or gives another error). */
function invalid(id: string, ...args: unknown[]): string {
  const e = errorOf(() => call(id, ...args));
  expect(e.code, e.message).toBe(ErrorCode.invalidValue);
  expect((e.message ?? '').length).toBeLessThanOrEqual(255);
  return e.message ?? '';
}

/** The 2018-12-24 plan: no VVIX given, so VIX options are marked at the default vol of vol 1.2 (VVIX 120). */
const planned = plan(PLAN_2018_12_24);
const marks = planned.audit.find((a) => a.rule === 'tail.contracts')!.inputs as {
  daysToExpiry: number;
  volToday: number;
  volStressed: number;
};

describe('ALVH.VIXVOL', () => {
  it("is the plan's mark of its tail call, today and in the drawdown (2018-12-24)", () => {
    const { strike, future, stressedFuture } = planned.tail;
    expect([marks.daysToExpiry, strike, future]).toEqual([51, 24, 23.325]);
    expect(call('VIXVOL', 120, 51 / 365, strike, future)).toBe(marks.volToday);
    const stressed = call('VIXVOL', 120, (51 - 10) / 365, strike, stressedFuture) as number;
    expect(Math.abs(stressed - marks.volStressed)).toBeLessThan(1e-12);
    expect(marks.volToday).toBeCloseTo(1.044, 3);
    expect(stressed).toBeCloseTo(0.9367, 4);
  });

  it("fed to ALVH.TAILSIZE, sizes the plan's tail: 20 calls at 3.3217 (one flat VVIX/100 gives 21 at 3.8570)", () => {
    const { strike, future, stressedFuture } = planned.tail;
    const loss = planned.scenario.condorLoss;
    const today = call('VIXVOL', 120, 51 / 365, strike, future);
    const stressed = call('VIXVOL', 120, 41 / 365, strike, stressedFuture);
    const [[contracts, k, premium, gain]] = call(
      'TAILSIZE',
      loss,
      future,
      51 / 365,
      today,
      stressedFuture,
      null,
      null,
      0.024,
      null,
      stressed,
    ) as [[number, number, number, number]];
    expect(contracts).toBe(planned.tail.requiredContracts);
    expect(contracts).toBe(20);
    expect(k).toBe(planned.tail.strike);
    expect(premium).toBe(planned.tail.premium);
    expect(premium).toBeCloseTo(3.3217, 4);
    expect(Math.abs(gain - planned.tail.gainPerContract)).toBeLessThan(1e-9);
    // at one flat vol of vol the call is dearer and the size another
    const [[flatContracts, , flatPremium]] = call(
      'TAILSIZE',
      loss,
      future,
      51 / 365,
      1.2,
      stressedFuture,
      null,
      null,
      0.024,
    ) as [[number, number, number]];
    expect(flatContracts).toBe(21);
    expect(flatPremium).toBeCloseTo(3.857, 4);
  });

  it("without a VVIX, the plan's warning says to pass VIXVOL(120, …), which reproduces its tail on 2024-08-05; a flat 1.2 does not", () => {
    const day = plan({
      valuationDate: '2024-08-05',
      market: {
        spx: 5186.33,
        vix: 38.57,
        rate: 0.052,
        divYield: 0.013,
        futures: vxExpiriesAfter('2024-08-05', 8).map((expiry, i) => ({
          expiry,
          price: [32.0986, 30.3911, 27.3048, 22.9263, 22.3161, 23.0012, 23.2785, 23.601][i]!,
        })),
      },
      condor: { expiry: '2024-09-20', strikes: [4600, 4650, 5600, 5650], quantity: 10 },
      portfolio: { capital: 2_000_000 },
    });
    expect(day.warnings).toContain(
      "No VVIX given: VIX options are marked on the VIX-option surface of VVIX 120 (policy.defaultVolOfVol 1.2 × 100), not at a flat vol of 1.2; in Excel, pass ALVH.VIXVOL(120, …) as TAILSIZE's volOfVol and stressVolOfVol.",
    );
    const { strike, future, stressedFuture, expiry } = day.tail;
    const days = daysBetween('2024-08-05', expiry);
    expect([days, strike, future]).toEqual([44, 32, 30.3911]);
    const today = call('VIXVOL', 120, days / 365, strike, future) as number;
    const stressed = call('VIXVOL', 120, (days - 10) / 365, strike, stressedFuture) as number;
    const loss = day.scenario.condorLoss;
    const tail = (vol: unknown, stressVol: unknown) =>
      (
        call(
          'TAILSIZE',
          loss,
          future,
          days / 365,
          vol,
          stressedFuture,
          null,
          null,
          0.052,
          null,
          stressVol,
        ) as number[][]
      )[0]!;
    const [contracts, , premium, gain] = tail(today, stressed);
    expect(contracts).toBe(day.tail.requiredContracts);
    expect(premium).toBe(day.tail.premium);
    expect(premium).toBeCloseTo(3.975, 3);
    expect(Math.abs(gain! - day.tail.gainPerContract)).toBeLessThan(1e-9);
    // 1.2, what the warning once named, prices the call dearer than the plan does
    expect(tail(1.2, null)[2]).toBeCloseTo(4.3549, 4);
    // with the policy's own stressed vol of vol, the stressed mark is not VIXVOL's: the warning names volOfVol alone
    expect(plan({ ...PLAN_2018_12_24, policy: { stressVolOfVol: 1.5 } }).warnings.join(' ')).toContain(
      "pass ALVH.VIXVOL(120, …) as TAILSIZE's volOfVol.",
    );
  });

  it('refuses each bad argument with #VALUE! naming it and the fix', () => {
    expect(invalid('VIXVOL', 1.2, 51 / 365, 24, 23.325)).toBe(
      'vvix: is 1.2, outside 20 to 400; pass VVIX in index points: 120, not the vol of vol 1.2',
    );
    expect(invalid('VIXVOL', 1000, 51 / 365, 24, 23.325)).toBe(
      'vvix: is 1000, outside 20 to 400; pass the VVIX level in index points from 20 to 400, e.g. 95',
    );
    expect(invalid('VIXVOL', 120, 0, 24, 23.325)).toMatch(/^years: is 0: the option expires today; pass the years/);
    expect(invalid('VIXVOL', 120, -0.1, 24, 23.325)).toMatch(/^years: is -0\.1, not after today/);
    expect(invalid('VIXVOL', 120, 51, 24, 23.325)).toBe(
      'years: is 51, more than 2 years for a VIX option, which looks like days; pass years: days/365 (51/365 = 0.1397)',
    );
    // 3 and 61.5 are no count of days: more than 2 years is said, not days/365 = 0.008
    expect(invalid('VIXVOL', 113.74, 3, 24, 22.75)).toBe(
      'years: is 3, more than 2 years for a VIX option; pass the years to expiry, at most 2: (expiry − today)/365',
    );
    expect(invalid('VIXVOL', 113.74, 61.5, 24, 22.75)).toMatch(
      /^years: is 61\.5, more than 2 years for a VIX option; pass/,
    );
    expect(invalid('VIXVOL', 120, 51 / 365, 23.7, 23.325)).toBe(
      'strike: is 23.7, off the VIX 0.5-point strike grid; pass a listed strike (a multiple of 0.5)',
    );
    expect(invalid('VIXVOL', 120, 51 / 365, 0.24, 23.325)).toMatch(/^strike: is 0\.24, which looks like a decimal/);
    expect(invalid('VIXVOL', 120, 51 / 365, 24, 0.23325)).toMatch(/^future: is 0\.23325, which looks like a decimal/);
    expect(invalid('VIXVOL', 120, 51 / 365, 24, 2332.5)).toMatch(/^future: is 2332\.5, above 500 VIX points/);
    for (const [i, name] of ['vvix', 'years', 'strike', 'future'].entries()) {
      const args: unknown[] = [120, 51 / 365, 24, 23.325];
      args[i] = null;
      expect(invalid('VIXVOL', ...args)).toMatch(new RegExp(`^${name}: `));
    }
  });
});
