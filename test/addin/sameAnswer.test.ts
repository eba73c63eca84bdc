/**
 * One plan input, one seed, three places that run its Monte Carlo: the taskpane's local worker
 * (chunks merged), the taskpane's cloud path (the API's chunk answers merged) and the API's whole
 * run. All build the book with the shared `scenarioSource` from the plan input, so they must agree
 * to the last bit — tail budget included (sending the book without it let rebalances buy without
 * limit). The API runs on its worker pool, with the worker bundled from the sources.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plan, PlanInputSchema, parseInput, runMonteCarloChunk, stressGrid, summarizeMonteCarlo } from '@alvh/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCompute, setComputeRunner } from '../../functions/src/compute';
import { ComputePool } from '../../functions/src/compute/index';
import { bundleComputeWorker } from '../helpers/computeWorker';
import { startLocalHost, type LocalHost } from '../../functions/src/localHost';
import { monteCarloInput, planInputFromForm, stressInput } from '../../addin/src/common/planInput';
import { mergeCloudMonteCarlo } from '../../addin/src/common/presentRuns';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { chunkPaths } from '../../addin/src/taskpane/jobs';
import { runMonteCarloLocally } from '../../addin/src/taskpane/localRuns';

const raw = planInputFromForm({ fields: EXAMPLE.fields, futures: EXAMPLE.futures, policy: { tailCoverage: '2.5' } });
const PATHS = 1200;
const SEED = 42;
let host: LocalHost;
let dir: string;

beforeAll(async () => {
  // The API's worker pool on a worker bundled from these sources (not a possibly stale dist).
  dir = mkdtempSync(join(tmpdir(), 'alvh-same-'));
  setComputeRunner(new ComputePool({ workerUrl: await bundleComputeWorker(dir), size: 2 }));
  host = await startLocalHost({ port: 0, tls: false, corsOrigins: ['*'], logError: () => {} });
});

afterAll(async () => {
  await host?.close();
  await closeCompute();
  rmSync(dir, { recursive: true, force: true });
});

async function post(route: string, body: unknown): Promise<unknown> {
  const r = await fetch(`${host.url}/api/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(r.status, await r.clone().text()).toBe(200);
  return r.json();
}

describe('the same Monte Carlo in the taskpane and the API', () => {
  it('sends the plan input, so the run carries the plan’s tail budget and policy', () => {
    const body = monteCarloInput(raw, PATHS, SEED);
    expect(body).toEqual({ plan: raw, paths: PATHS, seed: SEED });
    const p = plan(parseInput(PlanInputSchema, raw));
    expect(p.policy.tailCoverage).toBe(2.5);
    expect(p.tail.budget).toBeGreaterThan(0);
  });

  it('local worker, cloud chunks and the API’s whole run give identical numbers for the same seed', async () => {
    const local = runMonteCarloLocally(monteCarloInput(raw, PATHS, SEED), 500);
    const chunks = chunkPaths(PATHS, 400);
    const answers = await Promise.all(
      chunks.map(([first, count]) => post('montecarlo', monteCarloInput(raw, PATHS, SEED, first, count))),
    );
    const cloud = mergeCloudMonteCarlo(answers);
    const whole = (
      (await post('montecarlo?partial=false', monteCarloInput(raw, PATHS, SEED))) as {
        summary: unknown;
      }
    ).summary;
    const direct = summarizeMonteCarlo(runMonteCarloChunk(monteCarloInput(raw, PATHS, SEED)));
    expect(local.summary).toEqual(direct);
    expect(cloud.summary).toEqual(direct);
    expect(Array.from(local.paths?.book ?? [])).toEqual(Array.from(cloud.paths?.book ?? []));
    expect(JSON.parse(JSON.stringify(whole))).toEqual(JSON.parse(JSON.stringify(direct)));
    // The book as it was sent before (the plan's legs without its tail budget) buys without limit.
    const input = parseInput(PlanInputSchema, raw);
    const p = plan(input);
    const m = input.market;
    const unbudgeted = summarizeMonteCarlo(
      runMonteCarloChunk({
        book: {
          valuationDate: input.valuationDate,
          spot: m.spx,
          vix: m.vix,
          futures: m.futures,
          rate: m.rate,
          divYield: m.divYield,
          ...(m.vvix !== undefined ? { volOfVol: m.vvix / 100 } : {}),
          ...p.book,
        },
        policy: { tailCoverage: 2.5 },
        paths: PATHS,
        seed: SEED,
      }),
    );
    // (1,200 paths, seed 42: 0.73 tail contracts at the horizon on average with the budget, 23.5 without.)
    expect(direct.tailContractsEndMean).toBeLessThan(unbudgeted.tailContractsEndMean / 5);
    expect(direct.alvh.mean).not.toBe(unbudgeted.alvh.mean);
  });

  it('the stress grid of the worker and of the API agree', async () => {
    const api = await post('stress', stressInput(raw));
    expect(api).toEqual(JSON.parse(JSON.stringify(stressGrid(stressInput(raw)))));
  });
});
