/**
 * The local host that `npm start` runs: one Node server for the add-in's files (addin/dist at `/`)
 * and the API under `/api`, dispatching to the same route table as the Azure app. It adds what the
 * Azure platform would: CORS with preflight, the request size limit, 404 for unknown paths, HTTPS
 * with the office-addin-dev-certs certificate when present, and a clean shutdown. Against hostile
 * or merely busy clients: methods outside GET/HEAD/POST/OPTIONS get a 405 before any routing (an
 * /api path no route takes gets its 404 first, as on Azure), malformed HTTP gets a problem document
 * (`clientError`), the media type is checked before the body is read, a body is cut at the limit
 * with a 413, connections are capped, a connection's pipelined
 * requests are bounded and worked on one at a time (http/pipelining.ts), header and keep-alive
 * timeouts are short, and every answer carries security headers (see http/security.ts).
 *
 * Length (about 590 lines, `startLocalHost` about 260): kept whole on purpose. The request pipeline
 * (method gate, CORS, routing, media type, body limit, dispatch, static files) and the graceful
 * shutdown share the server's state (requests in flight, open sockets, the closing flag) as
 * closures; each stage is a few lines, in the order a request meets them, and the abuse tests
 * drive them through the one server.
 */
import type { HttpResponseInit } from '@azure/functions';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  maxHeaderSize,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { certificateExpiry, certificateWarning } from './certificateExpiry';
import { closeCompute, computeRoomRefusal } from './compute';
import {
  checkConfig,
  corsOrigins,
  DEFAULT_SHUTDOWN_GRACE_MS,
  describeConfig,
  maxBodyBytes,
  maxConnections,
  shutdownGraceMs,
} from './config';
import {
  bodyTooLarge,
  encodedBodyProblem,
  isJsonContentType,
  lengthRequired,
  mediaTypeDetail,
  TRANSFER_CODING_FIX,
  transferCodingProblem,
} from './http/body';
import { capConnections, type ConnectionCap } from './http/connectionCap';
import { corsHeaders, isOriginAllowed, preflightHeaders } from './http/cors';
import { probeAfterHalfClose } from './http/halfClose';
import { HttpRequest, InvocationContext } from './http/library';
import { guardPipelining, pipelinedProblem, type PipelineGuard } from './http/pipelining';
import {
  PROBLEM_CONTENT_TYPE,
  httpProblem,
  problemFromError,
  problemText,
  type HttpProblem,
  type Problem,
} from './http/problem';
import { unknownQueryError } from './http/query';
import { allowedMethods, attachBodyLimit, attachSignal, methodNotAllowed, type Route } from './http/route';
import { API_HEADERS, PAGE_HEADERS } from './http/security';
import { findRoute, routes } from './routes';
import { resolveStatic, sendFile } from './staticFiles';

/** Where office-addin-dev-certs keeps its files (its `defaults.certificateDirectory`). */
export const DEV_CERT_DIR = join(homedir(), '.office-addin-dev-certs');

/** Bodies the host does not read (404, preflight, 405) are discarded up to this many times the limit, then cut off. */
const DRAIN_FACTOR = 2;

/** The methods the host answers; any other gets a 405 before routing. */
export const ALLOWED_METHODS: readonly string[] = ['GET', 'HEAD', 'POST', 'OPTIONS'];

/**
 * Timeouts sized for the add-in: it sends its headers at once and small bodies (a 4 MiB replay
 * history at most), and reuses a connection within seconds.
 */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/**
 * A connection whose unsent answer has not moved for this long (a client that stopped reading) is
 * closed: the timeouts above only cover receiving, so such a client would hold its connection, and
 * enough of them every connection, for good.
 */
export const WRITE_STALL_MS = 20_000;

export interface LocalHostOptions {
  /** Port; 0 picks a free one. Default `PORT` or 3000. */
  port?: number;
  /** Interface to bind. Default `ALVH_HOST`, or 127.0.0.1 (loopback only) when it is unset or blank. */
  host?: string;
  /** Folder served at `/`. Default addin/dist of this checkout. */
  staticRoot?: string;
  /** Request body limit in bytes. Default `ALVH_MAX_BODY_BYTES` or 4 MiB. */
  maxBodyBytes?: number;
  /** Allowed browser origins. Default `ALVH_CORS_ORIGINS`, else this host's own https://localhost:<port>. */
  corsOrigins?: string[];
  /** `{cert, key}` PEM contents, `false` for plain HTTP, or undefined to use the dev certificate when it exists. */
  tls?: { cert: string | Buffer; key: string | Buffer } | false;
  /** Where request errors are logged (default console.error). */
  logError?: (...args: unknown[]) => void;
  /** Milliseconds to let in-flight requests finish on close before work and connections are cut. Default 10 000. */
  shutdownGraceMs?: number;
  /**
   * Most open connections; a new one past it closes the oldest holding no request in work (see
   * http/connectionCap.ts). Default `ALVH_MAX_CONNECTIONS` or 256.
   */
  maxConnections?: number;
  /** Milliseconds an unsent answer may sit unread before its connection is closed. Default {@link WRITE_STALL_MS}. */
  writeStallMs?: number;
}

/**
 * Close the server's connections whose unsent bytes have not moved for `stallMs` (checked every
 * second, or every `stallMs` when shorter): a client that stops reading its answer. Returns the
 * function that stops the check.
 */
function closeStalledWrites(server: Server, stallMs: number): () => void {
  const watched = new Map<Socket, { pending: number; since: number }>();
  server.on('connection', (socket: Socket) => {
    watched.set(socket, { pending: 0, since: 0 });
    socket.once('close', () => watched.delete(socket));
  });
  const timer = setInterval(
    () => {
      const now = performance.now();
      for (const [socket, w] of watched) {
        const pending = socket.writableLength;
        if (pending === 0 || pending !== w.pending) {
          w.pending = pending;
          w.since = now;
        } else if (now - w.since >= stallMs) socket.destroy();
      }
    },
    Math.min(1_000, stallMs),
  );
  timer.unref();
  return () => clearInterval(timer);
}

export interface LocalHost {
  /** Base URL, e.g. `https://localhost:3000` (no trailing slash). */
  url: string;
  port: number;
  server: Server;
  /** The browser origins allowed to call the API. */
  corsOrigins: readonly string[];
  /** When the HTTPS certificate stops being valid (undefined over plain HTTP). */
  certificateExpires: Date | undefined;
  /** Connections closed at the cap: `evicted` to make room for a new one, `refused` when none could be. */
  connections: ConnectionCap['stats'];
  /** Requests refused for arriving with too many unanswered before them on their connection (http/pipelining.ts). */
  pipelined: PipelineGuard['stats'];
  /** Stop accepting, let in-flight requests finish (up to the grace period), close the worker pool. */
  close(): Promise<void>;
}

/** The dev certificate from office-addin-dev-certs, if `npx office-addin-dev-certs install` has been run. */
export function devCertificate(dir = DEV_CERT_DIR): { cert: Buffer; key: Buffer } | undefined {
  const cert = join(dir, 'localhost.crt');
  const key = join(dir, 'localhost.key');
  if (!existsSync(cert) || !existsSync(key)) return undefined;
  return { cert: readFileSync(cert), key: readFileSync(key) };
}

/** `PORT` as a port number (0 = any free port); 3000 when unset. Anything else is an error naming PORT. */
export function portFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 3000;
  const n = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(
      `PORT is ${JSON.stringify(raw)}, not a port: set PORT to a whole number from 0 to 65535 (0 = any free port)`,
    );
  }
  return n;
}

/** `ALVH_HOST` as the interface to listen on, spaces dropped; 127.0.0.1 (loopback only) when unset or blank. */
export function hostFromEnv(raw: string | undefined): string {
  const host = raw?.trim() ?? '';
  return host === '' ? '127.0.0.1' : host;
}

/**
 * What to tell the user when the host cannot listen (the port taken, or below 1024 without the
 * right), naming the port it tried (`PORT` as read, so blank or padded reads as its number), or
 * undefined for any other failure.
 */
export function listenFailureWords(code: unknown, rawPort: string | undefined): string | undefined {
  if (code !== 'EADDRINUSE' && code !== 'EACCES') return undefined;
  const port = portFromEnv(rawPort);
  return code === 'EADDRINUSE'
    ? `port ${port} is in use; stop the other server or set PORT`
    : `no permission to listen on port ${port}; set PORT above 1023`;
}

function defaultStaticRoot(): string {
  // src/localHost.ts and dist/localHost.js both sit two levels below the checkout root.
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../addin/dist');
}

function problemBody(problem: Problem): string {
  return JSON.stringify(problem);
}

/** Write a problem document's head (the API's headers, `headers`, its type and length); returns its body. */
function writeProblemHead(res: ServerResponse, problem: Problem, headers: Record<string, string>): string {
  const body = problemBody(problem);
  res.writeHead(problem.status, {
    ...API_HEADERS,
    ...headers,
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
  });
  return body;
}

function sendProblem(res: ServerResponse, problem: Problem, headers: Record<string, string> = {}): void {
  res.end(writeProblemHead(res, problem, headers));
}

/**
 * Answer a problem document on a raw socket (no request object to answer through: malformed HTTP,
 * CONNECT) with the API's headers and any `extra` header lines, then close it.
 */
function endWithProblem(socket: Socket, problem: Problem, extra: readonly string[] = []): void {
  const body = problemBody(problem);
  const head = [
    `HTTP/1.1 ${problem.status} ${problem.title}`,
    `content-type: ${PROBLEM_CONTENT_TYPE}`,
    `content-length: ${Buffer.byteLength(body)}`,
    'cache-control: no-store',
    ...extra,
    ...Object.entries(API_HEADERS).map(([k, v]) => `${k}: ${v}`),
    'connection: close',
  ].join('\r\n');
  socket.end(`${head}\r\n\r\n${body}`);
}

/** Connections the HTTP parser refused: their problem is answered once, after their earlier answers. */
const malformed = new WeakSet<Socket>();

/**
 * Call `then` once every answer Node holds for `socket` to requests received whole is out (at once
 * if none is). Node answers a connection's requests in order: the one being written is the socket's
 * `_httpMessage`, and when it finishes the next one parsed takes its place. A request whose body is
 * still arriving is the one the parser's problem is about (its body timed out, or a chunk of it is
 * malformed): its answer would never come, so `then` is called at once with its response.
 */
function afterAnswers(socket: Socket, then: (receiving?: ServerResponse) => void, previous?: ServerResponse): void {
  if (socket.destroyed) return;
  const current = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (!current || current === previous) then();
  else if (!current.req.complete) then(current);
  else current.once('close', () => afterAnswers(socket, then, current));
}

/** Requests told 100 Continue: their body is on its way. */
const continued = new WeakSet<IncomingMessage>();
/**
 * Requests with `Expect: 100-continue` to a heavy route that came while the pool was full: not
 * told 100 Continue then. Routed, each gets the full pool's 503 without its body asked for, or
 * its 100 Continue at that point if the pool has room by then ({@link answerHeldBack}).
 */
const heldBack = new WeakSet<IncomingMessage>();
/**
 * Connections whose answer is out (or being sent) while their request's body is still read: a
 * later timeout or malformed chunk of that body must not answer again (`clientError` closes them
 * silently). A connection leaves the set once that body has all come, for its next request.
 */
const answered = new WeakSet<Socket>();

/**
 * Mark `req`'s connection answered if its answer goes out before its body has all come (a body
 * drained unread behind a 404, a 405 or a refused query), until that body has come.
 */
function watchEarlyAnswer(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  res.once('finish', () => {
    if (!req.complete) answered.add(socket);
  });
  req.once('end', () => answered.delete(socket));
}

/**
 * Why a POST's body cannot be read as it is sent, if it cannot: a transfer coding other than
 * chunked, a Content-Encoding, or an HTTP/1.0 request with neither Content-Length nor
 * Transfer-Encoding (a 411: Node reads its body as none, as HTTP/1.0 says, so whatever the client
 * sent after the headers would be taken for an empty body).
 */
function unreadableBody(req: IncomingMessage): HttpProblem | undefined {
  const http10 = req.httpVersionMajor === 1 && req.httpVersionMinor === 0;
  const framed = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  return (
    transferCodingProblem(req.headers['transfer-encoding']) ??
    encodedBodyProblem(req.headers['content-encoding']) ??
    (http10 && !framed ? lengthRequired() : undefined)
  );
}

/**
 * Answer a problem to a request whose body is not read, and close the connection once that body
 * has come in, read and dropped: the answer goes out at once, but closing while the client still
 * uploads makes the kernel reset the connection, and a client that sends its whole body before it
 * reads (Python's http.client, any client over a slow link) would lose the answer to a broken pipe.
 * Past `cap` bytes the connection is cut, as for a body that never ends; a body declared larger
 * than `cap`, or awaited behind `Expect: 100-continue`, is not waited for.
 */
function sendProblemAndDrain(
  req: IncomingMessage,
  res: ServerResponse,
  problem: Problem,
  headers: Record<string, string>,
  cap: number,
): void {
  const body = writeProblemHead(res, problem, { ...headers, connection: 'close' });
  // No body will come (the client waits for a 100 Continue it was not sent), or more than `cap`
  // would: close as soon as the answer is out.
  const declared = Number(req.headers['content-length']);
  const noWait =
    req.complete ||
    (/100-continue/i.test(req.headers.expect ?? '') && !continued.has(req)) ||
    (Number.isFinite(declared) && declared > cap);
  if (noWait) {
    res.end(body);
    req.resume();
    return;
  }
  answered.add(req.socket);
  res.write(body);
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > cap) req.socket.destroy();
  });
  req.on('end', () => res.end());
  req.resume();
}

/** Whether a request is a POST to a heavy route (one that runs on the pool), its target routed as `handle` routes it. */
function postsToHeavyRoute(req: IncomingMessage): boolean {
  const target = req.url ?? '/';
  if ((req.method ?? '').toUpperCase() !== 'POST' || target.startsWith('//')) return false;
  let path: string;
  try {
    path = new URL(target, 'http://localhost').pathname;
  } catch {
    return false;
  }
  const route = path.startsWith('/api/') ? findRoute(path.slice('/api/'.length)) : undefined;
  return route?.heavy === true && route.method === 'POST';
}

/**
 * A request in {@link heldBack}, past the checks made before its body is read: while the pool is
 * still full, answer the 503 the route gives a full pool (the same problem and Retry-After) and
 * close once it is out, the body never asked for; else invite the body now. True when answered.
 */
function answerHeldBack(
  req: IncomingMessage,
  res: ServerResponse,
  route: Route,
  instance: string,
  headers: Record<string, string>,
  cap: number,
): boolean {
  heldBack.delete(req);
  const busy = computeRoomRefusal();
  if (busy) {
    const refusal = problemFromError(busy, new InvocationContext({ functionName: route.name }), instance);
    sendProblemAndDrain(req, res, refusal.problem, { ...headers, ...refusal.headers }, cap);
    return true;
  }
  res.writeContinue();
  continued.add(req);
  return false;
}

/** Headers of a HttpResponseInit as a plain record (Headers, record or pairs). */
function headerRecord(init: HttpResponseInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!init) return out;
  if (Array.isArray(init)) for (const [k, v] of init) out[k.toLowerCase()] = v;
  else if (typeof (init as Headers).forEach === 'function' && typeof (init as Headers).get === 'function')
    (init as Headers).forEach((v, k) => (out[k.toLowerCase()] = v));
  else for (const [k, v] of Object.entries(init as Record<string, string>)) out[k.toLowerCase()] = v;
  return out;
}

/**
 * Send a streamed body as it comes (chunked), each piece at once; resolves when it has ended or
 * the client has gone (the reader is then cancelled, and the request's abort signal stops the work).
 */
async function pipeStream(res: ServerResponse, body: ReadableStream<Uint8Array>): Promise<void> {
  const reader = body.getReader();
  const stop = (): void => void reader.cancel().catch(() => undefined);
  res.on('close', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      res.write(value);
    }
  } finally {
    res.off('close', stop);
    if (!res.destroyed) res.end();
  }
}

/** Write a handler's HttpResponseInit to the node response (string, bytes, jsonBody or a stream). */
async function writeResponse(
  res: ServerResponse,
  init: HttpResponseInit,
  extra: Record<string, string>,
  head: boolean,
): Promise<void> {
  const headers = { ...API_HEADERS, ...extra, ...headerRecord(init.headers) };
  if (init.body instanceof ReadableStream) {
    res.writeHead(init.status ?? 200, headers);
    if (head) {
      await init.body.cancel();
      res.end();
    } else await pipeStream(res, init.body);
    return;
  }
  let body: Buffer;
  if (init.jsonBody !== undefined) {
    body = Buffer.from(JSON.stringify(init.jsonBody));
    headers['content-type'] ??= 'application/json; charset=utf-8';
  } else if (typeof init.body === 'string') body = Buffer.from(init.body);
  else if (init.body instanceof Uint8Array) body = Buffer.from(init.body);
  else if (init.body === undefined || init.body === null) body = Buffer.alloc(0);
  else throw new Error('the local host writes only string, byte or JSON bodies');
  // a HEAD's answer comes without its body (defineRoute), with the content-length of the GET's
  if (!head || headers['content-length'] === undefined) headers['content-length'] = String(body.length);
  res.writeHead(init.status ?? 200, headers);
  res.end(head ? undefined : body);
}

/** Discard a body we will not read, cutting the connection if it runs past `cap` bytes. */
function discardBody(req: IncomingMessage, cap: number): void {
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > cap) req.destroy();
  });
  req.resume();
}

/** The request URL for the handler; a Host header that does not parse falls back to localhost. */
function requestUrl(scheme: string, hostHeader: string | undefined, port: number, path: string): string {
  const fallback = `${scheme}://localhost:${port}${path}`;
  if (hostHeader === undefined) return fallback;
  try {
    const u = new URL(`${scheme}://${hostHeader}${path}`);
    return u.host === hostHeader.toLowerCase() || u.host === hostHeader ? u.href : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Read the body up to `limit` bytes. The moment it passes the limit the reading stops and the
 * promise resolves `{ tooLarge }` (bytes seen so far): nothing past the limit is kept.
 */
function readBody(req: IncomingMessage, limit: number): Promise<{ bytes: Buffer } | { tooLarge: number }> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.off('data', onData);
        req.off('end', onEnd);
        resolveBody({ tooLarge: size });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolveBody({ bytes: Buffer.concat(chunks) });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', (e: Error & { code?: string }) =>
      reject(e.code === 'ECONNRESET' || req.destroyed ? new ClientGone() : e),
    );
  });
}

/** The client closed the connection before its body arrived: nobody to answer, and no defect. */
class ClientGone extends Error {
  constructor() {
    super('the client closed the connection while sending its body');
    this.name = 'ClientGone';
  }
}

/** The path of a request's target as sent (its query left out), for a problem's `instance`. */
function targetPath(req: IncomingMessage): string {
  return problemText((req.url ?? '/').split('?')[0]!);
}

/** The 404 of a path below /api that no route takes, whatever its method. */
function apiNotFound(path: string): Problem {
  return httpProblem(404, 'not_found', `no endpoint ${problemText(path)}; see /api/openapi.json for the list`, {
    instance: problemText(path),
  });
}

/** The 400 of a request that sends Content-Length and Transfer-Encoding together (RFC 9112 §6.3). */
const BOTH_LENGTHS =
  'the request sends both Content-Length and Transfer-Encoding, which disagree on where its body ends; send one of them: Content-Length for a body sent whole, or Transfer-Encoding: chunked';

/** The 501 of a Transfer-Encoding the parser refused that is not chunked alone (RFC 9112 §6.1). */
const NOT_CHUNKED =
  "the request's Transfer-Encoding is not chunked alone, and chunked is the only transfer coding this API decodes";

/**
 * The problem document for a malformed request the HTTP parser refused; `limit` is the body limit
 * in bytes, named when the Content-Length is not a byte count.
 */
function clientErrorProblem(err: Error & { code?: string; reason?: string }, limit: number): Problem {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW': {
      // Node counts the request line (the URL and its query) against the same limit as the headers.
      const kib = Math.floor(maxHeaderSize / 1024);
      return httpProblem(
        431,
        'headers_too_large',
        `the request line and headers together exceed ${kib} KiB; shorten the URL's query or send fewer or shorter headers`,
      );
    }
    case 'HPE_INVALID_TRANSFER_ENCODING':
      // Node's parser: Transfer-Encoding after a Content-Length (the other order is below), or a
      // Transfer-Encoding that does not end in chunked (`chunked, gzip`; `gzip` with no length).
      if (/Content-Length/i.test(err.reason ?? err.message)) return httpProblem(400, 'bad_request', BOTH_LENGTHS);
      return httpProblem(501, 'not_implemented', NOT_CHUNKED, { fix: TRANSFER_CODING_FIX });
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return httpProblem(
        400,
        'bad_request',
        'the request sends Content-Length more than once; send one Content-Length header',
      );
    case 'HPE_INVALID_CONTENT_LENGTH':
      if (/Transfer-Encoding/i.test(err.reason ?? err.message)) return httpProblem(400, 'bad_request', BOTH_LENGTHS);
      return httpProblem(
        400,
        'bad_request',
        `the request's Content-Length is not a length in bytes; send Content-Length as a whole number of bytes, at most ${limit}`,
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return httpProblem(
        408,
        'request_timeout',
        'the request was not received in time; send the whole request at once',
      );
    case 'HPE_INVALID_CHUNK_SIZE':
      return httpProblem(
        400,
        'bad_request',
        'the request body is chunked and a chunk size is not valid; send the body whole with a Content-Length, or valid chunks',
      );
    case 'HPE_INVALID_METHOD':
      return httpProblem(400, 'bad_request', `the request method is not valid HTTP; use ${ALLOWED_METHODS.join(', ')}`);
    default:
      return httpProblem(400, 'bad_request', 'the request is not valid HTTP/1.1; check the request line and headers');
  }
}

/** The methods an add-in file takes, as OPTIONS on it answers them. */
const FILE_METHODS = 'GET, HEAD, OPTIONS';

/**
 * Answer a GET, HEAD or OPTIONS of an add-in file: the file, its headers, or for OPTIONS a 204 with
 * the methods it takes (as an API route's OPTIONS without Origin: no CORS, the files are the
 * host's own pages); else the problem of its path (400 or 404).
 */
async function answerFile(
  res: ServerResponse,
  staticRoot: string,
  path: string,
  method: 'GET' | 'HEAD' | 'OPTIONS',
): Promise<void> {
  const file = await resolveStatic(staticRoot, path);
  if (file.kind === 'file' && method === 'OPTIONS') {
    res.writeHead(204, { ...PAGE_HEADERS, allow: FILE_METHODS, 'content-length': '0' });
    res.end();
  } else if (file.kind === 'file') sendFile(res, file, method === 'HEAD', PAGE_HEADERS);
  else if (file.kind === 'bad-path')
    sendProblem(
      res,
      httpProblem(400, 'bad_path', `the path ${problemText(path)} is not allowed: ${file.reason}`, {
        instance: problemText(path),
        fix: 'ask for a page of the add-in by its plain path, e.g. /taskpane.html',
      }),
    );
  else if (file.fix !== undefined)
    // A file asked for as a folder (a trailing slash): the detail says which, the fix the path to use.
    sendProblem(
      res,
      httpProblem(404, 'not_found', `${problemText(path)} not found: ${problemText(file.reason)}`, {
        instance: problemText(path),
        fix: problemText(file.fix),
      }),
    );
  else
    sendProblem(
      res,
      httpProblem(
        404,
        'not_found',
        `${problemText(path)} not found${existsSync(staticRoot) ? '' : ' (the add-in is not built: run npm run build)'}`,
        {
          instance: problemText(path),
          fix: 'open /taskpane.html for the add-in, or /api/openapi.json for the API',
        },
      ),
    );
}

/** Start the local host. Resolves once it listens. (Its length: see the module comment.) */
// eslint-disable-next-line max-lines-per-function -- one pipeline over the server's shared state (module comment)
export async function startLocalHost(options: LocalHostOptions = {}): Promise<LocalHost> {
  const limit = options.maxBodyBytes ?? maxBodyBytes();
  const staticRoot = options.staticRoot ?? defaultStaticRoot();
  const logError = options.logError ?? ((...a: unknown[]) => console.error(...a));
  const graceMs = options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  const tls = options.tls === undefined ? devCertificate() : options.tls === false ? undefined : options.tls;
  const scheme = tls ? 'https' : 'http';
  const inFlight = new Set<Promise<void>>();
  let origins: string[] = options.corsOrigins ?? [];
  let closing = false;
  let boundPort = 0;

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    route: Route | undefined,
    cors: Record<string, string>,
  ) {
    const method = (req.method ?? 'GET').toUpperCase();
    const origin = req.headers.origin;
    const instance = problemText(url.pathname);
    if (!route) {
      discardBody(req, limit * DRAIN_FACTOR);
      sendProblem(res, apiNotFound(url.pathname), cors);
      return;
    }
    if (method === 'OPTIONS') {
      discardBody(req, limit * DRAIN_FACTOR);
      const methods = allowedMethods(route);
      if (origin === undefined) {
        res.writeHead(204, { ...API_HEADERS, allow: [...methods, 'OPTIONS'].join(', '), 'content-length': '0' });
        res.end();
      } else if (isOriginAllowed(origin, origins)) {
        res.writeHead(204, { ...API_HEADERS, ...preflightHeaders(origin, origins, methods), 'content-length': '0' });
        res.end();
      } else {
        const detail = `origin ${problemText(origin)} may not call this API; add it to ALVH_CORS_ORIGINS`;
        sendProblem(res, httpProblem(403, 'origin_not_allowed', detail, { instance }));
      }
      return;
    }
    const unknownQuery = allowedMethods(route).includes(method)
      ? unknownQueryError(route, url.searchParams)
      : undefined;
    if (unknownQuery) {
      // Before the media type and the body, as the route's own handler (Azure) refuses it.
      discardBody(req, limit * DRAIN_FACTOR);
      const context = new InvocationContext({ functionName: route.name });
      sendProblem(res, problemFromError(unknownQuery, context, instance).problem, cors);
      return;
    }
    if (route.method === 'POST' && method === 'POST') {
      // The media type first: a body we cannot use is never read.
      // Every Content-Type line, joined as Azure's host joins them (Node keeps only the first): a
      // type sent twice is refused alike on both hosts.
      const contentType = req.headersDistinct['content-type']?.join(', ') ?? null;
      if (!isJsonContentType(contentType)) {
        sendProblemAndDrain(
          req,
          res,
          httpProblem(415, 'unsupported_media_type', mediaTypeDetail(contentType), {
            fix: 'set the header Content-Type: application/json',
            instance: problemText(url.pathname),
          }),
          { ...cors, accept: 'application/json' },
          limit * DRAIN_FACTOR,
        );
        return;
      }
      const encoded = unreadableBody(req);
      if (encoded) {
        sendProblemAndDrain(
          req,
          res,
          { ...encoded.problem, instance: problemText(url.pathname) },
          { ...cors, ...encoded.headers },
          limit * DRAIN_FACTOR,
        );
        return;
      }
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > limit) {
        sendProblemAndDrain(
          req,
          res,
          { ...bodyTooLarge(limit, declared).problem, instance: problemText(url.pathname) },
          cors,
          limit * DRAIN_FACTOR,
        );
        return;
      }
      if (heldBack.has(req) && answerHeldBack(req, res, route, instance, cors, limit * DRAIN_FACTOR)) return;
    }
    // Only a POST to a POST route has a body to read; any other (a GET with a body, a POST to a GET
    // route, answered 405 by the route) is drained unread, as on Azure, not refused as too large.
    const body =
      route.method === 'POST' && method === 'POST'
        ? await readBody(req, limit)
        : (discardBody(req, limit * DRAIN_FACTOR), { bytes: new Uint8Array(0) });
    if ('tooLarge' in body) {
      if (res.destroyed) return;
      sendProblemAndDrain(
        req,
        res,
        { ...bodyTooLarge(limit).problem, instance: problemText(url.pathname) },
        cors,
        limit * DRAIN_FACTOR,
      );
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const hasBody = method !== 'GET' && method !== 'HEAD' && body.bytes.length > 0;
    const request = new HttpRequest({
      method,
      url: requestUrl(scheme, req.headers.host, boundPort, `${url.pathname}${url.search}`),
      headers,
      // Bytes, not a string: a string body would get a text/plain type the client never sent.
      ...(hasBody ? { body: { bytes: body.bytes } } : {}),
    });
    const aborter = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) aborter.abort(new Error('the client closed the connection'));
    });
    // A client that half-closed after its request still gets its answer; one gone whole still stops its run.
    probeAfterHalfClose(req, res);
    attachSignal(request, aborter.signal);
    attachBodyLimit(request, limit);
    const context = new InvocationContext({
      invocationId: randomUUID(),
      functionName: route.name,
      logHandler: (level, ...args) => {
        if (level === 'error' || level === 'critical') logError(`[${route.name}]`, ...args);
      },
    });
    const result = await route.handler(request, context);
    if (!res.destroyed) await writeResponse(res, result, cors, method === 'HEAD');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    if (closing) res.setHeader('connection', 'close');
    // HTTP/1.1 requires Host (RFC 9112 §3.2); Node's own refusal is a bare 400 without a problem document.
    if (req.httpVersionMajor === 1 && req.httpVersionMinor >= 1 && req.headers.host === undefined) {
      sendProblemAndDrain(
        req,
        res,
        httpProblem(400, 'bad_request', 'an HTTP/1.1 request without a Host header', {
          fix: 'send the Host header (every HTTP/1.1 client does)',
          instance: targetPath(req),
        }),
        {},
        limit * DRAIN_FACTOR,
      );
      return;
    }
    if (!ALLOWED_METHODS.includes(method)) {
      // Nothing is read or routed; Allow names what the path takes (the route's methods, or GET for files).
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const isApi = path === '/api' || path.startsWith('/api/');
      const route = path.startsWith('/api/') ? findRoute(path.slice('/api/'.length)) : undefined;
      if (isApi && !route) {
        // No such endpoint, whatever the method (as on Azure): a 404, not the add-in files' 405.
        sendProblemAndDrain(
          req,
          res,
          apiNotFound(path),
          corsHeaders(req.headers.origin, origins),
          limit * DRAIN_FACTOR,
        );
        return;
      }
      const allow = route ? allowedMethods(route) : ['GET', 'HEAD'];
      sendProblemAndDrain(
        req,
        res,
        route
          ? methodNotAllowed(method, route, problemText(path))
          : httpProblem(405, 'method_not_allowed', `${method} is not supported; use ${allow.join(' or ')}`, {
              instance: problemText(path),
            }),
        // An API route's 405 carries CORS as the route's own does, so a page can read its Allow.
        { allow: allow.join(', '), ...(route ? corsHeaders(req.headers.origin, origins) : {}) },
        limit * DRAIN_FACTOR,
      );
      return;
    }
    const target = req.url ?? '/';
    if (target.startsWith('//')) {
      // WHATWG URL reads `//api/health` as host `api`, path `/health`: refuse it, naming the path.
      discardBody(req, limit * DRAIN_FACTOR);
      const path = target.split('?')[0]!;
      sendProblem(
        res,
        httpProblem(400, 'bad_path', `the path ${problemText(path)} is not allowed: it starts with //`, {
          instance: problemText(path),
          fix: `send the path with one leading slash, e.g. ${problemText(path.replace(/^\/+/, '/'))}`,
        }),
      );
      return;
    }
    let url: URL;
    try {
      url = new URL(target, 'http://localhost');
    } catch {
      discardBody(req, limit * DRAIN_FACTOR);
      sendProblem(
        res,
        httpProblem(400, 'bad_request', 'the request target is not a valid URL path', {
          instance: targetPath(req),
        }),
      );
      return;
    }
    const origin = req.headers.origin;
    const cors = corsHeaders(origin, origins);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      await handleApi(req, res, url, findRoute(url.pathname.slice('/api/'.length)), cors);
      return;
    }
    discardBody(req, limit * DRAIN_FACTOR);
    if (method === 'OPTIONS' && target === '*') {
      // The server as a whole (RFC 9110 §9.3.7): the methods it takes anywhere.
      res.writeHead(204, { ...API_HEADERS, allow: ALLOWED_METHODS.join(', '), 'content-length': '0' });
      res.end();
      return;
    }
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') {
      await answerFile(res, staticRoot, url.pathname, method);
      return;
    }
    // A POST, the one other method past the gate. Allow names the methods that fetch a file, as an
    // API route's 405 names its own (OPTIONS answers on both).
    sendProblem(
      res,
      httpProblem(405, 'method_not_allowed', `${method} is not supported for files; use GET or HEAD`, {
        instance: problemText(url.pathname),
      }),
      { allow: 'GET, HEAD' },
    );
  }

  const pipelining = guardPipelining();
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    watchEarlyAnswer(req, res);
    // A connection's requests are worked on one at a time, a few at most sent ahead of their
    // answers: past that one refusal closes it, and nothing after it is worked on.
    const verdict = pipelining.admit(req, res, () => serve(req, res));
    if (verdict === 'refuse')
      sendProblem(res, { ...pipelinedProblem(), instance: targetPath(req) }, { connection: 'close' });
  };
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    cap.request(req, res); // declared below, with the server: requests come only after listen
    const p = handle(req, res)
      .catch((e: unknown) => {
        if (e instanceof ClientGone) {
          // As a route's cancelled run (499): a normal client abort, answered to nobody, logged as no error.
          res.destroy();
          return;
        }
        const id = randomUUID();
        logError(`local host error [${id}]`, e);
        if (!res.headersSent)
          sendProblem(
            res,
            httpProblem(500, 'internal_error', `the server failed unexpectedly; quote id ${id}`, {
              id,
              instance: targetPath(req),
            }),
          );
        else res.destroy();
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const serverOptions = {
    headersTimeout: HEADERS_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    // How often Node checks the header and request timeouts (default 30 s, longer than the timeouts).
    connectionsCheckingInterval: 1_000,
    // A request without Host is refused by `handle` with a problem document, not Node's bare 400.
    requireHostHeader: false,
    // TLS: the TCP connection stays open for writing after the client's FIN (http/halfClose.ts).
    allowHalfOpen: true,
  };
  const server: Server = tls
    ? createHttpsServer({ ...serverOptions, cert: tls.cert, key: tls.key }, listener)
    : createHttpServer(serverOptions, listener);
  // A client's FIN after its request does not end the connection before its answer (http/halfClose.ts).
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  const cap = capConnections(server, options.maxConnections ?? maxConnections());
  const stopStallCheck = closeStalledWrites(server, options.writeStallMs ?? WRITE_STALL_MS);
  // CONNECT (a proxy tunnel) is no request of this host: Node would close the socket without a word.
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    socket.on('error', () => socket.destroy());
    endWithProblem(
      socket,
      httpProblem(405, 'method_not_allowed', 'CONNECT is not supported; this host is no proxy', {
        fix: 'send GET, HEAD, POST or OPTIONS to the API or the pages',
      }),
      ['allow: GET, HEAD, POST, OPTIONS'],
    );
  });
  // Expect: 100-continue: Node would answer 100 Continue to every request and invite the upload.
  // Only a body within the limit is invited; the request then goes through `handle` as any other,
  // whose checks refuse the rest (a declared length over the limit: the 413) before reading. Nor
  // is a heavy route's body invited while the pool is full: it is held back, and gets the pool's
  // 503 before any upload (`answerHeldBack`). The look at the pool is advisory: one that fills
  // after a 100 Continue refuses that request with the same 503 once its body is read, as it
  // does a request sent without Expect.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (!(Number(req.headers['content-length']) > limit)) {
      if (postsToHeavyRoute(req) && computeRoomRefusal() !== undefined) heldBack.add(req);
      else {
        res.writeContinue();
        continued.add(req);
      }
    }
    listener(req, res);
  });
  // Any other Expect: Node would answer a bare 417 with no body; say which expectation and the fix.
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    cap.request(req, res);
    const expectation = problemText(String(req.headers.expect ?? ''));
    sendProblemAndDrain(
      req,
      res,
      httpProblem(417, 'expectation_failed', `Expect: ${expectation} is not supported`, {
        fix: 'send the request without an Expect header, or with Expect: 100-continue',
        instance: problemText((req.url ?? '/').split('?')[0]!),
      }),
      {},
      limit * DRAIN_FACTOR,
    );
  });
  // Malformed HTTP (a bad request line, an unknown method, oversized headers, a header timeout):
  // answer a problem document on the raw socket when it can still take one, then close it. The
  // answers of the requests before it on the connection (pipelined, or one streaming) go out
  // first and whole: the problem follows the last of them, never inside one. A problem about a
  // request whose body is still arriving (the request timeout, a malformed chunk) is its answer:
  // it goes out at once, after the earlier answers only.
  server.on('clientError', (err: Error & { code?: string }, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    if (answered.has(socket)) {
      // No second answer. The first may still sit in the socket's buffer, written in this same
      // tick (a Transfer-Encoding: gzip refused by the route, then by the parser right after the
      // headers): send what is written, then close.
      malformed.add(socket);
      socket.end(() => socket.destroy());
      return;
    }
    if (malformed.has(socket)) return; // the parser reports each later chunk again
    malformed.add(socket);
    afterAnswers(socket, (receiving) => {
      if (!socket.writable || answered.has(socket) || receiving?.headersSent) socket.destroy();
      else {
        endWithProblem(socket, clientErrorProblem(err, limit));
        // The request whose body was still arriving is worked on no more: once the problem is
        // out, closing the socket aborts its body, so its reading ends and its work is released.
        if (receiving) socket.once('finish', () => socket.destroy());
      }
    });
  });

  const port = options.port ?? portFromEnv(process.env.PORT);
  const host = options.host ?? hostFromEnv(process.env.ALVH_HOST);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  boundPort = actualPort;
  const urlHost = host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const selfOrigin = `${scheme}://${urlHost}:${actualPort}`;
  // Unset ALVH_CORS_ORIGINS: the add-in served from this host (its own origin) may call the API.
  if (options.corsOrigins === undefined) {
    const env = process.env.ALVH_CORS_ORIGINS;
    origins = env === undefined || env.trim() === '' ? [`https://localhost:${actualPort}`] : corsOrigins();
  }

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      closing = true;
      const stopped = new Promise<void>((ok) => server.close(() => ok()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((ok) => {
        timer = setTimeout(ok, graceMs);
      });
      // Let in-flight requests finish, up to the grace period...
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
      // ...then cut what is left: the pool's jobs reject, their requests answer, connections close.
      await closeCompute();
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((ok) => setImmediate(ok))]);
      server.closeAllConnections();
      stopStallCheck();
      await stopped;
    })();
    return closed;
  };

  return {
    url: selfOrigin,
    port: actualPort,
    server,
    corsOrigins: origins,
    certificateExpires: tls ? certificateExpiry(tls.cert) : undefined,
    connections: cap.stats,
    pipelined: pipelining.stats,
    close,
  };
}

/**
 * The start-up banner: URLs, settings and an example request, and a warning when the HTTPS
 * certificate has expired or expires within a week of `now`.
 */
export function banner(host: LocalHost, secure: boolean, now = new Date()): string[] {
  const k = secure ? ' -k' : '';
  const settings = describeConfig().map((l) =>
    l.startsWith('CORS origins ') ? `CORS origins ${host.corsOrigins.join(', ')} (ALVH_CORS_ORIGINS)` : l,
  );
  const lines = [
    `ALVH local host listening on ${host.url}`,
    `  add-in taskpane   ${host.url}/taskpane.html`,
    `  API               ${host.url}/api/  (${routes.map((r) => `${r.method} /api/${r.route}`).join(', ')})`,
    `  OpenAPI           ${host.url}/api/openapi.json`,
    ...settings.map((l) => `  ${l}`),
    secure
      ? '  HTTPS with the office-addin-dev-certs certificate'
      : '  plain HTTP (run `npx office-addin-dev-certs install` for HTTPS, which Excel needs to sideload)',
    ...(secure && host.certificateExpires ? certificateWarning(host.certificateExpires, now) : []),
    '',
    'Try:',
    `  curl${k} ${host.url}/api/health`,
    `  curl${k} -X POST ${host.url}/api/plan -H 'content-type: application/json' -d @docs/examples/plan.json`,
    '',
    'Ctrl+C stops the server (in-flight requests finish first).',
  ];
  return lines;
}

async function main(): Promise<void> {
  checkConfig();
  // The local host's own settings, read before it listens so that a malformed one stops it at once.
  const graceMs = shutdownGraceMs();
  const host = await startLocalHost({ shutdownGraceMs: graceMs, maxConnections: maxConnections() });
  console.log(banner(host, host.url.startsWith('https:')).join('\n'));
  // A stray rejection is logged, never a reason to die with in-flight requests.
  process.on('unhandledRejection', (e) => console.error('unhandled rejection', e));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.log('forced exit');
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: finishing in-flight requests (at most ${graceMs} ms)...`);
    host.close().then(
      () => {
        console.log('stopped');
        process.exit(0);
      },
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

const entry = process.argv[1];
if (entry !== undefined && resolve(entry) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(
      listenFailureWords((e as { code?: unknown }).code, process.env.PORT) ?? (e instanceof Error ? e.message : e),
    );
    process.exit(1);
  });
}
