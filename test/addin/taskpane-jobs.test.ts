/**
 * The taskpane's cloud calls and settings store without a network: chunked POSTs with the key
 * header and progress, problem documents turned into messages a user can act on, cancellation,
 * and settings kept in the workbook through Office's settings object.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_PATH_STEPS, MAX_POOLED_PATH_STEPS, checkedMonteCarloRequest } from '@alvh/shared';
import {
  Cancelled,
  RunError,
  fitsOneRequest,
  postJson,
  postStreamed,
  runCloudChunks,
  runCloudMonteCarlo,
  runCloudStress,
} from '../../addin/src/taskpane/jobs';
import { officeSettingsStore, withoutSecrets } from '../../addin/src/taskpane/settings';
import { monteCarloInput, planInputFromForm } from '../../addin/src/common/planInput';
import { EXAMPLE } from '../../addin/src/taskpane/example';

const settings = { endpoint: 'https://alvh.example.net/api', functionKey: 'k-123' };
const page = 'https://localhost:3000';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A promise with its resolve at hand. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('runCloudChunks', () => {
  it('posts every chunk with the key header, two at a time, keeps the answers in order and reports progress by weight', async () => {
    // Each request waits for the test to answer it: the order of the answers is chosen here, not by timers.
    const seen: { url: string; key: string | null; body: { firstPath: number } }[] = [];
    const answers = new Map<number, (r: Response) => void>();
    const requested = [deferred<void>(), deferred<void>(), deferred<void>()];
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { firstPath: number };
      seen.push({ url, key: new Headers(init.headers).get('x-functions-key'), body });
      const reply = deferred<Response>();
      answers.set(body.firstPath, reply.resolve);
      requested[seen.length - 1]?.resolve();
      return reply.promise;
    });
    const progress: [number, number][] = [];
    const reported = [deferred<void>(), deferred<void>(), deferred<void>()];
    const bodies = [{ firstPath: 0 }, { firstPath: 1000 }, { firstPath: 2000 }];
    const h = runCloudChunks(settings, 'montecarlo', bodies, [1000, 1000, 500], (d, t) => {
      progress.push([d, t]);
      reported[progress.length - 1]?.resolve();
    });
    const answer = (firstPath: number): void => answers.get(firstPath)!(json(200, { partial: { firstPath } }));

    await Promise.all([requested[0]!.promise, requested[1]!.promise]);
    expect(seen.map((s) => s.body.firstPath)).toEqual([0, 1000]); // two in flight, the third waits
    answer(1000); // the second chunk answers first
    await reported[0]!.promise;
    await requested[2]!.promise;
    expect(seen.map((s) => s.body.firstPath)).toEqual([0, 1000, 2000]);
    answer(2000);
    await reported[1]!.promise;
    answer(0); // the first chunk answers last
    expect(await h.result).toEqual([
      { partial: { firstPath: 0 } },
      { partial: { firstPath: 1000 } },
      { partial: { firstPath: 2000 } },
    ]);
    expect(seen.map((s) => s.url)).toEqual(Array(3).fill('https://alvh.example.net/api/montecarlo'));
    expect(seen.every((s) => s.key === 'k-123')).toBe(true);
    expect(progress.map(([d]) => d)).toEqual([1000, 1500, 2500]);
    expect(progress.every(([, t]) => t === 2500)).toBe(true);
  });

  it('turns Cancel into Cancelled and aborts the requests in flight', async () => {
    const signals: AbortSignal[] = [];
    const inFlight = deferred<void>();
    vi.stubGlobal(
      'fetch',
      (_url: string, init: RequestInit) =>
        new Promise((_resolve, reject) => {
          signals.push(init.signal!);
          if (signals.length === 2) inFlight.resolve();
          init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const h = runCloudChunks(settings, 'montecarlo', [{}, {}, {}], [1, 1, 1], () => {});
    await inFlight.promise;
    h.cancel();
    await expect(h.result).rejects.toBeInstanceOf(Cancelled);
    expect(signals.length).toBe(2);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('the first failure aborts the other chunk in flight: no more requests, no progress after the run failed', async () => {
    // Six chunks; chunk 0 answers 500 while chunk 1 is in flight. Each answer is given by the test.
    const calls: { firstPath: number; signal: AbortSignal; answer: (r: Response) => void }[] = [];
    const twoInFlight = deferred<void>();
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
      const { firstPath } = JSON.parse(String(init.body)) as { firstPath: number };
      return new Promise<Response>((resolve, reject) => {
        calls.push({ firstPath, signal: init.signal!, answer: resolve });
        if (calls.length === 2) twoInFlight.resolve();
        init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    });
    const progress: number[] = [];
    const bodies = [0, 1, 2, 3, 4, 5].map((k) => ({ firstPath: k }));
    const h = runCloudChunks(settings, 'montecarlo', bodies, Array(6).fill(1), (d) => progress.push(d));
    await twoInFlight.promise;
    calls[0]!.answer(json(500, { title: 'Internal Server Error', detail: 'the worker crashed' }));
    await expect(h.result).rejects.toThrow(/the cloud API answered 500: the worker crashed/);
    expect(calls[1]!.signal.aborted).toBe(true);
    // Had chunk 1 not been aborted, its answer would now report progress and start chunk 2.
    const late = { ok: true, json: () => Promise.resolve({ partial: { firstPath: 1 } }) } as unknown as Response;
    calls[1]!.answer(late);
    await new Promise<void>((r) => setImmediate(r)); // every promise step queued by that answer runs first
    expect(calls.map((c) => c.firstPath)).toEqual([0, 1]);
    expect(progress).toEqual([]);
  });

  it('Cancel after a chunk finished: no progress is reported for the chunk in flight when it answers', async () => {
    const calls: { answer: (r: Response) => void }[] = [];
    const requested = [deferred<void>(), deferred<void>(), deferred<void>()];
    vi.stubGlobal('fetch', () => {
      const reply = deferred<Response>();
      calls.push({ answer: reply.resolve });
      requested[calls.length - 1]?.resolve();
      return reply.promise; // deaf to the abort: the answer comes anyway
    });
    const progress: number[] = [];
    const h = runCloudChunks(settings, 'montecarlo', [{}, {}, {}], [1, 1, 1], (d) => progress.push(d));
    await Promise.all([requested[0]!.promise, requested[1]!.promise]);
    calls[0]!.answer(json(200, {}));
    await requested[2]!.promise;
    expect(progress).toEqual([1]);
    h.cancel();
    calls[1]!.answer(json(200, {}));
    calls[2]!.answer(json(200, {}));
    await expect(h.result).rejects.toBeInstanceOf(Cancelled);
    expect(progress).toEqual([1]);
  });
});

describe('fitsOneRequest: one summary-only request, or chunks with partials', () => {
  const raw = planInputFromForm({
    fields: EXAMPLE.fields,
    futures: EXAMPLE.futures,
    policy: {},
    indices: EXAMPLE.indices,
  });
  const steps = (horizonDays: number) => Math.floor(MAX_POOLED_PATH_STEPS / horizonDays);

  it('sends a run within the API’s pooled limits as one request, up to the last path the limits allow', () => {
    expect(fitsOneRequest(monteCarloInput(raw, 20_000, 42))).toBe(true);
    expect(fitsOneRequest(monteCarloInput(raw, 1_000_000, 42))).toBe(true); // the example's condor: under 100 days
    expect(fitsOneRequest({ ...monteCarloInput(raw, steps(120), 42), horizonDays: 120 })).toBe(true);
  });

  it('splits a run beyond them into chunks (1,000,000 paths × 120 days is 120,000,000 path-steps)', () => {
    expect(fitsOneRequest({ ...monteCarloInput(raw, steps(120) + 1, 42), horizonDays: 120 })).toBe(false);
    expect(fitsOneRequest({ ...monteCarloInput(raw, 1_000_000, 42), horizonDays: 120 })).toBe(false);
  });

  it('sends an input the check rejects for another reason as it is, for the API to name the field', () => {
    expect(fitsOneRequest({ ...monteCarloInput(raw, 1000, 42), seed: -1 })).toBe(true);
  });
  it('runCloudMonteCarlo posts the whole run once to ?partial=false, asking for the stream, and reads a plain JSON answer too', async () => {
    const summary = { paths: 20_000, condor: { mean: -1 }, alvh: { mean: 1 }, histogram: { edges: [], counts: [] } };
    const seen: { url: string; body: unknown; accept: string | null }[] = [];
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      seen.push({ url, body: JSON.parse(String(init.body)), accept: new Headers(init.headers).get('accept') });
      return Promise.resolve(json(200, { summary }));
    });
    const whole = monteCarloInput(raw, 20_000, 42);
    const progress: [number, number][] = [];
    const cloud = runCloudMonteCarlo(
      settings,
      whole,
      20_000,
      () => ({}),
      (d, t) => progress.push([d, t]),
    );
    expect(cloud.oneRequest).toBe(true);
    expect(await cloud.handle.result).toEqual(summary);
    expect(seen).toEqual([
      {
        url: 'https://alvh.example.net/api/montecarlo?partial=false',
        body: whole,
        accept: 'application/x-ndjson, application/json;q=0.5',
      },
    ]);
    expect(progress).toEqual([]); // an API that does not stream: nothing until the answer
  });

  it("refuses an answer of another run (a cache's answer to another request), naming what differs, never shown as this run's", async () => {
    // a caching proxy answered the 2,000-path, seed-42 run for this 5,000-path, seed-7 one
    const summary = {
      paths: 2_000,
      seed: 42,
      measure: 'real-world',
      condor: { mean: -1 },
      alvh: { mean: 1 },
      histogram: { edges: [], counts: [] },
    };
    vi.stubGlobal('fetch', () => Promise.resolve(json(200, { summary })));
    const whole = { ...monteCarloInput(raw, 5_000, 7), measure: 'risk-neutral' };
    const cloud = runCloudMonteCarlo(
      settings,
      whole,
      5_000,
      () => ({}),
      () => {},
    );
    await expect(cloud.handle.result).rejects.toThrow(
      'the answer from https://alvh.example.net/api/montecarlo is of another run (2,000 paths, not 5,000; seed 42, not 7; the real-world measure, not the risk-neutral): a cache or proxy between may have answered another request; check the URL in Settings, or clear it to run here',
    );
    // the run's own answer is taken
    const own = { ...summary, paths: 5_000, seed: 7, measure: 'risk-neutral' };
    vi.stubGlobal('fetch', () => Promise.resolve(json(200, { summary: own })));
    const again = runCloudMonteCarlo(
      settings,
      whole,
      5_000,
      () => ({}),
      () => {},
    );
    expect(await again.handle.result).toEqual(own);
  });

  it('runCloudMonteCarlo sends a run beyond the limits as chunks of the run, two in flight', async () => {
    const paths = steps(120) + 1;
    const whole = { ...monteCarloInput(raw, paths, 42), horizonDays: 120 };
    const seen: { url: string; body: { firstPath: number; pathCount: number } }[] = [];
    const twoInFlight = deferred<void>();
    vi.stubGlobal(
      'fetch',
      (url: string, init: RequestInit) =>
        new Promise((_resolve, reject) => {
          seen.push({ url, body: JSON.parse(String(init.body)) as { firstPath: number; pathCount: number } });
          if (seen.length === 2) twoInFlight.resolve();
          init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const chunk = (firstPath: number, pathCount: number) => ({ ...whole, firstPath, pathCount });
    const cloud = runCloudMonteCarlo(settings, whole, paths, chunk, () => {});
    expect(cloud.oneRequest).toBe(false);
    await twoInFlight.promise;
    const size = Math.ceil(paths / 8);
    expect(seen.map((r) => r.url)).toEqual(Array(2).fill('https://alvh.example.net/api/montecarlo'));
    expect(seen.map((r) => [r.body.firstPath, r.body.pathCount])).toEqual([
      [0, size],
      [size, size],
    ]);
    cloud.handle.cancel();
    await expect(cloud.handle.result).rejects.toBeInstanceOf(Cancelled);
  });

  it('refuses chunk answers of another chunk (a cache answering every chunk alike) or of another shape, naming the URL, not the form', async () => {
    const paths = steps(120) + 1;
    const whole = { ...monteCarloInput(raw, paths, 42), horizonDays: 120 };
    const chunk = (firstPath: number, pathCount: number) => ({ ...whole, firstPath, pathCount });
    const size = Math.ceil(paths / 8);
    // the first chunk's answer, given to every chunk
    vi.stubGlobal('fetch', () => Promise.resolve(json(200, { partial: { firstPath: 0, pathCount: size, seed: 42 } })));
    const cached = runCloudMonteCarlo(settings, whole, paths, chunk, () => {});
    await expect(cached.handle.result).rejects.toThrow(
      `the answer from https://alvh.example.net/api/montecarlo is of another chunk (first path 0, not ${size.toLocaleString('en-US')}): a cache or proxy between may have answered another request; check the URL in Settings, or clear it to run here`,
    );
    // another host's JSON: was "seed: pass seed as a whole number … (and 23 more issues)", shown at the form's seed
    vi.stubGlobal('fetch', () => Promise.resolve(json(200, { hello: 1 })));
    const other = runCloudMonteCarlo(settings, whole, paths, chunk, () => {});
    await expect(other.handle.result).rejects.toThrow(
      /^https:\/\/alvh\.example\.net\/api\/montecarlo answered JSON of another shape \(.*\): check the URL in Settings, or clear it to run here$/,
    );
  });

  it('runCloudMonteCarlo keeps every chunk of a long condor within the per-call limits (1,000,000 paths × 192 days)', async () => {
    const paths = 1_000_000;
    // the example's condor moved to 2025-10-17, 192 days out (a horizon past a condor's expiry is refused)
    const long = planInputFromForm({
      fields: { ...EXAMPLE.fields, condorExpiry: '2025-10-17' },
      futures: EXAMPLE.futures,
      policy: {},
      indices: EXAMPLE.indices,
    });
    const whole = monteCarloInput(long, paths, 42);
    vi.stubGlobal(
      'fetch',
      (_url: string, init: RequestInit) =>
        new Promise((_resolve, reject) => {
          init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const chunks: [number, number][] = [];
    const chunk = (firstPath: number, pathCount: number) => {
      chunks.push([firstPath, pathCount]);
      return { ...whole, firstPath, pathCount };
    };
    const cloud = runCloudMonteCarlo(settings, whole, paths, chunk, () => {});
    expect(cloud.oneRequest).toBe(false);
    const most = Math.floor(MAX_PATH_STEPS / 192); // 104,166
    expect(chunks.length).toBe(Math.ceil(paths / most));
    expect(chunks.every(([, n]) => n <= most)).toBe(true);
    expect(chunks.reduce((a, [f, n]) => (a === f ? f + n : NaN), 0)).toBe(paths); // contiguous, all paths
    // each chunk passes the check the API makes of a call (default per-call limits)
    for (const [firstPath, pathCount] of chunks)
      expect(() => checkedMonteCarloRequest({ ...whole, firstPath, pathCount })).not.toThrow();
    cloud.handle.cancel();
    await expect(cloud.handle.result).rejects.toBeInstanceOf(Cancelled);
  });
});

describe('postJson errors', () => {
  const signal = new AbortController().signal;

  it('a problem document keeps its detail and every issue', async () => {
    vi.stubGlobal('fetch', async () =>
      json(400, {
        title: 'Invalid input',
        detail: 'book.vix: pass a number greater than 0',
        issues: [{ path: 'book.vix', message: 'pass a number greater than 0' }],
      }),
    );
    const e = (await postJson(settings, 'stress', {}, signal).catch((x: unknown) => x)) as RunError;
    expect(e).toBeInstanceOf(RunError);
    expect(e.message).toBe('the cloud API answered 400: book.vix: pass a number greater than 0');
    expect(e.issues).toEqual([{ path: 'book.vix', message: 'pass a number greater than 0' }]);
  });

  it('401 and 403 point at the function key', async () => {
    vi.stubGlobal('fetch', async () => json(401, { title: 'Unauthorized' }));
    await expect(postJson(settings, 'montecarlo', {}, signal)).rejects.toThrow(
      /answered 401: Unauthorized \(check the function key in Settings\)/,
    );
  });

  it('an unreachable host says to check the URL or clear it to run here', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(postJson(settings, 'montecarlo', {}, signal)).rejects.toThrow(
      /could not reach https:\/\/alvh\.example\.net\/api \(Failed to fetch\); check the URL in Settings, or clear it to run here/,
    );
  });
});

describe('answers that are not the API’s', () => {
  const signal = new AbortController().signal;
  const answer = (status: number, type: string | undefined, body: string) => () =>
    Promise.resolve(new Response(body === '' ? null : body, { status, headers: type ? { 'content-type': type } : {} }));
  const checkUrl = 'check the URL in Settings, or clear it to run here';
  const raw = planInputFromForm({
    fields: EXAMPLE.fields,
    futures: EXAMPLE.futures,
    policy: {},
    indices: EXAMPLE.indices,
  });

  it('a 2xx page of HTML (a sign-in, another site) names the URL instead of a parse error', async () => {
    vi.stubGlobal('fetch', answer(200, 'text/html; charset=utf-8', '<!DOCTYPE html><html>sign in</html>'));
    await expect(postJson(settings, 'stress', {}, signal)).rejects.toThrow(
      `https://alvh.example.net/api/stress answered 200 with text/html, not the API's JSON: ${checkUrl}`,
    );
    await expect(postStreamed(settings, 'montecarlo?partial=false', {}, signal, () => {})).rejects.toThrow(
      `https://alvh.example.net/api/montecarlo answered 200 with text/html, not the API's JSON: ${checkUrl}`,
    );
    vi.stubGlobal('fetch', answer(200, undefined, ''));
    await expect(postJson(settings, 'stress', {}, signal)).rejects.toThrow(/answered 200 with no content type/);
  });

  it('a body labelled JSON that is not, or a stream line that is not, says so and names the URL', async () => {
    vi.stubGlobal('fetch', answer(200, 'application/json', '<html>'));
    const e = await postJson(settings, 'stress', {}, signal).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RunError);
    expect((e as RunError).message).toMatch(
      /^the answer from https:\/\/alvh\.example\.net\/api\/stress is not JSON \(.*\): check the URL/,
    );
    vi.stubGlobal('fetch', answer(200, 'application/x-ndjson', '{"type":"progress","done":0,"total":10}\n<html>\n'));
    await expect(postStreamed(settings, 'frontier', {}, signal, () => {})).rejects.toThrow(
      /^the answer from https:\/\/alvh\.example\.net\/api\/frontier is not the API's stream \(.*\): check the URL/,
    );
  });

  it('a failure without a problem document or reason (HTTP/2) gives the standard phrase, the URL and what to do', async () => {
    const bare = (status: number) => async () => new Response('<h1>gateway</h1>', { status, statusText: '' });
    vi.stubGlobal('fetch', bare(502));
    const e = (await postJson(settings, 'stress', {}, signal).catch((x: unknown) => x)) as RunError;
    expect([e.message, e.status, e.problem]).toEqual([
      `the cloud API answered 502: Bad Gateway from https://alvh.example.net/api/stress: the host behind that address is not answering; try again in a minute, or clear the URL in Settings to run here`,
      502,
      false,
    ]);
    vi.stubGlobal('fetch', bare(520));
    await expect(postJson(settings, 'montecarlo?partial=false', {}, signal)).rejects.toThrow(
      `the cloud API answered 520: no reason given from https://alvh.example.net/api/montecarlo, without a message; ${checkUrl}`,
    );
    // 401 and 403: the key, not the URL, is what to check
    vi.stubGlobal('fetch', bare(401));
    await expect(postJson(settings, 'stress', {}, signal)).rejects.toThrow(
      /^the cloud API answered 401: Unauthorized \(check the function key in Settings\)$/,
    );
    // a host that sends a reason keeps it, with the URL
    vi.stubGlobal('fetch', async () => new Response('', { status: 503, statusText: 'Warming up' }));
    await expect(postJson(settings, 'stress', {}, signal)).rejects.toThrow(
      /^the cloud API answered 503: Warming up from https:\/\/alvh\.example\.net\/api\/stress: the host behind/,
    );
    vi.stubGlobal('fetch', async () => new Response('<h1>oops</h1>', { status: 500, statusText: 'Server Error' }));
    await expect(postJson(settings, 'stress', {}, signal)).rejects.toThrow(
      `the cloud API answered 500: Server Error from https://alvh.example.net/api/stress, without a message; ${checkUrl}`,
    );
  });

  it('a 404 without a problem document says no API is there; with one it is the API’s', async () => {
    vi.stubGlobal('fetch', answer(404, undefined, ''));
    const e = (await postJson(settings, 'montecarlo?partial=false', {}, signal).catch((x: unknown) => x)) as RunError;
    expect(e.message).toBe(
      'no API at https://alvh.example.net/api/montecarlo: check the URL in Settings (its routes are under /api)',
    );
    expect([e.status, e.problem]).toEqual([404, false]);
    vi.stubGlobal('fetch', answer(404, 'text/html', '<html>Not found</html>'));
    await expect(postJson(settings, 'stress', {}, signal)).rejects.toThrow(/^no API at .*\/api\/stress:/);
    vi.stubGlobal('fetch', async () => json(404, { title: 'Not Found', detail: 'no endpoint /api/frontier' }));
    const p = (await postJson(settings, 'frontier', {}, signal).catch((x: unknown) => x)) as RunError;
    expect([p.message, p.status, p.problem]).toEqual([
      'the cloud API answered 404: no endpoint /api/frontier',
      404,
      true,
    ]);
  });

  it('JSON of another shape is refused naming the URL and what it lacks, for the Monte Carlo and the stress grid', async () => {
    vi.stubGlobal('fetch', async () => json(200, { status: 'ok' }));
    const whole = monteCarloInput(raw, 400, 42);
    const cloud = runCloudMonteCarlo(
      settings,
      whole,
      400,
      () => ({}),
      () => {},
    );
    await expect(cloud.handle.result).rejects.toThrow(
      `https://alvh.example.net/api/montecarlo answered JSON of another shape (not a Monte Carlo summary: no condor.mean, alvh.mean, paths, histogram): ${checkUrl}`,
    );
    await expect(runCloudStress(settings, {}, () => {}).result).rejects.toThrow(
      `https://alvh.example.net/api/stress answered JSON of another shape (not a stress grid: no spxMoves, vixLevels, days, total): ${checkUrl}`,
    );
    // a summary of the right shape passes through as it came
    const summary = { paths: 400, condor: { mean: -1 }, alvh: { mean: 2 }, bodyHistogram: { edges: [0, 1] } };
    vi.stubGlobal('fetch', async () => json(200, { summary }));
    const ok = runCloudMonteCarlo(
      settings,
      whole,
      400,
      () => ({}),
      () => {},
    );
    expect(await ok.handle.result).toEqual(summary);
  });
});

describe('officeSettingsStore', () => {
  it('keeps the settings in the document and saves them with saveAsync', async () => {
    vi.stubGlobal('Office', { AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' } });
    const bag = new Map<string, unknown>();
    let saved = 0;
    const doc = {
      get: (k: string) => bag.get(k),
      set: (k: string, v: unknown) => void bag.set(k, v),
      saveAsync: (cb: (r: { status: string }) => void) => {
        saved++;
        cb({ status: 'succeeded' });
      },
    } as unknown as Office.Settings;
    const store = officeSettingsStore(doc, page);
    expect(store.load()).toEqual({ settings: { endpoint: '', functionKey: '' }, dropped: '' });
    await store.save(settings);
    expect(saved).toBe(1);
    expect(officeSettingsStore(doc, page).load()).toEqual({ settings, dropped: '' });
    // a URL typed into the workbook's settings by hand, not through Save: dropped, and said why
    bag.set('alvh.settings', { endpoint: 'https://h.net/api/montecarlo?code=x', functionKey: 'k' });
    const loaded = officeSettingsStore(doc, page).load();
    expect(loaded.settings).toEqual({ endpoint: '', functionKey: 'k' });
    expect(loaded.dropped).toMatch(
      /^The saved API URL "https:\/\/h\.net\/api\/montecarlo\?…" is not used: pass the API's base URL \(https:\/\/h\.net\/api\) alone/,
    );
  });

  it('a dropped URL is shown without its query, fragment or user name and password, where a key may be', () => {
    const dropped = (endpoint: string) =>
      officeSettingsStore({ get: () => ({ endpoint, functionKey: '' }) } as unknown as Office.Settings, page).load()
        .dropped;
    const secret = /SECRET|user|pw/;
    for (const [stored, shown] of [
      ['https://h.net/api/montecarlo?code=SECRET==', 'https://h.net/api/montecarlo?…'],
      ['https://user:pw@h.net/api#SECRET', 'https://…@h.net/api#…'],
      [' https://h.net/api#code=SECRET?x', 'https://h.net/api#…'],
      ['user:pw@h.net/api?code=SECRET', '…@h.net/api?…'],
    ]) {
      const said = dropped(stored!);
      expect(said).toContain(`"${shown}" is not used: `);
      expect(said).not.toMatch(secret);
    }
    // a long URL is cut after its query is hidden: the key is never part of what is shown
    const long = `https://h.net/api/${'a'.repeat(90)}?code=SECRET`;
    expect(dropped(long)).toContain(`"https://h.net/api/${'a'.repeat(62)}…" is not used`);
    expect(withoutSecrets('https://h.net/a@b/api')).toBe('https://h.net/a@b/api');
  });

  it('reports a failed save', async () => {
    vi.stubGlobal('Office', { AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' } });
    const doc = {
      get: () => undefined,
      set: () => {},
      saveAsync: (cb: (r: { status: string; error: { message: string } }) => void) =>
        cb({ status: 'failed', error: { message: 'the document is read-only' } }),
    } as unknown as Office.Settings;
    await expect(officeSettingsStore(doc, page).save(settings)).rejects.toThrow('the document is read-only');
  });
});

/** An ndjson answer whose body is the given pieces, sent as they are (a line may be cut anywhere). */
function streamed(pieces: string[], then?: (c: ReadableStreamDefaultController<Uint8Array>) => void): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const p of pieces) c.enqueue(enc.encode(p));
      if (then) then(c);
      else c.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'application/x-ndjson; charset=utf-8' } });
}

describe('postStreamed: the API’s progress lines', () => {
  const progressLine = (done: number) => `{"type":"progress","done":${done},"total":400}\n`;

  it('reports each progress line in order and resolves to the result line, however the lines are cut', async () => {
    const result = { summary: { paths: 400, note: 'a\nb' } };
    const text =
      progressLine(0) +
      progressLine(200) +
      progressLine(400) +
      `{"type":"result","result":${JSON.stringify(result)}}\n`;
    const pieces = [text.slice(0, 7), text.slice(7, 50), text.slice(50, 51), text.slice(51, 130), text.slice(130)];
    vi.stubGlobal('fetch', () => Promise.resolve(streamed(pieces)));
    const progress: number[] = [];
    const out = await postStreamed(settings, 'montecarlo?partial=false', {}, new AbortController().signal, (d) =>
      progress.push(d),
    );
    expect(out).toEqual(result);
    expect(progress).toEqual([0, 200, 400]);
  });

  it('a problem line rejects with its status, detail and what to do', async () => {
    const problem = {
      status: 503,
      code: 'job_time_limit',
      detail: 'the computation passed the time limit of 60000 ms',
    };
    vi.stubGlobal('fetch', () =>
      Promise.resolve(streamed([progressLine(0), `{"type":"problem","problem":${JSON.stringify(problem)}}\n`])),
    );
    const err = await postStreamed(settings, 'montecarlo', {}, new AbortController().signal, () => {}).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RunError);
    expect((err as RunError).status).toBe(503);
    expect((err as RunError).message).toBe(
      'the cloud API answered 503: the computation passed the time limit of 60000 ms',
    );
  });

  it('an answer that ends before its result, or breaks off, says so and to run again', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(streamed([progressLine(0), '{"type":"progress"'])));
    await expect(postStreamed(settings, 'montecarlo', {}, new AbortController().signal, () => {})).rejects.toThrow(
      'the answer from https://alvh.example.net/api ended before its result; run again',
    );
    vi.stubGlobal('fetch', () =>
      Promise.resolve(streamed([progressLine(0)], (c) => c.error(new TypeError('network error')))),
    );
    await expect(postStreamed(settings, 'montecarlo', {}, new AbortController().signal, () => {})).rejects.toThrow(
      'the answer from https://alvh.example.net/api broke off (network error); run again',
    );
  });

  it('Cancel in the middle of the stream rejects with Cancelled', async () => {
    const firstLine = deferred<void>();
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) =>
      Promise.resolve(
        streamed([progressLine(0)], (c) =>
          init.signal!.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError'))),
        ),
      ),
    );
    const raw = planInputFromForm({
      fields: EXAMPLE.fields,
      futures: EXAMPLE.futures,
      policy: {},
      indices: EXAMPLE.indices,
    });
    const whole = monteCarloInput(raw, 400, 42);
    const cloud = runCloudMonteCarlo(
      settings,
      whole,
      400,
      () => ({}),
      () => firstLine.resolve(),
    );
    expect(cloud.oneRequest).toBe(true);
    await firstLine.promise;
    cloud.handle.cancel();
    await expect(cloud.handle.result).rejects.toBeInstanceOf(Cancelled);
  });
});
