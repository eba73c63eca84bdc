/**
 * Access to the real market history kept beside the project (see the data README there). Tests that
 * need it use `describeWithData`: where the folder is absent (a clone on its own) they are skipped
 * with a note, except where `ALVH_REQUIRE_DATA` or `CI` is set (`.ci/run` sets the first): there a
 * missing folder is a failure, so the golden set and the real-day tests cannot pass by being skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { mergeMarketHistory, parseMarketHistory, type MarketRow } from '@alvh/shared';
import { dataFolderOf } from '../../scripts/dataFolder';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The market data folder, by the scripts' rule: `ALVH_DATA_DIR` where set and not empty, else `../shared/data` beside the repository. */
export const dataDir = dataFolderOf(process.env, repoRoot);

export const hasMarketData = existsSync(join(dataDir, 'README.md'));

/** Whether a missing data folder fails the run instead of skipping the tests that read it. */
export const dataRequired = (env: NodeJS.ProcessEnv): boolean =>
  Boolean(env['ALVH_REQUIRE_DATA']?.trim() || env['CI']?.trim());

if (!hasMarketData && dataRequired(process.env)) {
  throw new Error(
    `market data folder not found at ${dataDir}; this run requires it (ALVH_REQUIRE_DATA or CI is set): set ALVH_DATA_DIR to the folder with the market history`,
  );
}

export function readDataFile(name: string): string {
  return readFileSync(join(dataDir, name), 'utf8');
}

/**
 * `describe` where the data folder is present; else a skipped suite whose body is never run (a
 * skipped describe still runs its body to collect its tests, and bodies read the data), holding
 * one skipped test that says why.
 */
export const describeWithData: typeof describe = (
  hasMarketData
    ? describe
    : (name: string) =>
        describe.skip(String(name), () => {
          it.skip(`needs the market data folder ${dataDir}`, () => {});
        })
) as typeof describe;

/**
 * The Aug 2024 episode as the replay reads it: Cboe VIX and VVIX closes, SPX closes and the VX1-VX8
 * episode file merged, 2024-06-03..2024-09-30 (VX prices only from mid-July: the weeks before are
 * the replay's warm-up).
 */
export function aug2024Rows(): MarketRow[] {
  return mergeMarketHistory(
    parseMarketHistory(readDataFile('cboe_VIX_History__ManULoreN14.csv'), 'cboe-vix'),
    parseMarketHistory(readDataFile('spx_daily_2021-2026__eric-tao.csv'), 'spx-ohlcv'),
    parseMarketHistory(readDataFile('cboe_VVIX_History__ManULoreN14.csv'), 'cboe-vvix'),
    parseMarketHistory(readDataFile('manumartinb_vx_M1-M8_episode_2024-07_2024-09.csv')),
  ).filter((r) => r.date >= '2024-06-01' && r.date <= '2024-09-30');
}
