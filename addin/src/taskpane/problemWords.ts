/**
 * The page's words for a cloud run that failed: the API's problem document (its detail, at most
 * {@link MOST_SHOWN} characters of it, its fix, and for 429/503 the Retry-After) or an answer of
 * another host (no problem document: {@link statusWords}), a host that could not be reached, and a
 * stream line that is not the API's.
 */
import { CHECK_URL, statusWords } from './statusWords';

/** An error from a run, with the zod issues when the input was rejected. */
export class RunError extends Error {
  readonly issues: readonly { path: string; message: string }[];
  /** The HTTP status of the cloud's answer (undefined for a local run or no answer). */
  readonly status: number | undefined;
  /** Whether the answer was a problem document: the API's own refusal, not another host's page or an empty answer. */
  readonly problem: boolean;
  constructor(
    message: string,
    issues: readonly { path: string; message: string }[] = [],
    status?: number,
    problem = false,
    readonly field?: string, // the field the method's refusal names (a 422's `paths`)
  ) {
    super(message);
    this.name = 'RunError';
    this.issues = issues;
    this.status = status;
    this.problem = problem;
  }
}

/** The most characters of a text the host sent that the page shows (a proxy's stack trace runs to thousands). */
export const MOST_SHOWN = 300;

/** `text` whole when it is at most `most` characters; else its first characters, ending "…". */
export function capped(text: string, most = MOST_SHOWN): string {
  return text.length <= most ? text : `${text.slice(0, most - 1).trimEnd()}…`;
}

/** The seconds of a 429's or 503's Retry-After (undefined for another status, or a date, or none). */
function retrySeconds(status: number, retryAfter: string | null): number | undefined {
  if ((status !== 429 && status !== 503) || retryAfter === null || !/^\s*\d+\s*$/.test(retryAfter)) return undefined;
  return Number(retryAfter);
}

/** "; try again in N s" for a 429 or 503 with a Retry-After in seconds, unless `said` already names that wait. */
function retryWords(status: number, retryAfter: string | null, said: string): string {
  const secs = retrySeconds(status, retryAfter);
  if (secs === undefined) return '';
  return new RegExp(`\\b${secs} (s|seconds?)\\b`).test(said) ? '' : `; try again in ${secs} s`;
}

/**
 * A RunError from a problem document (or anything else the API sent instead), with its status: the
 * detail (or title), capped, then its fix when the detail does not already say it; for a 429/503
 * with `retryAfter`, how long to wait.
 */
export function problemError(
  body: unknown,
  status: number,
  statusText: string,
  retryAfter: string | null = null,
): RunError {
  const o = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const issues = Array.isArray(o.issues)
    ? (o.issues as unknown[]).filter((i): i is { path: string; message: string } => {
        const x = i as { path?: unknown; message?: unknown } | null;
        return !!x && typeof x.path === 'string' && typeof x.message === 'string';
      })
    : [];
  const words = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  // an empty detail is no message: the title, else the status line, stands in
  const said = words(o.detail) ?? words(o.title);
  const shown = said === undefined ? undefined : capped(said);
  // the fix, unless the detail shown already says it (a rule's refusal: "<field>: <problem>; <fix>")
  const fix = typeof o.fix === 'string' && o.fix !== '' && !(shown ?? '').includes(o.fix) ? `; ${capped(o.fix)}` : '';
  const hint = status === 401 || status === 403 ? ' (check the function key in Settings)' : '';
  const text = shown === undefined ? statusText : `${shown}${fix}`;
  const at = `the cloud API answered ${status}: ${text}${hint}${retryWords(status, retryAfter, text)}`;
  return new RunError(at, issues, status, !!said, typeof o.field === 'string' ? o.field : undefined);
}

/**
 * The problem document's message and issues, or the status line ({@link statusWords}: HTTP/2 sends
 * no reason). A 404 without one is no API's refusal (the API answers an unknown route with a problem
 * document; Azure answers a path outside its routes with an empty 404, as do most hosts): the URL
 * is not the API's.
 */
export async function problemOf(res: Response, at: string): Promise<RunError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const retryAfter = res.headers.get('retry-after');
  const secs = retrySeconds(res.status, retryAfter);
  const words = statusWords(res.status, res.statusText, at, secs === undefined ? undefined : `in ${secs} s`);
  const e = problemError(body, res.status, words, retryAfter);
  if (res.status !== 404 || e.problem) return e;
  return new RunError(`no API at ${at}: check the URL in Settings (its routes are under /api)`, [], 404);
}

/**
 * Why `endpoint` could not be reached (`said`: the browser's words, "Failed to fetch", the same for
 * a wrong name, a closed port, a stopped host and a refused origin), from a page at `origin`: on the
 * page's own origin, the local host that served it has stopped; on another, the URL may be wrong or
 * the host down, or it may refuse this page's origin (browsers hide which).
 */
export function unreachableWords(endpoint: string, said: string, origin: string | undefined): string {
  let target: string | undefined;
  try {
    target = new URL(endpoint).origin;
  } catch {
    target = undefined;
  }
  const head = `could not reach ${endpoint} (${said})`;
  if (origin !== undefined && target === origin)
    return `${head}: the local host that served this page has stopped; start it again (npm start), or clear the URL in Settings to run here`;
  if (origin === undefined || origin === 'null') return `${head}; ${CHECK_URL}`;
  return (
    `${head}: the URL may be wrong or its host down (${CHECK_URL}), or the host may be refusing this page's origin, ${origin}: ` +
    `allow it in ALVH_CORS_ORIGINS on the local host, or with az functionapp cors add on Azure`
  );
}

/** One line of a streamed answer (the API's `Accept: application/x-ndjson` form). */
export type StreamLine =
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; result: unknown }
  | { type: 'problem'; problem: Record<string, unknown> };

/** The line types of the API's stream; a line of another type (of a later API) is skipped. */
const KNOWN = new Set(['progress', 'result', 'problem']);

/**
 * Whether `m`, a parsed line, is one the API's stream sends: progress with its counts, a result, a
 * problem document, or an object of another type (`skip`).
 */
function lineShape(m: unknown): 'ok' | 'skip' | 'bad' {
  if (m === null || typeof m !== 'object' || Array.isArray(m)) return 'bad';
  const o = m as Record<string, unknown>;
  if (typeof o.type !== 'string') return 'bad';
  if (!KNOWN.has(o.type)) return 'skip';
  if (o.type === 'progress') return Number.isFinite(o.done) && Number.isFinite(o.total) ? 'ok' : 'bad';
  if (o.type === 'result') return 'result' in o ? 'ok' : 'bad';
  return o.problem !== null && typeof o.problem === 'object' ? 'ok' : 'bad';
}

/**
 * One line of the stream, parsed and its shape checked (undefined for a line of a type this page
 * does not read); a line that is not JSON, or not of the shape its type has, is not the API's stream.
 */
export function streamLine(line: string, at: string): StreamLine | undefined {
  let m: unknown;
  try {
    m = JSON.parse(line);
  } catch (e) {
    throw new RunError(`the answer from ${at} is not the API's stream (${(e as Error).message}): ${CHECK_URL}`);
  }
  const shape = lineShape(m);
  if (shape === 'ok') return m as StreamLine;
  if (shape === 'skip') return undefined;
  throw new RunError(`the answer from ${at} is not the API's stream (a line ${capped(line, 80)}): ${CHECK_URL}`);
}
