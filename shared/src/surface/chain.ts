/**
 * Option chain import: Cboe's delayed-quotes "quotedata" CSV and a plain table
 * {expiry, strike, type, bid, ask} (CSV text or rows). Every quote keeps its option root (SPX and
 * SPXW of the same date are different contracts: AM- and PM-settled) and its settlement time,
 * which fixes its time to expiry.
 *
 * CSV is read by {@link readCsv}, RFC 4180 in 60 lines. csv-parse (sync API) was tried first: it
 * read the 1.5 MB quotedata file in 0.9-2.1 s here, against about 20 ms for this reader, and a
 * chain is pasted and refitted interactively; the quoting rules needed (quoted fields with
 * commas, as in "Date: February 5 2022, 8:09 PM EST", doubled quotes, CRLF) are few. Cell values
 * are checked here, each bad one reported with its line and column.
 */
import { invalidInput } from '../errors';
import { dayFromYmd, parseIsoDate, toIsoDate, weekdayOf } from '../dates';

export type Settlement = 'AM' | 'PM';

/** One quoted option (bid > 0, ask > bid: the quotes that survive import). */
export interface ChainQuote {
  /** Option root: SPX (AM-settled), SPXW (PM-settled), VIX, ... */
  root: string;
  /** Expiry date, ISO. */
  expiry: string;
  settlement: Settlement;
  strike: number;
  type: 'call' | 'put';
  bid: number;
  ask: number;
  /** 1-based line of the source text (0 for rows passed as objects: their index + 1). */
  line: number;
}

/** Quotes left out at import, counted (never guessed at). */
export interface DroppedQuotes {
  /** bid 0 (or empty): no buyer, no mid to trust. */
  zeroBid: number;
  /** bid above ask. */
  crossed: number;
  /** bid equal to ask (no width to weigh the quote by). */
  locked: number;
}

export interface ParsedChain {
  /** "Standard & Poors 500 Index", or null for a plain table. */
  underlying: string | null;
  /** Spot (Last) from the quotedata header, or the caller's; null when unknown. */
  spot: number | null;
  /** The date of the quotes' session, ISO. */
  valuationDate: string;
  /** Minutes after midnight, US Eastern wall clock, of the quotes (960 = the 16:00 close). */
  valuationMinutes: number;
  /** The stamp line as found in the file, or null. */
  stamp: string | null;
  quotes: ChainQuote[];
  dropped: DroppedQuotes;
  /** Strike rows (quotedata) or table rows read. */
  rowsRead: number;
}

/** Minutes after midnight (Eastern) of the settlement value: 09:30 open (AM, SOQ) or 16:00 close. */
export const SETTLEMENT_MINUTES: Readonly<Record<Settlement, number>> = Object.freeze({ AM: 570, PM: 960 });

/** Known roots and their settlement. */
const ROOT_SETTLEMENT: Readonly<Record<string, Settlement>> = Object.freeze({
  SPX: 'AM',
  SPXW: 'PM',
  SPXPM: 'PM',
  XSP: 'PM',
  VIX: 'AM',
  VIXW: 'AM',
});

const MINUTES_PER_YEAR = 365 * 1440;

/**
 * Time from the quotes to an expiry's settlement, in years (ACT/365 on the Eastern wall clock;
 * a daylight-saving change in between shifts it by at most one hour).
 */
export function yearsToSettlement(
  valuationDate: string,
  valuationMinutes: number,
  expiry: string,
  settlement: Settlement,
): number {
  const days = parseIsoDate('expiry', expiry) - parseIsoDate('valuationDate', valuationDate);
  return (days * 1440 + SETTLEMENT_MINUTES[settlement] - valuationMinutes) / MINUTES_PER_YEAR;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase());
}

/** "Mon Feb 07 2022" → 2022-02-07, or null. */
function parseCboeExpiry(s: string, cache: Map<string, string | null>): string | null {
  let v = cache.get(s);
  if (v === undefined) {
    v = parseCboeExpiryText(s);
    cache.set(s, v);
  }
  return v;
}

function parseCboeExpiryText(s: string): string | null {
  const m = /^\s*[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{4})\s*$/.exec(s);
  if (!m) return null;
  const mo = monthIndex(m[1]!);
  if (mo < 0) return null;
  return toIsoDate(dayFromYmd(Number(m[3]), mo + 1, Number(m[2])));
}

/**
 * The quotedata stamp, "Date: February 5 2022, 8:09 PM EST" or "Date: 9 June 2023, 1:40 PM EDT",
 * to the session the quotes belong to: during trading hours (09:30-16:15 on a weekday) the stamp
 * itself; otherwise the quotes are the last session's closing quotes, valued at its 16:00 close
 * (exchange holidays are not known here: a stamp on a holiday would need the table form).
 */
function parseStamp(line: number, s: string): { valuationDate: string; valuationMinutes: number } {
  const m =
    /Date:\s*(?:([A-Za-z]+)\s+(\d{1,2})|(\d{1,2})\s+([A-Za-z]+))\s+(\d{4}),?\s+(\d{1,2}):(\d{2})\s*(AM|PM)/i.exec(s);
  const monthName = m ? (m[1] ?? m[4]!) : '';
  const mo = monthIndex(monthName);
  if (!m || mo < 0) {
    throw invalidInput(
      `chain line ${line}`,
      `is ${JSON.stringify(s)}, not the quotedata date line ("Date: February 5 2022, 8:09 PM EST")`,
      'pass the file as downloaded from Cboe (3 header lines), or the plain table with a valuationDate',
    );
  }
  let day = dayFromYmd(Number(m[5]), mo + 1, Number(m[2] ?? m[3]));
  let hour = Number(m[6]) % 12;
  if (m[8]!.toUpperCase() === 'PM') hour += 12;
  let minutes = hour * 60 + Number(m[7]);
  const weekday = weekdayOf(day); // 0 = Sunday
  const inSession = weekday >= 1 && weekday <= 5 && minutes >= 570 && minutes <= 975;
  if (!inSession) {
    if (!(weekday >= 1 && weekday <= 5 && minutes > 975)) {
      do day -= 1;
      while (weekdayOf(day) === 0 || weekdayOf(day) === 6);
    }
    minutes = 960;
  }
  return { valuationDate: toIsoDate(day), valuationMinutes: minutes };
}

interface CsvRecord {
  cells: string[];
  line: number;
}

/**
 * RFC 4180 CSV: fields separated by commas, optionally in double quotes (a doubled quote inside
 * stands for one), records ended by LF or CRLF; cells trimmed; a leading BOM ignored. Each record
 * keeps the 1-based line it starts on, for error messages.
 */
export function readCsv(text: string, field: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  while (i < n) {
    const cells: string[] = [];
    const startLine = line;
    for (;;) {
      let cell: string;
      while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
      if (text[i] === '"') {
        let j = i + 1;
        let buf = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            throw invalidInput(
              `${field} line ${startLine}`,
              'has a quoted field that is never closed',
              'close every opening double quote (a quote inside a field is written twice)',
            );
          }
          buf += text.slice(j, q);
          if (text[q + 1] === '"') {
            buf += '"';
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        for (let c = i; c < j; c++) if (text.charCodeAt(c) === 10) line++;
        i = j;
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        cell = buf.trim();
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        cell = text.slice(i, j).trim();
        i = j;
      }
      cells.push(cell);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    out.push({ cells, line: startLine });
  }
  return out;
}

function isBlank(r: CsvRecord): boolean {
  return r.cells.every((c) => c === '');
}

/** A price cell: empty means 0 (Cboe leaves no-bid cells at 0); anything else must be a number ≥ 0. */
function priceCell(r: CsvRecord, col: number, name: string): number {
  const raw = r.cells[col] ?? '';
  if (raw === '') return 0;
  const x = Number(raw);
  if (!Number.isFinite(x) || x < 0) {
    throw invalidInput(
      `chain line ${r.line} column ${col + 1} (${name})`,
      `is ${JSON.stringify(raw)}, not a price`,
      'pass a price in index points (≥ 0), or leave the cell empty for no quote',
    );
  }
  return x;
}

function strikeCell(r: CsvRecord, col: number, name: string): number {
  const raw = r.cells[col] ?? '';
  const x = Number(raw);
  if (raw === '' || !Number.isFinite(x) || x <= 0) {
    throw invalidInput(
      `chain line ${r.line} column ${col + 1} (${name})`,
      `is ${JSON.stringify(raw)}, not a strike`,
      'pass the strike in index points (> 0)',
    );
  }
  return x;
}

/** Keep a quote if it has a bid and a positive width; count it otherwise. */
function admit(quotes: ChainQuote[], dropped: DroppedQuotes, q: ChainQuote): void {
  if (!(q.bid > 0)) dropped.zeroBid++;
  else if (q.bid > q.ask) dropped.crossed++;
  else if (q.bid === q.ask) dropped.locked++;
  else quotes.push(q);
}

function settlementOf(root: string, field: string): Settlement {
  const s = ROOT_SETTLEMENT[root];
  if (!s) {
    throw invalidInput(
      field,
      `has option root ${JSON.stringify(root)}, whose settlement time is not known here`,
      `pass options on ${Object.keys(ROOT_SETTLEMENT).join(', ')}, or the plain table with a settlement column`,
    );
  }
  return s;
}

/** Header names of the quotedata layout, in order. */
const QUOTEDATA_HEADER = [
  'Expiration Date',
  'Calls',
  'Last Sale',
  'Net',
  'Bid',
  'Ask',
  'Volume',
  'IV',
  'Delta',
  'Gamma',
  'Open Interest',
  'Strike',
  'Puts',
  'Last Sale',
  'Net',
  'Bid',
  'Ask',
  'Volume',
  'IV',
  'Delta',
  'Gamma',
  'Open Interest',
];

const C = { expiry: 0, callSymbol: 1, callBid: 4, callAsk: 5, strike: 11, putSymbol: 12, putBid: 15, putAsk: 16 };

function emptyChain(field: string): never {
  throw invalidInput(field, 'is empty', 'pass the quotedata CSV text or a table with expiry, strike, type, bid, ask');
}

/**
 * Parses Cboe's quotedata CSV: a title line ("Standard & Poors 500 Index,Last: 4500.5298,..."),
 * a stamp line ("Date: ..."), the header, then one row per expiry and strike with the call's and
 * the put's fields either side of the strike. The option root and expiry come from the symbols
 * (SPXW220207C02400000) and are checked against the Expiration Date column.
 *
 * @param text the file's text
 * @returns the quotes with bid > 0 and ask > bid, and the counts of those left out
 * @throws AlvhError `invalid_input` naming the line and column of the first bad cell, or the
 *   missing header line
 * @example
 * const chain = parseQuotedata(readFileSync('spx_quotedata.csv', 'utf8'));
 * chain.valuationDate; // '2022-02-04' (stamped Saturday evening: Friday's closing quotes)
 */
export function parseQuotedata(text: string): ParsedChain {
  if (typeof text !== 'string' || text.trim() === '') emptyChain('chain');
  const records = readCsv(text, 'chain').filter((r) => !isBlank(r));
  const headerAt = records.findIndex((r) => r.cells[0] === 'Expiration Date');
  if (headerAt < 0) {
    throw invalidInput(
      'chain',
      'has no "Expiration Date,Calls,...,Strike,Puts,..." header line (not the Cboe quotedata layout)',
      'pass the CSV as downloaded from Cboe delayed quotes, or a table with the header expiry,strike,type,bid,ask',
    );
  }
  const header = records[headerAt]!;
  for (let i = 0; i < QUOTEDATA_HEADER.length; i++) {
    if (header.cells[i] !== QUOTEDATA_HEADER[i]) {
      throw invalidInput(
        `chain line ${header.line} column ${i + 1}`,
        `is ${JSON.stringify(header.cells[i] ?? '')}, expected ${JSON.stringify(QUOTEDATA_HEADER[i])}`,
        'pass the quotedata layout unchanged (22 columns: call fields, Strike, put fields)',
      );
    }
  }
  const title = headerAt >= 2 ? records[headerAt - 2]! : null;
  const stampRec = headerAt >= 1 ? records[headerAt - 1]! : null;
  if (!stampRec) {
    throw invalidInput(
      'chain',
      'has no date line before its header',
      'pass the file with its 3 header lines, or the plain table with a valuationDate',
    );
  }
  const stamp = stampRec.cells.filter((c) => c !== '').join(', ');
  const { valuationDate, valuationMinutes } = parseStamp(stampRec.line, stamp);
  let spot: number | null = null;
  const last = title?.cells.find((c) => /^Last:/i.test(c));
  if (last) {
    const x = Number(last.replace(/^Last:\s*/i, ''));
    if (Number.isFinite(x) && x > 0) spot = x;
  }
  const quotes: ChainQuote[] = [];
  const dropped: DroppedQuotes = { zeroBid: 0, crossed: 0, locked: 0 };
  const rows = records.slice(headerAt + 1);
  const expiryCache = new Map<string, string | null>();
  for (const r of rows) {
    if (r.cells.length < QUOTEDATA_HEADER.length) {
      throw invalidInput(
        `chain line ${r.line}`,
        `has ${r.cells.length} columns, expected ${QUOTEDATA_HEADER.length}`,
        'pass the quotedata rows unchanged',
      );
    }
    const expiry = parseCboeExpiry(r.cells[C.expiry]!, expiryCache);
    if (!expiry) {
      throw invalidInput(
        `chain line ${r.line} column 1 (Expiration Date)`,
        `is ${JSON.stringify(r.cells[C.expiry])}, not a date like "Mon Feb 07 2022"`,
        'pass the quotedata rows unchanged',
      );
    }
    const strike = strikeCell(r, C.strike, 'Strike');
    for (const [type, symCol, bidCol, askCol] of [
      ['call', C.callSymbol, C.callBid, C.callAsk],
      ['put', C.putSymbol, C.putBid, C.putAsk],
    ] as const) {
      const sym = r.cells[symCol]!;
      const sm = /^([A-Z]+)(\d{2})(\d{2})(\d{2})([CP])\d+$/.exec(sym);
      const where = `chain line ${r.line} column ${symCol + 1} (${type === 'call' ? 'Calls' : 'Puts'})`;
      if (!sm) {
        throw invalidInput(
          where,
          `is ${JSON.stringify(sym)}, not an option symbol like SPXW220207C02400000`,
          'pass the quotedata rows unchanged',
        );
      }
      const symExpiry = `20${sm[2]}-${sm[3]}-${sm[4]}`;
      if (symExpiry !== expiry || (sm[5] === 'C') !== (type === 'call')) {
        throw invalidInput(
          where,
          `is ${sym}, which does not match the row's expiry ${expiry} and ${type} side`,
          'pass the quotedata rows unchanged',
        );
      }
      const root = sm[1]!;
      admit(quotes, dropped, {
        root,
        expiry,
        settlement: settlementOf(root, where),
        strike,
        type,
        bid: priceCell(r, bidCol, 'Bid'),
        ask: priceCell(r, askCol, 'Ask'),
        line: r.line,
      });
    }
  }
  if (rows.length === 0) {
    throw invalidInput('chain', 'has a header but no option rows', 'pass the whole quotedata file');
  }
  return {
    underlying: title?.cells[0] ?? null,
    spot,
    valuationDate,
    valuationMinutes,
    stamp,
    quotes,
    dropped,
    rowsRead: rows.length,
  };
}

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
  } else {
    iso = cellString(expiry);
    parseIsoDate(where('expiry'), iso);
  }
  if (parseIsoDate(where('expiry'), iso) < valuationDay) {
    throw invalidInput(where('expiry'), `is ${iso}, before the valuation date`, 'drop expired options from the chain');
  }
  const num = (name: 'strike' | 'bid' | 'ask'): number => {
    const raw = get(name);
    const x = typeof raw === 'number' ? raw : raw === '' || raw === undefined || raw === null ? NaN : Number(raw);
    const ok = name === 'strike' ? x > 0 : x >= 0;
    if (!Number.isFinite(x) || !ok) {
      throw invalidInput(
        where(name),
        `is ${JSON.stringify(raw) ?? 'missing'}, not a ${name === 'strike' ? 'strike' : 'price'}`,
        name === 'strike'
          ? 'pass the strike in index points (> 0)'
          : 'pass a price in index points (≥ 0; 0 for no bid)',
      );
    }
    return x;
  };
  const rawType = cellString(get('type')).toLowerCase();
  const type = rawType === 'call' || rawType === 'c' ? 'call' : rawType === 'put' || rawType === 'p' ? 'put' : null;
  if (!type) {
    throw invalidInput(
      where('type'),
      `is ${JSON.stringify(get('type'))}, not an option type`,
      'pass call or put (C or P)',
    );
  }
  const rawRoot = get('root');
  const root = rawRoot === undefined || rawRoot === '' ? 'SPXW' : cellString(rawRoot).toUpperCase();
  const rawSettlement = get('settlement');
  let settlement: Settlement;
  if (rawSettlement === undefined || rawSettlement === '') settlement = settlementOf(root, where('root'));
  else {
    const s = cellString(rawSettlement).toUpperCase();
    if (s !== 'AM' && s !== 'PM') {
      throw invalidInput(
        where('settlement'),
        `is ${JSON.stringify(rawSettlement)}`,
        'pass AM (settled at the open) or PM (at the close)',
      );
    }
    settlement = s;
  }
  return { root, expiry: iso, settlement, strike: num('strike'), type, bid: num('bid'), ask: num('ask'), line };
}

/**
 * Parses the plain table: CSV text whose header names the columns expiry, strike, type, bid, ask
 * (any order, any case; optional root and settlement), or rows as objects. Expiry as ISO date or
 * an Excel serial; type call/put or C/P; root defaults to SPXW (PM-settled).
 *
 * @throws AlvhError `invalid_input` naming the line (or row) and column of the first bad cell
 * @example
 * parseChainTable('expiry,strike,type,bid,ask\n2023-07-21,4300,put,60.1,60.6', { valuationDate: '2023-06-09' });
 */
export function parseChainTable(table: string | readonly ChainRow[], options: ChainTableOptions): ParsedChain {
  const valuationDay = parseIsoDate('valuationDate', options?.valuationDate);
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
  const dropped: DroppedQuotes = { zeroBid: 0, crossed: 0, locked: 0 };
  let rowsRead = 0;
  if (typeof table === 'string') {
    if (table.trim() === '') emptyChain('chain');
    const records = readCsv(table, 'chain').filter((r) => !isBlank(r));
    const header = records[0]!.cells.map((c) => c.toLowerCase());
    for (const name of TABLE_COLUMNS) {
      if (!header.includes(name)) {
        throw invalidInput(
          `chain line ${records[0]!.line}`,
          `is the header ${JSON.stringify(records[0]!.cells.join(','))}, which has no ${name} column`,
          'pass a header naming expiry, strike, type, bid and ask (or the Cboe quotedata file unchanged)',
        );
      }
    }
    for (const r of records.slice(1)) {
      rowsRead++;
      const get = (name: string): unknown => {
        const i = header.indexOf(name);
        return i < 0 ? undefined : (r.cells[i] ?? '');
      };
      const where = (name: string): string => `chain line ${r.line} column ${header.indexOf(name) + 1} (${name})`;
      admit(quotes, dropped, tableRowFrom(get, where, r.line, valuationDay));
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
      admit(
        quotes,
        dropped,
        tableRowFrom(get, (name) => `chain[${i}].${name}`, i + 1, valuationDay),
      );
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
    dropped,
    rowsRead,
  };
}

/** Quotedata text (has the "Expiration Date" header) or the plain table. */
export function parseChain(chain: string | readonly ChainRow[], options?: Partial<ChainTableOptions>): ParsedChain {
  if (typeof chain === 'string' && /(^|\n)\s*Expiration Date,/.test(chain)) {
    const parsed = parseQuotedata(chain);
    if (options?.spot !== undefined) parsed.spot = options.spot;
    return parsed;
  }
  if (!options?.valuationDate) {
    throw invalidInput(
      'valuationDate',
      'is missing; a plain table carries no date',
      'pass the date of the quotes, YYYY-MM-DD',
    );
  }
  return parseChainTable(chain, options as ChainTableOptions);
}

/** A table cell as trimmed text (objects as JSON, so a message shows what was passed). */
function cellString(x: unknown): string {
  if (x === null || x === undefined) return '';
  if (typeof x === 'string') return x.trim();
  return typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint' ? String(x) : JSON.stringify(x);
}
