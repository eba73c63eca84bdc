import { describe, expect, it } from 'vitest';
import {
  checkCommaSeparated,
  fitChainSurface,
  isQuotedata,
  parseChain,
  parseChainTable,
  parseQuotedata,
  readCsv,
  yearsToSettlement,
} from '@alvh/shared';
import { errorOf } from '../../helpers/errors';
import { describeWithData, readDataFile } from '../../helpers/marketData';

const HEADER =
  'Expiration Date,Calls,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest,Strike,Puts,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest';

function quotedataRow(
  expiry: string,
  sym: string,
  strike: number,
  cb: number,
  ca: number,
  pb: number,
  pa: number,
): string {
  const k = String(strike * 1000).padStart(8, '0');
  return `${expiry},${sym}C${k},0,0,${cb},${ca},0,0,0,0,0,${strike.toFixed(2)},${sym}P${k},0,0,${pb},${pa},0,0,0,0,0`;
}

function quotedata(rows: string[]): string {
  return [
    '',
    'Standard & Poors 500 Index,Last: 4000,Change: 1',
    '"Date: March 1 2023, 4:30 PM EST",Bid: 3999,Ask: 4001',
    HEADER,
    ...rows,
  ].join('\n');
}

describe('readCsv', () => {
  it('reads quoted fields with commas and doubled quotes, CRLF, and keeps the line numbers', () => {
    const recs = readCsv('a,"b, c","say ""hi"""\r\n\r\n1,2,3\n', 'chain');
    expect(recs.map((r) => r.cells)).toEqual([['a', 'b, c', 'say "hi"'], [''], ['1', '2', '3']]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3]);
  });
  it('names the line of an unclosed quote', () => {
    expect(errorOf(() => readCsv('a,b\n"open,c\n', 'chain')).field).toBe('chain line 2');
  });
  it('refuses text after a closing quote, naming the line and column, instead of dropping it ("4300"5 read 4300)', () => {
    const e = errorOf(() => readCsv('expiry,strike\n2023-07-21,"4300"5,put\n', 'chain'));
    expect([e.field, e.message]).toEqual([
      'chain line 2 column 2',
      'chain line 2 column 2: is "4300"5: text after the closing quote of a quoted cell; put the whole cell inside the quotes, or write it without quotes (a quote inside a quoted cell is written twice)',
    ]);
    // the line where the quote closes, for a cell over two lines
    expect(errorOf(() => readCsv('a,"b\nc" d\n', 'chain')).field).toBe('chain line 2 column 2');
    // a lone CR inside the quotes ends a line as it does outside them, a CRLF one line
    expect(errorOf(() => readCsv('a,"b\rc" d\n', 'chain')).field).toBe('chain line 2 column 2');
    expect(errorOf(() => readCsv('a,"b\r\nc" d\n', 'chain')).field).toBe('chain line 2 column 2');
    const table = 'expiry,strike,type,bid,ask\n2023-07-21,"4300"5,put,60.1,60.6\n';
    expect(errorOf(() => parseChainTable(table, { valuationDate: '2023-06-09' })).field).toBe('chain line 2 column 2');
    // blanks after the closing quote are no text
    expect(readCsv('"a" ,"b"\t\r\n', 'chain').map((r) => r.cells)).toEqual([['a', 'b']]);
  });
});

describe('parseChainTable headers', () => {
  it('reads a broker\'s or Cboe\'s "Expiration" (or "Exp Date") as the expiry column', () => {
    const v = { valuationDate: '2023-06-09' };
    const rows = '2023-07-21,4300,put,60.1,60.6,SPX\n2023-07-21,4300,call,80.1,80.6,SPX';
    const plain = parseChainTable(`expiry,strike,type,bid,ask,root\n${rows}`, v);
    expect(plain.quotes).toHaveLength(2);
    for (const header of ['Expiration, Strike, Type, Bid, Ask, Root', 'EXP DATE,strike,type,bid,ask,root'])
      expect(parseChainTable(`${header}\n${rows}`, v)).toEqual(plain);
    // "Expiration Date" heading a table (strike, type, bid, ask, no Calls) is that table, not quotedata
    // that lost its layout, wherever the text is read (parseChain picks the layout)
    const dated = `Expiration Date,Strike,Type,Bid,Ask,Root\n${rows}`;
    expect(isQuotedata(dated)).toBe(false);
    expect(parseChain(dated, v)).toEqual(plain);
    expect(
      isQuotedata(
        'Standard & Poors 500 Index,Last: 4300\nDate: June 9, 2023 at 4:15 PM EDT\nExpiration Date,Calls,Last Sale,Net,Bid,Ask\n',
      ),
    ).toBe(true);
    // two columns read as the expiry are one too many, as a repeated column is
    expect(errorOf(() => parseChainTable(`expiry,strike,type,bid,ask,Expiration\n${rows},2023-07-21`, v)).message).toBe(
      'chain line 1 column 6 (Expiration): repeats the column "expiry" of column 1: the table would read one and drop the other; keep one expiry column: remove or rename the other',
    );
  });
});

describe('parseQuotedata on small chains', () => {
  it('reads the stamp as the session of the quotes: after the close it is that day at 16:00', () => {
    const c = parseQuotedata(quotedata([quotedataRow('Fri Mar 17 2023', 'SPXW230317', 4000, 50, 51, 48, 49)]));
    expect(c.valuationDate).toBe('2023-03-01');
    expect(c.valuationMinutes).toBe(960);
    expect(c.spot).toBe(4000);
    expect(c.quotes).toHaveLength(2);
    expect(c.quotes[0]).toMatchObject({
      root: 'SPXW',
      settlement: 'PM',
      expiry: '2023-03-17',
      strike: 4000,
      type: 'call',
      bid: 50,
      ask: 51,
    });
  });
  it('drops and counts crossed, locked, zero-bid and no-ask quotes', () => {
    const c = parseQuotedata(
      quotedata([
        quotedataRow('Fri Mar 17 2023', 'SPXW230317', 4000, 52, 51, 0, 0.05),
        quotedataRow('Fri Mar 17 2023', 'SPXW230317', 4010, 45, 45, 50, 51),
        // a bid with the ask 0 (as Cboe writes no ask) is one-sided, not crossed
        quotedataRow('Fri Mar 17 2023', 'SPXW230317', 4020, 40, 0, 52, 53),
      ]),
    );
    expect(c.dropped).toEqual({ zeroBid: 1, noAsk: 1, crossed: 1, locked: 1, empty: 0 });
    expect(c.droppedByType).toEqual({
      call: { zeroBid: 0, noAsk: 1, crossed: 1, locked: 1, empty: 0 },
      put: { zeroBid: 1, noAsk: 0, crossed: 0, locked: 0, empty: 0 },
    });
    expect(c.quotes).toHaveLength(2);
  });
  it('refuses a strike row given twice for one expiry, naming the line of each', () => {
    const row = quotedataRow('Fri Mar 17 2023', 'SPXW230317', 4000, 50, 51, 48, 49);
    const e = errorOf(() =>
      parseQuotedata(quotedata([row, quotedataRow('Fri Mar 17 2023', 'SPXW230317', 4010, 45, 46, 50, 51), row])),
    );
    expect([e.field, e.message]).toEqual([
      'chain line 7',
      'chain line 7: quotes SPXW 2023-03-17 4000 call again (first at chain line 5); keep one row per option (root, expiry, strike, type): remove the repeat, or send one snapshot of the chain',
    ]);
  });
  it('names line and column of a bad cell', () => {
    const e = errorOf(() =>
      parseQuotedata(
        quotedata([quotedataRow('Fri Mar 17 2023', 'SPXW230317', 4000, 50, 51, 48, 49).replace(',50,51,', ',5O,51,')]),
      ),
    );
    expect(e.field).toBe('chain line 5 column 5 (Bid)');
    expect(e.message).toMatch(/not a price/);
  });
  it('reads a decimal in a price or strike cell, never hex or binary ("0x10" is not 16)', () => {
    const row = quotedataRow('Fri Mar 17 2023', 'SPXW230317', 4000, 50, 51, 48, 49);
    for (const [from, to, field] of [
      [',50,51,', ',0x32,51,', 'chain line 5 column 5 (Bid)'],
      [',50,51,', ',0b1,51,', 'chain line 5 column 5 (Bid)'],
    ] as const) {
      const e = errorOf(() => parseQuotedata(quotedata([row.replace(from, to)])));
      expect([e.field, e.message]).toEqual([field, expect.stringMatching(/not a price/)]);
    }
    const v = { valuationDate: '2023-03-10' };
    const table = (strike: unknown) =>
      [{ expiry: '2023-03-17', strike, type: 'call', bid: '1.5', ask: '1.6' }] as unknown as Parameters<
        typeof parseChainTable
      >[0];
    expect(parseChainTable(table('4000'), v).quotes[0]!.strike).toBe(4000);
    expect(parseChainTable(table(' 4.0e3 '), v).quotes[0]!.strike).toBe(4000);
    for (const bad of ['0xFA0', true, ''])
      expect(errorOf(() => parseChainTable(table(bad), v)).message).toMatch(/not a strike/);
  });
  it('reads an expiry past the exchange calendar (a listing runs years out), as Cboe lists it', () => {
    const row = quotedataRow('Fri Jan 04 2041', 'SPXW410104', 4000, 50, 51, 48, 49);
    expect(parseQuotedata(quotedata([row])).quotes[0]!.expiry).toBe('2041-01-04');
    const within = quotedataRow('Fri Dec 21 2040', 'SPXW401221', 4000, 50, 51, 48, 49);
    expect(parseQuotedata(quotedata([within])).quotes[0]!.expiry).toBe('2040-12-21');
  });
  it('refuses a stamp that is no date or time, naming its line, rather than rolling it into another day', () => {
    const row = quotedataRow('Fri Mar 17 2023', 'SPXW230317', 4000, 50, 51, 48, 49);
    const stamped = (stamp: string) =>
      errorOf(() => parseQuotedata(quotedata([row]).replace('Date: March 1 2023, 4:30 PM EST', stamp)));
    // February 30 read as March 2, 99 June as September 7, 25:99 PM as the next day, 0023 as 23 AD
    for (const [stamp, problem] of [
      ['Date: February 30 2023, 1:40 PM EST', 'February 30 2023 is not a calendar date'],
      ['Date: 99 June 2023, 1:40 PM EDT', 'June 99 2023 is not a calendar date'],
      ['Date: 9 June 2023, 25:99 PM EDT', '25:99 PM is not a time of day'],
      ['Date: 9 June 2023, 0:15 AM EDT', '0:15 AM is not a time of day'],
      ['Date: 9 June 0023, 1:40 PM EDT', 'the year 0023 is outside the exchange calendar (2000-2040)'],
      ['Date: 9 June 2041, 1:40 PM EDT', 'the year 2041 is outside the exchange calendar (2000-2040)'],
    ]) {
      const e = stamped(stamp!);
      expect(e.field).toBe('chain line 3');
      expect(e.message).toContain(`: ${problem}; pass the file as Cboe exports it`);
    }
    expect(parseQuotedata(quotedata([row]).replace('March 1 2023', 'February 28 2023')).valuationDate).toBe(
      '2023-02-28',
    );
    // a month is its name or its abbreviation, not any word that starts like one
    for (const [month, date] of [
      ['Feb', '2023-02-28'],
      ['FEBRUARY', '2023-02-28'],
    ])
      expect(parseQuotedata(quotedata([row]).replace('March 1 2023', `${month} 28 2023`)).valuationDate).toBe(date);
    for (const word of ['Febtember', 'Junk', 'Ma'])
      expect(stamped(`Date: ${word} 28 2023, 1:40 PM EST`).message, word).toMatch(/not the quotedata date line/);
  });

  it('reads a stamp written "June 9, 2023 at 4:15 PM EDT", in any case, as the same moment', () => {
    const row = quotedataRow('Fri Jun 16 2023', 'SPXW230616', 4000, 50, 51, 48, 49);
    const stamped = (stamp: string) =>
      parseQuotedata(quotedata([row]).replace('"Date: March 1 2023, 4:30 PM EST"', stamp));
    for (const stamp of [
      '"Date: June 9, 2023 at 4:15 PM EDT"',
      'DATE: JUNE 9, 2023 AT 4:15 PM EDT',
      '"Date: June 9, 2023, 4:15 PM EDT"',
    ]) {
      const c = stamped(stamp);
      expect([c.valuationDate, c.valuationMinutes], stamp).toEqual(['2023-06-09', 975]);
    }
    expect(stamped('"Date: June 9, 2023 at 1:40 PM EDT"').valuationMinutes).toBe(820);
    // "at" stands before the time alone: no other word is read past
    expect(errorOf(() => stamped('"Date: June 9, 2023 by 4:15 PM EDT"')).message).toMatch(
      /not the quotedata date line/,
    );
  });

  it("reads a stamp before the open, or on an exchange holiday, as the last session's close, holidays skipped", () => {
    // a file taken in Tokyo or Sydney the morning after a U.S. holiday was dated on the holiday, and
    // its first expiry three days nearer (2022-02-23 at 2 days: an ATM vol of 59.5% for 37.7%)
    const row = quotedataRow('Fri Dec 18 2026', 'SPXW261218', 4000, 50, 51, 48, 49);
    const stamped = (stamp: string) =>
      parseQuotedata(quotedata([row]).replace('Date: March 1 2023, 4:30 PM EST', stamp));
    for (const [stamp, session] of [
      ['Date: February 22 2022, 8:00 AM EST', '2022-02-18'], // the morning after Presidents Day
      ['Date: February 21 2022, 3:00 PM EST', '2022-02-18'], // during Presidents Day
      ['Date: April 19 2025, 10:00 AM EDT', '2025-04-17'], // the Saturday after Good Friday
      ['Date: July 5 2022, 8:00 AM EDT', '2022-07-01'], // the morning after July 4
      ['Date: December 26 2024, 9:00 AM EST', '2024-12-24'], // the morning after Christmas
      ['Date: December 24 2024, 8:00 PM EST', '2024-12-24'], // after a session: that day
      ['Date: February 22 2022, 10:00 AM EST', '2022-02-22'], // in session: the stamp itself
    ] as const) {
      const c = stamped(stamp);
      expect([c.valuationDate, c.valuationMinutes], stamp).toEqual([
        session,
        stamp.includes('10:00 AM EST') ? 600 : 960,
      ]);
    }
  });

  it('reads the zone after the time as a whole word, in parentheses or not', () => {
    const row = quotedataRow('Fri Mar 17 2023', 'SPXW230317', 4000, 50, 51, 48, 49);
    const text = (zone: string) => quotedata([row]).replace('4:30 PM EST', `1:40 PM ${zone}`);
    for (const zone of ['EST', '(EST)', '(et)'])
      expect(parseQuotedata(text(zone)).valuationMinutes, zone).toBe(13 * 60 + 40);
    // more to the word than a zone: not read as EST, and named
    const notRead = (word: string) => `the stamp's time is followed by "${word}", not a zone the stamp is read in`;
    for (const [zone, problem] of [
      ['EST2', notRead('EST2')],
      ['ESTx', 'the stamp is in ESTx'],
      ['EST.', notRead('EST.')],
      ['(EST', notRead('(EST')],
      ['(CET)', 'the stamp is in CET'],
    ]) {
      const e = errorOf(() => parseQuotedata(text(zone!)));
      expect([e.field, e.problem], zone).toEqual(['chain line 3', problem]);
    }
    // an Eastern zone written another way is refused as well, naming the three read
    for (const zone of ['America/New_York', 'EST5EDT', 'ET.', 'E.T.']) {
      const e = errorOf(() => parseQuotedata(text(zone)));
      expect(e.message, zone).toBe(
        `chain line 3: ${notRead(zone)}; write EST, EDT or ET after the time (in parentheses or not: "1:40 PM EDT"), as Cboe exports it`,
      );
    }
    // a long word is quoted in part, so the message stays short
    const long = errorOf(() => parseQuotedata(text(`Eastern/${'x'.repeat(300)}`)));
    expect(long.problem).toBe(notRead(`Eastern/${'x'.repeat(22)}…`));
    expect(long.message.length).toBeLessThanOrEqual(255);
    expect(errorOf(() => parseQuotedata(text('A'.repeat(300)))).problem).toBe(notRead(`${'A'.repeat(30)}…`));
    // cut after quoting: a word of control characters, six characters each quoted, stays short
    const control = errorOf(() => parseQuotedata(text('\u0001'.repeat(40))));
    expect(control.problem).toBe(
      `the stamp's time is followed by "${'\\u0001'.repeat(5)}…", not a zone the stamp is read in`,
    );
    expect(control.message.length).toBeLessThanOrEqual(255);
  });

  it('names another zone as such, and New York or Eastern written out as no zone it reads', () => {
    const row = quotedataRow('Fri Mar 17 2023', 'SPXW230317', 4000, 50, 51, 48, 49);
    const text = (zone: string) => quotedata([row]).replace('4:30 PM EST', `1:40 PM ${zone}`);
    for (const zone of ['CEST', 'GMT', 'UTC', 'PST', 'GMT+2', 'UTC-05:00'])
      expect(errorOf(() => parseQuotedata(text(zone))).message, zone).toBe(
        `chain line 3: the stamp is in ${zone}; pass the file as Cboe exports it, stamped in Eastern time (EST/EDT)`,
      );
    for (const zone of ['Eastern', 'NY', 'NewYork', '(Eastern)', 'nyc'])
      expect(errorOf(() => parseQuotedata(text(zone))).message, zone).toBe(
        `chain line 3: the stamp's time is followed by "${zone}", not a zone the stamp is read in; write EST, EDT or ET after the time (in parentheses or not: "1:40 PM EDT"), as Cboe exports it`,
      );
  });

  it('refuses an expiry that is no calendar date (Jun 31 read as July 1)', () => {
    const e = errorOf(() =>
      parseQuotedata(quotedata([quotedataRow('Sat Jun 31 2023', 'SPXW230631', 4000, 50, 51, 48, 49)])),
    );
    expect(e.field).toBe('chain line 5 column 1 (Expiration Date)');
  });

  it('refuses an expiry whose weekday is not its date’s (Mon Jun 16 2023 is a Friday), naming the cell', () => {
    const e = errorOf(() =>
      parseQuotedata(quotedata([quotedataRow('Mon Mar 17 2023', 'SPXW230317', 4000, 50, 51, 48, 49)])),
    );
    expect([e.field, e.message]).toEqual([
      'chain line 5 column 1 (Expiration Date)',
      'chain line 5 column 1 (Expiration Date): is "Mon Mar 17 2023", but 2023-03-17 is a Fri, not a Mon; pass the quotedata rows unchanged (the expiry as Cboe writes it, its weekday and date agreeing)',
    ]);
    // the weekday's case is Cboe's or not, as the month's is
    const row = quotedataRow('FRI MAR 17 2023', 'SPXW230317', 4000, 50, 51, 48, 49);
    expect(parseQuotedata(quotedata([row])).quotes[0]!.expiry).toBe('2023-03-17');
  });

  it('rejects a symbol that does not match its row', () => {
    const e = errorOf(() =>
      parseQuotedata(quotedata([quotedataRow('Fri Mar 17 2023', 'SPXW230324', 4000, 50, 51, 48, 49)])),
    );
    expect(e.field).toBe('chain line 5 column 2 (Calls)');
  });
  it('refuses a Strike cell that is not the strike of its symbols, naming the line, the column and both', () => {
    const row = quotedataRow('Fri Mar 17 2023', 'SPXW230317', 4000, 50, 51, 48, 49);
    const e = errorOf(() => parseQuotedata(quotedata([row.replace(',4000.00,', ',4010.00,')])));
    expect([e.field, e.message]).toEqual([
      'chain line 5 column 12 (Strike)',
      expect.stringContaining(
        'is 4010.00, but the symbol SPXW230317C04000000 in column 2 (Calls) is for the strike 4000',
      ),
    ]);
    const put = errorOf(() => parseQuotedata(quotedata([row.replace('P04000000', 'P04005000')])));
    expect(put.message).toContain(
      'is 4000.00, but the symbol SPXW230317P04005000 in column 13 (Puts) is for the strike 4005',
    );
    // a strike written without decimals, or with a fraction the symbol holds, is the same strike
    expect(parseQuotedata(quotedata([row.replace(',4000.00,', ',4000,')])).quotes[0]!.strike).toBe(4000);
    const half = quotedataRow('Fri Mar 17 2023', 'SPXW230317', 4002.5, 50, 51, 48, 49);
    expect(parseQuotedata(quotedata([half])).quotes[0]!.strike).toBe(4002.5);
  });
  it('rejects an empty text and a wrong header', () => {
    expect(errorOf(() => parseQuotedata('')).message).toMatch(/empty/);
    const e = errorOf(() => parseQuotedata(quotedata([]).replace('Strike,Puts', 'Strike,Put')));
    expect(e.field).toBe('chain line 4 column 13');
    expect(errorOf(() => parseQuotedata('foo,bar\n1,2')).message).toMatch(/no "Expiration Date/);
  });
  it('names an unknown option root', () => {
    const e = errorOf(() =>
      parseQuotedata(quotedata([quotedataRow('Fri Mar 17 2023', 'NDX230317', 4000, 50, 51, 48, 49)])),
    );
    expect(e.message).toMatch(/root "NDX"/);
  });
});

describe('plain table', () => {
  const csv =
    'Expiry,Strike,Type,Bid,Ask\n2023-07-21,4300,put,60.1,60.6\n2023-07-21,4300,C,80.2,80.9\n2023-07-21,4310,P,0,0.05\n';
  it('reads CSV with any-case headers, C/P types, and counts zero bids', () => {
    const c = parseChainTable(csv, { valuationDate: '2023-06-09' });
    expect(c.quotes.map((q) => [q.type, q.settlement, q.root])).toEqual([
      ['put', 'PM', 'SPXW'],
      ['call', 'PM', 'SPXW'],
    ]);
    expect(c.dropped.zeroBid).toBe(1);
  });
  it('reads JSON rows and Excel serial expiries', () => {
    const c = parseChainTable(
      [{ expiry: 45128 as unknown as string, strike: 4300, type: 'put', bid: 1, ask: 1.1, root: 'SPX' }],
      {
        valuationDate: '2023-06-09',
      },
    );
    expect(c.quotes[0]).toMatchObject({ expiry: '2023-07-21', settlement: 'AM', root: 'SPX' });
  });
  it('names the row and column of a bad cell', () => {
    expect(errorOf(() => parseChainTable(csv.replace('60.1', 'abc'), { valuationDate: '2023-06-09' })).field).toBe(
      'chain line 2 column 4 (bid)',
    );
    expect(
      errorOf(() =>
        parseChainTable([{ expiry: '2023-07-21', strike: -1, type: 'put', bid: 1, ask: 2 }], {
          valuationDate: '2023-06-09',
        }),
      ).field,
    ).toBe('chain[0].strike');
    expect(errorOf(() => parseChainTable('expiry,strike,bid,ask\n', { valuationDate: '2023-06-09' })).message).toMatch(
      /no type column/,
    );
  });
  it('refuses a text of commas and blank lines (an empty range saved as CSV) as empty, naming the chain', () => {
    for (const text of [',', ' , \n,,', ',,,,\r\n,,,,\r\n']) {
      const e = errorOf(() => parseChainTable(text, { valuationDate: '2023-06-09' }));
      expect([e.code, e.field, e.message]).toEqual([
        'invalid_input',
        'chain',
        'chain: is empty (blank lines or commas alone); pass the quotedata CSV text or a table with expiry, strike, type, bid, ask',
      ]);
      expect(errorOf(() => parseChain(text, { valuationDate: '2023-06-09' })).field).toBe('chain');
    }
  });
  it('refuses a header naming a column twice, naming the second, instead of reading the first alone', () => {
    const e = errorOf(() =>
      parseChainTable('expiry,strike,type,bid,ask,BID\n2023-07-21,4300,put,60.1,60.6,61\n', {
        valuationDate: '2023-06-09',
      }),
    );
    expect([e.field, e.message]).toEqual([
      'chain line 1 column 6 (BID)',
      'chain line 1 column 6 (BID): repeats the column "bid" of column 4: the table would read one and drop the other; keep one bid column: remove or rename the other',
    ]);
    expect(
      errorOf(() => parseChainTable('root,expiry,strike,type,bid,ask,root\n', { valuationDate: '2023-06-09' })).field,
    ).toBe('chain line 1 column 7 (root)');
    // columns the table does not read may repeat: empty header cells of an Excel range, two notes
    const extra = 'expiry,strike,type,bid,ask,note,note,,\n2023-07-21,4300,put,60.1,60.6,a,b,,\n';
    expect(parseChainTable(extra, { valuationDate: '2023-06-09' }).quotes).toHaveLength(1);
  });
  it('refuses a header without rows as such, not as an empty text', () => {
    for (const text of ['expiry,strike,type,bid,ask\n', '\r\nExpiry,Strike,Type,Bid,Ask\r\n,,,,\r\n\r\n']) {
      const e = errorOf(() => parseChainTable(text, { valuationDate: '2023-06-09' }));
      expect([e.field, e.message]).toEqual([
        'chain',
        expect.stringMatching(/^chain: has a header \(line [12]\) but no option rows; pass the rows under the header/),
      ]);
      expect(errorOf(() => parseChain(text, { valuationDate: '2023-06-09' })).message).toBe(e.message);
    }
  });
  it('refuses a second row for one option, naming both rows: neither quote can be taken as the market', () => {
    const twice = csv + '2023-07-21,4300.0,P,59.0,59.5\n';
    const e = errorOf(() => parseChainTable(twice, { valuationDate: '2023-06-09' }));
    expect([e.field, e.message]).toEqual([
      'chain line 5',
      'chain line 5: quotes SPXW 2023-07-21 4300 put again (first at chain line 2); add a root column (SPX for AM-settled options, SPXW for PM; a row without one is SPXW), or remove the repeat',
    ]);
    // with a root column, a repeat is a repeat; a row whose root cell is empty is asked for its root
    const rooted = 'root,expiry,strike,type,bid,ask\nSPX,2023-07-21,4300,P,59,59.5\nSPX,2023-07-21,4300,P,59,59.5\n';
    expect(errorOf(() => parseChainTable(rooted, { valuationDate: '2023-06-09' })).message).toBe(
      'chain line 3: quotes SPX 2023-07-21 4300 put again (first at chain line 2); keep one row per option (root, expiry, strike, type): remove the repeat, or send one snapshot of the chain',
    );
    const blank = 'root,expiry,strike,type,bid,ask\nSPXW,2023-07-21,4300,P,59,59.5\n,2023-07-21,4300,P,59,59.5\n';
    expect(errorOf(() => parseChainTable(blank, { valuationDate: '2023-06-09' })).fix).toMatch(
      /^give each row a root \(SPX for AM-settled options, SPXW for PM; a row without one is SPXW\)/,
    );
    const row = { expiry: '2023-07-21', strike: 4300, type: 'put' as const, bid: 1, ask: 1.1 };
    const rows = [
      row,
      { ...row, type: 'call' as const },
      { ...row, root: 'SPX' },
      { ...row, type: 'P' as const, bid: 0 },
    ];
    expect(errorOf(() => parseChainTable(rows, { valuationDate: '2023-06-09' })).message).toMatch(
      /^chain\[3\]: quotes SPXW 2023-07-21 4300 put again \(first at chain\[0\]\); give each row a root \(SPX for AM/,
    );
    // the same strike under another root, or of the other type, is another option
    expect(parseChainTable(rows.slice(0, 3), { valuationDate: '2023-06-09' }).quotes).toHaveLength(3);
  });
  it('needs a valuation date', () => {
    expect(errorOf(() => parseChain(csv)).field).toBe('valuationDate');
  });
});

describe('bad chains answer with what is wrong', () => {
  const v = { valuationDate: '2023-06-09' };
  const rows = (expiries: string[], types: ('call' | 'put')[], crossed = false) =>
    expiries.flatMap((expiry) =>
      [4200, 4250, 4300, 4350, 4400, 4450].flatMap((strike) =>
        types.map((type) => ({ expiry, strike, type, bid: crossed ? 12 : 10, ask: crossed ? 11 : 11 })),
      ),
    );
  it('a minYears that is not a time from 0 to 1 year (NaN kept every slice, the same-day one too)', () => {
    const chain = parseChainTable(rows(['2023-07-21', '2023-08-18'], ['put', 'call']), v);
    for (const minYears of [NaN, -0.01, 2]) {
      const e = errorOf(() => fitChainSurface(chain, { minYears }));
      expect([e.field, e.message]).toEqual(['minYears', expect.stringMatching(/in years from 0 to 1/)]);
    }
  });
  it('a crossed market', () => {
    expect(
      errorOf(() => fitChainSurface(parseChainTable(rows(['2023-07-21'], ['put', 'call'], true), v))).message,
    ).toMatch(/no usable quote: .*12 are crossed/);
  });
  it('no puts', () => {
    expect(
      errorOf(() => fitChainSurface(parseChainTable(rows(['2023-07-21', '2023-08-18'], ['call']), v))).message,
    ).toMatch(/^chain: has no put quotes; pass calls and puts/);
  });
  it('every put crossed, or without a bid: said so, by count (not "no put quotes with a bid")', () => {
    const two = ['2023-07-21', '2023-08-18'];
    const crossedPuts = [...rows(two, ['call']), ...rows(two, ['put'], true)];
    expect(errorOf(() => fitChainSurface(parseChainTable(crossedPuts, v))).message).toBe(
      'chain: has no usable put quote: all 12 are crossed (12), locked (0), one-sided (0 without a bid, 0 without an ask) or empty (0); pass calls and puts with two-sided quotes (bid > 0, ask > bid): parity and the skew need both',
    );
    const noBidCalls = [...rows(two, ['put']), ...rows(two, ['call']).map((r) => ({ ...r, bid: 0 }))];
    expect(errorOf(() => fitChainSurface(parseChainTable(noBidCalls, v))).message).toBe(
      'chain: has no usable call quote: all 12 are crossed (0), locked (0), one-sided (12 without a bid, 0 without an ask) or empty (0); pass calls and puts with two-sided quotes (bid > 0, ask > bid): parity and the skew need both',
    );
  });
  it('every put 0 / 0: counted as empty (no quote at all), not as one-sided without a bid', () => {
    const two = ['2023-07-21', '2023-08-18'];
    const emptyPuts = [...rows(two, ['call']), ...rows(two, ['put']).map((r) => ({ ...r, bid: 0, ask: 0 }))];
    const chain = parseChainTable(emptyPuts, v);
    expect(chain.droppedByType.put).toEqual({ zeroBid: 0, noAsk: 0, crossed: 0, locked: 0, empty: 12 });
    const m = errorOf(() => fitChainSurface(chain)).message;
    expect(m).toBe(
      'chain: has no usable put quote: all 12 are crossed (0), locked (0), one-sided (0 without a bid, 0 without an ask) or empty (12); pass calls and puts with two-sided quotes (bid > 0, ask > bid): parity and the skew need both',
    );
    // within 255 characters at the counts of a real chain's side (about 9,000 quotes)
    expect(m.replace(/\b\d+\b/g, '99999').length).toBeLessThanOrEqual(255);
  });
  it('one expiry only', () => {
    expect(errorOf(() => fitChainSurface(parseChainTable(rows(['2023-07-21'], ['put', 'call']), v))).message).toMatch(
      /a surface needs two or more/,
    );
  });
});

describe('settlement time', () => {
  it('AM settles 6.5 hours before PM on the same date', () => {
    const am = yearsToSettlement('2022-02-04', 960, '2022-03-18', 'AM');
    const pm = yearsToSettlement('2022-02-04', 960, '2022-03-18', 'PM');
    expect((pm - am) * 365 * 24).toBeCloseTo(6.5, 12);
    expect(pm * 365).toBe(42);
  });

  it('refuses a time of day or a settlement it cannot read, naming it, rather than giving NaN', () => {
    for (const minutes of [NaN, -1, 1440, 600.5]) {
      const e = errorOf(() => yearsToSettlement('2023-06-09', minutes, '2023-06-16', 'PM'));
      expect(e.field).toBe('valuationMinutes');
      expect(e.message).toMatch(/minutes after midnight Eastern, 0-1439/);
    }
    const e = errorOf(() => yearsToSettlement('2023-06-09', 820, '2023-06-16', 'XX' as 'PM'));
    expect([e.field, e.message]).toEqual(['settlement', expect.stringMatching(/"XX".*pass "AM" or "PM"/)]);
  });
});

describeWithData('the two real chains', () => {
  it('2022-02-04: stamped Saturday 8:09 PM, so the quotes are Friday 16:00; SPX (AM) and SPXW (PM) kept apart', () => {
    const c = parseQuotedata(readDataFile('cboe_spx_quotedata_2022-02-04__Luca-Castelli.csv'));
    expect(c.valuationDate).toBe('2022-02-04');
    expect(c.valuationMinutes).toBe(960);
    expect(c.spot).toBeCloseTo(4500.5298, 10);
    expect(c.rowsRead).toBe(10257);
    const expiries = new Set(c.quotes.map((q) => `${q.root} ${q.expiry}`));
    expect(new Set(c.quotes.map((q) => q.expiry)).size).toBe(40);
    expect(expiries.has('SPX 2022-03-18') && expiries.has('SPXW 2022-03-18')).toBe(true);
    for (const q of c.quotes) expect(q.settlement).toBe(q.root === 'SPX' ? 'AM' : 'PM');
    const { zeroBid, noAsk, crossed, locked, empty } = c.dropped;
    expect(c.quotes.length + zeroBid + noAsk + crossed + locked + empty).toBe(2 * 10257);
    // the Dec-2026 9200 call, bid 17.10 and ask 0: one-sided, counted as no ask, not as crossed
    expect([noAsk, crossed, locked]).toEqual([1, 0, 0]);
  });
  it('2023-06-09: intraday at 13:40', () => {
    const c = parseQuotedata(readDataFile('cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv'));
    expect([c.valuationDate, c.valuationMinutes, c.rowsRead]).toEqual(['2023-06-09', 820, 8894]);
    expect(new Set(c.quotes.map((q) => q.expiry)).size).toBe(49);
  });
  it('2023-06-09 retyped in capitals (title, stamp, header, expiries) is the same quotedata, not a plain table', () => {
    // the blank line, the title, the stamp, the header and the first 36 rows, as the file has them
    const excerpt = readDataFile('cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv')
      .split('\n')
      .slice(0, 40)
      .join('\n');
    const upper = excerpt.toUpperCase();
    expect(upper).toContain('\nDATE: 9 JUNE 2023, 1:40 PM EDT,BID:');
    expect(upper).toContain('\nEXPIRATION DATE,CALLS,LAST SALE,NET,BID,ASK,');
    expect(upper).toContain('\nFRI JUN 09 2023,SPXW230609C01000000,');
    expect(isQuotedata(upper)).toBe(true);
    const [read, retyped] = [parseChain(excerpt), parseChain(upper)];
    expect(retyped.quotes.length).toBe(36);
    expect({ ...retyped, underlying: read.underlying, stamp: read.stamp }).toEqual(read);
    expect(retyped.underlying).toBe('STANDARD & POORS 500 INDEX');
    // saved with semicolons, it is named as such (the quotedata header found in capitals too)
    const semicolons = errorOf(() => parseChain(upper.replace(/,/g, ';'), { valuationDate: '2023-06-09' }));
    expect(semicolons.message).toContain('is the header "EXPIRATION DATE;CALLS;');
  });
  it('2022-02-04 with one Strike cell edited (2400 to 2500) is refused, not stored as a 2500 call', () => {
    const lines = readDataFile('cboe_spx_quotedata_2022-02-04__Luca-Castelli.csv').split('\n');
    expect(lines[4]).toContain(',2400.00,SPXW220207P02400000,');
    lines[4] = lines[4]!.replace(',2400.00,', ',2500.00,');
    const e = errorOf(() => parseQuotedata(lines.join('\n')));
    expect([e.field, e.message]).toEqual([
      'chain line 5 column 12 (Strike)',
      expect.stringContaining(
        'is 2500.00, but the symbol SPXW220207C02400000 in column 2 (Calls) is for the strike 2400',
      ),
    ]);
  });
});

describe('isQuotedata: which reader a text goes to', () => {
  it('finds the header at the start of any line, after blanks within that line only', () => {
    expect(isQuotedata('Expiration Date,Calls')).toBe(true);
    expect(isQuotedata('title\r\nDate: x\r\n \tExpiration Date,Calls')).toBe(true);
    expect(isQuotedata('expiry,strike\nSPXW Expiration Date,1')).toBe(false);
    expect(isQuotedata('expiry,strike,type,bid,ask\n2023-06-16,4200,call,1,2')).toBe(false);
  });

  it('reads lines as the CSV reader does: a lone CR ends one, U+2028 and U+2029 end none', () => {
    expect(isQuotedata('title\rDate: x\r\r  Expiration Date,Calls')).toBe(true);
    // one line to readCsv, whose first cell is no "Expiration Date": the table reader names it
    expect(isQuotedata('title\u2028Expiration Date,Calls')).toBe(false);
    expect(isQuotedata('title\u2029 Expiration Date,Calls')).toBe(false);
  });

  it('reads a body of blank lines in one pass: 3 MB of newlines (the largest chain text) is no quotedata', () => {
    // `(^|\n)\s*Expiration Date,` backtracks over every run of blank lines: this text took hours.
    expect(isQuotedata('\n'.repeat(3_000_000) + 'x')).toBe(false);
    expect(isQuotedata(' \r\n'.repeat(1_000_000) + 'Expiration Date,')).toBe(true);
  });

  // `^[^\S\n]*` with the `m` flag started after every CR, U+2028 and U+2029 and crossed the rest of
  // the run from each: 100,000 CRs took 9 s and the time grows with the square, so each of these took
  // hours (and held a host's request thread or a pool worker as long). Read line by line they take
  // milliseconds; the test's time limit is only the backstop, nothing here measures time.
  it('reads 3,000,000 lone CRs, U+2028 or U+2029 (the largest chain text) in one pass', () => {
    for (const blank of ['\r', '\u2028', '\u2029', '\r\u2028']) {
      expect(isQuotedata(blank.repeat(3_000_000) + 'x')).toBe(false);
    }
    expect(isQuotedata('\r'.repeat(3_000_000) + ' Expiration Date,')).toBe(true);
  });

  it('parseChain refuses such a chain as no table (checkCommaSeparated reads it in one pass too)', () => {
    for (const blank of ['\r', '\u2028']) {
      const e = errorOf(() => parseChain(blank.repeat(1_500_000) + 'x', { valuationDate: '2023-06-09' }));
      expect(e.code).toBe('invalid_input');
      expect(e.message).toContain('is the header "x", which has no expiry column');
    }
    // a semicolon header after a run of U+2028 is on line 1: U+2028 ends no line
    const semi = errorOf(() => checkCommaSeparated('\u2028'.repeat(3_000_000) + 'Expiration Date;Calls', 'chain'));
    expect(semi.field).toBe('chain line 1');
  });
});

describe('a number cell of a chain', () => {
  // `\d+\.?\d*` split a run of digits between its two parts every way: 20,000 digits took half a
  // second and the time grows with the square, so this cell took most of an hour. The test's time
  // limit is only the backstop: the cell is refused in milliseconds, nothing here measures time.
  it('is read in one pass: a strike of 1,000,000 digits and a letter is refused, naming the cell', () => {
    const table = `expiry,strike,type,bid,ask\n2023-07-21,${'4'.repeat(1_000_000)}x,put,60.1,60.6\n`;
    const e = errorOf(() => parseChainTable(table, { valuationDate: '2023-06-09' }));
    expect(e.field).toBe('chain line 2 column 2 (strike)');
  });
});
