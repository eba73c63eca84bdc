/**
 * Chunks of one path-range run (Monte Carlo, frontier): each covers paths
 * [firstPath, firstPath + pathCount) of the same seed, and chunks merge by concatenation in path
 * order. One home for the two rules every merge applies: contiguity and concatenation.
 */
import { invalidInput } from '../errors';

/** Paths [firstPath, firstPath + pathCount) of a run. */
export interface PathRange {
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

/**
 * Checks that contiguous chunks covering paths [from, from + total) make up `want` exactly: the
 * whole run, or the range a caller asked for. A chunk left out at either end is refused like a gap
 * between chunks, naming the paths missing.
 * @throws AlvhError `invalid_input` naming `parts`
 */
export function checkCovers(from: number, total: number, want: PathRange, what: string): void {
  const to = from + total;
  const end = want.firstPath + want.pathCount;
  if (from === want.firstPath && to === end) return;
  const missing = [
    ...(from > want.firstPath ? [`[${want.firstPath}, ${Math.min(from, end)})`] : []),
    ...(to < end ? [`[${Math.max(to, want.firstPath)}, ${end})`] : []),
  ];
  const outside = from < want.firstPath || to > end ? `; they reach outside it` : '';
  throw invalidInput(
    'parts',
    `cover paths [${from}, ${to}) of ${what} [${want.firstPath}, ${end})` +
      (missing.length > 0 ? `: paths ${missing.join(' and ')} are missing` : '') +
      outside,
    'merge every chunk of the run, from its first path to its last',
  );
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
