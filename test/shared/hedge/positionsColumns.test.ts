import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePositionRows, parsePositionsCsv, plan, type PlanInput } from '@alvh/shared';
import { issuesOf } from '../../helpers/errors';

const rules = { valuationDate: '2025-04-08' };

describe('a direction given apart from the quantity', () => {
  it('is refused by its header name, however the broker spells it', () => {
    const names = [
      'Short/Long',
      'Sell/Buy',
      'L/S Indicator',
      'Long or Short',
      'Buy Sell Indicator',
      'Long/Short Indicator',
      'Buy/Sell Code',
      'Side Code',
      'Dir',
      'Transaction',
      'Short',
    ];
    for (const name of names) {
      const issues = issuesOf(() => parsePositionsCsv(`Symbol,${name},Qty,Price\nSPXW 250523P03750,Sell,3,4.2`, rules));
      expect(issues, name).toHaveLength(1);
      expect(issues[0]?.path).toBe('positions line 1');
      expect(issues[0]?.message).toContain(JSON.stringify(name));
      expect(issues[0]?.message).toMatch(/fold it into the quantity's sign/);
    }
  });
  it('is refused by its cells in any column not read, named by its header', () => {
    // read as all long, the shorts were bought: the trader was left short 6 after the orders
    const cases: [string, string][] = [
      // a Position column beside Qty is refused at the header, as a second quantity (positionsReading.test.ts)
      ['Symbol,Qty,Position Status,Avg Price\nSPXW 250523P03750,3,Short,4.2', 'Position Status'],
      ['Symbol,Type,Quantity,Avg Price\nSPXW 250523P03750,Short,3,4.2', 'Type'],
      ['Symbol,Qty,Position Type\nSPXW 250523P03750,3,long\nSPXW 250523P03700,3,SHORT', 'Position Type'],
      ['Symbol,Pos Type,Qty\nSPXW 250523P03750,S,3', 'Pos Type'],
      ['Symbol,Qty,Transaction Kind\nSPXW 250523P03750,3,Sell to Open', 'Transaction Kind'],
      ['Symbol,Qty,Status\nSPXW 250523P03750,3,STO', 'Status'],
    ];
    for (const [csv, name] of cases) {
      const issues = issuesOf(() => parsePositionsCsv(csv, rules));
      expect(issues, csv).toHaveLength(1);
      expect(issues[0]?.path).toBe('positions line 2');
      expect(issues[0]?.message).toContain(`column ${JSON.stringify(name)} holds`);
      expect(issues[0]?.message).toMatch(/fold it into the quantity's sign: -3 for short 3/);
    }
    // without a header, by its number; and in an Excel range
    expect(issuesOf(() => parsePositionsCsv('SPXW 250523P03750,3,4.2,Short', rules))[0]?.message).toMatch(
      /^column 4 holds "Short"/,
    );
    const rows = issuesOf(() =>
      parsePositionRows(
        [
          ['Symbol', 'Qty', 'Avg Price', 'Type'],
          ['SPXW 250523P03750', 10, 1.6, 'Short'],
        ],
        rules,
      ),
    );
    expect(rows[0]).toMatchObject({
      path: 'positions row 2',
      message: expect.stringMatching(/column "Type" holds "Short"/),
    });
  });
  it('leaves a column of other words alone (an option type, an account, a status, open or close)', () => {
    const p = parsePositionsCsv('Symbol,Type,Qty,Account\nSPXW 250523P03750,Put,-3,U123', rules);
    expect(p[0]?.leg.quantity).toBe(-3);
    // open and close say whether a trade opened or closed, not its side: a position's status is "Open"
    const q = parsePositionsCsv('Symbol,Qty,Status,Open/Close\nSPXW 250523P03750,-3,Open,Close', rules);
    expect(q[0]?.leg.quantity).toBe(-3);
  });
});

describe('a quantity with a dot and three digits', () => {
  // `\s*([-+]?)\s*` split a run of blanks between its two parts every way: 20,000 blanks took 0.2 s
  // and the time grows with the square, so this cell took an hour. The test's time limit is only
  // the backstop: the cell is refused in milliseconds, nothing here measures time.
  it('is looked for in one pass: a quantity of 3,000,000 blanks between "(" and a letter is no number', () => {
    const csv = issuesOf(() => parsePositionsCsv(`Symbol,Qty\nSPXW 250523P03750,"(${' '.repeat(3_000_000)}x)"`, rules));
    expect(csv[0]?.path).toBe('positions line 2');
    expect(csv[0]?.message).not.toContain('ambiguous');
    expect(issuesOf(() => parsePositionsCsv('Symbol,Qty\nSPXW 250523P03750,"( - 2.000 )"', rules))[0]?.message).toBe(
      'quantity "( - 2.000 )" is ambiguous: -2 or -2,000 contracts; write -2 or -2000',
    );
  });

  it('is refused as 1 or 1,000, in CSV of commas or semicolons and in a range text cell', () => {
    const csv = issuesOf(() => parsePositionsCsv('Symbol,Qty\nSPXW 250523P03750,"1.000"', rules));
    expect(csv[0]).toEqual({
      path: 'positions line 2',
      message: 'quantity "1.000" is ambiguous: 1 or 1,000 contracts; write 1 or 1000',
    });
    const semi = issuesOf(() => parsePositionsCsv('Symbol;Qty;Avg Price\nSPXW 250523P03750;-2.000;1,35', rules));
    expect(semi[0]?.message).toBe('quantity "-2.000" is ambiguous: -2 or -2,000 contracts; write -2 or -2000');
    const rows = issuesOf(() => parsePositionRows([['SPXW 250523P03750', '10.000', 1]], rules));
    expect(rows[0]).toEqual({
      path: 'positions row 1',
      message: 'quantity "10.000" is ambiguous: 10 or 10,000 contracts; write 10 or 10000',
    });
    expect(issuesOf(() => parsePositionsCsv('SPXW 250523P03750,1.500', rules))[0]?.message).toMatch(
      /ambiguous: 1.5 or 1,500 contracts; write 1500$/,
    );
    // a number cell is a number; a comma-grouped thousand is no slip
    expect(parsePositionRows([['SPXW 250523P03750', 1.0]], rules)[0]?.leg.quantity).toBe(1);
    expect(parsePositionsCsv('SPXW 250523P03750,"1,000"', rules)[0]?.leg.quantity).toBe(1000);
  });
});

describe('the average price', () => {
  it('is not required nor read: two columns, a short negative cost, a placeholder, dollars all pass', () => {
    expect(parsePositionsCsv('Symbol,Qty\nSPXW 250523P03750,-3', rules)[0]?.leg.quantity).toBe(-3);
    expect(parsePositionsCsv('SPXW 250523P03750,-3', rules)[0]?.leg.quantity).toBe(-3);
    const p = parsePositionsCsv(
      'Symbol,Qty,Price,Avg Price,Cost Basis\nSPXW 250523P03750,-3,--,-12.5,-3750\nVIX 250521C00033000,2,,"1,35",$270',
      rules,
    );
    expect(p.map((x) => x.leg.quantity)).toEqual([-3, 2]);
    expect(p[0]).not.toHaveProperty('averagePrice');
  });
});

describe('two positions laid out across one row', () => {
  it('are refused naming the column of the second, rather than the second read as not held', () => {
    // read as one position, the second was ordered again: a trader short 10 puts sold 10 more
    const rows = issuesOf(() => parsePositionRows([['SPXW 250523P03750', 10, 'SPXW 250523P03800', -10]], rules));
    expect(rows).toEqual([
      {
        path: 'positions row 1',
        message: 'column 3 holds another option symbol (SPXW 250523P03800); put one position a row (symbol, quantity)',
      },
    ]);
    const csv = issuesOf(() =>
      parsePositionsCsv('SPXW 250523P03750,10,4.2\nSPXW 250523P03800,-10,4.2,VIX 250521C00033000,5', rules),
    );
    expect(csv).toEqual([
      {
        path: 'positions line 2',
        message:
          'column 4 holds another option symbol (VIX 250521C00033000); put one position a line (symbol, quantity)',
      },
    ]);
    // in any column not read, named by its header
    const named = issuesOf(() => parsePositionsCsv('Qty,Symbol,Other\n3,SPXW 250523P03750,spxw 250523p03800', rules));
    expect(named[0]?.message).toMatch(/^column "Other" holds another option symbol \(spxw 250523p03800\)/);
  });
  it("reads the row's own symbol written again (a Symbol and an OCC symbol column) as the one position", () => {
    const rows = parsePositionRows([['SPXW 250523P03750', 10, 'SPXW250523P03750', 4.2]], rules);
    expect(rows.map((p) => p.leg.quantity)).toEqual([10]);
    const csv = parsePositionsCsv('Symbol,Qty,OCC Symbol\nSPXW 250523P03750,-3,spxw  250523p03750', rules);
    expect(csv.map((p) => p.leg.quantity)).toEqual([-3]);
  });
  it('leaves a price or text column after the quantity alone', () => {
    const rows = parsePositionRows([['SPXW 250523P03750', 10, 4.2, 'SPX put', 'Open', '--']], rules);
    expect(rows.map((p) => p.leg.quantity)).toEqual([10]);
    expect(parsePositionsCsv('SPXW 250523P03750,-3,12.5,SPXW May 23 3750 Put', rules)).toHaveLength(1);
  });
});

describe('positions laid out across (symbols along a row, quantities below)', () => {
  it('are refused as transposed, not as a quantity, and the row of quantities is not told to be deleted', () => {
    const across = [
      ['SPXW 250523P03750', 'SPXW 250523P03800'],
      [10, -10],
    ];
    expect(issuesOf(() => parsePositionRows(across, rules))).toEqual([
      {
        path: 'positions row 1',
        message:
          'option symbols along the row, quantities below (SPXW 250523P03750, …): the range looks transposed; lay the symbols down a column, their quantities beside them (Paste Special ▸ Transpose)',
      },
    ]);
    expect(issuesOf(() => parsePositionsCsv('SPXW 250523P03750,SPXW 250523P03800\n10,-10', rules))).toEqual([
      {
        path: 'positions line 1',
        message:
          'option symbols along the line, quantities below (SPXW 250523P03750, …): the positions look laid out across; put one position a line: symbol, quantity',
      },
    ]);
  });
});

describe('a transposed range that keeps its first column of labels', () => {
  const [put, call] = ['SPXW 250523P03750', 'VIX 250521C00033000'];
  const transposed =
    'the range looks transposed; lay the symbols down a column, their quantities beside them (Paste Special ▸ Transpose)';
  it('is refused as transposed, not as a second symbol and a row "Qty" to delete', () => {
    expect(
      issuesOf(() =>
        parsePositionRows(
          [
            ['Symbol', put, call],
            ['Qty', -3, 5],
          ],
          rules,
        ),
      ),
    ).toEqual([
      {
        path: 'positions row 1',
        message: `a first column of labels ("Symbol"), option symbols along a row (${put}, …): ${transposed}`,
      },
    ]);
    // one position, and the quantities' row first
    expect(
      issuesOf(() =>
        parsePositionRows(
          [
            ['Symbol', put],
            ['Qty', -3],
          ],
          rules,
        ),
      )[0]?.message,
    ).toBe(`a first column of labels ("Symbol"), option symbols along a row (${put}): ${transposed}`);
    expect(
      issuesOf(() =>
        parsePositionRows(
          [
            ['Quantity', -3, 5],
            ['Symbol', put, call],
          ],
          rules,
        ),
      ),
    ).toHaveLength(1);
    expect(issuesOf(() => parsePositionsCsv(`Symbol,${put},${call}\nQty,-3,5`, rules))[0]?.message).toMatch(
      /^a first column of labels \("Symbol"\), option symbols along a line .*: the positions look laid out across; /,
    );
  });
  it('is not said of two legs on one row, which is told to put one position a row', () => {
    // transposing a single row would not help: the second leg needs its own row
    expect(issuesOf(() => parsePositionRows([[put, call, -3]], rules))).toEqual([
      {
        path: 'positions row 1',
        message: `column 2 holds another option symbol (${call}); put one position a row (symbol, quantity)`,
      },
    ]);
    const named = issuesOf(() => parsePositionsCsv(`Symbol,Qty,Avg\n${put},${call},-3`, rules));
    expect(named[0]?.message).toBe(
      `column "Qty" holds another option symbol (${call}); put one position a line (symbol, quantity)`,
    );
  });
});

describe('a header not recognised', () => {
  it('is named as a header, with the columns this reader takes, not read as a position', () => {
    const cases: [string, RegExp][] = [
      ['Symbol,Net Qty,Avg Price', /header "Symbol,Net Qty,Avg Price" is not recognised \(no quantity column\)/],
      ['Financial Instrument,Position,Avg Price', /is not recognised \(no symbol column\)/],
      ['Ticker;Amount Held', /header "Ticker,Amount Held" is not recognised/],
    ];
    for (const [header, msg] of cases) {
      const issues = issuesOf(() => parsePositionsCsv(`${header}\nSPXW 250523P03750,-3,4.2`, rules));
      expect(issues, header).toHaveLength(1);
      expect(issues[0]?.path).toBe('positions line 1');
      expect(issues[0]?.message).toMatch(msg);
      expect(issues[0]?.message).toMatch(/Symbol, Contract, Instrument or Description.*Qty, Quantity, Position or Pos/);
      expect(issues[0]?.message).not.toMatch(/is not an option symbol/);
    }
  });
  it('names the header below where title lines come first, asking to delete them', () => {
    // a broker's title line was told "no symbol column", though the header two lines down names one
    const csv =
      '"Positions for account X as of 04/08/2025"\n\n"Symbol","Quantity","Price"\nSPXW 250523P03750,-10,1.2\n';
    expect(issuesOf(() => parsePositionsCsv(csv, rules))).toEqual([
      {
        path: 'positions line 1',
        message:
          '"Positions for account X as of 04/08/2025" is not the header (a title?): line 3 below names the columns; delete the lines above line 3',
      },
    ]);
    expect(parsePositionsCsv(csv.split('\n').slice(2).join('\n'), rules)[0]?.leg.quantity).toBe(-10);
    const range = [
      ['Positions for account X'],
      ['Account', 'X-1234'],
      [],
      ['Symbol', 'Qty'],
      ['SPXW 250523P03750', -1],
    ];
    expect(issuesOf(() => parsePositionRows(range, rules))[0]?.message).toMatch(
      /^"Positions for account X" is not the header \(a title\?\): row 4 below names the columns; start the range at row 4$/,
    );
    // no header among the next filled lines: the header refusal as before
    const far = `Title\n${'note\n'.repeat(5)}Symbol,Qty\nSPXW 250523P03750,-1`;
    expect(issuesOf(() => parsePositionsCsv(far, rules))[0]?.message).toMatch(/^header "Title" is not recognised/);
  });
  it('reports a header below a title refused for its own reason on its line, with the title', () => {
    // the title was told "no symbol column", hiding the header below and what was wrong with it
    const TITLE = (n: number) =>
      `is not the header (a title?): line ${n} below names the columns; delete the lines above line ${n}`;
    const side = issuesOf(() =>
      parsePositionsCsv('Positions for account X as of 04/08/2025\nSymbol,Side,Qty\nSPXW 250523P03750,Sell,1', rules),
    );
    expect(side.map((i) => i.path)).toEqual(['positions line 1', 'positions line 2']);
    expect(side[0]?.message).toBe(`"Positions for account X as of 04/08/2025" ${TITLE(2)}`);
    expect(side[1]?.message).toMatch(/^column "Side" gives the direction apart from the quantity/);
    const schwab = issuesOf(() =>
      parsePositionsCsv(
        '"Positions for account Individual as of 2025/04/08"\n\n"Symbol","Description","Qty (Quantity)","Price"\n"SPXW 250523P03750","SPXW 05/23/2025 3750.00 P","-1","1.00"',
        rules,
      ),
    );
    expect(schwab.map((i) => i.path)).toEqual(['positions line 1', 'positions line 3']);
    expect(schwab[0]?.message).toMatch(TITLE(3));
    expect(schwab[1]?.message).toMatch(
      /^header "Symbol,Description,Qty \(Quantity\),Price" is not recognised \(no quantity column\)/,
    );
    const net = issuesOf(() =>
      parsePositionRows([['Positions for account X'], ['Symbol', 'Net Qty'], ['SPXW 250523P03750', -1]], rules),
    );
    expect(net.map((i) => i.path)).toEqual(['positions row 1', 'positions row 2']);
    expect(net[0]?.message).toMatch(/row 2 below names the columns; start the range at row 2$/);
    expect(net[1]?.message).toMatch(/^header "Symbol,Net Qty" is not recognised \(no quantity column\)/);
  });
  it('refuses long and short quantity columns, saying to pass one signed quantity', () => {
    const issues = issuesOf(() =>
      parsePositionsCsv('Symbol,Long Qty,Short Qty,Price\nSPXW 250523P03750,0,3,4.2', rules),
    );
    expect(issues[0]?.path).toBe('positions line 1');
    expect(issues[0]?.message).toMatch(/column "Long Qty" splits the quantity by direction.*one signed Qty column/);
  });
  it('still reads a first line with a bad symbol as a position', () => {
    const issues = issuesOf(() => parsePositionsCsv('AAPL 250523P00150000,1,2', rules));
    expect(issues[0]?.message).toMatch(/root AAPL/);
    expect(issuesOf(() => parsePositionsCsv('SPXW 250523P03750X,1', rules))[0]?.message).toMatch(
      /is not an option symbol/,
    );
  });
});

describe('the plan given positions with a direction column', () => {
  it('refuses them, rather than ordering the shorts sold again', () => {
    // read as all long, the plan sold 6 of each short strike
    const input = JSON.parse(readFileSync(join('docs', 'examples', 'plan-positions.json'), 'utf8')) as PlanInput;
    const positions = [
      'Symbol,Short/Long,Quantity,Avg Price',
      'SPXW 270115P05900,Long,3,21.40',
      'SPXW 270115P06000,Short,3,26.10',
      'SPXW 270115C07200,Short,3,12.35',
      'SPXW 270115C07300,Long,3,9.05',
    ].join('\n');
    const issues = issuesOf(() => plan({ ...input, positions }));
    expect(issues[0]?.path).toBe('positions line 1');
    expect(issues[0]?.message).toMatch(/column "Short\/Long" gives the direction/);
  });
});
