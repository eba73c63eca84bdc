/**
 * Orders as a broker takes them: each opens or closes (buy to open, buy to close, sell to open, sell
 * to close), a contract crossing zero is two orders (the close of what is held, then the open of the
 * target), and a limit outside the quote says so on its row.
 */
import { describe, expect, it } from 'vitest';
import { ordersFromBook, quoteFromChain, quoteOrders, type Leg, type TargetLeg } from '@alvh/shared';

const date = '2023-06-09';
const put = (strike: number, quantity: number): TargetLeg => ({
  kind: 'spx',
  type: 'put',
  strike,
  expiry: '2023-07-21',
  quantity,
  origin: 'condor 2023-07-21',
});
const held = (strike: number, quantity: number): Leg => ({ ...put(strike, quantity) });
// the chain's July puts on 2023-06-09 (SPX: the monthly date), and the plan's model mids beside them
const mids: Record<number, number> = { 3850: 7.105, 3900: 8.509, 3950: 10.314 };
const mark = (l: Leg): number => mids[l.strike] ?? 1;
const quote = quoteFromChain([
  { root: 'SPX', expiry: '2023-07-21', strike: 3850, type: 'put', bid: 7, ask: 7.2 },
  { root: 'SPX', expiry: '2023-07-21', strike: 3900, type: 'put', bid: 8.3, ask: 8.5 },
  { root: 'SPX', expiry: '2023-07-21', strike: 3950, type: 'put', bid: 9.9, ask: 10.2 },
]);
const row = (o: ReturnType<typeof ordersFromBook>['orders'][number]) => [
  o.side,
  o.effect,
  o.quantity,
  o.leg.strike,
  o.held,
  o.target,
];

describe('the open / close effect of an order', () => {
  it('a target across zero from what is held is two orders: sell 2 to close, then sell 10 to open', () => {
    const r = ordersFromBook({ valuationDate: date, held: [held(3950, 2)], target: [put(3950, -10)], mark });
    expect(r.orders.map(row)).toEqual([
      ['sell', 'close', 2, 3950, 2, 0],
      ['sell', 'open', 10, 3950, 0, -10],
    ]);
    expect(r.orders.map((o) => o.leg.quantity)).toEqual([-2, -10]);
    // the costs still add up to the whole trade, at the one mid
    expect(r.orders[0]!.cost + r.orders[1]!.cost).toBeCloseTo(-12 * 10.314 * 100, 9);
    expect(r.netCost).toBeCloseTo(-12 * 10.314 * 100, 9);
    // and the other way: short 3, target long 4.7 (rounded to 4): buy 3 to close, buy 4 to open, the rounding on the open
    const b = ordersFromBook({ valuationDate: date, held: [held(3850, -3)], target: [put(3850, 4.7)], mark });
    expect(b.orders.map(row)).toEqual([
      ['buy', 'close', 3, 3850, -3, 0],
      ['buy', 'open', 4, 3850, 0, 4],
    ]);
    expect(b.orders.map((o) => o.rounding !== undefined)).toEqual([false, true]);
  });

  it('an order away from zero opens, toward zero (or to it) closes', () => {
    const r = ordersFromBook({
      valuationDate: date,
      held: [held(3900, 12), held(3950, -8), held(3850, -3)],
      target: [put(3900, 10), put(3950, -10)],
      mark,
    });
    expect(r.orders.map(row)).toEqual([
      ['sell', 'close', 2, 3900, 12, 10],
      ['sell', 'open', 2, 3950, -8, -10],
      ['buy', 'close', 3, 3850, -3, 0],
    ]);
    const fresh = ordersFromBook({ valuationDate: date, held: [], target: [put(3900, 1), put(3950, -1)], mark });
    expect(fresh.orders.map((o) => o.effect)).toEqual(['open', 'open']);
  });
});

describe('a limit outside the quote', () => {
  it('a sell whose mid is above the ask carries a note; one within the quote none; limits and costs as they were', () => {
    const r = ordersFromBook({
      valuationDate: date,
      held: [held(3950, 2), held(3850, -3)],
      target: [put(3950, -10)],
      mark,
      quote,
    });
    expect(r.orders.map((o) => [o.side, o.effect, o.limit, o.bid, o.ask])).toEqual([
      ['sell', 'close', 10.4, 9.9, 10.2],
      ['sell', 'open', 10.4, 9.9, 10.2],
      ['buy', 'close', 7.1, 7, 7.2],
    ]);
    expect(r.orders[0]!.note).toBe(
      'limit above the ask: a patient order, fills only if the market moves up to it; its cost at the mid is a larger credit than a sale at the ask',
    );
    expect(r.orders[1]!.note).toBe(r.orders[0]!.note);
    expect(r.orders[2]!.note).toBeUndefined();
    expect(r.orders.map((o) => o.cost)).toEqual(
      [-2 * 1031.4, -10 * 1031.4, 3 * 710.5].map((x) => expect.closeTo(x, 9)),
    );
  });

  it('a buy whose mid is below the bid carries one; quoted later (quoteOrders), the same', () => {
    const low = (l: Leg): number => (l.strike === 3900 ? 8.12 : mark(l));
    const unquoted = ordersFromBook({ valuationDate: date, held: [], target: [put(3900, 5)], mark: low });
    expect(unquoted.orders[0]!.note).toBeUndefined();
    const r = quoteOrders(unquoted, quote, date);
    expect([r.orders[0]!.limit, r.orders[0]!.bid]).toEqual([8.1, 8.3]);
    expect(r.orders[0]!.note).toBe(
      'limit below the bid: a patient order, fills only if the market moves down to it; its cost at the mid is a smaller debit than a purchase at the bid',
    );
  });
});
