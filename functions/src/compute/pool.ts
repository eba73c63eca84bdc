/**
 * A pool of worker threads, sized to the cores, that runs the heavy jobs off the event loop:
 * - `montecarlo`: the run is split into contiguous path chunks spread over the workers, with
 *   progress summed across chunks and cancellation by AbortSignal; the chunks are merged in path
 *   order and summarised on a worker too, so the result is bit-for-bit the single-thread result
 *   (the generator is keyed by path) and the request thread never loops over the paths.
 * - `frontier`: the budget frontier, chunked over paths the same way (`frontier-chunk` units,
 *   merged and summarised by one `frontier-merge` unit).
 * - `stress`: the stress grid; `replay`: the historical replay; `surface`: a chain fitted (the
 *   surface route); `chain`: a market's chain fitted (handlers/chains.ts); `plan` and `setup`: a
 *   plan built, or a Monte Carlo or frontier request checked, when it carries a VIX chain or a
 *   chain as rows (handlers/vixChains.ts). Each runs whole on one worker; an
 *   abort while they run terminates that worker (a new one replaces it).
 *
 * Input crosses to a worker checked against its schema (strict, so nothing the caller added rides
 * along) and parsed, but for the `plan` and `setup` jobs, which get the body as read once it has
 * passed its schema, and for a replay and a body carrying a chain as rows (a `chain`, `plan`,
 * `setup`, `stress` or `surface` job), which get the body as read and check it first, with the
 * same refusals (handlers/replay.ts, handlers/chains.ts). Each run is admitted against a bound on
 * the runs in progress, one per thread plus a bounded queue ({@link PoolBusyError} past it).
 * Admitted runs start first-in first-out: at most one started run per thread (more only when no started run has a unit waiting
 * and a thread would idle), their units taking turns round-robin, so a small run is not stuck
 * behind a large one and every started run has at least a thread's share. A run that has not
 * started within its longest wait is refused ({@link PoolBusyError} with `waitedMs`); a started
 * run has a wall-clock limit from its first unit's start, after which its workers are terminated
 * ({@link JobTimeoutError}). A unit that cannot be posted to its worker rejects its run and frees
 * the slot.
 *
 * Errors keep their class across the thread boundary: an AlvhError (or InputValidationError) from
 * the shared package rejects the promise as that error; an abort rejects with the signal's reason.
 * Workers run the bundled script dist/computeWorker.cjs (built by functions/build.mjs).
 *
 * Length (about 490 lines): one class on purpose. The bounded queue, the worker slots and the runs
 * are one state that admission, scheduling, time limits and cancellation all change;
 * split apart they would pass that state around instead of reading it.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  frontierSetup,
  monteCarloSetup,
  parseInput,
  FrontierInputSchema,
  MonteCarloInputSchema,
  POOLED_MONTE_CARLO_LIMITS,
  type MonteCarloPartial,
  type MonteCarloSummary,
} from '@alvh/shared';
import { buffersOf, errorFromWire, runFailure, type WireError, type WorkerJob } from './jobs';
import { JobTimeoutError, PoolBusyError, PoolClosedError, retryAfterSeconds } from './poolErrors';
import { RunTimes } from './runTimes';

export { JobTimeoutError, PoolBusyError, PoolClosedError };

export type ComputeJob = 'montecarlo' | 'frontier' | SingleJob;
type SingleJob = 'stress' | 'replay' | 'surface' | 'chain' | 'plan' | 'setup';
const SINGLE_JOBS: readonly string[] = ['stress', 'replay', 'surface', 'chain', 'plan', 'setup'] satisfies SingleJob[];

export interface RunOptions {
  /** Work done and total (Monte Carlo: paths; other jobs: 0/1 then 1/1). */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Monte Carlo: return the merged per-path arrays (default true); false returns the summary alone. */
  withPartial?: boolean;
  /** Answer `{ json }`, the result serialised as JSON text on the worker (typed arrays as arrays). */
  json?: boolean;
  /**
   * Monte Carlo and frontier: the run's paths and horizon from the job's setup, when the caller has
   * already run it on this payload (then the parsed input): the pool does not check it again.
   */
  checked?: { firstPath: number; pathCount: number; horizonDays: number };
}

export interface ComputePoolOptions {
  /** Worker threads; default os.availableParallelism(). */
  size?: number;
  /** The worker script; default computeWorker.cjs beside the bundle that imports this module. */
  workerUrl?: URL | string;
  /** Most chunks per worker a Monte Carlo run is split into (load balance vs overhead); default 4. */
  chunksPerWorker?: number;
  /** Most path-steps (paths × days) in one Monte Carlo chunk, so a slot frees often; default 1,000,000. */
  maxChunkPathSteps?: number;
  /**
   * Most runs in progress beyond one per thread: a run is refused with PoolBusyError while `size +
   * maxQueued` runs are admitted and not finished. Default 4 × size.
   */
  maxQueued?: number;
  /** Wall-clock limit of one run from its first unit's start, in ms; default 60,000. */
  jobTimeoutMs?: number;
  /** Longest an admitted run waits to start before it is refused (PoolBusyError), in ms; default jobTimeoutMs. */
  maxWaitMs?: number;
  /** Makes a worker (tests: a scripted stand-in); default a worker thread running `workerUrl`. */
  createWorker?: (url: URL | string) => PoolWorker;
}

/** What the pool uses of a worker thread. */
export type PoolWorker = Pick<Worker, 'postMessage' | 'terminate' | 'ref' | 'unref' | 'on' | 'removeAllListeners'>;

/** The result of a `montecarlo` job: the summary, plus the merged per-path arrays of a chunk run. */
export interface MonteCarloRunResult {
  /** Null for a single-path chunk (a distribution needs two paths); merge it with its siblings. */
  summary: MonteCarloSummary | null;
  /** The merged per-path arrays (path order); absent when the run asked `withPartial: false`. */
  partial?: MonteCarloPartial;
}

/** What the pool is doing, for /api/health. */
export interface PoolStats {
  threads: number;
  /** Worker slots running a unit of work. */
  busy: number;
  /** Runs admitted and not finished that have no unit on a worker (waiting for a thread). */
  queued: number;
  /** Most runs in progress beyond one per thread: `threads + maxQueued` runs in progress fill the pool. */
  maxQueued: number;
  /** Runs admitted and not finished, whether a unit of them is on a worker or not. */
  runs: number;
}

/** Whether the pool takes no further run (the next one would get PoolBusyError). */
export function poolFull(s: PoolStats): boolean {
  return s.runs >= s.threads + s.maxQueued;
}

interface Run {
  /** Units not yet posted to a worker. */
  waiting: Task[];
  /** Its units take turns with the other started runs' (see the module comment). */
  started: boolean;
  /** Called when its first unit is posted (its time limit starts), then cleared. */
  onStart?: (() => void) | undefined;
  /** When its first unit was posted (performance.now(), ms). */
  startedAt?: number;
}

interface Task {
  id: number;
  run: Run;
  job: WorkerJob;
  payload: unknown;
  transfer: ArrayBuffer[];
  json: boolean;
  cancel: SharedArrayBuffer;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onProgress: ((done: number, total: number) => void) | undefined;
}

interface Slot {
  worker: PoolWorker;
  task: Task | null;
}

type Reply =
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'result'; value: unknown }
  | { id: number; type: 'error'; error: WireError };

/** The chunk and merge units of a chunked job. */
const MC_JOBS = ['montecarlo-chunk', 'montecarlo-merge'] as const;
const FRONTIER_JOBS = ['frontier-chunk', 'frontier-merge'] as const;

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

export class ComputePool {
  readonly size: number;
  readonly maxQueued: number;
  readonly jobTimeoutMs: number;
  private readonly workerUrl: URL | string;
  private readonly chunksPerWorker: number;
  private readonly maxChunkPathSteps: number;
  readonly maxWaitMs: number;
  private readonly createWorker: (url: URL | string) => PoolWorker;
  private readonly slots: Slot[] = [];
  /** Runs admitted and not finished, in the order they were admitted. */
  private readonly runs: Run[] = [];
  /** The started runs of `runs`, in round-robin order. */
  private readonly turns: Run[] = [];
  /** The latest finished runs' times, behind the Retry-After of a refusal. */
  private readonly runTimes = new RunTimes();
  private nextId = 1;
  private closed = false;

  constructor(opts: ComputePoolOptions = {}) {
    this.size = Math.max(1, Math.floor(opts.size ?? availableParallelism()));
    this.workerUrl = opts.workerUrl ?? new URL('./computeWorker.cjs', import.meta.url);
    this.chunksPerWorker = Math.max(1, Math.floor(opts.chunksPerWorker ?? 4));
    this.maxChunkPathSteps = Math.max(1, Math.floor(opts.maxChunkPathSteps ?? 1_000_000));
    this.maxQueued = Math.max(0, Math.floor(opts.maxQueued ?? 4 * this.size));
    this.jobTimeoutMs = Math.max(1, Math.floor(opts.jobTimeoutMs ?? 60_000));
    this.maxWaitMs = Math.max(1, Math.floor(opts.maxWaitMs ?? this.jobTimeoutMs));
    this.createWorker = opts.createWorker ?? ((url) => new Worker(url));
  }

  /** Threads, busy slots, runs in progress and those of them waiting for a thread. */
  stats(): PoolStats {
    const working = new Set(this.slots.map((s) => s.task?.run));
    return {
      threads: this.size,
      busy: this.slots.filter((s) => s.task !== null).length,
      queued: this.runs.filter((r) => !working.has(r)).length,
      maxQueued: this.maxQueued,
      runs: this.runs.length,
    };
  }

  /** Run a job (see the module comment). Resolves with the job's result. */
  run(job: ComputeJob, payload: unknown, opts: RunOptions = {}): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the compute pool was closed; create a new one'));
    if (job === 'montecarlo') return this.monteCarlo(payload, opts);
    if (job === 'frontier') return this.frontier(payload, opts);
    if (!SINGLE_JOBS.includes(job)) return Promise.reject(new Error(`unknown compute job ${JSON.stringify(job)}`));
    return this.runSingle(job, payload, opts);
  }

  /** A Monte Carlo run split across the workers, merged and summarised on a worker. */
  runMonteCarlo(payload: unknown, opts: Omit<RunOptions, 'json'> = {}): Promise<MonteCarloRunResult> {
    return this.monteCarlo(payload, opts) as Promise<MonteCarloRunResult>;
  }

  private async monteCarlo(payload: unknown, opts: RunOptions): Promise<unknown> {
    if (this.closed) throw new Error('the compute pool was closed; create a new one');
    if (opts.signal?.aborted) throw abortReason(opts.signal);
    this.checkRoom(); // a full pool refuses before the setup below, not after it
    if (opts.checked) return await this.chunked(opts.checked, payload as Record<string, unknown>, MC_JOBS, opts);
    // Validate here so bad input fails fast with the shared package's error, before any thread works;
    // the workers get the parsed input only. The run is chunked here, so its work is held to the
    // pooled limits; every chunk is far inside the per-call ones.
    const { run } = monteCarloSetup(payload, POOLED_MONTE_CARLO_LIMITS);
    const parsed = parseInput(MonteCarloInputSchema, payload) as Record<string, unknown>;
    return await this.chunked(run, parsed, MC_JOBS, opts);
  }

  /** A frontier: its paths chunked like a Monte Carlo run, merged and summarised on a worker. */
  private async frontier(payload: unknown, opts: RunOptions): Promise<unknown> {
    if (this.closed) throw new Error('the compute pool was closed; create a new one');
    if (opts.signal?.aborted) throw abortReason(opts.signal);
    this.checkRoom(); // a full pool refuses before the setup below (a plan built), not after it
    if (opts.checked) return await this.chunked(opts.checked, payload as Record<string, unknown>, FRONTIER_JOBS, opts);
    const { mc } = frontierSetup(payload);
    const parsed = parseInput(FrontierInputSchema, payload) as Record<string, unknown>;
    return await this.chunked(mc.run, parsed, FRONTIER_JOBS, opts);
  }

  /** Paths [firstPath, firstPath + pathCount) split into chunk units over the workers, then one merge unit. */
  private async chunked(
    run: { firstPath: number; pathCount: number; horizonDays: number },
    parsed: Record<string, unknown>,
    [chunkJob, mergeJob]: readonly [WorkerJob, WorkerJob],
    opts: RunOptions,
  ): Promise<unknown> {
    const { signal, onProgress } = opts;
    const withPartial = opts.withPartial ?? true;
    const perWorkerMin = 1024;
    const byCores = Math.min(this.size * this.chunksPerWorker, Math.ceil(run.pathCount / perWorkerMin));
    const bySteps = Math.ceil((run.pathCount * run.horizonDays) / this.maxChunkPathSteps);
    const chunks = Math.max(1, Math.min(run.pathCount, Math.max(byCores, bySteps)));
    const step = Math.ceil(run.pathCount / chunks);
    const r = this.admit();
    // Admitted: say so at once (a streamed answer begins here; a refusal above keeps its status).
    onProgress?.(0, run.pathCount);
    const done: number[] = [];
    const tasks: Task[] = [];
    const promises: Promise<unknown>[] = [];
    for (let f = run.firstPath, k = 0; f < run.firstPath + run.pathCount; f += step, k++) {
      const count = Math.min(step, run.firstPath + run.pathCount - f);
      done.push(0);
      const chunkPayload = { ...parsed, firstPath: f, pathCount: count };
      const { task, promise } = this.makeTask(r, chunkJob, chunkPayload, (d) => {
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
    const stopAll = (reason: unknown, terminate: boolean) => {
      for (const t of tasks) this.cancel(t, reason, terminate);
    };
    const onAbort = () => stopAll(abortReason(signal!), false);
    signal?.addEventListener('abort', onAbort, { once: true });
    const stopClock = this.timeLimits(r, stopAll);
    try {
      this.enqueue(r, tasks);
      const settled = await Promise.allSettled(promises);
      if (signal?.aborted) throw abortReason(signal);
      const failed = runFailure(settled);
      if (failed) throw failed.reason;
      const parts = settled.map((s) => (s as PromiseFulfilledResult<unknown>).value as object);
      // Merging and summarising loop over every path: a worker does it, the buffers move there.
      // The merge covers the paths asked for, [firstPath, firstPath + pathCount): the whole run, or
      // the one chunk of it this request is.
      const range = { firstPath: run.firstPath, pathCount: run.pathCount };
      const { task, promise } = this.makeTask(r, mergeJob, { parts, withPartial, range }, undefined);
      task.transfer = buffersOf(parts);
      task.json = opts.json ?? false;
      tasks.push(task);
      this.enqueue(r, [task]);
      return await promise;
    } finally {
      stopClock();
      signal?.removeEventListener('abort', onAbort);
      this.forget(r, signal?.aborted !== true);
    }
  }

  private async runSingle(job: SingleJob, payload: unknown, opts: RunOptions): Promise<unknown> {
    const { signal, onProgress } = opts;
    if (signal?.aborted) throw abortReason(signal);
    const r = this.admit();
    const { task, promise } = this.makeTask(r, job, payload, undefined);
    task.json = opts.json ?? false;
    const onAbort = () => this.cancel(task, abortReason(signal!), true);
    signal?.addEventListener('abort', onAbort, { once: true });
    const stopClock = this.timeLimits(r, (reason, terminate) => this.cancel(task, reason, terminate));
    onProgress?.(0, 1);
    this.enqueue(r, [task]);
    let v: unknown;
    try {
      v = await promise;
    } finally {
      stopClock();
      signal?.removeEventListener('abort', onAbort);
      this.forget(r, signal?.aborted !== true);
    }
    onProgress?.(1, 1);
    return v;
  }

  /** PoolBusyError when the pool takes no further run (see {@link admit}); nothing otherwise. */
  checkRoom(): void {
    if (this.runs.length >= this.size + this.maxQueued)
      throw new PoolBusyError(this.maxQueued, this.runTimes.retryAfter(this.runs.length, this.size), this.runs.length);
  }

  /**
   * A run's clocks: refused (PoolBusyError) if it has not started within `maxWaitMs`, stopped
   * (JobTimeoutError, workers terminated) `jobTimeoutMs` after its first unit starts. Returns the
   * function that stops them.
   */
  private timeLimits(r: Run, stop: (reason: unknown, terminate: boolean) => void): () => void {
    // The other runs in progress are ahead of a run sent again: it waits for them, not for itself.
    const wait = () => this.runTimes.retryAfter(this.runs.length - 1, this.size);
    const busy = () => new PoolBusyError(this.maxQueued, wait(), this.runs.length, this.maxWaitMs);
    let timer = setTimeout(() => stop(busy(), false), this.maxWaitMs);
    r.onStart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const retry = Math.max(retryAfterSeconds(this.jobTimeoutMs), wait());
        stop(new JobTimeoutError(this.jobTimeoutMs, retry), true);
      }, this.jobTimeoutMs);
    };
    return () => clearTimeout(timer);
  }

  /** Stop every worker; pending jobs reject. The pool cannot be used afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    const err = new PoolClosedError();
    this.turns.length = 0;
    for (const r of this.runs.splice(0)) for (const t of r.waiting.splice(0)) t.reject(err);
    await Promise.all(
      this.slots.splice(0).map((s) => {
        s.task?.reject(err);
        s.worker.removeAllListeners();
        return s.worker.terminate();
      }),
    );
  }

  /**
   * A new run, or PoolBusyError when `size + maxQueued` runs are in progress. Every run admitted and
   * not finished counts, started or not: past the bound a fast 503 serves the caller better than a
   * wait for a thread.
   */
  private admit(): Run {
    this.checkRoom();
    const r: Run = { waiting: [], started: false };
    this.runs.push(r);
    return r;
  }

  private enqueue(r: Run, tasks: Task[]): void {
    r.waiting.push(...tasks);
    this.dispatch();
  }

  /**
   * A run ended: it leaves the queue and the turns, and its place may start the next run. A run
   * that started and was not cancelled by its caller counts in the mean run time.
   */
  private forget(r: Run, timed: boolean): void {
    if (timed && r.startedAt !== undefined) this.runTimes.record(performance.now() - r.startedAt);
    for (const list of [this.runs, this.turns]) {
      const i = list.indexOf(r);
      if (i >= 0) list.splice(i, 1);
    }
    this.dispatch();
  }

  private makeTask(
    run: Run,
    job: WorkerJob,
    payload: unknown,
    onProgress: ((done: number, total: number) => void) | undefined,
  ) {
    let resolve!: (v: unknown) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const task: Task = {
      id: this.nextId++,
      run,
      job,
      payload,
      transfer: [],
      json: false,
      cancel: new SharedArrayBuffer(4),
      resolve,
      reject,
      onProgress,
    };
    return { task, promise };
  }

  /** Cancel a task: drop it from its run's queue, or flag it (and optionally terminate its worker) when running. */
  private cancel(task: Task, reason: unknown, terminate: boolean): void {
    const q = task.run.waiting.indexOf(task);
    if (q >= 0) {
      task.run.waiting.splice(q, 1);
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
    // An exit or error of a terminated worker is expected; keep a listener so it is never unhandled.
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
  }

  private spawn(): Slot {
    const worker = this.createWorker(this.workerUrl);
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

  /**
   * The next unit: round-robin across the started runs; when fewer runs than threads have started,
   * or none of them has a unit waiting, the run admitted first of those not started starts.
   */
  private nextTask(): Task | undefined {
    for (;;) {
      const next = this.runs.find((r) => !r.started && r.waiting.length > 0);
      if (next && this.turns.length < this.size) this.start(next);
      for (let n = 0; n < this.turns.length; n++) {
        const r = this.turns.shift()!;
        this.turns.push(r);
        const t = r.waiting.shift();
        if (t) return t;
      }
      if (!next || next.started) return undefined;
      this.start(next); // no started run has a unit waiting: rather than leave a thread idle
    }
  }

  /** A run starts: its turn comes first. */
  private start(r: Run): void {
    r.started = true;
    this.turns.unshift(r);
  }

  private dispatch(): void {
    if (this.closed) return;
    for (;;) {
      let slot = this.slots.find((s) => s.task === null);
      if (!slot && this.slots.length >= this.size) return;
      const task = this.nextTask();
      if (!task) return;
      slot ??= this.spawn();
      slot.task = task;
      const started = task.run.onStart;
      task.run.onStart = undefined;
      task.run.startedAt ??= performance.now();
      started?.();
      slot.worker.ref();
      try {
        slot.worker.postMessage(
          { id: task.id, job: task.job, payload: task.payload, cancel: task.cancel, json: task.json },
          task.transfer,
        );
      } catch (e) {
        // The message could not be cloned or posted: the unit fails, the slot is free again.
        slot.task = null;
        slot.worker.unref();
        task.reject(e instanceof Error ? e : new Error(`the job could not be sent to a worker: ${String(e)}`));
      }
    }
  }
}
