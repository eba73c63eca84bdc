/**
 * The OpenAPI 3.1 document, generated from the route table and the shared zod schemas with zod 4's
 * `z.toJSONSchema` (JSON Schema 2020-12, the dialect OpenAPI 3.1 uses). Nothing here is written by
 * hand except prose: change a schema and the document follows.
 */
import { PolicySchema, ReplayAssumptionsSchema } from '@alvh/shared';
import { z } from 'zod';
import resultSchemas from './generated/resultSchemas.json' with { type: 'json' };
import type { Route } from './http/route';
import { PROBLEM_CODES, PROBLEM_CONTENT_TYPE, type ProblemCode } from './http/problem';
import { NDJSON } from './http/stream';

/**
 * When each problem code is sent, in a few words (the OpenAPI responses and the Problem schema's
 * `code` are written from it and {@link PROBLEM_CODES}, so a code the hosts send cannot be left out).
 */
const CODE_WORDS: Record<ProblemCode, string> = {
  invalid_input:
    'the body does not fit the schema (`issues` lists every problem as {path, message}), or a query parameter is unknown (names are exact) or has a wrong value',
  malformed_json: 'the body is not JSON, or not UTF-8: `detail` says where it broke',
  incomplete_body: 'the body broke off before all of it arrived (the client closed or reset the connection)',
  bad_request: 'malformed HTTP: a bad request line, an unknown method, an HTTP/1.1 request without Host',
  bad_path:
    'a path that is not allowed: one starting with `//`, or one to an add-in file (not the API) with bad percent-encoding, NUL, backslash or a `..` the URL parser leaves (plain `..` segments are resolved first: a 404)',
  origin_not_allowed: 'a CORS preflight from an origin not in ALVH_CORS_ORIGINS',
  not_found: 'no such endpoint',
  method_not_allowed: 'wrong method: `Allow` names the right one',
  request_timeout: 'the headers (10 s) or the whole request (30 s) did not arrive in time',
  payload_too_large: 'the body is over the size limit: `limit` states it in bytes',
  unsupported_media_type: 'the body is not sent as application/json in UTF-8, or is sent with a Content-Encoding',
  expectation_failed: 'an Expect header other than 100-continue',
  length_required: 'an HTTP/1.0 request with a body but no Content-Length, which HTTP/1.0 reads as no body',
  limit_exceeded: 'work over a stated limit: `field`, `detail` and `fix` name it',
  no_solution: 'valid inputs for which the maths has no answer',
  insufficient_data: 'a series too short for the calculation',
  non_finite_result: 'inputs the schema accepts whose result overflows a double: `field` says where',
  too_many_pipelined: 'more than 8 requests sent on one connection ahead of their answers; the connection is closed',
  headers_too_large: 'the request line (its URL with the query) and headers together over 16 KiB',
  client_closed_request: 'the client closed the connection and its run was cancelled: nobody receives this answer',
  internal_error: 'a defect, never caused by input: `id` to quote, the same id is in the server log',
  not_implemented: 'the body is sent with a transfer coding other than chunked',
  compute_queue_full:
    'the compute pool holds as many heavy runs as it takes, or this run waited its longest for a thread without starting: retry after `Retry-After` seconds',
  job_time_limit:
    'a heavy run passed its time limit (`limit`, ms, from the start of its work) and was stopped; sent again as it is, the run would likely ' +
    'pass it again, so `fix` says to send less (or to retry once other runs are done, if the service was busy); `Retry-After` set',
  shutting_down: 'the host stopped the run while shutting down; `Retry-After` set',
};

/** Which host alone sends a code, as the document says it. */
const HOST_WORDS = { local: 'local host only', azure: 'Azure only' } as const;

/** `code` (status, host): what it means; one line of the Problem schema's `code` description. */
function codeLine(c: (typeof PROBLEM_CODES)[number]): string {
  return `\`${c.code}\` (${c.status}${c.host ? `, ${HOST_WORDS[c.host]}` : ''}): ${CODE_WORDS[c.code]}`;
}

/** The problem document as a schema, so the OpenAPI error responses are generated too. */
export const ProblemSchema = z
  .object({
    type: z.string().describe('`about:blank` for plain HTTP failures, `urn:alvh:problem:<code>` for ALVH errors'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('What went wrong and what to do, in one sentence'),
    instance: z.string().optional().describe('The request path'),
    code: z
      .enum(PROBLEM_CODES.map((c) => c.code) as [ProblemCode, ...ProblemCode[]])
      .optional()
      .describe(`What went wrong, one of:\n${PROBLEM_CODES.map((c) => `- ${codeLine(c)}`).join('\n')}`),
    field: z.string().optional().describe('The offending input field'),
    fix: z.string().optional().describe('What to send instead'),
    issues: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('Every validation issue (400)'),
    limit: z.number().optional().describe('The byte limit (413) or the time limit in ms (503 job_time_limit)'),
    id: z.string().optional().describe('Error id to quote (500); the same id is in the server log'),
  })
  .describe('RFC 9457 problem details');

type JsonObject = Record<string, unknown>;

/** JSON Schema 2020-12 for a zod schema, with local `$defs` hoisted into `defs`. */
export function jsonSchemaOf(schema: z.ZodType, defs: JsonObject): JsonObject {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonObject;
  delete out.$schema;
  const local = out.$defs as JsonObject | undefined;
  delete out.$defs;
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v !== null && typeof v === 'object') {
      const o: JsonObject = {};
      for (const [k, x] of Object.entries(v as JsonObject)) {
        o[k] = k === '$ref' && typeof x === 'string' ? x.replace(/^#\/\$defs\//, '#/components/schemas/') : rewrite(x);
      }
      return o;
    }
    return v;
  };
  if (local) for (const [k, v] of Object.entries(local)) defs[k] = rewrite(v);
  return rewrite(out) as JsonObject;
}

/**
 * The JSON schemas of the 200 answers, generated at build time from the TypeScript result types
 * (src/resultTypes.ts, functions/scripts/resultSchemas.mjs), added to `defs` with their references
 * pointed at the components. The replay's `assumptions` and the plan's resolved `policy` are
 * described from their zod schemas.
 */
export function addResultSchemas(defs: JsonObject): void {
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v !== null && typeof v === 'object') {
      const o: JsonObject = {};
      for (const [k, x] of Object.entries(v as JsonObject)) {
        o[k] =
          k === '$ref' && typeof x === 'string' ? x.replace(/^#\/definitions\//, '#/components/schemas/') : rewrite(x);
      }
      return o;
    }
    return v;
  };
  for (const [k, v] of Object.entries(resultSchemas.definitions as JsonObject)) defs[k] = rewrite(v);
  const replay = defs.ReplayAnswer as { properties?: JsonObject } | undefined;
  if (replay?.properties) replay.properties.assumptions = jsonSchemaOf(ReplayAssumptionsSchema, defs);
  const plan = defs.PlanResult as { properties?: JsonObject } | undefined;
  if (plan?.properties) plan.properties.policy = jsonSchemaOf(PolicySchema, defs);
}

const problemRef = { $ref: '#/components/schemas/Problem' };
const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: problemRef } };

/**
 * The codes an operation may answer with a problem document, by its method: a GET reads no body
 * and runs nothing heavy. Left out of both: `bad_path` (add-in files), `not_found` (a path not in
 * the document: said in its description), `origin_not_allowed` (the OPTIONS preflight, its own
 * operation) and `client_closed_request` (nobody receives it).
 */
const GET_CODES: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'invalid_input',
  'bad_request',
  'method_not_allowed',
  'request_timeout',
  'expectation_failed',
  'too_many_pipelined',
  'headers_too_large',
  'internal_error',
]);
const NOT_AN_OPERATION_ANSWER: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'bad_path',
  'not_found',
  'origin_not_allowed',
  'client_closed_request',
]);

/** The problem responses of an operation, one per status, each listing its codes and when they are sent. */
function problemResponses(method: string): JsonObject {
  const byStatus = new Map<number, (typeof PROBLEM_CODES)[number][]>();
  for (const c of PROBLEM_CODES) {
    if (NOT_AN_OPERATION_ANSWER.has(c.code) || (method === 'GET' && !GET_CODES.has(c.code))) continue;
    byStatus.set(c.status, [...(byStatus.get(c.status) ?? []), c]);
  }
  const out: JsonObject = {};
  for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    out[String(status)] = { description: codes.map(codeLine).join('; '), content: problemContent };
  }
  return out;
}

/** Azure's answer to a missing or wrong function key: the platform's, before the function runs. */
const UNAUTHORIZED = {
  description:
    'Azure: the function key is missing or wrong (send it as x-functions-key or ?code=). The platform answers this itself, ' +
    'with no problem document; the local host checks no key',
};

/** The CORS preflight of an API path (the local host; in Azure the Function App's CORS setting answers it). */
function preflight(r: Route): JsonObject {
  const forbidden = PROBLEM_CODES.find((c) => c.code === 'origin_not_allowed')!;
  return {
    operationId: `${r.name}Preflight`,
    summary: `CORS preflight of ${r.method} /api/${r.route}`,
    description:
      'Local host: answers 204 with Access-Control-Allow-Methods, -Headers and -Max-Age for an origin in ALVH_CORS_ORIGINS ' +
      '(and 204 with Allow for a request without Origin). In Azure the Function App’s CORS setting answers preflights.',
    tags: ['service'],
    security: [],
    responses: {
      '204': { description: 'The origin may call this path; the Access-Control-* headers say how' },
      [String(forbidden.status)]: { description: codeLine(forbidden), content: problemContent },
    },
  };
}

/** The HEAD of a GET route: the GET's status and headers, no body. */
function headOperation(r: Route, getResponses: JsonObject): JsonObject {
  const responses: JsonObject = {};
  for (const [status, res] of Object.entries(getResponses))
    responses[status] = { description: `${(res as { description: string }).description} (headers only)` };
  return {
    operationId: `${r.name}Head`,
    summary: `HEAD of GET /api/${r.route}`,
    description: 'The status and headers GET answers, without the body.',
    tags: ['service'],
    security: r.authLevel === 'function' ? [{ functionKey: [] }, { functionKeyQuery: [] }] : [],
    ...(r.query && r.query.length > 0 ? { parameters: queryParameters(r) } : {}),
    responses,
  };
}

/** The query parameters a route declares, as OpenAPI parameters. */
function queryParameters(r: Route): JsonObject[] {
  return (r.query ?? []).map((q) => ({
    name: q.name,
    in: 'query',
    required: false,
    description: q.description,
    schema: q.schema,
  }));
}

/** The streamed form of a route's answer: one JSON object a line (http/stream.ts). */
function streamedContent(content: JsonObject): JsonObject {
  const result = ((content['application/json'] as JsonObject | undefined)?.schema as JsonObject | undefined) ?? {};
  const line = (type: string, props: JsonObject): JsonObject => ({
    type: 'object',
    required: ['type', ...Object.keys(props)],
    properties: { type: { const: type }, ...props },
  });
  return {
    schema: {
      description:
        'Each line of the answer, newline-delimited: `progress` lines (paths done of the total; the first at 0 when ' +
        'the run is admitted, then each further percent, the last at the total before the merge), then one `result` ' +
        'line (the JSON answer) or, if the run fails after it began, one `problem` line. Sent when the request has ' +
        '`Accept: application/x-ndjson` (at least as wanted as application/json); refusals before the run starts ' +
        '(400, 422, 503 queue full) keep their status and problem document.',
      oneOf: [
        line('progress', { done: { type: 'integer', minimum: 0 }, total: { type: 'integer', minimum: 1 } }),
        line('result', { result: result }),
        line('problem', { problem: { $ref: '#/components/schemas/Problem' } }),
      ],
    },
  };
}

export function buildOpenApi(routes: readonly Route[], version: string, serverUrl = '/'): JsonObject {
  const schemas: JsonObject = { Problem: jsonSchemaOf(ProblemSchema, {}) };
  const paths: Record<string, JsonObject> = {};
  for (const r of routes) {
    const op: JsonObject = {
      operationId: r.name,
      summary: r.summary,
      description: r.description,
      tags: [r.heavy ? 'scenarios' : r.authLevel === 'anonymous' ? 'service' : 'plan'],
    };
    if (r.query && r.query.length > 0) op.parameters = queryParameters(r);
    if (r.authLevel === 'function') op.security = [{ functionKey: [] }, { functionKeyQuery: [] }];
    else op.security = [];
    const responses: JsonObject = {};
    const ok: JsonObject = { description: r.response.description };
    if (r.response.resultType) {
      if (!('PlanResult' in schemas)) addResultSchemas(schemas);
      ok.content = { 'application/json': { schema: { $ref: `#/components/schemas/${r.response.resultType}` } } };
    } else if (r.response.schema && r.response.schemaName) {
      schemas[r.response.schemaName] = jsonSchemaOf(r.response.schema, schemas);
      ok.content = { 'application/json': { schema: { $ref: `#/components/schemas/${r.response.schemaName}` } } };
    } else {
      ok.content = { 'application/json': { schema: { type: 'object' } } };
    }
    if (r.response.example !== undefined)
      (ok.content as JsonObject)['application/json'] = {
        ...((ok.content as JsonObject)['application/json'] as JsonObject),
        example: r.response.example,
      };
    if (r.response.streams) (ok.content as JsonObject)[NDJSON] = streamedContent(ok.content as JsonObject);
    responses['200'] = ok;
    if (r.request) {
      schemas[r.request.schemaName] = jsonSchemaOf(r.request.schema, schemas);
      const media: JsonObject = { schema: { $ref: `#/components/schemas/${r.request.schemaName}` } };
      if (r.request.moreExamples !== undefined) {
        media.examples = {
          ...(r.request.example === undefined ? {} : { default: { summary: 'default', value: r.request.example } }),
          ...r.request.moreExamples,
        };
      } else if (r.request.example !== undefined) media.example = r.request.example;
      op.requestBody = { required: true, content: { 'application/json': media } };
    }
    if (r.authLevel === 'function') responses['401'] = UNAUTHORIZED;
    Object.assign(responses, problemResponses(r.method));
    op.responses = responses;
    paths[`/api/${r.route}`] = {
      [r.method.toLowerCase()]: op,
      ...(r.method === 'GET' ? { head: headOperation(r, responses) } : {}),
      options: preflight(r),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'ALVH API',
      version,
      summary:
        'Size the calendar overlay and tail VIX hedge of an SPX iron condor from the VIX futures term structure.',
      description:
        'Prices in index points, money in USD, volatility as a decimal, time in years ACT/365, dates as ISO YYYY-MM-DD. ' +
        'Errors are RFC 9457 problem documents (application/problem+json), except Azure’s own 401 for a missing or wrong function key. ' +
        'A path not listed here is a 404: a problem document (`not_found`) from the local host, Azure’s own plain 404 on Azure. ' +
        'A query parameter an operation does not list is a 400 (`invalid_input`) naming it, never ignored; names are exact (`partial`, not `Partial`). ' +
        'Every operation also takes `code` (the Azure function key; the local host ignores it). ' +
        'Statuses marked "local host only" come from the local host’s HTTP handling (npm start); on Azure the platform answers those cases itself.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        functionKey: {
          type: 'apiKey',
          in: 'header',
          name: 'x-functions-key',
          description: 'Azure Functions function key',
        },
        functionKeyQuery: { type: 'apiKey', in: 'query', name: 'code', description: 'Azure Functions function key' },
      },
    },
  };
}
