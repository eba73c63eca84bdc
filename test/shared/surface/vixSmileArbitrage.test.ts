/**
 * The VIX-option smile from VVIX is free of static arbitrage: on a fine strike grid, Black-76 calls
 * on the surface's vols fall and are convex in the strike for every VVIX the schemas accept and
 * tenors from 1 day to 2 years, and the total variance grows at most like 2|k| in the wings.
 */
import { describe, expect, it } from 'vitest';
import { blackFormula, vixSurfaceFromVvix } from '@alvh/shared';

const VVIX = [20, 60, 80, 100, 150, 200, 212, 300, 400];
const DAYS = [1, 3, 7, 14, 30, 45, 60, 90, 180, 270, 365, 548, 730];

/** Strikes as K/F, geometric from 0.02 to 50 in steps of 0.2%. */
const RATIOS: number[] = [];
for (let x = Math.log(0.02); x <= Math.log(50); x += 0.002) RATIOS.push(Math.exp(x));

describe('VIX-option smile from VVIX', () => {
  it('calls fall and are convex in the strike, VVIX 20-400, 1 day to 2 years; Lee-bounded wings; the calibrated skew kept', () => {
    let worstRise = { v: -Infinity, at: '' };
    let worstConvexity = { v: Infinity, at: '' };
    for (const vvix of VVIX) {
      const s = vixSurfaceFromVvix('2020-03-16', vvix);
      for (const days of DAYS) {
        const t = days / 365;
        const c = RATIOS.map((x) => blackFormula(true, 1, x, s.volAtK(t, Math.log(x)) * Math.sqrt(t)));
        for (let i = 1; i < c.length; i++) {
          const at = `VVIX ${vvix}, ${days} days, K/F ${RATIOS[i]!.toFixed(3)}`;
          const slope = (c[i]! - c[i - 1]!) / (RATIOS[i]! - RATIOS[i - 1]!);
          if (slope > worstRise.v) worstRise = { v: slope, at };
          if (i + 1 < c.length) {
            const next = (c[i + 1]! - c[i]!) / (RATIOS[i + 1]! - RATIOS[i]!);
            if (next - slope < worstConvexity.v) worstConvexity = { v: next - slope, at };
          }
        }
      }
    }
    expect(worstRise.v, worstRise.at).toBeLessThanOrEqual(1e-12);
    expect(worstConvexity.v, worstConvexity.at).toBeGreaterThanOrEqual(-1e-9);
    // Roger Lee's moment bound: far out, total variance over |k| stays below 2.
    for (const vvix of [60, 200, 400]) {
      const s = vixSurfaceFromVvix('2020-03-16', vvix);
      for (const days of [1, 30, 365, 730]) {
        for (const k of [-1e4, 1e4]) {
          expect((s.volAtK(days / 365, k) ** 2 * days) / 365 / 1e4, `VVIX ${vvix}, ${days} days, k ${k}`).toBeLessThan(
            1.97,
          );
        }
      }
    }
    // Where the tail hedge trades, the calibrated ratio 1 + 0.7k (calls) / 1 + 0.3k (puts) is kept
    // within 0.6% (VVIX 100, 30 days: below where the wings are capped).
    const s = vixSurfaceFromVvix('2020-03-16', 100);
    for (let k = -0.5; k <= 0.7; k += 0.01) {
      const ratio = s.volAtK(30 / 365, k) / s.atmVol(30 / 365);
      expect(Math.abs(ratio / (1 + (k >= 0 ? 0.7 : 0.3) * k) - 1), `k ${k.toFixed(2)}`).toBeLessThan(0.006);
    }
  });
});
