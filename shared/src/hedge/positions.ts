/**
 * Positions in: broker-style position text (CSV of symbol and signed quantity; other columns, such
 * as an average price, are not read) or the rows of an Excel range, read into the package's {@link Leg}s, with every contract checked against the
 * listing rules before a single number is computed from it.
 *
 * Symbols (root, expiry YYMMDD, C or P, strike):
 * - `SPXW 250523P03750`: the strike in whole points (up to five digits, optional decimals);
 * - `VIX 250521C00033000` and the OCC form `SPXW  250523P03750000` (root padded to six
 *   characters): the strike in eight digits, thousandths of a point.
 *
 * Roots: `SPX` (AM-settled monthly, the third Friday), `SPXW` (PM-settled weeklies and dailies,
 * any exchange trading day), `VIX` (monthly, on a VX final-settlement date). Strikes: SPX on the
 * 5-point grid the package's condors use; VIX on `vixStrikeStep` (0.5 by default, the listed
 * half-point grid; pass the policy's `vixStrikeStep` to be stricter).
 */
import { clip, invalidInput, isAlvhError, shown } from '../errors';
import { refuseUtf16 } from '../textEncoding';
import { parseIsoDate, toIsoDate, dayFromYmd } from '../dates';
import { InputValidationError, type InputIssue } from '../schemas/parse';
import { spxMonthlyExpiry, unlistedExpiry, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR } from '../market/index';
import type { Leg } from '../book/index';
import { SPX_STRIKE_STEP, VIX_LISTED_STRIKE_STEP, onGrid } from '../validate';
import {
  LineFault,
  SYMBOL,
  blankCell,
  cellNumber,
  cellText,
  checkCellValues,
  checkNoDirection,
  checkNotAcross,
  checkNotTransposed,
  checkOnePosition,
  checkOptionRow,
  checkWidth,
  firstHeader,
  type Columns,
} from './positionsColumns';
import { checkQuantityText } from './positionsQuantity';

/** One held position: the leg, and where it was read. */
export interface HeldPosition {
  leg: Leg;
  /**
   * @deprecated Never set: the average price is not read (orders are priced at the model's marks,
   * not at what a leg cost), so a cost basis in dollars or a short's negative price is no fault.
   */
  averagePrice?: number;
  /** The symbol as given. */
  symbol: string;
  /** 1-based line (CSV) or row (Excel range) the position came from. */
  line: number;
}

export interface PositionRules {
  /** Valuation date, YYYY-MM-DD: legs expiring on or before it are rejected. */
  valuationDate: string;
  /** SPX strike grid, points; default 5. */
  spxStrikeStep?: number;
  /** VIX strike grid, points; default 0.5. */
  vixStrikeStep?: number;
}

export interface ParsedSymbol {
  root: 'SPX' | 'SPXW' | 'VIX';
  kind: Leg['kind'];
  type: Leg['type'];
  expiry: string;
  strike: number;
}

/** The fix for a leg that has settled by the valuation date. */
export const SETTLED_FIX = 'leave out legs that have settled, or check the valuation date';
/** Why a leg expiring on the valuation date is refused. */
export const SETTLES_TODAY =
  'it settles that day (SPX monthlies and VIX options at the open, SPXW at the close), so no order is priced for it';

// The listing grids and their test live with the checks (the input schemas read them too).
export { VIX_LISTED_STRIKE_STEP, onGrid } from '../validate';

const ROOTS: Record<string, ParsedSymbol['kind']> = { SPX: 'spx', SPXW: 'spx', VIX: 'vix' };
const EXAMPLE = 'write it as SPXW 250523P03750, VIX 250521C00033000 or the OCC form SPXW  250523P03750000';

/**
 * A strike that passed {@link onGrid} put exactly on the grid (6000.000000001 → 6000), so one
 * contract has one key when held and target legs are netted.
 */
export function snapToGrid(x: number, step: number): number {
  return Number((Math.round(x / step) * step).toFixed(9));
}

/**
 * Read one option symbol (no listing checks but the root and the calendar date).
 * @example parseOptionSymbol('SPXW 250523P03750') // { root: 'SPXW', kind: 'spx', type: 'put', expiry: '2025-05-23', strike: 3750 }
 * @example parseOptionSymbol('VIX 250521C00033000').strike // 33
 */
export function parseOptionSymbol(symbol: string): ParsedSymbol {
  try {
    return readSymbol(symbol);
  } catch (e) {
    if (e instanceof LineFault) throw invalidInput('symbol', e.text.replace(/^symbol /, ''), EXAMPLE);
    throw e;
  }
}

/**
 * A contract as the plan's orders name it, root, ISO expiry, strike in points, call or put
 * (`SPXW 2025-05-23 3750 put`, `VIX 2025-05-21 33 call`): read as the symbol it stands for, so the
 * orders' legs paste back as positions.
 */
const ORDER_NOTATION = /^([A-Z]{1,6})\s+20(\d{2})-(\d{2})-(\d{2})\s+(\d{1,5}(?:\.\d+)?)\s+(CALL|PUT)$/;

function readSymbol(raw: string): ParsedSymbol {
  const s = raw.trim().toUpperCase();
  const o = ORDER_NOTATION.exec(s);
  const m = o === null ? SYMBOL.exec(s) : [s, o[1], o[2], o[3], o[4], o[6]!.charAt(0), o[5]];
  if (m === null) {
    throw new LineFault('symbol', `symbol ${shown(raw)} is not an option symbol; ${EXAMPLE}`);
  }
  const [, root, yy, mm, dd, cp, digits] = m as unknown as [string, string, string, string, string, string, string];
  const kind = ROOTS[root];
  if (root === 'VIXW') {
    const only = 'only the monthly VIX options (root VIX, on a VX final-settlement date)';
    const fix = 'leave it out of the positions (the plan neither prices nor orders VIX weeklies)';
    throw new LineFault('symbol', `symbol ${shown(raw)}: VIX weeklies (VIXW) are not supported, ${only}; ${fix}`);
  }
  if (kind === undefined) {
    throw new LineFault(
      'symbol',
      `symbol ${shown(raw)} has root ${root}, not one the method trades; use SPX, SPXW or VIX (index options only)`,
    );
  }
  const year = 2000 + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  const expiryIso = `${year}-${mm}-${dd}`;
  if (year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR || month < 1 || month > 12) {
    throw new LineFault(
      'symbol',
      `symbol ${shown(raw)} has expiry ${expiryIso}, outside the exchange calendar (${CALENDAR_FIRST_YEAR}-${CALENDAR_LAST_YEAR}); check the YYMMDD digits`,
    );
  }
  const dayNumber = dayFromYmd(year, month, day);
  if (toIsoDate(dayNumber) !== expiryIso) {
    throw new LineFault(
      'symbol',
      `symbol ${shown(raw)} has expiry ${expiryIso}, not a calendar date; check the YYMMDD digits`,
    );
  }
  // eight digits: OCC thousandths of a point; up to five (with optional decimals): points; six or
  // seven digits could be either and are refused rather than guessed
  if (!/^(\d{8}|\d{1,5}(\.\d+)?)$/.test(digits)) {
    throw new LineFault(
      'symbol',
      `symbol ${shown(raw)} has strike digits ${clip(digits, 12)}, neither points (up to five digits) nor the OCC eight digits in thousandths; ${EXAMPLE}`,
    );
  }
  const strike = digits.length === 8 && !digits.includes('.') ? Number(digits) / 1000 : Number(digits);
  if (!(strike > 0)) {
    throw new LineFault('symbol', `symbol ${shown(raw)} has strike ${strike}; pass a positive strike`);
  }
  return { root: root as ParsedSymbol['root'], kind, type: cp === 'C' ? 'call' : 'put', expiry: expiryIso, strike };
}

/** One contract's key however its symbol is written (points or OCC thousandths), or undefined when it is not read. */
function contractKey(symbol: string): string | undefined {
  try {
    const p = readSymbol(symbol);
    return `${p.root} ${p.expiry} ${p.type} ${p.strike}`;
  } catch (e) {
    // a symbol that does not read; any other error is a fault of this code, not of the symbol
    if (e instanceof LineFault || isAlvhError(e)) return undefined;
    throw e;
  }
}

/** A line's fault when its symbol's expiry lists no option ({@link unlistedExpiry}). */
function unlistedFault(p: ParsedSymbol, sym: string, valuationDate: string): void {
  const u = unlistedExpiry(p.kind, p.expiry, valuationDate);
  if (u !== undefined) throw new LineFault('symbol', `${sym} expires on ${p.expiry}, ${u.problem}; ${u.fix}`);
}

/** The listing checks of one parsed symbol against the rules. */
function checkListing(p: ParsedSymbol, raw: string, rules: Required<PositionRules>, today: number): void {
  const sym = shown(raw.trim());
  const expiry = parseIsoDate('expiry', p.expiry);
  if (expiry < today) {
    throw new LineFault(
      'symbol',
      `${sym} expired on ${p.expiry}, before the valuation date ${rules.valuationDate} (its cash settled); ${SETTLED_FIX}`,
    );
  }
  if (expiry === today) {
    throw new LineFault(
      'symbol',
      `${sym} expires on the valuation date ${rules.valuationDate}: ${SETTLES_TODAY}; ${SETTLED_FIX}`,
    );
  }
  if (p.kind === 'spx') {
    if (!onGrid(p.strike, rules.spxStrikeStep)) {
      throw new LineFault(
        'symbol',
        `${sym} has strike ${p.strike}, off the SPX ${rules.spxStrikeStep}-point strike grid; pass a listed strike (a multiple of ${rules.spxStrikeStep})`,
      );
    }
    unlistedFault(p, sym, rules.valuationDate);
    if (p.root === 'SPX') {
      const d = parseIsoDate('expiry', p.expiry);
      const [y, m] = [Number(p.expiry.slice(0, 4)), Number(p.expiry.slice(5, 7))];
      const monthly = spxMonthlyExpiry(y, m);
      if (parseIsoDate('monthly', monthly) !== d) {
        throw new LineFault(
          'symbol',
          `${sym} has root SPX (AM-settled monthlies, expiring on the third Friday: ${monthly}) but expires on ${p.expiry}; use root SPXW for weeklies and dailies, or the monthly date`,
        );
      }
    }
  } else {
    if (!onGrid(p.strike, rules.vixStrikeStep)) {
      throw new LineFault(
        'symbol',
        `${sym} has strike ${p.strike}, off the VIX ${rules.vixStrikeStep}-point strike grid; pass a listed strike (a multiple of ${rules.vixStrikeStep})`,
      );
    }
    unlistedFault(p, sym, rules.valuationDate);
  }
}

function readRows(
  rows: readonly (readonly unknown[])[],
  rulesIn: PositionRules,
  source: 'line' | 'row',
  lines?: readonly number[],
  separator?: ';' | '\t',
): HeldPosition[] {
  const today = parseIsoDate('valuationDate', rulesIn.valuationDate);
  const rules: Required<PositionRules> = {
    valuationDate: rulesIn.valuationDate,
    spxStrikeStep: rulesIn.spxStrikeStep ?? SPX_STRIKE_STEP,
    vixStrikeStep: rulesIn.vixStrikeStep ?? VIX_LISTED_STRIKE_STEP,
  };
  if (!(rules.spxStrikeStep > 0) || !Number.isFinite(rules.spxStrikeStep))
    throw invalidInput('spxStrikeStep', `is ${rules.spxStrikeStep}`, 'pass the SPX strike grid in points, e.g. 5');
  if (!(rules.vixStrikeStep > 0) || !Number.isFinite(rules.vixStrikeStep))
    throw invalidInput('vixStrikeStep', `is ${rules.vixStrikeStep}`, 'pass the VIX strike grid in points, e.g. 0.5');
  let cols: Columns = { symbol: 0, quantity: 1 };
  let seen = false;
  const out: HeldPosition[] = [];
  const issues: InputIssue[] = [];
  rows.forEach((cells, i) => {
    const n = lines?.[i] ?? i + 1;
    if (cells.every(blankCell)) return;
    try {
      if (out.length === 0 && issues.length === 0 && !seen) {
        seen = true;
        checkNotTransposed(rows, i, source);
        const h = firstHeader(rows, i, source, lines);
        if (h !== undefined) {
          cols = h;
          return;
        }
      }
      checkCellValues(cells, cols);
      checkNotAcross(cells, cols, source);
      checkWidth(cells, cols, source);
      checkNoDirection(cells, cols);
      checkOnePosition(cells, cols, source, contractKey);
      checkOptionRow(cells, cols);
      const raw = cellText(cells[cols.symbol]);
      const p = readSymbol(raw);
      checkListing(p, raw, rules, today);
      checkQuantityText(cells[cols.quantity], separator);
      const q = cellNumber(cells[cols.quantity]);
      if (q === undefined || !Number.isInteger(q) || q === 0) {
        const cell = cells[cols.quantity];
        // a TRUE cell as a sheet shows it and the functions say it, not the text "true"
        const what =
          typeof cell === 'boolean'
            ? `quantity is ${cell ? 'TRUE' : 'FALSE'}, not a number`
            : `quantity ${shown(cellText(cell))} is not a whole, non-zero number of contracts`;
        throw new LineFault('quantity', `${what}; pass e.g. 10 for long, -10 for short`);
      }
      if (Math.abs(q) > 100_000) {
        throw new LineFault('quantity', `quantity ${q} is over 100,000 contracts; check the column order`);
      }
      out.push({
        leg: {
          kind: p.kind,
          type: p.type,
          strike: snapToGrid(p.strike, p.kind === 'spx' ? rules.spxStrikeStep : rules.vixStrikeStep),
          expiry: p.expiry,
          quantity: q,
          ...(p.root === 'VIX' ? {} : { root: p.root }),
        },
        symbol: raw,
        line: n,
      });
    } catch (e) {
      if (!(e instanceof LineFault)) throw e;
      issues.push({ path: `positions ${source} ${n}`, message: e.text });
      if (e.below) issues.push({ path: `positions ${source} ${e.below.line}`, message: e.below.text });
      // the lines under a refused header would be read in the wrong columns
      if (e.column === 'header') throw new InputValidationError(issues);
    }
  });
  if (issues.length > 0) throw new InputValidationError(issues);
  return out;
}

const UNCLOSED =
  'a quoted field opens here and is never closed; close every opening double quote (a quote inside a field is written twice)';

/**
 * The records of CSV text with their 1-based first lines: RFC 4180 quotes (a field that opens with
 * a double quote runs to the closing one, a line break inside it kept in the cell, a doubled quote
 * standing for one; a quote within an unquoted field is text), a comma, semicolon or tab separator
 * (semicolon or tab when the first line with more than blanks has one and no comma), records ended
 * by LF, CRLF or a lone CR. A quote never closed is refused, naming the line it opens on, rather
 * than the lines after it read as one cell.
 */
function readCsvRecords(text: string): { rows: string[][]; lines: number[]; sep: string } {
  const first = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== '') ?? '';
  const sep = first.includes(',') ? ',' : first.includes(';') ? ';' : first.includes('\t') ? '\t' : ',';
  const rows: string[][] = [];
  const lines: number[] = [];
  let cells: string[] = [];
  let [line, start, i] = [1, 1, 0];
  for (;;) {
    let j = i;
    while ((text[j] === ' ' || text[j] === '\t') && text[j] !== sep) j++;
    let cell: string | undefined;
    if (text[j] === '"') {
      cell = '';
      let k = j + 1;
      for (;;) {
        const q = text.indexOf('"', k);
        if (q < 0) throw new InputValidationError([{ path: `positions line ${line}`, message: UNCLOSED }]);
        cell += text.slice(k, q);
        k = q + 1;
        if (text[k] !== '"') break;
        cell += '"';
        k++;
      }
      line += (text.slice(j, k).match(/\r\n|\r|\n/g) ?? []).length;
      i = k;
    }
    let e = i;
    while (e < text.length && text[e] !== sep && text[e] !== '\n' && text[e] !== '\r') e++;
    const rest = text.slice(i, e);
    // "-10"5 read as -105 contracts: text after a closing quote is refused, as the chain reader does
    if (cell !== undefined && rest.trim() !== '') {
      const message = `cell ${shown(`"${cell}"${rest}`)} has text after its closing quote; quote the whole cell or remove the quotes`;
      throw new InputValidationError([{ path: `positions line ${line}`, message }]);
    }
    cells.push(cell ?? rest);
    i = e + 1;
    if (text[e] === sep) continue;
    rows.push(cells);
    lines.push(start);
    if (e >= text.length) return { rows, lines, sep };
    if (text[e] === '\r' && text[i] === '\n') i++;
    [cells, start] = [[], ++line];
  }
}

/**
 * Positions from broker-style text: one position a line, `symbol, quantity` (further columns, such
 * as an average price, are not read; one holding another option symbol is refused, as a second
 * position laid across the line), with an optional header row naming the columns (Symbol, Qty/
 * Quantity/Position, in any order; a line that reads as a header without them, or with two
 * quantity columns, is refused; Symbol is read before a Description). A column other than those
 * holding a direction word (Short, Sell, BTO...) is refused, and so is a leg described by one (Short
 * Put) against the quantity's sign: the direction is the quantity's sign. A quantity like "1.000" (1, or 1,000 with a thousands dot) is refused,
 * and so is "1,000" in text separated by semicolons or tabs (a decimal comma there); one holding $ is dollars, refused.
 * Under a header, a line with a filled cell past the named columns (1,200 unquoted) is refused.
 * Separator: comma, or semicolon or tab when the first line has one and no comma; RFC 4180 quotes,
 * a line break inside a quoted field kept in the cell. Lines end at LF, CRLF or a lone CR. Blank
 * lines are skipped; text with no position row reads as none held (the plan warns). Every bad line
 * is reported (field `positions line N`) with its fix.
 *
 * @example
 * parsePositionsCsv('Symbol,Qty,Avg Price\nSPXW 250523P03750,-10,12.5', { valuationDate: '2025-04-08' })
 * // [{ leg: { kind: 'spx', type: 'put', strike: 3750, expiry: '2025-05-23', quantity: -10 }, symbol: 'SPXW 250523P03750', line: 2 }]
 */
export function parsePositionsCsv(text: string, rules: PositionRules): HeldPosition[] {
  if (typeof text !== 'string') {
    throw invalidInput('positions', `is ${typeof text}, not text`, 'paste the positions as CSV text');
  }
  refuseUtf16(text, 'positions');
  // a UTF-8 byte order mark (Excel's CSV UTF-8) before a quoted first cell would hide its quote
  const { rows, lines, sep } = readCsvRecords(text.replace(/^\uFEFF/, ''));
  return readRows(rows, rules, 'line', lines, sep === ';' || sep === '\t' ? sep : undefined);
}

/**
 * Positions from an Excel range (a 2-D array of cell values): the same columns and rules as
 * {@link parsePositionsCsv}; blank rows are skipped, numbers may be numbers or text. Faults name
 * `positions row N` (1-based within the range).
 * @example parsePositionRows([['VIX 250521C00033000', 20, 1.35]], { valuationDate: '2025-04-08' })[0].leg.strike // 33
 */
export function parsePositionRows(rows: readonly (readonly unknown[])[], rules: PositionRules): HeldPosition[] {
  if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r))) {
    throw invalidInput('positions', 'is not a range of rows', 'pass the range as rows of [symbol, quantity]');
  }
  return readRows(rows, rules, 'row');
}
