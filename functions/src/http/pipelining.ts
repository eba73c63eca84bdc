/**
 * The local host's bound on pipelined requests. Node's HTTP server runs every request of a received
 * chunk before it looks at the socket again, and answers a connection's requests in order, holding
 * each later answer until the earlier ones are out: one connection that sends thousands of requests
 * without reading (a few kilobytes of `GET` lines) would have the host work on all of them at once,
 * holding every answer in memory and every other client waiting. So a connection may have at most
 * {@link MAX_PIPELINED} requests unanswered; the next one is answered 429 with `Connection: close`
 * (after the answers before it, as HTTP/1.1 orders them), and those after it are not worked on at
 * all: the connection closes once that answer is out.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { httpProblem, type Problem } from './problem';

/** Most requests one connection may have unanswered (a browser or the add-in has one at a time). */
export const MAX_PIPELINED = 8;

/** What became of a request: it is (or will be) worked on, it is to be refused, or it is left unanswered. */
export type PipelineVerdict = 'admitted' | 'refuse' | 'drop';

export interface PipelineGuard {
  /**
   * Call first for every request. An admitted request is worked on (`serve`) at once when its
   * connection has nothing in work, else once the answer before it is out and the event loop has
   * turned; `refuse`: answer {@link pipelinedProblem} with `Connection: close`; `drop`: nothing.
   */
  admit(req: IncomingMessage, res: ServerResponse, serve: () => void): PipelineVerdict;
  /** Requests refused (each closes its connection). */
  readonly stats: { refused: number };
}

/** The 429 of a request past the bound. */
export function pipelinedProblem(max = MAX_PIPELINED): Problem {
  return httpProblem(
    429,
    'too_many_pipelined',
    `more than ${max} requests were sent on one connection without waiting for their answers; this request was not worked on, those sent after it on the connection are neither worked on nor answered, and the connection closes after this answer`,
    { fix: 'wait for each answer before sending the next request on a connection, or open another connection' },
  );
}

interface Connection {
  /** Requests admitted whose answer is not out. */
  unanswered: number;
  /** Requests in a row that arrived while an earlier one was unanswered. */
  ahead: number;
  refused: boolean;
  /** A request of it is in work. */
  busy: boolean;
  /** Admitted requests waiting for the one in work. */
  waiting: (() => void)[];
}

/**
 * Bound the requests each connection may send ahead of its answers to `max`, and work on them one
 * at a time (see the module comment). Node parses a connection's requests ahead of its answers in
 * two ways: every request of a received chunk at once when they carry no body, one ahead of the
 * answer in work when they do. So both count: a request is refused when `max` requests of its
 * connection are unanswered, or when it is the `max`-th in a row to arrive while an earlier one
 * was unanswered (a connection counts as new again once it has had every answer).
 */
export function guardPipelining(max = MAX_PIPELINED): PipelineGuard {
  const open = new WeakMap<Socket, Connection>();
  const stats = { refused: 0 };
  /** The next waiting request of `c`, once the event loop has turned (other connections' requests first). */
  const next = (c: Connection, socket: Socket) => {
    c.busy = false;
    if (socket.destroyed) c.waiting.length = 0;
    const run = c.waiting.shift();
    if (!run) return;
    c.busy = true;
    setImmediate(() => (socket.destroyed ? next(c, socket) : run()));
  };
  return {
    stats,
    admit(req, res, serve) {
      const socket = req.socket;
      let c = open.get(socket);
      if (!c) {
        c = { unanswered: 0, ahead: 0, refused: false, busy: false, waiting: [] };
        open.set(socket, c);
      }
      if (c.refused) return 'drop';
      c.ahead = c.unanswered > 0 ? c.ahead + 1 : 0;
      if (c.unanswered >= max || c.ahead >= max) {
        c.refused = true;
        stats.refused++;
        // Read nothing more from it: every request Node creates asks its socket to resume, so it
        // is paused again each time (the requests of the chunk in hand are dropped, unparsed bytes stay unread).
        socket.pause();
        socket.on('resume', () => socket.pause());
        return 'refuse';
      }
      c.unanswered++;
      const conn = c;
      res.once('close', () => {
        conn.unanswered--;
        next(conn, socket);
      });
      if (c.busy) c.waiting.push(serve);
      else {
        c.busy = true;
        serve();
      }
      return 'admitted';
    },
  };
}
