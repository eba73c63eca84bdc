/** Requests to a route's Azure handler, with the library's own HttpRequest and InvocationContext. */
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { findRoute } from '../../functions/src/routes';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export interface RouteCall {
  method?: string;
  /** Sent as JSON; a string is sent as it is (a malformed body, a body built by hand). */
  body?: unknown;
  /** Added to the content type a body carries. */
  headers?: Record<string, string>;
}

export interface RouteAnswer {
  status: number;
  headers: Record<string, string>;
  /** The body as sent. */
  text: string;
  json: Json;
}

/** The route's answer (`route` may carry a query: `montecarlo?partial=false`): its status, headers and body read as JSON. */
export async function callRoute(route: string, call: RouteCall = {}): Promise<RouteAnswer> {
  const r = findRoute(route.split('?')[0]!);
  if (!r) throw new Error(`no route ${route}`);
  const init: ConstructorParameters<typeof HttpRequest>[0] = {
    method: call.method ?? 'POST',
    url: `http://localhost:7071/api/${route}`,
  };
  if (call.body !== undefined) {
    init.headers = { 'content-type': 'application/json', ...call.headers };
    init.body = { string: typeof call.body === 'string' ? call.body : JSON.stringify(call.body) };
  } else if (call.headers) init.headers = call.headers;
  const res: HttpResponseInit = await r.handler(new HttpRequest(init), new InvocationContext({ functionName: r.name }));
  const text = String(res.body);
  return {
    status: res.status ?? 200,
    headers: (res.headers ?? {}) as Record<string, string>,
    text,
    json: JSON.parse(text) as Json,
  };
}

/** A JSON POST: the route's status and its body read as JSON. */
export async function postJson(route: string, body: unknown): Promise<{ status: number; json: Json }> {
  const { status, json } = await callRoute(route, { body });
  return { status, json };
}
