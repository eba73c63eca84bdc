/**
 * Positions text that was misread or misdiagnosed: a byte order mark before a quoted cell, a
 * thousands comma where a comma is a decimal one, dollars in the quantity, a header-less row of
 * three numbers, and rows that are no option position at all.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePositionRows, parsePositionsCsv, plan, type PlanInput } from '@alvh/shared';
import { issuesOf } from '../../helpers/errors';

const rules = { valuationDate: '2025-04-08' };
const PUT = 'SPXW 250523P03750';
const CALL = 'VIX 270120C00020000';
const example = (): PlanInput => JSON.parse(readFileSync(join('docs', 'examples', 'plan.json'), 'utf8')) as PlanInput;

describe('a UTF-8 byte order mark', () => {
  it('is dropped before a quoted first cell, as before an unquoted one', () => {
    // the mark hid the quote: 'header ""Symbol",Qty" is not recognised', and "not an option symbol"
    const header = parsePositionsCsv(`\uFEFF"Symbol","Qty"\r\n"${PUT}","-10"`, rules);
    expect(header.map((p) => [p.symbol, p.leg.quantity, p.line])).toEqual([[PUT, -10, 2]]);
    const bare = parsePositionsCsv(`\uFEFF"${PUT}",-10`, rules);
    expect(bare.map((p) => [p.symbol, p.leg.quantity, p.line])).toEqual([[PUT, -10, 1]]);
    expect(parsePositionsCsv(`\uFEFFSymbol,Qty\n${PUT},-10`, rules)[0]?.leg.quantity).toBe(-10);
  });
});

describe('dollars in the quantity column', () => {
  it('are refused, not read as contracts', () => {
    // "$2,150.00" was held 2,150 calls, and the plan sold 2,149
    const DOLLARS = 'looks like dollars; give the signed number of contracts (e.g. -10 for short 10)';
    const cases: [string, string][] = [
      [`Symbol,Position\n${CALL},"$2,150.00"`, '"$2,150.00"'],
      [`Symbol,Qty\n${PUT},$1250`, '"$1250"'],
      [`Symbol,Qty\n${PUT},"($1,250.00)"`, '"($1,250.00)"'],
      [`${PUT},-$10`, '"-$10"'],
    ];
    for (const [csv, cell] of cases) {
      const issues = issuesOf(() => parsePositionsCsv(csv, rules));
      expect(issues, csv).toEqual([
        { path: `positions line ${csv.startsWith('Symbol') ? 2 : 1}`, message: `quantity ${cell} ${DOLLARS}` },
      ]);
    }
    expect(issuesOf(() => parsePositionRows([[PUT, '$3']], rules))[0]).toEqual({
      path: 'positions row 1',
      message: `quantity "$3" ${DOLLARS}`,
    });
    const held = issuesOf(() => plan({ ...example(), positions: `Symbol,Position\n${CALL},"$2,150.00"` }));
    expect(held[0]).toEqual({ path: 'positions line 2', message: `quantity "$2,150.00" ${DOLLARS}` });
    // a price column may still hold dollars: it is not read
    expect(parsePositionsCsv(`Symbol,Qty,Price\n${PUT},-3,"$1,250.50"`, rules)[0]?.leg.quantity).toBe(-3);
  });
});

describe('a comma and three digits in text separated by semicolons or tabs', () => {
  it('is refused as 1 or 1,000, as "1.000" is, rather than read as 1,000 contracts', () => {
    // a German export's 1,000 is one contract: held 1,000, the plan sold 999 VIX calls
    const semi = issuesOf(() => parsePositionsCsv(`Symbol;Qty;Kurs\n${CALL};1,000;2,15`, rules));
    expect(semi).toEqual([
      {
        path: 'positions line 2',
        message:
          'quantity "1,000" is ambiguous: 1 or 1,000 contracts (in text separated by semicolons a comma may be a decimal comma); write 1 or 1000',
      },
    ]);
    const tab = issuesOf(() => parsePositionsCsv(`Symbol\tQty\tKurs\n${CALL}\t-2,500\t2,15`, rules));
    expect(tab[0]).toEqual({
      path: 'positions line 2',
      message:
        'quantity "-2,500" is ambiguous: -2.5 or -2,500 contracts (in text separated by tabs a comma may be a decimal comma); write -2500',
    });
    const million = issuesOf(() => parsePositionsCsv(`Symbol;Qty\n${PUT};1,000,000`, rules));
    expect(million[0]?.message).toBe(
      'quantity "1,000,000" is ambiguous (in text separated by semicolons a comma may be a decimal comma); write 1000000',
    );
    const held = issuesOf(() => plan({ ...example(), positions: `Symbol;Qty;Kurs\n${CALL};1,000;2,15` }));
    expect(held[0]?.message).toMatch(/^quantity "1,000" is ambiguous: 1 or 1,000 contracts/);
    // the number written without separators is read
    expect(
      parsePositionsCsv(`Symbol;Qty;Kurs\n${PUT};1000;2,15\n${PUT};-3;1,5`, rules).map((p) => p.leg.quantity),
    ).toEqual([1000, -3]);
  });
  it('is read as thousands in a comma-separated file (quoted) and in a range text cell, as Excel reads text numbers', () => {
    expect(parsePositionsCsv(`Symbol,Qty\n${PUT},"1,000"`, rules)[0]?.leg.quantity).toBe(1000);
    expect(parsePositionRows([[PUT, '1,000']], rules)[0]?.leg.quantity).toBe(1000);
  });
});

describe('a row without a header whose third cell may hold the quantity', () => {
  it('is refused where it has the shape of a split thousands comma', () => {
    // read as 1 where 1,200 were held; under a header the row is refused by its width
    const csv = issuesOf(() => parsePositionsCsv('VIX 250521C00033000,1,200', rules));
    expect(csv).toEqual([
      {
        path: 'positions line 1',
        message:
          'without a header, "200" after the quantity 1 may be the rest of 1,200 split by an unquoted thousands comma; quote it ("1,200") or remove the separator, or add a header row naming the columns (Symbol, Quantity, …)',
      },
    ]);
    expect(issuesOf(() => parsePositionsCsv(`${PUT},-1,200,000`, rules))[0]?.message).toMatch(
      /"200" after the quantity -1 may be the rest of -1,200/,
    );
    const range = issuesOf(() => parsePositionRows([['VIX 250521C00033000', 1, 200]], rules));
    expect(range).toEqual([
      {
        path: 'positions row 1',
        message:
          'without a header, "200" after the quantity 1 may be the rest of 1,200 split in two by Text to Columns; put the number back in one cell, or add a header row naming the columns (Symbol, Quantity, …)',
      },
    ]);
  });
  it('is refused where it is a negative number, a price before the quantity', () => {
    // read as 12 long where 10 were short
    const NEGATIVE =
      /^without a header, column 3 holds a negative number \("-10"\): it may be the quantity, with a price before it in column 2; add a header row naming the columns \(Symbol, Quantity, …\)$/;
    expect(issuesOf(() => parsePositionsCsv(`${PUT},12,-10`, rules))[0]?.message).toMatch(NEGATIVE);
    expect(issuesOf(() => parsePositionRows([[PUT, 12, -10]], rules))[0]?.message).toMatch(NEGATIVE);
  });
  it('is read where the third cell is a price, and under a header whatever it holds', () => {
    const p = parsePositionsCsv(`${PUT},-3,12.5\n${PUT},2,1.1\nVIX 250521C00033000,1,20\n${PUT},1,,`, rules);
    expect(p.map((x) => x.leg.quantity)).toEqual([-3, 2, 1, 1]);
    expect(parsePositionRows([[PUT, 20, 1.35]], rules)[0]?.leg.quantity).toBe(20);
    expect(
      parsePositionsCsv(`Symbol,Qty,Price\n${PUT},1,200\n${PUT},12,-10`, rules).map((x) => x.leg.quantity),
    ).toEqual([1, 12]);
  });
});

describe('a row that is no option position', () => {
  it('is told to be deleted, not given the option symbol format', () => {
    const NOT = 'so the row is not an option position (a total, cash or a stock?); delete the row';
    const csv = [
      'Symbol,Qty,Market Value',
      `${PUT},-10,-1250`,
      'Total,-10,',
      'Cash & Cash Investments,,',
      'SPY,100,52000',
      ',-10,-54321',
      'SPY,10000,',
    ].join('\n');
    expect(issuesOf(() => parsePositionsCsv(csv, rules))).toEqual([
      { path: 'positions line 3', message: `symbol "Total" is not an option symbol, ${NOT}` },
      { path: 'positions line 4', message: `symbol "Cash & Cash Investments" is not an option symbol, ${NOT}` },
      { path: 'positions line 5', message: `symbol "SPY" is not an option symbol, ${NOT}` },
      { path: 'positions line 6', message: `the symbol cell is empty, ${NOT}` },
      { path: 'positions line 7', message: `symbol "SPY" is not an option symbol, ${NOT}` },
    ]);
    expect(issuesOf(() => parsePositionsCsv('Total,-10', rules))[0]?.message).toBe(
      `symbol "Total" is not an option symbol, ${NOT}`,
    );
    expect(issuesOf(() => parsePositionRows([['Total', -10]], rules))[0]?.message).toMatch(/delete the row$/);
  });
  it('keeps the symbol format for what looks like a mistyped option symbol', () => {
    const FORMAT = /is not an option symbol; write it as SPXW 250523P03750, VIX 250521C00033000 or the OCC form/;
    for (const line of [`${PUT}X,1`, 'SPXW 25052P3750,1', 'SPXW May 23 2025 3750 Put,-3', '-3,SPXW 250523P03750']) {
      expect(issuesOf(() => parsePositionsCsv(line, rules))[0]?.message, line).toMatch(FORMAT);
    }
    // a broker's own notations: real legs, which the delete-the-row fix would have dropped
    for (const sym of [
      'SPXW 05/23/2025 3750.00 P',
      'SPX 23MAY25 3750 P',
      'VIX 05/21/2025 33.00 C',
      'SPXW 2025-05-23 3750 P',
      '05/23/2025 3750.00 P',
      'VIX 21MAY25',
    ]) {
      expect(issuesOf(() => parsePositionsCsv(`Symbol,Qty\n"${sym}",-10`, rules))[0]?.message, sym).toMatch(FORMAT);
      expect(issuesOf(() => parsePositionRows([[sym, -10]], rules))[0]?.message, sym).toMatch(FORMAT);
    }
    // a date in another column of a stock row does not make it an option
    expect(issuesOf(() => parsePositionsCsv('Symbol,Qty,Opened\nSPY,100,04/01/2025', rules))[0]?.message).toMatch(
      /^symbol "SPY" is not an option symbol, so the row is not an option position .*; delete the row$/,
    );
    // an empty symbol beside a description of an option is an option missing its symbol
    const described = issuesOf(() => parsePositionsCsv(`Symbol,Qty,Description\n,-3,SPX May 23 2025 3750 Put`, rules));
    expect(described[0]?.message).toMatch(FORMAT);
  });
  it('is told to delete a VIX ETN or future whose Description names VIX, keeping the format for a root', () => {
    // the root VIX anywhere in the row told these stock, ETN and future rows to rewrite as an option
    const NOT = 'so the row is not an option position (a total, cash or a stock?); delete the row';
    const csv = [
      'Symbol,Description,Qty,Price',
      '"VXX","IPATH SERIES B S&P 500 VIX SHORT-TERM FUTURES ETN",100,55.10',
      '"UVXY","PROSHARES ULTRA VIX SHORT-TERM FUTURES ETF",50,20',
      '"/VXM25","VIX FUTURES JUN 2025",1,22.5',
      'SPY,SPDR S&P 500 ETF (SPX),100',
      'VIXY,PROSHARES VIX SHORT-TERM FUTURES,10',
      'SPXL,DIREXION DAILY S&P 500 BULL 3X,10',
    ].join('\n');
    expect(issuesOf(() => parsePositionsCsv(csv, rules)).map((i) => i.message)).toEqual(
      ['VXX', 'UVXY', '/VXM25', 'SPY', 'VIXY', 'SPXL'].map((s) => `symbol "${s}" is not an option symbol, ${NOT}`),
    );
    // a Description read as the symbol is free text: a lone C or a root alone is no option
    for (const d of ['ALPHABET INC CLASS C', 'VIX FUTURES JUN 2025']) {
      expect(issuesOf(() => parsePositionsCsv(`Description,Qty\n${d},10`, rules))[0]?.message, d).toBe(
        `symbol "${d}" is not an option symbol, ${NOT}`,
      );
    }
    // the root with a date or a lone P there, and the root alone as the symbol, may be a held option
    const FORMAT = /is not an option symbol; write it as SPXW 250523P03750/;
    expect(
      issuesOf(() => parsePositionsCsv('Description,Qty\nSPXW 05/23/2025 3750.00 P,-1', rules))[0]?.message,
    ).toMatch(FORMAT);
    for (const line of ['VIX,1', 'SPX,-1', 'Symbol,Qty\nSPXW,-2']) {
      expect(issuesOf(() => parsePositionsCsv(line, rules))[0]?.message, line).toMatch(FORMAT);
    }
    // a root alone with an empty quantity is a group's heading line (thinkorswim), not an option to rewrite
    const tos = `Instrument,Qty,Days,Trade Price,Mark\n${PUT},-10,45,12.50,11.00\nSPX,,,,\nOVERALL TOTALS,,,,`;
    expect(issuesOf(() => parsePositionsCsv(tos, rules))).toEqual([
      {
        path: 'positions line 3',
        message: `symbol "SPX" is a root alone with no quantity, so the row is not an option position (a group's heading line?); delete the row`,
      },
      { path: 'positions line 4', message: `symbol "OVERALL TOTALS" is not an option symbol, ${NOT}` },
    ]);
    expect(
      issuesOf(() =>
        parsePositionRows(
          [
            [PUT, -10],
            ['VIX', null],
          ],
          rules,
        ),
      )[0]?.message,
    ).toMatch(/root alone .*delete the row$/);
  });
  it('with root VIXW is told VIX weeklies are not supported, not to use the root VIX', () => {
    // renamed to VIX as told, the weekly's expiry was then refused as no VX settlement date
    const issues = issuesOf(() => parsePositionsCsv('VIXW 250514C00033000,-2', rules));
    expect(issues).toEqual([
      {
        path: 'positions line 1',
        message:
          'symbol "VIXW 250514C00033000": VIX weeklies (VIXW) are not supported, only the monthly VIX options (root VIX, on a VX final-settlement date); leave it out of the positions (the plan neither prices nor orders VIX weeklies)',
      },
    ]);
    expect(issuesOf(() => parsePositionsCsv('AAPL 250523P00150000,1', rules))[0]?.message).toMatch(
      /root AAPL, not one the method trades; use SPX, SPXW or VIX/,
    );
  });
});

describe('an error value in the symbol or quantity cell', () => {
  it('is named as a formula to fix, never as a row to delete nor quoted as its JSON', () => {
    // "#N/A" in the symbol was told to delete the row: the held leg went, and the plan opened it again
    const FIX = (col: string, code: string) =>
      `${col} is ${code} (a formula's error); fix the formula or type the ${col}`;
    expect(
      issuesOf(() =>
        parsePositionRows(
          [
            ['Symbol', 'Qty'],
            ['#N/A', 10],
          ],
          rules,
        ),
      ),
    ).toEqual([{ path: 'positions row 2', message: FIX('symbol', '#N/A') }]);
    expect(issuesOf(() => parsePositionRows([[PUT, '#DIV/0!']], rules))).toEqual([
      { path: 'positions row 1', message: FIX('quantity', '#DIV/0!') },
    ]);
    // a first row of errors is not taken for a header
    expect(issuesOf(() => parsePositionRows([['#REF!', '#N/A']], rules))[0]?.message).toBe(FIX('symbol', '#REF!'));
    // the same in an export of a sheet
    expect(issuesOf(() => parsePositionsCsv(`Symbol,Qty\n${PUT},#N/A`, rules))).toEqual([
      { path: 'positions line 2', message: FIX('quantity', '#N/A') },
    ]);
    // an error in a column not read (the price) is no fault
    expect(parsePositionRows([[PUT, -10, '#N/A']], rules)[0]?.leg.quantity).toBe(-10);
  });
  it('names an object cell as holding no text, not as its JSON', () => {
    const issues = issuesOf(() => parsePositionRows([[{ kind: 'x' }, 10]], rules));
    expect(issues).toEqual([
      { path: 'positions row 1', message: 'the symbol cell holds neither text nor a number; type the symbol' },
    ]);
    expect(issuesOf(() => parsePositionRows([[PUT, { n: 10 }]], rules))[0]?.message).toBe(
      'the quantity cell holds neither text nor a number; type the quantity',
    );
  });
});
