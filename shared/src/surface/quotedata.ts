/** Cboe's delayed-quotes "quotedata" CSV layout. */
import { invalidInput, shown } from '../errors';
import { refuseUtf16 } from '../textEncoding';
import { MONTH_NAMES, dayFromYmd, toIsoDate, weekdayOf, ymdOf } from '../dates';
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  isBusinessDayNumber,
  previousBusinessDayNumber,
} from '../market/calendar';
import { checkCommaSeparated, isBlank, readCsv, type CsvRecord } from './csv';
import {
  admit,
  emptyChain,
  onceEach,
  priceCell,
  settlementOf,
  strikeCell,
  type ChainQuote,
  countsOf,
  droppedCounts,
  type ParsedChain,
} from './chainQuotes';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A month's index from its name or its three-letter abbreviation ("Sept" too); −1 for any other word ("Junk"). */
function monthIndex(name: string): number {
  const n = name.toLowerCase();
  const i = MONTHS.indexOf(n.slice(0, 3));
  return i >= 0 && (n === MONTHS[i] || n === MONTH_NAMES[i]!.toLowerCase() || (i === 8 && n === 'sept')) ? i : -1;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The years of the exchange calendar, which a plan's dates and a chain's stamp lie within (its expiries may run past). */
const inCalendarYears = (year: number): boolean => year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR;
const outsideCalendar = `outside the exchange calendar (${CALENDAR_FIRST_YEAR}-${CALENDAR_LAST_YEAR})`;

/** "Mon Feb 07 2022" → 2022-02-07, or what is wrong with it. */
type CboeExpiry = { iso: string } | { problem: string };

function parseCboeExpiry(s: string, cache: Map<string, CboeExpiry>): CboeExpiry {
  let v = cache.get(s);
  if (v === undefined) {
    v = parseCboeExpiryText(s);
    cache.set(s, v);
  }
  return v;
}

function parseCboeExpiryText(s: string): CboeExpiry {
  const notDate = { problem: `is ${shown(s)}, not a date like "Mon Feb 07 2022"` };
  const m = /^\s*([A-Za-z]{3})\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{4})\s*$/.exec(s);
  if (!m) return notDate;
  const mo = monthIndex(m[2]!);
  if (mo < 0) return notDate;
  const day = dayFromYmd(Number(m[4]), mo + 1, Number(m[3]));
  // "Jun 31" is no date (dayFromYmd would read it as July 1)
  if (ymdOf(day).day !== Number(m[3])) return notDate;
  // "Mon Jun 16 2023" (a Friday): the weekday and the date disagree, so one of them was edited
  const weekday = WEEKDAYS[weekdayOf(day)]!;
  if (m[1]!.toLowerCase() !== weekday.toLowerCase()) {
    return { problem: `is ${shown(s)}, but ${toIsoDate(day)} is a ${weekday}, not a ${m[1]}` };
  }
  return { iso: toIsoDate(day) };
}

/** The time zones an Eastern wall-clock stamp may name (Cboe writes EST or EDT). */
const EASTERN = new Set(['EST', 'EDT', 'ET']);

/**
 * Short words for New York's clock that look like zone abbreviations but are none the stamp is read
 * in: refused with the words to write, never as "a stamp in NY" that asks for Eastern time (longer
 * ones, "Eastern", "NewYork", are no abbreviation and refused alike).
 */
const EASTERN_WORDS = new Set(['NY', 'NYC']);

/**
 * Refuses a stamp whose time is not Eastern: Cboe stamps its exports in EST/EDT, and the stamp is
 * read on the Eastern wall clock (1:40 PM CEST read as 1:40 PM EDT would value the quotes hours late).
 * A stamp that names no zone is refused too: it is not as Cboe exports it, and its clock is unknown.
 * A named other zone is an abbreviation of 2 to 5 letters, with an offset or not (`CEST`, `GMT`,
 * `UTC+2`, `PST`); any other word, one with more to it (`EDT2`: the zone is read as a whole word) or
 * Eastern time written another way (`America/New_York`, `EST5EDT`, `Eastern`, `NY`), is refused
 * naming the three words read.
 */
function checkEastern(line: number, word: string | undefined): void {
  // the zone is the word after the time, whole, in parentheses or not: "EDT", "(EDT)", "GMT+2"
  const zone = word === undefined ? undefined : (/^\(([^()]*)\)$/.exec(word)?.[1] ?? word);
  if (zone !== undefined && EASTERN.has(zone.toUpperCase())) return;
  const fix = 'pass the file as Cboe exports it, stamped in Eastern time (EST/EDT)';
  if (zone === undefined) throw invalidInput(`chain line ${line}`, 'the stamp names no time zone', fix);
  const named = /^([A-Za-z]{2,5})(?:[+-]\d{1,2}(?::?\d{2})?)?$/.exec(zone);
  if (named !== null && !EASTERN_WORDS.has(named[1]!.toUpperCase()))
    throw invalidInput(`chain line ${line}`, `the stamp is in ${zone}`, fix);
  // "America/New_York", "EST5EDT", "E.T.", "Eastern": a zone may be meant, but not one the stamp is read in
  throw invalidInput(
    `chain line ${line}`,
    `the stamp's time is followed by ${shown(word!, 30)}, not a zone the stamp is read in`,
    'write EST, EDT or ET after the time (in parentheses or not: "1:40 PM EDT"), as Cboe exports it',
  );
}

/**
 * The quotedata stamp, "Date: February 5 2022, 8:09 PM EST", "Date: 9 June 2023, 1:40 PM EDT" or
 * "Date: June 9, 2023 at 4:15 PM EDT" (a comma after the day, "at" before the time), in any case,
 * to the session the quotes belong to: during trading hours (09:30-16:15 on an exchange business
 * day; early closes are not modelled, so a 14:00 stamp of a half day is read as in session) the
 * stamp itself; otherwise the quotes are the last session's closing quotes, valued at its
 * 16:00 close: a file taken before the open, or on a weekend or an exchange holiday, is of the
 * business day before (a download in Tokyo the morning after a U.S. holiday is of the session
 * before the holiday). The time must be Eastern (EST, EDT or ET): any other zone, or none, is
 * refused.
 */
function parseStamp(line: number, s: string): { valuationDate: string; valuationMinutes: number } {
  const m =
    /Date:\s*(?:([A-Za-z]+)\s+(\d{1,2}),?|(\d{1,2})\s+([A-Za-z]+))\s+(\d{4}),?\s+(?:at\s+)?(\d{1,2}):(\d{2})\s*(AM|PM)(?:[^\S,]+([^\s,]+))?/i.exec(
      s,
    );
  const monthName = m ? (m[1] ?? m[4]!) : '';
  const mo = monthIndex(monthName);
  if (!m || mo < 0) {
    throw invalidInput(
      `chain line ${line}`,
      `is ${shown(s, 60)}, not the quotedata date line ("Date: February 5 2022, 8:09 PM EST")`,
      'pass the file as downloaded from Cboe (3 header lines), or the plain table with a valuationDate',
    );
  }
  const [year, date, hour12, minute] = [Number(m[5]), Number(m[2] ?? m[3]), Number(m[6]), Number(m[7])];
  let day = dayFromYmd(year, mo + 1, date);
  const back = ymdOf(day);
  const bad = !inCalendarYears(year)
    ? `the year ${m[5]} is ${outsideCalendar}`
    : back.month !== mo + 1 || back.day !== date
      ? `${MONTH_NAMES[mo]} ${date} ${year} is not a calendar date`
      : hour12 < 1 || hour12 > 12 || minute > 59
        ? `${m[6]}:${m[7]} ${m[8]} is not a time of day`
        : '';
  if (bad) {
    throw invalidInput(
      `chain line ${line}`,
      `has the stamp ${shown(m[0], 60)}: ${bad}`,
      'pass the file as Cboe exports it, stamped like "Date: February 5 2022, 8:09 PM EST"',
    );
  }
  checkEastern(line, m[9]);
  let hour = hour12 % 12;
  if (m[8]!.toUpperCase() === 'PM') hour += 12;
  let minutes = hour * 60 + minute;
  const session = isBusinessDayNumber(day);
  const inSession = session && minutes >= 570 && minutes <= 975;
  if (!inSession) {
    // before the open, or on a weekend or an exchange holiday: the last session's close
    if (!(session && minutes > 975)) day = previousBusinessDayNumber(`chain line ${line}`, day);
    minutes = 960;
  }
  return { valuationDate: toIsoDate(day), valuationMinutes: minutes };
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

/**
 * Whether a header cell is the layout's `name`, in any case: a file retyped in capitals
 * ("EXPIRATION DATE", "OPEN INTEREST") keeps its columns, and every other line of it (the stamp's
 * month and zone, the expiries' weekday and month, the title's "LAST:") is read without case too.
 */
function sameName(cell: string | undefined, name: string): boolean {
  return cell !== undefined && cell.toLowerCase() === name.toLowerCase();
}

const C = { expiry: 0, callSymbol: 1, callBid: 4, callAsk: 5, strike: 11, putSymbol: 12, putBid: 15, putAsk: 16 };

/**
 * Refuses a row whose Strike cell is not the strike its option symbol encodes (the symbol's last
 * digits, in thousandths of a point: C02400000 is 2400): a Strike edited or shifted by a column
 * would otherwise store the quote at a strike nobody quoted.
 */
function checkSymbolStrike(r: CsvRecord, strike: number, symCol: number, digits: string): void {
  if (Math.round(strike * 1000) === Number(digits)) return;
  const side = symCol === C.callSymbol ? 'Calls' : 'Puts';
  throw invalidInput(
    `chain line ${r.line} column ${C.strike + 1} (Strike)`,
    `is ${r.cells[C.strike]}, but the symbol ${r.cells[symCol]} in column ${symCol + 1} (${side}) is for the strike ${Number(digits) / 1000}`,
    'pass the quotedata rows unchanged (the Strike cell and the symbols either side of it name one strike)',
  );
}

/** The index level of the title line's "Last: 4500.5298" cell, or null. */
function spotOf(title: CsvRecord | null): number | null {
  const last = title?.cells.find((c) => /^Last:/i.test(c));
  const x = last ? Number(last.replace(/^Last:\s*/i, '')) : NaN;
  return Number.isFinite(x) && x > 0 ? x : null;
}

/**
 * Whether a text is in Cboe's quotedata layout: a line that starts (after blanks) with the
 * "Expiration Date," header, in any case (a header retyped in capitals, "EXPIRATION DATE,", is the
 * same layout, never a plain table missing its date), unless that line is a plain table's header (it
 * names strike, type, bid and ask, and no "Calls"). A line is what {@link readCsv} reads as one: lines end at CRLF, LF or
 * a lone CR (not at U+2028 or U+2029). Linear in the text: the lookbehind admits a start only at
 * a line's beginning, and the blanks after it stop at the line's end. `^` with the `m` flag starts
 * after every CR, U+2028 and U+2029 too, and `[^\S\n]*` then crossed the rest of a run of them
 * from each start, quadratic: 100,000 CRs took 10 s (and `(^|\n)\s*` backtracks over every run of
 * blank lines alike).
 */
export function isQuotedata(text: string): boolean {
  const m = /(?<![^\r\n])[^\S\r\n]*Expiration Date,/i.exec(text);
  if (m === null) return false;
  // A plain table whose expiry column a broker heads "Expiration Date" names strike, type, bid and
  // ask, and no "Calls" column as quotedata's second: that table, not quotedata missing its layout.
  const end = text.slice(m.index).search(/[\r\n]/);
  const line = end < 0 ? text.slice(m.index) : text.slice(m.index, m.index + end);
  const cells = new Set(line.split(',').map((c) => c.trim().toLowerCase()));
  return cells.has('calls') || !['strike', 'type', 'bid', 'ask'].every((c) => cells.has(c));
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
  refuseUtf16(text, 'chain');
  if (typeof text !== 'string' || text.trim() === '') emptyChain('chain');
  const records = readCsv(text, 'chain').filter((r) => !isBlank(r));
  const headerAt = records.findIndex((r) => sameName(r.cells[0], QUOTEDATA_HEADER[0]!));
  if (headerAt < 0) {
    checkCommaSeparated(text, 'chain');
    throw invalidInput(
      'chain',
      'has no "Expiration Date,Calls,...,Strike,Puts,..." header line (not the Cboe quotedata layout)',
      'pass the CSV as downloaded from Cboe delayed quotes, or a table with the header expiry,strike,type,bid,ask',
    );
  }
  const header = records[headerAt]!;
  for (let i = 0; i < QUOTEDATA_HEADER.length; i++) {
    if (!sameName(header.cells[i], QUOTEDATA_HEADER[i]!)) {
      throw invalidInput(
        `chain line ${header.line} column ${i + 1}`,
        `is ${shown(header.cells[i] ?? '')}, expected ${JSON.stringify(QUOTEDATA_HEADER[i])}`,
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
  const spot = spotOf(title);
  const quotes: ChainQuote[] = [];
  const counts = droppedCounts();
  const rows = records.slice(headerAt + 1);
  const expiryCache = new Map<string, CboeExpiry>();
  const once = onceEach();
  for (const r of rows) {
    if (r.cells.length < QUOTEDATA_HEADER.length) {
      throw invalidInput(
        `chain line ${r.line}`,
        `has ${r.cells.length} columns, expected ${QUOTEDATA_HEADER.length}`,
        'pass the quotedata rows unchanged',
      );
    }
    const cell = parseCboeExpiry(r.cells[C.expiry]!, expiryCache);
    if ('problem' in cell) {
      throw invalidInput(
        `chain line ${r.line} column 1 (Expiration Date)`,
        cell.problem,
        'pass the quotedata rows unchanged (the expiry as Cboe writes it, its weekday and date agreeing)',
      );
    }
    const expiry = cell.iso;
    if (expiry < valuationDate) {
      // as the plain table refuses it: an expired option in the file means a wrong stamp or an edited file
      throw invalidInput(
        `chain line ${r.line} column 1 (Expiration Date)`,
        `is ${expiry}, before the quotes' date ${valuationDate} (the stamp on line ${stampRec.line})`,
        'drop expired options from the chain, or check the stamp line (the date and time of the quotes)',
      );
    }
    const strike = strikeCell(r, C.strike, 'Strike');
    for (const [type, symCol, bidCol, askCol] of [
      ['call', C.callSymbol, C.callBid, C.callAsk],
      ['put', C.putSymbol, C.putBid, C.putAsk],
    ] as const) {
      const sym = r.cells[symCol]!;
      const sm = /^([A-Z]+)(\d{2})(\d{2})(\d{2})([CP])(\d+)$/.exec(sym);
      const where = `chain line ${r.line} column ${symCol + 1} (${type === 'call' ? 'Calls' : 'Puts'})`;
      if (!sm) {
        throw invalidInput(
          where,
          `is ${shown(sym)}, not an option symbol like SPXW220207C02400000`,
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
      checkSymbolStrike(r, strike, symCol, sm[6]!);
      const root = sm[1]!;
      const q: ChainQuote = {
        root,
        expiry,
        settlement: settlementOf(root, where),
        strike,
        type,
        bid: priceCell(r, bidCol, 'Bid'),
        ask: priceCell(r, askCol, 'Ask'),
        line: r.line,
      };
      once(q, `chain line ${r.line}`);
      admit(quotes, counts, q);
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
    ...countsOf(counts),
    rowsRead: rows.length,
  };
}
