/**
 * The replay scripts' data errors (scripts/replayData.ts): a file the parser refuses is named with
 * the parser's line, in one line without a stack trace; a folder is looked for as a folder (a
 * missing file names itself); a replay refusal names the row by its date, not by its index in the
 * script's merge. Each spawn stops while reading the data or checking the rows, in 2-3 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InputValidationError, invalidInput } from '@alvh/shared';
import { LISTED_ISSUES, replayErrorText, rowsByDate } from '../../scripts/replayErrors';
import { yearSpan } from '../../scripts/replayLabels';
import { replayedYears } from '../../scripts/replayData';
import { dataDir, describeWithData } from '../helpers/marketData';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('a replay refusal in the scripts names rows by date', () => {
  const rows = [{ date: '2021-12-21' }, { date: '2021-12-22' }, { date: '2021-12-23' }];

  it('rows[i].field becomes "<date> field", rows[i] the date; an index past the rows stays', () => {
    expect(rowsByDate('rows[2].spxOpen: is 46', rows)).toBe('2021-12-23 spxOpen: is 46');
    expect(rowsByDate('checked up to rows[1] of 3', rows)).toBe('checked up to 2021-12-22 of 3');
    expect(rowsByDate('rows[7].vix: is 0', rows)).toBe('rows[7].vix: is 0');
  });

  it('an AlvhError is its message so translated; several issues are listed under it', () => {
    expect(replayErrorText(invalidInput('rows[0].spx', 'is 0.5', 'pass 4700'), rows)).toBe(
      '2021-12-21 spx: is 0.5; pass 4700',
    );
    const issues = Array.from({ length: LISTED_ISSUES + 2 }, (_, i) => ({
      path: `rows[${i % 3}].vix`,
      message: `is ${i}`,
    }));
    const lines = replayErrorText(new InputValidationError(issues), rows).split('\n');
    expect(lines[0]).toMatch(/^2021-12-21 vix: is 0 \(and 11 more issues\)/);
    expect(lines[2]).toBe('  2021-12-22 vix: is 1');
    expect(lines).toHaveLength(1 + LISTED_ISSUES + 1);
    expect(lines.at(-1)).toBe('  (2 more)');
  });
});

describe('the period labels of the replay tables', () => {
  it('are the years summed, not the window asked for', () => {
    // a history cut after 2020-12-31: the condors open to 2020, the last settles in 2021
    expect(yearSpan(['2007', '2008', '2021'])).toBe('2007-2021');
    expect(yearSpan(['2007-04-02', '2020-11-16'])).toBe('2007-2020');
    expect(yearSpan(['2024-07-22', '2024-09-03'])).toBe('2024');
    expect(yearSpan([])).toBe('');
  });
});

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The script on a copy of the data folder (links to its files) with `changed` files written over. */
const run = (changed: Record<string, string> = {}) => {
  const data = mkdtempSync(join(tmpdir(), 'replay-data-'));
  made.push(data);
  for (const f of readdirSync(dataDir)) if (!(f in changed)) symlinkSync(join(dataDir, f), join(data, f));
  for (const [f, text] of Object.entries(changed)) writeFileSync(join(data, f), text);
  return spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts', 'replay.ts')], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ALVH_DATA_DIR: data },
  });
};

/** One line on stderr, nothing on stdout, exit code 1. */
const oneLine = (r: ReturnType<typeof run>): string => {
  expect(r.stdout).toBe('');
  expect(r.status).toBe(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0] as string;
};

describe("a replay run's name", () => {
  const row = (date: string, vx: number[] = [16, 17]) => ({ date, vx });

  it('is the years of the rows with VX prices it replays, else of its window', () => {
    const rows = [row('2006-12-29', []), row('2007-04-02'), row('2019-12-31'), row('2021-06-30', [])];
    expect(replayedYears({ rows, from: '2007-04-02', to: '2021-12-23' })).toBe('2007-2019');
    expect(replayedYears({ rows: rows.slice(0, 1), from: '2007-04-02', to: '2021-12-23' })).toBe('2007-2021');
  });
});

describe('npm run replay: a data folder that is not there', () => {
  it('a folder that is not there is named', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts', 'replay.ts')], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, ALVH_DATA_DIR: join(tmpdir(), 'no-such-replay-data-folder') },
    });
    expect(oneLine(r)).toMatch(/^market data folder not found at \S+no-such-replay-data-folder; set ALVH_DATA_DIR/);
  });
});

describeWithData('npm run replay: a data file the parser or the replay refuses', () => {
  const vvix = 'cboe_VVIX_History__ManULoreN14.csv';
  const futures = 'quantintell_vix_futures_VX1-VX8_2007-2021.csv';
  const lines = readFileSync(join(dataDir, futures), 'utf8').split(/\r?\n/);
  const at = lines.findIndex((l) => l.split(',')[1] === '2015-08-24');

  it('an empty file: its name and what is wrong, without a stack trace', () => {
    expect(oneLine(run({ [vvix]: '' }))).toBe(
      `${vvix}: is empty (no header line); pass the whole file, header line first`,
    );
  });

  it('a repeated date: the file, then the line and the date', () => {
    const dup = [...lines.slice(0, at + 1), lines[at] as string, ...lines.slice(at + 1)].join('\n');
    expect(oneLine(run({ [futures]: dup }))).toBe(
      `${futures}: line ${at + 2} (DATE): date 2015-08-24 is repeated; list each trading day once, oldest first`,
    );
  });

  it('a close the replay refuses: the run and the row by its date', () => {
    const cells = (lines[at] as string).split(',');
    cells[cells.length - 1] = '18.93'; // SP500 1893.21 with its decimal point moved
    const slip = [...lines.slice(0, at), cells.join(','), ...lines.slice(at + 1)].join('\n');
    expect(oneLine(run({ [futures]: slip }))).toMatch(/^replay 2007-2021: 2015-08-24 spx: SPX is in index points/);
    // named by the years it replays, as the tables label it: a futures file ending in 2019 replays 2007-2019
    const short = slip.split('\n').filter((l, i) => i === 0 || (l.split(',')[1] ?? '') < '2020');
    expect(oneLine(run({ [futures]: short.join('\n') }))).toMatch(/^replay 2007-2019: 2015-08-24 spx: SPX is in/);
  });
});
