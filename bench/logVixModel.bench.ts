/**
 * Path generation of the calibrated two-factor log-VIX model against today's square-root model, on
 * one thread: path-steps per second of the paths alone, and with two VX futures read at the path
 * state every day (what the policy along the path asks for). Nothing is asserted.
 */
import { PathDraws } from '@alvh/shared';
import { CALIBRATED, LogVixModel, LogVixPath } from '@alvh/shared/calibration';
import { plainPaths } from './plainPaths';
import { formatRate, printRow } from './timing';

const DAYS = 45;
const N = 200_000;

const START = { spot: 6600, vix: 17.5, rate: 0.04, divYield: 0.013, horizonDays: DAYS };
const curve = (d: number) => 21 - 3.5 * Math.exp((-4 * d) / 365);

function logVix(model: LogVixModel, first: number, paths: number, futures: boolean): number {
  const path = new LogVixPath(model);
  const r = new PathDraws();
  const e1 = 30;
  const e2 = 58;
  let sink = 0;
  for (let i = first; i < first + paths; i++) {
    path.reset();
    r.key(1, i);
    for (let t = 0; t < DAYS; t++) {
      r.step(t);
      path.advance(r, 1);
      if (futures) {
        const day = t + 1;
        if (day <= e1) sink += model.conditionalVix(day, e1, path.fast, path.slow, path.spike);
        sink += model.conditionalVix(day, e2, path.fast, path.slow, path.spike);
      }
    }
    sink += path.logSpot;
  }
  return sink;
}

function timed(label: string, f: () => number): void {
  f(); // warm-up at full size so the optimiser sees the same loop
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const sink = f();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpuMs = (c.user + c.system) / 1000;
  if (!Number.isFinite(sink)) throw new Error(`${label}: non-finite checksum`);
  printRow(
    label,
    `${formatRate((N * DAYS * 1000) / ms, ' path-steps/s')} (${formatRate((N * DAYS * 1000) / cpuMs, ' per CPU-s')}); 100k × ${DAYS} d in ${((ms * 100_000) / N / 1000).toFixed(3)} s`,
  );
}

export default async function (): Promise<void> {
  const rw = new LogVixModel(CALIBRATED.params, START);
  const rn = new LogVixModel(CALIBRATED.params, { ...START, measure: 'risk-neutral', curve });
  timed('square-root model (today), paths only, 1 thread', () => plainPaths(0, N, DAYS));
  timed('log-VIX 2-factor, real-world, paths only, 1 thread', () => logVix(rw, 0, N, false));
  timed('log-VIX 2-factor, risk-neutral, paths only, 1 thread', () => logVix(rn, 0, N, false));
  timed('log-VIX 2-factor, real-world, + 2 futures a day, 1 thread', () => logVix(rw, 0, N, true));
  return Promise.resolve();
}
