/**
 * The local host's connection cap (functions/src/http/connectionCap.ts) on real loopback servers
 * with a cap of 2: a connection past the cap closes the oldest one that holds no request whose
 * body has arrived, never one the host is working on. Ordering comes from the servers' own events
 * and from gates the test opens, never from timers. The TLS case uses a self-signed certificate
 * for localhost made for these tests (test/helpers/tls).
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { capConnections, type ConnectionCap } from '../../functions/src/http/connectionCap';

const TLS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../helpers/tls');

interface Rig {
  server: Server;
  cap: ConnectionCap;
  port: number;
  /** Resolves when the server has accepted its n-th connection (1-based). */
  accepted(n: number): Promise<void>;
  /** Resolves when the server has the headers of a request to `path` (`path:headers`) or its whole body (`path:body`). */
  started(event: string): Promise<void>;
  /** Let the requests to /work answer. */
  open(): void;
}

const rigs: Server[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const s of rigs) s.closeAllConnections();
  await Promise.all(rigs.splice(0).map((s) => new Promise<void>((ok) => s.close(() => ok()))));
});

/** A server whose /work… requests read their body, then wait for `open()`; anything else answers at once. */
async function rig(tls = false): Promise<Rig> {
  let release!: () => void;
  const gate = new Promise<void>((ok) => (release = ok));
  const waiting = new Map<string, () => void>();
  const seen = new Map<string, Promise<void>>();
  const mark = (path: string) => {
    if (!seen.has(path)) seen.set(path, new Promise<void>((ok) => waiting.set(path, ok)));
    return seen.get(path)!;
  };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    cap.request(req, res);
    const path = req.url ?? '/';
    const signal = (event: string) => {
      void mark(event);
      waiting.get(event)!();
    };
    signal(`${path}:headers`);
    if (!path.startsWith('/work')) {
      res.end('ok');
      return;
    }
    req.resume();
    req.on('end', () => {
      signal(`${path}:body`);
      void gate.then(() => res.end('done'));
    });
  };
  const server = tls
    ? createHttpsServer(
        { cert: readFileSync(join(TLS_DIR, 'localhost.crt')), key: readFileSync(join(TLS_DIR, 'localhost.key')) },
        listener,
      )
    : createServer(listener);
  const cap = capConnections(server, 2);
  let count = 0;
  const accepts: (() => void)[] = [];
  const acceptedAt: Promise<void>[] = [];
  const nth = (n: number) => {
    while (acceptedAt.length < n) acceptedAt.push(new Promise<void>((ok) => accepts.push(ok)));
    return acceptedAt[n - 1]!;
  };
  server.on('connection', () => {
    count++;
    void nth(count);
    accepts[count - 1]!();
  });
  rigs.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return {
    server,
    cap,
    port: (server.address() as AddressInfo).port,
    accepted: nth,
    started: mark,
    open: () => release(),
  };
}

/** A raw TCP connection to the rig, open. */
function tcp(port: number): Promise<Socket> {
  return new Promise((ok) => {
    const s = connect(port, '127.0.0.1', () => ok(s));
    s.on('error', () => {});
    sockets.push(s);
  });
}

function closed(s: Socket): Promise<true> {
  return new Promise((ok) => (s.destroyed ? ok(true) : s.once('close', () => ok(true))));
}

/** The answer on a raw socket: status line and body; an error when the socket closes first. */
function answer(s: Socket): Promise<string> {
  return new Promise((ok, fail) => {
    let text = '';
    s.on('data', (d: Buffer) => {
      text += d.toString();
      if (/\r\n\r\n(ok|done)$/.test(text)) ok(text);
    });
    s.once('close', () => fail(new Error(`the connection closed before its answer (${JSON.stringify(text)})`)));
  });
}

/** The rig's n-th connection, once the server has accepted it (and the cap has ruled). */
async function nth(r: Rig, n: number): Promise<Socket> {
  const s = await tcp(r.port);
  await r.accepted(n);
  return s;
}

/** A GET on the socket: its answer. */
function health(s: Socket): Promise<string> {
  const got = answer(s);
  s.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
  return got;
}

const POST_WORK = (body: string, declared = body.length, path = '/work') =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: ${declared}\r\n\r\n${body}`;

describe('connection cap', { timeout: 10_000 }, () => {
  it('a connection past the cap closes the oldest idle one; the newer ones are served', async () => {
    const r = await rig();
    const a = await nth(r, 1);
    const b = await nth(r, 2);
    const c = await nth(r, 3);
    expect(await closed(a)).toBe(true);
    expect(r.cap.stats).toEqual({ evicted: 1, refused: 0 });
    expect(await health(c)).toMatch(/^HTTP\/1\.1 200/);
    expect(b.destroyed).toBe(false);
  });

  it('a body still arriving is no hold: the slow client is the one closed', async () => {
    const r = await rig();
    const slow = await nth(r, 1);
    slow.write(POST_WORK('0123456789', 1000)); // 10 of 1000 bytes, then nothing
    await r.started('/work:headers');
    const idle = await nth(r, 2);
    const fresh = await nth(r, 3);
    expect(await closed(slow)).toBe(true);
    expect(await health(fresh)).toMatch(/^HTTP\/1\.1 200/);
    expect(idle.destroyed).toBe(false);
  });

  it('a request whose body has arrived is never cut: the idle connections go, and it is answered', async () => {
    const r = await rig();
    const working = await nth(r, 1);
    const done = answer(working);
    working.write(POST_WORK('{"a":1}'));
    await r.started('/work:body');
    const idle = await nth(r, 2);
    const newer = await nth(r, 3);
    expect(await closed(idle)).toBe(true);
    await nth(r, 4);
    expect(await closed(newer)).toBe(true);
    expect(r.cap.stats).toEqual({ evicted: 2, refused: 0 });
    r.open();
    expect(await done).toMatch(/^HTTP\/1\.1 200[\s\S]*done$/);
  });

  it('when every connection holds work, the new connection is the one closed', async () => {
    const r = await rig();
    const answers: Promise<string>[] = [];
    for (let i = 1; i <= 2; i++) {
      const s = await nth(r, i);
      answers.push(answer(s));
      s.write(POST_WORK(`{"i":${i}}`, undefined, `/work${i}`));
      await r.started(`/work${i}:body`);
    }
    const extra = await nth(r, 3);
    expect(await closed(extra)).toBe(true);
    expect(r.cap.stats).toEqual({ evicted: 0, refused: 1 });
    r.open();
    for (const a of answers) expect(await a).toMatch(/^HTTP\/1\.1 200[\s\S]*done$/);
  });

  it('over TLS it counts TCP connections: handshakes that never finish make room for a real request', async () => {
    const r = await rig(true);
    const silent = [await tcp(r.port), await tcp(r.port)];
    await r.accepted(2);
    const status = await new Promise<number>((ok, fail) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port: r.port,
          path: '/health',
          ca: readFileSync(join(TLS_DIR, 'localhost.crt')),
          servername: 'localhost',
          agent: false,
        },
        (res) => {
          res.resume();
          ok(res.statusCode ?? 0);
        },
      );
      req.on('error', fail);
      req.end();
    });
    expect(status).toBe(200);
    expect(await closed(silent[0]!)).toBe(true);
    expect(r.cap.stats.evicted).toBeGreaterThanOrEqual(1);
  });

  it('over TLS a request in work is not cut by new connections', async () => {
    const r = await rig(true);
    const done = new Promise<string>((ok, fail) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port: r.port,
          path: '/work',
          method: 'POST',
          ca: readFileSync(join(TLS_DIR, 'localhost.crt')),
          servername: 'localhost',
          agent: false,
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => ok(`${res.statusCode} ${text}`));
        },
      );
      req.on('error', fail);
      req.end('{"a":1}');
    });
    await r.started('/work:body');
    for (let i = 0; i < 4; i++) await tcp(r.port);
    await r.accepted(5);
    expect(r.cap.stats.refused).toBe(0);
    r.open();
    expect(await done).toBe('200 done');
  });
});
