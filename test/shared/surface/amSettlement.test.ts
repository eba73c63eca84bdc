/**
 * An SPX (AM-settled) leg is marked to the 09:30 opening print of its expiry day, 6.5 hours before
 * the close (docs/hedging.md, "Roots"). Against the AM quotes of the 2022-02-04 chain, whose surface
 * is fitted to the SPXW slices of those dates, the AM time takes about half of the marks' excess
 * over the quotes' mids away; the rest is the AM contract trading below the PM one.
 */
import { beforeAll, expect, it } from 'vitest';
import { markLegs, type Leg } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { chainMarketState, loadChain, REAL_CHAINS } from './chains';

describeWithData('SPX (AM) monthlies of 2022-02-04 marked to their settlement', () => {
  const c = REAL_CHAINS[0]!;
  let excess: (expiry: string, root?: 'SPX') => { n: number; mean: number };
  beforeAll(() => {
    const { chain, fit } = loadChain(c);
    const state = chainMarketState(c, fit.surface);
    excess = (expiry, root) => {
      // out-of-the-money SPX quotes within 1.28 standard deviations of the forward (|delta| ≥ 0.1)
      const quotes = chain.quotes.filter((q) => {
        if (q.root !== 'SPX' || q.expiry !== expiry) return false;
        const t = fit.surface.slices.find((s) => s.expiry === expiry)!.years;
        const f = fit.surface.forward(t);
        const z = Math.log(q.strike / f) / (fit.surface.atmVol(t) * Math.sqrt(t));
        return Math.abs(z) <= 1.28 && (q.type === 'call') === q.strike >= f;
      });
      const legs: Leg[] = quotes.map((q) => ({
        kind: 'spx',
        type: q.type,
        strike: q.strike,
        expiry,
        quantity: 1,
        ...(root === undefined ? {} : { root }),
      }));
      const marks = markLegs(legs, state);
      const sum = marks.reduce((a, m, i) => a + m.price - (quotes[i]!.bid + quotes[i]!.ask) / 2, 0);
      return { n: quotes.length, mean: sum / quotes.length };
    };
  });

  it('at 14 and 42 days, the marks stand about half as far above the AM mids as a mark to the close', () => {
    for (const [expiry, pm, am] of [
      ['2022-02-18', 1.47, 0.76],
      ['2022-03-18', 0.81, 0.45],
    ] as const) {
      const atClose = excess(expiry);
      const atOpen = excess(expiry, 'SPX');
      expect(atOpen.n).toBe(atClose.n);
      expect(atOpen.n).toBeGreaterThan(50);
      expect(atClose.mean).toBeCloseTo(pm, 2);
      expect(atOpen.mean).toBeCloseTo(am, 2);
    }
  });
});
