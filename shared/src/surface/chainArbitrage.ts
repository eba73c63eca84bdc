/**
 * The arbitrage a chain's fit leaves, checked after the repairs (fitChain.ts), and what the
 * surface warns of it:
 * - butterfly: Gatheral's g(k) < 0 on a slice, told apart by where it lies: within the slice's
 *   quoted strikes (the quotes leave arbitrage the fit could not repair) or only beyond its last
 *   quote, in the wing the fit extrapolates (a K/F no quote reaches: the extrapolation's, not the
 *   quotes'). Beyond the quotes only where a reader of the surface can reach ({@link READ_K});
 * - calendar: the repaired total variance w(k, T) falling from one slice to the next at a fixed
 *   log-moneyness k = ln(K/F(T)) of each slice's own forward, on a grid finer than the one the
 *   running-maximum repair looks for crossings on (spxSurface.ts), so it checks the repair rather
 *   than restating it. A crossing wider than the check's step (0.0025 in k) holds one of its
 *   points and is found; a narrower one can fall between two and go unseen.
 */
import { LOCAL_OFFSETS, sviDensityG, sviSlope, type SviParams } from './svi';
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
 * The log-moneyness k = ln(K/F) of a slice's own forward at which the surface's readers can reach
 * its wing: [−2, 1], K/F 0.14-2.72, the range of the fit's grid. ALVH.VOL takes strikes within half
 * and twice the nearest forward, /api/surface's points and the plan's SPX legs within half and
 * twice spot (k within ±ln 2 ≈ ±0.69, moved by the forwards' carry), the plan's scenarios move spot
 * and VIX about those strikes (k/λ), the taskpane draws the quoted range only. Beyond it only the
 * points about m are checked, where nothing reads a slice at its own time; but an expiry before the
 * first slice reads that slice's smile scaled, c·w(k/√c) with c = t/T < 1 (spxSurface.ts), so its
 * wing beyond is reached there, with g raised by (1 − c)·w'²/16.
 */
export const READ_K: readonly [number, number] = [-2, 1];

/**
 * Whether a reader reaches g < −1e-9 where the slice has `g` at k beyond the quotes: within
 * {@link READ_K}; beyond it, on the surface's first slice only, when the scaled smile of an earlier
 * expiry that reads k at READ_K's edge (c = (edge/k)², the least added density) keeps g below.
 */
function readable(svi: SviParams, k: number, g: number, first: boolean): boolean {
  if (k >= READ_K[0] && k <= READ_K[1]) return true;
  if (!first) return false;
  const c = ((k > 0 ? READ_K[1] : READ_K[0]) / k) ** 2;
  const w1 = sviSlope(svi, k);
  return g + ((1 - c) * w1 * w1) / 16 < G_TOLERANCE;
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
  /**
   * True when it lies beyond {@link READ_K} on the surface's first slice: reached only by the
   * expiries before it, whose smile is this slice's scaled.
   */
  readBefore: boolean;
  /** ln(K/F) of the slice's lowest and highest quotes that have an implied vol (out of the money). */
  quotedK: [number, number];
}

export interface ArbitrageReport {
  /**
   * Slices with g(k) < −1e-9 somewhere on the grid after the repair: within the quoted strikes
   * when there is any there, else beyond the last quote (`beyondQuotes`) where a reader of the
   * surface reaches ({@link READ_K}); beyond that, nothing reads it and it is not reported.
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
 * The butterfly arbitrage of a fitted slice on `grid` and 81 points about m (as the fit checks:
 * {@link LOCAL_OFFSETS}), or null when g ≥ −1e-9 everywhere there, beyond the quotes counting
 * only where a reader reaches (`first`: the surface's first slice, read scaled before it).
 */
export function butterflyViolation(
  s: SliceInput,
  svi: SviParams,
  grid: Float64Array,
  first = false,
): ButterflyViolation | null {
  const quotedK = quotedRange(s);
  const least = { in: { g: Infinity, k: 0 }, out: { g: Infinity, k: 0 } };
  const visit = (k: number): void => {
    const g = sviDensityG(svi, k);
    const within = k >= quotedK[0] && k <= quotedK[1];
    const side = within ? least.in : least.out;
    if (g < side.g && (within || readable(svi, k, g, first))) [side.g, side.k] = [g, k];
  };
  for (const k of grid) visit(k);
  for (const o of LOCAL_OFFSETS) visit(svi.m + svi.sigma * o);
  const worst = least.in.g < G_TOLERANCE ? least.in : least.out.g < G_TOLERANCE ? least.out : null;
  if (worst === null) return null;
  return {
    expiry: s.expiry,
    root: s.root,
    minG: worst.g,
    atK: worst.k,
    beyondQuotes: worst === least.out,
    readBefore: worst.k < READ_K[0] || worst.k > READ_K[1],
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

/** One butterfly violation beyond the last quote in words: the slice, K/F there, K/F of the last quote. */
function wingWords(b: ButterflyViolation): string {
  const edge = b.atK > b.quotedK[1] ? b.quotedK[1] : b.quotedK[0];
  const before = b.readBefore ? '; reached by the expiries before it, which read this smile scaled' : '';
  return `${b.root} ${b.expiry} at K/F ${ratio(b.atK)} (last usable quote at K/F ${ratio(edge)}${before})`;
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
