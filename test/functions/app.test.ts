/**
 * The Azure entry registers every row of the route table with app.http — the same handlers, the
 * route below /api, the row's auth level — and nothing else.
 */
import { describe, expect, it, vi } from 'vitest';

const registered: { name: string; options: Record<string, unknown> }[] = [];
vi.mock('@azure/functions', async (importOriginal) => {
  const lib = await importOriginal<typeof import('@azure/functions')>();
  return {
    ...lib,
    app: { ...lib.app, http: (name: string, options: Record<string, unknown>) => registered.push({ name, options }) },
  };
});

describe('functions/src/app.ts', () => {
  it('registers each route once with its handler, route and auth level', async () => {
    await import('../../functions/src/app');
    const { routes } = await import('../../functions/src/routes');
    expect(registered.map((r) => r.name)).toEqual(routes.map((r) => r.name));
    for (const r of routes) {
      const reg = registered.find((x) => x.name === r.name)!;
      expect(reg.options.route).toBe(r.route);
      expect(reg.options.authLevel).toBe(r.authLevel);
      expect(reg.options.handler).toBe(r.handler);
      expect(reg.options.methods).toContain(r.method);
      expect(reg.options.methods).not.toContain('OPTIONS');
    }
  });
});
