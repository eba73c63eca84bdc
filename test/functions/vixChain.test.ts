/**
 * market.vixChain over HTTP: /api/plan answers what plan() gives with the VIX chain and names the
 * source of its VIX-option vols; a VIX chain the method refuses, or one beyond the schema's room,
 * is a 400 problem naming market.vixChain; /api/stress with the plan marks on the chain's vols.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_MARKET_VIX_CHAIN_ROWS,
  MAX_VIX_CHAIN_EXPIRIES,
  isBusinessDay,
  plan,
  stressGrid,
  type PlanInput,
} from '@alvh/shared';
import { postJson } from './postJson';
import { setComputeRunner } from '../../functions/src/compute';
import { inlineCompute } from './inlineCompute';
import { PLAN_INPUT } from '../helpers/fixtures';
import { vixChainQuotedata, vixChainRows } from '../helpers/vixChain';

const BASE = PLAN_INPUT as PlanInput;
const INPUT = { ...BASE, market: { ...BASE.market, vixChain: vixChainQuotedata() } } as PlanInput;

/** What JSON carries of a value (the API's answer is its JSON). */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

beforeEach(() => setComputeRunner(inlineCompute()));
afterAll(() => setComputeRunner(undefined));

describe('market.vixChain over HTTP', () => {
  it("POST /api/plan: plan()'s answer, its VIX-option vols from the chain and said so", async () => {
    const r = await postJson('plan', INPUT);
    expect(r.status).toBe(200);
    expect(r.json).toEqual(asJson(plan(INPUT)));
    expect(r.json.surface.vixOptions.source).toBe('chain');
    expect(r.json.surface.vixOptions.describe).toMatch(/^VIX-option vols from the VIX chain of 2026-11-20/);
    const without = await postJson('plan', BASE);
    expect(without.json.surface.vixOptions).toBeUndefined();
    expect(r.json.tail.premium).not.toBe(without.json.tail.premium);
  });

  it('an SPX chain sent as the VIX chain is a 400 problem naming market.vixChain and the fix', async () => {
    const spx = vixChainRows().map((x) => ({ ...x, root: 'SPXW', strike: x.strike * 200 }));
    const r = await postJson('plan', { ...BASE, market: { ...BASE.market, vixChain: spx } });
    expect(r.status).toBe(400);
    expect(r.json.field).toBe('market.vixChain');
    expect(r.json.detail).toMatch(/holds SPX options.*pass the SPX chain as market\.chain/);
  });

  it('a VIX chain beyond its room is refused by the schema, naming market.vixChain', async () => {
    const rows = vixChainRows();
    const many = Array.from({ length: MAX_MARKET_VIX_CHAIN_ROWS + 1 }, (_, i) => rows[i % rows.length]);
    const r = await postJson('plan', { ...BASE, market: { ...BASE.market, vixChain: many } });
    expect(r.status).toBe(400);
    expect(r.json.issues[0].path).toBe('market.vixChain');
    expect(r.json.issues[0].message).toBe('pass at most 8,000 chain rows');
  });

  it('a VIX chain of more expiries than a listing holds is a 400 naming market.vixChain, the count and the limit', async () => {
    // each trading day from 2026-11-23 an expiry, quoted at five strikes
    const expiries = Array.from({ length: 70 }, (_, i) =>
      new Date(Date.UTC(2026, 10, 23 + i)).toISOString().slice(0, 10),
    )
      .filter((d) => isBusinessDay(d))
      .slice(0, MAX_VIX_CHAIN_EXPIRIES + 1);
    const vixChain = vixChainRows(
      undefined,
      expiries.map((expiry) => ({ expiry, price: 18 })),
      [16, 17, 18, 19, 20],
    );
    const r = await postJson('plan', { ...BASE, market: { ...BASE.market, vixChain } });
    expect(r.status).toBe(400);
    expect(r.json.field).toBe('market.vixChain');
    expect(r.json.detail).toMatch(
      new RegExp(`lists ${MAX_VIX_CHAIN_EXPIRIES + 1} expiries, more than the ${MAX_VIX_CHAIN_EXPIRIES}`),
    );
  });

  it('a VIX chain listing an expiry after the last VX future is taken (200)', async () => {
    const curve = [...BASE.market.futures, { expiry: '2027-04-21', price: 20.4 }];
    const r = await postJson('plan', { ...BASE, market: { ...BASE.market, vixChain: vixChainRows(undefined, curve) } });
    expect(r.status).toBe(200);
    expect(r.json.surface.vixOptions.data.slices.at(-1).expiry).toBe('2027-04-21');
  });

  it("POST /api/stress with the plan: stressGrid()'s grid, on the chain's VIX-option vols", async () => {
    const body = { plan: INPUT, spxMoves: [-0.1, 0], vixLevels: [17.5, 35], days: [0] };
    const r = await postJson('stress', body);
    expect(r.status).toBe(200);
    expect(r.json).toEqual(asJson(stressGrid(body)));
    const without = stressGrid({ ...body, plan: BASE });
    expect(r.json).not.toEqual(asJson(without));
  });
});
