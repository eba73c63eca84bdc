/**
 * The factors read from a VIX history (filterFactors, filterSlow): a spike out of calm lands in the
 * spike factor and leaves the slow one low, a grind up raises the slow factor, a flat history holds
 * them at their expectation given VIX, and bad input names the close.
 */
import { describe, expect, it } from 'vitest';
import {
  CALIBRATED,
  JUMP_SDS,
  factorsGivenVix,
  filterFactors,
  filterSlow,
  slowGivenVix,
  type VixClose,
} from '@alvh/shared/calibration';
import { errorOf } from '../../../helpers/errors';

const P = CALIBRATED.params;

/** Daily closes (calendar days, no weekends) from a list of levels. */
const closes = (levels: number[]): VixClose[] => levels.map((value, day) => ({ day, value }));

describe('filterSlow', () => {
  it('a spike from calm to 35 in three days leaves the slow factor far below a climb to 35 over four months', () => {
    const calm = Array.from({ length: 200 }, () => 13);
    const spike = filterSlow(P, closes([...calm, 20, 28, 35]));
    const grind = filterSlow(
      P,
      closes([...calm, ...Array.from({ length: 120 }, (_, i) => 13 * (35 / 13) ** ((i + 1) / 120))]),
    );
    const s = spike[spike.length - 1]!;
    const g = grind[grind.length - 1]!;
    const unconditional = slowGivenVix(P, Math.log(35));
    expect(g - s).toBeGreaterThan(0.3);
    expect(s).toBeLessThan(unconditional);
    // The slow factor of the spike moved by at most w times JUMP_SDS daily standard deviations a day.
    const before = spike[199]!;
    const dailySd = 1.2 / Math.sqrt(365);
    expect(s - before).toBeLessThan(3 * P.slowShare * JUMP_SDS * dailySd);
  });

  it('reads a jump into the spike factor, which then decays at its own speed', () => {
    const calm = Array.from({ length: 200 }, () => 13);
    const f = filterFactors(P, closes([...calm, 26, ...Array.from({ length: 10 }, () => 26)]));
    const before = f.spike[199]!;
    // A doubling in a day is far beyond JUMP_SDS daily sds: most of ln 2 is read as a jump.
    expect(f.spike[200]! - before).toBeGreaterThan(Math.log(2) - 3 * JUMP_SDS * (1.2 / Math.sqrt(365)));
    // Ten days later it has decayed by e^(−10 κ_j Δ) (no further jumps while VIX stays put).
    const kj = P.kappaSpike ?? P.kappaFast;
    expect(f.spike[210]!).toBeCloseTo(f.spike[200]! * Math.exp((-10 * kj) / 365), 10);
    expect(filterSlow(P, closes([...calm, 26]))[200]).toBe(f.slow[200]);
  });

  it('a flat history holds the slow factor near its expectation given VIX, and follows the first close', () => {
    const flat = filterSlow(P, closes(Array.from({ length: 2000 }, () => 18)));
    expect(flat[0]).toBe(slowGivenVix(P, Math.log(18)));
    const both = filterFactors(P, closes([18]));
    expect(both.spike[0]).toBe(factorsGivenVix(P, Math.log(18)).spike);
    expect(Number.isFinite(flat[1999]!)).toBe(true);
    expect(Math.abs(flat[1999]! - flat[0]!)).toBeLessThan(0.25);
    expect(filterSlow(P, []).length).toBe(0);
  });

  it('weekends decay the factors over the calendar gap: the same closes two days apart move the slow factor less', () => {
    const daily = filterSlow(P, closes([13, 13, 25]));
    const gapped = filterSlow(P, [
      { day: 0, value: 13 },
      { day: 1, value: 13 },
      { day: 4, value: 25 },
    ]);
    expect(daily[2]).not.toBe(gapped[2]);
    expect(gapped[2]! - gapped[1]!).toBeGreaterThan(daily[2]! - daily[1]!);
  });

  it('names the close and the fix for a bad history', () => {
    expect(errorOf(() => filterSlow(P, [{ day: 0, value: -1 }])).field).toBe('closes[0].value');
    expect(errorOf(() => filterSlow(P, [{ day: 0, value: Number.NaN }])).field).toBe('closes[0].value');
    const bad = errorOf(() => filterSlow(P, closes([13, 0])));
    expect(bad.field).toBe('closes[1]');
    expect(bad.message).toMatch(/ascending/);
    expect(
      errorOf(() =>
        filterSlow(P, [
          { day: 3, value: 13 },
          { day: 3, value: 14 },
        ]),
      ).field,
    ).toBe('closes[1]');
  });
});
