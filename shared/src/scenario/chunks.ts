/**
 * Chunks of one path-range run (Monte Carlo, frontier): each covers paths
 * [firstPath, firstPath + pathCount) of the same seed, and chunks merge by concatenation in path
 * order. One home for the two rules every merge applies: contiguity and concatenation.
 */
import { invalidInput } from '../errors';

interface PathRange {
  firstPath: number;
  pathCount: number;
}

/**
 * Checks chunks already sorted by `firstPath`: `check(p, k)` first (same run, well formed), then
 * that each starts where the one before ends. Returns the total path count. `placeOf(k)` is the
 * sorted chunk's place in the caller's list (default k), which the messages name.
 * @throws AlvhError `invalid_input` naming `parts[i].firstPath` on a gap or an overlap
 */
export function checkContiguous<P extends PathRange>(
  sorted: readonly P[],
  check: (p: P, k: number) => void,
  placeOf: (k: number) => number = (k) => k,
): number {
  let next = sorted[0]!.firstPath;
  let total = 0;
  sorted.forEach((p, k) => {
    check(p, k);
    if (p.firstPath !== next) {
      throw invalidInput(
        `parts[${placeOf(k)}].firstPath`,
        `is ${p.firstPath}, expected ${next}`,
        'merge contiguous chunks with no gap or overlap',
      );
    }
    next += p.pathCount;
    total += p.pathCount;
  });
  return total;
}

/** One per-path array of the merged run: each chunk's array (typed or plain) in path order. */
export function concatChunks<P extends PathRange, T extends Float64Array | Uint16Array>(
  sorted: readonly P[],
  total: number,
  pick: (p: P) => ArrayLike<number>,
  ArrayType: new (n: number) => T,
): T {
  const out = new ArrayType(total);
  let at = 0;
  for (const p of sorted) {
    out.set(pick(p), at);
    at += p.pathCount;
  }
  return out;
}
