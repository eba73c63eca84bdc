/**
 * Streamed answers (`Accept: application/x-ndjson`): the Accept rule, the progress thinning, the
 * handlers' lines (progress, then the JSON answer byte for byte, or a problem after the start),
 * refusals before the start keeping their status, and the local host sending each line as it is
 * written and stopping the run when its client goes. A scripted runner stands in for the pool, so
 * "still running" is a promise the test holds, never a guess about speed.
 */
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setComputeRunner, type ComputeJob, type ComputeRunner } from '../../functions/src/compute';
import { runJob } from '../../functions/src/compute/index';
import { JobTimeoutError, PoolBusyError, type RunOptions } from '../../functions/src/compute/pool';
import { FRONTIER_EXAMPLE, MONTECARLO_EXAMPLE } from '../../functions/src/handlers/examples';
import { progressThinner, wantsStream } from '../../functions/src/http/stream';
import { startLocalHost, type LocalHost } from '../../functions/src/localHost';
import { findRoute } from '../../functions/src/routes';

const NDJSON = 'application/x-ndjson';
const RUN = { ...MONTECARLO_EXAMPLE, firstPath: undefined, pathCount: undefined, paths: 2000 };

/**
 * A runner that reports `progress` (paths done of `total`) as the pool does at admission, then
 * waits for `hold`, then fails with `fail` or answers the job in this thread. `refuse` rejects at
 * once, with no progress, as a full queue does. Records each run's options.
 */
class ScriptedRunner implements ComputeRunner {
  progress: number[] = [];
  total = RUN.paths;
  hold: Promise<void> | undefined;
  fail: unknown;
  refuse: unknown;
  readonly seen: { job: ComputeJob; opts: RunOptions }[] = [];

  run(job: ComputeJob, payload: unknown, opts: RunOptions = {}): Promise<unknown> {
    this.seen.push({ job, opts });
    if (this.refuse !== undefined) return Promise.reject(this.refuse);
    for (const d of this.progress) opts.onProgress?.(d, this.total);
    const { hold, fail } = this;
    return (async () => {
      await hold;
      if (fail !== undefined) throw fail;
      return runJob(job === 'montecarlo' ? 'montecarlo-chunk' : 'frontier-chunk', payload);
    })();
  }

  async close(): Promise<void> {}
}

let runner: ScriptedRunner;
beforeAll(() => {
  runner = new ScriptedRunner();
  setComputeRunner(runner);
});
afterEach(() => {
  runner = new ScriptedRunner();
  setComputeRunner(runner);
});
afterAll(() => setComputeRunner(undefined));

function request(route: string, body: unknown, accept?: string): HttpRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (accept !== undefined) headers.accept = accept;
  return new HttpRequest({
    method: 'POST',
    url: `http://localhost:7071/api/${route}`,
    headers,
    body: { string: JSON.stringify(body) },
  });
}

async function call(route: string, body: unknown, accept?: string) {
  const r = findRoute(route.split('?')[0]!)!;
  const res: HttpResponseInit = await r.handler(
    request(route, body, accept),
    new InvocationContext({ functionName: r.name }),
  );
  const text = res.body instanceof ReadableStream ? await new Response(res.body).text() : String(res.body);
  const headers = res.headers as Record<string, string>;
  return { status: res.status ?? 200, type: headers['content-type'], retryAfter: headers['retry-after'], text };
}

type Line = { type: 'progress'; done: number; total: number } | { type: 'result'; result: unknown } | Problem;
type Problem = { type: 'problem'; problem: { status: number; code: string; detail: string } };
const linesOf = (text: string): Line[] => {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
};

describe('wantsStream: the Accept header', () => {
  const accepts = (accept: string | undefined): boolean => wantsStream(request('montecarlo', {}, accept));
  it.each([
    [NDJSON, true],
    [`${NDJSON}, application/json;q=0.5`, true],
    [`application/json, ${NDJSON}`, true],
    [`Application/X-NDJSON; charset=utf-8`, true],
    [`application/json, ${NDJSON};q=0.9`, false],
    [`${NDJSON};q=0`, false],
    [`${NDJSON};q=abc`, false],
    ['application/json', false],
    ['*/*', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (accept, want) => {
    expect(accepts(accept as string | undefined)).toBe(want);
  });
});

describe('progressThinner', () => {
  it('passes the first report, each further percent and the last, never a count twice or backwards', () => {
    const sent: number[] = [];
    const thin = progressThinner((d) => sent.push(d));
    for (let d = 0; d <= 1000; d++) thin(d, 1000);
    thin(1000, 1000);
    thin(500, 1000);
    expect(sent).toEqual(Array.from({ length: 101 }, (_, i) => 10 * i));
  });

  it('a run of fewer than 100 paths reports every path; sums that jump are reported when they pass a percent', () => {
    const small: number[] = [];
    const t = progressThinner((d) => small.push(d));
    for (let d = 0; d <= 7; d++) t(d, 7);
    expect(small).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const jumps: number[] = [];
    const u = progressThinner((d) => jumps.push(d));
    for (const d of [0, 4000, 4100, 9000, 9500, 10_000, 1_000_000]) u(d, 1_000_000);
    expect(jumps).toEqual([0, 10_000, 1_000_000]);
  });

  it('always passes the last report, done = total, even less than a percent after the one before', () => {
    const sent: number[] = [];
    const thin = progressThinner((d) => sent.push(d));
    for (const d of [0, 995, 1000]) thin(d, 1000);
    expect(sent).toEqual([0, 995, 1000]);
  });
});

describe('POST /api/montecarlo with Accept: application/x-ndjson', () => {
  it('streams the progress, then the JSON answer byte for byte', async () => {
    const plain = await call('montecarlo?partial=false', RUN);
    runner.progress = [0, 500, 1000, 1500, 2000];
    const r = await call('montecarlo?partial=false', RUN, NDJSON);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/x-ndjson; charset=utf-8');
    const lines = linesOf(r.text);
    expect(lines.slice(0, -1)).toEqual(runner.progress.map((done) => ({ type: 'progress', done, total: 2000 })));
    expect(r.text.split('\n').at(-2)).toBe(`{"type":"result","result":${plain.text}}`);
    expect(runner.seen.at(-1)!.opts.onProgress).toBeTypeOf('function');
  });

  it('a runner that reports no progress: the answer is the one line', async () => {
    const plain = await call('montecarlo?partial=false', RUN);
    const r = await call('montecarlo?partial=false', RUN, NDJSON);
    expect(r.text).toBe(`{"type":"result","result":${plain.text}}\n`);
  });

  it('a failure after the start is the last line, as the problem the JSON answer would be', async () => {
    runner.progress = [0, 1000];
    runner.fail = new JobTimeoutError(50);
    const r = await call('montecarlo?partial=false', RUN, NDJSON);
    expect(r.status).toBe(200);
    const lines = linesOf(r.text);
    expect(lines.map((l) => l.type)).toEqual(['progress', 'progress', 'problem']);
    const p = (lines[2] as Problem).problem;
    expect(p).toMatchObject({ status: 503, code: 'job_time_limit', instance: '/api/montecarlo' });
    expect(p.detail).toContain('time limit of 50 ms');
  });

  it('a run stopped at its time limit: the JSON answer and a stream not yet begun are 503s with Retry-After', async () => {
    runner.fail = new JobTimeoutError(1_500);
    const plain = await call('montecarlo?partial=false', RUN);
    expect([plain.status, plain.type, plain.retryAfter]).toEqual([503, 'application/problem+json', '2']);
    expect(JSON.parse(plain.text)).toMatchObject({ code: 'job_time_limit', limit: 1_500 });
    runner.refuse = new JobTimeoutError(1_500);
    const streamed = await call('montecarlo?partial=false', RUN, NDJSON);
    expect([streamed.status, streamed.type, streamed.retryAfter]).toEqual([503, 'application/problem+json', '2']);
  });

  it('a full queue keeps its 503 and Retry-After; bad input keeps its 400 naming the field', async () => {
    runner.refuse = new PoolBusyError(4, 3);
    const busy = await call('montecarlo?partial=false', RUN, NDJSON);
    expect(busy.status).toBe(503);
    expect(busy.type).toBe('application/problem+json');
    expect(JSON.parse(busy.text)).toMatchObject({ code: 'compute_queue_full' });
    runner.refuse = undefined;
    const bad = await call('montecarlo?partial=false', { ...RUN, paths: -5 }, NDJSON);
    expect(bad.status).toBe(400);
    expect(bad.type).toBe('application/problem+json');
    expect((JSON.parse(bad.text) as { issues: { path: string }[] }).issues[0]?.path).toBe('paths');
    expect(runner.seen).toHaveLength(1); // the bad input never reached the runner
  });

  it('without the Accept header the answer is JSON as before, and the runner gets no progress callback', async () => {
    const r = await call('montecarlo?partial=false', RUN, 'application/json');
    expect(r.type).toBe('application/json; charset=utf-8');
    expect(JSON.parse(r.text)).toHaveProperty('summary');
    expect(runner.seen[0]!.opts.onProgress).toBeUndefined();
  });
});

describe('a streamed answer whose reader cancels it', () => {
  it('stops the run (a runtime whose client went away cancels the body, with no signal of its own)', async () => {
    runner.hold = new Promise(() => {}); // never released: only the cancel ends this run
    runner.progress = [0];
    const r = findRoute('montecarlo')!;
    const res = await r.handler(
      request('montecarlo?partial=false', RUN, NDJSON),
      new InvocationContext({ functionName: r.name }),
    );
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('{"type":"progress","done":0,"total":2000}\n');
    const signal = runner.seen[0]!.opts.signal!;
    expect(signal.aborted).toBe(false);
    await reader.cancel();
    expect(signal.aborted).toBe(true);
  });
});

describe('POST /api/frontier with Accept: application/x-ndjson', () => {
  it('streams the progress, then the frontier byte for byte', async () => {
    const body = { ...FRONTIER_EXAMPLE, paths: 400 };
    const plain = await call('frontier', body);
    runner.total = 400;
    runner.progress = [0, 200, 400];
    const r = await call('frontier', body, NDJSON);
    const lines = linesOf(r.text);
    expect(lines.slice(0, -1)).toEqual([0, 200, 400].map((done) => ({ type: 'progress', done, total: 400 })));
    expect(r.text.split('\n').at(-2)).toBe(`{"type":"result","result":${plain.text}}`);
  });
});

describe('the local host sends each line as it is written', () => {
  let host: LocalHost;
  const errors: unknown[][] = [];
  beforeAll(async () => {
    host = await startLocalHost({ port: 0, tls: false, corsOrigins: ['*'], logError: (...a) => errors.push(a) });
  });
  afterAll(async () => {
    await host?.close();
  });

  const open = (signal?: AbortSignal) =>
    fetch(`${host.url}/api/montecarlo?partial=false`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: NDJSON },
      body: JSON.stringify(RUN),
      ...(signal ? { signal } : {}),
    });

  it('the progress arrives while the run is held, the answer when it is released', async () => {
    let release!: () => void;
    runner.hold = new Promise((r) => (release = r));
    runner.progress = [0, 1000];
    const res = await open();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (text.split('\n').length < 3) text += (await reader.read()).value ?? '';
    expect(text).toBe('{"type":"progress","done":0,"total":2000}\n{"type":"progress","done":1000,"total":2000}\n');
    release();
    for (let c = await reader.read(); !c.done; c = await reader.read()) text += c.value;
    const last = JSON.parse(text.trimEnd().split('\n').at(-1)!) as {
      type: string;
      result: { summary: { paths: number } };
    };
    expect(last.type).toBe('result');
    expect(last.result.summary.paths).toBe(2000);
    expect(errors).toEqual([]);
  });

  it('a client that goes away mid-stream stops its run, without a logged error', async () => {
    runner.hold = new Promise(() => {}); // never released: only the abort ends this run
    runner.progress = [0];
    const abort = new AbortController();
    const res = await open(abort.signal);
    const reader = res.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    const signal = runner.seen.at(-1)!.opts.signal!;
    const stopped = new Promise<void>((r) => (signal.aborted ? r() : signal.addEventListener('abort', () => r())));
    abort.abort();
    await stopped;
    expect(signal.aborted).toBe(true);
    const h = (await (await fetch(`${host.url}/api/health`)).json()) as { status: string };
    expect(h.status).toBe('ok');
    expect(errors).toEqual([]);
  });
});

describe('the OpenAPI document', () => {
  it('lists the streamed answer beside the JSON one on exactly the heavy routes that stream', async () => {
    const r = findRoute('openapi.json')!;
    const res = await r.handler(
      new HttpRequest({ method: 'GET', url: 'http://localhost:7071/api/openapi.json' }),
      new InvocationContext({ functionName: r.name }),
    );
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document read field by field
    const doc = JSON.parse(String(res.body)) as any;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
    const streamed = Object.entries(doc.paths as Record<string, any>)
      .filter(([, p]) => p.post?.responses['200'].content[NDJSON] !== undefined)
      .map(([path]) => path);
    expect(streamed.sort()).toEqual(['/api/frontier', '/api/montecarlo']);
    const mc = doc.paths['/api/montecarlo'].post.responses['200'].content[NDJSON].schema;
    expect(mc.oneOf.map((l: { properties: { type: { const: string } } }) => l.properties.type.const)).toEqual([
      'progress',
      'result',
      'problem',
    ]);
    expect(mc.oneOf[1].properties.result).toEqual({ $ref: '#/components/schemas/MonteCarloResult' });
  });
});
