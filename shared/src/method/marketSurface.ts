/**
 * A market's SPX surface (method Section 2b), for a plan's market and a scenario book alike: a
 * fitted surface given, else the chain given, fitted (once for the same text: surface/fitCache.ts),
 * else the Cboe indices, else VIX alone.
 */
import { AlvhError, isAlvhError } from '../errors';
import { SPX_CHAIN_FITS, chainFitKey } from '../surface/fitCache';
import { otherIndexCause } from '../surface/indexPlausibility';
import {
  fitChainSurface,
  makeSpxSurface,
  parseChain,
  spxSurfaceFromIndices,
  sviVariance,
  type ChainRow,
  type ParsedChain,
  type SpxSurface,
  type SpxSurfaceData,
  VIX_ROOTS,
} from '../surface/index';
import { MAX_MARK_VOL } from '../book/markBook';
import { fmt } from './audit';
import { withPrefix } from './fieldPrefix';
import { EXTRAPOLATED, outsideFitted } from './planVixChain';
import type { PlanSurface } from './planTypes';

/** What a market gives to build its SPX surface (a plan's market, a scenario book). */
export interface MarketSurfaceInput {
  spx: number;
  vix: number;
  rate: number;
  divYield: number;
  indices?:
    | { vix9d?: number | undefined; vix3m?: number | undefined; vix6m?: number | undefined; skew?: number | undefined }
    | undefined;
  chain?: string | readonly unknown[] | undefined;
  surface?: unknown;
  vixChain?: string | readonly unknown[] | undefined;
}

/** How far a given surface's spot may sit from the plan's SPX (a fraction) before it is taken for another market's. */
const SURFACE_SPOT_TOLERANCE = 0.2;

/** A chain's own spot (quotedata's Last) within {@link SURFACE_SPOT_TOLERANCE} of SPX, as a fitted surface's must be. */
function checkChainSpot(spot: number, spx: number, root: string, spotField: string): void {
  const off = Math.abs(spot / spx - 1);
  if (off <= SURFACE_SPOT_TOLERANCE) return;
  throw new AlvhError(
    'invalid_input',
    `${root}.chain`,
    `is quoted at SPX ${Number(spot.toFixed(2))} (its Last), ${fmt(off * 100, 1)}% from ${root}.${spotField} ${spx}: a chain of another market`,
    `pass the chain of this market (its Last within ${SURFACE_SPOT_TOLERANCE * 100}% of SPX)`,
  );
}

/**
 * Each slice of a surface passed in marks its at-the-money options at most at {@link MAX_MARK_VOL}:
 * a slice edited to a = 5 (total variance, vol² × years) gave an ATM vol of 571%, refused later
 * as a `vix` the client never sent. A fit gives no such slice; one is refused naming the slice's
 * `svi` (any of its numbers may be the edit) and its at-the-money total variance.
 */
function checkSliceAtmVols(data: SpxSurfaceData, field: string): void {
  data.slices.forEach((s, i) => {
    const w = Math.max(sviVariance(s.svi, 0), 0);
    const vol = Math.sqrt(w / s.years);
    if (vol > MAX_MARK_VOL)
      throw new AlvhError(
        'invalid_input',
        `${field}.slices[${i}].svi`,
        `gives an at-the-money vol of ${fmt(vol * 100, 0)}% at ${fmt(s.years, 4)} years (total variance ${fmt(w, 4)}), above the ${MAX_MARK_VOL * 100}% any mark takes`,
        'pass the surface as fitted (ALVH.SURFACE or /api/surface)',
      );
  });
}

/**
 * The SPX surface of a market (Section 2b): a fitted `surface`, else the `chain` fitted, else the
 * Cboe indices (VIX with `indices`), else VIX alone (flat term structure, with the surface
 * module's warning). `root` names the fields in errors (`market` for a plan, `book` for a
 * scenario book); `spotField` is the field holding the SPX level.
 *
 * A chain is fitted at its own spot (quotedata's Last; a table, carrying none, at SPX), so the marks
 * move from it to SPX as on the surface fitted to the same chain.
 *
 * @throws AlvhError `invalid_input` naming the field (a surface and a chain together, a surface or
 *   chain of another day, a surface whose spot or a chain whose Last is far from SPX, a chain that
 *   cannot be fitted)
 */
export function marketSurface(
  valuationDate: string,
  m: MarketSurfaceInput,
  root = 'market',
  spotField = 'spx',
  onChain?: (chain: ParsedChain, atSpx: boolean) => void,
): SpxSurface {
  if (m.surface !== undefined && m.chain !== undefined) {
    throw new AlvhError(
      'invalid_input',
      `${root}.surface`,
      `is given together with ${root}.chain`,
      'pass either the chain (it is fitted) or a surface already fitted, not both',
    );
  }
  if (m.surface !== undefined) {
    const data = m.surface as SpxSurfaceData;
    if (data.valuationDate !== valuationDate) {
      throw new AlvhError(
        'invalid_input',
        `${root}.surface.valuationDate`,
        `is ${data.valuationDate}, not the valuation date ${valuationDate}`,
        'pass the surface fitted on the valuation date (or the chain of that day)',
      );
    }
    if (!(Math.abs(data.spot / m.spx - 1) <= SURFACE_SPOT_TOLERANCE)) {
      throw new AlvhError(
        'invalid_input',
        `${root}.surface.spot`,
        `is ${data.spot}, ${fmt(Math.abs(data.spot / m.spx - 1) * 100, 1)}% from ${root}.${spotField} ${m.spx}: a surface of another market`,
        `pass the surface fitted to this market (its spot within ${SURFACE_SPOT_TOLERANCE * 100}% of SPX), or its chain`,
      );
    }
    const surface = withPrefix(
      (f) => `${root}.surface.${f.replace(/^surface\./, '')}`,
      () => makeSpxSurface(data),
    );
    checkSliceAtmVols(data, `${root}.surface`);
    // a surface whose spot is SPX itself (one fitted to a table at SPX, or Excel's SURFACE spill,
    // which carries no spot) has its forwards checked against SPX, and is said so
    const atSpx = data.spot === m.spx;
    checkForwards(
      surface,
      `${root}.surface`,
      atSpx ? 'SPX' : 'its spot',
      atSpx
        ? `pass quotes taken at this SPX, or check ${root}.${spotField}`
        : `pass the surface fitted to this market's quotes (its spot the SPX of the quotes), or check ${root}.${spotField}`,
    );
    return surface;
  }
  if (m.chain !== undefined) {
    const chain = m.chain;
    // whether the chain's spot is the market's SPX (a chain carrying none), so that a fit refusing it names that field
    let spotIsSpx = false;
    /** The chain parsed, checked against the market and fitted. */
    const fit = (): { parsed: ParsedChain; surface: SpxSurface; atSpx: boolean } => {
      // Quotedata carries its own spot (Last): the surface is fitted there and the marks move
      // from it to SPX, as on the surface fitted to the same file. A plain table carries none:
      // SPX is its spot.
      const parsed = parseChain(chain as string | readonly ChainRow[], { valuationDate });
      if (parsed.valuationDate !== valuationDate) {
        throw new AlvhError(
          'invalid_input',
          `${root}.chain`,
          `is the chain of ${parsed.valuationDate}, not of the valuation date ${valuationDate}`,
          'pass the chain of the valuation date',
        );
      }
      refuseVixOnly(parsed, root);
      if (parsed.spot === null) {
        parsed.spot = m.spx;
        spotIsSpx = true;
      } else checkChainSpot(parsed.spot, m.spx, root, spotField);
      // referenceVix in the index's units: a move to the market's VIX leaves the fit as it is.
      const surface = spotFarFromChain(
        () => fitChainSurface(parsed, { vix: m.vix }).surface,
        spotIsSpx,
        root,
        spotField,
      );
      checkForwards(
        surface,
        `${root}.chain`,
        spotIsSpx ? 'SPX' : 'its Last',
        `pass this market's chain${spotIsSpx ? `, or check ${root}.${spotField}` : ''}`,
      );
      return { parsed, surface, atSpx: spotIsSpx };
    };
    return withPrefix(
      (f) =>
        f.startsWith(`${root}.`)
          ? f
          : f === 'vix'
            ? `${root}.vix`
            : f === 'spot'
              ? spotIsSpx
                ? `${root}.${spotField}`
                : `${root}.chain`
              : f === 'valuationDate'
                ? f
                : // the parser's own names start with the chain's ("chain[0].expiry", "chain line 3")
                  `${root}.${f.startsWith('chain') ? f : `chain.${f}`}`,
      () => {
        // the same chain text on the same market is fitted once (surface/fitCache.ts)
        const { parsed, surface, atSpx } =
          typeof chain === 'string' ? SPX_CHAIN_FITS.get(chainFitKey(chain, valuationDate, m.spx, m.vix), fit) : fit();
        onChain?.(parsed, atSpx);
        return surface;
      },
    );
  }
  return withPrefix(
    (f) =>
      f === 'spot'
        ? `${root}.${spotField}`
        : f === 'valuationDate'
          ? f
          : `${root}.${f.replace(/^indices\.vix$/, 'vix')}`,
    () =>
      spxSurfaceFromIndices({
        valuationDate,
        spot: m.spx,
        indices: { vix: m.vix, ...(m.indices ?? {}) },
        rate: m.rate,
        divYield: m.divYield,
      }),
  );
}

/** A market's SPX chain holding VIX options and no SPX option: the VIX chain sent in the wrong field. */
function refuseVixOnly(parsed: ParsedChain, root: string): void {
  const found = [...new Set(parsed.quotes.map((q) => q.root))];
  if (!found.every((r) => VIX_ROOTS.includes(r)) || found.length === 0) return;
  throw new AlvhError(
    'invalid_input',
    `${root}.chain`,
    `holds VIX options (roots ${found.join(', ')}), no SPX option: it is a VIX chain`,
    `pass the VIX options as ${root}.vixChain, and the SPX chain (roots SPXW, SPX) as ${root}.chain`,
  );
}

/**
 * `fit()`, a table's fit refusing SPX as its spot (20% or more from its nearest forward) named at the
 * chain: the fit's own fix ("or leave spot out") is for a chain fitted alone, and a plan's SPX is
 * not to be left out.
 */
function spotFarFromChain<T>(fit: () => T, spotIsSpx: boolean, root: string, spotField: string): T {
  try {
    return fit();
  } catch (e) {
    const far =
      isAlvhError(e) && e.field === 'spot' && spotIsSpx
        ? /^is (\S+), (\d+)% away from the chain's nearest forward ([\d.]+)(?::|$)/.exec(e.problem)
        : null;
    if (far === null) throw e;
    // XSP options at a tenth of SPX, NDX's well above it: named, as the chain's more likely content
    const cause = otherIndexCause(Number(far[3]), Number(far[1])) ?? "another market's quotes";
    throw new AlvhError(
      'invalid_input',
      `${root}.chain`,
      `has its nearest SPX forward at ${far[3]}, ${far[2]}% away from ${root}.${spotField} ${far[1]}: ${cause}, or SPX mistyped`,
      `pass this market's chain, or check ${root}.${spotField}`,
    );
  }
}

/** How far a fitted slice's SPX forward may sit from the surface's spot: 1% plus a carry of 30% a year. */
const FORWARD_GAP_FLAT = 0.01;
const FORWARD_CARRY_MOST = 0.3;

/**
 * The forwards of a surface fitted to quotes against its spot (SPX for a table or a fitted surface
 * given, quotedata's Last for quotedata): each within {@link FORWARD_GAP_FLAT} plus
 * {@link FORWARD_CARRY_MOST} a year of it. The marks price SPX options at the dividend yield these
 * forwards imply with the rate, so a chain of another market, or SPX mistyped, 5-20% from the
 * quotes' forwards, read as a yield of hundreds of percent a year, and was refused as
 * market.divYield "looking like a percentage", a field the trader had set right; it is named here.
 * Real chains sit far inside: the 2023-06-09 forwards within 0.05% of S·e^((r−q)T), those of
 * 2022-02-04 within 0.5% of a Last taken before the options' close.
 */
export function checkForwards(s: SpxSurface, field: string, what: string, fix: string): void {
  for (const slice of s.slices) {
    const gap = Math.log(slice.forward / s.spot);
    if (Math.abs(gap) <= FORWARD_GAP_FLAT + FORWARD_CARRY_MOST * slice.years) continue;
    const pct = (Math.exp(gap) - 1) * 100;
    throw new AlvhError(
      'invalid_input',
      field,
      `has its ${slice.expiry} forward ${fmt(slice.forward, 2)} ${fmt(Math.abs(pct), 1)}% ${pct > 0 ? 'above' : 'below'} ${what} ${fmt(s.spot, 2)}, ${fmt(slice.years * 365, 0)} days out (${fmt((gap / slice.years) * 100, 0)}% a year): another market or SPX mistyped`,
      fix,
    );
  }
}

/** How far the SPX a chain's near forwards imply may sit from the SPX it is read at before a plan says so (real chains: within 0.13%). */
const QUOTE_SPOT_GAP = 0.005;
/** The expiries that check reads: the carry at a flat rate and yield holds near the front only (real chains: 0.9% off at a year). */
const QUOTE_SPOT_DAYS = 60;

/**
 * A plan's warning when an SPX chain is read at the market's SPX and its nearest forward (within
 * {@link QUOTE_SPOT_DAYS} days) implies another SPX, at the plan's rate and dividend yield, by
 * more than {@link QUOTE_SPOT_GAP}: such a chain's marks stay at the quotes' forwards and do not
 * move to the SPX typed, so a what-if on SPX, or quotes of another time, marks the options where
 * they were quoted. `read` says how the spot was set: `table` for a chain carrying no spot of its
 * own (a table, fitted at SPX), `surface` for a fitted surface whose spot is SPX (Excel's
 * ALVH.SURFACE spill, or one fitted to a table at SPX). Quotedata carries its Last, and its marks
 * move from it: no warning. Undefined otherwise. The real chains' nearest forwards imply their Last
 * within 0.13% (2022-02-04) and 0.04% (2023-06-09).
 */
export function quoteSpotWarning(
  s: SpxSurface,
  m: { spx: number; rate: number; divYield: number },
  read: 'table' | 'surface',
  field: string,
  spotField: string,
): string | undefined {
  const first = s.slices[0];
  if (s.source !== 'chain' || s.spot !== m.spx || first === undefined || first.years * 365 > QUOTE_SPOT_DAYS)
    return undefined;
  const implied = first.forward * Math.exp(-(m.rate - m.divYield) * first.years);
  const gap = implied / m.spx - 1;
  if (Math.abs(gap) <= QUOTE_SPOT_GAP) return undefined;
  const how =
    read === 'table'
      ? `${field} carries no spot of its own and is read at ${spotField}`
      : `${field} has ${spotField} itself as its spot`;
  return (
    `The SPX chain's nearest forward, ${fmt(first.forward, 2)} on ${first.expiry}, implies SPX ${fmt(implied, 2)} at the plan's rate and dividend yield, ` +
    `${fmt(Math.abs(gap) * 100, 1)}% ${gap > 0 ? 'above' : 'below'} ${spotField} ${m.spx}: ${how}, ` +
    `so its marks stay where the options were quoted and do not move to ${spotField}. For marks at this SPX, pass the day's quotedata text (its Last moves them) or quotes taken at this SPX.`
  );
}

/**
 * A plan's warning when an SPX chain carrying its own spot (quotedata's Last, or a surface fitted
 * to it) is read at a market SPX more than {@link QUOTE_SPOT_GAP} away: its marks move there, each
 * vol kept at its moneyness, which is a what-if on the day's surface, not the quotes (a Last of
 * 4300.01 read at SPX 4500.53 re-marked the plan in silence). Undefined otherwise.
 */
export function movedSpotWarning(s: SpxSurface, spx: number, field: string, spotField: string): string | undefined {
  if (s.source !== 'chain' || s.spot === spx) return undefined;
  const gap = spx / s.spot - 1;
  if (!(Math.abs(gap) > QUOTE_SPOT_GAP)) return undefined;
  return (
    `${field} was quoted at SPX ${fmt(s.spot, 2)}, and the plan moves its marks to ${spotField} ${spx}, ${fmt(Math.abs(gap) * 100, 1)}% ${gap > 0 ? 'above' : 'below'} it, ` +
    `each vol kept at its moneyness: a what-if on that day's surface, not its quotes. If ${spotField} is mistyped, pass the SPX of the quotes.`
  );
}

/**
 * The warning of SPX options the plan marks (`expiries`, theirs) outside the fitted expiries of the
 * chain its surface was fitted to (market.chain, or market.surface fitted to one): read there, the
 * vols are extrapolated, not quoted. None on a surface from the indices or VIX alone.
 */
export function spxChainRangeWarning(
  surface: Pick<PlanSurface, 'source' | 'data'>,
  expiries: Iterable<string>,
): string[] {
  const range = surface.source === 'chain' ? outsideFitted(surface.data.slices, expiries) : undefined;
  if (range === undefined || range.out.length === 0) return [];
  const { first, last, out } = range;
  const those = out.length === 1 ? 'that expiry' : 'those expiries';
  return [
    `SPX chain: the plan marks SPX options of ${out.join(', ')}, outside the chain's fitted expiries ${first} to ${last}: their vols are ${EXTRAPOLATED}, not quoted; pass a chain listing ${those}.`,
  ];
}
