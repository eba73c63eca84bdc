import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  black76Greeks,
  black76ImpliedVol,
  black76Price,
  blackFormula,
  bsGreeks,
  bsImpliedVol,
  bsPrice,
  isAlvhError,
  type OptionType,
} from '@alvh/shared';

const days = [1, 2, 3, 7, 14, 30, 61, 91, 182, 365, 547, 730];
const vols = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5];
const moneyness = [0.25, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1, 1.01, 1.05, 1.1, 1.25, 1.5, 2, 4]; // K / F

/**
 * "An answer exists numerically" when the time value is a normal double (> 1e-300) and the price
 * pins the vol to 1e-13: a one-ulp change of the price (ε·price) moves σ by ε·price/vega ≤ 1e-13,
 * with vega per unit of vol. Elsewhere no algorithm can recover σ from the rounded price; there
 * we require the price round trip instead.
 */
function determined(price: number, intrinsic: number, vegaPerUnit: number): boolean {
  return price - intrinsic > 1e-300 && (Number.EPSILON * price) / vegaPerUnit <= 1e-13;
}

describe('bsImpliedVol round trip over a dense grid (12 expiries × 15 vols × 15 strikes × 2 types)', () => {
  it('recovers σ to 1e-12 wherever the price determines it, and reprices everywhere else', () => {
    let determinedCount = 0;
    let worst = 0;
    const spot = 5000;
    const rate = 0.045;
    const divYield = 0.013;
    for (const d of days)
      for (const vol of vols)
        for (const m of moneyness)
          for (const type of ['call', 'put'] as const) {
            const years = d / 365;
            const forward = spot * Math.exp((rate - divYield) * years);
            const strike = m * forward;
            const i = { type, spot, strike, years, rate, divYield };
            const g = bsGreeks({ ...i, vol });
            const intrinsic = Math.max(
              (type === 'call' ? 1 : -1) * (spot * Math.exp(-divYield * years) - strike * Math.exp(-rate * years)),
              0,
            );
            const iv = bsImpliedVol({ ...i, price: g.price });
            expect(Number.isFinite(iv)).toBe(true);
            if (determined(g.price, intrinsic, g.vega * 100)) {
              determinedCount++;
              worst = Math.max(worst, Math.abs(iv - vol));
              expect(Math.abs(iv - vol)).toBeLessThanOrEqual(1e-12);
            } else if (iv <= 5) {
              expect(Math.abs(bsPrice({ ...i, vol: iv }) - g.price)).toBeLessThanOrEqual(1e-12 * g.price + 1e-300);
            }
          }
    // 5400 cases; the undetermined ones are deep ITM or far OTM at low vol / short expiry.
    expect(determinedCount).toBeGreaterThan(3500);
    expect(worst).toBeLessThan(1e-12);
  });
});

describe('black76ImpliedVol round trip over the same grid', () => {
  it('recovers σ to 1e-12 wherever the price determines it', () => {
    let determinedCount = 0;
    const future = 20;
    const rate = 0.04;
    for (const d of days)
      for (const vol of vols)
        for (const m of moneyness)
          for (const type of ['call', 'put'] as const) {
            const years = d / 365;
            const strike = m * future;
            const g = black76Greeks({ type, future, strike, years, vol, rate });
            const intrinsic = Math.exp(-rate * years) * Math.max((type === 'call' ? 1 : -1) * (future - strike), 0);
            const iv = black76ImpliedVol({ type, future, strike, years, rate, price: g.price });
            expect(Number.isFinite(iv)).toBe(true);
            if (determined(g.price, intrinsic, g.vega * 100)) {
              determinedCount++;
              expect(Math.abs(iv - vol)).toBeLessThanOrEqual(1e-12);
            }
          }
    expect(determinedCount).toBeGreaterThan(3500);
  });

  it('round-trips random options to 1e-12 in vol (property; same rule)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<OptionType>('call', 'put'),
        fc.double({ min: Math.log(0.2), max: Math.log(5), noNaN: true }),
        fc.double({ min: 1 / 365, max: 2, noNaN: true }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        (type, lnm, years, vol) => {
          const future = 18.5;
          const strike = future * Math.exp(lnm);
          const g = black76Greeks({ type, future, strike, years, vol });
          const intrinsic = Math.max((type === 'call' ? 1 : -1) * (future - strike), 0);
          const iv = black76ImpliedVol({ type, future, strike, years, price: g.price });
          if (determined(g.price, intrinsic, g.vega * 100)) expect(Math.abs(iv - vol)).toBeLessThanOrEqual(1e-12);
          else expect(Number.isFinite(iv)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('implied vol near the money', () => {
  // Where x = ln(F/K) is tiny, the solution sits next to the inflexion point s_c = √(2|x|) of the
  // normalised Black function: the case that exposed a bad first guess (F = 18.5, K = F·e^(−1.37e-7),
  // 1 day, σ = 1% once returned 0.36%).
  it('recovers σ for |ln(K/F)| log-uniform in [1e-11, 1] (property, same rule as the grid)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<OptionType>('call', 'put'),
        fc.boolean(),
        fc.double({ min: 0, max: 25, noNaN: true }),
        fc.double({ min: Math.log(1 / 365), max: Math.log(2), noNaN: true }),
        fc.double({ min: Math.log(0.01), max: Math.log(5), noNaN: true }),
        (type, below, e, lnYears, lnVol) => {
          const future = 18.5;
          const strike = future * Math.exp((below ? -1 : 1) * Math.exp(-e));
          const years = Math.exp(lnYears);
          const vol = Math.min(Math.exp(lnVol), 5);
          const g = black76Greeks({ type, future, strike, years, vol });
          const intrinsic = Math.max((type === 'call' ? 1 : -1) * (future - strike), 0);
          const iv = black76ImpliedVol({ type, future, strike, years, price: g.price });
          if (determined(g.price, intrinsic, g.vega * 100)) expect(Math.abs(iv - vol)).toBeLessThanOrEqual(1e-12);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('regression: a root exactly at the inflexion point (K = F/e, 2 years, σ = 100%: σ√T = √(2|x|))', () => {
    const i = { type: 'put' as const, future: 18.5, strike: 18.5 * Math.exp(-1), years: 2 };
    const price = black76Price({ ...i, vol: 1 });
    expect(Math.abs(black76ImpliedVol({ ...i, price }) - 1)).toBeLessThanOrEqual(1e-12);
  });

  it('regression: F = 18.5, K = F·e^(−1.3698630152560508e-7), 1 day, σ = 1%', () => {
    const i = { type: 'call' as const, future: 18.5, strike: 18.5 * Math.exp(-1.3698630152560508e-7), years: 1 / 365 };
    const price = black76Price({ ...i, vol: 0.01 });
    expect(Math.abs(black76ImpliedVol({ ...i, price }) - 0.01)).toBeLessThanOrEqual(1e-12);
  });
});

describe('implied vol at the money with a tiny total deviation', () => {
  // At F = K, b(s) = 2Φ(s/2) − 1 ≈ s/√(2π): the price alone pins σ to its own relative precision.
  // Solved as b_max − b, β was lost below 1e-16 (NaN at a price of 1e-15) and cut to a few digits
  // below 1e-8 (σ = 1e-10 came back 2.5e-5 off).
  it('recovers σ from 1e-10 to 1e-3 at the money to 1e-13 relative (docs/pricing.md)', () => {
    // At F = K exactly: a strike a hair away prices with F − K rounded to ulp(F), which the price
    // of a 1e-10 vol cannot outweigh, so no solver could read σ from it.
    for (const vol of [1e-10, 1e-9, 1e-8, 1e-6, 1e-4, 1e-3])
      for (const strike of [20])
        for (const type of ['call', 'put'] as const) {
          const i = { type, future: 20, strike, years: 1 / 365 };
          const iv = black76ImpliedVol({ ...i, price: black76Price({ ...i, vol }) });
          expect(Math.abs(iv - vol) / vol, `${type} K=${strike} σ=${vol}`).toBeLessThanOrEqual(1e-13);
        }
  });

  it('a price of 1e-15 points at the money, a day out, is σ = price·√(2π)/(F·√T), not NaN', () => {
    const years = 1 / 365;
    const iv = black76ImpliedVol({ type: 'put', price: 1e-15, future: 20, strike: 20, years });
    expect(Math.abs(iv / ((1e-15 * Math.sqrt(2 * Math.PI)) / (20 * Math.sqrt(years))) - 1)).toBeLessThanOrEqual(1e-13);
    const bs = bsImpliedVol({ type: 'call', price: 1e-14, spot: 4000, strike: 4000, years });
    expect(Math.abs(bs / ((1e-14 * Math.sqrt(2 * Math.PI)) / (4000 * Math.sqrt(years))) - 1)).toBeLessThanOrEqual(
      1e-13,
    );
  });
});

describe('implied vol: hard corners', () => {
  it.each([
    ['1 day, 1% vol, ATM', 'call', 100, 1 / 365, 0.01],
    ['1 day, 1% vol, 0.1% OTM', 'call', 100.1, 1 / 365, 0.01],
    ['1 day, 500% vol, ATM', 'put', 100, 1 / 365, 5],
    ['1 day, 500% vol, K = 3F', 'call', 300, 1 / 365, 5],
    ['2 years, 500% vol, ATM (price ≈ 99.97% of the bound)', 'call', 100, 2, 5],
    ['2 years, 500% vol, K = F/4', 'put', 25, 2, 5],
    ['2 years, 1% vol, K = 1.05F', 'call', 105, 2, 0.01],
    ['1 week, 15% vol, K = 0.8F (SPX tail put)', 'put', 80, 7 / 365, 0.15],
    ['1 month, 120% vol, K = 2.5F (VIX tail call)', 'call', 250, 30 / 365, 1.2],
    ['3 months, 20% vol, deep ITM call K = 0.7F', 'call', 70, 0.25, 0.2],
  ] as [string, OptionType, number, number, number][])('%s', (_label, type, strike, years, vol) => {
    const price = black76Price({ type, future: 100, strike, years, vol, rate: 0.03 });
    expect(
      Math.abs(black76ImpliedVol({ type, future: 100, strike, years, rate: 0.03, price }) - vol),
    ).toBeLessThanOrEqual(1e-12);
  });

  it('reproduces Hull’s 20% and Haug’s 25%', () => {
    expect(
      bsImpliedVol({ type: 'call', price: 4.759422392871535, spot: 42, strike: 40, years: 0.5, rate: 0.1 }),
    ).toBeCloseTo(0.2, 14);
    expect(
      bsImpliedVol({ type: 'put', price: 0.8085993729000958, spot: 42, strike: 40, years: 0.5, rate: 0.1 }),
    ).toBeCloseTo(0.2, 13);
    expect(
      black76ImpliedVol({ type: 'put', price: 1.11664145656, future: 20, strike: 20, years: 4 / 12, rate: 0.09 }),
    ).toBeCloseTo(0.25, 10);
  });

  it('returns 0 for a price equal to the intrinsic value (no time value)', () => {
    expect(bsImpliedVol({ type: 'call', price: 5, spot: 105, strike: 100, years: 0 })).toBe(0);
    expect(black76ImpliedVol({ type: 'put', price: 0, future: 20, strike: 15, years: 0.5 })).toBe(0);
    const p = black76Price({ type: 'call', future: 25, strike: 20, years: 0.5, vol: 0, rate: 0.03 });
    expect(black76ImpliedVol({ type: 'call', price: p, future: 25, strike: 20, years: 0.5, rate: 0.03 })).toBe(0);
  });
});

describe('implied vol: never NaN or Infinity', () => {
  it('returns a finite σ ≥ 0 or throws an AlvhError for any price in the accepted domain (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<OptionType>('call', 'put'),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 1e-8, max: 1e12, noNaN: true }),
        fc.double({ min: 1e-8, max: 1e12, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (type, priceShare, future, strike, years, rate) => {
          const price = priceShare * (type === 'call' ? future : strike);
          try {
            const iv = black76ImpliedVol({ type, price, future, strike, years, rate });
            expect(Number.isFinite(iv) && iv >= 0).toBe(true);
          } catch (e) {
            expect(isAlvhError(e)).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('returns implied vols above 5 when the price implies them (not capped)', () => {
    const years = 0.5;
    const price = blackFormula(true, 20, 25, 8 * Math.sqrt(years)); // σ = 800%, undiscounted
    expect(black76ImpliedVol({ type: 'call', price, future: 20, strike: 25, years })).toBeCloseTo(8, 11);
  });
});

describe('implied vol: no solution and bad input', () => {
  function errorOf(f: () => unknown): { code: string; field: string; message: string } {
    try {
      f();
    } catch (e) {
      if (isAlvhError(e)) return { code: e.code, field: e.field, message: e.message };
      throw e;
    }
    throw new Error('expected an AlvhError');
  }

  it('rejects a price below intrinsic, naming the intrinsic value', () => {
    const e = errorOf(() => bsImpliedVol({ type: 'call', price: 19, spot: 120, strike: 100, years: 0.5 }));
    expect(e.code).toBe('no_solution');
    expect(e.field).toBe('price');
    expect(e.message).toContain('below the intrinsic value 20');
    const p = errorOf(() => black76ImpliedVol({ type: 'put', price: 4.9, future: 20, strike: 25, years: 0.2 }));
    expect(p.message).toContain('below the intrinsic value 5');
  });

  it('rejects a price at or above the upper bound, naming the bound', () => {
    const e = errorOf(() => bsImpliedVol({ type: 'call', price: 100, spot: 100, strike: 90, years: 1, divYield: 0 }));
    expect(e.code).toBe('no_solution');
    expect(e.field).toBe('price');
    expect(e.message).toContain('at or above the upper bound 100');
    const p = errorOf(() => black76ImpliedVol({ type: 'put', price: 30, future: 20, strike: 25, years: 0.2 }));
    expect(p.message).toContain('upper bound 25');
  });

  it('rejects time value at expiry', () => {
    const e = errorOf(() => bsImpliedVol({ type: 'call', price: 6, spot: 105, strike: 100, years: 0 }));
    expect(e.code).toBe('no_solution');
    expect(e.message).toContain('years is 0');
  });

  it.each([
    [{ price: -1 }, 'price'],
    [{ price: Number.NaN }, 'price'],
    [{ spot: 0 }, 'spot'],
    [{ years: -1 }, 'years'],
    [{ rate: 4.5 }, 'rate'],
    [{ type: 'c' }, 'type'],
  ])('rejects %o as invalid_input on %s', (patch, field) => {
    const e = errorOf(() =>
      bsImpliedVol({ type: 'call', price: 3, spot: 100, strike: 100, years: 0.25, ...patch } as Parameters<
        typeof bsImpliedVol
      >[0]),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.field).toBe(field);
  });
});
