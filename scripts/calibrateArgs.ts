/**
 * What `npm run calibrate` (scripts/calibrate.ts) checks before it reads any data or fits anything:
 * its options, parsed strictly (a mistyped option must not fall back to overwriting the shipped
 * calibration), the `--out` folder and the market data files.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CALIBRATED } from '../shared/src/scenario/model/calibrated';

/** The fitted parameters, the names `--start k=v,...` accepts. */
export const FITTED = [
  'logLevel',
  'kappaFast',
  'kappaFastPricing',
  'kappaSpike',
  'kappaSpikePricing',
  'kappaSlow',
  'slowShare',
  'volRef',
  'jumpIntensity',
  'jumpMeanLog',
  'bigJumpShare',
  'bigJumpMeanLog',
  'spxJumpPerLogJump',
] as const;
export type Fitted = (typeof FITTED)[number];

/**
 * Each fitted parameter's range: the search keeps it within, and `--start` refuses a starting value
 * outside it (logLevel is ln VIX level, ln 8..ln 30).
 */
export const BOUNDS: Readonly<Record<Fitted, readonly [number, number]>> = {
  logLevel: [Math.log(8), Math.log(30)],
  kappaFast: [2, 60],
  kappaFastPricing: [0.5, 60],
  kappaSpike: [2, 200],
  kappaSpikePricing: [0.5, 200],
  kappaSlow: [0.05, 1.9],
  slowShare: [0.05, 0.95],
  volRef: [0.3, 2],
  jumpIntensity: [0, 40],
  jumpMeanLog: [0.02, 0.45],
  bigJumpShare: [0.005, 0.5],
  bigJumpMeanLog: [0.1, 0.6],
  spxJumpPerLogJump: [0, 0.5],
};

/** A fitted parameter's range as the messages give it (logLevel's rounded inwards). */
const rangeText = (name: Fitted): string => {
  const [lo, hi] = BOUNDS[name];
  return name === 'logLevel' ? 'ln 8..ln 30 (2.0795..3.4011)' : `${lo}..${hi}`;
};

export interface CalibrateArgs {
  /** The last fitted year (`--split YEAR`, 2008..2024; default 2020). */
  split: number;
  /** `--out DIR`: write both files into DIR instead of the shipped ones. */
  out: string | undefined;
  /** `--spike`: fit the spike factor's own speeds. */
  spike: boolean;
  /** `--from-shipped`: start from the shipped parameters. */
  fromShipped: boolean;
  /** `--start k=v,...`: other starting values of fitted parameters. */
  start: Partial<Record<Fitted, number>>;
  /**
   * `--rounds N`: search rounds (default 10). 0: no search; the starting parameters are evaluated
   * and written as they are, so it needs `--from-shipped` or `--out DIR`.
   */
  rounds: number;
}

/** The options, a refusal, or `-h`/`--help` (print `usage` and exit 0). */
export type ParsedArgs =
  { ok: true; args: CalibrateArgs } | { ok: false; message: string } | { ok: 'help'; usage: string };

/** The options that take a value, with the value's name as the usage shows it. */
const VALUED = {
  '--out': 'DIR',
  '--split': 'YEAR',
  '--start': 'k=v,...',
  '--rounds': 'N',
} as const;
const FLAGS = ['--spike', '--from-shipped'] as const;
type Valued = keyof typeof VALUED;
type Flag = (typeof FLAGS)[number];

export const USAGE =
  'npm run calibrate -- [--split YEAR] [--spike] [--from-shipped] [--start k=v,...] [--rounds N] [--out DIR] ' +
  '(a value as --opt VALUE or --opt=VALUE)';

/** What each option does, one line each, as `--help` prints them. */
const OPTIONS: readonly (readonly [string, string])[] = [
  ['--split YEAR', 'last fitted year, 2008..2024 (default 2020); the years after it are the out-of-sample check'],
  ['--spike', "fit the spike factor's own speeds (kappaSpike, kappaSpikePricing)"],
  ['--from-shipped', 'start the search from the shipped parameters instead of the built-in starting guess'],
  [
    '--start k=v,...',
    `other starting values of fitted parameters, each within its search range (${FITTED.join(', ')}; the spike speeds only with --spike; the fast speeds above kappaSlow)`,
  ],
  [
    '--rounds N',
    'search rounds (default 10); 0: no search, the starting parameters are evaluated and written as they are (needs --from-shipped or --out)',
  ],
  ['--out DIR', 'write calibrated.ts and calibration.md into DIR, an existing folder, instead of the shipped ones'],
  ['-h, --help', 'print this and exit'],
];

/** `--help`'s text: the usage, what the run does and what each option does. */
const width = Math.max(...OPTIONS.map(([o]) => o.length));
export const HELP = [
  `Usage: ${USAGE}`,
  '',
  'Fits the log-VIX model on the market history (ALVH_DATA_DIR, else ../shared/data), checks it out of sample, and',
  'writes shared/src/scenario/model/calibrated.ts and docs/calibration.md (or into --out DIR).',
  '',
  ...OPTIONS.map(([o, what]) => `  ${o.padEnd(width)}   ${what}`),
].join('\n');

const isValued = (name: string): name is Valued => Object.hasOwn(VALUED, name);
const isFlag = (name: string): name is Flag => (FLAGS as readonly string[]).includes(name);

/** The raw options: each known option once, with its value (valued options) or `true` (flags). */
function collect(argv: readonly string[]): { values: Map<string, string | true> } | { message: string } {
  const values = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!isValued(name) && !isFlag(name)) {
      return arg.startsWith('-')
        ? { message: `unknown option ${name}; the options are: ${USAGE}` }
        : {
            message: `unexpected argument '${arg}' (options start with --): ${USAGE}`,
          };
    }
    if (values.has(name)) return { message: `${name} is given twice; give it once` };
    if (isFlag(name)) {
      if (eq > 0) return { message: `${name} takes no value; pass ${name} alone` };
      values.set(name, true);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[i + 1];
    const fix = `pass ${name} ${VALUED[name]} or ${name}=${VALUED[name]}`;
    if (value === undefined || value === '') return { message: `${name} needs a value: ${fix}` };
    if (value.startsWith('--'))
      return {
        message: `${name} needs a value, not the option '${value}': ${fix}`,
      };
    if (eq < 0) i++;
    values.set(name, value);
  }
  return { values };
}

/** A decimal number as `--start` takes it: digits, an optional point and exponent (no hex, no Infinity). */
const DECIMAL = /^[+-]?(\d+(?:\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * `--start k=v,...` as fitted parameters, or the message naming the pair that is not one: an
 * unknown name, a value that is not a decimal number or lies outside the parameter's range, or a
 * name given twice.
 */
function parseStart(text: string): Partial<Record<Fitted, number>> | string {
  const start: Partial<Record<Fitted, number>> = {};
  for (const kv of text.split(',').filter(Boolean)) {
    const [k, v, ...rest] = kv.split('=');
    const name = FITTED.find((f) => f === k);
    if (name === undefined || v === undefined || v.trim() === '' || rest.length) {
      return `--start ${kv}: pass fitted=value pairs (${FITTED.join(', ')})`;
    }
    if (!DECIMAL.test(v)) return `--start ${kv}: ${name} takes a decimal number, within ${rangeText(name)}`;
    if (start[name] !== undefined) return `--start ${name} is given twice; give each parameter once`;
    const value = Number(v);
    const [lo, hi] = BOUNDS[name];
    if (!(value >= lo && value <= hi)) return `--start ${kv}: ${name} must lie within ${rangeText(name)}`;
    start[name] = value;
  }
  return start;
}

/**
 * The built-in starting guess: the search's own result without the SPX −20% cells in the misfit.
 * The spike speeds start at the fast ones (the two-factor model).
 */
export const STARTING_GUESS: Readonly<Record<Fitted, number>> = {
  logLevel: 2.72,
  kappaFast: 6.75,
  kappaFastPricing: 4,
  kappaSpike: 6.75,
  kappaSpikePricing: 4,
  kappaSlow: 1.175,
  slowShare: 0.5,
  volRef: 0.85,
  jumpIntensity: 5.0625,
  jumpMeanLog: 0.147656,
  bigJumpShare: 0.046875,
  bigJumpMeanLog: 0.4,
  spxJumpPerLogJump: 0.125,
};

/**
 * Where the search starts: the built-in guess, or with `--from-shipped` the shipped parameters (the
 * spike speeds at the fast ones when the shipped model has none), then the `--start` values over
 * either; `--rounds 0` evaluates and writes them as they are.
 */
export function startingValues(args: Pick<CalibrateArgs, 'fromShipped' | 'start'>): Record<Fitted, number> {
  let x: Record<Fitted, number> = { ...STARTING_GUESS };
  if (args.fromShipped) {
    const p = CALIBRATED.params;
    x = Object.fromEntries(FITTED.map((k) => [k, p[k] ?? 0])) as Record<Fitted, number>;
    x.kappaFastPricing = p.kappaFastPricing ?? p.kappaFast;
    x.kappaSpike = p.kappaSpike ?? p.kappaFast;
    x.kappaSpikePricing = p.kappaSpikePricing ?? x.kappaFastPricing;
  }
  return { ...x, ...args.start };
}

/**
 * The model needs every fast speed it uses (kappaFastPricing; with `--spike` also kappaSpike and
 * kappaSpikePricing) above kappaSlow: a starting pair that is not, from `--start` against the built-in
 * guess or the shipped parameters, is named here instead of failing in the model after the data is read.
 * (kappaFast's range, from 2, lies above kappaSlow's, to 1.9.)
 */
function speedOrderProblem(args: Pick<CalibrateArgs, 'fromShipped' | 'start' | 'spike'>): string | undefined {
  const x = startingValues(args);
  const origin = (k: Fitted) =>
    args.start[k] !== undefined
      ? 'from --start'
      : args.fromShipped
        ? 'the shipped value'
        : 'the built-in starting guess';
  const fast: Fitted[] = ['kappaFastPricing', ...(args.spike ? (['kappaSpike', 'kappaSpikePricing'] as const) : [])];
  const k = fast.find((f) => x[f] <= x.kappaSlow);
  if (k === undefined) return undefined;
  if (args.start[k] === undefined) {
    return (
      `--start kappaSlow=${x.kappaSlow}: kappaSlow must lie below ${k} ${x[k]} (${origin(k)}), ` +
      `as the slow factor is the model's slowest; pass kappaSlow below ${x[k]}`
    );
  }
  const lower = args.start.kappaSlow === undefined ? ' or a lower kappaSlow' : '';
  return (
    `--start ${k}=${x[k]}: ${k} must lie above kappaSlow ${x.kappaSlow} (${origin('kappaSlow')}), ` +
    `as the slow factor is the model's slowest; pass ${k} above ${x.kappaSlow}${lower}`
  );
}

/** The calibration's options from its command line (`process.argv.slice(2)`), checked. */
export function parseCalibrateArgs(argv: readonly string[]): ParsedArgs {
  if (argv.includes('--help') || argv.includes('-h')) return { ok: 'help', usage: HELP };
  const c = collect(argv);
  if ('message' in c) return { ok: false, message: c.message };
  const text = (name: Valued): string | undefined => {
    const v = c.values.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const splitText = text('--split') ?? '2020';
  const split = /^\d+$/.test(splitText) ? Number(splitText) : Number.NaN;
  if (!Number.isInteger(split) || split < 2008 || split > 2024) {
    return {
      ok: false,
      message: `--split is ${splitText}: pass the last fitted year, 2008..2024`,
    };
  }
  const roundsText = text('--rounds') ?? '10';
  if (!/^\d+$/.test(roundsText)) {
    return {
      ok: false,
      message: `--rounds is ${roundsText}: pass a whole number of search rounds (0: evaluate and write the starting parameters)`,
    };
  }
  const rounds = Number(roundsText);
  const fromShipped = c.values.has('--from-shipped');
  if (rounds === 0 && !fromShipped && text('--out') === undefined) {
    return {
      ok: false,
      message:
        '--rounds 0 without --from-shipped would write the unfitted starting guess over the shipped parameters ' +
        '(calibrated.ts, docs/calibration.md); add --from-shipped (regenerate from the shipped parameters) or --out DIR',
    };
  }
  const start = parseStart(text('--start') ?? '');
  if (typeof start === 'string') return { ok: false, message: start };
  const spike = c.values.has('--spike');
  const spikeOnly = (['kappaSpike', 'kappaSpikePricing'] as const).find((k) => k in start);
  if (!spike && spikeOnly !== undefined) {
    return {
      ok: false,
      message: `--start ${spikeOnly}=${start[spikeOnly]}: ${spikeOnly} is fitted only with --spike; add --spike or drop it`,
    };
  }
  const order = speedOrderProblem({ fromShipped, start, spike });
  if (order !== undefined) return { ok: false, message: order };
  return {
    ok: true,
    args: {
      split,
      out: text('--out'),
      spike,
      fromShipped,
      start,
      rounds,
    },
  };
}

/**
 * Why the `--out` folder cannot take the two files (it does not exist, or is not a folder), or
 * undefined. The run checks it at its start rather than finding out after the fit; it does not
 * create the folder, so that a mistyped path stops the run instead of leaving the files elsewhere.
 */
export function outFolderProblem(dir: string): string | undefined {
  const path = resolve(dir);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined)
    return `--out ${dir}: no folder at ${path}; create it first (mkdir -p ${dir}) or pass an existing one`;
  if (!stat.isDirectory())
    return `--out ${dir}: ${path} is not a folder; pass a folder for calibrated.ts and calibration.md`;
  return undefined;
}

/** The market history files the calibration reads, each from the data folder. */
export const CALIBRATION_DATA = {
  vix: 'cboe_VIX_History__ManULoreN14.csv',
  vvix: 'cboe_VVIX_History__ManULoreN14.csv',
  vxFutures: 'quantintell_vix_futures_VX1-VX8_2007-2021.csv',
  spxTail: 'spx_daily_2021-2026__eric-tao.csv',
  vxBefore: 'leyhline_vx_M1-M8_settle_2004-2017_MIT.csv',
  vxEpisode2024: 'manumartinb_vx_M1-M8_episode_2024-07_2024-09.csv',
  vxEpisode2025: 'manumartinb_vx_M1-M8_episode_2025-03_2025-05.csv',
} as const;

/** The market data folder, by the rule every script follows (scripts/dataFolder.ts). */
export { dataFolderOf } from './dataFolder';

/** Why the data folder cannot feed the calibration (it or some of its files are missing), or undefined. */
export function dataFolderProblem(dir: string): string | undefined {
  const fix = 'set ALVH_DATA_DIR to the folder with the market history CSV files';
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return `market data folder not found at ${dir}; ${fix}`;
  const missing = Object.values(CALIBRATION_DATA).filter(
    (name) => !statSync(join(dir, name), { throwIfNoEntry: false })?.isFile(),
  );
  if (missing.length === 0) return undefined;
  return `market data folder ${dir} lacks ${missing.join(', ')}; ${fix} (or add ${missing.length === 1 ? 'it' : 'them'} there)`;
}
