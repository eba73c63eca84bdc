/**
 * One plan input, one seed, three places that run its Monte Carlo: the taskpane's local worker
 * (chunks merged), the taskpane's cloud paths (the API's whole run as one summary-only request,
 * and, for a run beyond the API's pooled limits, its chunk answers merged) and a direct run. All build the book with the shared `scenarioSource` from the plan input, so they must agree
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
import { mergeCloudMonteCarlo, presentMonteCarlo } from '../../addin/src/common/presentRuns';
import { readVixCloses } from '../../addin/src/common/vixCloses';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { chunkPaths, fitsOneRequest } from '../../addin/src/taskpane/jobs';
import { runMonteCarloLocally } from '../../addin/src/taskpane/localRuns';

const raw = planInputFromForm({
  fields: EXAMPLE.fields,
  futures: EXAMPLE.futures,
  policy: { tailCoverage: '2.5' },
  indices: EXAMPLE.indices,
});
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
    expect(fitsOneRequest(monteCarloInput(raw, PATHS, SEED))).toBe(true);
    const whole = mergeCloudMonteCarlo([await post('montecarlo?partial=false', monteCarloInput(raw, PATHS, SEED))]);
    const direct = summarizeMonteCarlo(runMonteCarloChunk(monteCarloInput(raw, PATHS, SEED)));
    expect(local).toEqual(direct);
    expect(cloud).toEqual(direct);
    expect(JSON.parse(JSON.stringify(whole))).toEqual(JSON.parse(JSON.stringify(direct)));
    // What the taskpane draws and lists is the same from each, the histogram's body included.
    const view = presentMonteCarlo(direct);
    expect(presentMonteCarlo(local)).toEqual(view);
    expect(presentMonteCarlo(cloud)).toEqual(view);
    expect(presentMonteCarlo(JSON.parse(JSON.stringify(whole)))).toEqual(view);
    expect(view.tails.low).toBe(direct.bodyHistogram.low); // the body histogram, not the full range
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

  it('with recent VIX closes pasted (Cboe rows to the day), the three places still agree to the bit', async () => {
    const cboe =
      'DATE,OPEN,HIGH,LOW,CLOSE\n03/20/2025,0,0,0,19.8\n03/21/2025,0,0,0,19.28\n03/24/2025,0,0,0,17.48\n' +
      '03/25/2025,0,0,0,17.15\n03/26/2025,0,0,0,18.33\n03/27/2025,0,0,0,18.69\n03/28/2025,0,0,0,21.65\n' +
      '03/31/2025,0,0,0,22.28\n04/01/2025,0,0,0,21.77\n04/02/2025,0,0,0,21.51\n04/03/2025,0,0,0,30.02\n' +
      '04/04/2025,0,0,0,45.31\n04/07/2025,0,0,0,46.98\n04/08/2025,0,0,0,52.33';
    const closes = readVixCloses(cboe, '2025-04-08')!.closes;
    const body = (first?: number, count?: number) => monteCarloInput(raw, PATHS, SEED, first, count, closes);
    const local = runMonteCarloLocally(body(), 500);
    const answers = await Promise.all(chunkPaths(PATHS, 400).map(([f, c]) => post('montecarlo', body(f, c))));
    const whole = ((await post('montecarlo?partial=false', body())) as { summary: unknown }).summary;
    const direct = summarizeMonteCarlo(runMonteCarloChunk(body()));
    expect(direct.modelStart).toBe('vix-history');
    expect(local).toEqual(direct);
    expect(mergeCloudMonteCarlo(answers)).toEqual(direct);
    expect(JSON.parse(JSON.stringify(whole))).toEqual(JSON.parse(JSON.stringify(direct)));
    // The start is not ignored: the same seed from today's VIX alone ends elsewhere.
    const alone = summarizeMonteCarlo(runMonteCarloChunk(monteCarloInput(raw, PATHS, SEED)));
    expect(alone.market.vix['p50']).not.toBe(direct.market.vix['p50']);
  });

  it('the stress grid of the worker and of the API agree', async () => {
    const api = await post('stress', stressInput(raw));
    expect(api).toEqual(JSON.parse(JSON.stringify(stressGrid(stressInput(raw)))));
  });
});
