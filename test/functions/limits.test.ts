/**
 * Limits and request flags answered the same way on every route: a run over the paths limit is
 * one 422 naming `paths` (also at 1e300), a query flag is true or false or a 400 naming it.
 */
import { describe, expect, it } from 'vitest';
import { callRoute } from './postJson';
import { MAX_PATHS } from '@alvh/shared';
import { FRONTIER_EXAMPLE, MONTECARLO_EXAMPLE } from '../../functions/src/handlers/examples';

const call = (path: string, body: string, headers: Record<string, string> = {}) => callRoute(path, { body, headers });

const EXAMPLES = { montecarlo: MONTECARLO_EXAMPLE, frontier: FRONTIER_EXAMPLE } as const;

describe('the paths limit', () => {
  it.each(['montecarlo', 'frontier'] as const)(
    '%s: over the limit, or 1e300, is one 422 naming paths',
    async (route) => {
      for (const paths of [MAX_PATHS + 1, 1e300]) {
        const { pathCount: _drop, ...rest } = EXAMPLES[route] as Record<string, unknown>;
        const { status, json } = await call(route, JSON.stringify({ ...rest, paths }));
        expect([status, json.code, json.field], String(paths)).toEqual([422, 'limit_exceeded', 'paths']);
        expect(json.detail).toBe(
          `paths: is ${paths}, over the limit of ${MAX_PATHS} paths per run; run at most ${MAX_PATHS} paths`,
        );
        expect(json.issues).toBeUndefined();
      }
    },
  );
});

describe('the partial flag', () => {
  it.each(['montecarlo', 'frontier'] as const)('%s: ?partial=maybe is a 400 naming partial', async (route) => {
    for (const q of ['maybe', '1', '', 'yes']) {
      const { status, json } = await call(`${route}?partial=${q}`, JSON.stringify(EXAMPLES[route]));
      expect([status, json.field], q).toEqual([400, 'partial']);
      expect(json.detail).toMatch(/not true or false; pass \?partial=true or \?partial=false/);
    }
  });
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
