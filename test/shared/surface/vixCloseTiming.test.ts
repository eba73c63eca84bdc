/**
 * VIX legs are marked to the 16:00 close of their expiry day, while VIX options settle at the
 * opening of it and a chain's VIX slices are fitted to that opening (docs/hedging.md, "Roots"):
 * the figures the doc quotes for that choice, on the example plan's day with the synthetic chain.
 */
import { black76Price, markLegs, plan, planMarketState, type Leg } from '@alvh/shared';
import { describe, expect, it } from 'vitest';
import { PLAN_INPUT } from '../../helpers/fixtures';
import { vixChainQuotes, vixChainRows } from '../../helpers/vixChain';

/** The 6.5 hours from the 09:30 opening print to the 16:00 close, in days. */
const OPEN_TO_CLOSE_DAYS = 6.5 / 24;

describe('VIX legs timed to the close', () => {
  const p = plan({ ...PLAN_INPUT, market: { ...PLAN_INPUT.market, vixChain: vixChainRows() } });
  const state = planMarketState(p.market, p.surface);
  const calls: Leg[] = ['2026-12-16', '2027-01-20'].map((expiry) => ({
    kind: 'vix',
    type: 'call',
    strike: 20,
    expiry,
    quantity: 1,
  }));
  const marks = markLegs(calls, state);
  const quotes = vixChainQuotes();
  const mid = (expiry: string): number => {
    const q = quotes.find((x) => x.expiry === expiry && x.strike === 20)!;
    return (q.call[0] + q.call[1]) / 2;
  };

  it('marks the 26-day and 61-day VIX 20 calls a little above the quotes their slices were fitted to', () => {
    expect(marks.map((m) => Number(m.price.toFixed(4)))).toEqual([0.6134, 1.5985]);
    expect(calls.map((c) => Number(mid(c.expiry).toFixed(4)))).toEqual([0.6066, 1.5934]);
    // the close counts the 6.5 hours after the opening settlement
    expect(marks[0]!.years * 365).toBeCloseTo(26, 12);
  });

  it('timed to the opening, the same vols give the figures the doc quotes beside them', () => {
    const atOpen = marks.map((m) =>
      black76Price({
        type: 'call',
        future: m.underlying,
        strike: 20,
        years: m.years - OPEN_TO_CLOSE_DAYS / 365,
        rate: PLAN_INPUT.market.rate,
        vol: m.vol,
      }),
    );
    expect(atOpen.map((x) => Number(x.toFixed(4)))).toEqual([0.6077, 1.5944]);
    // within a cent of the quote mids, where the marks to the close stand 0.5-0.7 cents above
    for (const [i, c] of calls.entries()) expect(Math.abs(atOpen[i]! - mid(c.expiry))).toBeLessThan(0.0012);
  });
});
