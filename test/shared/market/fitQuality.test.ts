/**
 * A poor curve fit and a fit parameter on its bound are said in the plan's warnings, with the
 * residual in points (docs/market.md, "Fit quality").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { POOR_FIT_POINTS, buildTermStructure, fitQuality, plan, vxExpiriesAfter, type Plan } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { realDayInput } from '../method/realDays';

describeWithData('fit quality on a VIX-52 day (2025-04-08)', () => {
  let typo: Plan;
  let real: Plan;
  beforeAll(() => {
    const input = realDayInput('2025-04-08').input;
    real = plan(input);
    const futures = input.market.futures.map((f, i) => (i === 0 ? { ...f, price: 200 } : f));
    typo = plan({ ...input, market: { ...input.market, futures } });
  });

  it('VX1 typed as 200: the plan warns that the fit misses by 149.8 points at VX1 and that θ sits on its lower bound', () => {
    const miss = typo.warnings.find((w) => w.startsWith('The curve fit misses'));
    expect(miss).toBeDefined();
    const pts = Number(/by up to ([\d.]+) points/.exec(miss!)![1]);
    expect(pts).toBe(149.8); // 200 against a fitted 50.2 at 8 days (rmse 53.26 over the 8 futures)
    expect(typo.termStructure.fit.theta).toBe(10);
    expect(typo.warnings.some((w) => w.startsWith('The fitted θ = 10 sits on its bound [10, 50]'))).toBe(true);
  });

  it('a plan with policy κ = 30 says the fixed κ, not a fitted one, misses the curve', () => {
    const fixed = plan({ ...realDayInput('2020-03-16').input, policy: { kappa: 30 } });
    const fitWarnings = fixed.warnings.filter((w) => /curve fit|sits on its bound/.test(w));
    expect(fitWarnings).toHaveLength(1);
    expect(fitWarnings[0]).toMatch(
      /with κ = 30 fixed by policy\.kappa: .*the likely cause; change or leave out policy\.kappa/,
    );
  });

  it('the real curve of the day gives no fit warning', () => {
    expect(real.warnings.filter((w) => /curve fit|sits on its bound/.test(w))).toEqual([]);
  });
});

it('the residual is the largest |listed − fitted| over the futures, and 10 points is the line', () => {
  const ts = buildTermStructure({
    valuationDate: '2026-11-20',
    vixSpot: 17.5,
    futures: [
      { expiry: '2026-12-16', price: 18.4 },
      { expiry: '2027-01-20', price: 19.3 },
      { expiry: '2027-02-17', price: 19.9 },
    ],
  });
  const q = fitQuality(ts);
  expect(q.maxResidual).toBeGreaterThanOrEqual(0);
  expect(q.maxResidual).toBeLessThan(POOR_FIT_POINTS);
  expect(q.warnings).toEqual([]);
});

describe('a κ or θ fixed by the policy is not called fitted', () => {
  // 2020-03-16 (quantintell VX1..VX8, VIX 82.69): fitted freely the curve misses by at most 8.0 points.
  const march16 = {
    valuationDate: '2020-03-16',
    vixSpot: 82.69,
    futures: [72.625, 59.15, 44.875, 38.95, 34.975, 32.175, 30.875, 30.675].map((price, i) => ({
      expiry: vxExpiriesAfter('2020-03-16', 8)[i]!,
      price,
    })),
  };

  it('policy κ = 30: no "fitted κ on its bound", and the poor fit is put down to policy.kappa', () => {
    const q = fitQuality(buildTermStructure(march16, { kappa: 30 }));
    expect(q.atBound).toEqual([]);
    expect(q.warnings.filter((w) => /sits on its bound/.test(w))).toEqual([]);
    expect(q.warnings).toHaveLength(1);
    expect(q.warnings[0]).toMatch(
      /^The curve fit misses the listed futures by up to 17\.4 points \(2020-04-15; rmse 7\.94\) with κ = 30 fixed by policy\.kappa: fitted freely it misses by at most 8\.0 points, so the fixed value is the likely cause; change or leave out policy\.kappa;/,
    );
    expect(q.warnings[0]).not.toMatch(/typing or unit mistake/);
  });

  it('policy θ = 10 on its bound is not warned about; a fitted θ on its bound names the fixed κ', () => {
    expect(fitQuality(buildTermStructure(march16, { theta: 10 })).warnings).toEqual([]);
    const q = fitQuality(buildTermStructure(march16, { kappa: 0.5 }));
    expect(q.atBound).toEqual(['theta']);
    expect(q.warnings[1]).toBe(
      'The fitted θ = 10 sits on its bound [10, 50] given κ = 0.5 fixed by policy.kappa: the curve is outside what the model describes with that value; check policy.kappa and the futures.',
    );
  });

  it('both fixed, and a typed price that no free fit explains either', () => {
    const both = fitQuality(buildTermStructure(march16, { kappa: 30, theta: 50 })).warnings;
    expect(both).toHaveLength(1);
    expect(both[0]).toMatch(
      /with κ = 30 and θ = 50 fixed by policy\.kappa and policy\.theta: .*the fixed values are the likely cause/,
    );
    const typo = { ...march16, futures: march16.futures.map((f, i) => (i === 0 ? { ...f, price: 300 } : f)) };
    expect(fitQuality(buildTermStructure(typo, { kappa: 8 })).warnings[0]).toMatch(
      /with κ = 8 fixed by policy\.kappa, and by up to [\d.]+ points fitted freely: check the futures prices \(a typing or unit mistake\?\) and policy\.kappa;/,
    );
  });
});
