/**
 * `npm run bench`'s command line: benchmark names (each the start of a name; none: all), or `--help`.
 * A name that matches no benchmark, or another option, must stop it rather than run nothing and
 * exit 0. Only the parser and the refusals run here, never a benchmark.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { benchNames, benchUsage, parseBenchArgs } from '../../bench/benchArgs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const names = ['excelPricing', 'frontier', 'plan', 'pricing', 'replay'];
const listed = 'the benchmarks are: excelPricing, frontier, plan, pricing, replay';

describe('the bench options', () => {
  it('the names are the *.bench.ts files, sorted', () => {
    expect(benchNames(['run.ts', 'timing.ts', 'replay.bench.ts', 'c', 'pricing.bench.ts'])).toEqual([
      'pricing',
      'replay',
    ]);
  });

  it('no argument runs all; a name runs those starting with it, each once', () => {
    expect(parseBenchArgs([], names)).toEqual({ ok: true, help: false, selected: names });
    expect(parseBenchArgs(['pricing'], names)).toEqual({ ok: true, help: false, selected: ['pricing'] });
    expect(parseBenchArgs(['p'], names)).toEqual({ ok: true, help: false, selected: ['plan', 'pricing'] });
    expect(parseBenchArgs(['replay', 'pl', 'plan'], names)).toEqual({
      ok: true,
      help: false,
      selected: ['plan', 'replay'],
    });
    expect(parseBenchArgs(['pricing.bench.ts'], names)).toEqual({ ok: true, help: false, selected: ['pricing'] });
  });

  it('--help or -h asks for the usage, which lists the names', () => {
    expect(parseBenchArgs(['--help'], names)).toEqual({ ok: true, help: true });
    expect(parseBenchArgs(['-h'], names)).toEqual({ ok: true, help: true });
    expect(benchUsage(names)).toMatch(/^Usage: npm run bench/);
    expect(benchUsage(names)).toContain('Benchmarks: excelPricing, frontier, plan, pricing, replay');
    // The tsx form runs no build, and a failed check of an answer sets the exit code.
    expect(benchUsage(names)).toContain('(or npx tsx bench/run.ts [NAME ...] after npm run build)');
    expect(benchUsage(names)).toContain('Exit code 1 when a check');
  });

  it('refuses a name matching no benchmark and any other option, listing the names', () => {
    expect(parseBenchArgs(['pricng'], names)).toEqual({
      ok: false,
      message: `no benchmark named 'pricng'; ${listed} (a name's start selects it)`,
    });
    expect(parseBenchArgs(['pricing', 'x'], names)).toMatchObject({
      ok: false,
      message: expect.stringContaining("'x'"),
    });
    expect(parseBenchArgs(['--bogus=1'], names)).toEqual({
      ok: false,
      message: `unknown option --bogus=1; pass benchmark names (${listed})`,
    });
    expect(parseBenchArgs(['--help', '-v'], names)).toMatchObject({ ok: false });
  });
});

/** bench/run.ts with arguments it stops on before running any benchmark. */
const run = (argv: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench', 'run.ts'), ...argv], {
    cwd: repoRoot,
    encoding: 'utf8',
  });

describe('npm run bench', () => {
  const all = benchNames(readdirSync(join(repoRoot, 'bench')));

  it('--help prints the usage with the benchmark names and exits 0, running none', () => {
    const r = run(['--help']);
    expect(r.stdout.trim()).toBe(benchUsage(all));
    expect(r.status).toBe(0);
  });

  it('a name matching no benchmark stops it with exit code 2 and one line listing the names', () => {
    const r = run(['pricng']);
    expect(r.stderr.trim()).toBe(
      `bench: no benchmark named 'pricng'; the benchmarks are: ${all.join(', ')} (a name's start selects it)`,
    );
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
  });
});
