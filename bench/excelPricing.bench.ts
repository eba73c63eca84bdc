/**
 * The Excel path of option pricing: the BUILT custom functions (addin/dist/functions.js, loaded in
 * a VM as Excel's runtime loads it) pricing a 10,000-row chain with one ALVH.BS call over ranges,
 * against 10,000 single-cell ALVH.BS calls (what 10,000 formulas cost the add-in, before Excel's
 * own per-call overhead, which only widens the gap). Each figure is the CPU time (user + system) of
 * the best of 5 timed calls (3 for the single calls) after an untimed warm-up. Figures only; nothing
 * is asserted.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { formatRate, printRow } from './timing';

type Fn = (...args: unknown[]) => unknown;

function loadFunctions(): Map<string, Fn> {
  const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'addin', 'dist');
  const registered = new Map<string, Fn>();
  class CfError {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  const CustomFunctions = {
    Error: CfError,
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', invalidNumber: '#NUM!' },
    associate: (id: string, fn: Fn) => registered.set(id, fn),
  };
  vm.runInNewContext(readFileSync(join(dist, 'functions.js'), 'utf8'), { CustomFunctions });
  return registered;
}

/** CPU milliseconds per call of `fn`, the best of `reps` timed calls after one warm-up. */
function bestMs(fn: () => void, reps: number): number {
  fn();
  let best = Infinity;
  for (let k = 0; k < reps; k++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000);
  }
  return best;
}

export default async function run(): Promise<void> {
  const bs = loadFunctions().get('BS')!;
  const n = 10_000;
  const type = Array.from({ length: n }, (_, k) => [k % 2 ? 'call' : 'put']);
  const strike = Array.from({ length: n }, (_, k) => [3000 + (k % 500) * 5]);
  const years = Array.from({ length: n }, (_, k) => [(7 + (k % 40) * 9) / 365]);
  const vol = Array.from({ length: n }, (_, k) => [0.12 + 0.002 * (k % 97)]);
  const range = bestMs(() => void bs(type, 4500, strike, years, vol, 0.045, 0.013, 'price'), 5);
  const greeks = bestMs(
    () => void bs(type, 4500, strike, years, vol, 0.045, 0.013, [['price', 'delta', 'gamma', 'vega', 'theta', 'rho']]),
    5,
  );
  const single = bestMs(() => {
    for (let k = 0; k < n; k++) bs(type[k]![0], 4500, strike[k]![0], years[k]![0], vol[k]![0], 0.045, 0.013, 'price');
  }, 3);
  printRow(
    'ALVH.BS, one call over 10,000 rows (price)',
    `${range.toFixed(1)} ms CPU, best of 5  (${formatRate((n * 1000) / range, ' options/s')})`,
  );
  printRow('ALVH.BS, one call over 10,000 rows × 6 outputs', `${greeks.toFixed(1)} ms CPU, best of 5`);
  printRow(
    'ALVH.BS, 10,000 single-cell calls (price)',
    `${single.toFixed(1)} ms CPU, best of 3  (${formatRate((n * 1000) / single, ' options/s')})`,
  );
  printRow('one range call against single calls (price)', `${(single / range).toFixed(1)}× faster`);
}
