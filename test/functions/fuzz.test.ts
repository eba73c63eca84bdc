/**
 * Random and hostile JSON at every endpoint of the route table: wrong types, huge numbers, "NaN"
 * strings, deep nesting, prototype keys, a 10 MB string. Every answer must be a 200 or a 4xx
 * problem document (never a 500), and the local host must stay up. Counts are bounded to keep
 * the file fast.
 */
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCompute, setComputeRunner } from '../../functions/src/compute';
import { inlineCompute } from './inlineCompute';
import { routes } from '../../functions/src/routes';
import { startLocalHost, type LocalHost } from '../../functions/src/localHost';

const jsonRoutes = routes.filter((r) => r.method === 'POST');
/** Deeper runs on demand: FUZZ_SCALE=20 FUZZ_SEED=123 npx vitest run test/functions/fuzz.test.ts */
const scale = Math.max(1, Number(process.env.FUZZ_SCALE) || 1);
const seedOffset = Number(process.env.FUZZ_SEED) || 0;
const errors: unknown[][] = [];

function ctx(name: string): InvocationContext {
  return new InvocationContext({
    functionName: name,
    logHandler: (level, ...args) => {
      if (level === 'error') errors.push(args);
    },
  });
}

function check(res: HttpResponseInit, label: string): void {
  const status = res.status ?? 200;
  const headers = res.headers as Record<string, string>;
  if (status >= 500 || (status >= 300 && status < 400)) {
    throw new Error(`${label}: status ${status}: ${String(res.body).slice(0, 400)}`);
  }
  const parsed = JSON.parse(String(res.body)) as Record<string, unknown>;
  if (status !== 200) {
    expect(headers['content-type']).toBe('application/problem+json');
    expect(parsed.status).toBe(status);
    expect(typeof parsed.detail).toBe('string');
    if (status === 400) expect(Array.isArray(parsed.issues) && parsed.issues.length > 0).toBe(true);
  }
}

async function send(route: (typeof routes)[number], body: string): Promise<HttpResponseInit> {
  const req = new HttpRequest({
    method: 'POST',
    url: `http://localhost/api/${route.route}`,
    headers: { 'content-type': 'application/json' },
    body: { string: body },
  });
  return route.handler(req, ctx(route.name));
}

/** Values that break naive numeric code. */
const hostile = fc.oneof(
  fc.constantFrom<unknown>(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '',
    ' ',
    '0x10',
    null,
    true,
    [],
    {},
    -0,
    0,
    -1,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    2 ** 53 + 1,
    5e-324,
    '2026-02-30',
    '2026-13-01',
    '9999-12-31',
    '0000-01-01',
    { __proto__: { polluted: true } },
    { constructor: { prototype: { polluted: true } } },
    [[[[[[[[[[[]]]]]]]]]]],
  ),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Replace one value somewhere inside `example` (or the whole thing) with a hostile one. */
function mutate(example: unknown, pathChoice: number, value: unknown): unknown {
  if (example === null || typeof example !== 'object') return value;
  const clone = structuredClone(example) as Record<string, unknown>;
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        slots.push({ parent: node, key: i });
        walk(v);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        slots.push({ parent: node as Record<string, unknown>, key: k });
        walk(v);
      }
    }
  };
  walk(clone);
  if (slots.length === 0) return value;
  const slot = slots[pathChoice % slots.length]!;
  (slot.parent as Record<string | number, unknown>)[slot.key] = value;
  return clone;
}

beforeAll(() => setComputeRunner(inlineCompute()));
afterAll(async () => {
  await closeCompute();
});

describe.each(jsonRoutes.map((r) => [r.route, r] as const))('fuzz POST /api/%s', (_name, route) => {
  it('arbitrary JSON values → 200 or a 4xx problem', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (v) =>
        check(await send(route, JSON.stringify(v)), JSON.stringify(v).slice(0, 200)),
      ),
      { numRuns: 60 * scale, seed: 42 + seedOffset },
    );
  });

  it('the documented example with one field made hostile → 200 or a 4xx problem', async () => {
    const example = route.request?.example ?? {};
    await fc.assert(
      fc.asyncProperty(fc.nat(), hostile, async (at, value) => {
        const body = JSON.stringify(mutate(example, at, value)) ?? 'null';
        check(await send(route, body), body.slice(0, 300));
      }),
      { numRuns: 80 * scale, seed: 7 + seedOffset },
    );
  });

  it('text that is not JSON → 400 saying where it broke', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), async (s) => {
        let isJson = true;
        try {
          JSON.parse(s);
        } catch {
          isJson = false;
        }
        const res = await send(route, s);
        check(res, s);
        if (!isJson) expect(res.status).toBe(400);
      }),
      { numRuns: 40 * scale, seed: 3 + seedOffset },
    );
  });

  it.each([
    ['NaN literal', '{"spot": NaN}'],
    ['Infinity literal', '{"spot": Infinity}'],
    ['huge exponent (parses to Infinity)', '{"spot": 1e400, "paths": 1e400, "rows": 1e400}'],
    ['deep array nesting', '['.repeat(50_000) + ']'.repeat(50_000)],
    ['deep object nesting', '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000)],
    ['prototype keys', '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}'],
    ['a 3 MB string field', JSON.stringify({ valuationDate: 'x'.repeat(3_000_000) })],
    ['a 10 MB string (over the limit)', JSON.stringify({ valuationDate: 'x'.repeat(10_000_000) })],
    ['an array of 200 000 numbers', JSON.stringify({ rows: Array.from({ length: 200_000 }, (_, i) => i) })],
  ])('%s', async (_label, body) => {
    const res = await send(route, body);
    check(res, _label);
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});

describe('fuzz over real HTTP: the local host stays up', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startLocalHost({ port: 0, tls: false, corsOrigins: ['*'], logError: (...a) => errors.push(a) });
  });
  afterAll(async () => {
    await host?.close();
  });

  it('hostile bodies at every route, then health still answers', async () => {
    const bodies = [
      JSON.stringify({ valuationDate: 'x'.repeat(10_000_000) }),
      '['.repeat(100_000) + ']'.repeat(100_000),
      '{"a": NaN}',
      '\u0000\uffff',
      JSON.stringify({ paths: 1e308, steps: 1e308, pathCount: -1, seed: 'NaN' }),
    ];
    for (const r of routes) {
      for (const body of bodies) {
        const res = await fetch(`${host.url}/api/${r.route}`, {
          method: r.method === 'POST' ? 'POST' : 'PUT',
          body,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.status, `${r.route}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${r.route}`).toBeLessThan(500);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        await res.arrayBuffer();
      }
    }
    expect((await fetch(`${host.url}/api/health`)).status).toBe(200);
  });

  it('logged no server errors', () => {
    expect(errors).toEqual([]);
  });
});
