/**
 * Access to the real market history kept beside the project (see the data README there). Tests that
 * need it use `describeWithData`: where the folder is absent (a clone on its own) they are skipped
 * with a note, except under CI, where a missing folder is a failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The market data folder: `ALVH_DATA_DIR`, else `../shared/data` beside the repository. */
export const dataDir = process.env['ALVH_DATA_DIR'] ?? resolve(repoRoot, '..', 'shared', 'data');

export const hasMarketData = existsSync(join(dataDir, 'README.md'));

if (!hasMarketData && process.env['CI']) {
  throw new Error(`market data folder not found at ${dataDir}; CI needs it (set ALVH_DATA_DIR)`);
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
