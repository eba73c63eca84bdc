/**
 * The σ floor of the SVI fit (docs/surfaces.md, step 4) forbids only corners no quote resolves:
 * a smooth smile is fitted back whatever its maturity and however near the money its strikes sit.
 * Two cases the floor could have broken: a far slice quoted at five strikes within ±1.1% (the
 * floor above the searches' starting σ left every start at 1e30 and the fit at its start, σ below
 * the floor with ρ = −1, a vol error of 6e-4), and a one-day slice on a 5-point grid.
 */
import { describe, expect, it } from 'vitest';
import { arbitrageGrid, sviVariance } from '@alvh/shared/surface';
import { fitSvi, type SviParams } from '../../../shared/src/surface/svi';

/** The fit of `truth` read at `strikes` (forward `f`, `years`), and its largest vol error there. */
function fitBack(truth: SviParams, f: number, years: number, strikes: readonly number[]) {
  const k = Float64Array.from(strikes, (x) => Math.log(x / f));
  const w = k.map((x) => sviVariance(truth, x));
  const fit = fitSvi({ k, w, weight: new Float64Array(k.length).fill(1) }, { grid: arbitrageGrid(Array.from(k)) });
  let worst = 0;
  for (const x of k) {
    const err = Math.abs(Math.sqrt(sviVariance(fit, x) / years) - Math.sqrt(sviVariance(truth, x) / years));
    worst = Math.max(worst, err);
  }
  return { fit, worst };
}

describe('the SVI σ floor', () => {
  it('a one-year slice quoted at five strikes 4450-4550 around 4500 is fitted back', () => {
    const truth: SviParams = { a: 0.03, b: 0.1, rho: -0.6, m: 0.05, sigma: 0.15 };
    const { fit, worst } = fitBack(truth, 4500, 1, [4450, 4475, 4500, 4525, 4550]);
    expect(worst).toBeLessThan(1e-5);
    expect(fit.rho).toBeGreaterThan(-0.99);
  });

  it('a five-year slice quoted within ±3.3% of its forward is fitted back', () => {
    const truth: SviParams = { a: 0.12, b: 0.15, rho: -0.5, m: 0.1, sigma: 0.3 };
    const { worst } = fitBack(truth, 5000, 5, [4840, 4920, 5000, 5080, 5160]);
    expect(worst).toBeLessThan(1e-5);
  });

  it('a one-day slice of 15% vol on a 5-point grid, its vertex at 0.3 √w (sharper than any real slice above the floor), is fitted back', () => {
    const years = 1 / 365;
    const atm = 0.15 ** 2 * years;
    // a smile whose ATM total variance is atm, its vertex at the money, free of butterfly arbitrage
    const sigma = 0.3 * Math.sqrt(atm);
    const truth: SviParams = { a: atm * 0.8, b: (atm * 0.2) / sigma, rho: -0.3, m: 0, sigma };
    const strikes = Array.from({ length: 25 }, (_, i) => 4440 + 5 * i);
    const { fit, worst } = fitBack(truth, 4500, years, strikes);
    expect(worst).toBeLessThan(1e-4); // a hundredth of a vol point
    expect(fit.sigma).toBeGreaterThan(0.1 * Math.sqrt(sviVariance(truth, 0)));
  });
});
