/**
 * The local host that `npm start` runs: one Node server for the add-in's files (addin/dist at `/`)
 * and the API under `/api`, dispatching to the same route table as the Azure app. It adds what the
 * Azure platform would: CORS with preflight, the request size limit, 404 for unknown paths, HTTPS
 * with the office-addin-dev-certs certificate when present, and a clean shutdown.
 */
import type { HttpResponseInit } from '@azure/functions';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeCompute } from './compute';
import { corsOrigins, describeConfig, maxBodyBytes } from './config';
import { bodyTooLarge } from './http/body';
import { corsHeaders, isOriginAllowed, preflightHeaders } from './http/cors';
import { HttpRequest, InvocationContext } from './http/library';
import { PROBLEM_CONTENT_TYPE, httpProblem, type Problem } from './http/problem';
import { attachSignal, type Route } from './http/route';
import { findRoute, routes } from './routes';
import { resolveStatic, sendFile } from './staticFiles';

/** Where office-addin-dev-certs keeps its files (its `defaults.certificateDirectory`). */
export const DEV_CERT_DIR = join(homedir(), '.office-addin-dev-certs');

/** Bodies up to this many times the limit are drained so the client reads the 413; larger ones are cut off. */
const DRAIN_FACTOR = 16;

export interface LocalHostOptions {
  /** Port; 0 picks a free one. Default `PORT` or 3000. */
  port?: number;
  /** Interface to bind. Default `ALVH_HOST` or 127.0.0.1 (loopback only). */
  host?: string;
  /** Folder served at `/`. Default addin/dist of this checkout. */
  staticRoot?: string;
  /** Request body limit in bytes. Default `ALVH_MAX_BODY_BYTES` or 4 MiB. */
  maxBodyBytes?: number;
  /** Allowed browser origins. Default `ALVH_CORS_ORIGINS` or https://localhost:3000. */
  corsOrigins?: string[];
  /** `{cert, key}` PEM contents, `false` for plain HTTP, or undefined to use the dev certificate when it exists. */
  tls?: { cert: string | Buffer; key: string | Buffer } | false;
  /** Where request errors are logged (default console.error). */
  logError?: (...args: unknown[]) => void;
  /** Milliseconds to let in-flight requests finish on close before connections are cut. Default 10 000. */
  shutdownGraceMs?: number;
}

export interface LocalHost {
  /** Base URL, e.g. `https://localhost:3000` (no trailing slash). */
  url: string;
  port: number;
  server: Server;
  /** Stop accepting, let in-flight requests finish, close the worker pool. */
  close(): Promise<void>;
}

/** The dev certificate from office-addin-dev-certs, if `npx office-addin-dev-certs install` has been run. */
export function devCertificate(dir = DEV_CERT_DIR): { cert: Buffer; key: Buffer } | undefined {
  const cert = join(dir, 'localhost.crt');
  const key = join(dir, 'localhost.key');
  if (!existsSync(cert) || !existsSync(key)) return undefined;
  return { cert: readFileSync(cert), key: readFileSync(key) };
}

/** `PORT` as a port number (0 = any free port); 3000 when unset or not a port. */
export function portFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 3000;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : 3000;
}

function defaultStaticRoot(): string {
  // src/localHost.ts and dist/localHost.js both sit two levels below the checkout root.
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../addin/dist');
}

function sendProblem(res: ServerResponse, problem: Problem, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(problem);
  res.writeHead(problem.status, {
    ...headers,
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
  });
  res.end(body);
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

/** Write a handler's HttpResponseInit to the node response (string, bytes or jsonBody). */
function writeResponse(
  res: ServerResponse,
  init: HttpResponseInit,
  extra: Record<string, string>,
  head: boolean,
): void {
  const headers = { ...extra, ...headerRecord(init.headers) };
  let body: Buffer;
  if (init.jsonBody !== undefined) {
    body = Buffer.from(JSON.stringify(init.jsonBody));
    headers['content-type'] ??= 'application/json; charset=utf-8';
  } else if (typeof init.body === 'string') body = Buffer.from(init.body);
  else if (init.body instanceof Uint8Array) body = Buffer.from(init.body);
  else if (init.body === undefined || init.body === null) body = Buffer.alloc(0);
  else throw new Error('the local host writes only string, byte or JSON bodies');
  headers['content-length'] = String(body.length);
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
 * Read the body up to `limit` bytes. Over the limit: drain (so the client can read the 413) up to
 * DRAIN_FACTOR × limit, then resolve `undefined`; past that, destroy the socket.
 */
function readBody(req: IncomingMessage, limit: number): Promise<{ bytes: Buffer } | { tooLarge: number }> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        if (size > limit * DRAIN_FACTOR) {
          resolveBody({ tooLarge: size });
          req.destroy();
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(over ? { tooLarge: size } : { bytes: Buffer.concat(chunks) }));
    req.on('error', reject);
  });
}

/** Start the local host. Resolves once it listens. */
export async function startLocalHost(options: LocalHostOptions = {}): Promise<LocalHost> {
  const limit = options.maxBodyBytes ?? maxBodyBytes();
  const origins = options.corsOrigins ?? corsOrigins();
  const staticRoot = options.staticRoot ?? defaultStaticRoot();
  const logError = options.logError ?? ((...a: unknown[]) => console.error(...a));
  const graceMs = options.shutdownGraceMs ?? 10_000;
  const tls = options.tls === undefined ? devCertificate() : options.tls === false ? undefined : options.tls;
  const scheme = tls ? 'https' : 'http';
  const inFlight = new Set<Promise<void>>();
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
    const apiPath = url.pathname.slice('/api/'.length);
    const origin = req.headers.origin;
    if (!route) {
      discardBody(req, limit * DRAIN_FACTOR);
      sendProblem(
        res,
        httpProblem(404, 'not_found', `no endpoint /api/${apiPath}; see /api/openapi.json for the list`, {
          instance: url.pathname,
        }),
        cors,
      );
      return;
    }
    if (method === 'OPTIONS') {
      discardBody(req, limit * DRAIN_FACTOR);
      const methods = route.method === 'GET' ? ['GET', 'HEAD'] : [route.method];
      if (origin === undefined) {
        res.writeHead(204, { allow: [...methods, 'OPTIONS'].join(', '), 'content-length': '0' });
        res.end();
      } else if (isOriginAllowed(origin, origins)) {
        res.writeHead(204, { ...preflightHeaders(origin, origins, methods), 'content-length': '0' });
        res.end();
      } else {
        sendProblem(
          res,
          httpProblem(
            403,
            'origin_not_allowed',
            `origin ${origin} may not call this API; add it to ALVH_CORS_ORIGINS`,
            {
              instance: url.pathname,
            },
          ),
        );
      }
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit * DRAIN_FACTOR) {
      const p = bodyTooLarge(limit, declared).problem;
      sendProblem(res, { ...p, instance: url.pathname }, { ...cors, connection: 'close' });
      res.on('finish', () => req.destroy());
      return;
    }
    const body = await readBody(req, limit);
    if ('tooLarge' in body) {
      if (res.destroyed) return;
      sendProblem(res, { ...bodyTooLarge(limit, body.tooLarge).problem, instance: url.pathname }, cors);
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
    attachSignal(request, aborter.signal);
    const context = new InvocationContext({
      invocationId: randomUUID(),
      functionName: route.name,
      logHandler: (level, ...args) => {
        if (level === 'error' || level === 'critical') logError(`[${route.name}]`, ...args);
      },
    });
    const result = await route.handler(request, context);
    if (!res.destroyed) writeResponse(res, result, cors, method === 'HEAD');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      discardBody(req, limit * DRAIN_FACTOR);
      sendProblem(res, httpProblem(400, 'bad_request', 'the request target is not a valid URL path'));
      return;
    }
    const origin = req.headers.origin;
    const cors = corsHeaders(origin, origins);
    if (closing) res.setHeader('connection', 'close');
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      await handleApi(req, res, url, findRoute(url.pathname.slice('/api/'.length)), cors);
      return;
    }
    discardBody(req, limit * DRAIN_FACTOR);
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      sendProblem(
        res,
        httpProblem(405, 'method_not_allowed', `${method} is not supported for files; use GET`, {
          instance: url.pathname,
        }),
        {
          allow: 'GET, HEAD',
        },
      );
      return;
    }
    const file = await resolveStatic(staticRoot, url.pathname);
    if (file.kind === 'file') sendFile(res, file, method === 'HEAD');
    else if (file.kind === 'bad-path')
      sendProblem(res, httpProblem(400, 'bad_path', `the path ${url.pathname} is not allowed: ${file.reason}`));
    else
      sendProblem(
        res,
        httpProblem(
          404,
          'not_found',
          `${url.pathname} not found${existsSync(staticRoot) ? '' : ' (the add-in is not built: run npm run build)'}`,
          {
            instance: url.pathname,
          },
        ),
      );
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const p = handle(req, res)
      .catch((e: unknown) => {
        const id = randomUUID();
        logError(`local host error [${id}]`, e);
        if (!res.headersSent)
          sendProblem(
            res,
            httpProblem(500, 'internal_error', `the server failed unexpectedly; quote id ${id}`, { id }),
          );
        else res.destroy();
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const server: Server = tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key }, listener)
    : createHttpServer(listener);
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;

  const port = options.port ?? portFromEnv(process.env.PORT);
  const host = options.host ?? process.env.ALVH_HOST ?? '127.0.0.1';
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

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      closing = true;
      const stopped = new Promise<void>((ok) => server.close(() => ok()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await Promise.allSettled([...inFlight]);
      server.closeIdleConnections();
      await stopped;
      clearTimeout(timer);
      await closeCompute();
    })();
    return closed;
  };

  return { url: `${scheme}://${urlHost}:${actualPort}`, port: actualPort, server, close };
}

/** The start-up banner: URLs, settings and an example request. */
export function banner(host: LocalHost, secure: boolean): string[] {
  const k = secure ? ' -k' : '';
  const lines = [
    `ALVH local host listening on ${host.url}`,
    `  add-in taskpane   ${host.url}/taskpane.html`,
    `  API               ${host.url}/api/  (${routes.map((r) => `${r.method} /api/${r.route}`).join(', ')})`,
    `  OpenAPI           ${host.url}/api/openapi.json`,
    ...describeConfig().map((l) => `  ${l}`),
    secure
      ? '  HTTPS with the office-addin-dev-certs certificate'
      : '  plain HTTP (run `npx office-addin-dev-certs install` for HTTPS, which Excel needs to sideload)',
    '',
    'Try:',
    `  curl${k} ${host.url}/api/health`,
  ];
  const plan = findRoute('plan');
  if (plan?.request?.example !== undefined) {
    lines.push(
      `  curl${k} -X POST ${host.url}/api/plan -H 'content-type: application/json' -d '${JSON.stringify(plan.request.example)}'`,
    );
  }
  lines.push('', 'Ctrl+C stops the server (in-flight requests finish first).');
  return lines;
}

async function main(): Promise<void> {
  const host = await startLocalHost();
  console.log(banner(host, host.url.startsWith('https:')).join('\n'));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.log('forced exit');
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: finishing in-flight requests...`);
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
    const code = (e as { code?: unknown }).code;
    if (code === 'EADDRINUSE')
      console.error(`port ${portFromEnv(process.env.PORT)} is in use; stop the other server or set PORT`);
    else if (code === 'EACCES')
      console.error(`no permission to listen on port ${portFromEnv(process.env.PORT)}; set PORT above 1023`);
    else console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
