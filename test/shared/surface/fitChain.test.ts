/**
 * The SPX surface fitted to the two real chains, against its acceptance figures: over the
 * SPXW options with a bid, |delta| 0.10-0.90, 7-400 days; arbitrage on a dense grid; the parity
 * forward; a 16-delta condor and an ATM put calendar priced inside the chain's bid-ask.
 */
import { expect, it } from 'vitest';
import {
  MIN_FIT_DELTA,
  blackFormula,
  fitChainSurface,
  normCdf,
  normInv,
  type ChainQuote,
  type SliceFit,
  type SpxSurface,
} from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { loadChain, REAL_CHAINS } from './chains';

/** The acceptance set: marks of in-surface SPXW slices of 7-400 days with |delta| in [0.10, 0.90]. */
function acceptanceMarks(slices: readonly SliceFit[]) {
  return slices
    .filter((s) => s.root === 'SPXW' && s.years * 365 >= 7 && s.years * 365 <= 400)
    .map((s) => ({
      slice: s,
      marks: s.marks.filter((m) => m.midVol !== null && Math.abs(m.delta) >= 0.1 && Math.abs(m.delta) <= 0.9),
    }));
}

/** Normalised call price c(x) = E[(F_T/F − x)⁺] of slice time t on x = K/F. */
function callOnGrid(s: SpxSurface, t: number, ks: Float64Array): Float64Array {
  return ks.map((k) => blackFormula(true, 1, Math.exp(k), Math.sqrt(s.totalVariance(t, k))));
}

for (const rc of REAL_CHAINS) {
  describeWithData(`SPX surface from the ${rc.date} chain`, () => {
    it('vol RMSE under 0.3 vol points and ≥ 95% of marks within max(width, 0.5 vol pt) of the mid IV', () => {
      const { fit } = loadChain(rc);
      let se = 0;
      let n = 0;
      let within = 0;
      for (const { marks } of acceptanceMarks(fit.slices)) {
        for (const m of marks) {
          const e = m.modelVol - m.midVol!;
          se += e * e;
          n++;
          if (Math.abs(e) <= Math.max(m.widthVol, 0.005)) within++;
        }
      }
      expect(n).toBeGreaterThan(3000);
      expect(100 * Math.sqrt(se / n)).toBeLessThan(0.3);
      expect(within / n).toBeGreaterThanOrEqual(0.95);
    });

    it("each slice's reported RMSE and inside-the-spread share are over the quotes it was fitted on", () => {
      const { fit } = loadChain(rc);
      for (const sl of fit.slices) {
        const fitted = sl.marks.filter((m) => m.otm && m.midVol !== null && Math.abs(m.delta) >= MIN_FIT_DELTA);
        const rmse = 100 * Math.sqrt(fitted.reduce((a, m) => a + (m.modelVol - m.midVol!) ** 2, 0) / fitted.length);
        expect([sl.expiry, sl.quotes]).toEqual([sl.expiry, fitted.length]);
        expect(sl.rmseVolPts).toBeCloseTo(rmse, 10);
        // the far wings (0.05-0.10 bid-asks, out of the fit) once put a 2023-06-12 slice at 6.5 vol points;
        // the SPX slices beyond SPXW's listings have quotes 5-7 vol points wide on 2022-02-04 (2-5 years)
        expect(sl.rmseVolPts, sl.expiry).toBeLessThan(sl.root === 'SPXW' ? 1 : 1.5);
        expect(sl.insideSpreadPct, sl.expiry).toBeGreaterThan(sl.root === 'SPXW' ? 0 : 70);
      }
    });

    it('puts ≥ 85% of model prices inside the bid-ask (pooled), > 60% in every expiry', () => {
      const { fit } = loadChain(rc);
      let inside = 0;
      let n = 0;
      for (const { slice, marks } of acceptanceMarks(fit.slices)) {
        const k = marks.filter((m) => m.modelPrice >= m.bid && m.modelPrice <= m.ask).length;
        expect(k / marks.length, `${slice.expiry}`).toBeGreaterThan(0.6);
        inside += k;
        n += marks.length;
      }
      expect(inside / n).toBeGreaterThanOrEqual(0.85);
    });

    it('has no butterfly arbitrage (convex, decreasing call prices) and no calendar arbitrage on a dense grid', () => {
      const { fit } = loadChain(rc);
      const s = fit.surface;
      expect(fit.arbitrage.butterfly).toEqual([]);
      expect(fit.arbitrage.calendar).toEqual([]);
      const ks = Float64Array.from({ length: 3001 }, (_, i) => -1.5 + (2.5 * i) / 3000);
      const times = s.slices.flatMap((sl, j) =>
        j === 0 ? [sl.years] : [0.5 * (s.slices[j - 1]!.years + sl.years), sl.years],
      );
      let prevW: Float64Array | null = null;
      for (const t of times) {
        const c = callOnGrid(s, t, ks);
        for (let i = 1; i < ks.length - 1; i++) {
          const x0 = Math.exp(ks[i - 1]!);
          const x1 = Math.exp(ks[i]!);
          const x2 = Math.exp(ks[i + 1]!);
          const slopeL = (c[i]! - c[i - 1]!) / (x1 - x0);
          const slopeR = (c[i + 1]! - c[i]!) / (x2 - x1);
          expect(slopeR - slopeL, `convexity at t=${t}, k=${ks[i]}`).toBeGreaterThan(-1e-9);
          expect(slopeR, `monotone at t=${t}`).toBeLessThanOrEqual(1e-12);
        }
        const w = ks.map((k) => s.totalVariance(t, k));
        if (prevW) for (let i = 0; i < ks.length; i++) expect(w[i]! - prevW[i]!).toBeGreaterThanOrEqual(-1e-15); // rounding of the interpolation
        prevW = w;
      }
    });

    it('interpolates in total variance between expiries and extrapolates flat in vol beyond', () => {
      const s = loadChain(rc).fit.surface;
      const [a, b] = [s.slices[3]!, s.slices[4]!];
      const t = 0.25 * a.years + 0.75 * b.years;
      const K = 0.95 * s.forward(t);
      const k = Math.log(K / s.forward(t));
      const wa = s.sliceVariance(3, k);
      const wb = s.sliceVariance(4, k);
      expect(s.vol(t, K) ** 2 * t).toBeCloseTo(wa + 0.75 * (wb - wa), 12);
      const last = s.slices[s.slices.length - 1]!;
      const F = s.forward(last.years);
      expect(s.atmVol(3 * last.years)).toBeCloseTo(s.atmVol(last.years), 12);
      expect(s.vol(last.years, 0.9 * F)).toBeGreaterThan(0);
    });

    it('keeps the SPX (AM) and SPXW (PM) slices of the same date apart', () => {
      const { chain } = loadChain(rc);
      const both = (rc.date === '2022-02-04' ? '2022-03-18' : '2023-07-21') as string;
      const fit = fitChainSurface(chain, { fitOtherRoots: true });
      const am = fit.slices.find((s) => s.root === 'SPX' && s.expiry === both)!;
      const pm = fit.slices.find((s) => s.root === 'SPXW' && s.expiry === both)!;
      expect(am.settlement).toBe('AM');
      expect(pm.settlement).toBe('PM');
      expect((pm.years - am.years) * 365 * 24).toBeCloseTo(6.5, 9);
      expect(am.inSurface).toBe(false);
      expect(pm.inSurface).toBe(true);
      // SPX slices join the surface only after the last SPXW expiry
      const spxw = fit.surface.slices.filter((s) => s.root === 'SPXW');
      const spx = fit.surface.slices.filter((s) => s.root === 'SPX');
      expect(spx.length).toBeGreaterThan(6);
      expect(spx.every((s) => s.years > spxw.at(-1)!.years)).toBe(true);
      expect(fit.skipped.find((s) => s.root === 'SPX' && s.expiry === both)?.reason).toMatch(/^another root: /);
    });
  });
}

describeWithData('parity forwards', () => {
  it('2023-06-09 (quotes and Last at 13:40): forward within 0.05% of S·e^((r−q)T), r 5.45%, q 1.40%, 7-183 days', () => {
    const rc = REAL_CHAINS[1]!;
    const { fit, chain } = loadChain(rc);
    const checked = fit.slices.filter((s) => s.years * 365 >= 7 && s.years * 365 <= 183);
    expect(checked.length).toBeGreaterThan(25);
    for (const s of checked) {
      const expected = chain.spot! * Math.exp((rc.rate - rc.divYield) * s.years);
      expect(Math.abs(s.forward / expected - 1), s.expiry).toBeLessThan(5e-4);
    }
  });
  it('2022-02-04 (options closed at 16:15, Last is the 16:00 close): forwards within 0.5% of Last, carry 7 to 183 days between −1.5% and 0%', () => {
    const rc = REAL_CHAINS[0]!;
    const { fit, chain } = loadChain(rc);
    const checked = fit.slices.filter((s) => s.years * 365 >= 7 && s.years * 365 <= 183);
    for (const s of checked) expect(Math.abs(s.forward / chain.spot! - 1), s.expiry).toBeLessThan(5e-3);
    const [first, last] = [checked[0]!, checked[checked.length - 1]!];
    const carry = Math.log(last.forward / first.forward) / (last.years - first.years);
    expect(carry).toBeGreaterThan(-0.015);
    expect(carry).toBeLessThan(0);
  });
});

function nearestExpiry(s: SpxSurface, days: number) {
  return [...s.slices].sort((a, b) => Math.abs(a.years * 365 - days) - Math.abs(b.years * 365 - days))[0]!;
}

function quoteAt(quotes: readonly ChainQuote[], expiry: string, strike: number, type: 'call' | 'put') {
  return quotes.find((q) => q.root === 'SPXW' && q.expiry === expiry && q.strike === strike && q.type === type);
}

function modelPrice(s: SpxSurface, t: number, strike: number, type: 'call' | 'put'): number {
  return s.discount(t) * blackFormula(type === 'call', s.forward(t), strike, s.vol(t, strike) * Math.sqrt(t));
}

for (const rc of REAL_CHAINS) {
  describeWithData(`trades on the ${rc.date} chain`, () => {
    it('a 10-lot 45-DTE 16-delta 50-wide iron condor: the surface credit lies within the chain bid-ask of the condor', () => {
      const { fit, chain } = loadChain(rc);
      const s = fit.surface;
      const sl = nearestExpiry(s, 45);
      const t = sl.years;
      const F = s.forward(t);
      const strikes = [
        ...new Set(chain.quotes.filter((q) => q.root === 'SPXW' && q.expiry === sl.expiry).map((q) => q.strike)),
      ];
      const byDelta = (type: 'call' | 'put', target: number) => {
        let best = strikes[0]!;
        let bestErr = Infinity;
        for (const K of strikes) {
          // every listed strike, 200 too: the kernel (the checked vol takes half to twice spot)
          const sd = s.volUnchecked(t, K) * Math.sqrt(t);
          const d1 = Math.log(F / K) / sd + 0.5 * sd;
          const delta = type === 'call' ? normCdf(d1) : -normCdf(-d1);
          const err = Math.abs(Math.abs(delta) - target);
          if (
            err < bestErr &&
            quoteAt(chain.quotes, sl.expiry, K, type) &&
            quoteAt(chain.quotes, sl.expiry, type === 'put' ? K - 50 : K + 50, type)
          ) {
            bestErr = err;
            best = K;
          }
        }
        return best;
      };
      const sp = byDelta('put', 0.16);
      const sc = byDelta('call', 0.16);
      const legs = [
        { K: sp, type: 'put' as const, q: -1 },
        { K: sp - 50, type: 'put' as const, q: 1 },
        { K: sc, type: 'call' as const, q: -1 },
        { K: sc + 50, type: 'call' as const, q: 1 },
      ];
      let credit = 0;
      let creditBid = 0; // what selling the condor at the touch receives
      let creditAsk = 0;
      for (const l of legs) {
        const quote = quoteAt(chain.quotes, sl.expiry, l.K, l.type)!;
        credit -= l.q * modelPrice(s, t, l.K, l.type);
        creditBid -= l.q * (l.q < 0 ? quote.bid : quote.ask) * 1;
        creditAsk -= l.q * (l.q < 0 ? quote.ask : quote.bid);
      }
      const lots = 10;
      expect(credit * lots * 100).toBeGreaterThanOrEqual(creditBid * lots * 100);
      expect(credit * lots * 100).toBeLessThanOrEqual(creditAsk * lots * 100);
      expect(creditBid).toBeGreaterThan(0);
      expect(normInv(0.16)).toBeLessThan(0); // the delta convention: a put's delta is −N(−d1)
    });

    it('an ATM put calendar (short ~30 days, long ~60 days): the surface price lies within its bid-ask', () => {
      const { fit, chain } = loadChain(rc);
      const s = fit.surface;
      const front = nearestExpiry(s, 30);
      const back = nearestExpiry(s, 60);
      const F = s.forward(front.years);
      const common = chain.quotes
        .filter(
          (q) =>
            q.root === 'SPXW' &&
            q.type === 'put' &&
            q.expiry === front.expiry &&
            quoteAt(chain.quotes, back.expiry, q.strike, 'put'),
        )
        .map((q) => q.strike)
        .sort((a, b) => Math.abs(a - F) - Math.abs(b - F));
      const K = common[0]!;
      const qf = quoteAt(chain.quotes, front.expiry, K, 'put')!;
      const qb = quoteAt(chain.quotes, back.expiry, K, 'put')!;
      const price = modelPrice(s, back.years, K, 'put') - modelPrice(s, front.years, K, 'put');
      expect(price).toBeGreaterThanOrEqual(qb.bid - qf.ask);
      expect(price).toBeLessThanOrEqual(qb.ask - qf.bid);
    });
  });
}
