/**
 * A VIX option held is marked on the VX future of its expiry, so one expiring after the last listed
 * future is refused; one expiring on that future's own date is marked on it, and taken. 2024-08-05
 * with only VX1 and VX2 typed, the five September calls held in VX2's month.
 */
import { describe, expect, it } from 'vitest';
import { checkHeldAgainstMarket, plan, type Leg, type PlanInput } from '@alvh/shared';
import { input } from './spikeDay';

const CALLS: Leg = { kind: 'vix', type: 'call', strike: 20, expiry: '2024-09-18', quantity: 5 };

/** The spike day with its first `n` VX futures typed, today's and the last rebalance's. */
function typed(n: number, calls = CALLS): PlanInput {
  const q = input(calls);
  return {
    ...q,
    market: { ...q.market, futures: q.market.futures.slice(0, n) },
    lastRebalance: { ...q.lastRebalance!, futures: q.lastRebalance!.futures!.slice(0, n) },
  } as PlanInput;
}

describe('a VIX option held on the last listed VX future', () => {
  it('is marked on that future and sized as with the whole curve typed', () => {
    const two = typed(2);
    expect(two.market.futures.at(-1)!.expiry).toBe(CALLS.expiry);
    const sold = plan(two).orders!.orders.filter((o) => o.leg.kind === 'vix');
    expect(sold.map((o) => [o.side, o.quantity, o.leg.strike, o.leg.expiry])).toEqual([['sell', 5, 20, '2024-09-18']]);
    const whole = plan(input(CALLS)).orders!.orders.find((o) => o.leg.kind === 'vix')!;
    expect(sold[0]!.cost).toBeCloseTo(whole.cost, 6);
  });

  it('is refused a month later, past the last future typed', () => {
    expect(() => plan(typed(2, { ...CALLS, expiry: '2024-10-16' }))).toThrow(
      /^positions\[4\]\.expiry: is 2024-10-16, after the last listed VX future \(2024-09-18\)/,
    );
  });

  it('is taken from pasted positions on that date, and refused past it', () => {
    const held = [{ leg: CALLS, symbol: 'VIX 240918C00020000', line: 1 }];
    expect(() => checkHeldAgainstMarket(held, { lastFuture: '2024-09-18' })).not.toThrow();
    expect(() => checkHeldAgainstMarket(held, { lastFuture: '2024-08-21' })).toThrow(
      /^positions line 1: holds a VIX option of 2024-09-18, after the last listed VX future \(2024-08-21\)/,
    );
  });
});
