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
import { VIX_ROOTS, parseChain, vixSurfaceFromChain, type ChainRow, type VixVolSurface } from '../surface/index';
import { MAX_VIX_POINTS } from '../validate';
import { fmt } from './audit';

/** The roots of SPX options: a "VIX chain" holding only these is the SPX chain sent in the wrong field. */
const SPX_ROOTS: readonly string[] = ['SPXW', 'SPX', 'SPXPM'];

/** How far a VIX chain's parity forward may sit from the VX curve's future of its expiry before a warning. */
export const FORWARD_GAP = 0.1;

/** What a market gives for its VIX-option surface. */
export interface MarketVixInput {
  vixChain?: string | readonly unknown[] | undefined;
}

/** A market's VIX-option surface fitted to its chain, and what the plan says about the fit. */
export interface MarketVixSurface {
  surface: VixVolSurface;
  warnings: string[];
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
 * The VIX-option surface of a market's `vixChain`, or undefined without one. `futureFor` gives the
 * VX curve's future of an expiry (for the forward check's warning). `root` names the fields in
 * errors (`market` for a plan, `book` for a scenario book).
 *
 * @throws AlvhError `invalid_input` naming `<root>.vixChain` (a chain of another day, one holding
 *   SPX options or no VIX option, one that cannot be fitted)
 */
export function marketVixSurface(
  valuationDate: string,
  m: MarketVixInput,
  futureFor: (expiry: string) => number,
  root = 'market',
): MarketVixSurface | undefined {
  if (m.vixChain === undefined) return undefined;
  const chain = m.vixChain;
  const at = `${root}.vixChain`;
  return inVixChain(root, () => {
    const parsed = parseChain(chain as string | readonly ChainRow[], { valuationDate });
    if (parsed.valuationDate !== valuationDate) {
      throw new AlvhError(
        'invalid_input',
        at,
        `is the VIX chain of ${parsed.valuationDate}, not of the valuation date ${valuationDate}`,
        'pass the VIX option chain of the valuation date',
      );
    }
    const found = [...new Set(parsed.quotes.map((q) => q.root))];
    if (!found.some((r) => VIX_ROOTS.includes(r)) && found.some((r) => SPX_ROOTS.includes(r))) {
      // strikes of VIX levels read as SPXW: a plain table whose rows carry no root
      if (parsed.quotes.every((q) => q.strike <= MAX_VIX_POINTS)) {
        throw new AlvhError(
          'invalid_input',
          at,
          `has strikes of VIX levels read as ${found.join(', ')}: a table row without a root is read as an SPXW option`,
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
    const { surface, fit } = vixSurfaceFromChain(parsed);
    const warnings = fit.surface.warnings.map((w) => `VIX chain: ${w}`);
    const left = fit.skipped.filter((s) => VIX_ROOTS.includes(s.root));
    if (left.length > 0) {
      const named = left.slice(0, 5).map((s) => `${s.expiry} (${s.reason})`);
      warnings.push(
        `VIX chain: ${left.length} expir${left.length === 1 ? 'y' : 'ies'} left out of the VIX-option surface: ${named.join('; ')}${left.length > 5 ? '; …' : ''}. Options of those expiries are marked between the fitted ones.`,
      );
    }
    for (const s of fit.surface.toData().slices) {
      const curve = futureFor(s.expiry);
      if (Math.abs(s.forward / curve - 1) <= FORWARD_GAP) continue;
      warnings.push(
        `VIX chain: its ${s.expiry} parity forward ${fmt(s.forward, 2)} is ${fmt(Math.abs(s.forward / curve - 1) * 100, 1)}% from the VX future ${fmt(curve, 2)} the plan marks that expiry on; its vols are read at the same ln(K/F). Check ${at} and ${root}.futures are of the same day.`,
      );
    }
    return { surface, warnings };
  });
}
