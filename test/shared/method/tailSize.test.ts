import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { selectTailExpiry, sizeTailHedge, tailStrike } from '@alvh/shared';
import { black76Price } from '@alvh/shared';
import { isAlvhError } from '@alvh/shared';

describe('tailStrike — F·(1 + 2.5%) rounded up to the grid', () => {
  it.each([
    [16.2, 0.025, 1, 17], // 16.605 → 17
    [20, 0.025, 1, 21], // 20.5 → 21
    [19.5, 0.025, 1, 20], // 19.9875 → 20
    [40, 0.025, 1, 41], // exactly 41 stays 41
    [40, 0.025, 2.5, 42.5],
    [16.2, 0, 0.5, 16.5],
  ])('F=%d otm=%d step=%d → %d', (f, otm, step, k) => {
    expect(tailStrike(f, otm, step)).toBe(k);
  });
  it('takes otmPct up to MAX_TAIL_OTM_PCT (0.5), the bound of policy.tailOtmPct and sizeTailHedge, with their message', () => {
    expect(tailStrike(16, 0.5, 1)).toBe(24);
    const base = { condorLoss: 42_000, hedgeFuture: 16, hedgeYears: 52 / 365, volOfVol: 1.0, stressedFuture: 28 };
    const message = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    const sized = message(() => sizeTailHedge({ ...base, otmPct: 1 }));
    expect(sized).toMatch(/^otmPct: /);
    expect(message(() => tailStrike(16, 1, 1))).toBe(sized);
    expect(message(() => tailStrike(16, 0.51, 1))).toBe(message(() => sizeTailHedge({ ...base, otmPct: 0.51 })));
  });
});

describe('selectTailExpiry — DTE in [45, 60], else nearest 52', () => {
  const exps = ['2024-01-17', '2024-02-14', '2024-03-20', '2024-04-17'];
  it.each([
    ['2024-01-02', '2024-02-14'], // 43 days... not in window; 78 for March: nearest 52 is 43
    ['2023-12-31', '2024-02-14'], // 45 days: in the window
    ['2024-01-20', '2024-03-20'], // 60 days: in the window
    ['2024-01-24', '2024-03-20'], // 56
  ])('%s → %s', (d, want) => {
    expect(selectTailExpiry(d, exps)).toBe(want);
  });
  it('rejects a curve with no expiry after the date', () => {
    expect(() => selectTailExpiry('2025-01-01', exps)).toThrow(/^futures:/);
  });
});

describe('sizeTailHedge', () => {
  const base = { condorLoss: 42_000, hedgeFuture: 16, hedgeYears: 52 / 365, volOfVol: 1.0, stressedFuture: 28 };

  it('pins contracts = ceil(1.8 · loss / gain) with Black-76 premium and stressed value', () => {
    const r = sizeTailHedge(base);
    const premium = black76Price({ type: 'call', future: 16, strike: 17, years: 52 / 365, vol: 1.0 });
    const stressed = black76Price({ type: 'call', future: 28, strike: 17, years: 42 / 365, vol: 1.0 });
    expect(r.strike).toBe(17);
    expect(r.premium).toBeCloseTo(premium, 12);
    expect(r.stressedCallValue).toBeCloseTo(stressed, 12);
    expect(r.gainPerContract).toBeCloseTo((stressed - premium) * 100, 9);
    expect(r.contracts).toBe(Math.ceil((1.8 * 42_000) / ((stressed - premium) * 100)));
    expect(r.cost).toBeCloseTo(r.contracts * premium * 100, 9);
    expect(r.coverageAchieved).toBeGreaterThanOrEqual(1.8);
    // one fewer contract would not reach 1.8
    expect(((r.contracts - 1) * r.gainPerContract) / 42_000).toBeLessThan(1.8);
  });

  it('a zero loss needs no contracts', () => {
    expect(sizeTailHedge({ ...base, condorLoss: 0 }).contracts).toBe(0);
  });

  it('a zero loss needs no contracts even when the call gains nothing: nothing to cover, not an error', () => {
    const r = sizeTailHedge({ ...base, condorLoss: 0, stressedFuture: 15 });
    expect(r.gainPerContract).toBeLessThan(0);
    expect(r).toMatchObject({ contracts: 0, cost: 0, coverageAchieved: 0, targetGain: 0 });
  });

  it('a gain ≤ 0 is a no_solution error that says what to change', () => {
    try {
      sizeTailHedge({ ...base, stressedFuture: 15 });
      throw new Error('expected an error');
    } catch (e) {
      expect(isAlvhError(e) && e.code).toBe('no_solution');
      expect(String(e)).toMatch(/cannot cover/);
      expect(String(e)).toMatch(/stressVix/);
    }
  });

  it.each([
    [{ condorLoss: -1 }, /^condorLoss:/],
    [{ volOfVol: 120 }, /^volOfVol:.*1\.2/],
    [{ hedgeYears: 0 }, /^hedgeYears:/],
    [{ coverage: Number.NaN }, /^coverage:/],
    [{ otmPct: 1 }, /^otmPct: .*\[0, 0\.5\]/],
  ])('rejects %j', (patch, re) => {
    expect(() => sizeTailHedge({ ...base, ...patch })).toThrow(re);
  });

  it('properties: contracts never negative; a larger loss never needs fewer contracts', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 10, max: 40, noNaN: true }),
        fc.double({ min: 1.2, max: 3, noNaN: true }),
        fc.double({ min: 0.5, max: 1.8, noNaN: true }),
        (l1, l2, f, mult, vov) => {
          const i = { hedgeFuture: f, hedgeYears: 50 / 365, volOfVol: vov, stressedFuture: f * mult };
          const a = sizeTailHedge({ ...i, condorLoss: Math.min(l1, l2) });
          const b = sizeTailHedge({ ...i, condorLoss: Math.max(l1, l2) });
          expect(a.contracts).toBeGreaterThanOrEqual(0);
          expect(b.contracts).toBeGreaterThanOrEqual(a.contracts);
        },
      ),
      { numRuns: 300 },
    );
  });
});
