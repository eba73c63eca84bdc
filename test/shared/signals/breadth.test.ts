import { describe, expect, it } from 'vitest';
import { adLine, breadthState, linearSlope, plan } from '@alvh/shared';
import { CALM_PLAN_INPUT } from '../../helpers/fixtures';
import { issuesOf } from '../../helpers/errors';

describe('A/D line and slope', () => {
  it('accumulates advancers − decliners', () => {
    expect(adLine([1500, 1200, 900], [1000, 1300, 1900])).toEqual([500, 400, -600]);
  });

  it('least-squares slope: exact on a line, hand value otherwise', () => {
    expect(linearSlope([1, 3, 5, 7])).toBe(2);
    expect(linearSlope([5, 5])).toBe(0);
    // x̄ = 1.5, ȳ = 2.5; Σ(x − x̄)(y − ȳ) = 4, Σ(x − x̄)² = 5
    expect(linearSlope([1, 3, 2, 4])).toBeCloseTo(0.8, 14);
    expect(linearSlope([1, 3, 2, 4].map((v) => v + 1e6))).toBeCloseTo(0.8, 8);
  });

  it('breadth deteriorates when the last `lookback` days of the A/D line slope down', () => {
    const adv = [...Array(20).fill(2000), ...Array(10).fill(1000)];
    const dec = [...Array(20).fill(1000), ...Array(10).fill(2000)];
    const s = breadthState(adv, dec);
    expect(s).toEqual({ slope: -1000, deteriorating: true, lookback: 10 });
    expect(breadthState(adv.slice(0, 20), dec.slice(0, 20)).deteriorating).toBe(false);
    expect(breadthState(adv, dec, 15).slope).toBeLessThan(0);
  });

  it('reads the slope over exactly the last `lookback` values of the A/D line', () => {
    // 12 days: +500, +500, +5,000, then −100 for nine days; the line 500, 1000, 6000, 5900, ..., 5100.
    // Its last 10 values, 6000 down to 5100, fall 100 a day; an 11th (1000 before the jump) would
    // tilt the least-squares line upwards (+131.8 a day) and call the falling breadth rising.
    const adv = [1500, 1500, 6000, ...Array(9).fill(1000)];
    const dec = [1000, 1000, 1000, ...Array(9).fill(1100)];
    expect(adLine(adv, dec).slice(2)).toEqual([6000, 5900, 5800, 5700, 5600, 5500, 5400, 5300, 5200, 5100]);
    const s = breadthState(adv, dec);
    expect(s.slope).toBeCloseTo(-100, 9);
    expect(s.deteriorating).toBe(true);
  });

  it('rejects short, mismatched or negative input', () => {
    expect(() => breadthState(Array(9).fill(1), Array(9).fill(1))).toThrow(
      /^advancers: has 9 values, but a 10-day breadth slope needs at least 10/,
    );
    expect(() => adLine([1, 2], [1])).toThrow(/^decliners: has 1 value but advancers has 2;/);
    expect(() => adLine([1], [1, 2])).toThrow(/^decliners: has 2 values but advancers has 1;/);
    // one value is "1 value", in the fix as in the problem
    expect(() => adLine([], [])).toThrow(
      /^advancers: has 0 values, but an A\/D line needs at least 1; pass at least 1 value, oldest first$/,
    );
    expect(() => adLine([1, -2], [1, 1])).toThrow(/^advancers\[1\]: /);
    // a day with no issue advancing or declining is no trading day (a blank read as 0)
    expect(() => adLine([5, 0, 3], [4, 0, 2])).toThrow(/^advancers\[1\]: is 0 and so are the day's decliners/);
    expect(adLine([0, 3], [2, 0])).toEqual([-2, 1]);
    expect(() => linearSlope([1])).toThrow(/^values: has 1 value, but a slope needs at least 2/);
    expect(() => breadthState([1, 2], [1, 2], 1)).toThrow(/^lookback: /);
  });
});

describe("the plan's advancers and decliners", () => {
  it('are whole counts of issues: a fraction is refused naming the day, as ALVH.ADSLOPE refuses it', () => {
    const advancers = Array.from({ length: 12 }, () => 1500);
    const decliners = advancers.map((_, i) => (i === 4 ? 1500.5 : 1400));
    const issues = issuesOf(() => plan({ ...CALM_PLAN_INPUT, signals: { advancers, decliners } }));
    expect(issues).toEqual([
      { path: 'signals.decliners[4]', message: 'pass whole counts of issues per day (no fraction)' },
    ]);
  });

  it('over the limit is refused as over it, however large (1e300 is no fraction)', () => {
    const advancers = Array.from({ length: 12 }, (_, i) => (i === 0 ? 1e300 : 1500));
    const decliners = advancers.map((_, i) => (i === 0 ? 1e300 : 1400));
    const issues = issuesOf(() => plan({ ...CALM_PLAN_INPUT, signals: { advancers, decliners } }));
    expect(issues).toEqual(
      ['advancers', 'decliners'].map((f) => ({
        path: `signals.${f}[0]`,
        message: 'pass counts of issues per day (at most 100000)',
      })),
    );
  });
});
