/**
 * Tail calls bought for a condor about to expire: when the condor expires within the drawdown
 * scenario's days, the calls the orders buy outlive it by weeks, sized on a fall in the days left to
 * it (on 2018-03-27 a condor of 03-29 was hedged with 13 May calls). The orders stay as sized, since
 * a condor that follows may take the calls over; a warning says so and what else to do.
 */
import { describe, expect, it } from 'vitest';
import { plan } from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';

/** The fixture's condor expiring on `expiry`, held, with a campaign whose budget buys 13 VIX calls. */
function heldNear(expiry: string, drawdownDays?: number) {
  const policy = drawdownDays === undefined ? {} : { policy: { drawdownDays } };
  const input = { ...PLAN_INPUT, ...policy, condor: { ...PLAN_INPUT.condor, expiry, credit: 5 } };
  const legs = plan(input).book.condor.map((l) => ({ ...l, quantity: Math.trunc(l.quantity) }));
  return plan({ ...input, positions: legs, campaign: { budget: 5_000, paid: { overlay: 0, tail: 0 } } });
}
const said = (p: ReturnType<typeof plan>) => p.warnings.filter((w) => w.includes('these orders buy'));

describe('tail calls bought for a condor within the drawdown scenario of its expiry', () => {
  it('are said to outlive it, with the days and what else to do', () => {
    const p = heldNear('2026-11-24');
    expect(p.orders!.orders.map((o) => [o.side, o.quantity, o.leg.expiry, o.why])).toEqual([
      ['buy', 13, '2027-01-20', 'tail: vix-call'],
    ]);
    expect(said(p)).toEqual([
      "The condor expires on 2026-11-24, in 4 days, within the drawdown scenario's 10 days: the 13 VIX calls these orders buy (2027-01-20) outlive it by 57 days, sized on the scenario that settles the condor at its expiry. Unless a condor that follows takes them over (plan with that condor), leave out those buys and close them with the condor.",
    ]);
  });

  it('counts the scenario ending on the expiry itself (10 days of 10), and not a day more', () => {
    expect(said(heldNear('2026-11-30'))).toEqual([
      expect.stringMatching(
        /^The condor expires on 2026-11-30, in 10 days, within the drawdown scenario's 10 days: the 13 VIX calls/,
      ),
    ]);
    expect(said(heldNear('2026-11-30', 9))).toEqual([]);
    // the same 13 calls for a condor two weeks out: no word
    const later = heldNear('2026-12-04');
    expect(later.orders!.orders.some((o) => o.why === 'tail: vix-call' && o.side === 'buy')).toBe(true);
    expect(said(later)).toEqual([]);
  });

  it('is quiet for a condor whose tail lives on after it less than the condor has left', () => {
    // the fixture's 49-day condor under a 60-day drawdown: the scenario outlasts the condor, but the
    // 2027-01-20 calls outlive it by 12 days, not most of their life
    const p = heldNear(PLAN_INPUT.condor.expiry, 60);
    expect(p.warnings.some((w) => w.startsWith('The drawdown scenario ends on'))).toBe(true);
    expect(p.orders!.orders.some((o) => o.why === 'tail: vix-call' && o.side === 'buy')).toBe(true);
    expect(said(p)).toEqual([]);
  });
});
