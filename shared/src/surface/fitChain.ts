/**
 * SPX surface from an option chain (method Section 2b). Per expiry:
 * 1. forward F and discount D from put-call parity, C − P = D·(F − K), by a least-squares line
 *    through the 20 strikes nearest the money that have both quotes (weighted by 1/width);
 * 2. out-of-the-money mids → Black-76 implied vols on that forward (puts below F, calls above);
 * 3. a raw SVI slice fitted in total variance, each quote weighted by vega / bid-ask width (so the
 *    residual is the price error in units of the quote's spread), free of butterfly arbitrage;
 * 4. calendar arbitrage repaired by the surface's running maximum of total variance across
 *    expiries (see spxSurface.ts), and where it bound reported, never hidden.
 */
import { AlvhError, invalidInput } from '../errors';
import { black76ImpliedVol } from '../pricing/impliedVol';
import { blackFormula } from '../pricing/blackFormula';
import { normCdf, normPdf } from '../pricing/normalCdf';
import { parseIsoDate } from '../dates';
import { yearsToSettlement, type ChainQuote, type DroppedQuotes, type ParsedChain, type Settlement } from './chain';
import { arbitrageGrid, fitSvi, sviVariance, sviViolations, type SviParams } from './svi';
import { calendarRepairs, makeSpxSurface, varianceSwapVol, type SpxSurface, type SurfaceSlice } from './spxSurface';

/** Fewest usable out-of-the-money strikes a slice is fitted from. */
export const MIN_SLICE_STRIKES = 5;
/**
 * Out-of-the-money quotes below this |delta| are marked but not fitted: with the 0.02-0.05 delta
 * wings in the fit, five SVI parameters cannot hold the body inside its (narrow) spreads — on the
 * two real chains the share of 10-90 delta marks inside the bid-ask rose from 66-69% to 90-94%
 * when they were left out, at the cost of the 2-10 delta wing (RMSE 0.4-0.7 vol points).
 */
export const MIN_FIT_DELTA = 0.05;
/** Pairs used for the parity line. */
const PARITY_PAIRS = 20;

/** One quote with its marks. */
export interface QuoteMark {
  strike: number;
  type: 'call' | 'put';
  bid: number;
  ask: number;
  /** Implied vol of the mid (decimal), null when the mid has none (below intrinsic). */
  midVol: number | null;
  /** Bid-ask width in vol (decimal), ask vol − bid vol approximated by width / vega. */
  widthVol: number;
  modelVol: number;
  modelPrice: number;
  /** Black-76 delta (discounted) at the model vol. */
  delta: number;
  /** Out-of-the-money side (used in the fit). */
  otm: boolean;
}

export interface SliceFit {
  root: string;
  expiry: string;
  settlement: Settlement;
  years: number;
  forward: number;
  discount: number;
  atmVol: number;
  svi: SviParams;
  /** OTM quotes the slice was fitted on. */
  quotes: number;
  /** RMSE of model − mid vol over the fitted quotes, vol points. */
  rmseVolPts: number;
  /** Share of the fitted quotes whose model price lies within [bid, ask], percent. */
  insideSpreadPct: number;
  /** Part of the surface (false: fitted and reported only, e.g. SPX AM beside SPXW). */
  inSurface: boolean;
  marks: QuoteMark[];
}

export interface ArbitrageReport {
  /** Slices with g(k) < −1e-9 somewhere on the grid after the repair. */
  butterfly: { expiry: string; root: string; minG: number; atK: number }[];
  /** Slices whose total variance still decreases in T somewhere (none: the repair is exact). */
  calendar: { expiry: string; gap: number; atK: number }[];
  /**
   * Slices of the surface whose fitted SVI lay below an earlier slice somewhere on k ∈ [−2, 1],
   * raised there to the earlier total variance (the running-maximum repair): largest lift, where.
   */
  calendarRepaired: { expiry: string; gap: number; atK: number }[];
}

export interface ChainSurfaceFit {
  surface: SpxSurface;
  slices: SliceFit[];
  skipped: { root: string; expiry: string; reason: string }[];
  arbitrage: ArbitrageReport;
  dropped: DroppedQuotes & { noImpliedVol: number };
}

export interface ChainFitOptions {
  /** Roots whose slices make the surface (default SPXW when quoted, else SPX). */
  roots?: string[];
  /** Slices closer than this to settlement are left out (default 1 day). */
  minYears?: number;
  /** Spot, when the chain has none (default: the chain's Last). */
  spot?: number;
  /** Also fit (and report, outside the surface) the slices of the other roots (default false). */
  fitOtherRoots?: boolean;
}

interface Pair {
  strike: number;
  call?: ChainQuote;
  put?: ChainQuote;
}

function mid(q: ChainQuote): number {
  return 0.5 * (q.bid + q.ask);
}

/** Forward and discount from the parity line near the money; null when fewer than 3 pairs. */
export function parityForward(pairs: readonly Pair[]): { forward: number; discount: number; pairs: number } | null {
  const both = pairs.filter((p) => p.call && p.put);
  if (both.length < 3) return null;
  let atm = both[0]!;
  for (const p of both) if (Math.abs(mid(p.call!) - mid(p.put!)) < Math.abs(mid(atm.call!) - mid(atm.put!))) atm = p;
  const near = [...both]
    .sort((x, y) => Math.abs(x.strike - atm.strike) - Math.abs(y.strike - atm.strike))
    .slice(0, PARITY_PAIRS);
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const p of near) {
    const w = 1 / (p.call!.ask - p.call!.bid + p.put!.ask - p.put!.bid);
    const x = p.strike;
    const y = mid(p.call!) - mid(p.put!);
    sw += w;
    sx += w * x;
    sy += w * y;
    sxx += w * x * x;
    sxy += w * x * y;
  }
  const det = sw * sxx - sx * sx;
  if (!(det > 0)) return null;
  const slope = (sw * sxy - sx * sy) / det;
  const intercept = (sy - slope * sx) / sw;
  const discount = -slope;
  if (!(discount > 0.5 && discount < 1.1)) return null;
  return { forward: intercept / discount, discount, pairs: near.length };
}

function black76Delta(isCall: boolean, F: number, K: number, sd: number, D: number): number {
  const d1 = Math.log(F / K) / sd + 0.5 * sd;
  return isCall ? D * normCdf(d1) : -D * normCdf(-d1);
}

interface SliceInput {
  root: string;
  expiry: string;
  settlement: Settlement;
  years: number;
  forward: number;
  discount: number;
  marks: QuoteMark[];
  k: Float64Array;
  w: Float64Array;
  weight: Float64Array;
}

function prepareSlice(quotes: ChainQuote[], years: number, counters: { noImpliedVol: number }): SliceInput | string {
  const byStrike = new Map<number, Pair>();
  for (const q of quotes) {
    const p = byStrike.get(q.strike) ?? { strike: q.strike };
    p[q.type] = q;
    byStrike.set(q.strike, p);
  }
  const pairs = [...byStrike.values()].sort((a, b) => a.strike - b.strike);
  if (!pairs.some((p) => p.put)) return 'no put quotes with a bid';
  if (!pairs.some((p) => p.call)) return 'no call quotes with a bid';
  const par = parityForward(pairs);
  if (!par) return 'fewer than 3 strikes with both a call and a put quote near the money (no parity forward)';
  const { forward: F, discount: D } = par;
  const rate = -Math.log(D) / years;
  const marks: QuoteMark[] = [];
  const ks: number[] = [];
  const ws: number[] = [];
  const wts: number[] = [];
  for (const q of quotes) {
    const isCall = q.type === 'call';
    const otm = isCall ? q.strike >= F : q.strike < F;
    let midVol: number | null = null;
    const intrinsic = Math.max(isCall ? F - q.strike : q.strike - F, 0);
    if (mid(q) <= D * intrinsic) counters.noImpliedVol++;
    else
      try {
        midVol = black76ImpliedVol({ type: q.type, price: mid(q), future: F, strike: q.strike, years, rate });
      } catch (e) {
        if (!(e instanceof AlvhError)) throw e;
        counters.noImpliedVol++;
      }
    if (midVol === null || !(midVol > 0)) {
      marks.push({
        strike: q.strike,
        type: q.type,
        bid: q.bid,
        ask: q.ask,
        midVol: null,
        widthVol: NaN,
        modelVol: NaN,
        modelPrice: NaN,
        delta: NaN,
        otm,
      });
      continue;
    }
    const sd = midVol * Math.sqrt(years);
    const d1 = Math.log(F / q.strike) / sd + 0.5 * sd;
    const vega = D * F * normPdf(d1) * Math.sqrt(years); // per 1.00 of vol
    const widthVol = vega > 0 ? (q.ask - q.bid) / vega : Infinity;
    marks.push({
      strike: q.strike,
      type: q.type,
      bid: q.bid,
      ask: q.ask,
      midVol,
      widthVol,
      modelVol: NaN,
      modelPrice: NaN,
      delta: NaN,
      otm,
    });
    const absDelta = D * normCdf(-Math.abs(d1));
    if (otm && vega > 1e-8 && Number.isFinite(widthVol) && absDelta >= MIN_FIT_DELTA) {
      ks.push(Math.log(q.strike / F));
      ws.push(midVol * midVol * years);
      // residual in variance × this = price residual in units of the width
      wts.push(vega / ((q.ask - q.bid) * 2 * midVol * years));
    }
  }
  if (ks.length < MIN_SLICE_STRIKES) {
    return `${ks.length} usable out-of-the-money strikes (at least ${MIN_SLICE_STRIKES} are needed to fit a slice)`;
  }
  return {
    root: quotes[0]!.root,
    expiry: quotes[0]!.expiry,
    settlement: quotes[0]!.settlement,
    years,
    forward: F,
    discount: D,
    marks,
    k: Float64Array.from(ks),
    w: Float64Array.from(ws),
    weight: Float64Array.from(wts),
  };
}

/**
 * A fine grid around the money, ±12 ATM standard deviations in steps of 1/50 of one: g can dip
 * below zero over a stretch narrower than the coarse grid's step on a short-dated slice.
 */
function fineGrid(s: SliceInput): number[] {
  let i0 = 0;
  for (let i = 1; i < s.k.length; i++) if (Math.abs(s.k[i]!) < Math.abs(s.k[i0]!)) i0 = i;
  const theta = Math.sqrt(s.w[i0]!);
  return Array.from({ length: 1201 }, (_, i) => theta * (-12 + i / 50));
}

function finishSlice(s: SliceInput, svi: SviParams, variance: (k: number) => number, inSurface: boolean): SliceFit {
  let se = 0;
  let n = 0;
  let inside = 0;
  const sqT = Math.sqrt(s.years);
  for (const m of s.marks) {
    const w = variance(Math.log(m.strike / s.forward));
    m.modelVol = Math.sqrt(Math.max(w, 0) / s.years);
    const sd = m.modelVol * sqT;
    m.modelPrice = s.discount * blackFormula(m.type === 'call', s.forward, m.strike, sd);
    m.delta = black76Delta(m.type === 'call', s.forward, m.strike, sd, s.discount);
    if (m.otm && m.midVol !== null) {
      const e = m.modelVol - m.midVol;
      se += e * e;
      n++;
      if (m.modelPrice >= m.bid && m.modelPrice <= m.ask) inside++;
    }
  }
  return {
    root: s.root,
    expiry: s.expiry,
    settlement: s.settlement,
    years: s.years,
    forward: s.forward,
    discount: s.discount,
    atmVol: Math.sqrt(variance(0) / s.years),
    svi,
    quotes: n,
    rmseVolPts: 100 * Math.sqrt(se / Math.max(n, 1)),
    insideSpreadPct: (100 * inside) / Math.max(n, 1),
    inSurface,
    marks: s.marks,
  };
}

/**
 * Fits the SPX surface to a parsed chain.
 *
 * @param chain from {@link parseQuotedata} / {@link parseChainTable}
 * @returns the surface (slices of `roots`), every slice's fit report (all roots), the slices left
 *   out and why, the arbitrage left after the repair, and the quotes dropped
 * @throws AlvhError `invalid_input` naming what is wrong with the chain: no usable quotes
 *   (every one crossed or without a bid), no puts, a single expiry, no slice with 5 strikes
 * @example
 * const fit = fitChainSurface(parseQuotedata(text));
 * fit.surface.vol(45 / 365, 4200);
 */
export function fitChainSurface(chain: ParsedChain, options: ChainFitOptions = {}): ChainSurfaceFit {
  const d = chain.dropped;
  if (chain.quotes.length === 0) {
    throw invalidInput(
      'chain',
      `has no usable quote: of ${d.zeroBid + d.crossed + d.locked} quotes, ${d.crossed} are crossed (bid above ask), ${d.locked} locked (bid = ask) and ${d.zeroBid} have no bid`,
      'pass a chain with live two-sided quotes (bid > 0, ask > bid)',
    );
  }
  if (!chain.quotes.some((q) => q.type === 'put')) {
    throw invalidInput(
      'chain',
      'has no put quotes with a bid',
      'pass both calls and puts: parity and the skew need both',
    );
  }
  if (!chain.quotes.some((q) => q.type === 'call')) {
    throw invalidInput(
      'chain',
      'has no call quotes with a bid',
      'pass both calls and puts: parity and the skew need both',
    );
  }
  const minYears = options.minYears ?? 1 / 365;
  const groups = new Map<string, ChainQuote[]>();
  for (const q of chain.quotes) {
    const key = `${q.root}|${q.expiry}`;
    const g = groups.get(key);
    if (g) g.push(q);
    else groups.set(key, [q]);
  }
  const roots =
    options.roots ??
    (chain.quotes.some((q) => q.root === 'SPXW')
      ? ['SPXW']
      : [...new Set(chain.quotes.map((q) => q.root))].slice(0, 1));
  const counters = { noImpliedVol: 0 };
  const skipped: ChainSurfaceFit['skipped'] = [];
  const prepared: SliceInput[] = [];
  for (const g of groups.values()) {
    const q0 = g[0]!;
    const years = yearsToSettlement(chain.valuationDate, chain.valuationMinutes, q0.expiry, q0.settlement);
    if (years < minYears) {
      skipped.push({
        root: q0.root,
        expiry: q0.expiry,
        reason: `settles in ${(years * 365 * 24).toFixed(1)} hours, under the ${(minYears * 365).toFixed(2)}-day minimum`,
      });
      continue;
    }
    if (!roots.includes(q0.root) && !options.fitOtherRoots) continue;
    const s = prepareSlice(g, years, counters);
    if (typeof s === 'string') skipped.push({ root: q0.root, expiry: q0.expiry, reason: s });
    else prepared.push(s);
  }
  prepared.sort((a, b) => a.years - b.years || a.root.localeCompare(b.root));
  const surfaceSlices = prepared.filter((s) => roots.includes(s.root));
  if (surfaceSlices.length < 2) {
    const which = surfaceSlices.map((s) => s.expiry).join(', ') || 'none';
    throw invalidInput(
      'chain',
      `has ${surfaceSlices.length} expir${surfaceSlices.length === 1 ? 'y' : 'ies'} of ${roots.join('/')} with at least ${MIN_SLICE_STRIKES} usable strikes (${which}); a surface needs two or more${
        skipped.length
          ? ` (left out: ${skipped
              .map((s) => `${s.root} ${s.expiry}: ${s.reason}`)
              .slice(0, 3)
              .join('; ')})`
          : ''
      }`,
      'pass a chain with several listed expiries, each quoted at 5 or more strikes',
    );
  }
  const arbitrage: ArbitrageReport = { butterfly: [], calendar: [], calendarRepaired: [] };
  const fitted = prepared.map((s) => {
    const grid = arbitrageGrid([...Array.from(s.k), ...fineGrid(s)]);
    const svi = fitSvi({ k: s.k, w: s.w, weight: s.weight }, { grid });
    const v = sviViolations(svi, grid);
    if (v.minG < -1e-9) arbitrage.butterfly.push({ expiry: s.expiry, root: s.root, minG: v.minG, atK: v.minGAt });
    return { s, svi };
  });
  const inSurface = fitted.filter((f) => roots.includes(f.s.root));
  const spot = options.spot ?? chain.spot ?? inSurface[0]!.s.forward;
  const slices: SurfaceSlice[] = inSurface.map(({ s, svi }) => ({
    expiry: s.expiry,
    root: s.root,
    years: s.years,
    forward: s.forward,
    discount: s.discount,
    svi,
  }));
  const hh = String(Math.floor(chain.valuationMinutes / 60)).padStart(2, '0');
  const mm = String(chain.valuationMinutes % 60).padStart(2, '0');
  parseIsoDate('valuationDate', chain.valuationDate);
  const draft = makeSpxSurface({
    valuationDate: chain.valuationDate,
    spot,
    source: 'chain',
    slices,
    referenceVix: 0,
    warnings: [],
    label: `chain of ${chain.valuationDate} ${hh}:${mm} ET (${roots.join('/')}, ${slices.length} expiries)`,
  });
  arbitrage.calendarRepaired = calendarRepairs(draft);
  const fits: SliceFit[] = fitted.map(({ s, svi }) => {
    const j = inSurface.findIndex((f) => f.s === s);
    const w = j >= 0 ? (k: number) => draft.sliceVariance(j, k) : (k: number) => sviVariance(svi, k);
    return finishSlice(s, svi, w, j >= 0);
  });
  const referenceVix = varianceSwapVol(draft, 30 / 365);
  const warnings: string[] = [];
  if (arbitrage.butterfly.length) {
    warnings.push(
      `The chain's quotes leave butterfly arbitrage the fit could not repair in ${arbitrage.butterfly.length} slice(s): ${arbitrage.butterfly.map((b) => `${b.root} ${b.expiry}`).join(', ')}.`,
    );
  }
  const surface = makeSpxSurface({ ...draft.toData(), referenceVix, warnings });
  return { surface, slices: fits, skipped, arbitrage, dropped: { ...d, noImpliedVol: counters.noImpliedVol } };
}
