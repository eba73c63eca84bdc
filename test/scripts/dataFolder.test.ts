/**
 * The market data folder, one rule for every script and benchmark (scripts/dataFolder.ts): an empty
 * ALVH_DATA_DIR counts as unset, and a folder that lacks a file a script reads (one holding only
 * the data README, say) stops it with one line naming the file and ALVH_DATA_DIR, not a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { dataFilesProblem, dataFolderOf } from '../../scripts/dataFolder';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const beside = resolve(repoRoot, '..', 'shared', 'data');

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
/** A data folder holding only its README. */
const readmeOnly = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'alvh-readme-only-'));
  made.push(dir);
  writeFileSync(join(dir, 'README.md'), '# Market data\n');
  return dir;
};

/** `node --import tsx` on a file of the repository, with ALVH_DATA_DIR as given. */
const spawn = (args: string[], dataDir: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ALVH_DATA_DIR: dataDir },
    timeout: 120_000,
  });

describe('the data folder setting', () => {
  it('is ALVH_DATA_DIR where set and not empty, else ../shared/data beside the repository', () => {
    expect(dataFolderOf({ ALVH_DATA_DIR: '/data/alvh' }, repoRoot)).toBe('/data/alvh');
    for (const env of [{}, { ALVH_DATA_DIR: '' }, { ALVH_DATA_DIR: '  ' }])
      expect(dataFolderOf(env, repoRoot)).toBe(beside);
  });

  it('names the folder when it is missing, else the first file a script reads that it lacks', () => {
    const dir = readmeOnly();
    expect(dataFilesProblem(join(dir, 'none'), ['a.csv'])).toBe(
      `market data folder not found at ${join(dir, 'none')}; set ALVH_DATA_DIR to the folder with the CSV files`,
    );
    expect(dataFilesProblem(dir, ['README.md', 'a.csv', 'b.csv'])).toBe(
      `market data file a.csv not found in ${dir}; set ALVH_DATA_DIR to the folder with the CSV files`,
    );
    expect(dataFilesProblem(dir, ['README.md'])).toBeUndefined();
  });

  it('an empty ALVH_DATA_DIR is unset in the scripts that read the history', () => {
    for (const script of ['replayData', 'frontierDocs']) {
      const r = spawn(['-e', `import('./scripts/${script}.ts').then((m) => console.log(m.dataDir))`], '');
      expect(r.stdout.trim(), script).toBe(beside);
    }
  });
});

describe('a data folder holding only its README', () => {
  /** One line on stderr naming a CSV file and ALVH_DATA_DIR, no stack trace, exit code 1. */
  const refused = (r: ReturnType<typeof spawn>, what: string) => {
    expect(r.stderr, what).not.toMatch(/\n\s+at /);
    const lines = r.stderr.trim().split('\n');
    expect(lines, what).toHaveLength(1);
    expect(lines[0], what).toMatch(/market data file \S+\.csv not found in \S+; set ALVH_DATA_DIR/);
    expect(r.status, what).toBe(1);
  };

  it('stops the frontier and surface tables scripts with one line naming the file', () => {
    const dir = readmeOnly();
    refused(spawn(['scripts/frontierDocs.ts'], dir), 'frontierDocs');
    refused(spawn(['scripts/surfaceTables.ts'], dir), 'surfaceTables');
  });

  it('stops the replay benchmark with one line naming the file', () => {
    refused(spawn(['bench/run.ts', 'replay'], readmeOnly()), 'bench replay');
  });
});
