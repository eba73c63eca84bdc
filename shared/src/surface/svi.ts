/**
 * Raw SVI (Gatheral 2004): total implied variance of one expiry as a function of log-moneyness
 * k = ln(K/F),
 *
 *   w(k) = a + b·(ρ·(k − m) + √((k − m)² + σ²)),
 *
 * its butterfly-arbitrage density g(k) (Gatheral & Jacquier 2014, eq. 2.1) and a weighted fit.
 * The fit is the quasi-explicit method (Zeliade 2009): for fixed (m, σ) the model is linear in
 * (a, bσ, ρbσ), solved exactly; (m, σ) are searched by Nelder-Mead. Butterfly arbitrage
 * (g < 0 on the check grid), a negative minimum variance and a crossing of the previous slice
 * (calendar arbitrage) are penalised, and a final Nelder-Mead on all five parameters repairs what
 * the two-parameter search could not.
 */

export interface SviParams {
  a: number;
  b: number;
  rho: number;
  m: number;
  sigma: number;
}

/** Total variance w(k). */
export function sviVariance(p: SviParams, k: number): number {
  const x = k - p.m;
  return p.a + p.b * (p.rho * x + Math.sqrt(x * x + p.sigma * p.sigma));
}

/**
 * Gatheral's g(k) = (1 − k·w'/(2w))² − (w'²/4)·(1/w + 1/4) + w''/2; a slice is free of butterfly
 * arbitrage where g ≥ 0 (and w > 0). Returns −Infinity where w ≤ 0.
 */
export function sviDensityG(p: SviParams, k: number): number {
  const x = k - p.m;
  const r = Math.sqrt(x * x + p.sigma * p.sigma);
  const w = p.a + p.b * (p.rho * x + r);
  if (!(w > 0)) return -Infinity;
  const w1 = p.b * (p.rho + x / r);
  const w2 = (p.b * p.sigma * p.sigma) / (r * r * r);
  const t = 1 - (k * w1) / (2 * w);
  return t * t - 0.25 * w1 * w1 * (1 / w + 0.25) + 0.5 * w2;
}

/**
 * Log-moneyness grid on which arbitrage is checked: [−2, 1] (strikes 14%-272% of the forward),
 * 151 points, plus `extra` points (the quoted strikes, a fine grid around the money).
 */
export function arbitrageGrid(extra: readonly number[] = []): Float64Array {
  const n = 151;
  const out = new Float64Array(n + extra.length);
  for (let i = 0; i < n; i++) out[i] = -2 + (3 * i) / (n - 1);
  for (let i = 0; i < extra.length; i++) out[n + i] = extra[i]!;
  return out;
}

/**
 * Offsets, in units of the SVI σ, of the points around m where g is also checked: the curvature
 * of a short-dated slice sits within a few σ of m, which may be narrower than the grid's step.
 */
const LOCAL_OFFSETS = Float64Array.from({ length: 81 }, (_, i) => -10 + i * 0.25);

/** Smallest g(k) on the grid and around m (negative = butterfly arbitrage). */
export function minDensityG(p: SviParams, grid: Float64Array): { g: number; k: number } {
  let g = Infinity;
  let at = 0;
  for (let i = 0; i < grid.length; i++) {
    const v = sviDensityG(p, grid[i]!);
    if (v < g) {
      g = v;
      at = grid[i]!;
    }
  }
  for (let i = 0; i < LOCAL_OFFSETS.length; i++) {
    const k = p.m + p.sigma * LOCAL_OFFSETS[i]!;
    const v = sviDensityG(p, k);
    if (v < g) {
      g = v;
      at = k;
    }
  }
  return { g, k: at };
}

/** Data of one slice to fit: log-moneyness, total variance, weights on the variance residual. */
export interface SviFitData {
  k: Float64Array;
  w: Float64Array;
  weight: Float64Array;
}

export interface SviFitOptions {
  /** Total variance of the previous (shorter) slice on `grid`; the fit stays at or above it. */
  floor?: Float64Array;
  grid: Float64Array;
}

const PENALTY = 1e6;

/** Penalty for butterfly arbitrage, negative variance, wing slope over Lee's bound, calendar crossing. */
function arbitragePenalty(p: SviParams, o: SviFitOptions, scale: number): number {
  let pen = 0;
  if (p.b * (1 + Math.abs(p.rho)) > 2) pen += p.b * (1 + Math.abs(p.rho)) - 2;
  const minW = p.a + p.b * p.sigma * Math.sqrt(Math.max(0, 1 - p.rho * p.rho));
  if (minW < 0) pen += -minW / scale;
  for (let i = 0; i < LOCAL_OFFSETS.length; i++) {
    const g = sviDensityG(p, p.m + p.sigma * LOCAL_OFFSETS[i]!);
    if (g < 0) pen += g === -Infinity ? 1 : -g;
  }
  const grid = o.grid;
  for (let i = 0; i < grid.length; i++) {
    const g = sviDensityG(p, grid[i]!);
    if (g < 0) pen += g === -Infinity ? 1 : -g;
    if (o.floor) {
      const d = o.floor[i]! - sviVariance(p, grid[i]!);
      if (d > 0) pen += d / scale;
    }
  }
  return pen;
}

/** Exact arbitrage check on every grid point (no stride). */
export function sviViolations(
  p: SviParams,
  grid: Float64Array,
  floor?: Float64Array,
): { minG: number; minGAt: number; maxCalendarGap: number; calendarAt: number } {
  const { g, k } = minDensityG(p, grid);
  let gap = 0;
  let at = 0;
  if (floor) {
    for (let i = 0; i < grid.length; i++) {
      const d = floor[i]! - sviVariance(p, grid[i]!);
      if (d > gap) {
        gap = d;
        at = grid[i]!;
      }
    }
  }
  return { minG: g, minGAt: k, maxCalendarGap: gap, calendarAt: at };
}

function weightedSse(p: SviParams, d: SviFitData): number {
  let s = 0;
  for (let i = 0; i < d.k.length; i++) {
    const r = (sviVariance(p, d.k[i]!) - d.w[i]!) * d.weight[i]!;
    s += r * r;
  }
  return s;
}

/** Solves a symmetric 3×3 system by Cramer's rule; null when singular. */
function solve3(
  a11: number,
  a12: number,
  a13: number,
  a22: number,
  a23: number,
  a33: number,
  b1: number,
  b2: number,
  b3: number,
): [number, number, number] | null {
  const c11 = a22 * a33 - a23 * a23;
  const c12 = a13 * a23 - a12 * a33;
  const c13 = a12 * a23 - a13 * a22;
  const det = a11 * c11 + a12 * c12 + a13 * c13;
  if (!(Math.abs(det) > 1e-300)) return null;
  const c22 = a11 * a33 - a13 * a13;
  const c23 = a12 * a13 - a11 * a23;
  const c33 = a11 * a22 - a12 * a12;
  return [
    (c11 * b1 + c12 * b2 + c13 * b3) / det,
    (c12 * b1 + c22 * b2 + c23 * b3) / det,
    (c13 * b1 + c23 * b2 + c33 * b3) / det,
  ];
}

/**
 * Inner step: for fixed m, σ, the best a, c = bσ, d = ρbσ by weighted least squares
 * (w ≈ a + d·y + c·√(y² + 1), y = (k − m)/σ), within c ≥ 0 and |d| ≤ c: when the free solution
 * leaves that set, the better of the edges d = ±c.
 */
function innerFit(m: number, sigma: number, d: SviFitData): SviParams | null {
  const n = d.k.length;
  let s1 = 0,
    sy = 0,
    sz = 0,
    syy = 0,
    syz = 0,
    szz = 0,
    sw = 0,
    syw = 0,
    szw = 0;
  for (let i = 0; i < n; i++) {
    const y = (d.k[i]! - m) / sigma;
    const z = Math.sqrt(y * y + 1);
    const q = d.weight[i]! * d.weight[i]!;
    const w = d.w[i]!;
    s1 += q;
    sy += q * y;
    sz += q * z;
    syy += q * y * y;
    syz += q * y * z;
    szz += q * z * z;
    sw += q * w;
    syw += q * y * w;
    szw += q * z * w;
  }
  const free = solve3(s1, sy, sz, syy, syz, szz, sw, syw, szw);
  if (free) {
    const [a, dd, c] = free;
    if (c > 0 && Math.abs(dd) <= c) return { a, b: c / sigma, rho: dd / c, m, sigma };
  }
  // Edges d = ±c: w ≈ a + c·(±y + z), a 2×2 system each.
  let best: SviParams | null = null;
  let bestErr = Infinity;
  for (const sg of [1, -1]) {
    const su = sg * sy + sz;
    const suu = syy + 2 * sg * syz + szz;
    const suw = sg * syw + szw;
    const det = s1 * suu - su * su;
    if (!(det > 1e-300)) continue;
    let c = (s1 * suw - su * sw) / det;
    let a = (sw - c * su) / s1;
    if (!(c > 0)) {
      c = 0;
      a = sw / s1;
    }
    const p: SviParams = { a, b: c / sigma, rho: sg, m, sigma };
    const e = weightedSse(p, d);
    if (e < bestErr) {
      bestErr = e;
      best = p;
    }
  }
  return best;
}

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

/**
 * Weighted SVI fit of one slice, free of butterfly arbitrage on the grid when the data allow;
 * the caller checks what remains with {@link sviViolations} and reports it.
 */
export function fitSvi(d: SviFitData, o: SviFitOptions): SviParams {
  let kLo = Infinity;
  let kHi = -Infinity;
  let wMax = 0;
  let sw = 0;
  for (let i = 0; i < d.k.length; i++) {
    kLo = Math.min(kLo, d.k[i]!);
    kHi = Math.max(kHi, d.k[i]!);
    wMax = Math.max(wMax, d.w[i]!);
    sw += d.weight[i]! * d.weight[i]! * d.w[i]! * d.w[i]!;
  }
  const scale = Math.max(wMax, 1e-8);
  const errScale = Math.max(sw, 1e-300);
  const width = Math.max(kHi - kLo, 1e-3);
  const search = (penalised: boolean): SviParams => {
    const objective = (x: ArrayLike<number>): number => {
      const m = x[0]!;
      const sigma = Math.exp(x[1]!);
      if (!(sigma > 1e-4 * width) || sigma > 10 * width || m < kLo - width || m > kHi + width) return 1e30;
      const p = innerFit(m, sigma, d);
      if (!p) return 1e30;
      const e = weightedSse(p, d) / errScale;
      return penalised ? e + PENALTY * arbitragePenalty(p, o, scale) : e;
    };
    let best: number[] = [0, Math.log(0.1 * width)];
    let bestVal = Infinity;
    for (const [m0, s0] of [
      [kHi - 0.3 * width, 0.1],
      [kLo + 0.5 * width, 0.3],
    ] as const) {
      const x = nelderMead(objective, [m0, Math.log(s0 * width)], [0.15 * width, 0.7], 200, 1e-10);
      const v = objective(x);
      if (v < bestVal) {
        bestVal = v;
        best = x;
      }
    }
    return innerFit(best[0]!, Math.exp(best[1]!), d) ?? { a: wMax, b: 0, rho: 0, m: 0, sigma: 0.1 };
  };
  let p = search(false);
  if (arbitragePenalty(p, o, scale) === 0) return p;
  p = search(true);
  if (arbitragePenalty(p, o, scale) === 0) return p;
  // Repair on all five parameters, from the two-parameter optimum.
  const objective5 = (x: ArrayLike<number>): number => {
    const q: SviParams = { a: x[0]!, b: Math.exp(x[1]!), rho: Math.tanh(x[2]!), m: x[3]!, sigma: Math.exp(x[4]!) };
    return weightedSse(q, d) / errScale + PENALTY * arbitragePenalty(q, o, scale);
  };
  const x0 = [
    p.a,
    Math.log(Math.max(p.b, 1e-6)),
    Math.atanh(Math.max(-0.999, Math.min(0.999, p.rho))),
    p.m,
    Math.log(p.sigma),
  ];
  const x = nelderMead(objective5, x0, [0.1 * scale, 0.3, 0.3, 0.1 * width, 0.3], 1500, 0);
  return { a: x[0]!, b: Math.exp(x[1]!), rho: Math.tanh(x[2]!), m: x[3]!, sigma: Math.exp(x[4]!) };
}
