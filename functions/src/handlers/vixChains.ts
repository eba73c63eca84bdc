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
 */
import { parseInput, PlanInputSchema, type MonteCarloWorkLimits, type Plan } from '@alvh/shared';
import type { z } from 'zod';
import { checkComputeRoom, runCompute } from '../compute';
import type { SetupJob, SetupResult } from '../compute/jobs';
import type { RouteCall } from '../http/route';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A market (or book) that carries a VIX chain. */
const hasVixChain = (m: unknown): boolean => isObject(m) && m.vixChain !== undefined;

/** A plan input whose market carries a VIX chain. */
export const planCarriesVixChain = (body: unknown): boolean => isObject(body) && hasVixChain(body.market);

/** A scenario input whose plan's market or book carries a VIX chain. */
export const scenarioCarriesVixChain = (body: unknown): boolean =>
  isObject(body) && (planCarriesVixChain(body.plan) || hasVixChain(body.book));

const withSignal = (call: RouteCall) => (call.signal ? { signal: call.signal } : {});

/**
 * plan() of a plan input whose market carries a VIX chain, run on the pool. The input is checked
 * against its schema here first (bad input queues no work), after a full pool's 503.
 */
export async function planOnPool(body: unknown, call: RouteCall): Promise<Plan> {
  checkComputeRoom();
  parseInput(PlanInputSchema, body);
  return (await runCompute('plan', body, withSignal(call))) as Plan;
}

/**
 * A Monte Carlo or frontier input carrying a VIX chain, checked and resolved on the pool as its
 * handler would on the request thread (within `limits`): the parsed input and the run. The input
 * is checked against `schema` here first (bad input queues no work), after a full pool's 503.
 */
export async function setupOnPool(
  route: SetupJob['route'],
  body: unknown,
  call: RouteCall,
  schema: z.ZodType,
  limits: MonteCarloWorkLimits,
): Promise<SetupResult> {
  checkComputeRoom();
  parseInput(schema, body);
  return (await runCompute('setup', { route, body, limits } satisfies SetupJob, withSignal(call))) as SetupResult;
}
