/**
 * POST /api/plan: the full explained hedge plan. Runs inline on the request thread: a few
 * milliseconds of closed-form work, and the heavy endpoints never share this thread. A chain in
 * `market.chain` is fitted on the worker pool first (handlers/chains.ts).
 */
import { plan, PlanInputSchema, type Plan, type PlanInput } from '@alvh/shared';
import type { RouteCall } from '../http/route';
import { planWithChainFitted } from './chains';

export async function planHandler(body: unknown, call: RouteCall): Promise<Plan> {
  // plan() validates its input with PlanInputSchema and throws field-named errors.
  return plan((await planWithChainFitted(body, call, PlanInputSchema)) as PlanInput);
}
