/**
 * `npm run replay`'s command line: it takes no options, so `--help` prints the usage and any other
 * argument stops it before it reads any data. The script runs here only with an empty data folder,
 * so that nothing it is given can start a replay.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REPLAY_USAGE, parseReplayArgs } from '../../scripts/replayArgs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('the replay options', () => {
  it('none runs the replay; --help or -h asks for the usage', () => {
    expect(parseReplayArgs([])).toEqual({ ok: true, help: false });
    expect(parseReplayArgs(['--help'])).toEqual({ ok: true, help: true });
    expect(parseReplayArgs(['-h'])).toEqual({ ok: true, help: true });
  });

  it('refuses any other argument, naming it', () => {
    for (const [argv, named] of [
      [['--from', '2020-01-01', '--to', '2020-12-31', '--policy', 'x'], '--from'],
      [['2020'], '2020'],
      [['--help', '--bogus=1'], '--bogus=1'],
    ] as const) {
      const r = parseReplayArgs(argv);
      expect(r, argv.join(' ')).toEqual({
        ok: false,
        message: `unexpected argument '${named}': the replay takes no options (its windows and policy are fixed); npm run replay -- --help for what it runs`,
      });
    }
  });

  it('the usage says what it runs, that it takes no options, and where the data is read', () => {
    expect(REPLAY_USAGE).toMatch(/^Usage: npm run replay/);
    expect(REPLAY_USAGE).toContain('2007-2021');
    expect(REPLAY_USAGE).toContain('It takes no options');
    expect(REPLAY_USAGE).toContain('ALVH_DATA_DIR');
    expect(REPLAY_USAGE).toContain('-h, --help');
  });
});

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/**
 * The script with an empty data folder (or one holding `files`, each empty): it can only print its
 * usage, refuse, or fail on the data.
 */
const run = (argv: string[], files: string[] = []) => {
  const data = mkdtempSync(join(tmpdir(), 'replay-data-'));
  made.push(data);
  for (const f of files) writeFileSync(join(data, f), '');
  return spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts', 'replay.ts'), ...argv], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ALVH_DATA_DIR: data },
  });
};

describe('npm run replay', () => {
  it('--help and -h print the usage and exit 0 without reading the data', () => {
    for (const flag of ['--help', '-h']) {
      const r = run([flag]);
      expect(r.stdout.trim(), flag).toBe(REPLAY_USAGE);
      expect(r.stderr, flag).toBe('');
      expect(r.status, flag).toBe(0);
    }
  });

  it('an argument stops it with exit code 2 and one line naming it, before it looks for the data', () => {
    const r = run(['--from', '2020-01-01', '--to', '2020-12-31', '--policy', 'x']);
    expect(r.stderr.trim()).toBe(
      "replay: unexpected argument '--from': the replay takes no options (its windows and policy are fixed); npm run replay -- --help for what it runs",
    );
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
  });

  it('a data folder without a file it reads stops it with exit code 1 and one line naming the file and ALVH_DATA_DIR', () => {
    // the folder is there (its README), the CSV files are not: before, a raw ENOENT stack trace
    const r = run([], ['README.md']);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^market data file cboe_VIX_History__ManULoreN14\.csv not found in \S+; set ALVH_DATA_DIR to the folder with the CSV files$/,
    );
    expect(r.stdout).toBe('');
    expect(r.status).toBe(1);
  });

  it('an empty folder (no README either) is the folder: the first file it reads names itself', () => {
    // the folder used to be found by its README: a folder of the CSV files without it was refused
    const r = run([]);
    expect(r.stderr.trim()).toMatch(
      /^market data file cboe_VIX_History__ManULoreN14\.csv not found in \S+; set ALVH_DATA_DIR to the folder with the CSV files$/,
    );
    expect(r.status).toBe(1);
  });
});
