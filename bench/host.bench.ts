/**
 * Load on the local host over loopback: POST /api/plan latency (p50/p99, autocannon, one
 * connection so the figures are per-request latency, not queueing) alone, then while four
 * summary-only Monte Carlo runs (`?partial=false`, 2,000,000 paths × 10 days = 20M path-steps each:
 * the per-call limit of a run that answers its per-path values, MAX_PATH_STEPS; a summary-only
 * request may ask for up to 100M, MAX_POOLED_PATH_STEPS, which this does not run) are in flight on
 * the worker pool, with GET /api/health polled back to back for its worst latency and each run's
 * wall time. Targets on 2 cores: plan p99 under 20 ms alone and under twice that during the runs,
 * health never above 100 ms. Prints figures, asserts nothing.
 */
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { findRoute } from '../functions/src/routes';
import { startLocalHost } from '../functions/src/localHost';
import { printRow, formatRate } from './timing';

interface Histogram {
  average: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
interface AutocannonOptions {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  duration: number;
  pipelining?: number;
}
type Autocannon = (opts: AutocannonOptions) => Promise<AutocannonResult>;

// autocannon ships no type declarations; the shape used here is declared above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECONDS = 3;

function report(label: string, r: AutocannonResult): void {
  const okRate = (r.requests.total - r.non2xx) / r.duration;
  printRow(`${label}: requests/s (2xx)`, formatRate(okRate, 'req/s'));
  printRow(`${label}: latency p50 / p99 / max`, `${r.latency.p50} / ${r.latency.p99} / ${r.latency.max} ms`);
  if (r.non2xx + r.errors + r.timeouts > 0)
    printRow(`${label}: non-2xx / errors / timeouts`, `${r.non2xx} / ${r.errors} / ${r.timeouts}`);
}

export default async function (): Promise<void> {
  const plan = findRoute('plan');
  const mc = findRoute('montecarlo');
  if (!plan?.request?.example || !mc?.request?.example) {
    console.log('  /api/plan or /api/montecarlo is not in the route table; nothing to measure');
    return;
  }
  // Client and server share this machine's cores: a busy machine moves every figure below.
  printRow('load average (1 min) at start', loadavg()[0]!.toFixed(2));
  const host = await startLocalHost({ port: 0, host: '127.0.0.1', tls: false, corsOrigins: ['*'], logError: () => {} });
  try {
    const json = { 'content-type': 'application/json' };
    const planRun: AutocannonOptions = {
      url: `${host.url}/api/plan`,
      method: 'POST',
      headers: json,
      body: JSON.stringify(plan.request.example),
      connections: 1,
      duration: SECONDS,
    };
    // Warm up (JIT, lazy module init) without recording.
    await autocannon({ ...planRun, duration: 1 });
    report(`POST /api/plan alone, 1 connection, ${SECONDS} s`, await autocannon(planRun));

    const mcBody = JSON.stringify({
      ...(mc.request.example as Record<string, unknown>),
      paths: 2_000_000,
      firstPath: 0,
      pathCount: 2_000_000,
      horizonDays: 10,
    });
    // Start the workers and let them compile the engine before anything is measured.
    const warm = JSON.stringify({
      ...(mc.request.example as Record<string, unknown>),
      paths: 20_000,
      pathCount: 20_000,
    });
    await Promise.all(
      [0, 1].map(async () =>
        (await fetch(`${host.url}/api/montecarlo`, { method: 'POST', headers: json, body: warm })).arrayBuffer(),
      ),
    );

    const runs = 4;
    const t0 = performance.now();
    let finished = 0;
    const statuses: number[] = [];
    const wall: number[] = [];
    const inFlight = Array.from({ length: runs }, async () => {
      const res = await fetch(`${host.url}/api/montecarlo?partial=false`, {
        method: 'POST',
        headers: json,
        body: mcBody,
      });
      await res.arrayBuffer();
      statuses.push(res.status);
      wall.push(performance.now() - t0);
      finished++;
    });
    // Health, back to back, until every run is done: its worst latency.
    let healthMax = 0;
    let healthCount = 0;
    const poll = (async () => {
      while (finished < runs) {
        const h0 = performance.now();
        await (await fetch(`${host.url}/api/health`)).arrayBuffer();
        healthMax = Math.max(healthMax, performance.now() - h0);
        healthCount++;
      }
    })();
    const planUnderLoad = await autocannon(planRun);
    const stillRunning = runs - finished;
    await Promise.all([...inFlight, poll]);
    report(`POST /api/plan during ${runs} Monte Carlo runs of 2M paths × 10 d (20M path-steps)`, planUnderLoad);
    printRow('  runs still in flight when the plan load ended', `${stillRunning} of ${runs}`);
    printRow(`GET /api/health worst latency during the runs (${healthCount} polls)`, `${healthMax.toFixed(1)} ms`);
    wall.sort((a, b) => a - b);
    printRow(
      `  Monte Carlo runs: statuses ${[...new Set(statuses)].join(', ')}`,
      `done after ${wall.map((w) => (w / 1000).toFixed(1)).join(' / ')} s`,
    );
  } finally {
    await host.close();
  }
}
