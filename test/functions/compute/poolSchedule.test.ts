/**
 * How the pool orders admitted runs, with scripted workers and a fake clock: a unit "runs" until
 * the test answers it, and time passes only when the test moves the clock, so each case is a
 * schedule the test writes down, never a race between real threads and timers.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ComputePool,
  JobTimeoutError,
  PoolBusyError,
  type ComputePoolOptions,
} from '../../../functions/src/compute/index';
import type { PoolWorker } from '../../../functions/src/compute/pool';

/** A unit posted to a scripted worker and not answered yet. */
interface Unit {
  worker: EventEmitter;
  id: number;
  job: string;
  payload: { firstPath?: number; pathCount?: number };
}

let running: Unit[];
let posted: Unit[];

/** A worker that records what it is sent; the test answers it with {@link finish}. */
function scriptedWorker(): PoolWorker {
  const worker = new EventEmitter();
  return Object.assign(worker, {
    postMessage: (msg: { id: number; job: string; payload: Unit['payload'] }) => {
      const unit = { worker, id: msg.id, job: msg.job, payload: msg.payload };
      running.push(unit);
      posted.push(unit);
    },
    terminate: () => Promise.resolve(0),
    ref: () => {},
    unref: () => {},
  }) as unknown as PoolWorker;
}

/** Answer the units now running (a chunk with an empty partial, a merge with a summary). */
function finish(units = running.splice(0)): void {
  for (const u of units)
    u.worker.emit('message', { id: u.id, type: 'result', value: u.job.endsWith('merge') ? { summary: 'done' } : {} });
}

/** Let the pool's promise chains settle (setImmediate is not faked). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((ok) => setImmediate(ok));
}

function pool(opts: ComputePoolOptions): ComputePool {
  return new ComputePool({ chunksPerWorker: 4, createWorker: scriptedWorker, ...opts });
}

/** A Monte Carlo run the pool splits into `8` chunks on two threads (its setup already checked). */
function monteCarlo(p: ComputePool, signal?: AbortSignal) {
  const checked = { firstPath: 0, pathCount: 400_000, horizonDays: 10 };
  return p.run('montecarlo', {}, { checked, withPartial: false, ...(signal ? { signal } : {}) }).then(
    (v) => ({ ok: v }),
    (e: unknown) => ({ error: e }),
  );
}

beforeEach(() => {
  running = [];
  posted = [];
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => vi.useRealTimers());

describe('the pool schedules admitted runs', () => {
  it('five 23-second runs sent together on two threads: four finish, the fifth is refused as busy after its wait', async () => {
    const p = pool({ size: 2, maxQueued: 8, jobTimeoutMs: 60_000 });
    const runs = Array.from({ length: 5 }, () => monteCarlo(p));
    const outcomes: ({ ok: unknown } | { error: unknown })[] = [];
    runs.forEach((r, i) => void r.then((o) => (outcomes[i] = o)));
    // Each unit takes 4.6 s: one run alone (8 chunks on two threads, then its merge) takes 23 s.
    for (let round = 0; round < 100 && outcomes.filter(Boolean).length < 5; round++) {
      await vi.advanceTimersByTimeAsync(4_600);
      finish();
      await settle();
    }
    await Promise.all(runs);
    expect(outcomes.slice(0, 4)).toEqual(Array(4).fill({ ok: { summary: 'done' } }));
    const refused = (outcomes[4] as { error: unknown }).error;
    expect(refused).toBeInstanceOf(PoolBusyError);
    // Runs 1 and 2 took 41.4 s each (sharing the threads); at 60 s runs 3 and 4 are ahead of it:
    // 2 runs × 41.4 s ÷ 2 threads.
    expect(refused).toMatchObject({ waitedMs: 60_000, retryAfterSeconds: 42 });
    expect(outcomes.some((o) => 'error' in o && o.error instanceof JobTimeoutError)).toBe(false);
    expect(p.stats()).toMatchObject({ busy: 0, queued: 0, runs: 0 });
    await p.close();
  });

  it("a run's time limit starts with its first unit, not at admission", async () => {
    const p = pool({ size: 1, jobTimeoutMs: 10_000, maxWaitMs: 30_000, chunksPerWorker: 1 });
    const first = p.run('stress', {});
    const second = p.run('stress', {}).catch((e: unknown) => e);
    expect(posted.map((u) => u.id)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(8_000);
    finish();
    await settle();
    expect(await first).toEqual({});
    // The second started at 8 s; 8 s more is 16 s after admission but 8 s of its own limit.
    await vi.advanceTimersByTimeAsync(8_000);
    finish();
    expect(await second).toEqual({});
    await p.close();
  });

  it('a small run admitted behind a large one starts on the next free thread (two threads)', async () => {
    const p = pool({ size: 2 });
    const big = monteCarlo(p);
    const small = p.run('montecarlo', {}, { checked: { firstPath: 0, pathCount: 1000, horizonDays: 10 } });
    expect(posted.every((u) => u.payload.pathCount === 50_000)).toBe(true); // the big run's two chunks
    finish(running.splice(0, 1));
    await settle();
    expect(running.map((u) => u.payload.pathCount)).toContain(1000);
    for (let i = 0; i < 20 && running.length > 0; i++) {
      finish();
      await settle();
    }
    expect(await small).toEqual({ summary: 'done' });
    expect(await big).toEqual({ ok: { summary: 'done' } });
    await p.close();
  });

  it('a queued run whose client aborts leaves the queue at once, and never reaches a worker', async () => {
    const p = pool({ size: 1, maxQueued: 1 });
    const first = monteCarlo(p);
    const ac = new AbortController();
    const second = monteCarlo(p, ac.signal);
    expect(p.stats()).toMatchObject({ runs: 2, queued: 1 });
    await expect(p.run('stress', {})).rejects.toBeInstanceOf(PoolBusyError);
    ac.abort();
    expect(await second).toMatchObject({ error: { name: 'AbortError' } });
    expect(p.stats()).toMatchObject({ runs: 1 });
    for (let i = 0; i < 20 && running.length > 0; i++) {
      finish();
      await settle();
    }
    expect(await first).toEqual({ ok: { summary: 'done' } });
    // Only the first run's units were posted: its four chunks on one thread, then its merge.
    expect(posted).toHaveLength(5);
    await p.close();
  });

  it('counts a run until it ends: with one run on the thread and one waiting, a third is refused', async () => {
    const p = pool({ size: 1, maxQueued: 1 });
    const first = monteCarlo(p);
    const second = monteCarlo(p);
    expect(p.stats()).toMatchObject({ threads: 1, busy: 1, queued: 1, runs: 2, maxQueued: 1 });
    const refused = await p.run('montecarlo', {}).catch((e: unknown) => e);
    expect(refused).toMatchObject({ runs: 2, maxQueued: 1 });
    expect(refused).not.toHaveProperty('waitedMs', expect.anything());
    for (let i = 0; i < 40 && running.length > 0; i++) {
      finish();
      await settle();
    }
    expect(await Promise.all([first, second])).toEqual(Array(2).fill({ ok: { summary: 'done' } }));
    expect(p.stats()).toMatchObject({ busy: 0, queued: 0, runs: 0 });
    await p.close();
  });
});

describe('Retry-After of a busy pool follows its queue', () => {
  /** `n` single-unit runs on the pool, each answered after `ms` of the fake clock, one after another. */
  async function runsOf(p: ComputePool, n: number, ms: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const run = p.run('stress', {});
      await vi.advanceTimersByTimeAsync(ms);
      finish();
      await run;
    }
  }

  /** Fill the pool with runs that wait on the test, then ask for one more: its refusal. */
  async function refusalWhenFull(p: ComputePool): Promise<PoolBusyError> {
    const held = Array.from({ length: p.size + p.maxQueued }, () => p.run('stress', {}).catch(() => undefined));
    const refused = (await p.run('stress', {}).catch((e: unknown) => e)) as PoolBusyError;
    expect(refused).toBeInstanceOf(PoolBusyError);
    await p.close();
    await Promise.all(held);
    return refused;
  }

  it('runs in progress × the mean time of the latest runs ÷ the threads', async () => {
    const p = pool({ size: 2, maxQueued: 8, jobTimeoutMs: 60_000 });
    await runsOf(p, 3, 15_000);
    // 10 runs of 15 s ahead on 2 threads: 75 s, not a fixed few seconds.
    expect((await refusalWhenFull(p)).retryAfterSeconds).toBe(75);
  });

  it('the mean is of the latest ten runs; before any has finished a run is taken as 5 s', async () => {
    const fresh = pool({ size: 1, maxQueued: 3 });
    expect((await refusalWhenFull(fresh)).retryAfterSeconds).toBe(20);
    const p = pool({ size: 1, maxQueued: 3, jobTimeoutMs: 120_000 });
    await runsOf(p, 5, 90_000);
    await runsOf(p, 10, 2_000);
    expect((await refusalWhenFull(p)).retryAfterSeconds).toBe(8);
  });

  it('is held to 1 to 120 s', async () => {
    const slow = pool({ size: 1, maxQueued: 4, jobTimeoutMs: 120_000 });
    await runsOf(slow, 1, 100_000);
    expect((await refusalWhenFull(slow)).retryAfterSeconds).toBe(120);
    const quick = pool({ size: 4, maxQueued: 0 });
    await runsOf(quick, 1, 10);
    expect((await refusalWhenFull(quick)).retryAfterSeconds).toBe(1);
  });

  it('a run stopped at its time limit: the longer of the limit and the queue ahead of it', async () => {
    const p = pool({ size: 1, maxQueued: 4, jobTimeoutMs: 20_000 });
    await runsOf(p, 2, 15_000);
    const first = p.run('stress', {}).catch((e: unknown) => e);
    const behind = Array.from({ length: 4 }, () => p.run('stress', {}).catch(() => undefined));
    await vi.advanceTimersByTimeAsync(20_000);
    // 4 runs × 15 s ÷ 1 thread ahead of it sent again: 60 s, over the 20 s limit.
    expect(await first).toMatchObject({ limitMs: 20_000, retryAfterSeconds: 60 });
    await p.close();
    await Promise.all(behind);
    const alone = pool({ size: 1, jobTimeoutMs: 20_000 });
    await runsOf(alone, 1, 1_000);
    const stopped = alone.run('stress', {}).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await stopped).toMatchObject({ limitMs: 20_000, retryAfterSeconds: 20 });
    await alone.close();
  });
});
