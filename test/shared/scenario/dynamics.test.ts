import { describe, expect, it } from 'vitest';
import { DAY, JointPath, expectedVix, resolveDynamics, type DynamicsParams } from '@alvh/shared';
import { PathDraws } from '@alvh/shared';

const base: DynamicsParams = {
  spot: 5000,
  vix: 32,
  kappa: 8,
  theta: 20,
  xi: 5,
  rho: -0.7,
  realizedToImplied: 0.85,
  rate: 0.04,
  divYield: 0.013,
  jumpIntensity: 2,
  jumpMeanVix: 8,
  spxJumpPerVixPoint: 1 / 150,
};

/** Mean and standard error of VIX and SPX at each horizon (days) over `paths` paths. */
function simulate(p: DynamicsParams, paths: number, horizons: number[], seed = 7) {
  const d = resolveDynamics(p);
  const path = new JointPath(d);
  const r = new PathDraws();
  const last = Math.max(...horizons);
  const sv = new Float64Array(last + 1);
  const qv = new Float64Array(last + 1);
  const ss = new Float64Array(last + 1);
  const qs = new Float64Array(last + 1);
  for (let i = 0; i < paths; i++) {
    path.reset();
    r.key(seed, i);
    for (let t = 0; t < last; t++) {
      r.step(t);
      path.advance(r, 1);
      sv[t + 1]! += path.v;
      qv[t + 1]! += path.v * path.v;
      const s = path.spot;
      ss[t + 1]! += s;
      qs[t + 1]! += s * s;
    }
  }
  return horizons.map((h) => {
    const mv = sv[h]! / paths;
    const ms = ss[h]! / paths;
    return {
      h,
      vix: mv,
      vixSe: Math.sqrt((qv[h]! / paths - mv * mv) / paths),
      spx: ms,
      spxSe: Math.sqrt((qs[h]! / paths - ms * ms) / paths),
    };
  });
}

describe('resolveDynamics', () => {
  it('lowers the diffusion target by what the jumps add: θ′ → θ − λJ/κ', () => {
    const d = resolveDynamics(base);
    const p = 1 - Math.exp(-2 * DAY);
    expect(d.thetaPrime).toBeCloseTo(20 - (p * 8) / (1 - Math.exp(-8 * DAY)), 12);
    expect(d.thetaPrime).toBeCloseTo(20 - (2 * 8) / 8, 1);
  });

  it.each([
    ['kappa', { kappa: -1 }, 'model.kappa'],
    ['rho', { rho: 1.5 }, 'model.rho'],
    ['xi', { xi: Number.NaN }, 'model.xi'],
    ['jumps above θ', { jumpIntensity: 20, jumpMeanVix: 10 }, 'model.jumpIntensity'],
    ['spot', { spot: 0 }, 'spot'],
  ])('rejects %s naming the field', (_l, patch, field) => {
    expect(() => resolveDynamics({ ...base, ...patch })).toThrowError(expect.objectContaining({ field }));
  });

  it('says θ rounded when the jumps alone lift VIX above it (a fitted θ has 15 digits)', () => {
    const p = { ...base, theta: 21.8513602528464, jumpIntensity: 20, jumpMeanVix: 10 };
    expect(() => resolveDynamics(p)).toThrowError(
      expect.objectContaining({
        problem: 'with jumps of mean 10 points at 20 per year the jumps alone lift VIX above θ = 21.85',
      }),
    );
  });
});

describe('joint SPX/VIX paths', () => {
  const horizons = [1, 5, 10, 21, 45, 90];

  it.each([
    ['with jumps', base],
    ['without jumps', { ...base, jumpIntensity: 0 }],
    ['from below θ', { ...base, vix: 13 }],
  ])('mean VIX at each horizon is within 3 standard errors of F(τ) (%s)', (_l, p) => {
    for (const r of simulate(p, 20_000, horizons)) {
      const f = expectedVix(p, r.h * DAY);
      expect(Math.abs(r.vix - f), `day ${r.h}: ${r.vix} vs ${f} (se ${r.vixSe})`).toBeLessThan(3 * r.vixSe);
    }
  });

  it('mean SPX is the forward S₀e^((r−q)t) within 3 standard errors (jumps compensated)', () => {
    for (const r of simulate(base, 20_000, horizons, 11)) {
      const f = base.spot * Math.exp((base.rate - base.divYield) * r.h * DAY);
      expect(Math.abs(r.spx - f), `day ${r.h}`).toBeLessThan(3 * r.spxSe);
    }
  });

  it('a test that can fail: without the jump compensation in θ′ the mean VIX misses F(τ)', () => {
    const p = { ...base, jumpIntensity: 4 };
    const d = resolveDynamics(p);
    const sim = simulate(p, 20_000, [45])[0]!;
    // Mean with the uncompensated target θ would be higher by about λJ/κ·(1 − e^(−κt)) ≈ 3.9 points.
    const biased = expectedVix(p, 45 * DAY) + (p.theta - d.thetaPrime) * (1 - Math.exp(-p.kappa * 45 * DAY));
    expect(Math.abs(sim.vix - biased)).toBeGreaterThan(10 * sim.vixSe);
  });

  it('antithetic twins negate the diffusion shocks and share the jumps', () => {
    const d = resolveDynamics(base);
    const a = new JointPath(d);
    const b = new JointPath(d);
    const r = new PathDraws();
    r.key(1, 0);
    r.step(0);
    a.advance(r, 1);
    b.advance(r, -1);
    expect(a.jumped).toBe(false);
    const mid = d.thetaPrime + (base.vix - d.thetaPrime) * d.decay;
    expect((a.v + b.v) / 2).toBeCloseTo(mid, 12);
    expect(a.v).not.toBeCloseTo(mid, 3);
  });
});
