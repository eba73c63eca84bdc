import { describe, expect, it } from 'vitest';
import {
  OrderBooksSchema,
  parseInput,
  parseOptionSymbol,
  readPositions,
  parsePositionRows,
  parsePositionsCsv,
} from '@alvh/shared';
import { errorOf, issuesOf } from '../../helpers/errors';

const rules = { valuationDate: '2025-04-08' };

describe('option symbols', () => {
  it('reads the broker form, the VIX form and the OCC form with the padded root', () => {
    expect(parseOptionSymbol('SPXW 250523P03750')).toEqual({
      root: 'SPXW',
      kind: 'spx',
      type: 'put',
      expiry: '2025-05-23',
      strike: 3750,
    });
    expect(parseOptionSymbol('VIX 250521C00033000')).toEqual({
      root: 'VIX',
      kind: 'vix',
      type: 'call',
      expiry: '2025-05-21',
      strike: 33,
    });
    expect(parseOptionSymbol('SPXW  250523P03750000').strike).toBe(3750);
    expect(parseOptionSymbol('VIX   250521C00017500').strike).toBe(17.5);
    expect(parseOptionSymbol('spx 250516c05500').type).toBe('call');
  });
  it('rejects what is not a symbol, naming the field and the form to use', () => {
    const e = errorOf(() => parseOptionSymbol('3750 put May'));
    expect(e.field).toBe('symbol');
    expect(e.message).toMatch(/SPXW 250523P03750/);
    expect(errorOf(() => parseOptionSymbol('SPXW 250230P03750')).message).toMatch(/not a calendar date/);
    expect(errorOf(() => parseOptionSymbol('SPXW 250523P0375000')).message).toMatch(
      /strike digits 0375000, neither points .* nor the OCC eight digits/,
    );
  });
});

describe('the orders’ own notation', () => {
  it('reads a contract as the plan’s orders name it, so their legs paste back as positions', () => {
    expect(parseOptionSymbol('SPXW 2025-05-23 3750 put')).toEqual(parseOptionSymbol('SPXW 250523P03750'));
    expect(parseOptionSymbol('VIX 2025-05-21 17.5 call')).toEqual(parseOptionSymbol('VIX 250521C00017500'));
    expect(parseOptionSymbol('spx 2025-05-16 5500 CALL').type).toBe('call');
    const held = parsePositionsCsv('Symbol,Qty\nSPXW 2025-05-23 3750 put,-10\nVIX 2025-05-21 33 call,4', rules);
    expect(held.map((h) => [h.leg.kind, h.leg.type, h.leg.strike, h.leg.expiry, h.leg.quantity])).toEqual([
      ['spx', 'put', 3750, '2025-05-23', -10],
      ['vix', 'call', 33, '2025-05-21', 4],
    ]);
  });

  it('keeps the checks of a symbol: a date that is none, a strike written as OCC digits', () => {
    expect(errorOf(() => parseOptionSymbol('SPXW 2025-02-30 3750 put')).message).toMatch(/not a calendar date/);
    // points only: eight digits are not read as thousandths here
    expect(errorOf(() => parseOptionSymbol('SPXW 2025-05-23 03750000 put')).message).toMatch(
      /is not an option symbol; write it as SPXW 250523P03750/,
    );
  });
});

describe('positions from broker CSV', () => {
  const csv = [
    'Symbol,Qty,Avg Price',
    'SPXW 250523P03750,-10,12.50',
    'SPXW  250523P03700000,10,9.10',
    '',
    '"VIX 250521C00033000",20,1.35',
    'SPX 250516C06000,(5),"1,250.5"',
  ].join('\n');
  it('reads every position with its line and signed quantity, not the average price', () => {
    const p = parsePositionsCsv(csv, rules);
    expect(p.map((x) => x.line)).toEqual([2, 3, 5, 6]);
    expect(p[0]?.leg).toEqual({
      kind: 'spx',
      type: 'put',
      strike: 3750,
      expiry: '2025-05-23',
      quantity: -10,
      root: 'SPXW',
    });
    expect(p[1]?.leg.strike).toBe(3700);
    expect(p[2]?.leg).toEqual({ kind: 'vix', type: 'call', strike: 33, expiry: '2025-05-21', quantity: 20 });
    expect(p[2]).not.toHaveProperty('averagePrice');
    expect(p[3]?.leg.expiry).toBe('2025-05-16');
    expect(p[3]?.leg.root).toBe('SPX'); // the AM-settled monthly, as its symbol says
    expect(p[3]?.leg.quantity).toBe(-5); // (5) is a short position
  });
  it('takes the columns from the header in any order, and semicolons', () => {
    const p = parsePositionsCsv('Quantity;Average Price;Symbol\n-3;4.2;SPXW 250523P03750', rules);
    expect(p[0]?.leg.quantity).toBe(-3);
  });
  it('refuses a column that gives the direction apart from the quantity, saying to fold it into the sign', () => {
    // read as all long, a Side column left the trader short 9 after the orders
    for (const name of ['Side', 'Long/Short', 'Action', 'Buy/Sell', 'B/S', 'Direction', 'long_short']) {
      const issues = issuesOf(() => parsePositionsCsv(`Symbol,${name},Qty,Price\nSPXW 250523P03750,Sell,3,4.2`, rules));
      expect(issues).toHaveLength(1);
      expect(issues[0]?.path).toBe('positions line 1');
      expect(issues[0]?.message).toMatch(/direction.*fold it into the quantity's sign: -3 for short 3/);
    }
    const rows = issuesOf(() => parsePositionRows([['Symbol', 'Quantity', 'Price', 'Side']], rules));
    expect(rows[0]?.path).toBe('positions row 1');
  });
  it('does not read Amount as the quantity (in many exports it is dollars), and says what to name it', () => {
    const issues = issuesOf(() => parsePositionsCsv('Symbol,Amount,Price\nSPXW 250523P03750,-1250,4.2', rules));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('positions line 1');
    expect(issues[0]?.message).toMatch(/Amount.*dollars.*Qty or Quantity/);
    // beside a quantity column, Amount is another column, not read
    const p = parsePositionsCsv('Symbol,Qty,Price,Amount\nSPXW 250523P03750,-3,4.2,-1260', rules);
    expect(p[0]?.leg.quantity).toBe(-3);
  });
  it('ends a line at CR, LF or CRLF alike, and still takes $ and a sign apart from the digits', () => {
    const lines = ['Symbol,Qty,Price', 'SPXW 250523P03750,-10,12.5', 'SPXW 250523P03700,10,$ 9.10'];
    for (const eol of ['\r', '\n', '\r\n']) {
      const p = parsePositionsCsv(lines.join(eol), rules);
      expect(p.map((x) => [x.line, x.leg.strike, x.leg.quantity])).toEqual([
        [2, 3750, -10],
        [3, 3700, 10],
      ]);
    }
    expect(parsePositionsCsv('SPXW 250523P03750,- 3,"$1,250.5"', rules)[0]).toMatchObject({
      leg: { quantity: -3 },
    });
  });
  it('puts a strike a hair off the grid on it, so one contract has one strike', () => {
    const p = parsePositionsCsv('SPXW 250523P03750.000000001,1,2\nVIX 250521C17.4999999999,1,1', rules);
    expect(p.map((x) => x.leg.strike)).toEqual([3750, 17.5]);
  });
  it('reads a file without a header as symbol, quantity (a further column is not read)', () => {
    expect(parsePositionsCsv('VIX 250521C00033000,2,1.1', rules)[0]?.leg.quantity).toBe(2);
  });

  const bad: [string, string, RegExp][] = [
    ['unknown root', 'AAPL 250523P00150000,1,2', /root AAPL.*use SPX, SPXW or VIX/],
    [
      'SPX strike off the 5-point grid',
      'SPXW 250523P03752,1,2',
      /strike 3752, off the SPX 5-point strike grid.*multiple of 5/,
    ],
    [
      'VIX strike off the half-point grid',
      'VIX 250521C00033250,1,2',
      /strike 33.25, off the VIX 0.5-point strike grid/,
    ],
    [
      'expired leg',
      'SPXW 250404P03750,1,2',
      /expired on 2025-04-04, before the valuation date 2025-04-08.*; leave out legs that have settled/,
    ],

    [
      'VIX expiry that is not a VX expiry',
      'VIX 250523C00033000,1,2',
      /2025-05-23, not a VX final-settlement date.*; VX futures and VIX options listed either side expire on 2025-05-21 and 2025-06-18: pass one of those/,
    ],
    [
      // the month's own expiry before it has passed by the valuation date: only the next is named
      'VIX expiry between the last and the next VX expiry',
      'VIX 250415C00020000,-1',
      /2025-04-15, not a VX final-settlement date.*; the next VX futures and VIX options listed after the valuation date expire on 2025-04-16: pass that date$/,
    ],
    [
      // the rule's Wednesday is refused when Juneteenth 2026 moves May's expiry to the Tuesday: name the date
      'VIX expiry on the Wednesday a holiday moved',
      'VIX 260520C00027000,1,2',
      /2026-05-20, not a VX final-settlement date.* expire on 2026-05-19 and 2026-06-17/,
    ],
    ['SPX expiry on a Saturday', 'SPXW 250524P03750,1,2', /2025-05-24, not an exchange trading day/],
    ['SPX expiry on Good Friday', 'SPXW 250418P03750,1,2', /2025-04-18, not an exchange trading day/],
    ['SPX monthly root on a weekly date', 'SPX 250523P03750,1,2', /root SPX .*third Friday: 2025-05-16.*use root SPXW/],
    ['fractional quantity', 'SPXW 250523P03750,1.5,2', /quantity "1.5" is not a whole, non-zero number/],
    ['zero quantity', 'SPXW 250523P03750,0,2', /not a whole, non-zero number/],
    // Number() read these as 16 and 3 contracts; stripping every space read "1 5" as 15
    ['hexadecimal quantity', 'SPXW 250523P03750,0x10,2', /quantity "0x10" is not a whole, non-zero number/],
    ['binary quantity', 'SPXW 250523P03750,0b11,2', /quantity "0b11" is not a whole, non-zero number/],
    ['quantity with an exponent', 'SPXW 250523P03750,1e3,2', /quantity "1e3" is not a whole, non-zero number/],
    ['a space inside the quantity', 'SPXW 250523P03750,1 5,2', /quantity "1 5" is not a whole, non-zero number/],
  ];
  for (const [name, line, msg] of bad) {
    it(`rejects ${name}, naming the line and the fix`, () => {
      const issues = issuesOf(() => parsePositionsCsv(`Symbol,Qty,Price\nSPXW 250523P03750,1,2\n${line}`, rules));
      expect(issues).toHaveLength(1);
      expect(issues[0]?.path).toBe('positions line 3');
      expect(issues[0]?.message).toMatch(msg);
    });
  }
  it('reports every bad line at once', () => {
    const issues = issuesOf(() =>
      parsePositionsCsv('AAPL 250523P00150000,1,2\nSPXW 250523P03750,1,2\nVIX 250523C00033000,1,2', rules),
    );
    expect(issues.map((i) => i.path)).toEqual(['positions line 1', 'positions line 3']);
  });
  it('uses the policy grid for VIX strikes when asked', () => {
    expect(parsePositionsCsv('VIX 250521C00017500,1,1', rules)[0]?.leg.strike).toBe(17.5);
    const issues = issuesOf(() => parsePositionsCsv('VIX 250521C00017500,1,1', { ...rules, vixStrikeStep: 1 }));
    expect(issues[0]?.message).toMatch(/off the VIX 1-point strike grid/);
  });
  it('refuses a leg expiring on the valuation date: it settles that day, an AM-settled one at the open', () => {
    // an SPX monthly on its expiry day was bought at its model mid after it had settled
    for (const line of ['SPXW 250408P03750,1,2', 'SPX 250321P03750,1,2', 'VIX 250521C00020000,1,1']) {
      const date = line.startsWith('SPXW') ? '2025-04-08' : line.startsWith('SPX') ? '2025-03-21' : '2025-05-21';
      const issues = issuesOf(() => parsePositionsCsv(line, { valuationDate: date }));
      expect(issues[0]?.path).toBe('positions line 1');
      expect(issues[0]?.message).toMatch(/expires on the valuation date .*; leave out legs that have settled/);
    }
  });
  it('rejects a valuation date that is not a date', () => {
    expect(errorOf(() => parsePositionsCsv('SPXW 250523P03750,1,2', { valuationDate: '2025-13-01' })).field).toBe(
      'valuationDate',
    );
  });
});

describe('positions from an Excel range', () => {
  it('reads numbers and text cells, skipping blank rows and the header', () => {
    const p = parsePositionRows(
      [
        ['Symbol', 'Quantity', 'Avg Price'],
        ['SPXW 250523P03750', -10, 12.5],
        ['', null, undefined],
        ['VIX 250521C00033000', '20', '1.35'],
      ],
      rules,
    );
    expect(p.map((x) => [x.line, x.leg.quantity])).toEqual([
      [2, -10],
      [4, 20],
    ]);
  });
  it('names the row of a bad position', () => {
    const issues = issuesOf(() =>
      parsePositionRows(
        [
          ['VIX 250521C00033000', 1, 1],
          ['SPXW 250404P03750', 1, 1],
        ],
        rules,
      ),
    );
    expect(issues[0]?.path).toBe('positions row 2');
    expect(issues[0]?.message).toMatch(/expired/);
  });
  it('rejects a range that is not rows', () => {
    expect(errorOf(() => parsePositionRows('x' as unknown as unknown[][], rules)).field).toBe('positions');
  });
});

describe('the positions input schema', () => {
  it('reads text and rows alike', () => {
    const text = readPositions({ valuationDate: '2025-04-08', positions: 'VIX 250521C00033000,20,1.35' });
    const rows = readPositions({ valuationDate: '2025-04-08', positions: [['VIX 250521C00033000', 20, 1.35]] });
    expect(rows.map((p) => p.leg)).toEqual(text.map((p) => p.leg));
  });
  it('says a TRUE or FALSE quantity cell as a sheet shows it, not as the text "true"', () => {
    const issues = issuesOf(() =>
      readPositions({ valuationDate: '2025-04-08', positions: [['VIX 250521C00033000', true, 1.35]] }),
    );
    expect(issues[0]?.message).toBe('quantity is TRUE, not a number; pass e.g. 10 for long, -10 for short');
  });
  it('passes the grids on and rejects bad fields by path', () => {
    expect(
      errorOf(() =>
        readPositions({ valuationDate: '2025-04-08', positions: 'VIX 250521C00017500,1,1', vixStrikeStep: 1 }),
      ).message,
    ).toMatch(/1-point strike grid/);
    expect(errorOf(() => readPositions({ valuationDate: '08/04/2025', positions: '' })).field).toBe('valuationDate');
    expect(errorOf(() => readPositions({ valuationDate: '2025-04-08', positions: 3 as unknown as string })).field).toBe(
      'positions',
    );
    expect(errorOf(() => readPositions({ valuationDate: '2025-04-08', positions: '', spxStrikeStep: -5 })).field).toBe(
      'spxStrikeStep',
    );
  });
});

describe('the order books schema', () => {
  it('defaults held to none and keeps fractional targets for the rounding rule', () => {
    const b = parseInput(OrderBooksSchema, {
      target: [
        { kind: 'vix', type: 'call', strike: 33, expiry: '2025-05-21', quantity: 2.5, origin: 'tail: vix-call' },
      ],
    });
    expect(b.held).toEqual([]);
    expect(b.target[0]?.quantity).toBe(2.5);
  });
  it('rejects fractional holdings, a missing origin and unknown fields by path', () => {
    const leg = { kind: 'vix', type: 'call', strike: 33, expiry: '2025-05-21', quantity: 1 };
    const issues = issuesOf(() =>
      parseInput(OrderBooksSchema, {
        held: [{ ...leg, quantity: 1.5 }],
        target: [leg, { ...leg, origin: 'x', side: 'buy' }],
      }),
    );
    expect(issues.map((i) => i.path)).toEqual(['held[0].quantity', 'target[0].origin', 'target[1]']);
    expect(issues[0]?.message).toMatch(/whole contracts/);
  });
});
