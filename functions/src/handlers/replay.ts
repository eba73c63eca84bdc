/**
 * POST /api/replay: the ALVH policy replayed over the daily history the caller sends. The request
 * thread checks only what costs nothing: the room in the pool (a full one answers its 503 at once)
 * and the row limit (the rows counted, none read). The schema, row by row, and the work limit (rows
 * replayed × legs held, `checkReplayWork`) are checked on the worker with the replay
 * (`replayWithinWorkLimit`), whose answer is serialised there too: 10,000 rows take a tenth of a
 * second to check, which the request thread no longer spends. Their refusals cross back with their
 * class and issues, so the problem documents (400 with issues, 422) are those of any endpoint.
 */
import { grouped, limitExceeded, MAX_REPLAY_ROWS, type ReplayResult } from '@alvh/shared';
import { checkComputeRoom, runCompute } from '../compute';
import { fromCompute, type JsonText, type RouteCall } from '../http/route';

export async function replayHandler(body: unknown, call: RouteCall): Promise<ReplayResult | JsonText> {
  const rows = (body as { rows?: unknown } | null)?.rows;
  if (Array.isArray(rows) && rows.length > MAX_REPLAY_ROWS) {
    throw limitExceeded(
      'rows',
      `has ${grouped(rows.length)} rows, more than the limit of ${grouped(MAX_REPLAY_ROWS)}`,
      `replay at most ${grouped(MAX_REPLAY_ROWS)} days at a time (split the history by date)`,
    );
  }
  checkComputeRoom(); // the replay runs on the pool: a full one answers its 503 before the body is queued
  const out = await runCompute('replay', body, { ...(call.signal ? { signal: call.signal } : {}), json: true });
  return fromCompute(out) as ReplayResult | JsonText;
}
