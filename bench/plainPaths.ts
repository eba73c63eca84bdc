/**
 * The square-root (sqrt-legacy) joint SPX/VIX dynamics the benchmarks time as the baseline: one
 * parameter set and one path loop, shared by the Monte Carlo and the log-VIX model benchmarks.
 */
import { JointPath, PathDraws, resolveDynamics, type DynamicsParams } from '@alvh/shared';

/** The baseline's parameters (SPX 6600, VIX 17.5 reverting to 21 at κ 6). */
export const PLAIN_DYNAMICS: DynamicsParams = {
  spot: 6600,
  vix: 17.5,
  kappa: 6,
  theta: 21,
  xi: 4,
  rho: -0.7,
  realizedToImplied: 0.85,
  rate: 0.04,
  divYield: 0.013,
  jumpIntensity: 1,
  jumpMeanVix: 8,
  spxJumpPerVixPoint: 1 / 150,
};

/** `paths` paths of `days` daily steps from path `first`; returns a checksum (sum of ln S at the end). */
export function plainPaths(first: number, paths: number, days: number): number {
  const path = new JointPath(resolveDynamics(PLAIN_DYNAMICS));
  const r = new PathDraws();
  let sink = 0;
  for (let i = first; i < first + paths; i++) {
    path.reset();
    r.key(1, i);
    for (let t = 0; t < days; t++) {
      r.step(t);
      path.advance(r, 1);
    }
    sink += path.logSpot;
  }
  return sink;
}
