/**
 * A VIX chain inside a request is fitted on the worker pool (functions/src/handlers/vixChains.ts),
 * on a real pool: /api/plan answers the same bytes plan() gives, /api/montecarlo and
 * /api/frontier the same figures as the shared runs, with no VIX-chain fit on the request thread
 * (this thread's fits are counted; the worker's are its own); and a VIX chain the method refuses
 * is the same problem document the request thread answered when it fitted the chain itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  checkedMonteCarloRequest,
  frontier,
  plan,
  runMonteCarloChunk,
  summarizeMonteCarlo,
  type PlanInput,
} from '@alvh/shared';
import { setComputeRunner, type ComputeJob, type ComputeRunner } from '../../functions/src/compute';
import { ComputePool, type RunOptions } from '../../functions/src/compute/index';
import { problemFromError } from '../../functions/src/http/problem';
import { toJsonSafe } from '../../functions/src/http/jsonSafe';
import { bundleComputeWorker } from '../helpers/computeWorker';
import { PLAN_INPUT } from '../helpers/fixtures';
import { vixChainQuotedata, vixChainRows } from '../helpers/vixChain';
import { callRoute } from './postJson';

/** VIX chains fitted in this thread (the pool's worker runs its own copy of the module, uncounted). */
const fits = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../shared/src/surface/vixSurface', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../shared/src/surface/vixSurface')>();
  return {
    ...mod,
    vixSurfaceFromChain: (...a: Parameters<typeof mod.vixSurfaceFromChain>) => {
      fits.count++;
      return mod.vixSurfaceFromChain(...a);
    },
  };
});

const BASE = PLAN_INPUT as PlanInput;
const INPUT = { ...BASE, market: { ...BASE.market, vixChain: vixChainQuotedata() } } as PlanInput;
const SPX_AS_VIX = vixChainRows().map((x) => ({ ...x, root: 'SPXW', strike: x.strike * 200 }));

let dir: string;
let pool: ComputePool;
/** The jobs handed to the pool, in order. */
let jobs: ComputeJob[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alvh-vixchain-'));
  pool = new ComputePool({ workerUrl: await bundleComputeWorker(dir), size: 2, jobTimeoutMs: 60_000 });
});

beforeEach(() => {
  jobs = [];
  const recording: ComputeRunner = {
    run: (job: ComputeJob, payload: unknown, opts?: RunOptions) => {
      jobs.push(job);
      return pool.run(job, payload, opts);
    },
    checkRoom: () => pool.checkRoom(),
    close: async () => {},
  };
  setComputeRunner(recording);
});

afterAll(async () => {
  setComputeRunner(undefined);
  await pool?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The route's answer, and the VIX-chain fits this thread ran while it was given. */
async function counted(route: string, body: unknown) {
  fits.count = 0;
  const r = await callRoute(route, { body });
  return { r, fitsHere: fits.count };
}

/** The problem document of what `f` throws (the request thread's answer when it ran `f` itself). */
function problemOf(f: () => unknown, instance: string) {
  try {
    f();
  } catch (e) {
    return problemFromError(e, new InvocationContext(), instance).problem;
  }
  throw new Error('expected a refusal');
}

describe('a VIX chain inside a request is fitted on the pool', () => {
  it("POST /api/plan: plan()'s answer to the byte, the chain fitted on the pool only", async () => {
    const { r, fitsHere } = await counted('plan', INPUT);
    expect(r.status).toBe(200);
    expect(jobs).toEqual(['plan']);
    expect(fitsHere).toBe(0);
    fits.count = 0;
    const direct = plan(INPUT);
    expect(fits.count).toBe(1); // the count sees a fit in this thread
    expect(direct.surface.vixOptions?.source).toBe('chain');
    expect(r.text).toBe(JSON.stringify(toJsonSafe(direct)));
  });

  it('POST /api/montecarlo with the plan, and with a book on the chain: the shared run, no fit here', async () => {
    const body = { plan: INPUT, paths: 300, seed: 4 };
    const { r, fitsHere } = await counted('montecarlo?partial=false', body);
    expect(r.status).toBe(200);
    expect(jobs).toEqual(['setup', 'montecarlo']);
    expect(fitsHere).toBe(0);
    expect(r.json.summary).toEqual(JSON.parse(JSON.stringify(summarizeMonteCarlo(runMonteCarloChunk(body)))));

    const p = plan(BASE);
    const { spx, futures, rate, divYield, vix } = BASE.market;
    const book = { valuationDate: BASE.valuationDate, spot: spx, vix, rate, divYield, futures, ...p.book };
    const withBook = { book: { ...book, vixChain: vixChainRows() }, paths: 300, seed: 4 };
    jobs = [];
    const b = await counted('montecarlo?partial=false', withBook);
    expect(b.r.status).toBe(200);
    expect(jobs).toEqual(['setup', 'montecarlo']);
    expect(b.fitsHere).toBe(0);
    expect(b.r.json.summary).toEqual(JSON.parse(JSON.stringify(summarizeMonteCarlo(runMonteCarloChunk(withBook)))));
  });

  it('POST /api/frontier: the same frontier as frontier(), no fit here', async () => {
    const body = { plan: INPUT, paths: 200, seed: 5, budgets: [0, 5_000] };
    const { r, fitsHere } = await counted('frontier', body);
    expect(r.status).toBe(200);
    expect(jobs).toEqual(['setup', 'frontier']);
    expect(fitsHere).toBe(0);
    expect(r.text).toBe(JSON.stringify(toJsonSafe(frontier(body))));
  });

  it('an SPX chain sent as the VIX chain: the problem document the request thread gave, from the pool', async () => {
    const bad = { ...BASE, market: { ...BASE.market, vixChain: SPX_AS_VIX } } as PlanInput;
    const expected = problemOf(() => plan(bad), '/api/plan');
    expect(expected).toMatchObject({ status: 400, field: 'market.vixChain' });
    const { r } = await counted('plan', bad);
    expect(jobs).toEqual(['plan']);
    expect(r.status).toBe(400);
    expect(r.json).toEqual(expected);
  });

  it('a refused VIX chain in a scenario plan is named plan.market.vixChain, as before, from the pool', async () => {
    const body = { plan: { ...BASE, market: { ...BASE.market, vixChain: SPX_AS_VIX } }, paths: 10 };
    const expected = problemOf(() => checkedMonteCarloRequest(body), '/api/montecarlo');
    expect(expected).toMatchObject({ status: 400, field: 'plan.market.vixChain' });
    const { r } = await counted('montecarlo', body);
    expect(jobs).toEqual(['setup']);
    expect(r.status).toBe(400);
    expect(r.json).toEqual(expected);
  });
});
