/**
 * A VIX chain is fitted on the worker pool too, wherever a request carries one (`market.vixChain`
 * of a plan, of a scenario's `plan`, or a scenario `book`'s `vixChain`: up to 600,000 characters
 * or 8,000 rows, 40 expiries). Its fit costs up to about a second of CPU for the largest chain the
 * schema takes; done where the request arrives, it would hold the request thread (every other
 * request, health included, waits).
 *
 * Unlike the SPX chain (handlers/chains.ts), whose fitted surface is a field a request may send, a
 * VIX chain's fit has no such field: what the plan says of it (the expiries left out, the fit's
 * own warnings, a parity forward far from the VX curve's future) comes from the chain and the
 * curve together. So the work that fits it moves to the pool whole: /api/plan's plan(), and the
 * check and resolution that /api/montecarlo and /api/frontier run before queueing their paths
 * (the plan built, the book's surfaces). The pool runs the same shared call the request thread
 * would, so the answer is the same to the byte and a refusal the same problem, naming the same
 * field (test/functions/vixChainPool.test.ts). /api/stress fits nothing on the request thread: its
 * grid, plan and book included, is built on the pool.
 *
 * A request that carries a chain as rows (handlers/chains.ts, `carriesChainRows`: a VIX chain, or
 * an SPX chain beside a fitted surface, which the method refuses) goes the same way, and its body
 * is checked against its schema there, not here: up to 40,000 row objects to check would hold the
 * request thread as the fit would.
 */
import type { FrontierChunkLimits, MonteCarloWorkLimits, Plan } from '@alvh/shared';
import { checkComputeRoom, runCompute } from '../compute';
import { checkBody, type CheckedRoute } from '../compute/checks';
import type { SetupJob, SetupResult } from '../compute/jobs';
import type { RouteCall } from '../http/route';
import { carriesChainRows } from './chains';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A market (or book) that carries a VIX chain. */
const hasVixChain = (m: unknown): boolean => isObject(m) && m.vixChain !== undefined;

/** A plan input whose market carries a VIX chain. */
const planCarriesVixChain = (body: unknown): boolean => isObject(body) && hasVixChain(body.market);

/** A plan input built on the pool: its market carries a VIX chain, or a chain as rows. */
export const planBuiltOnPool = (body: unknown): boolean => planCarriesVixChain(body) || carriesChainRows(body);

/** A scenario input checked and resolved on the pool: its plan's market or book carries a VIX chain, or a chain as rows. */
export const scenarioSetUpOnPool = (body: unknown): boolean =>
  (isObject(body) && (planCarriesVixChain(body.plan) || hasVixChain(body.book))) || carriesChainRows(body);

const withSignal = (call: RouteCall) => (call.signal ? { signal: call.signal } : {});

/**
 * The body checked against its route's schema here, after a full pool's 503 (bad input queues no
 * work); unless it carries a chain as rows, which the worker's job checks first.
 */
function checkedHere(route: CheckedRoute, body: unknown): void {
  checkComputeRoom();
  if (!carriesChainRows(body)) checkBody({ route, body });
}

/** plan() of a plan input whose market carries a VIX chain (or a chain as rows), run on the pool. */
export async function planOnPool(body: unknown, call: RouteCall): Promise<Plan> {
  checkedHere('plan', body);
  return (await runCompute('plan', body, withSignal(call))) as Plan;
}

/**
 * A Monte Carlo or frontier input carrying a VIX chain (or a chain as rows), checked and resolved
 * on the pool as its handler would on the request thread (within `limits`): the parsed input and
 * the run.
 */
export async function setupOnPool(
  route: SetupJob['route'],
  body: unknown,
  call: RouteCall,
  limits: MonteCarloWorkLimits & FrontierChunkLimits,
): Promise<SetupResult> {
  checkedHere(route, body);
  return (await runCompute('setup', { route, body, limits } satisfies SetupJob, withSignal(call))) as SetupResult;
}
