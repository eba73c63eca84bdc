/**
 * Where a fit's butterfly arbitrage lies (chainArbitrage.ts): a clean synthetic chain (vol
 * 0.2 − 0.3·ln(K/F), 4 expiries, 2% spreads) was warned that "the chain's quotes leave butterfly
 * arbitrage the fit could not repair in 3 slice(s)", where the arbitrage lay only at K/F 4.8-11,
 * far beyond its last quote (K/F 1.12-1.28): the extrapolated wing's, not the quotes'. The warning
 * now says so, naming K/F there and at the last quote; arbitrage within the quotes keeps its own.
 */
import { describe, expect, it } from 'vitest';
import { black76Price, fitChainSurface, parseChainTable, type ChainRow } from '@alvh/shared';
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
  it('only beyond the last quote: the warning names the extrapolated wing and K/F, not the quotes', () => {
    const chain = parseChainTable(
      smileRows(['2023-06-30', '2023-07-21', '2023-09-15', '2023-12-15'], (k) => 0.2 - 0.3 * k),
      { valuationDate: DATE },
    );
    const fit = fitChainSurface(chain);
    expect(fit.arbitrage.butterfly.map((b) => b.expiry)).toEqual(['2023-06-30', '2023-07-21', '2023-12-15']);
    for (const b of fit.arbitrage.butterfly) {
      expect(b.beyondQuotes).toBe(true);
      expect(b.atK).toBeGreaterThan(b.quotedK[1]);
      expect(Math.exp(b.atK)).toBeGreaterThan(4); // K/F 4.8 to 11
    }
    // as docs/surfaces.md step 5 gives them: K/F 4.8-11, last quotes at K/F 1.12-1.28
    expect(fit.arbitrage.butterfly.map((b) => [Math.exp(b.atK).toFixed(1), Math.exp(b.quotedK[1]).toFixed(2)])).toEqual(
      [
        ['10.7', '1.12'],
        ['4.8', '1.16'],
        ['11.1', '1.28'],
      ],
    );
    expect(fit.surface.warnings).toHaveLength(1);
    expect(fit.surface.warnings[0]).toMatch(
      /^The fit's extrapolated wing leaves butterfly arbitrage beyond the last quote in 3 slice\(s\), none within the quoted strikes: SPXW 2023-06-30 at K\/F \d+\.\d\d \(last usable quote at K\/F 1\.\d\d\), /,
    );
    expect(fit.surface.warnings[0]).toMatch(/Vols that far out are the extrapolation's, not the market's\.$/);
    expect(fit.surface.warnings.join(' ')).not.toMatch(/The chain's quotes leave butterfly arbitrage/);
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
      { zeroBid: 0, noAsk: 0, crossed: 0, locked: 0 },
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
