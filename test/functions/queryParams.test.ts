/**
 * Query parameters a route does not declare are refused, the same on both hosts (the Azure handler
 * and the local host over HTTP), before the media type and the body: a misspelled or miscased
 * `?partial=false` must never be read as no parameter at all. The OpenAPI document says what the
 * hosts take: `partial` in any case, HEAD on the GET routes.
 */
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalHost, type LocalHost } from '../../functions/src/localHost';
import { queryFlag } from '../../functions/src/http/route';
import { findRoute, routes } from '../../functions/src/routes';
import { buildOpenApi } from '../../functions/src/openapi';
import { callRoute, type Json } from './postJson';

let host: LocalHost;

beforeAll(async () => {
  host = await startLocalHost({ port: 0, host: '127.0.0.1', tls: false, corsOrigins: [] });
});

afterAll(async () => {
  await host?.close();
});

/** The local host's answer to the same request: status and body as JSON (none for HEAD). */
async function local(
  route: string,
  method: string,
  body?: string,
  contentType = 'application/json',
): Promise<{ status: number; json: Json | undefined }> {
  const res = await fetch(`${host.url}/api/${route}`, {
    method,
    ...(body !== undefined ? { body, headers: { 'content-type': contentType } } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as Json) };
}

/**
 * Both hosts' answers, which must be the same. The Azure handler's request carries the
 * Content-Length that fetch sends the local host (as the Functions host passes the client's headers
 * on): a body sent without one is told so ('' here is a body of length 0, sent as such).
 */
async function both(route: string, method: string, body?: string, contentType = 'application/json'): Promise<Json> {
  const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
  const azure = await callRoute(route, {
    method,
    ...(body !== undefined ? { body, headers: { 'content-type': contentType, ...length } } : {}),
  });
  const l = await local(route, method, body, contentType);
  expect(l.status).toBe(azure.status);
  expect(l.json).toEqual(azure.json);
  return { status: azure.status, ...azure.json };
}

describe('unknown query parameters', () => {
  it.each([
    ['montecarlo?Partial=false', 'Partial', 'write partial: parameter names are case-sensitive'],
    ['montecarlo?parital=false', 'parital', 'did you mean partial?'],
    // two edits (two letters left out) is still near enough to name
    ['montecarlo?prtal=false', 'prtal', 'did you mean partial? Write partial, or leave it out'],
    ['frontier?PARTIAL=true', 'PARTIAL', 'write partial'],
    ['plan?partial=x', 'partial', 'leave it out: /api/plan reads its inputs from the body'],
    ['stress?partial=false', 'partial', 'leave it out: /api/stress reads its inputs from the body'],
    ['surface?foo=1', 'foo', 'leave it out'],
    ['replay?partial=false&x=1', 'partial', 'leave it out'],
    ['montecarlo?Code=abc', 'Code', 'write code'],
  ])('POST /api/%s is a 400 naming %s, before the body is read', async (route, name, fix) => {
    // An empty body: the parameter is refused first, so no 400 malformed_json, no compute.
    const p = await both(route, 'POST', '');
    expect(p.status).toBe(400);
    expect(p.code).toBe('invalid_input');
    expect(p.field).toBe(name);
    expect(p.instance).toBe(`/api/${route.split('?')[0]}`);
    expect(p.detail).toContain(`${name}: is not a query parameter of /api/${route.split('?')[0]}`);
    expect(p.fix).toContain(fix);
  });

  it('names the parameters the route takes', async () => {
    const p = await both('montecarlo?parital=false', 'POST', '');
    expect(p.detail).toContain('which takes partial (and code, the function key)');
    const plan = await both('plan?x=1', 'POST', '');
    expect(plan.detail).toContain('which takes none (but code, the function key)');
  });

  it('refuses an unknown parameter before the media type, as on Azure', async () => {
    const p = await both('montecarlo?parital=false', 'POST', 'x=1', 'text/plain');
    expect(p.status).toBe(400);
    expect(p.field).toBe('parital');
  });

  it('answers a wrong method 405 first, whatever the query', async () => {
    const p = await both('plan?x=1', 'GET');
    expect(p.status).toBe(405);
  });

  it.each(['health?x=1', 'openapi.json?Partial=1', 'health?=1'])('GET /api/%s is a 400 too', async (route) => {
    const p = await both(route, 'GET');
    expect(p.status).toBe(400);
    expect(p.code).toBe('invalid_input');
    expect(p.fix).toMatch(/^(leave it out|write partial)/);
    expect(p.fix).not.toContain('body');
    const head = await local(route, 'HEAD');
    expect(head.status).toBe(400);
  });

  it('takes code (the function key) on every route', async () => {
    expect((await callRoute('health?code=abc', { method: 'GET' })).status).toBe(200);
    expect((await local('health?code=abc', 'GET')).status).toBe(200);
    const plan = await both('plan?code=abc', 'POST', '');
    expect(plan.code).toBe('malformed_json'); // past the query: the empty body is what is wrong
  });
});

describe('a true/false flag', () => {
  it('refuses partial given twice, naming it and the count, rather than taking one of the values', () => {
    const request = new HttpRequest({ method: 'POST', url: 'http://x/api/montecarlo?partial=true&partial=false' });
    expect(() => queryFlag(request, 'partial', true)).toThrow(
      'partial: is given 2 times; pass ?partial= once (true or false), or leave it out (default true)',
    );
  });
});

describe('OpenAPI query and HEAD', () => {
  const doc = buildOpenApi(routes, '0') as Json;

  it('describes partial as the hosts read it: true or false, any case, blanks around', () => {
    for (const path of ['/api/montecarlo', '/api/frontier']) {
      const schema = doc.paths[path].post.parameters[0].schema as Json;
      expect(schema.enum).toBeUndefined();
      const pattern = new RegExp(schema.pattern as string);
      for (const v of ['true', 'FALSE', 'False', ' true ', 'tRuE', 'yes', '1', '', 'truee', 'true false', 'fals']) {
        const request = new HttpRequest({ method: 'POST', url: `http://x/api?partial=${encodeURIComponent(v)}` });
        let accepted = true;
        try {
          queryFlag(request, 'partial', true);
        } catch {
          accepted = false;
        }
        expect(pattern.test(v), v).toBe(accepted);
      }
    }
  });

  it('lists HEAD beside GET for the GET routes', () => {
    for (const path of ['/api/health', '/api/openapi.json']) {
      const item = doc.paths[path] as Json;
      expect(item.head.operationId).toBe(`${item.get.operationId}Head`);
      expect(Object.keys(item.head.responses)).toEqual(Object.keys(item.get.responses));
      expect(item.head.responses['200'].content).toBeUndefined();
      expect(item.get.responses['400']).toBeDefined();
    }
    expect(doc.paths['/api/plan'].head).toBeUndefined();
  });
});

describe('HEAD on the Azure handler', () => {
  /** The route's Azure handler answer to `method`, as the library hands it to the Functions host. */
  async function azure(route: string, method: string): Promise<HttpResponseInit> {
    const r = findRoute(route.split('?')[0]!)!;
    const request = new HttpRequest({ method, url: `http://localhost:7071/api/${route}` });
    return r.handler(request, new InvocationContext({ functionName: r.name }));
  }

  it.each([
    ['openapi.json', 'a GET', 200],
    ['health?x=1', 'a GET', 400],
    ['replay', 'a POST', 405],
  ])(
    'HEAD /api/%s (%s route): the status and headers a GET gets, no body, as on the local host',
    async (route, _, status) => {
      const get = await azure(route, 'GET');
      const head = await azure(route, 'HEAD');
      expect(head.status).toBe(status);
      expect(head.body).toBeUndefined();
      expect(head.jsonBody).toBeUndefined();
      const headers = head.headers as Record<string, string>;
      const { 'content-length': length, ...rest } = headers;
      expect(rest).toEqual(get.headers);
      // a 405 names the method: the HEAD's problem is one byte longer than the GET's
      expect(Number(length)).toBe(Buffer.byteLength(get.body as string) + (status === 405 ? 1 : 0));
      if (status === 405) expect(headers.allow).toBe('POST');
      const res = await fetch(`${host.url}/api/${route}`, { method: 'HEAD' });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe(headers['content-type']);
      expect(res.headers.get('content-length')).toBe(length);
      expect(await res.text()).toBe('');
    },
  );

  it('HEAD /api/health: 200 with the JSON type, no body', async () => {
    const head = await azure('health', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBeUndefined();
    expect((head.headers as Record<string, string>)['content-type']).toMatch(/^application\/json/);
    expect(Number((head.headers as Record<string, string>)['content-length'])).toBeGreaterThan(50);
  });
});
