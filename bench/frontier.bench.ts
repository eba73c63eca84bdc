/**
 * The budget frontier: a 10-budget frontier of 20,000 paths (the 2026-11-20 plan of the examples,
 * to its condor's expiry), on one thread (setup, paths, scoring) and on the compute pool (every
 * core, path chunks merged and scored on a worker), with the frontier it answers; the pool's answer
 * is checked against the one-thread one (a failed check makes the bench's exit code 1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { frontierSetup, runFrontierSetup, summarizeFrontier, type FrontierResult } from '@alvh/shared';
import { ComputePool } from '../functions/src/compute/index';
import { PLAN_EXAMPLE } from '../functions/src/handlers/examples';
import { bundleComputeWorker } from '../test/helpers/computeWorker';
import { recordCheck } from './benchChecks';
import { printRow } from './timing';

const INPUT = { plan: PLAN_EXAMPLE, paths: 20_000, seed: 1, points: 10 };
const usd = (x: number) => `${x < 0 ? '−' : ''}$${Math.round(Math.abs(x)).toLocaleString('en-US')}`;

export default async function run(): Promise<void> {
  // warm-up
  summarizeFrontier(runFrontierSetup(frontierSetup({ ...INPUT, paths: 2000 })));
  const t0 = performance.now();
  const setup = frontierSetup(INPUT);
  const t1 = performance.now();
  const partial = runFrontierSetup(setup);
  const t2 = performance.now();
  const f = summarizeFrontier(partial);
  const t3 = performance.now();
  const legs = setup.mc.book.condor.length + setup.componentLegs.reduce((a, l) => a + l.length, 0);
  printRow(
    `10 budgets × 20,000 paths × ${setup.mc.run.horizonDays} days, ${legs} legs, 1 thread`,
    `${((t3 - t0) / 1000).toFixed(2)} s`,
  );
  printRow('  setup (plan, components, ladder)', `${(t1 - t0).toFixed(0)} ms`);
  printRow('  paths (one simulation for every budget)', `${(t2 - t1).toFixed(0)} ms`);
  printRow('  scoring (exact search: every budget × mix)', `${(t3 - t2).toFixed(0)} ms`);

  const dir = mkdtempSync(join(tmpdir(), 'alvh-bench-frontier-'));
  const pool = new ComputePool({ workerUrl: await bundleComputeWorker(dir) });
  try {
    await pool.run('frontier', { ...INPUT, paths: 4000 }, { withPartial: false });
    const p0 = performance.now();
    const r = (await pool.run('frontier', INPUT, { withPartial: false })) as FrontierResult;
    const p1 = performance.now();
    printRow(
      `the same on the compute pool, ${pool.size} threads (${availableParallelism()} cores)`,
      `${((p1 - p0) / 1000).toFixed(2)} s`,
    );
    recordCheck({
      label: 'pool frontier = one-thread frontier',
      ok: JSON.stringify(r) === JSON.stringify(f),
      detail: 'the whole answer as JSON',
    });
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('');
  console.log('  | budget | mix | cost | CVaR 95 on down paths | drawdown loss | worst analog loss |');
  console.log('  |---:|---|---:|---:|---:|---:|');
  for (const p of f.points) {
    const mix = [
      p.overlayUnits > 0 ? `${p.overlayUnits} overlay` : '',
      p.tailUnits > 0 ? `${p.tailUnits} × ${p.structure}` : '',
    ]
      .filter((x) => x !== '')
      .join(' + ');
    console.log(
      `  | ${usd(p.budget)} | ${mix || 'nothing'} | ${usd(p.cost)} | ${usd(p.cvar95Down)} | ${usd(p.drawdownLoss)} | ${usd(p.worstAnalogLoss)} |`,
    );
  }
  console.log(
    `  plan: ${usd(f.plan.cost)} → CVaR ${usd(f.plan.cvar95Down)}; literal rule: ${usd(f.rule.cost)} → CVaR ${usd(f.rule.cvar95Down)}`,
  );
}
