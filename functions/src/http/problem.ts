/**
 * RFC 9457 problem details: the one place where errors become HTTP answers. Every error a handler
 * throws passes through {@link problemFromError}; user mistakes become 4xx documents that say what
 * to fix, and anything else becomes a 500 document carrying an id to quote (the error itself is
 * logged, never sent).
 */
import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import { HTTP_REASON_PHRASES, isAlvhError, type AlvhErrorCode } from '@alvh/shared';
import { JobTimeoutError, PoolBusyError, PoolClosedError } from '../compute/pool';
import { NonFiniteResultError } from './jsonSafe';
import { API_HEADERS } from './security';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One offending field: dotted path (`futures[2].price`, `(root)` for the whole body) and what to pass. */
export interface ProblemIssue {
  path: string;
  message: string;
}

/** The problem document. `type` is `about:blank` for plain HTTP failures, `urn:alvh:problem:<code>` otherwise. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request path the problem is about. */
  instance?: string;
  /** ALVH error code (`invalid_input`, `limit_exceeded`, ...) or an HTTP-level code (`payload_too_large`): {@link PROBLEM_CODES}. */
  code?: ProblemCode;
  /** The offending field, for ALVH errors. */
  field?: string;
  /** What to do instead. */
  fix?: string;
  /** Every validation issue, for 400 invalid input. */
  issues?: ProblemIssue[];
  /** Id to quote for a 500; the same id is in the server log. */
  id?: string;
  /** Stated limit for 413 (bytes). */
  limit?: number;
}

/**
 * An error that already knows its HTTP answer (bad JSON, wrong content type, body too large...).
 * `logLine`, when set, is logged at information level as it is answered (never as an error: the
 * answer is about the client, not a defect).
 */
export class HttpProblem extends Error {
  readonly problem: Problem;
  readonly headers: Record<string, string>;
  readonly logLine: string | undefined;
  constructor(problem: Problem, headers: Record<string, string> = {}, logLine?: string) {
    super(problem.detail);
    this.name = 'HttpProblem';
    this.problem = problem;
    this.headers = headers;
    this.logLine = logLine;
  }
}

/**
 * Every plain HTTP problem ({@link httpProblem}) the hosts send, by code: its status and, for one
 * only one host sends, which (`local`: the local host; Azure answers such requests itself or never
 * sees them. `azure`: the local host reads the body itself and has nobody to answer). The OpenAPI
 * document lists these codes and statuses from here.
 */
export const HTTP_PROBLEMS = {
  malformed_json: { status: 400 },
  incomplete_body: { status: 400, host: 'azure' },
  bad_request: { status: 400, host: 'local' },
  bad_path: { status: 400, host: 'local' },
  origin_not_allowed: { status: 403, host: 'local' },
  not_found: { status: 404, host: 'local' },
  method_not_allowed: { status: 405 },
  request_timeout: { status: 408, host: 'local' },
  length_required: { status: 411, host: 'local' },
  payload_too_large: { status: 413 },
  unsupported_media_type: { status: 415 },
  expectation_failed: { status: 417, host: 'local' },
  too_many_pipelined: { status: 429, host: 'local' },
  headers_too_large: { status: 431, host: 'local' },
  client_closed_request: { status: 499, host: 'local' },
  internal_error: { status: 500 },
  not_implemented: { status: 501, host: 'local' },
  compute_queue_full: { status: 503 },
  job_time_limit: { status: 503 },
  shutting_down: { status: 503 },
} as const satisfies Record<string, { status: number; host?: 'local' | 'azure' }>;

export type HttpProblemCode = keyof typeof HTTP_PROBLEMS;

/** Every code a problem document carries: the ALVH error codes, a non-finite result, the plain HTTP ones. */
export type ProblemCode = AlvhErrorCode | 'non_finite_result' | HttpProblemCode;

/**
 * A plain HTTP problem (`type: about:blank`, title = the status phrase, as RFC 9457 §4.2.1 asks).
 * The code is one of {@link HTTP_PROBLEMS}, and the status the one it lists for it.
 */
export function httpProblem<C extends HttpProblemCode>(
  status: (typeof HTTP_PROBLEMS)[C]['status'],
  code: C,
  detail: string,
  extra: Partial<Problem> = {},
): Problem {
  return { type: 'about:blank', title: HTTP_REASON_PHRASES[status] ?? 'Error', status, detail, code, ...extra };
}

/** The status of each ALVH error code. */
export const CODE_STATUS: Record<AlvhErrorCode, number> = {
  invalid_input: 400,
  no_solution: 422,
  insufficient_data: 422,
  limit_exceeded: 422,
};

/** The status of a problem document that is not an ALVH error nor a plain HTTP one. */
export const NON_FINITE_RESULT_STATUS = 422;

/** Every {@link ProblemCode} with its status and the host that alone sends it, if one does. */
export const PROBLEM_CODES: readonly { code: ProblemCode; status: number; host?: 'local' | 'azure' }[] = [
  ...(Object.entries(CODE_STATUS) as [AlvhErrorCode, number][]).map(([code, status]) => ({ code, status })),
  { code: 'non_finite_result', status: NON_FINITE_RESULT_STATUS },
  ...(Object.entries(HTTP_PROBLEMS) as [HttpProblemCode, { status: number; host?: 'local' | 'azure' }][]).map(
    ([code, p]) => ({ code, ...p }),
  ),
];

const CODE_TITLES: Record<AlvhErrorCode, string> = {
  invalid_input: 'Invalid input',
  no_solution: 'No solution for these inputs',
  insufficient_data: 'Not enough data',
  limit_exceeded: 'Work over a stated limit',
};

interface AlvhErrorLike {
  code: AlvhErrorCode;
  field: string;
  problem: string;
  fix: string;
  message: string;
  issues?: readonly ProblemIssue[];
}

/**
 * An {@link AlvhError}, or an error that crossed a worker-thread boundary and kept its fields but
 * lost its prototype (structured clone copies own properties only).
 */
function asAlvhError(e: unknown): AlvhErrorLike | undefined {
  // a code without a status (a cancellation, which no answer should carry) is an unhandled error
  if (isAlvhError(e)) return e.code in CODE_STATUS ? e : undefined;
  if (typeof e !== 'object' || e === null) return undefined;
  const o = e as Record<string, unknown>;
  if (
    typeof o.code === 'string' &&
    o.code in CODE_STATUS &&
    typeof o.field === 'string' &&
    typeof o.problem === 'string' &&
    typeof o.fix === 'string'
  ) {
    const message = typeof o.message === 'string' ? o.message : `${o.field}: ${o.problem}; ${o.fix}`;
    const issues = Array.isArray(o.issues) ? (o.issues as ProblemIssue[]) : undefined;
    return {
      code: o.code as AlvhErrorCode,
      field: o.field,
      problem: o.problem,
      fix: o.fix,
      message,
      ...(issues ? { issues } : {}),
    };
  }
  return undefined;
}

/** Most issues one problem document lists; the rest are counted in a last `(root)` issue. */
export const MAX_LISTED_ISSUES = 100;

/**
 * Most characters of one text of a problem document (its detail, field, fix, an issue's path or
 * message): a field or a key of megabytes sent in a request is not echoed back whole.
 */
export const MAX_PROBLEM_TEXT = 1_000;

/** `text` cut to {@link MAX_PROBLEM_TEXT} characters, saying how much was left out. */
export function problemText(text: string): string {
  if (text.length <= MAX_PROBLEM_TEXT) return text;
  const cut = `… (${text.length - MAX_PROBLEM_TEXT + 40} more characters)`;
  return text.slice(0, MAX_PROBLEM_TEXT - 40) + cut;
}

function listedIssues(e: AlvhErrorLike): ProblemIssue[] {
  if (!e.issues || e.issues.length === 0)
    return [{ path: problemText(e.field), message: problemText(`${e.problem}; ${e.fix}`) }];
  // One issue past the limit is listed rather than counted (it may itself say the check stopped).
  const shown = e.issues.length === MAX_LISTED_ISSUES + 1 ? e.issues : e.issues.slice(0, MAX_LISTED_ISSUES);
  const listed = shown.map((i) => ({ path: problemText(String(i.path)), message: problemText(String(i.message)) }));
  const more = e.issues.length - listed.length;
  if (more > 0)
    listed.push({ path: '(root)', message: `and ${more} more issues, not listed: correct these and send it again` });
  return listed;
}

function alvhProblem(e: AlvhErrorLike): Problem {
  const status = CODE_STATUS[e.code];
  const issues = listedIssues(e);
  const p: Problem = {
    type: `urn:alvh:problem:${e.code.replace(/_/g, '-')}`,
    title: CODE_TITLES[e.code],
    status,
    detail: problemText(e.message),
    code: e.code,
    field: problemText(e.field),
    fix: problemText(e.fix),
  };
  if (status === 400) p.issues = issues;
  return p;
}

/** A short random id for a 500 when the invocation has none. */
function newId(): string {
  return Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
}

/**
 * The problem document for anything a handler threw. Unknown errors are logged through
 * `context.error` with an id and answered as a 500 that shows only the id.
 */
export function problemFromError(
  e: unknown,
  context: InvocationContext,
  instance?: string,
): {
  problem: Problem;
  headers: Record<string, string>;
} {
  let problem: Problem;
  let headers: Record<string, string> = {};
  if (e instanceof HttpProblem) {
    problem = { ...e.problem };
    headers = e.headers;
    if (e.logLine !== undefined) context.log(e.logLine);
  } else if (e instanceof PoolBusyError) {
    problem =
      e.waitedMs === undefined
        ? httpProblem(
            503,
            'compute_queue_full',
            `the compute pool is full (${e.runs} heavy runs in progress, one per thread and ${e.maxQueued} waiting)`,
            { fix: `retry after ${e.retryAfterSeconds} seconds, or send fewer heavy requests at once` },
          )
        : httpProblem(
            503,
            'compute_queue_full',
            `the compute pool is busy: this run waited ${e.waitedMs} ms for a thread behind earlier heavy runs (${e.runs} in progress) and was not started`,
            { fix: `the pool is busy with other runs: try again after ${e.retryAfterSeconds} seconds` },
          );
    headers = { 'retry-after': String(e.retryAfterSeconds) };
  } else if (e instanceof PoolClosedError) {
    problem = httpProblem(503, 'shutting_down', 'the service is shutting down and stopped this computation', {
      fix: 'send the request again in a moment',
    });
    headers = { 'retry-after': '5' };
  } else if (e instanceof JobTimeoutError) {
    problem = httpProblem(
      503,
      'job_time_limit',
      `the computation passed the time limit of ${e.limitMs} ms per job (ALVH_JOB_TIMEOUT_MS), counted from the start of its work, and was stopped`,
      {
        limit: e.limitMs,
        fix: 'send a smaller request (fewer paths, cells or rows) or split it over several requests; when the service is busy, retry once the other runs are done',
      },
    );
    headers = { 'retry-after': String(e.retryAfterSeconds) };
  } else if (e instanceof NonFiniteResultError) {
    // Inputs the schemas accept can still overflow (a quantity of 1e300): refuse the number, say
    // where, and keep a warning in the log in case it is a defect rather than the input.
    context.warn(`non-finite result at ${e.path}`);
    problem = {
      type: 'urn:alvh:problem:non-finite-result',
      title: 'The result is not a finite number',
      status: NON_FINITE_RESULT_STATUS,
      detail: `the computation gave ${e.value} at ${e.path}; check the inputs for implausible magnitudes (quantities, strikes, prices)`,
      code: 'non_finite_result',
      field: e.path,
      fix: 'use realistic quantities, strikes and prices',
    };
  } else {
    const alvh = asAlvhError(e);
    if (alvh) problem = alvhProblem(alvh);
    else {
      const id = context.invocationId && context.invocationId !== 'unknown' ? context.invocationId : newId();
      context.error(`unhandled error [${id}]`, e);
      problem = httpProblem(500, 'internal_error', `the server failed unexpectedly; quote id ${id} when reporting it`, {
        id,
      });
    }
  }
  if (instance !== undefined) problem.instance = instance;
  return { problem, headers };
}

/** The response for a problem document. */
export function problemResponse(problem: Problem, headers: Record<string, string> = {}): HttpResponseInit {
  return {
    status: problem.status,
    headers: {
      'content-type': PROBLEM_CONTENT_TYPE,
      'cache-control': 'no-store',
      ...API_HEADERS,
      ...headers,
    },
    body: JSON.stringify(problem),
  };
}
