/** A JSON POST to a route's Azure handler, with the library's own HttpRequest and InvocationContext. */
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { findRoute } from '../../functions/src/routes';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** The route's answer (`route` may carry a query: `montecarlo?partial=false`): its status and its body read as JSON. */
export async function postJson(route: string, body: unknown): Promise<{ status: number; json: Json }> {
  const r = findRoute(route.split('?')[0]!)!;
  const req = new HttpRequest({
    method: 'POST',
    url: `http://localhost:7071/api/${route}`,
    headers: { 'content-type': 'application/json' },
    body: { string: JSON.stringify(body) },
  });
  const res: HttpResponseInit = await r.handler(req, new InvocationContext({ functionName: r.name }));
  return { status: res.status ?? 200, json: JSON.parse(String(res.body)) as Json };
}
