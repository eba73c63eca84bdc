/**
 * `npm run calibrate`'s checks before it reads any data: its options, parsed strictly. A mistyped
 * option must stop the run, not fall back to the defaults, which overwrite the shipped calibration.
 * The script runs here only with an empty data folder, so that nothing it is given can start a fit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CALIBRATION_DATA,
  FITTED,
  USAGE,
  dataFolderOf,
  dataFolderProblem,
  outFolderProblem,
  STARTING_GUESS,
  parseCalibrateArgs,
  startingValues,
  type CalibrateArgs,
} from '../../scripts/calibrateArgs';
import { CALIBRATED } from '@alvh/shared/calibration';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const args = (argv: string[]): CalibrateArgs => {
  const r = parseCalibrateArgs(argv);
  if (r.ok !== true) throw new Error(r.ok === 'help' ? 'help' : r.message);
  return r.args;
};
const refusal = (argv: string[]): string => {
  const r = parseCalibrateArgs(argv);
  if (r.ok !== false) throw new Error(`accepted ${argv.join(' ')}`);
  return r.message;
};

describe('the calibration options', () => {
  it('defaults: split 2020, ten rounds, the shipped files', () => {
    expect(args([])).toEqual({ split: 2020, out: undefined, spike: false, fromShipped: false, start: {}, rounds: 10 });
  });

  it('takes a value as --opt VALUE or --opt=VALUE', () => {
    const spaced = args(['--out', 'trial', '--split', '2014', '--rounds', '0', '--start', 'kappaFast=7,volRef=0.9']);
    const joined = args(['--out=trial', '--split=2014', '--rounds=0', '--start=kappaFast=7,volRef=0.9']);
    for (const a of [spaced, joined]) {
      expect(a).toMatchObject({ out: 'trial', split: 2014, rounds: 0, start: { kappaFast: 7, volRef: 0.9 } });
    }
    expect(args(['--spike', '--from-shipped', '--out', 'x'])).toMatchObject({
      spike: true,
      fromShipped: true,
      out: 'x',
    });
  });

  it('refuses a missing value, naming the option and how to pass it', () => {
    expect(refusal(['--out'])).toBe('--out needs a value: pass --out DIR or --out=DIR');
    expect(refusal(['--out='])).toBe('--out needs a value: pass --out DIR or --out=DIR');
    expect(refusal(['--split'])).toContain('--split needs a value');
  });

  it('refuses another option as a value (--out --spike)', () => {
    expect(refusal(['--out', '--spike'])).toBe(
      "--out needs a value, not the option '--spike': pass --out DIR or --out=DIR",
    );
    expect(refusal(['--rounds', '--from-shipped'])).toContain(
      "--rounds needs a value, not the option '--from-shipped'",
    );
  });

  it('refuses an unknown option or argument, a flag with a value and an option given twice', () => {
    expect(refusal(['--output', 'x'])).toMatch(/^unknown option --output; the options are: npm run calibrate -- /);
    expect(refusal(['--outdir=x'])).toMatch(/^unknown option --outdir;/);
    expect(refusal(['-o', 'x'])).toMatch(/^unknown option -o;/);
    expect(refusal(['trial'])).toMatch(/^unexpected argument 'trial'/);
    expect(refusal(['--spike=yes'])).toBe('--spike takes no value; pass --spike alone');
    expect(refusal(['--out', 'a', '--out=b'])).toBe('--out is given twice; give it once');
  });

  it('checks the values: the split year, the rounds, the starting values', () => {
    expect(refusal(['--split=2030'])).toBe('--split is 2030: pass the last fitted year, 2008..2024');
    expect(refusal(['--split', '2014.5'])).toContain('--split is 2014.5');
    expect(refusal(['--rounds', 'three'])).toContain('--rounds is three: pass a whole number');
    expect(refusal(['--rounds=-1'])).toContain('--rounds is -1');
    expect(refusal(['--start', 'kappa=3'])).toMatch(/^--start kappa=3: pass fitted=value pairs \(logLevel, /);
    expect(refusal(['--start', 'kappaFast=fast'])).toContain('--start kappaFast=fast');
    expect(refusal(['--start', 'kappaFast='])).toContain('--start kappaFast=');
  });

  it('refuses --rounds 0 that would write the unfitted starting guess over the shipped files', () => {
    const message =
      '--rounds 0 without --from-shipped would write the unfitted starting guess over the shipped parameters ' +
      '(calibrated.ts, docs/calibration.md); add --from-shipped (regenerate from the shipped parameters) or --out DIR';
    for (const argv of [['--rounds', '0'], ['--rounds=00'], ['--rounds', '0', '--start', 'kappaFast=7', '--spike']]) {
      expect(refusal(argv), argv.join(' ')).toBe(message);
    }
    expect(args(['--rounds', '0', '--from-shipped'])).toMatchObject({ rounds: 0, fromShipped: true, out: undefined });
    expect(args(['--rounds=0', '--out', 'trial'])).toMatchObject({ rounds: 0, fromShipped: false, out: 'trial' });
    expect(args(['--rounds', '1']).rounds).toBe(1);
  });

  it('answers -h and --help, wherever they stand, with the usage and a line for each option', () => {
    for (const argv of [['--help'], ['-h'], ['--spike', '--help'], ['--bogus', '-h'], ['--rounds', '0', '--help']]) {
      const r = parseCalibrateArgs(argv);
      expect(r.ok, argv.join(' ')).toBe('help');
      if (r.ok !== 'help') continue;
      const lines = r.usage.split('\n');
      expect(lines[0]).toBe(`Usage: ${USAGE}`);
      for (const option of [
        '--split YEAR',
        '--spike',
        '--from-shipped',
        '--start k=v,...',
        '--rounds N',
        '--out DIR',
      ]) {
        expect(
          lines.filter((l) => l.startsWith(`  ${option} `)),
          option,
        ).toHaveLength(1);
      }
      expect(r.usage).toContain(FITTED.join(', '));
      expect(r.usage).toMatch(
        /--rounds N +search rounds \(default 10\); 0: no search, .*needs --from-shipped or --out/,
      );
    }
    expect(refusal(['--out=--help'])).toContain("--out needs a value, not the option '--help'");
  });

  it('takes each --start value once, as a decimal number within the search range of its parameter', () => {
    expect(args(['--start', 'slowShare=0.05,kappaFast=60,jumpIntensity=0,volRef=1.5e0'])).toMatchObject({
      start: { slowShare: 0.05, kappaFast: 60, jumpIntensity: 0, volRef: 1.5 },
    });
    expect(args(['--start', `logLevel=${Math.log(20)}`]).start.logLevel).toBe(Math.log(20));
    expect(refusal(['--start', 'slowShare=5'])).toBe('--start slowShare=5: slowShare must lie within 0.05..0.95');
    expect(refusal(['--start', 'kappaFast=-5'])).toBe('--start kappaFast=-5: kappaFast must lie within 2..60');
    expect(refusal(['--start', 'kappaFast=1e308'])).toBe('--start kappaFast=1e308: kappaFast must lie within 2..60');
    expect(refusal(['--start', 'jumpIntensity=-1'])).toBe(
      '--start jumpIntensity=-1: jumpIntensity must lie within 0..40',
    );
    expect(refusal(['--start', 'logLevel=20'])).toBe(
      '--start logLevel=20: logLevel must lie within ln 8..ln 30 (2.0795..3.4011)',
    );
    expect(refusal(['--start', 'kappaSpike=5'])).toBe(
      '--start kappaSpike=5: kappaSpike is fitted only with --spike; add --spike or drop it',
    );
    expect(refusal(['--start', 'kappaFast=8,kappaSpikePricing=4'])).toBe(
      '--start kappaSpikePricing=4: kappaSpikePricing is fitted only with --spike; add --spike or drop it',
    );
    expect(args(['--spike', '--start', 'kappaSpike=5']).start).toEqual({ kappaSpike: 5 });
    expect(refusal(['--start', 'kappaFast=3,kappaFast=2'])).toBe(
      '--start kappaFast is given twice; give each parameter once',
    );
    for (const v of ['0x10', '0b10', 'Infinity', '1_0', ' 16']) {
      expect(refusal(['--start', `kappaFast=${v}`]), v).toBe(
        `--start kappaFast=${v}: kappaFast takes a decimal number, within 2..60`,
      );
    }
  });
});

describe('the starting speeds', () => {
  it('start from the built-in guess, or the shipped parameters, with the --start values over them', () => {
    expect(startingValues(args([]))).toEqual(STARTING_GUESS);
    expect(startingValues(args(['--from-shipped', '--start', 'volRef=0.9']))).toMatchObject({
      kappaSlow: CALIBRATED.params.kappaSlow,
      kappaFastPricing: CALIBRATED.params.kappaFastPricing,
      volRef: 0.9,
    });
  });

  it('refuses a fast speed at or below kappaSlow before anything is read, naming the pair and the fix', () => {
    expect(refusal(['--start', 'kappaFastPricing=0.5'])).toBe(
      "--start kappaFastPricing=0.5: kappaFastPricing must lie above kappaSlow 1.175 (the built-in starting guess), as the slow factor is the model's slowest; pass kappaFastPricing above 1.175 or a lower kappaSlow",
    );
    const shipped = CALIBRATED.params.kappaSlow;
    expect(refusal(['--from-shipped', '--start', `kappaFastPricing=${shipped}`])).toContain(
      `kappaFastPricing must lie above kappaSlow ${shipped} (the shipped value)`,
    );
    expect(refusal(['--spike', '--start', 'kappaSpikePricing=1.1'])).toContain(
      '--start kappaSpikePricing=1.1: kappaSpikePricing must lie above kappaSlow 1.175',
    );
    expect(refusal(['--start', 'kappaSlow=1.9,kappaFastPricing=1.5'])).toMatch(
      /kappaSlow 1\.9 \(from --start\), .*; pass kappaFastPricing above 1\.9$/,
    );
    // a lower kappaSlow makes the same start valid; without --spike the spike speeds are not used
    expect(args(['--start', 'kappaFastPricing=0.9,kappaSlow=0.5']).start).toEqual({
      kappaFastPricing: 0.9,
      kappaSlow: 0.5,
    });
    expect(args(['--start', 'kappaFastPricing=1.2']).start).toEqual({ kappaFastPricing: 1.2 });
  });
});

/** Folders the tests make in the system's temporary folder, removed when the file's tests end. */
const made: string[] = [];
const scratch = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('the --out folder', () => {
  it('must exist and be a folder: it is checked, not created', () => {
    const dir = scratch('calibrate-out-');
    expect(outFolderProblem(dir)).toBeUndefined();
    const missing = join(dir, 'missing');
    expect(outFolderProblem(missing)).toBe(
      `--out ${missing}: no folder at ${missing}; create it first (mkdir -p ${missing}) or pass an existing one`,
    );
    const file = join(dir, 'file');
    writeFileSync(file, '');
    expect(outFolderProblem(file)).toContain(`--out ${file}: ${file} is not a folder`);
  });
});

/** A data folder holding a README and the given files (empty: the script stops before parsing them). */
const dataFolder = (names: readonly string[]) => {
  const dir = scratch('calibrate-data-');
  for (const name of ['README.md', ...names]) writeFileSync(join(dir, name), '');
  return dir;
};

describe('the market data folder', () => {
  const names = Object.values(CALIBRATION_DATA);

  it('is ALVH_DATA_DIR where set and not empty, else ../shared/data beside the repository', () => {
    const beside = resolve(repoRoot, '..', 'shared', 'data');
    expect(dataFolderOf({ ALVH_DATA_DIR: '/data/alvh' }, repoRoot)).toBe('/data/alvh');
    expect(dataFolderOf({}, repoRoot)).toBe(beside);
    expect(dataFolderOf({ ALVH_DATA_DIR: '' }, repoRoot)).toBe(beside);
    expect(dataFolderOf({ ALVH_DATA_DIR: ' ' }, repoRoot)).toBe(beside);
  });

  it('must hold every CSV the calibration reads; the message names the missing ones', () => {
    expect(dataFolderProblem(dataFolder(names))).toBeUndefined();
    const noVvix = dataFolder(names.filter((n) => n !== CALIBRATION_DATA.vvix));
    expect(dataFolderProblem(noVvix)).toBe(
      `market data folder ${noVvix} lacks cboe_VVIX_History__ManULoreN14.csv; set ALVH_DATA_DIR to the folder with the market history CSV files (or add it there)`,
    );
    expect(dataFolderProblem(dataFolder([]))).toContain(`lacks ${names.join(', ')};`);
    const none = join(tmpdir(), 'calibrate-no-such-data');
    expect(dataFolderProblem(none)).toBe(
      `market data folder not found at ${none}; set ALVH_DATA_DIR to the folder with the market history CSV files`,
    );
  });
});

/** The script with a data folder it cannot fit on: it can only stop, at the options or at the data. */
const run = (argv: string[], data = dataFolder([])) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts', 'calibrate.ts'), ...argv], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ALVH_DATA_DIR: data },
  });

describe('npm run calibrate with a data folder that lacks a file', () => {
  it('stops with exit code 1 and one line naming the file, not a stack trace', () => {
    const names = Object.values(CALIBRATION_DATA).filter((n) => n !== CALIBRATION_DATA.vix);
    const r = run([], dataFolder(names));
    expect(r.stderr.trim()).toMatch(
      /^calibrate: market data folder .* lacks cboe_VIX_History__ManULoreN14\.csv; set ALVH_DATA_DIR/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.status).toBe(1);
  });
});

describe('npm run calibrate with a bad option', () => {
  it('stops with exit code 2 and one line naming the option, before it looks for the data', () => {
    const noFolder = join(tmpdir(), 'calibrate-no-such-folder', 'trial');
    for (const [argv, message] of [
      [['--out'], '--out needs a value'],
      [['--out', '--spike'], "--out needs a value, not the option '--spike'"],
      [['--out=trial', '--bogus'], 'unknown option --bogus'],
      [['--split=2030'], '--split is 2030'],
      [['--start', 'slowShare=5'], '--start slowShare=5: slowShare must lie within 0.05..0.95'],
      [['--start', 'kappaFastPricing=0.5'], '--start kappaFastPricing=0.5: kappaFastPricing must lie above kappaSlow'],
      [['--rounds', '0'], '--rounds 0 without --from-shipped would write the unfitted starting guess'],
      [['--out', noFolder], `--out ${noFolder}: no folder at ${noFolder}`],
    ] as const) {
      const r = run([...argv]);
      expect(r.stderr.trim(), argv.join(' ')).toBe(r.stderr.trim().split('\n')[0]);
      expect(r.stderr, argv.join(' ')).toContain(`calibrate: ${message}`);
      expect(r.status, argv.join(' ')).toBe(2);
    }
  });
});

describe('npm run calibrate --help', () => {
  it('prints the usage and exits 0 before it looks for the data', () => {
    for (const flag of ['--help', '-h']) {
      const r = run([flag]);
      expect(r.stdout, flag).toMatch(/^Usage: npm run calibrate -- /);
      expect(r.stdout, flag).toContain('  --rounds N ');
      expect(r.stderr, flag).toBe('');
      expect(r.status, flag).toBe(0);
    }
  });
});
