/**
 * Input of the historical replay (`replay()`, POST /api/replay, the 'replay' compute job): daily
 * market rows as plain objects, the ALVH policy, and every assumption the replay adds to the
 * method — how condors are opened, how they are filled, what trading costs, which rate — as a
 * named field with a default. Everything is JSON-serialisable.
 */
import { z } from 'zod';
import { grouped, limitExceeded } from '../errors';
import { friendlyIssue, inputIssues, InputValidationError, listedKeys, parseInput, type InputIssue } from './parse';
import { PolicySchema } from './policy';
import { aboveVixIndex, isoDate, vvixBelow } from './common';
import { MAX_VIX_INDEX, MAX_VIX_POINTS, MIN_VIX_POINTS } from '../validate';
import { parseIsoDate, weekdayOf } from '../dates';
import { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, exchangeHolidays } from '../market/calendar';
import { MARKET_RATE } from '../validate';

/** Most rows one replay accepts (about 47 years of trading days); more is `limit_exceeded`. */
export const MAX_REPLAY_ROWS = 12_000;
/** Most stress episodes one replay summarises. */
export const MAX_REPLAY_EPISODES = 50;
/**
 * Legs one condor campaign of the replay holds at most: the four condor legs, the two legs of the
 * calendar overlay and the tail's one VIX call strike. Every held leg is re-marked every day.
 */
export const REPLAY_LEGS_PER_CONDOR = 7;
/**
 * Most row-legs of one replay: days replayed × legs held at most (condors open at once ×
 * {@link REPLAY_LEGS_PER_CONDOR}). 300 000 admits the row limit with up to three condors open
 * (the default `maxOpenCondors`), and about 3 600 days with the most (12).
 */
export const MAX_REPLAY_ROW_LEGS = 300_000;

const price = z
  .number({ error: 'pass a price in index points' })
  .finite({ error: 'pass a finite price' })
  .positive({ error: 'pass a price greater than 0' });

/** A VIX-family level or a VX price, index points: a decimal (0.155) is refused here, not read as a day without a curve. */
const vixPoints = price
  .min(MIN_VIX_POINTS, { error: 'VIX levels and VX prices are in index points: pass 15.5, not 0.155' })
  .max(MAX_VIX_POINTS, {
    error: `VIX levels and VX prices are in index points: pass a level from ${MIN_VIX_POINTS} to ${MAX_VIX_POINTS}, e.g. 15.5`,
  });

/** A VIX index close (VIX, its open, VIX9D, VIX3M, VIX6M): the surface a day is marked on moves to it. */
const vixIndex = price
  .min(MIN_VIX_POINTS, { error: 'VIX levels and VX prices are in index points: pass 15.5, not 0.155' })
  .max(MAX_VIX_INDEX, { error: aboveVixIndex('VIX index', '15.5') });

/** SPX, index points, as a plan takes it (100 to 1,000,000): 0.5 is a slip, not a close. */
const spxPoints = price
  .min(100, { error: 'SPX is in index points: pass a level from 100 to 1,000,000, e.g. 6600' })
  .max(1_000_000, { error: 'SPX is in index points: pass a level from 100 to 1,000,000, e.g. 6600' });

/** The weekday of an ISO date (0 = Sunday), or null when it is no calendar date. */
function weekdayOrNull(iso: string): number | null {
  try {
    return weekdayOf(parseIsoDate('date', iso));
  } catch {
    return null;
  }
}

/**
 * The most an open may differ from the same day's close, as a factor either way: an open outside
 * it is a slip (a decimal point, another day's print), not a market move. SPX: 2 (open/close
 * within 0.91-1.05 on every day of the 2021-2026 history); VIX: 6 (every day of Cboe's VIX file
 * since 1990 is within 0.18-3.3, 2018-02-05 opening at half its close).
 */
export const OPEN_CLOSE_FACTOR = { spx: 2, vix: 6 } as const;

/** An open far from its close (see {@link OPEN_CLOSE_FACTOR}) as an issue at the open's field. */
function checkOpen(
  ctx: z.RefinementCtx,
  index: 'spx' | 'vix',
  open: number | undefined,
  close: number | undefined,
): void {
  if (open === undefined || close === undefined) return;
  const f = OPEN_CLOSE_FACTOR[index];
  const ratio = open / close;
  if (ratio >= 1 / f && ratio <= f) return;
  const name = index.toUpperCase();
  ctx.addIssue({
    code: 'custom',
    path: [`${index}Open`],
    message: `is ${open}, ${Number(ratio.toPrecision(2))} times the day's ${name} close ${close}: ${index === 'spx' ? 'an' : 'a'} ${name} open is within a factor ${f} of its close on any real day; pass the day's opening print (check its decimal point) or leave ${index}Open out (the close settles then)`,
  });
}

/** The name of the exchange holiday on an ISO date of the calendar's years, else undefined. */
function holidayOf(iso: string): string | undefined {
  const year = Number(iso.slice(0, 4));
  if (!(year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR)) return undefined;
  return exchangeHolidays(year).find((h) => h.date === iso)?.name;
}

/** A replay row's VVIX close, index points: 10 to 500 (the history's lowest is 15.71). */
const REPLAY_VVIX_RANGE = 'VVIX is in index points: pass a close from 10 to 500, e.g. 95';

/**
 * One trading day. `vx[i]` is the settlement of the (i+1)-th monthly VX future expiring strictly
 * after `date` (null = no price); the other fields are closes in index points (`vixOpen`: the
 * VIX opening print, used as the settlement value of VIX options on their expiry day; `spxOpen`:
 * the SPX opening print, used as the settlement value of the AM-settled SPX monthlies on theirs;
 * each within {@link OPEN_CLOSE_FACTOR} of the day's close).
 */
export const MarketRowSchema = z
  .strictObject({
    date: isoDate,
    spx: spxPoints.optional(),
    spxOpen: spxPoints.optional(),
    vix: vixIndex.optional(),
    vixOpen: vixIndex.optional(),
    // down to 10: the real history has 15.71 (2006-03-15); a replayed day outside the VIX-option
    // surface's 20-400 is marked at the range's end and named in the replay's notes (rowNotes.ts)
    vvix: price
      .min(10, { error: vvixBelow(10, REPLAY_VVIX_RANGE, 'VVIX is in index points: pass 95, not 0.95') })
      .max(500, { error: REPLAY_VVIX_RANGE })
      .optional(),
    vix3m: vixIndex.optional(),
    vix9d: vixIndex.optional(),
    vix6m: vixIndex.optional(),
    skew: price
      .min(50, { error: 'SKEW is in index points (100-170 in its history): pass 135, not 1.35' })
      .max(500, { error: 'SKEW is in index points: pass a close from 50 to 500, e.g. 135' })
      .optional(),
    vx: z
      .array(vixPoints.nullable(), { error: 'pass vx as an array of prices (null for a gap)' })
      .max(12, { error: 'pass at most 12 VX contracts per day' })
      .default([]),
  })
  .superRefine((row, ctx) => {
    checkOpen(ctx, 'spx', row.spxOpen, row.spx);
    checkOpen(ctx, 'vix', row.vixOpen, row.vix);
  });

const whole = (lo: number, hi: number, def: number) =>
  z
    .number({ error: `pass a whole number between ${lo} and ${hi}` })
    .int({ error: `pass a whole number between ${lo} and ${hi}` })
    .min(lo, { error: `pass a whole number between ${lo} and ${hi}` })
    .max(hi, { error: `pass a whole number between ${lo} and ${hi}` })
    .default(def);
const num = (lo: number, hi: number, def: number) =>
  z
    .number({ error: `pass a number between ${lo} and ${hi}` })
    .finite({ error: `pass a number between ${lo} and ${hi}` })
    .min(lo, { error: `pass a number between ${lo} and ${hi}` })
    .max(hi, { error: `pass a number between ${lo} and ${hi}` })
    .default(def);

/**
 * The replay's own assumptions (the method's rules stay in `policy`). Every field is named in
 * docs/replay.md with its reason.
 */
export const ReplayAssumptionsSchema = z.strictObject(
  {
    /**
     * Open a new condor every this many calendar days; 0 = only when no condor is open. No condor
     * is opened on an expiry that already has an open one (the entry waits for the next expiry).
     */
    entryEveryDays: whole(0, 365, 0),
    /** At most this many condors open at once (only matters with entryEveryDays > 0). */
    maxOpenCondors: whole(1, 12, 3),
    /** Target days to expiry: the condor takes the SPX monthly expiry (third Friday) nearest to it. */
    condorDte: whole(7, 365, 45),
    /** Short strikes at this many standard deviations from spot, in log space (σ = ATM vol); never inside policy.minShortStrikeSd (moved out to it, with a note). */
    shortStrikeSd: num(0.1, 5, 1.5),
    /** Wing width as a fraction of spot, rounded up to the strike step (at least one step). */
    wingWidthPct: num(0.001, 0.5, 0.02),
    /** SPX strike grid, points. Short strikes round away from spot. */
    spxStrikeStep: num(0.05, 100, 5),
    /** Condors opened each time (contracts per leg). */
    condorQuantity: whole(1, 10_000, 10),
    /** Moves the day's SPX surface as a scenario VIX of VIX × atmVolScale would (method Section 2b; 1 = the day's surface). */
    atmVolScale: num(0.2, 3, 1),
    /** Risk-free rate, continuously compounded, held constant over the replay (no rate history in the data). */
    rate: num(MARKET_RATE.min, MARKET_RATE.max, 0.01),
    /** SPX dividend yield, continuously compounded, held constant. */
    divYield: num(0, MARKET_RATE.max, 0.018),
    /** Paid per SPX option, index points, on top of the model mid at every fill (0 = fills at model mid). */
    spxHalfSpread: num(0, 50, 0),
    /** Paid per VIX option, index points, on top of the model mid at every fill. */
    vixHalfSpread: num(0, 10, 0),
    /** Capital for the method's capital cap, USD: when given, each entry's quantity is cut so that the open condors' max loss and its own stay within maxRiskPct · capital. */
    capital: z
      .number({ error: 'pass capital in USD' })
      .finite({ error: 'pass capital in USD' })
      .min(1_000, { error: 'pass capital of at least 1000 USD' })
      .max(1e10, { error: 'pass capital up to 1e10 USD' })
      .optional(),
    /** Hedge budget per condor, USD; the method's caps apply below it. 0 = no user budget (caps only). */
    hedgeBudget: num(0, 1e9, 0),
    /** Include the daily ledger in the result (the summaries and the series are always there). */
    includeLedger: z.boolean({ error: 'pass true or false' }).default(true),
  },
  {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `unknown replay assumption ${listedKeys(iss.keys)}; check the spelling against the documented fields`
        : 'pass the assumptions as an object, e.g. { "condorDte": 45 }',
  },
);

/** A named window summarised on its own (inclusive dates). */
export const ReplayEpisodeSchema = z
  .strictObject({
    name: z
      .string({ error: 'pass a name' })
      .min(1, { error: 'is empty; pass a name of 1 to 60 characters' })
      .max(60, {
        error: (iss) => `has ${(iss.input as string).length} characters; pass a name of at most 60 characters`,
      }),
    from: isoDate,
    to: isoDate,
  })
  .refine((e) => e.from <= e.to, { error: 'is before from: pass a to date on or after from', path: ['to'] });

/** The stress episodes of the data folder (windows around each drawdown). */
export const DEFAULT_EPISODES: { name: string; from: string; to: string }[] = [
  { name: '2008', from: '2008-09-01', to: '2008-12-31' },
  { name: 'Aug 2015', from: '2015-08-03', to: '2015-09-30' },
  { name: 'Feb 2018', from: '2018-01-22', to: '2018-03-09' },
  { name: 'Dec 2018', from: '2018-11-26', to: '2019-01-11' },
  { name: 'Mar 2020', from: '2020-02-14', to: '2020-04-17' },
  { name: 'Aug 2024', from: '2024-07-22', to: '2024-09-13' },
  { name: 'Apr 2025', from: '2025-03-24', to: '2025-05-16' },
];

/** The replay's input with `row` for each of its rows (the rows' checks across days in it). */
function replayInputSchema<R extends z.ZodType>(row: R) {
  return z
    .strictObject({
      /** Daily rows, oldest first, one per date (see {@link MarketRowSchema}). */
      rows: z
        .array(row, { error: 'pass rows as an array of daily market rows' })
        .min(2, { error: 'pass at least two rows' }),
      /** First date replayed (default, and at the earliest: the first usable row: SPX and VIX closes, VX1 and VX2 prices). Earlier rows still feed the signals and are not counted as skipped. */
      from: isoDate.optional(),
      /** Last date replayed (default: the last row). */
      to: isoDate.optional(),
      /** ALVH policy overrides (every method rule and default). */
      policy: PolicySchema.prefault({}),
      /** The replay's own assumptions. */
      assumptions: ReplayAssumptionsSchema.prefault({}),
      /**
       * Windows summarised separately; without it, the stress episodes of the data folder
       * ({@link DEFAULT_EPISODES}, those the replay reaches). Each one given is summarized, noted when
       * none of its days is replayed, or refused when it lies outside the replay's window.
       */
      episodes: z.array(ReplayEpisodeSchema).max(MAX_REPLAY_EPISODES).optional(),
    })
    .superRefine((input, ctx) => {
      // a market day is a weekday (the exchange prints no close on a Saturday or a Sunday)
      // (a date that is no calendar date has its own issue at rows[i].date: it is not read here)
      const weekend = input.rows.findIndex((r) => {
        const w = weekdayOrNull((r as { date: string }).date);
        return w === 0 || w === 6;
      });
      if (weekend >= 0) {
        const date = (input.rows[weekend] as { date: string }).date;
        const name = weekdayOrNull(date) === 6 ? 'Saturday' : 'Sunday';
        ctx.addIssue({
          code: 'custom',
          path: ['rows', weekend, 'date'],
          message: `${date} is a ${name}: pass market days only (a replay would open a condor on it)`,
        });
        return;
      }
      // nor an exchange holiday: the SPX prints nothing that day (a VIX-only row, as Cboe's VIX
      // file has on some holidays, is dropped by the replay: no market day, and no gap in the data)
      const holiday = input.rows.findIndex((r) => {
        const row = r as { date: string; spx?: number; spxOpen?: number };
        return (row.spx !== undefined || row.spxOpen !== undefined) && holidayOf(row.date) !== undefined;
      });
      if (holiday >= 0) {
        const date = (input.rows[holiday] as { date: string }).date;
        ctx.addIssue({
          code: 'custom',
          path: ['rows', holiday, 'date'],
          message: `${date} is an exchange holiday (${holidayOf(date) ?? ''}) with an SPX print: pass market days only (a replay would open a condor on it), or leave spx and spxOpen out of the row`,
        });
        return;
      }
      for (let i = 1; i < input.rows.length; i++) {
        const a = (input.rows[i - 1] as { date: string }).date;
        const b = (input.rows[i] as { date: string }).date;
        if (b <= a) {
          ctx.addIssue({
            code: 'custom',
            path: ['rows', i, 'date'],
            message: `date ${b} is ${b === a ? 'repeated' : `before ${a}`}; pass one row per date, oldest first`,
          });
          return;
        }
      }
      if (input.from !== undefined && input.to !== undefined && input.from > input.to) {
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: `to (${input.to}) is before from (${input.from}); pass from ≤ to`,
        });
      }
    });
}

export const ReplayInputSchema = replayInputSchema(MarketRowSchema);

/** The same, for rows {@link parseReplayInput} has parsed one by one already. */
const ReplayInputOfParsedRowsSchema = replayInputSchema(z.custom<z.output<typeof MarketRowSchema>>(() => true));

/**
 * Issues listed from the rows before their check stops (with the issue saying it stopped, the
 * 100 a problem document lists): 12,000 rows with every field wrong hold 252,000 issues, and
 * collecting them all held the request thread for seconds.
 */
export const MAX_ROW_ISSUES = 99;

/**
 * {@link ReplayInputSchema} parsed with its rows checked one by one, stopping after
 * {@link MAX_ROW_ISSUES} issues in them (an {@link InputValidationError} with those and one on
 * `rows` saying where the check stopped). With fewer, the issues are exactly `parseInput`'s.
 */
export function parseReplayInput(raw: unknown): ReplayParsedInput {
  const rows = (raw as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) return parseInput(ReplayInputSchema, raw);
  const parsed: z.output<typeof MarketRowSchema>[] = [];
  const issues: InputIssue[] = [];
  for (let i = 0; i < rows.length; i++) {
    // without the message hook first (it costs several parses), with it only for a row's words
    const plain = MarketRowSchema.safeParse(rows[i]);
    if (plain.success) {
      parsed.push(plain.data);
      continue;
    }
    const r = MarketRowSchema.safeParse(rows[i], { error: friendlyIssue });
    if (r.success) {
      parsed.push(r.data);
      continue;
    }
    issues.push(...inputIssues(r.error.issues, ['rows', i]));
    if (issues.length >= MAX_ROW_ISSUES) {
      throw new InputValidationError([
        ...issues.slice(0, MAX_ROW_ISSUES),
        {
          path: 'rows',
          // worded as parse.ts's CHECK_STOPPED knows it: the error's detail counts it as no issue
          message: `more than ${MAX_ROW_ISSUES} issues in the rows: checked up to rows[${i}] of ${rows.length}; correct these and send the rows again`,
        },
      ]);
    }
  }
  // a few issues: the whole input's, as parseInput lists them (the other fields' too)
  if (issues.length > 0) return parseInput(ReplayInputSchema, raw);
  return parseInput(ReplayInputOfParsedRowsSchema, { ...(raw as object), rows: parsed });
}

export type MarketRowInput = z.input<typeof MarketRowSchema>;
export type ReplayAssumptions = z.output<typeof ReplayAssumptionsSchema>;
export type ReplayEpisode = z.output<typeof ReplayEpisodeSchema>;
export type ReplayInput = z.input<typeof ReplayInputSchema>;
export type ReplayParsedInput = z.output<typeof ReplayInputSchema>;

/**
 * Legs a replay holds at most on one day: one condor campaign at a time when `entryEveryDays` is
 * 0 (a condor opens only when none is open), else up to `maxOpenCondors` campaigns; each holds
 * {@link REPLAY_LEGS_PER_CONDOR} legs. The contracts per leg (`condorQuantity`) cost no work.
 */
export function replayLegCount(assumptions: Pick<ReplayAssumptions, 'entryEveryDays' | 'maxOpenCondors'>): number {
  const condors = assumptions.entryEveryDays > 0 ? assumptions.maxOpenCondors : 1;
  return condors * REPLAY_LEGS_PER_CONDOR;
}

/**
 * Work limit of a replay counting what each day costs: rows replayed × legs held at most ≤
 * {@link MAX_REPLAY_ROW_LEGS}. Throws `limit_exceeded` naming `rows`, the request's figure and
 * the fix (fewer rows per request, or fewer condors open at once).
 */
export function checkReplayWork(rows: number, legs: number): void {
  const work = rows * legs;
  if (work > MAX_REPLAY_ROW_LEGS) {
    throw limitExceeded(
      'rows',
      `${grouped(rows)} rows replayed × ${legs} legs held (${legs / REPLAY_LEGS_PER_CONDOR} condors open at most × ${REPLAY_LEGS_PER_CONDOR} legs) = ${grouped(work)} row-legs, over the limit of ${grouped(MAX_REPLAY_ROW_LEGS)}`,
      `replay at most ${grouped(Math.floor(MAX_REPLAY_ROW_LEGS / legs))} days per request with these assumptions (split the history by date, or narrow from/to), or lower assumptions.maxOpenCondors`,
    );
  }
}
