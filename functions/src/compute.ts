/**
 * The hosts' handle on the worker-thread pool (functions/src/compute). Heavy routes call
 * {@link runCompute}; the pool is created on first use, sized to the cores, and lives as long as
 * the process (Azure) or the local host (closed by {@link closeCompute} on shutdown). Tests may
 * install another runner with {@link setComputeRunner}.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ComputePool, PoolBusyError, type ComputeJob, type PoolStats, type RunOptions } from './compute/index';
import { computeQueue, computeThreads, jobTimeoutMs } from './config';

export type { ComputeJob, PoolStats };

export interface ComputeRunner {
  run(job: ComputeJob, payload: unknown, opts?: RunOptions): Promise<unknown>;
  close(): Promise<void>;
  /** What the runner is doing (the pool: threads, busy slots, waiting runs). */
  stats?(): PoolStats;
  /** Throw PoolBusyError when no further run would be admitted (the pool's own check). */
  checkRoom?(): void;
}

let runner: ComputeRunner | undefined;

/**
 * The worker script: beside this code once bundled (functions/dist/computeWorker.cjs next to
 * localHost.js and app.js), or in functions/dist when this module runs from source (tests, bench).
 */
export function computeWorkerUrl(): URL {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'computeWorker.cjs'), join(here, '..', 'dist', 'computeWorker.cjs')];
  const found = candidates.find((p) => existsSync(p));
  if (found === undefined) {
    throw new Error(`the compute worker is not built (looked for ${candidates.join(', ')}); run npm run build`);
  }
  return pathToFileURL(found);
}

/** Use this runner instead of the pool (tests); pass undefined to go back to the pool. */
export function setComputeRunner(r: ComputeRunner | undefined): void {
  runner = r;
}

function current(): ComputeRunner {
  const size = computeThreads();
  const maxQueued = computeQueue();
  runner ??= new ComputePool({
    workerUrl: computeWorkerUrl(),
    jobTimeoutMs: jobTimeoutMs(),
    ...(size === undefined ? {} : { size }),
    ...(maxQueued === undefined ? {} : { maxQueued }),
  });
  return runner;
}

/**
 * Run a job on the pool; rejects with the job's own error (an AlvhError for bad input or limits),
 * PoolBusyError when the queue is full, JobTimeoutError past the time limit.
 */
export function runCompute(job: ComputeJob, payload: unknown, opts: RunOptions = {}): Promise<unknown> {
  return current().run(job, payload, opts);
}

/**
 * PoolBusyError when the pool would refuse a run now: a heavy route asks before it validates and
 * sets up a large request, so a full pool answers its 503 without that work. Nothing when no pool
 * has started (an idle pool has room).
 */
export function checkComputeRoom(): void {
  runner?.checkRoom?.();
}

/**
 * The PoolBusyError {@link checkComputeRoom} would throw now, or undefined when the pool has room:
 * the same rule, asked without a throw (the local host, before it invites a heavy route's body).
 */
export function computeRoomRefusal(): PoolBusyError | undefined {
  try {
    checkComputeRoom();
    return undefined;
  } catch (e) {
    if (e instanceof PoolBusyError) return e;
    throw e;
  }
}

/** The pool's load, without starting it: an idle pool that has not run yet reports zero busy. */
export function computeStats(): PoolStats {
  const s = runner?.stats?.();
  if (s) return s;
  const size = computeThreads() ?? availableParallelism();
  return { threads: size, busy: 0, queued: 0, maxQueued: computeQueue() ?? 4 * size, runs: 0 };
}

/** Stop the pool's workers (graceful shutdown). A later job starts a new pool. */
export async function closeCompute(): Promise<void> {
  const r = runner;
  runner = undefined;
  if (r) await r.close();
}
