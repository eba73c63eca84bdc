/** A worker resolves a run's input once and gives each further chunk its range: same bits, same checks. */
import { describe, expect, it } from 'vitest';
import {
  chunkOfSetup,
  MonteCarloCancelled,
  monteCarloSetup,
  runMonteCarloChunk,
  runMonteCarloSetup,
} from '@alvh/shared';
import { runJob } from '../../../functions/src/compute/jobs';
import { BOOK, PLAN_INPUT } from '../../helpers/fixtures';
import { errorOf } from '../../helpers/errors';

const bits = (a: Float64Array) => Array.from(a);

describe('chunkOfSetup', () => {
  const base = { plan: PLAN_INPUT, paths: 600, seed: 3, horizonDays: 20 };
  it('runs a chunk exactly as a setup built from the chunk input', () => {
    const s = monteCarloSetup({ ...base, firstPath: 0, pathCount: 100 });
    const a = runMonteCarloSetup(chunkOfSetup(s, 250, 150));
    const b = runMonteCarloChunk({ ...base, firstPath: 250, pathCount: 150 });
    expect(a.firstPath).toBe(250);
    expect(bits(a.book)).toEqual(bits(b.book));
    expect(bits(a.tailContracts)).toEqual(bits(b.tailContracts));
    expect(s.run.firstPath).toBe(0); // the base setup is not changed
  });

  it('a chunk after a cancelled chunk of the same run is still the fresh run', () => {
    // Cancelled at the first poll, after 1,024 paths: the engine's tail was resized along them.
    const long = monteCarloSetup({ ...base, paths: 5000, firstPath: 0, pathCount: 1 });
    expect(() => runMonteCarloSetup(chunkOfSetup(long, 0, 3000), { shouldCancel: () => true })).toThrow(
      MonteCarloCancelled,
    );
    const after = runMonteCarloSetup(chunkOfSetup(long, 3000, 500));
    const fresh = runMonteCarloChunk({ ...base, paths: 5000, firstPath: 3000, pathCount: 500 });
    expect(bits(after.book)).toEqual(bits(fresh.book));
    expect(bits(after.tailContracts)).toEqual(bits(fresh.tailContracts));
  });

  it.each([
    [-1, 10, 'firstPath'],
    [600, 1, 'firstPath'],
    [1.5, 10, 'firstPath'],
    [0, 0, 'pathCount'],
    [590, 11, 'pathCount'],
  ])('rejects the range [%d, +%d) naming %s', (first, count, field) => {
    const s = monteCarloSetup({ ...base, firstPath: 0, pathCount: 1 });
    expect(errorOf(() => chunkOfSetup(s, first, count))).toMatchObject({ code: 'invalid_input', field });
  });

  it('holds a chunk to the per-call path-steps limit', () => {
    const s = monteCarloSetup({ book: BOOK, paths: 2_000_000, seed: 1, horizonDays: 40, firstPath: 0, pathCount: 1 });
    expect(errorOf(() => chunkOfSetup(s, 0, 600_000))).toMatchObject({ code: 'limit_exceeded', field: 'pathCount' });
  });
});

describe('a worker given chunks of runs', () => {
  it('answers every chunk as the one-thread run, across runs and back', () => {
    const runA = { book: BOOK, paths: 900, seed: 5, horizonDays: 30, antithetic: true, rebalance: true };
    const runB = { ...runA, seed: 6 };
    const order: [typeof runA, number, number][] = [
      [runA, 0, 300],
      [runA, 300, 300],
      [runB, 300, 300],
      [runA, 600, 300],
      [runB, 0, 300],
    ];
    for (const [run, firstPath, pathCount] of order) {
      const got = runJob('montecarlo-chunk', { ...run, firstPath, pathCount }) as ReturnType<typeof runMonteCarloChunk>;
      const want = runMonteCarloChunk({ ...run, firstPath, pathCount });
      expect(got.seed).toBe(run.seed);
      expect(bits(got.book)).toEqual(bits(want.book));
    }
  });

  it('checks a later chunk of a cached run again', () => {
    const run = { book: BOOK, paths: 900, seed: 8, horizonDays: 30 };
    runJob('montecarlo-chunk', { ...run, firstPath: 0, pathCount: 10 });
    expect(errorOf(() => runJob('montecarlo-chunk', { ...run, firstPath: 890, pathCount: 20 }))).toMatchObject({
      field: 'pathCount',
    });
  });
});
