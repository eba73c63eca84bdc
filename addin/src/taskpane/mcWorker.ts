/**
 * The taskpane's Web Worker: runs the shared Monte Carlo (in chunks of paths, reporting progress
 * after each) and the stress grid off the page's thread. The page cancels by terminating it.
 * Chunks are merged with the shared `mergeMonteCarlo`, which gives the same result to the last
 * bit as one run of all paths.
 */
import {
  MonteCarloInputSchema,
  mergeMonteCarlo,
  parseInput,
  runMonteCarloChunk,
  stressGrid,
  summarizeMonteCarlo,
} from '@alvh/shared';
import type { MonteCarloPartial } from '@alvh/shared';
import { chunkPaths } from './jobs';
import type { WorkerMessage, WorkerRequest } from './jobs';

interface WorkerScope {
  postMessage(m: WorkerMessage): void;
  onmessage: ((ev: MessageEvent<WorkerRequest>) => void) | null;
}
const scope = self as unknown as WorkerScope;

function runMonteCarlo(raw: unknown, chunkSize: number): unknown {
  const input = parseInput(MonteCarloInputSchema, raw);
  const total = input.paths;
  const parts: MonteCarloPartial[] = [];
  let before = 0;
  for (const [firstPath, pathCount] of chunkPaths(total, chunkSize)) {
    parts.push(
      runMonteCarloChunk(
        { ...input, firstPath, pathCount },
        { onProgress: (done: number) => scope.postMessage({ type: 'progress', done: before + done, total }) },
      ),
    );
    before += pathCount;
    scope.postMessage({ type: 'progress', done: before, total });
  }
  return summarizeMonteCarlo(mergeMonteCarlo(parts));
}

scope.onmessage = (ev) => {
  const req = ev.data;
  try {
    if (req.job === 'montecarlo') {
      scope.postMessage({ type: 'result', result: runMonteCarlo(req.input, req.chunkPaths ?? 2000) });
    } else {
      scope.postMessage({ type: 'progress', done: 0, total: 1 });
      const result = stressGrid(req.input as Parameters<typeof stressGrid>[0]);
      scope.postMessage({ type: 'progress', done: 1, total: 1 });
      scope.postMessage({ type: 'result', result });
    }
  } catch (e) {
    const issues = (e as { issues?: { path: string; message: string }[] }).issues;
    scope.postMessage({
      type: 'error',
      message: e instanceof Error ? e.message : String(e),
      ...(issues ? { issues } : {}),
    });
  }
};
