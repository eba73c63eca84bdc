/**
 * When the tail's call gains under no historical analog (today's VIX above every analog's), the
 * analogs test nothing of the tail: the plan says so in its warnings, not only in the analog rows.
 * 2020-03-16: VIX 82.69 and the day's VX settlements, a 10-lot condor of 2020-05-01.
 */
import { describe, expect, it } from 'vitest';
import { plan, type PlanInput } from '@alvh/shared';

const VX: [string, number][] = [
  ['2020-03-18', 72.625],
  ['2020-04-15', 59.15],
  ['2020-05-20', 44.875],
  ['2020-06-17', 38.95],
  ['2020-07-22', 34.975],
];

const INPUT = {
  valuationDate: '2020-03-16',
  market: {
    spx: 2386.13,
    vix: 82.69,
    vvix: 207.59,
    rate: 0.002,
    divYield: 0.025,
    futures: VX.map(([expiry, price]) => ({ expiry, price })),
    indices: { vix9d: 106.66, vix3m: 67.7, vix6m: 55.4, skew: 114.66 },
  },
  condor: { expiry: '2020-05-01', strikes: [1485, 1535, 3710, 3760], quantity: 10 },
  portfolio: { capital: 2_000_000 },
} as PlanInput;

describe('a tail no analog tests', () => {
  it('2020-03-16: every analog reads "cannot cover", and the warnings say the analogs test nothing of the tail', () => {
    const p = plan(INPUT);
    expect(p.analogs.map((a) => a.contracts)).toEqual([null, null, null]);
    expect(p.warnings.filter((w) => /under any historical analog/.test(w))).toEqual([
      `The tail's ${p.tail.strike} call gains nothing under any historical analog (2018-12-24, VIX 36.07; 2020-03-12, VIX 75.47; 2025-04-08, VIX 52.33): with VIX at 82.69, no analog's curve lifts the hedge future enough to pay for the call, so the analogs test nothing of this tail; read the drawdown scenario and the stress grid instead.`,
    ]);
  });

  it('says nothing when one analog is covered (2018-12-24 at VIX 36.07 is below 2020-03-12)', () => {
    const calm = {
      ...INPUT,
      valuationDate: '2018-12-24',
      market: {
        ...INPUT.market,
        spx: 2351.1,
        vix: 36.07,
        vvix: 130,
        futures: [
          { expiry: '2019-01-16', price: 25.9 },
          { expiry: '2019-02-13', price: 23.325 },
          { expiry: '2019-03-19', price: 22.175 },
          { expiry: '2019-04-17', price: 21.425 },
        ],
        indices: undefined,
      },
      condor: { expiry: '2019-02-15', strikes: [1750, 1800, 2850, 2900], quantity: 10 },
    } as PlanInput;
    const p = plan(calm);
    expect(p.analogs.some((a) => a.contracts !== null)).toBe(true);
    expect(p.warnings.filter((w) => /under any historical analog/.test(w))).toEqual([]);
  });
});
