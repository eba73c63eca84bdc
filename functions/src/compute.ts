/**
 * The hosts' handle on the worker-thread pool (functions/src/compute). Heavy routes call
 * {@link runCompute}; the pool is created on first use, sized to the cores, and lives as long as
 * the process (Azure) or the local host (closed by {@link closeCompute} on shutdown).
 */

export type ComputeJob = 'montecarlo' | 'stress' | 'replay';

export interface ComputeRunner {
  run(job: ComputeJob, payload: unknown, opts?: { signal?: AbortSignal }): Promise<unknown>;
  close(): Promise<void>;
}

let runner: ComputeRunner | undefined;
let factory: (() => ComputeRunner) | undefined;

/** Install how the pool is created (done once by the route table). */
export function setComputeFactory(make: () => ComputeRunner): void {
  factory = make;
}

/** Use this runner instead of the pool (tests, benchmarks); pass undefined to go back to the pool. */
export function setComputeRunner(r: ComputeRunner | undefined): void {
  runner = r;
}

function current(): ComputeRunner {
  if (!runner) {
    if (!factory) throw new Error('no compute pool is configured');
    runner = factory();
  }
  return runner;
}

/** Run a job on the pool; rejects with the job's own error (an AlvhError for bad input or limits). */
export function runCompute(job: ComputeJob, payload: unknown, signal?: AbortSignal): Promise<unknown> {
  return current().run(job, payload, signal ? { signal } : {});
}

/** Stop the pool's workers (graceful shutdown). A later job starts a new pool. */
export async function closeCompute(): Promise<void> {
  const r = runner;
  runner = undefined;
  if (r) await r.close();
}
