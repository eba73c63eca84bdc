/**
 * The run bar's note while a job runs: one formatter for the stress grid, the Monte Carlo and the
 * frontier, here run or on a cloud host that counts the seconds.
 */
import { describe, expect, it } from 'vitest';
import { runningNote } from '../../addin/src/taskpane/runBar';

const what = 'Running 5,000 paths on alvh.example.net…';

describe('runningNote', () => {
  it('says what runs alone before any progress, here', () => {
    expect(runningNote(what, undefined)).toBe(what);
  });
  it('counts the seconds of a cloud run before any progress, rounded', () => {
    expect(runningNote(what, undefined, 6_499)).toBe(`${what} 6 s`);
    expect(runningNote(what, undefined, 6_500)).toBe(`${what} 7 s`);
  });
  it('gives the share done, floored, so 100% is never said before the end', () => {
    expect(runningNote(what, { done: 2, total: 3 })).toBe(`${what} 66%`);
    expect(runningNote(what, { done: 999, total: 1000 }, 42_000)).toBe(`${what} 99% · 42 s`);
  });
  it('says summarising once every part is done', () => {
    expect(runningNote(what, { done: 5, total: 5 }, 9_000)).toBe(`${what} summarising · 9 s`);
    expect(runningNote(what, { done: 5, total: 5 })).toBe(`${what} summarising`);
  });
  it('reads a total of 0 (a bar not yet sized) as no progress', () => {
    expect(runningNote(what, { done: 0, total: 0 }, 1_000)).toBe(`${what} 1 s`);
  });
});
