import { describe, expect, it } from 'vitest';
import { plan } from '@alvh/shared';
import { WORKSHEET_INPUT } from '../golden/golden';

/** The 2021-11-19 worksheet with a December condor, a budget that buys calendars, and `quantity` condors. */
function planOf(quantity: number) {
  return plan({
    ...WORKSHEET_INPUT,
    portfolio: { capital: 1e8 },
    condor: { strikes: [4100, 4150, 5300, 5350], quantity, expiry: '2021-12-17' },
    policy: { maxHedgeCostRate: 5, targetIrr: 0 },
  });
}

describe('the theta subsidy (section 5: the calendar’s theta pays for the tail’s decay)', () => {
  it('says so when the put calendar loses theta itself, instead of printing a negative subsidy without a word', () => {
    // the 4150 put 28 days out is far out of the money: the back put (the 2022-01-21 monthly)
    // decays faster than the front
    const p = planOf(50);
    expect(p.overlay.unitLegs.map((l) => l.expiry)).toEqual(['2021-12-17', '2022-01-21']);
    expect(p.overlay.units).toBe(1);
    expect(p.overlay.theta).toBeLessThan(0);
    expect(p.thetaSubsidy.ratio).toBeCloseTo(p.overlay.theta / -p.tail.theta, 12);
    expect(p.thetaSubsidy.note).toBe(
      `the put calendar itself loses $${(-p.overlay.theta).toFixed(2)}/day at this strike, so it adds to the tail's decay instead of paying for it`,
    );
    expect(p.warnings).toContain(
      `The put calendar's theta is negative (-$${(-p.overlay.theta).toFixed(2)}/day): at its strike, 11.66% out of the money (4150, SPX 4697.96), its back put decays faster than its front, so it does not subsidize the tail as section 5 expects; it still buys the vega.`,
    );
  });

  it('names a strike SPX has fallen through as in the money, not out of it', () => {
    // the condor's short put at 5100 is 8.56% above SPX 4697.96 (5100 / 4697.96 − 1)
    const p = plan({
      ...WORKSHEET_INPUT,
      portfolio: { capital: 1e8 },
      condor: { strikes: [5000, 5100, 5600, 5650], quantity: 50, expiry: '2021-12-17' },
      policy: { maxHedgeCostRate: 5, targetIrr: 0 },
    });
    expect(p.overlay.unitLegs.map((l) => l.strike)).toEqual([5100, 5100]);
    expect(p.overlay.theta).toBeLessThan(0);
    expect(p.warnings.find((w) => w.startsWith("The put calendar's theta"))).toBe(
      `The put calendar's theta is negative (-$${(-p.overlay.theta).toFixed(2)}/day): at its strike, 8.56% in the money (5100, SPX 4697.96), its back put decays faster than its front, so it does not subsidize the tail as section 5 expects; it still buys the vega.`,
    );
  });

  it("keeps the reason there is no ratio when the plan holds no tail, and adds the calendar's loss to it", () => {
    const p = plan({
      ...WORKSHEET_INPUT,
      portfolio: { capital: 1e8 },
      condor: { strikes: [4100, 4150, 5300, 5350], quantity: 50, expiry: '2021-12-17' },
      policy: { maxHedgeCostRate: 5, targetIrr: 0, minCalendarShare: 1, maxCalendarShare: 1 },
    });
    expect(p.tail.contracts).toBe(0);
    expect(p.overlay.units).toBeGreaterThan(0);
    expect(p.thetaSubsidy.ratio).toBeNull();
    expect(p.thetaSubsidy.note).toMatch(
      /^no ratio: the tail's theta is \$0\.00\/day, so there is no tail decay for the overlay's -\$[\d.]+\/day to pay; the put calendar itself loses \$[\d.]+\/day at this strike$/,
    );
  });

  it('says nothing of it when the calendar earns theta', () => {
    const p = plan({ ...WORKSHEET_INPUT, policy: { maxHedgeCostRate: 5, targetIrr: 0 } });
    expect(p.overlay.units).toBe(1);
    expect(p.overlay.theta).toBeGreaterThan(0);
    expect(p.thetaSubsidy.note).toBeUndefined();
    expect(p.warnings.join(' ')).not.toMatch(/theta is negative/);
  });
});
