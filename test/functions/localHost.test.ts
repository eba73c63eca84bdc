/**
 * The local host over real HTTP on a free loopback port: the API and the add-in's files, CORS
 * preflight, the body limit, unknown paths, path traversal, and a clean close.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  startLocalHost,
  hostFromEnv,
  portFromEnv,
  listenFailureWords,
  type LocalHost,
} from '../../functions/src/localHost';

const ORIGIN = 'https://localhost:3000';
const LIMIT = 64 * 1024;
let host: LocalHost;
let base: string;
let root: string;
const errors: unknown[][] = [];

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'alvh-host-'));
  root = join(base, 'www');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'taskpane.html'), '<!doctype html><title>ALVH</title>');
  writeFileSync(join(root, 'taskpane.js'), 'console.log(1);');
  writeFileSync(join(root, 'assets', 'icon-32.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(base, 'secret.txt'), 'do not serve');
  host = await startLocalHost({
    port: 0,
    host: '127.0.0.1',
    tls: false,
    staticRoot: root,
    maxBodyBytes: LIMIT,
    corsOrigins: [ORIGIN],
    logError: (...a) => errors.push(a),
  });
});

afterAll(async () => {
  await host?.close();
  if (base) rmSync(base, { recursive: true, force: true });
});

/** A raw request, so no client normalises `..` away or fixes a bad Host. */
function rawGet(path: string, hostHeader = 'localhost', port = host.port): Promise<string> {
  return new Promise((ok, fail) => {
    const s = connect(port, '127.0.0.1', () => {
      s.write(`GET ${path} HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    s.on('data', (d) => (data += d.toString()));
    s.on('end', () => ok(data));
    s.on('error', fail);
  });
}

describe('local host', () => {
  it('prints a URL on the requested port', () => {
    expect(host.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(host.port).toBeGreaterThan(0);
  });

  it('GET /api/health answers JSON with CORS for the add-in origin', async () => {
    const r = await fetch(`${host.url}/api/health`, { headers: { origin: ORIGIN } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await r.json()).toMatchObject({ status: 'ok', service: 'alvh' });
  });

  it('sends no CORS headers to another origin', async () => {
    const r = await fetch(`${host.url}/api/health`, { headers: { origin: 'https://evil.example' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers an OPTIONS preflight with the methods and headers', async () => {
    const r = await fetch(`${host.url}/api/openapi.json`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'content-type, x-functions-key',
      },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(r.headers.get('access-control-allow-methods')).toContain('GET');
    expect(r.headers.get('access-control-allow-headers')).toBe('content-type, x-functions-key');
    expect(Number(r.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it('refuses a preflight from an origin not in the list', async () => {
    const r = await fetch(`${host.url}/api/health`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(r.status).toBe(403);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    expect((await r.json()).detail).toContain('ALVH_CORS_ORIGINS');
  });

  it('a problem answer carries CORS too, so the add-in can read what to fix', async () => {
    const r = await fetch(`${host.url}/api/plan`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: '{"valuationDate": "2026-11-20"}',
    });
    expect(r.status).toBe(400);
    expect(r.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    const p = (await r.json()) as { issues: { path: string }[] };
    expect(p.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['market', 'condor', 'portfolio']));
  });

  it('lets the add-in read the headers its problems point to: Retry-After, Allow, Accept, Accept-Encoding', async () => {
    const r = await fetch(`${host.url}/api/plan`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(r.status).toBe(415);
    const exposed = (r.headers.get('access-control-expose-headers') ?? '').split(/,\s*/);
    expect(exposed).toEqual(
      expect.arrayContaining(['content-type', 'allow', 'retry-after', 'accept', 'accept-encoding']),
    );
  });

  it('answers 404 problem+json for an unknown API path', async () => {
    const r = await fetch(`${host.url}/api/nothing-here`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect((await r.json()).instance).toBe('/api/nothing-here');
  });

  it('answers 405 with Allow for a wrong method', async () => {
    const r = await fetch(`${host.url}/api/health`, { method: 'DELETE' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET, HEAD');
  });

  it.each([
    ['just over the limit', LIMIT + 1],
    ['four times the limit', LIMIT * 4],
    ['far over the limit (connection cut after the answer)', LIMIT * 40],
  ])('413 for a body %s, naming the limit', async (_label, size) => {
    const body = JSON.stringify({ pad: 'x'.repeat(size) });
    const r = await fetch(`${host.url}/api/plan`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    }).catch((e: unknown) => e as Error);
    if (r instanceof Error) throw r;
    expect(r.status).toBe(413);
    const p = await r.json();
    expect(p).toMatchObject({ status: 413, limit: LIMIT, code: 'payload_too_large' });
    expect(p.detail).toContain(`limited to ${LIMIT.toLocaleString('en-US')} bytes and this request declared`);
  });

  it('serves taskpane.html at / and files with their content types', async () => {
    const index = await fetch(`${host.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>ALVH</title>');
    const js = await fetch(`${host.url}/taskpane.js?v=1`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const png = await fetch(`${host.url}/assets/icon-32.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect((await png.arrayBuffer()).byteLength).toBe(4);
    const head = await fetch(`${host.url}/taskpane.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('15');
  });

  it('404 for a missing file, 405 for POST to a file', async () => {
    expect((await fetch(`${host.url}/nope.js`)).status).toBe(404);
    expect((await fetch(`${host.url}/taskpane.js`, { method: 'POST' })).status).toBe(405);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%00taskpane.html',
    '/%E0%A4%A',
  ])('never serves %s outside the root', async (path) => {
    const res = await rawGet(path);
    expect(res).not.toContain('do not serve');
    expect(res).toMatch(/^HTTP\/1\.1 (400|404)/);
  });

  it.each([
    ['//api/health', '/api/health'],
    ['//taskpane.html', '/taskpane.html'],
    ['///assets/icon-32.png?x=1', '/assets/icon-32.png'],
  ])('%s (a path read as a host name after //) is a 400 bad_path naming it, not another path', async (path, one) => {
    const res = await rawGet(path);
    expect(res).toMatch(/^HTTP\/1\.1 400 /);
    const problem = JSON.parse(res.slice(res.indexOf('\r\n\r\n') + 4)) as { code: string; detail: string; fix: string };
    expect(problem.code).toBe('bad_path');
    expect(problem.detail).toBe(`the path ${path.split('?')[0]} is not allowed: it starts with //`);
    expect(problem.fix).toBe(`send the path with one leading slash, e.g. ${one}`);
  });

  it.each(['a b', '[::1', 'évil.example', 'x:99999', 'localhost:3000/../x'])(
    'a hostile Host header %s is not a 500',
    async (h) => {
      const res = await rawGet('/api/health', h);
      expect(res).toMatch(/^HTTP\/1\.1 [24]\d\d/);
    },
  );

  it('answers headers over the limit with 431 and its own reason phrase and title', async () => {
    const res = await rawGet('/api/health', `localhost\r\nX-Padding: ${'a'.repeat(20_000)}`);
    expect(res).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    const body = JSON.parse(res.slice(res.indexOf('\r\n\r\n') + 4)) as { title: string; code: string };
    expect([body.title, body.code]).toEqual(['Request Header Fields Too Large', 'headers_too_large']);
  });

  it('a client that goes away while its body is sent is not logged as a server error', async () => {
    // A host of its own, so its close() says when it is done with every request it took.
    const gone: unknown[][] = [];
    const h = await startLocalHost({
      port: 0,
      host: '127.0.0.1',
      tls: false,
      staticRoot: root,
      corsOrigins: [ORIGIN],
      logError: (...a) => gone.push(a),
      // longer than a test may run: the close waits for the request's handling, never a timer
      shutdownGraceMs: 600_000,
    });
    // The host's timers are held while it works and run before the check (a log it put off to a
    // timer included), so nothing it does about the request can come after the check.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      // the host has the request (its headers, part of its body) before the client goes
      const received = new Promise<void>((ok) => h.server.once('request', () => ok()));
      await new Promise<void>((ok, fail) => {
        const s = connect(h.port, '127.0.0.1', () => {
          s.write(
            'POST /api/plan HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"valuationDate"',
          );
          void received.then(() => s.destroy());
        });
        s.on('close', () => ok());
        s.on('error', fail);
      });
      expect(await rawGet('/api/health', 'localhost', h.port)).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      // Resolves once every request the host took has settled, its logging included; meanwhile
      // the held clock runs a minute on (a log put off that long comes now), short of the grace.
      const closed = h.close();
      await vi.advanceTimersByTimeAsync(60_000);
      await closed;
      vi.runOnlyPendingTimers();
      vi.useRealTimers();
    }
    expect(gone).toEqual([]);
  });

  it('refuses a compressed body with 415 before reading it', async () => {
    const r = await fetch(`${host.url}/api/plan`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
    });
    expect(r.status).toBe(415);
    expect(r.headers.get('accept-encoding')).toBe('identity');
    expect(((await r.json()) as { detail: string }).detail).toMatch(/Content-Encoding: gzip/);
  });

  it('refuses a transfer coding other than chunked with a 501 naming it, before reading the body', async () => {
    const answer = (te: string) =>
      new Promise<string>((ok, fail) => {
        const s = connect(host.port, '127.0.0.1', () => {
          s.write(
            `POST /api/plan HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: ${te}\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
          );
        });
        let data = '';
        s.on('data', (d) => (data += d.toString()));
        s.on('end', () => ok(data));
        s.on('error', fail);
      });
    for (const te of ['gzip, chunked', 'deflate, chunked']) {
      const text = await answer(te);
      expect(text).toMatch(/^HTTP\/1\.1 501 /);
      expect(text).toContain('application/problem+json');
      expect(text).toContain(`Transfer-Encoding: ${te.split(',')[0]}, which this API does not decode`);
    }
    // chunked alone is read: the empty object is the schema's to refuse
    expect(await answer('chunked')).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('logged no server errors', () => {
    expect(errors).toEqual([]);
  });
});

describe('start-up settings', () => {
  it.each([
    [undefined, 3000],
    ['', 3000],
    ['0', 0],
    ['8443', 8443],
  ])('PORT=%s → %i', (raw, port) => {
    expect(portFromEnv(raw)).toBe(port);
  });

  it.each(['http', 'abc', '70000', '-1', '3000.5', '0x10'])('PORT=%s is an error naming PORT', (raw) => {
    expect(() => portFromEnv(raw)).toThrow(/^PORT is .*set PORT to a whole number from 0 to 65535/);
  });

  it.each([
    [undefined, '127.0.0.1'],
    ['', '127.0.0.1'],
    ['   ', '127.0.0.1'],
    [' ::1 ', '::1'],
    ['0.0.0.0', '0.0.0.0'],
  ])('ALVH_HOST=%j → %s', (raw, host) => {
    expect(hostFromEnv(raw)).toBe(host);
  });

  it.each(['', ' '])('ALVH_HOST=%j listens on loopback only, and the URL names localhost', async (raw) => {
    vi.stubEnv('ALVH_HOST', raw);
    try {
      const h = await startLocalHost({ port: 0, tls: false, staticRoot: root, corsOrigins: [ORIGIN] });
      try {
        expect((h.server.address() as AddressInfo).address).toBe('127.0.0.1');
        expect(h.url).toBe(`http://localhost:${h.port}`);
      } finally {
        await h.close();
      }
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('a port it cannot listen on is named as read: blank is 3000, padding dropped', () => {
    expect(listenFailureWords('EADDRINUSE', '')).toBe('port 3000 is in use; stop the other server or set PORT');
    expect(listenFailureWords('EADDRINUSE', ' 3117')).toBe('port 3117 is in use; stop the other server or set PORT');
    expect(listenFailureWords('EACCES', '80')).toBe('no permission to listen on port 80; set PORT above 1023');
    expect(listenFailureWords('ENOTFOUND', '80')).toBeUndefined();
  });

  it('close() stops accepting and resolves', async () => {
    const h = await startLocalHost({ port: 0, tls: false, staticRoot: root, corsOrigins: [ORIGIN] });
    expect((await fetch(`${h.url}/api/health`)).status).toBe(200);
    await h.close();
    await expect(fetch(`${h.url}/api/health`)).rejects.toThrow();
  });
});

describe('a client that sends its whole body before it reads', () => {
  // Over the loopback's socket buffers (a few MB): the host used to close while the body was still
  // coming, the client's write hit a reset, and the 413 or 415 sent before it was lost (EPIPE).
  const BIG_LIMIT = 4 * 1024 * 1024;
  let big: LocalHost;
  beforeAll(async () => {
    big = await startLocalHost({
      port: 0,
      host: '127.0.0.1',
      tls: false,
      maxBodyBytes: BIG_LIMIT,
      corsOrigins: [ORIGIN],
    });
  });
  afterAll(async () => {
    await big?.close();
  });

  /** Write the request and all of its body, reading nothing until the last byte is handed over. */
  function sendThenRead(size: number, contentType: string): Promise<string> {
    return new Promise((ok) => {
      const socket = connect(Number(new URL(big.url).port), '127.0.0.1');
      let got = '';
      let error = '';
      socket.on('data', (d: Buffer) => (got += d.toString('latin1')));
      socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? String(e)));
      socket.on('close', () => ok(got.length > 0 ? got.split('\r\n')[0]! : `no answer (${error})`));
      socket.pause();
      socket.write(
        `POST /api/plan HTTP/1.1\r\nHost: localhost\r\nContent-Type: ${contentType}\r\nContent-Length: ${size}\r\n\r\n`,
      );
      // then read a while later, as a client busy elsewhere does (the answer must wait for it)
      socket.write(Buffer.alloc(size, 0x20), () => setTimeout(() => socket.resume(), 100));
    });
  }

  it.each([
    ['a body 5% over the limit', 'application/json', 'HTTP/1.1 413 Payload Too Large'],
    ['a body of the wrong media type', 'text/plain', 'HTTP/1.1 415 Unsupported Media Type'],
  ])('gets its answer to %s, not a broken pipe', async (_label, contentType, status) => {
    for (let i = 0; i < 3; i++) expect(await sendThenRead(Math.round(BIG_LIMIT * 1.05), contentType)).toBe(status);
  });

  it('a body sent after 100 Continue is read before the 415 closes the connection (no broken pipe)', async () => {
    const socket = connect(Number(new URL(big.url).port), '127.0.0.1');
    const size = BIG_LIMIT - 1; // past the loopback's socket buffers
    let error = '';
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? String(e)));
    let got = '';
    const answered = new Promise<void>((ok) =>
      socket.on('data', (d: Buffer) => {
        got += d.toString('latin1');
        if (got.includes('"code":"unsupported_media_type"')) ok();
      }),
    );
    const closed = new Promise((r) => socket.once('close', r));
    socket.write(
      `POST /api/plan HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: ${size}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await answered;
    expect(got).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 415 /);
    // the body the 100 asked for, then the connection closes cleanly
    socket.end(Buffer.alloc(size, 0x20));
    await closed;
    expect(error).toBe('');
  });
});

describe('a host started with its own body limit', () => {
  it("reads a body under its maxBodyBytes though over the 4 MiB default (the routes read the host's limit)", async () => {
    const h = await startLocalHost({ port: 0, host: '127.0.0.1', tls: false, maxBodyBytes: 6 * 1024 * 1024 });
    try {
      const body = `{"plan":1${' '.repeat(5 * 1024 * 1024)}}`;
      const r = await fetch(`${h.url}/api/plan`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const p = (await r.json()) as { status: number; code: string };
      expect([r.status, p.code]).toEqual([400, 'invalid_input']);
    } finally {
      await h.close();
    }
  });
});

describe('a long path or origin is quoted back cut, not whole', () => {
  it('an unknown API path of 12,000 characters and a foreign origin of 12,000 get details under 2,000 characters', async () => {
    const path = `/api/${'x'.repeat(12_000)}`;
    const r = await fetch(`${host.url}${path}`);
    expect(r.status).toBe(404);
    const p = (await r.json()) as { detail: string; instance: string };
    expect(p.detail.length).toBeLessThan(2_000);
    expect(p.instance.length).toBeLessThan(2_000);
    expect(p.detail).toMatch(/more characters\)/);
    const origin = `https://${'a'.repeat(12_000)}.example`;
    const pre = await fetch(`${host.url}/api/plan`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(403);
    expect(((await pre.json()) as { detail: string }).detail.length).toBeLessThan(2_000);
  });
});

describe('a drained answer, and Expect: 100-continue', () => {
  /** Read from a raw socket until `done(text)` holds. */
  function readUntil(socket: Socket, done: (text: string) => boolean): Promise<string> {
    return new Promise((ok) => {
      let got = '';
      const on = (d: Buffer) => {
        got += d.toString('latin1');
        if (done(got)) {
          socket.off('data', on);
          ok(got);
        }
      };
      socket.on('data', on);
    });
  }

  it('a timeout on a connection whose answer is out while its body drains answers nothing more', async () => {
    let serverSide: Socket | undefined;
    const grab = (s: Socket) => (serverSide = s);
    host.server.once('connection', grab);
    const socket = connect(host.port, '127.0.0.1');
    socket.write(
      'POST /api/plan HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n',
    );
    const first = await readUntil(socket, (t) => t.includes('"code":"unsupported_media_type"'));
    expect(first).toMatch(/^HTTP\/1\.1 415 /);
    let after = '';
    socket.on('data', (d: Buffer) => (after += d.toString('latin1')));
    const closed = new Promise((r) => socket.once('close', r));
    host.server.emit(
      'clientError',
      Object.assign(new Error('request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }),
      serverSide,
    );
    await closed;
    expect(after).toBe('');
  });
});
