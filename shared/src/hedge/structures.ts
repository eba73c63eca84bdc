/**
 * Tail structures (ALVH-METHOD section 10): five ways to buy the drawdown protection of section 6,
 * each sized to the same coverage rule, priced by one mark function, and scored by coverage per
 * dollar in the drawdown scenario and in each historical analog.
 *
 * - `vix-call`: one call at F·(1 + tailOtmPct) rounded up to the grid (the method's tail hedge).
 * - `vix-call-spread`: long that call, short the call `spreadWidth` points higher (default 10).
 * - `vix-call-ladder`: one call at each of F·(1 + m), m in `ladderOtm` (default 0.25, 0.5, 1.0),
 *   rounded up to the grid (repeats dropped): further out of the money, cheaper, more convex.
 * - `vx-future`: one long VX future of the tail expiry (multiplier 1000), rolled before expiry;
 *   its cost is the carry to the next contract on today's curve over the protection horizon.
 * - `spx-put-spread`: long the put at the condor's short put strike, short the put at the
 *   stressed spot S·(1 − drawdown) rounded down to the 5-point grid (at least one wing width
 *   below), the condor's expiry.
 *
 * Everything a structure needs (scenario, stressed futures, analog states) comes from the
 * package's functions (drawdownState, stressedVix, stressedFuture, scenarioLoss, tailStrike,
 * selectTailExpiry); option marks come from `mark`, by default markBook, so the surface module can
 * replace them.
 */
import { z } from 'zod';
import { AlvhError, invalidInput, isAlvhError, noSolution } from '../errors';
import { daysBetween } from '../dates';
import { parseInput } from '../schemas/parse';
import { isoDate, nonNegativeNumber, positiveNumber, rate, volatility } from '../schemas/common';
import {
  volOfVolFromVvix,
  buildTermStructure,
  constantMaturity,
  futureForExpiry,
  vxExpiriesAfter,
  type TermStructure,
} from '../market/index';
import { markBook, spxAtmVol, spxVol, type Leg, type MarketState } from '../book/index';
// the method's files, not its barrel: the plan (in the barrel) reads this module
import { HISTORICAL_ANALOGS, type HistoricalAnalog } from '../method/analogs';
import { condorAnalytics, type CondorAnalytics } from '../method/condor';
import { drawdownState, scenarioLoss, stressedVix } from '../method/stress';
import { coverageContracts, selectTailExpiry, tailStrike } from '../method/tailSize';
import { resolvePolicy, type Policy } from '../schemas/policy';
import { StructureParamsSchema, type StructureParams } from './schemas';

export const TAIL_STRUCTURES = [
  'vix-call',
  'vix-call-spread',
  'vix-call-ladder',
  'vx-future',
  'spx-put-spread',
] as const;
export type TailStructure = (typeof TAIL_STRUCTURES)[number];

/** VX futures multiplier, USD per point. */
export const VX_FUTURE_MULTIPLIER = 1000;
/** SPX strike grid of the put spread, points. */
const SPX_GRID = 5;
const EPS = 1e-9;

/** Value of option legs in a state, USD (signed quantities · price · 100). Default: markBook. */
export type LegMarker = (legs: readonly Leg[], state: MarketState) => number;
export const defaultMarker: LegMarker = (legs, state) => markBook(legs, state).value;

const strikes4 = z.tuple([positiveNumber, positiveNumber, positiveNumber, positiveNumber], {
  error: 'pass [long put, short put, short call, long call]',
});

const CondorSpecSchema = z.strictObject({
  expiry: isoDate,
  strikes: strikes4,
  quantity: z
    .number({ error: 'pass a whole number of condors' })
    .int({ error: 'pass a whole number of condors' })
    .min(1, { error: 'pass at least 1 condor' })
    .max(100_000, { error: 'pass at most 100,000 condors' }),
  credit: nonNegativeNumber.optional(),
  vol: volatility.optional(),
});

/** The input of {@link hedgeContext} and {@link compareTailStructures}. */
export const StructureInputSchema = z.strictObject({
  valuationDate: isoDate,
  market: z.strictObject({
    spx: positiveNumber,
    vix: positiveNumber.max(200, { error: 'VIX is in index points, at most 200' }),
    vvix: positiveNumber.max(500, { error: 'VVIX is in index points, at most 500' }).optional(),
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
});
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

/** Re-name the field of an error raised by a function that does not know where its input sits. */
function withField<T>(map: (field: string) => string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isAlvhError(e) && !('issues' in e)) throw new AlvhError(e.code, map(e.field), e.problem, e.fix);
    throw e;
  }
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
  const ts = withField(
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
    withField(
      (f) => condorField(f, i),
      () =>
        condorAnalytics({
          valuationDate: date,
          spot: m.spx,
          rate: m.rate,
          divYield: m.divYield,
          expiry: c.expiry,
          strikes: c.strikes,
          quantity: c.quantity,
          // Step 1's σ and the leg vols from the state's surface (Section 2b; the VIX alone here)
          atmVol: spxAtmVol(now, Math.max(daysBetween(date, c.expiry), 1) / 365),
          volAt: (k: number, years: number, fwd: number) => spxVol(now, years, k, fwd),
          minShortStrikeSd: policy.minShortStrikeSd,
          ...(c.credit === undefined ? {} : { credit: c.credit }),
          ...(c.vol === undefined ? {} : { vol: c.vol }),
        }),
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
  const sVix = stressedVix(now.vix, policy);
  const stressed = drawdownState(now, ts, policy, sVix, parts.stressVolOfVol);
  const bookLoss = (s: MarketState) => condors.reduce((a, c) => a + scenarioLoss(c.legs, now, s, c.maxLoss), 0);

  const lastListed = ts.points[ts.points.length - 1] as { expiry: string };
  const monthly = vxExpiriesAfter(date, 12).filter((e) => e <= lastListed.expiry);
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

/** One unit of a structure, priced: what it holds, what it costs, what it is worth under stress. */
export interface StructureUnit {
  structure: TailStructure;
  /** Plain words: "long VIX 2019-02-13 24 call, short 34 call". */
  description: string;
  /** Option legs of one unit (signed). */
  legs: Leg[];
  /** VX futures of one unit (signed contracts). */
  futures: { expiry: string; quantity: number }[];
  /** USD per unit: the option debit, or for vx-future the carry over the horizon (see `premiumBasis`). */
  premium: number;
  premiumBasis: 'option premium' | 'carry to the next contract';
  /** USD per unit in the drawdown scenario: the options' value, or the future's mark-to-market gain. */
  stressedValue: number;
  /** stressedValue − premium, USD per unit; may be ≤ 0. */
  gain: number;
  /** The same per analog, in HISTORICAL_ANALOGS order. */
  analogs: { date: string; label: string; value: number; gain: number }[];
  /** False for futures: a long future can lose more than its carry. */
  lossBoundedByPremium: boolean;
}

function roundStrike(k: number): number {
  return Number(k.toFixed(10));
}

/** Option legs of one unit of an option structure, and its description. */
function unitLegs(ctx: HedgeContext, s: Exclude<TailStructure, 'vx-future'>): { legs: Leg[]; description: string } {
  const step = ctx.policy.vixStrikeStep;
  const e = ctx.tailExpiry;
  const call = (strike: number, quantity: number): Leg => ({ kind: 'vix', type: 'call', strike, expiry: e, quantity });
  const k1 = tailStrike(ctx.tailFuture, ctx.policy.tailOtmPct, step);
  switch (s) {
    case 'vix-call':
      return { legs: [call(k1, 1)], description: `long VIX ${e} ${k1} call` };
    case 'vix-call-spread': {
      const k2 = roundStrike(Math.ceil((k1 + ctx.params.spreadWidth) / step - EPS) * step);
      return { legs: [call(k1, 1), call(k2, -1)], description: `long VIX ${e} ${k1} call, short ${k2} call` };
    }
    case 'vix-call-ladder': {
      const ks = [...new Set(ctx.params.ladderOtm.map((m) => tailStrike(ctx.tailFuture, m, step)))].sort(
        (a, b) => a - b,
      );
      return { legs: ks.map((k) => call(k, 1)), description: `long VIX ${e} ${ks.join(' / ')} calls, one each` };
    }
    case 'spx-put-spread': {
      // the condor that loses most in the scenario carries the put side to protect
      let worst = ctx.condors[0] as CondorAnalytics;
      let worstLoss = -1;
      for (const c of ctx.condors) {
        const l = scenarioLoss(c.legs, ctx.now, ctx.stressed, c.maxLoss);
        if (l > worstLoss) {
          worst = c;
          worstLoss = l;
        }
      }
      const shortPut = worst.legs[1] as Leg;
      const longPut = worst.legs[0] as Leg;
      const k = shortPut.strike;
      const wing = k - longPut.strike;
      const low = Math.floor(Math.min(k - wing, ctx.stressed.spot) / SPX_GRID) * SPX_GRID;
      const x = shortPut.expiry;
      return {
        legs: [
          { kind: 'spx', type: 'put', strike: k, expiry: x, quantity: 1 },
          { kind: 'spx', type: 'put', strike: low, expiry: x, quantity: -1 },
        ],
        description: `long SPX ${x} ${k} put, short ${low} put`,
      };
    }
  }
}

/**
 * Price one unit of a structure in the context: premium, value in the scenario and in each analog.
 * Never throws on a gain ≤ 0 (the sizing does).
 */
export function priceStructure(
  ctx: HedgeContext,
  structure: TailStructure,
  mark: LegMarker = defaultMarker,
): StructureUnit {
  if (structure === 'vx-future') return priceFuture(ctx);
  const { legs, description } = unitLegs(ctx, structure);
  const premium = mark(legs, ctx.now);
  const stressedValue = mark(legs, ctx.stressed);
  return {
    structure,
    description,
    legs,
    futures: [],
    premium,
    premiumBasis: 'option premium',
    stressedValue,
    gain: stressedValue - premium,
    analogs: ctx.analogs.map((a) => {
      const value = mark(legs, a.state);
      return { date: a.analog.date, label: a.analog.label, value, gain: value - premium };
    }),
    lossBoundedByPremium: true,
  };
}

/**
 * Carry of a long VX future of `expiry` over `days`, USD per contract: the slope of today's curve
 * from that contract to the next monthly one, (F_next − F)/(days between) · days · 1000. Positive in
 * contango (the future rolls down toward spot), negative in backwardation.
 */
export function futureCarry(ts: TermStructure, expiry: string, days: number): number {
  const next = vxExpiriesAfter(expiry, 1)[0] as string;
  const slope = (futureForExpiry(ts, next) - futureForExpiry(ts, expiry)) / daysBetween(expiry, next);
  return slope * days * VX_FUTURE_MULTIPLIER;
}

function priceFuture(ctx: HedgeContext): StructureUnit {
  const e = ctx.tailExpiry;
  const f0 = ctx.tailFuture;
  const carry = futureCarry(ctx.ts, e, ctx.horizonDays);
  // The cost of holding: the carry when the curve charges it; when it pays (backwardation), the
  // round-trip transaction costs of the contract and its rolls (a carry gain is not counted on).
  const rolls = Math.max(0, Math.ceil((ctx.horizonDays - ctx.tailDays) / 30));
  const floor = 2 * (1 + rolls) * ctx.policy.transactionCostPerContract;
  const premium = Math.max(carry, floor, 0.01);
  const pnl = (s: MarketState) => (s.futureFor(e) - f0) * VX_FUTURE_MULTIPLIER;
  const stressedValue = pnl(ctx.stressed);
  return {
    structure: 'vx-future',
    description: `long VX ${e} future at ${f0.toFixed(3)}, rolled to the next contract before expiry`,
    legs: [],
    futures: [{ expiry: e, quantity: 1 }],
    premium,
    premiumBasis: 'carry to the next contract',
    stressedValue,
    gain: stressedValue - premium,
    analogs: ctx.analogs.map((a) => {
      const value = pnl(a.state);
      return { date: a.analog.date, label: a.analog.label, value, gain: value - premium };
    }),
    lossBoundedByPremium: false,
  };
}

export interface StructureSize {
  /** Whole units: ceil(coverage · loss / gain per unit). */
  units: number;
  /** units · premium, USD. */
  cost: number;
  /** units · gain / loss (0 when the loss is 0). */
  coverageAchieved: number;
}

/**
 * Units of a priced structure for `coverage` × `loss`: ceil(coverage · loss / gain). A gain ≤ 0 is
 * a `no_solution` error saying the structure cannot cover.
 */
export function sizeStructure(unit: StructureUnit, loss: number, coverage: number): StructureSize {
  if (!(unit.gain > 0)) {
    throw noSolution(
      'tailStructure',
      `${unit.structure} (${unit.description}) costs $${unit.premium.toFixed(2)} a unit and is worth $${unit.stressedValue.toFixed(2)} in the drawdown scenario, so it gains nothing and cannot cover the loss`,
      'choose another tail structure, a later expiry or a larger stressed VIX (policy.stressVix, policy.stressVixPerPct)',
    );
  }
  if (!(loss > 0)) return { units: 0, cost: 0, coverageAchieved: 0 };
  const units = coverageContracts(coverage, loss, unit.gain);
  return { units, cost: units * unit.premium, coverageAchieved: (units * unit.gain) / loss };
}

/** What a budget buys of a priced structure: the whole units it pays for, up to `maxUnits`. */
export function unitsWithinBudget(unit: StructureUnit, budget: number, maxUnits = Infinity): number {
  if (!(unit.premium > 0) || !(budget >= 0)) return 0;
  return Math.max(0, Math.min(maxUnits, Math.floor(budget / unit.premium + EPS)));
}

export interface StructureScore extends StructureUnit {
  /** Null when the gain is ≤ 0 (see `noSolution`). */
  size: StructureSize | null;
  noSolution?: string;
  /** Gain in the scenario per dollar of premium. */
  perDollar: number;
  /** Gain per dollar of premium in each analog, with the book's loss there. */
  analogScores: { date: string; label: string; loss: number; gain: number; perDollar: number }[];
}

export interface BudgetChoice {
  structure: TailStructure;
  budget: number;
  units: number;
  cost: number;
  /** units · gain in the scenario, USD. */
  protection: number;
  /** protection / the scenario loss. */
  coverage: number;
}

export interface StructureComparison {
  loss: number;
  maxLoss: number;
  coverage: number;
  tailExpiry: string;
  tailDays: number;
  tailFuture: number;
  stressedVix: number;
  stressedSpot: number;
  /**
   * Sorted by coverage per dollar, best first, among the option structures (whose premium is their
   * worst loss); then vx-future (a carry is not a worst loss, so its ratio is not comparable);
   * structures that cannot cover last.
   */
  structures: StructureScore[];
  /** With a budget: the structure buying the most scenario protection within it (options only). */
  bestWithinBudget?: BudgetChoice;
}

/** Score one priced structure against the context. */
export function scoreStructure(ctx: HedgeContext, unit: StructureUnit): StructureScore {
  let size: StructureSize | null = null;
  let why: string | undefined;
  if (!(unit.premium > 0)) {
    // a unit the model prices at nothing has no score per dollar: reported, never divided by zero
    return {
      ...unit,
      size: null,
      noSolution: `${unit.structure} (${unit.description}) is worth $${unit.premium.toFixed(2)} today on the model, so it has no coverage per dollar; choose strikes nearer the money`,
      perDollar: 0,
      analogScores: unit.analogs.map((a, i) => ({
        date: a.date,
        label: a.label,
        loss: (ctx.analogs[i] as AnalogContext).loss,
        gain: a.gain,
        perDollar: 0,
      })),
    };
  }
  try {
    size = sizeStructure(unit, ctx.loss, ctx.policy.tailCoverage);
  } catch (e) {
    if (!(e instanceof Error && 'code' in e && e.code === 'no_solution')) throw e;
    why = e.message;
  }
  return {
    ...unit,
    size,
    ...(why === undefined ? {} : { noSolution: why }),
    perDollar: unit.gain / unit.premium,
    analogScores: unit.analogs.map((a, i) => ({
      date: a.date,
      label: a.label,
      loss: (ctx.analogs[i] as AnalogContext).loss,
      gain: a.gain,
      perDollar: a.gain / unit.premium,
    })),
  };
}

/**
 * The structure that buys the most protection in the scenario within `budget`: whole units the
 * budget pays for, no more than the coverage rule asks; ties go to the cheaper. Only structures
 * whose loss is bounded by their premium compete (a premium budget does not bound a future's loss).
 */
export function bestWithinBudget(
  ctx: HedgeContext,
  scores: readonly StructureScore[],
  budget: number,
): BudgetChoice | undefined {
  let best: BudgetChoice | undefined;
  for (const s of scores) {
    if (s.size === null || !s.lossBoundedByPremium) continue;
    const units = unitsWithinBudget(s, budget, s.size.units);
    const c: BudgetChoice = {
      structure: s.structure,
      budget,
      units,
      cost: units * s.premium,
      protection: units * s.gain,
      coverage: ctx.loss > 0 ? (units * s.gain) / ctx.loss : 0,
    };
    if (
      best === undefined ||
      c.protection > best.protection + EPS ||
      (Math.abs(c.protection - best.protection) <= EPS && c.cost < best.cost)
    )
      best = c;
  }
  return best;
}

/**
 * Every tail structure priced, sized and scored side by side, sorted by coverage per dollar, with
 * the best buy within the budget when one is given.
 */
export function compareTailStructures(input: StructureInput, mark: LegMarker = defaultMarker): StructureComparison {
  const ctx = hedgeContext(input);
  return compareInContext(ctx, mark, input.budget);
}

/** {@link compareTailStructures} on a built context (a frontier calls it per budget). */
export function compareInContext(
  ctx: HedgeContext,
  mark: LegMarker = defaultMarker,
  budget?: number,
): StructureComparison {
  const scores = TAIL_STRUCTURES.map((s) => scoreStructure(ctx, priceStructure(ctx, s, mark)));
  scores.sort((a, b) => {
    const ok = Number(b.size !== null) - Number(a.size !== null);
    if (ok !== 0) return ok;
    const bounded = Number(b.lossBoundedByPremium) - Number(a.lossBoundedByPremium);
    return bounded !== 0 ? bounded : b.perDollar - a.perDollar;
  });
  const best = budget === undefined ? undefined : bestWithinBudget(ctx, scores, budget);
  return {
    loss: ctx.loss,
    maxLoss: ctx.maxLoss,
    coverage: ctx.policy.tailCoverage,
    tailExpiry: ctx.tailExpiry,
    tailDays: ctx.tailDays,
    tailFuture: ctx.tailFuture,
    stressedVix: ctx.stressedVix,
    stressedSpot: ctx.stressed.spot,
    structures: scores,
    ...(best === undefined ? {} : { bestWithinBudget: best }),
  };
}

export interface CoverCost {
  structure: TailStructure;
  units: number;
  /** units · premium, USD (for vx-future: its carry). */
  cost: number;
  lossBoundedByPremium: boolean;
}

/**
 * What it costs to cover `coverage` × the scenario loss with each structure that can, cheapest
 * first among the option structures (vx-future after them: its cost is a carry, not its worst
 * loss), and the sentence that says it.
 * @example costsToCover(cmp, 0.5).words // "Covering 50% of the $20,143 drawdown loss costs $1,253 with vix-call-ladder, …"
 */
export function costsToCover(cmp: StructureComparison, coverage: number): { costs: CoverCost[]; words: string } {
  if (typeof coverage !== 'number' || !Number.isFinite(coverage) || coverage <= 0 || coverage > 10) {
    throw invalidInput(
      'coverage',
      `is ${String(coverage)}`,
      'pass the share of the drawdown loss to cover, e.g. 0.5 (at most 10)',
    );
  }
  const costs = cmp.structures
    .filter((s) => s.size !== null)
    .map((s) => {
      const z = sizeStructure(s, cmp.loss, coverage);
      return { structure: s.structure, units: z.units, cost: z.cost, lossBoundedByPremium: s.lossBoundedByPremium };
    })
    .sort((a, b) => Number(b.lossBoundedByPremium) - Number(a.lossBoundedByPremium) || a.cost - b.cost);
  const usd = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;
  const pct = `${Number((coverage * 100).toFixed(1))}%`;
  const options = costs.filter((c) => c.lossBoundedByPremium);
  const words =
    cmp.loss === 0
      ? 'The book loses nothing in the drawdown scenario: there is no loss to cover.'
      : options.length === 0
        ? `No option structure can cover the ${usd(cmp.loss)} drawdown loss.`
        : `Covering ${pct} of the ${usd(cmp.loss)} drawdown loss costs ${options.map((c) => `${usd(c.cost)} with ${c.structure}`).join(', ')}.`;
  return { costs, words };
}

/** Target legs of a sized option structure, labelled with their origin, for the order list. */
export function structureTargetLegs(unit: StructureUnit, units: number): (Leg & { origin: string })[] {
  return unit.legs.map((l) => ({ ...l, quantity: l.quantity * units, origin: `tail: ${unit.structure}` }));
}
