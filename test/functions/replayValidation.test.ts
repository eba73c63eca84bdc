/**
 * POST /api/replay's validation (on the compute worker, with the replay: replayOffThread.test.ts):
 * rows are checked one by one and the check stops after the first issues, so a body of 12,000 rows
 * with every field wrong (252,000 issues) is answered at once; a body with a few issues lists them
 * exactly as the schema does.
 */
import { HttpRequest, InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { InputValidationError, MAX_ROW_ISSUES, parseInput, parseReplayInput, ReplayInputSchema } from '@alvh/shared';
import { replayHandler } from '../../functions/src/handlers/replay';
import { problemFromError, MAX_LISTED_ISSUES } from '../../functions/src/http/problem';
import { REPLAY_EXAMPLE } from '../../functions/src/handlers/examples';
import { setComputeRunner } from '../../functions/src/compute';
import { inlineCompute } from './inlineCompute';
import { callRoute } from './postJson';

const BAD_ROW = {
  spx: 'x',
  spxOpen: 'x',
  vix: 'x',
  vixOpen: 'x',
  vvix: 'x',
  vix3m: 'x',
  vix9d: 'x',
  vix6m: 'x',
  skew: 'x',
  vx: Array.from({ length: 12 }, () => 'a'),
};

function validationError(f: () => unknown): InputValidationError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputValidationError) return e;
    throw e;
  }
  throw new Error('expected an InputValidationError');
}

describe('replay input validation', () => {
  const worst = { rows: Array.from({ length: 12_000 }, (_, i) => ({ date: `2000-01-0${(i % 5) + 3}`, ...BAD_ROW })) };

  it('stops after the first issues of 12,000 wrong rows: the 100 a problem lists, the last saying where', async () => {
    let thrown: unknown;
    setComputeRunner(inlineCompute()); // the job the pool's worker runs, in this thread
    await replayHandler(worst, {
      request: new HttpRequest({ method: 'POST', url: 'http://localhost/api/replay' }),
      context: new InvocationContext(),
      signal: undefined,
    })
      .catch((e: unknown) => (thrown = e))
      .finally(() => setComputeRunner(undefined));
    // 99 row issues and the note, not the 252,000 the whole schema built (2.1 s of the request thread)
    const e = thrown as InputValidationError;
    expect(e).toBeInstanceOf(InputValidationError);
    expect(e.issues).toHaveLength(MAX_ROW_ISSUES + 1);
    expect(MAX_ROW_ISSUES + 1).toBe(MAX_LISTED_ISSUES);
    // the first issues are the schema's, word for word
    expect(e.issues[0]).toEqual({ path: 'rows[0].spx', message: 'pass a price in index points' });
    expect(e.issues[20]).toEqual({ path: 'rows[0].vx[11]', message: 'pass a price in index points' });
    expect(e.issues[21]).toEqual({ path: 'rows[1].spx', message: 'pass a price in index points' });
    expect(e.issues[MAX_ROW_ISSUES]).toEqual({
      path: 'rows',
      message: `more than ${MAX_ROW_ISSUES} issues in the rows: checked up to rows[4] of 12000; correct these and send the rows again`,
    });
    const { problem } = problemFromError(e, new InvocationContext());
    expect(problem.status).toBe(400);
    expect(problem.issues).toHaveLength(MAX_LISTED_ISSUES);
    expect(problem.issues?.at(-1)?.path).toBe('rows');
    // the detail does not count the note as an issue, nor the rows unchecked as none
    expect(problem.detail).toBe(
      `rows[0].spx: pass a price in index points (and more issues; the check stopped after the first ${MAX_ROW_ISSUES})`,
    );
  });

  it('lists a few issues exactly as the whole schema does, the other fields too', () => {
    const rows = [
      { date: '2021-01-04', spx: 4000, vix: 15, vx: [16, 17] },
      { date: '2021-01-05', spx: -1, vix: 15, vx: [16, 'a'] },
      { date: '2021-01-06', spx: 4000, vix: 0.15, vx: [16, 17] },
    ];
    const input = { rows, policy: { minShortStrikeSd: 9 }, assumptions: { condorDte: 2 } };
    const mine = validationError(() => parseReplayInput(input));
    const schema = validationError(() => parseInput(ReplayInputSchema, input));
    expect(mine.issues).toEqual(schema.issues);
    expect([...new Set(mine.issues.map((i) => i.path))]).toEqual([
      'rows[1].spx',
      'rows[1].vx[1]',
      'rows[2].vix',
      'policy.minShortStrikeSd',
      'assumptions.condorDte',
    ]);
    // and the checks across rows (a date out of order) on rows that parse
    const swapped = [rows[0], { ...rows[0], date: '2021-01-05' }, { ...rows[0], date: '2021-01-05' }];
    expect(validationError(() => parseReplayInput({ rows: swapped })).issues).toEqual(
      validationError(() => parseInput(ReplayInputSchema, { rows: swapped })).issues,
    );
  });

  it('parses a valid input to what the schema gives', () => {
    const rows = [
      { date: '2021-01-04', spx: 4000, spxOpen: 3990, vix: 15 },
      { date: '2021-01-05', spx: 4010, vix: 16, vx: [17, null, 18] },
    ];
    const input = { rows, from: '2021-01-05', assumptions: { condorDte: 30 } };
    expect(parseReplayInput(input)).toEqual(parseInput(ReplayInputSchema, input));
  });

  it('takes a from or an episode in the years 0000-0099 as any date before the rows (it was refused as no date)', async () => {
    setComputeRunner(inlineCompute());
    try {
      const first = REPLAY_EXAMPLE.rows[0]!.date;
      const sixth = REPLAY_EXAMPLE.rows[5]!.date;
      const answer = async (body: object) => (await callRoute('replay', { method: 'POST', body })).json;
      const base = await answer({ ...REPLAY_EXAMPLE, from: '0100-01-01' });
      expect(base.from).toBe(first);
      // the same answer, its note naming the from asked
      expect(base.notes[0]).toBe(`from 0100-01-01 is before the first row, ${first}: replayed from ${first}`);
      for (const from of ['0001-01-01', '0099-01-01', '0000-02-29'])
        expect(await answer({ ...REPLAY_EXAMPLE, from })).toEqual({
          ...base,
          notes: [base.notes[0].replace('0100-01-01', from), ...base.notes.slice(1)],
        });
      const episode = (from: string) => ({ ...REPLAY_EXAMPLE, episodes: [{ name: 'early', from, to: sixth }] });
      const clamped = await answer(episode('0100-01-01'));
      expect(clamped.episodes[0]).toMatchObject({ from: first, to: sixth });
      expect(await answer(episode('0099-01-01'))).toEqual(clamped);
      // wholly before the rows: refused naming the window, as for any other early episode
      const before = await answer({
        ...REPLAY_EXAMPLE,
        episodes: [{ name: 'early', from: '0050-01-01', to: '0060-01-01' }],
      });
      expect([before.status, before.field]).toEqual([400, 'episodes[0]']);
      expect(before.detail).toContain("outside the replay's window");
    } finally {
      setComputeRunner(undefined);
    }
  });
});
