import { expect, it } from 'vitest';
import { plan, type Plan } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { realDayInput } from './realDays';

/** The warning of a scenario that outlasts the book. */
const outlasts = (p: Plan) => p.warnings.filter((w) => w.startsWith('The drawdown scenario ends on'));

describeWithData('a drawdown scenario that ends after the tail’s or the condor’s expiry (2018-12-24)', () => {
  const day = realDayInput('2018-12-24').input;
  // condor 2019-02-08 (46 days), tail 2019-02-13 (51 days): 55 days end the scenario on 2019-02-17
  const late = plan({ ...day, policy: { drawdownDays: 55 } });

  it('values the expired tail call one way in the literal tail and in the vix-call structure', () => {
    const call = late.structures.structures.find((r) => r.structure === 'vix-call')!;
    expect(late.tail.expiry).toBe('2019-02-13');
    // settled at VIX on its own expiry, the stressed curve's 23.325 + 30 there, not the scenario's VIX 66.07
    expect(late.tail.stressedFuture).toBeCloseTo(53.325, 9);
    expect(late.tail.stressedCallValue).toBeCloseTo(53.325 - 24, 9);
    expect(call.stressedValue).toBeCloseTo(late.tail.stressedCallValue * 100, 6);
    expect(call.gain).toBeCloseTo(late.tail.gainPerContract - call.fees, 6);
    // 32 each (the structure read the call at VIX 66.07 on 2019-02-17: $3,899.16 a unit, 22 units)
    expect(late.tail.requiredContracts).toBe(32);
    expect(call.size?.units).toBe(32);
  });

  it('says so, naming policy.drawdownDays and what has expired', () => {
    expect(outlasts(late)).toEqual([
      "The drawdown scenario ends on 2019-02-17 (policy.drawdownDays 55), on or after the condor's expiry 2019-02-08 and the tail's expiry 2019-02-13: the condor legs are settled on the scenario's SPX 1880.88, and the tail calls at VIX on their own expiry, the stressed curve's 53.33 there, not the scenario's VIX 66.07. Pass policy.drawdownDays below 46 to stress them before they expire.",
    ]);
    const condorOnly = plan({ ...day, policy: { drawdownDays: 48 } });
    expect(outlasts(condorOnly)).toHaveLength(1);
    expect(outlasts(condorOnly)[0]).toMatch(/on or after the condor's expiry 2019-02-08: the condor legs are settled/);
    expect(outlasts(condorOnly)[0]).not.toMatch(/tail/);
    expect(outlasts(plan({ ...day, policy: { drawdownDays: 45 } }))).toEqual([]);
    expect(outlasts(plan(day))).toEqual([]);
  });

  it('counts a scenario ending on the expiry day itself as settled there', () => {
    // 46 days end the scenario on 2019-02-08, the condor's expiry: its legs settle that day, not later
    expect(outlasts(plan({ ...day, policy: { drawdownDays: 46 } }))).toEqual([
      "The drawdown scenario ends on 2019-02-08 (policy.drawdownDays 46), on or after the condor's expiry 2019-02-08: the condor legs are settled on the scenario's SPX 1880.88. Pass policy.drawdownDays below 46 to stress them before they expire.",
    ]);
    // 51 days end it on 2019-02-13, the tail's expiry: its calls are settled at VIX that day too
    expect(outlasts(plan({ ...day, policy: { drawdownDays: 51 } }))).toEqual([
      "The drawdown scenario ends on 2019-02-13 (policy.drawdownDays 51), on or after the condor's expiry 2019-02-08 and the tail's expiry 2019-02-13: the condor legs are settled on the scenario's SPX 1880.88, and the tail calls at VIX on their own expiry, the stressed curve's 53.33 there, not the scenario's VIX 66.07. Pass policy.drawdownDays below 46 to stress them before they expire.",
    ]);
  });

  it('takes a tail expiry exactly policy.tailDteMin days out as inside its window', () => {
    // the 2019-02-13 VX expiry is 51 days out: with tailDteMin 51 it is the window's, no warning says otherwise
    const q = plan({ ...day, policy: { tailDteMin: 51 } });
    expect([q.tail.expiry, q.tail.daysToExpiry]).toEqual(['2019-02-13', 51]);
    expect(
      q.warnings.filter((w) => w.startsWith('No VX expiry lies') || w.startsWith('The futures given end')),
    ).toEqual([]);
  });
});
