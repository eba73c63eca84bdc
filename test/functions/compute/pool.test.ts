import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlvhError, InputValidationError, runMonteCarloChunk, stressGrid } from '@alvh/shared';
import { ComputePool, JobTimeoutError, PoolBusyError } from '../../../functions/src/compute/index';
import { bundleComputeWorker } from '../../helpers/computeWorker';
import { BOOK } from '../../helpers/fixtures';

let dir: string;
let workerUrl: URL;
let pool: ComputePool;

beforeAll(async () => {
  // The worker runs from a bundle, as in production (functions/build.mjs emits dist/computeWorker.cjs).
  dir = mkdtempSync(join(tmpdir(), 'alvh-compute-'));
  workerUrl = await bundleComputeWorker(dir);
  pool = new ComputePool({ size: 2, workerUrl, chunksPerWorker: 1 });
});

afterAll(async () => {
  await pool?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ComputePool montecarlo', () => {
  it('2 threads × 50k equals 1 × 100k in this thread, bit for bit (fixed book)', async () => {
    const input = { book: BOOK, paths: 100_000, seed: 2024, rebalance: false };
    const progress: number[] = [];
    const r = await pool.runMonteCarlo(input, { onProgress: (d) => progress.push(d) });
    const single = runMonteCarloChunk(input);
    expect(Buffer.from(r.partial!.book.buffer).equals(Buffer.from(single.book.buffer))).toBe(true);
    expect(Buffer.from(r.partial!.condor.buffer).equals(Buffer.from(single.condor.buffer))).toBe(true);
    expect(Array.from(r.partial!.rebalances)).toEqual(Array.from(single.rebalances));
    expect(r.summary!.paths).toBe(100_000);
    expect(progress.at(-1)).toBe(100_000);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThanOrEqual(progress[i - 1]!);
  });

  it('with the policy on, the pool equals this thread too (10k paths)', async () => {
    const input = { book: BOOK, paths: 10_000, seed: 77 };
    const r = await pool.runMonteCarlo(input);
    const single = runMonteCarloChunk(input);
    expect(Array.from(r.partial!.book)).toEqual(Array.from(single.book));
    expect(Array.from(r.partial!.tailContracts)).toEqual(Array.from(single.tailContracts));
    expect(r.summary!.rebalancesMean).toBeGreaterThan(0);
  });

  it('rejects bad input with the shared package error before any thread works', async () => {
    await expect(pool.run('montecarlo', { book: BOOK, paths: 5_000_000 })).rejects.toMatchObject({
      code: 'limit_exceeded',
      field: 'paths',
    });
    await expect(pool.run('montecarlo', { book: { ...BOOK, vix: 'x' } })).rejects.toBeInstanceOf(InputValidationError);
  });

  it('cancels through an AbortSignal and stays usable', async () => {
    const ac = new AbortController();
    const p = pool.run(
      'montecarlo',
      { book: BOOK, paths: 400_000, seed: 1 },
      { signal: ac.signal, onProgress: (d) => d > 2_000 && ac.abort() },
    );
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    const r = (await pool.run('montecarlo', { book: BOOK, paths: 2_000, rebalance: false })) as {
      summary: { paths: number };
    };
    expect(r.summary.paths).toBe(2_000);
  });
});

describe('ComputePool replay', () => {
  it('runs the shared replay on a worker and keeps its input errors', async () => {
    const e = await pool.run('replay', { rows: 'not rows' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AlvhError);
    expect((e as AlvhError).code).toBe('invalid_input');
  });

  it('rejects an unknown job', async () => {
    await expect(pool.run('nope' as never, {})).rejects.toThrow(/unknown compute job/);
  });
});

describe('ComputePool stress', () => {
  it('returns the stress grid of this thread', async () => {
    const input = { book: BOOK, spxMoves: [-0.1, 0], vixLevels: [14, 30], days: [0, 7] };
    expect(await pool.run('stress', input)).toEqual(stressGrid(input));
  });

  it('keeps the error class and field of a worker-side failure', async () => {
    const e = await pool.run('stress', { book: BOOK, spxMoves: [-5] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AlvhError);
    expect(e).toMatchObject({ field: 'spxMoves[0]' });
  });

  it('an abort before the start rejects at once', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(pool.run('stress', { book: BOOK }, { signal: ac.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('ComputePool lifecycle', () => {
  it('sizes itself to the cores by default and refuses work once closed', async () => {
    const p = new ComputePool({ workerUrl });
    expect(p.size).toBe(availableParallelism());
    const r = (await p.run('montecarlo', { book: BOOK, paths: 100, rebalance: false })) as {
      summary: { paths: number };
    };
    expect(r.summary.paths).toBe(100);
    await p.close();
    await expect(p.run('stress', { book: BOOK })).rejects.toThrow(/closed/);
  });
});

describe('ComputePool under load', () => {
  it('a job that cannot be posted rejects and frees its slot', async () => {
    const p = new ComputePool({ size: 1, workerUrl });
    try {
      // A function cannot cross to a worker: the dispatch fails, the job rejects, the slot is free.
      await expect(p.run('stress', { book: BOOK, f: () => 1 })).rejects.toMatchObject({ name: 'DataCloneError' });
      expect(p.stats()).toMatchObject({ busy: 0, queued: 0 });
      const input = { book: BOOK, spxMoves: [0], vixLevels: [14], days: [0] };
      expect(await p.run('stress', input)).toEqual(stressGrid(input));
    } finally {
      await p.close();
    }
  });

  it('refuses a run with PoolBusyError when the queue is full, then takes work again', async () => {
    const p = new ComputePool({ size: 1, workerUrl, maxQueued: 1 });
    try {
      const big = { book: BOOK, paths: 400_000, seed: 1 };
      const ac = new AbortController();
      const first = p.run('montecarlo', big, { signal: ac.signal }).catch((e: unknown) => e);
      const second = p.run('montecarlo', big, { signal: ac.signal }).catch((e: unknown) => e);
      expect(p.stats()).toMatchObject({ threads: 1, busy: 1, queued: 1, maxQueued: 1 });
      await expect(p.run('montecarlo', { book: BOOK, paths: 100 })).rejects.toBeInstanceOf(PoolBusyError);
      ac.abort();
      await Promise.all([first, second]);
      expect(p.stats()).toMatchObject({ busy: 0, queued: 0 });
      const r = await p.runMonteCarlo({ book: BOOK, paths: 100, rebalance: false });
      expect(r.summary!.paths).toBe(100);
    } finally {
      await p.close();
    }
  });

  it('a full pool refuses a frontier before it sets it up: PoolBusyError, not the refusal of the setup', async () => {
    const p = new ComputePool({ size: 1, workerUrl, maxQueued: 0 });
    try {
      const ac = new AbortController();
      const running = p.run('montecarlo', { book: BOOK, paths: 400_000, seed: 1 }, { signal: ac.signal });
      const settled = running.catch((e: unknown) => e);
      expect(p.stats()).toMatchObject({ runs: 1 });
      // A plan that cannot be set up: an idle pool answers with the setup's error (see below).
      const unplannable = { plan: { valuationDate: '2026-11-20' } };
      await expect(p.run('frontier', unplannable)).rejects.toBeInstanceOf(PoolBusyError);
      ac.abort();
      await settled;
      await expect(p.run('frontier', unplannable)).rejects.toBeInstanceOf(InputValidationError);
    } finally {
      await p.close();
    }
  });

  it('on two threads a small run finishes before a large one admitted ahead of it (the started runs take turns)', async () => {
    const p = new ComputePool({ size: 2, workerUrl, maxChunkPathSteps: 100_000 });
    try {
      const order: string[] = [];
      const big = p
        .run('montecarlo', { book: BOOK, paths: 200_000, seed: 1, rebalance: false })
        .then(() => order.push('big'));
      const small = p
        .run('montecarlo', { book: BOOK, paths: 1000, seed: 1, rebalance: false })
        .then(() => order.push('small'));
      await Promise.all([big, small]);
      expect(order).toEqual(['small', 'big']);
    } finally {
      await p.close();
    }
  });

  it('stops a run at its time limit with JobTimeoutError and serves the next one', async () => {
    const p = new ComputePool({ size: 1, workerUrl, jobTimeoutMs: 20 });
    try {
      const e = await p.run('montecarlo', { book: BOOK, paths: 2_000_000, horizonDays: 10 }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(JobTimeoutError);
      expect((e as JobTimeoutError).limitMs).toBe(20);
      expect(p.stats()).toMatchObject({ busy: 0, queued: 0 });
    } finally {
      await p.close();
    }
  });

  it('summary is null for a single-path chunk and the merged result can be left out', async () => {
    const one = await pool.runMonteCarlo({ book: BOOK, paths: 10, firstPath: 3, pathCount: 1 });
    expect(one.summary).toBeNull();
    expect(one.partial!.pathCount).toBe(1);
    const slim = await pool.runMonteCarlo({ book: BOOK, paths: 100, rebalance: false }, { withPartial: false });
    expect(slim.partial).toBeUndefined();
    expect(slim.summary!.paths).toBe(100);
  });
});
