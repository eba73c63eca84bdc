/**
 * A full pool refuses a route that needs it before the route checks the body: the 503
 * `compute_queue_full` with Retry-After costs no schema parse of a large body (a replay's rows, a
 * plan's chain). The proof that nothing was parsed: a body the schema would refuse with a 400 still
 * gets the 503, and nothing reaches the runner. A route that will not use the pool (a plan without
 * a chain, a surface from the indices) is answered as before.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { setComputeRunner, type ComputeJob, type ComputeRunner } from '../../functions/src/compute';
import { PoolBusyError } from '../../functions/src/compute/pool';
import { PLAN_EXAMPLE, SURFACE_EXAMPLE } from '../../functions/src/handlers/examples';
import { callRoute } from './postJson';

/** A pool with no room: every check of its room throws, as the real pool's does when full. */
class FullPool implements ComputeRunner {
  readonly jobs: ComputeJob[] = [];
  checks = 0;
  run(job: ComputeJob): Promise<unknown> {
    this.jobs.push(job);
    return Promise.reject(new PoolBusyError(4, 3, 6));
  }
  checkRoom(): void {
    this.checks++;
    throw new PoolBusyError(4, 3, 6);
  }
  async close(): Promise<void> {}
}

let pool: FullPool;
beforeEach(() => {
  pool = new FullPool();
  setComputeRunner(pool);
});
afterAll(() => setComputeRunner(undefined));

/** Bodies the schema refuses (400), each on a route that will use the pool. */
const INVALID: [string, unknown][] = [
  ['plan', { valuationDate: 'not a date', market: { spx: 'x', chain: 'expiry,strike\n' } }],
  ['stress', { book: { spot: 'x' }, days: 'all' }],
  ['stress', { book: { spot: 'x', chain: 'expiry,strike\n' } }],
  ['montecarlo', { book: { spot: 'x', chain: 'expiry,strike\n' }, paths: 10 }],
  ['replay', { rows: [{ date: 'yesterday', spx: 'x' }], extra: true }],
  ['surface', { chain: 42, valuationDate: 'not a date' }],
  ['surface', { chain: 'expiry,strike\n', points: 'all' }],
];

describe('a full pool answers 503 before the body is checked', () => {
  it.each(INVALID)(
    'POST /api/%s with a body its schema refuses: 503 compute_queue_full, nothing run',
    async (route, body) => {
      const r = await callRoute(route, { body });
      expect([r.status, r.json.code]).toEqual([503, 'compute_queue_full']);
      expect(r.headers['retry-after']).toBe('3');
      // the wait is said once, in the fix, beside what to send instead
      expect(r.json.detail).toMatch(/^the compute pool is full \(\d+ heavy runs in progress/);
      expect(`${r.json.detail} / ${r.json.fix}`.match(/retry after/gi)).toEqual(['retry after']);
      expect(r.json.fix).toBe('retry after 3 seconds, or send fewer heavy requests at once');
      expect(pool.checks).toBeGreaterThan(0);
      expect(pool.jobs).toEqual([]);
    },
  );

  it('a plan without a chain does not ask the pool: its 400 and its answer are as before', async () => {
    const bad = await callRoute('plan', { body: { valuationDate: 'not a date' } });
    expect(bad.status).toBe(400);
    expect((await callRoute('plan', { body: PLAN_EXAMPLE })).status).toBe(200);
    expect(pool.checks).toBe(0);
  });

  it('a surface from the indices does not ask the pool', async () => {
    expect((await callRoute('surface', { body: SURFACE_EXAMPLE })).status).toBe(200);
    expect(pool.checks).toBe(0);
  });
});
