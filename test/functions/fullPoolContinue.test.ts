/**
 * `Expect: 100-continue` on the local host while the pool is full: a heavy route's body is not
 * invited. The request gets the 503 `compute_queue_full` a full pool gives (the same problem
 * document and Retry-After as the same request sent whole) before any upload, never 100 Continue,
 * and the connection closes without waiting for a body. A route that does not run on the pool, or
 * a pool with room, gets 100 Continue first, as before. The pool is a stand-in whose room each
 * test sets, so no run races another.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { setComputeRunner, type ComputeRunner } from '../../functions/src/compute';
import { PoolBusyError } from '../../functions/src/compute/pool';
import { useLocalHost } from './poolHost';

/** A pool whose first `fullFor` checks of its room throw as a full pool's do; after them it has room. */
class StandInPool implements ComputeRunner {
  checks = 0;
  jobs = 0;
  constructor(private readonly fullFor: number) {}
  run(): Promise<unknown> {
    this.jobs++;
    return Promise.reject(new PoolBusyError(4, 3, 6));
  }
  checkRoom(): void {
    this.checks++;
    if (this.checks <= this.fullFor) throw new PoolBusyError(4, 3, 6);
  }
  async close(): Promise<void> {}
}

const { host } = useLocalHost();
afterEach(() => setComputeRunner(undefined));

function usePool(fullFor: number): StandInPool {
  const pool = new StandInPool(fullFor);
  setComputeRunner(pool);
  return pool;
}

/** A POST's head with `Expect: 100-continue`, declaring `length` bytes of JSON and no body yet. */
function expectingHead(route: string, length: number): string {
  return (
    `POST /api/${route} HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\ncontent-type: application/json\r\n` +
    `content-length: ${length}\r\nexpect: 100-continue\r\n\r\n`
  );
}

/**
 * Send `head` on a new connection; once what came back includes 100 Continue, send `body` (if
 * given). Resolves with everything the server sent, when it has closed the connection.
 */
function exchange(head: string, body?: string): Promise<string> {
  return new Promise((done, fail) => {
    const socket = connect(host().port, '127.0.0.1');
    let got = '';
    let sent = false;
    socket.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      if (body !== undefined && !sent && got.includes('100 Continue\r\n\r\n')) {
        sent = true;
        socket.write(body);
      }
    });
    socket.on('error', fail);
    socket.on('close', () => done(got));
    socket.write(head);
  });
}

/** The head's lines (lower-cased names) and the body of the last answer in `raw`. */
function lastAnswer(raw: string): { status: string; headers: Record<string, string>; body: string } {
  const start = raw.lastIndexOf('HTTP/1.1 ');
  const [head, body] = [
    raw.slice(start, raw.indexOf('\r\n\r\n', start)),
    raw.slice(raw.indexOf('\r\n\r\n', start) + 4),
  ];
  const [status, ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines)
    headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
  return { status: status!, headers, body };
}

/** A body on which every heavy route asks the pool (a surface from a chain, not the indices). */
const POOL_BODY = { chain: 'expiry,strike\n' };

describe('Expect: 100-continue while the pool is full', () => {
  it.each(['stress', 'replay', 'montecarlo', 'frontier', 'surface'])(
    'POST /api/%s: the 503 compute_queue_full before any upload, as the request sent whole gets it; never 100 Continue',
    async (route) => {
      const pool = usePool(Infinity);
      const whole = await fetch(`${host().url}/api/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(POOL_BODY),
      });
      const wholeProblem: unknown = await whole.json();
      expect(whole.status).toBe(503);

      // A megabyte declared, none sent: the answer comes, and the connection closes, without it.
      const raw = await exchange(expectingHead(route, 1_000_000));
      expect(raw).toMatch(/^HTTP\/1\.1 503 /);
      expect(raw).not.toContain('HTTP/1.1 100');
      const answer = lastAnswer(raw);
      expect(answer.headers['content-type']).toBe(whole.headers.get('content-type'));
      expect(answer.headers['retry-after']).toBe('3');
      expect(answer.headers['retry-after']).toBe(whole.headers.get('retry-after'));
      expect(JSON.parse(answer.body)).toEqual(wholeProblem);
      expect(JSON.parse(answer.body)).toMatchObject({
        status: 503,
        code: 'compute_queue_full',
        instance: `/api/${route}`,
      });
      expect(pool.jobs).toBe(0);
    },
  );

  it('POST /api/plan (the pool only for a chain in its body) is invited as before', async () => {
    usePool(Infinity);
    const raw = await exchange(expectingHead('plan', 2), '{}');
    expect(raw).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 400 /);
  });

  it('a pool full when the head came but with room once the request is routed: 100 Continue then', async () => {
    const pool = usePool(1);
    const raw = await exchange(expectingHead('stress', 2), '{}');
    expect(raw).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 400 /);
    expect(pool.checks).toBeGreaterThan(1);
  });
});

describe('Expect: 100-continue while the pool has room', () => {
  it.each(['stress', 'montecarlo'])('POST /api/%s: 100 Continue, then the body is read and answered', async (route) => {
    usePool(0);
    const raw = await exchange(expectingHead(route, 2), '{}');
    expect(raw).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 400 /);
    expect(JSON.parse(lastAnswer(raw).body)).toMatchObject({ code: 'invalid_input' });
  });
});
