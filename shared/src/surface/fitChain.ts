/**
 * SPX surface from an option chain (method Section 2b). Per expiry:
 * 1. forward F and discount D from put-call parity, C − P = D·(F − K), by a least-squares line
 *    through the 20 strikes nearest the money that have both quotes (weighted by 1/width); an
 *    expiry whose line reads the rate too loosely takes the rate of the precise ones (termDiscounts);
 * 2. out-of-the-money mids → Black-76 implied vols on that forward (puts below F, calls above);
 * 3. a raw SVI slice fitted in total variance, each quote weighted by vega / bid-ask width (so the
 *    residual is the price error in units of the quote's spread), free of butterfly arbitrage;
 * 4. calendar arbitrage repaired by the surface's running maximum of total variance across
 *    expiries (see spxSurface.ts), and where it bound reported, never hidden; where it lifts an
 *    expiry's body above its quotes, a warning says so (calendarLift.ts);
 * 5. the arbitrage left checked and reported (chainArbitrage.ts): butterfly, told apart within the
 *    quotes and beyond them, and calendar between the repaired slices.
 */
import { invalidInput } from '../errors';
import { SPX_POINTS } from '../validate';
import { parseIsoDate } from '../dates';
import { checkUsableQuotes, noQuoteReason, noneDropped } from './chainQuotes';
import { yearsToSettlement, type ChainQuote, type DroppedQuotes, type ListedExpiry, type ParsedChain } from './chain';
import { arbitrageGrid, fitSvi, sviVariance } from './svi';
import { butterflyViolation, calendarViolations, fitWarnings, type ArbitrageReport } from './chainArbitrage';
import { fitWings } from './fitWings';
import { calendarLiftWarning, materialCalendarLifts } from './calendarLift';
import { calendarRepairs, makeSpxSurface, type SurfaceSlice, type SpxSurface } from './spxSurface';
import { varianceSwapVol } from './varianceSwap';
import {
  finishSlice,
  fineGrid,
  prepareSlice,
  sliceParity,
  MIN_SLICE_STRIKES,
  type SliceFit,
  type SliceInput,
} from './chainSlice';
import { forwardAtDiscount, termDiscounts, type ParityLine } from './parity';
import { otherIndexCause } from './indexPlausibility';
import { checkAtmVols, fewQuoteWarnings, missedQuoteWarnings, wingMissWarnings } from './fitQuality';

/**
 * How far a given spot may stand from the chain's nearest parity forward (a fraction): the carry to
 * the nearest expiry moves it by well under 1%; 20% off is a wrong number (1e-8, a price in another unit).
 */
const MAX_SPOT_GAP = 0.2;

/**
 * The spot a surface keeps: the one given, when it is near the nearest forward, else that forward.
 * A forward at about a tenth of the spot, or at twice it or more, is named as the index it more
 * likely is (XSP, NDX: {@link otherIndexCause}), and the fix does not offer to leave the spot out:
 * without it such a chain would fit as an SPX surface at its own level, without a word.
 */
function checkedSpot(given: number | undefined, nearest: number): number {
  if (given === undefined) return nearest;
  const gap = Math.abs(given / nearest - 1);
  if (gap > MAX_SPOT_GAP) {
    const far = `is ${given}, ${Math.round(100 * gap)}% away from the chain's nearest forward ${nearest.toFixed(2)}`;
    const cause = otherIndexCause(nearest, given);
    if (cause !== undefined) {
      throw invalidInput(
        'spot',
        `${far}: ${cause}, or spot mistyped`,
        'pass SPX options (a table without a root column is read as SPXW) and the SPX level at the time of the quotes',
      );
    }
    throw invalidInput(
      'spot',
      far,
      'pass the SPX level at the time of the quotes, or leave spot out (the nearest forward is used)',
    );
  }
  return given;
}

/** Most expiries a chain may hold: the slices a surface's data form carries (SurfaceDataSchema). */
export const MAX_CHAIN_EXPIRIES = 500;

/** Longest time to settlement a slice may have (the data form's bound, SurfaceDataSchema). */
const MAX_SLICE_YEARS = 30;

/** The day's VIX given to the fit: index points in [1, 300], as a scenario move takes them. */
function checkedVix(vix: number): number {
  if (typeof vix !== 'number' || !Number.isFinite(vix) || vix < 1 || vix > 300) {
    throw invalidInput(
      'vix',
      `is ${String(vix)}, outside [1, 300]`,
      "pass the day's VIX close in index points, e.g. 23.22",
    );
  }
  return vix;
}

export { parityForward } from './parity';
export type { QuoteMark, SliceFit } from './chainSlice';
export type { ArbitrageReport, ButterflyViolation } from './chainArbitrage';
export { MIN_SLICE_STRIKES, MIN_FIT_DELTA } from './chainSlice';

export interface ChainSurfaceFit {
  surface: SpxSurface;
  slices: SliceFit[];
  skipped: { root: string; expiry: string; reason: string }[];
  arbitrage: ArbitrageReport;
  dropped: DroppedQuotes & { noImpliedVol: number };
}

export interface ChainFitOptions {
  /**
   * Roots whose slices make the surface. Default: SPXW when quoted (else the first SPX root found;
   * a chain with no SPX or SPXW quote is refused),
   * and the SPX-root (AM-settled) expiries settling after the last SPXW expiry, which carry the
   * surface beyond SPXW's listings (on 2023-06-09 from 293 days to 4.5 years).
   */
  roots?: string[];
  /** Slices closer than this to settlement are left out (default 1 day). */
  minYears?: number;
  /** Spot, when the chain has none (default: the chain's Last). */
  spot?: number;
  /** Also fit (and report, outside the surface) the slices of the other roots (default false). */
  fitOtherRoots?: boolean;
  /**
   * The day's Cboe VIX close, points: the surface's `referenceVix` (so a scenario move to that VIX
   * leaves the surface as fitted, as it does an index surface). Default: the surface's own 30-day
   * variance-swap vol, which stood 2-3% below the Cboe index on the two real chains.
   */
  vix?: number;
  /**
   * Apply the running-maximum calendar repair (default true). False for VIX-option slices, each on
   * its own future: their total variance across expiries need not rise (see SpxSurfaceData).
   */
  calendarRepair?: boolean;
}

/**
 * Which expiries make the surface: those of `roots` when given; by default those of SPXW (else of
 * the first SPX root found), then the SPX expiries settling after the last SPXW one (SPXW lists
 * about a year out, SPX to five years). `reason` says why another root's expiry is left out.
 */
interface SurfaceRoots {
  inSurface(root: string, years: number): boolean;
  /** What the label says: "SPXW", "SPXW + SPX after 2024-03-28". */
  label: string;
  reason: string;
}

/** The roots of SPX options (at the index's level), of which the default surface is fitted. */
const SPX_ROOTS: readonly string[] = ['SPXW', 'SPX', 'SPXPM'];

/**
 * The default roots: SPXW when quoted, else the first SPX root found. A chain with no SPX option
 * (a VIX chain, XSP at a tenth of the level) is refused: fitted, it would be returned as the SPX
 * surface (a VIX chain gave "spot" 15, with the SPX calendar repair across its futures).
 */
function defaultRoots(chain: ParsedChain): string[] {
  const found = [...new Set(chain.quotes.map((q) => q.root))];
  if (found.includes('SPXW')) return ['SPXW'];
  const spx = found.find((r) => SPX_ROOTS.includes(r));
  if (spx !== undefined) return [spx];
  throw invalidInput(
    'chain',
    `has no SPX or SPXW option quotes (roots found: ${found.join(', ')}); the surface is fitted to SPX/SPXW options`,
    'pass the SPX option chain (roots SPXW, SPX); VIX or other options make no SPX surface',
  );
}

function surfaceRoots(chain: ParsedChain, groups: Map<string, ExpiryGroup>, given?: string[]): SurfaceRoots {
  const has = (root: string) => chain.quotes.some((q) => q.root === root);
  const roots = given ?? defaultRoots(chain);
  let last = { years: -Infinity, expiry: '' };
  for (const g of groups.values()) {
    // the last quoted expiry of the roots (one with every quote dropped reaches no further)
    if (!roots.includes(g.root) || g.quotes.length === 0) continue;
    const years = yearsToSettlement(chain.valuationDate, chain.valuationMinutes, g.expiry, g.settlement);
    if (years > last.years) last = { years, expiry: g.expiry };
  }
  const extend = given === undefined && roots[0] === 'SPXW' && has('SPX');
  const named = roots.join('/');
  return {
    inSurface: (root, years) => roots.includes(root) || (extend && root === 'SPX' && years > last.years),
    label: extend ? `${named} + SPX after ${last.expiry}` : named,
    reason: extend
      ? `another root: the surface takes the ${named} expiries, and SPX only after the last of them (${last.expiry})`
      : `another root: the surface takes the ${named} expiries (pass roots to choose others)`,
  };
}

/** One root and expiry the chain lists, with its quotes kept (none when every one was dropped). */
interface ExpiryGroup extends Omit<ListedExpiry, 'kept'> {
  quotes: ChainQuote[];
}

/**
 * The chain's quotes by root and expiry, every listed expiry included (in the order first read),
 * those whose every quote was dropped at import with no quote.
 */
function expiryGroups(chain: ParsedChain): Map<string, ExpiryGroup> {
  const groups = new Map<string, ExpiryGroup>();
  for (const { kept: _, ...l } of chain.listed) groups.set(`${l.root}|${l.expiry}`, { ...l, quotes: [] });
  for (const q of chain.quotes) {
    const key = `${q.root}|${q.expiry}`;
    const g = groups.get(key);
    if (g) g.quotes.push(q);
    else {
      // a chain built without its listing (quotes alone): the quotes list their expiries
      groups.set(key, {
        root: q.root,
        expiry: q.expiry,
        settlement: q.settlement,
        dropped: noneDropped(),
        quotes: [q],
      });
    }
  }
  return groups;
}

/**
 * Each expiry's quotes to the fit's inputs: the slices settling too soon and those of other roots
 * left out, each expiry's parity line, the chain's discounts ({@link termDiscounts}), then the
 * implied vols on them. What is left out, and why, goes to `out.skipped`.
 */
function prepareSlices(
  chain: ParsedChain,
  groups: Map<string, ExpiryGroup>,
  opts: { minYears: number; roots: SurfaceRoots; fitOtherRoots: boolean },
  out: { counters: { noImpliedVol: number }; skipped: ChainSurfaceFit['skipped'] },
): SliceInput[] {
  const { counters, skipped } = out;
  const lined: { quotes: ChainQuote[]; years: number; line: ParityLine }[] = [];
  for (const { quotes: g, ...q0 } of groups.values()) {
    const years = yearsToSettlement(chain.valuationDate, chain.valuationMinutes, q0.expiry, q0.settlement);
    if (years <= 0 || years < opts.minYears) {
      // an AM-settled expiry of the quotes' own date, quoted after its 09:30 settlement, has expired
      const hours = years * 365 * 24;
      skipped.push({
        root: q0.root,
        expiry: q0.expiry,
        reason:
          years < 0
            ? `expired before the quotes' time (settled ${(-hours).toFixed(1)} hours earlier)`
            : years === 0
              ? "settles at the quotes' time (none left)"
              : `settles in ${hours.toFixed(1)} hours, under the ${(opts.minYears * 365).toFixed(2)}-day minimum`,
      });
      continue;
    }
    if (years > MAX_SLICE_YEARS) {
      // a date of another decade (1990-01-01 with 2023 expiries gave 33.6-year slices)
      throw invalidInput(
        chain.stamp === null ? 'valuationDate' : 'chain',
        `${chain.stamp === null ? 'is' : 'is stamped'} ${chain.valuationDate}, ${years.toFixed(1)} years before the ${q0.root} expiry ${q0.expiry}: a surface reaches at most ${MAX_SLICE_YEARS} years`,
        'pass the date of the quotes (or leave out expiries more than 30 years after it)',
      );
    }
    const inSurface = opts.roots.inSurface(q0.root, years);
    if (!inSurface) {
      // left out of the surface, and said so; fitted (and reported outside it) on request
      skipped.push({ root: q0.root, expiry: q0.expiry, reason: opts.roots.reason });
      if (!opts.fitOtherRoots) continue;
    }
    if (g.length === 0) {
      // listed, but every quote was dropped at import (no bid, crossed, one-sided): named, not lost
      if (inSurface) skipped.push({ root: q0.root, expiry: q0.expiry, reason: noQuoteReason(q0.dropped) });
      continue;
    }
    const line = sliceParity(g);
    if (typeof line === 'string') skipped.push({ root: q0.root, expiry: q0.expiry, reason: line });
    else lined.push({ quotes: g, years, line });
  }
  // The discounts of the chain's expiries together: a short expiry's own parity slope is noise.
  const term = termDiscounts(
    lined.map((l) => l.line),
    lined.map((l) => l.years),
  );
  const prepared: SliceInput[] = [];
  lined.forEach(({ quotes, years, line }, i) => {
    const own = term.own[i]!;
    const discount = term.discount[i]!;
    const forward = own ? line.forward : forwardAtDiscount(line, discount);
    const s = prepareSlice(quotes, years, { forward, discount, discountFrom: own ? 'parity' : 'neighbours' }, counters);
    if (typeof s === 'string') skipped.push({ root: quotes[0]!.root, expiry: quotes[0]!.expiry, reason: s });
    else prepared.push(s);
  });
  return prepared;
}

/**
 * The expiries left out, as a refusal names them: the first and how many more, without their
 * reasons (one reason runs to 150 characters, and the message stays within 255).
 */
function leftOutWords(skipped: ChainSurfaceFit['skipped']): string {
  const [first] = skipped;
  if (first === undefined) return '';
  const more = skipped.length - 1;
  return ` (left out: ${first.root} ${first.expiry}${more > 0 ? ` and ${more} more` : ''})`;
}

/** The default (SPX) surface's nearest forward must be an SPX level, whatever the chain's roots say. */
function checkSpxLevel(first: SliceInput): void {
  const nearest = first.forward;
  if (!(nearest >= SPX_POINTS.min && nearest <= SPX_POINTS.max)) {
    // a VIX table without a root column reads as SPXW: its forwards (15-17.5) are no SPX level
    throw invalidInput(
      'chain',
      `has its nearest ${first.root} forward at ${nearest.toFixed(2)}, not an SPX level (${SPX_POINTS.min} to ${SPX_POINTS.max})`,
      'pass the SPX option chain with strikes and prices in index points (a table without a root column is read as SPXW)',
    );
  }
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
  checkUsableQuotes(chain);
  const minYears = options.minYears ?? 1 / 365;
  if (typeof minYears !== 'number' || !(minYears >= 0 && minYears <= 1)) {
    throw invalidInput(
      'minYears',
      `is ${String(minYears)}`,
      'pass the shortest time to settlement a slice is fitted at, in years from 0 to 1 (default 1/365, one day)',
    );
  }
  const groups = expiryGroups(chain);
  // every expiry the chain lists counts, those whose every quote was dropped too
  const expiries = new Set([...groups.values()].map((g) => g.expiry)).size;
  if (expiries > MAX_CHAIN_EXPIRIES) {
    throw invalidInput(
      'chain',
      `has ${expiries} expiries, more than the ${MAX_CHAIN_EXPIRIES} a surface holds`,
      `send only the expiries you need (at most ${MAX_CHAIN_EXPIRIES}; a real SPX chain lists under 100)`,
    );
  }
  const roots = surfaceRoots(chain, groups, options.roots);
  const counters = { noImpliedVol: 0 };
  const skipped: ChainSurfaceFit['skipped'] = [];
  const prepared = prepareSlices(
    chain,
    groups,
    { minYears, roots, fitOtherRoots: options.fitOtherRoots === true },
    {
      counters,
      skipped,
    },
  );
  prepared.sort((a, b) => a.years - b.years || a.root.localeCompare(b.root));
  const surfaceSlices = prepared.filter((s) => roots.inSurface(s.root, s.years));
  if (surfaceSlices.length < 2) {
    const which = surfaceSlices.map((s) => s.expiry).join(', ') || 'none';
    throw invalidInput(
      'chain',
      `has ${surfaceSlices.length} expir${surfaceSlices.length === 1 ? 'y' : 'ies'} of ${roots.label} with at least ${MIN_SLICE_STRIKES} usable strikes (${which}); a surface needs two or more${leftOutWords(skipped)}`,
      'pass a chain with several listed expiries, each quoted at 5 or more strikes',
    );
  }
  if (options.roots === undefined) checkSpxLevel(surfaceSlices[0]!);
  const arbitrage: ArbitrageReport = { butterfly: [], calendar: [], calendarRepaired: [] };
  const fitted = prepared.map((s) => {
    const grid = arbitrageGrid([...Array.from(s.k), ...fineGrid(s)]);
    const svi = fitWings(fitSvi({ k: s.k, w: s.w, weight: s.weight }, { grid }), s, s.wing, grid);
    const v = butterflyViolation(s, svi, grid);
    if (v !== null) arbitrage.butterfly.push(v);
    return { s, svi };
  });
  const inSurface = fitted.filter((f) => roots.inSurface(f.s.root, f.s.years));
  const spot = checkedSpot(options.spot ?? chain.spot ?? undefined, inSurface[0]!.s.forward);
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
    label: `chain of ${chain.valuationDate} ${hh}:${mm} ET (${roots.label}, ${slices.length} expiries)`,
    ...(options.calendarRepair === false ? { calendarRepair: false } : {}),
  });
  arbitrage.calendarRepaired = calendarRepairs(draft);
  if (options.calendarRepair !== false) arbitrage.calendar = calendarViolations(draft);
  const fits: SliceFit[] = fitted.map(({ s, svi }) => {
    const j = inSurface.findIndex((f) => f.s === s);
    const w = j >= 0 ? (k: number) => draft.sliceVariance(j, k) : (k: number) => sviVariance(svi, k);
    return finishSlice(s, svi, w, j >= 0);
  });
  checkAtmVols(chain, fits);
  const referenceVix = options.vix === undefined ? varianceSwapVol(draft, 30 / 365) : checkedVix(options.vix);
  const lifted = materialCalendarLifts(fits.filter((f) => f.inSurface));
  const missed = missedQuoteWarnings(
    fits.filter((f) => !lifted.some((l) => l.root === f.root && l.expiry === f.expiry)),
  );
  const few = [...fewQuoteWarnings(fits), ...wingMissWarnings(fits)];
  const warnings = [...fitWarnings(d, arbitrage), ...lifted.map(calendarLiftWarning), ...missed, ...few];
  const surface = makeSpxSurface({ ...draft.toData(), referenceVix, warnings });
  return { surface, slices: fits, skipped, arbitrage, dropped: { ...d, noImpliedVol: counters.noImpliedVol } };
}
