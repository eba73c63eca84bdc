/**
 * The input of `plan` (ALVH-METHOD sections 1-8 composed): valuation date, market snapshot, the
 * condor, the portfolio, optional signal history, optional last rebalance and optional policy
 * overrides. Hosts parse with `parseInput(PlanInputSchema, body)`; `plan` parses again, so a
 * caller that skips it still gets field-named errors.
 */
import { z } from 'zod';
import {
  expiryDate,
  condorCredit,
  condorExpiryDate,
  finiteNumber,
  aboveVixIndex,
  condorStrikesToFix,
  inPoints,
  isoDate,
  nonNegativeNumber,
  optionType,
  positiveNumber,
  positiveWithin,
  rate,
  spxStrike,
  unlistedExpiryIssues,
  volatility,
  vvixBelow,
} from './common';
import { PolicySchema } from './policy';
import { CampaignSchema, MAX_ACCOUNT_USD } from './campaign';
import { grouped } from '../errors';
import { MAX_CONTRACTS, MAX_VIX_INDEX, SPX_POINTS, VVIX_RANGE, spxPointsMessage } from '../validate';
import { HeldLegSchema, MAX_POSITIONS_TEXT, StructureParamsSchema, TOO_LONG_POSITIONS } from '../hedge/schemas';
import { CHAIN_FORMS, ChainRowSchema } from '../surface/schemas';
import { filledLines } from '../surface/csv';
import { MAX_WING_DELTA } from '../surface/sviWing';

export { MAX_CONTRACTS };

/** Most points of one signal history (spxCloses, vvixVixRatio, advancers, decliners): 40 years of days; and most of your events. */
export const MAX_SIGNAL_POINTS = 10_000;
/** Most VX futures of one curve (the exchange lists nine monthlies). */
export const MAX_FUTURES = 12;

/** Too many VX futures: a curve file lists the weeklies beside the monthly contracts. */
export const TOO_MANY_FUTURES = `pass at most ${MAX_FUTURES} VX futures: the monthly contracts (VX/Q6), leaving out the weeklies a curve file lists beside them (VX31/Q6)`;

/** The highest SPX implied vol a condor may be priced at (200%). */
export const MAX_CONDOR_VOL = 2;

/**
 * An SPX implied vol a condor is priced at: below 1% no SPX option has traded, and it prices no
 * credit; above {@link MAX_CONDOR_VOL} (200%) neither (the 30-day at-the-money vol peaked near 0.85
 * in 2008 and 2020): 5 priced a 50-wide condor's credit at 48.87, its max loss at $567 and every
 * hedge at 0. From 5 up the general bound says it is a percentage.
 */
const condorVol = volatility
  .min(0.01, {
    error: 'an SPX implied vol below 0.01 (1%) prices no credit; pass a decimal such as 0.16',
  })
  .refine((x) => x <= MAX_CONDOR_VOL || x > 5, {
    error: (iss) =>
      `is ${String(iss.input)}, above ${MAX_CONDOR_VOL} (200%), a vol no SPX condor trades at (the 30-day at-the-money vol peaked near 0.85 in 2008 and 2020); pass the condor's implied vol as a decimal such as 0.16, or leave it out to price the condor on the surface`,
  });

const signalArray = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .max(MAX_SIGNAL_POINTS, { error: `pass at most ${grouped(MAX_SIGNAL_POINTS)} points (the most recent ones)` });

const CONTRACTS_RANGE = `pass a signed number of contracts between -${grouped(MAX_CONTRACTS)} and ${grouped(MAX_CONTRACTS)}`;

/** A leg's quantity that is not whole or is 0, in the words the book check uses. */
const notWholeContracts = (iss: { input?: unknown }) =>
  `is ${String(iss.input)}, not a whole, non-zero number of contracts; pass whole contracts held, positive long and negative short (remove a leg of 0)`;

/**
 * SPX in index points within {@link SPX_POINTS}, as the plan and the scenario engines check it
 * (stated in the schema, so the OpenAPI document gives the range).
 */
export const spxLevel = positiveWithin(spxPointsMessage)
  .min(SPX_POINTS.min, { error: spxPointsMessage })
  .max(SPX_POINTS.max, { error: spxPointsMessage });

/** One leg of a book: SPX or VIX option, signed whole contracts (+ long, never 0), multiplier 100. */
export const LegSchema = z.strictObject({
  kind: z.enum(['spx', 'vix'], { error: 'pass "spx" or "vix"' }),
  type: optionType,
  strike: positiveNumber.describe(
    'index points: an SPX strike within half to twice SPX (`spot`), a VIX strike from 1 to 500 VIX points',
  ),
  expiry: expiryDate,
  quantity: finiteNumber
    .min(-MAX_CONTRACTS, { error: CONTRACTS_RANGE, abort: true })
    .max(MAX_CONTRACTS, { error: CONTRACTS_RANGE, abort: true })
    .int({ error: notWholeContracts, abort: true })
    .refine((q) => q !== 0, { error: notWholeContracts })
    // the JSON Schema of the OpenAPI document states the refinement too
    .meta({ description: 'signed whole contracts, not 0: positive long, negative short', not: { const: 0 } }),
});

const VX_PRICE_RANGE = 'VX futures are in index points: pass a price from 1 to 500, e.g. 18.5';

export const FuturesQuoteSchema = z.strictObject({
  expiry: isoDate.describe('final settlement date of the VX contract, YYYY-MM-DD'),
  price: positiveWithin(VX_PRICE_RANGE)
    .min(1, { error: inPoints('a VX future', '18.5', '0.185') })
    .max(500, { error: VX_PRICE_RANGE })
    .describe('settlement or mid price, VIX index points'),
});

const indexLevel = (what: string) => {
  const range = `${what} is in index points: pass a level from 1 to ${MAX_VIX_INDEX}, e.g. 18.5`;
  return positiveWithin(range)
    .min(1, { error: inPoints(what, '18.5', '0.185') })
    .max(MAX_VIX_INDEX, { error: aboveVixIndex(what, '18.5') });
};

const VVIX_LEVELS = `VVIX is in index points: pass a level from ${VVIX_RANGE.min} to ${VVIX_RANGE.max}, e.g. 95`;

export const IndicesSchema = z.strictObject({
  vix9d: indexLevel('VIX9D').optional(),
  vix3m: indexLevel('VIX3M').optional(),
  vix6m: indexLevel('VIX6M').optional(),
  skew: finiteNumber
    .min(100, { error: 'SKEW is the Cboe SKEW index level: pass a level from 100 to 250, e.g. 135' })
    .max(250, { error: 'SKEW is the Cboe SKEW index level: pass a level from 100 to 250, e.g. 135' })
    .optional(),
});

/** A wing added beyond an SVI slice's last fitted strike (surface/sviWing.ts). */
const SviWingSchema = z.strictObject({
  k: finiteNumber.min(-10, { error: 'pass a wing start ln(K/F) from −10 to 10' }).max(10, {
    error: 'pass a wing start ln(K/F) from −10 to 10',
  }),
  beta: finiteNumber.min(-2, { error: 'pass a wing slope from −2 to 2' }).max(2, {
    error: 'pass a wing slope from −2 to 2',
  }),
  delta: finiteNumber
    .positive({ error: `pass a wing width δ above 0, at most ${MAX_WING_DELTA}` })
    .max(MAX_WING_DELTA, { error: `pass a wing width δ above 0, at most ${MAX_WING_DELTA}` }),
});

/**
 * SVI parameters as a fitted slice has them: total variance (vol² × years) and log-moneyness are
 * of order 1 (Lee's moment bound keeps b(1 + |ρ|) ≤ 2), so bounds of 10 (100 for `a`, which holds
 * the variance of a 30-year slice at a VIX of 180) refuse only slips: 1e300 in `a` used to surface
 * as an implausible VIX.
 */
const sviBound = (what: string, lo: number, hi: number, unit: string) =>
  finiteNumber
    .min(lo, { error: `SVI ${what} is ${unit}: pass a value from ${lo} to ${hi}` })
    .max(hi, { error: `SVI ${what} is ${unit}: pass a value from ${lo} to ${hi}` });

const SviSchema = z.strictObject({
  a: sviBound('a', -100, 100, 'a total variance (vol² × years)'),
  b: finiteNumber
    .nonnegative({ error: 'SVI b is a slope of total variance: pass a value from 0 to 10' })
    .max(10, { error: 'SVI b is a slope of total variance: pass a value from 0 to 10' }),
  rho: finiteNumber
    .min(-1, { error: 'SVI ρ is a correlation: pass a value from −1 to 1' })
    .max(1, { error: 'SVI ρ is a correlation: pass a value from −1 to 1' }),
  m: sviBound('m', -10, 10, 'a log-moneyness'),
  sigma: finiteNumber
    .positive({ error: 'SVI σ is a log-moneyness width: pass a value above 0, at most 10' })
    .max(10, { error: 'SVI σ is a log-moneyness width: pass a value above 0, at most 10' }),
  putWing: SviWingSchema.optional(),
  callWing: SviWingSchema.optional(),
});

/** The data form of an SPX surface (SpxSurface.toData()). */
export const SurfaceDataSchema = z
  .strictObject({
    valuationDate: isoDate,
    spot: positiveNumber,
    source: z.enum(['chain', 'indices', 'vix-only'], { error: "pass 'chain', 'indices' or 'vix-only'" }),
    slices: z
      .array(
        z.strictObject({
          expiry: isoDate,
          root: z.string().max(20),
          years: positiveNumber.max(30, { error: 'a slice is at most 30 years out: pass years above 0, at most 30' }),
          forward: positiveNumber,
          discount: positiveNumber.max(2, {
            error: 'a discount factor is near 1: pass a value above 0, at most 2 (e.g. 0.99)',
          }),
          svi: SviSchema,
        }),
      )
      .min(1, { error: 'pass at least one slice' })
      .max(500, { error: 'pass at most 500 slices' }),
    referenceVix: finiteNumber
      .min(1, { error: 'referenceVix is in VIX points: pass a level from 1 to 300' })
      .max(300, { error: 'referenceVix is in VIX points: pass a level from 1 to 300' }),
    warnings: z.array(z.string().max(1000)).max(200),
    calendarRepair: z.boolean().optional(),
    label: z.string().max(500),
  })
  .superRefine((d, ctx) => {
    // a forward is the spot carried at r − q: far from it is a slip, not a market
    d.slices.forEach((slice, i) => {
      if (!(slice.forward >= d.spot / 10 && slice.forward <= d.spot * 10))
        ctx.addIssue({
          code: 'custom',
          path: ['slices', i, 'forward'],
          message: `is ${slice.forward}, not within a tenth to ten times the surface's spot ${d.spot}: pass the expiry's forward in index points`,
        });
    });
  });

/**
 * Most characters of a market's chain text and most rows of its chain table: about twice the
 * largest real quotedata file (1.55 MB) and its quotes (20,500), as POST /api/surface allows.
 */
export const MAX_MARKET_CHAIN_CHARS = 3_000_000;
export const MAX_MARKET_CHAIN_ROWS = 40_000;

/**
 * Most characters and rows of a market's VIX chain: a VIX listing is far smaller than SPX's (about
 * 15 expiries of 40-80 strikes, under 1,500 quotedata lines), so it is held to a fifth of the SPX
 * chain's room, which keeps its fit (on a worker of the API's pool) under about a second.
 */
export const MAX_MARKET_VIX_CHAIN_CHARS = 600_000;
export const MAX_MARKET_VIX_CHAIN_ROWS = 8_000;

/** A chain field of a market: quotedata or plain CSV text, or rows, within `chars` and `rows`. */
function chainField(chars: number, rows: number, what: string) {
  return z
    .union(
      [
        z
          .string()
          .min(1, { error: 'pass the quotedata CSV text or rows {expiry, strike, type, bid, ask}' })
          .max(chars, { error: `pass at most ${grouped(chars)} characters of quotedata` })
          .refine((text) => filledLines(text, rows) <= rows, {
            error: `pass at most ${grouped(rows)} lines of chain text`,
          }),
        z
          .array(ChainRowSchema.extend({ expiry: isoDate }))
          .min(1, { error: 'pass at least one chain row' })
          .max(rows, { error: `pass at most ${grouped(rows)} chain rows` }),
      ],
      { error: CHAIN_FORMS },
    )
    .optional()
    .describe(what);
}

/**
 * What a market may add to build its SPX surface (method Section 2b): the other Cboe indices of
 * the day, an SPX chain to fit, or a surface already fitted. Without them the surface comes from
 * VIX alone (flat term structure). And a VIX option chain, whose fit gives the VIX-option vols in
 * place of the VVIX rule. The plan's market and a scenario book take the same fields.
 */
export const MarketSurfaceFields = {
  /** The other Cboe indices of the day: the SPX surface's term structure and skew (Section 2b). */
  indices: IndicesSchema.optional().describe(
    'Cboe VIX9D, VIX3M, VIX6M (points) and SKEW of the day: the SPX surface without a chain',
  ),
  /** An SPX option chain (Cboe quotedata CSV text, or rows): the SPX surface is fitted to it. */
  chain: chainField(
    MAX_MARKET_CHAIN_CHARS,
    MAX_MARKET_CHAIN_ROWS,
    'SPX option chain (Cboe quotedata CSV or rows): the SPX surface is fitted to it',
  ),
  /** A fitted SPX surface (the data form of a surface, e.g. a previous plan's surface.data). */
  surface: SurfaceDataSchema.optional().describe('a fitted SPX surface (surface.data of a plan or /api/surface)'),
  /**
   * A VIX option chain of the valuation date (quotedata text, or a plain table whose rows carry
   * root VIX or VIXW): the VIX-option vols are fitted to it in place of the VVIX rule.
   */
  vixChain: chainField(
    MAX_MARKET_VIX_CHAIN_CHARS,
    MAX_MARKET_VIX_CHAIN_ROWS,
    'VIX option chain (Cboe quotedata CSV or rows with root VIX): the VIX-option vols are fitted to it instead of read from VVIX',
  ),
};

export const MarketSnapshotSchema = z.strictObject({
  /** SPX level, points. */
  spx: spxLevel.describe('SPX index level, points'),
  /** VIX level, points (18.5, not 0.185). */
  vix: indexLevel('VIX').describe('VIX index level, points (the 30-day level of the SPX surface)'),
  /** VVIX level, points; vol of vol = VVIX/100. */
  vvix: positiveWithin(VVIX_LEVELS)
    .min(VVIX_RANGE.min, { error: vvixBelow(VVIX_RANGE.min, VVIX_LEVELS, inPoints('VVIX', '95', '0.95', [50, 250])) })
    .max(VVIX_RANGE.max, { error: VVIX_LEVELS })
    .optional()
    .describe('VVIX level, points; vol of vol = VVIX/100 (default policy.defaultVolOfVol)'),
  rate: rate.describe('risk-free rate, continuously compounded decimal (0.045)'),
  divYield: rate.default(0).describe('SPX dividend yield, continuously compounded decimal'),
  /** Listed VX futures, sorted by expiry, each after the valuation date (at least two). */
  futures: z
    .array(FuturesQuoteSchema, { error: 'pass the VX futures as [{ expiry, price }, ...]' })
    .min(2, { error: 'pass at least two VX futures (F1 and F2)' })
    .max(MAX_FUTURES, { error: TOO_MANY_FUTURES }),
  ...MarketSurfaceFields,
});

/** Four listed SPX strikes (the 5-point grid a held leg is checked on). */
const strikes4 = z
  .tuple([spxStrike, spxStrike, spxStrike, spxStrike], {
    error: 'pass four strikes [long put, short put, short call, long call]',
  })
  .describe('[long put, short put, short call, long call], increasing, each within half to twice market.spx');

/** One fix for every way a condor count is wrong: the whole range. */
const CONDOR_COUNT = `pass a whole number of condors from 1 to ${grouped(MAX_CONTRACTS)}`;

export const CondorSchema = z
  .strictObject({
    /** An exchange trading day: no SPX option expires on a weekend or holiday. */
    expiry: condorExpiryDate,
    strikes: strikes4,
    quantity: z
      .number({ error: CONDOR_COUNT })
      .int({ error: CONDOR_COUNT, abort: true })
      .min(1, { error: CONDOR_COUNT, abort: true })
      .max(MAX_CONTRACTS, { error: CONDOR_COUNT }),
    /** Net credit per share, points (e.g. 4.20). Priced from vols when omitted. */
    credit: condorCredit.optional(),
    /** Implied vols of the four strikes, decimals. */
    vols: z
      .tuple([condorVol, condorVol, condorVol, condorVol], { error: 'pass four vols as decimals, one per strike' })
      .optional(),
    /** One implied vol for all four legs, decimal. */
    vol: condorVol.optional(),
  })
  .superRefine((c, ctx) => {
    const k = c.strikes;
    // named at the strike that, left out, leaves the others in order (k1 = 3000 names k1, k4 = 1790
    // names k4; of two, the one far from the others: the 100 of 5900, 100, 7200, 7300), else at
    // the first that is not above the one before (none: in order)
    const at = condorStrikesToFix(k)[0] ?? k.findIndex((x, i) => i > 0 && !(x > k[i - 1]!));
    if (at < 0) return;
    ctx.addIssue({
      code: 'custom',
      path: ['strikes', at],
      message: `pass strikes in increasing order: long put < short put < short call < long call (they are ${k.join(', ')})`,
    });
  })
  .refine((c) => !(c.vols !== undefined && c.vol !== undefined), {
    path: ['vol'],
    error: 'pass either vols (per strike) or vol, not both',
  });

export const PortfolioSchema = z.strictObject({
  /** Account capital, USD (for the capital cap), 1,000 to 1e12. */
  capital: positiveNumber
    .min(1000, { error: 'pass the account capital in USD, at least 1,000 (one SPX condor risks more)' })
    .max(MAX_ACCOUNT_USD, { error: 'pass the account capital in USD, at most 1e12' }),
  /** Hedge budget, USD, optional, at most 1e12. */
  budget: nonNegativeNumber.max(MAX_ACCOUNT_USD, { error: 'pass a hedge budget in USD, at most 1e12' }).optional(),
});

export const MarketEventSchema = z.strictObject({
  date: isoDate,
  kind: z.enum(['FOMC', 'CPI', 'PPI'], { error: 'pass "FOMC", "CPI" or "PPI"' }),
  source: z.string({ error: 'name where the date comes from' }).min(1, { error: 'name where the date comes from' }),
});

/** Most issues advancing or declining on one day: far above any exchange's listing count. */
export const MAX_ISSUES = 100_000;
/**
 * A count of issues is whole: 1500.5 is a slip (an average, a formula's fraction), not a count. The
 * range first, as every count's: 1e300 is over the limit, not a fraction (zod's whole-number check
 * refuses it as beyond the safe integers).
 */
const issueCount = nonNegativeNumber
  .max(MAX_ISSUES, {
    error: `pass counts of issues per day (at most ${MAX_ISSUES})`,
    abort: true,
  })
  .int({ error: 'pass whole counts of issues per day (no fraction)' });

export const SignalsSchema = z
  .strictObject({
    /** SPX daily closes, oldest first (RSI needs period + 1; the plan warns below its settled length, 100 closes at period 14). */
    spxCloses: signalArray(
      positiveNumber
        .min(SPX_POINTS.min, { error: `SPX closes are index points, from ${SPX_POINTS.min}: pass 6600, not 66` })
        .max(SPX_POINTS.max, {
          error: `SPX closes are index points: pass closes from ${SPX_POINTS.min} to ${SPX_POINTS.max}, e.g. 6600`,
        }),
    ).optional(),
    /**
     * RSI(14) if computed elsewhere, 0-100. A value strictly between 0 and 1 is refused: it is an
     * RSI typed as a fraction (35% read as 0.35), which would fire the oversold rule; a 14-day
     * RSI under 1 takes fourteen falls in a row with next to no rise, which SPX has never printed.
     */
    rsi: finiteNumber
      .min(0, { error: 'pass RSI between 0 and 100' })
      .max(100, { error: 'pass RSI between 0 and 100' })
      .refine((x) => !(x > 0 && x < 1), {
        error: 'is between 0 and 1, which looks like a fraction: pass the RSI on its 0-100 scale (35, not 0.35)',
      })
      .optional(),
    /** F1 − F2 at the last rebalance or 5 trading days ago, points. */
    prevSpread: finiteNumber
      .min(-50, { error: 'prevSpread is F1 − F2 in VIX points: pass a value between −50 and 50 (e.g. 2.5)' })
      .max(50, { error: 'prevSpread is F1 − F2 in VIX points: pass a value between −50 and 50 (e.g. 2.5)' })
      .optional(),
    /** VVIX daily closes, oldest first (MACD needs 34; the plan warns below 108): the vol-of-vol series of the default policy. */
    vvixCloses: signalArray(
      finiteNumber
        .min(10, { error: inPoints('a VVIX close', '95', '0.95', [50, 250]) })
        .max(500, { error: 'VVIX closes are index points: pass closes from 10 to 500, e.g. 95' }),
    ).optional(),
    /** VVIX/VIX daily ratios, oldest first (MACD needs 34; the plan warns below 108): read when policy.volOfVolSeries is 'vvix-vix-ratio'. */
    vvixVixRatio: signalArray(
      positiveNumber.max(100, { error: 'pass VVIX/VIX ratios (VVIX 95 over VIX 17.5 is 5.43), at most 100' }),
    ).optional(),
    /** MACD histogram of the vol-of-vol series if computed elsewhere. */
    macdHist: finiteNumber
      .min(-100, { error: 'pass the MACD histogram of VVIX (or of VVIX/VIX), between −100 and 100' })
      .max(100, { error: 'pass the MACD histogram of VVIX (or of VVIX/VIX), between −100 and 100' })
      .optional(),
    /** Daily advancing and declining issues, oldest first, same length. */
    advancers: signalArray(issueCount).optional(),
    decliners: signalArray(issueCount).optional(),
    /** A/D line slope if computed elsewhere. */
    adSlope: finiteNumber
      .min(-MAX_ISSUES, {
        error: `pass the A/D line's slope in issues per day, between −${MAX_ISSUES} and ${MAX_ISSUES}`,
      })
      .max(MAX_ISSUES, {
        error: `pass the A/D line's slope in issues per day, between −${MAX_ISSUES} and ${MAX_ISSUES}`,
      })
      .optional(),
    /** Your dated events (FOMC, CPI, PPI), each with its source. */
    events: z
      .array(MarketEventSchema)
      .max(MAX_SIGNAL_POINTS, { error: `pass at most ${grouped(MAX_SIGNAL_POINTS)} events` })
      .optional(),
    /**
     * How `events` meets the shipped calendar (FOMC decisions 1994-2027, CPI releases 2000-2026, PPI
     * releases from 2000-01-13 to 2026): 'add' (default) joins them, the shipped spans unchanged;
     * 'replace' makes your list the whole calendar, each kind covered from its first to its last date.
     */
    eventsMode: z.enum(['add', 'replace'], { error: 'pass "add" (join the shipped calendar) or "replace"' }).optional(),
  })
  .refine((s) => s.eventsMode === undefined || s.events !== undefined, {
    path: ['eventsMode'],
    error: 'eventsMode needs signals.events: pass your events, or remove eventsMode',
  })
  .superRefine((s, ctx) => {
    // the A/D line is advancers − decliners day by day: one without the other is no line (it was
    // a 422 "decliners: has 0 values", naming neither the missing field nor its pair)
    if ((s.advancers === undefined) === (s.decliners === undefined)) return;
    const [given, missing] = s.advancers === undefined ? ['decliners', 'advancers'] : ['advancers', 'decliners'];
    ctx.addIssue({
      code: 'custom',
      path: [missing],
      message: `${missing} is missing: ${given} come with their ${missing}, one count of each a day; pass signals.${missing} beside them, or remove signals.${given}`,
    });
  });

export const LastRebalanceSchema = z.strictObject({
  date: isoDate,
  /**
   * VIX at the last rebalance, points, in market.vix's range. The curve of that day reads it only
   * for its 30-day constant-maturity value (the curve-shift trigger), interpolated from it when the
   * front future then expired more than 30 days out; otherwise it only bounds that day's futures
   * (each at most 5× it, MAX_FUTURE_SPOT_RATIO).
   */
  vix: indexLevel('VIX').describe(
    "VIX at the last rebalance, index points, 1 to 300 as market.vix. It moves the answer only when that day's front future expired more than 30 days after lastRebalance.date (the curve-shift trigger's 30-day value is then interpolated from it); otherwise it only bounds lastRebalance.futures (each at most 5× it)",
  ),
  futures: z
    .array(FuturesQuoteSchema)
    .min(2, { error: 'pass at least two VX futures of the last rebalance' })
    .max(MAX_FUTURES, { error: TOO_MANY_FUTURES }),
});

/** Most legs of a held book; most characters of a pasted broker export. */
export const MAX_POSITION_LEGS = 1000;
export { MAX_POSITIONS_TEXT };

export const PositionsSchema = z.union(
  [
    z.string().max(MAX_POSITIONS_TEXT, { error: TOO_LONG_POSITIONS }),
    z.array(HeldLegSchema).max(MAX_POSITION_LEGS, { error: `pass at most ${MAX_POSITION_LEGS} legs held` }),
  ],
  {
    error:
      'pass the positions held as legs [{kind, type, strike, expiry, quantity}] or as broker CSV text (symbol, signed quantity)',
  },
);

export const StructuresOptionsSchema = z.strictObject({
  /** The stated protection the plan prices every structure at: a share of the drawdown loss (default 0.5). */
  cover: positiveNumber
    .max(10, { error: 'pass the share of the drawdown loss to cover, e.g. 0.5 (at most 10)' })
    .default(0.5),
  params: StructureParamsSchema.optional(),
});

/** Most condors of one ladder (`condors`), across expiries, netted as one book. */
export const MAX_LADDER_CONDORS = 12;

/** A ladder of condors across expiries, netted as one book (ALVH-METHOD section 10; docs/method.md). */
export const CondorLadderSchema = z
  .array(CondorSchema, { error: 'pass the condors as a list [{ expiry, strikes, quantity }, ...]' })
  .min(1, { error: 'pass at least one condor' })
  .max(MAX_LADDER_CONDORS, {
    error: `pass at most ${MAX_LADDER_CONDORS} condors (plan larger books in parts)`,
  });

export const PlanInputSchema = z
  .strictObject({
    valuationDate: isoDate,
    market: MarketSnapshotSchema,
    /** The condor to hedge; or pass `condors` (a ladder) instead. */
    condor: CondorSchema.optional().describe('the condor to hedge; pass exactly one of condor and condors'),
    /** A ladder of 1-12 condors across expiries, netted as one book; instead of `condor`. */
    condors: CondorLadderSchema.optional().describe(
      'a ladder of condors across expiries, netted as one book; pass exactly one of condor and condors',
    ),
    portfolio: PortfolioSchema,
    signals: SignalsSchema.optional(),
    lastRebalance: LastRebalanceSchema.optional(),
    policy: PolicySchema.optional(),
    /**
     * The legs held (whole contracts), or a broker export as CSV text (symbol, quantity, average
     * price; hedge/positions.ts): the plan then lists the orders from them to its own legs.
     */
    positions: PositionsSchema.optional(),
    campaign: CampaignSchema.optional(), // the plan before's campaign: its life budget, what each layer paid
    /** The tail structures compared beside the plan: the protection to price, the spread and ladder strikes. */
    structures: StructuresOptionsSchema.optional(),
  })
  .superRefine(
    (v, ctx) => {
      if (v.condor !== undefined && v.condors !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['condors'],
          message: 'pass either condor (one condor) or condors (a ladder), not both: remove one of them',
        });
      } else if (v.condor === undefined && v.condors === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['condor'],
          message:
            'pass the condor { expiry, strikes, quantity }, or a ladder as condors [{ expiry, strikes, quantity }, ...]',
        });
      }
      for (const issue of unlistedExpiryIssues(v.valuationDate, v.condor, v.condors)) ctx.addIssue(issue);
    },
    // checked beside the other fields' issues: a body without a condor says so at once, and an
    // expiry on which no SPX option expires is named even when another field is wrong
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );

/** What callers pass (defaults may be omitted). */
export type PlanInput = z.input<typeof PlanInputSchema>;
/** The parsed input, defaults filled. */
export type ParsedPlanInput = z.output<typeof PlanInputSchema>;
