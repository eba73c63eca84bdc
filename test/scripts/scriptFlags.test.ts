/**
 * The scripts that regenerate the docs' figures take a flag or two; a mistyped one must stop them
 * (exit 2) rather than run the other mode, and `--help` says what they do.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScriptFlags, scriptUsage } from '../../scripts/scriptFlags';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WRITE = { '--write': 'rewrite the doc' };

describe("the doc scripts' flags", () => {
  it('reads the flags a script takes and --help', () => {
    expect(parseScriptFlags('surfaceTables', [], WRITE)).toEqual({ ok: true, help: false, flags: new Set() });
    expect(parseScriptFlags('surfaceTables', ['--write'], WRITE)).toEqual({
      ok: true,
      help: false,
      flags: new Set(['--write']),
    });
    expect(parseScriptFlags('surfaceTables', ['-h'], WRITE)).toMatchObject({ ok: true, help: true });
  });

  it('refuses anything else, naming it and what the script takes', () => {
    expect(parseScriptFlags('surfaceTables', ['--wirte'], WRITE)).toEqual({
      ok: false,
      message:
        "surfaceTables: unexpected argument '--wirte': it takes only --write; npx tsx scripts/surfaceTables.ts --help for its usage",
    });
    expect(parseScriptFlags('hedgeEffectiveness', ['--write'], {})).toMatchObject({
      ok: false,
      message: expect.stringContaining("unexpected argument '--write': it takes no options;") as unknown,
    });
  });

  it('prints a usage with each flag and what it does', () => {
    expect(scriptUsage('surfaceTables', 'Prints the tables.', WRITE)).toBe(
      [
        'Usage: npx tsx scripts/surfaceTables.ts [--write]',
        '',
        'Prints the tables.',
        '',
        '  --write      rewrite the doc',
        '  -h, --help   print this and exit',
      ].join('\n'),
    );
  });

  it('a script stops with exit code 2 on a mistyped flag, before it reads any data', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/replayTables.ts', '--stat'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, ALVH_DATA_DIR: resolve(repoRoot, 'no-such-data') },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("replayTables: unexpected argument '--stat': it takes only --stats;");
  });
});
