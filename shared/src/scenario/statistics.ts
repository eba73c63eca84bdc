/**
 * Statistics of a P&L sample stored in path order. Every figure is a pure function of the whole
 * array, computed in a fixed order (sums left to right, quantiles from a sorted copy), so samples
 * produced in chunks and concatenated in path order give the same figures to the last bit.
 */
import { sortedCopy } from './sortedCopy';
import {
  bootstrapCvarStdError,
  bootstrapGapStdError,
  lazyTailBootstrap,
  nearTailKink,
  type TailBootstrap,
} from './tailBootstrap';

/** Percentiles reported for every distribution. */
export const PERCENTILES = [1, 5, 10, 25, 50, 75, 90, 95, 99] as const;

/** Number of histogram bins. */
export const HISTOGRAM_BINS = 40;

export interface DistributionStats {
  /** Mean P&L (USD). */
  mean: number;
  /**
   * Standard error of the mean (USD); from antithetic pair averages when the paths are paired.
   * Null when the sample cannot give one (fewer than two paths, or fewer than two pair averages).
   */
  meanStdError: number | null;
  /** Sample standard deviation (USD). */
  stdev: number;
  min: number;
  max: number;
  /** Linear-interpolation (type 7) percentiles of P&L, keyed `p1`, `p5`... (USD). */
  percentiles: Record<string, number>;
  /** VaR at 95% / 99% as a positive loss: −x₍ₖ₎ with k = ⌈(1 − α)·n⌉ of the ascending P&L (USD). */
  var95: number;
  var99: number;
  /** CVaR (expected shortfall) at 95% / 99%: −mean of the k worst outcomes (USD). */
  cvar95: number;
  cvar99: number;
  /**
   * Standard error of CVaR95 (USD): for independent paths √((V + (1 − p)·(CVaR − VaR)²)/k),
   * p = 0.05, V the variance of the k worst outcomes (the asymptotic variance of the tail-mean
   * estimator, Manistre and Hancock 2005); for antithetic pairs the same estimator's influence
   * function averaged over each pair, so twins that lose together count once. Where the tail ends
   * at a plateau's edge (the condor's max loss held by k ± 3√k paths, tailBootstrap.ts), a
   * bootstrap's over the same units: the delta method reads 0 there. Null when fewer than two paths
   * are in the tail.
   */
  cvar95StdError: number | null;
  /**
   * Share of paths with P&L < 0, and its standard error (binomial; over pair averages for antithetic
   * pairs). Null, as {@link meanStdError}, when the sample cannot give one: fewer than two paths, or
   * fewer than two pair averages (a single antithetic pair).
   */
  probLoss: number;
  probLossStdError: number | null;
  /** Share of paths whose loss reaches the condor's max loss (within 1e-9 relative). */
  probMaxLoss: number;
}

/**
 * The q-quantile (q in [0, 1]) of an ascending array, linear between order statistics (type 7,
 * Hyndman and Fan 1996; R's default); NaN for an empty array. Every quantile of the package reads
 * this one rule: the distributions' percentiles, the market at the horizon, the calibration cells.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  return typeSeven(sorted.length, q, (k) => sorted[k]!);
}

/** The type-7 q-quantile of n ascending values, the k-th (0-based) read by `at`; NaN when n is 0. */
function typeSeven(n: number, q: number, at: (k: number) => number): number {
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = at(lo);
  return a + (h - lo) * (at(Math.min(n - 1, lo + 1)) - a);
}

/** Paths in the worst 1 − `alpha` of `n` paths, the tail VaR and CVaR read: at least one. */
export function tailPathCount(n: number, alpha: number): number {
  return Math.max(1, Math.ceil((1 - alpha) * n - 1e-9));
}

/** The fewest paths whose worst 1 − `alpha` holds `k` paths ({@link tailPathCount}). */
export function pathsForTail(alpha: number, k: number): number {
  let n = k;
  while (tailPathCount(n, alpha) < k) n++;
  return n;
}

/**
 * VaR and CVaR at level `alpha` from an ascending sample; returns [var, cvar, cvarStdError]. The
 * standard error counts the threshold's sampling error too (the (1 − p)(CVaR − VaR)² term): the
 * tail's own spread alone, sd/√k, put it at half the spread of CVaR95 across seeds on the example
 * plan's Monte Carlo (28.65 against 59.5 USD, 60 seeds of 4,000 paths).
 */
function tailRisk(sorted: Float64Array, alpha: number): [number, number, number | null] {
  const n = sorted.length;
  const k = tailPathCount(n, alpha);
  let s = 0;
  for (let i = 0; i < k; i++) s += sorted[i]!;
  const m = s / k;
  let ss = 0;
  for (let i = 0; i < k; i++) {
    const d = sorted[i]! - m;
    ss += d * d;
  }
  const gap = m - sorted[k - 1]!;
  const se = k > 1 ? Math.sqrt((ss / (k - 1) + alpha * gap * gap) / k) : null;
  return [-sorted[k - 1]!, -m, se];
}

/** A standard error below this (USD) is the rounding of a spread of none. */
const ROUNDING_USD = 1e-6;

/**
 * `se`, or exactly 0 where it is below {@link ROUNDING_USD}: a tail wholly on the max-loss plateau
 * (its paths a few ulps apart) has no spread, and its error is that rounding (1.66e-13 on the
 * example plan's 20,000 paths), not a figure to print. The frontier's errors read alike.
 */
export function spreadOfNone(se: number | null): number | null {
  return se !== null && se < ROUNDING_USD ? 0 : se;
}

/**
 * Summary statistics of `pnl` (path order), read from its ascending copy `sorted` (made here when
 * not given: a caller that needs the copy too passes it). `paired` means paths 2j and 2j+1 are
 * antithetic twins (the first element is path `firstPath`), so the standard error comes from pair
 * averages. `maxLoss` (USD, positive) is the loss that counts as "max loss".
 */
export function describeDistribution(
  pnl: Float64Array,
  firstPath: number,
  paired: boolean,
  maxLoss: number,
  sorted: Float64Array = sortedCopy(pnl),
  boot: () => TailBootstrap = cvarBootstrap(firstPath, pnl.length, paired),
): DistributionStats {
  const n = pnl.length;
  let sum = 0;
  let losses = 0;
  let maxLosses = 0;
  const maxLossLine = -maxLoss * (1 - 1e-9);
  for (let i = 0; i < n; i++) {
    const x = pnl[i]!;
    sum += x;
    if (x < 0) losses++;
    if (maxLoss > 0 && x <= maxLossLine) maxLosses++;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = pnl[i]! - mean;
    ss += d * d;
  }
  const variance = n > 1 ? ss / (n - 1) : 0;
  const meanStdError = paired ? pairedStdError(pnl, firstPath) : n > 1 ? Math.sqrt(variance / n) : null;
  const percentiles: Record<string, number> = {};
  for (const p of PERCENTILES) percentiles[`p${p}`] = quantileSorted(sorted, p / 100);
  const [var95, cvar95, iidTailError] = tailRisk(sorted, 0.95);
  const k95 = tailPathCount(n, 0.95);
  const cvar95StdError = spreadOfNone(
    k95 >= 2 && nearTailKink(sorted, k95)
      ? bootstrapCvarStdError(boot(), pnl, sorted)
      : paired
        ? pairedTailStdError(pnl, firstPath, sorted, 0.95)
        : iidTailError,
  );
  const [var99, cvar99] = tailRisk(sorted, 0.99);
  const probLoss = losses / n;
  return {
    mean,
    meanStdError,
    stdev: Math.sqrt(variance),
    min: sorted[0]!,
    max: sorted[n - 1]!,
    percentiles,
    var95,
    var99,
    cvar95,
    cvar99,
    cvar95StdError,
    probLoss,
    probLossStdError: paired
      ? pairedStdError(pnl, firstPath, (x) => (x < 0 ? 1 : 0))
      : n > 1
        ? Math.sqrt((probLoss * (1 - probLoss)) / n)
        : null,
    probMaxLoss: maxLosses / n,
  };
}

/**
 * Standard error of the mean from antithetic pair averages: pairs are (2j, 2j+1) in global path
 * numbering; an element whose twin lies outside the sample counts as a sample of its own.
 */
export function pairedStdError(
  pnl: Float64Array,
  firstPath: number,
  f: (x: number) => number = (x) => x,
): number | null {
  const n = pnl.length;
  let count = 0;
  let sum = 0;
  let i = 0;
  if (firstPath % 2 === 1) {
    sum += f(pnl[0]!);
    count++;
    i = 1;
  }
  for (; i < n; i += 2) {
    sum += i + 1 < n ? 0.5 * (f(pnl[i]!) + f(pnl[i + 1]!)) : f(pnl[i]!);
    count++;
  }
  const m = sum / count;
  let ss = 0;
  i = 0;
  if (firstPath % 2 === 1) {
    ss += (f(pnl[0]!) - m) ** 2;
    i = 1;
  }
  for (; i < n; i += 2) {
    const x = i + 1 < n ? 0.5 * (f(pnl[i]!) + f(pnl[i + 1]!)) : f(pnl[i]!);
    ss += (x - m) ** 2;
  }
  return count > 1 ? Math.sqrt(ss / (count - 1) / count) : null;
}

/**
 * Standard error of the CVaR at `alpha` over antithetic pairs: the tail mean's influence function
 * ψ(x) = min(x − q, 0)/p (q the VaR, p the tail's share), averaged over each pair. For independent
 * paths it is the Manistre-Hancock error of {@link tailRisk}; twins that lose together (a condor
 * loses in both SPX tails) widen it, as they widen the seed-to-seed spread.
 */
function pairedTailStdError(pnl: Float64Array, firstPath: number, sorted: Float64Array, alpha: number): number | null {
  const n = sorted.length;
  const k = tailPathCount(n, alpha);
  if (k < 2) return null;
  const q = sorted[k - 1]!;
  const p = k / n;
  return pairedStdError(pnl, firstPath, (x) => (x < q ? (x - q) / p : 0));
}

/**
 * Standard error of CVaR_α(b) − CVaR_α(a) for two P&Ls on the same paths (the hedged book and the
 * condor): each path's difference of the two tail means' influence functions, averaged over
 * antithetic pairs when `paired`. Smaller than either CVaR's own error when the two move together,
 * as a book and its condor often do. A bootstrap's (`boot`) when either tail ends at a plateau's
 * edge (tailBootstrap.ts). Null when a tail holds fewer than two paths.
 */
export function cvarDifferenceStdError(
  a: Float64Array,
  b: Float64Array,
  firstPath: number,
  paired: boolean,
  sortedA: Float64Array,
  sortedB: Float64Array,
  boot: () => TailBootstrap = cvarBootstrap(firstPath, a.length, paired),
): number | null {
  const n = a.length;
  const k = tailPathCount(n, 0.95);
  if (k < 2 || b.length !== n) return null;
  if (nearTailKink(sortedA, k) || nearTailKink(sortedB, k)) return bootstrapGapStdError(boot(), b, a, sortedB, sortedA);
  return sampleMeanStdError(cvarGapInfluence(a, b, sortedA, sortedB), firstPath, paired);
}

/**
 * Each path's influence on CVaR95(a) − CVaR95(b) (losses positive), two books on the same paths:
 * the tail means' influence functions, (y − q_b)/p below b's VaR less (x − q_a)/p below a's.
 */
function cvarGapInfluence(
  a: Float64Array,
  b: Float64Array,
  sortedA: Float64Array,
  sortedB: Float64Array,
): Float64Array {
  const n = a.length;
  const k = tailPathCount(n, 0.95);
  const [qa, qb, p] = [sortedA[k - 1]!, sortedB[k - 1]!, k / n];
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    d[i] = (y < qb ? (y - qb) / p : 0) - (x < qa ? (x - qa) / p : 0);
  }
  return d;
}

/**
 * Standard error of a CVaR95 gap per dollar, `ratio` = (CVaR95(a) − CVaR95(b)) / `total` with
 * `total` = today's debit + mean(`cost`) (the hedge effectiveness over the hedge cost, whose
 * rebalance outlay and costs are a mean over the same paths; both as the summary computed them).
 * The delta method on the ratio: each path's ψ = (gap influence − ratio·cost) / total, so the
 * cost's own error and its covariance with the gap count; leaving them out read the error 13-27%
 * short of the seed-to-seed spread where the rebalances carry most of the cost. `gap.error` is
 * {@link cvarDifferenceStdError}'s: where it is a bootstrap's (a tail at a plateau's edge) it
 * stands for the gap's own error, and the influence functions give the cost's error and its
 * correlation with the gap. Null when the gap's error is, or the total is not above 0.
 */
export function cvarGapPerCostStdError(
  gap: { a: Float64Array; b: Float64Array; sortedA: Float64Array; sortedB: Float64Array; error: number | null },
  cost: Float64Array,
  ratio: number,
  total: number,
  firstPath: number,
  paired: boolean,
): number | null {
  const { a, b, sortedA, sortedB, error } = gap;
  if (error === null || cost.length !== a.length || a.length < 2 || !(total > 0)) return null;
  const d = cvarGapInfluence(a, b, sortedA, sortedB);
  const seD = sampleMeanStdError(d, firstPath, paired);
  const seC = sampleMeanStdError(cost, firstPath, paired);
  const seSum = sampleMeanStdError(
    d.map((x, i) => x + cost[i]!),
    firstPath,
    paired,
  );
  if (seD === null || seC === null || seSum === null) return null;
  // the gap's error as `error` reads it, the cost's own, and their correlation from the influence
  // functions: Var(ψ̄) = error² − 2Rρ·error·seC + R²·seC², never below 0 as |ρ| ≤ 1, and the delta
  // method's Var(d̄ − R·c̄) when `error` is the influence functions' own
  const cov = (seSum * seSum - seD * seD - seC * seC) / 2;
  const rho = seD > 0 && seC > 0 ? Math.max(-1, Math.min(1, cov / (seD * seC))) : 0;
  return Math.sqrt(Math.max(0, error * error - 2 * ratio * rho * error * seC + ratio * ratio * seC * seC)) / total;
}

/**
 * The bootstrap of a CVaR 95 over the `n` paths from `firstPath` (scenario/tailBootstrap.ts), made
 * when a tail ends near a plateau's edge: one run's describeDistribution and
 * cvarDifferenceStdError calls share it.
 */
export function cvarBootstrap(firstPath: number, n: number, paired: boolean): () => TailBootstrap {
  return lazyTailBootstrap(
    () => Float64Array.from({ length: n }, (_, i) => firstPath + i),
    paired,
    (w) => tailPathCount(w, 0.95),
  );
}

/**
 * Standard error of the mean of `x` (path `firstPath` first): over antithetic pairs when `paired`
 * ({@link pairedStdError}), else of independent samples. Null under two samples.
 */
export function sampleMeanStdError(x: Float64Array, firstPath: number, paired: boolean): number | null {
  if (paired) return pairedStdError(x, firstPath);
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i]!;
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - m) ** 2;
  return n > 1 ? Math.sqrt(ss / (n - 1) / n) : null;
}

export interface Histogram {
  /** Bin edges (USD), `bins + 1` of them, equally spaced from the lowest to the highest P&L. */
  edges: number[];
  /** Path counts per bin, one array per series, in the order the series were given. */
  counts: number[][];
}

/**
 * A fixed-bin histogram shared by several series: HISTOGRAM_BINS equal bins over [min, max] of all
 * series together, the last bin closed on the right.
 */
export function histogram(series: readonly Float64Array[], bins = HISTOGRAM_BINS): Histogram {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.length; i++) {
      const x = s[i]!;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  if (!(hi > lo)) {
    hi = lo + 1;
  }
  const width = (hi - lo) / bins;
  const edges: number[] = [];
  for (let b = 0; b <= bins; b++) edges.push(lo + b * width);
  const counts = series.map((s) => {
    const c = new Array<number>(bins).fill(0);
    for (let i = 0; i < s.length; i++) {
      let b = Math.floor((s[i]! - lo) / width);
      if (b >= bins) b = bins - 1;
      if (b < 0) b = 0;
      c[b]!++;
    }
    return c;
  });
  return { edges, counts };
}

/** The share of the pooled P&L that {@link bodyHistogram} leaves out of its bins on each side. */
export const BODY_TAIL = 0.005;

/** The body of P&L samples on shared bins, and the paths beyond it (see {@link bodyHistogram}). */
export interface BodyHistogram {
  /** The range the bins span (USD): the 0.5th and 99.5th percentiles of the samples pooled (type 7). */
  low: number;
  high: number;
  /** Bin edges (USD), `bins + 1` of them, equally spaced from `low` to `high`. */
  edges: number[];
  /** Path counts per bin, one array per sample in the order given; a path at `high` is in the last bin. */
  counts: number[][];
  /** Paths of each sample below `low` and above `high`, which the bins leave out. */
  below: number[];
  above: number[];
}

/**
 * The k-th smallest (0-based) of two ascending arrays together: the element an ascending copy of
 * both would hold at k (a −0 and a +0 tie, and either may come back). By bisection on how many of
 * the k + 1 smallest come from `a`: i from `a` and k + 1 − i from `b` are the k + 1 smallest for
 * the least i with a[i] ≥ b[k − i].
 */
export function kthOfTwo(a: Float64Array, b: Float64Array, k: number): number {
  let lo = Math.max(0, k + 1 - b.length);
  let hi = Math.min(k + 1, a.length);
  while (lo < hi) {
    const i = (lo + hi) >> 1;
    if (a[i]! < b[k - i]!) lo = i + 1;
    else hi = i;
  }
  const j = k + 1 - lo;
  const x = lo > 0 ? a[lo - 1]! : -Infinity;
  const y = j > 0 ? b[j - 1]! : -Infinity;
  return x > y ? x : y;
}

/** {@link quantileSorted} of two ascending arrays pooled, without pooling them (NaN when both are empty). */
export function pooledQuantile(a: Float64Array, b: Float64Array, q: number): number {
  return typeSeven(a.length + b.length, q, (k) => kthOfTwo(a, b, k));
}

/**
 * Two P&L samples on shared bins over their body: `bins` equal bins from the 0.5th to the 99.5th
 * percentile of both pooled ({@link BODY_TAIL}), the paths beyond (by more than 1e-9 of the range's
 * size, so rounding at a max loss is not "beyond") counted per sample, not binned.
 * It is the histogram a risk manager reads: over the full range one far path crowds the body into
 * a few bars. `sorted` are the samples' ascending copies (the quantiles are read from them).
 */
export function bodyHistogram(
  series: readonly [Float64Array, Float64Array],
  sorted: readonly [Float64Array, Float64Array],
  bins = HISTOGRAM_BINS,
): BodyHistogram {
  const low = pooledQuantile(sorted[0], sorted[1], BODY_TAIL);
  let high = pooledQuantile(sorted[0], sorted[1], 1 - BODY_TAIL);
  if (!(high > low)) high = low + 1;
  const width = (high - low) / bins;
  // a path at an edge within rounding (a condor at its max loss, −94,070.00000000006 beside
  // −94,070) is in the edge's bin, not beyond it: "beyond" is read as a loss past the max loss
  const tol = 1e-9 * Math.max(1, Math.abs(low), Math.abs(high));
  const edges: number[] = [];
  for (let k = 0; k <= bins; k++) edges.push(low + k * width);
  const below: number[] = [];
  const above: number[] = [];
  const counts = series.map((x, s) => {
    const c = new Array<number>(bins).fill(0);
    let under = 0;
    let over = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v < low - tol) under++;
      else if (v > high + tol) over++;
      else c[Math.min(bins - 1, Math.max(0, Math.floor((v - low) / width)))]!++;
    }
    below[s] = under;
    above[s] = over;
    return c;
  });
  return { low, high, edges, counts, below, above };
}
