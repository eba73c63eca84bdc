/**
 * Volatility surfaces in cells (method Section 2b): ALVH.SURFACE fits an SPX option chain (a
 * range holding the table {expiry, strike, type, bid, ask} under a header row, or one cell holding
 * quotedata text) and spills one row per expiry; ALVH.VOL reads the vol of any expiry and strike
 * from that spill (or fits the chain itself). The fitting is the sizing package's
 * `fitChainSurface`; the spill carries every number the surface is rebuilt from but the spot, so
 * ALVH.VOL on the spill equals the fitted surface's vol from the first expiry on (and before it for
 * a table, whose fit takes the nearest forward as spot; quotedata's fit takes its Last).
 */
import { numberFromText } from '../common/numbers';
import { objectCellText, plainText } from '../common/views';
import { SURFACE_COLUMNS, surfaceRow } from '../common/surfaceColumns';
import {
  calendarDay,
  chainColumnName,
  excelSerialToIso,
  fitChainSurface,
  checkSpotAndStrikes,
  invalidInput,
  checkCommaSeparated,
  MAX_MARK_VOL,
  isQuotedata,
  grouped,
  MAX_MARKET_CHAIN_ROWS,
  parseChain,
  parseIsoDate,
  pastSurfaceReach,
  sheetError,
  type SpxSurface,
  yearsToExpiry,
} from '@alvh/shared';
import { booleanArg, dateArg, isMissing, optionalDate, plainNumberArg } from './args';
import { excelCall } from './excelErrors';
import { broadcastShape, cellAt, cellName, emptyInRange, gridArg, renamed } from './grid';
import { checkFilledRows } from './rangeSize';
import { spillSurface, spillValues } from './surfaceSpill';

export { SURFACE_COLUMNS };

/** One cell as CSV text (numbers in full precision; text quoted when it needs to be). */
function csvCell(x: unknown): string {
  if (x === null || x === undefined) return '';
  const s = typeof x === 'number' ? String(x) : typeof x === 'string' ? x : JSON.stringify(x);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The columns of a chain table that hold numbers (the expiry may be a serial too). */
const NUMBER_COLUMNS: ReadonlySet<string> = new Set(['strike', 'bid', 'ask']);

/**
 * A quote cell of a table as every function reads cells: numeric text ("1,234.5", " 3600 ") in a
 * number column, or a serial typed as text in the expiry column, is its number under the one rule,
 * never the CSV parser's reading of the text; other text in a number column ("0xE10", "5%") is
 * named at `at`. Other columns' cells stay as given, for the parser to name.
 */
function tableCell(x: unknown, column: string, at: string): unknown {
  if (typeof x !== 'string' || x.trim() === '' || !(NUMBER_COLUMNS.has(column) || column === 'expiry')) return x;
  const n = x.trim().endsWith('%') ? undefined : numberFromText(x);
  if (n !== undefined || column === 'expiry') return n ?? x;
  throw invalidInput(
    at,
    `is ${JSON.stringify(x)}, not a number`,
    `pass the ${column === 'strike' ? 'strike' : 'price'} in index points (text such as "4,300" also reads as one)`,
  );
}

/** Most rows of a chain range under its header down to its last quote, blank rows included: a bound on the reading only. */
const MOST_CHAIN_RANGE_ROWS = 100_000;

/**
 * A chain argument as text for the sizing package's parser: one cell's text as it is (quotedata
 * is CSV with its own rules), a range as CSV (line N is the range's row N, so a bad cell is named
 * by its row and column), its quote cells read by {@link tableCell}. `field` names the argument in
 * messages (ALVH.PLAN's `vixChain` as well as SURFACE's `chain`), `most` its limit of quote rows,
 * `overHint` words added to the fix over it.
 */
export function chainText(chain: unknown, field = 'chain', most = MAX_MARKET_CHAIN_ROWS, overHint = ''): string {
  if (!Array.isArray(chain)) {
    if (typeof chain !== 'string' || chain.trim() === '')
      throw invalidInput(
        field,
        isMissing(chain) ? 'is empty' : `is ${plainText(chain)}, not a chain`,
        'select the table (expiry, strike, type, bid, ask with a header row) or a cell holding quotedata text',
      );
    return chain;
  }
  // the API's limit on chain rows, blank rows not counted, before the text is built
  checkFilledRows(field, chain, {
    most,
    noun: 'rows of quotes under its header',
    bound: MOST_CHAIN_RANGE_ROWS,
    boundNoun: 'rows under its header down to the last quote',
    fix: `pass at most ${grouped(most)} chain rows${overHint}`,
    skip: 1,
  });
  const rows = (chain as unknown[]).map((r): unknown[] => (Array.isArray(r) ? (r as unknown[]) : [r]));
  if (rows.length === 1 && rows[0]!.length === 1) return chainText(rows[0]![0], field, most, overHint);
  // Trailing empty rows (a range selected longer than the table) are dropped.
  let last = rows.length - 1;
  while (last >= 0 && rows[last]!.every(isMissing)) last--;
  if (last < 1)
    throw invalidInput(field, 'has no rows under its header', 'select the header row and the quotes below it');
  // Excel dates in the expiry column (a table's header names it) as ISO dates, which the parser reads.
  const header = rows[0]!.map((h) => (typeof h === 'string' ? chainColumnName(h) : ''));
  const expiryCol = header.indexOf('expiry');
  return rows
    .slice(0, last + 1)
    .map((r, i) =>
      r
        .map((cell, j) => {
          // a formula's error (#N/A) said as the error it is, never quoted as its JSON
          const error = sheetError(objectCellText(cell) ?? cell);
          if (error !== undefined)
            throw invalidInput(
              `${field} row ${i + 1} (${header[j] || `column ${j + 1}`})`,
              `is ${error}, a formula's error`,
              'fix the formula, or give the value',
            );
          const x = i > 0 ? tableCell(cell, header[j] ?? '', `${field} row ${i + 1} (${header[j]})`) : cell;
          return i > 0 && j === expiryCol && typeof x === 'number'
            ? excelSerialToIso(`${field} row ${i + 1} (expiry)`, x)
            : csvCell(x);
        })
        .join(','),
    )
    .join('\n');
}

/**
 * Whether a chain argument's text is quotedata; a plain table's is checked first for what the
 * parser would misname: semicolons or tabs (a European CSV in one cell), and a first row naming
 * none of the table's columns (no chain at all, whatever its date).
 */
export function checkChainLayout(text: string, field = 'chain', spill = true): boolean {
  const quotedata = isQuotedata(text);
  if (quotedata) return true;
  checkCommaSeparated(text, field);
  // lines end at CRLF, LF or a lone CR, as the chain reader reads them
  const head = (text.split(/\r\n|\r|\n/).find((l) => l.trim() !== '') ?? '').toLowerCase();
  const named = ['expiry', 'strike', 'type', 'bid', 'ask'].filter((c) => head.includes(c));
  // none of the columns named: not a table at all (a misnamed column is the parser's to name)
  if (named.length === 0)
    throw invalidInput(
      field,
      'is no chain: its first row names none of expiry, strike, type, bid, ask, and it is no quotedata text',
      `select the quotes with their header row${spill ? ', a cell of quotedata text, or the ALVH.SURFACE spill' : ' or a cell of quotedata text'}`,
    );
  return false;
}

/** Fits the chain argument; `valuationDate` is needed for a table and refused for quotedata text. */
function fitChain(chain: unknown, valuationDate: unknown): ReturnType<typeof fitChainSurface> {
  const text = chainText(chain);
  const quotedata = checkChainLayout(text);
  const date = optionalDate('valuationDate', valuationDate);
  if (quotedata && date !== undefined) {
    throw invalidInput(
      'valuationDate',
      'does not apply to quotedata text, which is dated by its own stamp',
      'leave valuationDate empty, or pass the quotes as a table with their date',
    );
  }
  // the package asks for YYYY-MM-DD; a cell takes an Excel date, as the help says
  if (!quotedata && date === undefined)
    throw invalidInput(
      'valuationDate',
      'is missing; a plain table carries no date',
      'pass the date of the quotes as an Excel date (a date cell, or a serial such as 45086 for 2023-06-09)',
    );
  return fitChainSurface(parseChain(text, date === undefined ? {} : { valuationDate: date }));
}

/**
 * The SPX volatility surface fitted to an option chain: one row per expiry with its forward (put-call parity), ATM vol and raw SVI slice (total variance), the fit's error, years and discount factor.
 * @customfunction SURFACE SURFACE
 * @helpurl https://localhost:3000/help.html#SURFACE
 * @param chain Quotes under a header row of expiry, strike, type, bid, ask (expiry a date or YYYY-MM-DD, type call/put or C/P; optional root, settlement), or a cell of quotedata. Empty rows and columns are skipped; an empty bid or ask cell is an error: 0 for no quote.
 * @param [valuationDate] The date of the quotes (an Excel date); needed for a table, whose quotes are taken as of that day's 16:00 ET close (years to expiry count from it); left empty for quotedata text (its stamp dates it).
 * @param [headers] TRUE to put a header row of labels above the values; default FALSE.
 * @returns One row per expiry: expiry (Excel date), forward (points), ATM vol (decimal), SVI a, b, rho, m, sigma, fit RMSE (vol points), years to settlement, discount factor, then the far put and call wings fitted beyond the last 5-delta strikes (start ln(K/F), added slope, width; empty where none).
 */
export function surface(chain: unknown[][], valuationDate?: unknown, headers?: unknown): unknown[][] {
  return excelCall(() => {
    const showHeaders = booleanArg('headers', headers, false);
    const fit = fitChain(chain, valuationDate);
    const rows = fit.slices.filter((s) => s.inSurface).map(surfaceRow);
    return showHeaders ? [[...SURFACE_COLUMNS], ...rows] : rows;
  });
}

/**
 * The surface argument of ALVH.VOL: an ALVH.SURFACE spill (with or without its header row), or a
 * chain; `spill` says which.
 */
function surfaceOf(arg: unknown, valuationDate: unknown): { surface: SpxSurface; spill: boolean } {
  const values = spillValues(arg, 'surface');
  if (values !== undefined) return { surface: spillSurface(values, 'surface', valuationDate), spill: true };
  // The chain is this function's `surface` argument: name it so in messages.
  const fit = renamed(
    () => fitChain(arg, valuationDate),
    (field) => field.replace(/^chain/, 'surface'),
  );
  return { surface: fit.surface, spill: false };
}

/**
 * A vol read off the surface, at most the 500% any option is marked at (`MAX_MARK_VOL`, where
 * VIXVOL, BS and IV stop too): a fit gives no such vol, an edited spill does (an SVI a of 1e6 read
 * 382,099%), so it is refused naming the surface rather than spilled as a number.
 */
function markableVol(v: number, spill: boolean, expiry: string, strike: number): number {
  if (v <= MAX_MARK_VOL) return v;
  const what = Number.isFinite(v) ? `a vol of ${grouped(Math.round(v * 100))}%` : 'no finite vol';
  throw invalidInput(
    'surface',
    `gives ${what} at ${expiry}, strike ${strike}, above the ${MAX_MARK_VOL * 100}% any option is marked at`,
    spill ? 'pass the surface as ALVH.SURFACE spilled it' : "check the chain's bids and asks",
  );
}

/**
 * Implied vol of SPX options from a fitted surface: an ALVH.SURFACE spill (or the chain itself) at any expiry and strike; spills when expiry or strike is a range (a column of expiries against a row of strikes gives the whole grid).
 * @customfunction VOL VOL
 * @helpurl https://localhost:3000/help.html#VOL
 * @param surface The whole ALVH.SURFACE spill, all 17 columns (with or without its header row), or the chain range as ALVH.SURFACE takes it.
 * @param expiry An Excel date after the quotes' date, up to 2040 (a same-day expiry is refused); a cell or range, no empty cells. Between listed expiries the surface interpolates total variance; beyond them the ATM vol is flat, the edge smile kept in standard deviations.
 * @param strike Strike, index points, within half and twice SPX (the quotedata's Last; for a spill or a table, the nearest expiry's forward), as /api/surface takes it; a cell or a range (no empty cells).
 * @param [valuationDate] The date of the quotes (an Excel date), when surface is a chain table (its quotes taken as of that day's 16:00 ET close); with a SURFACE spill leave it empty (a date more than a day from the spill's, which it reads from its first expiry, is an error).
 * @returns Black-76 implied vol as a decimal (0.18 for 18%), in the shape of expiry and strike.
 */
export function vol(
  surface: unknown[][],
  expiry: unknown[][],
  strike: unknown[][],
  valuationDate?: unknown,
): number[][] {
  return excelCall(() => {
    const { surface: s, spill } = surfaceOf(surface, valuationDate);
    const e = gridArg('expiry', expiry);
    const k = gridArg('strike', strike);
    const { rows, cols } = broadcastShape([e, k]);
    const yearsTo = yearsToExpiry(s);
    const valuationDay = parseIsoDate('valuationDate', s.valuationDate);
    // Strikes are checked against the surface's spot, as /api/surface and the plans check them: the
    // quotedata's Last, else (a spill, a plain table) the nearest expiry's forward, which stands in for it.
    checkSpotAndStrikes('spot', s.spot, []);
    const out: number[][] = [];
    for (let r = 0; r < rows; r++) {
      const line: number[] = [];
      for (let c = 0; c < cols; c++) {
        const empty = emptyInRange(e, r, c) ?? emptyInRange(k, r, c);
        if (empty !== undefined) throw empty;
        const iso = dateArg(cellName(e, r, c), cellAt(e, r, c));
        // the exchange calendar's years bound an expiry here as every other date argument
        const days = calendarDay(cellName(e, r, c), iso);
        // As /api/surface reads its points: an expiry on the valuation date (a same-day slice the
        // fit leaves out) is refused, not read off the front extrapolation.
        if (!(days > valuationDay))
          throw invalidInput(
            cellName(e, r, c),
            `is ${iso}, not after the valuation date ${s.valuationDate}`,
            'pass a later expiry',
          );
        // Years from the quotes' moment: a slice's own at its expiry, else the first slice's plus the calendar days between.
        const t = yearsTo(days);
        if (!(t > 0))
          throw invalidInput(cellName(e, r, c), `is ${iso}, at or before the quotes' time`, 'pass a later expiry');
        if (t > 30) throw pastSurfaceReach(cellName(e, r, c), undefined, t, yearsTo, valuationDay);
        const K = plainNumberArg(cellName(k, r, c), cellAt(k, r, c));
        if (!(K > 0)) throw invalidInput(cellName(k, r, c), `is ${K}`, 'pass the strike in index points (> 0)');
        // as ALVH.PLAN and /api/surface read strikes: within half and twice SPX (0.43 read 354% from the far wing)
        checkSpotAndStrikes('spot', s.spot, [{ field: cellName(k, r, c), strike: K }]);
        line.push(markableVol(s.vol(t, K), spill, iso, K));
      }
      out.push(line);
    }
    return out;
  });
}
