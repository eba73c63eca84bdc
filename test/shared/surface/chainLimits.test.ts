/**
 * The size limits of a chain, checked before any fitting: at most 500 expiries (the slices a
 * surface's data form holds) in every host, and at most 40,000 lines of chain text in a plan's
 * market (as POST /api/surface allows).
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_CHAIN_EXPIRIES,
  MarketSnapshotSchema,
  filledLines,
  fitChainSurface,
  readCsv,
  parseChainTable,
  toIsoDate,
  parseIsoDate,
} from '@alvh/shared';
import { errorOf } from '../../helpers/errors';

/** The rows the chain readers read and keep: readCsv's records with a cell that is not empty. */
const rowsRead = (text: string) => readCsv(text, 'chain').filter((r) => r.cells.some((c) => c !== '')).length;

describe('chain size limits', () => {
  it('refuses a chain of more than 500 expiries before fitting, naming chain and the count', () => {
    const day0 = parseIsoDate('d', '2023-06-09');
    const lines = ['expiry,strike,type,bid,ask'];
    for (let e = 1; e <= MAX_CHAIN_EXPIRIES + 1; e++) {
      const expiry = toIsoDate(day0 + e);
      for (const k of [4200, 4250, 4300, 4350, 4400]) {
        lines.push(`${expiry},${k},call,${Math.max(4300 - k, 0) + 20},${Math.max(4300 - k, 0) + 21}`);
        lines.push(`${expiry},${k},put,${Math.max(k - 4300, 0) + 20},${Math.max(k - 4300, 0) + 21}`);
      }
    }
    const chain = parseChainTable(lines.join('\n'), { valuationDate: '2023-06-09' });
    const e = errorOf(() => fitChainSurface(chain));
    expect(e.field).toBe('chain');
    expect(e.message).toContain('501 expiries');
    expect(e.message).toContain('at most 500');
  });

  it('counts the lines of chain text that hold more than blanks', () => {
    expect(filledLines('a\nb\r\n\n  \nc')).toBe(3);
    expect(filledLines('a\n')).toBe(1);
    expect(filledLines('\n\n\n')).toBe(0);
    expect(filledLines('a\nb\nc\nd', 1)).toBe(2);
  });

  it('ends a line where the CSV reader does: LF, CRLF or a lone CR (U+2028 ends none)', () => {
    expect(filledLines('a\rb\r\rc\r')).toBe(3);
    expect(filledLines('a\r\nb\r\n\r\n')).toBe(2);
    expect(filledLines('a\u2028b\u2029c')).toBe(1);
    expect(filledLines('\r'.repeat(3_000_000))).toBe(0);
  });

  it('takes a blank row as the chain reader does: trimmed cells all empty, commas alone included', () => {
    // what the reader skips: U+2028, U+2029, a no-break space, a BOM, commas (an empty row as Excel saves it)
    for (const blank of ['\u2028', '\u2029', '\u00a0', '\ufeff', ',,,,', ' , \t,\u3000', '"",""', '" \n "']) {
      expect(filledLines(`a\n${blank}\nb`), JSON.stringify(blank)).toBe(2);
      expect(rowsRead(`a\n${blank}\nb`)).toBe(2);
    }
    // a quoted comma or quote is a value; a quoted line break is within one row
    expect(filledLines('a\n","\n""""\n"x\ny"\nb')).toBe(5);
    // a run of a million blanks in a line is read in one pass
    expect(
      filledLines(`a\n${','.repeat(1_000_000)}\n${'\u2028'.repeat(1_000_000)}\nb,${',\u00a0'.repeat(500_000)}`),
    ).toBe(2);
  });

  it('a line of one character is blank when String.prototype.trim removes it, as the reader trims cells', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (ch === '"' || ch === ',') continue;
      const expected = ch.trim() === '' ? 0 : 1;
      if (filledLines(ch) !== expected) expect([c, filledLines(ch)]).toEqual([c, expected]);
    }
  });

  it('counts the rows readCsv reads that are not blank, on texts of commas, quotes, blanks and breaks', () => {
    // a small deterministic generator: every text of these pieces the reader reads
    const pieces = ['a', ',', '"', ' ', '\t', '\n', '\r', '\r\n', '\u2028', '\u00a0', '\ufeff', '""'];
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    let compared = 0;
    for (let t = 0; t < 20_000; t++) {
      const length = next() % 12;
      const text = Array.from({ length }, () => pieces[next() % pieces.length]).join('');
      let rows: number;
      try {
        rows = rowsRead(text);
      } catch {
        continue; // refused by the reader, whatever its count
      }
      compared++;
      expect([text, filledLines(text)]).toEqual([text, rows]);
      expect(filledLines(text, 0)).toBe(Math.min(rows, 1));
    }
    expect(compared).toBeGreaterThan(5_000);
  });

  it("refuses a plan market's chain text of more than 40,000 lines", () => {
    const market = {
      spx: 4300,
      vix: 14,
      rate: 0.05,
      futures: [
        { expiry: '2023-06-21', price: 15 },
        { expiry: '2023-07-19', price: 16 },
      ],
    };
    const text = 'expiry,strike,type,bid,ask\n' + '2023-07-21,4300,put,50,51\n'.repeat(40_000);
    const r = MarketSnapshotSchema.safeParse({ ...market, chain: text });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['chain', 'pass at most 40,000 lines of chain text'],
    ]);
    expect(MarketSnapshotSchema.safeParse({ ...market, chain: text.slice(0, 200) }).success).toBe(true);
    // rows ended by lone CRs (classic Mac text) are as many lines, as the reader reads them
    const mac = MarketSnapshotSchema.safeParse({ ...market, chain: text.replaceAll('\n', '\r') });
    expect(mac.error?.issues.map((i) => i.message)).toEqual(['pass at most 40,000 lines of chain text']);
    // an empty row as Excel saves it (",,,,") is a blank line, as the reader skips it
    const lines = text.split('\n');
    const withEmptyRow = [...lines.slice(0, 20_000), ',,,,', ...lines.slice(20_000, 40_000)].join('\n');
    expect(MarketSnapshotSchema.safeParse({ ...market, chain: withEmptyRow }).success).toBe(true);
  });
});
