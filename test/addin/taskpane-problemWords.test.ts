/**
 * The page's words for a failed cloud run, without a network (fetch stubbed): a problem document's
 * detail shown capped, its fix and Retry-After; a proxy's failure without one naming the URL; a
 * host that cannot be reached, told apart by the page's origin; stream lines of another shape; and
 * the run's note repeating a long message by its start.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunError, postJson, postStreamed } from '../../addin/src/taskpane/jobs';
import { MOST_SHOWN, capped, unreachableWords } from '../../addin/src/taskpane/problemWords';
import { NOTE_MOST, noteOfError } from '../../addin/src/taskpane/runBar';

const settings = { endpoint: 'https://alvh.example.net/api', functionKey: '' };
const signal = new AbortController().signal;

afterEach(() => {
  vi.unstubAllGlobals();
});

const problem =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  async () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/problem+json', ...headers },
    });

const failure = async (run: Promise<unknown>): Promise<RunError> => {
  const e = await run.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(RunError);
  return e as RunError;
};

describe('a problem document', () => {
  it('shows at most about 300 characters of a long detail, ending "…"', async () => {
    const trace = `Error: upstream failed\n${'    at handler (/srv/proxy/index.js:12:34)\n'.repeat(120)}`;
    vi.stubGlobal('fetch', problem(500, { title: 'Internal Server Error', detail: trace }));
    const e = await failure(postJson(settings, 'stress', {}, signal));
    expect(e.message.length).toBeLessThan(MOST_SHOWN + 40);
    expect(e.message).toMatch(/^the cloud API answered 500: Error: upstream failed\n {4}at handler/);
    expect(e.message).toMatch(/…$/);
    // a fix the cut detail no longer shows is added after it
    vi.stubGlobal('fetch', problem(422, { detail: `${'x'.repeat(400)}; send fewer paths`, fix: 'send fewer paths' }));
    expect((await failure(postJson(settings, 'stress', {}, signal))).message).toMatch(/x…; send fewer paths$/);
    // an empty detail is no message: the status line stands in, as for an answer without one
    vi.stubGlobal('fetch', problem(502, { detail: '' }));
    const empty = await failure(postJson(settings, 'stress', {}, signal));
    expect([empty.message, empty.problem]).toEqual([
      'the cloud API answered 502: Bad Gateway from https://alvh.example.net/api/stress: the host behind that address is not answering; try again in a minute, or clear the URL in Settings to run here',
      false,
    ]);
    // an empty detail beside a title: the title is the message, and the answer the API's (not "no API at …")
    vi.stubGlobal('fetch', problem(404, { title: 'No such run', detail: '' }));
    const titled = await failure(postJson(settings, 'stress', {}, signal));
    expect([titled.message, titled.problem]).toEqual(['the cloud API answered 404: No such run', true]);
    expect(capped('short')).toBe('short');
    expect(capped('x'.repeat(MOST_SHOWN))).toHaveLength(MOST_SHOWN);
  });

  it("adds the problem's fix, once", async () => {
    vi.stubGlobal(
      'fetch',
      problem(422, { title: 'Unprocessable', detail: 'the run is over the limit', fix: 'send fewer paths' }),
    );
    expect((await failure(postJson(settings, 'stress', {}, signal))).message).toBe(
      'the cloud API answered 422: the run is over the limit; send fewer paths',
    );
    // a detail that already carries its fix says it once
    vi.stubGlobal('fetch', problem(400, { detail: 'paths: too many; send fewer paths', fix: 'send fewer paths' }));
    expect((await failure(postJson(settings, 'stress', {}, signal))).message).toBe(
      'the cloud API answered 400: paths: too many; send fewer paths',
    );
  });

  it('a 429 or 503 with Retry-After says how long to wait, unless the problem already does', async () => {
    vi.stubGlobal('fetch', problem(429, { title: 'Too Many Requests', detail: 'slow down' }, { 'retry-after': '7' }));
    expect((await failure(postJson(settings, 'stress', {}, signal))).message).toBe(
      'the cloud API answered 429: slow down; try again in 7 s',
    );
    vi.stubGlobal(
      'fetch',
      problem(
        503,
        {
          detail: 'the compute pool is full (2 heavy runs in progress, one per thread and 4 waiting)',
          fix: 'retry after 12 seconds, or send fewer heavy requests at once',
        },
        { 'retry-after': '12' },
      ),
    );
    expect((await failure(postJson(settings, 'stress', {}, signal))).message).toBe(
      'the cloud API answered 503: the compute pool is full (2 heavy runs in progress, one per thread and 4 waiting); retry after 12 seconds, or send fewer heavy requests at once',
    );
    // without a problem document: the wait takes the place of "in a minute"
    vi.stubGlobal('fetch', async () => new Response('', { status: 503, headers: { 'retry-after': '30' } }));
    expect((await failure(postJson(settings, 'stress', {}, signal))).message).toBe(
      'the cloud API answered 503: Service Unavailable from https://alvh.example.net/api/stress: the host behind that address is not answering; try again in 30 s, or clear the URL in Settings to run here',
    );
  });
});

describe('a proxy failure without a problem document', () => {
  it('a 429 names the URL and when to try again', async () => {
    vi.stubGlobal('fetch', async () => new Response('', { status: 429, headers: { 'retry-after': '9' } }));
    expect((await failure(postJson(settings, 'stress', {}, signal))).message).toBe(
      'the cloud API answered 429: Too Many Requests from https://alvh.example.net/api/stress: the host is turning requests away; try again in 9 s',
    );
  });

  it.each([502, 503, 504])('%i names the URL and says the host behind it is not answering', async (status) => {
    vi.stubGlobal('fetch', async () => new Response('<html>Bad gateway</html>', { status }));
    const e = await failure(postJson(settings, 'montecarlo?partial=false', {}, signal));
    expect(e.message).toMatch(
      /from https:\/\/alvh\.example\.net\/api\/montecarlo: the host behind that address is not answering; try again in a minute, or clear the URL in Settings to run here$/,
    );
  });

  it('a 500 with an HTML page and a reason names the URL', async () => {
    vi.stubGlobal(
      'fetch',
      async () => new Response('<html>boom</html>', { status: 500, statusText: 'Internal Server Error' }),
    );
    expect((await failure(postJson(settings, 'stress', {}, signal))).message).toBe(
      'the cloud API answered 500: Internal Server Error from https://alvh.example.net/api/stress, without a message; check the URL in Settings, or clear it to run here',
    );
  });
});

describe('a host that cannot be reached', () => {
  it('on another origin than the page: the URL, the host, or the page origin refused, and how to allow it', async () => {
    vi.stubGlobal('location', { origin: 'https://addin.example.org' });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect((await failure(postJson(settings, 'stress', {}, signal))).message).toBe(
      "could not reach https://alvh.example.net/api (Failed to fetch): the URL may be wrong or its host down (check the URL in Settings, or clear it to run here), or the host may be refusing this page's origin, https://addin.example.org: allow it in ALVH_CORS_ORIGINS on the local host, or with az functionapp cors add on Azure",
    );
  });

  it("on the page's own origin: the local host that served the page has stopped", () => {
    expect(unreachableWords('https://localhost:3000/api', 'Failed to fetch', 'https://localhost:3000')).toBe(
      'could not reach https://localhost:3000/api (Failed to fetch): the local host that served this page has stopped; start it again (npm start), or clear the URL in Settings to run here',
    );
  });
});

describe('stream lines of another shape', () => {
  const streamed = (lines: string[]) => async () =>
    new Response(lines.map((l) => `${l}\n`).join(''), {
      status: 200,
      headers: { 'content-type': 'application/x-ndjson' },
    });

  it.each([
    ['a problem line without its document', '{"type":"problem","problem":null}'],
    ['a progress line without numbers', '{"type":"progress"}'],
    ['a null line', 'null'],
    ['a line without a type', '{"done":1,"total":10}'],
    ['a result line without its result', '{"type":"result"}'],
  ])('%s: not the API’s stream, naming the URL and Settings', async (_what, line) => {
    vi.stubGlobal('fetch', streamed(['{"type":"progress","done":0,"total":10}', line]));
    const progress: number[] = [];
    const e = await failure(postStreamed(settings, 'frontier', {}, signal, (d) => progress.push(d)));
    expect(e.message).toBe(
      `the answer from https://alvh.example.net/api/frontier is not the API's stream (a line ${line}): check the URL in Settings, or clear it to run here`,
    );
    expect(progress).toEqual([0]);
  });

  it('a line of a type the page does not read is skipped', async () => {
    vi.stubGlobal('fetch', streamed(['{"type":"heartbeat"}', '{"type":"result","result":{"ok":1}}']));
    expect(await postStreamed(settings, 'frontier', {}, signal, () => {})).toEqual({ ok: 1 });
  });

  it("a problem line's document is read as a refusal", async () => {
    vi.stubGlobal(
      'fetch',
      streamed(['{"type":"problem","problem":{"status":503,"detail":"stopped","fix":"send it again"}}']),
    );
    expect((await failure(postStreamed(settings, 'frontier', {}, signal, () => {}))).message).toBe(
      'the cloud API answered 503: stopped; send it again',
    );
  });
});

describe("a run's note", () => {
  it('repeats a short message whole and a long one by its start, saying where the rest is', () => {
    expect(noteOfError('the cloud API answered 400: paths: too many')).toBe(
      'the cloud API answered 400: paths: too many',
    );
    const long = noteOfError(`the cloud API answered 500: ${'x'.repeat(400)}`);
    expect(long).toMatch(/^the cloud API answered 500: x+… \(the whole message is above the results\)$/);
    expect(long.length).toBeLessThan(NOTE_MOST + 50);
  });
});
