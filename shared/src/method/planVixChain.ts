/**
 * A market's VIX option chain (method Section 2b): when a plan's market or a scenario book carries
 * `vixChain`, its VIX options are marked on that chain's fit instead of the VVIX rule.
 *
 * Forwards: each expiry is fitted on the forward its own quotes give by put-call parity (a VIX
 * option's underlying is the VX future of its expiry, Black-76), not on the market's VX curve. The
 * fitted smile is a function of k = ln(K/F); the plan reads it at F = the VX curve's future of the
 * option's expiry, as it does the VVIX surface. So a chain's parity forward and the curve's future
 * may differ (quotes of another time of day) and the vols are still read at the chain's moneyness;
 * a gap above {@link FORWARD_GAP} is said in a warning, as it points to a chain of another day.
 */
import { AlvhError, InvalidFields, isAlvhError } from '../errors';
import { calendarDay, isBusinessDayNumber } from '../market/calendar';
import { closedBecause, monthlyHint } from '../market/curveExpiries';
import { futureForExpiry, type TermStructure } from '../market/index';
import { VIX_CHAIN_FITS, chainFitKey } from '../surface/fitCache';
import {
  MIN_SLICE_STRIKES,
  VIX_ROOTS,
  parseChain,
  vixSurfaceFromChain,
  type ChainRow,
  type ParsedChain,
  type VixVolSurface,
} from '../surface/index';
import type { Policy } from '../schemas/policy';
import { MAX_VIX_POINTS } from '../validate';
import { fmt } from './audit';

/** The roots of SPX options: a "VIX chain" holding only these is the SPX chain sent in the wrong field. */
const SPX_ROOTS: readonly string[] = ['SPXW', 'SPX', 'SPXPM'];

/** How far a VIX chain's parity forward may sit from the VX curve's future of its expiry before a warning. */
export const FORWARD_GAP = 0.1;

/**
 * The most expiries a VIX chain may list. A Cboe VIX listing has about 6 weeklies and 9-10
 * monthlies; the fit's cost grows with the expiries (each an SVI slice of its own), so a chain of
 * hundreds of one-strike-set expiries within the row limit is refused before it is fitted.
 */
export const MAX_VIX_CHAIN_EXPIRIES = 40;

/** How the fitted VIX-option surface is read outside its fitted expiries. */
/** How an option outside a chain's fitted expiries is marked (the SPX and VIX surfaces alike). */
export const EXTRAPOLATED = "extrapolated: the nearest fitted expiry's ATM vol held flat, its smile stretched";

/**
 * The VX curve's future of an expiry, or undefined after its last listed future (the curve is not
 * extrapolated; a VIX chain may list expiries beyond it, and its fit needs no curve).
 */
export function curveFutureFor(ts: TermStructure): (expiry: string) => number | undefined {
  const last = ts.points[ts.points.length - 1]?.expiry ?? ts.valuationDate;
  return (e) => (e > last ? undefined : futureForExpiry(ts, e));
}

/** What a market gives for its VIX-option surface. */
export interface MarketVixInput {
  vixChain?: string | readonly unknown[] | undefined;
}

/** A market's VIX-option surface fitted to its chain, and what the plan says about the fit. */
export interface MarketVixSurface {
  surface: VixVolSurface;
  warnings: string[];
  /** The VIX expiries the chain lists and the fit left out (the left-out warning names them and why). */
  leftOut: string[];
}

/** A field of the chain parser or of the fit, named where the VIX chain sits in the request. */
function vixChainField(root: string, f: string): string {
  const at = `${root}.vixChain`;
  if (f.startsWith(`${root}.`) || f === 'valuationDate') return f;
  // the parser's and the fit's own names start with the chain's ("chain[0].expiry", "chain line 3")
  if (f.startsWith('chain')) return `${at}${f.slice('chain'.length)}`;
  return `${at}.${f}`;
}

/** `f()`, its refusals named where the VIX chain sits (as planCurve's withPrefix does for the other fields). */
function inVixChain<T>(root: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InvalidFields) throw e.renamed((x) => vixChainField(root, x));
    if (isAlvhError(e) && !('issues' in e)) throw new AlvhError(e.code, vixChainField(root, e.field), e.problem, e.fix);
    throw e;
  }
}

/**
 * A VIX chain's expiries, checked before the fit: no more than {@link MAX_VIX_CHAIN_EXPIRIES}, each
 * an exchange trading day (the parser has refused those before the valuation date). Every expiry
 * the chain lists counts, those whose every quote was dropped at import too.
 */
function checkVixExpiries(parsed: ParsedChain, at: string): void {
  const expiries = [...new Set(parsed.listed.filter((l) => VIX_ROOTS.includes(l.root)).map((l) => l.expiry))];
  if (expiries.length > MAX_VIX_CHAIN_EXPIRIES) {
    throw new AlvhError(
      'invalid_input',
      at,
      `lists ${expiries.length} expiries, more than the ${MAX_VIX_CHAIN_EXPIRIES} a VIX chain may hold (a Cboe VIX listing has about 16)`,
      `pass the day's VIX chain as listed, or leave out expiries the plan does not need`,
    );
  }
  for (const e of expiries) {
    const day = calendarDay(`${at}.expiry`, e);
    if (isBusinessDayNumber(day)) continue;
    throw new AlvhError(
      'invalid_input',
      `${at}.expiry`,
      `is ${e}, ${closedBecause(day)}: no VIX option expires on a day the exchange is closed`,
      `pass the options' listed expiry${monthlyHint(day)}`,
    );
  }
}

/**
 * The warning of the expiries the fit left out, saying truthfully where their options are marked:
 * interpolated between fitted expiries, or (before the first, after the last) extrapolated; or not
 * at all, for those settling by the valuation date or after the VX curve's last future (`onCurve`
 * false: no VIX option past it is marked).
 */
function leftOutWarning(
  left: readonly { expiry: string; reason: string }[],
  fitted: readonly string[],
  valuationDate: string,
  onCurve: (expiry: string) => boolean,
): string[] {
  if (left.length === 0) return [];
  const named = left.slice(0, 5).map((s) => `${s.expiry} (${s.reason})`);
  const more = left.length > 5 ? `; and ${left.length - 5} more` : '';
  const head = `VIX chain: ${left.length} expir${left.length === 1 ? 'y' : 'ies'} left out of the VIX-option surface: ${named.join('; ')}${more}.`;
  // one settling on the valuation date, or after the VX curve's last future, is no option the plan marks
  const live = left.filter((s) => s.expiry > valuationDate && onCurve(s.expiry));
  const unmarked = [
    left.some((s) => s.expiry <= valuationDate) ? 'by the valuation date' : '',
    left.some((s) => s.expiry > valuationDate && !onCurve(s.expiry)) ? "after the VX curve's last future" : '',
  ].filter((w) => w !== '');
  if (live.length === 0) return [`${head} No option of theirs is marked: they settle ${unmarked.join(' or ')}.`];
  const none = unmarked.length === 0 ? '' : ` None settling ${unmarked.join(' or ')} is marked.`;
  const [first, last] = [fitted[0] ?? '', fitted[fitted.length - 1] ?? ''];
  const at = (e: string): boolean => fitted.includes(e);
  const outside = live.some((s) => s.expiry < first || s.expiry > last);
  const where = [
    // another root's expiry on a fitted expiry's date (VIXW beside VIX) is marked on that slice
    live.some((s) => at(s.expiry)) ? 'on the fitted expiry of the same date' : '',
    live.some((s) => s.expiry > first && s.expiry < last && !at(s.expiry))
      ? 'between the fitted ones (interpolated)'
      : '',
    live.some((s) => s.expiry < first) ? `before the first fitted expiry ${first}` : '',
    live.some((s) => s.expiry > last) ? `after the last fitted expiry ${last}` : '',
  ].filter((w) => w !== '');
  const extrapolated = outside ? ` (${EXTRAPOLATED})` : '';
  return [`${head} Options of those expiries are marked ${where.join(', or ')}${extrapolated}.${none}`];
}

/**
 * The VIX-option surface of a market's `vixChain`, or undefined without one. `futureFor` gives the
 * VX curve's future of an expiry, undefined where the curve does not reach (for the forward check's
 * warning only). `root` names the fields in errors (`market` for a plan, `book` for a scenario book).
 *
 * @throws AlvhError `invalid_input` naming `<root>.vixChain` (a chain of another day, one holding
 *   SPX options or no VIX option, more than {@link MAX_VIX_CHAIN_EXPIRIES} expiries or one on a
 *   day the exchange is closed, one that cannot be fitted)
 */
export function marketVixSurface(
  valuationDate: string,
  m: MarketVixInput,
  futureFor: (expiry: string) => number | undefined,
  root = 'market',
): MarketVixSurface | undefined {
  if (m.vixChain === undefined) return undefined;
  const chain = m.vixChain;
  const at = `${root}.vixChain`;
  /** The chain parsed, checked as a VIX chain of the valuation date and fitted. */
  const fitChain = () => {
    const parsed = parseChain(chain as string | readonly ChainRow[], { valuationDate });
    if (parsed.valuationDate !== valuationDate) {
      throw new AlvhError(
        'invalid_input',
        at,
        `is the VIX chain of ${parsed.valuationDate}, not of the valuation date ${valuationDate}`,
        'pass the VIX option chain of the valuation date',
      );
    }
    // the roots of every row, those dropped at import too (VIX rows without a bid are still VIX
    // rows); a chain with no quote kept at all is refused as such by the fit
    const found = [...new Set(parsed.listed.map((l) => l.root))];
    const spxOnly = !found.some((r) => VIX_ROOTS.includes(r)) && found.some((r) => SPX_ROOTS.includes(r));
    if (parsed.quotes.length > 0 && spxOnly) {
      // strikes of VIX levels read as SPXW: a plain table whose rows carry no root
      if (parsed.quotes.every((q) => q.strike <= MAX_VIX_POINTS)) {
        throw new AlvhError(
          'invalid_input',
          at,
          `has strikes of VIX levels read as ${found.join(', ')}: a row without a root is an SPXW option`,
          'give each row of the VIX chain its root (VIX, or VIXW for the weeklies), or pass the Cboe quotedata file',
        );
      }
      throw new AlvhError(
        'invalid_input',
        at,
        `holds SPX options (roots ${found.join(', ')}), no VIX option: it is the SPX chain`,
        `pass the SPX chain as ${root}.chain, and the VIX options (roots VIX, VIXW) as ${root}.vixChain`,
      );
    }
    checkVixExpiries(parsed, at);
    return { parsed, ...vixSurfaceFromChain(parsed) };
  };
  return inVixChain(root, () => {
    // the same chain text of the same day is fitted once (surface/fitCache.ts)
    const { surface, fit } =
      typeof chain === 'string' ? VIX_CHAIN_FITS.get(chainFitKey(chain, valuationDate), fitChain) : fitChain();
    const warnings = fit.surface.warnings.map((w) => `VIX chain: ${w}`);
    const slices = fit.surface.toData().slices;
    const left = fit.skipped.filter((s) => VIX_ROOTS.includes(s.root));
    warnings.push(
      ...leftOutWarning(
        left,
        slices.map((s) => s.expiry),
        valuationDate,
        (e) => futureFor(e) !== undefined,
      ),
    );
    for (const s of slices) {
      const curve = futureFor(s.expiry);
      // beyond the curve's last future no VIX option is marked: nothing to compare the forward to
      if (curve === undefined || Math.abs(s.forward / curve - 1) <= FORWARD_GAP) continue;
      warnings.push(
        `VIX chain: its ${s.expiry} parity forward ${fmt(s.forward, 2)} is ${fmt(Math.abs(s.forward / curve - 1) * 100, 1)}% from the VX future ${fmt(curve, 2)} the plan marks that expiry on; its vols are read at the same ln(K/F). Check ${at} and ${root}.futures are of the same day.`,
      );
    }
    return { surface, warnings, leftOut: [...new Set(left.map((s) => s.expiry))] };
  });
}

/**
 * The fitted expiries' range of a chain's slices and the `expiries` outside it (sorted, each once);
 * undefined when nothing was fitted. The SPX and VIX chains' range warnings read it alike.
 */
export function outsideFitted(
  slices: readonly { expiry: string }[],
  expiries: Iterable<string>,
): { first: string; last: string; out: string[] } | undefined {
  const fitted = slices.map((s) => s.expiry).sort();
  const [first, last] = [fitted[0], fitted[fitted.length - 1]];
  if (first === undefined || last === undefined) return undefined;
  return { first, last, out: [...new Set(expiries)].filter((e) => e < first || e > last).sort() };
}

/**
 * The warning of VIX options the plan marks (`expiries`, theirs) outside a VIX chain's fitted
 * expiries: read there, the chain's vols are extrapolated, not quoted. None without a chain. The
 * fix names what is missing: an expiry the chain does not list, or the quotes of one it lists
 * whose fit left it out (`leftOut`, the expiries {@link MarketVixSurface.leftOut} names).
 */
export function vixChainRangeWarning(
  surface: VixVolSurface | undefined,
  expiries: Iterable<string>,
  leftOut: readonly string[] = [],
): string[] {
  const range = outsideFitted(surface?.data?.slices ?? [], expiries);
  if (range === undefined) return [];
  const { first, last, out } = range;
  const those = (n: number): string => (n === 1 ? 'that expiry' : 'those expiries');
  const warn = (list: string[], fix: string): string[] =>
    list.length === 0
      ? []
      : [
          `VIX chain: the plan marks VIX options of ${list.join(', ')}, outside the chain's fitted expiries ${first} to ${last}: their vols are ${EXTRAPOLATED}, not quoted; ${fix}.`,
        ];
  const listed = out.filter((e) => leftOut.includes(e));
  return [
    ...warn(
      out.filter((e) => !leftOut.includes(e)),
      `pass a VIX chain listing ${those(out.length - listed.length)}`,
    ),
    // listed in the chain, but its fit left it out (the left-out warning says why): its quotes are missing
    ...warn(
      listed,
      `the chain lists ${those(listed.length)} but its fit left ${listed.length === 1 ? 'it' : 'them'} out: pass the quotes the left-out warning's reason names (a fit needs calls and puts at ${MIN_SLICE_STRIKES} or more usable strikes)`,
    ),
  ];
}

/**
 * The warning of a plan with a VIX chain and no VVIX: its VIX options are marked on the chain's
 * vols as fitted (today's state at the anchor's vol of vol: scale 1), so the default vol of vol
 * moves them only where a scenario's differs from it (policy.stressVolOfVol in the drawdown), and
 * sets the Monte Carlo's VIX diffusion (ξ = vol of vol · √VIX).
 */
export function noVvixChainWarning(policy: Policy): string {
  const vov = policy.defaultVolOfVol;
  const vvix = Number((vov * 100).toPrecision(12));
  const stress =
    policy.stressVolOfVol === undefined
      ? ''
      : ` and the drawdown scenario scales the chain's vols by policy.stressVolOfVol ${policy.stressVolOfVol} / ${vov}`;
  return `No VVIX given: VIX options are marked on the VIX chain's vols (market.vixChain), which the vol of vol does not change today; it defaults to policy.defaultVolOfVol ${vov} (VVIX ${vvix}), which sets the Monte Carlo's VIX diffusion${stress}.`;
}
