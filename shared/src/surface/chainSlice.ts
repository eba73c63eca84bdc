/**
 * One expiry of a chain: its quotes to out-of-the-money implied vols on the parity forward, the
 * fit's inputs (log-moneyness, total variance, weights), and the marks of the fitted slice.
 */
import { AlvhError } from '../errors';
import { black76ImpliedVol } from '../pricing/impliedVol';
import { blackFormula } from '../pricing/blackFormula';
import { normCdf, normPdf } from '../pricing/normalCdf';
import type { ChainQuote, Settlement } from './chainQuotes';
import { mid, parityLine, type Pair, type ParityLine } from './parity';
import type { SviParams } from './svi';

/** Fewest usable out-of-the-money strikes a slice is fitted from. */
export const MIN_SLICE_STRIKES = 5;
/**
 * Out-of-the-money quotes below this |delta| are marked but not fitted: with the 0.02-0.05 delta
 * wings in the fit, five SVI parameters cannot hold the body inside its (narrow) spreads — on the
 * two real chains the share of 10-90 delta marks inside the bid-ask rose from 66-69% to 90-94%
 * when they were left out, at the cost of the 2-10 delta wing (RMSE 0.4-0.7 vol points).
 */
export const MIN_FIT_DELTA = 0.05;

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
  /** Where the discount comes from (see {@link DiscountFrom}). */
  discountFrom: DiscountFrom;
  atmVol: number;
  svi: SviParams;
  /** OTM quotes the slice was fitted on. */
  quotes: number;
  /** RMSE of model − mid vol over the fitted quotes, vol points. */
  rmseVolPts: number;
  /** Share of the fitted quotes whose model price lies within [bid, ask], percent. */
  insideSpreadPct: number;
  /**
   * The far wings' quotes (out of the money, below {@link MIN_FIT_DELTA}), which the SVI's added
   * wings are fitted to (fitWings.ts): how many, RMSE of model − mid vol, share inside the bid-ask;
   * the RMSE and the share are null when there is no such quote (nothing was marked, not a 0).
   */
  wings: { quotes: number; rmseVolPts: number | null; insideSpreadPct: number | null };
  /** Part of the surface (false: fitted and reported only, e.g. SPX AM beside SPXW). */
  inSurface: boolean;
  marks: QuoteMark[];
}

/**
 * ln(a/b), finite for every positive finite a and b: the quotient alone underflows to 0 (or
 * overflows) for a strike far below (above) the forward, and its logarithm is then infinite.
 */
function logRatio(a: number, b: number): number {
  const k = Math.log(a / b);
  return Number.isFinite(k) ? k : Math.log(a) - Math.log(b);
}

function black76Delta(isCall: boolean, F: number, K: number, sd: number, D: number): number {
  const d1 = logRatio(F, K) / sd + 0.5 * sd;
  return isCall ? D * normCdf(d1) : -D * normCdf(-d1);
}

/**
 * Where an expiry's discount comes from: its own parity line, or (a line too imprecise to read a
 * rate from) the rates of the chain's precise expiries, or of all its lines pooled when none is
 * precise (parity.ts termDiscounts).
 */
export type DiscountFrom = 'parity' | 'neighbours';

export interface SliceInput {
  root: string;
  expiry: string;
  settlement: Settlement;
  years: number;
  forward: number;
  discount: number;
  discountFrom: DiscountFrom;
  marks: QuoteMark[];
  k: Float64Array;
  w: Float64Array;
  weight: Float64Array;
  /** The wings' quotes (out of the money, below {@link MIN_FIT_DELTA}): k, total variance, weight as above. */
  wing: { k: Float64Array; w: Float64Array; weight: Float64Array };
}

/**
 * The parity line of an expiry's quotes (strikes paired call with put); a string saying why when
 * it has none.
 */
export function sliceParity(quotes: readonly ChainQuote[]): ParityLine | string {
  const byStrike = new Map<number, Pair>();
  for (const q of quotes) {
    const p = byStrike.get(q.strike) ?? { strike: q.strike };
    p[q.type] = q;
    byStrike.set(q.strike, p);
  }
  const pairs = [...byStrike.values()].sort((a, b) => a.strike - b.strike);
  if (!pairs.some((p) => p.put)) return 'no two-sided put quote';
  if (!pairs.some((p) => p.call)) return 'no two-sided call quote';
  return parityLine(pairs);
}

/**
 * An expiry's quotes to the fit's inputs, on the forward and discount it was given (its parity
 * line's, or the line's forward at the discount of the chain's rates: see termDiscounts).
 */
export function prepareSlice(
  quotes: readonly ChainQuote[],
  years: number,
  par: { forward: number; discount: number; discountFrom: DiscountFrom },
  counters: { noImpliedVol: number },
): SliceInput | string {
  const { forward: F, discount: D } = par;
  const rate = -Math.log(D) / years;
  const marks: QuoteMark[] = [];
  const ks: number[] = [];
  const ws: number[] = [];
  const wts: number[] = [];
  const wingK: number[] = [];
  const wingW: number[] = [];
  const wingWt: number[] = [];
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
    if (otm && vega > 1e-8 && Number.isFinite(widthVol)) {
      const body = absDelta >= MIN_FIT_DELTA;
      (body ? ks : wingK).push(Math.log(q.strike / F));
      (body ? ws : wingW).push(midVol * midVol * years);
      // residual in variance × this = price residual in units of the width
      (body ? wts : wingWt).push(vega / ((q.ask - q.bid) * 2 * midVol * years));
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
    discountFrom: par.discountFrom,
    marks,
    k: Float64Array.from(ks),
    w: Float64Array.from(ws),
    weight: Float64Array.from(wts),
    wing: { k: Float64Array.from(wingK), w: Float64Array.from(wingW), weight: Float64Array.from(wingWt) },
  };
}

/**
 * A fine grid around the money, ±12 ATM standard deviations in steps of 1/50 of one: g can dip
 * below zero over a stretch narrower than the coarse grid's step on a short-dated slice.
 */
export function fineGrid(s: SliceInput): number[] {
  let i0 = 0;
  for (let i = 1; i < s.k.length; i++) if (Math.abs(s.k[i]!) < Math.abs(s.k[i0]!)) i0 = i;
  const theta = Math.sqrt(s.w[i0]!);
  return Array.from({ length: 1201 }, (_, i) => theta * (-12 + i / 50));
}

export function finishSlice(
  s: SliceInput,
  svi: SviParams,
  variance: (k: number) => number,
  inSurface: boolean,
): SliceFit {
  let se = 0;
  let n = 0;
  let inside = 0;
  const wing = { quotes: 0, se: 0, inside: 0 };
  const sqT = Math.sqrt(s.years);
  for (const m of s.marks) {
    const w = variance(logRatio(m.strike, s.forward));
    m.modelVol = Math.sqrt(Math.max(w, 0) / s.years);
    const sd = m.modelVol * sqT;
    m.modelPrice = s.discount * blackFormula(m.type === 'call', s.forward, m.strike, sd);
    m.delta = black76Delta(m.type === 'call', s.forward, m.strike, sd, s.discount);
    // the fit's own quotes: out of the money, 5 delta or more (the far wings' bid-ask is too wide
    // to fit, and counting them put the RMSE at 6.5 vol points on a slice fitted to 0.02)
    if (m.otm && m.midVol !== null && Math.abs(m.delta) >= MIN_FIT_DELTA) {
      const e = m.modelVol - m.midVol;
      se += e * e;
      n++;
      if (m.modelPrice >= m.bid && m.modelPrice <= m.ask) inside++;
    } else if (m.otm && m.midVol !== null) {
      const e = m.modelVol - m.midVol;
      wing.se += e * e;
      wing.quotes++;
      if (m.modelPrice >= m.bid && m.modelPrice <= m.ask) wing.inside++;
    }
  }
  return {
    root: s.root,
    expiry: s.expiry,
    settlement: s.settlement,
    years: s.years,
    forward: s.forward,
    discount: s.discount,
    discountFrom: s.discountFrom,
    atmVol: Math.sqrt(variance(0) / s.years),
    svi,
    quotes: n,
    rmseVolPts: 100 * Math.sqrt(se / Math.max(n, 1)),
    insideSpreadPct: (100 * inside) / Math.max(n, 1),
    wings: {
      quotes: wing.quotes,
      rmseVolPts: wing.quotes > 0 ? 100 * Math.sqrt(wing.se / wing.quotes) : null,
      insideSpreadPct: wing.quotes > 0 ? (100 * wing.inside) / wing.quotes : null,
    },
    inSurface,
    marks: s.marks,
  };
}
