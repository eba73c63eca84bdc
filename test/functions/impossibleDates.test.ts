/**
 * A condor's expiry that is no calendar date (2027-02-30, 2027-13-01) is one issue at its own
 * path, listed beside every other issue of the body: the exchange calendar's check is not reached
 * (it threw out of the parse, naming a field "date" no request has, and dropped the other issues).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setComputeRunner } from '../../functions/src/compute';
import {
  FRONTIER_EXAMPLE,
  MONTECARLO_EXAMPLE,
  PLAN_EXAMPLE,
  PLAN_LADDER_EXAMPLE,
  STRESS_EXAMPLE,
} from '../../functions/src/handlers/examples';
import { inlineCompute } from './inlineCompute';
import { postJson as post } from './postJson';

beforeAll(() => setComputeRunner(inlineCompute()));
afterAll(() => setComputeRunner(undefined));

const NOT_A_DATE = 'not a calendar date; pass a real date such as 2020-03-16';
const VIX_DECIMAL = /^VIX is in index points: pass 18.5/;

/** The plan with an impossible condor expiry and VIX typed as a decimal. */
const badPlan = (expiry: string) => ({
  ...PLAN_EXAMPLE,
  market: { ...PLAN_EXAMPLE.market, vix: 0.185 },
  condor: { ...PLAN_EXAMPLE.condor, expiry },
});

describe('an impossible condor expiry is named at its path, with the other issues', () => {
  it.each(['2027-02-30', '2027-13-01', '2027-00-10'])('POST /api/plan, condor.expiry %s', async (expiry) => {
    const r = await post('plan', badPlan(expiry));
    expect(r.status).toBe(400);
    const issues = r.json.issues as { path: string; message: string }[];
    expect(issues).toContainEqual({ path: 'condor.expiry', message: NOT_A_DATE });
    expect(issues.find((i) => i.path === 'market.vix')?.message).toMatch(VIX_DECIMAL);
    expect(issues.map((i) => i.path)).not.toContain('date');
  });

  it('POST /api/plan, condors[1].expiry', async () => {
    const body = {
      ...PLAN_LADDER_EXAMPLE,
      market: { ...PLAN_LADDER_EXAMPLE.market, vix: 0.185 },
      condors: PLAN_LADDER_EXAMPLE.condors.map((c, i) => (i === 1 ? { ...c, expiry: '2027-02-30' } : c)),
    };
    const r = await post('plan', body);
    expect(r.status).toBe(400);
    const paths = (r.json.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['condors[1].expiry', 'market.vix']));
    expect(paths).not.toContain('date');
  });

  it.each([
    ['frontier', { ...FRONTIER_EXAMPLE, plan: badPlan('2027-02-30') }],
    ['stress', { vixLevels: STRESS_EXAMPLE.vixLevels, days: STRESS_EXAMPLE.days, plan: badPlan('2027-02-30') }],
    ['montecarlo', { paths: MONTECARLO_EXAMPLE.paths, seed: 7, plan: badPlan('2027-02-30') }],
  ])('POST /api/%s, plan.condor.expiry', async (route, body) => {
    const r = await post(route, body);
    expect(r.status).toBe(400);
    const issues = r.json.issues as { path: string; message: string }[];
    expect(issues).toContainEqual({ path: 'plan.condor.expiry', message: NOT_A_DATE });
    expect(issues.find((i) => i.path === 'plan.market.vix')?.message).toMatch(VIX_DECIMAL);
  });

  it('a weekend expiry at the calendar’s first days, before the valuation date, is named as not after it, with no day before 2000 offered', async () => {
    const r = await post('plan', { ...PLAN_EXAMPLE, condor: { ...PLAN_EXAMPLE.condor, expiry: '2000-01-01' } });
    expect(r.status).toBe(400);
    expect(r.json.issues).toContainEqual({
      path: 'condor.expiry',
      message: `is 2000-01-01, not after the valuation date ${PLAN_EXAMPLE.valuationDate}; pass the condor expiry, a date after the valuation date`,
    });
  });
});
