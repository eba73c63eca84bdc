import { describe, expect, it } from 'vitest';
import {
  buildTermStructure,
  compareTailStructures,
  constantMaturity,
  futureCapitalAtRisk,
  futureCarry,
  futureImpliedVol,
  hedgeContext,
  plan,
  vxExpiriesAfter,
} from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';

// 2024-08-02: VIX 23.39 above a backwardated front (Aug-21 21.8527, 19 days), Sep-18 21.9844 (47 days).
const DATE = '2024-08-02';
const VX = [21.8527, 21.9844, 22.2385, 20.3808, 19.6834, 20.0395, 20.2398, 20.36];
const futures = vxExpiriesAfter(DATE, 8).map((expiry, k) => ({ expiry, price: VX[k] as number }));
const ts = buildTermStructure({ valuationDate: DATE, vixSpot: 23.39, futures });

describe('the carry of a long VX future: its roll-down toward spot on today’s curve', () => {
  it('a contract held short of its expiry rolls down the curve between its own expiry and spot', () => {
    // held 42 of its 47 days the Sep contract has 5 days left: 23.39 + (21.8527 − 23.39)·5/19 = 22.985
    const at5 = 23.39 + ((21.8527 - 23.39) * 5) / 19;
    expect(futureCarry(ts, '2024-09-18', 42)).toBeCloseTo((21.9844 - at5) * 1000, 9);
    // −$1,001: the long gains the roll (the slope to the Oct contract charged it $381.15)
    expect(futureCarry(ts, '2024-09-18', 42)).toBeCloseTo(-1001.047, 3);
    expect(futureCarry(ts, '2024-09-18', 0)).toBe(0);
    // the example plan's curve (2026-11-20, contango): the Jan contract, 61 days, held 56
    const ex = buildTermStructure({
      valuationDate: PLAN_INPUT.valuationDate,
      vixSpot: PLAN_INPUT.market.vix,
      futures: PLAN_INPUT.market.futures,
    });
    expect(futureCarry(ex, '2027-01-20', 56)).toBeCloseTo((19.3 - (17.5 + ((18.4 - 17.5) * 5) / 26)) * 1000, 9);
    expect(futureCarry(ex, '2027-01-20', 56)).toBeCloseTo(1626.923, 3);
  });

  it('held past its expiry, it settles at spot and the next contract adds its own segment', () => {
    // the Aug contract (19 days) held 30: to spot, then the Sep contract from 28 days left to 17
    const expected = 21.8527 - 23.39 + (constantMaturity(ts, 47 - 19) - constantMaturity(ts, 47 - 30));
    expect(futureCarry(ts, '2024-08-21', 30)).toBeCloseTo(expected * 1000, 9);
  });

  it('the vx-future structure pays only fees when the roll-down pays it, and its gain is net of them', () => {
    const input = {
      valuationDate: DATE,
      market: { spx: 5346.56, vix: 23.39, vvix: 136.81, rate: 0.052, divYield: 0.013, futures },
      condors: [
        { expiry: '2024-09-13', strikes: [4695, 4745, 6025, 6075] as [number, number, number, number], quantity: 10 },
      ],
    };
    const c = compareTailStructures(input);
    const f = c.structures.find((s) => s.structure === 'vx-future')!;
    expect(c.tailExpiry).toBe('2024-09-18');
    const fees = 2 * 0.65;
    // the Sep future's move at its options' ATM vol on the surface (47 days), below VVIX / 100
    const vol = futureImpliedVol(hedgeContext(input).now, DATE, '2024-09-18', 21.9844);
    expect(vol).toBeGreaterThan(0.5);
    expect(vol).toBeLessThan(0.9 * 1.3681);
    // 42 days to the condor's expiry: capital at risk plus fees; no carry is charged ($381.15 was)
    expect(f.premium).toBeCloseTo(futureCapitalAtRisk(21.9844, vol, 42) + fees, 6);
    expect(f.gain).toBeCloseTo(f.stressedValue - fees, 9);
  });

  it('in the plan, the vx-future row is priced on the roll-down of its own contract', () => {
    const p = plan(PLAN_INPUT);
    const f = p.structures.structures.find((r) => r.structure === 'vx-future')!;
    const ex = buildTermStructure({
      valuationDate: PLAN_INPUT.valuationDate,
      vixSpot: PLAN_INPUT.market.vix,
      futures: PLAN_INPUT.market.futures,
    });
    const carry = futureCarry(ex, p.structures.tailExpiry, p.condor.days);
    // the Jan contract (61 days) held the condor's 49: 19.3 − (17.5 + 0.9·12/26) = 1.3846 points
    expect(p.structures.tailExpiry).toBe('2027-01-20');
    expect(p.condor.days).toBe(49);
    expect(carry).toBeCloseTo(1384.615, 3);
    // (the slope to the Feb contract charged (19.9 − 19.3)/28 · 49 · 1000 = $1,050)
    expect(f.gain).toBeCloseTo(f.stressedValue - 1384.615 - 2 * 0.65, 2);
  });
});
