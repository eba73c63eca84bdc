/**
 * An option a plan prices that the plan's own surface cannot mark (a vol above 500%) is a 400
 * naming the field the request sent its surface in, `market.surface` (`plan.market.surface` in a
 * scenario request), with a fix a request can apply; not `legs[1]`, a field no request has, with a
 * fix about SPX moves and VIX levels a plan does not take. The Azure handlers and the local host
 * answer alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setComputeRunner } from '../../functions/src/compute';
import { planOnSurface, STEEP } from '../helpers/steepSurface';
import { inlineCompute } from './inlineCompute';
import { callRoute } from './postJson';
import { hostPost, useLocalHost } from './poolHost';

beforeAll(() => setComputeRunner(inlineCompute())); // the pool's own job function, in this thread
afterAll(() => setComputeRunner(undefined));
const { host } = useLocalHost();

const ROUTES: [string, (plan: object) => object, string][] = [
  ['plan', (plan) => plan, 'market.surface'],
  ['stress', (plan) => ({ plan }), 'plan.market.surface'],
  ['montecarlo?partial=false', (plan) => ({ plan, paths: 100 }), 'plan.market.surface'],
  ['frontier?partial=false', (plan) => ({ plan, paths: 100 }), 'plan.market.surface'],
];

describe('a surface that marks an option the plan prices above 500%', () => {
  it.each(ROUTES)('POST /api/%s names %s with a fix about the surface', async (route, body, field) => {
    for (const r of [await callRoute(route, { body: body(STEEP) }), await hostPost(host(), route, body(STEEP))]) {
      expect([r.status, r.json.code, r.json.field]).toEqual([400, 'invalid_input', field]);
      expect(r.json.detail).toMatch(
        new RegExp(
          `^${field.replace(/\./g, '\\.')}: gives the SPX put 5280 of 2027-01-15, an option the plan prices, a vol of 546% on 2026-11-20 `,
        ),
      );
      expect(r.json.fix).toMatch(
        /^pass a fitted surface, or a chain, whose vols at the plan's strikes stay within 500%/,
      );
      expect(JSON.stringify(r.json)).not.toMatch(/legs\[|SPX move or VIX level/);
    }
  });

  it('POST /api/plan on a milder surface, as the fix says, answers the plan', async () => {
    const mild = planOnSurface({ a: 0.001, b: 0.1, rho: -0.7, m: 0, sigma: 0.1 });
    expect((await callRoute('plan', { body: mild })).status).toBe(200);
    expect((await hostPost(host(), 'plan', mild)).status).toBe(200);
  });
});
