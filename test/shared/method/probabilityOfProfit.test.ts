/**
 * The condor's probability of profit is read from the smile the marks price on (Breeden-Litzenberger:
 * P(S_T < K) is the strike derivative of the undiscounted put), not from a lognormal at the ATM vol.
 * Checked against the closed form on a flat smile, against the put prices it must integrate back
 * to on the skew model, and against the digitals the two real chains' own quotes imply.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SKEW,
  blackFormula,
  condorAnalytics,
  fitChainSurface,
  normCdf,
  parseQuotedata,
  probabilityBelow,
  skewedVol,
  spxSurfaceFromIndices,
} from '@alvh/shared';
import { describeWithData, readDataFile } from '../../helpers/marketData';
import { REAL_CHAINS } from '../surface/chains';

describe('probabilityBelow', () => {
  it('on a flat smile is the lognormal N(−d2), to 1e-14', () => {
    for (const [k, f, t, v] of [
      [4400, 4720, 45 / 365, 0.14],
      [100, 100, 1, 0.2],
      [5200, 4720, 0.5, 0.3],
    ] as const) {
      const sd = v * Math.sqrt(t);
      const want = normCdf((Math.log(k / f) + 0.5 * sd * sd) / sd);
      expect(Math.abs(probabilityBelow(k, f, t, () => v) - want)).toBeLessThan(1e-14);
    }
    expect(probabilityBelow(0, 100, 1, () => 0.2)).toBe(0);
    // No variance: the forward is where S_T ends; never NaN.
    expect([probabilityBelow(90, 100, 1, () => 0), probabilityBelow(110, 100, 1, () => 0)]).toEqual([0, 1]);
    // exactly at the forward: S_T ends on it, not below it
    expect(probabilityBelow(100, 100, 1, () => 0)).toBe(0);
    expect(() => probabilityBelow(90, 100, 1, (k) => (k === 90 ? 0.2 : NaN))).toThrow(
      /^volAt: gives no smile slope at 90/,
    );
    // At expiry there is no variance whatever the smile: the step at the forward.
    expect([probabilityBelow(90, 100, 0, () => NaN), probabilityBelow(110, 100, 0, () => 0.2)]).toEqual([0, 1]);
  });

  it('refuses a NaN, infinite or negative vol at the point, naming volAt and the strike: no silent 0 or 1', () => {
    for (const v of [NaN, -0.2, Infinity])
      expect(() => probabilityBelow(5000, 4700, 0.1, () => v)).toThrow(
        new RegExp(`^volAt: gives ${v} at 5000, not a volatility`),
      );
    // a surface with no vol at the break-even gave a probability of profit of 1 (100%)
    const strikes = [4300, 4400, 4950, 5050] as const;
    const condor = {
      valuationDate: '2024-01-02',
      spot: 4700,
      rate: 0.05,
      divYield: 0.015,
      expiry: '2024-02-16',
      strikes,
      quantity: 1,
      atmVol: 0.14,
      credit: 10,
    };
    const gap = (k: number) => ((strikes as readonly number[]).includes(k) ? 0.14 : NaN);
    expect(() => condorAnalytics({ ...condor, volAt: gap })).toThrow(/^volAt: gives NaN at 4960, not a volatility/);
    expect(condorAnalytics({ ...condor, volAt: () => 0.14 }).probabilityOfProfit).toBeCloseTo(0.7756, 4);
  });

  it('refuses a NaN point, forward or time, naming it: no silent 0 or 1', () => {
    const flat = () => 0.2;
    expect(() => probabilityBelow(NaN, 100, 1, flat)).toThrow(/^x: is NaN, not a finite number/);
    expect(() => probabilityBelow(90, NaN, 1, flat)).toThrow(/^fwd: is NaN, not a finite number/);
    expect(() => probabilityBelow(90, 0, 1, flat)).toThrow(/^fwd: is 0, but must be greater than 0/);
    expect(() => probabilityBelow(90, 100, NaN, flat)).toThrow(/^years: is NaN, not a finite number/);
    expect(() => probabilityBelow(90, 100, -1, flat)).toThrow(/^years: is -1, but must not be negative/);
  });

  // The surfaces of the VIX alone and of the Cboe indices (what ALVH.CONDOR and a plan without a chain mark on).
  const surfaces = [
    { vix: 12, skew: undefined },
    { vix: 18, skew: 150 },
    { vix: 35, skew: 120 },
    { vix: 60, skew: undefined },
  ].map(({ vix, skew }) => ({
    label: `VIX ${vix}${skew === undefined ? ' alone' : `, SKEW ${skew}`}`,
    s: spxSurfaceFromIndices({
      valuationDate: '2024-01-02',
      spot: 4720,
      indices: skew === undefined ? { vix } : { vix, vix3m: vix + 1, skew },
    }),
  }));
  for (const { label, s } of surfaces) {
    it(`${label}: a distribution that integrates back to the put prices (∫₀ᴷ P(S_T < x) dx = undiscounted put, to 1e-4 of the put)`, () => {
      const f = 4720;
      const t = 45 / 365;
      const smile = (k: number) => Math.sqrt(s.totalVariance(t, Math.log(k / f)) / t);
      const put = (k: number) => blackFormula(false, f, k, smile(k) * Math.sqrt(t));
      // ∫₀^from is the put at `from`; then a trapezoid on a 0.5-point grid.
      const step = 0.5;
      let x = 0.5 * f;
      let integral = put(x);
      let prev = probabilityBelow(x, f, t, smile);
      for (const k of [0.7, 0.85, 0.95, 1, 1.05, 1.1].map((m) => Math.round(m * f))) {
        while (x < k - 1e-9) {
          const next = probabilityBelow(x + step, f, t, smile);
          expect(next).toBeGreaterThanOrEqual(prev); // a distribution function: never falls
          integral += 0.5 * step * (prev + next);
          prev = next;
          x += step;
        }
        expect(Math.abs(integral - put(k))).toBeLessThan(1e-4 * put(k));
      }
      expect(prev).toBeLessThanOrEqual(1);
    });
  }
});

/** The condor's day and market in the tests below (strikes and credit apart). */
const CONDOR_DAY = {
  valuationDate: '2024-01-02',
  spot: 4700,
  rate: 0.05,
  divYield: 0.015,
  expiry: '2024-02-16',
  quantity: 1,
  atmVol: 0.14,
};

describe('condorAnalytics: probability of profit', () => {
  it('is the smile probability between the break-evens; a flat smile gives the lognormal', () => {
    const base = { ...CONDOR_DAY, strikes: [4350, 4400, 4950, 5000] as const };
    const t = 45 / 365;
    const f = 4700 * Math.exp(0.035 * t);
    const smile = (k: number) => skewedVol(k, f, t, 0.14, DEFAULT_SKEW) * (1 + 0.1 * Math.sin(k / 100));
    const onSmile = condorAnalytics({ ...base, volAt: (k) => smile(k) });
    const { lower, upper } = onSmile.breakEvens;
    expect(onSmile.probabilityOfProfit).toBe(
      probabilityBelow(upper!, f, t, smile) - probabilityBelow(lower!, f, t, smile),
    );
    // Without a surface (the legacy skew model prices the legs), the lognormal at the ATM vol.
    const legacy = condorAnalytics(base);
    const sdAtm = 0.14 * Math.sqrt(t);
    const lognormal = (x: number) => normCdf((Math.log(x / f) + 0.5 * sdAtm * sdAtm) / sdAtm);
    expect(legacy.probabilityOfProfit).toBeCloseTo(
      lognormal(legacy.breakEvens.upper!) - lognormal(legacy.breakEvens.lower!),
      12,
    );
    const flat = condorAnalytics({ ...base, volAt: () => 0.14, credit: 5.5 });
    const sd = 0.14 * Math.sqrt(t);
    const cdf = (x: number) => normCdf((Math.log(x / f) + 0.5 * sd * sd) / sd);
    expect(flat.probabilityOfProfit).toBeCloseTo(cdf(4955.5) - cdf(4394.5), 12);
  });
});

describeWithData('probabilityBelow on the real chains against the digitals their quotes imply', () => {
  for (const c of REAL_CHAINS) {
    it(`${c.date}: within 0.6 points on average (a lognormal at the ATM vol: over 2 points)`, () => {
      const chain = parseQuotedata(readDataFile(c.file));
      const s = fitChainSurface(chain).surface;
      const spot = chain.spot as number;
      const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
      const quotes = chain.quotes.filter((q) => q.root === 'SPXW');
      const expiries = [...new Set(quotes.map((q) => q.expiry))];
      const expiry = expiries.reduce((b, e) =>
        Math.abs(day(e) - day(c.date) - 42) < Math.abs(day(b) - day(c.date) - 42) ? e : b,
      );
      const t = (day(expiry) - day(c.date)) / 365;
      const f = spot * Math.exp((c.rate - s.carryYield(t, c.rate, c.divYield)) * t);
      const sd = s.vol(t, f) * Math.sqrt(t);
      const mid = (type: 'call' | 'put', k: number) => {
        const q = quotes.find((z) => z.expiry === expiry && z.type === type && z.strike === k);
        return q === undefined || !(q.bid > 0) ? undefined : (q.bid + q.ask) / 2;
      };
      let surfaceError = 0;
      let lognormalError = 0;
      let n = 0;
      for (const m of [0.85, 0.88, 0.9, 0.92, 0.94, 0.96, 1.04, 1.06, 1.08]) {
        const k = Math.round((f * m) / 25) * 25;
        const type = k < f ? 'put' : 'call';
        const below = mid(type, k - 5);
        const above = mid(type, k + 5);
        if (below === undefined || above === undefined) continue;
        // The market's digital: the strike slope of the undiscounted put (or 1 + the call's).
        const slope = ((above - below) / 10) * Math.exp(c.rate * t);
        const market = type === 'put' ? slope : 1 + slope;
        surfaceError += Math.abs(probabilityBelow(k, f, t, (x) => s.vol(t, x)) - market);
        lognormalError += Math.abs(normCdf((Math.log(k / f) + 0.5 * sd * sd) / sd) - market);
        n++;
      }
      expect(n).toBeGreaterThanOrEqual(8);
      expect(surfaceError / n).toBeLessThan(0.006);
      expect(lognormalError / n).toBeGreaterThan(0.02);
    });
  }
});

describe('condorAnalytics: a broken-wing condor', () => {
  // The P&L per share at expiry, leg by leg: short put K2 and call K3, long put K1 and call K4.
  const pnl = (k: readonly number[], credit: number, s: number) =>
    credit - Math.max(k[1]! - s, 0) + Math.max(k[0]! - s, 0) - Math.max(s - k[2]!, 0) + Math.max(s - k[3]!, 0);
  const base = { ...CONDOR_DAY, volAt: () => 0.14 };
  const t = 45 / 365;
  const f = 4700 * Math.exp(0.035 * t);
  const below = (x: number) => probabilityBelow(x, f, t, () => 0.14);

  it.each([
    ['put wing narrower than the credit', [4395, 4400, 4950, 5050], 8, null, 4958],
    ['call wing narrower than the credit', [4300, 4400, 4945, 4950], 8, 4392, null],
    ['both wings wider', [4350, 4400, 4950, 5000], 8, 4392, 4958],
    ['credit equal to the put wing (P&L 0 below K1)', [4392, 4400, 4950, 5050], 8, 4392, 4958],
  ] as const)(
    '%s: break-evens where the leg-by-leg P&L crosses 0, and P(profit) of that P&L',
    (_, k, credit, lo, hi) => {
      const c = condorAnalytics({ ...base, strikes: k, credit });
      expect(c.breakEvens).toEqual({ lower: lo, upper: hi });
      // the P&L is positive strictly between the break-evens (or out to 0 / far above where there is none)
      const from = lo ?? 0;
      const to = hi ?? 1e6;
      for (let s = 1; s < 20_000; s += 0.5) {
        const inside = s > from && s < to;
        expect(pnl(k, credit, s) > 0).toBe(inside);
      }
      expect(c.probabilityOfProfit).toBe((hi === null ? 1 : below(hi)) - (lo === null ? 0 : below(lo)));
      expect(c.maxLoss).toBe((Math.max(k[1] - k[0], k[3] - k[2]) - credit) * 100);
    },
  );

  it('the credit priced off the smile may pass the narrow wing: the side then cannot lose', () => {
    // 4695/4700/4705/4900 at 14%: the put spread 5 wide, the credit about 72
    const c = condorAnalytics({ ...base, strikes: [4695, 4700, 4705, 4900] });
    expect(c.credit).toBeGreaterThan(5);
    expect(c.breakEvens.lower).toBeNull();
    expect(c.breakEvens.upper).toBe(4705 + c.credit);
    expect(c.probabilityOfProfit).toBe(below(4705 + c.credit));
    expect(c.probabilityOfProfit).toBeGreaterThan(0.5);
  });
});
