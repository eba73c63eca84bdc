import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bsGreeks, bsPrice, isAlvhError, type BsInput, type OptionType } from '@alvh/shared';
import { bsmClosedForm } from '../../helpers/closedForm';

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe('bsPrice: book values', () => {
  // J. C. Hull, Options, Futures, and Other Derivatives (Example 15.6 in the 8th ed.):
  // S = 42, K = 40, r = 10%, σ = 20%, T = 0.5 → c = 4.76, p = 0.81. The 16-digit values below
  // are the closed form evaluated in double precision; a 40-digit evaluation (mpmath) gives
  // c = 4.7594223928715332196, p = 0.80859937290009358326.
  const hull = { spot: 42, strike: 40, rate: 0.1, vol: 0.2, years: 0.5 };
  it('reproduces Hull: call 4.759422392871535 and put 0.8085993729000958 (abs 1e-14)', () => {
    expect(Math.abs(bsPrice({ ...hull, type: 'call' }) - 4.759422392871535)).toBeLessThan(1e-14);
    expect(Math.abs(bsPrice({ ...hull, type: 'put' }) - 0.8085993729000958)).toBeLessThan(1e-14);
  });
  it('matches the 40-digit Hull values to 2e-15 relative', () => {
    expect(relErr(bsPrice({ ...hull, type: 'call' }), 4.759422392871533)).toBeLessThan(2e-15);
    expect(relErr(bsPrice({ ...hull, type: 'put' }), 0.8085993729000936)).toBeLessThan(2e-15);
  });

  // E. G. Haug, "Option pricing formulas", McGraw-Hill 1998, pp. 2-8, 24, 27, as tabulated in
  // QuantLib's test-suite (EuropeanOptionTest::testValues), each row with its tolerance:
  // https://github.com/lballabio/QuantLib/blob/master/test-suite/europeanoption.cpp
  // QuantLib's day count there (Actual/360 on round(t·360) days) reproduces t exactly for these rows.
  type Row = [OptionType, number, number, number, number, number, number, number, number];
  const haug: Row[] = [
    // type, strike, spot, q, r, t, vol, value, tol
    ['call', 65.0, 60.0, 0.0, 0.08, 0.25, 0.3, 2.1334, 1.0e-4],
    ['put', 95.0, 100.0, 0.05, 0.1, 0.5, 0.2, 2.4648, 1.0e-4],
    ['put', 19.0, 19.0, 0.1, 0.1, 0.75, 0.28, 1.7011, 1.0e-4],
    ['call', 19.0, 19.0, 0.1, 0.1, 0.75, 0.28, 1.7011, 1.0e-4],
    ['call', 1.6, 1.56, 0.08, 0.06, 0.5, 0.12, 0.0291, 1.0e-4],
    ['put', 70.0, 75.0, 0.05, 0.1, 0.5, 0.35, 4.087, 1.0e-4],
    ['call', 100.0, 90.0, 0.1, 0.1, 0.1, 0.15, 0.0205, 1.0e-4],
    ['call', 100.0, 100.0, 0.1, 0.1, 0.1, 0.15, 1.8734, 1.0e-4],
    ['call', 100.0, 110.0, 0.1, 0.1, 0.1, 0.15, 9.9413, 1.0e-4],
    ['call', 100.0, 90.0, 0.1, 0.1, 0.1, 0.25, 0.315, 1.0e-4],
    ['call', 100.0, 100.0, 0.1, 0.1, 0.1, 0.25, 3.1217, 1.0e-4],
    ['call', 100.0, 110.0, 0.1, 0.1, 0.1, 0.25, 10.3556, 1.0e-4],
    ['call', 100.0, 90.0, 0.1, 0.1, 0.1, 0.35, 0.9474, 1.0e-4],
    ['call', 100.0, 100.0, 0.1, 0.1, 0.1, 0.35, 4.3693, 1.0e-4],
    ['call', 100.0, 110.0, 0.1, 0.1, 0.1, 0.35, 11.1381, 1.0e-4],
    ['call', 100.0, 90.0, 0.1, 0.1, 0.5, 0.15, 0.8069, 1.0e-4],
    ['call', 100.0, 100.0, 0.1, 0.1, 0.5, 0.15, 4.0232, 1.0e-4],
    ['call', 100.0, 110.0, 0.1, 0.1, 0.5, 0.15, 10.5769, 1.0e-4],
    ['call', 100.0, 90.0, 0.1, 0.1, 0.5, 0.25, 2.7026, 1.0e-4],
    ['call', 100.0, 100.0, 0.1, 0.1, 0.5, 0.25, 6.6997, 1.0e-4],
    ['call', 100.0, 110.0, 0.1, 0.1, 0.5, 0.25, 12.7857, 1.0e-4],
    ['call', 100.0, 90.0, 0.1, 0.1, 0.5, 0.35, 4.9329, 1.0e-4],
    ['call', 100.0, 100.0, 0.1, 0.1, 0.5, 0.35, 9.3679, 1.0e-4],
    ['call', 100.0, 110.0, 0.1, 0.1, 0.5, 0.35, 15.3086, 1.0e-4],
    ['put', 100.0, 90.0, 0.1, 0.1, 0.1, 0.15, 9.921, 1.0e-4],
    ['put', 100.0, 100.0, 0.1, 0.1, 0.1, 0.15, 1.8734, 1.0e-4],
    ['put', 100.0, 110.0, 0.1, 0.1, 0.1, 0.15, 0.0408, 1.0e-4],
    ['put', 100.0, 90.0, 0.1, 0.1, 0.1, 0.25, 10.2155, 1.0e-4],
    ['put', 100.0, 100.0, 0.1, 0.1, 0.1, 0.25, 3.1217, 1.0e-4],
    ['put', 100.0, 110.0, 0.1, 0.1, 0.1, 0.25, 0.4551, 1.0e-4],
    ['put', 100.0, 90.0, 0.1, 0.1, 0.1, 0.35, 10.8479, 1.0e-4],
    ['put', 100.0, 100.0, 0.1, 0.1, 0.1, 0.35, 4.3693, 1.0e-4],
    ['put', 100.0, 110.0, 0.1, 0.1, 0.1, 0.35, 1.2376, 1.0e-4],
    ['put', 100.0, 90.0, 0.1, 0.1, 0.5, 0.15, 10.3192, 1.0e-4],
    ['put', 100.0, 100.0, 0.1, 0.1, 0.5, 0.15, 4.0232, 1.0e-4],
    ['put', 100.0, 110.0, 0.1, 0.1, 0.5, 0.15, 1.0646, 1.0e-4],
    ['put', 100.0, 90.0, 0.1, 0.1, 0.5, 0.25, 12.2149, 1.0e-4],
    ['put', 100.0, 100.0, 0.1, 0.1, 0.5, 0.25, 6.6997, 1.0e-4],
    ['put', 100.0, 110.0, 0.1, 0.1, 0.5, 0.25, 3.2734, 1.0e-4],
    ['put', 100.0, 90.0, 0.1, 0.1, 0.5, 0.35, 14.4452, 1.0e-4],
    ['put', 100.0, 100.0, 0.1, 0.1, 0.5, 0.35, 9.3679, 1.0e-4],
    ['put', 100.0, 110.0, 0.1, 0.1, 0.5, 0.35, 5.7963, 1.0e-4],
    ['call', 40.0, 42.0, 0.08, 0.04, 0.75, 0.35, 5.0975, 1.0e-4],
  ];
  it.each(haug)(
    'Haug: %s K=%d S=%d q=%d r=%d t=%d σ=%d → %d (tol %d)',
    (type, strike, spot, divYield, rate, years, vol, value, tol) => {
      expect(Math.abs(bsPrice({ type, strike, spot, divYield, rate, years, vol }) - value)).toBeLessThanOrEqual(tol);
    },
  );

  // Haug 1998 pp. 11-16, from QuantLib's EuropeanOptionTest::testGreekValues (same file), tolerance 1e-4
  // in Haug's units: vega and rho per 1.00 (ours are per 0.01, so ×100), theta per year (ours per day, so ×365).
  it('reproduces Haug’s Greek values (tolerance 1e-4 in Haug’s units)', () => {
    const g1 = { strike: 100, spot: 105, divYield: 0.1, rate: 0.1, years: 0.5, vol: 0.36 };
    expect(Math.abs(bsGreeks({ ...g1, type: 'call' }).delta - 0.5946)).toBeLessThan(1e-4);
    expect(Math.abs(bsGreeks({ ...g1, type: 'put' }).delta - -0.3566)).toBeLessThan(1e-4);
    const put = bsGreeks({ ...g1, type: 'put' });
    expect(Math.abs((put.delta * 105) / put.price - -4.8775)).toBeLessThan(1e-4); // elasticity
    const g2 = { strike: 60, spot: 55, divYield: 0, rate: 0.1, years: 0.75, vol: 0.3 };
    expect(Math.abs(bsGreeks({ ...g2, type: 'call' }).gamma - 0.0278)).toBeLessThan(1e-4);
    expect(Math.abs(bsGreeks({ ...g2, type: 'put' }).gamma - 0.0278)).toBeLessThan(1e-4);
    expect(Math.abs(bsGreeks({ ...g2, type: 'call' }).vega * 100 - 18.9358)).toBeLessThan(1e-4);
    expect(Math.abs(bsGreeks({ ...g2, type: 'put' }).vega * 100 - 18.9358)).toBeLessThan(1e-4);
    const g3 = { type: 'put' as const, strike: 405, spot: 430, divYield: 0.05, rate: 0.07, years: 1 / 12, vol: 0.2 };
    expect(Math.abs(bsGreeks(g3).theta * 365 - -31.1924)).toBeLessThan(1e-4);
    expect(Math.abs(bsGreeks(g3).theta - -0.0855)).toBeLessThan(1e-4); // Haug's theta per day (/365)
    const g4 = { type: 'call' as const, strike: 75, spot: 72, divYield: 0, rate: 0.09, years: 1, vol: 0.19 };
    expect(Math.abs(bsGreeks(g4).rho * 100 - 38.7325)).toBeLessThan(1e-4);
  });
});

// A grid that covers SPX use: moneyness 0.5..1.5, 1 day..2 years, vol 5%..150%, rates and yields.
const grid: BsInput[] = [];
for (const type of ['call', 'put'] as const)
  for (const strike of [50, 80, 95, 100, 105, 120, 150])
    for (const years of [1 / 365, 7 / 365, 0.25, 1, 2])
      for (const vol of [0.05, 0.2, 0.6, 1.5])
        for (const [rate, divYield] of [
          [0, 0],
          [0.05, 0.015],
          [-0.01, 0.03],
        ] as const)
          grid.push({ type, spot: 100, strike, years, vol, rate, divYield });

describe('bsPrice: invariants', () => {
  // Parity with one side from the textbook closed form (test/helpers/closedForm.ts, its own Φ): the
  // package prices one option of each pair directly and the other as intrinsic + that same value,
  // so C − P from the package alone would hold whatever that value were. Each call and each put
  // of the package is checked here against the other type's closed form, in and out of the money.
  // Tolerance 1e-14·(S + K): the closed form's two Φ are each within 2e-15 absolute, weighted by
  // at most S and K, plus a few ulps of rounding on both sides.
  it('satisfies put–call parity C − P = S·e^(−qT) − K·e^(−rT) against the closed form, to 1e-14·(S + K)', () => {
    const calls = grid.filter((g) => g.type === 'call');
    for (const i of calls) {
      const { spot, strike, years, vol } = i;
      const rate = i.rate ?? 0;
      const divYield = i.divYield ?? 0;
      const fwd = spot * Math.exp(-divYield * years) - strike * Math.exp(-rate * years);
      const tol = 1e-14 * (spot + strike);
      const c = bsPrice(i);
      const p = bsPrice({ ...i, type: 'put' });
      expect(Math.abs(c - bsmClosedForm('put', spot, strike, years, vol, rate, divYield) - fwd)).toBeLessThan(tol);
      expect(Math.abs(bsmClosedForm('call', spot, strike, years, vol, rate, divYield) - p - fwd)).toBeLessThan(tol);
    }
    // Both sides of the kernel are reached: calls in and out of the money.
    expect(calls.filter((i) => i.strike < i.spot).length).toBeGreaterThan(50);
    expect(calls.filter((i) => i.strike > i.spot).length).toBeGreaterThan(50);
  });

  it('stays within the no-arbitrage bounds and is increasing in vol', () => {
    for (const i of grid) {
      const p = bsPrice(i);
      const dq = Math.exp(-(i.divYield ?? 0) * i.years);
      const dr = Math.exp(-(i.rate ?? 0) * i.years);
      const intrinsic = Math.max(i.type === 'call' ? i.spot * dq - i.strike * dr : i.strike * dr - i.spot * dq, 0);
      expect(p).toBeGreaterThanOrEqual(intrinsic - 1e-14 * i.spot); // the two sides round differently
      expect(p).toBeLessThanOrEqual(i.type === 'call' ? i.spot * dq : i.strike * dr);
      expect(bsPrice({ ...i, vol: i.vol * 1.01 })).toBeGreaterThanOrEqual(p);
    }
  });

  it('is finite and ≥ 0 for any input in the accepted domain (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<OptionType>('call', 'put'),
        fc.double({ min: 1e-8, max: 1e12, noNaN: true }),
        fc.double({ min: 1e-8, max: 1e12, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: -1, max: 1, maxExcluded: true, minExcluded: true, noNaN: true }),
        fc.double({ min: -1, max: 1, maxExcluded: true, minExcluded: true, noNaN: true }),
        (type, spot, strike, years, vol, rate, divYield) => {
          const g = bsGreeks({ type, spot, strike, years, vol, rate, divYield });
          for (const v of Object.values(g)) expect(Number.isFinite(v)).toBe(true);
          expect(g.price).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('bsGreeks vs central finite differences', () => {
  // Steps: spot ±1e-4·S·σ√T (delta), delta at the same spots (gamma), vol ±1e-5 (vega), years ±1e-6 (theta),
  // rate ±1e-6 (rho). Central differences have error O(h²) plus rounding ε·price/h, so the
  // tolerance is 2e-6 relative + 1e-9 absolute (per unit of the Greek's own scale).
  const cases = grid;
  it.each(['delta', 'gamma', 'vega', 'theta', 'rho'] as const)('%s', (greek) => {
    let checked = 0;
    for (const i of cases) {
      const g = bsGreeks(i);
      const { spot: S, vol, years: T } = i;
      const r = i.rate ?? 0;
      let fd: number;
      if (greek === 'delta') {
        const h = 1e-4 * S * vol * Math.sqrt(T);
        fd = (bsPrice({ ...i, spot: S + h }) - bsPrice({ ...i, spot: S - h })) / (2 * h);
      } else if (greek === 'gamma') {
        const h = 1e-4 * S * vol * Math.sqrt(T);
        fd = (bsGreeks({ ...i, spot: S + h }).delta - bsGreeks({ ...i, spot: S - h }).delta) / (2 * h);
      } else if (greek === 'vega') {
        const h = 1e-5;
        fd = (bsPrice({ ...i, vol: vol + h }) - bsPrice({ ...i, vol: vol - h })) / (2 * h) / 100;
      } else if (greek === 'theta') {
        const h = 1e-6;
        fd = -(bsPrice({ ...i, years: T + h }) - bsPrice({ ...i, years: T - h })) / (2 * h) / 365;
      } else {
        const h = 1e-6;
        fd = (bsPrice({ ...i, rate: r + h }) - bsPrice({ ...i, rate: r - h })) / (2 * h) / 100;
      }
      expect(Math.abs(g[greek] - fd)).toBeLessThanOrEqual(2e-6 * Math.abs(fd) + 1e-9);
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });
});

describe('bsPrice / bsGreeks: degenerate inputs', () => {
  it('years = 0 gives the intrinsic value and payoff Greeks', () => {
    expect(bsPrice({ type: 'call', spot: 105, strike: 100, years: 0, vol: 0.3, rate: 0.05 })).toBe(5);
    expect(bsPrice({ type: 'put', spot: 105, strike: 100, years: 0, vol: 0.3 })).toBe(0);
    const g = bsGreeks({ type: 'put', spot: 95, strike: 100, years: 0, vol: 0.3 });
    expect(g).toEqual({ price: 5, delta: -1, gamma: 0, vega: 0, theta: 0, rho: 0 });
    const atm = bsGreeks({ type: 'call', spot: 100, strike: 100, years: 0, vol: 0.3 });
    expect(atm.price).toBe(0);
    expect(atm.delta).toBe(0.5);
    expect(atm.gamma).toBe(0);
  });

  it('vol = 0 exactly at the forward: vega is its limit S·e^(−qT)·φ(0)·√T/100, delta ½·e^(−qT)', () => {
    const i = { type: 'call' as const, spot: 100, years: 0.5, vol: 0, rate: 0.05, divYield: 0.01 };
    const strike = 100 * Math.exp((0.05 - 0.01) * 0.5); // the forward, computed as the engine does
    const g = bsGreeks({ ...i, strike });
    expect(g.price).toBe(0);
    expect(g.delta).toBeCloseTo(0.5 * Math.exp(-0.005), 15);
    expect(g.vega).toBeCloseTo((100 * Math.exp(-0.005) * Math.sqrt(0.5)) / Math.sqrt(2 * Math.PI) / 100, 15);
    // and it is the limit of the vega at small vols
    expect(Math.abs(bsGreeks({ ...i, strike, vol: 1e-9 }).vega - g.vega)).toBeLessThan(1e-12);
  });

  it('vol = 0 gives the discounted intrinsic value of the forward', () => {
    const i = { spot: 100, strike: 100, years: 1, vol: 0, rate: 0.05, divYield: 0.01 };
    const fwdIntrinsic = 100 * Math.exp(-0.01) - 100 * Math.exp(-0.05);
    expect(bsPrice({ ...i, type: 'call' })).toBeCloseTo(fwdIntrinsic, 13);
    expect(bsPrice({ ...i, type: 'put' })).toBe(0);
    const g = bsGreeks({ ...i, type: 'call' });
    expect(g.delta).toBeCloseTo(Math.exp(-0.01), 15);
    expect(g.gamma).toBe(0);
    // theta of the discounted intrinsic value: (q·S·e^(−qT) − r·K·e^(−rT)) / 365
    expect(g.theta).toBeCloseTo((0.01 * 100 * Math.exp(-0.01) - 0.05 * 100 * Math.exp(-0.05)) / 365, 15);
  });

  // Far out-of-the-money prices against 50-digit evaluations of the same closed form (mpmath 1.3).
  // Relative tolerance per row; parity (C − S + K) would return 0 or noise for all of them.
  it.each([
    [{ type: 'put', spot: 6000, strike: 3000, years: 30 / 365, vol: 0.2 }, 1.2020501520278216e-32, 1e-13],
    [{ type: 'call', spot: 100, strike: 400, years: 0.5, vol: 0.3 }, 1.9664576992961049e-10, 1e-14],
    [
      { type: 'put', spot: 6000, strike: 4500, years: 7 / 365, vol: 0.15, rate: 0.045, divYield: 0.013 },
      3.286941363651416e-43,
      1e-13,
    ],
  ] as [BsInput, number, number][])('prices far OTM %o = %d (rel %d)', (i, ref, tol) => {
    const p = bsPrice(i);
    expect(p).toBeGreaterThan(0);
    expect(relErr(p, ref)).toBeLessThan(tol);
  });
});

describe('bsGreeks in the tails against 50-digit references', () => {
  // The closed-form Greeks evaluated with mpmath 1.3 at 50 digits from the exact binary inputs.
  // Relative tolerance 1e-13 on every Greek: tail Greeks must be right relative to their own size.
  const keys = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const;
  it.each([
    [
      { type: 'put', spot: 6000, strike: 4200, years: 30 / 365, vol: 0.35, rate: 0.045, divYield: 0.013 },
      [
        0.02122226581343574, -0.0001410229711875467, 9.07696094102037e-7, 0.009400249960837532, -0.005406680753603775,
        -0.000712898706524972,
      ],
    ],
    [
      { type: 'call', spot: 6000, strike: 7500, years: 7 / 365, vol: 0.12, rate: 0.045, divYield: 0.013 },
      [
        2.81864932221594e-40, 3.82927802210412e-41, 5.167836371196881e-42, 4.281517037397087e-39,
        -3.6899800473827985e-39, 4.400886889748437e-41,
      ],
    ],
  ] as [BsInput, number[]][])('%o', (i, ref) => {
    const g = bsGreeks(i);
    keys.forEach((k, j) => expect(relErr(g[k], ref[j]!)).toBeLessThan(1e-13));
  });
});

describe('input validation', () => {
  const ok: BsInput = { type: 'call', spot: 100, strike: 100, years: 0.5, vol: 0.2 };
  it.each([
    [{ spot: -1 }, 'spot'],
    [{ spot: Number.NaN }, 'spot'],
    [{ strike: 0 }, 'strike'],
    [{ strike: Infinity }, 'strike'],
    [{ years: -0.1 }, 'years'],
    [{ years: 250 }, 'years'],
    [{ vol: 18 }, 'vol'],
    [{ vol: -0.2 }, 'vol'],
    [{ rate: 5 }, 'rate'],
    [{ divYield: Number.NaN }, 'divYield'],
    [{ type: 'straddle' }, 'type'],
  ])('rejects %o naming %s', (patch, field) => {
    let caught: unknown;
    try {
      bsGreeks({ ...ok, ...patch } as BsInput);
    } catch (e) {
      caught = e;
    }
    expect(isAlvhError(caught)).toBe(true);
    if (isAlvhError(caught)) {
      expect(caught.code).toBe('invalid_input');
      expect(caught.field).toBe(field);
    }
    expect(() => bsPrice({ ...ok, ...patch } as BsInput)).toThrow(field);
  });

  it('rejects a missing input object', () => {
    expect(() => bsPrice(null as unknown as BsInput)).toThrow('input: is null, not an object');
    expect(() => bsGreeks(undefined as unknown as BsInput)).toThrow('input: is undefined, not an object');
  });

  it('takes a rate or yield strictly between -1 and 1: 1 and -1 are refused as percentages', () => {
    for (const x of [-0.99, -0.5, 0.99]) {
      expect(Number.isFinite(bsPrice({ ...ok, rate: x }))).toBe(true);
      expect(Number.isFinite(bsPrice({ ...ok, divYield: x }))).toBe(true);
    }
    expect(() => bsPrice({ ...ok, rate: 1 })).toThrow(
      'rate: is 1, which looks like a percentage; pass rates as decimals: 0.01, not 1',
    );
    expect(() => bsPrice({ ...ok, divYield: -1 })).toThrow('divYield: is -1, which looks like a percentage');
  });

  it('says how to pass a volatility given as a percentage', () => {
    expect(() => bsPrice({ ...ok, vol: 18 })).toThrow('pass volatility as a decimal: 0.18, not 18');
  });
});
