/**
 * The OpenAPI document states the bounds the handlers hold a number to: a value the document
 * allows is not refused by the handler for that field alone, and a value it refuses is one the
 * handler refuses, with the handler's own words (each names the fix).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setComputeRunner } from '../../functions/src/compute';
import { buildOpenApi } from '../../functions/src/openapi';
import { routes } from '../../functions/src/routes';
import { MONTECARLO_EXAMPLE, PLAN_EXAMPLE, STRESS_EXAMPLE } from '../../functions/src/handlers/examples';
import { inlineCompute } from './inlineCompute';
import { postJson as post } from './postJson';

type Json = Record<string, unknown>;

beforeAll(() => setComputeRunner(inlineCompute()));
afterAll(() => setComputeRunner(undefined));

const doc = buildOpenApi(routes, 'test') as { components: { schemas: Record<string, Json> } };

/** The schema at `path` below a component: properties by name, `[]` for a list's items, `|i` for a choice. */
function schemaAt(component: string, path: string[]): Json {
  let s: Json = doc.components.schemas[component]!;
  for (const seg of path) {
    while (typeof s.$ref === 'string') s = doc.components.schemas[s.$ref.split('/').pop()!]!;
    if (seg === '[]') s = s.items as Json;
    else if (seg.startsWith('|')) s = (s.anyOf as Json[])[Number(seg.slice(1))]!;
    else s = (s.properties as Record<string, Json>)[seg]!;
  }
  return s;
}

/** Whether a number fits a JSON schema's numeric keywords (the ones these fields use). */
function fits(s: Json, x: number): boolean {
  if (s.type === 'integer' && !Number.isInteger(x)) return false;
  if (typeof s.minimum === 'number' && x < s.minimum) return false;
  if (typeof s.maximum === 'number' && x > s.maximum) return false;
  if (typeof s.exclusiveMinimum === 'number' && x <= s.exclusiveMinimum) return false;
  if (typeof s.exclusiveMaximum === 'number' && x >= s.exclusiveMaximum) return false;
  const not = s.not as Json | undefined;
  if (not && 'const' in not && not.const === x) return false;
  return true;
}

const withSpx = (spx: number) => ({ ...PLAN_EXAMPLE, market: { ...PLAN_EXAMPLE.market, spx } });
const book = STRESS_EXAMPLE.book;
const withTailQuantity = (quantity: number) => ({
  ...STRESS_EXAMPLE,
  book: { ...book, tail: [{ ...book.tail[0]!, quantity }] },
});
const withBookVix = (vix: number) => ({ ...STRESS_EXAMPLE, book: { ...book, vix } });
const withFuture = (price: number) => ({
  ...STRESS_EXAMPLE,
  book: { ...book, futures: [{ ...book.futures[0]!, price }, ...book.futures.slice(1)] },
});
const withLastVix = (vix: number) => ({
  ...PLAN_EXAMPLE,
  lastRebalance: { date: '2026-11-18', vix, futures: PLAN_EXAMPLE.market.futures },
});
const withClose = (vix: number) => ({
  ...MONTECARLO_EXAMPLE,
  vixHistory: [{ date: MONTECARLO_EXAMPLE.book.valuationDate, vix }],
});
const surfaceRate = (rate: number) => ({
  valuationDate: '2026-11-20',
  spot: 6600,
  indices: { vix: 17.5 },
  rate,
});

describe('numbers the document bounds as the handler does', () => {
  it.each([
    // [what, component, path, value, route, body, field, words of the refusal (undefined: taken)]
    [
      'SPX of a plan',
      'PlanInput',
      ['market', 'spx'],
      50,
      'plan',
      withSpx(50),
      'market.spx',
      'is 50, not an SPX level; pass SPX in index points (between 100 and 1000000), e.g. 6600',
    ],
    [
      'SPX of a plan',
      'PlanInput',
      ['market', 'spx'],
      2e6,
      'plan',
      withSpx(2e6),
      'market.spx',
      'is 2000000, not an SPX level; pass SPX in index points (between 100 and 1000000), e.g. 6600',
    ],
    ['SPX of a plan', 'PlanInput', ['market', 'spx'], 6600, 'plan', withSpx(6600), 'market.spx', undefined],
    [
      'a leg of 0',
      'StressGridInput',
      ['book', 'tail', '[]', 'quantity'],
      0,
      'stress',
      withTailQuantity(0),
      'book.tail[0].quantity',
      'is 0, not a whole, non-zero number of contracts; pass whole contracts held, positive long and negative short (remove a leg of 0)',
    ],
    [
      'a fraction of a contract',
      'StressGridInput',
      ['book', 'tail', '[]', 'quantity'],
      2.5,
      'stress',
      withTailQuantity(2.5),
      'book.tail[0].quantity',
      'is 2.5, not a whole, non-zero number of contracts; pass whole contracts held, positive long and negative short (remove a leg of 0)',
    ],
    [
      'a short leg',
      'StressGridInput',
      ['book', 'tail', '[]', 'quantity'],
      -3,
      'stress',
      withTailQuantity(-3),
      'book.tail[0].quantity',
      undefined,
    ],
    [
      'a book’s VIX as a decimal',
      'StressGridInput',
      ['book', 'vix'],
      0.175,
      'stress',
      withBookVix(0.175),
      'book.vix',
      'is 0.175, which looks like a decimal, not VIX points; pass the level in index points (17.5 if 0.175 was meant as a fraction), e.g. 18.5',
    ],
    [
      'a book’s VX future as a decimal',
      'StressGridInput',
      ['book', 'futures', '[]', 'price'],
      0.184,
      'stress',
      withFuture(0.184),
      'book.futures[0].price',
      'is 0.184, which looks like a decimal, not VIX points; pass the level in index points (18.4 if 0.184 was meant as a fraction), e.g. 20.35',
    ],
    [
      'a book’s VX future at ten times',
      'StressGridInput',
      ['book', 'futures', '[]', 'price'],
      600,
      'stress',
      withFuture(600),
      'book.futures[0].price',
      'is 600, above 500 VIX points; pass the level in index points, e.g. 20.35 (prices before 2007-03-26 were quoted at 10× the index)',
    ],
    [
      'a Monte Carlo VIX close as a decimal',
      'MonteCarloInput',
      ['vixHistory', '[]', 'vix'],
      0.5,
      'montecarlo',
      withClose(0.5),
      'vixHistory[0].vix',
      'is 0.5, which looks like a decimal, not VIX points; pass the level in index points (50 if 0.5 was meant as a fraction), e.g. 18.5',
    ],
    [
      'a Monte Carlo VIX close above 300',
      'MonteCarloInput',
      ['vixHistory', '[]', 'vix'],
      301,
      'montecarlo',
      withClose(301),
      'vixHistory[0].vix',
      'is 301, above 300, the highest VIX level the model takes; pass a level in index points from 1 to 300, e.g. 18.5',
    ],
    [
      'a Monte Carlo VIX close at the book’s VIX',
      'MonteCarloInput',
      ['vixHistory', '[]', 'vix'],
      MONTECARLO_EXAMPLE.book.vix,
      'montecarlo',
      withClose(MONTECARLO_EXAMPLE.book.vix),
      'vixHistory[0].vix',
      undefined,
    ],
    [
      'a surface rate of 0.5 (0.5% typed as 0.5)',
      'SurfaceInput',
      ['|1', 'rate'],
      0.5,
      'surface',
      surfaceRate(0.5),
      'rate',
      'is 0.5, above the highest rate 0.2; rates are decimals from -0.05 to 0.2: pass 0.05 for 5%',
    ],
    [
      'a surface rate below the plan’s',
      'SurfaceInput',
      ['|1', 'rate'],
      -0.06,
      'surface',
      surfaceRate(-0.06),
      'rate',
      'is -0.06, below the lowest rate -0.05; rates are decimals from -0.05 to 0.2: pass 0.05 for 5%',
    ],
    ['a surface rate of 0.2', 'SurfaceInput', ['|1', 'rate'], 0.2, 'surface', surfaceRate(0.2), 'rate', undefined],
    [
      'the last rebalance’s VIX as a decimal',
      'PlanInput',
      ['lastRebalance', 'vix'],
      0.5,
      'plan',
      withLastVix(0.5),
      'lastRebalance.vix',
      'VIX is in index points: pass 50, not 0.5',
    ],
    [
      'the last rebalance’s VIX above market.vix’s range',
      'PlanInput',
      ['lastRebalance', 'vix'],
      301,
      'plan',
      withLastVix(301),
      'lastRebalance.vix',
      'is 301, above 300, the highest VIX level the model takes; pass a level in index points from 1 to 300, e.g. 18.5',
    ],
    [
      'the last rebalance’s VIX at 300',
      'PlanInput',
      ['lastRebalance', 'vix'],
      300,
      'plan',
      withLastVix(300),
      'lastRebalance.vix',
      undefined,
    ],
  ] as const)('%s (%s %j = %s)', async (_what, component, path, value, route, body, field, words) => {
    expect(fits(schemaAt(component, [...path]), value)).toBe(words === undefined);
    const r = await post(route, body);
    const issues = (r.json.issues ?? []) as { path: string; message: string }[];
    if (words === undefined) {
      expect(issues.filter((i) => i.path === field)).toEqual([]);
      return;
    }
    expect(r.status).toBe(400);
    expect(issues.filter((i) => i.path === field)).toEqual([{ path: field, message: words }]);
  });
});

describe('what a refinement the bounds cannot state', () => {
  it('the last rebalance’s VIX moves the answer only when its front future expired more than 30 days out', async () => {
    const shift = async (date: string, vix: number) => {
      const last = { date, vix, futures: PLAN_EXAMPLE.market.futures.map((f) => ({ ...f, price: f.price - 0.5 })) };
      const r = await post('plan', { ...PLAN_EXAMPLE, lastRebalance: last });
      expect(r.status).toBe(200);
      return (r.json.rebalance as { shift: number }).shift;
    };
    // 2026-12-16 is 33 days after 2026-11-13: the 30-day value is interpolated from VIX
    expect(await shift('2026-11-13', 40)).not.toBe(await shift('2026-11-13', 17));
    // and 28 days after 2026-11-18: read between the futures alone
    expect(await shift('2026-11-18', 40)).toBe(await shift('2026-11-18', 17));
  });

  it('`model` says it is for the sqrt-legacy dynamics only, and the default dynamics refuse it', async () => {
    const model = schemaAt('MonteCarloInput', ['model']);
    expect(model.description).toMatch(/'sqrt-legacy' dynamics only.*refused with dynamics 'calibrated', the default/);
    const r = await post('montecarlo', { ...MONTECARLO_EXAMPLE, model: { jumpIntensity: 2 } });
    expect(r.status).toBe(400);
    expect(r.json.issues).toEqual([{ path: 'model', message: expect.stringMatching(/pass dynamics: 'sqrt-legacy'/) }]);
  });

  it.each([
    ['MonteCarloInput', ['vixHistory'], /calibrated dynamics only/],
    ['MonteCarloInput', ['pathCount'], /firstPath \+ pathCount at most paths/],
    ['FrontierInput', ['pathCount'], /firstPath \+ pathCount at most paths/],
    [
      'StressGridInput',
      ['book', 'condor', '[]', 'strike'],
      /SPX strike within half to twice SPX.*VIX strike from 1 to 500/,
    ],
    ['PlanInput', ['condor', 'strikes'], /increasing, each within half to twice market\.spx/],
    ['PlanInput', ['condor'], /exactly one of condor and condors/],
    ['PlanInput', ['condors'], /exactly one of condor and condors/],
    ...(['StressGridInput', 'MonteCarloInput'] as const).flatMap((c) => [
      [c, ['plan'], /exactly one of plan and book/] as const,
      [c, ['book'], /exactly one of plan and book/] as const,
      [c, ['policy'], /beside a book only/] as const,
    ]),
    ['PlanInput', ['policy', 'steepSpread'], /above flatBand/],
    ['PlanInput', ['policy', 'flatBand'], /below steepSpread/],
    ['PlanInput', ['policy', 'minCalendarShare'], /at most maxCalendarShare/],
    ['PlanInput', ['policy', 'maxCalendarShare'], /at least minCalendarShare/],
    ['PlanInput', ['policy', 'vegaMatch'], /at most vegaMatchCap/],
    ['PlanInput', ['policy', 'vegaMatchCap'], /at least vegaMatch/],
    ...(['tailDteMin', 'tailDteTarget', 'tailDteMax'] as const).map(
      (f) => ['PlanInput', ['policy', f], /tailDteMin ≤ tailDteTarget ≤ tailDteMax/] as const,
    ),
    ['PlanInput', ['policy', 'overlayStrike'], /a multiple of 5 .*within half to twice SPX/],
    ['PlanInput', ['lastRebalance', 'vix'], /moves the answer only when that day's front future expired more than 30/],
    ['FrontierInput', ['plan', 'policy', 'overlayStrike'], /a multiple of 5/],
  ] as const)('%s %j says so in its description', (component, path, words) => {
    expect(schemaAt(component, [...path]).description).toMatch(words);
  });
});
