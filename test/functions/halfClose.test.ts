/**
 * A client that half-closes after its whole request (`nc -N`, socat, some proxies) gets its answer,
 * and the host closes the connection after it; a client that closes its socket whole still has its
 * run cancelled, but for an HTTP/1.0 client, whose connection may not be probed with a 1xx (so
 * docs/api.md says its run goes on). The run is a stress run the test holds (a runner that waits on
 * a promise) until the host has seen the client's FIN, so the FIN always comes before the answer,
 * however fast the run.
 */
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setComputeRunner, type ComputeRunner } from '../../functions/src/compute';
import { STRESS_EXAMPLE } from '../../functions/src/handlers/examples';
import { startLocalHost, type LocalHost } from '../../functions/src/localHost';
import { docText } from '../helpers/docs';
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

/** A runner whose runs wait until `release` is called; `started` resolves with the first run's signal. */
function heldRunner(): { runner: ComputeRunner; started: Promise<AbortSignal | undefined>; release: () => void } {
  const inline = inlineCompute();
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  let start!: (signal: AbortSignal | undefined) => void;
  const started = new Promise<AbortSignal | undefined>((ok) => (start = ok));
  const runner: ComputeRunner = {
    run: async (job, payload, opts) => {
      start(opts?.signal);
      await held;
      return inline.run(job, payload, opts);
    },
    close: () => Promise.resolve(),
  };
  return { runner, started, release };
}

const stressBody = JSON.stringify(STRESS_EXAMPLE);
const stress = `POST /api/stress HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(stressBody)}\r\n\r\n${stressBody}`;

/** The next request the host receives. */
function nextRequest(): Promise<IncomingMessage> {
  return new Promise((ok) => host.server.once('request', (req: IncomingMessage) => ok(req)));
}

/** Resolves once the host's end of `req`'s connection has read the client's FIN. */
function finSeen(req: IncomingMessage): Promise<void> {
  return new Promise((ok) => (req.socket.readableEnded ? ok() : req.socket.once('end', () => ok())));
}

/** A raw client that keeps reading after it half-closes; `closed` resolves with all it read. */
function halfClosingClient() {
  const socket = connect({ port: host.port, host: '127.0.0.1', allowHalfOpen: true });
  let out = '';
  socket.on('data', (d: Buffer) => (out += d.toString('latin1')));
  const ended = new Promise<string>((ok) => socket.once('end', () => ok(out)));
  const closed = new Promise<string>((ok) => socket.once('close', () => ok(out)));
  return { socket, ended, closed };
}

/**
 * A held run sent by a half-closing client (`text`, its request), released once the host has seen
 * its FIN: all the client read, and the signal its run was given.
 */
async function heldRunAfterFin(
  text: string,
): Promise<{ c: ReturnType<typeof halfClosingClient>; out: string; signal: AbortSignal | undefined }> {
  const { runner, started, release } = heldRunner();
  setComputeRunner(runner);
  const c = halfClosingClient();
  const request = nextRequest();
  c.socket.end(text);
  const req = await request;
  const signal = await started;
  await finSeen(req);
  release();
  return { c, out: await c.ended, signal };
}

describe('a client that half-closes after its request', () => {
  it('gets the whole answer to a run still working at its FIN, after interim 100s, then the host closes', async () => {
    const { c, out, signal } = await heldRunAfterFin(stress);
    expect(signal?.aborted).toBe(false);
    const at = out.indexOf('HTTP/1.1 200 ');
    expect(at).toBeGreaterThan(0);
    // Before the answer only interim responses, each a 100 Continue (the probes of a socket still there).
    expect(out.slice(0, at)).toMatch(/^(HTTP\/1\.1 100 Continue\r\n\r\n)+$/);
    const answer = out.slice(at);
    const split = answer.indexOf('\r\n\r\n');
    const head = answer.slice(0, split);
    const body = answer.slice(split + 4);
    expect(head).toMatch(/\r\nconnection: close(\r\n|$)/i);
    expect(Buffer.byteLength(body, 'latin1')).toBe(Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1]));
    expect(JSON.parse(body)).toHaveProperty('spxMoves');
    // The host closes its side after the answer: nothing stays half-open.
    await c.closed;
  });

  it('gets an answer that needs no run, and an idle half-closed connection is closed at once', async () => {
    setComputeRunner(inlineCompute());
    const c = halfClosingClient();
    c.socket.end('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n');
    const out = await c.ended;
    expect(out).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(out).toContain('"status":"ok"');
    await c.closed;
    const idle = halfClosingClient();
    idle.socket.end();
    expect(await idle.ended).toBe('');
    await idle.closed;
  });
});

describe('an HTTP/1.0 client, after its FIN', () => {
  it('is not probed (no 1xx before its answer), so a closed one is not found gone, as docs/api.md says', async () => {
    const { c, out, signal } = await heldRunAfterFin(stress.replace('HTTP/1.1', 'HTTP/1.0'));
    expect(signal?.aborted).toBe(false);
    // the answer alone: no interim 100 Continue, the only way a FIN from a socket closed whole is told apart
    expect(out).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    await c.closed;
    expect(docText('api.md')).toContain(
      'An HTTP/1.0 client may not be sent a 1xx, so its connection is not probed: an HTTP/1.0 client that closes its connection after sending its request is taken for one that half-closed, and its run (waiting or working) goes on to its answer or its time limit',
    );
  });
});

describe('a client that closes its socket whole while its run works', () => {
  it('has its run cancelled, without a logged error, and the host keeps serving', async () => {
    const { runner, started } = heldRunner(); // never released: only the cancel ends this run
    setComputeRunner(runner);
    const s = connect(host.port, '127.0.0.1');
    s.on('error', () => undefined);
    const request = nextRequest();
    s.write(stress);
    const req = await request;
    const signal = await started;
    if (!signal) throw new Error('the run was given no AbortSignal');
    const cancelled = new Promise<void>((ok) => signal.addEventListener('abort', () => ok()));
    s.destroy(); // a FIN, as a closed socket sends: the host finds it gone by probing it
    await cancelled;
    expect(req.socket.destroyed).toBe(true);
    setComputeRunner(inlineCompute());
    expect((await fetch(`${host.url}/api/health`)).status).toBe(200);
  });

  it('logged no server errors', () => {
    expect(errors).toEqual([]);
  });
});
