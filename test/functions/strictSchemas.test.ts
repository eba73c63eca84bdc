/**
 * Unknown fields are errors at any depth (docs/api.md): every object of every request schema, as
 * the OpenAPI document describes it, refuses keys it does not know, and a misspelt field deep in a
 * request is a 400 naming it, on every route that takes it.
 */
import { describe, expect, it } from 'vitest';
import { resolvePolicy } from '@alvh/shared';
import { routes } from '../../functions/src/routes';
import { buildOpenApi } from '../../functions/src/openapi';
import { PLAN_EXAMPLE, REPLAY_EXAMPLE, STRESS_EXAMPLE } from '../../functions/src/handlers/examples';
import { postJson as post } from './postJson';

type Json = Record<string, unknown>;

/** Every object schema reachable from `root`, with where it was found, following `$ref`s once each. */
function objectSchemas(doc: Json, root: string): { where: string; schema: Json }[] {
  const schemas = (doc.components as { schemas: Record<string, Json> }).schemas;
  const seen = new Set<string>();
  const out: { where: string; schema: Json }[] = [];
  const walk = (v: unknown, where: string): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${where}[${i}]`));
    if (v === null || typeof v !== 'object') return;
    const o = v as Json;
    if (typeof o.$ref === 'string') {
      const name = o.$ref.split('/').pop()!;
      if (!seen.has(name)) {
        seen.add(name);
        walk(schemas[name], name);
      }
    }
    if (o.type === 'object' || o.properties !== undefined) out.push({ where, schema: o });
    for (const [k, x] of Object.entries(o)) if (k !== '$ref') walk(x, `${where}.${k}`);
  };
  walk({ $ref: `#/components/schemas/${root}` }, root);
  return out;
}

describe('request schemas', () => {
  const doc = buildOpenApi(routes, 'test');
  const requests = routes.filter((r) => r.request).map((r) => r.request!.schemaName);

  it.each(requests)('%s: every object refuses unknown fields', (name) => {
    const objects = objectSchemas(doc, name);
    expect(objects.length).toBeGreaterThan(3);
    // An object either lists its fields and takes no other, or is a map whose values have a schema.
    const open = objects
      .filter(({ schema }) => schema.additionalProperties !== false && typeof schema.additionalProperties !== 'object')
      .map(({ where }) => where);
    expect(open).toEqual([]);
  });
});

describe('a misspelt skew field', () => {
  const skewTypo = { skew: { putSlop: 1.9 } };
  const issueOf = (json: Json) => (json.issues as { path: string; message: string }[])[0];

  it.each([
    ['plan', 'policy.skew', { ...PLAN_EXAMPLE, policy: skewTypo }],
    ['stress', 'plan.policy.skew', { plan: { ...PLAN_EXAMPLE, policy: skewTypo }, days: [0] }],
    ['stress', 'policy.skew', { ...STRESS_EXAMPLE, policy: skewTypo }],
    ['replay', 'policy.skew', { ...REPLAY_EXAMPLE, policy: skewTypo }],
  ])('%s: is a 400 naming %s and the fields it takes', async (route, path, body) => {
    const r = await post(route, body);
    expect(r.status).toBe(400);
    expect(issueOf(r.json)).toEqual({
      path,
      message:
        'unknown skew field "putSlop"; check the spelling against the documented skew fields (putSlope, callSlope, minRatio, maxRatio)',
    });
  });

  it('is taken when spelt right', async () => {
    const r = await post('plan', { ...PLAN_EXAMPLE, policy: { skew: { putSlope: 1.9 } } });
    expect(r.status).toBe(200);
    expect((r.json.policy as { skew: Json }).skew.putSlope).toBe(1.9);
  });
});

describe('unknown policy fields', () => {
  it('are listed ten at most, long names cut, as every unknown field is', () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`x${i}${i === 0 ? 'y'.repeat(60) : ''}`, 1]));
    let message = '';
    try {
      resolvePolicy(many);
    } catch (e) {
      message = (e as { issues: { message: string }[] }).issues[0]!.message;
    }
    expect(message).toMatch(/^unknown policy field "x0y{38}… \(62 characters\)", "x1", .*"x9", and 2 more; check/);
    expect(message).not.toContain('x10');
  });
});
