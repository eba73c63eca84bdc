/**
 * One connection that pipelines requests without reading their answers: the local host works on at
 * most MAX_PIPELINED of them, answers the next 429 and closes. The first request is a stress run the
 * test holds (a runner that waits on a promise), so no answer can go out and the host's count of
 * unanswered requests only grows, however the requests are split into TCP chunks; the test lets
 * the run go once the host has refused one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setComputeRunner, type ComputeRunner } from '../../functions/src/compute';
import { MONTECARLO_EXAMPLE, STRESS_EXAMPLE } from '../../functions/src/handlers/examples';
import { MAX_PIPELINED } from '../../functions/src/http/pipelining';
import { startLocalHost, type LocalHost } from '../../functions/src/localHost';
import { inlineCompute } from './inlineCompute';

let host: LocalHost;
const errors: unknown[][] = [];

beforeAll(async () => {
  host = await startLocalHost({ port: 0, host: '127.0.0.1', tls: false, logError: (...a) => errors.push(a) });
});

afterAll(async () => {
  setComputeRunner(undefined);
  await host?.close();
});

/** A runner whose runs wait until `release` is called; `started` resolves when the first one is asked for. */
function heldRunner(): { runner: ComputeRunner; started: Promise<void>; release: () => void } {
  const inline = inlineCompute();
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  let start!: () => void;
  const started = new Promise<void>((ok) => (start = ok));
  const runner: ComputeRunner = {
    run: async (job, payload, opts) => {
      start();
      await held;
      return inline.run(job, payload, opts);
    },
    close: () => Promise.resolve(),
  };
  return { runner, started, release };
}

/** The answers in a raw HTTP/1.1 stream of content-length bodies, in order. */
function splitAnswers(raw: string): { status: number; head: string; body: string }[] {
  const out: { status: number; head: string; body: string }[] = [];
  let at = 0;
  while (at < raw.length) {
    const end = raw.indexOf('\r\n\r\n', at);
    if (end < 0) throw new Error(`an answer's head is cut: ${raw.slice(at, at + 200)}`);
    const head = raw.slice(at, end + 2);
    const length = Number(/\r\ncontent-length: (\d+)\r\n/i.exec(head)?.[1]);
    const body = raw.slice(end + 4, end + 4 + length);
    out.push({ status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1]), head, body });
    at = end + 4 + length;
  }
  return out;
}

/** The next request the host receives. */
function nextRequest(): Promise<{ req: IncomingMessage; res: ServerResponse }> {
  return new Promise((ok) =>
    host.server.once('request', (req: IncomingMessage, res: ServerResponse) => ok({ req, res })),
  );
}

/** Resolves when `res` has closed. */
function closedOnce(res: ServerResponse): Promise<void> {
  return new Promise((ok) => (res.closed ? ok() : res.once('close', () => ok())));
}

/**
 * A raw client that never closes its side of the connection (as `nc` does), and its text so far.
 * `bounded(p)` waits for `p`, or fails once the connection has been silent for 30 s (as long as an
 * `expect.poll`, far beyond a loaded machine's pauses), so a host that never answers fails the test
 * with what it sent instead of hanging it.
 */
function halfOpenClient() {
  const socket = connect({ port: host.port, host: '127.0.0.1', allowHalfOpen: true });
  let out = '';
  socket.on('data', (d: Buffer) => (out += d.toString('latin1')));
  socket.setTimeout(30_000);
  const silent = new Promise<never>((_, fail) =>
    socket.once('timeout', () => fail(new Error(`the host went silent; it sent ${JSON.stringify(out)}`))),
  );
  silent.catch(() => undefined);
  const ended = new Promise<void>((ok) => socket.once('end', () => ok()));
  return {
    socket,
    text: () => out,
    ended,
    bounded: <T>(p: Promise<T>): Promise<T> => Promise.race([p, silent]),
  };
}

describe('pipelined requests on one connection', () => {
  it(`are worked on ${MAX_PIPELINED} at most: the next is a 429 problem, nothing after it is answered, the connection closes`, async () => {
    const { runner, started, release } = heldRunner();
    setComputeRunner(runner);
    const refused = host.pipelined.refused;
    const body = JSON.stringify(STRESS_EXAMPLE);
    const stress = `POST /api/stress HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const s = connect(host.port, '127.0.0.1');
    let out = '';
    s.on('data', (d: Buffer) => (out += d.toString('latin1')));
    const closed = new Promise<void>((ok) => s.on('close', () => ok()));
    s.write(stress + 'GET /api/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(500));
    try {
      await started;
      // The host's state, not a clock: stop once it has refused a request (bounded, in case it never does).
      for (let i = 0; i < 100_000 && host.pipelined.refused === refused; i++) await new Promise(setImmediate);
    } finally {
      release();
    }
    await closed;
    const answers = splitAnswers(out);
    expect(answers.map((a) => a.status)).toEqual([...Array<number>(MAX_PIPELINED).fill(200), 429]);
    expect(host.pipelined.refused).toBe(refused + 1);
    const last = answers.at(-1)!;
    expect(last.head).toMatch(/\r\nconnection: close\r\n/i);
    expect(last.head).toMatch(/\r\ncontent-type: application\/problem\+json/i);
    const problem = JSON.parse(last.body) as { code: string; fix: string; detail: string; instance: string };
    expect(problem.code).toBe('too_many_pipelined');
    expect(problem.fix).toMatch(/wait for each answer/);
    // It is the refused request's answer: it says so, and names its path.
    expect(problem.instance).toBe('/api/openapi.json');
    expect(problem.detail).toMatch(
      /; this request was not worked on, those sent after it on the connection are neither worked on nor answered/,
    );
    // Another client is served as ever.
    expect((await fetch(`${host.url}/api/health`)).status).toBe(200);
  });

  it('a client that waits for each answer is never refused', async () => {
    setComputeRunner(inlineCompute());
    const refused = host.pipelined.refused;
    for (let i = 0; i < 3 * MAX_PIPELINED; i++) expect((await fetch(`${host.url}/api/health`)).status).toBe(200);
    expect(host.pipelined.refused).toBe(refused);
  });

  it('a malformed request after a pipelined one: the earlier answer goes out whole, then the 400, then the close', async () => {
    setComputeRunner(inlineCompute());
    const s = connect(host.port, '127.0.0.1');
    let out = '';
    s.on('data', (d: Buffer) => (out += d.toString('latin1')));
    const closed = new Promise<void>((ok) => s.on('close', () => ok()));
    s.write('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n');
    await closed;
    const answers = splitAnswers(out);
    expect(answers.map((a) => a.status)).toEqual([200, 400]);
    expect((JSON.parse(answers[0]!.body) as { status: string }).status).toBe('ok');
    expect(answers[1]!.head).toMatch(/\r\ncontent-type: application\/problem\+json/i);
    expect((JSON.parse(answers[1]!.body) as { code: string }).code).toBe('bad_request');
  });

  it('a malformed request while an answer streams: no status line inside the chunked body, the 400 after it', async () => {
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    const inline = inlineCompute();
    setComputeRunner({
      run: async (job, payload, opts) => {
        opts?.onProgress?.(0, 2000);
        await held;
        return inline.run(job, payload, opts);
      },
      close: () => Promise.resolve(),
    });
    const body = JSON.stringify({ ...MONTECARLO_EXAMPLE, firstPath: undefined, pathCount: undefined, paths: 2000 });
    const s = connect(host.port, '127.0.0.1');
    let out = '';
    const streaming = new Promise<void>((ok) =>
      s.on('data', (d: Buffer) => {
        out += d.toString('latin1');
        if (out.includes('"progress"')) ok();
      }),
    );
    const closed = new Promise<void>((ok) => s.on('close', () => ok()));
    s.write(
      `POST /api/montecarlo?partial=false HTTP/1.1\r\nHost: x\r\nAccept: application/x-ndjson\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await streaming;
    // The host has had the parser's refusal before the run is let go.
    const refused = new Promise<void>((ok) => host.server.once('clientError', () => ok()));
    s.write('GARBAGE\r\n\r\n');
    await refused;
    const beforeRelease = out;
    release();
    await closed;
    expect(beforeRelease).not.toMatch(/HTTP\/1\.1 400/);
    const end = out.indexOf('\r\n0\r\n\r\n');
    expect(end).toBeGreaterThan(0);
    const stream = out.slice(0, end);
    expect(stream.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    expect(stream).toMatch(/"summary"/);
    expect(out.slice(end + 7)).toMatch(/^HTTP\/1\.1 400 [^]*"code":"bad_request"/);
  });

  it('a malformed chunk in a body still arriving: the 400 goes out at once, the connection closes, the request is let go', async () => {
    const c = halfOpenClient();
    const request = nextRequest();
    c.socket.write(
      'POST /api/plan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"val\r\nzz\r\nxxxx\r\n',
    );
    const { res } = await c.bounded(request);
    await c.bounded(c.ended);
    const answers = splitAnswers(c.text());
    expect(answers.map((a) => a.status)).toEqual([400]);
    expect(answers[0]!.head).toMatch(/\r\nconnection: close\r\n/i);
    const problem = JSON.parse(answers[0]!.body) as { code: string; detail: string };
    expect(problem.code).toBe('bad_request');
    expect(problem.detail).toMatch(/^the request body is chunked and a chunk size is not valid; send the body whole/);
    // The client keeps its side open (as nc does): the host closes the connection and the request
    // whose body never came is no longer waited on.
    await c.bounded(closedOnce(res));
    c.socket.destroy();
  });

  it('a body that times out after an answer in work: that answer whole, then the 408, the close, the request let go', async () => {
    const { runner, started, release } = heldRunner();
    setComputeRunner(runner);
    const c = halfOpenClient();
    const stress = JSON.stringify(STRESS_EXAMPLE);
    const first = nextRequest();
    c.socket.write(
      `POST /api/stress HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(stress)}\r\n\r\n${stress}`,
    );
    const { req } = await c.bounded(first);
    await c.bounded(started);
    // The next request declares 100 bytes and sends 10, then nothing.
    const second = nextRequest();
    c.socket.write(
      'POST /api/plan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"valuatio',
    );
    const { res } = await c.bounded(second);
    // What Node's request timeout does once the request timeout has passed, without waiting for it.
    host.server.emit(
      'clientError',
      Object.assign(new Error('request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }),
      req.socket,
    );
    expect(c.text()).toBe('');
    release();
    await c.bounded(c.ended);
    const answers = splitAnswers(c.text());
    expect(answers.map((a) => a.status)).toEqual([200, 408]);
    expect((JSON.parse(answers[1]!.body) as { code: string }).code).toBe('request_timeout');
    await c.bounded(closedOnce(res));
    c.socket.destroy();
  });

  it('logged no server errors', () => {
    expect(errors).toEqual([]);
  });
});
