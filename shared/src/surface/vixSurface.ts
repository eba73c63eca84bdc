/**
 * VIX-option vols (method Section 2b). VIX options are priced with Black-76 on the VX future of
 * their own expiry; this surface gives the vol to use, as a function of time to expiry and
 * log-moneyness against that future.
 *
 * Without a VIX chain (a judgement: no VIX option chain is in the data this was built on):
 * - ATM vol at 30 days = VVIX/100 (the method's rule);
 * - term structure σ_atm(T) = σ_30·(max(T, 7 days)/30 days)^(−VIX_TERM_EXPONENT), exponent 0.3:
 *   vol of the VX future falls with its maturity (the futures mean-revert), 1m ≈ 1.0·VVIX,
 *   3m ≈ 0.72·VVIX, 6m ≈ 0.58·VVIX;
 * - upward call skew: σ = σ_atm·√(f(k)), k = ln(K/F), f an SSVI smile on each side of the future,
 *   f(k) = ½(1 + ρφk + √((φk + ρ)² + 1 − ρ²)), with ATM slope ρφ/2 of σ/σ_atm of VIX_CALL_SKEW
 *   (0.7) above the future and VIX_PUT_SKEW (0.3) below it (puts cheaper). ρ is fitted to the
 *   earlier linear ratio 1 + 0.7k on [0, 0.7] and 1 + 0.3k on [−0.5, 0] (within 0.55% and 0.06%
 *   of it there). φ is capped by Gatheral and Jacquier's conditions for the ATM total variance
 *   θ = σ_atm²·T, θφ(1 + ρ) < 4 and θφ²(1 + ρ) ≤ 4, so g ≥ 0 on each side, the wings grow at most
 *   like 2|k| (Lee) and the slope of w at the future rises across it (a convex kink): calls fall
 *   and are convex in the strike at every VVIX and tenor. The cap binds from θ ≈ 0.43 (VVIX 200
 *   from 61 days); below it the smile does not depend on θ.
 * With a VIX chain (same quotedata layout, roots VIX/VIXW, AM-settled), each expiry's SVI fit
 * replaces these, interpolated in total variance at fixed k between expiries; before the first and
 * after the last the ATM vol is held flat and the edge smile kept in standard deviations,
 * c·w(k/√c), after the last only up to the stretch limit, then with the ATM variance accrued since
 * added (the SPX surface's reading, spxSurface.ts).
 */
import { invalidInput } from '../errors';
import { VVIX_RANGE, checkVxPrice } from '../validate';
import { parseIsoDate } from '../dates';
import type { DroppedQuotes, ParsedChain } from './chain';
import { checkUsableQuotes, noUsableQuote, noneDropped } from './chainQuotes';
import { fitChainSurface, type ChainSurfaceFit } from './fitChain';
import { makeSpxSurface, type SpxSurface, type SpxSurfaceData } from './spxSurface';

export const VIX_TERM_EXPONENT = 0.3;
/** ATM slope of σ/σ_atm per unit ln(K/F) above the future (calls). */
export const VIX_CALL_SKEW = 0.7;
/** ATM slope of σ/σ_atm per unit ln(K/F) below the future (puts). */
export const VIX_PUT_SKEW = 0.3;
/** SSVI ρ of the call side and of the put side (fitted to the earlier linear ratios). */
export const VIX_CALL_RHO = 0.58;
export const VIX_PUT_RHO = 0.76;
const CALL_PHI = (2 * VIX_CALL_SKEW) / VIX_CALL_RHO;
const PUT_PHI = (2 * VIX_PUT_SKEW) / VIX_PUT_RHO;
/** θφ(1 + ρ) kept at most this (< 4): the wings' slope in total variance stays below Lee's 2. */
const LEE_MARGIN = 3.92;
const T30 = 30 / 365;
const T7 = 7 / 365;

/**
 * Vols for VIX options: risk-neutral Black-76 vols on the VX future of the option's expiry, from
 * VVIX (source 'vvix') or from a fitted VIX chain ('chain').
 */
export interface VixVolSurface {
  valuationDate: string;
  source: 'vvix' | 'chain';
  /** The VVIX the surface corresponds to (given, or the chain's 30-day ATM vol × 100). */
  referenceVvix: number;
  label: string;
  /** Vol (decimal) for an option of tYears on a future at `future` (VX points, 1-500) with strike `strike`; checked. */
  vol(tYears: number, strike: number, future: number): number;
  /** ATM vol at tYears (> 0, at most 30); checked, as `vol` (the engines read the kernels below). */
  atmVol(tYears: number): number;
  /** Unchecked kernel: vol at tYears > 0 and log-moneyness k = ln(K/F). */
  volAtK(tYears: number, k: number): number;
  /**
   * Unchecked kernel: the vol at (tYears, k) of the surface moved to vol of vol × `scale` (a
   * scenario's or a state's vol of vol over the surface's anchor). From VVIX: the surface of VVIX ×
   * scale, its smile's φ capped at the moved ATM variance, so calls stay falling and convex in the
   * strike at any scale; where no cap binds at either variance, exactly scale × volAtK. From a chain:
   * scale × volAtK.
   */
  volAtKScaled(tYears: number, k: number, scale: number): number;
  describe(): string;
  /** From a chain: the fitted slices (each on its own parity forward), which {@link vixSurfaceFromData} rebuilds. */
  data?: SpxSurfaceData;
}

/** The checked `vol`'s and `atmVol`'s time to expiry: finite, > 0, at most 30 years. */
function checkT(t: number): number {
  if (typeof t !== 'number' || !(t > 0) || t > 30) {
    throw invalidInput('tYears', `is ${String(t)}`, 'pass the time to the VIX option expiry in years (> 0)');
  }
  return t;
}

/**
 * The checked `vol`'s arguments: a time to expiry, and a strike and a VX future within the VX price
 * range the package takes ({@link checkVxPrice}: 1 to 500 points, the range a held VIX strike is
 * checked against), not a level the smile's wing turns into thousands of percent.
 */
function checkArgs(t: number, strike: number, future: number): void {
  checkT(t);
  checkVxPrice('strike', strike);
  checkVxPrice('future', future);
}

/** Whole days to expiry up to which {@link AtmMemo} keeps the ATM vols it has computed. */
const MEMO_DAYS = 3650;

/**
 * The ATM vols a surface has computed, remembered by the time they were asked at: a pure function
 * of t (one `Math.pow`, the dearest step of a VIX-option mark) asked again and again at the same
 * few times by the engines (a Monte Carlo asks at whole days to expiry d/365 and at d/365 − h/365
 * for its drawdown horizon h). Two ways per whole day round(365·t) ≤ {@link MEMO_DAYS}, each
 * holding the exact t it was computed at, so a remembered value is the computed one bit for bit;
 * any other t is computed. The tables grow with the days asked (doubling from 64), so a surface
 * asked for a vol or two (one a replay day) pays for a few hundred bytes, not for ten years.
 */
class AtmMemo {
  private keys = new Float64Array(0);
  private values = new Float64Array(0);
  constructor(private readonly compute: (t: number) => number) {}

  get(t: number): number {
    const d = Math.round(t * 365);
    if (!(d >= 0 && d <= MEMO_DAYS)) return this.compute(t);
    const a = 2 * d;
    if (a >= this.keys.length) this.grow(d);
    const keys = this.keys;
    const values = this.values;
    if (keys[a] === t) return values[a]!;
    if (keys[a + 1] === t) return values[a + 1]!;
    const v = this.compute(t);
    // The first way keeps the first t seen at this day; the second holds the latest other one.
    const w = keys[a] !== keys[a] ? a : a + 1;
    keys[w] = t;
    values[w] = v;
    return v;
  }

  /** Room for day `d`: the tables doubled (from 64 days) past it, at most MEMO_DAYS + 1 days. */
  private grow(d: number): void {
    let days = Math.max(64, this.keys.length / 2);
    while (days <= d) days *= 2;
    days = Math.min(days, MEMO_DAYS + 1);
    const keys = new Float64Array(2 * days).fill(NaN);
    const values = new Float64Array(2 * days);
    keys.set(this.keys);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }
}

/**
 * The ATM total variance above which a side's φ is capped (the least over both sides and both
 * conditions of {@link cappedPhi}); at or below it the smile's ratio does not depend on θ.
 */
const THETA_CAP = Math.min(
  ...[
    [VIX_CALL_RHO, CALL_PHI],
    [VIX_PUT_RHO, PUT_PHI],
  ].flatMap(([rho, phi]) => [4 / ((1 + rho!) * phi! * phi!), LEE_MARGIN / ((1 + rho!) * phi!)]),
);

/** SSVI φ of one side at ATM total variance θ: φ0, capped by θφ²(1 + ρ) ≤ 4 and θφ(1 + ρ) ≤ 3.92. */
function cappedPhi(theta: number, rho: number, phi0: number): number {
  const q = theta * (1 + rho);
  if (q * phi0 * phi0 <= 4 && q * phi0 <= LEE_MARGIN) return phi0;
  return Math.min(phi0, 2 / Math.sqrt(q), LEE_MARGIN / q);
}

/**
 * σ/σ_atm of a VIX option at log-moneyness k when the ATM total variance is θ = σ_atm²·T (the
 * module comment's smile). The put side's φ is also kept at most the call side's ρφ/ρ_put, so the
 * slope of the total variance never falls across the future.
 */
export function vixSmileRatio(theta: number, k: number): number {
  const phiCall = cappedPhi(theta, VIX_CALL_RHO, CALL_PHI);
  let rho = VIX_CALL_RHO;
  let phi = phiCall;
  if (k < 0) {
    rho = VIX_PUT_RHO;
    phi = Math.min(cappedPhi(theta, VIX_PUT_RHO, PUT_PHI), (VIX_CALL_RHO * phiCall) / VIX_PUT_RHO);
  }
  const x = phi * k + rho;
  return Math.sqrt(0.5 * (1 + rho * phi * k + Math.sqrt(x * x + 1 - rho * rho)));
}

/** VIX-option vols from VVIX (see the module comment for the rule). */
export function vixSurfaceFromVvix(valuationDate: string, vvix: number): VixVolSurface {
  if (typeof vvix !== 'number' || !Number.isFinite(vvix) || vvix < VVIX_RANGE.min || vvix > VVIX_RANGE.max) {
    throw invalidInput(
      'vvix',
      `is ${String(vvix)}, outside [${VVIX_RANGE.min}, ${VVIX_RANGE.max}]`,
      'pass the VVIX index in vol points, e.g. 95',
    );
  }
  parseIsoDate('valuationDate', valuationDate);
  const s30 = vvix / 100;
  const atmVolOf = (t: number): number => s30 * Math.pow(Math.max(t, T7) / T30, -VIX_TERM_EXPONENT);
  const memo = new AtmMemo(atmVolOf);
  const atmVol = (t: number): number => memo.get(t);
  const volAtK = (t: number, k: number): number => {
    const a = atmVol(t);
    return a * vixSmileRatio(a * a * t, k);
  };
  const volAtKScaled = (t: number, k: number, scale: number): number => {
    const a = atmVol(t);
    const theta = a * a * t;
    // No cap binds at either variance: the smile's ratio is the same, and so are the bits of scale × volAtK.
    if (theta <= THETA_CAP && scale * scale * theta <= THETA_CAP) return scale * (a * vixSmileRatio(theta, k));
    const as = scale * a;
    return as * vixSmileRatio(as * as * t, k);
  };
  const label = `VVIX ${vvix} of ${valuationDate}`;
  return {
    valuationDate,
    source: 'vvix',
    referenceVvix: vvix,
    label,
    vol(t, strike, future) {
      checkArgs(t, strike, future);
      return volAtK(t, Math.log(strike / future));
    },
    atmVol: (t) => atmVol(checkT(t)),
    volAtK,
    volAtKScaled,
    describe: () =>
      `VIX-option vols from ${label}: ATM ${(100 * atmVol(T30)).toFixed(1)}% at 30 days, ${(100 * atmVol(91 / 365)).toFixed(1)}% at 91 days; call skew +${VIX_CALL_SKEW} per unit ln(K/F) at the money.`,
  };
}

/** The roots of VIX options, of which a VIX-option surface is fitted. */
export const VIX_ROOTS: readonly string[] = ['VIX', 'VIXW'];

/**
 * VIX-option vols from a parsed VIX chain (quotedata layout, or a table with root VIX/VIXW). Each
 * expiry is fitted on its own forward, read from put-call parity of its quotes (the VX future of
 * that expiry, the Black-76 underlying); the surface is read at k = ln(K/F) with F the VX future
 * the caller marks on. Quotes of other roots are left out (the fit's `skipped` says so).
 *
 * @throws AlvhError `invalid_input` (field `chain`) when it holds no VIX option quote, or no two-sided quote
 *   at all (or no two-sided VIX quote)
 */
export function vixSurfaceFromChain(chain: ParsedChain): { surface: VixVolSurface; fit: ChainSurfaceFit } {
  // every quote dropped at import (no bid, crossed): say so, not that the chain holds no VIX root
  if (chain.quotes.length === 0) checkUsableQuotes(chain);
  const found = [...new Set(chain.quotes.map((q) => q.root))];
  const listedVix = chain.listed.filter((l) => VIX_ROOTS.includes(l.root));
  if (!found.some((r) => VIX_ROOTS.includes(r)) && listedVix.length > 0) {
    // VIX rows there, each dropped at import, beside another root's quotes: count the VIX ones by why
    const d = noneDropped();
    for (const l of listedVix) for (const k of Object.keys(d) as (keyof DroppedQuotes)[]) d[k] += l.dropped[k];
    noUsableQuote(d, 'VIX');
  }
  // the VIX roots listed, so an expiry of one whose every quote was dropped is named as left out
  const roots = VIX_ROOTS.filter((r) => listedVix.some((l) => l.root === r) || found.includes(r));
  if (roots.length === 0) {
    throw invalidInput(
      'chain',
      `has no VIX option quotes (roots found: ${found.join(', ') || 'none'})`,
      'pass a VIX option chain (roots VIX, VIXW; a table row without a root reads as SPXW)',
    );
  }
  // No calendar repair (each expiry is on its own future), so the fit's report and marks are the
  // surface's; and no spot: the VIX index is no option's underlying, and on a spike day it stands
  // far from every future (2020-03-16: 82.69 against fronts near 65), which the spot check refuses.
  const fit = fitChainSurface({ ...chain, spot: null }, { roots, calendarRepair: false });
  return { surface: vixFromFitted(fit.surface, chain.valuationDate), fit };
}

/** The VIX-option surface of a chain's fitted slices ({@link VixVolSurface.data}), as it was fitted. */
export function vixSurfaceFromData(data: SpxSurfaceData): VixVolSurface {
  return vixFromFitted(makeSpxSurface({ ...data, calendarRepair: false }), data.valuationDate);
}

function vixFromFitted(s: SpxSurface, valuationDate: string): VixVolSurface {
  const volAtK = (t: number, k: number): number => Math.sqrt(Math.max(s.totalVariance(t, k), 0) / t);
  const atm30 = volAtK(T30, 0);
  return {
    valuationDate,
    source: 'chain',
    referenceVvix: 100 * atm30,
    label: `VIX chain of ${valuationDate}`,
    vol(t, strike, future) {
      checkArgs(t, strike, future);
      return volAtK(t, Math.log(strike / future));
    },
    atmVol: (t) => volAtK(checkT(t), 0),
    volAtK,
    // A fitted chain keeps its shape in k (no SSVI cap to re-apply).
    volAtKScaled: (t, k, scale) => scale * volAtK(t, k),
    describe: () =>
      `VIX-option vols from the VIX chain of ${valuationDate}: ATM ${(100 * atm30).toFixed(1)}% at 30 days.`,
    data: s.toData(),
  };
}

/**
 * The VIX-option surface moved to a scenario vol of vol: the surface's own move by
 * scenarioVvix / referenceVvix ({@link VixVolSurface.volAtKScaled}: from VVIX, the surface of the
 * scenario VVIX; from a chain, every vol scaled, the shape in k kept).
 */
export function moveVixSurface(surface: VixVolSurface, scenarioVvix: number): VixVolSurface {
  if (
    typeof scenarioVvix !== 'number' ||
    !Number.isFinite(scenarioVvix) ||
    scenarioVvix < VVIX_RANGE.min ||
    scenarioVvix > VVIX_RANGE.max
  ) {
    throw invalidInput(
      'scenarioVvix',
      `is ${String(scenarioVvix)}, outside [${VVIX_RANGE.min}, ${VVIX_RANGE.max}]`,
      'pass the scenario VVIX in vol points',
    );
  }
  const f = scenarioVvix / surface.referenceVvix;
  const inner = surface;
  const volAtK = (t: number, k: number): number => inner.volAtKScaled(t, k, f);
  return {
    valuationDate: inner.valuationDate,
    source: inner.source,
    referenceVvix: scenarioVvix,
    label: `${inner.label}, moved to VVIX ${scenarioVvix}`,
    vol(t, strike, future) {
      checkArgs(t, strike, future);
      return volAtK(t, Math.log(strike / future));
    },
    atmVol: (t) => volAtK(checkT(t), 0),
    volAtK,
    volAtKScaled: (t, k, scale) => inner.volAtKScaled(t, k, f * scale),
    describe: () => `${inner.describe()} Moved to VVIX ${scenarioVvix} (×${f.toFixed(3)}).`,
  };
}
