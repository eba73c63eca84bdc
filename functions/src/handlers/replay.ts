/**
 * POST /api/replay: the ALVH policy replayed over the daily history the caller sends. The row
 * limit, the schema and the work limit (rows replayed × legs held, `checkReplayWork`) are checked
 * on the request thread (the worker receives the parsed rows only); the replay runs, and its
 * answer is serialised, on the worker pool. A full pool answers its 503 before the rows are
 * parsed. Errors come back field-named, as from any endpoint.
 */
import {
  checkReplayWork,
  limitExceeded,
  MAX_REPLAY_ROWS,
  parseReplayInput,
  replayedRowCount,
  replayLegCount,
  type ReplayResult,
} from '@alvh/shared';
import { checkComputeRoom, runCompute } from '../compute';
import { fromCompute, type JsonText, type RouteCall } from '../http/route';

export async function replayHandler(body: unknown, call: RouteCall): Promise<ReplayResult | JsonText> {
  const rows = (body as { rows?: unknown } | null)?.rows;
  if (Array.isArray(rows) && rows.length > MAX_REPLAY_ROWS) {
    throw limitExceeded(
      'rows',
      `has ${rows.length} rows, more than the limit of ${MAX_REPLAY_ROWS}`,
      `replay at most ${MAX_REPLAY_ROWS} days at a time (split the history by date)`,
    );
  }
  checkComputeRoom(); // the replay runs on the pool: a full one answers its 503 before the rows are checked
  // row by row, stopping after the first issues: 12,000 rows of wrong fields are not all listed
  const v = parseReplayInput(body);
  checkReplayWork(replayedRowCount(v), replayLegCount(v.assumptions));
  const out = await runCompute('replay', v, { ...(call.signal ? { signal: call.signal } : {}), json: true });
  return fromCompute(out) as ReplayResult | JsonText;
}
