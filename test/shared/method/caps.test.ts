import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { capitalCap, cutToBudget, hedgeBudget, hedgeCostRate, returnOnRisk } from '@alvh/shared';
import { resolvePolicy } from '@alvh/shared';

describe('section 7 — cost, return and risk caps', () => {
  it('hedge cost rate and return on risk, annualized by 365/days', () => {
    expect(hedgeCostRate(200, 4000, 45)).toBeCloseTo((200 / 4000) * (365 / 45), 12); // 0.4056
    expect(returnOnRisk(800, 100, 4200, 45)).toBeCloseTo((700 / 4200) * (365 / 45), 12); // 1.3519
  });

  it('budget = least of the 18% cap, the IRR-preserving budget and the user budget', () => {
    const b = hedgeBudget({ maxLoss: 4200, credit: 800, days: 45 });
    expect(b.costCap).toBeCloseTo(0.18 * 4200 * (45 / 365), 9); // 93.21
    expect(b.irrBudget).toBeCloseTo(800 - 0.25 * 4200 * (45 / 365), 9); // 670.55
    expect(b.budget).toBeCloseTo(b.costCap, 12);
    expect(b.binding).toBe('cost-cap');
    expect(hedgeBudget({ maxLoss: 4200, credit: 800, days: 45, userBudget: 50 })).toMatchObject({
      budget: 50,
      binding: 'user',
    });
    // a thin credit: the IRR budget binds
    const thin = hedgeBudget({ maxLoss: 4900, credit: 100, days: 45 });
    expect(thin.irrBudgetRaw).toBeCloseTo(100 - 0.25 * 4900 * (45 / 365), 9); // −51.03
    expect(thin.irrBudget).toBe(0);
    expect(thin).toMatchObject({ budget: 0, binding: 'irr' });
  });

  it('cuts a layer to what its part buys', () => {
    expect(cutToBudget(10, 120, 500)).toEqual({ quantity: 4, cut: true, cost: 480 });
    expect(cutToBudget(3, 120, 500)).toEqual({ quantity: 3, cut: false, cost: 360 });
    expect(cutToBudget(3, 120, 360)).toEqual({ quantity: 3, cut: false, cost: 360 });
    expect(cutToBudget(3, 120, 0)).toEqual({ quantity: 0, cut: true, cost: 0 });
  });

  it('buys the whole units a budget pays for exactly, though the division lands a hair under', () => {
    // 0.3 / 0.1 is 2.9999999999999996 in floating point: a budget of exactly three units buys three, not two
    const c = cutToBudget(5, 0.1, 0.3);
    expect(c.quantity).toBe(3);
    expect(c.cut).toBe(true);
    expect(c.cost).toBeCloseTo(0.3, 12);
  });

  it('capital cap: the largest quantity that fits 2.5% of capital, and the flag', () => {
    const c = capitalCap({ maxLossPerCondor: 4200, hedgeDebitPerCondor: 90, capital: 1_000_000, quantity: 6 });
    expect(c.limit).toBe(25_000);
    expect(c.maxQuantity).toBe(5); // 25000 / 4290 = 5.83
    expect(c.used).toBeCloseTo(6 * 4290, 9);
    expect(c.exceeds).toBe(true);
    expect(
      capitalCap({ maxLossPerCondor: 5000, hedgeDebitPerCondor: 0, capital: 1_000_000, quantity: 5 }),
    ).toMatchObject({ maxQuantity: 5, exceeds: false });
  });

  it('capital cap: a hedge credit does not lower the risk counted, the condor max loss still is', () => {
    // hedges bought for a net credit of $300 a condor: the credit does not free room for a sixth condor
    // (6 × $4,200 = $25,200 over the $25,000 limit), the condors' max loss stands as is
    const c = capitalCap({ maxLossPerCondor: 4200, hedgeDebitPerCondor: -300, capital: 1_000_000, quantity: 6 });
    expect(c.limit).toBe(25_000);
    expect(c.used).toBeCloseTo(25_200, 9);
    expect(c.maxQuantity).toBe(5); // 25000 / 4200 = 5.95
    expect(c.exceeds).toBe(true);
  });

  it('rejects bad inputs by field', () => {
    expect(() => hedgeBudget({ maxLoss: 0, credit: 1, days: 45 })).toThrow(/^maxLoss:/);
    expect(() => hedgeBudget({ maxLoss: 1, credit: 1, days: 45, userBudget: -5 })).toThrow(/^portfolio\.budget:/);
    expect(() => capitalCap({ maxLossPerCondor: 1, hedgeDebitPerCondor: 0, capital: Number.NaN, quantity: 1 })).toThrow(
      /^portfolio\.capital:/,
    );
  });

  it('properties: tighter caps never raise a size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.double({ min: 1, max: 5000, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        (req, unit, b1, b2) => {
          const lo = cutToBudget(req, unit, Math.min(b1, b2));
          const hi = cutToBudget(req, unit, Math.max(b1, b2));
          expect(lo.quantity).toBeLessThanOrEqual(hi.quantity);
          expect(hi.quantity).toBeLessThanOrEqual(req);
          expect(lo.cost).toBeLessThanOrEqual(Math.min(b1, b2) + 1e-6 + (lo.cut ? 0 : Infinity));
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.1, noNaN: true }),
        fc.double({ min: 0.001, max: 0.1, noNaN: true }),
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        (r1, r2, c1, c2) => {
          const i = { maxLossPerCondor: 4000, hedgeDebitPerCondor: 100, capital: 2_000_000, quantity: 1 };
          const tight = capitalCap(i, resolvePolicy({ maxRiskPct: Math.min(r1, r2) }));
          const loose = capitalCap(i, resolvePolicy({ maxRiskPct: Math.max(r1, r2) }));
          expect(tight.maxQuantity).toBeLessThanOrEqual(loose.maxQuantity);
          const bt = hedgeBudget(
            { maxLoss: 4000, credit: 600, days: 45 },
            resolvePolicy({ maxHedgeCostRate: Math.min(c1, c2) }),
          );
          const bl = hedgeBudget(
            { maxLoss: 4000, credit: 600, days: 45 },
            resolvePolicy({ maxHedgeCostRate: Math.max(c1, c2) }),
          );
          expect(bt.budget).toBeLessThanOrEqual(bl.budget);
        },
      ),
    );
  });
});
