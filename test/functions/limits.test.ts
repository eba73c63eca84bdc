/**
 * Limits and request flags answered the same way on every route: a run over the paths limit is
 * one 422 naming `paths` (also at 1e300), as a Monte Carlo horizon over its limit is (also at
 * 1e20), each limit the field's maximum in the document; a query flag is true or false or a 400
 * naming it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callRoute } from './postJson';
import { MAX_HORIZON_DAYS, MAX_PATHS } from '@alvh/shared';
import { setComputeRunner } from '../../functions/src/compute';
import { buildOpenApi } from '../../functions/src/openapi';
import { routes } from '../../functions/src/routes';
import { FRONTIER_EXAMPLE, MONTECARLO_EXAMPLE } from '../../functions/src/handlers/examples';
import { MARKET_2023_06_09 } from '../helpers/fixtures';
import { inlineCompute } from './inlineCompute';

const call = (path: string, body: string, headers: Record<string, string> = {}) => callRoute(path, { body, headers });

const EXAMPLES = { montecarlo: MONTECARLO_EXAMPLE, frontier: FRONTIER_EXAMPLE } as const;

describe('the paths limit', () => {
  it.each(['montecarlo', 'frontier'] as const)(
    '%s: over the limit, or 1e300, is one 422 naming paths',
    async (route) => {
      // the counts grouped; 1e300, no safe whole number, as sent
      const sent = { '2,000,001': MAX_PATHS + 1, '1e+300': 1e300 };
      for (const [shown, paths] of Object.entries(sent)) {
        const { pathCount: _drop, ...rest } = EXAMPLES[route] as Record<string, unknown>;
        const { status, json } = await call(route, JSON.stringify({ ...rest, paths }));
        expect([status, json.code, json.field], String(paths)).toEqual([422, 'limit_exceeded', 'paths']);
        expect(json.detail).toBe(
          `paths: is ${shown}, over the limit of 2,000,000 paths per run; run at most 2,000,000 paths`,
        );
        expect(json.issues).toBeUndefined();
      }
    },
  );
});

describe('the document states the work limits as maximums, and over them is the 422', () => {
  const doc = buildOpenApi(routes, 'test') as {
    components: { schemas: Record<string, { properties: Record<string, { maximum?: number }> }> };
  };
  it.each([
    ['MonteCarloInput', 'paths', MAX_PATHS],
    ['FrontierInput', 'paths', MAX_PATHS],
    ['MonteCarloInput', 'horizonDays', MAX_HORIZON_DAYS],
  ] as const)('%s.%s: maximum %i', (component, field, most) => {
    expect(doc.components.schemas[component]!.properties[field]!.maximum).toBe(most);
  });

  it('montecarlo: horizonDays says its other bound, the condor’s expiry, in its description', () => {
    const horizon = doc.components.schemas.MonteCarloInput!.properties.horizonDays as { description?: string };
    expect(horizon.description).toMatch(/at most the last condor's expiry/);
  });

  it('montecarlo: a horizonDays over 730, or 1e20, is one 422 naming horizonDays', async () => {
    // the example's condor expires 56 days out: 731 is named with that bound, 1e20 with the limit
    const over = await call('montecarlo', JSON.stringify({ ...MONTECARLO_EXAMPLE, horizonDays: MAX_HORIZON_DAYS + 1 }));
    expect([over.status, over.json.code, over.json.field]).toEqual([422, 'limit_exceeded', 'horizonDays']);
    expect(over.json.detail).toMatch(/^horizonDays: is 731, over the limit of 730 days and after the condor's expiry/);
    const huge = await call('montecarlo', JSON.stringify({ ...MONTECARLO_EXAMPLE, horizonDays: 1e20 }));
    expect([huge.status, huge.json.code, huge.json.field]).toEqual([422, 'limit_exceeded', 'horizonDays']);
    expect(huge.json.detail).toBe(
      "horizonDays: is 100000000000000000000, over the limit of 730 days; pass a horizon of at most 730 days and no later than the last condor's expiry, or leave it out for that expiry",
    );
    expect(huge.json.issues).toBeUndefined();
  });
});

describe('the partial flag', () => {
  it.each(['montecarlo', 'frontier'] as const)('%s: ?partial=maybe is a 400 naming partial', async (route) => {
    for (const q of ['maybe', '1', '', 'yes']) {
      const { status, json } = await call(`${route}?partial=${q}`, JSON.stringify(EXAMPLES[route]));
      expect([status, json.field], q).toEqual([400, 'partial']);
      expect(json.detail).toMatch(/not true or false; pass \?partial=true or \?partial=false/);
    }
  });

  it.each(['montecarlo', 'frontier'] as const)(
    '%s: ?partial=maybe is the 400 before a chain is read or fitted',
    async (route) => {
      const rows = (JSON.parse(readFileSync(join('docs', 'examples', 'surface.json'), 'utf8')) as { chain: unknown })
        .chain;
      const plan = (chain: unknown) => ({
        valuationDate: '2023-06-09',
        market: { ...MARKET_2023_06_09, chain },
        condor: { expiry: '2023-07-21', strikes: [4000, 4050, 4500, 4550], quantity: 10 },
        portfolio: { capital: 2_000_000 },
      });
      const runner = inlineCompute();
      setComputeRunner(runner);
      try {
        // a chain that fits (rows: checked and fitted on the pool) and one that does not
        for (const chain of [rows, 'no chain at all']) {
          const body = JSON.stringify({ plan: plan(chain), paths: 2000, seed: 7 });
          const { status, json } = await call(`${route}?partial=maybe`, body);
          expect([status, json.field]).toEqual([400, 'partial']);
        }
        expect(runner.jobs).toEqual([]);
      } finally {
        setComputeRunner(undefined);
      }
    },
  );
});

describe('an encoded body', () => {
  it.each(['gzip', 'br', 'deflate, gzip'])('Content-Encoding: %s is a 415 naming it', async (encoding) => {
    const { status, json, headers } = await call('plan', '{}', { 'content-encoding': encoding });
    expect([status, json.code]).toEqual([415, 'unsupported_media_type']);
    expect(json.detail).toContain(`Content-Encoding: ${encoding}`);
    expect(headers['accept-encoding']).toBe('identity');
  });

  it('identity is no encoding', async () => {
    expect((await call('plan', '{}', { 'content-encoding': 'identity' })).status).toBe(400);
  });
});
