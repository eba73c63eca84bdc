import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE, excelMessage } from '../../addin/src/functions/messages';

describe("a cell's error message within Excel's 200 characters", () => {
  it('passes a short message whole', () => {
    expect(excelMessage('vol', 'is 18, which looks like a percentage', 'pass 0.18')).toBe(
      'vol: is 18, which looks like a percentage; pass 0.18',
    );
  });

  it('cuts the problem at a word, never the fix: what to do is always shown whole', () => {
    const problem = `is 5000, ${'far from anything a market quotes '.repeat(6)}today`;
    const fix = 'pass the future in VIX points, e.g. 19.35 (the level Cboe prints)';
    const m = excelMessage('hedgeFuture', problem, fix);
    expect(m.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(m.endsWith(`…; ${fix}`)).toBe(true);
    expect(m.startsWith('hedgeFuture: is 5000, far from anything')).toBe(true);
    // the cut falls after a whole word
    expect(m).toMatch(/(far|from|anything|a|market|quotes)…; /);
  });

  it('cuts a fix too long to leave room for the problem at a word, marked', () => {
    const m = excelMessage('inputs', 'is wrong', `do ${'this and that '.repeat(20)}`);
    expect(m.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(m).toMatch(/(this|and|that)…$/);
  });
});
