/**
 * Orders between rebalances (method section 8): with hedges held and no rebalance due, the plan
 * holds the book and sets the orders to today's sizing aside, instead of re-sizing the hedges every
 * day (on 69 of 91 day pairs over 2008-2021 the tail or the calendar would have moved overnight).
 */
import { expect, it } from 'vitest';
import { describeWithData } from '../../helpers/marketData';
import { plan, type Leg, type PlanInput } from '@alvh/shared';
import { quantintellRows, realDayInput } from './realDays';

const POLICY = { maxHedgeCostRate: 5, targetIrr: 0 };
const whole = (legs: readonly Leg[]) =>
  legs
    .map((l) => ({ kind: l.kind, type: l.type, strike: l.strike, expiry: l.expiry, quantity: Math.trunc(l.quantity) }))
    .filter((l) => l.quantity !== 0);

/** Day one's plan, and day two's with day one's book held and day one as the last rebalance. */
function twoDays(d1: string, d2: string, lastRebalanceDate = d1) {
  const a = realDayInput(d1).input;
  const b = realDayInput(d2).input;
  const p1 = plan({ ...a, policy: POLICY });
  const held = whole([...p1.book.condor, ...p1.book.overlay, ...p1.book.tail]);
  const day2 = (positions: Leg[]): PlanInput => ({
    ...b,
    condor: a.condor,
    policy: POLICY,
    positions,
    lastRebalance: { date: lastRebalanceDate, vix: a.market.vix, futures: a.market.futures },
  });
  return { p1, held, day2 };
}

describeWithData('orders between rebalances', () => {
  it('holds the hedges when no rebalance is due: no order, the re-sizing set aside with its reason', () => {
    const rows = quantintellRows();
    const i = rows.findIndex((r) => r.date === '2008-06-10');
    const { held, day2 } = twoDays(rows[i]!.date, rows[i + 1]!.date);
    const p = plan(day2(held));
    expect((p.rebalance as { due: boolean }).due).toBe(false);
    expect(p.orders?.orders).toEqual([]);
    expect(p.orders?.netCost).toBe(0);
    // today's sizing asks for one more VIX call: deferred, not ordered
    expect(p.orders?.deferred?.orders.map((o) => [o.side, o.quantity, o.leg.kind, o.why])).toEqual([
      ['buy', 1, 'vix', 'tail: vix-call'],
    ]);
    expect(p.orders?.deferred?.reason).toMatch(
      /^no rebalance is due and the legs held are the condors and their hedges/,
    );
    expect(p.warnings.at(-1)).toMatch(
      /^No rebalance is due and the legs held are the condors and their hedges: hold the book\. The 1 order that would take it to today's sizing \(net debit \$[\d,.]+\) is set aside, marked deferred, for the next rebalance\. The plan's overlay, tail and budget figures are today's sizing, not the book held\.$/,
    );
    expect(p.audit.find((e) => e.rule === 'orders')?.effect).toMatch(
      /^no rebalance is due and .*: no order; 1 order to/,
    );
  });

  it('orders whole whatever is not the condors and their hedges: an unrelated put, more condors held, a condor rolled', () => {
    const rows = quantintellRows();
    const i = rows.findIndex((r) => r.date === '2008-06-10');
    const { held, day2 } = twoDays(rows[i]!.date, rows[i + 1]!.date);
    const condor = held.filter((l) => l.kind === 'spx').slice(0, 4);
    // an SPX put the plan does not size: the orders close it and buy the hedges of the entry
    const stray: Leg = { kind: 'spx', type: 'put', strike: 1000, expiry: '2008-09-19', quantity: 2 };
    const withStray = plan(day2([...held, stray]));
    expect(withStray.orders?.deferred).toBeUndefined();
    expect(withStray.orders?.orders.find((o) => o.leg.strike === 1000)?.why).toBe('close: held, not in the target');
    // the rebalance says "not due" and yet there are orders: a warning says why
    expect((withStray.rebalance as { due: boolean }).due).toBe(false);
    expect(withStray.warnings.filter((w) => w.startsWith('No rebalance is due, but'))).toEqual([
      `No rebalance is due, but the legs held are not only the condors and their hedges (a condor opened, rolled or resized, or a position the plan does not size): an entry, so the ${withStray.orders?.orders.length} orders take the book to today's sizing.`,
    ]);
    // twice the condors the plan asks for, and no hedge: an entry, the condor resized and the hedges bought
    // (the short put nets with the calendar's 3 short puts: −13 aimed at, −20 held)
    const doubled = plan(day2(condor.map((l) => ({ ...l, quantity: 2 * l.quantity }))));
    expect(doubled.orders?.deferred).toBeUndefined();
    expect(doubled.orders?.orders.filter((o) => o.why.startsWith('condor ')).map((o) => o.quantity)).toEqual([
      10, 7, 10, 10,
    ]);
    expect(doubled.orders?.orders.some((o) => o.leg.kind === 'vix' && o.side === 'buy')).toBe(true);
    // the hedges held with a condor other than the plan's (its calls 50 points higher): ordered whole
    const rolled = held.map((l) => (l.kind === 'spx' && l.type === 'call' ? { ...l, strike: l.strike + 50 } : l));
    const roll = plan(day2(rolled));
    expect(roll.orders?.deferred).toBeUndefined();
    expect(roll.orders?.orders.filter((o) => o.why.startsWith('condor ')).length).toBeGreaterThan(0);
  });

  it('holds only VIX legs of the hedge shapes: a tail call typed short, a VIX put or a naked short call is an entry', () => {
    const rows = quantintellRows();
    const i = rows.findIndex((r) => r.date === '2008-06-10');
    const { held, day2 } = twoDays(rows[i]!.date, rows[i + 1]!.date);
    const tail = held.find((l) => l.kind === 'vix' && l.type === 'call' && l.quantity > 0)!;
    expect(tail).toBeDefined();
    const others = held.filter((l) => l !== tail);
    // the tail's calls typed with the wrong sign: short VIX on top of a short condor is no hedge
    const flipped = plan(day2([...others, { ...tail, quantity: -tail.quantity }]));
    expect(flipped.orders?.deferred).toBeUndefined();
    const buyBack = flipped.orders?.orders.filter((o) => o.leg.kind === 'vix' && o.side === 'buy') ?? [];
    expect(buyBack.reduce((n, o) => n + o.quantity, 0)).toBeGreaterThanOrEqual(2 * tail.quantity);
    // a VIX put held beside the hedges: closed, and the book ordered to today's sizing
    const put: Leg = { ...tail, type: 'put', quantity: 5 };
    const withPut = plan(day2([...held, put]));
    expect(withPut.orders?.deferred).toBeUndefined();
    expect(withPut.orders?.orders.find((o) => o.leg.kind === 'vix' && o.leg.type === 'put')?.why).toBe(
      'close: held, not in the target',
    );
    // a short VIX call of another strike, not a diagonal's (the overlay here is the SPX calendar): an entry
    const naked: Leg = { ...tail, strike: tail.strike + 10, quantity: -1 };
    expect(plan(day2([...held, naked])).orders?.deferred).toBeUndefined();
  });

  it('buys the hedges at entry (the condor alone held) and re-sizes them when a rebalance is due', () => {
    const rows = quantintellRows();
    const i = rows.findIndex((r) => r.date === '2008-06-10');
    const { held, day2 } = twoDays(rows[i]!.date, rows[i + 1]!.date);
    const condorOnly = held.filter((l) => l.kind === 'spx').slice(0, 4);
    const entry = plan(day2(condorOnly));
    expect(entry.orders?.deferred).toBeUndefined();
    expect(entry.orders?.orders.some((o) => o.leg.kind === 'vix' && o.side === 'buy')).toBe(true);
    // "not due" beside orders: the warning says it is an entry, and when its orders can wait
    expect((entry.rebalance as { due: boolean }).due).toBe(false);
    expect(entry.warnings.filter((w) => w.startsWith('No rebalance is due, but'))).toEqual([
      `No rebalance is due, but the legs held are the condors with no hedge of theirs: an entry, so the ${entry.orders?.orders.length} orders take the book to today's sizing. If the last rebalance sized the hedges to none, leave these orders out until a rebalance is due.`,
    ]);
    // the last rebalance 7 days before: due, and the orders re-size
    const late = twoDays(rows[i]!.date, rows[i + 1]!.date, rows[i - 6]!.date);
    const due = plan(late.day2(late.held));
    expect((due.rebalance as { due: boolean }).due).toBe(true);
    expect(due.orders?.deferred).toBeUndefined();
    expect(due.orders?.orders.length).toBeGreaterThan(0);
    expect(due.warnings.some((w) => w.startsWith('No rebalance is due'))).toBe(false);
  });

  it('warns that the orders are the whole book when a rebalance is due and no positions are given', () => {
    const { input } = realDayInput('2018-12-24', { withRebalance: true });
    const NO_POSITIONS = /^No positions given: the orders are the whole book, as if nothing were held;/;
    const bare = plan(input);
    expect((bare.rebalance as { due: boolean }).due).toBe(true);
    // the condor is ordered again beside the hedges: a second condor for a trader who holds one
    expect(bare.orders?.orders.filter((o) => o.why.startsWith('condor ')).length).toBe(4);
    expect(bare.warnings.filter((w) => NO_POSITIONS.test(w))).toHaveLength(1);
    // the condor held: the orders are the hedges alone, and no such warning
    const held = plan({ ...input, positions: whole(bare.book.condor) });
    expect(held.orders?.orders.some((o) => o.why.startsWith('condor '))).toBe(false);
    expect(held.warnings.some((w) => NO_POSITIONS.test(w))).toBe(false);
    // no rebalance known and no positions: no orders, so no warning
    const none = plan(realDayInput('2018-12-24').input);
    expect(none.orders).toBeUndefined();
    expect(none.warnings.some((w) => NO_POSITIONS.test(w))).toBe(false);
    // the audit trail says why there are none, and what gives them
    expect(none.audit.filter((a) => a.rule === 'orders')).toEqual([
      {
        rule: 'orders',
        inputs: { rebalanceDue: 'unknown' },
        effect:
          'no positions given and no last rebalance (an entry, or the book held unknown): no orders; pass positions ([] when nothing is held) for the orders to the plan',
      },
    ]);
  });
});
