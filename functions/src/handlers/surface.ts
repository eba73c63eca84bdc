/**
 * POST /api/surface: the SPX volatility surface (method Section 2b) from an option chain (Cboe
 * quotedata CSV text or rows {expiry, strike, type, bid, ask}) or from the Cboe indices, with the
 * vols of the points asked for. The request is checked on the request thread against strict
 * schemas (an unknown field at any depth is a 400) and the work limits (422); a chain is parsed
 * and fitted on the worker pool (hundreds of milliseconds of CPU), the index form runs inline (a
 * few milliseconds, like /api/plan). A full pool answers a chain's 503 before the chain is read.
 */
import {
  buildSurface,
  filledLines,
  invalidInput,
  isQuotedata,
  limitExceeded,
  parseInput,
  SurfaceFromChainSchema,
  SurfaceFromIndicesSchema,
  SurfacePointSchema,
  type SurfaceResponse,
} from '@alvh/shared';
import { z } from 'zod';
import { checkComputeRoom, runCompute } from '../compute';
import { fromCompute, type JsonText, type RouteCall } from '../http/route';

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

export async function surfaceHandler(body: unknown, call: RouteCall): Promise<SurfaceResponse | JsonText> {
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  if (!isObject || !('chain' in body)) {
    // The index form (or an object that is neither: the index schema names what is missing).
    return buildSurface(parseInput(SurfaceIndicesInputSchema, body));
  }
  checkComputeRoom(); // a chain is fitted on the pool: a full one answers its 503 before the chain is read
  const chain = body.chain;
  if (typeof chain === 'string' && chain.length > MAX_CHAIN_CHARS) {
    throw limitExceeded(
      'chain',
      `has ${chain.length} characters, more than the limit of ${MAX_CHAIN_CHARS}`,
      'send one chain at a time, or only the expiries you need',
    );
  }
  const lines = typeof chain === 'string' ? filledLines(chain, MAX_CHAIN_ROWS) : 0;
  if (lines > MAX_CHAIN_ROWS) {
    throw limitExceeded(
      'chain',
      `has more than ${MAX_CHAIN_ROWS} lines of text, the limit for a chain (one quote a line in a table, two in quotedata)`,
      'send one chain at a time, or only the expiries you need',
    );
  }
  if (Array.isArray(chain) && chain.length > MAX_CHAIN_ROWS) {
    throw limitExceeded(
      'chain',
      `has ${chain.length} rows, more than the limit of ${MAX_CHAIN_ROWS}`,
      'send one chain at a time, or only the expiries you need',
    );
  }
  const v = parseInput(SurfaceChainInputSchema, body);
  if (typeof v.chain === 'string' && v.chain.trim() === '') {
    throw invalidInput(
      'chain',
      'is empty (only blanks)',
      'send the quotedata CSV text as Cboe exports it, or rows {expiry, strike, type, bid, ask}',
    );
  }
  // the date first: the layout test reads the whole text, on the request thread
  if (v.valuationDate !== undefined && typeof v.chain === 'string' && isQuotedata(v.chain)) {
    throw invalidInput(
      'valuationDate',
      'does not apply to quotedata text, which is dated by its own stamp (line 3)',
      'leave valuationDate out, or send the quotes as a plain table (expiry, strike, type, bid, ask) with their date',
    );
  }
  const out = await runCompute('surface', v, { ...(call.signal ? { signal: call.signal } : {}), json: true });
  return fromCompute(out) as SurfaceResponse | JsonText;
}
