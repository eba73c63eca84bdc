/**
 * Forward and discount of one expiry from put-call parity, C − P = D·(F − K), near the money, and
 * the discounts of a chain's expiries together ({@link termDiscounts}).
 */
import type { ChainQuote } from './chainQuotes';

/** Pairs used for the parity line. */
const PARITY_PAIRS = 20;

/**
 * Largest standard error (per year) of a parity line's rate −ln(D)/T for the line's own discount to
 * stand; a less precise expiry takes its rate from the precise ones ({@link termDiscounts}). Over
 * the 20 strikes nearest the money a weekly's line is a few points wide: on 2023-06-09 the three-day
 * expiry read −22% ± 5.8 points, while the expiries past a month read 4.8-5.6% ± 0.01-0.25.
 */
export const MAX_RATE_STD_ERR = 0.0025;
/** Fewest pairs a line needs for its standard error to be read (three points leave one degree of freedom). */
const MIN_ERROR_PAIRS = 6;

export interface Pair {
  strike: number;
  call?: ChainQuote;
  put?: ChainQuote;
}

export function mid(q: ChainQuote): number {
  return 0.5 * (q.bid + q.ask);
}

/** A parity line: the forward and discount it reads, and what re-reads the forward at another discount. */
export interface ParityLine {
  forward: number;
  discount: number;
  pairs: number;
  /** Weighted means of the pairs' strike and of C − P: the line passes through them. */
  meanStrike: number;
  meanGap: number;
  /** Standard error of the discount (the slope), from the weighted residuals; NaN under 6 pairs. */
  discountStdErr: number;
}

/** Forward and discount from the parity line near the money; null when it has none ({@link parityLine} says why). */
export function parityForward(pairs: readonly Pair[]): ParityLine | null {
  const line = parityLine(pairs);
  return typeof line === 'string' ? null : line;
}

/**
 * The parity line near the money, or why there is none: fewer than 3 strikes with both quotes, or
 * a line whose discount lies outside (0.5, 1.1) (calls and puts swapped read −1; prices in another
 * unit than the strikes, e.g. dollars per contract, read 100).
 */
export function parityLine(pairs: readonly Pair[]): ParityLine | string {
  const both = pairs.filter((p) => p.call && p.put);
  if (both.length < 3)
    return 'fewer than 3 strikes with both a call and a put quote near the money (no parity forward)';
  let atm = both[0]!;
  for (const p of both) if (Math.abs(mid(p.call!) - mid(p.put!)) < Math.abs(mid(atm.call!) - mid(atm.put!))) atm = p;
  const near = [...both]
    .sort((x, y) => Math.abs(x.strike - atm.strike) - Math.abs(y.strike - atm.strike))
    .slice(0, PARITY_PAIRS);
  const weight = (p: Pair) => 1 / (p.call!.ask - p.call!.bid + p.put!.ask - p.put!.bid);
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const p of near) {
    const w = weight(p);
    const x = p.strike;
    const y = mid(p.call!) - mid(p.put!);
    sw += w;
    sx += w * x;
    sy += w * y;
    sxx += w * x * x;
    sxy += w * x * y;
  }
  const det = sw * sxx - sx * sx;
  const slope = (sw * sxy - sx * sy) / det;
  const intercept = (sy - slope * sx) / sw;
  const discount = -slope;
  if (!(discount > 0.5 && discount < 1.1)) {
    if (!Number.isFinite(discount)) {
      return 'parity line C − P = D·(F − K) cannot be read (no parity forward): check that bids and asks are prices in index points';
    }
    return `parity line C − P = D·(F − K) gives discount ${discount.toFixed(3)}, outside 0.5-1.1 (no parity forward): check the call/put columns (swapped?) and that prices are in index points`;
  }
  let rss = 0;
  for (const p of near) {
    const r = mid(p.call!) - mid(p.put!) - intercept - slope * p.strike;
    rss += weight(p) * r * r;
  }
  const n = near.length;
  return {
    forward: intercept / discount,
    discount,
    pairs: n,
    meanStrike: sx / sw,
    meanGap: sy / sw,
    discountStdErr: n >= MIN_ERROR_PAIRS ? Math.sqrt(((rss / (n - 2)) * sw) / det) : NaN,
  };
}

/** The forward a parity line gives at discount `d`: the line of slope −d through its weighted means. */
export function forwardAtDiscount(line: ParityLine, d: number): number {
  return line.meanStrike + line.meanGap / d;
}

/** A line's rate −ln(D)/T and its standard error (per year). */
function lineRate(line: ParityLine, years: number): { rate: number; stdErr: number } {
  return { rate: -Math.log(line.discount) / years, stdErr: line.discountStdErr / (line.discount * years) };
}

/**
 * With no expiry precise enough to stand alone (a chain of weeklies only), one rate for them all:
 * the lines' rates weighted by 1/error², so the longer lines, which read it best, weigh most. Each
 * line alone read −22% to +10% on the first week of 2023-06-09 (T-bills at 5.2%), and a discount
 * of 1.0019 at three days stood in the surface. A chain with fewer than two lines whose error is
 * read keeps each line's own.
 */
function pooledDiscounts(
  lines: readonly ParityLine[],
  years: readonly number[],
  rates: readonly { rate: number; stdErr: number }[],
): { discount: number[]; own: boolean[] } {
  let sw = 0;
  let swr = 0;
  let read = 0;
  for (const r of rates) {
    if (!(r.stdErr > 0) || !Number.isFinite(r.rate)) continue;
    const w = 1 / (r.stdErr * r.stdErr);
    sw += w;
    swr += w * r.rate;
    read++;
  }
  if (read < 2) return { discount: lines.map((l) => l.discount), own: lines.map(() => true) };
  const rate = swr / sw;
  return { discount: years.map((t) => Math.exp(-rate * t)), own: lines.map(() => false) };
}

/**
 * The discount of each expiry of a chain, from its own parity line where that line reads the rate
 * to within {@link MAX_RATE_STD_ERR}, else from the rates of the precise expiries: linear in years
 * between the nearest precise ones on each side, flat beyond the first and the last. A short
 * expiry's line is a few strikes of C − P over days: its slope is mostly the quotes' noise (rates
 * of −22% and +10% on real weeklies), while the box rate itself moves smoothly with maturity. With
 * no precise expiry every expiry takes the lines' pooled rate ({@link pooledDiscounts}). `own[i]`
 * says which expiries kept theirs.
 */
export function termDiscounts(
  lines: readonly ParityLine[],
  years: readonly number[],
): { discount: number[]; own: boolean[] } {
  const rates = lines.map((l, i) => lineRate(l, years[i]!));
  const precise = rates.map((r) => r.stdErr <= MAX_RATE_STD_ERR);
  const anchors = rates
    .map((r, i) => ({ t: years[i]!, rate: r.rate, i }))
    .filter((a) => precise[a.i])
    .sort((a, b) => a.t - b.t);
  if (anchors.length === 0) return pooledDiscounts(lines, years, rates);
  const rateAt = (t: number): number => {
    if (t <= anchors[0]!.t) return anchors[0]!.rate;
    const last = anchors[anchors.length - 1]!;
    if (t >= last.t) return last.rate;
    let k = 1;
    while (anchors[k]!.t < t) k++;
    const a = anchors[k - 1]!;
    const b = anchors[k]!;
    return a.rate + ((t - a.t) / (b.t - a.t)) * (b.rate - a.rate);
  };
  return {
    discount: lines.map((l, i) => (precise[i] ? l.discount : Math.exp(-rateAt(years[i]!) * years[i]!))),
    own: precise,
  };
}
