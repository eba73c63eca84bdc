import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { invalidInput } from '@alvh/shared';
import { MAX_MESSAGE, excelMessage } from '../../addin/src/functions/messages';
import { excelCall, toExcelError } from '../../addin/src/functions/excelErrors';
import { CONDOR_ARGS } from '../../addin/src/functions/condorArgs';
import { CustomFunctionsError, ErrorCode, errorOf } from './stubs/customFunctions';

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

  it('keeps the fix whole under a problem of any length past the limit, not only a long one', () => {
    // a 110-character problem used to give way to the end cut, which lost the date the fix names
    const problem = `is 2021-12-24, an exchange holiday (Christmas Day): no VX future settles on a day ${'x'.repeat(27)}`;
    const fix = "pass the contract's final-settlement date (the December 2021 future settles 2021-12-22)";
    const m = excelMessage('expiry', problem, fix);
    expect(m.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(m.endsWith(`…; ${fix}`)).toBe(true);
  });

  it('keeps whole the fix a long message carries inside its problem (after its last "; ")', () => {
    // a positions line's fault says its fix in its own text: it lost the dates to pass, cut at the end
    const problem =
      '"VIX 220120C00030000" expires on 2022-01-20, not a VX final-settlement date, so no VX future prices it; VX futures and VIX options listed either side expire on 2022-01-19 and 2022-02-16: pass one of those';
    const m = excelMessage('positions row 2', problem, '');
    expect(m.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(m).toMatch(
      /^positions row 2: "VIX 220120C00030000" expires on 2022-01-20, .*…; VX futures and VIX options listed either side expire on 2022-01-19 and 2022-02-16: pass one of those$/,
    );
    // with no "; " in it, the end is cut as before
    expect(excelMessage('x', 'y '.repeat(150), '')).toMatch(/…$/);
  });

  it('keeps at least 30 characters of the problem beside a whole fix; with less room, half the message is problem', () => {
    // a fix of 164 characters leaves exactly 30 for the problem: the fix is kept whole
    expect(excelMessage('x', 'p'.repeat(100), 'f'.repeat(164))).toBe(`x: ${'p'.repeat(30)}…; ${'f'.repeat(164)}`);
    // one more and the problem keeps its half (97 characters after "x: "), the fix is cut, both marked
    const longer = `x: ${'p'.repeat(97)}…; ${'f'.repeat(96)}…`;
    expect(longer.length).toBe(MAX_MESSAGE);
    expect(excelMessage('x', 'p'.repeat(100), 'f'.repeat(165))).toBe(longer);
    expect(excelMessage('x', 'p'.repeat(100), 'f'.repeat(170))).toBe(longer);
  });

  it('cuts a fix too long to leave room for the problem at a word, marked', () => {
    const m = excelMessage('inputs', 'is wrong', `do ${'this and that '.repeat(20)}`);
    expect(m.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(m).toMatch(/(this|and|that)…$/);
  });
});

describe('the Excel error a function body gives', () => {
  beforeAll(() => {
    vi.stubGlobal('CustomFunctions', { Error: CustomFunctionsError, ErrorCode });
  });
  afterAll(() => {
    vi.unstubAllGlobals();
  });

  it("names a list item of the sizing package's field as the argument's cell, counted from 1", () => {
    const e = toExcelError(invalidInput('condor.strikes[0]', 'is 0', 'pass a strike above 0'), CONDOR_ARGS);
    expect([e.code, e.message]).toEqual([ErrorCode.invalidValue, 'strikes[1]: is 0; pass a strike above 0']);
  });

  it('a result that is not a finite number is #NUM! saying so, never NaN in a cell', () => {
    for (const result of [Number.NaN, [[1, Number.NaN]], [[Number.POSITIVE_INFINITY]]]) {
      const e = errorOf(() => excelCall(() => result));
      expect([e.code, e.message]).toEqual([ErrorCode.invalidNumber, 'the result is not a finite number']);
    }
    expect(excelCall(() => [[1, 2]])).toEqual([[1, 2]]);
  });
});
