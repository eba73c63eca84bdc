/**
 * The OpenAPI 3.1 document, generated from the route table and the shared zod schemas with zod 4's
 * `z.toJSONSchema` (JSON Schema 2020-12, the dialect OpenAPI 3.1 uses). Nothing here is written by
 * hand except prose: change a schema and the document follows.
 */
import { PolicySchema, ReplayAssumptionsSchema } from '@alvh/shared';
import { z } from 'zod';
import resultSchemas from './generated/resultSchemas.json' with { type: 'json' };
import type { Route } from './http/route';
import { PROBLEM_CONTENT_TYPE } from './http/problem';
import { NDJSON } from './http/stream';

/** The problem document as a schema, so the OpenAPI error responses are generated too. */
export const ProblemSchema = z
  .object({
    type: z.string().describe('`about:blank` for plain HTTP failures, `urn:alvh:problem:<code>` for ALVH errors'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('What went wrong and what to do, in one sentence'),
    instance: z.string().optional().describe('The request path'),
    code: z
      .string()
      .optional()
      .describe(
        'invalid_input, no_solution, insufficient_data, limit_exceeded, non_finite_result, malformed_json, incomplete_body, bad_request, payload_too_large, unsupported_media_type, method_not_allowed, not_found, request_timeout, headers_too_large, compute_queue_full, job_time_limit, shutting_down, internal_error',
      ),
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

const ERROR_RESPONSES: Record<string, string> = {
  '400': 'Invalid input (every zod issue as {path, message}) or malformed JSON (where it failed)',
  '405': 'Wrong method',
  '413': 'Body over the size limit (the limit is stated)',
  '415': 'Body not sent as application/json',
  '422': 'Work over a stated limit, no solution for these inputs, or not enough data',
  '503': 'Compute queue full (Retry-After), a run past its time limit, or the service shutting down',
  '500': 'Unexpected server failure (an id to quote; never caused by input)',
};

/** The whole OpenAPI 3.1 document for a route table. */
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
    if (r.query && r.query.length > 0) {
      op.parameters = r.query.map((q) => ({
        name: q.name,
        in: 'query',
        required: false,
        description: q.description,
        schema: q.schema,
      }));
    }
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
      for (const [status, description] of Object.entries(ERROR_RESPONSES)) {
        responses[status] = { description, content: problemContent };
      }
    } else {
      responses['405'] = { description: ERROR_RESPONSES['405'], content: problemContent };
      responses['500'] = { description: ERROR_RESPONSES['500'], content: problemContent };
    }
    op.responses = responses;
    paths[`/api/${r.route}`] = { [r.method.toLowerCase()]: op };
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
        'Errors are RFC 9457 problem documents (application/problem+json).',
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
