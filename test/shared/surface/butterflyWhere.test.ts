/**
 * Where a fit's butterfly arbitrage lies (chainArbitrage.ts): a clean synthetic chain (vol
 * 0.2 − 0.3·ln(K/F), 4 expiries, 2% spreads) was warned that "the chain's quotes leave butterfly
 * arbitrage the fit could not repair in 3 slice(s)", where the arbitrage lay only at K/F 4.8-11,
 * far beyond its last quote (K/F 1.12-1.28): the extrapolated wing's, not the quotes'. Arbitrage
 * beyond the quotes is now told apart, with K/F there and at the last quote. Within the quotes or
 * beyond, it is reported wherever |z| = |k|/√w(k) ≤ Z_READ (8 standard deviations), at any k:
 * readers reach any k (a drawdown of 0.78 reads the 2023-07-21 slice at K/F 4.6) but each at the
 * slice's own z, and beyond 8 no option is worth 1e-16 of √(FK). The chain's K/F 4.6-10.6 lie 22-43
 * standard deviations out: not reported.
 */
import { describe, expect, it } from 'vitest';
import {
  arbitrageGrid,
  black76Price,
  fitChainSurface,
  parseChainTable,
  sviDensityG,
  sviVariance,
  type ChainRow,
} from '@alvh/shared';
import { butterflyViolation, fitWarnings, Z_READ } from '../../../shared/src/surface/chainArbitrage';
import type { SliceInput } from '../../../shared/src/surface/chainSlice';

const DATE = '2023-06-09';

/** Quotes of a smile vol(k) on 2023-06-09 about 4300 (carry 3%, rate 5%), strikes 70-130%, spreads 2% (at least 0.05). */
function smileRows(expiries: string[], vol: (k: number) => number): ChainRow[] {
  const rows: ChainRow[] = [];
  for (const expiry of expiries) {
    const T = (Date.parse(expiry) - Date.parse(DATE)) / 864e5 / 365;
    const F = 4300 * Math.exp(0.03 * T);
    for (let i = 0; i <= 40; i++) {
      const strike = Math.round((4300 * (0.7 + 0.015 * i)) / 5) * 5;
      for (const type of ['call', 'put'] as const) {
        const p = black76Price({ type, future: F, strike, years: T, vol: vol(Math.log(strike / F)), rate: 0.05 });
        const h = Math.max(0.05, p * 0.02);
        rows.push({ expiry, strike, type, bid: Math.max(0, +(p - h).toFixed(2)), ask: +(p + h).toFixed(2) });
      }
    }
  }
  return rows;
}

const NO_DROPS = { zeroBid: 0, noAsk: 0, crossed: 0, locked: 0, empty: 0 };
/** A slice quoted at ln(K/F) −0.3 to 0.3. */
const QUOTED = {
  expiry: '2024-06-21',
  root: 'SPXW',
  k: Float64Array.from([-0.3, 0.3]),
  wing: { k: new Float64Array(0) },
} as unknown as SliceInput;

describe('butterfly arbitrage, told apart by where it lies', () => {
  it('Z_READ: beyond 8 standard deviations no out-of-the-money option is worth 1e-16 of √(FK)', () => {
    for (const vol of [0.25, 0.5, 1, 2]) {
      // z = ±8 at total standard deviation `vol` (F = 1, one year, no discounting): K = e^(±8·vol)
      const K = Math.exp(Z_READ * vol);
      const call = black76Price({ type: 'call', future: 1, strike: K, years: 1, vol, rate: 0 });
      const put = black76Price({ type: 'put', future: 1, strike: 1 / K, years: 1, vol, rate: 0 });
      expect(call / Math.sqrt(K)).toBeLessThan(1e-16);
      expect(put * Math.sqrt(K)).toBeLessThan(1e-16);
    }
  });

  it('far beyond the last quote, tens of standard deviations out: not reported, though readers reach the strikes', () => {
    const chain = parseChainTable(
      smileRows(['2023-06-30', '2023-07-21', '2023-09-15', '2023-12-15'], (k) => 0.2 - 0.3 * k),
      { valuationDate: DATE },
    );
    const fit = fitChainSurface(chain);
    // g < 0 at K/F 10.6 (2023-06-30), 4.6 (2023-07-21) and 10.6 (2023-12-15), past the last
    // quotes at K/F 1.12-1.28, each 20 or more standard deviations out
    const far: [number, number][] = [
      [0, 2.36],
      [1, 1.52],
      [3, 2.36],
    ];
    for (const [j, k] of far) {
      const svi = fit.surface.slices[j]!.svi;
      expect(sviDensityG(svi, k)).toBeLessThan(0);
      expect(k / Math.sqrt(sviVariance(svi, k))).toBeGreaterThan(20);
    }
    expect(fit.arbitrage.butterfly).toEqual([]);
    expect(fit.surface.warnings).toEqual([]);
    // ALVH.VOL 1.25 days out reads the first slice scaled, c·w(k/√c), and at K = 1.78·F its g < 0:
    // it reads the slice's K/F 10.6, at the slice's own z (43), where the option is worth nothing
    const t = 1.25 / 365;
    const first = fit.surface.slices[0]!;
    const k = Math.log((1.7775 * first.forward) / fit.surface.forward(t));
    const w = (x: number): number => fit.surface.totalVariance(t, x);
    const [h, w0] = [1e-4, w(k)];
    const w1 = (w(k + h) - w(k - h)) / (2 * h);
    const w2 = (w(k + h) - 2 * w0 + w(k - h)) / (h * h);
    expect((1 - (k * w1) / (2 * w0)) ** 2 - ((w1 * w1) / 4) * (1 / w0 + 0.25) + w2 / 2).toBeLessThan(-1e-4);
    const kSlice = k / Math.sqrt(t / first.years);
    expect(Math.exp(kSlice)).toBeCloseTo(10.57, 2);
    expect(k / Math.sqrt(w0)).toBeCloseTo(kSlice / Math.sqrt(sviVariance(first.svi, kSlice)), 9);
    expect(k / Math.sqrt(w0)).toBeGreaterThan(40);
    const vol = Math.sqrt(w0 / t);
    expect(black76Price({ type: 'call', future: 4300, strike: 4300 * Math.exp(k), years: t, vol, rate: 0 })).toBe(0);
  });

  it('beyond k = 1 on a later slice, 3 standard deviations out: reported and warned of', () => {
    // a call wing bending down past K/F 3.32 on a slice of total variance 0.12 at the money
    const svi = { a: 0.1, b: 0.1, rho: -0.5, m: 0, sigma: 0.2, callWing: { k: 1.2, beta: -0.045, delta: 0.02 } };
    const v = butterflyViolation(QUOTED, svi, arbitrageGrid())!;
    expect(v.beyondQuotes).toBe(true);
    expect(v.minG).toBeLessThan(-0.4);
    expect(v.atK).toBeCloseTo(1.2, 3);
    expect(v.atZ).toBeCloseTo(2.98, 2);
    expect(fitWarnings(NO_DROPS, { butterfly: [v], calendar: [], calendarRepaired: [] })).toEqual([
      "The fit's extrapolated wing leaves butterfly arbitrage beyond the last quote in 1 slice(s), none within the quoted strikes: SPXW 2024-06-21 at K/F 3.32, 3.0 standard deviations out (last usable quote at K/F 1.35). Vols that far out are the extrapolation's, not the market's.",
    ]);
  });

  it('within k ∈ [−2, 1] but 12.7 standard deviations out: not reported', () => {
    // the same bend at K/F 2.46 on a slice of total variance 0.0015 at the money
    const svi = {
      a: 0.0005,
      b: 0.01,
      rho: -0.5,
      m: 0,
      sigma: 0.1,
      callWing: { k: 0.899, beta: -0.0045, delta: 0.002 },
    };
    expect(sviDensityG(svi, 0.9)).toBeLessThan(-0.2);
    expect(0.9 / Math.sqrt(sviVariance(svi, 0.9))).toBeGreaterThan(12);
    expect(butterflyViolation(QUOTED, svi, arbitrageGrid())).toBeNull();
  });

  it('beyond the last quote near the money: reported and warned of', () => {
    // the kink below (g = −6.08 at k = −0.012), now beyond the quotes at ln(K/F) 0.1-0.3
    const s = {
      expiry: '2023-07-21',
      root: 'SPXW',
      k: Float64Array.from([0.1, 0.2, 0.3]),
      wing: { k: new Float64Array(0) },
    } as unknown as SliceInput;
    const v = butterflyViolation(s, { a: 0.002, b: 0.3, rho: -0.9, m: 0, sigma: 0.005 }, arbitrageGrid())!;
    expect(v.beyondQuotes).toBe(true);
    expect(v.atK).toBeCloseTo(-0.012, 3);
    expect(Math.abs(v.atZ)).toBeLessThan(1);
    expect(fitWarnings(NO_DROPS, { butterfly: [v], calendar: [], calendarRepaired: [] })).toEqual([
      "The fit's extrapolated wing leaves butterfly arbitrage beyond the last quote in 1 slice(s), none within the quoted strikes: SPXW 2023-07-21 at K/F 0.99, 0.1 standard deviations out (last usable quote at K/F 1.11). Vols that far out are the extrapolation's, not the market's.",
    ]);
  });

  it("within the quoted strikes: reported as such, and the warning blames the chain's quotes", () => {
    const k = Float64Array.from([-0.1, -0.05, 0, 0.05, 0.1]);
    const s = { expiry: '2023-07-21', root: 'SPXW', k, wing: { k: new Float64Array(0) } } as unknown as SliceInput;
    // a kink sharper than the smile can hold: g = −6.08 at k = −0.012
    const svi = { a: 0.002, b: 0.3, rho: -0.9, m: 0, sigma: 0.005 };
    const v = butterflyViolation(
      s,
      svi,
      Float64Array.from({ length: 201 }, (_, i) => -0.5 + i / 200),
    )!;
    expect(v.beyondQuotes).toBe(false);
    expect(v.quotedK).toEqual([-0.1, 0.1]);
    expect(v.minG).toBeLessThan(-1);
    const warnings = fitWarnings(NO_DROPS, { butterfly: [v], calendar: [], calendarRepaired: [] });
    expect(warnings).toEqual([
      "The chain's quotes leave butterfly arbitrage the fit could not repair in 1 slice(s): SPXW 2023-07-21.",
    ]);
  });

  it('none on a clean SVI-shaped chain', () => {
    const chain = parseChainTable(
      smileRows(['2023-06-30', '2023-07-21', '2023-09-15', '2023-12-15'], (k) =>
        Math.sqrt(0.04 + 0.1 * (-0.5 * k + Math.sqrt(k * k + 0.01)) - 0.01),
      ),
      { valuationDate: DATE },
    );
    const fit = fitChainSurface(chain);
    expect(fit.arbitrage.butterfly).toEqual([]);
    expect(fit.surface.warnings).toEqual([]);
  });
});
