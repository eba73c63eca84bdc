/**
 * zod schemas of the hedge module's inputs, for the hosts (HTTP bodies, Excel arguments, the
 * taskpane): positions as text or a range, and the held and target books of an order list.
 */
import { z } from 'zod';
import { parseInput } from '../schemas/parse';
import { finiteNumber, isoDate, optionType, positiveNumber } from '../schemas/common';
import { parsePositionRows, parsePositionsCsv, type HeldPosition } from './positions';
import { MAX_CONTRACTS } from '../validate';

/** Parameters of the tail structures (hedge/structures.ts): the spread's width and the ladder's offsets. */
export const StructureParamsSchema = z.strictObject({
  /** vix-call-spread: short strike above the long, VIX points. */
  spreadWidth: z
    .number({ error: 'pass a width in VIX points, e.g. 10' })
    .finite()
    .min(0.5, { error: 'pass a width of at least 0.5 VIX points' })
    .max(100, { error: 'pass a width of at most 100 VIX points' })
    .default(10),
  /** vix-call-ladder: out-of-the-money offsets of the calls, decimals of the future. */
  ladderOtm: z
    .array(z.number().finite().min(0, { error: 'pass offsets ≥ 0' }).max(5, { error: 'pass offsets ≤ 5 (500%)' }), {
      error: 'pass offsets as decimals, e.g. [0.25, 0.5, 1]',
    })
    .min(1, { error: 'pass at least one offset' })
    .max(10, { error: 'pass at most 10 offsets' })
    .default([0.25, 0.5, 1]),
});
export type StructureParams = z.output<typeof StructureParamsSchema>;

const contracts = `pass a signed number of contracts between -${MAX_CONTRACTS} and ${MAX_CONTRACTS}`;

const legFields = {
  kind: z.enum(['spx', 'vix'], { error: 'pass "spx" or "vix"' }),
  type: optionType,
  strike: positiveNumber,
  expiry: isoDate,
  root: z
    .enum(['SPX', 'SPXW'], { error: 'pass "SPXW" (PM-settled) or "SPX" (the AM-settled monthly), or leave it out' })
    .optional()
    .describe(
      "SPX legs: the exchange root, SPXW (PM-settled) or SPX (the AM-settled monthly, on the month's standard expiration only). Left out: a held leg is read as its date's root (SPX on a third Friday, SPXW on any other day), a target leg as the root its contract or expiry is held under",
    ),
};

/** A leg held: whole signed contracts, not 0 (as the broker CSV reader takes them: a leg of 0 is not held). */
export const HeldLegSchema = z.strictObject({
  ...legFields,
  quantity: finiteNumber
    .int({ error: 'pass whole contracts held' })
    .min(-MAX_CONTRACTS, { error: contracts })
    .max(MAX_CONTRACTS, { error: contracts })
    .refine((q) => q !== 0, {
      error:
        'is 0, not a whole, non-zero number of contracts: pass e.g. 10 for long, -10 for short, or leave out a leg not held',
    }),
});

/** A target leg: signed contracts (fractions are rounded toward zero) and the rule that asks for it. */
export const TargetLegSchema = z.strictObject({
  ...legFields,
  quantity: finiteNumber.min(-MAX_CONTRACTS, { error: contracts }).max(MAX_CONTRACTS, { error: contracts }),
  origin: z
    .string({ error: 'pass the rule that asks for the leg, e.g. "tail: vix-call"' })
    .min(1, { error: 'pass the rule that asks for the leg, e.g. "tail: vix-call"' })
    .max(200, { error: 'pass a label of at most 200 characters' }),
});

/** The books of an order list: held (default none) and target. */
export const OrderBooksSchema = z.strictObject({
  held: z
    .array(HeldLegSchema, { error: 'pass the legs held as a list' })
    .max(1000, { error: 'pass at most 1000 legs' })
    .default([]),
  target: z
    .array(TargetLegSchema, { error: 'pass the target legs as a list' })
    .max(1000, { error: 'pass at most 1000 legs' }),
});

const step = (what: string) =>
  positiveNumber
    .max(100, { error: `pass the ${what} strike grid in points, e.g. ${what === 'SPX' ? 5 : 0.5}` })
    .optional();

/**
 * Most characters of a pasted broker export: 1,000 lines of 100 characters, as many legs as a held
 * book takes. Parsing a megabyte held the host's request thread for a third of a second.
 */
export const MAX_POSITIONS_TEXT = 100_000;
/** The refusal of positions text over {@link MAX_POSITIONS_TEXT}, with the way to bring it within. */
export const TOO_LONG_POSITIONS = `pass at most ${MAX_POSITIONS_TEXT.toLocaleString('en-US')} characters of positions: delete the columns not read (all but the symbol and the signed quantity), or paste only the option lines`;

/** Most rows of positions given as rows (a sheet's range), header and blank rows included. */
export const MAX_POSITION_ROWS = 10_000;
/** The refusal of more than {@link MAX_POSITION_ROWS} rows of positions. */
export const TOO_MANY_POSITION_ROWS = `pass at most ${MAX_POSITION_ROWS.toLocaleString('en-US')} rows`;

/** Positions pasted as broker CSV text, or an Excel range's rows. */
export const PositionsInputSchema = z.strictObject({
  valuationDate: isoDate,
  positions: z.union(
    [
      z.string().max(MAX_POSITIONS_TEXT, { error: TOO_LONG_POSITIONS }),
      z.array(z.array(z.unknown())).max(MAX_POSITION_ROWS, { error: TOO_MANY_POSITION_ROWS }),
    ],
    { error: 'pass the positions as CSV text or as rows of [symbol, quantity]' },
  ),
  spxStrikeStep: step('SPX'),
  vixStrikeStep: step('VIX'),
});
export type PositionsInput = z.input<typeof PositionsInputSchema>;

/**
 * Validate a positions input and read it: text with {@link parsePositionsCsv}, rows with
 * {@link parsePositionRows}.
 * @example readPositions({ valuationDate: '2025-04-08', positions: 'VIX 250521C00033000,20,1.35' })[0].leg.quantity // 20
 */
export function readPositions(raw: PositionsInput): HeldPosition[] {
  const p = parseInput(PositionsInputSchema, raw);
  const rules = {
    valuationDate: p.valuationDate,
    ...(p.spxStrikeStep === undefined ? {} : { spxStrikeStep: p.spxStrikeStep }),
    ...(p.vixStrikeStep === undefined ? {} : { vixStrikeStep: p.vixStrikeStep }),
  };
  return typeof p.positions === 'string'
    ? parsePositionsCsv(p.positions, rules)
    : parsePositionRows(p.positions, rules);
}
