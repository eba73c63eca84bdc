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
import { invalidInput } from '../errors';
import { parseIsoDate, toIsoDate, dayFromYmd } from '../dates';
import { InputValidationError, type InputIssue } from '../schemas/parse';
import { spxMonthlyExpiry, unlistedExpiry, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR } from '../market/index';
import type { Leg } from '../book/index';
import { decimalCell } from '../surface/chainQuotes';
import { SPX_STRIKE_STEP, VIX_LISTED_STRIKE_STEP, onGrid } from '../validate';

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
const SYMBOL = /^([A-Z]{1,6})\s*(\d{2})(\d{2})(\d{2})([CP])(\d+(?:\.\d+)?)$/;
const EXAMPLE = 'write it as SPXW 250523P03750, VIX 250521C00033000 or the OCC form SPXW  250523P03750000';

/** A fault on one line; collected and thrown together. */
class LineFault extends Error {
  constructor(
    readonly column: string,
    readonly text: string,
  ) {
    super(text);
  }
}

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

function readSymbol(raw: string): ParsedSymbol {
  const s = raw.trim().toUpperCase();
  const m = SYMBOL.exec(s);
  if (m === null) {
    throw new LineFault('symbol', `symbol ${JSON.stringify(raw)} is not an option symbol; ${EXAMPLE}`);
  }
  const [, root, yy, mm, dd, cp, digits] = m as unknown as [string, string, string, string, string, string, string];
  const kind = ROOTS[root];
  if (kind === undefined) {
    throw new LineFault(
      'symbol',
      `symbol ${JSON.stringify(raw)} has root ${root}, not one the method trades; use SPX, SPXW or VIX (index options only)`,
    );
  }
  const year = 2000 + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  const expiryIso = `${year}-${mm}-${dd}`;
  if (year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR || month < 1 || month > 12) {
    throw new LineFault(
      'symbol',
      `symbol ${JSON.stringify(raw)} has expiry ${expiryIso}, outside the exchange calendar (${CALENDAR_FIRST_YEAR}-${CALENDAR_LAST_YEAR}); check the YYMMDD digits`,
    );
  }
  const dayNumber = dayFromYmd(year, month, day);
  if (toIsoDate(dayNumber) !== expiryIso) {
    throw new LineFault(
      'symbol',
      `symbol ${JSON.stringify(raw)} has expiry ${expiryIso}, not a calendar date; check the YYMMDD digits`,
    );
  }
  // eight digits: OCC thousandths of a point; up to five (with optional decimals): points; six or
  // seven digits could be either and are refused rather than guessed
  if (!/^(\d{8}|\d{1,5}(\.\d+)?)$/.test(digits)) {
    throw new LineFault(
      'symbol',
      `symbol ${JSON.stringify(raw)} has strike digits ${digits}, neither points (up to five digits) nor the OCC eight digits in thousandths; ${EXAMPLE}`,
    );
  }
  const strike = digits.length === 8 && !digits.includes('.') ? Number(digits) / 1000 : Number(digits);
  if (!(strike > 0)) {
    throw new LineFault('symbol', `symbol ${JSON.stringify(raw)} has strike ${strike}; pass a positive strike`);
  }
  return { root: root as ParsedSymbol['root'], kind, type: cp === 'C' ? 'call' : 'put', expiry: expiryIso, strike };
}

/** A line's fault when its symbol's expiry lists no option ({@link unlistedExpiry}). */
function unlistedFault(p: ParsedSymbol, sym: string): void {
  const u = unlistedExpiry(p.kind, p.expiry);
  if (u !== undefined) throw new LineFault('symbol', `${sym} expires on ${p.expiry}, ${u.problem}; ${u.fix}`);
}

/** The listing checks of one parsed symbol against the rules. */
function checkListing(p: ParsedSymbol, raw: string, rules: Required<PositionRules>, today: number): void {
  const sym = JSON.stringify(raw.trim());
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
    unlistedFault(p, sym);
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
    unlistedFault(p, sym);
  }
}

function cellText(x: unknown): string {
  if (x === null || x === undefined) return '';
  if (typeof x === 'string') return x.trim();
  return typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint' ? String(x) : JSON.stringify(x);
}

/**
 * A number from a cell: numbers as they are; text as a decimal (no "0x10" or "0b11", which `Number`
 * reads as 16 and 3), with $, thousands separators and spaces beside a sign or $ allowed, but not a
 * space between digits ("1 5" is not 15).
 */
function cellNumber(x: unknown): number | undefined {
  if (typeof x === 'number') return Number.isFinite(x) ? x : undefined;
  let t = cellText(x).replace(/\$/g, '');
  if (/[\d.,]\s+[\d.,]/.test(t)) return undefined;
  t = t.replace(/\s/g, '');
  // no exponent: a broker writes 1000 contracts as 1000 or 1,000, and "1e3" is a slip to refuse
  if (t === '' || /[eE]/.test(t)) return undefined;
  // commas only as thousands separators (1,250.5); a decimal comma (1,35) is refused, not misread
  if (t.includes(',')) {
    if (!/^\(?-?\d{1,3}(,\d{3})+(\.\d+)?\)?$/.test(t)) return undefined;
    t = t.replace(/,/g, '');
  }
  // a broker may write a short position as (10)
  const paren = /^\((.*)\)$/.exec(t);
  const n = decimalCell(paren ? `-${paren[1]}` : t);
  return Number.isFinite(n) ? n : undefined;
}

interface Columns {
  symbol: number;
  quantity: number;
  /** The header's names (undefined without a header row): a refused column is named by them. */
  names?: readonly string[];
}

const HEADER_NAMES = {
  symbol: /^(symbol|contract|instrument|description)$/,
  quantity: /^(qty|quantity|position|pos)$/,
};
/** The names a header row may give its columns, as a fault lists them. */
const ACCEPTED =
  'a symbol column (Symbol, Contract, Instrument or Description) and a signed quantity column (Qty, Quantity, Position or Pos), in any order; other columns (Avg Price, ...) are not read';

/** Header names of a column that gives a position's direction apart from its quantity. */
const DIRECTION = new RegExp(
  [
    /^((position|trade|order)\s?)?(side|direction|dir|action)(\s?(code|indicator|flag))?$/,
    /^(buy|long|b|l|sell|short|s)\s*([/-]|or|and)?\s*(sell|short|s|buy|long|b|l)(\s?(code|indicator|flag))?$/,
    /^(long|short|buy|sell)$/,
    /^(trans(action)?|trade)(\s?(type|code))?$/,
  ]
    .map((r) => r.source)
    .join('|'),
);
/**
 * Cell text that gives a direction (short, sell, BTO, sell to open...), not a quantity. Open and
 * close alone say whether a trade opened or closed a position, not its side (a position's status
 * reads "Open"), so they are left alone.
 */
const DIRECTION_WORD =
  /^(short|sell|sold|sld|s|long|buy|bought|bot|b|l|sto|bto|stc|btc|(buy|sell) to (open|close|cover)|sell short|short sale)$/;
/** `Long Qty` and `Short Qty`: the quantity split by direction. */
const SPLIT_QUANTITY = /^(long|short|buy|sell)\s?(qty|quantity|position|pos)$/;

function headerName(c: unknown): string {
  return cellText(c).toLowerCase().replace(/_/g, ' ').replace(/\s+/g, ' ');
}

/** A line no cell of which reads as an option symbol or a number: a header, recognised or not. */
function looksLikeHeader(cells: readonly unknown[]): boolean {
  const texts = cells.map(cellText).filter((t) => t !== '');
  return (
    texts.some((t) => /[a-z]/i.test(t)) &&
    texts.every((t) => !SYMBOL.test(t.toUpperCase()) && cellNumber(t) === undefined)
  );
}

/**
 * The columns a header row names, or undefined when the row is not a header. A header naming a
 * direction column (Side, Long/Short, Buy/Sell...) is refused: the reader takes the direction from
 * the quantity's sign only, and would read every short as long. Amount is not a quantity (in many
 * exports it is dollars) and is refused where no quantity column is named. A line that reads as a
 * header (no symbol or number in it) without a symbol and a quantity column is refused with the
 * names this reader takes, rather than read as a position.
 */
function headerColumns(cells: readonly unknown[]): Columns | undefined {
  if (!looksLikeHeader(cells)) return undefined;
  const names = cells.map(headerName);
  const quote = (i: number) => JSON.stringify(cellText(cells[i]));
  const direction = names.findIndex((n) => DIRECTION.test(n));
  if (direction >= 0) {
    throw new LineFault(
      'header',
      `column ${quote(direction)} gives the direction apart from the quantity, which this reader does not read (every position would be taken as long); fold it into the quantity's sign: -3 for short 3, and leave the column out`,
    );
  }
  const split = names.findIndex((n) => SPLIT_QUANTITY.test(n));
  if (split >= 0) {
    throw new LineFault(
      'header',
      `column ${quote(split)} splits the quantity by direction, which this reader does not read; pass one signed Qty column (long minus short: -3 for short 3)`,
    );
  }
  const find = (k: keyof typeof HEADER_NAMES) => names.findIndex((n) => HEADER_NAMES[k].test(n));
  const c = { symbol: find('symbol'), quantity: find('quantity') };
  const amount = names.indexOf('amount');
  if (c.quantity < 0 && amount >= 0 && c.symbol >= 0) {
    throw new LineFault(
      'header',
      `column ${quote(amount)} is not read as the quantity: in many exports it is dollars; name the column of signed contracts Qty or Quantity`,
    );
  }
  if (c.symbol >= 0 && c.quantity >= 0) return { ...c, names: cells.map(cellText) };
  throw new LineFault(
    'header',
    `header ${JSON.stringify(cells.map(cellText).join(','))} is not recognised (no ${c.symbol < 0 ? 'symbol' : 'quantity'} column); name ${ACCEPTED}`,
  );
}

/**
 * A column other than the symbol and the quantity holding a direction word (Short, Sell, BTO...):
 * refused, since the direction is read from the quantity's sign only and the position would be
 * taken as long.
 */
function checkNoDirection(cells: readonly unknown[], cols: Columns): void {
  cells.forEach((c, i) => {
    if (i === cols.symbol || i === cols.quantity) return;
    const word = headerName(c).replace(/-/g, ' ');
    if (!DIRECTION_WORD.test(word)) return;
    const name = cols.names?.[i];
    throw new LineFault(
      'header',
      `column ${name ? JSON.stringify(name) : i + 1} holds ${JSON.stringify(cellText(c))}, a direction apart from the quantity, not read (the position would be taken as long); fold it into the quantity's sign: -3 for short 3`,
    );
  });
}

/**
 * A column other than the symbol and the quantity holding an option symbol: a second position laid
 * out across the row (symbol, quantity, symbol, quantity). Refused, since only the first is read:
 * the second would be taken as not held and ordered again. The row's own symbol written again (an
 * export with a Symbol and an OCC symbol column) is the same position, not read.
 */
function checkOnePosition(cells: readonly unknown[], cols: Columns, source: 'line' | 'row'): void {
  const bare = (c: unknown): string => cellText(c).toUpperCase().replace(/\s+/g, '');
  const own = bare(cells[cols.symbol]);
  cells.forEach((c, i) => {
    if (i === cols.symbol || i === cols.quantity) return;
    const t = cellText(c);
    if (!SYMBOL.test(t.toUpperCase()) || bare(c) === own) return;
    const name = cols.names?.[i];
    throw new LineFault(
      'symbol',
      `column ${name ? JSON.stringify(name) : i + 1} holds another option symbol (${t}); put one position a ${source} (symbol, quantity)`,
    );
  });
}

/**
 * A quantity written with a dot and three digits ("1.000") reads as 1 in one convention and 1,000
 * in the other (a thousands dot); contracts are whole, so it is refused rather than guessed.
 */
function checkAmbiguousQuantity(x: unknown): void {
  if (typeof x === 'number') return;
  const t = cellText(x);
  const m = /^\(?\s*([-+]?)\s*\$?\s*(\d{1,3})\.(\d{3})\s*\)?$/.exec(t);
  if (m === null) return;
  const sign = m[1] === '-' || t.startsWith('(') ? '-' : '';
  const dotted = `${sign}${Number(`${m[2]}.${m[3]}`)}`;
  const whole = `${sign}${m[2]}${m[3]}`;
  const grouped = `${sign}${m[2]},${m[3]}`;
  throw new LineFault(
    'quantity',
    `quantity ${JSON.stringify(t)} is ambiguous: ${dotted} or ${grouped} contracts; write ${Number.isInteger(Number(dotted)) ? `${dotted} or ${whole}` : whole}`,
  );
}

function readRows(
  rows: readonly (readonly unknown[])[],
  rulesIn: PositionRules,
  source: 'line' | 'row',
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
    const n = i + 1;
    if (cells.every((c) => cellText(c) === '')) return;
    try {
      if (out.length === 0 && issues.length === 0 && !seen) {
        seen = true;
        const h = headerColumns(cells);
        if (h !== undefined) {
          cols = h;
          return;
        }
      }
      checkNoDirection(cells, cols);
      checkOnePosition(cells, cols, source);
      const raw = cellText(cells[cols.symbol]);
      const p = readSymbol(raw);
      checkListing(p, raw, rules, today);
      checkAmbiguousQuantity(cells[cols.quantity]);
      const q = cellNumber(cells[cols.quantity]);
      if (q === undefined || !Number.isInteger(q) || q === 0) {
        throw new LineFault(
          'quantity',
          `quantity ${JSON.stringify(cellText(cells[cols.quantity]))} is not a whole, non-zero number of contracts; pass e.g. 10 for long, -10 for short`,
        );
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
        },
        symbol: raw,
        line: n,
      });
    } catch (e) {
      if (!(e instanceof LineFault)) throw e;
      issues.push({ path: `positions ${source} ${n}`, message: e.text });
      // the lines under a refused header would be read in the wrong columns
      if (e.column === 'header') throw new InputValidationError(issues);
    }
  });
  if (issues.length > 0) throw new InputValidationError(issues);
  return out;
}

/** Split one CSV line (RFC 4180 quotes; a comma, semicolon or tab separator). */
function splitCsvLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Positions from broker-style text: one position a line, `symbol, quantity` (further columns, such
 * as an average price, are not read; one holding another option symbol is refused, as a second
 * position laid across the line), with an optional header row naming the columns (Symbol, Qty/
 * Quantity/Position, in any order; a line that reads as a header without them is refused). A
 * column other than those holding a direction word (Short, Sell, BTO...) is refused: the direction
 * is the quantity's sign. A quantity like "1.000" (1, or 1,000 with a thousands dot) is refused.
 * Separator: comma, or semicolon or tab when the first line has one and no comma. Lines end at LF,
 * CRLF or a lone CR. Blank lines are skipped. Every bad line is reported (field `positions line N`)
 * with its fix.
 *
 * @example
 * parsePositionsCsv('Symbol,Qty,Avg Price\nSPXW 250523P03750,-10,12.5', { valuationDate: '2025-04-08' })
 * // [{ leg: { kind: 'spx', type: 'put', strike: 3750, expiry: '2025-05-23', quantity: -10 }, symbol: 'SPXW 250523P03750', line: 2 }]
 */
export function parsePositionsCsv(text: string, rules: PositionRules): HeldPosition[] {
  if (typeof text !== 'string') {
    throw invalidInput('positions', `is ${typeof text}, not text`, 'paste the positions as CSV text');
  }
  const lines = text.split(/\r\n|\r|\n/);
  const first = lines.find((l) => l.trim() !== '') ?? '';
  const sep = first.includes(',') ? ',' : first.includes(';') ? ';' : first.includes('\t') ? '\t' : ',';
  return readRows(
    lines.map((l) => splitCsvLine(l, sep)),
    rules,
    'line',
  );
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
