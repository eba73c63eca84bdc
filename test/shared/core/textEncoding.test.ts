/**
 * UTF-16 text read as UTF-8 (a browser's file.text(), readFileSync 'utf8'): every text reader names
 * the encoding and the fix, instead of answering about the NUL characters and broken byte order
 * mark it would otherwise see ("the header "��" has no expiry column", "valuationDate is missing").
 */
import { describe, expect, it } from 'vitest';
import {
  detectMarketHistoryFormat,
  parseChain,
  parseChainTable,
  parseMarketHistory,
  parsePositionsCsv,
  parseQuotedata,
  utf16Issue,
} from '@alvh/shared';
import { errorOf } from '../../helpers/errors';
import { describeWithData, readDataFile } from '../../helpers/marketData';

/** `text` saved as UTF-16 (little- or big-endian, with or without a byte order mark), read back as UTF-8. */
function asUtf16ReadAsUtf8(text: string, order: 'le' | 'be' = 'le', bom = true): string {
  const bytes = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le');
  if (order === 'be') bytes.swap16();
  return new TextDecoder('utf-8').decode(bytes);
}

const SAID = 'the file is UTF-16 text: save it as CSV UTF-8 and load it again';
const TABLE = 'expiry,strike,type,bid,ask\n2023-07-21,4300,put,60.1,60.6\n2023-07-21,4300,call,80.2,80.9\n';
const VARIANTS = [
  ['little-endian with a BOM', 'le', true],
  ['big-endian with a BOM', 'be', true],
  ['little-endian without a BOM', 'le', false],
  ['big-endian without a BOM', 'be', false],
] as const;

describe('utf16Issue', () => {
  it.each(VARIANTS)('says so of UTF-16 %s', (_name, order, bom) => {
    const text = asUtf16ReadAsUtf8(TABLE, order, bom);
    expect(utf16Issue(text)).toBe(SAID);
  });
  it('says so of a BOM read as two U+FFFD, as U+FEFF or as Latin-1, followed by a NUL', () => {
    for (const start of ['\uFFFD\uFFFD', '\uFEFF', '\u00FF\u00FE', '\u00FE\u00FF'])
      expect(utf16Issue(`${start}\0e${'xpiry,strike,type,bid,ask\n'.repeat(50)}`)).toBe(SAID);
  });
  it('leaves UTF-8 text, a UTF-8 BOM, a stray NUL and non-text alone', () => {
    for (const text of [TABLE, `\uFEFF${TABLE}`, `${TABLE}\0`, 'é,ü,Ω\n', '', '\uFFFD\uFFFDabc', 42, undefined])
      expect(utf16Issue(text)).toBeUndefined();
  });
});

describe('every text reader names UTF-16 text', () => {
  const v = { valuationDate: '2023-06-09' };
  it.each(VARIANTS)('the chain readers, UTF-16 %s', (_name, order, bom) => {
    const text = asUtf16ReadAsUtf8(TABLE, order, bom);
    for (const read of [() => parseChainTable(text, v), () => parseChain(text, v), () => parseChain(text)]) {
      const e = errorOf(read);
      expect([e.code, e.field, e.message]).toEqual([
        'invalid_input',
        'chain',
        'chain: is UTF-16 text, not UTF-8; save it as CSV UTF-8 and load it again',
      ]);
    }
  });
  it('the market history reader, with its format named or detected', () => {
    const text = asUtf16ReadAsUtf8('DATE,VVIX\n03/16/2020,207.59\n');
    for (const read of [
      () => parseMarketHistory(text),
      () => parseMarketHistory(text, 'cboe-vvix'),
      () => detectMarketHistoryFormat(text),
    ])
      expect(errorOf(read).message).toBe('text: is UTF-16 text, not UTF-8; save it as CSV UTF-8 and load it again');
  });
});

describe('the positions reader names UTF-16 text', () => {
  it.each(VARIANTS)('UTF-16 %s', (_name, order, bom) => {
    // read as UTF-8 it echoed "S\u0000y\u0000m…" as a header with no symbol column
    const text = asUtf16ReadAsUtf8('Symbol,Quantity\nSPXW 250523P03750,-3\n', order, bom);
    const e = errorOf(() => parsePositionsCsv(text, { valuationDate: '2025-04-08' }));
    expect([e.code, e.field, e.message]).toEqual([
      'invalid_input',
      'positions',
      'positions: is UTF-16 text, not UTF-8; save it as CSV UTF-8 and load it again',
    ]);
  });
});

describeWithData('a real chain saved as UTF-16', () => {
  it('the 2023-06-09 quotedata file is refused as UTF-16 by the quotedata reader and by parseChain', () => {
    const text = asUtf16ReadAsUtf8(readDataFile('cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv'));
    for (const read of [() => parseQuotedata(text), () => parseChain(text)])
      expect(errorOf(read).message).toBe('chain: is UTF-16 text, not UTF-8; save it as CSV UTF-8 and load it again');
  });
});
