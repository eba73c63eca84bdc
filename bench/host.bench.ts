/**
 * Load on the local host over loopback with autocannon: requests/s and latency percentiles of
 * POST /api/plan alone, then of /api/plan while /api/montecarlo runs go on at the same time (the
 * Monte Carlo runs on the worker pool, so plan latency should hold), and for contrast the same
 * with the Monte Carlo on the request thread. Bounded: a few seconds per run. Prints figures,
 * asserts nothing.
 */
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { setComputeRunner } from '../functions/src/compute';
import { runJob } from '../functions/src/compute/index';
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
      connections: 8,
      duration: SECONDS,
    };
    // Warm up (JIT, lazy module init) without recording.
    await autocannon({ ...planRun, duration: 1 });
    report(`POST /api/plan alone, ${planRun.connections} connections, ${SECONDS} s`, await autocannon(planRun));

    if (mc?.request?.example) {
      const paths = 2000;
      const mcBody = JSON.stringify({
        ...(mc.request.example as Record<string, unknown>),
        paths,
        firstPath: 0,
        pathCount: paths,
      });
      const lanes = 2;
      // Monte Carlo traffic: `lanes` clients posting back to back for the whole plan run; every
      // request that starts is waited for, so the figures count whole runs only.
      const withMonteCarlo = async (label: string): Promise<void> => {
        const latencies: number[] = [];
        let failures = 0;
        let stop = false;
        const lane = async (): Promise<void> => {
          while (!stop) {
            const t0 = performance.now();
            const res = await fetch(`${host.url}/api/montecarlo`, { method: 'POST', headers: json, body: mcBody });
            await res.arrayBuffer();
            if (res.status === 200) latencies.push(performance.now() - t0);
            else failures++;
          }
        };
        // Warm up: start the workers and let them compile the engine before anything is measured.
        for (let i = 0; i < 4; i++) {
          await Promise.all(
            Array.from({ length: lanes }, async () => {
              const res = await fetch(`${host.url}/api/montecarlo`, { method: 'POST', headers: json, body: mcBody });
              await res.arrayBuffer();
            }),
          );
        }
        const t0 = performance.now();
        const mcRun = Promise.all(Array.from({ length: lanes }, lane));
        await new Promise((r) => setTimeout(r, 200)); // let the Monte Carlo get going first
        const planUnderLoad = await autocannon(planRun);
        stop = true;
        await mcRun;
        const elapsed = (performance.now() - t0) / 1000;
        report(`POST /api/plan while Monte Carlo runs ${label}`, planUnderLoad);
        latencies.sort((a, b) => a - b);
        const median = latencies[Math.floor(latencies.length / 2)] ?? NaN;
        printRow(
          `  Monte Carlo ${label} (${paths} paths, ${lanes} clients)`,
          `${latencies.length} runs, ${formatRate((latencies.length * paths) / elapsed, 'paths/s')}, p50 ${median.toFixed(0)} ms${failures ? `, ${failures} failed` : ''}`,
        );
      };
      await withMonteCarlo('on the worker pool');
      // For contrast: the same traffic with the Monte Carlo on the request thread, which is what
      // the pool prevents (plan requests wait behind whole runs).
      setComputeRunner({
        run: async (job, payload) => runJob(job === 'montecarlo' ? 'montecarlo-chunk' : job, payload),
        close: async () => {},
      });
      try {
        await withMonteCarlo('on the request thread (contrast)');
      } finally {
        setComputeRunner(undefined);
      }
    } else {
      console.log('  /api/montecarlo is not in the route table; skipped the concurrent run');
    }
  } finally {
    await host.close();
  }
}
