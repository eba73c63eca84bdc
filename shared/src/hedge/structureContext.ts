/**
 * The context every tail structure is priced and scored against (ALVH-METHOD section 10): the
 * drawdown scenario, the analog states and the tail expiry of a book of condors, from raw input
 * ({@link hedgeContext}) or from the pieces a plan has already built ({@link hedgeContextFrom}).
 *
 * Everything comes from the package's functions (drawdownState, stressedVix, scenarioLoss,
 * selectTailExpiry).
 */
import { z } from 'zod';
import { invalidInput } from '../errors';
import { daysBetween } from '../dates';
import { parseInput } from '../schemas/parse';
import {
  condorCredit,
  condorExpiryDate,
  isoDate,
  nonNegativeNumber,
  positiveNumber,
  rate,
  spxStrike,
  unlistedExpiryIssues,
  volatility,
  vvixPoints,
} from '../schemas/common';
import {
  volOfVolFromVvix,
  buildTermStructure,
  constantMaturity,
  futureForExpiry,
  vxExpiriesAfter,
  vxExpiriesThrough,
  type TermStructure,
} from '../market/index';
import { spxAtmVol, spxDivYield, spxVol, type Leg, type MarketState } from '../book/index';
// the method's files, not its barrel: the plan (in the barrel) reads this module
import { HISTORICAL_ANALOGS, type HistoricalAnalog } from '../method/analogs';
import { condorAnalytics, condorInputOf, type CondorAnalytics } from '../method/condor';
import { drawdownState, scenarioLoss, stressedVix } from '../method/stress';
import { selectTailExpiry } from '../method/tailSize';
import { withPrefix } from '../method/fieldPrefix';
import { resolvePolicy, type Policy } from '../schemas/policy';
import { StructureParamsSchema, type StructureParams } from './schemas';

const strikes4 = z.tuple([spxStrike, spxStrike, spxStrike, spxStrike], {
  error: 'pass [long put, short put, short call, long call]',
});

const CondorSpecSchema = z.strictObject({
  expiry: condorExpiryDate,
  strikes: strikes4,
  quantity: z
    .number({ error: 'pass a whole number of condors' })
    .int({ error: 'pass a whole number of condors' })
    .min(1, { error: 'pass at least 1 condor' })
    .max(100_000, { error: 'pass at most 100,000 condors' }),
  credit: condorCredit.optional(),
  vol: volatility.optional(),
});

/** The input of {@link hedgeContext} and {@link compareTailStructures}. */
export const StructureInputSchema = z
  .strictObject({
    valuationDate: isoDate,
    market: z.strictObject({
      spx: positiveNumber,
      vix: positiveNumber.max(200, { error: 'VIX is in index points, at most 200' }),
      vvix: vvixPoints.optional(),
      rate,
      divYield: rate,
      futures: z
        .array(z.strictObject({ expiry: isoDate, price: positiveNumber }), {
          error: 'pass the VX futures as [{expiry, price}]',
        })
        .min(2, { error: 'pass at least two VX futures' })
        .max(24, { error: 'pass at most 24 VX futures' }),
    }),
    /** One condor, or a ladder across expiries netted as one book. */
    condors: z
      .array(CondorSpecSchema, { error: 'pass the condors as a list' })
      .min(1, { error: 'pass at least one condor' })
      .max(12, {
        error: 'pass at most 12 condors',
      }),
    policy: z.unknown().optional(),
    /** Premium the tail may spend, USD; the comparison then says which structure buys the most. */
    budget: nonNegativeNumber.optional(),
    params: StructureParamsSchema.default({ spreadWidth: 10, ladderOtm: [0.25, 0.5, 1] }),
  })
  .superRefine(
    (v, ctx) => {
      for (const issue of unlistedExpiryIssues(v.valuationDate, undefined, v.condors)) ctx.addIssue(issue);
    },
    // checked beside the other fields' issues, so an unlisted expiry is named even when another field is wrong
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
export type StructureInput = z.input<typeof StructureInputSchema>;

export interface AnalogContext {
  analog: HistoricalAnalog;
  /** The book's market moved to the analog day's VIX, VVIX and curve (as the plan's analogs). */
  state: MarketState;
  /** The condors' loss there, USD. */
  loss: number;
}

/** Everything a structure is priced and scored against; built once, shared by every structure. */
export interface HedgeContext {
  valuationDate: string;
  policy: Policy;
  params: StructureParams;
  ts: TermStructure;
  now: MarketState;
  stressed: MarketState;
  stressedVix: number;
  condors: CondorAnalytics[];
  /** The condor legs of the whole book. */
  condorLegs: Leg[];
  maxLoss: number;
  /** The book's loss in the drawdown scenario, USD (each condor's loss capped at its max loss). */
  loss: number;
  /** Days the protection must last: to the last condor's expiry. */
  horizonDays: number;
  tailExpiry: string;
  tailDays: number;
  tailFuture: number;
  analogs: AnalogContext[];
}

/** condorAnalytics' field names in the structure input of condor `i`. */
function condorField(f: string, i: number): string {
  if (f.startsWith('condor.')) return `condors[${i}].${f.slice('condor.'.length)}`;
  if (f === 'spot') return 'market.spx';
  if (f === 'atmVol') return 'market.vix';
  if (f === 'rate' || f === 'divYield') return `market.${f}`;
  return f;
}

/**
 * The scenario, analog states and tail expiry of a book of condors (validated input).
 * @example hedgeContext({ valuationDate: '2018-12-24', market: {...}, condors: [{ expiry: '2019-02-08', strikes: [1750, 1800, 2850, 2900], quantity: 10 }] }).loss
 */
export function hedgeContext(raw: StructureInput): HedgeContext {
  const input = parseInput(StructureInputSchema, raw);
  const policy = resolvePolicy(input.policy);
  const m = input.market;
  const date = input.valuationDate;
  const ts = withPrefix(
    (f) => (f === 'vixSpot' ? 'market.vix' : f === 'valuationDate' ? f : `market.${f}`),
    () =>
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
  const volOfVol = m.vvix !== undefined ? volOfVolFromVvix(m.vvix, 'market.vvix') : policy.defaultVolOfVol;
  const now: MarketState = {
    date,
    spot: m.spx,
    vix: m.vix,
    rate: m.rate,
    divYield: m.divYield,
    volOfVol,
    futureFor: (e) => futureForExpiry(ts, e),
  };
  const condors = input.condors.map((c, i) =>
    withPrefix(
      (f) => condorField(f, i),
      () =>
        // Step 1's σ and the leg vols from the state's surface (Section 2b; the VIX alone here)
        condorAnalytics(
          condorInputOf(
            date,
            { ...m, divYield: spxDivYield(now, daysBetween(date, c.expiry) / 365) },
            spxAtmVol(now, Math.max(daysBetween(date, c.expiry), 1) / 365),
            c,
            policy,
            (k: number, years: number, fwd: number) => spxVol(now, years, k, fwd),
          ),
        ),
    ),
  );
  return hedgeContextFrom({
    valuationDate: date,
    policy,
    params: input.params,
    ts,
    now,
    stressVolOfVol: policy.stressVolOfVol ?? volOfVol,
    condors,
  });
}

/** What {@link hedgeContextFrom} builds a context from: the pieces a plan has already built. */
export interface HedgeContextParts {
  valuationDate: string;
  policy: Policy;
  params: StructureParams;
  ts: TermStructure;
  /** Today's market state (its marks are the structures' premiums). */
  now: MarketState;
  /** Vol of the VX futures in the drawdown scenario, decimal. */
  stressVolOfVol: number;
  /** The book's condors, analysed (one, or a ladder across expiries). */
  condors: CondorAnalytics[];
}

/**
 * The scenario, analog states and tail expiry from a curve, a state and analysed condors already
 * built (the plan's own): {@link hedgeContext} validates raw input and calls it.
 */
export function hedgeContextFrom(parts: HedgeContextParts): HedgeContext {
  const { valuationDate: date, policy, ts, now, condors } = parts;
  if (condors.length === 0) throw invalidInput('condors', 'is empty', 'pass at least one condor');
  const sVix = stressedVix(now.vix, policy, undefined, 'market.vix');
  const stressed = drawdownState(now, ts, policy, sVix, parts.stressVolOfVol);
  const bookLoss = (s: MarketState) => condors.reduce((a, c) => a + scenarioLoss(c.legs, now, s, c.maxLoss), 0);

  const lastListed = ts.points[ts.points.length - 1] as { expiry: string };
  const monthly = vxExpiriesThrough(date, lastListed.expiry);
  const tailExpiry = selectTailExpiry(
    date,
    monthly.length > 0 ? monthly : ts.points.map((p) => p.expiry),
    policy.tailDteMin,
    policy.tailDteMax,
    policy.tailDteTarget,
  );
  const tailDays = daysBetween(date, tailExpiry);

  const analogs = HISTORICAL_ANALOGS.map((a): AnalogContext => {
    const ats = buildTermStructure({
      valuationDate: a.date,
      vixSpot: a.vix,
      futures: vxExpiriesAfter(a.date, a.vx.length).map((e, k) => ({ expiry: e, price: a.vx[k] as number })),
    });
    const last = (ats.points[ats.points.length - 1] as { days: number }).days;
    // each expiry read off the analog curve at the days it has left after the drawdown (as the plan)
    const futureFor = (e: string) =>
      Math.max(0.01, constantMaturity(ats, Math.min(last, Math.max(0, daysBetween(date, e) - policy.drawdownDays))));
    const state = drawdownState(now, futureFor, policy, a.vix, volOfVolFromVvix(a.vvix));
    return { analog: a, state, loss: bookLoss(state) };
  });

  return {
    valuationDate: date,
    policy,
    params: parts.params,
    ts,
    now,
    stressed,
    stressedVix: sVix,
    condors,
    condorLegs: condors.flatMap((c) => c.legs),
    maxLoss: condors.reduce((a, c) => a + c.maxLoss, 0),
    loss: bookLoss(stressed),
    horizonDays: Math.max(...condors.map((c) => c.days)),
    tailExpiry,
    tailDays,
    tailFuture: futureForExpiry(ts, tailExpiry),
    analogs,
  };
}
