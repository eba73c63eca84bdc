/**
 * The frontier's standard errors: how far a CVaR 95 on down paths, or the gap between two books'
 * on the same paths, moves from one set of paths to another. As the Monte Carlo's
 * (scenario/statistics.ts `cvarDifferenceStdError`): each path's influence on the tail mean,
 * ψ(y) = −min(y − q, 0)/p − q − CVaR over the down paths (q the k-th worst P&L, p = k / down
 * paths), here as a share of the down paths (n / down paths on a down path, 0 on the others: the
 * set of down paths is random too), the two books' influences differenced path by path and
 * averaged over antithetic pairs (2j, 2j + 1) when the run pairs them. Books that move together, as
 * two hedges of one condor book often do, differ by less than either CVaR's own error; not always
 * (a gap between two different hedges can exceed the unhedged CVaR's own error).
 *
 * Where a book's tail ends at a plateau's edge (the condors' max loss held by about as many down
 * paths as the tail, within 3√k: scenario/tailBootstrap.ts `nearTailKink`), the sample CVaR
 * crosses a kink from one set of paths to another and the influence function reads 0 or far too
 * little; there the error of that book, and of any gap it is in, is a bootstrap's over the same
 * sampling units (deterministic, and the same from merged chunks).
 */
import { sampleMeanStdError, spreadOfNone, tailPathCount } from '../scenario/statistics';
import { lazyTailBootstrap, nearTailKink, replicateStdDev } from '../scenario/tailBootstrap';
import { FRONTIER_CVAR_LEVEL } from './frontierTypes';
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

interface Book {
  /** P&L on each down path. */
  y: Float64Array;
  /** Influence on the CVaR of each down path, as a share of the down paths. */
  psi: Float64Array;
  /** `y` in ascending order. */
  sorted: Float64Array;
  /** Whether the tail ends near a plateau's edge (scenario/tailBootstrap.ts): the error is bootstrapped. */
  kink: boolean;
}

/** The standard errors of the books of `sc` (scored on the down paths of `p`). */
export function frontierErrors(p: FrontierPartial, sc: Scorer): FrontierErrors {
  const n = p.pathCount;
  const nd = sc.downPaths;
  const k = sc.tail;
  const down: number[] = [];
  for (let j = 0; j < n; j++) if (p.spxEnd[j]! < p.spot0) down.push(j);
  const memo = new Map<string, Book>();
  // Each down path's P&L and influence on the book's CVaR, as a share of the down paths.
  const book = (units: readonly number[]): Book => {
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
    const b: Book = { y, psi, sorted, kink: nearTailKink(sorted, k) };
    memo.set(key, b);
    return b;
  };
  const boot = lazyTailBootstrap(
    () => down.map((j) => p.firstPath + j),
    p.antithetic,
    (w) => tailPathCount(w, FRONTIER_CVAR_LEVEL),
  );
  // Each bootstrap replicate's CVaR of a book on a plateau's edge, kept per book by the bootstrap.
  const replicates = (b: Book): Float64Array => boot().replicates(b.y, b.sorted);
  const error = (d: (j: number) => number): number | null => {
    if (k < 2) return null;
    const full = new Float64Array(n);
    down.forEach((j, i) => (full[j] = d(i)));
    const se = sampleMeanStdError(full, p.firstPath, p.antithetic);
    // influences equal on every path (a book against itself, a tail all on the max loss) leave
    // rounding, 7.7e-13 where the spread is none: 0, as the docs state it
    return spreadOfNone(se);
  };
  return {
    gap(a, b) {
      const [ba, bb] = [book(a), book(b)];
      if (k >= 2 && (ba.kink || bb.kink)) {
        const [ra, rb] = [replicates(ba), replicates(bb)];
        return replicateStdDev(ra.map((x, r) => x - rb[r]!));
      }
      return error((i) => ba.psi[i]! - bb.psi[i]!);
    },
    own(a) {
      const ba = book(a);
      if (k >= 2 && ba.kink) return replicateStdDev(replicates(ba));
      return error((i) => ba.psi[i]!);
    },
  };
}
