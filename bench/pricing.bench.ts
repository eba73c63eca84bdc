/**
 * Pricing throughput: BSM and Black-76 price + Greeks (checked API), the unchecked Black kernel,
 * and implied volatility, on a mixed book of strikes and expiries. Figures are per core
 * (single-threaded) and depend on machine load; nothing is asserted.
 */
import {
  black76Greeks,
  black76ImpliedVol,
  black76Price,
  blackFormula,
  bsGreeks,
  bsImpliedVol,
  bsPrice,
  type Black76Input,
  type BsInput,
} from '@alvh/shared';
import { formatRate, printRow } from './timing';

/**
 * Operations per second of CPU time consumed by this process (user + system), alongside the
 * wall-clock rate of `opsPerSecond`: on a machine shared with other work the CPU-time rate is the
 * closer estimate of single-core throughput.
 */
function opsPerCpuSecond(
  fn: () => number,
  opsPerCall: number,
  minMs = 1000,
): { wall: number; cpu: number; sink: number } {
  let sink = 0;
  for (let k = 0; k < 50; k++) sink += fn(); // warm-up
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let calls = 0;
  while (performance.now() - t0 < minMs) {
    sink += fn();
    calls++;
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { wall: (calls * opsPerCall * 1000) / wallMs, cpu: (calls * opsPerCall * 1000) / cpuMs, sink };
}

function report(label: string, r: { wall: number; cpu: number }): void {
  printRow(label, `${formatRate(r.wall)} wall, ${formatRate(r.cpu)} per CPU-second`);
}

function bsBook(): BsInput[] {
  const out: BsInput[] = [];
  for (const strike of [4000, 4500, 4800, 5000, 5200, 5500, 6000])
    for (const days of [1, 7, 30, 91, 365])
      for (const vol of [0.12, 0.2, 0.35])
        out.push({
          type: strike < 5000 ? 'put' : 'call',
          spot: 5000,
          strike,
          years: days / 365,
          vol,
          rate: 0.045,
          divYield: 0.013,
        });
  return out;
}

function vixBook(): Black76Input[] {
  const out: Black76Input[] = [];
  for (const strike of [12, 15, 18, 20, 25, 30, 40, 60])
    for (const days of [7, 30, 61, 91])
      for (const vol of [0.5, 0.9, 1.5])
        out.push({ type: 'call', future: 19, strike, years: days / 365, vol, rate: 0.045 });
  return out;
}

export default async function (): Promise<void> {
  const bs = bsBook();
  const vix = vixBook();
  let sink = 0;
  const run = (label: string, fn: () => number, opsPerCall: number): void => {
    const r = opsPerCpuSecond(fn, opsPerCall);
    sink += r.sink;
    report(label, r);
  };

  run(
    `BSM price (checked), ${bs.length}-option SPX book`,
    () => {
      let s = 0;
      for (const i of bs) s += bsPrice(i);
      return s;
    },
    bs.length,
  );
  run(
    'BSM price + Greeks (checked)',
    () => {
      let s = 0;
      for (const i of bs) s += bsGreeks(i).gamma;
      return s;
    },
    bs.length,
  );
  run(
    `Black-76 price (checked), ${vix.length}-option VIX book`,
    () => {
      let s = 0;
      for (const i of vix) s += black76Price(i);
      return s;
    },
    vix.length,
  );
  run(
    'Black-76 price + Greeks (checked)',
    () => {
      let s = 0;
      for (const i of vix) s += black76Greeks(i).vega;
      return s;
    },
    vix.length,
  );

  // The kernel as a Monte Carlo or grid loop uses it: precomputed forwards and deviations.
  const n = 4096;
  const fwd = new Float64Array(n);
  const strikes = new Float64Array(n);
  const sd = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    fwd[k] = 19 * Math.exp(0.5 * Math.sin(k));
    strikes[k] = 12 + (k % 40);
    sd[k] = 0.05 + (k % 17) * 0.03;
  }
  run(
    'blackFormula kernel (unchecked, undiscounted)',
    () => {
      let s = 0;
      for (let k = 0; k < n; k++) s += blackFormula((k & 1) === 0, fwd[k]!, strikes[k]!, sd[k]!);
      return s;
    },
    n,
  );

  const bsIv = bs.map((i) => ({
    type: i.type,
    price: bsPrice(i),
    spot: i.spot,
    strike: i.strike,
    years: i.years,
    rate: i.rate ?? 0,
    divYield: i.divYield ?? 0,
  }));
  run(
    'BSM implied vol (checked)',
    () => {
      let s = 0;
      for (const i of bsIv) s += bsImpliedVol(i);
      return s;
    },
    bsIv.length,
  );
  const vixIv = vix.map((i) => ({
    type: i.type,
    price: black76Price(i),
    future: i.future,
    strike: i.strike,
    years: i.years,
    rate: i.rate ?? 0,
  }));
  run(
    'Black-76 implied vol (checked)',
    () => {
      let s = 0;
      for (const i of vixIv) s += black76ImpliedVol(i);
      return s;
    },
    vixIv.length,
  );
  if (!Number.isFinite(sink)) console.log('  (non-finite checksum: a pricing function returned NaN or Infinity)');
}
