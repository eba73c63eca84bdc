/**
 * POST /api/montecarlo: one Monte Carlo run, or one chunk of it (`seed`, `firstPath`,
 * `pathCount`). The input is checked on the request thread (400 with every issue, 422 over the
 * work limits; on the pool when it carries a VIX chain or a chain as rows: handlers/vixChains.ts) and the parsed
 * input runs on the worker pool, which also merges the chunks,
 * summarises them and serialises the answer. The answer carries the chunk's mergeable partial
 * (per-path arrays in path order) and its own summary (null for a single-path chunk: a
 * distribution needs two paths); callers that split a run merge the partials with the shared
 * `mergeMonteCarlo` and summarise once. `?partial=false` answers the summary alone, and may ask
 * for a run up to the pooled limits (MAX_POOLED_PATH_STEPS: the pool chunks it, merges and
 * summarises on a worker, nothing per path crosses HTTP); the per-path arrays are sent for at most
 * {@link MAX_PARTIAL_PATHS} paths per answer (422 above: chunk the run). With `Accept:
 * application/x-ndjson` the answer streams the run's progress before it (http/stream.ts).
 */
import {
  grouped,
  checkedMonteCarloRequest,
  checkRequestedHorizon,
  checkRequestedPaths,
  invalidInput,
  limitExceeded,
  POOLED_MONTE_CARLO_LIMITS,
  type MonteCarloInput,
  type MonteCarloPartial,
  type MonteCarloSummary,
  type MonteCarloWorkLimits,
} from '@alvh/shared';
import { checkComputeRoom, runCompute } from '../compute';
import { mergeAndSummarize } from '../compute/jobs';
import { fromCompute, JsonText, queryFlag, type RouteCall, type Streamed } from '../http/route';
import { answerRun } from '../http/stream';
import { scenarioWithChainsFitted } from './chains';
import { runCountField } from './runCount';
import { scenarioSetUpOnPool, setupOnPool } from './vixChains';

/** Most paths whose per-path arrays one answer carries (about 130 bytes of JSON per path: ≈ 33 MB). */
export const MAX_PARTIAL_PATHS = 250_000;

export interface MonteCarloResponse {
  /** Omitted with `?partial=false` (a whole run whose per-path arrays the caller does not need). */
  partial?: MonteCarloPartial;
  /** Null for a single-path chunk. */
  summary: MonteCarloSummary | null;
}

/** `?partial=false` drops the per-path arrays from the answer; `true` or none keeps them; anything else is a 400. */
function wantsPartial(call: RouteCall): boolean {
  return queryFlag(call.request, 'partial', true);
}

function isPartial(v: unknown): v is MonteCarloPartial {
  return typeof v === 'object' && v !== null && 'pathCount' in v && 'book' in v && 'condor' in v;
}

export async function monteCarloHandler(
  body: unknown,
  call: RouteCall,
): Promise<MonteCarloResponse | JsonText | Streamed> {
  checkRequestedPaths(body); // paths over the limit (1e300 too): one 422, not schema issues
  checkRequestedHorizon(body); // so is a horizon of 1e20 (from 731 on, the setup's 422 names it)
  const withPartial = wantsPartial(call);
  checkComputeRoom(); // a full pool answers its 503 before the setup below, not after it
  // A summary-only run is chunked over the pool here and answers no per-path arrays: the pooled
  // limits. An answer with arrays keeps the per-call ones (its chunks are the caller's to send).
  // Either way, a count the refusal suggests for a call with arrays is one an answer carries.
  const chunkPaths = MAX_PARTIAL_PATHS;
  const limits = withPartial
    ? { chunkPaths, summaryOnlyAsk: 'send ?partial=false' }
    : { ...POOLED_MONTE_CARLO_LIMITS, chunkPaths };
  // Validation and limits, before any work is queued (a chain is fitted on the pool first).
  // With a VIX chain, on the pool: the chain's fit is too heavy for the request thread; so is the
  // check of a chain sent as rows.
  const fitted = await scenarioWithChainsFitted(body, call, 'montecarlo');
  const { parsed, run } = scenarioSetUpOnPool(fitted)
    ? await setupOnPool('montecarlo', fitted, call, limits)
    : checkedHere(fitted, limits);
  const count = runCountField(parsed as MonteCarloInput); // pathCount, or paths when the request left pathCount out
  if (!withPartial && run.pathCount < 2) {
    // the answer would be a null summary and nothing else
    throw invalidInput(
      count.field,
      `${count.is}: a summary needs at least 2 paths, and ?partial=false asks for the summary alone`,
      'run at least 2 paths, or leave out ?partial=false for the path arrays of this chunk',
    );
  }
  if (withPartial && run.pathCount > MAX_PARTIAL_PATHS) {
    throw limitExceeded(
      count.field,
      `${count.is}: the per-path arrays of more than ${grouped(MAX_PARTIAL_PATHS)} paths are not sent in one answer`,
      `send ?partial=false for the summary alone, or chunk the run (firstPath, pathCount ≤ ${grouped(MAX_PARTIAL_PATHS)}) and merge the chunks`,
    );
  }
  const start = (onProgress?: (done: number, total: number) => void, signal?: AbortSignal) =>
    runCompute('montecarlo', parsed, {
      ...(signal ? { signal } : {}),
      ...(onProgress ? { onProgress } : {}),
      withPartial,
      json: true,
      // Checked above within limits at least as tight as the pool's: it runs the parsed input as it is.
      checked: run,
    });
  return answerRun(call, start, (raw) => monteCarloAnswer(raw, withPartial));
}

/** A request checked and resolved on this thread: its parsed input and run. */
function checkedHere(body: unknown, limits: MonteCarloWorkLimits) {
  const { parsed, setup } = checkedMonteCarloRequest(body, limits);
  return { parsed, run: setup.run };
}

/** The answer from the pool's output: its JSON text, or (a runner that returns values, as tests use) built here. */
function monteCarloAnswer(raw: unknown, withPartial: boolean): MonteCarloResponse | JsonText {
  const out = fromCompute(raw);
  if (out instanceof JsonText) return out;
  if (isPartial(out)) return mergeAndSummarize([out], withPartial, out);
  if (typeof out === 'object' && out !== null && 'summary' in out) {
    const r = out as MonteCarloResponse;
    return withPartial ? r : { summary: r.summary };
  }
  throw new Error('the compute pool returned an unexpected Monte Carlo result');
}
