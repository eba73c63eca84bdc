/**
 * What POST /api/surface accepts: its limits and its strict schemas (the chain form and the index
 * form). A module of their own, so that the compute worker, which checks a chain sent as rows
 * against the chain form, imports them without the handler and the pool it calls.
 */
import { SurfaceFromChainSchema, SurfaceFromIndicesSchema, SurfacePointSchema } from '@alvh/shared';
import { z } from 'zod';

/** Most characters of chain text: about twice the largest real quotedata file (1.55 MB, 10 257 strike rows). */
export const MAX_CHAIN_CHARS = 3_000_000;
/**
 * Most chain rows: quotes in the table form (about twice the 20 500 quotes of the largest real
 * chain), and lines of chain text (a plain table has one quote a line, quotedata two).
 */
export const MAX_CHAIN_ROWS = 40_000;
/** Most points whose vol is asked for (the shared schema's limit). */
export const MAX_SURFACE_POINTS = 10_000;

const points = z
  .array(SurfacePointSchema.strict())
  .max(MAX_SURFACE_POINTS, { error: `pass at most ${MAX_SURFACE_POINTS.toLocaleString('en-US')} points` })
  .optional();

/**
 * The chain form, strict at every depth (the shared schema, whose chain says what to pass when it
 * is neither text nor rows).
 */
export const SurfaceChainInputSchema = z.strictObject({
  ...SurfaceFromChainSchema.shape,
  points,
});

/** The index form, strict at every depth. */
export const SurfaceIndicesInputSchema = z.strictObject({
  ...SurfaceFromIndicesSchema.shape,
  indices: SurfaceFromIndicesSchema.shape.indices.strict(),
  points,
});

/**
 * What POST /api/surface accepts: the chain form or the index form (the OpenAPI request schema;
 * the handler picks the form by `chain` and checks the body against that one).
 */
export const SurfaceInputSchema = z.union([SurfaceChainInputSchema, SurfaceIndicesInputSchema], {
  error:
    'pass the chain form { chain, valuationDate?, spot?, vix?, points? } or the index form { valuationDate, spot, indices, rate?, divYield?, points? }',
});
