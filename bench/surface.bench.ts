/**
 * Surfaces: batch BSM price + 5 Greeks (typed arrays) against the single-call API on a
 * 10,000-option chain and against the yardstick, the same loop in plain C (bench/c/bsGreeks.c,
 * compiled here with gcc -O3 and libm when gcc is on the PATH); and the time to parse and fit
 * the two real SPX chains (when the market data folder is beside the project). Figures only;
 * nothing is asserted.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  batchOutput,
  bsGreeks,
  bsGreeksBatch,
  fitChainSurface,
  parseQuotedata,
  spxSurfaceFromIndices,
  type BatchInput,
} from '@alvh/shared';
import { dataFolderOf } from '../scripts/dataFolder';
import { formatRate, opsPerSecond, printRow, sliceCounts } from './timing';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = dataFolderOf(process.env, resolve(here, '..'));

/**
 * The C yardstick's options per CPU-second, or why there is none. Compiled into a temporary
 * folder and removed after the run.
 */
function cYardstick(ms: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'alvh-bench-'));
  try {
    const exe = join(dir, 'bsGreeks');
    try {
      execFileSync('gcc', ['-O3', '-o', exe, join(here, 'c', 'bsGreeks.c'), '-lm'], { stdio: 'pipe' });
    } catch {
      return 'gcc not found or the compile failed; not measured';
    }
    const rate = Number(execFileSync(exe, [String(ms)], { encoding: 'utf8' }).split(' ')[0]);
    return `${formatRate(rate, ' options/s')} per CPU-second`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A 10,000-option chain: 500 strikes from 3000 to 5495, calls and puts, 40 expiries from 7 to 358
 * days. `mixed`: consecutive options of different expiries (the worst case for the kernel's reuse
 * of an expiry's discount factors); otherwise listed expiry by expiry, as a chain is.
 */
function chainOf(n: number, mixed = true): BatchInput {
  const i: BatchInput = {
    isCall: new Uint8Array(n),
    spot: new Float64Array(n),
    strike: new Float64Array(n),
    years: new Float64Array(n),
    vol: new Float64Array(n),
    rate: new Float64Array(n),
    divYield: new Float64Array(n),
  };
  for (let k = 0; k < n; k++) {
    i.isCall[k] = k % 2;
    i.spot[k] = 4500;
    i.strike[k] = 3000 + (k % 500) * 5;
    i.years[k] = (7 + (mixed ? k % 40 : Math.floor((k * 40) / n)) * 9) / 365;
    i.vol[k] = 0.12 + 0.002 * (k % 97);
    i.rate[k] = 0.045;
    i.divYield[k] = 0.013;
  }
  return i;
}

/** Operations per CPU-second of this process (the closer estimate of one core on a shared machine). */
function perCpuSecond(fn: () => number, opsPerCall: number, minMs: number): number {
  let sink = 0;
  for (let k = 0; k < 20; k++) sink += fn();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let calls = 0;
  while (performance.now() - t0 < minMs) {
    sink += fn();
    calls++;
  }
  const c = process.cpuUsage(c0);
  return sink === -1 ? 0 : (calls * opsPerCall * 1e6) / (c.user + c.system);
}

/** CPU milliseconds of one call: the median of `reps` timed calls (a shared machine's spikes aside). */
function cpuMs(fn: () => void, reps: number): number {
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(reps / 2)]!;
}

export default async function run(): Promise<void> {
  const n = 10_000;
  const input = chainOf(n);
  const out = batchOutput(n);
  const batchFn = (): number => {
    bsGreeksBatch(input, out, n);
    return out.price[n - 1]!;
  };
  const batch = opsPerSecond(batchFn, n, 1500);
  printRow(
    'bsGreeksBatch, 10,000 options, price + 5 Greeks',
    `${formatRate(batch.opsPerSec, ' options/s')} wall, ${formatRate(perCpuSecond(batchFn, n, 1500), ' options/s')} per CPU-second`,
  );
  const byExpiry = chainOf(n, false);
  const byExpiryFn = (): number => {
    bsGreeksBatch(byExpiry, out, n);
    return out.price[n - 1]!;
  };
  printRow(
    '  the same chain listed expiry by expiry',
    `${formatRate(perCpuSecond(byExpiryFn, n, 1500), ' options/s')} per CPU-second`,
  );
  printRow('  plain C loop, gcc -O3, libm (bench/c/bsGreeks.c)', cYardstick(1500));
  const singleFn = (): number => {
    let s = 0;
    for (let k = 0; k < n; k++)
      s += bsGreeks({
        type: input.isCall[k] ? 'call' : 'put',
        spot: input.spot[k]!,
        strike: input.strike[k]!,
        years: input.years[k]!,
        vol: input.vol[k]!,
        rate: input.rate[k]!,
        divYield: input.divYield[k]!,
      }).price;
    return s;
  };
  const single = opsPerSecond(singleFn, n, 1500);
  printRow(
    'bsGreeks (single-call, checked), same options',
    `${formatRate(single.opsPerSec, ' options/s')} wall, ${formatRate(perCpuSecond(singleFn, n, 1500), ' options/s')} per CPU-second`,
  );

  const s = spxSurfaceFromIndices({
    valuationDate: '2022-02-04',
    spot: 4500.53,
    indices: { vix: 23.22, vix9d: 21.86, vix3m: 26.25, skew: 129.29 },
    rate: 0.01,
    divYield: 0.014,
  });
  const vols = opsPerSecond(
    () => {
      let acc = 0;
      for (let k = 0; k < 1000; k++) acc += s.volUnchecked((7 + (k % 300)) / 365, 3500 + k);
      return acc;
    },
    1000,
    800,
  );
  printRow('SpxSurface.volUnchecked (indices surface, 4 slices)', formatRate(vols.opsPerSec, ' vols/s'));

  for (const file of [
    'cboe_spx_quotedata_2022-02-04__Luca-Castelli.csv',
    'cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv',
  ]) {
    const path = join(dataDir, file);
    if (!existsSync(path)) {
      printRow(`chain ${file}`, 'market data folder not found; skipped');
      continue;
    }
    const text = readFileSync(path, 'utf8');
    const date = /\d{4}-\d{2}-\d{2}/.exec(file)![0];
    const chain = parseQuotedata(text);
    for (let w = 0; w < 3; w++) fitChainSurface(chain); // warm-up (the optimising compiler)
    const parseMs = cpuMs(() => parseQuotedata(text), 5);
    const fitMs = cpuMs(() => fitChainSurface(chain), 7);
    const fit = fitChainSurface(chain);
    printRow(
      `parse the ${date} chain (${(text.length / 1e6).toFixed(2)} MB)`,
      `${parseMs.toFixed(0)} ms CPU (median of 5)`,
    );
    printRow(
      `fit the ${date} chain (${sliceCounts(fit.slices)}, ${chain.quotes.length} quotes)`,
      `${fitMs.toFixed(0)} ms CPU (median of 7)`,
    );
  }
}
