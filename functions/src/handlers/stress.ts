/**
 * POST /api/stress: the stress grid (SPX move × VIX level × days elapsed → P&L of condor,
 * overlay, tail, total). Input and the work limits (cells, and cells × legs) are checked on the
 * request thread; the grid is computed, and its answer serialised, on the worker pool, which
 * receives the parsed input only. A full pool answers its 503 before the input is parsed. A chain
 * in the plan's market or the book is fitted on the pool first (handlers/chains.ts). A body that
 * carries a chain as rows is checked on a worker instead, with the same refusals (up to 40,000 row
 * objects would hold this thread): with the fit of its SPX chain, or, for rows left after the fits
 * (a VIX chain, an SPX chain beside a surface), with the grid.
 */
import type { StressGridResult } from '@alvh/shared';
import { checkComputeRoom, runCompute } from '../compute';
import { checkedStressInput } from '../compute/checks';
import { fromCompute, type JsonText, type RouteCall } from '../http/route';
import { carriesChainRows, scenarioWithChainsFitted } from './chains';

export async function stressHandler(body: unknown, call: RouteCall): Promise<StressGridResult | JsonText> {
  checkComputeRoom(); // the grid runs on the pool: a full one answers its 503 before the body is checked
  const fitted = await scenarioWithChainsFitted(body, call, 'stress');
  // the worker checks the input again (schema and limits) before the grid: of a body as sent, the only check
  const v = carriesChainRows(fitted) ? fitted : checkedStressInput(fitted);
  const out = await runCompute('stress', v, { ...(call.signal ? { signal: call.signal } : {}), json: true });
  return fromCompute(out) as StressGridResult | JsonText;
}
