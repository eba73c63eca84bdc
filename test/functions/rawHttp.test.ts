/**
 * Malformed HTTP on a raw socket, answered in words that name what is wrong: Content-Length and
 * Transfer-Encoding sent together, Content-Length sent twice or not a byte count, a Transfer-Encoding
 * other than chunked alone (a 501, its answer sent before the connection closes), a request line
 * (its URL's query) over the header limit. And an answer sent before its request's body was read
 * (an unknown /api path, an unknown query parameter, a POST to a file) is the connection's only
 * answer to that request: a body that then stops short and times out gets no second one.
 */
import { maxHeaderSize } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalHost, type LocalHost } from '../../functions/src/localHost';

const LIMIT = 64 * 1024;
let host: LocalHost;
const errors: unknown[][] = [];

beforeAll(async () => {
  host = await startLocalHost({
    port: 0,
    host: '127.0.0.1',
    tls: false,
    maxBodyBytes: LIMIT,
    logError: (...a) => errors.push(a),
  });
});

afterAll(async () => {
  await host?.close();
});

interface Answer {
  status: number;
  head: string;
  body: string;
}

/** The first whole answer in `text` (a content-length body), or undefined while it is cut. */
function firstAnswer(text: string): Answer | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = text.slice(0, end);
  const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? 0);
  if (text.length < end + 4 + length) return undefined;
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), head, body: text.slice(end + 4, end + 4 + length) };
}

/** Send `text` as it is and read until the host closes the connection. */
function rawUntilClose(text: string): Promise<{ answer: Answer; all: string }> {
  return new Promise((ok, fail) => {
    const s = connect(host.port, '127.0.0.1', () => s.write(text));
    let data = '';
    s.on('data', (d: Buffer) => (data += d.toString('latin1')));
    s.on('close', () => {
      const answer = firstAnswer(data);
      if (answer) ok({ answer, all: data });
      else fail(new Error(`no whole answer: ${data.slice(0, 300)}`));
    });
    s.on('error', () => undefined); // a reset after the answer: the answer is what is checked
  });
}

const detailOf = (a: Answer) => (JSON.parse(a.body) as { code: string; detail: string }).detail;

describe('Content-Length and Transfer-Encoding the parser refuses: a 400 naming the header', () => {
  it.each([
    ['Content-Length then Transfer-Encoding', 'Content-Length: 5\r\nTransfer-Encoding: chunked'],
    ['Transfer-Encoding then Content-Length', 'Transfer-Encoding: chunked\r\nContent-Length: 5'],
  ])('%s: names both and says to send one', async (_, headers) => {
    const { answer } = await rawUntilClose(`POST /api/plan HTTP/1.1\r\nHost: x\r\n${headers}\r\n\r\n`);
    expect(answer.status).toBe(400);
    expect(answer.head).toMatch(/\r\nconnection: close/i);
    expect(detailOf(answer)).toMatch(
      /^the request sends both Content-Length and Transfer-Encoding[^;]*; send one of them/,
    );
  });

  it('Content-Length sent twice: names it', async () => {
    const { answer } = await rawUntilClose(
      'POST /api/plan HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello',
    );
    expect(answer.status).toBe(400);
    expect(detailOf(answer)).toBe('the request sends Content-Length more than once; send one Content-Length header');
  });

  it.each(['-1', '99999999999999999999999', 'five'])(
    'Content-Length: %s: names it, a whole number of bytes within the limit',
    async (length) => {
      const { answer } = await rawUntilClose(`POST /api/plan HTTP/1.1\r\nHost: x\r\nContent-Length: ${length}\r\n\r\n`);
      expect(answer.status).toBe(400);
      expect(detailOf(answer)).toBe(
        `the request's Content-Length is not a length in bytes; send Content-Length as a whole number of bytes, at most ${LIMIT}`,
      );
    },
  );
});

describe('a Transfer-Encoding other than chunked, with no Content-Length: the 501 of a coding the API does not decode', () => {
  const post = (te: string) =>
    rawUntilClose(
      `POST /api/plan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: ${te}\r\n\r\n{}`,
    );
  const problemOf = (a: Answer) => JSON.parse(a.body) as { code: string; detail: string; fix: string };
  const FIX = 'send the JSON text uncompressed, with Content-Length or Transfer-Encoding: chunked alone';

  it('chunked, gzip (the parser refuses it): says chunked alone is taken, not that Content-Length was sent', async () => {
    const { answer } = await post('chunked, gzip');
    expect(answer.status).toBe(501);
    expect(answer.head).toMatch(/\r\nconnection: close/i);
    expect(problemOf(answer)).toMatchObject({
      code: 'not_implemented',
      detail:
        "the request's Transfer-Encoding is not chunked alone, and chunked is the only transfer coding this API decodes",
      fix: FIX,
    });
  });

  it('gzip alone (the route and then the parser refuse it): the answer goes out, and the connection closes', async () => {
    const { answer, all } = await post('gzip');
    expect(answer.status).toBe(501);
    expect(answer.head).toMatch(/\r\nconnection: close/i);
    expect(problemOf(answer)).toMatchObject({
      code: 'not_implemented',
      detail: 'the request body is sent with Transfer-Encoding: gzip, which this API does not decode',
      fix: FIX,
    });
    expect(all.match(/HTTP\/1\.1 /g)).toHaveLength(1);
  });
});

describe('a body without a length', () => {
  const problemOf = (a: Answer) =>
    JSON.parse(a.body) as { status: number; code: string; detail: string; fix: string; instance: string };

  it('an HTTP/1.0 POST without Content-Length: 411 saying to send Content-Length, not that the body is empty', async () => {
    const { answer, all } = await rawUntilClose('POST /api/plan HTTP/1.0\r\nContent-Type: application/json\r\n\r\n{}');
    expect(answer.status).toBe(411);
    expect(answer.head).toMatch(/\r\ncontent-type: application\/problem\+json/i);
    expect(answer.head).toMatch(/\r\nconnection: close/i);
    expect(problemOf(answer)).toMatchObject({
      status: 411,
      code: 'length_required',
      instance: '/api/plan',
      detail: expect.stringMatching(/HTTP\/1\.0 without Content-Length/),
      fix: expect.stringMatching(/Content-Length header/),
    });
    expect(all.match(/HTTP\/1\.1 /g)).toHaveLength(1);
  });

  it('an HTTP/1.0 POST with Content-Length is read as any other', async () => {
    const { answer } = await rawUntilClose(
      'POST /api/plan HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
    );
    expect(answer.status).toBe(400);
    expect(problemOf(answer).code).toBe('invalid_input');
  });

  it('an HTTP/1.1 POST with neither Content-Length nor Transfer-Encoding: the 400 of an empty body says why it is empty', async () => {
    // RFC 9112 §6.3: such a request has a body of length zero, so the JSON written after the headers is not its body
    for (const after of ['', '{}']) {
      const { answer } = await rawUntilClose(
        `POST /api/plan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${after}`,
      );
      expect(answer.status, after).toBe(400);
      expect(problemOf(answer), after).toMatchObject({
        code: 'malformed_json',
        instance: '/api/plan',
        detail:
          'the request body is empty: the request sent no Content-Length or Transfer-Encoding header, so its body was read as empty (HTTP/1.1 takes such a request as having none)',
        fix: 'send the JSON with a Content-Length header giving its size in bytes (most clients add it themselves)',
      });
    }
  });

  it('an HTTP/1.1 POST with an empty chunked body is the plain 400 of an empty body: its length was sent', async () => {
    const { answer } = await rawUntilClose(
      'POST /api/plan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n',
    );
    expect(answer.status).toBe(400);
    expect(problemOf(answer)).toMatchObject({
      code: 'malformed_json',
      detail: 'the request body is empty; send one JSON object',
    });
  });

  it('an HTTP/1.1 POST with Content-Length: 0 is still the 400 of an empty body', async () => {
    const { answer } = await rawUntilClose(
      'POST /api/plan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    );
    expect(answer.status).toBe(400);
    expect(problemOf(answer)).toMatchObject({
      code: 'malformed_json',
      detail: 'the request body is empty; send one JSON object',
    });
  });
});

describe('a request line over the header limit', () => {
  it("a 100 KB query is a 431 that names the request line and the URL's query, not the headers alone", async () => {
    const { answer } = await rawUntilClose(`GET /api/health?q=${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(detailOf(answer)).toBe(
      `the request line and headers together exceed ${maxHeaderSize / 1024} KiB; shorten the URL's query or send fewer or shorter headers`,
    );
  });
});

interface Client {
  socket: Socket;
  text: () => string;
  closed: Promise<void>;
  /** The host's side of the connection. */
  serverSide: Promise<Socket>;
  /** The first whole answer after the first `from` characters received. */
  answer: (from?: number) => Promise<Answer>;
}

/** A raw connection kept open, and what it receives. */
function openClient(): Client {
  const serverSide = new Promise<Socket>((ok) => host.server.once('connection', ok));
  const socket = connect(host.port, '127.0.0.1');
  let data = '';
  socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((ok) => socket.once('close', () => ok()));
  const answer = (from = 0) =>
    new Promise<Answer>((ok, fail) => {
      const check = () => {
        const a = firstAnswer(data.slice(from));
        if (!a) return;
        socket.off('data', check);
        ok(a);
      };
      socket.on('data', check);
      void closed.then(() => fail(new Error(`closed without an answer: ${data.slice(from, from + 300)}`)));
      check();
    });
  return { socket, text: () => data, closed, serverSide, answer };
}

/** Node's request timeout on `socket`, as it reports it once the timeout has passed, without waiting for it. */
function timeOut(socket: Socket): void {
  host.server.emit(
    'clientError',
    Object.assign(new Error('request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }),
    socket,
  );
}

describe('an answer sent before its body was read is the only answer to that request', () => {
  it.each([
    ['an unknown /api path', 'POST /api/nope', 404],
    ['an unknown query parameter', 'POST /api/plan?nope=1', 400],
    ['a POST to a file', 'POST /taskpane.html', 405],
  ])('%s: the body then times out, and the connection closes with nothing more', async (_, line, status) => {
    const c = openClient();
    c.socket.write(`${line} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a`);
    const first = await c.answer();
    expect(first.status).toBe(status);
    const before = c.text();
    timeOut(await c.serverSide);
    await c.closed;
    expect(c.text()).toBe(before);
  });

  it("with the host's own timeouts (shortened): a body trickled after its 404 gets no 408 when it times out", async () => {
    const h = await startLocalHost({ port: 0, host: '127.0.0.1', tls: false, logError: (...a) => errors.push(a) });
    // Node checks them every second (the host's checking interval): 30 s and 10 s in service.
    h.server.requestTimeout = 300;
    h.server.headersTimeout = 200;
    const timedOut = new Promise<void>((ok) =>
      h.server.on('clientError', (e: { code?: string }) => e.code === 'ERR_HTTP_REQUEST_TIMEOUT' && ok()),
    );
    const socket = connect(h.port, '127.0.0.1');
    // A byte every 100 ms: the connection is never idle long enough for the keep-alive timeout.
    const trickle = setInterval(() => socket.write(' '), 100);
    try {
      let data = '';
      socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
      socket.on('error', () => undefined);
      const closed = new Promise<void>((ok) => socket.once('close', () => ok()));
      socket.write(
        'POST /api/nope HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
      );
      await Promise.all([timedOut, closed]);
      expect(firstAnswer(data)?.status).toBe(404);
      expect(data.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    } finally {
      clearInterval(trickle);
      socket.destroy();
      await h.close();
    }
  });

  it('once the body has come whole, the next request on the connection is answered, its own timeout too', async () => {
    const c = openClient();
    c.socket.write(
      'POST /api/nope HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\n\r\n{"a',
    );
    expect((await c.answer()).status).toBe(404);
    const seen = c.text().length;
    c.socket.write(
      '}POST /api/plan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a',
    );
    await new Promise<void>((ok) => host.server.once('request', () => ok()));
    timeOut(await c.serverSide);
    const second = await c.answer(seen);
    expect([second.status, (JSON.parse(second.body) as { code: string }).code]).toEqual([408, 'request_timeout']);
    await c.closed;
  });

  it('logged no server errors', () => {
    expect(errors).toEqual([]);
  });
});
