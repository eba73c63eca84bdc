/**
 * POST /api/plan: the full explained hedge plan. Runs inline on the request thread — it is a few
 * milliseconds of closed-form work, and the heavy endpoints never share this thread.
 */
import { plan, type Plan, type PlanInput } from '@alvh/shared';

export function planHandler(body: unknown): Plan {
  // plan() validates its input with PlanInputSchema and throws field-named errors.
  return plan(body as PlanInput);
}
