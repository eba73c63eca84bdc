import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { black76Greeks, black76Price, bsGreeks, isAlvhError, type Black76Input, type OptionType } from '@alvh/shared';
import { black76ClosedForm } from '../../helpers/closedForm';

describe('black76Price: book values', () => {
  // E. G. Haug, The Complete Guide to Option Pricing Formulas, 2nd ed. (2007), §1.1.5 "Options on
  // futures", worked example: F = 19, K = 19, T = 0.75, r = 10%, σ = 28% → c = p = 1.7011 (the
  // same numbers as QuantLib's rows 3–4 with q = r); and the futures put F = K = 20, T = 4/12,
  // r = 9%, σ = 25% → 1.11664145656 (40-digit value 1.1166414565589435).
  it('Haug futures put F=K=20, r=0.09, T=4/12, σ=0.25 → 1.11664145656 (abs 1e-11)', () => {
    const p = black76Price({ type: 'put', future: 20, strike: 20, years: 4 / 12, vol: 0.25, rate: 0.09 });
    expect(Math.abs(p - 1.11664145656)).toBeLessThan(1e-11);
    expect(Math.abs(p - 1.1166414565589435) / p).toBeLessThan(2e-15);
  });
  it('Haug F=K=19, T=0.75, r=10%, σ=28% → call = put = 1.7011 (abs 1e-4)', () => {
    const i = { future: 19, strike: 19, years: 0.75, vol: 0.28, rate: 0.1 };
    expect(Math.abs(black76Price({ ...i, type: 'call' }) - 1.7011)).toBeLessThan(1e-4);
    expect(Math.abs(black76Price({ ...i, type: 'put' }) - 1.7011)).toBeLessThan(1e-4);
  });
});

const grid: Black76Input[] = [];
for (const type of ['call', 'put'] as const)
  for (const strike of [10, 15, 18, 20, 22, 30, 50, 80])
    for (const years of [1 / 365, 7 / 365, 0.1, 0.5, 2])
      for (const vol of [0.3, 0.8, 1.5, 3])
        for (const rate of [0, 0.045]) grid.push({ type, future: 20, strike, years, vol, rate });

describe('black76: invariants', () => {
  // Parity with one side from the textbook closed form (test/helpers/closedForm.ts, its own Φ): the
  // kernel prices one option of each pair directly and the other as intrinsic + that same value, so
  // C − P from the package alone would hold whatever that value were. Each call and each put is
  // checked against the other type's closed form, in and out of the money. Tolerance
  // 1e-14·(F + K): the closed form's two Φ are each within 2e-15 absolute, weighted by at most F
  // and K, plus a few ulps of rounding on both sides.
  it('put–call parity C − P = e^(−rT)(F − K) against the closed form, to 1e-14·(F + K)', () => {
    const calls = grid.filter((g) => g.type === 'call');
    for (const i of calls) {
      const { future, strike, years, vol } = i;
      const rate = i.rate ?? 0;
      const fwd = Math.exp(-rate * years) * (future - strike);
      const tol = 1e-14 * (future + strike);
      const c = black76Price(i);
      const p = black76Price({ ...i, type: 'put' });
      expect(Math.abs(c - black76ClosedForm('put', future, strike, years, vol, rate) - fwd)).toBeLessThan(tol);
      expect(Math.abs(black76ClosedForm('call', future, strike, years, vol, rate) - p - fwd)).toBeLessThan(tol);
    }
    // Both sides of the kernel are reached: calls in and out of the money.
    expect(calls.filter((i) => i.strike < i.future).length).toBeGreaterThan(50);
    expect(calls.filter((i) => i.strike > i.future).length).toBeGreaterThan(50);
  });

  // Black-76 and BSM share one kernel by design, so this is a check of the Black-76 entry point's
  // wiring (discounting, the future as the forward, the scaling of its Greeks), not of the formula:
  // the parity test above and the book values check the formula.
  it('wiring: agrees with BSM on the same forward with q = r (price, delta, gamma, vega; theta and rho differ by convention)', () => {
    for (const i of grid) {
      const b = black76Greeks(i);
      const s = bsGreeks({
        type: i.type,
        spot: i.future,
        strike: i.strike,
        years: i.years,
        vol: i.vol,
        rate: i.rate ?? 0,
        divYield: i.rate ?? 0,
      });
      expect(Math.abs(b.price - s.price)).toBeLessThan(1e-13 * i.future);
      expect(Math.abs(b.delta - s.delta)).toBeLessThan(1e-14);
      expect(Math.abs(b.gamma - s.gamma)).toBeLessThan(1e-12 * Math.max(1, s.gamma));
      expect(Math.abs(b.vega - s.vega)).toBeLessThan(1e-14 * i.future);
    }
  });

  it('values a far OTM VIX call positive and accurate (50-digit reference, mpmath)', () => {
    // F = 18, K = 50, T = 0.25 (σ√T = 0.25 at σ = 0.5), r = 0: undiscounted 0.000036122057488583444
    const p = black76Price({ type: 'call', future: 18, strike: 50, years: 0.25, vol: 0.5 });
    expect(Math.abs(p - 0.000036122057488583444) / p).toBeLessThan(1e-14);
  });
});

describe('black76Greeks: never NaN or Infinity', () => {
  it('is finite for any input in the accepted domain (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<OptionType>('call', 'put'),
        fc.double({ min: 1e-8, max: 1e12, noNaN: true }),
        fc.double({ min: 1e-8, max: 1e12, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: -1, max: 1, maxExcluded: true, minExcluded: true, noNaN: true }),
        (type, future, strike, years, vol, rate) => {
          const g = black76Greeks({ type, future, strike, years, vol, rate });
          for (const v of Object.values(g)) expect(Number.isFinite(v)).toBe(true);
          expect(g.price).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('black76Greeks of VIX tail calls against 50-digit references', () => {
  // Closed-form Black-76 Greeks (theta with the future fixed, rho = −T·price) evaluated with
  // mpmath 1.3 at 50 digits from the exact binary inputs; relative tolerance 1e-13 per Greek.
  const keys = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const;
  it.each([
    [
      { type: 'call', future: 18, strike: 50, years: 0.25, vol: 1.2, rate: 0.045 },
      [
        0.31258297455994655, 0.07944657040433983, 0.013655794182104159, 0.013273431945005241, -0.008689198446427562,
        -0.0007814574363998664,
      ],
    ],
    [
      { type: 'call', future: 18, strike: 80, years: 30 / 365, vol: 0.9, rate: 0.045 },
      [
        5.885789757155851e-9, 7.895500855452734e-9, 9.892971971854069e-9, 2.3710607893090245e-9, -3.555865538651011e-9,
        -4.837635416840425e-12,
      ],
    ],
  ] as [Black76Input, number[]][])('%o', (i, ref) => {
    const g = black76Greeks(i);
    keys.forEach((k, j) => expect(Math.abs(g[k] - ref[j]!) / Math.abs(ref[j]!)).toBeLessThan(1e-13));
  });
});

describe('black76Greeks vs central finite differences', () => {
  // Steps: future ±1e-4·F·σ√T (delta; gamma from delta), vol ±1e-5, years ±1e-6, rate ±1e-6.
  // Tolerance 2e-6 relative + 1e-9 absolute.
  const cases = grid;
  it.each(['delta', 'gamma', 'vega', 'theta', 'rho'] as const)('%s', (greek) => {
    let checked = 0;
    for (const i of cases) {
      const g = black76Greeks(i);
      const { future: F, vol, years: T } = i;
      const r = i.rate ?? 0;
      let fd: number;
      if (greek === 'delta' || greek === 'gamma') {
        const h = 1e-4 * F * vol * Math.sqrt(T);
        const f =
          greek === 'delta' ? (x: Black76Input) => black76Price(x) : (x: Black76Input) => black76Greeks(x).delta;
        fd = (f({ ...i, future: F + h }) - f({ ...i, future: F - h })) / (2 * h);
      } else if (greek === 'vega') {
        fd = (black76Price({ ...i, vol: vol + 1e-5 }) - black76Price({ ...i, vol: vol - 1e-5 })) / 2e-5 / 100;
      } else if (greek === 'theta') {
        fd = -(black76Price({ ...i, years: T + 1e-6 }) - black76Price({ ...i, years: T - 1e-6 })) / 2e-6 / 365;
      } else {
        fd = (black76Price({ ...i, rate: r + 1e-6 }) - black76Price({ ...i, rate: r - 1e-6 })) / 2e-6 / 100;
      }
      expect(Math.abs(g[greek] - fd)).toBeLessThanOrEqual(2e-6 * Math.abs(fd) + 1e-9);
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe('black76: degenerate inputs and validation', () => {
  it('years = 0 → intrinsic; vol = 0 → discounted intrinsic', () => {
    expect(black76Price({ type: 'call', future: 25, strike: 20, years: 0, vol: 1 })).toBe(5);
    expect(black76Price({ type: 'call', future: 25, strike: 20, years: 0.5, vol: 0, rate: 0.04 })).toBeCloseTo(
      5 * Math.exp(-0.02),
      14,
    );
    const g = black76Greeks({ type: 'call', future: 25, strike: 20, years: 0.5, vol: 0, rate: 0.04 });
    expect(g.delta).toBeCloseTo(Math.exp(-0.02), 15);
    expect(g.gamma).toBe(0);
    expect(g.vega).toBe(0);
  });

  it.each([
    [{ future: 0 }, 'future'],
    [{ future: -20 }, 'future'],
    [{ strike: Number.NaN }, 'strike'],
    [{ years: Infinity }, 'years'],
    [{ vol: 85 }, 'vol'],
    [{ rate: -2 }, 'rate'],
    [{ type: 'CALL' }, 'type'],
  ])('rejects %o naming %s', (patch, field) => {
    const i = { type: 'call', future: 20, strike: 25, years: 0.1, vol: 0.9, ...patch } as Black76Input;
    let caught: unknown;
    try {
      black76Greeks(i);
    } catch (e) {
      caught = e;
    }
    expect(isAlvhError(caught) && caught.code === 'invalid_input' && caught.field === field).toBe(true);
    expect(() => black76Price(i)).toThrow(field);
  });
});
