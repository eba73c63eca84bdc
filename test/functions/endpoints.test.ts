/**
 * Every endpoint through its handler, with the library's own HttpRequest and InvocationContext:
 * the documented example answers 200 with the right shape, bad input answers 400 listing every
 * issue, work over a limit answers 422 naming it. Heavy jobs run in-process here (the pool has its
 * own tests and the local-host test uses it); the handlers cannot tell the difference.
 */
import { HttpRequest, InvocationContext } from '@azure/functions';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callRoute } from './postJson';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  mergeMonteCarlo,
  runMonteCarloChunk,
  summarizeMonteCarlo,
  MAX_PATH_STEPS,
  reviveMonteCarloPartial,
} from '@alvh/shared';
import { setComputeRunner } from '../../functions/src/compute';
import { inlineCompute } from './inlineCompute';
import { findRoute, routes } from '../../functions/src/routes';
import {
  MONTECARLO_EXAMPLE,
  PLAN_EXAMPLE,
  PLAN_LADDER_EXAMPLE,
  REPLAY_EXAMPLE,
  STRESS_EXAMPLE,
  SURFACE_EXAMPLE,
} from '../../functions/src/handlers/examples';
import { MAX_GRID_CELLS, MAX_POOLED_PATH_STEP_LEGS, MAX_POOLED_PATH_STEPS, MAX_REPLAY_ROWS, plan } from '@alvh/shared';

/** Parsed response bodies, read field by field in the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of several shapes, checked by the assertions themselves
type Json = Record<string, any>;

const runner = inlineCompute();
const jobs = runner.jobs;
beforeAll(() => setComputeRunner(runner));
afterAll(() => setComputeRunner(undefined));

async function call(route: string, body: unknown, method = 'POST') {
  const { status, headers, json } = await callRoute(route, { method, body });
  return {
    status,
    type: headers['content-type'],
    security: {
      'content-security-policy': headers['content-security-policy'],
      'x-content-type-options': headers['x-content-type-options'],
      'referrer-policy': headers['referrer-policy'],
    },
    json,
  };
}

describe('route table', () => {
  it('has every endpoint once, with function keys except health and openapi', () => {
    const names = routes.map((r) => r.route);
    expect(new Set(names).size).toBe(names.length);
    for (const r of routes)
      expect(r.authLevel).toBe(r.route === 'health' || r.route === 'openapi.json' ? 'anonymous' : 'function');
    for (const r of routes.filter((x) => x.method === 'POST')) expect(r.request?.example).toBeDefined();
  });
});

describe('security headers', () => {
  it('every answer on Azure carries the three the API documents, results and problem documents alike', async () => {
    const expected = {
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    for (const r of [
      await call('health', undefined, 'GET'),
      await call('plan', PLAN_EXAMPLE),
      await call('plan', '{"nope'),
      await call('health', {}, 'POST'),
    ])
      expect(r.security).toEqual(expected);
  });
});

describe('body bytes', () => {
  async function sendBytes(bytes: Uint8Array) {
    const r = findRoute('plan')!;
    const req = new HttpRequest({
      method: 'POST',
      url: 'http://localhost:7071/api/plan',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: { bytes },
    });
    const res = await r.handler(req, new InvocationContext({ functionName: r.name }));
    return { status: res.status ?? 200, json: JSON.parse(String(res.body)) as Json };
  }
  const text = JSON.stringify({ ...PLAN_EXAMPLE, valuationDate: PLAN_EXAMPLE.valuationDate });

  it('a body that is not UTF-8 is a 400 saying so, not read with U+FFFD in silence', async () => {
    const utf8 = new TextEncoder().encode(text);
    const bad = new Uint8Array([...utf8.slice(0, 1), 0xe9, 0xff, ...utf8.slice(1)]);
    // the two bytes sit between "{" and the first key: only their decoding decides
    const r = await sendBytes(bad);
    expect([r.status, r.json.code, r.json.detail]).toEqual([
      400,
      'malformed_json',
      'the request body is not valid UTF-8',
    ]);
    expect(r.json.fix).toMatch(/UTF-8/);
  });

  it('a UTF-8 byte order mark before the JSON is read past', async () => {
    const r = await sendBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]));
    expect(r.status).toBe(200);
  });
});

describe('GET /api/health', () => {
  it('answers ok', async () => {
    const r = await call('health', undefined, 'GET');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'ok', service: 'alvh' });
    expect(Date.parse(r.json.time)).not.toBeNaN();
  });
  it('405 for POST', async () => {
    expect((await call('health', {}, 'POST')).status).toBe(405);
  });
});

describe('OpenAPI 200 responses', () => {
  it.each([
    ['health', undefined, 'GET', 'HealthResult'],
    ['plan', PLAN_EXAMPLE, 'POST', 'PlanResult'],
    ['stress', STRESS_EXAMPLE, 'POST', 'StressResult'],
    ['montecarlo', MONTECARLO_EXAMPLE, 'POST', 'MonteCarloResult'],
    ['replay', REPLAY_EXAMPLE, 'POST', 'ReplayAnswer'],
    ['surface', SURFACE_EXAMPLE, 'POST', 'SurfaceResult'],
  ])(
    '%s: described by the schema generated from its result type, whose properties are what it answers',
    async (route, body, method, type) => {
      const doc = (await call('openapi.json', undefined, 'GET')).json;
      const ok = doc.paths[`/api/${route}`][method.toLowerCase()].responses['200'].content['application/json'];
      expect(ok.schema).toEqual({ $ref: `#/components/schemas/${type}` });
      const schema = doc.components.schemas[type];
      expect(schema.type).toBe('object');
      const answer = (await call(route, body, method)).json;
      const props = Object.keys(schema.properties as object).sort();
      // Every key answered is described, and every required key is answered.
      for (const k of Object.keys(answer)) expect(props, k).toContain(k);
      for (const k of schema.required as string[]) expect(Object.keys(answer), k).toContain(k);
    },
  );

  it('the committed result schemas are those the result types generate', async () => {
    const mod = await import('../../functions/scripts/resultSchemas.mjs');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(mod.RESULT_SCHEMAS_FILE, 'utf8')).toBe(mod.resultSchemasText());
  }, 120_000);
});

describe('GET /api/openapi.json', () => {
  it('is OpenAPI 3.1 with every route and its generated request schema', async () => {
    const r = await call('openapi.json', undefined, 'GET');
    expect(r.status).toBe(200);
    const doc = r.json;
    expect(doc.openapi).toBe('3.1.0');
    for (const route of routes) {
      const op = doc.paths[`/api/${route.route}`][route.method.toLowerCase()];
      expect(op.operationId).toBe(route.name);
      if (route.request) {
        const ref = op.requestBody.content['application/json'].schema.$ref as string;
        const schema = doc.components.schemas[ref.split('/').pop()!];
        // An object, or (POST /api/surface: chain or indices form) a choice of objects.
        for (const form of (schema.anyOf ?? [schema]) as Json[]) {
          expect(form.type).toBe('object');
          expect(Object.keys(form.properties as object).length).toBeGreaterThan(2);
        }
        expect(op.responses['400'].content['application/problem+json'].schema.$ref).toBe(
          '#/components/schemas/Problem',
        );
      }
    }
    expect(doc.components.securitySchemes.functionKey).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'x-functions-key',
    });
    // No dangling references anywhere.
    const text = JSON.stringify(doc);
    for (const m of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
      expect(doc.components.schemas[m[1]!]).toBeDefined();
    expect(text).not.toContain('#/$defs/');
  });

  it('says which measure the risk figures are in, on the request and on the answer', async () => {
    const doc = (await call('openapi.json', undefined, 'GET')).json;
    const schemas = doc.components.schemas as Record<string, { properties: Record<string, { description?: string }> }>;
    const described = (name: string, field: string) => schemas[name]!.properties[field]!.description ?? '';
    for (const [name, field] of [
      ['MonteCarloInput', 'measure'],
      ['FrontierInput', 'measure'],
      ['MonteCarloSummary', 'measure'],
      ['FrontierAnswer', 'measure'],
    ] as const) {
      expect(described(name, field), `${name}.${field}`).toMatch(
        /real-world.*risk figure.*risk-neutral.*pricing check/s,
      );
    }
    expect(described('PlanCondorMarked', 'probabilityOfProfit')).toMatch(/risk-neutral .*not a forecast/);
    // The types' JSDoc reaches the answer's schemas as plain text.
    const text = JSON.stringify(doc);
    expect(text.match(/"description":/g)!.length).toBeGreaterThan(200);
    expect(text).not.toContain('{@link');
  });
});

describe('POST /api/montecarlo', () => {
  it('runs the example chunk on the compute runner and answers the partial and its summary', async () => {
    jobs.length = 0;
    const r = await call('montecarlo', MONTECARLO_EXAMPLE);
    expect(r.status).toBe(200);
    expect(jobs).toEqual(['montecarlo']);
    expect(r.json.partial).toMatchObject({ seed: 7, paths: 4000, firstPath: 0, pathCount: 1000 });
    expect(r.json.partial.book).toHaveLength(1000);
    expect(r.json.summary.paths).toBe(1000);
    expect(typeof r.json.summary.alvh.mean).toBe('number');
  });

  it('?partial=false answers the summary alone', async () => {
    const r = await call('montecarlo?partial=false', MONTECARLO_EXAMPLE);
    expect(r.status).toBe(200);
    expect(r.json.partial).toBeUndefined();
    expect(r.json.summary.paths).toBe(1000);
  });

  it('?partial=false on a one-path chunk is a 400 naming pathCount, not a null summary', async () => {
    const r = await call('montecarlo?partial=false', { ...MONTECARLO_EXAMPLE, pathCount: 1 });
    expect(r.status).toBe(400);
    expect(r.json.field).toBe('pathCount');
    expect(r.json.detail).toMatch(/a summary needs at least 2 paths/);
    // with the arrays it is a chunk to merge: 200, its summary null
    const chunk = await call('montecarlo', { ...MONTECARLO_EXAMPLE, pathCount: 1 });
    expect(chunk.status).toBe(200);
    expect(chunk.json.summary).toBeNull();
  });

  it('a refused path count names paths when the request sent no pathCount', async () => {
    const { pathCount: _sent, firstPath: _first, ...run } = MONTECARLO_EXAMPLE;
    const big = await call('montecarlo', { ...run, paths: 300_000 });
    expect(big.status).toBe(422);
    expect(big.json.field).toBe('paths');
    expect(big.json.detail).toBe(
      'paths: is 300,000: the per-path arrays of more than 250,000 paths are not sent in one answer; send ?partial=false for the summary alone, or chunk the run (firstPath, pathCount ≤ 250,000) and merge the chunks',
    );
    // from firstPath the count is paths − firstPath: the detail says both
    const rest = await call('montecarlo', { ...run, paths: 400_000, firstPath: 100_000 });
    expect(rest.status).toBe(422);
    expect(rest.json.field).toBe('paths');
    expect(rest.json.detail).toMatch(/^paths: is 400,000 from firstPath 100,000, 300,000 paths: /);
    const one = await call('montecarlo?partial=false', { ...run, paths: 2, firstPath: 1 });
    expect(one.status).toBe(400);
    expect(one.json.field).toBe('paths');
    expect(one.json.detail).toMatch(/^paths: is 2 from firstPath 1, 1 path: a summary needs at least 2 paths/);
    // a chunk's own count is still pathCount
    const chunk = await call('montecarlo', { ...run, paths: 400_000, firstPath: 0, pathCount: 300_000 });
    expect(chunk.json.field).toBe('pathCount');
    expect(chunk.json.detail).toMatch(/^pathCount: is 300,000: /);
  });

  it('two chunks over HTTP merge to exactly the one-shot run', async () => {
    const a = await call('montecarlo', { ...MONTECARLO_EXAMPLE, paths: 600, firstPath: 0, pathCount: 200 });
    const b = await call('montecarlo', { ...MONTECARLO_EXAMPLE, paths: 600, firstPath: 200, pathCount: 400 });
    const merged = summarizeMonteCarlo(
      mergeMonteCarlo([reviveMonteCarloPartial(a.json.partial), reviveMonteCarloPartial(b.json.partial)]),
    );
    const whole = summarizeMonteCarlo(
      runMonteCarloChunk({ ...MONTECARLO_EXAMPLE, paths: 600, firstPath: 0, pathCount: 600 }),
    );
    expect(merged).toEqual(whole);
  });

  it.each([
    ['no book', { paths: 100 }, ['book']],
    ['paths as a string', { ...MONTECARLO_EXAMPLE, paths: '1000' }, ['paths']],
    [
      'negative seed and fractional pathCount',
      { ...MONTECARLO_EXAMPLE, seed: -1, pathCount: 1.5 },
      ['seed', 'pathCount'],
    ],
    ['firstPath past the run', { ...MONTECARLO_EXAMPLE, firstPath: 5000 }, ['firstPath']],
    [
      'vol in percent',
      { ...MONTECARLO_EXAMPLE, book: { ...MONTECARLO_EXAMPLE.book, volOfVol: 95 } },
      ['book.volOfVol'],
    ],
  ])('400 for %s, listing every issue', async (_label, body, paths) => {
    const r = await call('montecarlo', body);
    expect(r.status).toBe(400);
    expect(r.type).toBe('application/problem+json');
    expect(r.json.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(paths));
    for (const i of r.json.issues) expect(i.message.length).toBeGreaterThan(3);
  });

  describe('a summary-only run is held to the pooled limits (the pool chunks it)', () => {
    const recorded: unknown[] = [];
    const recorder = {
      run: async (_job: string, payload: unknown) => {
        recorded.push(payload);
        return { summary: null };
      },
      close: async () => {},
    };
    beforeEach(() => {
      recorded.length = 0;
      setComputeRunner(recorder);
    });
    afterEach(() => setComputeRunner(runner));
    const million = { ...MONTECARLO_EXAMPLE, paths: 1_000_000, firstPath: 0, pathCount: undefined, horizonDays: 45 };

    it('1,000,000 paths × 45 days goes to the pool in one request with ?partial=false', async () => {
      const r = await call('montecarlo?partial=false', million);
      expect(r.status).toBe(200);
      expect(recorded).toHaveLength(1);
      expect(recorded[0]).toMatchObject({ paths: 1_000_000, firstPath: 0, horizonDays: 45 });
    });

    it('the same run with per-path arrays is a 422 naming the per-call limit', async () => {
      const r = await call('montecarlo', million);
      expect(r.status).toBe(422);
      expect(r.json.detail).toContain(`over the limit of ${MAX_PATH_STEPS.toLocaleString('en-US')} per call`);
      // named as sent: paths (no pathCount in the request), with chunks to merge as the way out, of
      // at most the paths one answer carries (444,444 fit the path-steps; 250,000 fit the answer)
      expect(r.json.detail).toMatch(
        /^paths: .*; run at most 250,000 paths per call and merge chunks \(firstPath, pathCount\), or send \?partial=false for the summary alone of up to 2,000,000 paths in one call$/,
      );
      expect(recorded).toEqual([]);
    });

    it('over the pooled path-steps or path-steps × legs limit: 422 naming it, before any work', async () => {
      const long = await call('montecarlo?partial=false', { ...million, paths: 2_000_000, horizonDays: 60 });
      expect(long.status).toBe(422);
      expect(long.json.detail).toContain(`over the limit of ${MAX_POOLED_PATH_STEPS.toLocaleString('en-US')} per call`);
      // a summary-only run has no per-path values to merge: fewer paths, or chunks that answer them
      expect(long.json.detail).toMatch(
        /^paths: .*; run at most [\d,]+ paths, or send chunks \(firstPath, pathCount\) of at most 250,000 paths that answer their per-path values, and merge them$/,
      );
      const legs = MONTECARLO_EXAMPLE.book.condor.length + MONTECARLO_EXAMPLE.book.overlay.length + 3;
      const tail = Array.from({ length: 3 }, () => MONTECARLO_EXAMPLE.book.tail[0]!);
      const wide = await call('montecarlo?partial=false', {
        ...million,
        paths: 2_000_000,
        horizonDays: 50,
        book: { ...MONTECARLO_EXAMPLE.book, tail },
      });
      expect(wide.status).toBe(422);
      expect(wide.json.detail).toContain(`× ${legs} legs`);
      expect(wide.json.detail).toContain(
        `over the limit of ${MAX_POOLED_PATH_STEP_LEGS.toLocaleString('en-US')} per call`,
      );
      expect(recorded).toEqual([]);
    });
  });

  it('vixHistory: a run started from the filtered factors says so; a bad history is a 400 naming the close', async () => {
    const history = [
      { date: '2026-11-18', vix: 14 },
      { date: '2026-11-19', vix: 16 },
    ];
    const ok = await call('montecarlo?partial=false', { ...MONTECARLO_EXAMPLE, vixHistory: history });
    expect(ok.status).toBe(200);
    expect(ok.json.summary.modelStart).toBe('vix-history');
    const plain = await call('montecarlo?partial=false', MONTECARLO_EXAMPLE);
    expect(plain.json.summary.modelStart).toBe('vix-only');
    const late = await call('montecarlo', {
      ...MONTECARLO_EXAMPLE,
      vixHistory: [...history, { date: '2026-11-23', vix: 17.5 }],
    });
    expect(late.status).toBe(400);
    expect(late.type).toBe('application/problem+json');
    expect(JSON.stringify(late.json)).toContain('vixHistory[2].date');
    const negative = await call('montecarlo', { ...MONTECARLO_EXAMPLE, vixHistory: [{ date: '2026-11-19', vix: -1 }] });
    expect(negative.status).toBe(400);
    expect(negative.json.issues.map((i: { path: string }) => i.path)).toEqual(['vixHistory[0].vix']);
    // a last close the day before at a tenth of the book's VIX (1.75 for 17.5) is refused, not run
    const slip = await call('montecarlo', { ...MONTECARLO_EXAMPLE, vixHistory: [{ date: '2026-11-19', vix: 1.75 }] });
    expect([slip.status, slip.type, slip.json.code, slip.json.field]).toEqual([
      400,
      'application/problem+json',
      'invalid_input',
      'vixHistory[0].vix',
    ]);
    expect(slip.json.detail).toMatch(/under a third of the book's VIX 17\.5 on the valuation date/);
    expect(slip.json.fix).toMatch(/not VVIX/);
  });

  it('422 naming the path-steps limit, before any work is queued', async () => {
    jobs.length = 0;
    const r = await call('montecarlo', { ...MONTECARLO_EXAMPLE, paths: 2_000_000, firstPath: 0, pathCount: 2_000_000 });
    expect(r.status).toBe(422);
    expect(r.json.code).toBe('limit_exceeded');
    expect(r.json.detail).toContain(MAX_PATH_STEPS.toLocaleString('en-US'));
    expect(jobs).toEqual([]);
  });
});

describe('POST /api/plan', () => {
  it('answers the plan of the example inline (no compute job), equal to the shared plan()', async () => {
    jobs.length = 0;
    const r = await call('plan', PLAN_EXAMPLE);
    expect(r.status).toBe(200);
    expect(jobs).toEqual([]);
    expect(r.json).toEqual(JSON.parse(JSON.stringify(plan(PLAN_EXAMPLE as Parameters<typeof plan>[0]))));
    expect(r.json.valuationDate).toBe('2026-11-20');
    expect(r.json.book.condor).toHaveLength(4);
    expect(Array.isArray(r.json.audit)).toBe(true);
  });

  it('answers a ladder of condors (condors instead of condor) as one book, equal to the shared plan()', async () => {
    const r = await call('plan', PLAN_LADDER_EXAMPLE);
    expect(r.status).toBe(200);
    expect(r.json).toEqual(JSON.parse(JSON.stringify(plan(PLAN_LADDER_EXAMPLE as Parameters<typeof plan>[0]))));
    expect(r.json.condors).toHaveLength(3);
    expect(r.json.ladder.count).toBe(3);
    expect(r.json.book.condor).toHaveLength(12);
    expect(r.json.condor).toEqual(r.json.condors[0]);
  });

  it.each([
    ['both condor and condors', { ...PLAN_EXAMPLE, condors: PLAN_LADDER_EXAMPLE.condors }, 'condors', /not both/],
    ['neither condor nor condors', { ...PLAN_LADDER_EXAMPLE, condors: undefined }, 'condor', /or a ladder as condors/],
    ['13 condors', { ...PLAN_LADDER_EXAMPLE, condors: Array(13).fill(PLAN_EXAMPLE.condor) }, 'condors', /at most 12/],
    // priced with a warning, its orders named SPXW contracts no exchange lists (a Saturday, MLK Day)
    [
      'a condor expiring on a Saturday',
      { ...PLAN_EXAMPLE, condor: { ...PLAN_EXAMPLE.condor, expiry: '2027-01-16' } },
      'condor.expiry',
      /^is 2027-01-16, not an exchange trading day, so no SPX option expires on it; pass the condor's listed expiry: the trading day before is 2027-01-15$/,
    ],
    [
      'a ladder condor expiring on an exchange holiday',
      {
        ...PLAN_LADDER_EXAMPLE,
        condors: PLAN_LADDER_EXAMPLE.condors.map((c, i) => (i === 1 ? { ...c, expiry: '2027-01-18' } : c)),
      },
      'condors[1].expiry',
      /^is 2027-01-18, not an exchange trading day, .* the trading day before is 2027-01-15$/,
    ],
    // a 422 "signals.decliners: has 0 values, but an A/D line needs at least 1; pass at least 1 values"
    [
      'advancers without decliners',
      { ...PLAN_EXAMPLE, signals: { advancers: Array(12).fill(1500) } },
      'signals.decliners',
      /^decliners is missing: advancers come with their decliners, one count of each a day; pass signals\.decliners beside them, or remove signals\.advancers$/,
    ],
    [
      'decliners without advancers',
      { ...PLAN_EXAMPLE, signals: { decliners: Array(12).fill(1500) } },
      'signals.advancers',
      /^advancers is missing: decliners come with their advancers, one count of each a day; pass signals\.advancers beside them, or remove signals\.decliners$/,
    ],
  ])('400 naming the field for %s', async (_label, body, path, message) => {
    const r = await call('plan', JSON.parse(JSON.stringify(body)));
    expect(r.status).toBe(400);
    expect(r.type).toBe('application/problem+json');
    expect(r.json.issues).toHaveLength(1);
    expect(r.json.issues[0].path).toBe(path);
    expect(r.json.issues[0].message).toMatch(message);
  });

  it.each([
    ['an empty object', {}, ['valuationDate', 'market', 'condor', 'portfolio']],
    ['VIX as a decimal', { ...PLAN_EXAMPLE, market: { ...PLAN_EXAMPLE.market, vix: 0.175 } }, ['market.vix']],
    [
      'strikes out of order and a bad date',
      {
        ...PLAN_EXAMPLE,
        valuationDate: '2026-02-30',
        condor: { ...PLAN_EXAMPLE.condor, strikes: [6000, 5900, 7200, 7300] },
      },
      ['valuationDate', 'condor.strikes[0]'],
    ],
    ['a rate in percent', { ...PLAN_EXAMPLE, market: { ...PLAN_EXAMPLE.market, rate: 4 } }, ['market.rate']],
  ])('400 for %s, listing every issue', async (_label, body, paths) => {
    const r = await call('plan', body);
    expect(r.status).toBe(400);
    expect(r.type).toBe('application/problem+json');
    expect(r.json.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(paths));
  });

  it('reads your events (signals.events, eventsMode add by default) per kind, or says there is no calendar', async () => {
    const cpi = { date: '2026-12-10', kind: 'CPI', source: 'BLS release calendar' };
    const r = await call('plan', { ...PLAN_EXAMPLE, signals: { events: [cpi] } });
    expect(r.status).toBe(200);
    expect(r.json.signals.eventsSource).toBe('shipped and given');
    const [fomc, c, ppi] = r.json.signals.eventsInCondorLifeByKind as Json[];
    expect(fomc).toMatchObject({ kind: 'FOMC', covered: true });
    expect(fomc!.events.map((e: Json) => e.date)).toEqual(['2026-12-09']);
    // The date given is also shipped (the BLS's published 2026 schedule): listed once. The condor's
    // life runs past 2026, the end of the CPI and PPI calendars: the releases listed count, not as a
    // complete count.
    expect(c).toMatchObject({ kind: 'CPI', covered: false });
    expect(c!.events).toEqual([
      {
        date: '2026-12-10',
        kind: 'CPI',
        source:
          'U.S. Bureau of Labor Statistics, Consumer Price Index news release archive (bls.gov), published 2026 release schedule',
      },
    ]);
    expect(c!.note).toMatch(
      /^CPI: the calendar is not complete for this date \(the CPI calendar covers 2000-01-01 to 2026-12-31/,
    );
    expect(ppi).toMatchObject({ kind: 'PPI', covered: false, events: [{ date: '2026-12-15', kind: 'PPI' }] });
    expect(ppi!.note).toBe(
      'PPI: the calendar is not complete for this date (the PPI calendar covers 2000-01-13 to 2026-12-31): only the PPI dates listed are known',
    );
    // a date given past the calendar (2027-02-10) covers nothing: the January 2027 CPI, in the
    // condor's life and in no calendar, is still said to be unknown
    const later = await call('plan', {
      ...PLAN_EXAMPLE,
      signals: { events: [{ date: '2027-02-10', kind: 'CPI', source: 'my note' }] },
    });
    expect(later.json.signals.eventsInCondorLifeByKind[1]).toMatchObject({ kind: 'CPI', covered: false });
    expect(later.json.signals.eventsInCondorLifeByKind[1].events.map((e: Json) => e.date)).toEqual(['2026-12-10']);
    expect(later.json.warnings.some((w: string) => /^CPI, PPI: no event calendar for this date/.test(w))).toBe(true);
    const replaced = await call('plan', { ...PLAN_EXAMPLE, signals: { events: [cpi], eventsMode: 'replace' } });
    expect(replaced.json.signals.eventsInCondorLifeByKind[0].note).toMatch(/^FOMC: no event calendar for this date/);
    for (const [signals, path, message] of [
      [{ eventsMode: 'add' }, 'signals.eventsMode', /eventsMode needs signals\.events/],
      [{ events: [cpi], eventsMode: 'merge' }, 'signals.eventsMode', /"add"/],
      [{ events: [{ ...cpi, kind: 'NFP' }] }, 'signals.events[0].kind', /FOMC/],
    ] as const) {
      const bad = await call('plan', { ...PLAN_EXAMPLE, signals });
      expect(bad.status).toBe(400);
      expect(bad.json.issues[0].path).toBe(path);
      expect(bad.json.issues[0].message).toMatch(message);
    }
  });

  it('returns the orders from the positions held (docs/examples/plan-positions.json): buy the plan call, close the other', async () => {
    const body = JSON.parse(readFileSync(join('docs', 'examples', 'plan-positions.json'), 'utf8')) as Json;
    const r = await call('plan', body);
    expect(r.status).toBe(200);
    expect(r.json).toEqual(JSON.parse(JSON.stringify(plan(body as Parameters<typeof plan>[0]))));
    const orders = r.json.orders.orders as Json[];
    expect(orders.map((o) => [o.side, o.quantity, o.leg.strike, o.why])).toEqual([
      ['buy', 1, r.json.tail.strike, 'tail: vix-call'],
      ['sell', 2, 22, 'close: held, not in the target'],
    ]);
    expect(r.json.orders.netCost).toBeCloseTo((orders[0]?.cost as number) + (orders[1]?.cost as number), 9);
    expect((await call('plan', PLAN_EXAMPLE)).json.orders).toBeUndefined();
  });

  it.each([
    ['a strike off the grid', 'SPXW 270115P05903,3,1', 'positions line 1'],
    ['an unknown root', 'Symbol,Qty,Price\nXYZ 270115P05900,3,1', 'positions line 2'],
    [
      'a held leg in fractions',
      [{ kind: 'spx', type: 'put', strike: 5900, expiry: '2027-01-15', quantity: 1.5 }],
      'positions[0].quantity',
    ],
  ])('400 problem naming the position for %s', async (_label, positions, path) => {
    const r = await call('plan', { ...PLAN_EXAMPLE, positions });
    expect(r.status).toBe(400);
    expect(r.type).toBe('application/problem+json');
    expect(r.json.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('400 for two positions on one line, rather than ordering the second again', async () => {
    const r = await call('plan', { ...PLAN_EXAMPLE, positions: 'SPXW 270115P05900,3,SPXW 270115P06000,-3' });
    expect(r.status).toBe(400);
    expect(r.json.issues).toEqual([
      {
        path: 'positions line 1',
        message: 'column 3 holds another option symbol (SPXW 270115P06000); put one position a line (symbol, quantity)',
      },
    ]);
  });

  it('400 problem for a held leg of 0 contracts, as its CSV line is refused, not dropped', async () => {
    const leg = { kind: 'vix', type: 'call', strike: 22, expiry: '2027-01-20', quantity: 0 };
    const r = await call('plan', { ...PLAN_EXAMPLE, positions: [leg] });
    expect(r.status).toBe(400);
    expect(r.type).toBe('application/problem+json');
    expect(r.json.issues).toEqual([
      {
        path: 'positions[0].quantity',
        message:
          'is 0, not a whole, non-zero number of contracts: pass e.g. 10 for long, -10 for short, or leave out a leg not held',
      },
    ]);
    const csv = await call('plan', { ...PLAN_EXAMPLE, positions: 'VIX 270120C00022000,0' });
    expect(csv.status).toBe(400);
    expect(csv.json.detail).toMatch(/is not a whole, non-zero number of contracts/);
  });

  it('400 for the wrong kind of positions, saying what to pass', async () => {
    const r = await call('plan', { ...PLAN_EXAMPLE, positions: 42 });
    expect(r.status).toBe(400);
    expect(r.json.issues[0]).toMatchObject({ path: 'positions' });
    expect(r.json.issues[0].message).toMatch(/CSV text/);
  });

  it('400 naming the futures when the curve is not after the valuation date', async () => {
    const r = await call('plan', { ...PLAN_EXAMPLE, valuationDate: '2027-01-01' });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(JSON.stringify(r.json)).toMatch(/futures|expiry|condor/);
  });
});

describe('POST /api/stress', () => {
  it('answers the grid of the example through the compute runner', async () => {
    jobs.length = 0;
    const r = await call('stress', STRESS_EXAMPLE);
    expect(r.status).toBe(200);
    expect(jobs).toEqual(['stress']);
    expect(r.json.vixLevels).toEqual([15, 25, 40]);
    expect(r.json.total).toHaveLength(3); // days
    expect(r.json.total[0]).toHaveLength(r.json.spxMoves.length);
    expect(r.json.total[0][0]).toHaveLength(3);
    // The total is the sum of its parts in every cell.
    const [d, m, v] = [1, 2, 1];
    const sum = r.json.condor[d][m][v] + r.json.overlay[d][m][v] + r.json.tail[d][m][v];
    expect(r.json.total[d][m][v]).toBeCloseTo(sum, 6);
  });

  it('runs the book of a plan input too', async () => {
    const r = await call('stress', { plan: PLAN_EXAMPLE, days: [0] });
    expect(r.status).toBe(200);
    expect(r.json.total).toHaveLength(1);
  });

  it('400 for moves in percent', async () => {
    const r = await call('stress', { ...STRESS_EXAMPLE, spxMoves: [-20, 0] });
    expect(r.status).toBe(400);
    expect(r.json.issues[0].path).toMatch(/^spxMoves\[0\]/);
  });

  it('422 naming the grid-cell limit, before any work is queued', async () => {
    jobs.length = 0;
    const spxMoves = Array.from({ length: 200 }, (_, i) => -0.5 + i / 200);
    const vixLevels = Array.from({ length: 20 }, (_, i) => 10 + i);
    const r = await call('stress', { ...STRESS_EXAMPLE, spxMoves, vixLevels, days: [0, 1, 2, 3, 4, 5, 6] });
    expect(r.status).toBe(422);
    expect(r.json.code).toBe('limit_exceeded');
    expect(r.json.detail).toBe(
      'spxMoves: 200 SPX moves × 20 VIX levels × 7 days = 28,000 cells, over the limit of 20,000; pass fewer SPX moves, VIX levels or days',
    );
    expect(MAX_GRID_CELLS).toBe(20_000);
    expect(r.json.field).toBe('spxMoves'); // the longest axis
    expect(jobs).toEqual([]);
    // 20,001 days of one move at one level: the days are named, not the moves
    const days = Array.from({ length: 20_001 }, (_, i) => i % 365);
    const byDays = await call('stress', { ...STRESS_EXAMPLE, spxMoves: [0], vixLevels: [20], days });
    expect([byDays.status, byDays.json.field]).toEqual([422, 'days']);
  });
});

describe('POST /api/replay', () => {
  it('replays the example rows through the compute runner', async () => {
    jobs.length = 0;
    const r = await call('replay', REPLAY_EXAMPLE);
    expect(r.status).toBe(200);
    expect(jobs).toEqual(['replay']);
    expect(r.json.from).toBe(REPLAY_EXAMPLE.rows[0]!.date);
    expect(r.json.days).toBe(REPLAY_EXAMPLE.rows.length);
  });

  it('400 listing every bad row field', async () => {
    const rows = REPLAY_EXAMPLE.rows.map((row, i) => (i === 3 ? { ...row, spx: -1, date: '2026-9-4' } : row));
    const r = await call('replay', { ...REPLAY_EXAMPLE, rows });
    expect(r.status).toBe(400);
    expect(r.json.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['rows[3].spx', 'rows[3].date']),
    );
  });

  it('422 naming the row limit', async () => {
    const row = REPLAY_EXAMPLE.rows[0]!;
    const start = Date.UTC(1980, 0, 1);
    const rows = Array.from({ length: MAX_REPLAY_ROWS + 1 }, (_, i) => ({
      ...row,
      date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    }));
    const r = await call('replay', { rows });
    expect(r.status).toBe(422);
    expect(r.json.code).toBe('limit_exceeded');
    expect(r.json.detail).toBe(
      'rows: has 12,001 rows, more than the limit of 12,000; replay at most 12,000 days at a time (split the history by date)',
    );
  });
});
