/**
 * Inputs of the scenario engines (stress grid and Monte Carlo), validated at the edge. Work limits
 * are not zod bounds: they are checked after parsing and raise `limit_exceeded` naming the limit
 * ({@link checkMonteCarloLimits}, {@link checkStressLimits}).
 */
import { z } from 'zod';
import { grouped, limitExceeded } from '../errors';
import { MAX_VIX_INDEX, MAX_VIX_POINTS, MIN_VIX_POINTS, vxPointsMessage } from '../validate';
import { aboveVixIndex, finiteNumber, inPoints, isoDate, positiveWithin, rate, volOfVol, wholeNumber } from './common';
import { PolicySchema } from './policy';
import {
  LegSchema,
  MAX_FUTURES,
  MAX_LADDER_CONDORS,
  MarketSurfaceFields,
  PlanInputSchema,
  TOO_MANY_FUTURES,
  spxLevel,
} from './plan';
import { MAX_PATHS, MAX_HORIZON_DAYS, checkPathsLimit } from './monteCarloLimits';

export {
  MAX_PATHS,
  MAX_PATH_STEPS,
  MAX_HORIZON_DAYS,
  MAX_PATH_STEP_LEGS,
  MAX_POOLED_PATH_STEPS,
  MAX_POOLED_PATH_STEP_LEGS,
  type MonteCarloWorkLimits,
  POOLED_MONTE_CARLO_LIMITS,
  checkPathsLimit,
  checkMonteCarloLimits,
  mostMonteCarloPaths,
  checkMonteCarloWork,
} from './monteCarloLimits';

/** Most VIX closes a Monte Carlo request may carry to start the calibrated model's factors (about two years). */
export const MAX_VIX_HISTORY = 600;
/** The latest close of `vixHistory` lies at most this many calendar days before the valuation date. */
export const VIX_HISTORY_STALE_DAYS = 10;
/**
 * The most calendar days between two consecutive closes of a history: VIX has not gone longer
 * without a close since 1990 (2001-09-10 to 2001-09-17). A longer gap is missing rows or a misread
 * date (a D/M/YYYY date read as M/D/YYYY moves a close by months), which would move the factors
 * the filter reads from the closes.
 */
export const MAX_VIX_CLOSE_GAP_DAYS = 7;
/** Most cells (SPX moves × VIX levels × days) of one stress grid. */
export const MAX_GRID_CELLS = 20_000;
/**
 * Most legs in one layer (condor, overlay or tail) of a book: four for each condor of the largest
 * ladder a plan takes, so a plan's `book` can be sent back as it is.
 */
export const MAX_LAYER_LEGS = 4 * MAX_LADDER_CONDORS;
/** The highest VIX level of a stress grid, points: given levels above it are refused, the default ladder stops there. */
export const MAX_STRESS_VIX_LEVEL = 200;
/** Most cells × legs of one stress grid (each cell re-prices every leg). */
export const MAX_GRID_LEG_CELLS = 200_000;

/** A leg of a book: the plan's leg schema (SPX or VIX option, strike, expiry, signed contracts). */
export const ScenarioLegSchema = LegSchema;

/**
 * A VIX level (the book's VIX, a close of vixHistory), index points from {@link MIN_VIX_POINTS} to
 * {@link MAX_VIX_INDEX}, as the book check has it: below 1 refused as a decimal, above the bound
 * with the level and the bound; the document states both bounds.
 */
const VIX_LEVELS = `VIX is in index points: pass a level from ${MIN_VIX_POINTS} to ${MAX_VIX_INDEX}, e.g. 18.5`;
const vixIndex = positiveWithin(VIX_LEVELS)
  .min(MIN_VIX_POINTS, { error: vxPointsMessage('18.5') })
  .max(MAX_VIX_INDEX, { error: aboveVixIndex('VIX', '18.5') });

/** A VX futures price, index points from {@link MIN_VIX_POINTS} to {@link MAX_VIX_POINTS}, as the book check has it. */
const vxPrice = positiveWithin(`pass a price in index points from ${MIN_VIX_POINTS} to ${MAX_VIX_POINTS}, e.g. 20.35`)
  .min(MIN_VIX_POINTS, { error: vxPointsMessage('20.35') })
  .max(MAX_VIX_POINTS, { error: vxPointsMessage('20.35') })
  .describe('settlement or mid price, VIX index points');

/**
 * A book and its market, for runs without a plan: the VX curve (κ and θ are fitted to it, or fixed
 * by the policy), SPX spot, rates, the condor, overlay and tail legs, and optionally what the SPX
 * surface is built from (`indices`, `chain` or `surface`, as a plan's market; VIX alone without).
 */
export const ScenarioBookInputSchema = z.strictObject({
  valuationDate: isoDate,
  spot: spxLevel.describe('SPX index level, points'),
  vix: vixIndex.describe('VIX index level, points'),
  futures: z
    .array(z.strictObject({ expiry: isoDate, price: vxPrice }), {
      error: 'pass futures as [{ expiry, price }, ...]',
    })
    .min(2, { error: 'pass at least the first two listed VX futures' })
    .max(MAX_FUTURES, { error: TOO_MANY_FUTURES }),
  rate: rate.default(0),
  divYield: rate.default(0),
  /** Vol of the VX futures for VIX options (VVIX/100); default the policy's defaultVolOfVol. */
  volOfVol: volOfVol.optional(),
  condor: z
    .array(ScenarioLegSchema)
    .min(1, { error: 'pass the condor legs' })
    .max(MAX_LAYER_LEGS, { error: `pass at most ${MAX_LAYER_LEGS} legs per layer` }),
  overlay: z
    .array(ScenarioLegSchema)
    .max(MAX_LAYER_LEGS, { error: `pass at most ${MAX_LAYER_LEGS} legs per layer` })
    .default([]),
  tail: z
    .array(ScenarioLegSchema)
    .max(MAX_LAYER_LEGS, { error: `pass at most ${MAX_LAYER_LEGS} legs per layer` })
    .default([]),
  /** The tail layer's budget, USD: rebalances buy at most what it pays for; default uncapped. */
  tailBudget: finiteNumber.min(0, { error: 'pass a budget in USD, ≥ 0' }).optional(),
  ...MarketSurfaceFields,
});
export type ScenarioBookInput = z.output<typeof ScenarioBookInputSchema>;

/** Dynamics parameters of the Monte Carlo not taken from the book or the policy. */
export const ModelParamsSchema = z.strictObject({
  /** Square-root diffusion coefficient ξ (VIX points^½ per year^½); default volOfVol·√VIX. */
  xi: finiteNumber.min(0, { error: 'pass ξ ≥ 0' }).max(100, { error: 'pass ξ ≤ 100' }).optional(),
  /** VIX up-jumps (with SPX down-jumps) per year. */
  jumpIntensity: finiteNumber
    .min(0, { error: 'pass jumps per year ≥ 0' })
    .max(50, { error: 'pass at most 50 jumps per year' })
    .default(1),
  /** Mean VIX jump, points (exponential). */
  jumpMeanVix: finiteNumber
    .min(0, { error: 'pass a jump size ≥ 0' })
    .max(100, { error: 'pass a jump size of at most 100 points' })
    .default(8),
  /** SPX log drop per VIX point of jump (1/150: 1% per 1.5 VIX points). */
  spxJumpPerVixPoint: finiteNumber
    .min(0, { error: 'pass a value ≥ 0' })
    .max(0.1, { error: 'pass a value ≤ 0.1' })
    .default(1 / 150),
});
export type ModelParamsInput = z.output<typeof ModelParamsSchema>;

/** The measures a Monte Carlo runs in. */
export const MONTE_CARLO_MEASURES = ['real-world', 'risk-neutral'] as const;
export type MonteCarloMeasure = (typeof MONTE_CARLO_MEASURES)[number];
/** The dynamics a Monte Carlo runs. */
export const MONTE_CARLO_DYNAMICS = ['calibrated', 'sqrt-legacy'] as const;
export type MonteCarloDynamics = (typeof MONTE_CARLO_DYNAMICS)[number];
/**
 * Where the model's state starts: `vix-history` (the calibrated factors filtered from the request's
 * `vixHistory`) or `vix-only` (today's VIX alone: the calibrated factors at their expectation given
 * it, or the square-root dynamics, whose state is the VIX).
 */
export const MODEL_STARTS = ['vix-history', 'vix-only'] as const;
export type ModelStart = (typeof MODEL_STARTS)[number];

/** What a stress grid or a Monte Carlo runs: exactly one of `plan` and `book` ({@link oneSource}). */
const sourceFields = {
  plan: PlanInputSchema.optional().describe(
    'a plan input whose hedges the method sizes; pass exactly one of plan and book',
  ),
  book: ScenarioBookInputSchema.optional().describe('explicit legs and market; pass exactly one of plan and book'),
  /** Policy overrides for a `book` run (a `plan` run takes the plan's own policy). */
  policy: PolicySchema.optional().describe(
    'policy overrides, beside a book only (a plan carries its own in plan.policy)',
  ),
};

const runFields = {
  /**
   * Total paths of the run. At most {@link MAX_PATHS}, the document's maximum: over it the setup's
   * `limit_exceeded` (checkRequestedPaths before the schema on the API, 1e300 included).
   */
  paths: wholeNumber(2, Number.MAX_SAFE_INTEGER, 'paths', MAX_PATHS).default(10_000),
  /** 32-bit seed: same seed, same paths. */
  seed: wholeNumber(0, 0xffffffff, 'seed').default(1),
  /** First path of this chunk (0-based). */
  firstPath: wholeNumber(0, Number.MAX_SAFE_INTEGER, 'firstPath')
    .default(0)
    .describe('first path of this chunk (0-based), below paths'),
  /** Paths in this chunk; default the rest of the run. */
  pathCount: wholeNumber(1, Number.MAX_SAFE_INTEGER, 'pathCount')
    .optional()
    .describe('paths in this chunk, with firstPath + pathCount at most paths; default the rest of the run'),
  /**
   * Horizon, calendar days; default the condor's expiry. At most {@link MAX_HORIZON_DAYS}, the
   * document's maximum: over it the setup's 422 (checkRequestedHorizon beyond a safe integer).
   */
  horizonDays: wholeNumber(1, Number.MAX_SAFE_INTEGER, 'horizonDays', MAX_HORIZON_DAYS)
    .optional()
    .describe("calendar days, at most the last condor's expiry (its default) and 730"),
  /** Antithetic pairs (2j, 2j+1). */
  antithetic: z.boolean({ error: 'pass true or false' }).default(true),
  /** Apply the rebalancing policy along the paths. */
  rebalance: z.boolean({ error: 'pass true or false' }).default(true),
  /**
   * The measure of the paths: `real-world` (default with the calibrated dynamics; every risk figure)
   * or `risk-neutral` (E[VIX_t] = today's futures curve, SPX drifts at r − q; for pricing checks).
   * The square-root dynamics run in their own measure, reported as `risk-neutral`.
   */
  measure: z
    .enum(MONTE_CARLO_MEASURES, { error: `pass measure as one of ${MONTE_CARLO_MEASURES.join(', ')}` })
    .optional()
    .describe(
      "the measure of the paths: 'real-world' (the default with the calibrated dynamics; the measure of every risk figure) or 'risk-neutral' (mean VIX = today's futures curve; for pricing checks). The answer's summary.measure says which ran",
    ),
  /**
   * The VIX/SPX dynamics: `calibrated` (default: the two-factor log-VIX model fitted to history,
   * docs/calibration.md) or `sqrt-legacy` (the square-root diffusion with jumps, kept for
   * comparison and for closed-form checks; its parameters in `model`).
   */
  dynamics: z
    .enum(MONTE_CARLO_DYNAMICS, { error: `pass dynamics as one of ${MONTE_CARLO_DYNAMICS.join(', ')}` })
    .default('calibrated')
    .describe(
      "'calibrated' (default: the two-factor log-VIX model fitted to 1990-2020 history, checked on 2021-2026) or 'sqrt-legacy' (the square-root diffusion, risk-neutral only)",
    ),
  /** Parameters of the `sqrt-legacy` dynamics (defaults: 1 jump a year of 8 points, 1/150). */
  model: ModelParamsSchema.optional().describe(
    "parameters of the 'sqrt-legacy' dynamics only (defaults: 1 jump a year of 8 VIX points, 1/150): refused with dynamics 'calibrated', the default, whose model ships its own",
  ),
  /**
   * Recent VIX closes, oldest first, one per date, the last on the valuation date (the book's VIX)
   * or at most 10 calendar days before it: the calibrated model reads its starting factors from
   * them (how much of today's VIX is a recent spike, how much the persistent level). Without it the
   * factors start at their expectation given today's VIX; the summary's `modelStart` says which.
   */
  vixHistory: z
    .array(z.strictObject({ date: isoDate, vix: vixIndex }), {
      error: 'pass vixHistory as [{ date, vix }, ...], oldest first',
    })
    .min(1, { error: 'pass at least one close in vixHistory, or leave it out' })
    .max(MAX_VIX_HISTORY, { error: `pass at most ${MAX_VIX_HISTORY} closes in vixHistory (about two years)` })
    .optional()
    .describe(
      `recent VIX closes, oldest first, the last at most ${VIX_HISTORY_STALE_DAYS} calendar days before the valuation date: the calibrated dynamics only (refused with 'sqrt-legacy')`,
    ),
};

/** `model` belongs to the square-root dynamics, whose paths are not real-world. */
function dynamicsFields(
  v: { dynamics: MonteCarloDynamics; model?: unknown; measure?: unknown; vixHistory?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (v.dynamics === 'sqrt-legacy' && v.vixHistory !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['vixHistory'],
      message:
        "vixHistory starts the calibrated model's factors; the square-root dynamics start from today's VIX alone: drop it or pass dynamics: 'calibrated'",
    });
  }
  if (v.dynamics === 'calibrated' && v.model !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['model'],
      message:
        "model sets the square-root dynamics' parameters: drop it (the calibrated model ships its own) or pass dynamics: 'sqrt-legacy'",
    });
  }
  if (v.dynamics === 'sqrt-legacy' && v.measure === 'real-world') {
    ctx.addIssue({
      code: 'custom',
      path: ['measure'],
      message:
        "the square-root dynamics are not fitted to history (their mean VIX is today's fitted curve): pass measure 'risk-neutral', or dynamics 'calibrated' for real-world figures",
    });
  }
}

/** Exactly one of `plan` and `book`; `policy` only beside a book. */
function oneSource(v: { plan?: unknown; book?: unknown; policy?: unknown }, ctx: z.RefinementCtx): void {
  if ((v.plan === undefined) === (v.book === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['book'],
      message:
        'pass either plan (a plan input: the hedges are sized by the method) or book (explicit legs), not both and not neither',
    });
  }
  if (v.plan !== undefined && v.policy !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['policy'],
      message: 'a plan carries its own policy: put the overrides in plan.policy',
    });
  }
}

/** A chunk's paths as a refinement of the whole Monte Carlo input sees them. */
const chunkOf = (input: unknown) => input as { paths: number; firstPath: number; pathCount?: number };

/**
 * Monte Carlo input: the book to run — `plan` (a plan input; the method sizes the overlay and the
 * tail, and its policy runs along the paths) or `book` (explicit legs and market) — plus the run.
 */
export const MonteCarloInputSchema = z
  .strictObject({ ...sourceFields, ...runFields })
  .superRefine(oneSource)
  .superRefine(dynamicsFields)
  .refine((v) => v.firstPath < v.paths, {
    error: (iss) => {
      const v = chunkOf(iss.input);
      return `is ${v.firstPath}, not below paths (${v.paths}): pass a firstPath from 0 to ${v.paths - 1}`;
    },
    path: ['firstPath'],
  })
  .refine((v) => v.pathCount === undefined || v.firstPath + v.pathCount <= v.paths, {
    error: (iss) => {
      const v = chunkOf(iss.input);
      const room = v.paths - v.firstPath;
      return room >= 1
        ? `is ${v.pathCount}, past paths (${v.firstPath} + ${v.pathCount} > ${v.paths}): pass a pathCount from 1 to ${room}`
        : `runs past paths (${v.paths}): pass a firstPath below paths, then a pathCount of at most paths − firstPath`;
    },
    path: ['pathCount'],
  });
export type MonteCarloInput = z.output<typeof MonteCarloInputSchema>;

/** Stress grid input: a plan input or a book, plus the axes. */
export const StressGridInputSchema = z
  .strictObject({
    ...sourceFields,
    /** SPX moves as decimals (−0.2 = down 20%), from −0.99 to +0.5. */
    spxMoves: z
      .array(
        finiteNumber
          .min(-0.99, { error: 'pass SPX moves above −0.99 (decimals: −0.2 = down 20%)' })
          // +1 read as +100% where +1% was meant; SPX has never risen 50% over a stress horizon
          .max(0.5, { error: 'pass SPX moves as decimals, at most 0.5 (0.1 = up 10%; 1 would be up 100%, not 1%)' }),
      )
      .min(1, { error: 'pass at least one SPX move' })
      .default([-0.2, -0.15, -0.1, -0.05, -0.025, 0, 0.025, 0.05, 0.1]),
    /** VIX levels, points; default a ladder around today's VIX. */
    vixLevels: z
      .array(
        finiteNumber
          .min(MIN_VIX_POINTS, { error: inPoints('a VIX level', '18.5', '0.185') })
          .max(MAX_STRESS_VIX_LEVEL, { error: `pass VIX levels of at most ${MAX_STRESS_VIX_LEVEL}` }),
      )
      .min(1, { error: 'pass at least one VIX level, or leave vixLevels out for the default ladder' })
      .optional(),
    /** Days elapsed from the valuation date. */
    days: z
      .array(wholeNumber(0, 3650, 'days'))
      .min(1, { error: 'pass at least one day' })
      .default([0, 7, 21]),
  })
  .superRefine(oneSource);
export type StressGridInput = z.output<typeof StressGridInputSchema>;

/**
 * The paths limit read from a request body before its schema (the Monte Carlo's and the
 * frontier's): whole `paths` over {@link MAX_PATHS}, 1e300 included, is the one 422 naming the
 * limit on every route, rather than a schema bound (400) or a safe-integer issue beside it.
 */
export function checkRequestedPaths(raw: unknown): void {
  if (typeof raw !== 'object' || raw === null || !('paths' in raw)) return;
  const paths = raw.paths;
  if (typeof paths === 'number' && Number.isInteger(paths)) checkPathsLimit(paths);
}

/**
 * The horizon limit read from a Monte Carlo body before its schema: a whole `horizonDays` too large
 * for the schema to read as one (1e20) is the 422 of any horizon over {@link MAX_HORIZON_DAYS}, as
 * a `paths` of 1e300 is; from 731 on the setup names it, with the bound that holds for the book (here
 * the fix names both bounds: 730 alone was refused next when the condor expires sooner).
 */
export function checkRequestedHorizon(raw: unknown): void {
  if (typeof raw !== 'object' || raw === null || !('horizonDays' in raw)) return;
  const days = raw.horizonDays;
  if (typeof days === 'number' && Number.isInteger(days) && days > Number.MAX_SAFE_INTEGER) {
    throw limitExceeded(
      'horizonDays',
      `is ${days}, over the limit of ${MAX_HORIZON_DAYS} days`,
      // read before the book: the condor's expiry, which can come first, is not known here
      `pass a horizon of at most ${MAX_HORIZON_DAYS} days and no later than the last condor's expiry, or leave it out for that expiry`,
    );
  }
}

/** Work limit of a stress grid: cells ≤ {@link MAX_GRID_CELLS}. */
export function checkStressLimits(moves: number, levels: number, days: number): void {
  const cells = moves * levels * days;
  if (cells > MAX_GRID_CELLS) {
    // the longest axis is the one to shorten
    const longest = days > moves && days > levels ? 'days' : levels > moves ? 'vixLevels' : 'spxMoves';
    throw limitExceeded(
      longest,
      `${moves} SPX moves × ${levels} VIX levels × ${days} days = ${grouped(cells)} cells, over the limit of ${grouped(MAX_GRID_CELLS)}`,
      'pass fewer SPX moves, VIX levels or days',
    );
  }
}

/** The most legs the method adds to a plan's condors: a two-leg overlay and one tail call. */
const PLAN_HEDGE_LEGS = 3;

/**
 * Legs a scenario input prices: those of its book, or for a plan input four for each of its condors
 * (one `condor`, or each of a `condors` ladder) plus the most the method adds
 * ({@link PLAN_HEDGE_LEGS}: a two-leg overlay and one tail call).
 * @example scenarioLegCount({ plan: { condors: twelve, ... } }) // 4 × 12 + 3 = 51
 */
export function scenarioLegCount(v: {
  book?: ScenarioBookInput | undefined;
  plan?: { condors?: readonly unknown[] | undefined } | undefined;
}): number {
  if (v.book) return v.book.condor.length + v.book.overlay.length + v.book.tail.length;
  return 4 * (v.plan?.condors?.length ?? 1) + PLAN_HEDGE_LEGS;
}

/** Work limit of a stress grid counting what each cell costs: cells × legs ≤ {@link MAX_GRID_LEG_CELLS}. */
export function checkStressWork(cells: number, legs: number): void {
  if (cells * legs > MAX_GRID_LEG_CELLS) {
    throw limitExceeded(
      'spxMoves',
      `${grouped(cells)} cells × ${legs} legs = ${grouped(cells * legs)} leg valuations, over the limit of ${grouped(MAX_GRID_LEG_CELLS)}`,
      `pass at most ${grouped(Math.floor(MAX_GRID_LEG_CELLS / legs))} cells for this book, or split the grid over several requests`,
    );
  }
}

/**
 * Per-path values as a chunk sends them: finite, and within 1e12 in size (USD, points or counts;
 * a larger one is no P&L a book of at most 100,000 contracts can make, and its square would
 * overflow the summary's standard deviations).
 */
const PER_PATH_LIMIT = 1e12;
const series = z.array(
  finiteNumber.refine((x) => Math.abs(x) <= PER_PATH_LIMIT, {
    error: `is beyond ${PER_PATH_LIMIT} in size: pass the chunk's per-path values as it answered them`,
  }),
  { error: 'pass the per-path values as an array of numbers' },
);

/**
 * A Monte Carlo partial result as it travels in JSON (typed arrays as arrays), to merge chunks run
 * on other machines: see `reviveMonteCarloPartial`.
 */
export const MonteCarloPartialSchema = z
  .object({
    seed: wholeNumber(0, 0xffffffff, 'seed'),
    paths: wholeNumber(1, Number.MAX_SAFE_INTEGER, 'paths'),
    firstPath: wholeNumber(0, Number.MAX_SAFE_INTEGER, 'firstPath'),
    pathCount: wholeNumber(1, Number.MAX_SAFE_INTEGER, 'pathCount'),
    horizonDays: wholeNumber(1, MAX_HORIZON_DAYS, 'horizonDays'),
    antithetic: z.boolean({ error: 'pass true or false' }),
    measure: z.enum(MONTE_CARLO_MEASURES, { error: `pass measure as one of ${MONTE_CARLO_MEASURES.join(', ')}` }),
    dynamics: z.enum(MONTE_CARLO_DYNAMICS, { error: `pass dynamics as one of ${MONTE_CARLO_DYNAMICS.join(', ')}` }),
    modelStart: z.enum(MODEL_STARTS, { error: `pass modelStart as one of ${MODEL_STARTS.join(', ')}` }),
    /** The run's fingerprint (every input but the chunk's own paths): chunks of one run share it. */
    runKey: z.string().regex(/^[0-9a-f]{16}$/, { error: "pass the chunk's runKey as it came (16 hex digits)" }),
    /** SPX at t = 0 (the base of the SPX return at the horizon). */
    spot0: finiteNumber.positive({ error: 'pass SPX at t = 0 in points, above 0' }),
    /** VIX at t = 0 (the starting bucket of the summary's model notes). */
    vix0: finiteNumber.positive({ error: 'pass VIX at t = 0 in points, above 0' }),
    condorMaxLoss: finiteNumber.nonnegative({ error: "pass the condor's max loss in USD, 0 or more" }),
    hedgeDebit: finiteNumber,
    tailContracts0: finiteNumber,
    /** What the run's input asked for that its paths do not follow (a plan's positions), one sentence each. */
    inputNotes: z
      .array(
        z.string({ error: 'pass each note as text' }).max(2000, { error: 'pass the notes as the chunk answered them' }),
        {
          error: 'pass inputNotes as the chunk answered them (a list of sentences), or leave it out',
        },
      )
      .max(8, { error: 'pass the notes as the chunk answered them' })
      .optional(),
    condor: series,
    book: series,
    costs: series,
    rebalances: z.array(wholeNumber(0, 65535, 'rebalances')),
    tailContracts: series,
    spxEnd: series,
    vixEnd: series,
    vixMax: series,
    tailOutlay: series,
  })
  .refine((p) => p.firstPath + p.pathCount <= p.paths, {
    path: ['pathCount'],
    error: 'firstPath + pathCount is beyond paths: pass the chunk as its run answered it',
  });
