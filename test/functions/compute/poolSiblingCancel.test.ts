/**
 * A chunked run whose chunk fails (its worker dies) cancels the sibling chunks, which answer
 * "cancelled": the run is refused with what stopped it, never with a sibling's cancellation, and a
 * cancellation that reaches an answer anyway is a logged 500, never a 200 without a status. With
 * scripted workers: each unit answers when the test says, so the order is the test's, not a race.
 */
import { EventEmitter } from 'node:events';
import { InvocationContext } from '@azure/functions';
import { AlvhError, CancelledError, MonteCarloCancelled } from '@alvh/shared';
import { describe, expect, it } from 'vitest';
import { ComputePool } from '../../../functions/src/compute/index';
import { errorFromWire, errorToWire } from '../../../functions/src/compute/jobs';
import type { PoolWorker } from '../../../functions/src/compute/pool';
import { problemFromError } from '../../../functions/src/http/problem';

interface Unit {
  worker: EventEmitter;
  id: number;
  payload: { firstPath?: number };
}

function scriptedPool(running: Unit[]): ComputePool {
  const createWorker = (): PoolWorker => {
    const worker = new EventEmitter();
    return Object.assign(worker, {
      postMessage: (msg: { id: number; payload: Unit['payload'] }) =>
        running.push({ worker, id: msg.id, payload: msg.payload }),
      terminate: () => Promise.resolve(0),
      ref: () => {},
      unref: () => {},
    }) as unknown as PoolWorker;
  };
  return new ComputePool({ size: 2, chunksPerWorker: 1, createWorker });
}

describe('a chunk that fails beside a running sibling', () => {
  it('keeps the class of a cancelled chunk across the thread boundary', () => {
    const back = errorFromWire(errorToWire(new MonteCarloCancelled(15_360)));
    expect(back).toBeInstanceOf(MonteCarloCancelled);
    expect((back as MonteCarloCancelled).pathsDone).toBe(15_360);
  });

  it('refuses the run with the failure, not the first chunk’s cancellation that followed it', async () => {
    const running: Unit[] = [];
    const p = scriptedPool(running);
    try {
      const checked = { firstPath: 0, pathCount: 100_000, horizonDays: 10 };
      const run = p.run('montecarlo', {}, { checked, withPartial: false }).catch((e: unknown) => e);
      expect(running.map((u) => u.payload.firstPath)).toEqual([0, 50_000]);
      const [first, second] = running;
      // the second chunk's worker dies; the first, told to stop, answers that it was cancelled
      second!.worker.emit('exit', 7);
      first!.worker.emit('message', {
        id: first!.id,
        type: 'error',
        error: errorToWire(new MonteCarloCancelled(15_360)),
      });
      const e = await run;
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).message).toBe('compute worker exited with code 7');
    } finally {
      await p.close();
    }
  });

  it('answers a cancellation that reaches the answer as a logged 500, with a status', () => {
    const logged: unknown[][] = [];
    const context = new InvocationContext({ functionName: 'test', invocationId: 'abc123' });
    context.error = (...args: unknown[]) => void logged.push(args);
    // as a chunk's cancellation came back from its thread before: a plain AlvhError of code cancelled
    const rebuilt = new AlvhError(
      'cancelled' as never,
      'paths',
      'Monte Carlo cancelled after 10 paths',
      'run it again',
    );
    for (const e of [rebuilt, new MonteCarloCancelled(10), new CancelledError('paths', 'stopped')]) {
      const { problem } = problemFromError(e, context);
      expect(problem.status).toBe(500);
      expect(problem.detail).toContain('abc123');
    }
    expect(logged).toHaveLength(3);
  });
});
