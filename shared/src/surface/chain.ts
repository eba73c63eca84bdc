/**
 * Option chain import: Cboe's delayed-quotes "quotedata" CSV (quotedata.ts) and a plain table
 * {expiry, strike, type, bid, ask} (chainTable.ts, CSV text or rows). Every quote keeps its option
 * root (SPX and SPXW of the same date are different contracts: AM- and PM-settled) and its
 * settlement time, which fixes its time to expiry (chainQuotes.ts). CSV is read by readCsv
 * (csv.ts). Cell values are checked where they are read, each bad one reported with its line and
 * column.
 */
import { invalidInput } from '../errors';
import { refuseUtf16 } from '../textEncoding';
import type { ParsedChain } from './chainQuotes';
import { isQuotedata, parseQuotedata } from './quotedata';
import { parseChainTable, readTableText, type ChainRow, type ChainTableOptions } from './chainTable';

export type { Settlement, ChainQuote, DroppedQuotes, ListedExpiry, ParsedChain } from './chainQuotes';
export { SETTLEMENT_MINUTES, yearsToSettlement } from './chainQuotes';
export { checkCommaSeparated, filledLines, readCsv } from './csv';
export { isQuotedata, parseQuotedata } from './quotedata';
export type { ChainRow, ChainTableOptions } from './chainTable';
export { chainColumnName, parseChainTable } from './chainTable';

/**
 * Quotedata text (has the "Expiration Date" header) or the plain table. The chain's spot, which its
 * surface keeps and a plan moves the marks from to its SPX: quotedata carries its own (the title's
 * Last, at the time of its quotes), so a `spot` given with it is refused (it is taken only when the
 * file has no Last); a plain table carries none, so its spot is the one given (else the fit takes
 * the nearest parity forward). `valuationDate` is the table's; quotedata is dated by its stamp.
 */
export function parseChain(chain: string | readonly ChainRow[], options?: Partial<ChainTableOptions>): ParsedChain {
  // before the layout is chosen: UTF-16 read as UTF-8 is neither layout, and no table missing a date
  refuseUtf16(chain, 'chain');
  if (typeof chain === 'string' && isQuotedata(chain)) {
    const parsed = parseQuotedata(chain);
    if (options?.spot === undefined) return parsed;
    if (parsed.spot !== null) {
      throw invalidInput(
        'spot',
        `does not apply to this quotedata text, which carries its own spot (Last: ${Number(parsed.spot.toFixed(2))}, the SPX of its quotes)`,
        "leave spot out: the surface is fitted at the file's Last, and a plan moves its marks from there to its SPX",
      );
    }
    parsed.spot = options.spot;
    return parsed;
  }
  // before asking for a date: a text that is no table (empty, a semicolon-separated quotedata file,
  // no header naming the table's columns) is named as such, not as a table missing its date
  const table = typeof chain === 'string' ? readTableText(chain) : chain;
  if (!options?.valuationDate) {
    throw invalidInput(
      'valuationDate',
      'is missing; a plain table carries no date',
      'pass the date of the quotes, YYYY-MM-DD',
    );
  }
  return parseChainTable(table, options as ChainTableOptions);
}
