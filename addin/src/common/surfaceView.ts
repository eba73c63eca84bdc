/**
 * The SPX surface as the taskpane shows it: the answer of `POST /api/surface` (or of the shared
 * `buildSurface` run here) checked field by field into a view, and the smile of one expiry — the
 * chain's out-of-the-money quotes as implied vols (mid, bid, ask) on that expiry's fitted forward
 * and discount, with the surface's curve (the fitted SVI calendar-repaired, as every mark uses it)
 * and the slice's own fit. Vols are in vol points (18.5, not 0.185).
 */
import { black76ImpliedVol, normCdf, sviVariance, yearsToSettlement } from '@alvh/shared';
import type { ChainQuote, ParsedChain, SviParams } from '@alvh/shared';

/** One expiry of the surface table. */
export interface SurfaceRowView {
  expiry: string;
  /** The option root the slice was fitted on (SPXW, or SPX beyond the last SPXW expiry); absent in an answer without it. */
  root?: string;
  forward: number;
  discount: number;
  /** Years from the quotes to settlement, as the surface's slice holds them (the answer's `data`). */
  years: number;
  /** ATM vol, vol points. */
  atmVol: number;
  /** The slice's own SVI fit (the API's `svi`), before the calendar repair. */
  svi: SviParams;
  /**
   * The own fits of the surface's earlier expiries: the calendar repair marks this expiry at the
   * largest of their total variance and its own at each k (the running maximum, docs/surfaces.md).
   */
  earlier: SviParams[];
  /** Chain fits only (null from the indices): RMSE of model − mid vol (vol points), % of model prices inside the bid-ask, quotes fitted. */
  rmseVolPts: number | null;
  insideSpreadPct: number | null;
  quotes: number | null;
  /** Chain fits with far-wing quotes: % of those (below 5 delta) marked inside the bid-ask by the fitted wings; else null. */
  wingInsideSpreadPct: number | null;
}

/** An expiry of the chain the fit left out, and why (the answer's `leftOut.expiries`). */
export interface LeftOutExpiry {
  root: string;
  expiry: string;
  reason: string;
}

export interface SurfaceView {
  source: string;
  label: string;
  warnings: string[];
  expiries: SurfaceRowView[];
  arbitrage: { butterfly: number; calendar: number; calendarRepaired: number };
  /** The chain's expiries the fit left out (none from the indices, or from an answer without them). */
  leftOut: LeftOutExpiry[];
}

/** One quote on the smile chart: vols in vol points; a bid or ask with no implied vol is null. */
export interface SmilePoint {
  strike: number;
  /** ln(strike / forward). */
  k: number;
  type: 'call' | 'put';
  mid: number;
  bid: number | null;
  ask: number | null;
  /** The surface's vol at this quote's own log-moneyness (the calendar-repaired slice, as marked), √(w(k)/T), vol points. */
  fit: number;
}

export interface SmileView {
  expiry: string;
  root: string;
  years: number;
  forward: number;
  points: SmilePoint[];
  /**
   * On a grid spanning the points, vol points: `vol` the surface's (the slice with its wings,
   * calendar-repaired: what every mark uses), `ownVol` the slice's own SVI fit before the repair.
   */
  curve: { k: number; strike: number; vol: number; ownVol: number }[];
  /** The largest gap between the two curves, vol points (0 where the repair does not bind). */
  repairVolPts: number;
}

/** Quotes below this |delta| (Black-76 at the mid's vol) are left off the chart: a 1-delta wing squashes the body. */
export const SMILE_MIN_DELTA = 0.02;
/** Points of the drawn SVI curve. */
const CURVE_POINTS = 121;

function fail(field: string, problem: string): never {
  throw new Error(
    `the surface answer's ${field} ${problem}; the host and this page disagree on its shape: update the add-in`,
  );
}

function finite(o: Record<string, unknown>, key: string, where: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${where}.${key}`, `is ${JSON.stringify(v)}, not a number`);
  return v;
}

function orNull(o: Record<string, unknown>, key: string, where: string): number | null {
  return o[key] === null || o[key] === undefined ? null : finite(o, key, where);
}

function record(v: unknown, where: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(where, 'is not an object');
  return v as Record<string, unknown>;
}

/** A slice's optional far wing (`putWing` or `callWing`), checked, as a spread-able field. */
function wingOf(s: Record<string, unknown>, key: 'putWing' | 'callWing', where: string): Partial<SviParams> {
  if (s[key] === undefined || s[key] === null) return {};
  const w = record(s[key], `${where}.${key}`);
  const at = `${where}.${key}`;
  return { [key]: { k: finite(w, 'k', at), beta: finite(w, 'beta', at), delta: finite(w, 'delta', at) } };
}

/** The share of the far wings' quotes inside the bid-ask (chain fits), else null. */
function wingInside(r: Record<string, unknown>, where: string): number | null {
  if (r['wings'] === undefined || r['wings'] === null) return null;
  const w = record(r['wings'], `${where}.wings`);
  return finite(w, 'quotes', `${where}.wings`) > 0 ? finite(w, 'insideSpreadPct', `${where}.wings`) : null;
}

/**
 * The surface answer (the API's JSON or `buildSurface`'s result) as a view, every number checked:
 * a field missing or not finite is an error naming it, never a blank or a zero in the table.
 */
export function presentSurface(raw: unknown): SurfaceView {
  const o = record(raw, '(answer)');
  if (!Array.isArray(o['expiries']) || o['expiries'].length === 0) fail('expiries', 'is missing or empty');
  const earlier: SviParams[] = [];
  const slices = record(o['data'], 'data')['slices'];
  if (!Array.isArray(slices)) fail('data.slices', 'is missing');
  const expiries = (o['expiries'] as unknown[]).map((e, i) => {
    const where = `expiries[${i}]`;
    const r = record(e, where);
    const s = record(r['svi'], `${where}.svi`);
    if (typeof r['expiry'] !== 'string') fail(`${where}.expiry`, 'is not a date');
    // the surface's own slice of this expiry: its years to settlement, which the table carries
    const slice = record(slices[i], `data.slices[${i}]`);
    if (slice['expiry'] !== r['expiry']) fail(`data.slices[${i}].expiry`, `is not ${r['expiry']}`);
    const row: SurfaceRowView = {
      expiry: r['expiry'],
      ...(typeof r['root'] === 'string' ? { root: r['root'] } : {}),
      forward: finite(r, 'forward', where),
      discount: finite(r, 'discount', where),
      years: finite(slice, 'years', `data.slices[${i}]`),
      atmVol: 100 * finite(r, 'atmVol', where),
      svi: {
        a: finite(s, 'a', `${where}.svi`),
        b: finite(s, 'b', `${where}.svi`),
        rho: finite(s, 'rho', `${where}.svi`),
        m: finite(s, 'm', `${where}.svi`),
        sigma: finite(s, 'sigma', `${where}.svi`),
        ...wingOf(s, 'putWing', `${where}.svi`),
        ...wingOf(s, 'callWing', `${where}.svi`),
      },
      rmseVolPts: orNull(r, 'rmseVolPts', where),
      insideSpreadPct: orNull(r, 'insideSpreadPct', where),
      quotes: orNull(r, 'quotes', where),
      earlier: [...earlier],
      wingInsideSpreadPct: wingInside(r, where),
    };
    earlier.push(row.svi);
    return row;
  });
  const arb = record(o['arbitrage'] ?? {}, 'arbitrage');
  const count = (k: string): number => (arb[k] === undefined ? 0 : finite(arb, k, 'arbitrage'));
  return {
    source: typeof o['source'] === 'string' ? o['source'] : '',
    label: typeof o['label'] === 'string' ? o['label'] : '',
    warnings: Array.isArray(o['warnings']) ? (o['warnings'] as unknown[]).map(String) : [],
    expiries,
    arbitrage: {
      butterfly: count('butterfly'),
      calendar: count('calendar'),
      calendarRepaired: count('calendarRepaired'),
    },
    leftOut: leftOutOf(o['leftOut']),
  };
}

/** The answer's `leftOut.expiries`, checked ([] when the answer has none: the indices, an older host). */
function leftOutOf(raw: unknown): LeftOutExpiry[] {
  if (raw === null || raw === undefined) return [];
  const list = record(raw, 'leftOut')['expiries'];
  if (list === undefined) return [];
  if (!Array.isArray(list)) fail('leftOut.expiries', 'is not a list');
  return list.map((x, i) => {
    const r = record(x, `leftOut.expiries[${i}]`);
    for (const k of ['root', 'expiry', 'reason'])
      if (typeof r[k] !== 'string') fail(`leftOut.expiries[${i}].${k}`, 'is not text');
    return { root: r['root'] as string, expiry: r['expiry'] as string, reason: r['reason'] as string };
  });
}

/**
 * The expiries left out in one line, those of a root left out for the same reason together, with
 * the fit's reason verbatim: "6 expiries of the chain left out: SPX 2022-03-18, 2022-04-14, … —
 * another root: …". '' when none was.
 */
export function leftOutText(leftOut: readonly LeftOutExpiry[]): string {
  if (leftOut.length === 0) return '';
  const groups = new Map<string, { root: string; reason: string; expiries: string[] }>();
  for (const x of leftOut) {
    const key = `${x.root}\u0000${x.reason}`;
    const g = groups.get(key) ?? { root: x.root, reason: x.reason, expiries: [] };
    g.expiries.push(x.expiry);
    groups.set(key, g);
  }
  const n = leftOut.length;
  const parts = [...groups.values()].map((g) => `${g.root} ${g.expiries.join(', ')} — ${g.reason}`);
  return `${n} expir${n === 1 ? 'y' : 'ies'} of the chain left out: ${parts.join('; ')}.`;
}

/** The arbitrage report in words: what was checked, what was found, what was repaired. */
export function arbitrageText(a: SurfaceView['arbitrage']): string {
  const slices = (n: number): string => `${n} slice${n === 1 ? '' : 's'}`;
  const butterfly =
    a.butterfly === 0 ? 'no butterfly arbitrage in any slice' : `butterfly arbitrage left in ${slices(a.butterfly)}`;
  const calendar =
    a.calendar === 0 ? 'no calendar arbitrage between slices' : `calendar arbitrage left between ${slices(a.calendar)}`;
  const repaired =
    a.calendarRepaired === 0
      ? ''
      : `; ${slices(a.calendarRepaired)} raised to the earlier slice's total variance where the fit crossed it (calendar repair)`;
  return `${butterfly}; ${calendar}${repaired}.`;
}

/** The root whose slices make the surface, as the shared fit chooses it: SPXW when quoted, else the first root. */
export function surfaceRoot(chain: ParsedChain): string {
  return chain.quotes.some((q) => q.root === 'SPXW') ? 'SPXW' : (chain.quotes[0]?.root ?? 'SPX');
}

/** The implied vol of a price on the forward (points → vol points), or null when it has none. */
function volOf(q: ChainQuote, price: number, forward: number, discount: number, years: number): number | null {
  const intrinsic = Math.max(q.type === 'call' ? forward - q.strike : q.strike - forward, 0);
  if (!(price > discount * intrinsic)) return null;
  try {
    const rate = -Math.log(discount) / years;
    const v = black76ImpliedVol({ type: q.type, price, future: forward, strike: q.strike, years, rate });
    return Number.isFinite(v) && v > 0 ? 100 * v : null;
  } catch {
    return null;
  }
}

/**
 * The smile of one expiry of the surface: the chain's out-of-the-money quotes of the slice's root
 * (SPXW, or SPX beyond the last SPXW expiry) at that expiry (puts below the forward, calls at and above it, as the fit uses them), each
 * as the implied vols of its bid, mid and ask on the expiry's forward and discount, those with a
 * mid vol and |delta| ≥ {@link SMILE_MIN_DELTA}, each with the surface's vol at its own
 * log-moneyness; and the surface's slice (calendar-repaired) and its own SVI fit over their range.
 */
export function smileOf(chain: ParsedChain, row: SurfaceRowView): SmileView {
  const root = row.root ?? surfaceRoot(chain);
  const quotes = chain.quotes.filter((q) => q.root === root && q.expiry === row.expiry);
  const settlement = quotes[0]?.settlement ?? 'PM';
  const years = yearsToSettlement(chain.valuationDate, chain.valuationMinutes, row.expiry, settlement);
  const { forward: F, discount: D } = row;
  const ownVariance = (k: number): number => sviVariance(row.svi, k);
  // the calendar repair: the running maximum of the earlier expiries' fits and this one's
  const variance = (k: number): number => row.earlier.reduce((w, e) => Math.max(w, sviVariance(e, k)), ownVariance(k));
  const volAt = (w: number): number => 100 * Math.sqrt(Math.max(w, 0) / years);
  const points: SmilePoint[] = [];
  for (const q of quotes) {
    const otm = q.type === 'call' ? q.strike >= F : q.strike < F;
    if (!otm) continue;
    const mid = volOf(q, (q.bid + q.ask) / 2, F, D, years);
    if (mid === null) continue;
    const sd = (mid / 100) * Math.sqrt(years);
    const d1 = Math.log(F / q.strike) / sd + 0.5 * sd;
    if (D * normCdf(-Math.abs(d1)) < SMILE_MIN_DELTA) continue;
    const k = Math.log(q.strike / F);
    points.push({
      strike: q.strike,
      k,
      type: q.type,
      mid,
      bid: volOf(q, q.bid, F, D, years),
      ask: volOf(q, q.ask, F, D, years),
      fit: volAt(variance(k)),
    });
  }
  points.sort((a, b) => a.k - b.k);
  const lo = points[0]?.k ?? -0.1;
  const hi = points[points.length - 1]?.k ?? 0.05;
  const curve = Array.from({ length: CURVE_POINTS }, (_, i) => {
    const k = lo + ((hi - lo) * i) / (CURVE_POINTS - 1);
    return { k, strike: F * Math.exp(k), vol: volAt(variance(k)), ownVol: volAt(ownVariance(k)) };
  });
  const repairVolPts = curve.reduce((m, c) => Math.max(m, c.vol - c.ownVol), 0);
  return { expiry: row.expiry, root, years, forward: F, points, curve, repairVolPts };
}
