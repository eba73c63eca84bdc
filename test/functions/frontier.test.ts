/**
 * POST /api/frontier through its handler (jobs in this thread, as endpoints.test.ts), and the
 * frontier on the real worker pool: chunked over two threads, equal to the one-thread frontier.
 * The mixes the search scores in this thread are counted, to show a refusal comes before the search.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callRoute } from './postJson';
import { frontier, frontierSetup, mergeFrontier, summarizeFrontier, type FrontierPartial } from '@alvh/shared';
import { setComputeRunner } from '../../functions/src/compute';
import { ComputePool } from '../../functions/src/compute/index';
import { FRONTIER_EXAMPLE } from '../../functions/src/handlers/examples';
import { bundleComputeWorker } from '../helpers/computeWorker';
import { inlineCompute } from './inlineCompute';

/** Mixes the frontier's search scored (its CVaR of a book), counted through the module's own export. */
const scored = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../shared/src/hedge/frontierSearch', async (original) => {
  const search = await original<typeof import('../../shared/src/hedge/frontierSearch')>();
  return {
    ...search,
    scorer: (...args: Parameters<typeof search.scorer>) => {
      const sc = search.scorer(...args);
      return {
        ...sc,
        cvar: (units: readonly number[]) => {
          scored.count++;
          return sc.cvar(units);
        },
      };
    },
  };
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked field by field
type Json = Record<string, any>;

const runner = inlineCompute();
beforeAll(() => setComputeRunner(runner));
afterAll(() => setComputeRunner(undefined));

async function call(route: string, body: unknown, method = 'POST') {
  const { status, headers, json } = await callRoute(route, { method, body });
  return { status, type: headers['content-type'], json };
}

const SMALL = { ...FRONTIER_EXAMPLE, paths: 1200 };

describe('POST /api/frontier', () => {
  it('answers the frontier of the example, equal to the shared frontier(), described by FrontierAnswer', async () => {
    runner.jobs.length = 0;
    const r = await call('frontier', SMALL);
    expect(r.status).toBe(200);
    expect(runner.jobs).toEqual(['frontier']);
    expect(r.json).toEqual(JSON.parse(JSON.stringify(frontier(SMALL))));
    expect(r.json.points).toHaveLength(11);
    expect(r.json.partial).toBeUndefined();
    const doc = (await call('openapi.json', undefined, 'GET')).json;
    const ok = doc.paths['/api/frontier'].post.responses['200'].content['application/json'];
    expect(ok.schema).toEqual({ $ref: '#/components/schemas/FrontierAnswer' });
    const schema = doc.components.schemas.FrontierAnswer;
    for (const k of Object.keys(r.json)) expect(Object.keys(schema.properties as object), k).toContain(k);
    for (const k of schema.required as string[]) expect(Object.keys(r.json), k).toContain(k);
    // a point's cost is the premium at marks; the fees are paid beyond the budget (it said "≤ budget" spent)
    const point = (schema.properties.points.items.$ref as string).split('/').at(-1)!;
    expect(doc.components.schemas[point].properties.cost.description).toMatch(/fees .*are paid beyond it/);
    // `split` is the least overlay cap that admits the mix, not its division of the budget; `overlayShare` is that division
    const props = doc.components.schemas[point].properties;
    expect(props.split.description).toMatch(/^A label, not the mix's division of the budget/);
    expect(props.overlayShare.description).toMatch(/share of the budget/);
    expect(doc.components.schemas[point].required).toContain('overlayShare');
    // the route names no "overlay share" of the budget: the search caps the overlay, it does not divide the budget
    expect(doc.paths['/api/frontier'].post.description).toMatch(/the mix of overlay units and tail structure units/);
    expect(doc.paths['/api/frontier'].post.description).not.toMatch(/overlay share/);
    expect(doc.paths['/api/frontier'].post.requestBody.content['application/json'].example).toEqual(FRONTIER_EXAMPLE);
  });

  it('?partial=true over its path limit names paths when the request sent no pathCount', async () => {
    const r = await call('frontier?partial=true', { ...FRONTIER_EXAMPLE, paths: 150_000 });
    expect(r.status).toBe(422);
    expect(r.json.field).toBe('paths');
    expect(r.json.detail).toBe(
      'paths: is 150,000: the per-path arrays of more than 100,000 paths are not sent in one answer; drop ?partial=true for the frontier alone, or chunk the run (firstPath, pathCount ≤ 100,000)',
    );
    const chunk = await call('frontier?partial=true', { ...FRONTIER_EXAMPLE, paths: 150_000, pathCount: 120_000 });
    expect(chunk.status).toBe(422);
    expect(chunk.json.field).toBe('pathCount');
    expect(chunk.json.detail).toMatch(/^pathCount: is 120,000: /);
  });

  it('two chunks with ?partial=true merge to exactly the one-request frontier', async () => {
    const a = await call('frontier?partial=true', { ...SMALL, firstPath: 0, pathCount: 500 });
    const b = await call('frontier?partial=true', { ...SMALL, firstPath: 500, pathCount: 700 });
    expect(a.json.partial.hedges).toHaveLength(a.json.components.length);
    const merged = summarizeFrontier(
      mergeFrontier([a.json.partial as FrontierPartial, b.json.partial as FrontierPartial]),
    );
    expect(merged).toEqual(frontier(SMALL));
  });

  it('400 listing every issue of a bad body', async () => {
    const r = await call('frontier', { ...SMALL, budgets: [-1], splits: [2], seed: -3 });
    expect(r.status).toBe(400);
    expect(r.type).toBe('application/problem+json');
    expect(r.json.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['budgets[0]', 'splits[0]', 'seed']),
    );
    // a budget refused says what it is, as every other field does
    const budget = (await call('frontier', { ...SMALL, budgets: [0, 2e9] })).json.issues[0];
    expect(budget).toMatchObject({
      path: 'budgets[1]',
      message: 'is 2,000,000,000; pass budgets of at most 1,000,000,000 USD',
    });
    expect((await call('frontier', { paths: 100 })).json.issues.map((i: { path: string }) => i.path)).toContain('plan');
  });

  it('422 over the path-steps per call, saying to chunk, before any work is queued', async () => {
    runner.jobs.length = 0;
    const budgets = Array.from({ length: 50 }, (_, k) => k * 100);
    const r = await call('frontier', { ...FRONTIER_EXAMPLE, budgets, paths: 400_000 });
    expect(r.status).toBe(422);
    expect(r.json.code).toBe('limit_exceeded');
    expect(r.json.detail).toMatch(/chunk the run/);
    expect(r.json.detail).not.toMatch(/budgets/);
    expect(runner.jobs).toEqual([]);
    // the chunks it offers are ones this route merges: asked with ?partial=true, whose per-path
    // arrays carry at most 100,000 paths (357,142 fit the path-steps, and were offered without it)
    expect(r.json.detail).toBe(
      'paths: 400,000 paths × 56 days = 22,400,000 path-steps, over the limit of 20,000,000 per call; chunk the run: at most 100,000 paths per call (firstPath, pathCount) with ?partial=true, then merge the chunks with mergeFrontier',
    );
    const chunk = { ...FRONTIER_EXAMPLE, budgets, paths: 400_000, firstPath: 100_000, pathCount: 100_000 };
    expect(frontierSetup(chunk, undefined, { chunkPaths: 100_000 }).mc.run.pathCount).toBe(100_000);
    const over = await call('frontier?partial=true', { ...chunk, pathCount: 100_001 });
    expect([over.status, over.json.detail]).toEqual([
      422,
      expect.stringMatching(/^pathCount: is 100,001: the per-path arrays/),
    ]);
    expect(runner.jobs).toEqual([]);
  });

  it('runs 50 budgets on as many paths as one: they share the paths (60,000 were refused as 2.52e9 of work)', async () => {
    const budgets = Array.from({ length: 50 }, (_, k) => k * 200);
    const r = await call('frontier', { ...FRONTIER_EXAMPLE, budgets, paths: 60_000 });
    expect(r.status).toBe(200);
    expect(r.json.points).toHaveLength(50);
    expect(r.json.pathCount).toBe(60_000);
  });

  it('422 naming the paths when the exact search would take too long (a 100-lot, a 1e9 budget), before it runs', async () => {
    // the counter sees the search: an answered frontier scores many mixes
    scored.count = 0;
    expect((await call('frontier', SMALL)).status).toBe(200);
    expect(scored.count).toBeGreaterThan(10);

    const plan = { ...FRONTIER_EXAMPLE.plan, condor: { ...FRONTIER_EXAMPLE.plan.condor, quantity: 100 } };
    const body = { plan: { ...plan, portfolio: { capital: 1e8 } }, budgets: [1e9], paths: 5000, seed: 1 };
    scored.count = 0;
    const r = await call('frontier', body);
    expect(r.status).toBe(422);
    expect(r.json.code).toBe('limit_exceeded');
    expect(r.json.detail).toMatch(
      /^paths: .*search.*pass at most about [\d,]+ paths, or fewer condors or a smaller largest budget$/,
    );
    // refused from the rows' bounds alone: no mix but the unhedged book (the search's reference) was scored
    expect(scored.count).toBe(1);
  });
});

describe('the frontier on the worker pool', () => {
  let dir: string;
  let pool: ComputePool;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'alvh-frontier-'));
    pool = new ComputePool({ size: 2, workerUrl: await bundleComputeWorker(dir), chunksPerWorker: 2 });
  });
  afterAll(async () => {
    await pool?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('chunks over two threads with progress and equals the one-thread frontier', async () => {
    const input = { ...FRONTIER_EXAMPLE, paths: 6000 };
    const progress: number[] = [];
    const r = (await pool.run('frontier', input, {
      withPartial: false,
      onProgress: (d) => progress.push(d),
    })) as Json;
    expect(r).toEqual(frontier(input));
    expect(progress.at(-1)).toBe(6000);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThanOrEqual(progress[i - 1]!);
  });
});
