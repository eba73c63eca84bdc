/** A small derivative-free minimiser for the surface fits. */

/**
 * Nelder-Mead minimiser (small dimensions): reflection 1, expansion 2, contraction ½, shrink ½;
 * stops when the simplex's values agree to `tol` (relative) or after `maxEval` evaluations.
 * The simplex lives in preallocated arrays (no allocation per step); `f` receives a scratch
 * array it must not keep.
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: readonly number[],
  step: readonly number[],
  maxEval: number,
  tol = 1e-12,
): number[] {
  const n = x0.length;
  // simplex[i] = the vertex in slot i; order[r] = the slot of the r-th best vertex.
  const simplex: Float64Array[] = [];
  const values = new Float64Array(n + 1);
  const order = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const x = Float64Array.from(x0);
    if (i > 0) x[i - 1]! += step[i - 1]!;
    simplex.push(x);
    values[i] = f(x);
    order[i] = i;
  }
  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);
  /** out = centroid + t·(worst − centroid). */
  const along = (t: number, out: Float64Array): Float64Array => {
    const worst = simplex[order[n]!]!;
    for (let j = 0; j < n; j++) out[j] = centroid[j]! + t * (worst[j]! - centroid[j]!);
    return out;
  };
  /** Puts `x` (value v) in the worst vertex's slot. */
  const replaceWorst = (x: Float64Array, v: number): void => {
    simplex[order[n]!]!.set(x);
    values[order[n]!] = v;
  };
  let evals = n + 1;
  while (evals < maxEval) {
    // Stable insertion sort of the slots by value (ties keep the previous order).
    for (let i = 1; i <= n; i++) {
      const slot = order[i]!;
      const v = values[slot]!;
      let r = i - 1;
      while (r >= 0 && values[order[r]!]! > v) {
        order[r + 1] = order[r]!;
        r--;
      }
      order[r + 1] = slot;
    }
    const best = values[order[0]!]!;
    const worstValue = values[order[n]!]!;
    if (Math.abs(worstValue - best) <= tol * (Math.abs(best) + tol)) break;
    centroid.fill(0);
    for (let r = 0; r < n; r++) {
      const x = simplex[order[r]!]!;
      for (let j = 0; j < n; j++) centroid[j]! += x[j]! / n;
    }
    const fr = f(along(-1, xr));
    evals++;
    if (fr < best) {
      const fe = f(along(-2, xe));
      evals++;
      if (fe < fr) replaceWorst(xe, fe);
      else replaceWorst(xr, fr);
    } else if (fr < values[order[n - 1]!]!) {
      replaceWorst(xr, fr);
    } else {
      const fc = f(along(fr < worstValue ? -0.5 : 0.5, xc));
      evals++;
      if (fc < Math.min(fr, worstValue)) replaceWorst(xc, fc);
      else {
        const x0b = simplex[order[0]!]!;
        for (let r = 1; r <= n; r++) {
          const x = simplex[order[r]!]!;
          for (let j = 0; j < n; j++) x[j] = x0b[j]! + 0.5 * (x[j]! - x0b[j]!);
          values[order[r]!] = f(x);
          evals++;
        }
      }
    }
  }
  let bi = order[0]!;
  for (let r = 1; r <= n; r++) if (values[order[r]!]! < values[bi]!) bi = order[r]!;
  return Array.from(simplex[bi]!);
}
