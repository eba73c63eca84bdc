/**
 * POST /api/stress: the stress grid (SPX move × VIX level × days elapsed → P&L of condor,
 * overlay, tail, total). Input and the grid-size limit are checked on the request thread; the
 * grid is computed on the worker pool.
 */
import { checkStressLimits, parseInput, StressGridInputSchema, type StressGridResult } from '@alvh/shared';
import { runCompute } from '../compute';
import type { RouteCall } from '../http/route';

/** The default VIX axis has at most this many levels (today's VIX, one below, five above). */
const DEFAULT_VIX_LEVELS = 7;

export async function stressHandler(body: unknown, call: RouteCall): Promise<StressGridResult> {
  const v = parseInput(StressGridInputSchema, body);
  checkStressLimits(v.spxMoves.length, v.vixLevels?.length ?? DEFAULT_VIX_LEVELS, v.days.length);
  return (await runCompute('stress', body, call.signal)) as StressGridResult;
}
