/**
 * Every risk figure says which measure it is in: over HTTP, the plan labels its probability of
 * profit (risk-neutral) and its drawdown, analog and structure figures (scenario), and the replay
 * its statistics (historical), as /api/stress, /api/montecarlo and /api/frontier label theirs; the
 * OpenAPI document describes each label.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, type Json } from './postJson';
import { setComputeRunner } from '../../functions/src/compute';
import { inlineCompute } from './inlineCompute';
import { PLAN_EXAMPLE, PLAN_LADDER_EXAMPLE, REPLAY_EXAMPLE } from '../../functions/src/handlers/examples';

beforeAll(() => setComputeRunner(inlineCompute()));
afterAll(() => setComputeRunner(undefined));

async function ok(route: string, body: unknown): Promise<Json> {
  const r = await callRoute(route, { body });
  expect(r.status, r.text.slice(0, 300)).toBe(200);
  return r.json;
}

/** The generated schema of `type` in the OpenAPI document. */
async function schemaOf(type: string): Promise<Json> {
  const doc = (await callRoute('openapi.json', { method: 'GET' })).json;
  return doc.components.schemas[type] as Json;
}

describe('POST /api/plan labels the measure of its risk figures', () => {
  it.each([
    ['a single condor', PLAN_EXAMPLE],
    ['a ladder', PLAN_LADDER_EXAMPLE],
  ])(
    '%s: the probability of profit is risk-neutral, the drawdown, analogs and structures a scenario',
    async (_, body) => {
      const p = await ok('plan', body);
      expect(p.condor.probabilityOfProfit).toBeGreaterThan(0);
      expect(p.condor.probabilityOfProfitMeasure).toBe('risk-neutral');
      expect(p.condors.length).toBeGreaterThan(0);
      for (const c of p.condors as Json[]) expect(c.probabilityOfProfitMeasure).toBe('risk-neutral');
      expect(p.scenario.measure).toBe('scenario');
      expect(p.scenario.condorLoss).toBe(p.ladder.scenarioLoss);
      expect(p.analogs.length).toBeGreaterThan(0);
      for (const a of p.analogs as Json[]) expect(a.measure).toBe('scenario');
      expect(p.structures.measure).toBe('scenario');
    },
  );

  it('the OpenAPI result schema states each label, required, and what it means', async () => {
    const labels: [string, string, string, RegExp][] = [
      ['PlanCondorMarked', 'probabilityOfProfitMeasure', 'risk-neutral', /not a real-world forecast/],
      ['PlanScenario', 'measure', 'scenario', /No probability measure/],
      ['PlanAnalog', 'measure', 'scenario', /No probability measure/],
      ['PlanStructures', 'measure', 'scenario', /No probability measure/],
    ];
    for (const [type, field, value, words] of labels) {
      const s = await schemaOf(type);
      expect(s.properties[field], `${type}.${field}`).toMatchObject({ type: 'string', const: value });
      expect(s.properties[field].description, `${type}.${field}`).toMatch(words);
      expect(s.required, `${type}.${field}`).toContain(field);
    }
  });
});

describe('POST /api/replay labels its statistics as realised history', () => {
  it('answers measure "historical" beside total and years', async () => {
    const r = await ok('replay', REPLAY_EXAMPLE);
    expect(r.measure).toBe('historical');
    expect(typeof r.total.alvhPnl).toBe('number');
    expect(r.years.length).toBeGreaterThan(0);
    const s = await schemaOf('ReplayAnswer');
    expect(s.required).toContain('measure');
    expect(s.properties.measure).toMatchObject({ type: 'string', const: 'historical' });
    expect(s.properties.measure.description).toMatch(/Realised history, no probability measure/);
  });
});
