import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  buildTermStructure,
  constantMaturity,
  isBusinessDay,
  vxExpiriesAfter,
  vxExpiry,
} from '@alvh/shared';

const DAY = 86_400_000;
const START = Date.UTC(2001, 5, 1);
const END = Date.UTC(2039, 5, 1);
const isoArb = fc
  .integer({ min: 0, max: (END - START) / DAY })
  .map((k) => new Date(START + k * DAY).toISOString().slice(0, 10));

describe('calendar properties', () => {
  it('addBusinessDays lands on business days and undoes itself from a business day', () => {
    fc.assert(
      fc.property(isoArb, fc.integer({ min: -300, max: 300 }), (iso, n) => {
        const d = addBusinessDays(iso, n);
        if (n !== 0) expect(isBusinessDay(d)).toBe(true);
        if (isBusinessDay(iso)) {
          expect(addBusinessDays(d, -n)).toBe(iso);
          expect(businessDaysBetween(iso, d)).toBe(n);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the front VX expiry is a business day 1-37 calendar days ahead, and is its month’s contract', () => {
    fc.assert(
      fc.property(isoArb, (iso) => {
        const [front, next] = vxExpiriesAfter(iso, 2) as [string, string];
        const gap = (Date.parse(front) - Date.parse(iso)) / DAY;
        expect(gap).toBeGreaterThanOrEqual(1);
        expect(gap).toBeLessThanOrEqual(37);
        expect(isBusinessDay(front)).toBe(true);
        expect(vxExpiry(Number(front.slice(0, 4)), Number(front.slice(5, 7)))).toBe(front);
        expect(next > front).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('constant-maturity properties', () => {
  it('lies between its bracketing nodes and hits every node exactly', () => {
    fc.assert(
      fc.property(
        isoArb.filter((d) => d < '2040-01-01'),
        fc.double({ min: 9, max: 90, noNaN: true }),
        fc.array(fc.double({ min: 9, max: 90, noNaN: true }), { minLength: 8, maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (date, vix, prices, u) => {
          // at most 5× the spot (MAX_FUTURE_SPOT_RATIO): further is refused as a unit mistake
          const futures = vxExpiriesAfter(date, 8).map((expiry, i) => ({
            expiry,
            price: Math.min(prices[i] as number, 4.9 * vix),
          }));
          const ts = buildTermStructure({ valuationDate: date, vixSpot: vix, futures });
          const nodes = [{ days: 0, price: vix }, ...ts.points];
          for (const p of ts.points) expect(constantMaturity(ts, p.days)).toBe(p.price);
          const last = ts.points[7]!;
          const d = u * last.days;
          const hi = nodes.findIndex((p) => p.days >= d);
          const a = nodes[Math.max(0, hi - 1)]!;
          const b = nodes[hi]!;
          const cm = constantMaturity(ts, d);
          expect(cm).toBeGreaterThanOrEqual(Math.min(a.price, b.price) - 1e-9);
          expect(cm).toBeLessThanOrEqual(Math.max(a.price, b.price) + 1e-9);
          // the fit is always inside its bounds
          expect(ts.fit.kappa).toBeGreaterThanOrEqual(0.5);
          expect(ts.fit.kappa).toBeLessThanOrEqual(30);
          expect(ts.fit.theta).toBeGreaterThanOrEqual(10);
          expect(ts.fit.theta).toBeLessThanOrEqual(50);
          expect(Number.isFinite(ts.fit.rmse)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
