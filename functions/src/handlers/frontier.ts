/**
 * POST /api/frontier: the budget frontier of a plan input, or one chunk of it (`seed`,
 * `firstPath`, `pathCount`). The input is checked on the request thread (400 with every issue, 422
 * over the work limit paths × steps × legs; on the pool when it carries a VIX chain or a
 * chain as rows: handlers/vixChains.ts) and the parsed input runs on the worker pool
 * in path chunks, merged and summarised on a worker (422 there when the exact search would be over
 * its limit, MAX_FRONTIER_SEARCH_WORK: its rows come from the paths). The answer is the frontier itself
 * (`FrontierResult`); `?partial=true` adds the merged per-path arrays (`partial`), which callers
 * that fan chunks over several hosts merge with the shared `mergeFrontier` and summarise once.
 * With `Accept: application/x-ndjson` the answer streams the run's progress before it
 * (http/stream.ts).
 */
import {
  grouped,
  checkRequestedPaths,
  frontierSetup,
  limitExceeded,
  type FrontierChunkLimits,
  type ParsedFrontierInput,
  type FrontierPartial,
  type FrontierResult,
} from '@alvh/shared';
import { checkComputeRoom, runCompute } from '../compute';
import { mergeAndSummarizeFrontierParts } from '../compute/jobs';
import { fromCompute, JsonText, queryFlag, type RouteCall, type Streamed } from '../http/route';
import { answerRun } from '../http/stream';
import { scenarioWithChainsFitted } from './chains';
import { runCountField } from './runCount';
import { scenarioSetUpOnPool, setupOnPool } from './vixChains';

/** Most paths whose per-path arrays one answer carries. */
export const MAX_FRONTIER_PARTIAL_PATHS = 100_000;

export type FrontierResponse = FrontierResult & { partial?: FrontierPartial };

function wantsPartial(call: RouteCall): boolean {
  return queryFlag(call.request, 'partial', false);
}

function isPartial(v: unknown): v is FrontierPartial {
  return typeof v === 'object' && v !== null && 'hedges' in v && 'frame' in v && !('points' in v);
}

export async function frontierHandler(body: unknown, call: RouteCall): Promise<FrontierResponse | JsonText | Streamed> {
  checkRequestedPaths(body); // the paths limit as /api/montecarlo answers it (422), before the schema's bound
  const withPartial = wantsPartial(call); // a bad ?partial= is a 400 before any work (a chain's fit among it)
  checkComputeRoom(); // a full pool answers its 503 before the setup below (a plan built), not after it
  const fitted = await scenarioWithChainsFitted(body, call, 'frontier'); // a chain fitted on the pool
  // Validation and limits, before any work is queued; the pool runs the parsed input without a second setup.
  // A path count the refusal suggests is one an answer carries, and the chunks it says to send ask
  // for the per-path arrays they merge from, with or without ?partial=true on this call.
  const chunk: FrontierChunkLimits = { chunkPaths: MAX_FRONTIER_PARTIAL_PATHS, chunkAsk: 'with ?partial=true' };
  // With a VIX chain, on the pool: the chain's fit is too heavy for the request thread; so is the
  // check of a chain sent as rows.
  const { parsed, run } = scenarioSetUpOnPool(fitted)
    ? await setupOnPool('frontier', fitted, call, chunk)
    : setupHere(fitted, chunk);
  if (withPartial && run.pathCount > MAX_FRONTIER_PARTIAL_PATHS) {
    const count = runCountField(parsed as ParsedFrontierInput); // pathCount, or paths when the request left pathCount out
    throw limitExceeded(
      count.field,
      `${count.is}: the per-path arrays of more than ${grouped(MAX_FRONTIER_PARTIAL_PATHS)} paths are not sent in one answer`,
      `drop ?partial=true for the frontier alone, or chunk the run (firstPath, pathCount ≤ ${grouped(MAX_FRONTIER_PARTIAL_PATHS)})`,
    );
  }
  const start = (onProgress?: (done: number, total: number) => void, signal?: AbortSignal) =>
    runCompute('frontier', parsed, {
      ...(signal ? { signal } : {}),
      ...(onProgress ? { onProgress } : {}),
      withPartial,
      json: true,
      checked: run,
    });
  return answerRun(call, start, (raw) => frontierAnswer(raw, withPartial));
}

/** A request checked and resolved on this thread (the plan built): its parsed input and run. */
function setupHere(body: unknown, limits: FrontierChunkLimits) {
  const { mc, input } = frontierSetup(body, undefined, limits);
  return { parsed: input, run: mc.run };
}

/** The answer from the pool's output: its JSON text, or (a runner that returns values, as tests use) built here. */
function frontierAnswer(raw: unknown, withPartial: boolean): FrontierResponse | JsonText {
  const out = fromCompute(raw);
  if (out instanceof JsonText) return out;
  if (isPartial(out)) return mergeAndSummarizeFrontierParts([out], withPartial);
  if (typeof out === 'object' && out !== null && 'points' in out) {
    const r = out as FrontierResponse;
    if (withPartial) return r;
    const { partial: _drop, ...rest } = r;
    return rest;
  }
  throw new Error('the compute pool returned an unexpected frontier result');
}
