/**
 * What one route answers goes back into the next as it is, and the units the other routes refuse
 * are refused here too: a plan's book (a five-condor ladder, 20 condor legs) to /api/stress and
 * /api/montecarlo; VIX levels, VVIX and signal values typed in the wrong unit.
 */
import { describe, expect, it } from 'vitest';
import { postJson } from './postJson';
import {
  PLAN_EXAMPLE,
  PLAN_LADDER_EXAMPLE,
  REPLAY_EXAMPLE,
  STRESS_EXAMPLE,
} from '../../functions/src/handlers/examples';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers read by the assertions
type Json = Record<string, any>;

const post = (name: string, body: unknown, query = '') => postJson(`${name}${query}`, body);

const FIVE = {
  ...PLAN_LADDER_EXAMPLE,
  condors: [
    ...PLAN_LADDER_EXAMPLE.condors,
    { expiry: '2027-02-19', strikes: [5650, 5750, 7400, 7500], quantity: 1 },
    { expiry: '2027-03-19', strikes: [5550, 5650, 7500, 7600], quantity: 1 },
  ],
};

describe("a plan's book goes back to the scenario routes with its market", () => {
  it('a five-condor ladder: 20 condor legs, stressed and simulated (16 legs a layer refused it)', async () => {
    const p = await post('plan', FIVE);

    expect(p.status).toBe(200);
    const legs = p.json.book as Json;
    expect(legs.condor).toHaveLength(20);
    const m0 = FIVE.market as Json;
    const book = {
      valuationDate: FIVE.valuationDate,
      spot: m0.spx,
      vix: m0.vix,
      futures: m0.futures,
      rate: m0.rate,
      divYield: m0.divYield,
      ...legs,
    };
    const s = await post('stress', { book, spxMoves: [-0.1, 0], vixLevels: [20, 40], days: [0] });
    expect([s.status, s.json.detail]).toEqual([200, undefined]);
    const m = await post('montecarlo', { book, paths: 200, seed: 1, horizonDays: 10 }, '?partial=false');
    expect([m.status, m.json.detail]).toEqual([200, undefined]);
  });
});

describe('units the other routes refuse', () => {
  it('/api/stress: a VIX level of 0.175 is a decimal, not a level (it answered +$2,084)', async () => {
    const r = await post('stress', { ...STRESS_EXAMPLE, vixLevels: [0.175] });
    expect(r.status).toBe(400);
    expect(r.json.issues[0]).toEqual({
      path: 'vixLevels[0]',
      message: 'a VIX level is in index points: pass 17.5, not 0.175',
    });
    const tiny = (await post('stress', { ...STRESS_EXAMPLE, vixLevels: [1e-300] })).json;
    expect([tiny.field, tiny.detail]).toEqual([
      'vixLevels[0]',
      'vixLevels[0]: a VIX level is in index points: pass 18.5, not 0.185',
    ]);
  });

  it('/api/replay: VVIX 0.88 is a decimal (it bought 144 tail calls instead of 2), 880 is named at its row', async () => {
    const rows = REPLAY_EXAMPLE.rows as Json[];
    const at = rows.findIndex((x) => x.vvix !== undefined);
    expect(at).toBeGreaterThanOrEqual(0);
    for (const [vvix, message] of [
      [0.88, 'VVIX is in index points: pass 95, not 0.95'],
      [5, 'is 5, below 10; VVIX is in index points: pass a close from 10 to 500, e.g. 95'],
      [880, 'VVIX is in index points: pass a close from 10 to 500, e.g. 95'],
    ] as const) {
      const bad = rows.map((x, i) => (i === at ? { ...x, vvix } : x));
      const r = await post('replay', { ...REPLAY_EXAMPLE, rows: bad });
      expect(r.status).toBe(400);
      expect(r.json.issues[0]).toEqual({ path: `rows[${at}].vvix`, message });
    }
  });

  it('a VIX index level above 300 is refused at its field on every route, before the surface is moved to it', async () => {
    const message = (vix: number) =>
      `is ${vix}, above 300, the highest VIX level the model takes; pass a level in index points from 1 to 300, e.g. 18.5`;
    const plan = await post('plan', { ...PLAN_EXAMPLE, market: { ...(PLAN_EXAMPLE.market as Json), vix: 301 } });
    expect([plan.status, plan.json.issues[0]]).toEqual([400, { path: 'market.vix', message: message(301) }]);
    const stress = await post('stress', { ...STRESS_EXAMPLE, book: { ...(STRESS_EXAMPLE.book as Json), vix: 350 } });
    expect([stress.status, stress.json.issues[0]]).toEqual([400, { path: 'book.vix', message: message(350) }]);
    // a decimal keeps the units hint
    const decimal = await post('stress', { ...STRESS_EXAMPLE, book: { ...(STRESS_EXAMPLE.book as Json), vix: 0.18 } });
    expect(decimal.json.issues[0].message).toMatch(
      /^is 0\.18, which looks like a decimal, not VIX points; pass the level in index points \(18 /,
    );
    const rows = REPLAY_EXAMPLE.rows as Json[];
    const bad = rows.map((x, i) => (i === 3 ? { ...x, vix: 350 } : x));
    const replay = await post('replay', { ...REPLAY_EXAMPLE, rows: bad });
    expect([replay.status, replay.json.issues[0]]).toEqual([
      400,
      {
        path: 'rows[3].vix',
        message:
          'is 350, above 300, the highest VIX index level the model takes; pass a level in index points from 1 to 300, e.g. 15.5',
      },
    ]);
  });

  it('/api/plan: signal values outside their units (prevSpread 1e308 moved the split by 0.1)', async () => {
    const cases: [Json, string][] = [
      [{ prevSpread: 1e308 }, 'signals.prevSpread'],
      [{ macdHist: 1e308 }, 'signals.macdHist'],
      [{ adSlope: -1e9 }, 'signals.adSlope'],
      [{ vvixCloses: Array(40).fill(0.95) }, 'signals.vvixCloses[0]'],
      [{ spxCloses: Array(20).fill(66) }, 'signals.spxCloses[0]'],
      [{ advancers: [1e308, 1], decliners: [1, 1] }, 'signals.advancers[0]'],
    ];
    for (const [signals, path] of cases) {
      const r = await post('plan', { ...PLAN_EXAMPLE, signals });
      expect([r.status, r.json.issues?.[0]?.path]).toEqual([400, path]);
    }
    const ok = await post('plan', { ...PLAN_EXAMPLE, signals: { prevSpread: 2.5, macdHist: 0.4 } });
    expect(ok.status).toBe(200);
  });
});

describe('a pasted broker export is bounded before it is parsed on the request thread', () => {
  it('100,001 characters of positions are a 400 naming positions (a megabyte held the thread 0.3 s)', async () => {
    const line = 'VIX 261216C00020000,1,1.35\n';
    const text = line.repeat(Math.ceil(100_001 / line.length)).slice(0, 100_001);
    const r = await post('plan', { ...PLAN_EXAMPLE, positions: text });
    expect(r.status).toBe(400);
    expect(r.json.issues[0].path).toBe('positions');
    expect(r.json.issues[0].message).toMatch(/at most 100,000 characters/);
  });
});
