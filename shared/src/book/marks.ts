/**
 * The one place an option's volatility is decided (ALVH-METHOD Section 2b). Every SPX and VIX
 * option mark in the package (markBook, the plan's steps, the stress grid, the Monte Carlo's path
 * pricer, the replay) asks this module for σ.
 *
 * A market state carries the surfaces of the market it was taken in (its anchor: a chain's fit,
 * the Cboe indices, or VIX alone) together with the anchor's VIX and vol of vol. A state at another
 * VIX, spot or date (a stressed state, a grid cell, a Monte Carlo path) marks on the anchor surface
 * moved as Section 2b says, without building a new surface:
 * - SPX: λ = state VIX / anchor VIX; total variance w'(k, T) = λ²·w(k/λ, T) at k = ln(K/F) with F
 *   the state's forward S·e^((r−q)T) — the ATM term structure scales with λ, the skew keeps its
 *   shape in standard deviations, and a spot move carries the smile with it (sticky moneyness).
 *   This is {@link moveSpxSurface}'s rule evaluated in place (raw SVI is closed under it).
 *   q is {@link spxDivYield}: the state's yield, except on a chain's surface, whose parity forwards
 *   fix it per expiry (F = S·F_chain(T)/S_chain, so at the chain's spot the marks are its own).
 * - VIX options: the anchor's VIX-option vol at k = ln(K/F_VX), scaled by state vol of vol /
 *   anchor vol of vol (moveVixSurface's rule).
 * T is the time left to the option's expiry from the state's date (a state later in time reads
 * the surface at the shorter maturity).
 * A state without surfaces marks on the surface built from its own VIX alone (flat term structure).
 */
import { invalidInput } from '../errors';
import { volOfVolFromVvix } from '../market/atmVol';
import { VVIX_RANGE, clampVvix } from '../validate';
import { spxSurfaceFromIndices, vixSurfaceFromVvix, type SpxSurface, type VixVolSurface } from '../surface/index';

/** The surfaces of the market a state was taken in, and that market's VIX and vol of vol. */
export interface StateSurfaces {
  /** SPX surface of the anchor market. */
  spx: SpxSurface;
  /** VIX of the anchor market, points: a state at VIX v reads `spx` scaled by v / anchorVix. */
  anchorVix: number;
  /** VIX-option surface of the anchor market. */
  vixOptions: VixVolSurface;
  /** Vol of the VX futures of the anchor market, decimal: a state's volOfVol scales `vixOptions`. */
  anchorVolOfVol: number;
}

/** What a state must give to be marked (a subset of MarketState). */
export interface MarkableState {
  date: string;
  spot: number;
  vix: number;
  rate: number;
  divYield: number;
  volOfVol: number;
  surfaces?: StateSurfaces | undefined;
}

/** The Cboe indices beside VIX a state's SPX surface may be built from (points; SKEW level). */
export interface OtherIndices {
  vix9d?: number | undefined;
  vix3m?: number | undefined;
  vix6m?: number | undefined;
  skew?: number | undefined;
}

/** An index value inside the surface module's range, else undefined (left out, not guessed). */
function inRange(x: number | undefined, lo: number, hi: number): number | undefined {
  return x !== undefined && Number.isFinite(x) && x >= lo && x <= hi ? x : undefined;
}

/**
 * Surfaces from VIX alone for a state (flat term structure; the surface module's warning says so),
 * or with the other Cboe indices of the day (term structure and skew). An index outside the
 * module's range (1-300 points; SKEW 100-250) is left out. The VIX-option surface is built from
 * VVIX = 100 · volOfVol (clamped to the module's range 20-400).
 */
export function surfacesFromVix(s: MarkableState, others: OtherIndices = {}): StateSurfaces {
  const vix9d = inRange(others.vix9d, 1, 300);
  const vix3m = inRange(others.vix3m, 1, 300);
  const vix6m = inRange(others.vix6m, 1, 300);
  const skew = inRange(others.skew, 100, 250);
  const spx = spxSurfaceFromIndices({
    valuationDate: s.date,
    spot: s.spot,
    indices: {
      vix: s.vix,
      ...(vix9d === undefined ? {} : { vix9d }),
      ...(vix3m === undefined ? {} : { vix3m }),
      ...(vix6m === undefined ? {} : { vix6m }),
      ...(skew === undefined ? {} : { skew }),
    },
    rate: s.rate,
    divYield: s.divYield,
  });
  return stateSurfaces(s.date, s.vix, s.volOfVol, spx);
}

/**
 * The surfaces of a market: its SPX surface (anchored at its VIX) and its VIX-option surface: the
 * one given (fitted to the market's VIX chain), else that of its vol of vol (VVIX = 100 · volOfVol,
 * clamped to the module's range 20-400). Either is anchored at the clamped vol of vol, so a state
 * marks at its own vol of vol's scale of it (the market's own state at the surface as it is).
 */
export function stateSurfaces(
  date: string,
  vix: number,
  volOfVol: number,
  spx: SpxSurface,
  vixOptions?: VixVolSurface,
): StateSurfaces {
  return {
    spx,
    anchorVix: vix,
    vixOptions: vixOptions ?? vixOptionSurface(date, volOfVol),
    anchorVolOfVol: Math.min(VVIX_RANGE.max / 100, Math.max(VVIX_RANGE.min / 100, volOfVol)),
  };
}

/** The VIX-option surface of a market whose VX futures' vol is `volOfVol` (VVIX = 100 · volOfVol, clamped to 20-400). */
function vixOptionSurface(date: string, volOfVol: number): VixVolSurface {
  return vixSurfaceFromVvix(date, clampVvix(100 * volOfVol));
}

const implicit = new WeakMap<object, StateSurfaces>();

/** The surfaces a state marks on: its own, or (cached per state object) those of its VIX alone. */
export function surfacesOf(s: MarkableState): StateSurfaces {
  if (s.surfaces !== undefined) return s.surfaces;
  let got = implicit.get(s);
  if (got === undefined) {
    got = surfacesFromVix(s);
    implicit.set(s, got);
  }
  return got;
}

/**
 * SPX implied vol (decimal) at `years` > 0 for log-moneyness `k` = ln(K/F) on the anchor surface
 * moved by λ = VIX / anchor VIX; a kernel for hot loops, whose arguments are the caller's to check.
 * A surface built by makeSpxSurface has total variance above 0 everywhere (its wings are checked
 * for it); should it not, the mark is refused rather than made at a vol of 0.
 *
 * @throws AlvhError `invalid_input` (field `surface`) where the surface's total variance is not above 0
 */
export function spxVolKernel(spx: SpxSurface, lambda: number, years: number, k: number): number {
  const w = spx.totalVariance(years, k / lambda);
  if (w > 0) return lambda * Math.sqrt(w / years);
  throw noVariance(w, years, k);
}

/** The refusal of {@link spxVolKernel}, built apart so the kernel stays small enough for the JIT to inline. */
function noVariance(w: number, years: number, k: number): Error {
  return invalidInput(
    'surface',
    `has total variance ${w} at ${years.toPrecision(4)} years and ln(K/F) = ${k.toPrecision(4)}: no vol to mark at`,
    'pass a surface whose total variance is above 0 at every strike (one fitted by /api/surface or ALVH.SURFACE)',
  );
}

/**
 * The dividend yield an SPX leg `years` > 0 from expiry is marked with in a state (the pricer's q,
 * its delta's and the forward F = S·e^((r−q)T) its vol is read at): the state's own, except on a
 * chain's surface, where it is the yield that carries the state's spot to the chain's parity
 * forward scaled to that spot (SpxSurface.carryYield); unchecked.
 */
export function spxDivYield(s: MarkableState, years: number): number {
  return years > 0 ? surfacesOf(s).spx.carryYield(years, s.rate, s.divYield) : s.divYield;
}

/** SPX implied vol of a strike in a state, with F = S·e^((r−q)T), q = {@link spxDivYield}; unchecked (years > 0). */
export function spxVol(s: MarkableState, years: number, strike: number, forward: number): number {
  const surf = surfacesOf(s);
  return spxVolKernel(surf.spx, s.vix / surf.anchorVix, years, Math.log(strike / forward));
}

/** ATM-forward SPX vol of a state at `years` > 0 (Step 1's σ). */
export function spxAtmVol(s: MarkableState, years: number): number {
  const surf = surfacesOf(s);
  return spxVolKernel(surf.spx, s.vix / surf.anchorVix, years, 0);
}

/** VIX-option vol (decimal) in a state for `years` > 0, strike and VX future; unchecked. */
export function vixOptionVol(s: MarkableState, years: number, strike: number, future: number): number {
  return vixVolOn(surfacesOf(s), s.volOfVol, years, strike, future);
}

/** The VIX-option vol on a market's surfaces of a state at `volOfVol` (its anchor's surface scaled by volOfVol / anchor's). */
function vixVolOn(
  surf: Pick<StateSurfaces, 'vixOptions' | 'anchorVolOfVol'>,
  volOfVol: number,
  years: number,
  strike: number,
  future: number,
): number {
  return surf.vixOptions.volAtKScaled(years, Math.log(strike / future), volOfVol / surf.anchorVolOfVol);
}

/**
 * The date a surface of VVIX alone is labelled with where no day is given: its vols do not depend
 * on the date (vixSurfaceFromVvix reads only the VVIX level).
 */
const UNDATED = '2000-01-03';

/**
 * The VIX-option vol (decimal) of a market at `vvix` (index points, 20-400) for an option `years`
 * > 0 from expiry, struck at `strike` on the VX future of its expiry `future`: {@link vixOptionVol}
 * of a state of that market (vol of vol VVIX/100, as a plan reads market.vvix), so the plan's tail
 * call marks at it bit for bit (its vol today; in the drawdown, at the stressed VVIX, the time left
 * and the stressed future). Years, strike and future unchecked.
 *
 * @throws AlvhError `invalid_input` (field `vvix`) outside 20-400
 * @example vixOptionVolFromVvix(120, 51 / 365, 24, 23.325) // the 2018-12-24 plan's tail call today
 */
export function vixOptionVolFromVvix(vvix: number, years: number, strike: number, future: number): number {
  if (!(vvix >= VVIX_RANGE.min && vvix <= VVIX_RANGE.max))
    throw invalidInput(
      'vvix',
      `is ${String(vvix)}, outside ${VVIX_RANGE.min} to ${VVIX_RANGE.max}`,
      'pass the VVIX index in vol points, e.g. 95',
    );
  // the surfaces' VIX-option half of a state of that market (stateSurfaces), marked at its own vol of vol
  const volOfVol = volOfVolFromVvix(vvix);
  const surf = { vixOptions: vixOptionSurface(UNDATED, volOfVol), anchorVolOfVol: volOfVol };
  return vixVolOn(surf, volOfVol, years, strike, future);
}
