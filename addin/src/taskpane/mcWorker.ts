/**
 * The taskpane's Web Worker: runs the shared Monte Carlo (in chunks of paths, reporting progress
 * after each), the stress grid, the budget frontier and a chain's surface fit off the page's thread. The page cancels by terminating it.
 * Chunks are merged with the shared `mergeMonteCarlo`, which gives the same result to the last
 * bit as one run of all paths.
 */
import { frontier, stressGrid } from '@alvh/shared';
import { workerError, type WorkerMessage, type WorkerRequest } from './jobs';
import { fitSurfaceLocally, runMonteCarloLocally } from './localRuns';

interface WorkerScope {
  postMessage(m: WorkerMessage): void;
  onmessage: ((ev: MessageEvent<WorkerRequest>) => void) | null;
}
const scope = self as unknown as WorkerScope;

function runMonteCarlo(raw: unknown, chunkSize: number): unknown {
  return runMonteCarloLocally(raw, chunkSize, (done, total) => scope.postMessage({ type: 'progress', done, total }));
}

scope.onmessage = (ev) => {
  const req = ev.data;
  try {
    if (req.job === 'montecarlo') {
      scope.postMessage({ type: 'result', result: runMonteCarlo(req.input, req.chunkPaths ?? 2000) });
    } else if (req.job === 'surface') {
      scope.postMessage({ type: 'result', result: fitSurfaceLocally(req.input) });
    } else if (req.job === 'frontier') {
      const progress = (done: number, total: number) => scope.postMessage({ type: 'progress', done, total });
      scope.postMessage({ type: 'result', result: frontier(req.input, { onProgress: progress }) });
    } else {
      scope.postMessage({ type: 'progress', done: 0, total: 1 });
      const result = stressGrid(req.input);
      scope.postMessage({ type: 'progress', done: 1, total: 1 });
      scope.postMessage({ type: 'result', result });
    }
  } catch (e) {
    scope.postMessage(workerError(e));
  }
};
