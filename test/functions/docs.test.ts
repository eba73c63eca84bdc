/** docs/api.md states the limits the code enforces; this keeps the two together. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  frontier,
  FrontierInputSchema,
  type FrontierInput,
  MAX_FUTURES,
  MAX_GRID_CELLS,
  MAX_GRID_LEG_CELLS,
  MAX_HORIZON_DAYS,
  MAX_LAYER_LEGS,
  MAX_PATH_STEP_LEGS,
  MAX_PATH_STEPS,
  MAX_PATHS,
  MAX_POOLED_PATH_STEP_LEGS,
  MAX_POOLED_PATH_STEPS,
  MAX_REPLAY_ROWS,
  MAX_SIGNAL_POINTS,
  plan,
  runMonteCarloChunk,
  stressGrid,
  summarizeMonteCarlo,
  type PlanInput,
} from '@alvh/shared';
import { DEFAULT_JOB_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CONNECTIONS } from '../../functions/src/config';
import { MAX_PARTIAL_PATHS } from '../../functions/src/handlers/montecarlo';
import { MAX_CHAIN_CHARS, MAX_CHAIN_ROWS, MAX_SURFACE_POINTS } from '../../functions/src/handlers/surface';
import { routes } from '../../functions/src/routes';

const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
/** 2000000 → "2 000 000", as the doc writes numbers. */
const spaced = (n: number) => n.toLocaleString('en-US').replace(/,/g, ' ');

describe('docs/api.md', () => {
  it.each([
    ['paths per run', `${spaced(MAX_PATHS)} paths per run`],
    ['path-steps per request', `${spaced(MAX_PATH_STEPS)} path-steps`],
    ['horizon days', `${MAX_HORIZON_DAYS} horizon days`],
    ['grid cells', `${spaced(MAX_GRID_CELLS)} cells`],
    ['replay rows', `${spaced(MAX_REPLAY_ROWS)} rows`],
    ['body limit', `${DEFAULT_MAX_BODY_BYTES / 1024 / 1024} MiB`],
    ['legs per layer', `${MAX_LAYER_LEGS} per layer`],
    ['cells × legs', `${spaced(MAX_GRID_LEG_CELLS)} cells × legs`],
    ['path-steps × legs', `${spaced(MAX_PATH_STEP_LEGS)} path-steps × legs`],
    ['pooled path-steps', `${spaced(MAX_POOLED_PATH_STEPS)} pooled path-steps`],
    ['pooled path-steps × legs', `${spaced(MAX_POOLED_PATH_STEP_LEGS)} pooled path-steps × legs`],
    ['signal points', `${spaced(MAX_SIGNAL_POINTS)} points per array`],
    ['futures per curve', `${MAX_FUTURES} per curve`],
    ['per-path arrays per answer', `${spaced(MAX_PARTIAL_PATHS)} paths per answer`],
    ['job time limit', `${DEFAULT_JOB_TIMEOUT_MS / 1000} s from the start of its work`],
    ['connections', `| ${DEFAULT_MAX_CONNECTIONS}; a new one past it closes the oldest connection holding no request`],
    ['chain characters', `${spaced(MAX_CHAIN_CHARS)} characters of chain text`],
    ['chain rows', `${spaced(MAX_CHAIN_ROWS)} chain rows`],
    ['surface points', `${spaced(MAX_SURFACE_POINTS)} points`],
  ])('states the %s limit', (_what, text) => {
    expect(doc).toContain(text);
  });

  it('lists every route of the table', () => {
    for (const r of routes) expect(doc).toContain(`| ${r.method} | \`/api/${r.route}\``);
  });
});

describe('docs/api.md frontier example', () => {
  /** Numbers rounded to cents, as the doc quotes them. */
  const cents = (x: unknown): unknown =>
    typeof x === 'number'
      ? Math.round(x * 100) / 100
      : Array.isArray(x)
        ? x.map(cents)
        : x && typeof x === 'object'
          ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, cents(v)]))
          : x;

  it("is the example request's answer, cut as the doc says", () => {
    const start = doc.indexOf('```json', doc.indexOf('## POST /api/frontier'));
    const quoted = JSON.parse(doc.slice(start + '```json'.length, doc.indexOf('```', start + 7))) as Record<
      string,
      unknown[]
    >;
    const body: unknown = JSON.parse(
      readFileSync(new URL('../../docs/examples/frontier.json', import.meta.url), 'utf8'),
    );
    const { structures: _left, ...answer } = frontier(FrontierInputSchema.parse(body) as FrontierInput);
    expect(quoted).toEqual(
      cents({
        ...answer,
        points: answer.points.slice(0, quoted.points!.length),
        components: answer.components.slice(0, quoted.components!.length),
      }),
    );
  });
});

describe('docs/api.md on the plan’s Greeks against the stress grid', () => {
  it('quotes the example plan’s book delta and the grid’s slope at today’s VIX as the code gives them', () => {
    const m = /delta is ([+−-][\d.]+) USD a point, while the grid's ±0\.05% at today's VIX gives ([+−-][\d.]+)\./.exec(
      doc.replace(/\s+/g, ' '),
    );
    expect(m, 'the sentence in docs/api.md').not.toBeNull();
    const num = (t: string) => Number(t.replace('−', '-'));
    const input = JSON.parse(readFileSync(new URL('../../docs/examples/plan.json', import.meta.url), 'utf8')) as {
      market: { spx: number; vix: number };
    };
    const h = 0.0005;
    const g = stressGrid({ plan: input, spxMoves: [-h, 0, h], vixLevels: [input.market.vix], days: [0] });
    const slope = (g.total[0]![2]![0]! - g.total[0]![0]![0]!) / (2 * h * input.market.spx);
    expect(num(m![1]!)).toBeCloseTo(plan(input as unknown as PlanInput).bookGreeks.delta, 2);
    expect(num(m![2]!)).toBeCloseTo(slope, 2);
  });
});

describe('docs/api.md on the Monte Carlo summary', () => {
  const flat = doc.replace(/\s+/g, ' ');
  const paragraph = flat.slice(
    flat.indexOf('`summary`: `paths` is the number of paths summarised'),
    flat.indexOf('answers `{summary}` alone'),
  );

  it('names every field the summary returns', () => {
    const schemas = JSON.parse(
      readFileSync(new URL('../../functions/src/generated/resultSchemas.json', import.meta.url), 'utf8'),
    ) as { definitions: Record<string, { required: string[] }> };
    const fields = schemas.definitions.MonteCarloSummary!.required;
    expect(fields).toContain('tailContractsEndMean');
    expect(fields.filter((f) => !paragraph.includes(`\`${f}\``))).toEqual([]);
  });

  it("quotes the example's hedge cost, its parts and the tail figures as the code gives them", () => {
    const body: unknown = JSON.parse(
      readFileSync(new URL('../../docs/examples/montecarlo.json', import.meta.url), 'utf8'),
    );
    const s = summarizeMonteCarlo(runMonteCarloChunk(body));
    const usd = (x: number) =>
      x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace('-', '−');
    expect(paragraph).toContain(
      `${usd(s.hedgeDebit)} + ${usd(s.meanTailOutlay)} + ${usd(s.meanTransactionCosts)} = ${usd(s.hedgeCost)}`,
    );
    expect(paragraph).toContain(`${usd(s.hedgeCarry)} there`);
    expect(paragraph).toContain(`${s.rebalancesMean} and ${s.rebalancesMax} there`);
    expect(paragraph).toContain(`${s.tailContractsStart} and ${s.tailContractsEndMean} there`);
  });
});
