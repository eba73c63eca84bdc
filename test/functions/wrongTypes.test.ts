/**
 * A field sent as the wrong type is told what to pass, once: a field that takes one of several
 * forms (a chain as text or rows) names the forms rather than zod's bare "Invalid input", and a
 * list sent as text is not also told how many items to send.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { routes } from '../../functions/src/routes';
import {
  MONTECARLO_EXAMPLE,
  PLAN_EXAMPLE,
  REPLAY_EXAMPLE,
  STRESS_EXAMPLE,
} from '../../functions/src/handlers/examples';
import { postJson as post } from './postJson';

async function issues(route: string, body: unknown): Promise<{ status: number; issues: unknown[] }> {
  const { status, json } = await post(route, body);
  return { status, issues: (json.issues as unknown[] | undefined) ?? [] };
}

const CHAIN_FORMS = 'pass the quotedata CSV text, or rows [{expiry, strike, type, bid, ask}]';
const planWithChain = (chain: unknown) => ({ ...PLAN_EXAMPLE, market: { ...PLAN_EXAMPLE.market, chain } });
const bookWithChain = (chain: unknown) => ({ ...STRESS_EXAMPLE, book: { ...STRESS_EXAMPLE.book, chain } });

describe('a chain that is neither text nor rows', () => {
  it.each([
    ['surface', 'chain', { chain: 5 }],
    ['surface', 'chain', { chain: null }],
    ['surface', 'chain', { chain: { rows: [] } }],
    ['plan', 'market.chain', planWithChain(5)],
    ['plan', 'market.chain', planWithChain(null)],
    ['stress', 'book.chain', bookWithChain(5)],
    ['montecarlo', 'book.chain', { ...MONTECARLO_EXAMPLE, ...bookWithChain(true), vixLevels: undefined }],
  ])('%s: %s is told the two forms it takes', async (route, path, body) => {
    const r = await issues(route, body);
    expect(r.status).toBe(400);
    expect(r.issues).toContainEqual({ path, message: CHAIN_FORMS });
    expect(r.issues).not.toContainEqual(expect.objectContaining({ message: 'Invalid input' }));
  });
});

describe('a list sent as text', () => {
  it.each([
    ['replay', { ...REPLAY_EXAMPLE, rows: 'x' }, 'rows', 'pass rows as an array of daily market rows'],
    ['plan', { ...PLAN_EXAMPLE, market: { ...PLAN_EXAMPLE.market, futures: 'x' } }, 'market.futures', undefined],
  ])('%s: is one issue, what to pass', async (route, body, path, message) => {
    const r = await issues(route, body);
    expect(r.status).toBe(400);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ path, ...(message === undefined ? {} : { message }) });
  });
});

/** The zod definition fields the walk reads. */
interface Def {
  type: string;
  error?: unknown;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: readonly z.ZodType[];
  items?: readonly z.ZodType[];
  rest?: z.ZodType | null;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  valueType?: z.ZodType;
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every union of `schema`, with its path. */
function unions(schema: z.ZodType): { path: string; def: Def }[] {
  const seen = new Set<z.ZodType>();
  const out: { path: string; def: Def }[] = [];
  const walk = (s: z.ZodType | null | undefined, path: string): void => {
    if (!s || seen.has(s)) return;
    seen.add(s);
    const d = defOf(s);
    if (d.type === 'union') out.push({ path, def: d });
    for (const [k, v] of Object.entries(d.shape ?? {})) walk(v, `${path}.${k}`);
    d.options?.forEach((o, i) => walk(o, `${path}|${i}`));
    d.items?.forEach((o, i) => walk(o, `${path}[${i}]`));
    walk(d.element, `${path}[]`);
    walk(d.rest, `${path}[…]`);
    walk(d.innerType, path);
    walk(d.in, path);
    walk(d.out, path);
    walk(d.valueType, `${path}{}`);
  };
  walk(schema, '');
  return out;
}

describe('request schemas', () => {
  it.each(routes.filter((r) => r.request).map((r) => [r.request!.schemaName, r.request!.schema] as const))(
    '%s: every choice of forms says what to pass when the value fits none',
    (_name, schema) => {
      const bare = unions(schema)
        .filter(({ def }) => def.error === undefined)
        .map(({ path }) => path || '(root)');
      expect(bare).toEqual([]);
    },
  );
});
