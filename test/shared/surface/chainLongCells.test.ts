/**
 * A chain whose header or cell is thousands of characters long (a column pasted as one cell, a file
 * of digits): the refusal quotes it cut to a few dozen characters, so every message stays within
 * 255 characters, for the SPX chain and the VIX chain alike. Short cells are quoted whole.
 */
import { describe, expect, it } from 'vitest';
import { parseChain, parseChainTable, parseQuotedata, plan, type PlanInput } from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';
import { errorOf } from '../../helpers/errors';
import { vixChainQuotedata } from '../../helpers/vixChain';

const V = { valuationDate: '2026-11-20' };
const HEADER = 'expiry,strike,type,bid,ask,root,settlement';
const GOOD = ['2026-12-18', '4000', 'put', '1', '2', 'SPX', 'AM'];
const LONG = '1'.repeat(599_900);

describe('a long header or cell in a chain', () => {
  it('is quoted cut in the refusal of a header of 600,000 digits', () => {
    const digits = '7'.repeat(600_000);
    for (const read of [() => parseChain(digits, V), () => parseChainTable(digits, V)]) {
      const e = errorOf(read);
      expect(e.field).toBe('chain line 1');
      expect(e.message).toMatch(/^chain line 1: is the header "7{60}…", which has no expiry column; pass a header/);
      expect(e.message.length).toBeLessThanOrEqual(255);
    }
  });

  it('is quoted cut in the refusal of each column of a table row, as text and as a row object', () => {
    for (const [i, name] of HEADER.split(',').entries()) {
      const cells = [...GOOD];
      cells[i] = name === 'root' ? 'X'.repeat(599_900) : LONG;
      // a root is read for its settlement only when no settlement is given
      if (name === 'root') cells[6] = '';
      const text = `${HEADER}\n${cells.join(',')}`;
      const row = Object.fromEntries(HEADER.split(',').map((n, j) => [n, cells[j]]));
      for (const [read, field] of [
        [() => parseChainTable(text, V), `chain line 2 column`],
        [() => parseChainTable([row] as never, V), `chain[0].`],
        [() => parseChainTable([{ ...row, [name]: { cell: LONG } }] as never, V), `chain[0].`],
      ] as const) {
        const e = errorOf(read);
        expect(e.field.startsWith(field), e.field).toBe(true);
        expect(e.message.length, e.message.slice(0, 80)).toBeLessThanOrEqual(255);
        expect(e.message).toMatch(/(1{20}|X{40})…/);
      }
    }
  });

  it('is quoted cut in the refusal of a quotedata cell (symbol, strike, price, header, date line)', () => {
    const text = vixChainQuotedata();
    const lines = text.split('\n');
    const row = lines[4]!.split(',');
    const cases = [
      [4, (r: string[]) => ((r[1] = 'V'.repeat(599_900)), r)],
      [4, (r: string[]) => ((r[11] = LONG), r)],
      [4, (r: string[]) => ((r[4] = LONG), r)],
    ] as const;
    for (const [at, edit] of cases) {
      const bad = [...lines];
      bad[at] = edit([...row]).join(',');
      const e = errorOf(() => parseQuotedata(bad.join('\n')));
      expect(e.message.length, e.message.slice(0, 80)).toBeLessThanOrEqual(255);
    }
    const header = [...lines];
    header[3] = header[3]!.replace('Calls', 'C'.repeat(599_900));
    expect(errorOf(() => parseQuotedata(header.join('\n'))).message.length).toBeLessThanOrEqual(255);
    const dateLine = [...lines];
    dateLine[2] = `"Date: ${'9'.repeat(599_900)}",Bid: 0,Ask: 0`;
    expect(errorOf(() => parseQuotedata(dateLine.join('\n'))).message.length).toBeLessThanOrEqual(255);
  });

  it('short cells are quoted whole, as before', () => {
    expect(errorOf(() => parseChainTable('x\n1', V)).message).toContain(
      'is the header "x", which has no expiry column',
    );
    const row = (cells: string[]) => `${HEADER}\n${cells.join(',')}`;
    expect(errorOf(() => parseChainTable(row(['2026-12-18', 'abc', 'put', '1', '2', 'SPX', 'AM']), V)).message).toBe(
      'chain line 2 column 2 (strike): is "abc", not a strike; pass the strike in index points, from 1 to 1,000,000 (e.g. 4300)',
    );
    expect(errorOf(() => parseChainTable(row(['Dec 18', '4000', 'put', '1', '2', 'SPX', 'AM']), V)).message).toBe(
      'chain line 2 column 1 (expiry): is "Dec 18", not a date in the form YYYY-MM-DD; pass a date such as 2020-03-16',
    );
  });

  it('in market.vixChain and market.chain, the plan refuses them in a short message naming the field', () => {
    const base = PLAN_INPUT as PlanInput;
    for (const key of ['vixChain', 'chain'] as const) {
      for (const chain of [
        '7'.repeat(600_000),
        `${HEADER}\n${['2026-12-18', LONG, 'call', '1', '2', 'VIX', 'AM'].join(',')}`,
      ]) {
        const e = errorOf(() => plan({ ...base, market: { ...base.market, [key]: chain } } as PlanInput));
        expect(e.field.startsWith(`market.${key} line`), e.field).toBe(true);
        expect(e.message.length, e.message.slice(0, 80)).toBeLessThanOrEqual(255);
      }
    }
  });
});
