/**
 * A pool of worker threads, sized to the cores, that runs the heavy jobs off the event loop:
 * - `montecarlo`: the run is split into contiguous path chunks spread over the workers, with
 *   progress summed across chunks and cancellation by AbortSignal; the chunks are merged in path
 *   order, so the result is bit-for-bit the single-thread result (the generator is keyed by path).
 * - `stress`: the stress grid; `replay`: the historical replay. Both run whole on one worker; an
 *   abort while they run terminates that worker (a new one replaces it).
 *
 * Errors keep their class across the thread boundary: an AlvhError (or InputValidationError) from
 * the shared package rejects the promise as that error; an abort rejects with the signal's reason.
 * Workers run the bundled script dist/computeWorker.cjs (built by functions/build.mjs).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  mergeMonteCarlo,
  monteCarloSetup,
  summarizeMonteCarlo,
  type MonteCarloPartial,
  type MonteCarloSummary,
} from '@alvh/shared';
import { errorFromWire, type WireError, type WorkerJob } from './jobs';

export type ComputeJob = 'montecarlo' | 'stress' | 'replay';

export interface RunOptions {
  /** Work done and total (Monte Carlo: paths; other jobs: 0/1 then 1/1). */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ComputePoolOptions {
  /** Worker threads; default os.availableParallelism(). */
  size?: number;
  /** The worker script; default computeWorker.cjs beside the bundle that imports this module. */
  workerUrl?: URL | string;
  /** Most chunks per worker a Monte Carlo run is split into (load balance vs overhead); default 4. */
  chunksPerWorker?: number;
}

/** The result of a `montecarlo` job: the summary, plus the merged per-path arrays of a chunk run. */
export interface MonteCarloRunResult {
  summary: MonteCarloSummary;
  /** The merged per-path arrays (path order), for merging with chunks run elsewhere; hosts may drop them. */
  partial: MonteCarloPartial;
}

interface Task {
  id: number;
  job: WorkerJob;
  payload: unknown;
  cancel: SharedArrayBuffer;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onProgress: ((done: number, total: number) => void) | undefined;
}

interface Slot {
  worker: Worker;
  task: Task | null;
}

type Reply =
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'result'; value: unknown }
  | { id: number; type: 'error'; error: WireError };

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

export class ComputePool {
  readonly size: number;
  private readonly workerUrl: URL | string;
  private readonly chunksPerWorker: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(opts: ComputePoolOptions = {}) {
    this.size = Math.max(1, Math.floor(opts.size ?? availableParallelism()));
    this.workerUrl = opts.workerUrl ?? new URL('./computeWorker.cjs', import.meta.url);
    this.chunksPerWorker = Math.max(1, Math.floor(opts.chunksPerWorker ?? 4));
  }

  /** Run a job (see the module comment). Resolves with the job's result. */
  run(job: ComputeJob, payload: unknown, opts: RunOptions = {}): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the compute pool was closed; create a new one'));
    if (job === 'montecarlo') return this.runMonteCarlo(payload, opts);
    if (job !== 'stress' && job !== 'replay')
      return Promise.reject(new Error(`unknown compute job ${JSON.stringify(job)}`));
    return this.runSingle(job, payload, opts);
  }

  /** A Monte Carlo run split across the workers. */
  async runMonteCarlo(payload: unknown, opts: RunOptions = {}): Promise<MonteCarloRunResult> {
    const { signal, onProgress } = opts;
    if (this.closed) throw new Error('the compute pool was closed; create a new one');
    if (signal?.aborted) throw abortReason(signal);
    // Validate here so bad input fails fast with the shared package's error, before any thread works.
    const { run } = monteCarloSetup(payload);
    const perWorkerMin = 1024;
    const chunks = Math.max(1, Math.min(this.size * this.chunksPerWorker, Math.ceil(run.pathCount / perWorkerMin)));
    const step = Math.ceil(run.pathCount / chunks);
    const done: number[] = [];
    const tasks: Task[] = [];
    const promises: Promise<unknown>[] = [];
    for (let f = run.firstPath, k = 0; f < run.firstPath + run.pathCount; f += step, k++) {
      const count = Math.min(step, run.firstPath + run.pathCount - f);
      done.push(0);
      const chunkPayload = { ...(payload as Record<string, unknown>), firstPath: f, pathCount: count };
      const { task, promise } = this.makeTask('montecarlo-chunk', chunkPayload, (d) => {
        done[k] = d;
        onProgress?.(
          done.reduce((a, b) => a + b, 0),
          run.pathCount,
        );
      });
      tasks.push(task);
      // The first failure stops the sibling chunks.
      promises.push(
        promise.catch((e: unknown) => {
          for (const t of tasks) if (t !== task) this.cancel(t, e, false);
          throw e;
        }),
      );
    }
    const onAbort = () => {
      for (const t of tasks) this.cancel(t, abortReason(signal!), false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (const t of tasks) this.queue.push(t);
      this.dispatch();
      const settled = await Promise.allSettled(promises);
      if (signal?.aborted) throw abortReason(signal);
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      const parts = settled.map((s) => (s as PromiseFulfilledResult<unknown>).value as MonteCarloPartial);
      const merged = mergeMonteCarlo(parts);
      return { summary: summarizeMonteCarlo(merged), partial: merged };
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private runSingle(job: 'stress' | 'replay', payload: unknown, opts: RunOptions): Promise<unknown> {
    const { signal, onProgress } = opts;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const { task, promise } = this.makeTask(job, payload, undefined);
    const onAbort = () => this.cancel(task, abortReason(signal!), true);
    signal?.addEventListener('abort', onAbort, { once: true });
    onProgress?.(0, 1);
    this.queue.push(task);
    this.dispatch();
    return promise.then(
      (v) => {
        signal?.removeEventListener('abort', onAbort);
        onProgress?.(1, 1);
        return v;
      },
      (e: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        throw e;
      },
    );
  }

  /** Stop every worker; pending jobs reject. The pool cannot be used afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    const err = new Error('the compute pool was closed');
    for (const t of this.queue.splice(0)) t.reject(err);
    await Promise.all(
      this.slots.splice(0).map((s) => {
        s.task?.reject(err);
        return s.worker.terminate();
      }),
    );
  }

  private makeTask(job: WorkerJob, payload: unknown, onProgress: ((done: number, total: number) => void) | undefined) {
    let resolve!: (v: unknown) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const task: Task = {
      id: this.nextId++,
      job,
      payload,
      cancel: new SharedArrayBuffer(4),
      resolve,
      reject,
      onProgress,
    };
    return { task, promise };
  }

  /** Cancel a task: drop it from the queue, or flag it (and optionally terminate its worker) when running. */
  private cancel(task: Task, reason: unknown, terminate: boolean): void {
    const q = this.queue.indexOf(task);
    if (q >= 0) {
      this.queue.splice(q, 1);
      task.reject(reason);
      return;
    }
    const slot = this.slots.find((s) => s.task === task);
    if (!slot) return;
    Atomics.store(new Int32Array(task.cancel), 0, 1);
    if (terminate) {
      this.retire(slot);
      task.reject(reason);
      this.dispatch();
    }
  }

  private retire(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    slot.task = null;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerUrl);
    const slot: Slot = { worker, task: null };
    worker.on('message', (msg: Reply) => {
      const task = slot.task;
      if (!task || msg.id !== task.id) return;
      if (msg.type === 'progress') {
        task.onProgress?.(msg.done, msg.total);
        return;
      }
      slot.task = null;
      worker.unref();
      if (msg.type === 'result') task.resolve(msg.value);
      else task.reject(errorFromWire(msg.error));
      this.dispatch();
    });
    const fail = (e: unknown) => {
      const task = slot.task;
      this.retire(slot);
      task?.reject(e instanceof Error ? e : new Error(`compute worker stopped: ${String(e)}`));
      this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`compute worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  private dispatch(): void {
    if (this.closed) return;
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.task === null);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        slot = this.spawn();
      }
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, job: task.job, payload: task.payload, cancel: task.cancel });
    }
  }
}
