/**
 * The frontier's exact search: for each budget, the mix of whole overlay units and whole units of
 * one tail structure, costing at most the budget, that leaves the least CVaR 95 on the down paths.
 *
 * A mix (o overlay units, t units of structure s) is allowed at budget B when o · P₀ ≤ max(splits)
 * · B (the overlay within the largest overlay cap) and o · P₀ + t · Pₛ ≤ B. Every unit count
 * from 0 up is allowed, so the mixes of a budget contain those of every smaller budget: the best
 * at a larger budget is never worse, and a budget's answer does not depend on the other budgets
 * asked with it. Ties go to the cheaper mix, then to fewer structure index and overlay units.
 *
 * The search is exact without trying every mix, by two facts about CVaR over a fixed set of paths:
 * - It is convex in the units (a mix's P&L is linear in them). Along a row of fixed o and s, the
 *   CVaR of t units is a convex sequence: a binary search on its steps finds the least t* that
 *   minimises it, and under a cap T the best is min(t*, T). One search per row serves every budget.
 * - CVaR ≥ −mean P&L over any ⌈5% · down paths⌉ paths S (it is minus the mean over the worst such
 *   set), a plane in (o, t). No budget's best leaves more than the unhedged CVaR (no hedge is always
 *   allowed), so mixes above a plane's unhedged level are never best. A few planes (S: the worst
 *   paths of the condors and of each component alone, and the mildest falls) bound the rows to the
 *   small region that can matter; the region is convex, so the rows stop at the first empty one.
 */
import { noSolution } from '../errors';
import { MAX_CONTRACTS } from '../validate';
import { FRONTIER_CVAR_LEVEL, type FrontierFrame, type FrontierPartial } from './frontierTypes';

const EPS = 1e-9;

/** The CVaR 95 on down paths of the condors plus any units of the components. */
export interface Scorer {
  /** CVaR 95 on the down paths of condors + Σ units[k] · component k. */
  cvar(units: readonly number[]): number;
  downPaths: number;
  /** Tail size: ⌈5% · down paths⌉ (at least 1). */
  tail: number;
  /** −mean over the paths `set` (indices of down paths) of the condors' and each component's P&L. */
  plane(set: readonly number[]): { at0: number; slope: number[] };
  /** The down paths' condor and component P&L, and SPX at the horizon (down-path order). */
  condor: Float64Array;
  hedges: Float64Array[];
  spxEnd: Float64Array;
}

/** Sum of the k smallest of a (reordered in place: quickselect), k ≥ 1. */
function sumSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const x = a[lo]!;
    const y = a[(lo + hi) >>> 1]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const tmp = a[i]!;
        a[i++] = a[j]!;
        a[j--] = tmp;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  let s = 0;
  for (let i = 0; i < k; i++) s += a[i]!;
  return s;
}

export function scorer(p: FrontierPartial): Scorer {
  const down: number[] = [];
  for (let j = 0; j < p.pathCount; j++) if (p.spxEnd[j]! < p.spot0) down.push(j);
  const nd = down.length;
  if (nd === 0) {
    throw noSolution(
      'paths',
      `no path of ${p.pathCount} ends with SPX below ${p.spot0}, so there is no downside to measure`,
      'run more paths',
    );
  }
  const condor = Float64Array.from(down, (j) => p.condor[j]!);
  const hedges = p.hedges.map((h) => Float64Array.from(down, (j) => h[j]!));
  const tmp = new Float64Array(nd);
  const k = Math.max(1, Math.ceil((1 - FRONTIER_CVAR_LEVEL) * nd - EPS));
  const mean = (a: Float64Array, set: readonly number[]) => set.reduce((s, j) => s + a[j]!, 0) / set.length;
  return {
    downPaths: nd,
    tail: k,
    condor,
    hedges,
    spxEnd: Float64Array.from(down, (j) => p.spxEnd[j]!),
    cvar(units) {
      tmp.set(condor);
      units.forEach((u, c) => {
        if (u === 0) return;
        const h = hedges[c]!;
        for (let j = 0; j < nd; j++) tmp[j] = tmp[j]! + u * h[j]!;
      });
      return -sumSmallest(tmp, k) / k;
    },
    plane: (set) => ({ at0: -mean(condor, set), slope: hedges.map((h) => -mean(h, set)) }),
  };
}

/**
 * The scorer of units counted in steps of `step`: unit u of a component here is `step` units of
 * it (its P&L and plane slopes times `step`; its premium is the caller's to scale). CVaR's
 * convexity in the units holds on the coarser grid, so the search stays exact on it.
 */
export function steppedScorer(sc: Scorer, step: number): Scorer {
  if (step === 1) return sc;
  return {
    ...sc,
    cvar: (units) => sc.cvar(units.map((u) => u * step)),
    plane(set) {
      const p = sc.plane(set);
      return { at0: p.at0, slope: p.slope.map((x) => x * step) };
    },
  };
}

/** A budget's best mix. */
export interface FrontierChoice {
  overlayUnits: number;
  /** Component index of the tail structure (0: none). */
  structure: number;
  tailUnits: number;
  cost: number;
  cvar: number;
  /** The smallest overlay cap of `splits` that admits the overlay units at this budget (a label: the tail may use any of the rest). */
  split: number;
}

interface Row {
  o: number;
  s: number;
  tlo: number;
  thi: number;
  /** Least t in [tlo, thi] with the least CVaR. */
  best: number;
}

/** Indices 0..n−1 of the k smallest `by` (ties to the lower index). */
function smallest(by: Float64Array, k: number): number[] {
  return Array.from(by.keys())
    .sort((a, b) => by[a]! - by[b]! || a - b)
    .slice(0, k);
}

/** The rows of mixes that can be best under a budget cap, with the CVaR of any mix (memoised). */
export interface Rows {
  rows: Row[];
  f: (o: number, s: number, t: number) => number;
  unhedged: number;
  p0: number;
  ocap: (b: number) => number;
  tcap: (b: number, o: number, ps: number) => number;
}

/**
 * The search's work: down paths × the bisection steps of its rows (one more per row), each step
 * scoring a mix over every down path. Its time grows with it (about 100-250 ns a unit), not with
 * the budgets or legs.
 */
export function searchWork(downPaths: number, rows: readonly Pick<Row, 'tlo' | 'thi'>[]): number {
  return downPaths * rows.reduce((n, r) => n + Math.ceil(Math.log2(r.thi - r.tlo + 1)) + 1, 0);
}

/** The rows {@link frontierRows} searches, before the search: each with its range of t. */
type Skeleton = Omit<Rows, 'rows'> & { rows: Omit<Row, 'best'>[] };

/**
 * What a frame's search runs on: the scorer in steps of the frame's unit step, a step's premium of
 * each component searched (the overlay and the option structures, not the plan's own book), the
 * largest budget (the rows' cap) and the most steps of a count (one order's leg limit).
 */
export function frameSearch(f: FrontierFrame, sc: Scorer) {
  const step = f.unitStep;
  return {
    step,
    scorer: steppedScorer(sc, step),
    premiums: f.components.slice(0, f.components.length - 1).map((c) => c.premium * step),
    bmax: Math.max(...f.budgets),
    maxUnits: Math.floor(MAX_CONTRACTS / step),
  };
}

/**
 * The {@link searchWork} of the search the summary of `p` runs, and its rows, without running it
 * (0 when no path ends lower: the summary refuses that before any search).
 */
export function frontierSearchWork(p: FrontierPartial): { work: number; rows: number } {
  if (!p.spxEnd.some((x) => x < p.spot0)) return { work: 0, rows: 0 };
  const sc = scorer(p);
  const s = frameSearch(p.frame, sc);
  const { rows } = rowSkeleton(s.scorer, s.premiums, s.bmax, p.frame.splits, s.maxUnits);
  return { work: searchWork(sc.downPaths, rows), rows: rows.length };
}

/**
 * Every row (o overlay units, structure s) whose mixes can leave less CVaR than no hedge under the
 * budget cap `bmax` (and at most `maxUnits` of each), with the range of t the planes allow.
 */
function rowSkeleton(
  sc: Scorer,
  premiums: readonly number[],
  bmax: number,
  splits: readonly number[],
  maxUnits: number,
): Skeleton {
  const p0 = premiums[0]!;
  const top = Math.max(...splits);
  const nComp = premiums.length;
  // Each count is held to `maxUnits` too (one order's leg limit), a cap like the budget's.
  const ocap = (b: number) => (p0 > 0 ? Math.min(maxUnits, Math.max(0, Math.floor((top * b) / p0 + EPS))) : 0);
  const tcap = (b: number, o: number, ps: number) =>
    Math.min(maxUnits, Math.max(0, Math.floor((b - o * p0) / ps + EPS)));
  const memo = new Map<string, number>();
  const units = new Array<number>(sc.hedges.length).fill(0);
  const f = (o: number, s: number, t: number): number => {
    const key = t === 0 ? `${o}:0:0` : `${o}:${s}:${t}`;
    let v = memo.get(key);
    if (v === undefined) {
      units.fill(0);
      units[0] = o;
      if (t > 0) units[s] = t;
      v = sc.cvar(units);
      memo.set(key, v);
    }
    return v;
  };
  const unhedged = f(0, 0, 0);
  const level = unhedged + 1e-6 * (1 + Math.abs(unhedged));
  const sets = [
    smallest(sc.condor, sc.tail),
    ...sc.hedges.slice(0, nComp).map((h) => smallest(h, sc.tail)),
    smallest(
      sc.spxEnd.map((x) => -x),
      sc.tail,
    ),
  ];
  const planes = sets.map((set) => sc.plane(set));

  const tails = nComp > 1 ? Array.from({ length: nComp - 1 }, (_, i) => i + 1) : [0];
  // the rows and their t ranges (planes only); frontierRows then finds their least minimisers
  const skeleton: Omit<Row, 'best'>[] = [];
  for (const s of tails) {
    const ps = s === 0 ? Infinity : premiums[s]!;
    for (let o = 0; o <= ocap(bmax); o++) {
      // The real t of row o under every plane (a convex region: once empty, empty for every larger o).
      let lo = 0;
      let hi = (bmax - o * p0) / ps;
      for (const pl of planes) {
        const r = level - pl.at0 - pl.slope[0]! * o;
        const b = s === 0 ? 0 : pl.slope[s]!;
        if (b > 0) hi = Math.min(hi, r / b);
        else if (b < 0) lo = Math.max(lo, r / b);
        else if (r < 0) hi = -Infinity;
      }
      if (!(lo <= hi)) break;
      const tlo = Math.max(0, Math.ceil(lo - EPS));
      const thi = Math.min(tcap(bmax, o, ps), Math.floor(hi + EPS));
      if (tlo > thi) continue;
      skeleton.push({ o, s, tlo, thi });
    }
  }
  return { rows: skeleton, f, unhedged, p0, ocap, tcap };
}

/**
 * Every row (o overlay units, structure s) whose mixes can leave less CVaR than no hedge under the
 * budget cap `bmax` (and at most `maxUnits` of each), with the range of t the planes allow and the
 * least t that minimises the CVaR. `checkWork` sees the {@link searchWork} of the rows before any is
 * searched (and may throw).
 */
export function frontierRows(
  sc: Scorer,
  premiums: readonly number[],
  bmax: number,
  splits: readonly number[],
  maxUnits = Infinity,
  checkWork: (work: number, rows: number) => void = () => undefined,
): Rows {
  const { rows: skeleton, f, unhedged, p0, ocap, tcap } = rowSkeleton(sc, premiums, bmax, splits, maxUnits);
  checkWork(searchWork(sc.downPaths, skeleton), skeleton.length);
  const rows: Row[] = [];
  for (const { o, s, tlo, thi } of skeleton) {
    // convex in t: the least t whose next step does not lower the CVaR
    let a = tlo;
    let z = thi;
    while (a < z) {
      const m = Math.floor((a + z) / 2);
      if (f(o, s, m + 1) >= f(o, s, m)) z = m;
      else a = m + 1;
    }
    rows.push({ o, s, tlo, thi, best: a });
  }
  return { rows, f, unhedged, p0, ocap, tcap };
}

/**
 * The cheapest mix of the frontier's kind (overlay units and one structure, the overlay within the
 * largest share of `splits`, costing at most the rows' cap) whose CVaR is at most `target`, or null. Exact:
 * along a row the CVaR falls until its least minimiser (convexity), so the least t that reaches the
 * target is found by bisection there, and a mix outside the rows leaves more CVaR than no hedge.
 * Its `budget` is the least that allows it (its cost, or its overlay over the largest share).
 * `searched`: the rows of {@link frontierRows}, whose cap bounds the mixes.
 */
export function cheapestMatch(
  searched: Rows,
  premiums: readonly number[],
  splits: readonly number[],
  target: number,
): (FrontierChoice & { budget: number }) | null {
  const { rows, f, unhedged, p0 } = searched;
  const top = Math.max(...splits);
  const reach = target + EPS * (1 + Math.abs(target));
  let pick: FrontierChoice | undefined;
  const consider = (o: number, s: number, t: number) => {
    const ps = t === 0 ? 0 : premiums[s]!;
    const c: FrontierChoice = {
      overlayUnits: o,
      structure: t === 0 ? 0 : s,
      tailUnits: t,
      cost: o * p0 + t * ps,
      cvar: f(o, s, t),
      split: 0,
    };
    if (pick === undefined || c.cost < pick.cost || (c.cost === pick.cost && better(c, pick))) pick = c;
  };
  if (unhedged <= reach) consider(0, 0, 0);
  for (const row of rows) {
    if (f(row.o, row.s, row.best) > reach) continue;
    let a = row.tlo;
    let z = row.best;
    while (a < z) {
      const m = Math.floor((a + z) / 2);
      if (f(row.o, row.s, m) <= reach) z = m;
      else a = m + 1;
    }
    consider(row.o, row.s, a);
  }
  if (pick === undefined) return null;
  const chosen: FrontierChoice = pick;
  // overlay units need the budget whose top share buys them (none when every split is 0: splits [0])
  const budget = Math.max(chosen.cost, p0 > 0 && chosen.overlayUnits > 0 ? (chosen.overlayUnits * p0) / top : 0);
  const split = splits.find(
    (w) => chosen.overlayUnits === 0 || chosen.overlayUnits <= Math.floor((w * budget) / p0 + EPS),
  )!;
  return { ...chosen, split, budget };
}

/**
 * Each budget's best mix (budgets ascending, splits ascending), over the rows of {@link frontierRows}
 * searched with the largest budget as the cap. `premiums`: [overlay, structures...] per unit, the
 * component order of the scorer; structures must cost more than 0.
 */
export function searchFrontier(
  searched: Rows,
  premiums: readonly number[],
  budgets: readonly number[],
  splits: readonly number[],
): FrontierChoice[] {
  const { rows, f, unhedged, p0, ocap, tcap } = searched;
  return budgets.map((b) => {
    let pick: FrontierChoice | undefined;
    for (const row of rows) {
      if (row.o > ocap(b)) continue;
      const ps = row.s === 0 ? Infinity : premiums[row.s]!;
      const cap = Math.min(row.thi, tcap(b, row.o, ps));
      if (cap < row.tlo) continue;
      const t = Math.min(row.best, cap);
      const s = t === 0 ? 0 : row.s;
      const c: FrontierChoice = {
        overlayUnits: row.o,
        structure: s,
        tailUnits: t,
        cost: row.o * p0 + (t === 0 ? 0 : t * ps),
        cvar: f(row.o, s, t),
        split: splits.find((w) => row.o === 0 || row.o <= Math.floor((w * b) / p0 + EPS))!,
      };
      if (pick === undefined || better(c, pick)) pick = c;
    }
    // no hedge is always allowed (and its row never pruned): the unhedged book at worst
    return pick ?? { overlayUnits: 0, structure: 0, tailUnits: 0, cost: 0, cvar: unhedged, split: splits[0]! };
  });
}

/** The frontier's order of mixes: less CVaR, then cheaper, then lower structure index and fewer overlay units. */
function better(a: FrontierChoice, b: FrontierChoice): boolean {
  if (a.cvar !== b.cvar) return a.cvar < b.cvar;
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.structure !== b.structure) return a.structure < b.structure;
  return a.overlayUnits < b.overlayUnits;
}
