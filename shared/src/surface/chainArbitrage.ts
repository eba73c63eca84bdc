/**
 * The arbitrage a chain's fit leaves, checked after the repairs (fitChain.ts), and what the
 * surface warns of it:
 * - butterfly: Gatheral's g(k) < 0 on a slice, wherever |z| = |k|/√w(k) ≤ {@link Z_READ} (out to 8
 *   standard deviations, where an option is still worth something: beyond, none is worth 1e-16 of
 *   √(FK)), told apart by where it lies: within the slice's quoted strikes (the quotes leave
 *   arbitrage the fit could not repair) or only beyond its last quote, in the wing the fit
 *   extrapolates (a K/F no quote reaches: the extrapolation's, not the quotes');
 * - calendar: the repaired total variance w(k, T) falling from one slice to the next at a fixed
 *   log-moneyness k = ln(K/F(T)) of each slice's own forward, on a grid finer than the one the
 *   running-maximum repair looks for crossings on (spxSurface.ts), so it checks the repair rather
 *   than restating it. A crossing wider than the check's step (0.0025 in k) holds one of its
 *   points and is found; a narrower one can fall between two and go unseen.
 */
import { LOCAL_OFFSETS, sviDensityG, sviVariance, type SviParams } from './svi';
import type { SpxSurface } from './spxSurface';
import type { SliceInput } from './chainSlice';
import type { DroppedQuotes } from './chainQuotes';

/** Least g reported as butterfly arbitrage (below: rounding of g itself). */
const G_TOLERANCE = -1e-9;

/** Largest fall in total variance between slices taken as rounding, not calendar arbitrage. */
const CALENDAR_TOLERANCE = 1e-12;

/**
 * The calendar check's grid: k ∈ [−2, 1] (strikes 14%-272% of each forward, the butterfly grid's
 * range) in steps of 0.0025, a quarter of the repair's crossing grid step: it finds every crossing
 * wider than 0.0025 there, not every one narrower.
 */
const CALENDAR_GRID = Float64Array.from({ length: 1201 }, (_, i) => -2 + (3 * i) / 1200);

/**
 * How many standard deviations out, |z| = |k|/√w(k) of the slice's own k = ln(K/F) and total
 * variance, butterfly arbitrage is reported: 8, on every slice, within the quotes and beyond, at
 * any k. Not a bound on where the surface is read: readers reach any k. An expiry before the first
 * slice reads c·w(k/√c) (c = t/T < 1, g raised by (1 − c)·w'²/16), one after the last the
 * stretched c·w(k/√c) (spxSurface.ts), a state at another VIX λ²·w(k/λ) (moveSurface.ts), so a
 * plan's drawdown to 0.9 or a stress grid's VIX of 200 reads a slice far beyond k = 1, but each at
 * the k where the slice's own z is the reader's. Between two slices the reader's z lies between
 * theirs at that k; past the last slice's stretch limit the ATM variance added lowers the reader's
 * |z| below the slice's, so a reader there within 8 can read the last slice beyond 8. What z bounds
 * is value: an out-of-the-money option at |z| ≥ 8 is worth less than 1e-16·√(FK) at any total
 * variance (the most, 9.3e-17, at √w ≈ 2; e^(−z²/2) = 1.3e-14 bounds it loosely), under half a
 * double's spacing at √(FK): arbitrage there is in prices no one can mark or trade. At 7 the bound
 * is 2.2e-13, at 6 1.9e-10.
 */
export const Z_READ = 8;

/** Most steps {@link zWalk} takes on each side: 80 local standard deviations, ten times the 8 a flat smile needs. */
const Z_WALK_STEPS = 4000;

/**
 * Points of a slice's smile from the money outwards, 1/50 of the local standard deviation √w(k)
 * apart, on each side until |z| first passes {@link Z_READ} (on a smile free of butterfly
 * arbitrage z rises with k: Fukasawa, d1 and d2 both fall): the reach of the report beyond the
 * grid, as far out in k as the slice's wings put 8 standard deviations.
 */
function zWalk(svi: SviParams): number[] {
  const out: number[] = [];
  for (const dir of [-1, 1]) {
    let k = 0;
    for (let i = 0; i < Z_WALK_STEPS; i++) {
      const sd = Math.sqrt(sviVariance(svi, k));
      if (!(sd > 0) || Math.abs(k) > Z_READ * sd) break;
      out.push(k);
      k += (dir * sd) / 50;
    }
  }
  return out;
}

export interface ButterflyViolation {
  expiry: string;
  root: string;
  /** The least g(k) found (below −1e-9). */
  minG: number;
  /** Where: ln(K/F). */
  atK: number;
  /**
   * True when it lies only beyond the slice's last quote (in the extrapolated wing, at a K/F no
   * quote reaches); false when within the quoted strikes.
   */
  beyondQuotes: boolean;
  /** Standard deviations out there: ln(K/F)/√w, within ±{@link Z_READ}. */
  atZ: number;
  /** ln(K/F) of the slice's lowest and highest quotes that have an implied vol (out of the money). */
  quotedK: [number, number];
}

export interface ArbitrageReport {
  /**
   * Slices with g(k) < −1e-9 at a point checked ({@link butterflyViolation}) within
   * {@link Z_READ} standard deviations after the repair: within the quoted strikes when there is
   * any there, else beyond the last quote (`beyondQuotes`). Further out no option is worth 1e-16
   * of √(FK), and it is not reported; nor is a dip narrower than the spacing of the points.
   */
  butterfly: ButterflyViolation[];
  /**
   * Slices whose repaired total variance falls below the previous slice's at some k of
   * [−2, 1] (steps of 0.0025: a crossing narrower than that can lie between them unseen) at fixed
   * ln(K/F) of each: the largest fall, where. Not checked when
   * the calendar repair is off (VIX-option slices, each on its own future).
   */
  calendar: { expiry: string; gap: number; atK: number }[];
  /**
   * Slices of the surface whose fitted SVI lay below an earlier slice somewhere on k ∈ [−2, 1],
   * raised there to the earlier total variance (the running-maximum repair): largest lift, where.
   */
  calendarRepaired: { expiry: string; gap: number; atK: number }[];
}

/** The slice's quoted range in ln(K/F): its fitted and wing quotes. */
function quotedRange(s: SliceInput): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const k of [...s.k, ...s.wing.k]) {
    if (k < lo) lo = k;
    if (k > hi) hi = k;
  }
  return [lo, hi];
}

/**
 * The butterfly arbitrage of a fitted slice within {@link Z_READ} standard deviations, on `grid`
 * (the fit's: the quoted strikes, [−2, 1] and ±12 ATM standard deviations), 81 points about m (as
 * the fit checks: {@link LOCAL_OFFSETS}) and {@link zWalk}, or null when g ≥ −1e-9 at each of them.
 * The fit repairs g at the grid's points, so a dip narrower than their spacing can lie between two
 * of them, repaired at both, and go unreported unless the walk's points fall in it.
 */
export function butterflyViolation(s: SliceInput, svi: SviParams, grid: Float64Array): ButterflyViolation | null {
  const quotedK = quotedRange(s);
  const least = { in: { g: Infinity, k: 0, z: 0 }, out: { g: Infinity, k: 0, z: 0 } };
  const visit = (k: number): void => {
    const z = k / Math.sqrt(sviVariance(svi, k));
    if (Math.abs(z) > Z_READ) return;
    const g = sviDensityG(svi, k);
    const side = k >= quotedK[0] && k <= quotedK[1] ? least.in : least.out;
    if (g < side.g) [side.g, side.k, side.z] = [g, k, z];
  };
  for (const k of grid) visit(k);
  for (const o of LOCAL_OFFSETS) visit(svi.m + svi.sigma * o);
  for (const k of zWalk(svi)) visit(k);
  const worst = least.in.g < G_TOLERANCE ? least.in : least.out.g < G_TOLERANCE ? least.out : null;
  if (worst === null) return null;
  return {
    expiry: s.expiry,
    root: s.root,
    minG: worst.g,
    atK: worst.k,
    beyondQuotes: worst === least.out,
    atZ: worst.z,
    quotedK,
  };
}

/** Where a surface's repaired total variance falls from one slice to the next ({@link ArbitrageReport.calendar}). */
export function calendarViolations(surface: SpxSurface): ArbitrageReport['calendar'] {
  const out: ArbitrageReport['calendar'] = [];
  const n = CALENDAR_GRID.length;
  let prev = CALENDAR_GRID.map((k) => surface.sliceVariance(0, k));
  for (let j = 1; j < surface.slices.length; j++) {
    const w = CALENDAR_GRID.map((k) => surface.sliceVariance(j, k));
    let gap = CALENDAR_TOLERANCE;
    let at = -1;
    for (let i = 0; i < n; i++) {
      const d = prev[i]! - w[i]!;
      if (d > gap) [gap, at] = [d, i];
    }
    if (at >= 0) out.push({ expiry: surface.slices[j]!.expiry, gap, atK: CALENDAR_GRID[at]! });
    prev = w;
  }
  return out;
}

const ratio = (k: number): string => Math.exp(k).toFixed(2);

/** One butterfly violation beyond the last quote in words: the slice, K/F and |z| there, K/F of the last quote. */
function wingWords(b: ButterflyViolation): string {
  const edge = b.atK > b.quotedK[1] ? b.quotedK[1] : b.quotedK[0];
  return `${b.root} ${b.expiry} at K/F ${ratio(b.atK)}, ${Math.abs(b.atZ).toFixed(1)} standard deviations out (last usable quote at K/F ${ratio(edge)})`;
}

/** What a chain's fit warns of: quotes left out as bad data, and arbitrage left after the repairs. */
export function fitWarnings(d: DroppedQuotes, arbitrage: ArbitrageReport): string[] {
  const warnings: string[] = [];
  // Quotes without a bid are the far wings of every chain; a bid at or above the ask is bad data.
  const bad = d.crossed + d.locked;
  if (bad > 0) {
    warnings.push(
      `${bad} quote${bad === 1 ? '' : 's'} with the bid at or above the ask (${d.crossed} crossed, ${d.locked} locked) left out of the fit: check the chain's quotes.`,
    );
  }
  const quoted = arbitrage.butterfly.filter((b) => !b.beyondQuotes);
  if (quoted.length) {
    warnings.push(
      `The chain's quotes leave butterfly arbitrage the fit could not repair in ${quoted.length} slice(s): ${quoted.map((b) => `${b.root} ${b.expiry}`).join(', ')}.`,
    );
  }
  const wing = arbitrage.butterfly.filter((b) => b.beyondQuotes);
  if (wing.length) {
    warnings.push(
      `The fit's extrapolated wing leaves butterfly arbitrage beyond the last quote in ${wing.length} slice(s), none within the quoted strikes: ${wing.map(wingWords).join(', ')}. Vols that far out are the extrapolation's, not the market's.`,
    );
  }
  if (arbitrage.calendar.length) {
    warnings.push(
      `Total variance falls from one expiry to the next after the calendar repair (calendar arbitrage) before ${arbitrage.calendar.length} slice(s): ${arbitrage.calendar.map((c) => `${c.expiry} by ${c.gap.toPrecision(3)} at ln(K/F) ${c.atK.toFixed(4)}`).join(', ')}.`,
    );
  }
  return warnings;
}
