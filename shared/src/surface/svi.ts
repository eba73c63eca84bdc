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
import { nelderMead } from './nelderMead';
import { wingCurvature, wingSlope, wingValue, type SviWing } from './sviWing';

export interface SviParams {
  a: number;
  b: number;
  rho: number;
  m: number;
  sigma: number;
  /** Chain fits: the wing added below the lowest fitted strike (sviWing.ts); none: plain SVI. */
  putWing?: SviWing | undefined;
  /** Chain fits: the wing added above the highest fitted strike. */
  callWing?: SviWing | undefined;
}

/**
 * Total variance of the SVI alone from its five numbers. The kernels take numbers, not the
 * parameter object, so that the fit's objective (plain candidates only) and the surfaces (slices
 * with wings, of other object shapes) do not share the property loads the JIT specialises.
 */
function plainVariance(a: number, b: number, rho: number, m: number, sigma: number, k: number): number {
  const x = k - m;
  return a + b * (rho * x + Math.sqrt(x * x + sigma * sigma));
}

/** Total variance w(k), the wings included. */
export function sviVariance(p: SviParams, k: number): number {
  let w = plainVariance(p.a, p.b, p.rho, p.m, p.sigma, k);
  const pw = p.putWing;
  if (pw !== undefined && k < pw.k) w += wingValue(pw, pw.k - k);
  const cw = p.callWing;
  if (cw !== undefined && k > cw.k) w += wingValue(cw, k - cw.k);
  return w;
}

/** w'(k), the wings included. */
export function sviSlope(p: SviParams, k: number): number {
  const x = k - p.m;
  let w1 = p.b * (p.rho + x / Math.sqrt(x * x + p.sigma * p.sigma));
  const pw = p.putWing;
  if (pw !== undefined && k < pw.k) w1 -= wingSlope(pw, pw.k - k);
  const cw = p.callWing;
  if (cw !== undefined && k > cw.k) w1 += wingSlope(cw, k - cw.k);
  return w1;
}

/** The asymptotic slopes |dw/dk| of the left and right wings, the added wings included (Lee: each ≤ 2). */
export function sviWingSlopes(p: SviParams): { left: number; right: number } {
  return {
    left: p.b * (1 - p.rho) + (p.putWing?.beta ?? 0),
    right: p.b * (1 + p.rho) + (p.callWing?.beta ?? 0),
  };
}

/** Gatheral's g from w, w', w'' at k; −Infinity where w ≤ 0. */
function densityG(k: number, w: number, w1: number, w2: number): number {
  if (!(w > 0)) return -Infinity;
  const t = 1 - (k * w1) / (2 * w);
  return t * t - 0.25 * w1 * w1 * (1 / w + 0.25) + 0.5 * w2;
}

/** g of the SVI alone from its five numbers (see {@link plainVariance}). */
function plainDensityG(a: number, b: number, rho: number, m: number, sigma: number, k: number): number {
  const x = k - m;
  const r = Math.sqrt(x * x + sigma * sigma);
  return densityG(k, a + b * (rho * x + r), b * (rho + x / r), (b * sigma * sigma) / (r * r * r));
}

/**
 * Gatheral's g(k) = (1 − k·w'/(2w))² − (w'²/4)·(1/w + 1/4) + w''/2, the wings included; a slice is
 * free of butterfly arbitrage where g ≥ 0 (and w > 0). Returns −Infinity where w ≤ 0.
 */
export function sviDensityG(p: SviParams, k: number): number {
  const pw = p.putWing;
  const cw = p.callWing;
  const inPut = pw !== undefined && k < pw.k;
  const inCall = cw !== undefined && k > cw.k;
  if (!inPut && !inCall) return plainDensityG(p.a, p.b, p.rho, p.m, p.sigma, k);
  const x = k - p.m;
  const r = Math.sqrt(x * x + p.sigma * p.sigma);
  let w = p.a + p.b * (p.rho * x + r);
  let w1 = p.b * (p.rho + x / r);
  let w2 = (p.b * p.sigma * p.sigma) / (r * r * r);
  if (inPut) {
    const u = pw.k - k;
    w += wingValue(pw, u);
    w1 -= wingSlope(pw, u);
    w2 += wingCurvature(pw, u);
  }
  if (inCall) {
    const u = k - cw.k;
    w += wingValue(cw, u);
    w1 += wingSlope(cw, u);
    w2 += wingCurvature(cw, u);
  }
  return densityG(k, w, w1, w2);
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
export const LOCAL_OFFSETS = Float64Array.from({ length: 81 }, (_, i) => -10 + i * 0.25);

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
  const { a, b, rho, m, sigma } = p;
  let pen = 0;
  if (b * (1 + Math.abs(rho)) > 2) pen += b * (1 + Math.abs(rho)) - 2;
  const minW = a + b * sigma * Math.sqrt(Math.max(0, 1 - rho * rho));
  if (minW < 0) pen += -minW / scale;
  for (let i = 0; i < LOCAL_OFFSETS.length; i++) {
    const g = plainDensityG(a, b, rho, m, sigma, m + sigma * LOCAL_OFFSETS[i]!);
    if (g < 0) pen += g === -Infinity ? 1 : -g;
  }
  const grid = o.grid;
  for (let i = 0; i < grid.length; i++) {
    const g = plainDensityG(a, b, rho, m, sigma, grid[i]!);
    if (g < 0) pen += g === -Infinity ? 1 : -g;
    if (o.floor) {
      const d = o.floor[i]! - plainVariance(a, b, rho, m, sigma, grid[i]!);
      if (d > 0) pen += d / scale;
    }
  }
  return pen;
}

function weightedSse(p: SviParams, d: SviFitData): number {
  const { a, b, rho, m, sigma } = p;
  let s = 0;
  for (let i = 0; i < d.k.length; i++) {
    const r = (plainVariance(a, b, rho, m, sigma, d.k[i]!) - d.w[i]!) * d.weight[i]!;
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
 * The least σ a slice's fit may take: a tenth of the quotes' own standard deviation at the money,
 * √w of the quote nearest k = 0. SVI's curvature at its vertex is b/σ, so a σ far below that
 * scale is a corner in the smile no quote resolves, and a spike of probability at one strike: on
 * 2022-02-04 the three-day slice's repair reached σ = 4e-6 and put 3.9% of the probability within
 * 4 points of SPX 4568. Every other slice of the two real chains fits above it (σ/√w ≥ 0.19, the
 * 5-day slice of that day; 0.35 and 0.60 at 7 and 10 days). At one day and 15% vol the floor is
 * about 3.5 SPX points in strike, under the 5-point grid: a corner narrower than that no quote
 * resolves either.
 */
function sharpestVertex(d: SviFitData): number {
  let nearest = 0;
  for (let i = 1; i < d.k.length; i++) if (Math.abs(d.k[i]!) < Math.abs(d.k[nearest]!)) nearest = i;
  const w = d.w[nearest]!;
  return w > 0 ? 0.1 * Math.sqrt(w) : 0;
}

/**
 * Weighted SVI fit of one slice, free of butterfly arbitrage on the grid when the data allow;
 * the chain's fit checks what remains (chainArbitrage.ts: `butterflyViolation`, `calendarViolations`)
 * and reports it.
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
  // the floor, at most the strikes' own span (quotes close around the money resolve no vertex at
  // all), so that σ in (minSigma, 10·width] is never empty
  const minSigma = Math.max(1e-4 * width, Math.min(sharpestVertex(d), width));
  // each search starts above the floor: a start below it scores 1e30 at every vertex of the simplex
  const startSigma = (share: number): number => Math.log(Math.max(share * width, 1.5 * minSigma));
  const search = (penalised: boolean): SviParams => {
    const objective = (x: ArrayLike<number>): number => {
      const m = x[0]!;
      const sigma = Math.exp(x[1]!);
      if (!(sigma > minSigma) || sigma > 10 * width || m < kLo - width || m > kHi + width) return 1e30;
      const p = innerFit(m, sigma, d);
      if (!p) return 1e30;
      const e = weightedSse(p, d) / errScale;
      return penalised ? e + PENALTY * arbitragePenalty(p, o, scale) : e;
    };
    let best: number[] = [0, startSigma(0.1)];
    let bestVal = Infinity;
    for (const [m0, s0] of [
      [kHi - 0.3 * width, 0.1],
      [kLo + 0.5 * width, 0.3],
    ] as const) {
      const x = nelderMead(objective, [m0, startSigma(s0)], [0.15 * width, 0.7], 200, 1e-10);
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
    if (!(q.sigma > minSigma)) return 1e30;
    return weightedSse(q, d) / errScale + PENALTY * arbitragePenalty(q, o, scale);
  };
  const x0 = [
    p.a,
    Math.log(Math.max(p.b, 1e-6)),
    Math.atanh(Math.max(-0.999, Math.min(0.999, p.rho))),
    p.m,
    Math.log(Math.max(p.sigma, 1.5 * minSigma)),
  ];
  const x = nelderMead(objective5, x0, [0.1 * scale, 0.3, 0.3, 0.1 * width, 0.3], 1500, 0);
  return { a: x[0]!, b: Math.exp(x[1]!), rho: Math.tanh(x[2]!), m: x[3]!, sigma: Math.exp(x[4]!) };
}
