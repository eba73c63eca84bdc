/**
 * policy.shockKappa: the κ that maps a VIX shock to the VX futures in the sizing (measured in
 * test/shared/market/shockResponse.test.ts), apart from the κ fitted to the day's curve.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTermStructure, shockFutures, type TermStructure } from '@alvh/shared';
import { DEFAULT_SHOCK_KAPPA, resolvePolicy } from '@alvh/shared';
import { drawdownState, stressedFuture } from '@alvh/shared';
import { sizeTailHedge } from '@alvh/shared';
import { sizeOverlay } from '@alvh/shared';
import { plan, planMarketState, type Plan } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { realDayInput } from './realDays';

const flat = (s: string) => s.replace(/\s+/g, ' ');
const doc = flat(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/method.md'), 'utf8'));

const EXPIRIES = ['2024-01-17', '2024-02-14', '2024-03-20', '2024-04-17', '2024-05-22', '2024-06-18'];
const curve = (vix: number, prices: readonly number[]): TermStructure =>
  buildTermStructure({
    valuationDate: '2024-01-02',
    vixSpot: vix,
    futures: EXPIRIES.map((expiry, i) => ({ expiry, price: prices[i] as number })),
  });

describe('policy.shockKappa', () => {
  it('defaults to 6 and rejects values outside 0.5-30, naming the field', () => {
    expect(DEFAULT_SHOCK_KAPPA).toBe(6);
    expect(resolvePolicy().shockKappa).toBe(6);
    expect(resolvePolicy({ shockKappa: 3 }).shockKappa).toBe(3);
    expect(() => resolvePolicy({ shockKappa: 0.2 })).toThrow(/policy\.shockKappa: pass a number between 0\.5 and 30/);
    expect(() => resolvePolicy({ shockKappa: 40 })).toThrow(/policy\.shockKappa/);
  });

  it('maps the shock with shockKappa, not the fitted κ (here 30, at its bound)', () => {
    // VIX far above flat futures: the fit puts κ at its bound 30
    const ts = curve(36, [25.9, 23.3, 22.2, 21.4, 21.1, 21.1]);
    expect(ts.fit.kappa).toBeGreaterThan(15);
    const left = (daysTo: number) => (daysTo - 10) / 365;
    // 2024-02-14 is 43 days out, 33 after the drawdown
    expect(stressedFuture(ts, '2024-02-14', 66, 10)).toBeCloseTo(23.3 + 30 * Math.exp(-6 * left(43)), 10);
    expect(stressedFuture(ts, '2024-02-14', 66, 10, 4)).toBeCloseTo(23.3 + 30 * Math.exp(-4 * left(43)), 10);
    const s = drawdownState(planLikeState(ts), ts, resolvePolicy({ shockKappa: 4 }), 66, 1.2);
    expect(s.futureFor('2024-02-14')).toBeCloseTo(23.3 + 30 * Math.exp(-4 * left(43)), 10);
    // shockFutures keeps the fitted κ unless told otherwise
    const byFit = shockFutures(ts, 66);
    const byShock = shockFutures(ts, 66, 6);
    expect(byFit[1]?.price).toBeCloseTo(23.3 + 30 * Math.exp((-ts.fit.kappa * 43) / 365), 10);
    expect(byShock[1]?.price).toBeCloseTo(23.3 + 30 * Math.exp((-6 * 43) / 365), 10);
    expect(() => shockFutures(ts, 66, 0)).toThrow(/kappa/);
  });

  it('property: for a VIX rise, a higher κ never raises the stressed future, which stays at or above today’s', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 9, max: 80, noNaN: true }),
        fc.array(fc.double({ min: -0.3, max: 0.3, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.double({ min: 0.5, max: 60, noNaN: true }),
        fc.double({ min: 0.5, max: 30, noNaN: true }),
        fc.double({ min: 0.5, max: 30, noNaN: true }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 20 }),
        (vix, steps, rise, k1, k2, e, days) => {
          const prices: number[] = [];
          let p = vix;
          for (const st of steps) prices.push((p = Math.max(5, p * (1 + st / 3))));
          const ts = curve(vix, prices);
          const expiry = EXPIRIES[e] as string;
          const [lo, hi] = k1 <= k2 ? [k1, k2] : [k2, k1];
          const f = prices[e] as number;
          const sLo = stressedFuture(ts, expiry, vix + rise, days, lo);
          const sHi = stressedFuture(ts, expiry, vix + rise, days, hi);
          expect(sHi).toBeLessThanOrEqual(sLo + 1e-9);
          expect(sHi).toBeGreaterThanOrEqual(f - 1e-9);
          // at no elapsed time the listed futures match shockFutures with the same κ
          expect(stressedFuture(ts, expiry, vix + rise, 0, hi)).toBeCloseTo(
            shockFutures(ts, vix + rise, hi)[e]?.price as number,
            9,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: a higher κ never asks for fewer tail contracts', () => {
    const ts = curve(36, [25.9, 23.3, 22.2, 21.4, 21.1, 21.1]);
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 30, noNaN: true }),
        fc.double({ min: 0.5, max: 30, noNaN: true }),
        fc.double({ min: 1000, max: 100_000, noNaN: true }),
        (k1, k2, loss) => {
          const [lo, hi] = k1 <= k2 ? [k1, k2] : [k2, k1];
          // a call that gains nothing cannot be sized: count it as needing infinitely many
          const size = (k: number) => {
            try {
              return sizeTailHedge({
                condorLoss: loss,
                hedgeFuture: 22.2,
                hedgeYears: 78 / 365,
                volOfVol: 1.1,
                stressedFuture: stressedFuture(ts, '2024-03-20', 66, 10, k),
              }).contracts;
            } catch (e) {
              if (e instanceof Error && /gains nothing/.test(e.message)) return Infinity;
              throw e;
            }
          };
          expect(size(hi)).toBeGreaterThanOrEqual(size(lo));
        },
      ),
      { numRuns: 200 },
    );
  });
});

function planLikeState(ts: TermStructure) {
  return {
    date: ts.valuationDate,
    spot: 4700,
    vix: ts.vixSpot,
    rate: 0.05,
    divYield: 0.015,
    volOfVol: 1.2,
    skew: resolvePolicy().skew,
    futureFor: (e: string) => ts.points.find((p) => p.expiry === e)?.price ?? NaN,
  };
}

describeWithData('the tail size on real days, with the shock κ and with the fitted κ', () => {
  const days = ['2018-12-24', '2020-03-12', '2025-04-08', '2019-11-15', '2017-06-16'] as const;
  const runs = days.map((d) => {
    const input = realDayInput(d).input;
    const now = plan(input);
    const byFit = plan({ ...input, policy: { shockKappa: now.termStructure.fit.kappa } });
    return { d, now, byFit };
  });
  const by = Object.fromEntries(runs.map((r) => [r.d, r])) as unknown as Record<
    (typeof days)[number],
    { now: Plan; byFit: Plan }
  >;

  it('pins the contracts the 1.8× coverage asks for (before the budget)', () => {
    expect(
      runs.map((r) => [
        r.d,
        +r.now.termStructure.fit.kappa.toFixed(2),
        r.byFit.tail.requiredContracts,
        r.now.tail.requiredContracts,
      ]),
    ).toEqual([
      ['2018-12-24', 17.15, 150, 31],
      ['2020-03-12', 12.97, 75, 19],
      ['2025-04-08', 19.14, 85, 19],
      ['2019-11-15', 7.12, 111, 90],
      ['2017-06-16', 2.65, 46, 78],
    ]);
  });

  it('on stressed days the 30-point shock now moves the hedge future by about half, as measured', () => {
    for (const d of ['2018-12-24', '2025-04-08'] as const) {
      const { now, byFit } = by[d];
      const left = (now.tail.daysToExpiry - 10) / 365;
      expect(now.tail.stressedFuture - now.tail.future).toBeCloseTo(30 * Math.exp(-6 * left), 9);
      expect(byFit.tail.stressedFuture - byFit.tail.future).toBeLessThan(5.5);
      expect(now.tail.stressedFuture - now.tail.future).toBeGreaterThan(14);
      // the same condor loss: only the hedge's gain changes
      expect(now.scenario.condorLoss).toBe(byFit.scenario.condorLoss);
      expect(now.tail.requiredContracts).toBeLessThan(40);
    }
  });

  it('a calm day whose fit says κ < 6 gets a weaker modelled response and a larger size', () => {
    const { now, byFit } = by['2017-06-16'];
    expect(now.termStructure.fit.kappa).toBeLessThan(6);
    expect(now.tail.stressedFuture).toBeLessThan(byFit.tail.stressedFuture);
    expect(now.tail.requiredContracts).toBeGreaterThan(byFit.tail.requiredContracts);
  });

  it('the analogs (each episode’s own curve) do not depend on the shock κ', () => {
    for (const r of runs)
      expect(r.now.analogs.map((a) => a.contracts)).toEqual(r.byFit.analogs.map((a) => a.contracts));
  });

  it('the plan records the shock κ in its audit', () => {
    const a = by['2018-12-24'].now.audit.find((e) => e.rule === 'tail.contracts');
    expect(a?.inputs['shockKappa']).toBe(6);
  });

  it('the VIX diagonal overlay measures its exposure with the shock κ', () => {
    // (in backwardation, 2018-12-24, the diagonal has no long exposure at any κ ≥ 6: a no_solution)
    const input = {
      ...realDayInput('2019-11-15').input,
      policy: { overlay: 'vix-call-diagonal' as const, shockKappa: 4 },
    };
    const p = plan(input);
    const again = sizeOverlay({
      structure: 'vix-call-diagonal',
      condorVega: p.condor.greeks.vega,
      vegaMatch: p.split.vegaMatch,
      condorExpiry: input.condor!.expiry,
      strike: input.condor!.strikes[1],
      state: planMarketState(p.market),
      vxExpiries: p.termStructure.points.map((pt) => pt.expiry),
      kappa: 4,
    });
    expect(p.overlay.unitVega).toBeCloseTo(again.unitVega, 9);
  });

  it('docs/method.md quotes these sizes and the cost rates they imply', () => {
    const q = (d: (typeof days)[number]) =>
      `${d} ${by[d].byFit.tail.requiredContracts} → ${by[d].now.tail.requiredContracts}`;
    expect(doc).toContain(
      `${q('2018-12-24')}, ${q('2020-03-12')}, ${q('2025-04-08')}, 2019-11-15 (fitted κ ${by['2019-11-15'].now.termStructure.fit.kappa.toFixed(1)}) ${by['2019-11-15'].byFit.tail.requiredContracts} → ${by['2019-11-15'].now.tail.requiredContracts}`,
    );
    expect(doc).toContain(
      `2017-06-16 (fitted κ ${by['2017-06-16'].now.termStructure.fit.kappa.toFixed(2)}) ${q('2017-06-16').slice(11)}`,
    );
    const rates = runs.slice(0, 4).map((r) => r.now.budget.requiredHedgeCostRate);
    const cov = runs.slice(0, 4).map((r) => r.now.tail.coverageAchieved);
    const dayOf = (rate: number) => runs.find((r) => r.now.budget.requiredHedgeCostRate === rate)!.d;
    const lo = Math.min(...rates);
    const hi = Math.max(...rates);
    expect(doc).toContain(
      flat(`annual rate of ${lo.toFixed(1)} (${dayOf(lo)}) to ${hi.toFixed(1)} (${dayOf(hi)}) times`),
    );
    expect(doc).toContain(`(0-${Math.max(...cov).toFixed(2)}× of the loss)`);
  });
});
