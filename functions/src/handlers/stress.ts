/**
 * POST /api/stress: the stress grid (SPX move × VIX level × days elapsed → P&L of condor,
 * overlay, tail, total). Input and the work limits (cells, and cells × legs) are checked on the
 * request thread; the grid is computed, and its answer serialised, on the worker pool, which
 * receives the parsed input only. A full pool answers its 503 before the input is parsed. A chain
 * in the plan's market or the book is fitted on the pool first (handlers/chains.ts).
 */
import {
  DEFAULT_VIX_LEVEL_COUNT,
  checkStressLimits,
  checkStressWork,
  parseInput,
  scenarioLegCount,
  StressGridInputSchema,
  type StressGridResult,
} from '@alvh/shared';
import { checkComputeRoom, runCompute } from '../compute';
import { fromCompute, type JsonText, type RouteCall } from '../http/route';
import { scenarioWithChainsFitted } from './chains';

export async function stressHandler(body: unknown, call: RouteCall): Promise<StressGridResult | JsonText> {
  checkComputeRoom(); // the grid runs on the pool: a full one answers its 503 before the body is checked
  const v = parseInput(StressGridInputSchema, await scenarioWithChainsFitted(body, call, StressGridInputSchema));
  const levels = v.vixLevels?.length ?? DEFAULT_VIX_LEVEL_COUNT;
  checkStressLimits(v.spxMoves.length, levels, v.days.length);
  checkStressWork(v.spxMoves.length * levels * v.days.length, scenarioLegCount(v));
  const out = await runCompute('stress', v, { ...(call.signal ? { signal: call.signal } : {}), json: true });
  return fromCompute(out) as StressGridResult | JsonText;
}
