/**
 * Orders quoted from a chain: each order carries its contract's bid and ask (the chain's row of the
 * same root, expiry, strike and type, exactly), and its limit stays the mid on the grid in the
 * order's favour, a buy's mid capped at the ask and a sell's floored at the bid first.
 */
import { describe, expect, it } from 'vitest';
import {
  limitOnTick,
  ordersFromBook,
  quoteFromChain,
  quoteOrders,
  type ChainQuoteRow,
  type Leg,
  type TargetLeg,
} from '@alvh/shared';

const date = '2025-04-08';
const leg = (strike: number, quantity: number, expiry = '2025-05-23'): TargetLeg => ({
  kind: 'spx',
  type: 'put',
  strike,
  expiry,
  quantity,
  origin: 'test',
});
const mids: Record<number, number> = { 5000: 10.32, 5050: 12.58, 5100: 15.03 };
const mark = (l: Leg): number => mids[l.strike] ?? 1;
const quotes: ChainQuoteRow[] = [
  { root: 'SPXW', expiry: '2025-05-23', strike: 5000, type: 'put', bid: 9.9, ask: 10.2 },
  { root: 'SPXW', expiry: '2025-05-23', strike: 5050, type: 'put', bid: 12.7, ask: 13.1 },
  { root: 'SPXW', expiry: '2025-05-23', strike: 5100, type: 'put', bid: 14.8, ask: 15.3 },
  // the third Friday: SPXW (PM) quoted, the order's root is SPX (AM)
  { root: 'SPXW', expiry: '2025-05-16', strike: 5000, type: 'put', bid: 8.1, ask: 8.4 },
  { root: 'SPX', expiry: '2025-05-16', strike: 5050, type: 'put', bid: 9.2, ask: 9.5 },
];

describe('orders quoted from a chain', () => {
  it('a buy whose mid is above the ask is sent at the ask; a sell whose mid is below the bid, at the bid', () => {
    const r = ordersFromBook({
      valuationDate: date,
      held: [],
      target: [leg(5000, 2), leg(5050, -2), leg(5100, 1)],
      mark,
      quote: quoteFromChain(quotes),
    });
    expect(r.orders.map((o) => [o.side, o.mid, o.bid, o.ask, o.limit])).toEqual([
      ['buy', 10.32, 9.9, 10.2, 10.2], // the mid 10.32 would be 10.30, above the ask
      ['sell', 12.58, 12.7, 13.1, 12.7], // the mid 12.58 would be 12.60, below the bid
      ['buy', 15.03, 14.8, 15.3, 15], // within the quote: the mid on the grid, rounded down
    ]);
    for (const o of r.orders) {
      if (o.side === 'buy') expect(o.limit).toBeLessThanOrEqual(o.ask!);
      else expect(o.limit).toBeGreaterThanOrEqual(o.bid!);
      expect(o.limit).toBeLessThanOrEqual(o.side === 'buy' ? o.mid : Infinity);
      expect(o.limit).toBeGreaterThanOrEqual(o.side === 'sell' ? o.mid : -Infinity);
    }
    // without the quote, the limits are the mids on the grid, as before
    const plain = ordersFromBook({ valuationDate: date, held: [], target: [leg(5000, 2), leg(5050, -2)], mark });
    expect(plain.orders.map((o) => o.limit)).toEqual([
      limitOnTick('spx', 'buy', 10.32, date).limit,
      limitOnTick('spx', 'sell', 12.58, date).limit,
    ]);
    expect(plain.orders[0]).not.toHaveProperty('bid');
  });

  it('matches root, expiry, strike and type exactly: a contract the chain does not quote has no bid / ask', () => {
    const quote = quoteFromChain(quotes);
    expect(quote({ ...leg(5050, 1, '2025-05-16') })).toEqual({ bid: 9.2, ask: 9.5 }); // SPX on the monthly
    expect(quote({ ...leg(5000, 1, '2025-05-16') })).toBeUndefined(); // only SPXW quoted there
    expect(quote({ ...leg(5000, 1), type: 'call' })).toBeUndefined();
    expect(quote({ ...leg(5005, 1) })).toBeUndefined();
    expect(quote({ kind: 'vix', type: 'put', strike: 5000, expiry: '2025-05-23', quantity: 1 })).toBeUndefined();
  });

  it('quoting a list afterwards gives what ordersFromBook gives with the quote, deferred orders too', () => {
    const target = [leg(5000, 2), leg(5050, -2), leg(5100, 1), leg(5050, 3, '2025-05-16')];
    const quote = quoteFromChain(quotes);
    const plain = ordersFromBook({ valuationDate: date, held: [], target, mark });
    const quoted = ordersFromBook({ valuationDate: date, held: [], target, mark, quote });
    expect(quoteOrders(plain, quote, date)).toEqual(quoted);
    const deferred = {
      orders: [],
      netCost: 0,
      deferred: { orders: plain.orders, netCost: plain.netCost, reason: 'r' },
    };
    expect(quoteOrders(deferred, quote, date)).toEqual({
      orders: [],
      netCost: 0,
      deferred: { orders: quoted.orders, netCost: quoted.netCost, reason: 'r' },
    });
  });
});
