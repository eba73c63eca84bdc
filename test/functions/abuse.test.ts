/**
 * The service under hostile load: each row D1-D11 of the abuse table, run against the real local
 * host (loopback, port 0) with the real worker pool. Nothing here races timers: ordering comes
 * from the pool's state (polled through /api/health in loops that stop by themselves) and from
 * explicit promises; the time-limit row uses a tiny limit and a job that cannot finish within it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  dayFromYmd,
  mergeMonteCarlo,
  reviveMonteCarloPartial,
  runMonteCarloChunk,
  toIsoDate,
  isBusinessDay,
} from '@alvh/shared';
import { ComputePool } from '../../functions/src/compute/index';
import { setComputeRunner, type ComputeRunner } from '../../functions/src/compute';
import { MAX_PARTIAL_PATHS } from '../../functions/src/handlers/montecarlo';
import { BOOK_EXAMPLE, MONTECARLO_EXAMPLE, PLAN_EXAMPLE, STRESS_EXAMPLE } from '../../functions/src/handlers/examples';
import { startLocalHost, type LocalHost } from '../../functions/src/localHost';
import { bundleComputeWorker } from '../helpers/computeWorker';

const LIMIT = 64 * 1024;
const MAX_CONNECTIONS = 8;
let host: LocalHost;
let pool: ComputePool;
let dir: string;
let workerUrl: URL;
const errors: unknown[][] = [];

/** A long run: 2M paths × 10 days, 20 chunks of 1M path-steps (seconds of work, never a few ms). */
const BIG_RUN = { ...MONTECARLO_EXAMPLE, paths: 2_000_000, firstPath: 0, pathCount: 2_000_000, horizonDays: 10 };
const SMALL_RUN = { ...MONTECARLO_EXAMPLE, paths: 1000, firstPath: 0, pathCount: 1000 };

function usePool(opts: { size: number; maxQueued: number; jobTimeoutMs: number }): ComputePool {
  pool = new ComputePool({ workerUrl, ...opts });
  setComputeRunner(pool);
  return pool;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alvh-abuse-'));
  workerUrl = await bundleComputeWorker(dir);
  const root = join(dir, 'www');
  mkdirSync(root);
  writeFileSync(join(root, 'taskpane.html'), '<!doctype html><title>ALVH</title>');
  writeFileSync(join(root, 'taskpane.js'), 'console.log(1);');
  writeFileSync(join(root, 'taskpane.js.map'), '{"sources":["secret.ts"]}');
  host = await startLocalHost({
    port: 0,
    host: '127.0.0.1',
    tls: false,
    staticRoot: root,
    maxBodyBytes: LIMIT * 16, // the 188 KB D2 body and the replay example fit; D9 sends far more
    corsOrigins: ['https://localhost:3000'],
    maxConnections: MAX_CONNECTIONS,
    logError: (...a) => errors.push(a),
  });
  usePool({ size: 2, maxQueued: 8, jobTimeoutMs: 120_000 });
});

afterAll(async () => {
  await host?.close();
  await pool?.close();
  setComputeRunner(undefined);
  rmSync(dir, { recursive: true, force: true });
});

function post(route: string, body: unknown, opts: { query?: string; signal?: AbortSignal } = {}): Promise<Response> {
  return fetch(`${host.url}/api/${route}${opts.query ?? ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

interface HealthBody {
  status: string;
  pool: { threads: number; busy: number; queued: number };
  node?: string;
}

async function health(): Promise<HealthBody> {
  return (await (await fetch(`${host.url}/api/health`)).json()) as HealthBody;
}

/** Poll health (one request at a time, at most `tries`) until `ok` holds. */
async function until(ok: (h: HealthBody) => boolean, tries = 5000): Promise<HealthBody> {
  for (let i = 0; i < tries; i++) {
    const h = await health();
    if (ok(h)) return h;
  }
  throw new Error('the pool never reached the expected state');
}

/** A request in flight that the test cancels at the end (the host then cancels its work). */
function background(route: string, body: unknown, query?: string) {
  const ac = new AbortController();
  const done = post(route, body, { signal: ac.signal, ...(query ? { query } : {}) }).then(
    (r) => r.status,
    () => 'aborted' as const,
  );
  return { ac, done };
}

/**
 * Close the client's idle keep-alive sockets left by earlier tests and wait (bounded) until the
 * host holds none but those of work still being cancelled, so a raw-socket test is not refused by
 * the connection cap it does not test.
 */
async function freeConnections(): Promise<void> {
  host.server.closeIdleConnections();
  for (let i = 0; i < 1000; i++) {
    const open = await new Promise<number>((ok, fail) => host.server.getConnections((e, c) => (e ? fail(e) : ok(c))));
    if (open <= 2) return;
    host.server.closeIdleConnections();
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('connections from earlier tests never closed');
}

/** A raw HTTP exchange on a fresh socket: what the server writes back until it closes. */
function raw(text: string): Promise<string> {
  return new Promise((ok, fail) => {
    const s = connect(host.port, '127.0.0.1', () => s.write(text));
    let out = '';
    s.on('data', (d) => (out += d.toString()));
    s.on('close', () => ok(out));
    s.on('error', fail);
  });
}

/**
 * A raw HTTP exchange on a fresh socket, read until one whole answer is in (its head and
 * content-length bytes of body); the client then hangs up. For answers the server gives while it
 * still waits for a body it will not read.
 */
function rawAnswer(text: string): Promise<string> {
  return new Promise((ok, fail) => {
    const s = connect(host.port, '127.0.0.1', () => s.write(text));
    let out = '';
    s.on('data', (d: Buffer) => {
      out += d.toString();
      const head = out.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: (\d+)/i.exec(out.slice(0, head));
      if (head >= 0 && length && Buffer.byteLength(out.slice(head + 4)) >= Number(length[1])) {
        s.destroy();
        ok(out);
      }
    });
    s.on('error', fail);
  });
}

/** A stress body with an unknown field nested `depth` arrays deep. */
function deepBody(depth: number): string {
  const json = JSON.stringify(STRESS_EXAMPLE);
  return `${json.slice(0, -1)},"zz":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

describe('D1: a 10,000-deep unknown field never reaches the pool', () => {
  it('is a 400 naming the field, twice, and the heavy endpoints keep answering', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await post('stress', deepBody(10_000));
      expect(r.status).toBe(400);
      const p = (await r.json()) as { issues: { path: string; message: string }[] };
      // refused by the scan before it is parsed, at the nesting limit, naming where
      expect(p.issues[0]?.path).toMatch(/^zz(\[0\])+$/);
      expect(p.issues[0]?.message).toMatch(/nests arrays and objects more than 64 deep/);
    }
    const mc = `${JSON.stringify(MONTECARLO_EXAMPLE).slice(0, -1)},"zz":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    expect((await post('montecarlo', mc)).status).toBe(400);
    expect((await post('stress', STRESS_EXAMPLE)).status).toBe(200);
    expect((await post('montecarlo', SMALL_RUN)).status).toBe(200);
    expect((await health()).pool.busy).toBe(0);
  });
});

describe('D2: work limits count the legs', () => {
  const tail = Array.from({ length: 2500 }, (_, i) => ({
    kind: 'vix',
    type: 'call',
    strike: 20 + (i % 40),
    expiry: '2027-01-20',
    quantity: 1,
  }));
  const grid = {
    spxMoves: Array.from({ length: 100 }, (_, i) => -0.5 + i / 100),
    vixLevels: Array.from({ length: 20 }, (_, i) => 10 + 4 * i),
    days: Array.from({ length: 10 }, (_, i) => i),
  };

  it('2,500 tail legs are refused naming book.tail and the cap', async () => {
    const r = await post('stress', { book: { ...BOOK_EXAMPLE, tail }, ...grid });
    expect(r.status).toBe(400);
    const p = (await r.json()) as { issues: { path: string; message: string }[] };
    expect(p.issues[0]).toEqual({ path: 'book.tail', message: 'pass at most 48 legs per layer' });
  });

  it('20,000 cells × 20 legs is over the cells × legs limit: 422 naming it', async () => {
    const r = await post('stress', { book: { ...BOOK_EXAMPLE, tail: tail.slice(0, 14) }, ...grid });
    expect(r.status).toBe(422);
    const p = (await r.json()) as { code: string; detail: string };
    expect(p.code).toBe('limit_exceeded');
    expect(p.detail).toContain('20,000 cells × 20 legs = 400,000 leg valuations, over the limit of 200,000');
  });

  it('5,000 rows × 12 condors open is over the rows × legs limit: 422 naming it, from the worker before the replay runs', async () => {
    // Market-day rows with a contango curve, rounded to cents so 5,000 rows stay under the body limit.
    const rows: { date: string; spx: number; vix: number; vvix: number; vx: number[] }[] = [];
    for (let d = dayFromYmd(2005, 1, 3); rows.length < 5000; d++) {
      if (!isBusinessDay(toIsoDate(d))) continue;
      const k = rows.length;
      const vix = Math.round((18 + 4 * Math.sin(k / 40)) * 100) / 100;
      const vx = Array.from({ length: 6 }, (_, i) => Math.round((vix + 0.8 * (i + 1)) * 100) / 100);
      rows.push({ date: toIsoDate(d), spx: Math.round((1500 + k / 4) * 100) / 100, vix, vvix: 95, vx });
    }
    const assumptions = { entryEveryDays: 7, maxOpenCondors: 12, includeLedger: false };
    const jobs: string[] = [];
    const spy: ComputeRunner = {
      run: (job, payload, opts) => (jobs.push(job), pool.run(job, payload, opts)),
      close: () => Promise.resolve(),
      stats: () => pool.stats(),
    };
    setComputeRunner(spy);
    try {
      const r = await post('replay', { rows, assumptions });
      expect(r.status).toBe(422);
      const p = (await r.json()) as { code: string; field: string; detail: string; fix: string };
      expect(p).toMatchObject({ code: 'limit_exceeded', field: 'rows' });
      expect(p.detail).toContain(
        '5,000 rows replayed × 84 legs held (12 condors open at most × 7 legs) = 420,000 row-legs, over the limit of 300,000',
      );
      expect(p.fix).toContain('replay at most 3,571 days per request');
      // the rows are read on the worker (the request thread only counts them): the job was queued
      expect(jobs).toEqual(['replay']);
      // The same body replaying its last 1,000 days (84,000 row-legs) passes the limit and runs.
      const ok = await post('replay', { rows, assumptions, from: rows[4000]?.date });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { days: number }).days).toBeGreaterThan(0);
      expect(jobs).toEqual(['replay', 'replay']);
    } finally {
      setComputeRunner(pool);
    }
  });

  it('a signal array of 20,000 points (over the 10,000 cap) is refused naming it', async () => {
    const spxCloses = new Array(20_000).fill(6600);
    const r = await post('plan', { ...PLAN_EXAMPLE, signals: { spxCloses } });
    expect(r.status).toBe(400);
    const p = (await r.json()) as { issues: { path: string; message: string }[] };
    expect(p.issues[0]?.path).toBe('signals.spxCloses');
  });
});

describe('D3: a bounded queue, fair across runs', () => {
  it('a small run is answered while a large one is still running', async () => {
    const big = background('montecarlo', BIG_RUN, '?partial=false');
    await until((h) => h.pool.busy > 0);
    let bigDone = false;
    void big.done.then(() => (bigDone = true));
    expect((await post('montecarlo', SMALL_RUN)).status).toBe(200);
    expect(bigDone).toBe(false);
    big.ac.abort();
    expect(await big.done).toBe('aborted');
    await until((h) => h.pool.busy === 0);
  });

  it('a full queue answers 503 with Retry-After, and health says degraded', async () => {
    const saved = pool;
    usePool({ size: 1, maxQueued: 1, jobTimeoutMs: 120_000 });
    const running = background('montecarlo', BIG_RUN, '?partial=false');
    await until((h) => h.pool.busy === 1);
    const waiting = background('montecarlo', BIG_RUN, '?partial=false');
    const h = await until((x) => x.pool.queued === 1);
    expect(h.status).toBe('degraded');
    const r = await post('montecarlo', SMALL_RUN);
    expect(r.status).toBe(503);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await r.json()) as { code: string }).code).toBe('compute_queue_full');
    running.ac.abort();
    waiting.ac.abort();
    await Promise.all([running.done, waiting.done]);
    await until((x) => x.pool.busy === 0 && x.pool.queued === 0);
    await pool.close();
    pool = saved;
    setComputeRunner(saved);
  });

  it('runs that have started still fill the pool: health says degraded and the next run is a fast 503', async () => {
    // One thread, room for one more run, and small units, so the two runs' units take turns on the thread.
    const p = new ComputePool({ workerUrl, size: 1, maxQueued: 1, jobTimeoutMs: 120_000, maxChunkPathSteps: 50_000 });
    let calls = 0;
    let secondWorked!: () => void;
    const secondStarted = new Promise<void>((ok) => (secondWorked = ok));
    setComputeRunner({
      run: (job, payload, opts = {}) => {
        const n = ++calls;
        return p.run(job, payload, {
          ...opts,
          onProgress: (d, t) => {
            opts.onProgress?.(d, t);
            if (n === 2 && d > 0) secondWorked();
          },
        });
      },
      close: () => p.close(),
      stats: () => p.stats(),
      checkRoom: () => p.checkRoom(),
    });
    try {
      const a = background('montecarlo', BIG_RUN, '?partial=false');
      const b = background('montecarlo', BIG_RUN, '?partial=false');
      await secondStarted; // both runs have had the thread: neither waits for a first slot
      // full as long as both runs are in progress; between two units the thread can be idle a moment
      // (neither run's next unit posted yet), so the snapshot is awaited, not taken once
      expect(await health()).toMatchObject({ status: 'degraded', pool: { threads: 1 } });
      expect(await until((h) => h.status === 'degraded' && h.pool.busy === 1 && h.pool.queued === 1)).toMatchObject({
        status: 'degraded',
        pool: { threads: 1, busy: 1, queued: 1 },
      });
      const r = await post('montecarlo', SMALL_RUN);
      expect(r.status).toBe(503);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await r.json()) as { code: string }).code).toBe('compute_queue_full');
      expect(calls).toBe(2); // refused before its setup, so before it reached the pool
      // A frontier too is refused before its plan is built: a plan that cannot be built is the 503 too.
      const f = await post('frontier', { plan: { valuationDate: '2026-11-20' } });
      expect(f.status).toBe(503);
      expect(calls).toBe(2);
      a.ac.abort();
      b.ac.abort();
      expect([await a.done, await b.done]).toEqual(['aborted', 'aborted']);
      await until((x) => x.pool.busy === 0 && x.pool.queued === 0);
      expect((await health()).status).toBe('ok');
    } finally {
      setComputeRunner(pool);
      await p.close();
    }
  });

  it('a job over its time limit is stopped with a 503 naming the limit, and the next request is served', async () => {
    const saved = pool;
    usePool({ size: 1, maxQueued: 4, jobTimeoutMs: 50 });
    const r = await post('montecarlo', BIG_RUN, { query: '?partial=false' });
    expect(r.status).toBe(503);
    const p = (await r.json()) as { code: string; detail: string; limit: number };
    expect(p).toMatchObject({ code: 'job_time_limit', limit: 50 });
    expect(p.detail).toContain('time limit of 50 ms');
    // Retry-After: the time limit in seconds, at least 1 (docs/api.md)
    expect(r.headers.get('retry-after')).toBe('1');
    expect(await health()).toMatchObject({ status: 'ok', pool: { busy: 0, queued: 0 } });
    expect((await post('plan', PLAN_EXAMPLE)).status).toBe(200);
    await pool.close();
    pool = saved;
    setComputeRunner(saved);
    expect((await post('stress', STRESS_EXAMPLE)).status).toBe(200);
  });
});

describe('D4: the request thread stays free', () => {
  it('health answers while two large runs are in flight, and reports them', async () => {
    const a = background('montecarlo', BIG_RUN, '?partial=false');
    const b = background('montecarlo', BIG_RUN, '?partial=false');
    const h = await until((x) => x.pool.busy === 2);
    expect(h.pool.threads).toBe(2);
    expect((await post('plan', PLAN_EXAMPLE)).status).toBe(200);
    a.ac.abort();
    b.ac.abort();
    await Promise.all([a.done, b.done]);
    await until((x) => x.pool.busy === 0);
  });

  it(`partial=true above ${MAX_PARTIAL_PATHS} paths is a 422 that says to chunk`, async () => {
    const r = await post('montecarlo', BIG_RUN);
    expect(r.status).toBe(422);
    const p = (await r.json()) as { field: string; fix: string };
    expect(p.field).toBe('pathCount');
    expect(p.fix).toMatch(/partial=false.*chunk the run/);
  });
});

describe('D5: methods outside the allow-list', () => {
  beforeEach(freeConnections);

  it.each(['TRACE', 'PUT', 'DELETE', 'PATCH'])('%s /api/health is a 405 problem document with Allow', async (m) => {
    const out = await raw(`${m} /api/health HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n`);
    expect(out).toMatch(/^HTTP\/1\.1 405 /);
    expect(out).toMatch(/allow: GET, HEAD/i);
    expect(out).toMatch(/content-type: application\/problem\+json/i);
  });

  it.each(['DELETE', 'PUT', 'PATCH', 'TRACE'])(
    '%s on an /api path no route takes is the 404 a GET gets (as on Azure), not a 405',
    async (m) => {
      const out = await raw(`${m} /api/nope HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n`);
      expect(out).toMatch(/^HTTP\/1\.1 404 /);
      expect(out).not.toMatch(/\r\nallow:/i);
      expect(out).toContain('"code":"not_found"');
      expect(out).toContain('"detail":"no endpoint /api/nope; see /api/openapi.json for the list"');
      const get = await raw('GET /api/nope HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n');
      expect(get).toMatch(/^HTTP\/1\.1 404 /);
      expect(get).toContain('"detail":"no endpoint /api/nope; see /api/openapi.json for the list"');
    },
  );

  it('DELETE with a body on an unknown /api path is a 404 too', async () => {
    const out = await rawAnswer(
      'DELETE /api/nope HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}',
    );
    expect(out).toMatch(/^HTTP\/1\.1 404 /);
  });

  it('PUT /api/plan names the route and the path, as the Azure handler does', async () => {
    const out = await raw('PUT /api/plan HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n');
    expect(out).toContain('"detail":"PUT is not supported on /api/plan; use POST"');
    expect(out).toContain('"instance":"/api/plan"');
  });

  it('a body over the limit on a route that takes none is drained unread: GET 200, POST to a GET route 405, not 413', async () => {
    const send = (method: string, path: string) =>
      new Promise<{ status: number; text: string }>((ok, fail) => {
        const body = Buffer.alloc(LIMIT * 16 + 4096, 0x20);
        const headers = { 'content-type': 'application/json', 'content-length': String(body.length) };
        const req = httpRequest({ host: '127.0.0.1', port: host.port, method, path, headers }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => ok({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', fail);
        req.end(body);
      });
    expect((await send('GET', '/api/health')).status).toBe(200);
    const post = await send('POST', '/api/health');
    expect(post.status).toBe(405);
    expect(post.text).toContain('POST is not supported on /api/health; use GET or HEAD');
  });

  it('CONNECT is a 405, HTTP/1.1 without Host a 400, each a problem document', async () => {
    const connect = await raw('CONNECT example.com:443 HTTP/1.1\r\nhost: example.com:443\r\n\r\n');
    expect(connect).toMatch(/^HTTP\/1\.1 405 /);
    expect(connect).toMatch(/content-type: application\/problem\+json/i);
    expect(connect).toContain('"code":"method_not_allowed"');
    const noHost = await raw('GET /api/health HTTP/1.1\r\nconnection: close\r\n\r\n');
    expect(noHost).toMatch(/^HTTP\/1\.1 400 /);
    expect(noHost).toMatch(/content-type: application\/problem\+json/i);
    expect(noHost).toContain('without a Host header');
    // HTTP/1.0 needs no Host
    expect(await raw('GET /api/health HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('Expect: 100-continue with a body over the limit is a 413 before any upload, never 100 Continue', async () => {
    const out = await raw(
      'POST /api/plan HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: 999999999\r\nexpect: 100-continue\r\n\r\n',
    );
    expect(out).toMatch(/^HTTP\/1\.1 413 /);
    expect(out).not.toMatch(/100 Continue/);
    expect(out).toContain('"code":"payload_too_large"');
    // The body was never sent: the figure is the one Content-Length declared.
    expect(out).toContain('this request declared 999,999,999 bytes in its Content-Length');
  });

  it('a Content-Type sent twice is a 415, as on Azure (whose host joins the two), not the first taken', async () => {
    const body = JSON.stringify(PLAN_EXAMPLE);
    const out = await raw(
      `POST /api/plan HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    expect(out).toMatch(/^HTTP\/1\.1 415 /);
    expect(out).toContain('application/json, text/plain');
  });

  it('an Expect other than 100-continue is a 417 problem document naming it, not a bare 417', async () => {
    const out = await raw(
      'POST /api/plan HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: 2\r\nexpect: foo\r\n\r\n{}',
    );
    expect(out).toMatch(/^HTTP\/1\.1 417 /);
    expect(out).toMatch(/content-type: application\/problem\+json/i);
    expect(out).toContain('"code":"expectation_failed"');
    expect(out).toContain('Expect: foo is not supported');
  });

  it('an unknown method or a malformed request line is a 400 problem document', async () => {
    for (const text of ['FOO /api/health HTTP/1.1\r\nhost: x\r\n\r\n', 'garbage\r\n\r\n']) {
      const out = await raw(text);
      expect(out).toMatch(/^HTTP\/1\.1 400 /);
      expect(out).toMatch(/content-type: application\/problem\+json/i);
      expect(out).toContain('"status":400');
    }
  });
});

describe('D6: misspelled fields', () => {
  it('portfolio.budgte is a 400 naming it', async () => {
    const r = await post('plan', { ...PLAN_EXAMPLE, portfolio: { capital: 1_000_000, budgte: 100 } });
    expect(r.status).toBe(400);
    const p = (await r.json()) as { issues: { path: string; message: string }[] };
    expect(p.issues[0]).toEqual({
      path: 'portfolio',
      message: 'unknown field "budgte": check the spelling (names are case-sensitive) or remove it',
    });
  });

  it.each([
    ['stress', { ...STRESS_EXAMPLE, spxMovez: [0.1] }, 'spxMovez'],
    ['montecarlo', { ...MONTECARLO_EXAMPLE, seeds: 3 }, 'seeds'],
    ['stress', { ...STRESS_EXAMPLE, book: { ...BOOK_EXAMPLE, spotz: 1 } }, 'spotz'],
  ])('%s with an unknown key is a 400 naming it', async (route, body, key) => {
    const r = await post(route, body);
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toContain(`unknown field \\"${key}\\"`);
  });
});

describe('D7, D8: valid extremes answer', () => {
  it('D7: a stress grid at SPX +50% and VIX 200 answers 200 with finite numbers; +100% is a 400', async () => {
    const over = await post('stress', { plan: PLAN_EXAMPLE, vixLevels: [200], spxMoves: [1], days: [0] });
    expect(over.status).toBe(400);
    expect(JSON.stringify(await over.json())).toContain('1 would be up 100%, not 1%');
    const r = await post('stress', { plan: PLAN_EXAMPLE, vixLevels: [200], spxMoves: [0.5], days: [0] });
    expect(r.status).toBe(200);
    const g = (await r.json()) as { total: number[][][] };
    expect(Number.isFinite(g.total[0]![0]![0]!)).toBe(true);
  });

  it('D8: a chunk of pathCount 1 answers 200 and merges with its siblings into the whole run', async () => {
    const base = { book: BOOK_EXAMPLE, paths: 200, seed: 7, rebalance: false };
    const one = await post('montecarlo', { ...base, firstPath: 0, pathCount: 1 });
    expect(one.status).toBe(200);
    const a = (await one.json()) as { partial: unknown; summary: unknown };
    expect(a.summary).toBeNull();
    const rest = (await (await post('montecarlo', { ...base, firstPath: 1, pathCount: 199 })).json()) as {
      partial: unknown;
    };
    const merged = mergeMonteCarlo([reviveMonteCarloPartial(a.partial), reviveMonteCarloPartial(rest.partial)]);
    const whole = runMonteCarloChunk(base);
    expect(Array.from(merged.book)).toEqual(Array.from(whole.book));
  });
});

describe('D9: bodies', () => {
  beforeEach(freeConnections);

  it('a chunked body over the limit is cut with a 413 problem document', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((ok, fail) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: '/api/plan',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          let b = '';
          res.on('data', (d) => (b += d.toString()));
          res.on('end', () => ok({ status: res.statusCode ?? 0, body: b }));
        },
      );
      req.on('error', fail);
      // 64 chunks of 64 KiB = 4 MiB, four times the limit, sent as one chunked body.
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 64) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ status: 413, code: 'payload_too_large', limit: LIMIT * 16 });
  });

  it('a text/plain body is refused with a 415 before it is read', async () => {
    // Declares 1 MiB and sends 10 bytes: an answer can only come without reading the body.
    const out = await rawAnswer(
      'POST /api/plan HTTP/1.1\r\nhost: x\r\ncontent-type: text/plain\r\ncontent-length: 1048576\r\n\r\n0123456789',
    );
    expect(out).toMatch(/^HTTP\/1\.1 415 /);
    expect(out).toContain('"code":"unsupported_media_type"');
  });

  it('JSON declared in another charset is a 415 saying JSON is UTF-8; utf-8 itself is taken', async () => {
    const body = JSON.stringify(PLAN_EXAMPLE);
    const send = (type: string) =>
      fetch(`${host.url}/api/plan`, { method: 'POST', headers: { 'content-type': type }, body });
    const utf16 = await send('application/json; charset=utf-16');
    expect(utf16.status).toBe(415);
    expect(((await utf16.json()) as { detail: string }).detail).toMatch(/declared charset=utf-16; JSON is UTF-8/);
    expect((await send('application/json; charset=UTF-8')).status).toBe(200);
  });

  it('?partial given twice is a 400 naming it, not the first value taken', async () => {
    const r = await post('montecarlo', SMALL_RUN, { query: '?partial=true&partial=false' });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { detail: string }).detail).toMatch(/^partial: is given 2 times; pass \?partial= once/);
  });
});

describe('D10: connections', () => {
  it(`holds at most ${MAX_CONNECTIONS} connections: a new one closes the oldest idle one, and is served`, async () => {
    await freeConnections();
    const evicted = host.connections.evicted;
    const sockets: Socket[] = [];
    for (let i = 0; i < MAX_CONNECTIONS + 4; i++) {
      sockets.push(
        await new Promise<Socket>((ok) => {
          const s = connect(host.port, '127.0.0.1', () => ok(s));
          s.on('error', () => {});
        }),
      );
    }
    // Silent connections (as a client that opens and never sends would hold): the oldest four
    // make room for the newest (whatever earlier tests left open is older still, and goes first).
    const closed = await Promise.all(
      sockets
        .slice(0, 4)
        .map((s) => new Promise<boolean>((ok) => (s.destroyed ? ok(true) : s.on('close', () => ok(true))))),
    );
    expect(closed.every(Boolean)).toBe(true);
    const last = sockets.at(-1)!;
    const answer = new Promise<string>((ok) => {
      let text = '';
      last.on('data', (d: Buffer) => {
        text += d.toString();
        if (text.includes('\r\n\r\n')) ok(text);
      });
    });
    last.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(await answer).toMatch(/^HTTP\/1\.1 200/);
    expect(host.connections.evicted - evicted).toBeGreaterThanOrEqual(4);
    expect(host.connections.refused).toBe(0);
    for (const s of sockets) s.destroy();
    expect(host.server.headersTimeout).toBe(10_000);
    expect(host.server.keepAliveTimeout).toBe(5_000);
  });

  it('clients that send headers and dribble a body cannot lock the host out', async () => {
    await freeConnections();
    const slow: Socket[] = [];
    for (let i = 0; i < MAX_CONNECTIONS; i++) {
      const s = await new Promise<Socket>((ok) => {
        const c = connect(host.port, '127.0.0.1', () => ok(c));
        c.on('error', () => {});
      });
      s.write(
        'POST /api/stress HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"a":',
      );
      slow.push(s);
    }
    // Every connection now holds a body that will not arrive for 30 s: a new client is served at
    // once, in place of the oldest of them (or of an idle connection an earlier test left).
    const evicted = host.connections.evicted;
    const r = await fetch(`${host.url}/api/health`);
    expect(r.status).toBe(200);
    expect(host.connections.evicted).toBeGreaterThan(evicted);
    for (const s of slow) s.destroy();
  });
});

describe('D10b: a client that stops reading', () => {
  it('loses its connection once its unsent answer has not moved for the stall limit; others are served', async () => {
    const root = join(dir, 'big');
    mkdirSync(root);
    writeFileSync(join(root, 'big.js'), Buffer.alloc(8 << 20, 97)); // 8 MB: more than the socket buffers hold
    const stalling = await startLocalHost({
      port: 0,
      host: '127.0.0.1',
      tls: false,
      staticRoot: root,
      writeStallMs: 200,
      logError: (...a) => errors.push(a),
    });
    try {
      const s = await new Promise<Socket>((ok) => {
        const c = connect(stalling.port, '127.0.0.1', () => ok(c));
        c.on('error', () => {});
      });
      s.pause(); // never reads: the answers pile up unsent
      s.write('GET /big.js HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(4));
      // The server's side of it closes (the paused client would not even see its end).
      const open = () => new Promise<number>((ok) => stalling.server.getConnections((_e, n) => ok(n)));
      while ((await open()) > 0) await new Promise((ok) => setTimeout(ok, 50));
      s.destroy();
      expect((await fetch(`${stalling.url}/api/health`)).status).toBe(200);
    } finally {
      await stalling.close();
    }
  });
});

describe('D11: security headers, no source maps, no versions', () => {
  it('pages carry a CSP with frame-ancestors for Office hosts and nosniff', async () => {
    const r = await fetch(`${host.url}/taskpane.html`, { method: 'HEAD' });
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-ancestors 'self' .*https:\/\/\*\.live\.com/);
    expect(csp).toContain("object-src 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('API answers and problem documents carry nosniff; health shows no Node version', async () => {
    const ok = await fetch(`${host.url}/api/health`);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(JSON.stringify(await ok.json())).not.toMatch(/"node"|v\d+\.\d+\.\d+/);
    const bad = await post('plan', '{');
    expect(bad.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('x-powered-by')).toBeNull();
  });

  it('source maps are not served', async () => {
    expect((await fetch(`${host.url}/taskpane.js.map`)).status).toBe(404);
    expect((await fetch(`${host.url}/taskpane.js`)).status).toBe(200);
  });
});

describe('docs/examples', () => {
  it.each([
    ['plan', 'plan'],
    ['stress', 'stress'],
    ['montecarlo', 'montecarlo'],
    ['frontier', 'frontier'],
    ['surface', 'surface'],
    ['plan-positions', 'plan'],
    ['plan-ladder', 'plan'],
  ])('docs/examples/%s.json is answered 200', async (name, route) => {
    const body = readFileSync(join('docs', 'examples', `${name}.json`), 'utf8');
    expect((await post(route, body)).status).toBe(200);
  });
});

describe('the log', () => {
  it('holds no unexpected errors', () => {
    expect(errors).toEqual([]);
  });
});
