/**
 * A long list of bad items is checked item by item and the check stops after the first issues:
 * the same issues, with the same messages, as the whole parse lists first, and a last `(root)`
 * issue saying the check stopped, instead of every issue of every item.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputValidationError, LONG_LIST, MAX_LONG_LIST_ISSUES, parseInput, PlanInputSchema } from '@alvh/shared';
import { PLAN_EXAMPLE } from '../../../functions/src/handlers/examples';

const BAD_ROW = { expiry: 'x', strike: 'y', type: 'z', bid: 'a', ask: 'b', q: 1 };

function errorOf(schema: z.ZodType, raw: unknown): InputValidationError {
  try {
    parseInput(schema, raw);
  } catch (e) {
    expect(e).toBeInstanceOf(InputValidationError);
    return e as InputValidationError;
  }
  throw new Error('the input was accepted');
}

function issuesOf(schema: z.ZodType, raw: unknown) {
  return [...errorOf(schema, raw).issues];
}

describe('a long list of bad items', () => {
  const plan = (chain: unknown[]) => ({ ...PLAN_EXAMPLE, market: { ...PLAN_EXAMPLE.market, chain } });

  it(`lists the first ${MAX_LONG_LIST_ISSUES} issues of its items, as the whole parse words them, then says the check stopped`, () => {
    const rows = Array.from({ length: 40_000 }, () => BAD_ROW);
    const issues = issuesOf(PlanInputSchema, plan(rows));
    expect(issues).toHaveLength(MAX_LONG_LIST_ISSUES + 1);
    expect(issues.at(-1)).toEqual({
      path: '(root)',
      message: `and more issues, not listed: the check stopped after the first ${MAX_LONG_LIST_ISSUES}; correct these and send it again`,
    });
    // A short list of the same rows is checked whole: its issues, in its order, are the same words.
    const short = issuesOf(PlanInputSchema, plan(rows.slice(0, 20)));
    expect(issues.slice(0, MAX_LONG_LIST_ISSUES)).toEqual(short.slice(0, MAX_LONG_LIST_ISSUES));
    expect(issues[0]).toEqual({ path: 'market.chain[0].expiry', message: expect.any(String) as string });
  });

  it('the message does not count the issue saying the check stopped, nor call the issues it did not reach none', () => {
    const row = { expiry: '2027-01-15', strike: 6000, type: 'put', bid: 'x', ask: 1 };
    const long = errorOf(PlanInputSchema, plan(Array(1_500).fill(row)));
    expect(long.issues).toHaveLength(MAX_LONG_LIST_ISSUES + 1);
    expect(long.message).toBe(
      `market.chain[0].bid: pass a number (and more issues; the check stopped after the first ${MAX_LONG_LIST_ISSUES})`,
    );
    // A list checked whole counts its issues exactly.
    expect(errorOf(PlanInputSchema, plan(Array(3).fill(row))).message).toBe(
      'market.chain[0].bid: pass a number (and 2 more issues)',
    );
  });

  it('names a bad item far down a long list of good ones, and nothing is listed when all are good', () => {
    const schema = z.strictObject({ xs: z.array(z.strictObject({ v: z.number() })) });
    const xs = Array.from({ length: LONG_LIST * 3 }, (_, i) => ({ v: i }));
    expect(parseInput(schema, { xs }).xs).toHaveLength(LONG_LIST * 3);
    const bad = [...xs.slice(0, 2500), { v: 'one' }, ...xs.slice(2501)];
    const [short] = issuesOf(schema, { xs: [{ v: 'one' }] });
    expect(issuesOf(schema, { xs: bad })).toEqual([{ path: 'xs[2500].v', message: short!.message }]);
  });

  it('a list over its most items is the one size issue, not an issue per item', () => {
    const schema = z.strictObject({ xs: z.array(z.number()).max(LONG_LIST) });
    const issues = issuesOf(schema, { xs: Array.from({ length: LONG_LIST * 5 }, () => 'x') });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('xs');
  });
});
