/**
 * POST /api/surface: the SPX volatility surface (method Section 2b) from an option chain (Cboe
 * quotedata CSV text or rows {expiry, strike, type, bid, ask}) or from the Cboe indices, with the
 * vols of the points asked for. The request is checked on the request thread against strict
 * schemas (an unknown field at any depth is a 400) and the work limits (422); a chain is parsed
 * and fitted on the worker pool (hundreds of milliseconds of CPU), the index form runs inline (a
 * few milliseconds, like /api/plan). A chain sent as rows is counted here and checked against its
 * schema on the worker (40,000 row objects take a tenth of a second or more to check), with the
 * same 400. A full pool answers a chain's 503 before the chain is read.
 */
import {
  buildSurface,
  filledLines,
  invalidInput,
  isQuotedata,
  limitExceeded,
  parseInput,
  type SurfaceResponse,
} from '@alvh/shared';
import { checkComputeRoom, runCompute } from '../compute';
import { fromCompute, type JsonText, type RouteCall } from '../http/route';
import { MAX_CHAIN_CHARS, MAX_CHAIN_ROWS, SurfaceChainInputSchema, SurfaceIndicesInputSchema } from './surfaceSchemas';

export {
  MAX_CHAIN_CHARS,
  MAX_CHAIN_ROWS,
  MAX_SURFACE_POINTS,
  SurfaceChainInputSchema,
  SurfaceIndicesInputSchema,
  SurfaceInputSchema,
} from './surfaceSchemas';

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
  const opts = { ...(call.signal ? { signal: call.signal } : {}), json: true };
  // rows are checked against the schema on the worker, with the fit: 40,000 row objects would hold this thread
  if (Array.isArray(chain)) return fromCompute(await runCompute('surface', body, opts)) as SurfaceResponse | JsonText;
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
      'does not apply to quotedata text (a header beginning "Expiration Date"), which Cboe dates by the stamp line above that header ("Date: …")',
      'leave valuationDate out, or send the quotes as a plain table (expiry, strike, type, bid, ask) with their date',
    );
  }
  return fromCompute(await runCompute('surface', v, opts)) as SurfaceResponse | JsonText;
}
