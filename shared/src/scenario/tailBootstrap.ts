/**
 * The standard error of a CVaR whose tail sits at the edge of a plateau: many paths on one P&L (a
 * condor's max loss, a spread's capped payoff) where the tail's boundary falls. There the sample
 * CVaR crosses a kink from one set of paths to another (all of the tail on the plateau, or part of
 * it past the plateau's edge), and the delta method, which reads the slope on one side of the kink
 * only, says 0 or far too little. A bootstrap reads both sides: each replicate weighs every
 * sampling unit (an antithetic pair, or a path when the run does not pair them) by a Poisson(1)
 * count and recomputes the CVaR of the weighted paths; the standard error is the replicates'
 * standard deviation. The weights are a pure function of (replicate, global path number) through
 * Philox under a fixed key, so the error is the same on every run and however the paths were split
 * into chunks. A replicate walks a book's ascending order only as far as its tail reaches.
 */
import { philox4x32 } from './philox';

/**
 * Bootstrap replicates: the error's own relative error is about 1/√(2 · 200), 5%. Over 100,000
 * members fewer, so that the weights drawn stay under {@link BOOTSTRAP_DRAWS}, down to 40 (relative
 * error 11%) at 500,000 members; over that the floor of 40 holds and the draws grow with the run
 * (80,000,000 on 2,000,000 members).
 */
export const TAIL_BOOTSTRAP_REPLICATES = 200;
const FEWEST_REPLICATES = 40;
/** Most member weights a bootstrap draws for its totals (replicates × members). */
export const BOOTSTRAP_DRAWS = 20_000_000;

/** P&Ls within this share of the tail's boundary (at least 1e-9 USD) are on one plateau. */
export const PLATEAU_TOLERANCE = 1e-9;

/** A plateau's edge within this many √k of the tail's boundary k puts the CVaR near its kink. */
export const KINK_SQRT_TAIL = 3;

const KEY0 = 0x7a11b007;
const KEY1 = 0x3c6ef372;
const EXP_M1 = Math.exp(-1);
const TWO_POW_M32 = 1 / 4294967296;
/** Poisson(1)'s CDF at 0, 1, …, 30, summed in order. */
const POISSON_ONE_CDF = (() => {
  const c = new Float64Array(31);
  let p = EXP_M1;
  c[0] = p;
  for (let count = 1; count <= 30; count++) {
    p /= count;
    c[count] = c[count - 1]! + p;
  }
  return c;
})();

/**
 * Whether the tail of the `k` smallest of the ascending `sorted` ends near the edge of a plateau:
 * a run of at least {@link plateauRun}(k) values each within {@link PLATEAU_TOLERANCE} of the one
 * before it, whose count of values below it, or at or below it, is within {@link KINK_SQRT_TAIL} ·
 * √k of k. Away from that the delta method's error holds; near it the plateau's random count of
 * paths moves the CVaR across the kink. A shorter run is no plateau: a continuous tail on a million
 * paths has a few neighbours within the tolerance by chance, and a run narrower than the √k the
 * tail's boundary wanders over moves the CVaR no more than any other few paths there.
 */
export function nearTailKink(sorted: ArrayLike<number>, k: number): boolean {
  const n = sorted.length;
  if (k < 1 || k > n) return false;
  const reach = KINK_SQRT_TAIL * Math.sqrt(k);
  const least = plateauRun(k);
  const tied = (i: number) => sorted[i + 1]! - sorted[i]! <= PLATEAU_TOLERANCE * Math.max(1, Math.abs(sorted[i]!));
  // A plateau with an edge within reach of k has a tied neighbour pair (i, i + 1) in this window:
  // a run [lo, hi) has its pairs at lo … hi − 2, so hi ≥ k − reach puts one at or past ⌈k − reach⌉
  // − 2, and lo ≤ k + reach one at or before ⌊k + reach⌋.
  const from = Math.max(0, Math.ceil(k - reach) - 2);
  const to = Math.min(n - 2, Math.floor(k + reach));
  for (let i = from; i <= to; i++) {
    if (!tied(i)) continue;
    let lo = i;
    while (lo > 0 && tied(lo - 1)) lo--;
    let hi = i + 2;
    while (hi < n && tied(hi - 1)) hi++;
    if (hi - lo >= least && (Math.abs(lo - k) <= reach || Math.abs(hi - k) <= reach)) return true;
    i = hi - 1;
  }
  return false;
}

/** Fewest tied values that make a plateau for a tail of `k` paths: ⌈√k⌉, at least 2. */
export function plateauRun(k: number): number {
  return Math.max(2, Math.ceil(Math.sqrt(k)));
}

/** Poisson(1) count of a uint32 draw, by its inverse CDF. */
function poissonOne(word: number): number {
  const u = ((word >>> 0) + 0.5) * TWO_POW_M32;
  let count = 0;
  while (count < 30 && u > POISSON_ONE_CDF[count]!) count++;
  return count;
}

/** The four words of units 4c … 4c + 3 in replicate b (of `replicates`), into `out`. */
function drawWeights(c: number, b: number, replicates: number, out: Uint32Array): void {
  const counter = c * replicates + b;
  philox4x32(counter % 4294967296, Math.floor(counter / 4294967296), 0, 0, KEY0, KEY1, out);
}

/**
 * Each replicate's total weight over the members, whose sampling units are `unit` (ascending; a
 * twin pair's two members share a unit and its weight): one draw for each block of four units and
 * replicate, block by block.
 */
function replicateTotals(unit: Float64Array, replicates: number): Float64Array {
  const totals = new Float64Array(replicates);
  const out = new Uint32Array(4);
  const lanes: number[] = [];
  const members: number[] = [];
  for (let i = 0; i < unit.length;) {
    const block = Math.floor(unit[i]! / 4);
    lanes.length = 0;
    members.length = 0;
    for (; i < unit.length && Math.floor(unit[i]! / 4) === block; i++) {
      if (i > 0 && unit[i] === unit[i - 1] && lanes.length > 0) members[members.length - 1]!++;
      else {
        lanes.push(unit[i]! % 4);
        members.push(1);
      }
    }
    for (let b = 0; b < replicates; b++) {
      drawWeights(block, b, replicates, out);
      let w = 0;
      for (let j = 0; j < lanes.length; j++) w += members[j]! * poissonOne(out[lanes[j]!]!);
      totals[b] = totals[b]! + w;
    }
  }
  return totals;
}

export interface TailBootstrap {
  /**
   * Each replicate's CVaR (loss positive, as −mean of the tail) of `values` (one per member, in
   * member order), read along `order`, the members in ascending order of `values`. NaN for a
   * replicate whose weights leave no tail.
   */
  cvars(values: ArrayLike<number>, order: ArrayLike<number>): Float64Array;
  /**
   * The same, made once for each array `values` and kept: the CVaR of a run's book and of its gap
   * to another share them. `sorted` is the ascending copy of `values` when the caller has it.
   */
  replicates(values: Float64Array, sorted?: ArrayLike<number>): Float64Array;
}

/**
 * The bootstrap over the members `paths` (global path numbers, ascending), paired as antithetic
 * twins (2j, 2j + 1) when `paired`; `tailCount(w)` is the tail's size among members of total
 * weight w.
 */
export function tailBootstrap(
  paths: ArrayLike<number>,
  paired: boolean,
  tailCount: (w: number) => number,
): TailBootstrap {
  const m = paths.length;
  const replicates = Math.min(
    TAIL_BOOTSTRAP_REPLICATES,
    Math.max(FEWEST_REPLICATES, Math.floor(BOOTSTRAP_DRAWS / Math.max(1, m))),
  );
  const unit = new Float64Array(m);
  for (let i = 0; i < m; i++) unit[i] = paired ? Math.floor(paths[i]! / 2) : paths[i]!;
  const out = new Uint32Array(4);
  let cached = -1;
  const weight = (b: number, u: number): number => {
    const block = Math.floor(u / 4);
    const c = block * replicates + b;
    if (c !== cached) {
      drawWeights(block, b, replicates, out);
      cached = c;
    }
    return poissonOne(out[u % 4]!);
  };
  const totals = replicateTotals(unit, replicates);
  // Replicate b's CVaR of `values` along `order` (a prefix of their ascending order); undefined
  // when its tail reaches past the prefix.
  const cvar = (b: number, values: ArrayLike<number>, order: ArrayLike<number>): number | undefined => {
    const k = tailCount(totals[b]!);
    let taken = 0;
    let sum = 0;
    for (let r = 0; r < order.length && taken < k; r++) {
      const i = order[r]!;
      const w = weight(b, unit[i]!);
      if (w === 0) continue;
      const t = Math.min(w, k - taken);
      sum += t * values[i]!;
      taken += t;
    }
    if (taken < k && order.length < m) return undefined;
    return totals[b]! > 0 && taken === k ? -sum / k : Number.NaN;
  };
  const cvars = (values: ArrayLike<number>, order: ArrayLike<number>): Float64Array => {
    const res = new Float64Array(replicates);
    let full: Uint32Array | undefined;
    for (let b = 0; b < replicates; b++) {
      res[b] = cvar(b, values, order) ?? cvar(b, values, (full ??= ascendingOrder(values)))!;
    }
    return res;
  };
  const kept = new WeakMap<Float64Array, Float64Array>();
  return {
    cvars,
    replicates(values, sorted) {
      let res = kept.get(values);
      if (res === undefined) {
        // A replicate's tail holds about k members of weight about k: twice the sample's tail
        // reaches past it all but never, and a replicate that goes further reads the full order.
        const reach = Math.min(m, 2 * tailCount(m) + 100);
        res = cvars(values, ascendingPrefix(values, sorted ?? Float64Array.from(values).sort(), reach));
        kept.set(values, res);
      }
      return res;
    },
  };
}

/** Sample standard deviation of the finite entries of `x`; null under two. */
export function replicateStdDev(x: ArrayLike<number>): number | null {
  let n = 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]!)) {
      n++;
      s += x[i]!;
    }
  }
  if (n < 2) return null;
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!)) ss += (x[i]! - mean) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/** A bootstrap made on first use (its totals are the costly part) and kept. */
export function lazyTailBootstrap(
  paths: () => ArrayLike<number>,
  paired: boolean,
  tailCount: (w: number) => number,
): () => TailBootstrap {
  let boot: TailBootstrap | undefined;
  return () => (boot ??= tailBootstrap(paths(), paired, tailCount));
}

/**
 * Bootstrap standard error of the CVaR of `values` (one per member; `sorted` their ascending copy
 * when the caller has it).
 */
export function bootstrapCvarStdError(
  boot: TailBootstrap,
  values: Float64Array,
  sorted?: ArrayLike<number>,
): number | null {
  return replicateStdDev(boot.replicates(values, sorted));
}

/**
 * Bootstrap standard error of CVaR(a) − CVaR(b), two books on the same members (`sortedA` and
 * `sortedB` their ascending copies when the caller has them).
 */
export function bootstrapGapStdError(
  boot: TailBootstrap,
  a: Float64Array,
  b: Float64Array,
  sortedA?: ArrayLike<number>,
  sortedB?: ArrayLike<number>,
): number | null {
  const ra = boot.replicates(a, sortedA);
  const rb = boot.replicates(b, sortedB);
  return replicateStdDev(ra.map((x, r) => x - rb[r]!));
}

/** The members in ascending order of `values`, ties in member order. */
export function ascendingOrder(values: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => values[a]! - values[b]! || a - b);
}

/**
 * The first members of {@link ascendingOrder}(`values`): those at or below the `count`-th smallest
 * of `sorted` (their ascending copy), so at least `count` of them.
 */
function ascendingPrefix(values: ArrayLike<number>, sorted: ArrayLike<number>, count: number): Uint32Array {
  if (count >= values.length) return ascendingOrder(values);
  const edge = sorted[count - 1]!;
  const picked: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i]! <= edge) picked.push(i);
  return Uint32Array.from(picked).sort((a, b) => values[a]! - values[b]! || a - b);
}
