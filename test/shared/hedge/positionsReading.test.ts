/**
 * Positions text read as the trader wrote it, or refused: each case here was read into wrong
 * holdings (a row number as the quantity, a short as long, 1,200 as 1, a quoted line break as a
 * held position), and the plan ordered trades from them.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePositionRows, parsePositionsCsv, plan, type PlanInput } from '@alvh/shared';
import { issuesOf } from '../../helpers/errors';

const rules = { valuationDate: '2025-04-08' };
const PUT = 'SPXW 250523P03750';

describe('a header with two quantity-named columns', () => {
  it('is refused naming both, rather than the first read as the quantity', () => {
    // Pos was a row number: held 1, 2 read where the book was long 3, short 3
    const cases: [string, string, string][] = [
      [`Pos,Symbol,Qty\n1,${PUT},3\n2,SPXW 250523P03800,-3`, 'Pos', 'Qty'],
      [`Symbol,Position,Quantity\n${PUT},1,-3`, 'Position', 'Quantity'],
      // a Position column of Long/Short beside Qty
      [`Symbol,Qty,Position,Avg Price\n${PUT},3,Short,4.2`, 'Qty', 'Position'],
    ];
    for (const [csv, a, b] of cases) {
      const issues = issuesOf(() => parsePositionsCsv(csv, rules));
      expect(issues, csv).toHaveLength(1);
      expect(issues[0]?.path).toBe('positions line 1');
      expect(issues[0]?.message).toContain(`columns "${a}" and "${b}" are both named as the quantity`);
      expect(issues[0]?.message).toMatch(/delete or rename the one that is not the signed quantity/);
    }
    const rows = issuesOf(() =>
      parsePositionRows(
        [
          ['#', 'Symbol', 'Pos', 'Qty'],
          [1, PUT, 1, -3],
        ],
        rules,
      ),
    );
    expect(rows[0]?.path).toBe('positions row 1');
  });
  it('names two of many quantity columns, within 255 characters', () => {
    const header = ['Symbol', ...Array.from({ length: 30 }, () => 'Quantity')].join(',');
    const issues = issuesOf(() => parsePositionsCsv(`${header}\n${PUT},3`, rules));
    expect(issues[0]?.message.length).toBeLessThanOrEqual(255);
    expect(issues[0]?.message).toMatch(/\(and 28 more\) are both named as the quantity/);
  });
});

describe('a Pos or Position column beside a quantity column of another name', () => {
  it('is refused naming both, rather than the row number read as the quantity', () => {
    // Pos 1, 2 read as long 1 and long 2 where the book was short 10, short 10
    const cases: [string, string, string][] = [
      [`Pos,Symbol,Net Qty\n1,${PUT},-10\n2,SPXW 250523P03800,-10`, 'Pos', 'Net Qty'],
      [`Pos;Symbol;Anzahl\n1;${PUT};-10`, 'Pos', 'Anzahl'],
      [`Position,Symbol,Net Quantity\n1,${PUT},-10`, 'Position', 'Net Quantity'],
      [`Symbol,Position,Contracts\n${PUT},1,-10`, 'Position', 'Contracts'],
    ];
    for (const [csv, a, b] of cases) {
      const issues = issuesOf(() => parsePositionsCsv(csv, rules));
      expect(issues, csv).toHaveLength(1);
      expect(issues[0]?.path).toBe('positions line 1');
      expect(issues[0]?.message).toContain(
        `column "${a}" would be read as the quantity, but column "${b}" looks like one`,
      );
      expect(issues[0]?.message).toMatch(/rename or delete the one that is not the signed quantity/);
    }
    const rows = issuesOf(() =>
      parsePositionRows(
        [
          ['Pos', 'Symbol', 'Net Qty'],
          [1, PUT, -10],
        ],
        rules,
      ),
    );
    expect(rows[0]?.path).toBe('positions row 1');
    // a Position column alone, or beside a Contract symbol column, is still the quantity
    expect(parsePositionsCsv(`Contract,Position\n${PUT},-10`, rules)[0]?.leg.quantity).toBe(-10);
  });
});

describe('a direction written as the first word of a cell', () => {
  it('is refused naming the column where it contradicts the quantity, rather than the short read as long', () => {
    const cases: [string, string, string][] = [
      [`Symbol,Qty,Position Type\n${PUT},3,Short Put`, 'Position Type', '3 reads as long'],
      [`Symbol,Type,Qty\n${PUT},Short Call,3`, 'Type', '3 reads as long'],
      [`Symbol,Type,Qty\n${PUT},SHORT_PUT,3`, 'Type', '3 reads as long'],
      [`Symbol,Qty,Status\n${PUT},3,Written`, 'Status', '3 reads as long'],
      [`Symbol,Description,Qty\n${PUT},Short 10 SPXW May 23 2025 3750 Put,10`, 'Description', '10 reads as long'],
      [`Symbol,Strategy,Qty\n${PUT},long-put,-10`, 'Strategy', '-10 reads as short'],
      // a direction anywhere in the cell, camelCase and punctuation read as words
      [`Symbol,Qty,Type\n${PUT},10,Short Position`, 'Type', '10 reads as long'],
      [`Symbol,Qty,Type\n${PUT},10,ShortPut`, 'Type', '10 reads as long'],
      [`Symbol,Qty,Type\n${PUT},10,Put (Short)`, 'Type', '10 reads as long'],
      [`Symbol,Qty,Type\n${PUT},10,Naked Short Put`, 'Type', '10 reads as long'],
      [`Symbol,Qty,Type\n${PUT},10,Short Opt`, 'Type', '10 reads as long'],
      // a strategy naming a put and one direction: refused against the sign rather than risk a misread
      [`Symbol,Quantity,Strategy\n${PUT},10,Short Put Vertical`, 'Strategy', '10 reads as long'],
    ];
    for (const [csv, name, read] of cases) {
      const issues = issuesOf(() => parsePositionsCsv(csv, rules));
      expect(issues, csv).toHaveLength(1);
      expect(issues[0]?.path).toBe('positions line 2');
      expect(issues[0]?.message).toContain(`column ${JSON.stringify(name)} holds`);
      expect(issues[0]?.message).toContain(`but the quantity ${read}; the direction is the quantity's sign`);
    }
  });
  it('reads the row where the sign already says it', () => {
    const csv = `Symbol,Qty,Position Type\n${PUT},-3,Short Put\nSPXW 250523P03800,2,Long Put\nSPXW 250523P03700,-1,Written`;
    expect(parsePositionsCsv(csv, rules).map((x) => x.leg.quantity)).toEqual([-3, 2, -1]);
  });
  it('leaves words that only begin like one alone, and strategies and notes that name no leg', () => {
    const p = parsePositionsCsv(`Symbol,Qty,Note\n${PUT},-3,Shortlisted\nSPXW 250523P03800,2,S&P put`, rules);
    expect(p.map((x) => x.leg.quantity)).toEqual([-3, 2]);
    // real exports: an account name, a holding period, a strategy over both legs, a date note
    const exports = [
      `Account Name,Symbol,Quantity\nLong Term Growth,${PUT},-10`,
      `Symbol,Quantity,Holding Period\n${PUT},-10,Short-Term`,
      `Symbol,Quantity,Strategy\nSPXW 250523P03800,-10,Short Put Vertical`,
      `Symbol,Quantity,Strategy\n${PUT},-10,Buy-Write`,
      `Symbol,Qty,Acquired\n${PUT},-10,Bought 04/01/2025`,
      `Symbol,Qty,Strategy\n${PUT},-10,Long Iron Condor`,
    ];
    for (const csv of exports) expect(parsePositionsCsv(csv, rules).length, csv).toBeGreaterThan(0);
  });
  it('still refuses a direction word alone, whatever the sign', () => {
    for (const cell of ['Short', 'Short.', '"(Short)"']) {
      const issues = issuesOf(() => parsePositionsCsv(`Symbol,Qty,Position Status\n${PUT},-3,${cell}`, rules));
      expect(issues[0]?.message, cell).toMatch(/fold it into the quantity's sign: -3 for short 3/);
    }
  });
  it('refuses a cell naming a short and a long leg, whatever the sign', () => {
    const issues = issuesOf(() => parsePositionsCsv(`Symbol,Qty,Type\n${PUT},-3,Long Call Short Put`, rules));
    expect(issues[0]?.message).toMatch(/naming a short and a long leg/);
  });
});

describe('a row with more cells than its header', () => {
  it('is refused when an extra cell holds text: an unquoted thousands comma', () => {
    // 1,200 split into 1 and 200: one contract read where 1,200 were held
    const issues = issuesOf(() => parsePositionsCsv('Symbol,Qty\nVIX 250521C00033000,1,200', rules));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('positions line 2');
    expect(issues[0]?.message).toMatch(/3 cells, more than the 2 columns the header names/);
    expect(issues[0]?.message).toMatch(/quote it \("1,200"\) or remove the separator/);
    const semi = issuesOf(() => parsePositionsCsv(`Symbol;Qty;Price\n${PUT};-3;1;5`, rules));
    expect(semi[0]?.path).toBe('positions line 2');
  });
  it('is refused in a range as well: 1,200 split by Text to Columns', () => {
    const issues = issuesOf(() =>
      parsePositionRows(
        [
          ['Symbol', 'Qty'],
          [PUT, 1, 200],
        ],
        rules,
      ),
    );
    expect(issues).toEqual([
      {
        path: 'positions row 2',
        message:
          'the row has a filled cell ("200" past the 2 columns the header names): a number such as 1,200 split in two by Text to Columns? Put the number back in one cell, or name the column in the header',
      },
    ]);
    const p = parsePositionRows(
      [
        ['Symbol', 'Qty', ''],
        [PUT, -3, null, ''],
      ],
      rules,
    );
    expect(p.map((x) => x.leg.quantity)).toEqual([-3]);
  });
  it('is read when the extra cells are empty, or the number is quoted', () => {
    const p = parsePositionsCsv(`Symbol,Qty\n${PUT},-3,,\nVIX 250521C00033000,"1,200"`, rules);
    expect(p.map((x) => x.leg.quantity)).toEqual([-3, 1200]);
  });
});

describe('a line break inside a quoted field', () => {
  it('stays in the cell, not read as a position of its own', () => {
    // the note's second line was read as 10 puts held
    const csv = `Symbol,Qty,Note\n${PUT},-3,"rolled from\nSPXW 250523P03800,10"\nVIX 250521C00033000,2,`;
    const p = parsePositionsCsv(csv, rules);
    expect(p.map((x) => [x.symbol, x.leg.quantity, x.line])).toEqual([
      [PUT, -3, 2],
      ['VIX 250521C00033000', 2, 4],
    ]);
    // with semicolons and CRLF as well
    const semi = parsePositionsCsv(`Symbol;Qty;Note\r\n${PUT};-3;"a\r\nb"\r\nVIX 250521C00033000;2;x`, rules);
    expect(semi.map((x) => x.leg.quantity)).toEqual([-3, 2]);
  });
  it('refuses a quote never closed, rather than reading the lines after it as one cell', () => {
    const issues = issuesOf(() => parsePositionsCsv(`Symbol,Qty,Note\n${PUT},-3,"rolled\n${PUT},2,x`, rules));
    expect(issues[0]).toEqual({
      path: 'positions line 2',
      message:
        'a quoted field opens here and is never closed; close every opening double quote (a quote inside a field is written twice)',
    });
  });
  it('refuses text after a closing quote, rather than reading "-10"5 as -105 contracts', () => {
    const issues = issuesOf(() => parsePositionsCsv(`Symbol,Qty\n${PUT},"-10"5`, rules));
    expect(issues[0]).toEqual({
      path: 'positions line 2',
      message: 'cell "\\"-10\\"5" has text after its closing quote; quote the whole cell or remove the quotes',
    });
    expect(parsePositionsCsv(`Symbol,Qty\n${PUT},"-10" `, rules)[0]?.leg.quantity).toBe(-10);
  });
});

describe('the symbol column', () => {
  it('is the one named Symbol, not a Description before it', () => {
    const p = parsePositionsCsv(`Description,Symbol,Qty\nSPX May 23 2025 3750 Put,${PUT},-3`, rules);
    expect(p.map((x) => [x.symbol, x.leg.quantity])).toEqual([[PUT, -3]]);
    const same = parsePositionsCsv(`Description,Symbol,Qty\n${PUT},${PUT},-3`, rules);
    expect(same.map((x) => x.leg.quantity)).toEqual([-3]);
  });
});

describe('a quantity with a dot and three digits', () => {
  it('is refused as ambiguous, or with a $ wherever it stands as dollars', () => {
    for (const q of ['-1.000', '(1.000)']) {
      const issues = issuesOf(() => parsePositionsCsv(`Symbol,Qty\n${PUT},${q}`, rules));
      expect(issues[0]?.message, q).toMatch(/is ambiguous: -1 or -1,000 contracts; write -1 or -1000/);
    }
    for (const q of ['$-1.000', '-$1.000', '($1.000)']) {
      const issues = issuesOf(() => parsePositionsCsv(`Symbol,Qty\n${PUT},${q}`, rules));
      expect(issues[0]?.message, q).toMatch(/looks like dollars; give the signed number of contracts/);
    }
  });
  it('echoes the cell within 255 characters', () => {
    for (const q of [`(${' '.repeat(1000)}1.000)`, `${'$'.repeat(1000)}1.000`]) {
      const issues = issuesOf(() => parsePositionRows([[PUT, q]], rules));
      expect(issues[0]?.message).toMatch(/^quantity "[($ ]+….*(is ambiguous|looks like dollars)/);
      expect(issues[0]?.message.length).toBeLessThanOrEqual(255);
    }
  });
});

describe('the same contract written twice', () => {
  it('in points and in the OCC form is one position, not another symbol', () => {
    const p = parsePositionsCsv(`Symbol,Qty,OCC\n${PUT},-10,SPXW  250523P03750000`, rules);
    expect(p.map((x) => x.leg.quantity)).toEqual([-10]);
    const other = issuesOf(() => parsePositionsCsv(`Symbol,Qty,OCC\n${PUT},-10,SPX  250523P03750000`, rules));
    expect(other[0]?.message).toMatch(/column "OCC" holds another option symbol/);
  });
});

describe('a huge cell', () => {
  it('is cut to 40 characters in every message', () => {
    const big = 'X'.repeat(1_000_000);
    const texts = [
      `${big},3`,
      `SPXW 250523P0${'3'.repeat(5000)},3`,
      `${PUT},${big}`,
      `Symbol,Qty,${big}\n${PUT},3,Short Put ${big}`,
      `Symbol,Qty,Note\n${PUT},3,Short Put ${'\\'.repeat(300)}`,
      `Symbol,Qty,Note\n${PUT},3,Short Put ${'\u0001'.repeat(300)}`,
      `Symbol,${big}\n${PUT},3`,
      `Symbol,Qty,Note\n${PUT},3,x,${big}`,
      `Symbol,Qty\n${PUT},3\n${PUT},3,${big}`,
      `SPX  ${' '.repeat(5000)}250523P03750,3`,
    ];
    for (const t of texts) {
      const issues = issuesOf(() => parsePositionsCsv(t, rules));
      for (const i of issues) {
        expect(i.message.length, i.message.slice(0, 80)).toBeLessThanOrEqual(255);
        expect(i.message).toContain('…');
      }
    }
  });
});

describe('positions text with no position rows', () => {
  it('gives zero positions, and the plan says every order opens from zero', () => {
    expect(parsePositionsCsv('Symbol,Quantity\n', rules)).toEqual([]);
    expect(parsePositionsCsv(',,\n,,\n', rules)).toEqual([]);
    const input = JSON.parse(readFileSync(join('docs', 'examples', 'plan-positions.json'), 'utf8')) as PlanInput;
    const EMPTY = /^The positions text holds no position rows: every order opens from zero/;
    for (const positions of ['Symbol,Quantity\n', ',,\n,,\n', '']) {
      const r = plan({ ...input, positions });
      expect(r.orders?.orders.length, positions).toBeGreaterThan(0);
      expect(
        r.warnings.filter((w) => EMPTY.test(w)),
        positions,
      ).toHaveLength(1);
    }
    expect(plan(input).warnings.some((w) => EMPTY.test(w))).toBe(false);
  });
});
