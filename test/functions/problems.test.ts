/**
 * The error → HTTP mapping every endpoint shares, exercised through a throwaway JSON route built
 * with the same defineJsonRoute the real endpoints use, and real HttpRequest/InvocationContext.
 */
import { HttpRequest, InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  InputValidationError,
  invalidInput,
  limitExceeded,
  noSolution,
  insufficientData,
  parseInput,
} from '@alvh/shared';
import { defineJsonRoute } from '../../functions/src/http/route';
import { isJsonContentType, lineColumn, parseJsonText, readJsonBody } from '../../functions/src/http/body';
import { expectDocSays } from '../helpers/docs';
import { HttpProblem } from '../../functions/src/http/problem';
import { DEFAULT_MAX_BODY_BYTES } from '../../functions/src/config';
import { PLAN_EXAMPLE } from '../../functions/src/handlers/examples';
import { findRoute } from '../../functions/src/routes';

const Schema = z.object({ spot: z.number().positive({ error: 'pass a spot price > 0' }), name: z.string() });

const route = defineJsonRoute(
  {
    name: 'echo',
    route: 'echo',
    authLevel: 'function',
    summary: 'echo',
    description: 'echo',
    response: { description: 'echo' },
    heavy: false,
  },
  async (body) => {
    const input = parseInput(Schema, body);
    if (input.name === 'limit')
      throw limitExceeded('paths', 'is 10000000, over the limit of 1000000 paths', 'split the run into chunks');
    if (input.name === 'nosolution')
      throw noSolution('hedge', 'gains nothing in the stress scenario', 'raise the stress VIX');
    if (input.name === 'short') throw insufficientData('closes', 'has 3 values; RSI needs 15', 'send a longer history');
    if (input.name === 'invalid')
      throw invalidInput('futures[1].expiry', 'is before the valuation date', 'drop expired contracts');
    if (input.name === 'bug') throw new TypeError('x is undefined');
    if (input.name === 'worker') {
      // What an AlvhError looks like after a structured clone across a worker boundary.
      throw {
        code: 'limit_exceeded',
        field: 'steps',
        problem: 'is over 1000',
        fix: 'use fewer steps',
        message: 'steps: is over 1000; use fewer steps',
      };
    }
    return { ok: input.spot };
  },
);

const logged: unknown[][] = [];
function ctx(): InvocationContext {
  return new InvocationContext({
    invocationId: 'test-invocation',
    functionName: 'echo',
    logHandler: (level, ...args) => {
      if (level === 'error') logged.push(args);
    },
  });
}

function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): HttpRequest {
  return new HttpRequest({ method: 'POST', url: 'http://localhost/api/echo', headers, body: { string: body } });
}

async function call(req: HttpRequest) {
  const res = await route.handler(req, ctx());
  const headers = res.headers as Record<string, string>;
  return {
    status: res.status ?? 200,
    type: headers['content-type'],
    json: JSON.parse(String(res.body)) as Record<string, unknown>,
    headers,
  };
}

describe('problem details for each kind of failure', () => {
  it.each([
    // [case, body, status, code]
    ['valid input', '{"spot": 5000, "name": "x"}', 200, undefined],
    ['zod issues', '{"spot": -1, "name": 3}', 400, 'invalid_input'],
    ['AlvhError invalid_input from the core', '{"spot": 1, "name": "invalid"}', 400, 'invalid_input'],
    ['limit_exceeded', '{"spot": 1, "name": "limit"}', 422, 'limit_exceeded'],
    ['no_solution', '{"spot": 1, "name": "nosolution"}', 422, 'no_solution'],
    ['insufficient_data', '{"spot": 1, "name": "short"}', 422, 'insufficient_data'],
    ['AlvhError fields after a worker boundary', '{"spot": 1, "name": "worker"}', 422, 'limit_exceeded'],
    ['malformed JSON', '{"spot": 1,}', 400, 'malformed_json'],
    ['empty body', '', 400, 'malformed_json'],
    ['a bug', '{"spot": 1, "name": "bug"}', 500, 'internal_error'],
  ] as const)('%s → %i', async (_case, body, status, code) => {
    const r = await call(post(body));
    expect(r.status).toBe(status);
    if (status === 200) {
      expect(r.type).toMatch(/^application\/json/);
      expect(r.json).toEqual({ ok: 5000 });
      return;
    }
    expect(r.type).toBe('application/problem+json');
    expect(r.json.status).toBe(status);
    expect(r.json.code).toBe(code);
    expect(r.json.instance).toBe('/api/echo');
    expect(typeof r.json.detail).toBe('string');
    expect(typeof r.json.title).toBe('string');
  });

  it('an empty body says why it is empty when the request sent neither Content-Length nor Transfer-Encoding', async () => {
    const unframed = await call(post(''));
    expect(unframed.json).toMatchObject({
      code: 'malformed_json',
      detail: expect.stringMatching(
        /^the request body is empty: the request sent no Content-Length or Transfer-Encoding/,
      ),
      fix: 'send the JSON with a Content-Length header giving its size in bytes (most clients add it themselves)',
    });
    for (const framing of [{ 'content-length': '0' }, { 'transfer-encoding': 'chunked' }]) {
      const r = await call(post('', { 'content-type': 'application/json', ...framing }));
      expect([r.status, r.json.code, r.json.detail]).toEqual([
        400,
        'malformed_json',
        'the request body is empty; send one JSON object',
      ]);
    }
  });

  it('lists every zod issue as {path, message}', async () => {
    const r = await call(post('{"spot": -1, "name": 3}'));
    expect(r.json.issues).toEqual([
      { path: 'spot', message: 'pass a spot price > 0' },
      { path: 'name', message: expect.stringMatching(/string/) },
    ]);
  });

  it("gives the first issue's own remedy as fix, once, and the generic one when the issue says none", async () => {
    const r = await call(post('{"spot": -1, "name": 3}'));
    expect(r.json).toMatchObject({ field: 'spot', fix: 'pass a spot price > 0' });
    expect(r.json.detail).toBe('spot: pass a spot price > 0 (and 1 more issue)');
    // A plan's VIX as a decimal: the message's remedy after its colon (docs/api.md's example).
    const plan = findRoute('plan')!;
    const vix = await plan.handler(
      new HttpRequest({
        method: 'POST',
        url: 'http://localhost/api/plan',
        headers: { 'content-type': 'application/json' },
        body: { string: JSON.stringify({ ...PLAN_EXAMPLE, market: { ...PLAN_EXAMPLE.market, vix: 0.185 } }) },
      }),
      ctx(),
    );
    const p = JSON.parse(String(vix.body)) as { field: string; fix: string; detail: string; issues: unknown[] };
    expect([vix.status, p.field, p.fix]).toEqual([400, 'market.vix', 'pass 18.5, not 0.185']);
    expect(p.detail).toBe('market.vix: VIX is in index points: pass 18.5, not 0.185');
    expect(p.issues).toEqual([{ path: 'market.vix', message: 'VIX is in index points: pass 18.5, not 0.185' }]);
    // A wrong type names the type to pass.
    const name = await call(post('{"spot": 1, "name": 3}'));
    expect(name.json.fix).toBe('pass a string');
    expect(name.json.detail).toBe('name: is 3; pass a string');
    // A message that says no remedy: the generic fix, after the message.
    const bare = new InputValidationError([{ path: 'name', message: 'is not a name' }]);
    expect([bare.fix, bare.message]).toEqual([
      'correct the field and try again',
      'name: is not a name; correct the field and try again',
    ]);
    // A separator inside a quoted key is not the remedy's.
    const key = new InputValidationError([
      {
        path: '(root)',
        message: 'unknown field "a; pass b": check the spelling (names are case-sensitive) or remove it',
      },
    ]);
    expect(key.fix).toBe('check the spelling (names are case-sensitive) or remove it');
  });

  it('names the field and the limit for work over a limit', async () => {
    const r = await call(post('{"spot": 1, "name": "limit"}'));
    expect(r.json).toMatchObject({
      field: 'paths',
      fix: 'split the run into chunks',
      type: 'urn:alvh:problem:limit-exceeded',
    });
    expect(r.json.detail).toContain('1000000');
  });

  it('says where malformed JSON broke', async () => {
    const r = await call(post('{\n  "spot": 1,\n  "name": "x",\n}'));
    expect(r.json.detail).toMatch(/line 4, column 1/);
    expect(r.json.issues).toEqual([{ path: '(root)', message: expect.stringMatching(/line 4, column 1/) }]);
  });

  it('never echoes the body back in a JSON error', async () => {
    const r = await call(post('secret-token-123'));
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.json)).not.toContain('secret-token-123');
  });

  it('hides the cause of a 500 but logs it with the same id', async () => {
    logged.length = 0;
    const r = await call(post('{"spot": 1, "name": "bug"}'));
    expect(r.json.id).toBe('test-invocation');
    expect(r.json.detail).not.toContain('undefined');
    expect(logged.length).toBe(1);
    expect(String(logged[0]?.[0])).toContain('test-invocation');
  });

  it.each([
    [{ 'content-type': 'text/plain' }, 'text/plain'],
    [{ 'content-type': 'application/x-www-form-urlencoded' }, 'x-www-form-urlencoded'],
  ])('415 for %j', async (headers, mention) => {
    const r = await call(post('{"spot": 1, "name": "x"}', headers));
    expect(r.status).toBe(415);
    expect(r.json.detail).toContain(mention);
  });

  it('415 for a body without a Content-Type', async () => {
    // A string body gets text/plain from the fetch Request underneath; bytes get no type at all.
    const bytes = new TextEncoder().encode('{"spot": 1, "name": "x"}');
    const r = await call(new HttpRequest({ method: 'POST', url: 'http://localhost/api/echo', body: { bytes } }));
    expect(r.status).toBe(415);
    expect(r.json.detail).toContain('no Content-Type');
  });

  it('accepts JSON with a charset and +json types', async () => {
    expect(
      (await call(post('{"spot": 5000, "name": "x"}', { 'content-type': 'application/json; charset=utf8' }))).status,
    ).toBe(200);
    await expect(
      readJsonBody(post('{"spot": 1, "name": "x"}', { 'content-type': 'application/json; charset=utf8' }), 1024),
    ).resolves.toEqual({ spot: 1, name: 'x' });
    expect(
      (await call(post('{"spot": 5000, "name": "x"}', { 'content-type': 'application/json; charset=utf-8' }))).status,
    ).toBe(200);
    expect(
      (await call(post('{"spot": 5000, "name": "x"}', { 'content-type': 'application/vnd.alvh+json' }))).status,
    ).toBe(200);
  });

  it('413 names the limit, from Content-Length or from the bytes read', async () => {
    const big = JSON.stringify({ spot: 1, name: 'x'.repeat(DEFAULT_MAX_BODY_BYTES) });
    const r = await call(post(big));
    expect(r.status).toBe(413);
    expect(r.json.limit).toBe(DEFAULT_MAX_BODY_BYTES);
    expect(r.json.detail).toContain(DEFAULT_MAX_BODY_BYTES.toLocaleString('en-US'));
    const declared = await call(
      post('{}', { 'content-type': 'application/json', 'content-length': String(DEFAULT_MAX_BODY_BYTES + 1) }),
    );
    expect(declared.status).toBe(413);
    // Only declared: the bytes were never read, so the detail does not say they were sent.
    expect(declared.json.detail).toBe(
      `the request body is limited to ${DEFAULT_MAX_BODY_BYTES.toLocaleString('en-US')} bytes and this request declared ${(DEFAULT_MAX_BODY_BYTES + 1).toLocaleString('en-US')} bytes in its Content-Length`,
    );
  });

  it('413 for a chunked body as it passes the limit: the rest is never read', async () => {
    // No Content-Length (as a chunked upload reaches a function with HTTP streams on): a body of
    // 1 GiB offered 64 KiB at a time, read no further than the limit
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled += chunk.byteLength;
        if (pulled > 1024 ** 3) c.close();
        else c.enqueue(chunk);
      },
    });
    const request = { headers: new Headers({ 'content-type': 'application/json' }), body } as unknown as HttpRequest;
    const e = await readJsonBody(request, DEFAULT_MAX_BODY_BYTES).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HttpProblem);
    expect((e as HttpProblem).problem).toMatchObject({
      status: 413,
      code: 'payload_too_large',
      limit: DEFAULT_MAX_BODY_BYTES,
    });
    expect(pulled).toBeLessThanOrEqual(DEFAULT_MAX_BODY_BYTES + 2 * chunk.byteLength);
  });

  it('a body of exactly the limit is read, by its Content-Length and as chunks', async () => {
    // The limit is the most a body may hold, not the least it may not: 24 bytes under a 24-byte limit are taken.
    const text = '{"spot": 1, "name": "x"}';
    expect(Buffer.byteLength(text)).toBe(24);
    const declared = new HttpRequest({
      method: 'POST',
      url: 'http://localhost/api/echo',
      headers: { 'content-type': 'application/json', 'content-length': '24' },
      body: { string: text },
    });
    await expect(readJsonBody(declared, 24)).resolves.toEqual({ spot: 1, name: 'x' });
    // Chunked: no length declared, the bytes counted as they arrive (12 and 12).
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, 12));
        c.enqueue(bytes.slice(12));
        c.close();
      },
    });
    const chunked = {
      headers: new Headers({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' }),
      body,
    } as unknown as HttpRequest;
    await expect(readJsonBody(chunked, 24)).resolves.toEqual({ spot: 1, name: 'x' });
    // One byte more is refused either way.
    const over = await readJsonBody(
      new HttpRequest({
        method: 'POST',
        url: 'http://localhost/api/echo',
        headers: { 'content-type': 'application/json', 'content-length': '24' },
        body: { string: text },
      }),
      23,
    ).catch((x: unknown) => x);
    expect((over as HttpProblem).problem).toMatchObject({ status: 413, limit: 23 });
  });

  it('a body sent as text/plain is a 415 that names its type and points to the type to send (Accept)', async () => {
    const e = await readJsonBody(post('{"spot": 1, "name": "x"}', { 'content-type': 'text/plain' }), 1024).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(HttpProblem);
    const problem = e as HttpProblem;
    expect(problem.headers).toEqual({ accept: 'application/json' });
    expect(problem.problem).toMatchObject({
      status: 415,
      code: 'unsupported_media_type',
      detail: 'the request body is text/plain; send JSON with Content-Type: application/json',
      fix: 'set the header Content-Type: application/json',
    });
  });

  it('405 with Allow for another method', async () => {
    const res = await route.handler(new HttpRequest({ method: 'GET', url: 'http://localhost/api/echo' }), ctx());
    expect(res.status).toBe(405);
    expect((res.headers as Record<string, string>).allow).toBe('POST');
  });
});

describe('a body that breaks off while it is sent (Azure)', () => {
  /** The route's answer and its log lines (level: text) for a request built as Azure's stream mode builds it. */
  async function answer(nativeRequest: Request) {
    const lines: string[] = [];
    const context = new InvocationContext({
      invocationId: 'cut-off',
      functionName: 'echo',
      logHandler: (level, ...args) => lines.push(`${level}: ${args.map(String).join(' ')}`),
    });
    // Azure's stream mode wraps the proxied request as the HttpRequest's native request.
    const req = new HttpRequest({ nativeRequest } as unknown as ConstructorParameters<typeof HttpRequest>[0]);
    const res = await route.handler(req, context);
    return { status: res.status, json: JSON.parse(String(res.body)) as Record<string, unknown>, lines };
  }

  const expectIncompleteBody = (r: Awaited<ReturnType<typeof answer>>) => {
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ code: 'incomplete_body', instance: '/api/echo' });
    expect(r.json.fix).toBe('send the request again with the whole body');
    // Logged as information, never as an error (no id, no "unhandled error").
    expect(r.lines).toEqual([expect.stringMatching(/^information: request body broke off .*aborted/)]);
  };

  it('a stream that fails mid-read is a 400 incomplete_body, logged as information', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 2) c.enqueue(new TextEncoder().encode('{"spot":'));
        else c.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      },
    });
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' };
    expectIncompleteBody(await answer(new Request('http://localhost/api/echo', init as RequestInit)));
  });

  it('a client that closes its connection mid-upload gets the same, not a 500', async () => {
    // A real socket: the server side is the request Azure proxies to the worker; the client sends
    // part of a declared 100 000 bytes and closes once the server is reading the body.
    let arrived!: (req: IncomingMessage) => void;
    const got = new Promise<IncomingMessage>((ok) => (arrived = ok));
    const server = createServer((req) => arrived(req));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const { port } = server.address() as AddressInfo;
      const client = httpRequest({
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/api/echo',
        headers: { 'content-type': 'application/json', 'content-length': '100000' },
      });
      client.on('error', () => undefined);
      client.write('{"spot": 5000, ');
      const incoming = await got;
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: incoming, duplex: 'half' };
      const answered = answer(new Request(`http://localhost/api/echo`, init as unknown as RequestInit));
      client.destroy();
      expectIncompleteBody(await answered);
    } finally {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    }
  });
});

describe('JSON syntax errors', () => {
  it.each([
    ['{"a":1,}', 1, 8],
    ['{"a":', 1, 6],
    ['[1,2', 1, 5],
    ['{"a":1}x', 1, 8],
  ])('%s fails at line %i column %i', (text, line, column) => {
    expect(() => parseJsonText(text)).toThrow(new RegExp(`line ${line}, column ${column}`));
  });

  it.each(['abcdefghijklmnop_secret', '{"secret_key_name": tru}', 'secretvalue', ',secret'])(
    '%s: nothing of the body is echoed',
    (text) => {
      let detail = '';
      try {
        parseJsonText(text);
      } catch (e) {
        detail = JSON.stringify((e as { problem: unknown }).problem);
      }
      expect(detail).toMatch(/malformed_json/);
      expect(detail).not.toMatch(/secr|abcd|tru}/);
    },
  );

  it('gives the position once, as line and column', () => {
    expect(() => parseJsonText('{"a":1} trailing')).toThrowError(
      /^the request body is not valid JSON: Unexpected non-whitespace character after JSON at line 1, column 9 \(character 8\)$/,
    );
  });

  it('a body is taken as application/json or any application/*+json type in UTF-8, as docs/api.md says', () => {
    for (const t of [
      'application/json',
      'application/vnd.api+json',
      'Application/Merge-Patch+JSON; charset=utf-8',
      // utf8, without the hyphen, is a common spelling of the same charset
      'application/json; charset=utf8',
      'application/json; charset="UTF8"',
    ])
      expect(isJsonContentType(t), t).toBe(true);
    for (const t of ['text/json', 'application/jsonx', 'text/plain+json', 'application/json; charset=latin1'])
      expect(isJsonContentType(t), t).toBe(false);
    expectDocSays(
      'api.md',
      'Request bodies are JSON (`Content-Type: application/json`, or any `application/*+json` type',
    );
    expectDocSays('api.md', 'body not sent as `application/json` or an `application/*+json` type (or declared');
  });

  it('lineColumn counts from 1', () => {
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
