/**
 * The local host with the real worker-thread pool: heavy endpoints answer over HTTP, a plan
 * request is answered while a Monte Carlo run is busy, and close() lets an in-flight run finish
 * before stopping the pool. Needs functions/dist/computeWorker.cjs (built here if missing).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeCompute,
  computeWorkerUrl,
  setComputeRunner,
  type ComputeJob,
  type ComputeRunner,
} from '../../functions/src/compute';
import { ComputePool } from '../../functions/src/compute/index';
import { MONTECARLO_EXAMPLE, PLAN_EXAMPLE, STRESS_EXAMPLE } from '../../functions/src/handlers/examples';
import { startLocalHost, type LocalHost } from '../../functions/src/localHost';

const json = { 'content-type': 'application/json' };
let host: LocalHost;
let pool: WatchedPool;
const errors: unknown[][] = [];

interface Submitted {
  job: ComputeJob;
  signal: AbortSignal | undefined;
}

/**
 * The real worker pool, watched: every job handed to it is announced, so a test waits for "the
 * run is on the pool" rather than sleeping and hoping, and while `hold` is set a job's answer is
 * kept until it settles, so "still running" is a fact and not a guess about speed.
 */
class WatchedPool implements ComputeRunner {
  private readonly pool = new ComputePool({ workerUrl: computeWorkerUrl() });
  private readonly waiting: ((s: Submitted) => void)[] = [];
  hold: Promise<void> | undefined;

  run(job: ComputeJob, payload: unknown, opts: { signal?: AbortSignal } = {}): Promise<unknown> {
    for (const w of this.waiting.splice(0)) w({ job, signal: opts.signal });
    const hold = this.hold;
    const result = this.pool.run(job, payload, opts);
    return hold ? result.then(async (r) => (await hold, r)) : result;
  }

  /** The next job handed to the pool from now on: call it before sending the request. */
  nextJob(): Promise<Submitted> {
    return new Promise((r) => this.waiting.push(r));
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function aborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return Promise.reject(new Error('the run was given no AbortSignal'));
  return signal.aborted ? Promise.resolve() : new Promise((r) => signal.addEventListener('abort', () => r()));
}

beforeAll(async () => {
  if (!existsSync('functions/dist/computeWorker.cjs'))
    execFileSync(process.execPath, ['functions/build.mjs'], { stdio: 'ignore' });
  pool = new WatchedPool();
  setComputeRunner(pool); // the real pool, watched
  host = await startLocalHost({ port: 0, tls: false, corsOrigins: ['*'], logError: (...a) => errors.push(a) });
});

afterAll(async () => {
  await host?.close();
  await closeCompute();
});

function post(route: string, body: unknown): Promise<Response> {
  return fetch(`${host.url}/api/${route}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
}

describe('heavy endpoints on the worker pool', () => {
  it('POST /api/stress answers the grid', async () => {
    const r = await post('stress', STRESS_EXAMPLE);
    expect(r.status).toBe(200);
    const g = (await r.json()) as { total: number[][][] };
    expect(g.total).toHaveLength(3);
  });

  it('an error inside a worker comes back as a field-named 400', async () => {
    const r = await post('stress', { ...STRESS_EXAMPLE, book: { ...STRESS_EXAMPLE.book, futures: [] } });
    expect(r.status).toBe(400);
    const p = (await r.json()) as { issues: { path: string }[] };
    expect(p.issues[0]?.path).toBe('book.futures');
  });

  it('plan answers while a Monte Carlo run is busy, and the run completes', async () => {
    let release!: () => void;
    pool.hold = new Promise((r) => (release = r));
    const started = pool.nextJob();
    const big = post('montecarlo', { ...MONTECARLO_EXAMPLE, paths: 6000, firstPath: 0, pathCount: 6000 });
    let mcSettled = false;
    void big.then(
      () => (mcSettled = true),
      () => (mcSettled = true),
    );
    expect((await started).job).toBe('montecarlo');
    pool.hold = undefined;
    const planRes = await post('plan', PLAN_EXAMPLE);
    expect(planRes.status).toBe(200);
    expect(mcSettled).toBe(false);
    release();
    const mc = await big;
    expect(mc.status).toBe(200);
    const body = (await mc.json()) as { summary: { paths: number }; partial: unknown };
    expect(body.summary.paths).toBe(6000);
  });

  it("Accept: application/x-ndjson streams the pool's progress from 0 to every path, then the same summary", async () => {
    const run = { ...MONTECARLO_EXAMPLE, paths: 6000, firstPath: undefined, pathCount: undefined };
    const plain = (await (await post('montecarlo?partial=false', run)).json()) as { summary: unknown };
    const r = await fetch(`${host.url}/api/montecarlo?partial=false`, {
      method: 'POST',
      headers: { ...json, accept: 'application/x-ndjson' },
      body: JSON.stringify(run),
    });
    expect(r.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = (await r.text())
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; done?: number; total?: number; result?: { summary: unknown } });
    const progress = lines.slice(0, -1);
    expect(progress.every((l) => l.type === 'progress' && l.total === 6000)).toBe(true);
    expect(progress[0]?.done).toBe(0); // the pool's report at admission: the stream begins before any path
    expect(progress.at(-1)?.done).toBe(6000);
    const done = progress.map((l) => l.done!);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(new Set(done).size).toBe(done.length);
    expect(lines.at(-1)).toEqual({ type: 'result', result: plain });
  });

  it('a client that disconnects cancels its run without a logged error, and the pool keeps serving', async () => {
    const abort = new AbortController();
    const started = pool.nextJob();
    const gone = fetch(`${host.url}/api/montecarlo`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ ...MONTECARLO_EXAMPLE, paths: 200_000, firstPath: 0, pathCount: 200_000 }),
      signal: abort.signal,
    });
    const run = await started;
    expect(run.job).toBe('montecarlo');
    abort.abort();
    await expect(gone).rejects.toThrow();
    await aborted(run.signal); // the host stops the pool's run when its client goes away
    const next = await post('montecarlo', MONTECARLO_EXAMPLE);
    expect(next.status).toBe(200);
    expect(errors).toEqual([]);
  });

  it('close() lets an in-flight run finish, then refuses new connections', async () => {
    // A grace period longer than any run here: the test is about finishing, not about the deadline.
    const h = await startLocalHost({ port: 0, tls: false, corsOrigins: ['*'], shutdownGraceMs: 600_000 });
    const started = pool.nextJob();
    const inflight = fetch(`${h.url}/api/montecarlo`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ ...MONTECARLO_EXAMPLE, paths: 4000, firstPath: 0, pathCount: 4000 }),
    });
    expect((await started).job).toBe('montecarlo'); // the request is in, its run on the pool
    const closing = h.close();
    const res = await inflight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { summary: { paths: number } }).summary.paths).toBe(4000);
    await closing;
    await expect(fetch(`${h.url}/api/health`)).rejects.toThrow();
  });
});
