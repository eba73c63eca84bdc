/**
 * A refusal over a per-call work limit suggests how many paths a call may carry: sent back as the
 * chunk's pathCount, that number is accepted (POST /api/montecarlo and /api/frontier, with and
 * without the per-path arrays, to several horizons). The pool is a recorder: what reaches it was
 * accepted, and nothing is computed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callRoute } from './postJson';
import { setComputeRunner } from '../../functions/src/compute';
import { FRONTIER_EXAMPLE, MONTECARLO_EXAMPLE } from '../../functions/src/handlers/examples';
import { MAX_PARTIAL_PATHS } from '../../functions/src/handlers/montecarlo';
import { MAX_FRONTIER_PARTIAL_PATHS } from '../../functions/src/handlers/frontier';

const recorded: { job: string; payload: unknown }[] = [];
beforeAll(() =>
  setComputeRunner({
    run: async (job: string, payload: unknown) => {
      recorded.push({ job, payload });
      return job === 'frontier' ? { points: [] } : { summary: null };
    },
    close: async () => {},
  }),
);
afterAll(() => setComputeRunner(undefined));
beforeEach(() => {
  recorded.length = 0;
});

/** The example book with its condor expiring 2028-11-17 (728 days out), so that any horizon up to it runs. */
const { firstPath: _f, pathCount: _c, ...RUN } = MONTECARLO_EXAMPLE;
const LONG_BOOK = {
  ...RUN.book,
  condor: RUN.book.condor.map((leg) => ({ ...leg, expiry: '2028-11-17' })),
};

/** The counts a refusal's fix suggests ("at most N paths"), in the order it states them. */
function suggested(fix: string): number[] {
  return [...fix.matchAll(/at most ([\d,]+) paths/g)].map((m) => Number(m[1]!.replaceAll(',', '')));
}

/** The 422 of `route` for `body`, and the counts its fix suggests. */
async function refusal(route: string, body: unknown): Promise<number[]> {
  const r = await callRoute(route, { body });
  expect(r.status).toBe(422);
  expect(r.json.code).toBe('limit_exceeded');
  const counts = suggested(String(r.json.fix));
  expect(counts.length).toBeGreaterThan(0);
  return counts;
}

describe('POST /api/montecarlo: the count a refusal suggests is accepted', () => {
  it.each([21, 56, 200])(
    'with the per-path arrays, %i days: one chunk of the count it names answers 200',
    async (days) => {
      const body = { ...RUN, book: LONG_BOOK, paths: 2_000_000, horizonDays: days };
      const [most] = await refusal('montecarlo', body);
      expect(most).toBeLessThanOrEqual(MAX_PARTIAL_PATHS);
      const chunk = await callRoute('montecarlo', { body: { ...body, firstPath: 0, pathCount: most } });
      expect([chunk.status, chunk.json.detail]).toEqual([200, undefined]);
      expect(recorded).toHaveLength(1);
    },
  );

  it.each([21, 56, 200])(
    'with the per-path arrays, %i days: the refusal offers ?partial=false, and the count it names there is accepted',
    async (days) => {
      const body = { ...RUN, book: LONG_BOOK, paths: 2_000_000, horizonDays: days };
      const r = await callRoute('montecarlo', { body });
      expect(r.status).toBe(422);
      const m = /, or send \?partial=false for the summary alone of up to ([\d,]+) paths in one call$/.exec(
        String(r.json.fix),
      );
      expect(m, String(r.json.fix)).not.toBeNull();
      const whole = Number(m![1]!.replaceAll(',', ''));
      expect(whole).toBeGreaterThan(MAX_PARTIAL_PATHS);
      const ok = await callRoute('montecarlo?partial=false', { body: { ...body, paths: whole } });
      expect([ok.status, ok.json.detail]).toEqual([200, undefined]);
      const over = await callRoute('montecarlo?partial=false', { body: { ...body, paths: whole + 1 } });
      expect(over.status).toBe(422);
    },
  );

  it('the docs example book, 400,000 paths to its 56 days: a chunk of the count named answers 200', async () => {
    const body = { ...RUN, paths: 400_000, seed: 7, horizonDays: 56 };
    const [most] = await refusal('montecarlo', body);
    expect(most).toBe(MAX_PARTIAL_PATHS);
    const chunk = await callRoute('montecarlo', { body: { ...body, firstPath: 0, pathCount: most } });
    expect(chunk.status).toBe(200);
  });

  it.each([56, 200, 728])('summary alone, %i days: both counts it names are accepted', async (days) => {
    const body = { ...RUN, book: LONG_BOOK, paths: 2_000_000, horizonDays: days };
    const [fewer, chunk] = await refusal('montecarlo?partial=false', body);
    const whole = await callRoute('montecarlo?partial=false', { body: { ...body, paths: fewer } });
    expect([whole.status, whole.json.detail]).toEqual([200, undefined]);
    expect(chunk).toBeLessThanOrEqual(MAX_PARTIAL_PATHS);
    const part = await callRoute('montecarlo', { body: { ...body, firstPath: 0, pathCount: chunk } });
    expect([part.status, part.json.detail]).toEqual([200, undefined]);
  });

  it('a book whose legs bind before its path-steps: the count named passes the legs limit too', async () => {
    // 4 + 2 + 12 legs: 20,000,000 path-steps and 160,000,000 path-steps × legs bind at 8 legs
    const book = { ...LONG_BOOK, tail: Array.from({ length: 12 }, () => RUN.book.tail[0]!) };
    for (const days of [56, 200]) {
      const body = { ...RUN, book, paths: 2_000_000, horizonDays: days };
      const [most] = await refusal('montecarlo', body);
      const chunk = await callRoute('montecarlo', { body: { ...body, firstPath: 0, pathCount: most } });
      expect([chunk.status, chunk.json.detail]).toEqual([200, undefined]);
    }
  });
});

describe('POST /api/frontier?partial=true: the count a refusal suggests is accepted', () => {
  it.each([
    ['2026-12-11', 21],
    ['2027-01-15', 56],
    ['2027-06-08', 200],
  ])('a condor expiring %s (%i days): one chunk of the count it names answers 200', async (expiry) => {
    const body = {
      ...FRONTIER_EXAMPLE,
      plan: { ...FRONTIER_EXAMPLE.plan, condor: { ...FRONTIER_EXAMPLE.plan.condor, expiry } },
    };
    const [most] = await refusal('frontier?partial=true', { ...body, paths: 2_000_000 });
    expect(most).toBeLessThanOrEqual(MAX_FRONTIER_PARTIAL_PATHS);
    const chunk = await callRoute('frontier?partial=true', {
      body: { ...body, paths: 2_000_000, firstPath: 0, pathCount: most },
    });
    expect([chunk.status, chunk.json.detail]).toEqual([200, undefined]);
    expect(recorded).toHaveLength(1);
  });
});
