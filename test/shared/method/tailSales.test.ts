/**
 * A rebalance on a spike day whose tail budget buys fewer VIX calls than are held sells calls held
 * in the money; the plan keeps the method's orders and says what they take off and how to keep it.
 * 2024-08-05 (VIX 38.57, VX settlements of the day), a 10-lot condor and five September 20 calls held,
 * the last rebalance a week before.
 */
import { describe, expect, it } from 'vitest';
import { plan, type Plan, type PlanInput } from '@alvh/shared';
import { FUTURES, asFutures, condor, input } from './spikeDay';

/** A calm day (VIX 15.5, VX 16.5 to 18.9) with `n` August 15 calls held, in the money against their future. */
function calm(n: number): PlanInput {
  const q = input({ strike: 15, expiry: '2024-08-21', quantity: n });
  q.market = {
    ...q.market,
    vix: 15.5,
    vvix: 90,
    futures: asFutures(FUTURES.map(([e], i) => [e, 16.5 + 0.6 * i] as [string, number])),
    indices: undefined,
  };
  // a credit, so the budget buys the tail (without one the return target leaves it none)
  q.condor = { ...condor, credit: 8 };
  return q;
}

const saleWarnings = (p: Plan) => p.warnings.filter((w) => /held in the money|fewer VIX call/.test(w));

describe('a rebalance selling VIX calls held in the money', () => {
  it('keeps the order and warns, naming the calls, the credit, the future and how to keep them', () => {
    const p = plan(input({ strike: 20, expiry: '2024-09-18' }));
    const sale = p.orders!.orders.filter((o) => o.leg.kind === 'vix');
    expect(sale.map((o) => [o.side, o.effect, o.quantity, o.target])).toEqual([['sell', 'close', 5, 0]]);
    const credit = Math.round(-sale[0]!.cost);
    const said = p.warnings.filter((w) => /held in the money/.test(w));
    expect(said).toEqual([
      `The orders sell 5 VIX calls held in the money, for $${credit.toLocaleString('en-US')} at model mids: 5 × 2024-09-18 20 (future 30.39, target 0). Today's tail sizing holds 5 fewer VIX calls, so the rebalance takes off protection the book holds with VIX at 38.57; to keep it, leave those orders out (the calls stay held).`,
    ]);
  });

  it('says nothing of a roll into as many calls or more (a calm day: the August 15 call sold, three September calls bought)', () => {
    const p = plan(calm(1));
    const vix = p.orders!.orders.filter((o) => o.leg.kind === 'vix');
    // the held call is in the money (16.5 against 15) and sold; more calls are bought than sold
    expect(vix.some((o) => o.side === 'sell' && o.leg.strike === 15)).toBe(true);
    expect(vix.filter((o) => o.side === 'buy').reduce((a, o) => a + o.quantity, 0)).toBeGreaterThan(1);
    expect(saleWarnings(p)).toEqual([]);
  });

  it('says nothing of a roll into exactly as many calls, and warns of one fewer', () => {
    const vix = (p: Plan) =>
      p.orders!.orders.filter((o) => o.leg.kind === 'vix').map((o) => [o.side, o.quantity, o.leg.strike, o.leg.expiry]);
    // three August 15 calls into three September 18 calls
    const same = plan(calm(3));
    expect(vix(same)).toEqual([
      ['buy', 3, 18, '2024-09-18'],
      ['sell', 3, 15, '2024-08-21'],
    ]);
    expect(saleWarnings(same)).toEqual([]);
    const fewer = saleWarnings(plan(calm(4)));
    expect(fewer).toHaveLength(1);
    expect(fewer[0]).toContain("Today's tail sizing holds 1 fewer VIX call, so");
  });

  it('counts the long calls held after the orders, not the VIX call diagonal’s short calls', () => {
    const diagonal = (n: number) => plan({ ...calm(n), policy: { overlay: 'vix-call-diagonal' } } as PlanInput);
    // five calls held; the diagonal's two long September 17s and the tail's three September 18s
    // bought, and two August 22s sold short to open: as many long calls as before
    const p = diagonal(5);
    const calls = p.orders!.orders.filter((o) => o.leg.kind === 'vix' && o.leg.type === 'call');
    expect(calls.map((o) => [o.side, o.effect, o.quantity, o.leg.strike])).toEqual([
      ['buy', 'open', 2, 17],
      ['sell', 'open', 2, 22],
      ['buy', 'open', 3, 18],
      ['sell', 'close', 5, 15],
    ]);
    expect(saleWarnings(p)).toEqual([]);
    expect(saleWarnings(diagonal(6))[0]).toContain('holds 1 fewer VIX call, so');
  });

  it('says of calls sold out of the money that the re-size leaves fewer, and nothing when none are sold', () => {
    // the October 35 calls stand above their future (27.30): not the protection in the money, but
    // today's budget, shrinking with the days left, buys fewer calls than are held
    const p = plan(input({ strike: 35, expiry: '2024-10-16' }));
    const sold = p.orders!.orders.filter((o) => o.leg.kind === 'vix' && o.side === 'sell');
    expect(sold.map((o) => [o.quantity, o.target])).toEqual([[5, 0]]);
    expect(p.warnings.filter((w) => /held in the money/.test(w))).toEqual([]);
    const credit = Math.round(-sold[0]!.cost).toLocaleString('en-US');
    expect(p.warnings.filter((w) => /fewer VIX call/.test(w))).toEqual([
      `The orders leave 5 fewer VIX calls held, selling calls worth $${credit} at model mids: a rebalance re-sizes the tail from nothing within today's budget, whose cost cap shrinks with the days left, and counts nothing of what the calls held would fetch. To keep them, pass the campaign the plan before handed back (\`campaign\`: the budget set at entry and what each layer has paid), whose re-size counts them, or leave out the sales (docs/method.md, "The budget at a re-sizing").`,
    ]);
    expect(plan(input()).warnings.filter((w) => /held in the money|fewer VIX call/.test(w))).toEqual([]);
  });
});
