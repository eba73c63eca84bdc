/**
 * The facts the VIX/SPX model must match, computed the same way on history and on model paths:
 * for a starting VIX bucket and a horizon in calendar days, the distribution of VIX at the horizon
 * (median, 90th and 99th percentile, P(VIX > 30), P(VIX > 40)), and the SPX 42-day return's tail
 * (P(< −10%), P(< −20%)). History: every trading day in the period whose horizon date (the first
 * trading day on or after start + h calendar days) also lies in the period. Model: paths from the
 * same starting VIX values, so each bucket's mix of levels is history's.
 */
import { PathDraws } from '../philox';
import { quantileSorted } from '../statistics';
import { LogVixModel } from './logVixModel';
import { LogVixPath } from './logVixPath';
import type { LogVixParams } from './logVixParams';

/** Starting VIX buckets [lo, hi). */
export const VIX_BUCKETS: readonly (readonly [number, number])[] = [
  [10, 15],
  [15, 20],
  [20, 30],
  [30, 50],
];
/** Horizons in calendar days. */
export const HORIZONS: readonly number[] = [21, 42, 63];
/** Horizon of the SPX return cells (calendar days). */
export const SPX_HORIZON = 42;

/** One dated observation: `day` = whole days since 1970-01-01 (UTC). */
export interface DayValue {
  day: number;
  value: number;
}

/**
 * A model cell's starting state: the VIX alone (the factors at their expectation given the VIX, as
 * a run without history starts) or with the slow and spike factors read from the history up to
 * that day ({@link filterFactors}).
 */
export type CellStart = number | { vix: number; slow: number; spike: number };

const startVix = (s: CellStart): number => (typeof s === 'number' ? s : s.vix);
const startFactors = (s: CellStart) => (typeof s === 'number' ? {} : { slowStart: s.slow, spikeStart: s.spike });

/** The VIX distribution of one cell. */
export interface VixCell {
  /** Starting days (history) or paths (model). */
  n: number;
  median: number;
  p90: number;
  p99: number;
  above30: number;
  above40: number;
  /** Cases at the horizon above 30 and 40 (history: days; model: paths). */
  count30: number;
  count40: number;
}

/** The SPX return tails of one starting bucket (simple returns). */
export interface SpxCell {
  n: number;
  down10: number;
  down20: number;
  count10: number;
  count20: number;
  /** P(return > +5%) and its count: the rallies through a condor's call wing. */
  up5: number;
  count5: number;
  /** The 95th and 99th percentiles of the return (type 7). */
  p95: number;
  p99: number;
}

/** ISO date to whole days since the epoch. */
export function epochDay(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/** Cell statistics of end values. */
export function vixCell(ends: Float64Array | number[]): VixCell {
  const s = Float64Array.from(ends).sort();
  let c30 = 0;
  let c40 = 0;
  for (const v of s) {
    if (v > 30) c30++;
    if (v > 40) c40++;
  }
  const n = s.length;
  return {
    n,
    median: quantileSorted(s, 0.5),
    p90: quantileSorted(s, 0.9),
    p99: quantileSorted(s, 0.99),
    above30: n ? c30 / n : Number.NaN,
    above40: n ? c40 / n : Number.NaN,
    count30: c30,
    count40: c40,
  };
}

/** SPX cell statistics of simple returns. */
export function spxCell(returns: Float64Array | number[]): SpxCell {
  let c10 = 0;
  let c20 = 0;
  let c5 = 0;
  for (const r of returns) {
    if (r < -0.1) c10++;
    if (r < -0.2) c20++;
    if (r > 0.05) c5++;
  }
  const n = returns.length;
  const s = Float64Array.from(returns).sort();
  return {
    n,
    down10: n ? c10 / n : Number.NaN,
    down20: n ? c20 / n : Number.NaN,
    count10: c10,
    count20: c20,
    up5: n ? c5 / n : Number.NaN,
    count5: c5,
    p95: n ? quantileSorted(s, 0.95) : Number.NaN,
    p99: n ? quantileSorted(s, 0.99) : Number.NaN,
  };
}

/** Index of the first observation on or after `day` (binary search), or −1. */
function firstOnOrAfter(xs: readonly DayValue[], day: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]!.day < day) lo = mid + 1;
    else hi = mid;
  }
  return lo < xs.length ? lo : -1;
}

/** The most calendar days a horizon date may lie past start + h; a start with a longer gap after it is left out. */
export const HORIZON_SLACK_DAYS = 7;

/** Pairs (start, end) of a series for a horizon, start and end within [from, to]. */
export function horizonPairs(xs: readonly DayValue[], horizon: number, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i]!.day;
    if (d < from || d > to) continue;
    const j = firstOnOrAfter(xs, d + horizon);
    if (j < 0 || xs[j]!.day > to || xs[j]!.day - d > horizon + HORIZON_SLACK_DAYS) continue;
    out.push([i, j]);
  }
  return out;
}

/** Whether VIX `v` starts in bucket `b` = [lo, hi) (the one rule for every cell, interval and note). */
export function inBucket(v: number, b: readonly [number, number]): boolean {
  return v >= b[0] && v < b[1];
}

/** History's VIX cells [bucket][horizon] and the starting VIX values of each bucket (per horizon). */
export function historyVixCells(
  vix: readonly DayValue[],
  from: number,
  to: number,
): { cells: VixCell[][]; starts: number[][]; startDays: number[][] } {
  const cells: VixCell[][] = [];
  const starts: number[][] = [];
  const startDays: number[][] = [];
  for (const b of VIX_BUCKETS) {
    const row: VixCell[] = [];
    for (const h of HORIZONS) {
      const ends = horizonPairs(vix, h, from, to)
        .filter(([i]) => inBucket(vix[i]!.value, b))
        .map(([, j]) => vix[j]!.value);
      row.push(vixCell(ends));
    }
    cells.push(row);
    const sel = vix.filter(
      (x) => x.day >= from && x.day <= to - HORIZONS[HORIZONS.length - 1]! && inBucket(x.value, b),
    );
    starts.push(sel.map((x) => x.value));
    startDays.push(sel.map((x) => x.day));
  }
  return { cells, starts, startDays };
}

/**
 * History's SPX cells per starting VIX bucket (VIX of the same day from `vix`), plus one for all
 * days (last); the starting VIX values of each.
 */
export function historySpxCells(
  spx: readonly DayValue[],
  vix: readonly DayValue[],
  from: number,
  to: number,
): { cells: SpxCell[]; starts: number[][]; startDays: number[][] } {
  const vixByDay = new Map(vix.map((x) => [x.day, x.value]));
  const pairs = horizonPairs(spx, SPX_HORIZON, from, to).filter(([i]) => vixByDay.has(spx[i]!.day));
  const cells: SpxCell[] = [];
  const starts: number[][] = [];
  const startDays: number[][] = [];
  for (const b of [...VIX_BUCKETS, [0, 1e9] as const]) {
    const sel = pairs.filter(([i]) => inBucket(vixByDay.get(spx[i]!.day)!, b));
    cells.push(spxCell(sel.map(([i, j]) => spx[j]!.value / spx[i]!.value - 1)));
    starts.push(sel.map(([i]) => vixByDay.get(spx[i]!.day)!));
    startDays.push(sel.map(([i]) => spx[i]!.day));
  }
  return { cells, starts, startDays };
}

/** Least-squares slope of y on x (with intercept). */
export function olsSlope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) * (x[i]! - mx);
  }
  return sxy / sxx;
}

/** Least-squares slope through the origin. */
export function slopeThroughOrigin(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += x[i]! * y[i]!;
    sxx += x[i]! * x[i]!;
  }
  return sxy / sxx;
}

/** Every k-th element, at most `max` of them (evenly spaced), so a bucket's mix is kept. */
export function thin<T>(xs: readonly T[], max: number): T[] {
  if (xs.length <= max) return [...xs];
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(xs[Math.floor(((i + 0.5) * xs.length) / max)]!);
  return out;
}

/** Settings of a model-cell simulation. */
export interface SimulateOptions {
  seed: number;
  /** Paths per starting value. */
  pathsPerStart: number;
  /** First stream index (distinct simulations use distinct streams). */
  stream?: number;
}

/** Monte Carlo standard errors of a model VIX cell's compared figures. */
export interface VixCellError {
  median: number;
  above30: number;
  above40: number;
}

/** Monte Carlo standard errors of a model SPX cell's tail probabilities. */
export interface SpxCellError {
  down10: number;
  down20: number;
}

/**
 * Standard error of a share estimated from `m` paths at each of several starting values: the
 * variance of a stratified mean, Σ m·p̂ᵢ(1 − p̂ᵢ)·m/(m − 1) / N², from each start's count of hits.
 */
export function stratifiedShareError(hitsPerStart: ArrayLike<number>, m: number): number {
  const n = hitsPerStart.length * m;
  if (m < 2 || n === 0) return Number.NaN;
  let v = 0;
  for (let i = 0; i < hitsPerStart.length; i++) {
    const p = hitsPerStart[i]! / m;
    v += (m * p * (1 - p) * m) / (m - 1);
  }
  return Math.sqrt(v) / n;
}

/**
 * Standard error of a sample median from its sorted values: half the distance between the order
 * statistics one binomial standard deviation (½√n ranks) either side of the middle, i.e. the
 * sparsity estimate √(¼/n) / f(median). For paths from several starts it is an upper bound.
 */
export function medianError(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n < 4) return Number.NaN;
  const d = 0.5 / Math.sqrt(n);
  return (quantileSorted(sorted, 0.5 + d) - quantileSorted(sorted, 0.5 - d)) / 2;
}

/**
 * The model's VIX cells [bucket][horizon] from the given starting values per bucket (real-world
 * measure, r = q = 0 for SPX), and its SPX 42-day cells per bucket of `spxStarts` (last = all);
 * beside each, the Monte Carlo standard errors of its compared figures (`vixError`, `spxError`).
 */
export function modelCells(
  params: LogVixParams,
  vixStarts: readonly (readonly CellStart[])[],
  spxStarts: readonly (readonly CellStart[])[],
  opts: SimulateOptions,
): { vix: VixCell[][]; spx: SpxCell[]; vixError: VixCellError[][]; spxError: SpxCellError[] } {
  const draws = new PathDraws();
  let stream = opts.stream ?? 0;
  const H = HORIZONS[HORIZONS.length - 1]!;
  const m = opts.pathsPerStart;
  const vixError: VixCellError[][] = [];
  const vix: VixCell[][] = vixStarts.map((starts) => {
    const ends = HORIZONS.map(() => new Float64Array(starts.length * opts.pathsPerStart));
    let k = 0;
    for (const s0 of starts) {
      const model = new LogVixModel(params, {
        spot: 100,
        vix: startVix(s0),
        rate: 0,
        divYield: 0,
        horizonDays: H,
        tableDays: H,
        ...startFactors(s0),
      });
      const path = new LogVixPath(model);
      for (let j = 0; j < opts.pathsPerStart; j++, k++) {
        path.reset();
        draws.key(opts.seed, stream++);
        let hi = 0;
        for (let t = 0; t < H; t++) {
          draws.step(t);
          path.advance(draws, 1);
          if (t + 1 === HORIZONS[hi]) ends[hi++]![k] = path.vix;
        }
      }
    }
    vixError.push(
      ends.map((e) => {
        const hits30 = new Float64Array(starts.length);
        const hits40 = new Float64Array(starts.length);
        for (let i = 0; i < e.length; i++) {
          const s = Math.floor(i / m);
          if (e[i]! > 30) hits30[s]!++;
          if (e[i]! > 40) hits40[s]!++;
        }
        return {
          median: medianError(Float64Array.from(e).sort()),
          above30: stratifiedShareError(hits30, m),
          above40: stratifiedShareError(hits40, m),
        };
      }),
    );
    return ends.map((e) => vixCell(e));
  });
  const spxError: SpxCellError[] = [];
  const spx: SpxCell[] = spxStarts.map((starts) => {
    const rets = new Float64Array(starts.length * opts.pathsPerStart);
    let k = 0;
    for (const s0 of starts) {
      const model = new LogVixModel(params, {
        spot: 100,
        vix: startVix(s0),
        rate: 0,
        divYield: 0,
        horizonDays: SPX_HORIZON,
        tableDays: SPX_HORIZON,
        ...startFactors(s0),
      });
      const path = new LogVixPath(model);
      for (let j = 0; j < opts.pathsPerStart; j++, k++) {
        path.reset();
        draws.key(opts.seed, stream++);
        for (let t = 0; t < SPX_HORIZON; t++) {
          draws.step(t);
          path.advance(draws, 1);
        }
        rets[k] = path.spot / 100 - 1;
      }
    }
    const hits10 = new Float64Array(starts.length);
    const hits20 = new Float64Array(starts.length);
    for (let i = 0; i < rets.length; i++) {
      const s = Math.floor(i / m);
      if (rets[i]! < -0.1) hits10[s]!++;
      if (rets[i]! < -0.2) hits20[s]!++;
    }
    spxError.push({ down10: stratifiedShareError(hits10, m), down20: stratifiedShareError(hits20, m) });
    return spxCell(rets);
  });
  return { vix, spx, vixError, spxError };
}

/** Window of the futures-response measure: 10 trading days ≈ 14 calendar days. */
export const RESPONSE_WINDOW_DAYS = 14;
/** The VIX rise (points) that selects a window. */
export const RESPONSE_RISE = 10;
/** Constant maturities (calendar days) of the response. */
export const RESPONSE_TENORS: readonly number[] = [30, 45, 60];

/**
 * The model's β of the constant-maturity future CM(d) to a VIX rise of ≥ 10 points over 14 days:
 * least squares through the origin of ΔCM on ΔVIX over the windows that rose, from the given
 * starting VIX values (real-world measure; the loadings decide it, the measure only the level).
 * `error`: β's Monte Carlo standard error, from the windows' residuals (each path is one
 * independent window): √(Σ ΔVIX²·e²) / Σ ΔVIX².
 */
export function modelResponse(
  params: LogVixParams,
  starts: readonly CellStart[],
  opts: SimulateOptions,
): { beta: number[]; windows: number; error: number[] } {
  const draws = new PathDraws();
  let stream = opts.stream ?? 0;
  const dv: number[] = [];
  const dcm: number[][] = RESPONSE_TENORS.map(() => []);
  const W = RESPONSE_WINDOW_DAYS;
  const maxTenor = RESPONSE_TENORS[RESPONSE_TENORS.length - 1]!;
  for (const s0 of starts) {
    const v0 = startVix(s0);
    const model = new LogVixModel(params, {
      spot: 100,
      vix: v0,
      rate: 0,
      divYield: 0,
      horizonDays: W,
      tableDays: maxTenor,
      ...startFactors(s0),
    });
    const path = new LogVixPath(model);
    const cm0 = RESPONSE_TENORS.map((d) => model.constantMaturityRealWorld(d, model.fast0, model.slow0, model.spike0));
    for (let j = 0; j < opts.pathsPerStart; j++) {
      path.reset();
      draws.key(opts.seed, stream++);
      for (let t = 0; t < W; t++) {
        draws.step(t);
        path.advance(draws, 1);
      }
      const rise = path.vix - v0;
      if (rise < RESPONSE_RISE) continue;
      dv.push(rise);
      RESPONSE_TENORS.forEach((d, i) =>
        dcm[i]!.push(model.constantMaturityRealWorld(d, path.fast, path.slow, path.spike) - cm0[i]!),
      );
    }
  }
  const beta = dcm.map((ys) => slopeThroughOrigin(dv, ys));
  return { beta, windows: dv.length, error: dcm.map((ys, k) => slopeError(dv, ys, beta[k]!)) };
}

/** Standard error of a slope through the origin from independent pairs (residual sandwich). */
export function slopeError(x: ArrayLike<number>, y: ArrayLike<number>, slope: number): number {
  let sxx = 0;
  let v = 0;
  for (let i = 0; i < x.length; i++) {
    const e = y[i]! - slope * x[i]!;
    sxx += x[i]! * x[i]!;
    v += x[i]! * x[i]! * e * e;
  }
  return Math.sqrt(v) / sxx;
}
