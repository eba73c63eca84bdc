/**
 * The page's words for a failed cloud run, without a network (fetch stubbed): a problem document's
 * detail shown capped, and the run's note repeating a long message by its start.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunError, postJson } from '../../addin/src/taskpane/jobs';
import { MOST_SHOWN, capped } from '../../addin/src/taskpane/problemWords';
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
    expect(capped('short')).toBe('short');
    expect(capped('x'.repeat(MOST_SHOWN))).toHaveLength(MOST_SHOWN);
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
