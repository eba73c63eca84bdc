/**
 * Clients that half-close. `nc -N`, socat and some proxies send their whole request, then close
 * their sending side (a FIN) and read the answer. Node's HTTP server would end the connection on
 * that FIN, and the host would cancel the run as for a client that has gone: such a client got no
 * answer to any request that takes time. The local host sets `httpAllowHalfOpen` instead, so Node
 * keeps the connection writable until the answer in work has gone out and then closes it (at once
 * when there is none): no half-closed connection outlives its answer.
 *
 * But a client that gives up and closes its socket whole sends the same FIN, and its run should
 * stop, not compute to the end for nobody. Only writing tells them apart: a socket closed whole
 * answers the bytes with a reset, and the write after that fails. So while a request's answer has
 * not begun after its client's FIN, its connection gets an interim `100 Continue` at once and every
 * {@link HALF_CLOSE_PROBE_MS} (a 1xx that every HTTP/1.1 client accepts before the final answer, as
 * many as come: RFC 9110 §15.2). A half-closed client reads them before its answer; for one gone,
 * the second fails, the connection closes, and the run is cancelled. An HTTP/1.0 client may not be
 * sent a 1xx: its run goes on to its answer.
 *
 * A FIN while a streamed answer is under way (application/x-ndjson) closes the connection and
 * cancels the run, as before: nothing can be written inside the stream to probe it, the clients
 * that ask for a stream (the add-in, a browser) never half-close, and a run between two progress
 * lines would otherwise compute on for nobody. A client that half-closes asks for the JSON answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** How often a request whose client has sent its FIN is probed with a `100 Continue` until its answer begins. */
export const HALF_CLOSE_PROBE_MS = 1_000;

/** Watch `req`'s connection for its client's FIN and probe it from then until `res` begins (see the module comment). */
export function probeAfterHalfClose(req: IncomingMessage, res: ServerResponse, everyMs = HALF_CLOSE_PROBE_MS): void {
  const socket = req.socket;
  let timer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    clearInterval(timer);
    socket.off('end', start);
  };
  const probe = (): void => {
    if (res.headersSent || res.destroyed || socket.destroyed) stop();
    else res.writeContinue();
  };
  function start(): void {
    if (res.destroyed) return;
    if (res.headersSent) {
      // A streamed answer under way (any other is written whole at once): its client is taken as gone.
      if (!res.writableEnded) res.destroy();
      return;
    }
    // The answer says what Node does after it: this connection closes.
    res.setHeader('connection', 'close');
    if (req.httpVersionMajor === 1 && req.httpVersionMinor === 0) return;
    probe();
    timer = setInterval(probe, everyMs);
    timer.unref();
  }
  res.once('close', stop);
  if (socket.readableEnded) start();
  else socket.once('end', start);
}
