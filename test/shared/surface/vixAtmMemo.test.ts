import { describe, expect, it } from 'vitest';
import { VIX_TERM_EXPONENT, vixSmileRatio, vixSurfaceFromVvix } from '@alvh/shared/surface';

/** The rule of the module comment, computed afresh (no memo). */
function ruleVol(vvix: number, t: number, k: number): number {
  const atm = (vvix / 100) * Math.pow(Math.max(t, 7 / 365) / (30 / 365), -VIX_TERM_EXPONENT);
  return atm * vixSmileRatio(atm * atm * t, k);
}

describe('VIX-option surface from VVIX: remembered ATM vols', () => {
  // Whole days, the Monte Carlo's d/365 − 7/365 beside them (two times rounding to the same day),
  // short times under the 7-day floor, times beyond the memo (3650 days) and between days.
  const times: number[] = [];
  for (let d = 0; d <= 120; d++) times.push(d / 365, d / 365 - 7 / 365, (d + 0.37) / 365);
  times.push(3650 / 365, 3651 / 365, 9000 / 365, 1e-9, 0.5 / 365);
  const positive = times.filter((t) => t > 0);

  it('equal the rule bit for bit on first and repeated calls, in any order', () => {
    const s = vixSurfaceFromVvix('2026-11-20', 95);
    for (let pass = 0; pass < 3; pass++) {
      const order = pass === 1 ? [...positive].reverse() : positive;
      for (const t of order)
        for (const k of [-0.4, 0, 0.25]) expect(Object.is(s.volAtK(t, k), ruleVol(95, t, k))).toBe(true);
    }
    expect(s.atmVol(45 / 365)).toBe(ruleVol(95, 45 / 365, 0));
  });

  it('keep three times that round to one day apart (the third is computed, never confused)', () => {
    const s = vixSurfaceFromVvix('2026-11-20', 120);
    const ts = [41 / 365, 48 / 365 - 7 / 365, (41 + 1e-6) / 365];
    expect(ts[0]).not.toBe(ts[1]); // distinct doubles, one whole day
    for (let pass = 0; pass < 4; pass++)
      for (const t of ts) expect(Object.is(s.atmVol(t), ruleVol(120, t, 0))).toBe(true);
    expect(new Set(ts.map((t) => s.atmVol(t))).size).toBeGreaterThan(1);
  });

  it('are per surface: two VVIX levels never share a value', () => {
    const a = vixSurfaceFromVvix('2026-11-20', 80);
    const b = vixSurfaceFromVvix('2026-11-20', 160);
    expect(a.atmVol(30 / 365)).toBe(0.8);
    expect(b.atmVol(30 / 365)).toBe(1.6);
    expect(a.atmVol(30 / 365)).toBe(0.8);
  });
});
