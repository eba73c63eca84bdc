/**
 * POST /api/replay: the ALVH policy replayed over the daily history the caller sends. Validation,
 * the row limit and the replay itself all run on the worker pool: parsing thousands of rows is
 * work too, and it must not hold up plan requests. Errors come back field-named, as from any
 * endpoint.
 */
import type { ReplayResult } from '@alvh/shared';
import { runCompute } from '../compute';
import type { RouteCall } from '../http/route';

export async function replayHandler(body: unknown, call: RouteCall): Promise<ReplayResult> {
  return (await runCompute('replay', body, call.signal)) as ReplayResult;
}
