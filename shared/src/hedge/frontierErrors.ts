/**
 * The frontier's standard errors: how far a CVaR 95 on down paths, or the gap between two books'
 * on the same paths, moves from one set of paths to another. As the Monte Carlo's
 * (scenario/statistics.ts `cvarDifferenceStdError`): each path's influence on the tail mean,
 * ψ(y) = −min(y − q, 0)/p − q − CVaR over the down paths (q the k-th worst P&L, p = k / down
 * paths), here as a share of the down paths (n / down paths on a down path, 0 on the others: the
 * set of down paths is random too), the two books' influences differenced path by path and
 * averaged over antithetic pairs (2j, 2j + 1) when the run pairs them. Books that move together, as
 * two hedges of one condor book do, differ far less than either CVaR's own error.
 */
import { sampleMeanStdError } from '../scenario/statistics';
import type { FrontierPartial } from './frontierTypes';
import type { Scorer } from './frontierSearch';

/** A CVaR 95 on down paths within twice its standard error is the paths' noise. */
export const NOISE_STD_ERRORS = 2;

export interface FrontierErrors {
  /** Standard error of CVaR(a) − CVaR(b) on the same paths (units as the scorer's components); null when the tail holds fewer than 2 paths. */
  gap(a: readonly number[], b: readonly number[]): number | null;
  /** Standard error of CVaR(a) alone. */
  own(a: readonly number[]): number | null;
}

/** The standard errors of the books of `sc` (scored on the down paths of `p`). */
export function frontierErrors(p: FrontierPartial, sc: Scorer): FrontierErrors {
  const n = p.pathCount;
  const nd = sc.downPaths;
  const k = sc.tail;
  const down: number[] = [];
  for (let j = 0; j < n; j++) if (p.spxEnd[j]! < p.spot0) down.push(j);
  const memo = new Map<string, Float64Array>();
  // Each down path's influence on the book's CVaR, as a share of the down paths.
  const influence = (units: readonly number[]): Float64Array => {
    const key = units.join(',');
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const y = Float64Array.from(sc.condor);
    units.forEach((u, c) => {
      if (u === 0) return;
      const h = sc.hedges[c]!;
      for (let j = 0; j < nd; j++) y[j] = y[j]! + u * h[j]!;
    });
    const sorted = Float64Array.from(y).sort();
    const q = sorted[k - 1]!;
    let worst = 0;
    for (let i = 0; i < k; i++) worst += sorted[i]!;
    const cvar = -worst / k;
    const share = k / nd;
    const scale = n / nd;
    const psi = y.map((x) => scale * (-(x < q ? (x - q) / share : 0) - q - cvar));
    memo.set(key, psi);
    return psi;
  };
  const error = (d: (j: number) => number): number | null => {
    if (k < 2) return null;
    const full = new Float64Array(n);
    down.forEach((j, i) => (full[j] = d(i)));
    return sampleMeanStdError(full, p.firstPath, p.antithetic);
  };
  return {
    gap(a, b) {
      const ia = influence(a);
      const ib = influence(b);
      return error((i) => ia[i]! - ib[i]!);
    },
    own(a) {
      const ia = influence(a);
      return error((i) => ia[i]!);
    },
  };
}
