/**
 * Progress while a heavy run computes. A request whose `Accept` prefers `application/x-ndjson`
 * gets its answer as newline-delimited JSON, one object a line:
 *
 *     {"type":"progress","done":0,"total":1000000}
 *     {"type":"progress","done":10240,"total":1000000}
 *     ...
 *     {"type":"result","result":{ ...the route's JSON answer, byte for byte... }}
 *
 * `done` and `total` count paths (at most about a hundred progress lines: one at the start, one
 * each further percent, one at the end, before the merge and summary). A failure after the answer
 * has begun (the job's time limit, the pool shutting down) is the last line instead, as
 * `{"type":"problem","problem":{ ...the problem document... }}`. Everything decided before the
 * work starts (bad input, the work limits, a full queue) keeps its status code and its
 * problem+json answer, so a client reads those as it reads any other route's.
 */
import type { HttpRequest } from '@azure/functions';
import { ReadableStream, type ReadableStreamDefaultController } from 'node:stream/web';
import { problemFromError } from './problem';
import { JsonText, pathOf, Streamed, type RouteCall } from './route';
import { toJsonSafe } from './jsonSafe';

export const NDJSON = 'application/x-ndjson';

/** The q-value of each media type in an Accept header (1 when it has none). */
function acceptWeights(accept: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (type === '') continue;
    const q = params.find((p) => p.startsWith('q='));
    const w = q === undefined ? 1 : Number(q.slice(2));
    out.set(type, Number.isFinite(w) ? w : 0);
  }
  return out;
}

/** Whether the request asks for the streamed answer: `application/x-ndjson`, at least as wanted as JSON. */
export function wantsStream(request: HttpRequest): boolean {
  const accept = request.headers.get('accept');
  if (accept === null) return false;
  const w = acceptWeights(accept);
  const nd = w.get(NDJSON) ?? 0;
  return nd > 0 && nd >= (w.get('application/json') ?? 0);
}

/** Calls `send` for the first report, each further percent of `total`, and the last; never twice for one count. */
export function progressThinner(send: (done: number, total: number) => void): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const step = Math.max(1, Math.ceil(total / 100));
    if (last < 0 || (done > last && (done >= total || done - last >= step))) {
      last = done;
      send(done, total);
    }
  };
}

/** The result line: a worker's JSON text spliced in as it is, or a value made JSON-safe here. */
function resultLine(answer: unknown): string {
  if (answer instanceof JsonText) return `{"type":"result","result":${answer.text}}`;
  return JSON.stringify({ type: 'result', result: toJsonSafe(answer) });
}

/**
 * Start a run with a progress callback and answer it as a stream (see the module comment).
 * `start` starts the computation with the progress callback and the signal that stops it (the
 * caller's, or the answer's reader cancelling); `answer` turns its output into the route's answer
 * (JSON text or a value). A run refused before it starts (a full queue), or one whose runner reports no progress,
 * is awaited here: a refusal is thrown, so it keeps its status code; an answer is the stream's
 * only line.
 */
export async function streamedRun(
  call: RouteCall,
  start: (onProgress: (done: number, total: number) => void, signal: AbortSignal) => Promise<unknown>,
  answer: (out: unknown) => unknown,
): Promise<Streamed> {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  // The run stops when the caller goes (the local host's signal) or when whoever reads the answer
  // cancels it (a runtime whose client went away): nobody would read the rest.
  const unread = new AbortController();
  const signal = call.signal ? AbortSignal.any([call.signal, unread.signal]) : unread.signal;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => {
      open = false;
      unread.abort(new Error('the answer was cancelled by its reader'));
    },
  });
  const send = (line: string): void => {
    if (open) controller.enqueue(encoder.encode(`${line}\n`));
  };
  const end = (): void => {
    if (!open) return;
    open = false;
    controller.close();
  };
  let started = false;
  const running = start(
    progressThinner((done, total) => {
      started = true;
      send(JSON.stringify({ type: 'progress', done, total }));
    }),
    signal,
  );
  if (!started) {
    send(resultLine(answer(await running)));
    end();
    return new Streamed(body);
  }
  void (async () => {
    try {
      send(resultLine(answer(await running)));
    } catch (e) {
      // Nobody reads a cancelled run's answer; anything else is the problem the JSON answer would be.
      if (!signal.aborted)
        send(
          JSON.stringify({
            type: 'problem',
            problem: problemFromError(e, call.context, pathOf(call.request.url)).problem,
          }),
        );
    } finally {
      end();
    }
  })();
  return new Streamed(body);
}

/**
 * A heavy route's answer: streamed (see {@link streamedRun}) when the request asks for it, else
 * the plain answer once the run is done. `start` runs the computation (with the progress callback
 * and the stopping signal when streamed; with the caller's signal otherwise).
 */
export async function answerRun<T>(
  call: RouteCall,
  start: (onProgress?: (done: number, total: number) => void, signal?: AbortSignal) => Promise<unknown>,
  answer: (out: unknown) => T,
): Promise<T | Streamed> {
  if (wantsStream(call.request)) return streamedRun(call, start, answer);
  return answer(await start(undefined, call.signal));
}
