/**
 * Every endpoint through its handler, with the library's own HttpRequest and InvocationContext:
 * the documented example answers 200 with the right shape, bad input answers 400 listing every
 * issue, work over a limit answers 422 naming it. Heavy jobs run in-process here (the pool has its
 * own tests and the local-host test uses it); the handlers cannot tell the difference.
 */
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mergeMonteCarlo,
  runMonteCarloChunk,
  summarizeMonteCarlo,
  MAX_PATH_STEPS,
  type MonteCarloPartial,
} from '@alvh/shared';
import { setComputeRunner } from '../../functions/src/compute';
import { inlineCompute } from './inlineCompute';
import { findRoute, routes } from '../../functions/src/routes';
import { MONTECARLO_EXAMPLE } from '../../functions/src/handlers/examples';

const runner = inlineCompute();
const jobs = runner.jobs;
beforeAll(() => setComputeRunner(runner));
afterAll(() => setComputeRunner(undefined));

async function call(route: string, body: unknown, method = 'POST') {
  const r = findRoute(route);
  if (!r) throw new Error(`no route ${route}`);
  const init: ConstructorParameters<typeof HttpRequest>[0] = { method, url: `http://localhost:7071/api/${route}` };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = { string: typeof body === 'string' ? body : JSON.stringify(body) };
  }
  const res: HttpResponseInit = await r.handler(new HttpRequest(init), new InvocationContext({ functionName: r.name }));
  const headers = res.headers as Record<string, string>;
  return {
    status: res.status ?? 200,
    type: headers['content-type'],
    json: JSON.parse(String(res.body)) as Record<string, any>,
  };
}

describe('route table', () => {
  it('has every endpoint once, with function keys except health and openapi', () => {
    const names = routes.map((r) => r.route);
    expect(new Set(names).size).toBe(names.length);
    for (const r of routes)
      expect(r.authLevel).toBe(r.route === 'health' || r.route === 'openapi.json' ? 'anonymous' : 'function');
    for (const r of routes.filter((x) => x.method === 'POST')) expect(r.request?.example).toBeDefined();
  });
});

describe('GET /api/health', () => {
  it('answers ok', async () => {
    const r = await call('health', undefined, 'GET');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'ok', service: 'alvh' });
    expect(Date.parse(r.json.time)).not.toBeNaN();
  });
  it('405 for POST', async () => {
    expect((await call('health', {}, 'POST')).status).toBe(405);
  });
});

describe('GET /api/openapi.json', () => {
  it('is OpenAPI 3.1 with every route and its generated request schema', async () => {
    const r = await call('openapi.json', undefined, 'GET');
    expect(r.status).toBe(200);
    const doc = r.json;
    expect(doc.openapi).toBe('3.1.0');
    for (const route of routes) {
      const op = doc.paths[`/api/${route.route}`][route.method.toLowerCase()];
      expect(op.operationId).toBe(route.name);
      if (route.request) {
        const ref = op.requestBody.content['application/json'].schema.$ref as string;
        const schema = doc.components.schemas[ref.split('/').pop()!];
        expect(schema.type).toBe('object');
        expect(Array.isArray(schema.required)).toBe(true);
        expect(op.responses['400'].content['application/problem+json'].schema.$ref).toBe(
          '#/components/schemas/Problem',
        );
      }
    }
    expect(doc.components.securitySchemes.functionKey).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'x-functions-key',
    });
    // No dangling references anywhere.
    const text = JSON.stringify(doc);
    for (const m of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
      expect(doc.components.schemas[m[1]!]).toBeDefined();
    expect(text).not.toContain('#/$defs/');
  });
});

describe('POST /api/montecarlo', () => {
  it('runs the example chunk on the compute runner and answers the partial and its summary', async () => {
    jobs.length = 0;
    const r = await call('montecarlo', MONTECARLO_EXAMPLE);
    expect(r.status).toBe(200);
    expect(jobs).toEqual(['montecarlo']);
    expect(r.json.partial).toMatchObject({ seed: 7, paths: 4000, firstPath: 0, pathCount: 1000 });
    expect(r.json.partial.book).toHaveLength(1000);
    expect(r.json.summary.paths).toBe(1000);
    expect(typeof r.json.summary.alvh.mean).toBe('number');
  });

  it('two chunks over HTTP merge to exactly the one-shot run', async () => {
    const a = await call('montecarlo', { ...MONTECARLO_EXAMPLE, paths: 600, firstPath: 0, pathCount: 200 });
    const b = await call('montecarlo', { ...MONTECARLO_EXAMPLE, paths: 600, firstPath: 200, pathCount: 400 });
    const restore = (o: Record<string, any>): MonteCarloPartial =>
      ({
        ...o,
        condor: Float64Array.from(o.condor),
        book: Float64Array.from(o.book),
        costs: Float64Array.from(o.costs),
        tailContracts: Float64Array.from(o.tailContracts),
        rebalances: Uint16Array.from(o.rebalances),
      }) as MonteCarloPartial;
    const merged = summarizeMonteCarlo(mergeMonteCarlo([restore(a.json.partial), restore(b.json.partial)]));
    const whole = summarizeMonteCarlo(
      runMonteCarloChunk({ ...MONTECARLO_EXAMPLE, paths: 600, firstPath: 0, pathCount: 600 }),
    );
    expect(merged).toEqual(whole);
  });

  it.each([
    ['no book', { paths: 100 }, ['book']],
    ['paths as a string', { ...MONTECARLO_EXAMPLE, paths: '1000' }, ['paths']],
    [
      'negative seed and fractional pathCount',
      { ...MONTECARLO_EXAMPLE, seed: -1, pathCount: 1.5 },
      ['seed', 'pathCount'],
    ],
    ['firstPath past the run', { ...MONTECARLO_EXAMPLE, firstPath: 5000 }, ['firstPath']],
    [
      'vol in percent',
      { ...MONTECARLO_EXAMPLE, book: { ...MONTECARLO_EXAMPLE.book, volOfVol: 95 } },
      ['book.volOfVol'],
    ],
  ])('400 for %s, listing every issue', async (_label, body, paths) => {
    const r = await call('montecarlo', body);
    expect(r.status).toBe(400);
    expect(r.type).toBe('application/problem+json');
    expect(r.json.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(paths));
    for (const i of r.json.issues) expect(i.message.length).toBeGreaterThan(3);
  });

  it('422 naming the path-steps limit, before any work is queued', async () => {
    jobs.length = 0;
    const r = await call('montecarlo', { ...MONTECARLO_EXAMPLE, paths: 2_000_000, firstPath: 0, pathCount: 2_000_000 });
    expect(r.status).toBe(422);
    expect(r.json.code).toBe('limit_exceeded');
    expect(r.json.detail).toContain(String(MAX_PATH_STEPS));
    expect(jobs).toEqual([]);
  });
});
