/**
 * Warnings for Cboe index levels the schemas accept but no day's closes have shown beside VIX,
 * for every surface built from the indices (the plan's and POST /api/surface's alike); and the
 * index an SPX chain's options more likely are when its forward stands far from the SPX given
 * beside it ({@link otherIndexCause}).
 */
import { fmt } from '../usdText';

/**
 * How far VIX9D, VIX3M or VIX6M may sit from VIX, as a factor either way, before the pair reads as
 * a slip (another day's close, or a level in the wrong units). No real close has come near it:
 * VIX9D/VIX stayed within 0.66-1.59 (2011-2026), VIX3M/VIX within 0.74-1.41 (2009-2026), VIX6M/VIX
 * within 0.63-1.62 (2008-2021).
 */
export const INDEX_VIX_FACTOR = 2;

/**
 * Warnings for a Cboe index beside VIX more than {@link INDEX_VIX_FACTOR} times above or below it;
 * `field` is where the request holds the indices (`market.indices` in a plan, `indices` in a
 * surface request).
 */
export function indexPlausibility(
  vix: number,
  indices: { vix9d?: number | undefined; vix3m?: number | undefined; vix6m?: number | undefined } | undefined,
  field: string,
): string[] {
  const out: string[] = [];
  for (const name of ['vix9d', 'vix3m', 'vix6m'] as const) {
    const level = indices?.[name];
    if (level === undefined || (level <= vix * INDEX_VIX_FACTOR && level >= vix / INDEX_VIX_FACTOR)) continue;
    const upper = name.toUpperCase();
    const apart =
      level > vix
        ? `more than ${INDEX_VIX_FACTOR}× VIX ${fmt(vix, 2)}`
        : `under 1/${INDEX_VIX_FACTOR} of VIX ${fmt(vix, 2)}`;
    out.push(
      `${upper} ${fmt(level, 2)} is ${apart}, which no day's closes have shown: check ${field}.${name} is the ${upper} close of the valuation date, in index points, or leave it out.`,
    );
  }
  return out;
}

/**
 * The band of a chain's nearest forward over the SPX given beside it that reads as XSP options
 * (Mini-SPX, a tenth of SPX: the forward at 0.1 of SPX, give or take the carry and a stale SPX).
 */
const XSP_RATIO = { lo: 0.08, hi: 0.125 };

/**
 * The least ratio of a chain's nearest forward to the SPX given beside it that reads as the options
 * of an index standing well above SPX, as NDX (the Nasdaq-100) has: over twice SPX's level since
 * about 2015. Between 1.25 and 2 the gap names no index: another day's quotes or a slip as likely.
 */
const ABOVE_SPX_RATIO = 2;

/**
 * What an SPX chain whose nearest forward stands far from the SPX level given beside it (a table's
 * spot, a plan's SPX) most likely holds, when the ratio of the two points at an index: XSP options
 * at about a tenth of SPX, the options of an index well above it (NDX) at twice or more; undefined
 * for any other gap. A chain without a root column is read as SPXW, so either fits as an SPX
 * surface at its own level when nothing else says where SPX stood; the SPX given is all there is
 * to compare (no SPX history is kept here), and that SPX may be the slip instead: callers say so.
 */
export function otherIndexCause(forward: number, spx: number): string | undefined {
  const ratio = forward / spx;
  if (ratio >= XSP_RATIO.lo && ratio <= XSP_RATIO.hi) return 'XSP options (a tenth of SPX)';
  if (ratio >= ABOVE_SPX_RATIO) return `NDX or another index's options (${fmt(ratio, 1)}× SPX)`;
  return undefined;
}
