/**
 * A ladder of three condors across expiries as one book: the hedge context nets their drawdown
 * losses, and the orders from held to target (condors + a tail structure) are empty when the
 * positions equal the target, equal the legs when nothing is held, and never flip a sign by
 * rounding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareInContext,
  contractKey,
  hedgeContext,
  markFromState,
  ordersFromBook,
  structureTargetLegs,
  type Leg,
  type StructureInput,
  type TargetLeg,
} from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';

const m = PLAN_INPUT.market;
const LADDER: StructureInput = {
  valuationDate: PLAN_INPUT.valuationDate,
  market: { spx: m.spx, vix: m.vix, vvix: m.vvix, rate: m.rate, divYield: m.divYield, futures: m.futures },
  condors: [
    { expiry: '2026-12-18', strikes: [5900, 5950, 7150, 7200], quantity: 10 },
    { expiry: '2027-01-15', strikes: [5700, 5800, 7200, 7300], quantity: 5 },
    { expiry: '2027-02-19', strikes: [5500, 5600, 7400, 7500], quantity: 3 },
  ],
};

describe('a ladder of three condors as one book', () => {
  const ctx = hedgeContext(LADDER);
  const cmp = compareInContext(ctx);

  it('nets the drawdown loss and the max loss of the three (each capped at its own max loss)', () => {
    const one = LADDER.condors.map((c) => hedgeContext({ ...LADDER, condors: [c] }));
    expect(ctx.condors).toHaveLength(3);
    expect(ctx.loss).toBeCloseTo(
      one.reduce((a, x) => a + x.loss, 0),
      6,
    );
    expect(ctx.maxLoss).toBeCloseTo(
      one.reduce((a, x) => a + x.maxLoss, 0),
      6,
    );
    for (const x of one) expect(x.loss).toBeLessThanOrEqual(x.maxLoss + 1e-9);
    // the protection lasts to the last condor's expiry
    expect(ctx.horizonDays).toBe(Math.max(...ctx.condors.map((c) => c.days)));
    expect(ctx.condorLegs).toHaveLength(12);
  });

  // the target: the three condors, and the best option structure at a fractional size (a sizing in units)
  const best = cmp.structures.find((s) => s.size !== null && s.lossBoundedByPremium)!;
  const target: TargetLeg[] = [
    ...ctx.condors.flatMap((c) => c.legs.map((l) => ({ ...l, origin: `condor ${l.expiry}` }))),
    ...structureTargetLegs(best, 2.6),
  ];
  const mark = markFromState(ctx.now);
  const whole = (l: TargetLeg): Leg => ({
    kind: l.kind,
    type: l.type,
    strike: l.strike,
    expiry: l.expiry,
    quantity: Math.trunc(l.quantity),
  });

  it('from positions equal to the target, the list is empty', () => {
    const list = ordersFromBook({ valuationDate: ctx.now.date, held: target.map(whole), target, mark });
    expect(list.orders).toEqual([]);
    expect(list.netCost).toBe(0);
  });

  it('from no positions, the orders are the target legs (whole contracts, toward zero), one per contract', () => {
    const list = ordersFromBook({ valuationDate: ctx.now.date, held: [], target, mark });
    const want = new Map<string, number>();
    for (const l of target) want.set(contractKey(l), (want.get(contractKey(l)) ?? 0) + Math.trunc(l.quantity));
    expect(list.orders).toHaveLength([...want.values()].filter((q) => q !== 0).length);
    for (const o of list.orders) {
      const q = want.get(contractKey(o.leg))!;
      expect(o.side).toBe(q > 0 ? 'buy' : 'sell');
      expect(o.quantity).toBe(Math.abs(q));
      expect(o.held).toBe(0);
      expect(o.target).toBe(q);
    }
    // every condor leg of the three expiries has its order (netted with the structure's legs on the same contract)
    for (const l of ctx.condorLegs) expect(list.orders.some((o) => contractKey(o.leg) === contractKey(l))).toBe(true);
    expect(new Set(list.orders.filter((o) => o.leg.kind === 'spx').map((o) => o.leg.expiry)).size).toBe(3);
  });

  it('never flips a sign by rounding: any fractional target, any whole holding', () => {
    const legs = target.map((l) => ({ kind: l.kind, type: l.type, strike: l.strike, expiry: l.expiry }));
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -40, max: 40, noNaN: true }), { minLength: legs.length, maxLength: legs.length }),
        fc.array(fc.integer({ min: -40, max: 40 }), { minLength: legs.length, maxLength: legs.length }),
        (tq, hq) => {
          const t: TargetLeg[] = legs.map((l, i) => ({ ...l, quantity: tq[i]!, origin: 'ladder' }));
          const h: Leg[] = legs.map((l, i) => ({ ...l, quantity: hq[i]! }));
          const list = ordersFromBook({ valuationDate: ctx.now.date, held: h, target: t, mark });
          for (const o of list.orders) {
            expect(Number.isInteger(o.quantity) && o.quantity > 0).toBe(true);
            expect(o.held + (o.side === 'buy' ? o.quantity : -o.quantity)).toBe(o.target);
          }
          for (const key of new Set(list.orders.map((o) => contractKey(o.leg)))) {
            const raw = t.filter((x) => contractKey(x) === key).map((x) => x.quantity);
            // each target leg is rounded toward zero: never past zero, never above its size
            const rounded = raw.reduce((a, x) => a + Math.trunc(x), 0);
            const of = list.orders.filter((o) => contractKey(o.leg) === key);
            // one order, or across zero the close of what is held then the open of the target
            expect(of[of.length - 1]!.target).toBe(rounded);
            if (of.length === 2)
              expect([of[0]!.target, of[1]!.held, of[0]!.effect, of[1]!.effect]).toEqual([0, 0, 'close', 'open']);
            else expect(of.length).toBe(1);
          }
        },
      ),
      { numRuns: 200, seed: 17 },
    );
  });
});
