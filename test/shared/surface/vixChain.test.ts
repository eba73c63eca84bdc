/**
 * A VIX option chain (quotedata layout, root VIX) fitted into the VIX-option surface: each expiry on
 * its own future, so no calendar repair and no spot check against the VIX index.
 */
import { describe, expect, it } from 'vitest';
import { black76Price, parseChainTable, parseQuotedata, vixSurfaceFromChain, yearsToSettlement } from '@alvh/shared';
import { vixChainRows } from '../../helpers/vixChain';

const HEADER =
  'Expiration Date,Calls,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest,Strike,Puts,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest';

/**
 * 2020-03-16-like: VIX 82.69, the futures far below it, the front options (two days) at 250% vol,
 * so the front's total variance stands above April's.
 */
const EXPIRIES = [
  { iso: '2020-03-18', cboe: 'Wed Mar 18 2020', future: 65, vol: 2.5 },
  { iso: '2020-04-15', cboe: 'Wed Apr 15 2020', future: 48, vol: 0.5 },
  { iso: '2020-05-20', cboe: 'Wed May 20 2020', future: 41, vol: 0.45 },
];
const RATE = 0.01;

/** The ATM vol of an expiry with a call skew: σ(K) = σ·(1 + 0.3·ln(K/F)). */
const smileVol = (vol: number, k: number): number => vol * (1 + 0.3 * k);

function vixQuotedata(): string {
  const rows: string[] = [];
  for (const e of EXPIRIES) {
    const years = yearsToSettlement('2020-03-16', 960, e.iso, 'AM');
    for (let strike = 20; strike <= 120; strike += 2.5) {
      const vol = smileVol(e.vol, Math.log(strike / e.future));
      const price = (type: 'call' | 'put') => black76Price({ type, future: e.future, strike, years, rate: RATE, vol });
      const quote = (p: number) => [Math.max(0, p - 0.05 - 0.01 * p), p + 0.05 + 0.01 * p].map((x) => x.toFixed(4));
      const [cb, ca] = quote(price('call'));
      const [pb, pa] = quote(price('put'));
      const k = String(strike * 1000).padStart(8, '0');
      const sym = `VIX${e.iso.slice(2).replaceAll('-', '')}`;
      rows.push(
        `${e.cboe},${sym}C${k},0,0,${cb},${ca},0,0,0,0,0,${strike.toFixed(2)},${sym}P${k},0,0,${pb},${pa},0,0,0,0,0`,
      );
    }
  }
  return [
    '',
    'CBOE Volatility Index,Last: 82.69,Change: 24.86',
    '"Date: March 16 2020, 4:15 PM EDT",Bid: 0,Ask: 0',
    HEADER,
    ...rows,
  ].join('\n');
}

describe('vixSurfaceFromChain', () => {
  const chain = parseQuotedata(vixQuotedata());
  it('fits a spike day whose VIX index stands 27% above the front future (the SPX spot check refused it)', () => {
    expect(chain.spot).toBe(82.69);
    const { surface, fit } = vixSurfaceFromChain(chain);
    expect(fit.slices.map((s) => s.expiry)).toEqual(EXPIRIES.map((e) => e.iso));
    for (const [i, e] of EXPIRIES.entries()) {
      const s = fit.slices[i]!;
      expect(s.forward).toBeCloseTo(e.future, 2);
      // the fitted vols recover the quotes' smile within 2 vol points at 0.8-1.25 of the future
      for (const strike of [0.8 * e.future, e.future, 1.25 * e.future]) {
        expect(
          Math.abs(surface.vol(s.years, strike, e.future) - smileVol(e.vol, Math.log(strike / e.future))),
        ).toBeLessThan(0.02);
      }
    }
  });
  it('its atmVol refuses a time that is not in (0, 30] years, as vol does', () => {
    const { surface } = vixSurfaceFromChain(chain);
    for (const t of [0, -1, Number.NaN]) expect(() => surface.atmVol(t)).toThrow(/^tYears: is /);
    expect(surface.atmVol(30 / 365)).toBe(surface.volAtK(30 / 365, 0));
  });
  it("reports no calendar repair and marks each quote at the surface's own vol", () => {
    const { surface, fit } = vixSurfaceFromChain(chain);
    // the front's total variance (2.5² × 1.7 days) stands above the April expiry's (0.5² × 30 days):
    // an SPX surface would lift April to it, which on two different futures is no arbitrage
    const [front, april] = fit.slices;
    expect(front!.atmVol ** 2 * front!.years).toBeGreaterThan(april!.atmVol ** 2 * april!.years);
    expect(fit.arbitrage.calendarRepaired).toEqual([]);
    for (const s of fit.slices)
      for (const m of s.marks.filter((x) => x.midVol !== null)) {
        expect(m.modelVol).toBeCloseTo(surface.vol(s.years, m.strike, s.forward), 12);
      }
  });
});

describe('a VIX chain surface between and beyond its expiries (docs/surfaces.md, "With a VIX chain")', () => {
  const { surface, fit } = vixSurfaceFromChain(parseChainTable(vixChainRows(), { valuationDate: '2026-11-20' }));
  const T = fit.slices.map((s) => s.years);
  const [first, second, last] = [T[0]!, T[1]!, T.at(-1)!];
  const w = (t: number, k: number): number => surface.volAtK(t, k) ** 2 * t;
  const ks = [-0.3, 0, 0.4];

  it('between two expiries: linear in total variance at fixed k', () => {
    for (const k of ks) {
      expect(w(0.25 * first + 0.75 * second, k)).toBeCloseTo(0.25 * w(first, k) + 0.75 * w(second, k), 12);
    }
  });

  it('before the first: the ATM vol flat, the smile kept in standard deviations, c·w(k/√c)', () => {
    for (const c of [0.3, 0.7]) {
      expect(surface.volAtK(c * first, 0)).toBeCloseTo(surface.volAtK(first, 0), 12);
      for (const k of ks) expect(w(c * first, k)).toBeCloseTo(c * w(first, k / Math.sqrt(c)), 12);
    }
  });

  it('after the last: the same stretch up to its limit, then the ATM variance added (ATM vol flat)', () => {
    for (const k of ks) expect(w(1.05 * last, k)).toBeCloseTo(1.05 * w(last, k / Math.sqrt(1.05)), 12);
    for (const c of [1.05, 3, 10]) expect(surface.volAtK(c * last, 0)).toBeCloseTo(surface.volAtK(last, 0), 12);
    // past the limit the smile's shape in k is frozen: w(k) − w(0) the same at 3 and 10 times T
    for (const k of ks) {
      expect(w(10 * last, k) - w(10 * last, 0)).toBeCloseTo(w(3 * last, k) - w(3 * last, 0), 12);
      // not the stretch alone (at k = 0 the two agree)
      if (k !== 0) expect(w(3 * last, k)).not.toBeCloseTo(3 * w(last, k / Math.sqrt(3)), 4);
    }
  });
});
