/**
 * The market history the replay scripts run on, read from `ALVH_DATA_DIR` where set and not empty
 * (else `../shared/data` beside the repository; dataFolder.ts), and the three default runs: 2007-2021 and the 2024 and 2025 episodes.
 * Every replay script (replay.ts, replayTables.ts, replayBudgets.ts) loads its rows here.
 *
 * Sources: VX settlements, VIX and SPX closes from quantintell (2007-04..2021-12); VIX open/close
 * and VVIX from Cboe; SPX opens (2021 on) from eric-tao, which settle the AM SPX monthlies; for
 * 2024-2025, VX settlements from manumartinb and SPX closes from eric-tao. The SPX surface of each
 * day reads the day's Cboe indices where the history has them: VIX9D, VIX3M and VIX6M from the
 * quantintell cash file (VIX6M 2008-2021, VIX3M from 2009-09-18, VIX9D from 2011-01-04), then
 * VIX9D and VIX3M from Cboe (to 2026), SKEW from Cboe throughout. A day without them is marked on
 * VIX alone (flat term structure); 2024-2025 have no VIX6M.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlvhError, mergeMarketHistory, replay } from '@alvh/shared';
import type { MarketHistoryFormat, MarketRow, ReplayInput, ReplayResult } from '@alvh/shared';
import { dataFilesProblem, dataFolderOf } from './dataFolder';
import { readHistoryFile } from './historyFile';
import { replayErrorText } from './replayErrors';
import { yearSpan } from './replayLabels';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const dataDir = dataFolderOf(process.env, repoRoot);

/** Prints one line on stderr and exits with code 1 (a data problem: no stack trace, it names no code). */
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/**
 * The rows of one file of the data folder; exits with a one-line message naming the file when it
 * is missing, cannot be read, or is no market history (`<file>: line 2117 (DATE): ...`).
 */
function read(name: string, format?: MarketHistoryFormat): MarketRow[] {
  const missing = dataFilesProblem(dataDir, [name]);
  if (missing !== undefined) fail(missing);
  const file = readHistoryFile(dataDir, name, format);
  if ('problem' in file) fail(file.problem);
  return file.rows;
}

/** The rows and window of one default run. */
export interface ReplayWindow {
  rows: MarketRow[];
  from: string;
  to: string;
}

export interface ReplayHistory {
  main: ReplayWindow;
  y2024: ReplayWindow;
  y2025: ReplayWindow;
}

let history: ReplayHistory | undefined;

/**
 * The rows of the three default runs, read once per process. Exits with a one-line message when
 * the data folder, or a file of it, is missing.
 */
export function replayHistory(): ReplayHistory {
  if (history) return history;
  // the folder itself: a file missing from it names itself (read)
  const noFolder = dataFilesProblem(dataDir, []);
  if (noFolder !== undefined) fail(noFolder);
  const vix = read('cboe_VIX_History__ManULoreN14.csv', 'cboe-vix');
  const vvix = read('cboe_VVIX_History__ManULoreN14.csv');
  const spx = read('spx_daily_2021-2026__eric-tao.csv', 'spx-ohlcv');
  // the other Cboe indices of each day, for its SPX surface: the quantintell cash file first
  // (it has VIX6M), then Cboe's own VIX9D and VIX3M files (after 2021), and SKEW
  const indices = mergeMarketHistory(
    read('quantintell_vix_cash_VIX9D_VIX_VIX3M_VIX6M_2008-2021.csv').map(
      ({ date, vix9d, vix3m, vix6m }): MarketRow => ({
        date,
        vx: [],
        ...(vix9d === undefined ? {} : { vix9d }),
        ...(vix3m === undefined ? {} : { vix3m }),
        ...(vix6m === undefined ? {} : { vix6m }),
      }),
    ),
    read('cboe_VIX9D_History__ManULoreN14.csv', 'cboe-vix9d'),
    read('cboe_VIX3M_History__ManULoreN14.csv', 'cboe-vix3m'),
    read('cboe_SKEW_History__ManULoreN14.csv'),
  );

  // 2007-2021: quantintell's SPX closes come first; eric-tao adds the SPX opens of 2021 (its
  // closes equal quantintell's on every common day).
  const main: ReplayWindow = {
    rows: mergeMarketHistory(read('quantintell_vix_futures_VX1-VX8_2007-2021.csv'), vix, vvix, indices, spx).filter(
      (r) => r.date <= '2021-12-31',
    ),
    from: '2007-04-02',
    to: '2021-12-23',
  };

  // 2024 and 2025: the episode files hold VX for about two months each; SPX from eric-tao.
  // Earlier SPX/VIX/VVIX rows (no VX) warm up the signals; trading starts with the VX data.
  const short = (file: string): ReplayWindow => {
    const vx = read(file);
    const first = (vx[0] as MarketRow).date;
    const last = (vx[vx.length - 1] as MarketRow).date;
    return {
      rows: mergeMarketHistory(vx, spx, vix, vvix, indices).filter((r) => r.date >= '2023-06-01' && r.date <= last),
      from: first,
      to: last,
    };
  };
  history = {
    main,
    y2024: short('manumartinb_vx_M1-M8_episode_2024-07_2024-09.csv'),
    y2025: short('manumartinb_vx_M1-M8_episode_2025-03_2025-05.csv'),
  };
  return history;
}

export interface ReplayRuns {
  main: ReplayResult;
  y2024: ReplayResult;
  y2025: ReplayResult;
}

/** The default runs with these replay assumptions and policy overrides (default: the schema's). */
export function replayRuns(
  assumptions: ReplayInput['assumptions'] = {},
  policy: ReplayInput['policy'] = {},
): ReplayRuns {
  const h = replayHistory();
  // a refusal names the run and its row by date (rows[8059].spxOpen: 2021-12-23 spxOpen)
  const run = (name: string, w: ReplayWindow): ReplayResult => {
    try {
      return replay({ ...w, policy, assumptions });
    } catch (e) {
      if (isAlvhError(e)) fail(`replay ${name}: ${replayErrorText(e, w.rows)}`);
      throw e;
    }
  };
  return {
    main: run(replayedYears(h.main), h.main),
    y2024: run('2024 episode', h.y2024),
    y2025: run('2025 episode', h.y2025),
  };
}

/**
 * The years a window replays, as the tables label the run (yearSpan): those of its rows with VX
 * prices from `from` to `to` (2007-2020 for a futures file ending in 2020), else of the window.
 */
export function replayedYears(w: ReplayWindow): string {
  const days = w.rows.filter((r) => r.date >= w.from && r.date <= w.to && r.vx.length > 0).map((r) => r.date);
  return yearSpan(days.length > 0 ? days : [w.from, w.to]);
}
