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

  it('moved by a vol-of-vol scale (a scenario, a state, a stressed vol of vol), calls still fall and are convex', () => {
    // Scaling the vols at fixed k kept the φ capped for the unmoved variance: VVIX 160 × 2 at 50
    // days priced the 200 call above the 100 call (8.185 against 8.036 on a future of 20), and
    // VVIX 90 × 3 at 120 days likewise. The move now caps φ at the moved variance.
    const rise = { v: -Infinity, at: '' };
    const convexity = { v: Infinity, at: '' };
    for (const vvix of [60, 90, 120, 160, 200]) {
      const s = vixSurfaceFromVvix('2020-03-16', vvix);
      for (const days of [7, 20, 50, 120, 250]) {
        const t = days / 365;
        for (const scale of [0.5, 0.8, 1.5, 2, 3]) {
          const c = RATIOS.map((x) => blackFormula(true, 1, x, s.volAtKScaled(t, Math.log(x), scale) * Math.sqrt(t)));
          for (let i = 1; i < c.length; i++) {
            const at = `VVIX ${vvix} × ${scale}, ${days} days, K/F ${RATIOS[i]!.toFixed(3)}`;
            const slope = (c[i]! - c[i - 1]!) / (RATIOS[i]! - RATIOS[i - 1]!);
            if (slope > rise.v) Object.assign(rise, { v: slope, at });
            if (i + 1 < c.length) {
              const next = (c[i + 1]! - c[i]!) / (RATIOS[i + 1]! - RATIOS[i]!);
              if (next - slope < convexity.v) Object.assign(convexity, { v: next - slope, at });
            }
          }
        }
      }
    }
    expect(rise.v, rise.at).toBeLessThanOrEqual(1e-12);
    expect(convexity.v, convexity.at).toBeGreaterThanOrEqual(-1e-9);
  });

  it('is the surface of VVIX × scale, and scale × volAtK to the bit where no cap binds', () => {
    const s = vixSurfaceFromVvix('2020-03-16', 160);
    const moved = vixSurfaceFromVvix('2020-03-16', 320);
    for (const days of [20, 50, 120])
      for (const k of [-0.3, 0, 0.4, 1.5]) {
        const t = days / 365;
        expect(s.volAtKScaled(t, k, 2)).toBeCloseTo(moved.volAtK(t, k), 12);
        expect(Object.is(s.volAtKScaled(t, k, 1), s.volAtK(t, k))).toBe(true);
      }
    // VVIX 95 at 30 days, moved by 1.3: no cap binds, the old rule's bits
    const low = vixSurfaceFromVvix('2020-03-16', 95);
    for (const k of [-0.3, 0, 0.4])
      expect(Object.is(low.volAtKScaled(30 / 365, k, 1.3), 1.3 * low.volAtK(30 / 365, k))).toBe(true);
  });
});
