/**
 * Where a fit's butterfly arbitrage lies (chainArbitrage.ts): a clean synthetic chain (vol
 * 0.2 − 0.3·ln(K/F), 4 expiries, 2% spreads) was warned that "the chain's quotes leave butterfly
 * arbitrage the fit could not repair in 3 slice(s)", where the arbitrage lay only at K/F 4.8-11,
 * far beyond its last quote (K/F 1.12-1.28): the extrapolated wing's, not the quotes'. The warning
 * now says so, naming K/F there and at the last quote; arbitrage within the quotes keeps its own.
 * Beyond the quotes it is reported only where a reader of the surface reaches (READ_K, k ∈ [−2, 1],
 * or the first slice's smile as the expiries before it read it scaled): K/F 4.8 and 11.1 were not.
 */
import { describe, expect, it } from 'vitest';
import { arbitrageGrid, black76Price, fitChainSurface, parseChainTable, type ChainRow } from '@alvh/shared';
import { butterflyViolation, fitWarnings } from '../../../shared/src/surface/chainArbitrage';
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

describe('butterfly arbitrage, told apart by where it lies', () => {
  it('only beyond the last quote: warned of where a reader reaches it, with K/F there and at the last quote', () => {
    const chain = parseChainTable(
      smileRows(['2023-06-30', '2023-07-21', '2023-09-15', '2023-12-15'], (k) => 0.2 - 0.3 * k),
      { valuationDate: DATE },
    );
    const fit = fitChainSurface(chain);
    // g < 0 at K/F 10.7 (2023-06-30), 4.8 (2023-07-21) and 11.1 (2023-12-15), each beyond READ_K's
    // K/F 2.72 (the far points about m): no host reads 2023-07-21 or 2023-12-15 there. The first
    // slice is reached all the same: an expiry before it reads its smile scaled, c·w(k/√c), and
    // ALVH.VOL 1.25 days out at K = 1.78·F reads g = −0.0004 there.
    expect(fit.arbitrage.butterfly.map((b) => b.expiry)).toEqual(['2023-06-30']);
    const b = fit.arbitrage.butterfly[0]!;
    expect([b.beyondQuotes, b.readBefore]).toEqual([true, true]);
    expect([Math.exp(b.atK).toFixed(1), Math.exp(b.quotedK[1]).toFixed(2)]).toEqual(['10.7', '1.12']);
    expect(fit.surface.warnings).toEqual([
      "The fit's extrapolated wing leaves butterfly arbitrage beyond the last quote in 1 slice(s), none within the quoted strikes: SPXW 2023-06-30 at K/F 10.71 (last usable quote at K/F 1.12; reached by the expiries before it, which read this smile scaled). Vols that far out are the extrapolation's, not the market's.",
    ]);
    // the scaled read, on the surface itself: g of w(t, ·) at t = 1.25 days, K/F = 1.7775
    const t = 1.25 / 365;
    const k = Math.log((1.7775 * fit.surface.slices[0]!.forward) / fit.surface.forward(t));
    const w = (x: number): number => fit.surface.totalVariance(t, x);
    const [h, w0] = [1e-4, w(k)];
    const w1 = (w(k + h) - w(k - h)) / (2 * h);
    const w2 = (w(k + h) - 2 * w0 + w(k - h)) / (h * h);
    expect((1 - (k * w1) / (2 * w0)) ** 2 - ((w1 * w1) / 4) * (1 / w0 + 0.25) + w2 / 2).toBeLessThan(-1e-4);
    // Beyond READ_K, a slice other than the first reports nothing there; the first, what it lends.
    const s = { expiry: '', root: 'SPXW', k: Float64Array.from([-0.36, 0.11]), wing: { k: new Float64Array(0) } };
    const grid = arbitrageGrid();
    const reported = (first: boolean): boolean[] =>
      fit.surface.slices.map((x) => butterflyViolation(s as unknown as SliceInput, x.svi, grid, first) !== null);
    expect(reported(false)).toEqual([false, false, false, false]);
    expect(reported(true)).toEqual([true, true, false, true]);
  });

  it('beyond the last quote but within READ_K: reported and warned of on any slice', () => {
    // the kink below (g = −6.08 at k = −0.012), now beyond the quotes at ln(K/F) 0.1-0.3
    const s = {
      expiry: '2023-07-21',
      root: 'SPXW',
      k: Float64Array.from([0.1, 0.2, 0.3]),
      wing: { k: new Float64Array(0) },
    } as unknown as SliceInput;
    const v = butterflyViolation(s, { a: 0.002, b: 0.3, rho: -0.9, m: 0, sigma: 0.005 }, arbitrageGrid())!;
    expect([v.beyondQuotes, v.readBefore, v.atK]).toEqual([true, false, -0.0125]);
    expect(
      fitWarnings(
        { zeroBid: 0, noAsk: 0, crossed: 0, locked: 0, empty: 0 },
        { butterfly: [v], calendar: [], calendarRepaired: [] },
      ),
    ).toEqual([
      "The fit's extrapolated wing leaves butterfly arbitrage beyond the last quote in 1 slice(s), none within the quoted strikes: SPXW 2023-07-21 at K/F 0.99 (last usable quote at K/F 1.11). Vols that far out are the extrapolation's, not the market's.",
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
    const warnings = fitWarnings(
      { zeroBid: 0, noAsk: 0, crossed: 0, locked: 0, empty: 0 },
      { butterfly: [v], calendar: [], calendarRepaired: [] },
    );
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
