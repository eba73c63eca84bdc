/**
 * A chain is fitted on the worker pool, wherever a request carries one. A plan's market, or a
 * scenario's `plan.market` or `book`, may hold an SPX chain (`chain`: up to 3,000,000 characters
 * or 40,000 rows) that the method fits before anything else: 0.3-0.5 s of CPU for a real chain,
 * more for a large one. Done where it arrives, that fit would hold the request thread (every other
 * request, health included, waits), and the heavy routes would repeat it on the thread again for
 * their checks. So the request is first checked against its schema here (bad input queues no
 * work; a request carrying a chain as rows is checked on the worker instead, before the fit: see
 * {@link carriesChainRows}), each chain is fitted on the pool with the same call the method makes (the same errors,
 * naming the same fields), and the request goes on with the fitted surface in the chain's place,
 * which gives the same answer to the byte in a few milliseconds (test/functions/chains.test.ts).
 * A plan's orders are then quoted from the chain's quotes, which the fit hands back with the
 * surface, as the method quotes them when it fits the chain itself.
 */
import {
  AlvhError,
  InvalidFields,
  isAlvhError,
  SurfaceDataSchema,
  type ChainQuoteRow,
  type MarketSurfaceInput,
  type SpxSurfaceData,
} from '@alvh/shared';
import { checkComputeRoom, runCompute } from '../compute';
import { checkBody, type BodyCheck, type CheckedRoute } from '../compute/checks';
import type { ChainFitJob, ChainFitResult } from '../compute/jobs';
import type { RouteCall } from '../http/route';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A market that holds a chain to fit (a chain beside a fitted surface is left for the method to refuse). */
const hasChain = (m: unknown): m is Json => isObject(m) && m.chain !== undefined && m.surface === undefined;

/** An object with a chain (SPX or VIX) sent as rows. */
const rowsIn = (o: unknown): boolean => isObject(o) && (Array.isArray(o.chain) || Array.isArray(o.vixChain));

/**
 * Whether a request carries a chain as rows, SPX or VIX, wherever a request may send one: a plan's
 * market, a scenario's `plan.market` or `book`, the surface route's `chain`. Such a body is not
 * checked against its schema on the request thread (up to 40,000 row objects: a tenth of a second
 * or more), but on the worker that runs its work, before that work, with the same refusals.
 */
export function carriesChainRows(body: unknown): boolean {
  if (!isObject(body)) return false;
  return rowsIn(body) || rowsIn(body.market) || rowsIn(body.book) || (isObject(body.plan) && rowsIn(body.plan.market));
}

/**
 * `body` checked against its route's schema here, unless it carries a chain as rows
 * ({@link carriesChainRows}): then the check, for the worker to run before its work.
 */
function checkHereUnlessRows(route: CheckedRoute, body: unknown): { check?: BodyCheck } {
  if (carriesChainRows(body)) return { check: { route, body } };
  checkBody({ route, body });
  return {};
}

/** The market with the fitted surface in its chain's place. */
function withSurface(m: Json, surface: SpxSurfaceData): Json {
  const { chain: _fitted, ...rest } = m;
  return { ...rest, surface };
}

async function fit(job: ChainFitJob, call: RouteCall): Promise<ChainFitResult> {
  const fitted = (await runCompute('chain', job, call.signal ? { signal: call.signal } : {})) as ChainFitResult;
  const data = fitted.data;
  // The request goes on with this surface in the chain's place: it must pass where a sent surface would.
  const checked = SurfaceDataSchema.safeParse(data);
  if (checked.success) return fitted;
  if (data.slices.length > 500)
    throw new AlvhError(
      'limit_exceeded',
      `${job.root}.chain`,
      `fits to a surface of ${data.slices.length} expiries, beyond what a surface may hold (500 slices)`,
      'send the expiries you need, not the whole listing',
    );
  const issue = checked.error.issues[0]!;
  const slice =
    issue.path[0] === 'slices' && typeof issue.path[1] === 'number' ? data.slices[issue.path[1]] : undefined;
  throw new AlvhError(
    'invalid_input',
    `${job.root}.chain`,
    `fits to a surface outside what a surface may carry${slice ? ` at its ${slice.expiry} expiry` : ''} (${issue.path.join('.')}: ${issue.message})`,
    'leave out the expiries whose quotes are too few or too far out to fit, or send the surface you fitted as surface',
  );
}

/**
 * A plan input with the chain of its market fitted on the pool, and the chain's quotes; as it is
 * (no quotes) when its market has none.
 */
async function planFitted(
  p: Json,
  call: RouteCall,
  check: { check?: BodyCheck },
): Promise<{ body: Json; quotes?: ChainQuoteRow[]; atSpx?: boolean }> {
  const m = p.market;
  if (!hasChain(m)) return { body: p };
  const job: ChainFitJob = {
    valuationDate: p.valuationDate as string,
    market: { ...(m as unknown as MarketSurfaceInput), divYield: (m.divYield as number | undefined) ?? 0 },
    root: 'market',
    spotField: 'spx',
    ...check,
  };
  const { data, quotes, atSpx } = await fit(job, call);
  return { body: { ...p, market: withSurface(m, data) }, quotes, atSpx };
}

/** A scenario book with its chain fitted on the pool; as it is when it has none. */
async function bookFitted(book: Json, call: RouteCall, check: { check?: BodyCheck }): Promise<Json> {
  if (!hasChain(book)) return book;
  const job: ChainFitJob = {
    valuationDate: book.valuationDate as string,
    market: { ...(book as unknown as MarketSurfaceInput), spx: book.spot as number },
    root: 'book',
    spotField: 'spot',
    ...check,
  };
  return withSurface(book, (await fit(job, call)).data);
}

/**
 * `body` with the chain of its plan's market fitted on the pool (a plan input: POST /api/plan), and
 * the chain's quotes for the plan's orders. A body with a chain is checked against its schema first,
 * here or, when it carries a chain as rows, on the worker before the fit (the route checks every
 * body again, so one without a chain is returned as it is, unchecked here). A full pool refuses a
 * body with a chain before that check: its 503 costs no parse of the chain.
 */
export async function planWithChainFitted(
  body: unknown,
  call: RouteCall,
): Promise<{ body: unknown; quotes?: ChainQuoteRow[]; atSpx?: boolean }> {
  if (!isObject(body) || !hasChain(body.market)) return { body };
  checkComputeRoom(); // the fit needs the pool: a full one answers its 503 before the body is checked
  return planFitted(body, call, checkHereUnlessRows('plan', body));
}

/** A refusal of the plan inside a scenario request, named where the plan sits (`plan.market.chain`). */
async function inPlan<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof InvalidFields) throw e.renamed((f) => `plan.${f}`);
    if (isAlvhError(e) && !('issues' in e)) throw new AlvhError(e.code, `plan.${e.field}`, e.problem, e.fix);
    throw e;
  }
}

/**
 * `body` with the chains of a scenario input fitted on the pool: `plan.market` and `book` (POST
 * /api/stress, /api/montecarlo, /api/frontier). A body with a chain is checked against its route's
 * schema first, here or, when it carries a chain as rows, on the worker before the first fit (a
 * full pool refuses it before that check); one without is returned as it is, for the route to
 * check.
 */
export async function scenarioWithChainsFitted(body: unknown, call: RouteCall, route: CheckedRoute): Promise<unknown> {
  if (!isObject(body)) return body;
  const { plan, book } = body;
  const planChain = isObject(plan) && hasChain(plan.market);
  if (!planChain && !hasChain(book)) return body;
  checkComputeRoom(); // the fits need the pool: a full one answers its 503 before the body is checked
  const check = checkHereUnlessRows(route, body);
  let out = body;
  if (planChain) out = { ...out, plan: (await inPlan(() => planFitted(plan, call, check))).body };
  if (isObject(book)) out = { ...out, book: await bookFitted(book, call, planChain ? {} : check) };
  return out;
}
