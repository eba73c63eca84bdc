/**
 * Positions text that was misread or misdiagnosed: a byte order mark before a quoted cell, a
 * thousands comma where a comma is a decimal one, dollars in the quantity, a header-less row of
 * three numbers, and rows that are no option position at all.
 */
import { describe, expect, it } from 'vitest';
import { parsePositionsCsv } from '@alvh/shared';

const rules = { valuationDate: '2025-04-08' };
const PUT = 'SPXW 250523P03750';

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
