/**
 * A poor curve fit and a fit parameter on its bound are said in the plan's warnings, with the
 * residual in points (docs/market.md, "Fit quality").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  OFF_CURVE_MIN_FUTURES,
  OFF_CURVE_POINTS,
  OFF_CURVE_RATIO,
  POOR_FIT_POINTS,
  buildTermStructure,
  fitMeanReversion,
  fitQuality,
  modelFuture,
  plan,
  vxExpiriesAfter,
  type Plan,
  type TermStructure,
} from '@alvh/shared';
import { expectDocSays } from '../../helpers/docs';
import { describeWithData, readDataFile } from '../../helpers/marketData';
import { cboeSeries, quantintellRows, realDayInput } from '../method/realDays';

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

describeWithData('a future far off the curve the others fit (2015-08-24, VX5 typed 14.5)', () => {
  let input: ReturnType<typeof realDayInput>['input'];
  beforeAll(() => {
    input = realDayInput('2015-08-24').input;
  });
  const typed = (price: number, at = 4) => input.market.futures.map((f, i) => (i === at ? { ...f, price } : f));

  it('names VX5, by how much and on which side, in the plan and in the curve’s own warnings', () => {
    expect(input.market.futures.slice(3, 6).map((f) => f.price)).toEqual([20.7, 20.65, 20.575]);
    const real = plan(input);
    const typo = plan({ ...input, market: { ...input.market, futures: typed(14.5) } });
    expect(real.termStructure.fit.rmse).toBeCloseTo(0.46, 2);
    expect(typo.termStructure.fit.rmse).toBeCloseTo(2.13, 2);
    const warning =
      "VX5 (2016-01-20) at 14.5 sits 6.4 points below the curve the other futures fit (20.94 there; they sit within 0.48 points rms of it): check it is that day's settlement, not a stale or mistyped price; it is read as given (the fit's rmse 2.13 with it).";
    expect(typo.warnings).toContain(warning);
    expect(real.warnings.filter((w) => w.includes('the curve the other futures fit'))).toEqual([]);
    const q = fitQuality(buildTermStructure({ valuationDate: '2015-08-24', vixSpot: 40.74, futures: typed(14.5) }));
    expect(q.offCurve).toMatchObject({ expiry: '2016-01-20', price: 14.5 });
    expect(q.warnings).toEqual([warning]);
    expectDocSays('market.md', warning.slice(0, warning.indexOf('price;') + 'price;'.length));
    // typed high, and a typo in the front future (which the rule does not read)
    const curve = (futures: typeof input.market.futures) =>
      fitQuality(buildTermStructure({ valuationDate: '2015-08-24', vixSpot: 40.74, futures }));
    expect(curve(typed(26.65)).offCurve?.expiry).toBe('2016-01-20');
    expect(curve(typed(19.125, 0)).offCurve).toBeUndefined();
  });

  it('a curve of three futures is not read: two others and VIX fit any third', () => {
    const three = typed(14.5, 2).slice(0, 3);
    const ts = buildTermStructure({ valuationDate: '2015-08-24', vixSpot: 40.74, futures: three });
    expect(fitQuality(ts).offCurve).toBeUndefined();
  });
});

/** Every day of VX1-VX8 history: quantintell 2007-2021 and the two manumartinb episodes with Cboe's VIX. */
function historyCurves(): TermStructure[] {
  const vix = cboeSeries('cboe_VIX_History__ManULoreN14.csv');
  const episodes = [
    'manumartinb_vx_M1-M8_episode_2024-07_2024-09.csv',
    'manumartinb_vx_M1-M8_episode_2025-03_2025-05.csv',
  ]
    .flatMap((f) => readDataFile(f).trim().split(/\r?\n/).slice(1))
    .map((l) => l.split(','))
    .map((c) => ({ date: c[0]!, vix: vix.get(c[0]!)!, vx: c.slice(1, 9).map(Number) }));
  return [...quantintellRows(), ...episodes].map((r) =>
    buildTermStructure({
      valuationDate: r.date,
      vixSpot: r.vix,
      futures: vxExpiriesAfter(r.date, 8).map((expiry, i) => ({ expiry, price: r.vx[i]! })),
    }),
  );
}

describeWithData('the off-curve rule against the VX history (docs/market.md, "Fit quality")', () => {
  let curves: TermStructure[];
  beforeAll(() => {
    curves = historyCurves();
  });

  it('names no future on any of the 3,809 real days; the nearest are the days the docs give', () => {
    expect(curves).toHaveLength(3809);
    expect(curves.filter((ts) => fitQuality(ts).offCurve !== undefined).map((ts) => ts.valuationDate)).toEqual([]);
    // each future after the first against the curve fitted to the others: how near it comes to both lines
    const near = curves.flatMap((ts) =>
      ts.points.slice(1).map((pt, k) => {
        const others = ts.points.filter((o) => o !== pt);
        const fit = fitMeanReversion(ts.vixSpot, others);
        const miss = Math.abs(pt.price - modelFuture(fit, ts.vixSpot, pt.years));
        const rms = Math.sqrt(
          others.reduce((a, o) => a + (o.price - modelFuture(fit, ts.vixSpot, o.years)) ** 2, 0) / others.length,
        );
        const reach = Math.min(miss / OFF_CURVE_POINTS, miss / (OFF_CURVE_RATIO * rms));
        return { at: `${ts.valuationDate} VX${k + 2}`, miss: miss.toFixed(2), rms: rms.toFixed(2), reach };
      }),
    );
    expect(near).toHaveLength(26663);
    const nearest = near.sort((a, b) => b.reach - a.reach).slice(0, 2);
    expect(nearest.map(({ at, miss, rms }) => [at, miss, rms])).toEqual([
      ['2020-09-03 VX2', '6.54', '1.36'],
      ['2008-10-20 VX3', '4.72', '0.56'],
    ]);
    expect(nearest[0]!.reach).toBeLessThan(0.97);
  });

  it('names no real day on a curve of the first 4 to 7 futures either (below 7 the rule does not read it)', () => {
    expect(OFF_CURVE_MIN_FUTURES).toBe(7);
    for (const n of [4, 5, 6, 7]) {
      const named = curves
        .map((ts) =>
          buildTermStructure({ valuationDate: ts.valuationDate, vixSpot: ts.vixSpot, futures: ts.points.slice(0, n) }),
        )
        .filter((ts) => fitQuality(ts).offCurve !== undefined)
        .map((ts) => ts.valuationDate);
      expect(named, `${n} futures`).toEqual([]);
    }
  });

  it('a 6-point typo in VX2-VX8 is named on more than 95% of the days (every 25th day here)', () => {
    let named = 0;
    let cases = 0;
    curves
      .filter((_, d) => d % 25 === 0)
      .forEach((ts) => {
        for (let i = 1; i < ts.points.length; i++) {
          for (const move of [-6, 6]) {
            const futures = ts.points.map((pt, j) => ({ expiry: pt.expiry, price: pt.price + (j === i ? move : 0) }));
            const q = fitQuality(buildTermStructure({ valuationDate: ts.valuationDate, vixSpot: ts.vixSpot, futures }));
            cases += 1;
            if (q.offCurve?.expiry === ts.points[i]!.expiry) named += 1;
          }
        }
      });
    expect(cases).toBe(2142);
    expect(named / cases).toBeGreaterThan(0.95);
  });
});
