/**
 * The SPX volatility surface every SPX option mark goes through (method Section 2b): a set of SVI
 * slices in total variance, one per expiry, with each expiry's forward and discount factor.
 * Between expiries total variance is interpolated linearly in time at fixed log-moneyness
 * k = ln(K/F(t)); before the first and after the last it is extrapolated flat in ATM vol with the
 * edge slice's smile kept in standard deviations (w(k, t) = c·w_edge(k/√c), c = t/T_edge), after
 * the last only as far as that keeps g ≥ 0, then by adding the ATM variance accrued since. The
 * forward is interpolated log-linearly in time (a piecewise constant carry), from spot at t = 0
 * when spot is known, and the last carry extends beyond.
 *
 * The forward SPX marks use ({@link SpxSurface.carryYield}): a chain surface carries its own, each
 * slice's parity forward relative to the surface's spot, F(t)/spot, so a state at spot S marks on
 * F = S·F(t)/spot (sticky carry: a spot move scales the forward); the quotes' spot is not the
 * chain's Last, and no single rate and yield reproduces the parity forwards. Surfaces built from the
 * indices or VIX alone have forwards made of the caller's rate and yield, and leave them to the state.
 *
 * Calendar arbitrage is removed by construction: the total variance of slice j is the running
 * maximum max_{i ≤ j} w_i(k) over the slices up to it. The maximum of arbitrage-free slices is
 * free of butterfly arbitrage too (normalised call prices are increasing in w at fixed k, and the
 * maximum of convex functions of the strike is convex), so the repair never creates the other
 * kind. Where it binds is found once, at construction, and reported by {@link calendarRepairs}.
 */
import { invalidInput } from '../errors';
import { parseIsoDate } from '../dates';
import { SPOT_STRIKE_FACTOR, checkPositive } from '../validate';
import { checkSviParams } from './checkSvi';
import { sviDensityG, sviSlope, sviVariance, sviWingSlopes, type SviParams } from './svi';

export type SurfaceSource = 'chain' | 'indices' | 'vix-only';

/**
 * The shortest time the checked vols ({@link SpxSurface.vol}, {@link SpxSurface.atmVol},
 * {@link varianceSwapVol}) answer at: one minute, in years (1/525,600). Below it √(w/t) is the ratio
 * of two vanishing numbers (1e-12 years read 191 at a strike 7% away). Marks use the unchecked
 * kernels, which need only t > 0.
 */
export const MIN_VOL_YEARS = 1 / 525_600;

/** One expiry of a surface. */
export interface SurfaceSlice {
  /** Expiry date, ISO (a tenor's date for surfaces built from the indices). */
  expiry: string;
  /** Option root the slice was fitted on (SPXW, SPX), or 'index' for index tenors. */
  root: string;
  /** Time from the valuation moment to settlement, years (ACT/365). */
  years: number;
  /** Forward of the index to that settlement, points. */
  forward: number;
  /** Discount factor to that settlement. */
  discount: number;
  svi: SviParams;
}

/** Plain data of a surface (JSON-able); {@link makeSpxSurface} turns it into a {@link SpxSurface}. */
export interface SpxSurfaceData {
  valuationDate: string;
  /** Spot used for the forward before the first expiry; from the chain or the caller. */
  spot: number;
  source: SurfaceSource;
  /** Sorted by years, strictly increasing, each years > 0. */
  slices: SurfaceSlice[];
  /**
   * The 30-day VIX the surface corresponds to, in Cboe VIX points: the index given (a surface from
   * the indices; the day's VIX given to a chain's fit), else a chain surface's own 30-day
   * variance-swap level. The reference a scenario VIX is compared with: a move to it is the identity.
   */
  referenceVix: number;
  /** What a plan should say about the surface (e.g. "VIX only: flat term structure"). */
  warnings: string[];
  /**
   * Apply the running-maximum calendar repair (default true). False only for VIX-option slices,
   * each on its own future, where total variance across expiries need not be monotone.
   */
  calendarRepair?: boolean;
  /** One line naming the source, e.g. "chain of 2022-02-04 16:00 ET (SPXW, 36 expiries)". */
  label: string;
}

/**
 * The SPX surface as the engines call it. Marks are Black-76 on the forward of each expiry,
 * i.e. risk-neutral (Q-measure) prices consistent with the quotes' mids (source 'chain') or with
 * the Cboe variance-swap indices turned into ATM vols and a calibrated skew ('indices',
 * 'vix-only'); never a real-world forecast.
 */
export interface SpxSurface extends Readonly<SpxSurfaceData> {
  /**
   * Implied vol (decimal) at time t (years, a minute to 30) and strike (points, half to twice
   * `spot`); checked.
   */
  vol(tYears: number, strike: number): number;
  /** Forward of the index to time t (points). */
  forward(tYears: number): number;
  /** Discount factor to time t. */
  discount(tYears: number): number;
  /** ATM-forward vol (k = 0) at time t (years, a minute to 30); checked. */
  atmVol(tYears: number): number;
  /**
   * The dividend yield (decimal) SPX marks to time t > 0 use with the state's `rate` and
   * `divYield`: for a chain surface the yield that carries spot to the surface's forward,
   * rate − ln(F(t)/spot)/t (F = S·e^((rate − yield)t) is then S·F(t)/spot); for the other
   * sources `divYield` itself. Unchecked kernel for hot loops.
   */
  carryYield(tYears: number, rate: number, divYield: number): number;
  /** Total variance σ²t at log-moneyness k = ln(K/F(t)); unchecked kernel for hot loops. */
  totalVariance(tYears: number, k: number): number;
  /** Repaired total variance of slice `j` (index into `slices`) at log-moneyness k. */
  sliceVariance(j: number, k: number): number;
  /**
   * C, the largest stretch c·w(k/√c) of the last slice kept in standard deviations beyond it
   * before butterfly or calendar arbitrage (then the ATM variance accrued is added); 1 for none.
   */
  stretchLimit(): number;
  /** Vol at (t, strike), unchecked: t > 0 and strike > 0 are the caller's to guarantee. */
  volUnchecked(tYears: number, strike: number): number;
  /** A short human description: source, date, ATM vols at 30 and 90 days. */
  describe(): string;
  /** The plain data (for JSON and for building moved copies). */
  toData(): SpxSurfaceData;
}

function checkSlices(d: SpxSurfaceData): void {
  if (!Array.isArray(d.slices) || d.slices.length === 0) {
    throw invalidInput('surface.slices', 'is empty', 'build the surface from a chain or the indices');
  }
  let prev = 0;
  d.slices.forEach((s, i) => {
    if (!(s.years > prev)) {
      throw invalidInput(
        `surface.slices[${i}].years`,
        `is ${s.years}, not after the previous slice (${prev})`,
        'pass slices sorted by time to expiry, all after the valuation moment',
      );
    }
    prev = s.years;
    checkPositive(`surface.slices[${i}].forward`, s.forward);
    checkPositive(`surface.slices[${i}].discount`, s.discount);
    checkSviParams(`surface.slices[${i}].svi`, s.svi);
  });
  checkPositive('surface.spot', d.spot);
}

/**
 * The forward and the discount between and beyond the slices: log-linear in t between slices, from
 * spot (and a discount of 1) at t = 0, the last segment's carry and rate extended after the last.
 */
function termCurves(T: readonly number[], lnF: readonly number[], lnD: readonly number[], lnS: number) {
  const n = T.length;
  const lastCarry = n >= 2 ? (lnF[n - 1]! - lnF[n - 2]!) / (T[n - 1]! - T[n - 2]!) : (lnF[0]! - lnS) / T[0]!;
  const lastRate = -lnD[n - 1]! / T[n - 1]!;

  /** Index of the last slice with T ≤ t (−1 before the first). */
  function locate(t: number): number {
    let lo = -1;
    let hi = n;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (T[mid]! <= t) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  function lnForward(t: number): number {
    const i = locate(t);
    if (i < 0) return lnS + ((lnF[0]! - lnS) * t) / T[0]!;
    if (i >= n - 1) return lnF[n - 1]! + lastCarry * (t - T[n - 1]!);
    const u = (t - T[i]!) / (T[i + 1]! - T[i]!);
    return lnF[i]! + u * (lnF[i + 1]! - lnF[i]!);
  }

  function lnDiscount(t: number): number {
    const i = locate(t);
    if (i < 0) return (lnD[0]! * t) / T[0]!;
    if (i >= n - 1) return lnD[n - 1]! - lastRate * (t - T[n - 1]!);
    const u = (t - T[i]!) / (T[i + 1]! - T[i]!);
    return lnD[i]! + u * (lnD[i + 1]! - lnD[i]!);
  }

  return { locate, lnForward, lnDiscount };
}

/** Where a time falls on a surface: between two slices, or beyond an edge (stretched; after the last, plus ATM variance). */
const BETWEEN = 0;
const STRETCHED = 1;
const STRETCHED_PLUS_ATM = 2;
/** The places in a surface's kept time constants: t, slice, mode, u, stretch, its root, ATM variance added. */
const AT_T = 0;
const AT_SLICE = 1;
const AT_MODE = 2;
const AT_U = 3;
const AT_SCALE = 4;
const AT_ROOT = 5;
const AT_ADD = 6;
const AT_SIZE = 7;

/**
 * A surface's total variance w(t, k) from its slice times `T` (sorted), `locate` (the last slice
 * with T ≤ t, −1 before the first), the repaired variance of slice j at k and, after the last
 * slice, the largest stretch C ({@link sdStretchLimit}).
 *
 * Before the first slice: the slice's smile kept in standard deviations, w(k, t) = c·w_0(k/√c)
 * with c = t/T_0 < 1 (flat ATM vol; the skew in k scales as 1/√t). Its Gatheral g is
 * g_0 − (c − 1)·w_0'²/16 ≥ g_0: shrinking c only adds density.
 *
 * After the last slice: the same stretch up to c* = min(c, C), C the largest stretch that keeps
 * g ≥ 0, then the ATM variance accrued since, w(k, t) = c*·w_e(k/√c*) + (c − c*)·w_e(0). The added
 * constant leaves w' and w'' alone and, where 0 ≤ k·w'/(2w) ≤ 1, only raises g; ATM vol stays
 * flat; w rises with t at every k. Stretching alone (g falls by (c − 1)·w'²/16) priced negative
 * butterflies beyond a slice fitted close to g = 0; scaling w at fixed k made one- and two-year
 * calls non-monotone.
 *
 * Between slices i and i + 1: linear in t at fixed k, w_i + u·(w_{i+1} − w_i).
 *
 * What depends on t alone (the slice, u, c or c*, its root, the ATM variance added) is kept in
 * `at` for the last two times read ({@link timeConstants}): the engines read the legs of one
 * expiry, strike after strike, at one t, and a Monte Carlo rebalance reads its condor now and in
 * the drawdown scenario by turns. Each is the very expression the reading would evaluate, so a
 * kept read equals a computed one bit for bit. (A typed array: numbers kept in closure variables
 * would be boxed anew at every write.)
 */
function totalVarianceReader(
  T: readonly number[],
  locate: (t: number) => number,
  sliceVariance: (j: number, k: number) => number,
  stretchLimit: () => number,
): (t: number, k: number) => number {
  const n = T.length;
  const at = new Float64Array(2 * AT_SIZE).fill(NaN);
  /** The row of `at` (0 or AT_SIZE) read last; timeConstants fills the other. */
  let lastRow = 0;

  /** Set the constants of time t into the row at offset `o` (t > 0; any other t is kept for no later read). */
  function timeConstants(t: number, o: number): void {
    const i = locate(t);
    at[o + AT_T] = t > 0 ? t : NaN;
    if (i >= 0 && i < n - 1) {
      at[o + AT_SLICE] = i;
      at[o + AT_MODE] = BETWEEN;
      at[o + AT_U] = (t - T[i]!) / (T[i + 1]! - T[i]!);
      return;
    }
    const j = i < 0 ? 0 : n - 1;
    const c = t / T[j]!;
    let scale = c;
    at[o + AT_SLICE] = j;
    at[o + AT_MODE] = STRETCHED;
    if (j === n - 1 && !(c <= 1)) {
      const limit = stretchLimit();
      const cs = c < limit ? c : limit;
      scale = cs;
      if (cs !== c) {
        at[o + AT_MODE] = STRETCHED_PLUS_ATM;
        at[o + AT_ADD] = (c - cs) * sliceVariance(j, 0);
      }
    }
    at[o + AT_SCALE] = scale;
    at[o + AT_ROOT] = Math.sqrt(scale);
  }

  return function totalVariance(t: number, k: number): number {
    let o = lastRow;
    if (t !== at[o + AT_T]) {
      o = AT_SIZE - o;
      if (t !== at[o + AT_T]) timeConstants(t, o);
      lastRow = o;
    }
    const j = at[o + AT_SLICE]!;
    const mode = at[o + AT_MODE];
    if (mode === BETWEEN) {
      const w0 = sliceVariance(j, k);
      return w0 + at[o + AT_U]! * (sliceVariance(j + 1, k) - w0);
    }
    const w = at[o + AT_SCALE]! * sliceVariance(j, k / at[o + AT_ROOT]!);
    return mode === STRETCHED ? w : w + at[o + AT_ADD]!;
  };
}

/**
 * Builds the callable surface from its data (checked once here; the kernels are then unchecked).
 *
 * @throws AlvhError `invalid_input` on unsorted slices or non-positive forwards
 */
export function makeSpxSurface(data: SpxSurfaceData): SpxSurface {
  checkSlices(data);
  const slices = data.slices.map((s) => ({ ...s, svi: copySvi(s.svi) }));
  const n = slices.length;
  const T = slices.map((s) => s.years);
  const lnF = slices.map((s) => Math.log(s.forward));
  const lnD = slices.map((s) => Math.log(s.discount));
  const lnS = Math.log(data.spot);
  // One object shape for every slice (wings or none), so the hot kernels stay monomorphic.
  const P: SviParams[] = slices.map(({ svi: p }) => ({
    a: p.a,
    b: p.b,
    rho: p.rho,
    m: p.m,
    sigma: p.sigma,
    putWing: p.putWing,
    callWing: p.callWing,
  }));
  const dominators = data.calendarRepair === false ? P.map(() => []) : dominatorsOf(P);
  const { locate, lnForward, lnDiscount } = termCurves(T, lnF, lnD, lnS);

  /** Repaired total variance of slice j at k: the running maximum over slices ≤ j. */
  function sliceVariance(j: number, k: number): number {
    let w = sviVariance(P[j]!, k);
    const dom = dominators[j]!;
    for (let i = 0; i < dom.length; i++) {
      const v = sviVariance(P[dom[i]!]!, k);
      if (v > w) w = v;
    }
    return w;
  }

  /** Largest stretch c of the last slice kept in standard deviations (see {@link sdStretchLimit}). */
  let lastStretch = NaN;
  const lastSlice = n - 1;
  function stretchLimit(): number {
    if (lastStretch !== lastStretch) lastStretch = sdStretchLimit(P, dominators[lastSlice]!, lastSlice);
    return lastStretch;
  }
  const totalVariance = totalVarianceReader(T, locate, sliceVariance, stretchLimit);

  function volUnchecked(t: number, strike: number): number {
    const k = Math.log(strike) - lnForward(t);
    return Math.sqrt(Math.max(totalVariance(t, k), 0) / t);
  }

  function checkT(t: number): number {
    if (typeof t !== 'number' || !Number.isFinite(t) || t <= 0) {
      throw invalidInput('tYears', `is ${String(t)}`, 'pass the time to expiry in years (> 0), e.g. 30/365');
    }
    if (t > 30) throw invalidInput('tYears', `is ${t} years`, 'pass at most 30 years');
    return t;
  }

  /** {@link checkT}, and at least a minute: the vol of less is √(w/t) of a vanishing t (1e-300 years read 1e72). */
  function checkVolT(t: number): void {
    checkT(t);
    if (t < MIN_VOL_YEARS) {
      throw invalidInput(
        'tYears',
        `is ${t}, under a minute (${MIN_VOL_YEARS.toPrecision(3)} years)`,
        'pass the time to expiry in years, at least a minute, e.g. 30/365',
      );
    }
  }

  /** A strike within the band plans and /api/surface take: half to twice the surface's spot. */
  function checkStrike(strike: number): void {
    checkPositive('strike', strike);
    const [lo, hi] = [data.spot / SPOT_STRIKE_FACTOR, data.spot * SPOT_STRIKE_FACTOR];
    if (strike < lo || strike > hi) {
      const c = (x: number) => String(Number(x.toFixed(2)));
      throw invalidInput(
        'strike',
        `is ${strike}, far from SPX at ${c(data.spot)} (the surface's spot)`,
        `pass a strike in index points, between ${c(lo)} and ${c(hi)}`,
      );
    }
  }

  const ownCarry = data.source === 'chain';
  function carryYield(t: number, rate: number, divYield: number): number {
    return ownCarry ? rate - (lnForward(t) - lnS) / t : divYield;
  }

  const surface: SpxSurface = {
    ...data,
    slices,
    warnings: [...data.warnings],
    vol(t, strike) {
      checkVolT(t);
      checkStrike(strike);
      const v = volUnchecked(t, strike);
      if (!(v > 0) || !Number.isFinite(v)) {
        throw invalidInput(
          'strike',
          `is ${strike}, where the surface has no positive variance`,
          'pass a strike nearer the forward',
        );
      }
      return v;
    },
    forward: (t) => Math.exp(lnForward(checkT(t))),
    discount: (t) => Math.exp(lnDiscount(checkT(t))),
    atmVol(t) {
      checkVolT(t);
      return Math.sqrt(Math.max(totalVariance(t, 0), 0) / t);
    },
    totalVariance,
    carryYield,
    volUnchecked,
    sliceVariance: (j, k) => sliceVariance(j, k),
    stretchLimit,
    describe() {
      const a30 = surface.atmVol(30 / 365);
      const a90 = surface.atmVol(90 / 365);
      const w = data.warnings.length ? ` Warnings: ${data.warnings.join(' ')}` : '';
      return `SPX surface from ${data.label}: ATM vol ${(100 * a30).toFixed(2)}% at 30 days, ${(100 * a90).toFixed(2)}% at 90 days; ${n} ${n === 1 ? 'slice' : 'slices'}.${w}`;
    },
    toData: () => ({
      valuationDate: data.valuationDate,
      spot: data.spot,
      source: data.source,
      slices: slices.map((s) => ({ ...s, svi: copySvi(s.svi) })),
      referenceVix: data.referenceVix,
      warnings: [...data.warnings],
      label: data.label,
      ...(data.calendarRepair === false ? { calendarRepair: false } : {}),
    }),
  };
  return surface;
}

/** A deep copy of SVI parameters (the wings' objects too). */
function copySvi(p: SviParams): SviParams {
  const out: SviParams = { a: p.a, b: p.b, rho: p.rho, m: p.m, sigma: p.sigma };
  if (p.putWing !== undefined) out.putWing = { ...p.putWing };
  if (p.callWing !== undefined) out.callWing = { ...p.callWing };
  return out;
}

/**
 * How far the repaired slice j (its SVI and the earlier ones dominating it) can be stretched in
 * standard deviations, c·w(k/√c), before butterfly or calendar arbitrage. Stretching leaves
 * y = k·w'/(2w) as it is and lowers g by (c − 1)·w'²/16, so it needs c ≤ 1 + 16g/w'² at every k
 * and, in a wing of slope s (g → 1/4 − s²/16), c ≤ 4/s²; w rises with c only where y ≤ 1. Half
 * of each margin is used (the grid is finite); 1 (no stretch) where y > 1 anywhere.
 */
function sdStretchLimit(P: readonly SviParams[], dom: readonly number[], j: number): number {
  const ids = [j, ...dom];
  let slope = 0;
  for (const i of ids) {
    const s = sviWingSlopes(P[i]!);
    slope = Math.max(slope, s.left, s.right);
  }
  let limit = slope > 0 ? 4 / (slope * slope) : Infinity;
  for (let g = 0; g < CROSSING_GRID.length; g++) {
    const k = CROSSING_GRID[g]!;
    let p = P[j]!;
    for (const i of dom) if (sviVariance(P[i]!, k) > sviVariance(p, k)) p = P[i]!;
    const w = sviVariance(p, k);
    const w1 = sviSlope(p, k);
    if ((k * w1) / (2 * w) > 1) return 1;
    if (w1 !== 0) limit = Math.min(limit, 1 + (16 * Math.max(sviDensityG(p, k), 0)) / (w1 * w1));
  }
  return 1 + 0.5 * Math.max(limit - 1, 0);
}

/** Log-moneyness grid on which the calendar repair looks for crossings: [−6, 6], 1,201 points. */
const CROSSING_GRID = Float64Array.from({ length: 1201 }, (_, i) => -6 + (12 * i) / 1200);

/**
 * For each slice, the earlier slices whose total variance exceeds its own somewhere: on the grid,
 * or in a wing (a steeper asymptotic slope b(1 ± ρ) overtakes eventually). An earlier slice can
 * only be above it where the running maximum of the earlier slices is, so each slice scans the
 * earlier ones only at those grid points (none, on a surface free of calendar arbitrage): linear in
 * the slices rather than quadratic in them times the grid.
 */
function dominatorsOf(P: readonly SviParams[]): number[][] {
  const values = P.map((p) => CROSSING_GRID.map((k) => sviVariance(p, k)));
  const slopes = P.map(sviWingSlopes);
  const envelope = new Float64Array(CROSSING_GRID.length).fill(-Infinity);
  return P.map((_, j) => {
    const vj = values[j]!;
    const sj = slopes[j]!;
    const where: number[] = [];
    for (let g = 0; g < vj.length; g++) if (envelope[g]! > vj[g]!) where.push(g);
    const out: number[] = [];
    for (let i = 0; i < j; i++) {
      const si = slopes[i]!;
      const vi = values[i]!;
      let above = si.left > sj.left + 1e-15 || si.right > sj.right + 1e-15;
      for (let w = 0; !above && w < where.length; w++) if (vi[where[w]!]! > vj[where[w]!]!) above = true;
      if (above) out.push(i);
    }
    for (let g = 0; g < vj.length; g++) if (vj[g]! > envelope[g]!) envelope[g] = vj[g]!;
    return out;
  });
}

/**
 * Where the calendar repair binds: for each slice, the largest amount by which an earlier
 * slice's total variance exceeded its own on [kLo, kHi], and where.
 */
export function calendarRepairs(
  surface: SpxSurface,
  kLo = -2,
  kHi = 1,
): { expiry: string; gap: number; atK: number }[] {
  const out: { expiry: string; gap: number; atK: number }[] = [];
  surface.slices.forEach((s, j) => {
    let gap = 0;
    let at = 0;
    for (let g = 0; g <= 600; g++) {
      const k = kLo + ((kHi - kLo) * g) / 600;
      const d = surface.sliceVariance(j, k) - sviVariance(s.svi, k);
      if (d > gap) {
        gap = d;
        at = k;
      }
    }
    if (gap > 0) out.push({ expiry: s.expiry, gap, atK: at });
  });
  return out;
}

/**
 * The reader of the years from a surface's valuation moment to the settlement of an expiry day (a day number), as a
 * slice's years are measured: a slice's own expiry at that slice's years (its quote time and its
 * AM or PM settlement), any other expiry at the first slice's years plus the calendar days between
 * (PM settlement, as SPXW). ALVH.VOL and /api/surface's points read the surface at these times.
 */
export function yearsToExpiry(surface: Pick<SpxSurfaceData, 'slices'>): (expiryDay: number) => number {
  // The slices' days read once: the reader is called once a point or cell.
  const own = new Map<number, number>();
  surface.slices.forEach((s, i) => own.set(parseIsoDate(`surface.slices[${i}].expiry`, s.expiry), s.years));
  const first = surface.slices[0]!;
  const firstDay = parseIsoDate('surface.slices[0].expiry', first.expiry);
  return (expiryDay) => own.get(expiryDay) ?? first.years + (expiryDay - firstDay) / 365;
}
