import { describe, expect, it } from 'vitest';
import { PolicySchema, policyRange, resolvePolicy } from '@alvh/shared';
import { isAlvhError } from '@alvh/shared';

function errorOf(f: () => unknown): { field: string; message: string } {
  try {
    f();
  } catch (e) {
    if (isAlvhError(e)) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('resolvePolicy', () => {
  it('carries every default of the method text', () => {
    const p = resolvePolicy();
    expect(p.splitKnots).toEqual([
      [-2, 0.4],
      [0, 0.45],
      [3, 0.55],
      [4, 0.6],
      [6, 0.65],
    ]);
    const expected: Record<string, unknown> = {
      minShortStrikeSd: 1.5,
      steepSpread: 3.5,
      flatBand: 0.25,
      rsiPeriod: 14,
      breadthLookback: 10,
      eventWindowDays: 2,
      rsiWiden: 40,
      rsiWidenFactor: 1.2,
      flatteningMinPts: 0.5,
      flatteningMaxShift: 0.1,
      flatteningShiftPerPt: 0.04,
      volOfVolTilt: 0.05,
      minCalendarShare: 0.25,
      maxCalendarShare: 0.75,
      vegaMatch: 0.5,
      vegaMatchCap: 0.6,
      overlay: 'spx-put-calendar',
      overlayBackDays: 30,
      tailDteMin: 45,
      tailDteMax: 60,
      tailDteTarget: 52,
      tailOtmPct: 0.025,
      vixStrikeStep: 1,
      drawdown: 0.2,
      drawdownDays: 10,
      stressVixPerPct: 1.5,
      defaultVolOfVol: 1.2,
      tailCoverage: 1.8,
      maxHedgeCostRate: 0.18,
      targetIrr: 0.25,
      maxRiskPct: 0.025,
      rebalanceDays: 7,
      curveShiftTrigger: 0.15,
      realizedToImplied: 0.85,
      spxVixCorrelation: -0.7,
    };
    for (const [k, v] of Object.entries(expected)) expect([k, (p as Record<string, unknown>)[k]]).toEqual([k, v]);
    expect(p.kappa).toBeUndefined();
    expect(p.stressVix).toBeUndefined();
  });

  it('applies overrides field by field', () => {
    const p = resolvePolicy({ tailCoverage: 2, overlay: 'spx-long-put', skew: { putSlope: 0.3 } });
    expect(p.tailCoverage).toBe(2);
    expect(p.overlay).toBe('spx-long-put');
    expect(p.skew).toEqual({ putSlope: 0.3, callSlope: 0.2, minRatio: 0.5, maxRatio: 3 });
    expect(p.vegaMatch).toBe(0.5);
  });

  it.each([
    [{ vegaMatch: 0.9 }, 'policy.vegaMatch', 'between 0.4 and 0.6'],
    [{ tailCoverage: -1 }, 'policy.tailCoverage', 'between 0.1 and 10'],
    [{ rebalanceDays: 2.5 }, 'policy.rebalanceDays', 'whole number'],
    [{ overlay: 'straddle' }, 'policy.overlay', 'spx-put-calendar'],
    [{ minCalendarShare: 0.8, maxCalendarShare: 0.7 }, 'policy.minCalendarShare', 'at or below'],
    [{ tailDteMin: 70, tailDteMax: 60 }, 'policy.tailDteMin', 'min ≤ max'],
    // above its cap, the RSI widening (× 1.2, capped) cut the target it is meant to raise
    [{ vegaMatch: 0.55, vegaMatchCap: 0.45 }, 'policy.vegaMatch', 'vegaMatch (0.55) is above vegaMatchCap (0.45)'],
    [{ tailDteTarget: 100 }, 'policy.tailDteTarget', 'outside the window tailDteMin..tailDteMax (45-60)'],
    // a bound moved past the target at its default is named, not the target the user left alone
    [
      { tailDteMin: 55 },
      'policy.tailDteMin',
      'tailDteMin (55) is above the tail target 52 days (tailDteTarget, its default); lower tailDteMin to 52 or below, or pass a tailDteTarget within 55-60',
    ],
    [{ tailDteMin: 60, tailDteMax: 90 }, 'policy.tailDteMin', 'pass a tailDteTarget within 60-90'],
    [
      { tailDteMax: 50 },
      'policy.tailDteMax',
      'tailDteMax (50) is below the tail target 52 days (tailDteTarget, its default); raise tailDteMax to 52 or above, or pass a tailDteTarget within 45-50',
    ],
    [{ tailDteMin: 55, tailDteTarget: 50 }, 'policy.tailDteTarget', 'tailDteTarget (50) is outside the window'],
    // an ordered pair's bound moved past the other at its default is named, not the one left alone
    [
      { maxCalendarShare: 0 },
      'policy.maxCalendarShare',
      'maxCalendarShare (0) is below minCalendarShare (0.25, its default); pass maxCalendarShare of 0.25 or more, or a lower minCalendarShare too',
    ],
    [{ minCalendarShare: 0.9 }, 'policy.minCalendarShare', 'minCalendarShare (0.9) is above maxCalendarShare (0.75)'],
    [
      { vegaMatchCap: 0.4 },
      'policy.vegaMatchCap',
      'vegaMatchCap (0.4) is below vegaMatch (0.5, its default); pass vegaMatchCap of 0.5 or more, or a lower vegaMatch too',
    ],
    [
      { tailDteMax: 30 },
      'policy.tailDteMax',
      'tailDteMax (30) is below tailDteMin (45, its default); pass tailDteMax of 52 or more, or a lower tailDteMin and tailDteTarget too',
    ],
    // the regime thresholds, named at the one the user moved (the other's default said)
    [{ flatBand: 4 }, 'policy.flatBand', 'flatBand (4) is not below steepSpread (3.5, its default)'],
    [{ steepSpread: 0.2 }, 'policy.steepSpread', 'steepSpread (0.2) is not above flatBand (0.25, its default)'],
    [{ steepSpread: 2, flatBand: 3 }, 'policy.steepSpread', 'steepSpread (2) is not above flatBand (3);'],
    [
      {
        splitKnots: [
          [3, 0.5],
          [1, 0.4],
        ],
      },
      'policy.splitKnots',
      'increasing',
    ],
    [{ tailCoverag: 2 }, 'policy', 'tailCoverag'],
    [{ skew: { putSlope: 'steep' } }, 'policy.skew.putSlope', 'between 0 and 2'],
    // a step of 0.01 struck the tail call at 21.81, a strike no exchange lists
    [{ vixStrikeStep: 0.01 }, 'policy.vixStrikeStep', 'pass a multiple of 0.5 VIX points'],
    [{ vixStrikeStep: 0.75 }, 'policy.vixStrikeStep', 'pass a multiple of 0.5 VIX points'],
    // 1 is 1% meant, or a call at twice the future: neither is taken as 100%
    [{ tailOtmPct: 1 }, 'policy.tailOtmPct', 'between 0 and 0.5'],
  ])('rejects %j naming %s', (raw, field, hint) => {
    const e = errorOf(() => resolvePolicy(raw));
    expect(e.field).toBe(field);
    expect(e.message).toContain(hint);
  });

  it('takes a VIX strike step on the listed half-point grid', () => {
    expect([0.5, 1, 2.5, 10].map((x) => resolvePolicy({ vixStrikeStep: x }).vixStrikeStep)).toEqual([0.5, 1, 2.5, 10]);
    expect(policyRange('vixStrikeStep')).toEqual({ lo: 0.5, hi: 10, whole: false });
  });

  it('takes a target on either edge of its window', () => {
    expect(resolvePolicy({ tailDteTarget: 45 }).tailDteTarget).toBe(45);
    expect(resolvePolicy({ tailDteMin: 60, tailDteMax: 90, tailDteTarget: 90 }).tailDteTarget).toBe(90);
  });

  it('offers the decimal of a yearly rate typed as a percentage (18 for 18% was "outside 0 to 5")', () => {
    expect(() => resolvePolicy({ maxHedgeCostRate: 18 })).toThrow(
      'policy.maxHedgeCostRate: is 18, which looks like a percentage; pass 0.18 for 18% a year (a decimal)',
    );
    expect(() => resolvePolicy({ targetIrr: 25 })).toThrow(/^policy\.targetIrr: is 25, .*pass 0\.25 for 25% a year/);
    // beyond any percentage the range is said
    expect(() => resolvePolicy({ maxHedgeCostRate: 900 })).toThrow(
      'policy.maxHedgeCostRate: pass a number between 0 and 5 (a decimal: 0.18 is 18% a year)',
    );
    expect(resolvePolicy({ maxHedgeCostRate: 3 }).maxHedgeCostRate).toBe(3);
  });

  it('refuses 1 as the capital at risk (1% typed whole read as all of it) and offers the decimal', () => {
    expect(() => resolvePolicy({ maxRiskPct: 1 })).toThrow(
      'policy.maxRiskPct: is 1, which looks like a percentage; pass 0.01 for 1% of capital (a decimal)',
    );
    expect(() => resolvePolicy({ maxRiskPct: 2.5 })).toThrow(/pass 0\.025 for 2\.5% of capital/);
    expect(() => resolvePolicy({ maxRiskPct: 0.7 })).toThrow(
      'policy.maxRiskPct: pass a number between 0.0001 and 0.5 (a decimal: 0.025 is 2.5% of capital)',
    );
    expect(resolvePolicy({ maxRiskPct: 0.5 }).maxRiskPct).toBe(0.5);
    expect(policyRange('maxRiskPct')).toEqual({ lo: 0.0001, hi: 0.5, whole: false });
  });

  it('reads a vol of vol in VVIX points as such and offers VVIX / 100', () => {
    expect(() => resolvePolicy({ stressVolOfVol: 120 })).toThrow(
      'policy.stressVolOfVol: is 120, which looks like VVIX points; pass 1.2, VVIX / 100 (a decimal)',
    );
    expect(() => resolvePolicy({ defaultVolOfVol: 95 })).toThrow(/defaultVolOfVol: is 95, .*pass 0\.95, VVIX \/ 100/);
    expect(() => resolvePolicy({ defaultVolOfVol: 0.1 })).toThrow(
      'policy.defaultVolOfVol: pass a number between 0.2 and 4 (a decimal: VVIX 120 is 1.2)',
    );
    expect(resolvePolicy({ stressVolOfVol: 4 }).stressVolOfVol).toBe(4);
  });

  it('is a zod schema whose input may be empty', () => {
    expect(PolicySchema.parse({}).drawdown).toBe(0.2);
  });
});

describe('policyRange', () => {
  it("reads a numeric field's bounds from the schema", () => {
    expect(policyRange('tailCoverage')).toEqual({ lo: 0.1, hi: 10, whole: false });
    expect(policyRange('overlayBackDays')).toEqual({ lo: 1, hi: 365, whole: true });
    expect(policyRange('stressVix')).toEqual({ lo: 1, hi: 300, whole: false });
    expect(policyRange('overlay')).toBeUndefined();
    expect(policyRange('nope')).toBeUndefined();
  });
});
