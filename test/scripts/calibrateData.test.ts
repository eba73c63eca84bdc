/**
 * `npm run calibrate`'s history before the fit: the ranges it states are the days it used (bounded
 * by the period at both ends), a file it cannot parse or one that misses a period stops it with one
 * line naming the file, before any fitting.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { epochDay, type DayValue } from '@alvh/shared/calibration';
import type { MarketRow } from '@alvh/shared';
import { CALIBRATION_DATA } from '../../scripts/calibrateArgs';
import {
  betaStartDays,
  clipPeriod,
  coverageProblem,
  historySeries,
  periodRange,
  tradingDayRows,
  type Period,
} from '../../scripts/calibrateData';
import { readHistoryFile } from '../../scripts/historyFile';
import { dataDir, describeWithData } from '../helpers/marketData';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dirs: string[] = [];
const scratch = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const out: Period = { name: 'out of sample', from: epochDay('2021-01-01'), to: epochDay('2026-07-22') };
/** Every weekday of 2020-12-01..to: a VIX series for the period tests. */
const weekdays = (to: string): DayValue[] => {
  const xs: DayValue[] = [];
  for (let d = epochDay('2020-12-01'); d <= epochDay(to); d++) {
    if (new Date(d * 86_400_000).getUTCDay() % 6 !== 0) xs.push({ day: d, value: 20 });
  }
  return xs;
};

describe('the series the calibration measures', () => {
  const row = (date: string, vix: number): MarketRow => ({ date, vx: [], vix });
  // Cboe's VIX file holds closes on exchange holidays (2024-07-04, 2024-09-02, ...); 1999-07-05,
  // the observed Independence Day, lies before the calendar's first year and is kept as a weekday.
  const rows = [
    row('1999-07-02', 19.5),
    row('1999-07-05', 19.8),
    row('2024-07-03', 12.0),
    row('2024-07-04', 12.1),
    row('2024-07-05', 12.5),
    row('2024-09-02', 15.6),
    row('2024-09-03', 20.7),
  ];

  it("leaves out an exchange holiday's row: it is no starting day or horizon date", () => {
    const days = historySeries(rows, (r) => r.vix).map((x) => x.day);
    expect(days).toEqual(['1999-07-02', '1999-07-05', '2024-07-03', '2024-07-05', '2024-09-03'].map(epochDay));
    expect(tradingDayRows(rows).map((r) => r.date)).not.toContain('2024-07-04');
  });

  it('keeps only finite, positive values', () => {
    const values = historySeries(
      [row('2024-07-03', 0), row('2024-07-05', Number.NaN), row('2024-09-03', 20.7)],
      (r) => r.vix,
    );
    expect(values).toEqual([{ day: epochDay('2024-09-03'), value: 20.7 }]);
  });
});

describe("the out-of-sample period's days", () => {
  const shipped = weekdays('2026-07-22');
  // three trading days after the period's end, as a newer VIX or VVIX file holds them
  const longer = weekdays('2026-07-27');

  it('state the range the run used: days after the end do not move it', () => {
    expect(longer.length).toBe(shipped.length + 3);
    expect(periodRange(shipped, out)).toBe('2021-01-01..2026-07-22');
    expect(periodRange(longer, out)).toBe('2021-01-01..2026-07-22');
    expect(periodRange(weekdays('2020-12-31'), out)).toBe('none');
  });

  it("are the model's β starting days: days after the end are not among them", () => {
    const days = betaStartDays(longer, out, 600);
    expect(days).toEqual(betaStartDays(shipped, out, 600));
    expect(days).toHaveLength(600);
    expect(Math.max(...days)).toBeLessThanOrEqual(out.to);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(out.from);
  });
});

describe('a history file the calibration cannot parse', () => {
  const dir = scratch('calibrate-read-');
  const header = 'DATE,OPEN,HIGH,LOW,CLOSE\n07/21/2026,17.48,17.99,16.86,17.05\n';
  const problem = (text: string) => {
    writeFileSync(join(dir, 'vix.csv'), text);
    const r = readHistoryFile(dir, 'vix.csv', 'cboe-vix');
    return 'problem' in r ? r.problem : 'read';
  };

  it('is named, with the line and the fix, instead of thrown', () => {
    expect(problem(`${header}07/22/2026,17.42,19.49\n`)).toBe(
      'vix.csv: line 3: has 3 cells, the header has 5; repair the line or remove it from the file',
    );
    expect(problem('')).toBe('vix.csv: is empty (no header line); pass the whole file, header line first');
    expect(problem(`${header}07/22/2026,17.420000,19.490000,16.640000,1`)).toMatch(
      /^vix\.csv: line 3 \(CLOSE\): is 1, outside the day's low-high range 16\.640000\.\.19\.490000/,
    );
    expect(problem(header)).toBe('read');
    expect(readHistoryFile(dir, 'none.csv', 'cboe-vix')).toEqual({
      problem: expect.stringMatching(/^none\.csv: cannot be read \(ENOENT/),
    });
  });
});

describe('the periods every series must cover', () => {
  const inSample: Period = { name: 'in sample', from: epochDay('1990-01-02'), to: epochDay('2020-12-31') };
  const vix = weekdays('2020-12-31');
  const use = { file: 'cboe_VIX.csv', what: 'VIX close', days: vix, fileDates: ['1990-01-02', '2020-12-31'] };

  it('a file ending before a period is named with its last date', () => {
    expect(coverageProblem([{ ...use, windows: [inSample] }])).toBeUndefined();
    expect(coverageProblem([{ ...use, windows: [inSample, out] }])).toBe(
      'cboe_VIX.csv: no VIX close in the out of sample period 2021-01-01..2026-07-22; its last date is 2020-12-31 ' +
        '(its dates run 1990-01-02..2020-12-31); use a copy of the file that covers the period (or --split YEAR to move the periods)',
    );
    expect(coverageProblem([{ ...use, days: [], fileDates: [], windows: [inSample] }])).toContain(
      'no VIX close in the in sample period 1990-01-02..2020-12-31; the file has no rows;',
    );
  });

  it('offers --split only where another window holds the series: a split moves days between the periods, not their ends', () => {
    const split = '(or --split YEAR to move the periods)';
    // an empty file misses both periods: no split gives either a day
    expect(coverageProblem([{ ...use, days: [], fileDates: [], windows: [inSample, out] }])).not.toContain(split);
    // one window, the whole calibration or the part of it a file feeds: no split moves it
    const whole: Period = { name: 'calibration', from: inSample.from, to: out.to };
    expect(coverageProblem([{ ...use, windows: [whole], days: [] }])).not.toContain(split);
    expect(coverageProblem([{ ...use, windows: [out] }])).toBe(
      'cboe_VIX.csv: no VIX close in the out of sample period 2021-01-01..2026-07-22; its last date is 2020-12-31 ' +
        '(its dates run 1990-01-02..2020-12-31); use a copy of the file that covers the period',
    );
  });

  it("names where the file's dates lie against the window: after it, or around it with no usable row", () => {
    // leyhline's VX, read before 2007-04-02, from a copy that starts later: its dates are the file's own
    const before: Period = { name: 'calibration', from: inSample.from, to: epochDay('2007-04-01') };
    const leyhline = { file: 'leyhline.csv', what: 'VX settlement', days: [], windows: [before] };
    expect(coverageProblem([{ ...leyhline, fileDates: ['2008-01-02', '2017-05-11'] }])).toBe(
      'leyhline.csv: no VX settlement in the calibration period 1990-01-02..2007-04-01; its first date is 2008-01-02 ' +
        '(its dates run 2008-01-02..2017-05-11); use a copy of the file that covers the period',
    );
    expect(coverageProblem([{ ...leyhline, fileDates: ['2004-03-26', '2017-05-11'] }])).toContain(
      '; its dates run 2004-03-26..2017-05-11, but none of its rows in the period has one; use a copy',
    );
  });

  it('a series feeding part of a period is checked on that part', () => {
    expect(clipPeriod(out, -Infinity, epochDay('2020-12-31'))).toBeUndefined();
    expect(clipPeriod(inSample, epochDay('2007-01-03'), Infinity)).toEqual({
      ...inSample,
      from: epochDay('2007-01-03'),
    });
  });
});

/** A data folder with the calibration's files copied from the real one, `edit` applied to one (the VIX file by default). */
const dataWith = (edit: (text: string) => string, file: string = CALIBRATION_DATA.vix) => {
  const dir = scratch('calibrate-data-');
  for (const name of ['README.md', ...Object.values(CALIBRATION_DATA)])
    copyFileSync(join(dataDir, name), join(dir, name));
  const edited = join(dir, file);
  writeFileSync(edited, edit(readFileSync(edited, 'utf8')));
  return dir;
};
/** The fast run (the shipped parameters, no search) into a scratch folder; `start:` is the fit's first line. */
const run = (data: string) =>
  spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(repoRoot, 'scripts', 'calibrate.ts'),
      '--rounds',
      '0',
      '--from-shipped',
      '--out',
      scratch('calibrate-out-'),
    ],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ALVH_DATA_DIR: data }, timeout: 120_000 },
  );

describeWithData('npm run calibrate with a damaged or short history file', () => {
  it('a file cut inside its last line stops it with exit code 1 and one line naming the file, before the fit', () => {
    const r = run(dataWith((text) => text.slice(0, -12)));
    expect(r.stderr.trim()).toMatch(
      /^calibrate: cboe_VIX_History__ManULoreN14\.csv: line \d+: has 4 cells, the header has 5; repair the line or remove it from the file$/,
    );
    expect(r.status).toBe(1);
  }, 120_000);

  it('a file ending before the out-of-sample period stops it naming the file and its last date, before the fit', () => {
    const r = run(dataWith((text) => text.replace(/\n\d\d\/\d\d\/202[1-6],.*/g, '')));
    expect(r.stderr.trim()).toBe(
      'calibrate: cboe_VIX_History__ManULoreN14.csv: no VIX close in the out of sample period 2021-01-01..2026-07-22; ' +
        'its last date is 2020-12-31 (its dates run 1990-01-02..2020-12-31); use a copy of the file that covers the period (or --split YEAR to move the periods)',
    );
    expect(r.status).toBe(1);
  }, 120_000);

  it('a leyhline copy starting after 2007-04-02 is named by its first date, without --split, which cannot help', () => {
    const r = run(dataWith((text) => text.replace(/\n"\d+",200[4-7]-.*/g, ''), CALIBRATION_DATA.vxBefore));
    expect(r.stderr.trim()).toBe(
      `calibrate: ${CALIBRATION_DATA.vxBefore}: no VX settlement in the calibration period 1990-01-02..2007-04-01; ` +
        'its first date is 2008-01-02 (its dates run 2008-01-02..2017-05-11); use a copy of the file that covers the period',
    );
    expect(r.status).toBe(1);
  }, 120_000);
});
