/**
 * The ALVH policy: every threshold and default of the method (ALVH-METHOD sections 1 and 4-8,
 * plus the parts of sections 2 and 6 the method consumes), named as in the method text, each
 * validated by zod with its allowed range and overridable per call.
 *
 * Units: shares and rates are decimals, spreads and strike offsets in VIX points, days are
 * calendar days, money in USD.
 */
import { z } from 'zod';
import { InputValidationError, formatPath, listedKeys } from './parse';
import { SkewParamsSchema } from './skew';
import { SPX_STRIKE_STEP, VIX_LISTED_STRIKE_STEP, VVIX_RANGE, onGrid } from '../validate';
import { offGrid } from './common';
import { DEFAULT_CURVE_POLICY } from '../market/regime';

/** The regime thresholds' defaults (method Section 2): the curve module's, the one source. */
const STEEP_DEFAULT = DEFAULT_CURVE_POLICY.steepSpread;
const FLAT_DEFAULT = DEFAULT_CURVE_POLICY.flatBand;
/** The tail expiry target in days (tailDteTarget), inside the 45-60 window of the method text. */
const TAIL_TARGET_DEFAULT = 52;

/**
 * Highest stressed VIX the method sizes on, `policy.stressVix` and the VIX the drawdown implies
 * alike: the highest VIX index level any input may carry (MAX_VIX_INDEX), since the surface is
 * moved to it. The 2008 and 2020 closing peaks were 80-83; a 90% drawdown at the default 1.5 per
 * 1% from them is 218.
 */
export const MAX_STRESS_VIX = 300;

/**
 * Farthest the tail call may be struck above its future, as a decimal: 50%. The method strikes it
 * 2.5% out and sizes it on its gain in one drawdown scenario; the further out, the more the count
 * hangs on that scenario alone (on a 16 future, 0.9 bought 301 calls where 0.025 buys 82). And 1 is
 * 1% typed as a percentage far more often than a call at twice the future (it bought 339 calls
 * struck at 32).
 */
export const MAX_TAIL_OTM_PCT = 0.5;

/**
 * Most of the capital the capital cap lets the condors and hedges put at risk, as a decimal: half.
 * The method's 0.025 is 2.5%; 1 is 1% typed as a percentage far more often than all the capital
 * (it let 112 condors fit where 1 was meant).
 */
export const MAX_RISK_PCT = 0.5;

/** A further check of a bounded number (a listing grid). */
type Also = (n: z.ZodNumber) => z.ZodNumber;

/** A number in [lo, hi] with a default; the message names the allowed range. */
function bounded(lo: number, hi: number, def: number, also: Also = (n) => n) {
  const msg = `pass a number between ${lo} and ${hi}`;
  return also(z.number({ error: msg }).finite({ error: msg }).min(lo, { error: msg }).max(hi, { error: msg })).default(
    def,
  );
}

/**
 * The VIX strike grid the tail call is struck on: 0.5-10 points and a multiple of the listed
 * half-point grid (0.5, 1, 2.5, …); a step of 0.01 struck the call at 21.81, which no exchange lists
 * and the position reader refuses.
 */
function vixStep() {
  const msg = 'pass a multiple of 0.5 VIX points between 0.5 and 10 (0.5, 1, 2.5, …), the grid VIX options list on';
  return z
    .number({ error: msg })
    .finite({ error: msg })
    .min(0.5, { error: msg })
    .max(10, { error: msg })
    .refine((x) => Math.abs(x * 2 - Math.round(x * 2)) < 1e-9, { error: msg })
    .default(1);
}

/**
 * A decimal in [lo, hi] with a default, `unit` saying of what ("a year", "of capital"): above `hi`
 * a value whose hundredth lies in the range is a percentage typed whole, and the message offers
 * the decimal ("maxHedgeCostRate: is 18, which looks like a percentage; pass 0.18 for 18% a year").
 */
function percentBounded(lo: number, hi: number, def: number, unit: string) {
  const msg = `pass a number between ${lo} and ${hi}`;
  const example = `${def} is ${Number((def * 100).toPrecision(12))}% ${unit}`;
  return z
    .number({ error: msg })
    .finite({ error: msg })
    .min(lo, { error: `${msg} (a decimal: ${example})` })
    .max(hi, {
      error: (iss) => {
        const x = Number(iss.input);
        return x >= 1 && x / 100 >= lo && x / 100 <= hi
          ? `is ${x}, which looks like a percentage; pass ${Number((x / 100).toPrecision(12))} for ${x}% ${unit} (a decimal)`
          : `${msg} (a decimal: ${example})`;
      },
    })
    .default(def);
}

/**
 * A vol of vol in VVIX's range over 100 (0.2-4): a value whose hundredth lies in it is VVIX
 * points ("stressVolOfVol: is 120, which looks like VVIX points; pass 1.2, VVIX / 100").
 */
function volOfVolNumber() {
  const lo = VVIX_RANGE.min / 100;
  const hi = VVIX_RANGE.max / 100;
  const msg = `pass a number between ${lo} and ${hi} (a decimal: VVIX 120 is 1.2)`;
  return z
    .number({ error: msg })
    .finite({ error: msg })
    .min(lo, { error: msg })
    .max(hi, {
      error: (iss) => {
        const x = Number(iss.input);
        return x / 100 >= lo && x / 100 <= hi
          ? `is ${x}, which looks like VVIX points; pass ${Number((x / 100).toPrecision(12))}, VVIX / 100 (a decimal)`
          : msg;
      },
    });
}

/** A whole number in [lo, hi] with a default. */
function wholeBounded(lo: number, hi: number, def: number) {
  const msg = `pass a whole number between ${lo} and ${hi}`;
  return z.number({ error: msg }).int({ error: msg }).min(lo, { error: msg }).max(hi, { error: msg }).default(def);
}

/** A number in [lo, hi] with no default (the field is left out when not given). */
function optionalBounded(lo: number, hi: number, also: Also = (n) => n) {
  const msg = `pass a number between ${lo} and ${hi}, or leave it out`;
  return also(
    z.number({ error: msg }).finite({ error: msg }).min(lo, { error: msg }).max(hi, { error: msg }),
  ).optional();
}

/** One knot of the base split: (spread in VIX points, calendar share). */
export const SplitKnotSchema = z.tuple([
  z.number({ error: 'pass a spread in VIX points' }).finite().min(-50).max(50),
  z.number({ error: 'pass a calendar share between 0 and 1' }).min(0).max(1),
]);

const volOfVolSeriesNames = ['vvix', 'vvix-vix-ratio'] as const;
export type VolOfVolSeries = (typeof volOfVolSeriesNames)[number];

const overlayStructures = ['spx-put-calendar', 'spx-long-put', 'vix-call-diagonal'] as const;
export type OverlayStructure = (typeof overlayStructures)[number];

/** Each overlay structure as a trader names it in words: "put calendar", "long put", "VIX call diagonal". */
export const OVERLAY_NAMES: Readonly<Record<OverlayStructure, string>> = {
  'spx-put-calendar': 'put calendar',
  'spx-long-put': 'long put',
  'vix-call-diagonal': 'VIX call diagonal',
};

/**
 * κ (per year) that maps a VIX shock to the VX futures: ΔF = ΔVIX·e^(−κτ). Measured on the
 * 2007-2021 VX history (docs/method.md, "Mapping a VIX shock to the futures"): over the 10-day
 * windows where VIX rose ≥ 10 points, the median over episodes of the 45-day constant-maturity
 * future's response is 0.48 of the VIX move, e^(−6·45/365). The fitted κ of the day's curve describes
 * the curve's shape, not this response.
 */
export const DEFAULT_SHOCK_KAPPA = 6;

const defaultKnots: [number, number][] = [
  [-2, 0.4],
  [0, 0.45],
  [3, 0.55],
  [4, 0.6],
  [6, 0.65],
];

const PolicyObject = z.strictObject(
  {
    // Section 1
    minShortStrikeSd: bounded(0, 5, 1.5),
    // Section 2 (consumed: regime thresholds and the mean-reversion fit)
    steepSpread: bounded(0, 20, STEEP_DEFAULT).describe('VIX points; above flatBand'),
    flatBand: bounded(0, 5, FLAT_DEFAULT).describe('VIX points; below steepSpread'),
    kappa: optionalBounded(0.5, 30),
    theta: optionalBounded(10, 50),
    /** κ that maps a VIX shock to the futures (drawdown scenario, VIX-diagonal exposure); not the curve fit. */
    shockKappa: bounded(0.5, 30, DEFAULT_SHOCK_KAPPA),
    // Section 3
    rsiPeriod: wholeBounded(2, 100, 14),
    /** The series whose MACD histogram is the vol-of-vol signal: VVIX (ALVH-METHOD section 3), or VVIX/VIX. */
    volOfVolSeries: z
      .enum(volOfVolSeriesNames, { error: `pass one of ${volOfVolSeriesNames.join(', ')}` })
      .default('vvix'),
    breadthLookback: wholeBounded(2, 250, 10),
    eventWindowDays: wholeBounded(0, 30, 2),
    // Section 4
    splitKnots: z
      .array(SplitKnotSchema, { error: 'pass knots as [[spread, calendarShare], ...]' })
      .min(2, { error: 'pass at least two knots' })
      .default(defaultKnots)
      .refine((k) => k.every((p, i) => i === 0 || p[0] > (k[i - 1] as [number, number])[0]), {
        error: 'pass knots sorted by strictly increasing spread, each spread above the one before',
      }),
    rsiWiden: bounded(0, 100, 40),
    rsiWidenFactor: bounded(1, 2, 1.2),
    flatteningMinPts: bounded(0, 20, 0.5),
    flatteningMaxShift: bounded(0, 0.5, 0.1),
    flatteningShiftPerPt: bounded(0, 0.5, 0.04),
    volOfVolTilt: bounded(0, 0.5, 0.05),
    minCalendarShare: bounded(0, 1, 0.25).describe('at most maxCalendarShare'),
    maxCalendarShare: bounded(0, 1, 0.75).describe('at least minCalendarShare'),
    // Section 5
    vegaMatch: bounded(0.4, 0.6, 0.5).describe('at most vegaMatchCap'),
    vegaMatchCap: bounded(0.4, 0.6, 0.6).describe('at least vegaMatch'),
    overlay: z
      .enum(overlayStructures, { error: `pass one of ${overlayStructures.join(', ')}` })
      .default('spx-put-calendar'),
    /** Days after the condor expiry the back put aims at: it is the SPX monthly nearest them (overlayBackExpiry). */
    overlayBackDays: wholeBounded(1, 365, 30),
    /** The calendar's (or long put's) SPX strike: a listed one, on the 5-point grid. */
    overlayStrike: optionalBounded(1, 1e6, (n) =>
      n.refine((x) => onGrid(x, SPX_STRIKE_STEP), {
        error: offGrid(
          'SPX',
          SPX_STRIKE_STEP,
          `pass a listed strike (a multiple of ${SPX_STRIKE_STEP}), or leave it out`,
        ),
      }),
    ).describe(
      `SPX points, a multiple of ${SPX_STRIKE_STEP} (the listed strike grid), within half to twice SPX; default the condor's short put`,
    ),
    /**
     * vix-call-diagonal: the short (nearer) call's strike above the long call's, VIX points; a
     * multiple of the listed half-point grid, so the short call is a listed strike as the long is.
     */
    diagonalStrikeOffset: bounded(0, 50, 5, (n) =>
      n.refine((x) => onGrid(x, VIX_LISTED_STRIKE_STEP), {
        error: offGrid(
          'VIX',
          VIX_LISTED_STRIKE_STEP,
          `pass a multiple of ${VIX_LISTED_STRIKE_STEP} VIX points, so the short call is struck on a listed strike`,
        ),
      }),
    ),
    /** vix-call-diagonal: the near leg expires at least this many days out. */
    diagonalMinDays: wholeBounded(0, 120, 14),
    // Section 6
    tailDteMin: wholeBounded(1, 365, 45).describe('days; tailDteMin ≤ tailDteTarget ≤ tailDteMax'),
    tailDteMax: wholeBounded(1, 365, 60).describe('days; tailDteMin ≤ tailDteTarget ≤ tailDteMax'),
    tailDteTarget: wholeBounded(1, 365, TAIL_TARGET_DEFAULT).describe('days; tailDteMin ≤ tailDteTarget ≤ tailDteMax'),
    tailOtmPct: bounded(0, MAX_TAIL_OTM_PCT, 0.025),
    /** The tail call's strike grid: a multiple of the listed half-point VIX grid, so the strike is one listed. */
    vixStrikeStep: vixStep(),
    drawdown: bounded(0.01, 0.9, 0.2),
    drawdownDays: wholeBounded(0, 60, 10),
    stressVix: optionalBounded(1, MAX_STRESS_VIX),
    stressVixPerPct: bounded(0, 10, 1.5),
    stressVolOfVol: volOfVolNumber().optional(),
    defaultVolOfVol: volOfVolNumber().default(1.2),
    tailCoverage: bounded(0.1, 10, 1.8),
    // Section 7
    maxHedgeCostRate: percentBounded(0, 5, 0.18, 'a year'),
    targetIrr: percentBounded(0, 10, 0.25, 'a year'),
    maxRiskPct: percentBounded(0.0001, MAX_RISK_PCT, 0.025, 'of capital'),
    // Section 8
    rebalanceDays: wholeBounded(1, 365, 7),
    curveShiftTrigger: bounded(0, 5, 0.15),
    // Section 9 (consumed by the scenario engines)
    realizedToImplied: bounded(0.1, 2, 0.85),
    spxVixCorrelation: bounded(-1, 1, -0.7),
    transactionCostPerContract: bounded(0, 1000, 0.65),
    // Marking
    skew: SkewParamsSchema.prefault({}),
  },
  {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `unknown policy field ${listedKeys(iss.keys)}; check the spelling against the documented policy fields`
        : 'pass the policy as an object of overrides, e.g. { "tailCoverage": 2 }',
  },
);

/**
 * flatBand < steepSpread (a spread cannot be both flat and a steep backwardation), named at the
 * field the user moved off its default: flatBand when steepSpread kept its default, else
 * steepSpread, each message giving the other's value and whether it is the default.
 */
function regimeThresholdsIssue(p: { steepSpread: number; flatBand: number }): { path: string; message: string } | null {
  if (p.steepSpread > p.flatBand) return null;
  if (p.steepSpread === STEEP_DEFAULT) {
    return {
      path: 'flatBand',
      message: `flatBand (${p.flatBand}) is not below steepSpread (${p.steepSpread}, its default); pass a flat band below the steep-backwardation threshold (default ${FLAT_DEFAULT}), or raise steepSpread above ${p.flatBand}`,
    };
  }
  const other = p.flatBand === FLAT_DEFAULT ? `${p.flatBand}, its default` : `${p.flatBand}`;
  return {
    path: 'steepSpread',
    message: `steepSpread (${p.steepSpread}) is not above flatBand (${other}); pass a steep-backwardation threshold above the flat band (default ${STEEP_DEFAULT})${p.steepSpread > 0 ? `, or lower flatBand below ${p.steepSpread}` : ''}`,
  };
}

/**
 * A tail target outside its window (min ≤ max already), named at the field moved off its default:
 * the target, unless it is at its default, where the bound that was moved past it is named.
 */
function tailTargetIssue(p: {
  tailDteMin: number;
  tailDteTarget: number;
  tailDteMax: number;
}): { path: string; message: string } | null {
  const { tailDteMin: min, tailDteTarget: target, tailDteMax: max } = p;
  if (target >= min && target <= max) return null;
  const within = `pass a tailDteTarget within ${min}-${max}`;
  if (target === TAIL_TARGET_DEFAULT) {
    return target < min
      ? {
          path: 'tailDteMin',
          message: `tailDteMin (${min}) is above the tail target ${target} days (tailDteTarget, its default); lower tailDteMin to ${target} or below, or ${within}`,
        }
      : {
          path: 'tailDteMax',
          message: `tailDteMax (${max}) is below the tail target ${target} days (tailDteTarget, its default); raise tailDteMax to ${target} or above, or ${within}`,
        };
  }
  return {
    path: 'tailDteTarget',
    message: `tailDteTarget (${target}) is outside the window tailDteMin..tailDteMax (${min}-${max}); pass a target inside it (the defaults are ${TAIL_TARGET_DEFAULT} in 45-60)`,
  };
}

/** The pairs of fields one of which must not pass the other, with their defaults and the fix. */
const ORDERED_PAIRS = [
  {
    low: 'minCalendarShare',
    high: 'maxCalendarShare',
    lowDefault: 0.25,
    highDefault: 0.75,
    lowWords: (lo: number, hi: number) =>
      `minCalendarShare (${lo}) is above maxCalendarShare (${hi}); pass a minimum at or below the maximum`,
  },
  {
    low: 'vegaMatch',
    high: 'vegaMatchCap',
    lowDefault: 0.5,
    highDefault: 0.6,
    lowWords: (lo: number, hi: number) =>
      `vegaMatch (${lo}) is above vegaMatchCap (${hi}), the most the RSI widening raises it to; pass a target at or below its cap (the defaults are 0.5 under 0.6)`,
  },
  {
    low: 'tailDteMin',
    high: 'tailDteMax',
    lowDefault: 45,
    highDefault: 60,
    lowWords: (lo: number, hi: number) =>
      `tailDteMin (${lo}) is above tailDteMax (${hi}); pass a window with min ≤ max`,
  },
] as const;

/**
 * The ordered pairs out of order, each named at the field the caller set: the schema sees values
 * after the defaults, so where one field sits at its default and the other does not, the other is
 * blamed (maxCalendarShare 0 alone is refused at maxCalendarShare, below minCalendarShare's default
 * 0.25; an Excel PLAN range was told to add a minCalendarShare row it never had).
 */
function orderIssues(
  p: Record<(typeof ORDERED_PAIRS)[number]['low' | 'high'] | 'tailDteTarget', number>,
): { path: string; message: string }[] {
  return ORDERED_PAIRS.flatMap((q) => {
    const [lo, hi] = [p[q.low], p[q.high]];
    if (!(lo > hi)) return [];
    // the tail window holds its target too: a max below the target's default is refused next
    const tail = q.high === 'tailDteMax';
    const least = tail ? Math.max(lo, p.tailDteTarget) : lo;
    const other = tail ? 'lower tailDteMin and tailDteTarget' : `lower ${q.low}`;
    return [
      lo === q.lowDefault && hi !== q.highDefault
        ? {
            path: q.high,
            message: `${q.high} (${hi}) is below ${q.low} (${lo}, its default); pass ${q.high} of ${least} or more, or a ${other} too`,
          }
        : { path: q.low, message: q.lowWords(lo, hi) },
    ];
  });
}

/**
 * The policy schema: every field optional on input, defaulted on output. Cross-field rules:
 * flatBand < steepSpread, minCalendarShare ≤ maxCalendarShare, tailDteMin ≤ tailDteTarget ≤
 * tailDteMax, vegaMatch ≤ vegaMatchCap (above its cap the RSI widening would cut the target it is
 * meant to raise).
 */
export const PolicySchema = PolicyObject.superRefine((p, ctx) => {
  const regime = regimeThresholdsIssue(p);
  if (regime !== null) ctx.addIssue({ code: 'custom', path: [regime.path], message: regime.message });
  for (const o of orderIssues(p)) ctx.addIssue({ code: 'custom', path: [o.path], message: o.message });
  if (p.tailDteMin <= p.tailDteMax) {
    const target = tailTargetIssue(p);
    if (target !== null) ctx.addIssue({ code: 'custom', path: [target.path], message: target.message });
  }
});

export type Policy = z.output<typeof PolicySchema>;
export type PolicyOverrides = z.input<typeof PolicySchema>;

/**
 * The policy with `overrides` applied over the defaults. Unknown fields are rejected (a typo must
 * not silently fall back to a default). Errors name `policy.<field>` and the allowed range.
 *
 * @example
 * resolvePolicy().tailCoverage                    // 1.8
 * resolvePolicy({ tailCoverage: 2 }).tailCoverage // 2
 * resolvePolicy({ vegaMatch: 0.9 })               // throws "policy.vegaMatch: pass a number between 0.4 and 0.6"
 */
export function resolvePolicy(overrides?: unknown): Policy {
  const r = PolicySchema.safeParse(overrides ?? {});
  if (r.success) return r.data;
  throw new InputValidationError(
    r.error.issues.map((i) => ({
      path: i.path.length === 0 ? 'policy' : `policy.${formatPath(i.path)}`,
      message: i.message,
    })),
  );
}

/** Names of every policy field (for hosts that list them). */
export const POLICY_FIELDS: readonly string[] = Object.freeze(Object.keys(PolicyObject.shape));

/** The allowed values of a numeric policy field: [lo, hi], whole numbers only when `whole`. */
export interface PolicyRange {
  lo: number;
  hi: number;
  whole: boolean;
}

/**
 * The range of a numeric policy field, read from the schema (so a host that checks an argument
 * before the policy does states the same bounds); undefined for a field that is not a number.
 * @example policyRange('tailCoverage') // { lo: 0.1, hi: 10, whole: false }
 */
export function policyRange(field: string): PolicyRange | undefined {
  const shape = PolicyObject.shape as Record<string, z.ZodType>;
  let t: z.ZodType | undefined = shape[field];
  while (t instanceof z.ZodDefault || t instanceof z.ZodOptional) t = t.unwrap() as z.ZodType;
  if (!(t instanceof z.ZodNumber) || t.minValue === null || t.maxValue === null) return undefined;
  return { lo: t.minValue, hi: t.maxValue, whole: t.isInt };
}

/** The default policy (every field at its schema default), frozen: the one source of each default. */
export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze(resolvePolicy());
