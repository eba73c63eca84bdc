/**
 * The per-path pricer of the Monte Carlo: a book's legs compiled into typed arrays and valued at a
 * path's (day, SPX, VIX) with the same model as {@link markBook} — SPX legs BSM at the vol of the
 * plan's SPX surface moved to the path's VIX (spxVolKernel, book/marks.ts), VIX legs Black-76 on
 * the VX future of their expiry at the VIX-option surface's vol — without validation or allocation. On a path the VX future of expiry τ is the model
 * future θ + (VIX − θ)e^(−κτ) plus the basis the listed future had over the model at t = 0, fading
 * linearly to 0 at expiry (so the t = 0 mark equals the plan's and a future converges to VIX).
 */
import { blackFormula, blackFormulaLn } from '../pricing/index';
import { OPTION_MULTIPLIER, spxVolKernel, type Leg, type SkewParams, type StateSurfaces } from '../book/index';
import { parseIsoDate } from '../dates';
import { curveDecayKernel, modelFutureKernel } from '../market/meanReversion';

/** Market constants of a path pricer. */
export interface PricerMarket {
  rate: number;
  divYield: number;
  volOfVol: number;
  /** The surfaces of the valuation-date market (the path's VIX moves the SPX one, Section 2b). */
  surfaces: StateSurfaces;
  /** @deprecated Not read: the skew comes from the surface. */
  skew?: SkewParams;
  kappa: number;
  theta: number;
  /** The time factors by whole day to expiry, computed once (see {@link dayFactors}); none: computed per call. */
  factors?: DayFactors;
  /**
   * The VX futures of the path's state (the calibrated model's own expectation); none: the
   * square-root model's curve plus the fading basis (see {@link legFuture}).
   */
  futures?: PathFutures;
}

/** The VX future of an expiry (days after valuation) seen on `day` at the current state of a path. */
export interface PathFutures {
  future(day: number, expiryDay: number): number;
}

/**
 * The factors {@link legPrice} and {@link legFuture} need for a leg `d` whole days from expiry,
 * tabulated for d in [0, size): years d/365, discount e^(−r·years), forward growth e^((r−q)·years)
 * (q the surface's carry yield at that maturity),
 * √years and the VX future's VIX sensitivity e^(−κd/365). Each entry is the very expression the
 * pricer would evaluate, so a tabulated price equals the computed one bit for bit.
 */
export interface DayFactors {
  readonly size: number;
  readonly years: Float64Array;
  readonly disc: Float64Array;
  readonly growth: Float64Array;
  readonly rootYears: Float64Array;
  readonly vixDecay: Float64Array;
  /** ln of the forward growth, (r − q)·years (the exponent of `growth`). */
  readonly lnGrowth: Float64Array;
}

/**
 * ln of an SPX leg's forward growth over `years` to expiry, (r − q)·years, with q the surface's
 * carry yield (the market's divYield, or a chain's own carry: book/marks.ts spxDivYield).
 */
function lnCarry(m: Pick<PricerMarket, 'rate' | 'divYield' | 'surfaces'>, years: number): number {
  const q = years > 0 ? m.surfaces.spx.carryYield(years, m.rate, m.divYield) : m.divYield;
  return (m.rate - q) * years;
}

/** Tabulate {@link DayFactors} for 0 … size − 1 days to expiry. */
export function dayFactors(
  m: Pick<PricerMarket, 'rate' | 'divYield' | 'kappa' | 'surfaces'>,
  size: number,
): DayFactors {
  const f: DayFactors = {
    size,
    years: new Float64Array(size),
    disc: new Float64Array(size),
    growth: new Float64Array(size),
    rootYears: new Float64Array(size),
    vixDecay: new Float64Array(size),
    lnGrowth: new Float64Array(size),
  };
  for (let d = 0; d < size; d++) {
    const years = d / 365;
    f.years[d] = years;
    f.disc[d] = Math.exp(-m.rate * years);
    f.lnGrowth[d] = lnCarry(m, years);
    f.growth[d] = Math.exp(f.lnGrowth[d]!);
    f.rootYears[d] = Math.sqrt(years);
    f.vixDecay[d] = curveDecayKernel(m.kappa, years);
  }
  return f;
}

/** The table of `m` when it covers `left` days (a whole number ≥ 1), else undefined. */
function factorsFor(m: PricerMarket, left: number): DayFactors | undefined {
  const f = m.factors;
  return f !== undefined && left < f.size && (left | 0) === left ? f : undefined;
}

export interface CompiledLegs {
  readonly n: number;
  readonly isCall: Uint8Array;
  readonly isVix: Uint8Array;
  readonly strike: Float64Array;
  /** ln of the strike (SPX legs; the Monte Carlo changes only a VIX tail's strike). */
  readonly lnStrike: Float64Array;
  /** Expiry as days after the valuation date. */
  readonly expiryDay: Int32Array;
  /** Signed quantity × multiplier (USD per index point). */
  readonly scale: Float64Array;
  /** VIX legs: listed future − model future at t = 0, points. */
  readonly basis: Float64Array;
  /**
   * Work space of {@link legsValue}: an SPX leg's log-moneyness ln(F/K) and total standard
   * deviation σ√T at the state being valued (σ√T NaN: the leg is priced whole).
   */
  readonly workX: Float64Array;
  readonly workSd: Float64Array;
}

/**
 * Compile legs. `futureFor(expiry)` gives today's VX future for VIX legs; `vix0` today's VIX.
 */
export function compileLegs(
  legs: readonly Leg[],
  valuationDay: number,
  vix0: number,
  m: PricerMarket,
  futureFor: (expiry: string) => number,
  field: string,
): CompiledLegs {
  const n = legs.length;
  const out: CompiledLegs = {
    n,
    isCall: new Uint8Array(n),
    isVix: new Uint8Array(n),
    strike: new Float64Array(n),
    lnStrike: new Float64Array(n),
    expiryDay: new Int32Array(n),
    scale: new Float64Array(n),
    basis: new Float64Array(n),
    workX: new Float64Array(n),
    workSd: new Float64Array(n),
  };
  legs.forEach((leg, i) => {
    const day = parseIsoDate(`${field}[${i}].expiry`, leg.expiry) - valuationDay;
    out.isCall[i] = leg.type === 'call' ? 1 : 0;
    out.isVix[i] = leg.kind === 'vix' ? 1 : 0;
    out.strike[i] = leg.strike;
    out.lnStrike[i] = Math.log(leg.strike);
    out.expiryDay[i] = day;
    out.scale[i] = leg.quantity * OPTION_MULTIPLIER;
    if (leg.kind === 'vix' && day > 0) {
      const model = modelFutureKernel(m.theta, vix0, curveDecayKernel(m.kappa, day / 365));
      out.basis[i] = futureFor(leg.expiry) - model;
    }
  });
  return out;
}

/**
 * VX future of a VIX leg `i` at `day` with VIX at `vix`: the path's own future when the market
 * carries one (`m.futures`, the calibrated model's expectation at the path state), else the
 * square-root model's future plus the fading basis.
 */
export function legFuture(c: CompiledLegs, i: number, day: number, vix: number, m: PricerMarket): number {
  const e = c.expiryDay[i]!;
  const left = e - day;
  if (left <= 0) return vix;
  if (m.futures !== undefined) {
    const g = m.futures.future(day, e);
    return g > 0.01 ? g : 0.01;
  }
  const t = factorsFor(m, left);
  const decay = t !== undefined ? t.vixDecay[left]! : curveDecayKernel(m.kappa, left / 365);
  const f = modelFutureKernel(m.theta, vix, decay) + c.basis[i]! * (left / e);
  return f > 0.01 ? f : 0.01;
}

/**
 * Vol of a VIX option (decimal) for `years` > 0, strike and VX future, at vol of vol `volOfVol`:
 * the VIX-option surface scaled by volOfVol / its anchor's (book/marks.ts vixOptionVol's rule).
 */
export function vixVolAt(m: PricerMarket, volOfVol: number, years: number, strike: number, future: number): number {
  return m.surfaces.vixOptions.volAtKScaled(years, Math.log(strike / future), volOfVol / m.surfaces.anchorVolOfVol);
}

/** Price per share (points) of leg `i` at `day` (days after valuation), SPX `spot`, `vix`. */
export function legPrice(c: CompiledLegs, i: number, day: number, spot: number, vix: number, m: PricerMarket): number {
  return c.isVix[i] === 1
    ? vixLegPrice(c, i, day, vix, m)
    : spxLegPrice(c, i, day, spot, Math.log(spot), vix / m.surfaces.anchorVix, m);
}

/** {@link legPrice} of a VIX leg: Black-76 on its VX future at the VIX-option surface's vol. */
function vixLegPrice(c: CompiledLegs, i: number, day: number, vix: number, m: PricerMarket): number {
  const left = c.expiryDay[i]! - day;
  const isCall = c.isCall[i] === 1;
  const k = c.strike[i]!;
  const f = legFuture(c, i, day, vix, m);
  if (left <= 0) return isCall ? Math.max(f - k, 0) : Math.max(k - f, 0);
  const t = factorsFor(m, left);
  const vov = vixVolAt(m, m.volOfVol, left / 365, k, f);
  if (t !== undefined) return t.disc[left]! * blackFormula(isCall, f, k, vov * t.rootYears[left]!);
  const years = left / 365;
  return Math.exp(-m.rate * years) * blackFormula(isCall, f, k, vov * Math.sqrt(years));
}

/**
 * {@link legPrice} of an SPX leg given ln `spot` and the surface's move λ = VIX / anchor VIX (both
 * shared by the legs of one state): BSM at the moved surface's vol, with one log-moneyness
 * x = ln S + (r − q)T − ln K = ln(F/K) (q the surface's carry yield at T, as in markBook) for the
 * smile (read at k = −x) and for Black's d1 — no logarithm per leg.
 */
function spxLegPrice(
  c: CompiledLegs,
  i: number,
  day: number,
  spot: number,
  lnSpot: number,
  lambda: number,
  m: PricerMarket,
): number {
  const left = c.expiryDay[i]! - day;
  const isCall = c.isCall[i] === 1;
  const k = c.strike[i]!;
  if (left <= 0) return spxIntrinsic(c, i, spot);
  const t = factorsFor(m, left);
  if (t !== undefined) {
    const x = lnSpot + t.lnGrowth[left]! - c.lnStrike[i]!;
    const vol = spxVolKernel(m.surfaces.spx, lambda, t.years[left]!, -x);
    return t.disc[left]! * blackFormulaLn(isCall, spot * t.growth[left]!, k, x, vol * t.rootYears[left]!);
  }
  const years = left / 365;
  const lnGrowth = lnCarry(m, years);
  const x = lnSpot + lnGrowth - c.lnStrike[i]!;
  const vol = spxVolKernel(m.surfaces.spx, lambda, years, -x);
  return Math.exp(-m.rate * years) * blackFormulaLn(isCall, spot * Math.exp(lnGrowth), k, x, vol * Math.sqrt(years));
}

/** Intrinsic value (points) of SPX leg `i` at SPX `spot` (its price on and after its expiry). */
function spxIntrinsic(c: CompiledLegs, i: number, spot: number): number {
  const k = c.strike[i]!;
  return c.isCall[i] === 1 ? Math.max(spot - k, 0) : Math.max(k - spot, 0);
}

/**
 * Value (USD) of the legs at `day` whose expiry passes `alive` (legsValue: expiry ≥ day, those
 * expiring on `day` at intrinsic; the horizon: expiry > day), ln `spot` and the surface's move
 * taken once, in two passes. First, for each SPX leg whose whole days to expiry the table covers,
 * x = ln(F/K) and σ√T at the moved surface's vol into `workX` and `workSd` (the expressions of
 * {@link spxLegPrice}; NaN in `workSd` for the other legs): each leg's vol is a chain of divisions
 * and square roots of its own, and read one after another in a loop of their own the processor
 * overlaps the chains, where leg by leg it waited on each. Then every leg's price, summed in leg
 * order. (The first pass stays in this function: as a function of its own the JIT inlined it here
 * without the surface's kernels, one more call per leg.)
 */
function legsWhere(
  c: CompiledLegs,
  day: number,
  spot: number,
  vix: number,
  m: PricerMarket,
  firstAlive: number,
): number {
  const lambda = vix / m.surfaces.anchorVix;
  let lnSpot = NaN;
  for (let i = 0; i < c.n; i++) {
    c.workSd[i] = NaN;
    const expiry = c.expiryDay[i]!;
    const left = expiry - day;
    if (expiry < firstAlive || c.isVix[i] === 1 || left <= 0) continue;
    const t = factorsFor(m, left);
    if (t === undefined) continue;
    if (lnSpot !== lnSpot) lnSpot = Math.log(spot);
    const x = lnSpot + t.lnGrowth[left]! - c.lnStrike[i]!;
    c.workX[i] = x;
    c.workSd[i] = spxVolKernel(m.surfaces.spx, lambda, t.years[left]!, -x) * t.rootYears[left]!;
  }
  let v = 0;
  for (let i = 0; i < c.n; i++) {
    if (c.expiryDay[i]! < firstAlive) continue;
    const sd = c.workSd[i]!;
    let price: number;
    const left = c.expiryDay[i]! - day;
    if (c.isVix[i] === 1) price = vixLegPrice(c, i, day, vix, m);
    else if (sd === sd) {
      const t = m.factors!;
      price = t.disc[left]! * blackFormulaLn(c.isCall[i] === 1, spot * t.growth[left]!, c.strike[i]!, c.workX[i]!, sd);
    } else if (left <= 0) price = spxIntrinsic(c, i, spot);
    else {
      // Beyond the day table (legs more than ten years out).
      if (lnSpot !== lnSpot) lnSpot = Math.log(spot);
      price = spxLegPrice(c, i, day, spot, lnSpot, lambda, m);
    }
    v += c.scale[i]! * price;
  }
  return v;
}

/** Value (USD) of all legs alive at `day` (expiry > day is alive; expiry = day is at intrinsic). */
export function legsValue(c: CompiledLegs, day: number, spot: number, vix: number, m: PricerMarket): number {
  return legsWhere(c, day, spot, vix, m, day);
}

/** Value at the horizon `h` of the legs still alive after it (those expiring on or before were settled). */
export function legsAfter(c: CompiledLegs, h: number, spot: number, vix: number, m: PricerMarket): number {
  return legsWhere(c, h, spot, vix, m, h + 1);
}

/**
 * Cash (USD) of the legs that expire exactly on `day`, settled at intrinsic value (SPX legs on the
 * SPX level, VIX legs on VIX).
 */
export function legsSettling(c: CompiledLegs, day: number, spot: number, vix: number): number {
  let v = 0;
  for (let i = 0; i < c.n; i++) {
    if (c.expiryDay[i]! !== day) continue;
    const k = c.strike[i]!;
    const u = c.isVix[i] === 1 ? vix : spot;
    v += c.scale[i]! * (c.isCall[i] === 1 ? Math.max(u - k, 0) : Math.max(k - u, 0));
  }
  return v;
}
