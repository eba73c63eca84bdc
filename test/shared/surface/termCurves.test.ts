/**
 * A surface's forward and discount between, before and beyond its slices (spxSurface.ts): log-linear
 * in time between slices, from spot and a discount of 1 at t = 0, the last segment's carry and the
 * last slice's rate extended after the last; and its slices strictly later one after the other.
 */
import { describe, expect, it } from 'vitest';
import { makeSpxSurface, type SpxSurfaceData, type SviParams } from '@alvh/shared';
import { errorOf } from '../../helpers/errors';

/** A flat 20% smile at one year: a = 0.04·T. */
const flat = (years: number): SviParams => ({ a: 0.04 * years, b: 0, rho: 0, m: 0, sigma: 0.1 });

/** Spot 4000; a half-year slice at forward 4040, discount 0.975, and a one-year slice at 4060, 0.95. */
const data: SpxSurfaceData = {
  valuationDate: '2023-06-09',
  spot: 4000,
  source: 'chain',
  slices: [
    { expiry: '2023-12-08', root: 'SPX', years: 0.5, forward: 4040, discount: 0.975, svi: flat(0.5) },
    { expiry: '2024-06-07', root: 'SPX', years: 1, forward: 4060, discount: 0.95, svi: flat(1) },
  ],
  referenceVix: 20,
  warnings: [],
  label: 'test',
};

describe("a surface's forward and discount in time", () => {
  const s = makeSpxSurface(data);

  it('at the slices, their own', () => {
    expect(s.forward(0.5)).toBeCloseTo(4040, 9);
    expect(s.forward(1)).toBeCloseTo(4060, 9);
    expect(s.discount(0.5)).toBeCloseTo(0.975, 12);
    expect(s.discount(1)).toBeCloseTo(0.95, 12);
  });

  it('before the first slice, log-linear from spot and a discount of 1', () => {
    // halfway to the first slice: the geometric means √(4000·4040) and √(1·0.975)
    expect(s.forward(0.25)).toBeCloseTo(Math.sqrt(4000 * 4040), 9);
    expect(s.discount(0.25)).toBeCloseTo(Math.sqrt(0.975), 12);
  });

  it('between slices, log-linear in time', () => {
    expect(s.forward(0.75)).toBeCloseTo(Math.sqrt(4040 * 4060), 9);
    expect(s.discount(0.75)).toBeCloseTo(Math.sqrt(0.975 * 0.95), 12);
  });

  it("after the last slice, the last segment's carry and the last slice's rate extended", () => {
    // carry ln(4060/4040) per half year: a year past the last slice, two more of it
    expect(s.forward(2)).toBeCloseTo(4060 * (4060 / 4040) ** 2, 8);
    // rate −ln(0.95) a year: two years discount at 0.95²
    expect(s.discount(2)).toBeCloseTo(0.95 ** 2, 12);
    expect(s.discount(2)).toBeLessThan(s.discount(1));
  });

  it('a chain surface marks at the yield that carries spot to its forward: rate − ln(F(t)/spot)/t', () => {
    expect(s.carryYield(1, 0.05, 0.013)).toBeCloseTo(0.05 - Math.log(4060 / 4000), 12);
    // a surface of another source leaves the yield to the state
    expect(makeSpxSurface({ ...data, source: 'indices' }).carryYield(1, 0.05, 0.013)).toBe(0.013);
  });
});

describe("a surface's slices", () => {
  it('are refused when two fall at the same time, naming the second', () => {
    const [first, second] = data.slices;
    const e = errorOf(() => makeSpxSurface({ ...data, slices: [first!, { ...second!, years: first!.years }] }));
    expect(e.code).toBe('invalid_input');
    expect(e.field).toBe('surface.slices[1].years');
    expect(e.message).toMatch(/is 0\.5, not after the previous slice \(0\.5\)/);
  });
});
