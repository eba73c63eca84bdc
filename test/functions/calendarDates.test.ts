/**
 * A date outside the exchange calendar (2000-2040) is named where it was sent: a book's
 * valuationDate of 2041 or 9999 on /api/stress and /api/montecarlo (it blamed the first leg as
 * expired), and a plan's VX future of 1999 at its row (it named the whole market.futures).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setComputeRunner } from '../../functions/src/compute';
import {
  FRONTIER_EXAMPLE,
  MONTECARLO_EXAMPLE,
  PLAN_EXAMPLE,
  STRESS_EXAMPLE,
} from '../../functions/src/handlers/examples';
import { inlineCompute } from './inlineCompute';
import { postJson } from './postJson';

beforeAll(() => setComputeRunner(inlineCompute()));
afterAll(() => setComputeRunner(undefined));

const outside = (date: string) =>
  `is ${date}, outside the exchange calendar's 2000-01-01..2040-12-31; pass a date from 2000 to 2040`;

describe('a date outside the exchange calendar is named where it was sent', () => {
  it.each([
    ['stress', STRESS_EXAMPLE],
    ['montecarlo', MONTECARLO_EXAMPLE],
  ] as const)('POST /api/%s: book.valuationDate after 2040', async (route, example) => {
    for (const valuationDate of ['2041-01-02', '9999-12-31']) {
      const r = await postJson(route, { ...example, book: { ...example.book, valuationDate } });
      expect(r.status).toBe(400);
      expect(r.json.issues).toEqual([{ path: 'book.valuationDate', message: outside(valuationDate) }]);
    }
  });

  it('POST /api/plan and /api/frontier: the front VX future of 1999 at its row', async () => {
    const futures = PLAN_EXAMPLE.market.futures.map((f, i) => (i === 1 ? { ...f, expiry: '1999-12-31' } : f));
    const plan = { ...PLAN_EXAMPLE, market: { ...PLAN_EXAMPLE.market, futures } };
    const r = await postJson('plan', plan);
    expect(r.status).toBe(400);
    expect(r.json.issues).toEqual([{ path: 'market.futures[1].expiry', message: outside('1999-12-31') }]);
    const f = await postJson('frontier', { ...FRONTIER_EXAMPLE, plan });
    expect(f.status).toBe(400);
    expect(f.json.issues).toEqual([{ path: 'plan.market.futures[1].expiry', message: outside('1999-12-31') }]);
  });
});
