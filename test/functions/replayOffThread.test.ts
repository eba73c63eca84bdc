/**
 * POST /api/replay checks its rows on the worker, not on the request thread: the handler hands
 * the body to the pool as it came (only the room in the pool and the row count are checked before),
 * and the refusals the worker finds answer the same problem documents the request thread gave when
 * it checked the rows itself (400 with its issues, 422 over the work limit), on the Azure handler
 * and on the local host alike.
 */
import { InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import {
  checkReplayWork,
  dayFromYmd,
  isBusinessDay,
  parseReplayInput,
  replayedRowCount,
  replayLegCount,
  toIsoDate,
} from '@alvh/shared';
import { setComputeRunner, type ComputeJob, type ComputeRunner } from '../../functions/src/compute';
import { problemFromError } from '../../functions/src/http/problem';
import { callRoute, type Json } from './postJson';
import { hostPost, usePoolAndHost } from './poolHost';

const BAD_ROW = { spx: 'x', vix: 'x', vvix: 'x', vx: Array.from({ length: 12 }, () => 'a') };

/** 10,000 rows of every field wrong: the row-by-row check takes a tenth of a second or more. */
const WRONG_ROWS = {
  rows: Array.from({ length: 10_000 }, (_, i) => ({ date: `2000-01-0${(i % 5) + 3}`, ...BAD_ROW })),
};

/** Market-day rows with a contango curve, from 2005-01-03. */
function marketRows(n: number): { date: string; spx: number; vix: number; vx: number[] }[] {
  const rows: { date: string; spx: number; vix: number; vx: number[] }[] = [];
  for (let d = dayFromYmd(2005, 1, 3); rows.length < n; d++) {
    if (!isBusinessDay(toIsoDate(d))) continue;
    const vix = Math.round((18 + 4 * Math.sin(rows.length / 40)) * 100) / 100;
    rows.push({ date: toIsoDate(d), spx: 1500 + rows.length, vix, vx: [vix + 1, vix + 2] });
  }
  return rows;
}

const good = marketRows(4000);

/** Bodies refused once their rows are read: a stopped check, a few issues, a window, the work limit. */
const REFUSED: [string, object][] = [
  ['10,000 wrong rows (the check stops after the first issues)', WRONG_ROWS],
  [
    'a few issues, the other fields too',
    {
      rows: [good[0], { ...good[1], spx: -1 }, { ...good[2], vix: 0.15 }],
      policy: { minShortStrikeSd: 9 },
      assumptions: { condorDte: 2 },
    },
  ],
  ['dates out of order', { rows: [good[1], good[0]] }],
  ['an unknown field', { rows: good.slice(0, 5), polcy: { rebalanceDays: 7 } }],
  ['a window on no market day', { rows: good.slice(0, 10), from: '2005-01-08', to: '2005-01-09' }],
  ['rows × legs over the work limit', { rows: good, assumptions: { entryEveryDays: 7, maxOpenCondors: 12 } }],
];

/** The problem the request thread answered when it checked the rows itself, before queueing. */
function requestThreadProblem(body: object): Json {
  try {
    const v = parseReplayInput(body);
    checkReplayWork(replayedRowCount(v), replayLegCount(v.assumptions));
  } catch (e) {
    return problemFromError(e, new InvocationContext(), '/api/replay').problem;
  }
  throw new Error('expected the body to be refused');
}

/** A runner with room that records what it is given and answers `{}`. */
class Recorder implements ComputeRunner {
  readonly given: [ComputeJob, unknown][] = [];
  run(job: ComputeJob, payload: unknown): Promise<unknown> {
    this.given.push([job, payload]);
    return Promise.resolve({ json: '{}' });
  }
  checkRoom(): void {}
  async close(): Promise<void> {}
}

const { pool, host } = usePoolAndHost('alvh-replay-');

describe('POST /api/replay reads its rows on the worker', () => {
  it('hands the body to the pool unread: rows the schema refuses reach the runner as sent', async () => {
    const runner = new Recorder();
    setComputeRunner(runner);
    const azure = await callRoute('replay', { body: WRONG_ROWS });
    const local = await hostPost(host(), 'replay', WRONG_ROWS);
    expect([azure.status, local.status]).toEqual([200, 200]);
    expect(runner.given).toEqual([
      ['replay', WRONG_ROWS],
      ['replay', WRONG_ROWS],
    ]);
  });

  it.each(REFUSED)('%s: the problem document the request thread answered', async (_name, body) => {
    setComputeRunner(pool());
    const expected = requestThreadProblem(body);
    expect([400, 422]).toContain(expected.status);
    const azure = await callRoute('replay', { body });
    expect(azure.status).toBe(expected.status);
    expect(azure.json).toEqual(expected);
    const local = await hostPost(host(), 'replay', body);
    expect(local.status).toBe(expected.status);
    expect(local.json).toEqual(expected);
  });
});
