/**
 * A poor curve fit and a fit parameter on its bound are said in the plan's warnings, with the
 * residual in points (docs/market.md, "Fit quality").
 */
import { beforeAll, expect, it } from 'vitest';
import { POOR_FIT_POINTS, buildTermStructure, fitQuality, plan, type Plan } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { realDayInput } from '../method/realDays';

describeWithData('fit quality on a VIX-52 day (2025-04-08)', () => {
  let typo: Plan;
  let real: Plan;
  beforeAll(() => {
    const input = realDayInput('2025-04-08').input;
    real = plan(input);
    const futures = input.market.futures.map((f, i) => (i === 0 ? { ...f, price: 300 } : f));
    typo = plan({ ...input, market: { ...input.market, futures } });
  });

  it('VX1 typed as 300: the plan warns that the fit misses by 249.5 points at VX1 and that θ sits on its lower bound', () => {
    const miss = typo.warnings.find((w) => w.startsWith('The curve fit misses'));
    expect(miss).toBeDefined();
    const pts = Number(/by up to ([\d.]+) points/.exec(miss!)![1]);
    expect(pts).toBe(249.5); // 300 against a fitted 50.5 at 8 days (rmse 88.47 over the 8 futures)
    expect(typo.termStructure.fit.theta).toBe(10);
    expect(typo.warnings.some((w) => w.startsWith('The fitted θ = 10 sits on its bound [10, 50]'))).toBe(true);
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
