/**
 * The heavy runs (stress grid, Monte Carlo) and where they execute: on the cloud endpoint (POST
 * `<endpoint>/stress`, `<endpoint>/montecarlo`, with the `x-functions-key` header), or with none set
 * here in a Web Worker (`mcWorker.js`), the page kept responsive. Each run reports progress and can
 * be cancelled (the worker terminated, the HTTP request aborted).
 */
import {
  POOLED_MONTE_CARLO_LIMITS,
  checkedMonteCarloRequest,
  grouped,
  isAlvhError,
  mostMonteCarloPaths,
  scenarioLegCount,
} from '@alvh/shared';
import type { MonteCarloSummary, StressGridResult } from '@alvh/shared';
import { Cancelled } from '../common/errors';
import { mergeCloudMonteCarlo, stressGridOf } from '../common/presentRuns';
import type { Settings } from './settings';
import { RunError, problemError, problemOf, streamLine, unreachableWords } from './problemWords';
import { CHECK_URL } from './statusWords';

export type JobKind = 'montecarlo' | 'stress';

/** Messages between the page and `mcWorker.ts`. */
export interface WorkerRequest {
  /** A scenario run, a chain's surface fit (the Surface tab), or the budget frontier. */
  job: JobKind | 'surface' | 'frontier';
  input: unknown;
  /** Paths per chunk between progress reports and cancellation points (Monte Carlo). */
  chunkPaths?: number;
}
export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; result: unknown }
  | { type: 'error'; message: string; issues?: { path: string; message: string }[]; field?: string };

/**
 * The worker's message for a failed run, with the issues the API's problem document lists for the
 * same error: the schema's issues, or for a rule of the method that refuses the input
 * (`invalid_input`, a 400) its field with its problem and fix, so the page names the field and
 * marks its box as for the cloud's answer. Other errors (a 422 on the cloud): their field alone.
 */
export function workerError(e: unknown): WorkerMessage & { type: 'error' } {
  const message = e instanceof Error ? e.message : String(e);
  const own = (e as { issues?: readonly { path: string; message: string }[] } | null)?.issues;
  const ruled = isAlvhError(e) && e.code === 'invalid_input';
  const issues = own ? [...own] : ruled ? [{ path: e.field, message: `${e.problem}; ${e.fix}` }] : undefined;
  return { type: 'error', message, ...(issues ? { issues } : {}), ...(isAlvhError(e) ? { field: e.field } : {}) };
}

export { Cancelled, RunError };

export interface RunHandle<T> {
  result: Promise<T>;
  cancel(): void;
}

export type Progress = (done: number, total: number) => void;

/** Run a job in a fresh Web Worker loaded from `workerUrl`. */
export function runInWorker(workerUrl: string, request: WorkerRequest, onProgress: Progress): RunHandle<unknown> {
  const worker = new Worker(workerUrl);
  let settle: { reject: (e: Error) => void } | undefined;
  const result = new Promise<unknown>((resolve, reject) => {
    settle = { reject };
    worker.onmessage = (ev: MessageEvent<WorkerMessage>) => {
      const m = ev.data;
      if (m.type === 'progress') onProgress(m.done, m.total);
      else {
        worker.terminate();
        if (m.type === 'result') resolve(m.result);
        else reject(new RunError(m.message, m.issues ?? [], undefined, false, m.field));
      }
    };
    worker.onerror = (ev) => {
      worker.terminate();
      reject(new RunError(`the local worker failed: ${ev.message || 'unknown error'}`));
    };
    worker.postMessage(request);
  });
  return {
    result,
    cancel: () => {
      worker.terminate();
      settle?.reject(new Cancelled());
    },
  };
}

/** The parsed JSON body of an answer, or what went wrong in words: not JSON, cut off, or cancelled. */
async function jsonOf(res: Response, at: string, signal: AbortSignal): Promise<unknown> {
  try {
    return await res.json();
  } catch (e) {
    if (signal.aborted) throw new Cancelled();
    const said = e instanceof Error ? e.message : String(e);
    if (e instanceof SyntaxError) throw new RunError(`the answer from ${at} is not JSON (${said}): ${CHECK_URL}`);
    throw new RunError(`the answer from ${at} broke off (${said}); run again`);
  }
}

/**
 * `read(answer)`: the answer read as the page reads it, or, when it is JSON of another shape
 * (another host's, or another route's), a message naming the URL and what is missing.
 */
export function fromHost<T>(at: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new RunError(
      `${at} answered JSON of another shape (${e instanceof Error ? e.message : String(e)}): ${CHECK_URL}`,
    );
  }
}

/** `<endpoint>/<route>` without the route's query: where the page sent a request. */
export function routeUrl(settings: Settings, route: string): string {
  return `${settings.endpoint}/${route.replace(/\?.*$/, '')}`;
}

/** POST a JSON body to `<endpoint>/<route>` with the key header (and `accept`, if given); the response, 2xx only. */
async function post(
  settings: Settings,
  route: string,
  body: unknown,
  signal: AbortSignal,
  accept?: string,
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (accept !== undefined) headers.accept = accept;
  if (settings.functionKey !== '') headers['x-functions-key'] = settings.functionKey;
  let res: Response;
  try {
    res = await fetch(`${settings.endpoint}/${route}`, { method: 'POST', headers, body: JSON.stringify(body), signal });
  } catch (e) {
    if (signal.aborted) throw new Cancelled();
    const said = e instanceof Error ? e.message : String(e);
    throw new RunError(unreachableWords(settings.endpoint, said, globalThis.location?.origin));
  }
  const at = routeUrl(settings, route);
  if (!res.ok) throw await problemOf(res, at);
  // The API answers JSON or its stream; a 2xx of HTML is another host's page (a sign-in, a site).
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && type !== 'application/x-ndjson')
    throw new RunError(
      `${at} answered ${res.status} with ${type || 'no content type'}, not the API's JSON: ${CHECK_URL}`,
    );
  return res;
}

/** POST a JSON body to `<endpoint>/<route>` with the key header; the parsed JSON answer. */
export async function postJson(
  settings: Settings,
  route: string,
  body: unknown,
  signal: AbortSignal,
): Promise<unknown> {
  return jsonOf(await post(settings, route, body, signal), routeUrl(settings, route), signal);
}

/**
 * POST asking for the streamed answer (`Accept: application/x-ndjson`): each progress line is
 * reported as it arrives, and the result line is the answer. A problem line (a failure after the
 * run began) rejects like a refused request. An API that answers plain JSON (a deployment before
 * streaming) is read as JSON, with no progress until the answer.
 */
export async function postStreamed(
  settings: Settings,
  route: string,
  body: unknown,
  signal: AbortSignal,
  onProgress: Progress,
): Promise<unknown> {
  const res = await post(settings, route, body, signal, 'application/x-ndjson, application/json;q=0.5');
  const at = routeUrl(settings, route);
  if (!(res.headers.get('content-type') ?? '').startsWith('application/x-ndjson') || res.body === null)
    return jsonOf(res, at, signal);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += chunk.value;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n')) {
        const line = text.slice(0, nl).trim();
        text = text.slice(nl + 1);
        if (line === '') continue;
        const m = streamLine(line, at);
        if (m === undefined) continue;
        if (m.type === 'progress') onProgress(m.done, m.total);
        else if (m.type === 'result') return m.result;
        else if (m.type === 'problem')
          throw problemError(m.problem, typeof m.problem.status === 'number' ? m.problem.status : 500, 'failed');
      }
    }
  } catch (e) {
    if (signal.aborted) throw new Cancelled();
    if (e instanceof RunError) throw e;
    throw new RunError(
      `the answer from ${settings.endpoint} broke off (${e instanceof Error ? e.message : String(e)}); run again`,
    );
  } finally {
    reader.releaseLock();
  }
  throw new RunError(`the answer from ${settings.endpoint} ended before its result; run again`);
}

/**
 * Run chunks against the cloud one after another (two in flight), reporting progress as chunks
 * finish. `bodies` are the request bodies; the answers come back in the same order. The first
 * failure aborts the other request in flight and starts no more; no progress is reported once the
 * run has failed or been cancelled.
 */
export function runCloudChunks(
  settings: Settings,
  route: string,
  bodies: readonly unknown[],
  weights: readonly number[],
  onProgress: Progress,
): RunHandle<unknown[]> {
  // `cancel` is the user's; `lanes` stops both lanes, on a cancel or on the first failure.
  const cancel = new AbortController();
  const lanes = new AbortController();
  cancel.signal.addEventListener('abort', () => lanes.abort(), { once: true });
  const total = weights.reduce((a, b) => a + b, 0);
  const result = (async () => {
    const out = new Array<unknown>(bodies.length);
    let next = 0;
    let done = 0;
    const lane = async (): Promise<void> => {
      try {
        while (!lanes.signal.aborted && next < bodies.length) {
          const i = next++;
          const answer = await postJson(settings, route, bodies[i], lanes.signal);
          if (lanes.signal.aborted) return;
          out[i] = answer;
          done += weights[i] ?? 0;
          onProgress(done, total);
        }
      } catch (e) {
        lanes.abort(); // in the same step as the failure: the other lane reports nothing after it
        throw e;
      }
    };
    await Promise.all([lane(), lane()]);
    // a lane that stopped at a cancel returns without its chunk's answer
    if (lanes.signal.aborted) throw new Cancelled();
    return out;
  })();
  return {
    result: result.catch((e: unknown) => {
      throw cancel.signal.aborted ? new Cancelled() : e;
    }),
    cancel: () => cancel.abort(),
  };
}

/** A stress grid on the cloud (one request), resolving to the grid, its shape checked. */
export function runCloudStress(settings: Settings, body: unknown, onProgress: Progress): RunHandle<StressGridResult> {
  const at = routeUrl(settings, 'stress');
  return mapHandle(runCloudChunks(settings, 'stress', [body], [1], onProgress), (r) =>
    fromHost(at, () => stressGridOf(r[0])),
  );
}

/** A handle whose result is `f` of `h`'s; cancelling it cancels `h`. */
export function mapHandle<A, B>(h: RunHandle<A>, f: (a: A) => B): RunHandle<B> {
  return { result: h.result.then(f), cancel: () => h.cancel() };
}

/**
 * A Monte Carlo on the cloud, resolving to the run's summary: the whole run `whole` (`paths`
 * paths) as one summary-only request when {@link fitsOneRequest}, its progress streamed by the
 * host as its pool finishes paths ({@link postStreamed}); else chunks (`chunk(firstPath, pathCount)`
 * builds a chunk's request), two in flight, their partials merged here, progress as chunks finish:
 * up to 8 of at least 1,000 paths, more when a long condor's chunk would pass the API's per-call
 * limits ({@link mostPathsPerCall}).
 */
export function runCloudMonteCarlo(
  settings: Settings,
  whole: unknown,
  paths: number,
  chunk: (firstPath: number, pathCount: number) => unknown,
  onProgress: Progress,
): { handle: RunHandle<MonteCarloSummary>; oneRequest: boolean } {
  if (fitsOneRequest(whole)) {
    const controller = new AbortController();
    const answer = postStreamed(settings, 'montecarlo?partial=false', whole, controller.signal, onProgress);
    const at = routeUrl(settings, 'montecarlo');
    const result = answer.then(
      (r) =>
        ofTheRun(
          fromHost(at, () => mergeCloudMonteCarlo([r])),
          whole,
          paths,
          at,
        ),
      (e: unknown) => {
        throw controller.signal.aborted ? new Cancelled() : e;
      },
    );
    return { handle: { result, cancel: () => controller.abort() }, oneRequest: true };
  }
  const size = Math.min(mostPathsPerCall(whole), Math.max(1000, Math.ceil(paths / 8)));
  const chunks = chunkPaths(paths, size);
  const bodies = chunks.map(([first, count]) => chunk(first, count));
  const all = runCloudChunks(
    settings,
    'montecarlo',
    bodies,
    chunks.map(([, c]) => c),
    onProgress,
  );
  const at = routeUrl(settings, 'montecarlo');
  const merged = (answers: unknown[]): MonteCarloSummary => {
    answers.forEach((a, i) => chunkOfTheRun(a, chunks[i]!, at));
    return ofTheRun(
      fromHost(at, () => mergeCloudMonteCarlo(answers)),
      whole,
      paths,
      at,
    );
  };
  return { handle: mapHandle(all, merged), oneRequest: false };
}

/**
 * A chunk's answer, refused naming what differs when its partial is of other paths than the chunk
 * asked for ([firstPath, pathCount]): a cache between that answers every chunk alike.
 */
function chunkOfTheRun(answer: unknown, [first, count]: [number, number], at: string): void {
  const p = (answer as { partial?: { firstPath?: unknown; pathCount?: unknown } } | null)?.partial;
  if (p === null || typeof p !== 'object') return; // another shape: said by the merge, with the URL
  const differs = [
    typeof p.firstPath === 'number' && p.firstPath !== first
      ? `first path ${grouped(p.firstPath)}, not ${grouped(first)}`
      : '',
    typeof p.pathCount === 'number' && p.pathCount !== count
      ? `${grouped(p.pathCount)} paths, not ${grouped(count)}`
      : '',
  ].filter((d) => d !== '');
  refuseAnother('chunk', differs, at);
}

/**
 * `s` when it is the summary of the run asked for (`asked`: its seed and measure; `paths` in all);
 * else a refusal naming what differs: a cache or proxy between the page and the API may have
 * answered another request, and its figures would be shown as this run's.
 */
export function ofTheRun(s: MonteCarloSummary, asked: unknown, paths: number, at: string): MonteCarloSummary {
  const a = (asked !== null && typeof asked === 'object' ? asked : {}) as { seed?: unknown; measure?: unknown };
  const differs = [
    typeof s.paths === 'number' && s.paths !== paths ? `${grouped(s.paths)} paths, not ${grouped(paths)}` : '',
    typeof s.seed === 'number' && typeof a.seed === 'number' && s.seed !== a.seed
      ? `seed ${s.seed}, not ${a.seed}`
      : '',
    typeof s.measure === 'string' && typeof a.measure === 'string' && s.measure !== a.measure
      ? `the ${s.measure} measure, not the ${a.measure}`
      : '',
  ].filter((d) => d !== '');
  refuseAnother('run', differs, at);
  return s;
}

/** The refusal of an answer from `at` of another run or chunk, naming what `differs` (none: no refusal). */
function refuseAnother(what: 'run' | 'chunk', differs: string[], at: string): void {
  if (differs.length === 0) return;
  throw new RunError(
    `the answer from ${at} is of another ${what} (${differs.join('; ')}): a cache or proxy between may have answered another request; ${CHECK_URL}`,
  );
}

/** Split `paths` into chunks of at most `size` paths: [firstPath, pathCount][]. */
export function chunkPaths(paths: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let first = 0; first < paths; first += size) out.push([first, Math.min(size, paths - first)]);
  return out;
}

/**
 * Whether the cloud runs the Monte Carlo request `input` (the whole run) as one summary-only
 * request, `POST <endpoint>/montecarlo?partial=false`: the host chunks it over its worker pool and
 * answers the summary alone, with nothing per path on the network (partials carry about 105 bytes
 * of JSON a path: 105 MB for a million). True when the run is within the API's pooled limits,
 * checked as the host checks them; beyond them the run goes in chunks with partials,
 * merged here. An input the check rejects for another reason is sent as it is, for the API's
 * answer to name the field.
 */
export function fitsOneRequest(input: unknown): boolean {
  try {
    checkedMonteCarloRequest(input, POOLED_MONTE_CARLO_LIMITS);
    return true;
  } catch (e) {
    if (isAlvhError(e) && e.code === 'limit_exceeded') return false;
    return true;
  }
}

/**
 * The most paths one chunk of the Monte Carlo request `input` may carry within the API's per-call
 * limits: path-steps ≤ MAX_PATH_STEPS and path-steps × legs ≤ MAX_PATH_STEP_LEGS, for the run's
 * horizon and legs as the host counts them. Infinity for an input the check rejects for another
 * reason (sent as it is, for the API's answer to name the field).
 */
export function mostPathsPerCall(input: unknown): number {
  try {
    const unbounded = { maxPathSteps: Infinity, maxPathStepLegs: Infinity };
    const { parsed, setup } = checkedMonteCarloRequest(input, unbounded);
    return mostMonteCarloPaths(setup.run.horizonDays, scenarioLegCount(parsed));
  } catch {
    return Infinity;
  }
}
