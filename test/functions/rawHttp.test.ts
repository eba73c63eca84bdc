/**
 * Malformed HTTP on a raw socket, answered in words that name what is wrong: Content-Length and
 * Transfer-Encoding sent together, Content-Length sent twice or not a byte count, a request line
 * (its URL's query) over the header limit.
 */
import { maxHeaderSize } from 'node:http';
import { connect } from 'node:net';
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

describe('a request line over the header limit', () => {
  it("a 100 KB query is a 431 that names the request line and the URL's query, not the headers alone", async () => {
    const { answer } = await rawUntilClose(`GET /api/health?q=${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(detailOf(answer)).toBe(
      `the request line and headers together exceed ${maxHeaderSize / 1024} KiB; shorten the URL's query or send fewer or shorter headers`,
    );
  });
});

it('logged no server errors', () => {
  expect(errors).toEqual([]);
});
