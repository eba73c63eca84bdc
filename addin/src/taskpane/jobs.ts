/**
 * The heavy runs (stress grid, Monte Carlo) and where they execute: on the configured cloud
 * endpoint (POST `<endpoint>/stress`, `<endpoint>/montecarlo` with the `x-functions-key` header),
 * or, with none configured, here in a Web Worker (`mcWorker.js`) so the page stays responsive.
 * Each run reports progress and can be cancelled (the worker is terminated; the HTTP request is
 * aborted).
 */
import { POOLED_MONTE_CARLO_LIMITS, checkedMonteCarloRequest, isAlvhError } from '@alvh/shared';
import type { MonteCarloSummary } from '@alvh/shared';
import { Cancelled } from '../common/errors';
import { mergeCloudMonteCarlo } from '../common/presentRuns';
import type { Settings } from './settings';

export type JobKind = 'montecarlo' | 'stress';

/** Messages between the page and `mcWorker.ts`. */
export interface WorkerRequest {
  /** A scenario run, or a chain's surface fit (the Surface tab). */
  job: JobKind | 'surface';
  input: unknown;
  /** Paths per chunk between progress reports and cancellation points (Monte Carlo). */
  chunkPaths?: number;
}
export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; result: unknown }
  | { type: 'error'; message: string; issues?: { path: string; message: string }[] };

/** An error from a run, with the zod issues when the input was rejected. */
export class RunError extends Error {
  readonly issues: readonly { path: string; message: string }[];
  /** The HTTP status of the cloud's answer (undefined for a local run or no answer). */
  readonly status: number | undefined;
  constructor(message: string, issues: readonly { path: string; message: string }[] = [], status?: number) {
    super(message);
    this.name = 'RunError';
    this.issues = issues;
    this.status = status;
  }
}

export { Cancelled };

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
        else reject(new RunError(m.message, m.issues ?? []));
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

/** The problem document's message and issues, or the status line. */
async function problemOf(res: Response): Promise<RunError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const o = (body && typeof body === 'object' ? body : {}) as { title?: unknown; detail?: unknown; issues?: unknown };
  const issues = Array.isArray(o.issues)
    ? (o.issues as unknown[]).filter((i): i is { path: string; message: string } => {
        const x = i as { path?: unknown; message?: unknown } | null;
        return !!x && typeof x.path === 'string' && typeof x.message === 'string';
      })
    : [];
  const detail = typeof o.detail === 'string' ? o.detail : typeof o.title === 'string' ? o.title : res.statusText;
  const hint = res.status === 401 || res.status === 403 ? ' (check the function key in Settings)' : '';
  return new RunError(`the cloud API answered ${res.status}: ${detail}${hint}`, issues, res.status);
}

/** POST a JSON body to `<endpoint>/<route>` with the key header; the parsed JSON answer. */
export async function postJson(
  settings: Settings,
  route: string,
  body: unknown,
  signal: AbortSignal,
): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (settings.functionKey !== '') headers['x-functions-key'] = settings.functionKey;
  let res: Response;
  try {
    res = await fetch(`${settings.endpoint}/${route}`, { method: 'POST', headers, body: JSON.stringify(body), signal });
  } catch (e) {
    if (signal.aborted) throw new Cancelled();
    throw new RunError(
      `could not reach ${settings.endpoint} (${e instanceof Error ? e.message : String(e)}); check the URL in Settings, or clear it to run here`,
    );
  }
  if (!res.ok) throw await problemOf(res);
  return res.json();
}

/**
 * Run chunks against the cloud one after another (two in flight), reporting progress as chunks
 * finish. `bodies` are the request bodies; the answers come back in the same order.
 */
export function runCloudChunks(
  settings: Settings,
  route: string,
  bodies: readonly unknown[],
  weights: readonly number[],
  onProgress: Progress,
): RunHandle<unknown[]> {
  const controller = new AbortController();
  const total = weights.reduce((a, b) => a + b, 0);
  const result = (async () => {
    const out = new Array<unknown>(bodies.length);
    let next = 0;
    let done = 0;
    const lane = async (): Promise<void> => {
      while (next < bodies.length) {
        const i = next++;
        out[i] = await postJson(settings, route, bodies[i], controller.signal);
        done += weights[i] ?? 0;
        onProgress(done, total);
      }
    };
    await Promise.all([lane(), lane()]);
    return out;
  })();
  return {
    result: result.catch((e: unknown) => {
      throw controller.signal.aborted ? new Cancelled() : e;
    }),
    cancel: () => controller.abort(),
  };
}

/** A handle whose result is `f` of `h`'s; cancelling it cancels `h`. */
export function mapHandle<A, B>(h: RunHandle<A>, f: (a: A) => B): RunHandle<B> {
  return { result: h.result.then(f), cancel: () => h.cancel() };
}

/**
 * A Monte Carlo on the cloud, resolving to the run's summary: the whole run `whole` (`paths`
 * paths) as one summary-only request when {@link fitsOneRequest}, its progress reported once, at
 * the answer; else up to 8 chunks of at least 1,000 paths (`chunk(firstPath, pathCount)` builds a
 * chunk's request), two in flight, their partials merged here, progress as chunks finish.
 */
export function runCloudMonteCarlo(
  settings: Settings,
  whole: unknown,
  paths: number,
  chunk: (firstPath: number, pathCount: number) => unknown,
  onProgress: Progress,
): { handle: RunHandle<MonteCarloSummary>; oneRequest: boolean } {
  if (fitsOneRequest(whole)) {
    const one = runCloudChunks(settings, 'montecarlo?partial=false', [whole], [paths], onProgress);
    return { handle: mapHandle(one, mergeCloudMonteCarlo), oneRequest: true };
  }
  const chunks = chunkPaths(paths, Math.max(1000, Math.ceil(paths / 8)));
  const bodies = chunks.map(([first, count]) => chunk(first, count));
  const all = runCloudChunks(
    settings,
    'montecarlo',
    bodies,
    chunks.map(([, c]) => c),
    onProgress,
  );
  return { handle: mapHandle(all, mergeCloudMonteCarlo), oneRequest: false };
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
 * answers the summary alone, with nothing per path on the network (partials carry about 72 bytes
 * of JSON a path: 72 MB for a million). True when the run is within the API's pooled limits,
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
