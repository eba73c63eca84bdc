/**
 * The discounts of a chain's expiries: each expiry's parity line, and the chain's rates where a
 * line is too noisy to read one (termDiscounts), on synthetic lines and on the two real chains.
 */
import { describe, expect, it } from 'vitest';
import {
  fitChainSurface,
  forwardAtDiscount,
  parityForward,
  termDiscounts,
  type ParityLine,
} from '@alvh/shared/surface';
import { describeWithData } from '../../helpers/marketData';
import { loadChain, REAL_CHAINS } from './chains';

/** A line of discount `d` whose rate over `years` has standard error `rateErr`. */
function line(d: number, years: number, rateErr: number): ParityLine {
  return { forward: 4000, discount: d, pairs: 20, meanStrike: 4000, meanGap: 0, discountStdErr: rateErr * d * years };
}

describe('termDiscounts', () => {
  it('keeps a precise line, and reads a noisy one off the precise rates: linear between them, flat beyond', () => {
    const years = [0.01, 0.1, 0.2, 0.3, 0.5];
    const lines = [
      line(Math.exp(0.22 * 0.01), 0.01, 0.06), // −22% ± 6 points: noise
      line(Math.exp(-0.05 * 0.1), 0.1, 0.001),
      line(Math.exp(0.1 * 0.2), 0.2, 0.01), // −10% ± 1 point
      line(Math.exp(-0.06 * 0.3), 0.3, 0.0025), // at the bound: kept
      line(Math.exp(-0.03 * 0.5), 0.5, 0.02),
    ];
    const { discount, own } = termDiscounts(lines, years);
    expect(own).toEqual([false, true, false, true, false]);
    const rate = discount.map((d, i) => -Math.log(d) / years[i]!);
    expect(rate[0]).toBeCloseTo(0.05, 12);
    expect(rate[1]).toBeCloseTo(0.05, 12);
    expect(rate[2]).toBeCloseTo(0.055, 12);
    expect(rate[3]).toBeCloseTo(0.06, 12);
    expect(rate[4]).toBeCloseTo(0.06, 12);
  });

  it('gives every expiry the lines pooled rate when none is precise, and a line of under 6 pairs has no error to read', () => {
    const lines = [line(1.002, 0.01, 0.05), line(0.999, 0.02, 0.03)];
    const pooled = termDiscounts(lines, [0.01, 0.02]);
    expect(pooled.own).toEqual([false, false]);
    // −19.98% ± 5 and +5.00% ± 3, weighted by 1/error²
    const r = [-Math.log(1.002) / 0.01, -Math.log(0.999) / 0.02];
    const w = [1 / 0.05 ** 2, 1 / 0.03 ** 2];
    const rate = (r[0]! * w[0]! + r[1]! * w[1]!) / (w[0]! + w[1]!);
    expect(rate).toBeCloseTo(-0.0161, 4);
    expect(pooled.discount[0]).toBeCloseTo(Math.exp(-rate * 0.01), 14);
    expect(pooled.discount[1]).toBeCloseTo(Math.exp(-rate * 0.02), 14);
    // one line whose error is read: nothing to pool, it keeps its own
    expect(termDiscounts([lines[0]!], [0.01])).toEqual({ discount: [1.002], own: [true] });
    const q = (bid: number, ask: number) => ({ bid, ask }) as never;
    const few = parityForward([
      { strike: 100, call: q(5, 5.2), put: q(4, 4.2) },
      { strike: 101, call: q(4.4, 4.6), put: q(4.4, 4.6) },
      { strike: 102, call: q(3.9, 4.1), put: q(4.9, 5.1) },
    ]);
    expect(few!.discountStdErr).toBeNaN();
    expect(termDiscounts([few!], [0.1]).own).toEqual([true]);
  });

  it('reads the forward of a line at another discount through its weighted means, and at its own as the fit gave it', () => {
    const q = (bid: number, ask: number) => ({ bid, ask }) as never;
    const D = 0.99;
    const F = 101.3;
    const pairs = [96, 98, 100, 101, 102, 104, 106].map((k, i) => {
      const gap = D * (F - k) + (i % 2 === 0 ? 0.01 : -0.01); // C − P with a little noise
      return { strike: k, call: q(5 + gap, 5.1 + gap), put: q(5, 5.1) };
    });
    const l = parityForward(pairs)!;
    expect(forwardAtDiscount(l, l.discount)).toBeCloseTo(l.forward, 10);
    expect(l.discount).toBeCloseTo(D, 2);
    expect(forwardAtDiscount(l, 0.995)).toBeCloseTo(l.meanStrike + l.meanGap / 0.995, 12);
  });
});

describeWithData('the rates of the real chains', () => {
  it('2023-06-09: every expiry within a year discounts at 4.5-6.0% (Treasury bills 5.0-5.5%), the SPX ones of 1.5-4.5 years at 3.5-5.0% (notes of 2-5 years 3.9-4.6%); the three-day weekly read −22% off its own line', () => {
    const { fit } = loadChain(REAL_CHAINS[1]!);
    for (const s of fit.slices) {
      const r = -Math.log(s.discount) / s.years;
      expect(r, s.expiry).toBeGreaterThan(s.years <= 1.1 ? 0.045 : 0.035);
      expect(r, s.expiry).toBeLessThan(s.years <= 1.1 ? 0.06 : 0.05);
    }
    expect(fit.slices.filter((s) => s.years > 1.1).length).toBe(4);
    const first = fit.slices.find((s) => s.expiry === '2023-06-12')!;
    expect(first.discountFrom).toBe('neighbours');
    expect(fit.slices.filter((s) => s.discountFrom === 'parity').length).toBeGreaterThan(15);
  });

  it('2022-02-04: every expiry within a year discounts at −0.5% to 1.5% (Treasury bills 0.03-0.8%), the SPX ones of 1.3-4.9 years at 1.0-2.5% (notes of 2-5 years 1.3-1.8%); 8 slices read up to −9.7% off their own lines', () => {
    const { fit } = loadChain(REAL_CHAINS[0]!);
    for (const s of fit.slices) {
      const r = -Math.log(s.discount) / s.years;
      expect(r, s.expiry).toBeGreaterThan(s.years <= 1.2 ? -0.005 : 0.01);
      expect(r, s.expiry).toBeLessThan(s.years <= 1.2 ? 0.015 : 0.025);
    }
    expect(fit.slices.filter((s) => s.years > 1.2).length).toBe(5);
  });

  it.each([
    [0, 6, -0.005, 0.015],
    [1, 8, 0.02, 0.06],
  ] as const)(
    'chain %i cut to its first %i weeklies, none precise alone: one pooled rate for all, within %f to %f (one line read 1.0019 at three days)',
    (which, n, lo, hi) => {
      const { chain } = loadChain(REAL_CHAINS[which]!);
      const weeklies = [...new Set(chain.quotes.filter((q) => q.root === 'SPXW').map((q) => q.expiry))]
        .sort()
        .slice(0, n);
      const fit = fitChainSurface({ ...chain, quotes: chain.quotes.filter((q) => weeklies.includes(q.expiry)) });
      const rates = fit.slices.map((s) => -Math.log(s.discount) / s.years);
      expect(fit.slices.every((s) => s.discountFrom === 'neighbours')).toBe(true);
      for (const r of rates) {
        expect(r).toBeCloseTo(rates[0]!, 10);
        expect(r).toBeGreaterThan(lo);
        expect(r).toBeLessThan(hi);
      }
    },
  );
});
