/**
 * The market data folder every script and benchmark reads, by one rule: `ALVH_DATA_DIR` where it is
 * set and not empty (an empty or blank value counts as unset), else `../shared/data` beside the
 * repository; and the check, before a script reads anything, that the folder holds each file it
 * reads (not only the folder's README), so that a missing file is one line naming it and
 * ALVH_DATA_DIR instead of a stack trace.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The market data folder: `ALVH_DATA_DIR` where it is set and not empty, else `../shared/data` beside the repository. */
export function dataFolderOf(env: Readonly<Record<string, string | undefined>>, repoRoot: string): string {
  const set = env['ALVH_DATA_DIR'];
  return set !== undefined && set.trim() !== '' ? set : resolve(repoRoot, '..', 'shared', 'data');
}

/** Whether the data folder exists (a script without it may fall back, as the replay benchmark does). */
export function hasDataFolder(dir: string): boolean {
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true;
}

/**
 * Why the data folder cannot feed a script that reads `files` (the folder, or the first of them,
 * is missing), as one line naming it and ALVH_DATA_DIR; undefined when every file is there.
 */
export function dataFilesProblem(dir: string, files: readonly string[]): string | undefined {
  const fix = 'set ALVH_DATA_DIR to the folder with the CSV files';
  if (!hasDataFolder(dir)) return `market data folder not found at ${dir}; ${fix}`;
  const missing = files.find((f) => !statSync(join(dir, f), { throwIfNoEntry: false })?.isFile());
  return missing === undefined ? undefined : `market data file ${missing} not found in ${dir}; ${fix}`;
}
