/**
 * The plan's historical analogs when the policy's tail window lies beyond an analog's VX curve: each
 * analog carries eight futures, the last 7-8 months out, and a tail window set past them (allowed up
 * to 365 days) once threw from the analog report, after the tail was sized, with no plan at all.
 */
import { describe, expect, it } from 'vitest';
import {
  buildTermStructure,
  constantMaturity,
  HISTORICAL_ANALOGS,
  plan,
  resolvePolicy,
  vxExpiriesAfter,
  type PlanInput,
} from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';

/** The example day with ten monthly futures (out to 2027-08), so a 230-260-day tail is listed. */
const longCurve: PlanInput = {
  ...PLAN_INPUT,
  market: {
    ...PLAN_INPUT.market,
    futures: vxExpiriesAfter(PLAN_INPUT.valuationDate, 10).map((expiry, i) => ({ expiry, price: 18.4 + 0.3 * i })),
  },
  policy: { tailDteMin: 230, tailDteTarget: 240, tailDteMax: 260 },
};

/** Each analog's own curve: its last future's days and the constant-maturity value at `days` (capped there). */
function analogCurve(a: (typeof HISTORICAL_ANALOGS)[number]) {
  const ts = buildTermStructure({
    valuationDate: a.date,
    vixSpot: a.vix,
    futures: vxExpiriesAfter(a.date, a.vx.length).map((expiry, k) => ({ expiry, price: a.vx[k] as number })),
  });
  const last = ts.points[ts.points.length - 1]!;
  return { last, at: (days: number) => constantMaturity(ts, Math.min(days, last.days)) };
}

describe('plan analogs past the end of an analog curve', () => {
  const p = plan(longCurve);
  const remaining = p.tail.daysToExpiry - resolvePolicy(longCurve.policy).drawdownDays;

  it('sizes the long tail and reports every analog (it threw "days: is 233, beyond the last future")', () => {
    expect(p.tail.daysToExpiry).toBeGreaterThanOrEqual(230);
    expect(p.analogs).toHaveLength(HISTORICAL_ANALOGS.length);
    for (const a of p.analogs) {
      expect(
        Number.isFinite(a.stressedFuture) && Number.isFinite(a.condorLoss) && Number.isFinite(a.gainPerContract),
      ).toBe(true);
    }
  });

  it("reads the hedge future at the analog curve's last future, flat beyond it, and says so", () => {
    const beyond = HISTORICAL_ANALOGS.filter((a) => analogCurve(a).last.days < remaining);
    // the test means something only if some analog's curve ends before the hedge's remaining days
    expect(beyond.length).toBeGreaterThan(0);
    HISTORICAL_ANALOGS.forEach((a, i) => {
      const curve = analogCurve(a);
      const got = p.analogs[i]!;
      expect(got.stressedFuture).toBeCloseTo(curve.at(remaining), 10);
      if (curve.last.days < remaining) {
        expect(got.note).toContain(
          `curve ends at its ${curve.last.expiry} future, ${curve.last.days} days out: the hedge future ${remaining} days out is read there`,
        );
      } else {
        expect(got.note).not.toContain('curve ends');
      }
    });
  });

  it("agrees with the structures' analog losses, which read the analog curves the same way", () => {
    const literal = p.structures.structures.find((s) => s.structure === 'vix-call');
    expect(literal).toBeDefined();
    literal!.analogs.forEach((a, i) => expect(p.analogs[i]!.condorLoss).toBeCloseTo(a.loss, 6));
  });
});
