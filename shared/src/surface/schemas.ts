/**
 * Input schemas and the request/response of "build a surface" (`POST /api/surface`, ALVH.SURFACE):
 * `{chain, valuationDate?, spot?, points?}` or
 * `{valuationDate, spot, indices, rate?, divYield?, points?}`, answered in one shape.
 */
import { z } from 'zod';
import { invalidInput, type AlvhError } from '../errors';
import { friendlyIssue } from '../schemas/parse';
import { parseIsoDate, toIsoDate } from '../dates';
import { CHAIN_STRIKE_FIX, CHAIN_STRIKE_POINTS, SPX_POINTS, checkSpotAndStrikes } from '../validate';
import { parseChain, type ChainRow } from './chain';
import { fitChainSurface } from './fitChain';
import { spxSurfaceFromIndices } from './indexSurface';
import { indexPlausibility } from './indexPlausibility';
import { yearsToExpiry, type SpxSurface, type SpxSurfaceData } from './spxSurface';
import { numberExpected, rate } from '../schemas/common';
import type { SviParams } from './svi';
import type { SliceFit } from './chainSlice';

// A missing field falls through (undefined) to parseInput's "is required: pass a number".
const num = z
  .number({ error: (iss) => (iss.input === undefined ? undefined : numberExpected(iss)) })
  .finite({ error: 'pass a finite number' });
const isoDate = z
  .string({
    error: (iss) => (iss.input === undefined ? 'is required: pass a date as YYYY-MM-DD' : 'pass a date as YYYY-MM-DD'),
  })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'pass a date as YYYY-MM-DD, e.g. 2023-06-09' });
const indexLevel = num.min(1, { error: 'pass the index in vol points, e.g. 18.5 (not 0.185)' }).max(300, {
  error: 'pass the index in vol points, at most 300',
});
/** An SPX level as the plan takes it ({@link SPX_POINTS}): 1 or 1e21 is a slip, not a market. */
const spxLevel = num
  .min(SPX_POINTS.min, {
    error: `pass SPX in index points (between ${SPX_POINTS.min} and ${SPX_POINTS.max}), e.g. 6600`,
  })
  .max(SPX_POINTS.max, {
    error: `pass SPX in index points (between ${SPX_POINTS.min} and ${SPX_POINTS.max}), e.g. 6600`,
  });

export const ChainRowSchema = z.strictObject({
  expiry: z.union([isoDate, num.int({ error: 'pass an ISO date or an Excel date serial' })], {
    error: 'pass the expiry as an ISO date (2023-07-21) or an Excel date serial (45128)',
  }),
  strike: num
    .min(CHAIN_STRIKE_POINTS.min, { error: CHAIN_STRIKE_FIX })
    .max(CHAIN_STRIKE_POINTS.max, { error: CHAIN_STRIKE_FIX }),
  type: z.enum(['call', 'put', 'C', 'P'], { error: 'pass call or put (C or P)' }),
  bid: num.nonnegative({ error: 'pass the bid in points (0 for no bid)' }),
  ask: num.nonnegative({ error: 'pass the ask in points (0 for no ask)' }),
  root: z.string().optional(),
  settlement: z.enum(['AM', 'PM'], { error: 'pass AM or PM' }).optional(),
});

export const SurfacePointSchema = z.strictObject({
  expiry: isoDate,
  strike: num.positive({ error: 'pass the strike in index points (> 0)' }),
});

/** What a chain field that is neither text nor rows is told (here, on POST /api/surface and in a market). */
export const CHAIN_FORMS = 'pass the quotedata CSV text, or rows [{expiry, strike, type, bid, ask}]';

export const SurfaceFromChainSchema = z.strictObject({
  chain: z.union(
    [
      z.string().min(1, { error: 'pass the quotedata CSV text or rows' }),
      z.array(ChainRowSchema).min(1, { error: 'pass at least one row {expiry, strike, type, bid, ask}' }),
    ],
    { error: CHAIN_FORMS },
  ),
  valuationDate: isoDate.optional(),
  spot: spxLevel.optional(),
  /** The day's VIX close: the surface's referenceVix (default: its own 30-day variance-swap vol). */
  vix: indexLevel.optional(),
  points: z.array(SurfacePointSchema).max(10_000, { error: 'pass at most 10,000 points' }).optional(),
});

export const SurfaceFromIndicesSchema = z.strictObject({
  valuationDate: isoDate,
  spot: spxLevel,
  indices: z.strictObject(
    {
      vix: indexLevel,
      vix9d: indexLevel.optional(),
      vix3m: indexLevel.optional(),
      vix6m: indexLevel.optional(),
      skew: num
        .min(100, { error: 'pass the Cboe SKEW level (100-250)' })
        .max(250, { error: 'pass the Cboe SKEW level (100-250)' })
        .optional(),
    },
    {
      error: (iss) =>
        iss.code === 'invalid_type'
          ? 'pass the Cboe indices in vol points, { "vix": 18.5, "vix9d"?, "vix3m"?, "vix6m"?, "skew"? } (or a chain instead)'
          : undefined,
    },
  ),
  // the range of every host's market rate and yield (MARKET_RATE): 0.5 typed for 0.5% is no 50% carry
  rate: rate.optional(),
  divYield: rate.optional(),
  points: z.array(SurfacePointSchema).max(10_000, { error: 'pass at most 10,000 points' }).optional(),
});

export type SurfaceRequest = z.output<typeof SurfaceFromChainSchema> | z.output<typeof SurfaceFromIndicesSchema>;

/**
 * Either form, chosen by the presence of `chain` (so the issues are those of the form meant,
 * at their own paths, rather than zod's "Invalid input" for a union neither branch matches):
 * with `chain`, {@link SurfaceFromChainSchema}; otherwise {@link SurfaceFromIndicesSchema}.
 * Strict at every depth: an unknown field is named ("unknown field "x": check the spelling").
 */
export const SurfaceRequestSchema = z.unknown().transform((raw, ctx): SurfaceRequest => {
  const isChain = typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'chain' in raw;
  const r = (isChain ? SurfaceFromChainSchema : SurfaceFromIndicesSchema).safeParse(raw, { error: friendlyIssue });
  if (r.success) return r.data;
  for (const issue of r.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
  return z.NEVER;
});

export interface SurfaceExpiryReport {
  expiry: string;
  /**
   * The option root the slice was fitted on: SPXW, or SPX for a chain's expiries after its last
   * SPXW one (AM-settled: its time runs to the 09:30 open); `index` in the index form.
   */
  root: string;
  forward: number;
  discount: number;
  /**
   * Where the discount comes from: a chain expiry's own parity line (`parity`), the rates of the
   * chain's precise expiries (or, none precise, all its lines pooled) when its own line is too noisy
   * to read a rate (`neighbours`), or the
   * request's `rate` (`rate`, surfaces from indices).
   */
  discountFrom: SliceFit['discountFrom'] | 'rate';
  atmVol: number;
  svi: SviParams;
  /** Chain only: fit RMSE over the fitted quotes (vol points), share inside the bid-ask (%), quotes. */
  rmseVolPts: number | null;
  insideSpreadPct: number | null;
  quotes: number | null;
  /** Chain only: the far wings' quotes (below 5 delta) and how the fitted wings mark them; null otherwise. */
  wings: SliceFit['wings'] | null;
}

/** What a chain's fit left out, and why. */
export interface SurfaceLeftOut {
  /**
   * Quotes left out: an ask but no bid, a bid but no ask (one-sided), crossed (bid above ask), locked
   * (bid = ask), empty (neither a bid nor an ask), and those with no implied vol (a mid outside the
   * no-arbitrage bounds of its forward).
   */
  quotes: { zeroBid: number; noAsk: number; crossed: number; locked: number; empty: number; noImpliedVol: number };
  /** Expiries left out of the surface (another root, too near settlement, too few strikes), with why. */
  expiries: { root: string; expiry: string; reason: string }[];
}

export interface SurfaceResponse {
  source: SpxSurface['source'];
  label: string;
  warnings: string[];
  /** What the chain's fit left out; null for the index form, which reads no quotes. */
  leftOut: SurfaceLeftOut | null;
  expiries: SurfaceExpiryReport[];
  arbitrage: { butterfly: number; calendar: number; calendarRepaired: number };
  points: { expiry: string; strike: number; vol: number }[];
  /**
   * The fitted surface in its data form: pass it back as a plan's or a scenario's `market.surface`
   * to mark on it without fitting the chain again.
   */
  data: SpxSurfaceData;
}

/** Most years from the quotes a surface answers for (no slice lies beyond). */
const MAX_SURFACE_YEARS = 30;

/**
 * The refusal of an expiry `t` years from the quotes, past {@link MAX_SURFACE_YEARS}: the years
 * with as many decimals as it takes to read above the limit (30.016, never 30.0), and the last day
 * within it, found from `yearsTo` counting up from `fromDay` (the valuation date). `expiry` is the
 * date as sent, when the message should repeat it.
 */
export function pastSurfaceReach(
  field: string,
  expiry: string | undefined,
  t: number,
  yearsTo: (day: number) => number,
  fromDay: number,
): AlvhError {
  let shown = t.toFixed(1);
  for (let d = 2; d <= 6 && !(Number(shown) > MAX_SURFACE_YEARS); d++) shown = t.toFixed(d);
  // A year is under 367 days: the last day within the limit lies below this one.
  let last = fromDay + Math.ceil(MAX_SURFACE_YEARS * 367);
  while (last > fromDay && yearsTo(last) > MAX_SURFACE_YEARS) last--;
  return invalidInput(
    field,
    `is ${expiry === undefined ? '' : `${expiry}, `}${shown} years after the quotes`,
    `pass an expiry at most ${MAX_SURFACE_YEARS} years out, on or before ${toIsoDate(last)} (the surface holds none beyond)`,
  );
}

/**
 * Builds the surface a request asks for and answers in the API's shape. Input already parsed
 * with {@link SurfaceRequestSchema}.
 *
 * @throws AlvhError `invalid_input` naming what is wrong (a bad chain, a point before the valuation date)
 */
export function buildSurface(req: SurfaceRequest): SurfaceResponse {
  let surface: SpxSurface;
  let expiries: SurfaceExpiryReport[];
  let arbitrage = { butterfly: 0, calendar: 0, calendarRepaired: 0 };
  let leftOut: SurfaceLeftOut | null = null;
  const warnings: string[] = [];
  if ('chain' in req) {
    const parsed = parseChain(req.chain as string | ChainRow[], {
      ...(req.valuationDate === undefined ? {} : { valuationDate: req.valuationDate }),
      ...(req.spot === undefined ? {} : { spot: req.spot }),
    });
    const fit = fitChainSurface(parsed, req.vix === undefined ? {} : { vix: req.vix });
    surface = fit.surface;
    expiries = fit.slices
      .filter((s) => s.inSurface)
      .map((s) => ({
        expiry: s.expiry,
        root: s.root,
        forward: s.forward,
        discount: s.discount,
        discountFrom: s.discountFrom,
        atmVol: s.atmVol,
        svi: s.svi,
        rmseVolPts: s.rmseVolPts,
        insideSpreadPct: s.insideSpreadPct,
        quotes: s.quotes,
        wings: s.wings,
      }));
    arbitrage = {
      butterfly: fit.arbitrage.butterfly.length,
      calendar: fit.arbitrage.calendar.length,
      calendarRepaired: fit.arbitrage.calendarRepaired.length,
    };
    leftOut = { quotes: { ...fit.dropped }, expiries: fit.skipped.map((x) => ({ ...x })) };
  } else {
    surface = spxSurfaceFromIndices(req);
    warnings.push(...indexPlausibility(req.indices.vix, req.indices, 'indices'));
    expiries = surface.slices.map((s) => ({
      expiry: s.expiry,
      root: s.root,
      forward: s.forward,
      discount: s.discount,
      discountFrom: 'rate' as const,
      atmVol: Math.sqrt(surface.totalVariance(s.years, 0) / s.years),
      svi: s.svi,
      rmseVolPts: null,
      insideSpreadPct: null,
      quotes: null,
      wings: null,
    }));
  }
  const valuationDay = parseIsoDate('valuationDate', surface.valuationDate);
  const yearsTo = yearsToExpiry(surface);
  const points = (req.points ?? []).map((p, i) => {
    const day = parseIsoDate(`points[${i}].expiry`, p.expiry);
    const days = day - valuationDay;
    if (!(days > 0)) {
      throw invalidInput(
        `points[${i}].expiry`,
        `is ${p.expiry}, not after the valuation date ${surface.valuationDate}`,
        'pass a later expiry',
      );
    }
    // A strike far from any quote is a slip, not a question the smile answers (1e308 gave 1139%).
    checkSpotAndStrikes('spot', surface.spot, [{ field: `points[${i}].strike`, strike: p.strike }]);
    // the time ALVH.VOL reads it at: from the quotes' moment to the settlement (a slice's own expiry at its own time)
    const t = yearsTo(day);
    if (t > MAX_SURFACE_YEARS) throw pastSurfaceReach(`points[${i}].expiry`, p.expiry, t, yearsTo, valuationDay);
    return { expiry: p.expiry, strike: p.strike, vol: surface.vol(t, p.strike) };
  });
  return {
    source: surface.source,
    label: surface.label,
    warnings: [...surface.warnings, ...warnings],
    leftOut,
    expiries,
    arbitrage,
    points,
    data: surface.toData(),
  };
}
