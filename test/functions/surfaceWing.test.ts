/**
 * A plan's `market.surface` and a scenario book's `book.surface` whose wing drives total variance
 * below 0: a 400 naming the wing's beta at the path the caller sent (the stress grid answered 200
 * with legs marked at vol 0; the plan named `condor.vols[0]`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSurface } from '@alvh/shared';
import { setComputeRunner } from '../../functions/src/compute';
import { PLAN_EXAMPLE, STRESS_EXAMPLE } from '../../functions/src/handlers/examples';
import { inlineCompute } from './inlineCompute';
import { postJson as post, type Json } from './postJson';

beforeAll(() => setComputeRunner(inlineCompute()));
afterAll(() => setComputeRunner(undefined));

/** The example day's surface from the indices, every slice given a put wing of slope −2. */
function badSurface(): Json {
  const data = buildSurface({
    valuationDate: '2026-11-20',
    spot: 6600,
    indices: { vix: 17.5, vix9d: 16.4, vix3m: 19.3, vix6m: 20.5, skew: 141 },
    rate: 0.04,
    divYield: 0.013,
  }).data as unknown as Json;
  for (const s of data.slices) s.svi.putWing = { k: -0.02, beta: -2, delta: 0.01 };
  return data;
}

describe('a surface whose wing makes total variance negative', () => {
  it('/api/stress: 400 naming book.surface.slices[0].svi.putWing.beta', async () => {
    const body = structuredClone(STRESS_EXAMPLE) as Json;
    body.book.surface = badSurface();
    const r = await post('stress', body);
    expect(r.status).toBe(400);
    expect(r.json.field).toBe('book.surface.slices[0].svi.putWing.beta');
    expect(r.json.detail).toMatch(/pass a beta above -0\.\d+/);
  });

  it('/api/plan: 400 naming market.surface.slices[0].svi.putWing.beta, not the condor', async () => {
    const body = structuredClone(PLAN_EXAMPLE) as Json;
    delete body.market.indices;
    delete body.condor.vol;
    body.market.surface = badSurface();
    const r = await post('plan', body);
    expect(r.status).toBe(400);
    expect(r.json.field).toBe('market.surface.slices[0].svi.putWing.beta');
  });
});
