/**
 * Days replayed per second by `replay()`: the 2007-2021 history of the data folder when it is
 * beside the repository (`ALVH_DATA_DIR` where set and not empty, else `../shared/data`), else a
 * synthetic 15-year history with the same columns; and the 2007-2021 replay with the Cboe indices as
 * `npm run replay` runs it. A data folder that lacks a file it reads stops it with one line naming
 * the file. Parsing is timed separately. Prints figures, asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBusinessDay, mergeMarketHistory, parseMarketHistory, replay, toIsoDate, dayFromYmd } from '@alvh/shared';
import type { MarketRow } from '@alvh/shared';
import { dataFilesProblem, dataFolderOf, hasDataFolder } from '../scripts/dataFolder';
import { replayHistory } from '../scripts/replayData';
import { formatRate, printRow } from './timing';

const dataDir = dataFolderOf(process.env, resolve(dirname(fileURLToPath(import.meta.url)), '..'));
/** The files the timed replay parses (`npm run replay`'s others are checked as it reads them). */
const FILES = [
  'quantintell_vix_futures_VX1-VX8_2007-2021.csv',
  'cboe_VIX_History__ManULoreN14.csv',
  'cboe_VVIX_History__ManULoreN14.csv',
] as const;

/** A deterministic synthetic history: SPX random walk, mean-reverting VIX, a contango curve. */
function syntheticRows(days: number): MarketRow[] {
  let seed = 12345;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648 - 0.5;
  };
  const rows: MarketRow[] = [];
  let spx = 1500;
  let vix = 18;
  for (let d = dayFromYmd(2007, 4, 2); rows.length < days; d++) {
    if (!isBusinessDay(toIsoDate(d))) continue;
    vix = Math.max(9, vix + 0.08 * (18 - vix) + 1.5 * rnd());
    spx *= Math.exp(0.0003 + (vix / 100 / Math.sqrt(252)) * rnd() * 3.4);
    const vx = Array.from({ length: 8 }, (_, k) => vix + (20 - vix) * (1 - Math.exp(-0.6 * (k + 0.5))) + 0.6 * k);
    rows.push({ date: toIsoDate(d), spx, vix, vvix: 90 + (4 * vix) / 10, vx });
  }
  return rows;
}

export default async function (): Promise<void> {
  let rows: MarketRow[];
  let label: string;
  if (hasDataFolder(dataDir)) {
    const missing = dataFilesProblem(dataDir, FILES);
    if (missing !== undefined) {
      console.error(`bench replay: ${missing}`);
      process.exit(1);
    }
    const texts = FILES.map((f) => readFileSync(join(dataDir, f), 'utf8'));
    const t0 = performance.now();
    rows = mergeMarketHistory(
      parseMarketHistory(texts[0] as string),
      parseMarketHistory(texts[1] as string, 'cboe-vix'),
      parseMarketHistory(texts[2] as string),
    );
    const ms = performance.now() - t0;
    printRow(
      'parse + merge 3 files (quantintell, Cboe VIX, VVIX)',
      `${ms.toFixed(0)} ms for ${rows.length} merged rows`,
    );
    rows = rows.filter((r) => r.date <= '2021-12-31');
    label = 'real 2007-2021';
  } else {
    rows = syntheticRows(3700);
    label = 'synthetic 3700 days';
  }
  const from = rows.find((r) => r.vx.length > 0)?.date as string;
  // one warm-up run, then timed runs
  replay({ rows, from, assumptions: { includeLedger: false } });
  const runs = 3;
  let days = 0;
  const t0 = performance.now();
  for (let k = 0; k < runs; k++) days += replay({ rows, from, assumptions: { includeLedger: false } }).days;
  const seconds = (performance.now() - t0) / 1000;
  printRow(
    `replay, ${label}, default policy (${days / runs} days)`,
    `${formatRate(days / seconds, ' days/s')}  (${(seconds / runs).toFixed(2)} s per run)`,
  );
  if (label === 'synthetic 3700 days') return;
  // The replay as `npm run replay` runs it: each day's SPX surface from VIX9D, VIX, VIX3M, VIX6M
  // and SKEW where the history has them (four slices, each solved for its index level).
  const h = replayHistory().main;
  replay({ rows: h.rows, from: h.from, to: h.to, assumptions: { includeLedger: false } });
  const t1 = performance.now();
  const full = replay({ rows: h.rows, from: h.from, to: h.to, assumptions: { includeLedger: false } }).days;
  const fullSeconds = (performance.now() - t1) / 1000;
  printRow(
    `replay, 2007-2021 with the Cboe indices (npm run replay, ${full} days)`,
    `${formatRate(full / fullSeconds, ' days/s')}  (${fullSeconds.toFixed(2)} s per run)`,
  );
}
