/**
 * The OpenAPI document names every status and problem code the hosts send: each code the sources
 * can put in a problem document is in the Problem schema's `code`, and each status is a response
 * of the operations that can get it (or, for a path not in the document, said in its description).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../functions/src/openapi';
import { InvocationContext } from '@azure/functions';
import { JobTimeoutError, PoolBusyError, PoolClosedError } from '../../functions/src/compute/pool';
import { PROBLEM_CODES, problemFromError } from '../../functions/src/http/problem';
import { routes } from '../../functions/src/routes';

type Json = Record<string, unknown>;

const doc = buildOpenApi(routes, 'test') as {
  info: { description: string };
  paths: Record<string, Record<string, { responses: Record<string, { description: string; content?: Json }> }>>;
  components: { schemas: { Problem: { properties: { code: { enum: string[]; description: string } } } } };
};
const codeSchema = doc.components.schemas.Problem.properties.code;
const apiDoc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The codes the sources write into a problem document or an AlvhError, found by reading them. */
function codesInSources(): Set<string> {
  const found = new Set<string>();
  const root = new URL('../../', import.meta.url).pathname;
  const patterns = [
    /httpProblem\(\s*\d+,\s*'([a-z_]+)'/g, // the plain HTTP problems
    /\bcode: '([a-z_]+)'/g, // a problem written out (non_finite_result)
    /new AlvhError\(\s*'([a-z_]+)'/g, // the ALVH errors the core throws
  ];
  for (const file of [...sources(join(root, 'functions/src')), ...sources(join(root, 'shared/src'))]) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) if (m[1] !== 'custom') found.add(m[1]!);
  }
  return found;
}

describe('the OpenAPI Problem schema', () => {
  it('lists every code the sources send, and no other', () => {
    const inSources = codesInSources();
    // the scan finds the codes the hosts and the core write (a sanity floor: it reads the sources)
    expect(inSources.size).toBeGreaterThan(15);
    for (const code of inSources) expect(codeSchema.enum, code).toContain(code);
    expect([...codeSchema.enum].sort()).toEqual(PROBLEM_CODES.map((c) => c.code).sort());
  });

  it('says of each code its status, and which host alone sends it', () => {
    for (const c of PROBLEM_CODES) {
      const host = c.host === 'local' ? ', local host only' : c.host === 'azure' ? ', Azure only' : '';
      expect(codeSchema.description).toContain(`\`${c.code}\` (${c.status}${host}): `);
    }
  });
});

describe('the OpenAPI responses', () => {
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, responses: op.responses })),
  );

  it('give every status a problem document can have to the operations that can get it', () => {
    const listed = new Set(operations.flatMap((o) => Object.keys(o.responses)));
    for (const c of PROBLEM_CODES) {
      if (c.code === 'client_closed_request') continue; // nobody receives it: the client has left
      if (c.code === 'not_found') {
        // a path the document does not list: said once, for the whole API
        expect(doc.info.description).toMatch(/A path not listed here is a 404/);
        continue;
      }
      if (c.code === 'bad_path') continue; // add-in files, not the API
      expect([...listed], `${c.code} (${c.status})`).toContain(String(c.status));
    }
  });

  it('list on every POST what a POST can get, 401 where a function key is needed', () => {
    for (const r of routes.filter((x) => x.method === 'POST')) {
      const statuses = Object.keys(doc.paths[`/api/${r.route}`]!.post!.responses);
      expect(statuses).toEqual([
        '200',
        '400',
        '401',
        '405',
        '408',
        '411',
        '413',
        '415',
        '417',
        '422',
        '429',
        '431',
        '500',
        '501',
        '503',
      ]);
      const r401 = doc.paths[`/api/${r.route}`]!.post!.responses['401']!;
      expect(r401.content).toBeUndefined();
      expect(r401.description).toMatch(/platform answers this itself, with no problem document/);
    }
  });

  it('list on every GET what a GET can get', () => {
    for (const r of routes.filter((x) => x.method === 'GET')) {
      const statuses = Object.keys(doc.paths[`/api/${r.route}`]!.get!.responses);
      expect(statuses).toEqual(['200', '400', '405', '408', '417', '429', '431', '500']);
    }
  });

  it('describe the preflight of every path: 204, or 403 for an origin not allowed (local host)', () => {
    for (const r of routes) {
      const options = doc.paths[`/api/${r.route}`]!.options!;
      expect(Object.keys(options.responses)).toEqual(['204', '403']);
      expect(options.responses['403']!.description).toContain('`origin_not_allowed` (403, local host only)');
    }
  });
});

describe('Retry-After on a 503', () => {
  const row = (code: string) => apiDoc.split('\n').find((l) => l.startsWith(`| 503 | \`${code}\``)) ?? '';

  it('is sent with every 503: queue full, shutting down, and a run stopped at its time limit', () => {
    const context = new InvocationContext({ functionName: 'test' });
    const headersOf = (e: unknown) => problemFromError(e, context).headers;
    expect(headersOf(new PoolBusyError(4, 3))['retry-after']).toMatch(/^\d+$/);
    expect(headersOf(new PoolClosedError())['retry-after']).toMatch(/^\d+$/);
    expect(headersOf(new JobTimeoutError(60_000))['retry-after']).toMatch(/^\d+$/);
  });

  it('while shutting down is 5 seconds, and the only header the problem adds', () => {
    const context = new InvocationContext({ functionName: 'test' });
    const { problem, headers } = problemFromError(new PoolClosedError(), context);
    expect(headers).toEqual({ 'retry-after': '5' });
    expect([problem.status, problem.code]).toEqual([503, 'shutting_down']);
  });

  it('after a run stopped at its time limit, is the limit in seconds, from 1 to 120', () => {
    const context = new InvocationContext({ functionName: 'test' });
    const retryAfter = (e: JobTimeoutError) => problemFromError(e, context).headers['retry-after'];
    expect(retryAfter(new JobTimeoutError(1_500))).toBe('2');
    expect(retryAfter(new JobTimeoutError(60_000))).toBe('60');
    expect(retryAfter(new JobTimeoutError(50))).toBe('1');
    expect(retryAfter(new JobTimeoutError(600_000))).toBe('120');
    const { problem } = problemFromError(new JobTimeoutError(1_500), context);
    expect(problem).toMatchObject({ status: 503, code: 'job_time_limit', limit: 1_500 });
    expect(problem.fix).toMatch(/smaller request \(fewer paths/);
  });

  it('a run refused after waiting for a thread is told the pool is busy and to try again, not to send less', () => {
    const context = new InvocationContext({ functionName: 'test' });
    const { problem, headers } = problemFromError(new PoolBusyError(8, 5, 10, 60_000), context);
    expect([problem.status, problem.code, headers['retry-after']]).toEqual([503, 'compute_queue_full', '5']);
    expect(problem.detail).toMatch(/busy: this run waited 60000 ms for a thread/);
    expect(problem.fix).toBe('the pool is busy with other runs: try again after 5 seconds');
  });

  it('docs/api.md and the OpenAPI document say so', () => {
    expect(row('compute_queue_full')).toMatch(/`Retry-After`/);
    expect(row('shutting_down')).toMatch(/`Retry-After` set/);
    expect(row('job_time_limit')).toMatch(
      /`Retry-After` is the time limit in seconds, or, when longer, the time the pool needs/,
    );
    expect(row('compute_queue_full')).toMatch(/the runs in progress × the mean time of the latest 10 finished runs/);
    expect(codeSchema.description).toMatch(/`job_time_limit` \(503\): [^\n]*`Retry-After` set/);
  });
});

describe('docs/api.md', () => {
  it('lists every problem code and the 401', () => {
    for (const c of PROBLEM_CODES) expect(apiDoc, c.code).toContain(`\`${c.code}\``);
    expect(apiDoc).toMatch(/\| 401 \| — \|/);
  });
});
