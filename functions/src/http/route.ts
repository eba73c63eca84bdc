/**
 * The handler contract shared by the Azure app and the local host. A {@link Route} is one row of
 * the route table: its `handler` is the library's `HttpHandler` shape — `(HttpRequest,
 * InvocationContext) → HttpResponseInit` — already wrapped so that a wrong method is a 405 and
 * every thrown error becomes a problem document. Hosts register `handler` and add nothing.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { ReadableStream } from 'node:stream/web';
import type { z } from 'zod';
import { invalidInput } from '@alvh/shared';
import { maxBodyBytes } from '../config';
import { readJsonBody } from './body';
import { API_HEADERS } from './security';
import { toJsonSafe } from './jsonSafe';
import { httpProblem, problemFromError, problemResponse, type Problem } from './problem';
import { unknownQueryError } from './query';

export type RouteMethod = 'GET' | 'POST';
export type AuthLevel = 'anonymous' | 'function';

/** What a handler body receives besides the request. */
export interface RouteCall {
  request: HttpRequest;
  context: InvocationContext;
  /** Aborted when the caller goes away (local host) — pass it to long computations. */
  signal: AbortSignal | undefined;
}

export interface RouteSpec {
  /** Azure function name (letters, digits, dashes). */
  name: string;
  method: RouteMethod;
  /** Path below `/api`, without a leading slash: `plan`, `openapi.json`. */
  route: string;
  authLevel: AuthLevel;
  summary: string;
  description: string;
  /** The JSON body schema (POST routes), with the name it takes in the OpenAPI components. */
  request?: {
    schemaName: string;
    schema: z.ZodType;
    example?: unknown;
    /** Further named examples beside `example` (OpenAPI `examples`; `example` becomes the "default" one). */
    moreExamples?: Record<string, { summary: string; value: unknown }>;
  };
  response: {
    description: string;
    schemaName?: string;
    schema?: z.ZodType;
    /** The result type whose generated JSON schema describes the 200 answer (src/resultTypes.ts). */
    resultType?:
      | 'PlanResult'
      | 'StressResult'
      | 'MonteCarloResult'
      | 'ReplayAnswer'
      | 'HealthResult'
      | 'SurfaceResult'
      | 'FrontierAnswer';
    example?: unknown;
    /** The route also answers `application/x-ndjson` (progress lines, then the result) to a request that asks (http/stream.ts). */
    streams?: boolean;
  };
  /** Query parameters the route reads (documented in the OpenAPI document). */
  query?: { name: string; description: string; schema: Record<string, unknown> }[];
  /** CPU-heavy: runs on the worker-thread pool, never on the request thread. */
  heavy: boolean;
}

export interface Route extends RouteSpec {
  handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;
}

const signals = new WeakMap<HttpRequest, AbortSignal>();

/** Tie an abort signal to a request (the local host does this when the client disconnects). */
export function attachSignal(request: HttpRequest, signal: AbortSignal): void {
  signals.set(request, signal);
}

const bodyLimits = new WeakMap<HttpRequest, number>();

/**
 * The body limit (bytes) a request is read under, when its host set its own (the local host's
 * `maxBodyBytes` option); else the environment's ({@link maxBodyBytes}).
 */
export function attachBodyLimit(request: HttpRequest, limit: number): void {
  bodyLimits.set(request, limit);
}

/** An answer already serialised as JSON text (on a worker); sent as it is. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** An answer streamed as newline-delimited JSON (progress lines, then the result: http/stream.ts). */
export class Streamed {
  constructor(readonly body: ReadableStream<Uint8Array>) {}
}

/** A compute result that may be `{ json }` text from a worker, or a value (an inline runner in tests). */
export function fromCompute(out: unknown): unknown {
  if (typeof out === 'object' && out !== null && 'json' in out && typeof out.json === 'string')
    return new JsonText(out.json);
  return out;
}

/** A JSON 200 response (of text already serialised, for a {@link JsonText}). */
export function jsonResponse(value: unknown, status = 200, headers: Record<string, string> = {}): HttpResponseInit {
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...API_HEADERS,
      ...headers,
    },
    body: value instanceof JsonText ? value.text : JSON.stringify(value),
  };
}

/**
 * A true/false query flag (`?partial=false`): absent is `fallback`; any other value than `true` or
 * `false` (any case) is a 400 naming the parameter, never read as one of them.
 */
export function queryFlag(request: HttpRequest, name: string, fallback: boolean): boolean {
  const all = request.query.getAll(name);
  if (all.length > 1)
    throw invalidInput(
      name,
      `is given ${all.length} times`,
      `pass ?${name}= once (true or false), or leave it out (default ${String(fallback)})`,
    );
  const raw = all[0] ?? null;
  if (raw === null) return fallback;
  const v = raw.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  throw invalidInput(
    name,
    `is ${JSON.stringify(shown)}, not true or false`,
    `pass ?${name}=true or ?${name}=false, or leave it out (default ${String(fallback)})`,
  );
}

/** Path of a URL, for the problem document's `instance`. */
export function pathOf(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

/** The methods a route answers: a GET route HEAD too. */
export function allowedMethods(spec: Pick<RouteSpec, 'method'>): string[] {
  return spec.method === 'GET' ? ['GET', 'HEAD'] : [spec.method];
}

/** The 405 of `method` on a route, naming the route and the methods it takes (both hosts send it). */
export function methodNotAllowed(
  method: string,
  spec: Pick<RouteSpec, 'method' | 'route'>,
  instance?: string,
): Problem {
  return httpProblem(
    405,
    'method_not_allowed',
    `${method} is not supported on /api/${spec.route}; use ${allowedMethods(spec).join(' or ')}`,
    instance !== undefined ? { instance } : {},
  );
}

/**
 * Wrap a handler body: 405 with `Allow` for another method, 400 for a query parameter the route
 * does not take (http/query.ts; before the body is read), problem documents for every error.
 */
export function defineRoute(
  spec: RouteSpec,
  run: (call: RouteCall) => HttpResponseInit | Promise<HttpResponseInit>,
): Route {
  const answer = async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const instance = pathOf(request.url);
    const method = request.method.toUpperCase();
    const allowed = allowedMethods(spec);
    if (!allowed.includes(method)) {
      return problemResponse(methodNotAllowed(method, spec, instance), { allow: allowed.join(', ') });
    }
    const unknownQuery = unknownQueryError(spec, request.query);
    if (unknownQuery) return problemResponse(problemFromError(unknownQuery, context, instance).problem);
    const signal = signals.get(request);
    try {
      return await run({ request, context, signal });
    } catch (e) {
      if (signal?.aborted) {
        // The caller went away and its work was cancelled: nobody reads this answer; log no error.
        context.log(`cancelled: ${method} ${instance ?? request.url}`);
        return problemResponse(
          httpProblem(499, 'client_closed_request', 'the client closed the connection; the work was cancelled', {
            ...(instance !== undefined ? { instance } : {}),
          }),
        );
      }
      const { problem, headers } = problemFromError(e, context, instance);
      return problemResponse(problem, headers);
    }
  };
  const handler = async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const res = await answer(request, context);
    return request.method.toUpperCase() === 'HEAD' ? withoutBody(res) : res;
  };
  return { ...spec, handler };
}

/**
 * The answer to a HEAD: the status and headers a GET gets (a 405 or 400 too), no body; its
 * content-length that of the body left out.
 */
export function withoutBody(res: HttpResponseInit): HttpResponseInit {
  const headers: Record<string, string> = { ...(res.headers as Record<string, string> | undefined) };
  const out: HttpResponseInit = { ...res, headers };
  delete out.body;
  delete out.jsonBody;
  const json = res.jsonBody as unknown;
  const body: unknown = json !== undefined ? JSON.stringify(json) : res.body;
  if (json !== undefined) headers['content-type'] ??= 'application/json';
  if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
  else if (body instanceof Uint8Array) headers['content-length'] = String(body.byteLength);
  else if (body instanceof ReadableStream) void body.cancel().catch(() => undefined);
  return out;
}

/**
 * A POST route that reads a JSON body within the size limit and passes it, unparsed, to `run`
 * (which validates it with the shared schema and computes). The result is sent as JSON, typed
 * arrays as arrays; a non-finite number in it is a 422 naming where, never a silent null.
 */
export function defineJsonRoute(
  spec: Omit<RouteSpec, 'method'>,
  /** The result, or a promise of it (a throw, or a rejection, becomes a problem document). */
  run: (body: unknown, call: RouteCall) => unknown,
): Route {
  return defineRoute({ ...spec, method: 'POST' }, async (call) => {
    const body = await readJsonBody(call.request, bodyLimits.get(call.request) ?? maxBodyBytes());
    const out = await run(body, call);
    if (out instanceof Streamed)
      return {
        status: 200,
        headers: {
          'content-type': 'application/x-ndjson; charset=utf-8',
          'cache-control': 'no-store',
          ...API_HEADERS,
        },
        body: out.body,
      };
    if (out instanceof JsonText)
      return {
        status: 200,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
          ...API_HEADERS,
        },
        body: out.text,
      };
    return jsonResponse(toJsonSafe(out));
  });
}
