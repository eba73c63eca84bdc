/**
 * Steps of `plan` on the curve: the term structure and regime of the day (section 2) with the
 * market state the other steps mark the book in, the curve of the last rebalance and the market
 * state of a finished plan; it passes on the field-prefixing helper every step uses (fieldPrefix.ts)
 * and the market's SPX surface (marketSurface.ts).
 */
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  FLAT_CURVE_TOLERANCE,
  buildTermStructure,
  isBusinessDay,
  isExchangeHoliday,
  previousBusinessDay,
  fitQuality,
  futureForExpiry,
  vxExpiriesThrough,
  volOfVolFromVvix,
  type TermStructure,
} from '../market/index';
import { calendarDay } from '../market/calendar';
import { checkSpotAndStrikes } from '../validate';
import { invalidInput } from '../errors';
import type { ParsedPlanInput } from '../schemas/plan';
import type { Policy } from '../schemas/policy';
import { stateSurfaces, type MarketState } from '../book/index';
import {
  makeSpxSurface,
  type ChainQuote,
  type ParsedChain,
  type SpxSurface,
  type VixVolSurface,
  vixSurfaceFromData,
} from '../surface/index';
import { fmt, type AuditEntry } from './audit';
import { indexPlausibility } from '../surface/indexPlausibility';
import type { PlanMarket, PlanStep, PlanSurface } from './planTypes';
import { curveFutureFor, marketVixSurface, noVvixChainWarning } from './planVixChain';
import { withPrefix } from './fieldPrefix';
import { quotesAwayFromSpx } from '../hedge/orders';
import { marketSurface, movedSpotWarning, quoteSpotWarning, type MarketSurfaceInput } from './marketSurface';

export { withPrefix, marketSurface, type MarketSurfaceInput };

/** Everything the steps after the term structure share. */
export interface PlanContext {
  p: ParsedPlanInput;
  policy: Policy;
  date: string;
  ts: TermStructure;
  /** Today's market state (the book is marked in it). */
  now: MarketState;
  /** Vol of the VX futures today, decimal. */
  volOfVol: number;
  /** The surface every mark of the plan reads (also on `now.surfaces`). */
  surface: PlanSurface;
  /** Vol of the VX futures in the drawdown scenario, decimal. */
  stressVov: number;
  /** The quotes of `market.chain`, when the surface was fitted to it: the orders' bid and ask. */
  chainQuotes?: readonly ChainQuote[];
  /**
   * Why the orders are not held to market.chain's quotes: they were taken at another SPX than
   * market.spx (hedge/orders.ts quotesAwayFromSpx); said only where the plan lists orders.
   */
  quotesAway?: string;
  /** The expiries `market.vixChain` lists whose fit left them out (none without a VIX chain). */
  vixChainLeftOut: readonly string[];
}

/** One condor of a plan input. */
export type InputCondor = NonNullable<ParsedPlanInput['condor']>;

/**
 * The condors of a plan input, each with the field it sits at: `condor` alone, or `condors[i]` of
 * a ladder (the schema accepts exactly one of the two).
 */
export function inputCondors(p: ParsedPlanInput): { c: InputCondor; field: string }[] {
  if (p.condors !== undefined) return p.condors.map((c, i) => ({ c, field: `condors[${i}]` }));
  if (p.condor !== undefined) return [{ c: p.condor, field: 'condor' }];
  throw invalidInput(
    'condor',
    'is missing',
    'pass the condor { expiry, strikes, quantity }, or a ladder as condors [{ expiry, strikes, quantity }, ...]',
  );
}

/**
 * A valuation date on or after both a condor's expiry and the front VX future's is the date
 * mistyped, not two contracts expired: refused at valuationDate. A date typed a month late was
 * refused at market.futures[0].expiry, whose fix (list only futures expiring after the valuation
 * date) never mended it.
 */
function checkDateBeforeExpiries(p: ParsedPlanInput): void {
  const today = calendarDay('valuationDate', p.valuationDate);
  // the earliest expiry sent, whatever the order (the curve's own check names an order out of place),
  // named at its row when it lies outside the calendar
  const i = p.market.futures.reduce((m, f, j, all) => (f.expiry < all[m]!.expiry ? j : m), 0);
  const front = p.market.futures[i];
  if (front === undefined || calendarDay(`market.futures[${i}].expiry`, front.expiry) > today) return;
  const past = inputCondors(p).find((x) => calendarDay(`${x.field}.expiry`, x.c.expiry) <= today);
  if (past === undefined) return;
  throw invalidInput(
    'valuationDate',
    `is ${p.valuationDate}, on or after both the condor's expiry ${past.c.expiry} and the front VX future's ${front.expiry}`,
    'check the date: pass the day the prices are of, before both expiries',
  );
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const curveField = (root: 'market' | 'lastRebalance') => (field: string) => {
  if (field === 'vixSpot') return `${root}.vix`;
  if (field === 'valuationDate') return root === 'market' ? 'valuationDate' : 'lastRebalance.date';
  return `${root}.${field}`;
};

/**
 * The market state of a plan, with `futureFor` from the plan's curve and the plan's surfaces (for
 * re-marking its book exactly as the plan did: the SPX surface, and the VIX-option surface fitted
 * to its VIX chain when it had one). Without `surface`, the surface of the VIX alone.
 */
export function planMarketState(
  market: PlanMarket,
  surface?: Pick<PlanSurface, 'data'> & Partial<Pick<PlanSurface, 'vixOptions'>>,
): MarketState {
  const ts = buildTermStructure(
    { valuationDate: market.date, vixSpot: market.vix, futures: market.futures },
    { kappa: market.kappa, theta: market.theta },
  );
  return {
    date: market.date,
    spot: market.spot,
    vix: market.vix,
    rate: market.rate,
    divYield: market.divYield,
    volOfVol: market.volOfVol,
    futureFor: (e) => futureForExpiry(ts, e),
    ...(surface === undefined
      ? {}
      : {
          surfaces: stateSurfaces(
            market.date,
            market.vix,
            market.volOfVol,
            makeSpxSurface(surface.data),
            surface.vixOptions?.data === undefined ? undefined : vixSurfaceFromData(surface.vixOptions.data),
          ),
        }),
  };
}

/** The plan's SPX surface: {@link marketSurface} of `market` (`onChain` is handed its chain, parsed). */
export function planSurface(p: ParsedPlanInput, onChain?: (chain: ParsedChain, atSpx: boolean) => void): SpxSurface {
  return marketSurface(p.valuationDate, p.market, 'market', 'spx', onChain);
}

/**
 * What a plan reports about its surfaces: the SPX surface, and the VIX-option vols beside it when
 * fitted to a VIX chain (without one, the VVIX rule, and the answer is as it was before VIX chains).
 */
export function describePlanSurface(s: SpxSurface, vix?: VixVolSurface): PlanSurface {
  return {
    source: s.source,
    date: s.valuationDate,
    label: s.label,
    describe: s.describe(),
    data: s.toData(),
    ...(vix?.data === undefined
      ? {}
      : { vixOptions: { source: 'chain' as const, label: vix.label, describe: vix.describe(), data: vix.data } }),
  };
}

/** Term structure and regime (section 2), and the day's market state: the context of every later step. */
export function stepTermStructure(p: ParsedPlanInput, policy: Policy, divYieldGiven: boolean): PlanStep<PlanContext> {
  const audit: AuditEntry[] = [];
  const warnings: string[] = [];
  const date = p.valuationDate;
  const m = p.market;
  const closed = closedDayWarning(date);
  if (closed !== undefined) warnings.push(closed);
  // The condors' own fields first, as sent: later steps name the calendar's `date` or a leg's strike.
  for (const x of inputCondors(p)) calendarDay(`${x.field}.expiry`, x.c.expiry);
  checkDateBeforeExpiries(p);
  checkSpotAndStrikes(
    'market.spx',
    m.spx,
    inputCondors(p).flatMap((x) => x.c.strikes.map((strike, i) => ({ field: `${x.field}.strikes[${i}]`, strike }))),
  );
  const ts: TermStructure = withPrefix(curveField('market'), () =>
    buildTermStructure(
      { valuationDate: date, vixSpot: m.vix, futures: m.futures },
      {
        steepSpread: policy.steepSpread,
        flatBand: policy.flatBand,
        ...(policy.kappa === undefined ? {} : { kappa: policy.kappa }),
        ...(policy.theta === undefined ? {} : { theta: policy.theta }),
      },
    ),
  );
  audit.push({
    rule: 'curve.regime',
    inputs: {
      f1: ts.f1.price,
      f2: ts.f2.price,
      spread: ts.spread,
      steepSpread: policy.steepSpread,
      flatBand: policy.flatBand,
    },
    effect: `F1 ${fmt(ts.f1.price, 3)} − F2 ${fmt(ts.f2.price, 3)} = ${fmt(ts.spread, 3)} pts: ${ts.regime}`,
  });
  audit.push({
    rule: 'curve.fit',
    inputs: { kappa: ts.fit.kappa, theta: ts.fit.theta, rmse: ts.fit.rmse, method: ts.fit.method },
    effect: `VIX mean reversion κ = ${fmt(ts.fit.kappa, 3)}/yr, θ = ${fmt(ts.fit.theta, 2)} pts (${ts.fit.method}; rmse ${fmt(ts.fit.rmse, 3)} pts)`,
  });
  if (ts.fit.method === 'fallback') warnings.push(fallbackFitWarning(ts));
  warnings.push(...fitQuality(ts).warnings);
  warnings.push(...vixPlausibility(m.vix, ts.f1.price));
  warnings.push(...futuresPlausibility(ts));
  warnings.push(...indexPlausibility(m.vix, m.indices, 'market.indices'));

  const volOfVol = m.vvix !== undefined ? volOfVolFromVvix(m.vvix, 'market.vvix') : policy.defaultVolOfVol;
  if (m.vvix === undefined)
    warnings.push(m.vixChain === undefined ? noVvixWarning(policy) : noVvixChainWarning(policy));
  let chainQuotes: readonly ChainQuote[] | undefined;
  // whether a chain was read at SPX (a table: no spot of its own), for the warning below
  let tableAtSpx = false;
  let quotesAway: string | undefined;
  const spxSurface = planSurface(p, (c, atSpx) => {
    tableAtSpx = atSpx;
    // quotes taken at another SPX than the plan marks at bound no order (its marks moved, they did not)
    quotesAway = atSpx || c.spot === null ? undefined : quotesAwayFromSpx(c.spot, m.spx);
    if (quotesAway === undefined) chainQuotes = c.quotes;
  });
  const futureFor = (e: string): number => futureForExpiry(ts, e);
  const vixChain = marketVixSurface(date, m, curveFutureFor(ts));
  const surfaces = stateSurfaces(date, m.vix, volOfVol, spxSurface, vixChain?.surface);
  const now: MarketState = {
    date,
    spot: m.spx,
    vix: m.vix,
    rate: m.rate,
    divYield: m.divYield,
    volOfVol,
    futureFor,
    surfaces,
  };
  const surface = describePlanSurface(spxSurface, vixChain?.surface);
  // The rate/dividend note of the index surfaces is about inputs the plan always has: not repeated.
  warnings.push(...spxSurface.warnings.filter((w) => !w.startsWith('No rate or dividend yield given')));
  // A chain's surface carries its own forwards; on any other the yield sets every SPX leg's forward.
  if (!divYieldGiven && spxSurface.source !== 'chain') warnings.push(NO_DIV_YIELD);
  if (vixChain !== undefined) warnings.push(...vixChain.warnings);
  const stale =
    m.surface !== undefined
      ? quoteSpotWarning(spxSurface, m, 'surface', 'market.surface', 'market.spx')
      : tableAtSpx
        ? quoteSpotWarning(spxSurface, m, 'table', 'market.chain', 'market.spx')
        : undefined;
  if (stale !== undefined) warnings.push(stale);
  const moved = movedSpotWarning(
    spxSurface,
    m.spx,
    m.surface !== undefined ? 'market.surface' : 'market.chain',
    'market.spx',
  );
  if (moved !== undefined) warnings.push(moved);
  audit.push({
    rule: 'marks.surface',
    inputs: { source: surface.source, date: surface.date, label: surface.label },
    effect: surface.describe,
  });
  if (surface.vixOptions !== undefined)
    audit.push({
      rule: 'marks.vixSurface',
      inputs: { source: surface.vixOptions.source, label: surface.vixOptions.label },
      effect: surface.vixOptions.describe,
    });
  return {
    result: {
      p,
      policy,
      date,
      ts,
      now,
      volOfVol,
      surface,
      stressVov: policy.stressVolOfVol ?? volOfVol,
      ...(chainQuotes === undefined ? {} : { chainQuotes }),
      ...(quotesAway === undefined ? {} : { quotesAway }),
      vixChainLeftOut: vixChain?.leftOut ?? [],
    },
    audit,
    warnings,
  };
}

/**
 * What a fallback fit did, in its own terms: a plan's curve has two futures at least, so κ fell
 * back because the curve is flat; θ was still fitted (or fixed by the policy) and the fit may be
 * exact. "The curve could not be fitted well; the default κ and θ are used" said the opposite of
 * a flat curve fitted to 0.01 points with θ fitted.
 */
function fallbackFitWarning(ts: TermStructure): string {
  const { kappa, theta, rmse, note } = ts.fit;
  const th = ts.fixed?.theta !== undefined ? `θ = ${fmt(theta, 2)} (policy.theta)` : `θ = ${fmt(theta, 2)} fitted`;
  if (!note.includes('flat')) return `The fit falls back on a default: ${note} (rmse ${fmt(rmse, 3)} pts).`;
  return `κ cannot be read from a flat curve (VIX and every future within ${FLAT_CURVE_TOLERANCE} points): κ = ${kappa} (default), ${th}, rmse ${fmt(rmse, 3)} pts; pass policy.kappa to choose κ.`;
}

/** The plan's note when market.divYield was left out and no chain sets the SPX forwards. */
export const NO_DIV_YIELD =
  'No dividend yield given: the SPX legs are priced with market.divYield 0, so every SPX forward is too high by about the yield times the years to expiry (0.16% at 45 days and a 1.3% yield). SPX has yielded about 1.2-2.2% a year since 2010: pass it (e.g. divYield 0.013), or give an SPX chain, whose own forwards set the carry.';

/** VIX has never closed below this (9.14 on 2017-11-03). */
const VIX_RECORD_LOW = 9;
/** How far VIX may sit from the front VX future, as a factor either way, before the pair reads as a slip. */
const VIX_F1_FACTOR = 2;

/**
 * Warnings for a VIX the schema accepts but no market has shown: below its record low, or far from
 * the front future (a VIX of 1 beside futures at 18 prices the hedges on a 1%-vol surface).
 */
function vixPlausibility(vix: number, f1: number): string[] {
  const out: string[] = [];
  if (vix < VIX_RECORD_LOW)
    out.push(
      `VIX ${fmt(vix, 2)} is below ${VIX_RECORD_LOW}, under any close in its history (the lowest: 9.14 in 2017): check market.vix is in index points.`,
    );
  if (vix < f1 / VIX_F1_FACTOR || vix > f1 * VIX_F1_FACTOR)
    out.push(
      `VIX ${fmt(vix, 2)} is far from the front VX future ${fmt(f1, 2)} (more than ${VIX_F1_FACTOR}× apart; even in 2008 and 2020 they stayed closer): check market.vix and market.futures, every hedge is sized on them.`,
    );
  return out;
}

/** No VX future has settled below 9.875 (VX1 on 2017-12-18); the warning's bound, as VIX's is 9. */
const VX_RECORD_LOW = 9;

/**
 * The warning for VX futures the schema accepts (1 to 500 points) but no settlement has shown: below
 * {@link VX_RECORD_LOW}, as 22.7497 typed 2.27497 (the regime, the split and the tail's strike are
 * read off them). Names the first such future and how many more there are.
 */
function futuresPlausibility(ts: TermStructure): string[] {
  const low = ts.points.filter((pt) => pt.price < VX_RECORD_LOW);
  const first = low[0];
  if (first === undefined) return [];
  const which =
    low.length > 1
      ? `VX futures ${fmt(first.price, 2)} (${first.expiry}) and ${low.length - 1} more are`
      : `VX future ${fmt(first.price, 2)} (${first.expiry}) is`;
  return [
    `${which} below ${VX_RECORD_LOW}, under any settlement in its history (the lowest: 9.875 in 2017): check market.futures are in index points.`,
  ];
}

/** The curve of the last rebalance, when one is given (for the previous spread and the triggers). */
export function lastRebalanceCurve(p: ParsedPlanInput, policy: Policy): TermStructure | undefined {
  const lr = p.lastRebalance;
  if (lr === undefined) return undefined;
  // The date first: its curve is checked against it, and a date after today is the mistake to name.
  if (lr.date > p.valuationDate) {
    throw invalidInput(
      'lastRebalance.date',
      `is ${lr.date}, after the valuation date ${p.valuationDate}`,
      'pass the date of the last rebalance, on or before the valuation date',
    );
  }
  // Its F1 and F2 may have expired since and be left out (the futures still listed today): the
  // curve shift reads its constant-maturity values (stepRebalance warns of a tenor read past the
  // missing one), and the plan reads its spread only when both are there (curveFrontGap).
  return withPrefix(curveField('lastRebalance'), () =>
    buildTermStructure(
      { valuationDate: lr.date, vixSpot: lr.vix, futures: lr.futures },
      { steepSpread: policy.steepSpread, flatBand: policy.flatBand },
      { allowFrontGap: true },
    ),
  );
}

/**
 * The warning of a plan without VVIX: its VIX options are marked on the VIX-option surface of the
 * VVIX the default vol of vol stands for (1.2: VVIX 120), whose vol varies with strike and time
 * (1.1089 at 44 days on 2024-08-05), not at one flat vol of 1.2, which prices the call dearer; so
 * TAILSIZE matches the plan with ALVH.VIXVOL at that VVIX, the stressed mark too unless the policy
 * sets stressVolOfVol. With a VIX chain, {@link noVvixChainWarning}.
 */
function noVvixWarning(policy: Policy): string {
  const vov = policy.defaultVolOfVol;
  const vvix = Number((vov * 100).toPrecision(12));
  const args = policy.stressVolOfVol === undefined ? 'volOfVol and stressVolOfVol' : 'volOfVol';
  return `No VVIX given: VIX options are marked on the VIX-option surface of VVIX ${vvix} (policy.defaultVolOfVol ${vov} × 100), not at a flat vol of ${vov}; in Excel, pass ALVH.VIXVOL(${vvix}, …) as TAILSIZE's ${args}.`;
}

/** The monthly VX expiries up to the last listed future (the hedges' candidate expiries). */
export function listedMonthlies(ts: TermStructure, date: string): string[] {
  const lastListed = ts.points[ts.points.length - 1] as { expiry: string };
  return vxExpiriesThrough(date, lastListed.expiry);
}

/**
 * The warning of a valuation date on which the exchanges are closed (a weekend or a holiday): the
 * marks count time to expiry from it, a day or more past the last close whose prices the inputs
 * most likely are (a Saturday's plan priced a 42-day condor at 41 days). None outside the
 * exchange calendar's years.
 */
function closedDayWarning(date: string): string | undefined {
  const year = Number(date.slice(0, 4));
  if (year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR || isBusinessDay(date)) return undefined;
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  const what = isExchangeHoliday(date) ? 'an exchange holiday' : day === 6 ? 'a Saturday' : 'a Sunday';
  const last = previousBusinessDay(date);
  return `valuationDate ${date} is ${what}, when no market closes: every time to expiry counts from it. If the prices are the closes of ${last}, pass valuationDate ${last}.`;
}
