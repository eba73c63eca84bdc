/**
 * A book sent to /api/stress or /api/montecarlo is checked the same way on both, and every problem
 * names the field as the client sent it (`book.vix`, `book.tail[0].quantity`), never a variable of
 * the package function behind the route.
 */
import { HttpRequest, InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setComputeRunner } from '../../functions/src/compute';
import { findRoute } from '../../functions/src/routes';
import { MONTECARLO_EXAMPLE, STRESS_EXAMPLE } from '../../functions/src/handlers/examples';
import { inlineCompute } from './inlineCompute';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of several shapes, read by the assertions
type Json = Record<string, any>;

beforeAll(() => setComputeRunner(inlineCompute()));
afterAll(() => setComputeRunner(undefined));

async function call(route: 'stress' | 'montecarlo', body: unknown): Promise<{ status: number; json: Json }> {
  const r = findRoute(route)!;
  const req = new HttpRequest({
    method: 'POST',
    url: `http://localhost/api/${route}`,
    headers: { 'content-type': 'application/json' },
    body: { string: JSON.stringify(body) },
  });
  const res = await r.handler(req, new InvocationContext({ functionName: r.name }));
  return { status: res.status ?? 200, json: JSON.parse(String(res.body)) as Json };
}

const EXAMPLES = { stress: STRESS_EXAMPLE, montecarlo: MONTECARLO_EXAMPLE } as const;
type Book = (typeof STRESS_EXAMPLE)['book'];

/** The route's example with its book changed by `edit`. */
function withBook(route: keyof typeof EXAMPLES, edit: (b: Book) => Book): unknown {
  const ex = structuredClone(EXAMPLES[route]);
  return { ...ex, book: edit(ex.book) };
}

const tailLeg = (b: Book, leg: Partial<Book['tail'][number]>): Book => ({
  ...b,
  tail: [{ ...b.tail[0]!, ...leg }],
});

describe('one leg validation for a book on every route', () => {
  it.each(['stress', 'montecarlo'] as const)(
    '%s refuses expired, fractional, zero and off-VX-expiry legs',
    async (route) => {
      const cases: [Partial<Book['tail'][number]>, string, RegExp][] = [
        [{ expiry: '2026-01-20' }, 'book.tail[0].expiry', /on or before the valuation date/],
        [{ expiry: '2026-11-20' }, 'book.tail[0].expiry', /on or before the valuation date/],
        [{ quantity: 1.5 }, 'book.tail[0].quantity', /whole, non-zero/],
        [{ quantity: 0 }, 'book.tail[0].quantity', /whole, non-zero/],
        [{ expiry: '2027-01-22' }, 'book.tail[0].expiry', /not a VX final-settlement date/],
      ];
      for (const [leg, field, problem] of cases) {
        const { status, json } = await call(
          route,
          withBook(route, (b) => tailLeg(b, leg)),
        );
        expect([status, json.field], JSON.stringify(leg)).toEqual([400, field]);
        expect(json.detail).toMatch(problem);
      }
      const ok = await call(route, EXAMPLES[route]);
      expect(ok.status).toBe(200);
    },
  );
});
