/**
 * A calendar repair that lifts the body of an expiry above its quotes is warned of (calendarLift.ts):
 * a chain whose 61-day expiry is quoted at a flat 10% vol behind a 31-day one at 20% was marked at
 * 14.26% ATM on that expiry, every mark 4.3 vol points above the market, with no warning. The real
 * chains' repairs bind only in the far wings and raise none.
 */
import { describe, expect, it } from 'vitest';
import { buildSurface, plan, vxExpiriesAfter } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { REAL_CHAINS, loadChain } from './chains';
import { CROSSED_CALENDAR, LIFT_WARNING, flatVolRows } from './crossedCalendar';

describe('a calendar repair that lifts an expiry above its quotes', () => {
  it('is warned of, naming the expiry, the lift at the money and the quotes to check', () => {
    const r = buildSurface({ chain: CROSSED_CALENDAR, valuationDate: '2023-06-09' });
    expect(r.arbitrage).toEqual({ butterfly: 0, calendar: 0, calendarRepaired: 1 });
    expect(r.expiries[1]!.atmVol).toBeCloseTo(0.1426, 4);
    expect(r.warnings).toEqual([LIFT_WARNING]);
    // the surface's data carries it (a plan sent the fitted surface says it too)
    expect(r.data.warnings).toEqual([LIFT_WARNING]);
  });

  it('no warning where the later expiry lies above the earlier one', () => {
    const rows = flatVolRows([
      ['2023-07-10', 31, 0.2],
      ['2023-08-09', 61, 0.19],
    ]);
    expect(buildSurface({ chain: rows, valuationDate: '2023-06-09' }).warnings).toEqual([]);
  });

  it("reaches the plan's warnings when the plan is fitted on market.chain", () => {
    const futures = vxExpiriesAfter('2023-06-09', 4).map((expiry) => ({ expiry, price: 16 }));
    const p = plan({
      valuationDate: '2023-06-09',
      market: { spx: 4300, vix: 16, vvix: 90, rate: 0, divYield: 0, futures, chain: CROSSED_CALENDAR },
      condor: { expiry: '2023-07-21', strikes: [3950, 4000, 4600, 4650], quantity: 1 },
      portfolio: { capital: 2_000_000 },
    });
    expect(p.warnings).toContain(LIFT_WARNING);
  });
});

describeWithData('the real chains', () => {
  it.each(REAL_CHAINS.map((c) => [c.date, c] as const))(
    '%s: calendar repairs in the far wings only, and no lift warning',
    (_, c) => {
      const { fit } = loadChain(c);
      expect(fit.arbitrage.calendarRepaired.length).toBeGreaterThan(20);
      expect(fit.surface.warnings.filter((w) => w.includes('calendar repair'))).toEqual([]);
    },
  );
});
