/**
 * No slice of the two real chains has a corner at its SVI vertex: the probability the marks imply
 * within any 4 SPX points of a short slice stays near what a smooth smile gives (a normal of the
 * slice's ATM vol puts at most 2.65% there at 3 days, and the floored 2022-02-07 slice 2.79%). Before σ had a floor, the three-day
 * slice of 2022-02-04 put 4.0% of it within 4 points of SPX 4568 (docs/surfaces.md, step 4).
 */
import { expect, it } from 'vitest';
import { blackFormula, normCdf } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { loadChain, REAL_CHAINS } from './chains';

describeWithData('the SVI vertex of a short slice', () => {
  it.each(REAL_CHAINS.map((c) => [c.date, c] as const))(
    '%s: the first three slices put no more in 4 points than 1.15 × a normal of their ATM vol at its peak',
    (_date, c) => {
      const { surface } = loadChain(c).fit;
      for (const slice of surface.slices.slice(0, 3)) {
        const t = slice.years;
        const f = slice.forward;
        const put = (k: number) => blackFormula(false, f, k, Math.sqrt(surface.totalVariance(t, Math.log(k / f))));
        const below = (k: number) => (put(k + 0.01) - put(k - 0.01)) / 0.02;
        let most = 0;
        let at = 0;
        for (let k = Math.round(f * 0.9); k <= f * 1.1; k += 1) {
          const mass = below(k + 2) - below(k - 2);
          if (mass > most) [most, at] = [mass, k];
        }
        const sd = surface.atmVol(t) * Math.sqrt(t) * f;
        const normalPeak = normCdf(2 / sd) - normCdf(-2 / sd);
        expect(most, `${slice.expiry}: ${(most * 100).toFixed(2)}% within 4 points of ${at}`).toBeLessThan(
          1.15 * normalPeak,
        );
      }
    },
  );
});
