/**
 * Load on the local host over loopback with autocannon: requests/s and latency percentiles of
 * POST /api/plan alone, then of /api/plan while /api/montecarlo chunks run at the same time (the
 * Monte Carlo runs on the worker pool, so plan latency should hold). Bounded: a few seconds per
 * run. Prints figures, asserts nothing.
 */
import { createRequire } from 'node:module';
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
  if (!plan?.request?.example) {
    console.log('  /api/plan is not in the route table; nothing to measure');
    return;
  }
  const host = await startLocalHost({ port: 0, host: '127.0.0.1', tls: false, corsOrigins: ['*'], logError: () => {} });
  try {
    const json = { 'content-type': 'application/json' };
    const planRun: AutocannonOptions = {
      url: `${host.url}/api/plan`,
      method: 'POST',
      headers: json,
      body: JSON.stringify(plan.request.example),
      connections: 8,
      duration: SECONDS,
    };
    // Warm up (JIT, lazy module init) without recording.
    await autocannon({ ...planRun, duration: 1 });
    report(`POST /api/plan alone, ${planRun.connections} connections, ${SECONDS} s`, await autocannon(planRun));

    if (mc?.request?.example) {
      const mcBody = { ...(mc.request.example as Record<string, unknown>), paths: 4000, firstPath: 0, pathCount: 4000 };
      const mcRun: AutocannonOptions = {
        url: `${host.url}/api/montecarlo`,
        method: 'POST',
        headers: json,
        body: JSON.stringify(mcBody),
        connections: 2,
        duration: SECONDS,
      };
      await autocannon({ ...mcRun, duration: 1 });
      const [planUnderLoad, mcResult] = await Promise.all([autocannon(planRun), autocannon(mcRun)]);
      report(`POST /api/plan while Monte Carlo runs`, planUnderLoad);
      report(`POST /api/montecarlo (4000 paths/request, 2 connections)`, mcResult);
    } else {
      console.log('  /api/montecarlo is not in the route table; skipped the concurrent run');
    }
  } finally {
    await host.close();
  }
}
