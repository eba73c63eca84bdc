/**
 * The checks of a request body that a handler runs on the request thread before it queues work,
 * and that a worker runs instead when the body carries a chain as rows (handlers/chains.ts,
 * `carriesChainRows`): up to 40,000 row objects to check against their schema, about 150 ms of
 * CPU that would hold the request thread (every other request, /api/health included, waits). The
 * worker runs the same calls, so a refusal is the same problem document, naming the same field.
 */
import {
  checkStressLimits,
  checkStressWork,
  DEFAULT_VIX_LEVEL_COUNT,
  FrontierInputSchema,
  MonteCarloInputSchema,
  parseInput,
  PlanInputSchema,
  scenarioLegCount,
  StressGridInputSchema,
  type StressGridInput,
} from '@alvh/shared';

/** The schema of each route whose body may carry a chain (a plan's market, a scenario's plan or book). */
const SCHEMAS = {
  plan: PlanInputSchema,
  stress: StressGridInputSchema,
  montecarlo: MonteCarloInputSchema,
  frontier: FrontierInputSchema,
} as const;

export type CheckedRoute = keyof typeof SCHEMAS;

/** A body to check against its route's schema. */
export interface BodyCheck {
  route: CheckedRoute;
  body: unknown;
}

/** The body checked against its route's schema: an InputValidationError listing the issues. */
export function checkBody(c: BodyCheck): void {
  parseInput(SCHEMAS[c.route], c.body);
}

/**
 * A stress input checked as POST /api/stress checks it before the grid runs: its schema, the
 * grid's cells and cells × legs; the parsed input.
 */
export function checkedStressInput(body: unknown): StressGridInput {
  const v = parseInput(StressGridInputSchema, body);
  const levels = v.vixLevels?.length ?? DEFAULT_VIX_LEVEL_COUNT;
  checkStressLimits(v.spxMoves.length, levels, v.days.length);
  checkStressWork(v.spxMoves.length * levels * v.days.length, scenarioLegCount(v));
  return v;
}
