/** The plain chain table {expiry, strike, type, bid, ask}: CSV text with a header, or rows as objects. */
import { invalidInput, shown } from '../errors';
import { refuseUtf16 } from '../textEncoding';
import { type DayNumber, parseIsoDate, toIsoDate, ymdOf } from '../dates';
import { CALENDAR_FIRST_YEAR, calendarDay, isBusinessDayNumber, previousBusinessDayNumber } from '../market/calendar';
import { closedBecause } from '../market/curveExpiries';
import { CHAIN_STRIKE_FIX } from '../validate';
import { checkCommaSeparated, isBlank, readCsv, type CsvRecord } from './csv';
import {
  admit,
  cellString,
  decimalCell,
  emptyChain,
  isChainStrike,
  onceEach,
  quotedCell,
  settlementOf,
  type ChainQuote,
  countsOf,
  droppedCounts,
  type ParsedChain,
  type Settlement,
} from './chainQuotes';

/** One row of the plain table. */
export interface ChainRow {
  expiry: string;
  strike: number;
  type: 'call' | 'put' | 'C' | 'P';
  bid: number;
  ask: number;
  /** Option root (default SPXW). */
  root?: string;
  /** AM or PM (default: from the root). */
  settlement?: Settlement;
}

export interface ChainTableOptions {
  /** Date of the quotes, ISO. */
  valuationDate: string;
  /** Minutes after midnight Eastern of the quotes (default 960, the 16:00 close). */
  valuationMinutes?: number;
  /** Spot, when known. */
  spot?: number;
}

const TABLE_COLUMNS = ['expiry', 'strike', 'type', 'bid', 'ask'] as const;

/**
 * Other names a broker's or Cboe's table heads a column with ("Expiration", "Exp Date", "Expiration
 * Date"): read as the column they name. A header starting "Expiration Date," is Cboe's quotedata
 * layout unless it names strike, type, bid and ask and no "Calls" column (quotedata.ts isQuotedata).
 */
const COLUMN_ALIASES: Readonly<Record<string, string>> = {
  expiration: 'expiry',
  'expiration date': 'expiry',
  'exp date': 'expiry',
  'expiry date': 'expiry',
};

/**
 * The column a header cell of the plain table names: its text without case or surrounding blanks
 * (blanks inside read as one space), an alias read as its column ("Expiration" is expiry).
 */
export function chainColumnName(cell: string): string {
  const name = cell.trim().toLowerCase().replace(/\s+/g, ' ');
  return COLUMN_ALIASES[name] ?? name;
}

/** True for a row whose root is left out (no root column, or an empty cell): it is read as SPXW. */
const noRoot = (raw: unknown): boolean => raw === undefined || raw === '';

/**
 * The fix for an option quoted twice where the root was left out: the usual cause is SPX (AM-settled)
 * and SPXW (PM) options of one expiry (the monthly third Friday) both read as SPXW.
 */
const ROOT_COLUMN_FIX =
  'add a root column (SPX for AM-settled options, SPXW for PM; a row without one is SPXW), or remove the repeat';
const ROOT_FIELD_FIX =
  'give each row a root (SPX for AM-settled options, SPXW for PM; a row without one is SPXW), or remove the repeat';

/**
 * The farthest expiry a row may have, in years after the valuation date: far past what a surface
 * reaches (30 years, whose refusal names the valuation date: every row of another decade is more
 * likely a wrong date), so that only a row's own slip (9999, an Excel serial of 2173) is named here.
 */
const MAX_ROW_YEARS = 100;

function tableRowFrom(
  get: (name: string) => unknown,
  where: (name: string) => string,
  line: number,
  valuationDay: number,
): ChainQuote {
  const expiry = get('expiry');
  let iso: string;
  if (typeof expiry === 'number' && Number.isInteger(expiry) && expiry > 20000 && expiry < 100000) {
    iso = toIsoDate(expiry - 25569); // an Excel serial
  } else iso = cellString(expiry);
  const day = parseIsoDate(where('expiry'), iso);
  if (day < valuationDay) {
    throw invalidInput(where('expiry'), `is ${iso}, before the valuation date`, 'drop expired options from the chain');
  }
  // A listing runs a few years out, past the exchange calendar's end near it (a LEAPS of 2041 in
  // 2037 is fitted); a row a century out is a slip of that row (9999, a serial of 2173).
  if (day - valuationDay > MAX_ROW_YEARS * 365.25) {
    throw invalidInput(
      where('expiry'),
      `is ${iso}, more than ${MAX_ROW_YEARS} years after the valuation date ${toIsoDate(valuationDay)}: no option lists that far`,
      "check the row's expiry (its year)",
    );
  }
  const num = (name: 'strike' | 'bid' | 'ask'): number => {
    const raw = get(name);
    const x = typeof raw === 'number' ? raw : typeof raw === 'string' ? decimalCell(raw) : NaN;
    const ok = name === 'strike' ? isChainStrike(x) : x >= 0;
    if (!Number.isFinite(x) || !ok) {
      throw invalidInput(
        where(name),
        `is ${quotedCell(raw)}, not a ${name === 'strike' ? 'strike' : 'price'}`,
        name === 'strike' ? CHAIN_STRIKE_FIX : 'pass a price in index points (≥ 0; 0 for no quote on that side)',
      );
    }
    return x;
  };
  const rawType = cellString(get('type')).toLowerCase();
  const type = rawType === 'call' || rawType === 'c' ? 'call' : rawType === 'put' || rawType === 'p' ? 'put' : null;
  if (!type) {
    throw invalidInput(where('type'), `is ${quotedCell(get('type'))}, not an option type`, 'pass call or put (C or P)');
  }
  const rawRoot = get('root');
  const root = noRoot(rawRoot) ? 'SPXW' : cellString(rawRoot).toUpperCase();
  const rawSettlement = get('settlement');
  let settlement: Settlement;
  if (rawSettlement === undefined || rawSettlement === '') settlement = settlementOf(root, where('root'));
  else {
    const s = cellString(rawSettlement).toUpperCase();
    if (s !== 'AM' && s !== 'PM') {
      throw invalidInput(
        where('settlement'),
        `is ${quotedCell(rawSettlement)}`,
        'pass AM (settled at the open) or PM (at the close)',
      );
    }
    settlement = s;
  }
  return { root, expiry: iso, settlement, strike: num('strike'), type, bid: num('bid'), ask: num('ask'), line };
}

/**
 * Refuses a header naming a column the table reads twice ("expiry,strike,type,bid,ask,bid"): one of
 * the two would be read and the other dropped without a word. Repeats of other names (two empty
 * cells, two notes) are not read, so they stand.
 */
function refuseRepeatedColumns(header: readonly string[], rec: CsvRecord): void {
  for (const name of [...TABLE_COLUMNS, 'root', 'settlement']) {
    const first = header.indexOf(name);
    const again = header.indexOf(name, first + 1);
    if (first >= 0 && again >= 0) {
      throw invalidInput(
        `chain line ${rec.line} column ${again + 1} (${rec.cells[again]})`,
        `repeats the column ${JSON.stringify(name)} of column ${first + 1}: the table would read one and drop the other`,
        `keep one ${name} column: remove or rename the other`,
      );
    }
  }
}

/** The plain table's text, read ({@link readTableText}): its header's names in lower case, and its records, the header's first. */
export interface TableText {
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
}

const isTableText = (t: unknown): t is TableText =>
  typeof t === 'object' && t !== null && !Array.isArray(t) && 'header' in t && 'records' in t;

/**
 * The plain table's text read and its layout checked, which needs no date: not empty, comma
 * separated, a header naming expiry, strike, type, bid and ask (none twice), and a row under it.
 *
 * @throws AlvhError `invalid_input` naming the chain, or the header's line
 */
export function readTableText(text: string): TableText {
  if (text.trim() === '') emptyChain('chain');
  checkCommaSeparated(text, 'chain');
  const records = readCsv(text, 'chain').filter((r) => !isBlank(r));
  // lines of commas alone (an empty range saved as CSV) are blank rows: nothing is left
  if (records.length === 0) emptyChain('chain');
  const first = records[0]!;
  const header = first.cells.map(chainColumnName);
  refuseRepeatedColumns(header, first);
  for (const name of TABLE_COLUMNS) {
    if (!header.includes(name)) {
      throw invalidInput(
        `chain line ${first.line}`,
        `is the header ${shown(first.cells.join(','), 60)}, which has no ${name} column`,
        'pass a header naming expiry, strike, type, bid and ask (or the Cboe quotedata file unchanged)',
      );
    }
  }
  if (records.length === 1) {
    throw invalidInput(
      'chain',
      `has a header (line ${first.line}) but no option rows`,
      'pass the rows under the header, one option a line: expiry, strike, type, bid, ask',
    );
  }
  return { header, records };
}

/**
 * A table's date must be a day options traded, within the exchange calendar (2000-2040, as a
 * plan's): on a weekend or holiday (=TODAY() on a Saturday) every time to expiry would count from a
 * day after the quotes, a 7-day expiry read as 6 and its vol read about 8% too high.
 */
function checkQuoteDay(day: DayNumber): void {
  if (isBusinessDayNumber(day)) return;
  const { year } = ymdOf(day);
  const before = year === CALENDAR_FIRST_YEAR ? undefined : toIsoDate(previousBusinessDayNumber('valuationDate', day));
  throw invalidInput(
    'valuationDate',
    `is ${toIsoDate(day)}, ${closedBecause(day)}, when no option quotes`,
    `pass the date the quotes were taken${before === undefined ? '' : ` (${before} for the last session's)`}`,
  );
}

/**
 * Parses the plain table: CSV text whose header names the columns expiry, strike, type, bid, ask
 * (any order, any case, "Expiration" or "Exp Date" for expiry; optional root and settlement), or
 * that text already read ({@link readTableText}), or rows as objects. Expiry as ISO date or an Excel
 * serial; type call/put or C/P; root defaults to SPXW (PM-settled).
 *
 * @throws AlvhError `invalid_input` naming the line (or row) and column of the first bad cell
 * @example
 * parseChainTable('expiry,strike,type,bid,ask\n2023-07-21,4300,put,60.1,60.6', { valuationDate: '2023-06-09' });
 */
export function parseChainTable(
  table: string | TableText | readonly ChainRow[],
  options: ChainTableOptions,
): ParsedChain {
  refuseUtf16(table, 'chain');
  const valuationDay = calendarDay('valuationDate', options?.valuationDate);
  checkQuoteDay(valuationDay);
  const valuationMinutes = options.valuationMinutes ?? 960;
  if (!Number.isInteger(valuationMinutes) || valuationMinutes < 0 || valuationMinutes >= 1440) {
    throw invalidInput(
      'valuationMinutes',
      `is ${valuationMinutes}`,
      'pass minutes after midnight Eastern, 0-1439 (960 = 16:00)',
    );
  }
  if (options.spot !== undefined && !(Number.isFinite(options.spot) && options.spot > 0)) {
    throw invalidInput('spot', `is ${options.spot}`, 'pass the index level (> 0) or leave it out');
  }
  const quotes: ChainQuote[] = [];
  const counts = droppedCounts();
  let rowsRead = 0;
  const once = onceEach();
  const text = typeof table === 'string' ? readTableText(table) : isTableText(table) ? table : undefined;
  if (text !== undefined) {
    const { header, records } = text;
    for (const r of records.slice(1)) {
      rowsRead++;
      const get = (name: string): unknown => {
        const i = header.indexOf(name);
        return i < 0 ? undefined : (r.cells[i] ?? '');
      };
      const where = (name: string): string => `chain line ${r.line} column ${header.indexOf(name) + 1} (${name})`;
      const q = tableRowFrom(get, where, r.line, valuationDay);
      const rootFix = header.includes('root') ? ROOT_FIELD_FIX : ROOT_COLUMN_FIX;
      once(q, `chain line ${r.line}`, noRoot(get('root')) ? rootFix : undefined);
      admit(quotes, counts, q);
    }
  } else if (Array.isArray(table)) {
    table.forEach((row, i) => {
      rowsRead++;
      if (typeof row !== 'object' || row === null) {
        throw invalidInput(
          `chain[${i}]`,
          `is ${JSON.stringify(row)}, not a row`,
          'pass {expiry, strike, type, bid, ask}',
        );
      }
      const get = (name: string): unknown => (row as unknown as { [k: string]: unknown })[name];
      const q = tableRowFrom(get, (name) => `chain[${i}].${name}`, i + 1, valuationDay);
      once(q, `chain[${i}]`, noRoot(get('root')) ? ROOT_FIELD_FIX : undefined);
      admit(quotes, counts, q);
    });
  } else {
    throw invalidInput('chain', `is ${typeof table}`, 'pass CSV text or an array of {expiry, strike, type, bid, ask}');
  }
  if (rowsRead === 0) emptyChain('chain');
  return {
    underlying: null,
    spot: options.spot ?? null,
    valuationDate: toIsoDate(valuationDay),
    valuationMinutes,
    stamp: null,
    quotes,
    ...countsOf(counts),
    rowsRead,
  };
}
