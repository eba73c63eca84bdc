/**
 * The columns of positions text or an Excel range: the header row read (which column is the symbol,
 * which the signed quantity), and the checks of one row's cells that refuse a layout this reader
 * would misread (a direction apart from the quantity's sign, two positions in one row, a number
 * split by an unquoted thousands comma, a third cell without a header that may hold the quantity).
 * Every cell a message quotes is cut to 40 characters.
 */
import { clip, shown } from '../errors';
import { decimalCell } from '../surface/chainQuotes';

export const SYMBOL = /^([A-Z]{1,6})\s*(\d{2})(\d{2})(\d{2})([CP])(\d+(?:\.\d+)?)$/;

/** A fault on one line; collected and thrown together. */
export class LineFault extends Error {
  constructor(
    readonly column: string,
    readonly text: string,
    /** A header-like line naming no symbol or quantity column: a title line above the header? */
    readonly unrecognised = false,
    /** A second fault reported with this one: the header below a title line, refused for its own reason. */
    readonly below?: { line: number; text: string },
  ) {
    super(text);
  }
}

/**
 * A cell's text, trimmed. A cell that is an object (neither text, a number nor a boolean) has none:
 * its JSON is not what the sheet or file shows, and {@link checkCellValues} names it in the symbol
 * or quantity column.
 */
export function cellText(x: unknown): string {
  if (typeof x === 'string') return x.trim();
  return typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint' ? String(x) : '';
}

/** True for a cell with nothing in it: no value, or blank text (an object cell is not blank). */
export function blankCell(x: unknown): boolean {
  return x === null || x === undefined || (typeof x === 'string' && x.trim() === '');
}

/**
 * A spreadsheet's error value as it is written in a cell or an exported file (#N/A, #DIV/0!, #REF!...):
 * a formula that failed, where a symbol or a quantity should be.
 */
const SHEET_ERROR =
  /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/i;

/** The error value a cell holds (#N/A), or undefined. */
export function sheetError(x: unknown): string | undefined {
  const t = typeof x === 'string' ? x.trim() : '';
  return SHEET_ERROR.test(t) ? t.toUpperCase() : undefined;
}

/**
 * The symbol and quantity cells of a row hold a value: a spreadsheet error (#N/A from a formula) is
 * named as one, with the formula to fix, and an object cell as holding no text; never as a row that
 * is not a position, which the reader asks to delete (a held leg deleted is ordered again).
 */
export function checkCellValues(cells: readonly unknown[], cols: Columns): void {
  for (const [column, i] of [
    ['symbol', cols.symbol],
    ['quantity', cols.quantity],
  ] as const) {
    const c = cells[i];
    const error = sheetError(c);
    if (error !== undefined)
      throw new LineFault(column, `${column} is ${error} (a formula's error); fix the formula or type the ${column}`);
    if (typeof c === 'object' && c !== null)
      throw new LineFault(column, `the ${column} cell holds neither text nor a number; type the ${column}`);
  }
}

/**
 * A number from a cell: numbers as they are; text as a decimal (no "0x10" or "0b11", which `Number`
 * reads as 16 and 3), with $, thousands separators and spaces beside a sign or $ allowed, but not a
 * space between digits ("1 5" is not 15). A header row's price cells read as numbers here; the
 * quantity's text is checked first (`checkQuantityText`: no $).
 */
export function cellNumber(x: unknown): number | undefined {
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

export interface Columns {
  symbol: number;
  quantity: number;
  /** The header's names (undefined without a header row): a refused column is named by them. */
  names?: readonly string[];
}

/**
 * Symbol column names, best first: Symbol, then Contract or Instrument, then Description, a free
 * text that may hold the symbol and may not (a Description before the Symbol is not read).
 */
const SYMBOL_NAMES = [/^symbol$/, /^(contract|instrument)$/, /^description$/];
const QUANTITY_NAME = /^(qty|quantity|position|pos)$/;
/** A header name that looks like a count of contracts though this reader does not take it (Net Qty, Anzahl). */
const QUANTITY_LIKE = /\b(qty|quantity|quantities|contracts|anzahl|menge|lots?|units|shares|stk|st[uü]ck)\b/;
/** The names a header row may give its columns, as a fault lists them. */
const ACCEPTED =
  'a symbol column (Symbol, Contract, Instrument or Description) and a signed quantity column (Qty, Quantity, Position or Pos), in any order';

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
 * reads "Open"), so they are left alone. Matched against {@link cellWords}.
 */
const DIRECTION_WORD =
  /^(short|sell|sold|sld|s|long|buy|bought|bot|b|l|sto|bto|stc|btc|(buy|sell) to (open|close|cover)|sell short|short sale)$/;
const SHORT_WORD = /\b(short|sell|sold|sld|written|wrote|sto)\b/;
const LONG_WORD = /\b(long|buy|bought|bot|bto)\b/;
/**
 * A cell's words: camelCase split, lower case, punctuation and underscores as spaces ("ShortPut",
 * "SHORT_PUT", "Put (Short)" and "Short." read as "short put", "put short", "short").
 */
function cellWords(c: unknown): string {
  return cellText(c)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
/**
 * The side a cell gives a leg: a direction word anywhere with an option word ("Short Put", "Put
 * (Short)", "Naked Short Put", "Short Position", "Short Opt", a Description "Short 10 SPXW ... Put"),
 * or Written alone. 'both' when it names a short and a long. A cell naming no option word ("Long
 * Term Growth", "Short-Term", "Bought 04/01/2025", "Buy-Write", "Long Iron Condor") says nothing
 * of the leg. A strategy naming one direction and a put or call ("Short Put Vertical") is taken
 * as the leg's side: refused against the sign rather than risk a short read as long.
 */
function legSide(words: string): 'short' | 'long' | 'both' | undefined {
  if (/^(written|wrote)$/.test(words)) return 'short';
  if (!/\b(puts?|calls?|options?|opts?|positions?|contracts?)\b/.test(words)) return undefined;
  const short = SHORT_WORD.test(words);
  const long = LONG_WORD.test(words);
  return short && long ? 'both' : short ? 'short' : long ? 'long' : undefined;
}
/** `Long Qty` and `Short Qty`: the quantity split by direction. */
const SPLIT_QUANTITY = /^(long|short|buy|sell)\s?(qty|quantity|position|pos)$/;

function headerName(c: unknown): string {
  return cellText(c).toLowerCase().replace(/_/g, ' ').replace(/\s+/g, ' ');
}

/** A line no cell of which reads as an option symbol or a number: a header, recognised or not. */
function looksLikeHeader(cells: readonly unknown[]): boolean {
  const texts = cells.map(cellText).filter((t) => t !== '');
  // a row holding an error value (#N/A) is a position whose formula failed, named as such
  if (cells.some((c) => sheetError(c) !== undefined)) return false;
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
export function headerColumns(cells: readonly unknown[]): Columns | undefined {
  if (!looksLikeHeader(cells)) return undefined;
  const names = cells.map(headerName);
  const quote = (i: number) => shown(cellText(cells[i]));
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
  const quantities = names.flatMap((n, i) => (QUANTITY_NAME.test(n) ? [i] : []));
  if (quantities.length > 1) {
    const [a, b] = quantities.map(quote);
    const more = quantities.length > 2 ? ` (and ${quantities.length - 2} more)` : '';
    throw new LineFault(
      'header',
      `columns ${a} and ${b}${more} are both named as the quantity; delete or rename the one that is not the signed quantity (a row number, a second count)`,
    );
  }
  // Pos or Position may be a row number beside a quantity this reader does not name (Net Qty)
  const chosen = quantities[0] ?? -1;
  const other = names.findIndex((n, i) => i !== chosen && QUANTITY_LIKE.test(n));
  if (chosen >= 0 && /^pos(ition)?$/.test(names[chosen] ?? '') && other >= 0) {
    throw new LineFault(
      'header',
      `column ${quote(chosen)} would be read as the quantity, but column ${quote(other)} looks like one; rename or delete the one that is not the signed quantity (Pos may be a row number), and name the signed one Qty`,
    );
  }
  const symbol = SYMBOL_NAMES.map((r) => names.findIndex((n) => r.test(n))).find((i) => i >= 0) ?? -1;
  const c = { symbol, quantity: quantities[0] ?? -1 };
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
    `header ${shown(cells.map(cellText).join(','))} is not recognised (no ${c.symbol < 0 ? 'symbol' : 'quantity'} column); name ${ACCEPTED}`,
    true,
  );
}

/** A row naming a symbol column or a count (Symbol, Net Qty, Qty (Quantity)): a header, if refused. */
function namesAColumn(cells: readonly unknown[]): boolean {
  return cells.map(headerName).some((n) => SYMBOL_NAMES.some((r) => r.test(n)) || QUANTITY_LIKE.test(n));
}

/**
 * The columns of the first filled row, read as {@link headerColumns}; where it is refused as no
 * header and one of the next few filled rows is one, the refusal names that row: a broker's title
 * lines above the header ("Positions for account X as of 04/08/2025"). A header below refused for
 * its own reason (a Side column, Net Qty) is that row, its fault reported with the title's.
 */
export function firstHeader(
  rows: readonly (readonly unknown[])[],
  at: number,
  source: 'line' | 'row',
  lines?: readonly number[],
): Columns | undefined {
  try {
    return headerColumns(rows[at] ?? []);
  } catch (e) {
    if (!(e instanceof LineFault) || !e.unrecognised) throw e;
    const filled = rows.flatMap((r, i) => (i > at && r.some((c) => cellText(c) !== '') ? [i] : [])).slice(0, 5);
    let fault: LineFault | undefined;
    const below = filled.find((i) => {
      try {
        return headerColumns(rows[i] ?? []) !== undefined;
      } catch (f) {
        if (!(f instanceof LineFault)) throw f;
        fault = f.unrecognised && !namesAColumn(rows[i] ?? []) ? undefined : f;
        return fault !== undefined;
      }
    });
    if (below === undefined) throw e;
    const n = lines?.[below] ?? below + 1;
    const title = shown((rows[at] ?? []).map(cellText).join(','));
    throw new LineFault(
      'header',
      `${title} is not the header (a title?): ${source} ${n} below names the columns; ${source === 'line' ? `delete the lines above line ${n}` : `start the range at row ${n}`}`,
      false,
      fault && { line: n, text: fault.text },
    );
  }
}

/**
 * A column other than the symbol and the quantity holding a direction word alone (Short, Sell,
 * BTO...): refused, since the direction is read from the quantity's sign only and a short would be
 * taken as long. A leg described by a direction (Short Put, ShortPut, Put (Short), Written, Short
 * 10 SPXW ... Put: {@link legSide}) is refused where it contradicts the quantity's sign (Short Put
 * with 3: the broker's quantity is unsigned); where it agrees (Short Put with -3) the sign already
 * says it.
 */
export function checkNoDirection(cells: readonly unknown[], cols: Columns): void {
  const q = cellNumber(cells[cols.quantity]);
  cells.forEach((c, i) => {
    if (i === cols.symbol || i === cols.quantity) return;
    const words = cellWords(c);
    const side = legSide(words);
    const contradicts =
      q !== undefined && q !== 0 && side !== undefined && (side === 'both' || side !== (q > 0 ? 'long' : 'short'));
    if (!DIRECTION_WORD.test(words) && !contradicts) return;
    const column = `column ${cols.names?.[i] ? shown(cols.names[i]) : i + 1} holds ${shown(cellText(c))}`;
    if (side === 'both')
      throw new LineFault(
        'header',
        `${column}, naming a short and a long leg; the direction is the quantity's sign: one position a row, -3 for short 3, 3 for long 3`,
      );
    if (contradicts)
      throw new LineFault(
        'header',
        `${column}, but the quantity ${q} reads as ${side === 'long' ? 'short' : 'long'}; the direction is the quantity's sign: write -3 for short 3, 3 for long 3`,
      );
    throw new LineFault(
      'header',
      `${column}, a direction apart from the quantity, not read (the position would be taken as long); fold it into the quantity's sign: -3 for short 3`,
    );
  });
}

/**
 * A column other than the symbol and the quantity holding an option symbol: a second position laid
 * out across the row (symbol, quantity, symbol, quantity). Refused, since only the first is read:
 * the second would be taken as not held and ordered again. The row's own symbol written again (an
 * export with a Symbol and an OCC symbol column) is the same position, not read.
 */
export function checkOnePosition(
  cells: readonly unknown[],
  cols: Columns,
  source: 'line' | 'row',
  contract: (symbol: string) => string | undefined,
): void {
  // the same contract however written (SPXW 250523P03750 and the OCC SPXW  250523P03750000)
  const key = (c: unknown): string => contract(cellText(c)) ?? cellText(c).toUpperCase().replace(/\s+/g, '');
  const own = key(cells[cols.symbol]);
  cells.forEach((c, i) => {
    if (i === cols.symbol || i === cols.quantity) return;
    const t = cellText(c);
    if (!SYMBOL.test(t.toUpperCase()) || key(c) === own) return;
    const name = cols.names?.[i];
    throw new LineFault(
      'symbol',
      `column ${name ? shown(name) : i + 1} holds another option symbol (${clip(t)}); put one position a ${source} (symbol, quantity)`,
    );
  });
}

/**
 * A quantity cell holding an option symbol beside one, in a range not laid out across (that is
 * {@link checkNotTransposed}): two legs on one row (`SPXW ...P03750, SPXW ...P03800, -3`), refused
 * as a second position like {@link checkOnePosition}'s, not as a quantity.
 */
export function checkNotAcross(cells: readonly unknown[], cols: Columns, source: 'line' | 'row'): void {
  const t = cellText(cells[cols.quantity]);
  // a symbol beside a symbol: a quantity before its symbol (-3, SPXW ...) is a mistyped row, shown the format
  if (!optionSymbol(t) || !optionSymbol(cellText(cells[cols.symbol]))) return;
  const name = cols.names?.[cols.quantity];
  throw new LineFault(
    'symbol',
    `column ${name ? shown(name) : cols.quantity + 1} holds another option symbol (${clip(t)}); put one position a ${source} (symbol, quantity)`,
  );
}

function optionSymbol(t: string): boolean {
  return SYMBOL.test(t.toUpperCase());
}

/** The option symbols of `cells` from column `from` on, if every filled cell there is one. */
function symbolsAlong(cells: readonly unknown[] | undefined, from: number): string[] {
  const filled = (cells ?? [])
    .slice(from)
    .map(cellText)
    .filter((t) => t !== '');
  return filled.every(optionSymbol) ? filled : [];
}

/**
 * Positions laid out across, read from the first filled row `at`: a first column of labels
 * (`Symbol`, `Qty`) with option symbols along the row after it (or along the next row, under a
 * label), or option symbols filling the row with quantities below them in two or more columns.
 * Refused as that layout, and the reading stops (each row read as symbol, quantity would be told
 * it holds another option symbol, and the row of quantities to be deleted). Two legs on one row
 * with nothing below (`SPXW ...P03750, SPXW ...P03800, -3`) is not this layout.
 */
export function checkNotTransposed(rows: readonly (readonly unknown[])[], at: number, source: 'line' | 'row'): void {
  const first = rows[at] ?? [];
  const next = rows.slice(at + 1).find((r) => r.some((c) => !blankCell(c)));
  const label = (r: readonly unknown[] | undefined) => r !== undefined && namesAColumn([r[0]]);
  let symbols = label(first) ? symbolsAlong(first, 1) : [];
  if (symbols.length === 0 && label(first) && label(next)) symbols = symbolsAlong(next, 1);
  const labelled = symbols.length > 0;
  if (!labelled) {
    const along = symbolsAlong(first, 0).length >= 2;
    const agreeing = first.filter((c, j) => optionSymbol(cellText(c)) && cellNumber(next?.[j]) !== undefined);
    if (along && agreeing.length >= 2) symbols = agreeing.map(cellText);
  }
  if (symbols.length === 0) return;
  const shape = labelled
    ? `a first column of labels (${shown(cellText(first[0]))}), option symbols along a ${source}`
    : `option symbols along the ${source}, quantities below`;
  throw new LineFault(
    'header',
    `${shape} (${clip(symbols[0] ?? '')}${symbols.length > 1 ? ', …' : ''}): ${source === 'row' ? 'the range looks transposed; lay the symbols down a column, their quantities beside them (Paste Special ▸ Transpose)' : 'the positions look laid out across; put one position a line: symbol, quantity'}`,
  );
}

/** Text that reads as an option written some other way or mistyped: a date's digits, a C or P by a digit, Put or Call. */
const OPTION_LIKE = /\d{5,}|\d[CP]|\b(PUTS?|CALLS?)\b/;
/**
 * A symbol cell opening with a root the method trades (SPX, SPXW, VIX, VIXW) as a word: an option
 * in a broker's notation (`SPX 23MAY25 3750 P`), or its root alone (`VIX`). Not VIXY, VXX, UVXY or
 * SPXL, and not a root named elsewhere in the row (a VIX ETN's Description names VIX).
 */
const ROOT_FIRST = /^(SPXW?|VIXW?)\b/;
/**
 * A symbol cell that reads as an option in a broker's notation: a date with slashes or dashes
 * (05/23/2025, 2025-05-23) or a lone C or P at the end (`... 3750.00 P`, `SPX 23MAY25 3750 P`).
 * Tested in the symbol cell only: a stock row's other cells may hold a date (acquired 04/01/2025).
 */
const NOTATION = /\d[/-]\d{1,2}[/-]\d|\s[CP]$/;

/**
 * A row no cell of which (but numbers) is or looks like an option symbol (`Total,-10`, `Cash & Cash
 * Investments,`, a stock `SPY,100`, a totals row with an empty symbol, a VIX ETN or future whose
 * Description names VIX): not a position at all, so the fix is to delete it, not the symbol format
 * a mistyped option symbol is shown. A row whose symbol opens with a root the method trades, holds
 * a date or ends in C or P is an option written in another notation (`SPXW 05/23/2025 3750.00 P`):
 * it is shown the format, never told to be deleted; but a root alone with an empty quantity (`SPX,,,,`,
 * a thinkorswim group's heading line) is no position. Where the symbol is read from a Description
 * column (free text: `ALPHABET INC CLASS C`, `VIX FUTURES JUN 2025`), it takes the root and a date
 * or a lone C or P together.
 */
export function checkOptionRow(cells: readonly unknown[], cols: Columns): void {
  const optionLike = (c: unknown): boolean => {
    const u = cellText(c).toUpperCase();
    return cellNumber(c) === undefined && (OPTION_LIKE.test(u) || SYMBOL.test(u));
  };
  const u = cellText(cells[cols.symbol]).toUpperCase();
  const described = headerName(cols.names?.[cols.symbol]) === 'description';
  // a root alone with no quantity: a group's heading line (thinkorswim's `SPX,,,,` above or below its options)
  const heading = /^(SPXW?|VIXW?)$/.test(u) && cellText(cells[cols.quantity]) === '';
  const notation = described ? ROOT_FIRST.test(u) && NOTATION.test(u) : ROOT_FIRST.test(u) || NOTATION.test(u);
  if (cells.some(optionLike) || (notation && !heading)) return;
  const t = cellText(cells[cols.symbol]);
  const what =
    t === ''
      ? 'the symbol cell is empty'
      : heading
        ? `symbol ${shown(t)} is a root alone with no quantity`
        : `symbol ${shown(t)} is not an option symbol`;
  const kind = heading ? "a group's heading line?" : 'a total, cash or a stock?';
  throw new LineFault('symbol', `${what}, so the row is not an option position (${kind}); delete the row`);
}

/** What a row without a header is asked for where its third cell may hold the quantity. */
const ADD_HEADER = 'add a header row naming the columns (Symbol, Quantity, …)';

/**
 * Without a header, the columns are symbol, quantity and cells not read (an average price), so a
 * third cell that may be part of the quantity is refused rather than guessed: the shape of a
 * thousands comma split in two (`VIX 250521C00033000,1,200`: a second cell of 1 to 3 digits, a
 * third of exactly 3, read as 1 where 1,200 were held), and a negative number (`SPXW
 * 250523P03750,12,-10`: a price before the quantity, read as 12 long where 10 were short).
 */
function checkHeaderless(cells: readonly unknown[], source: 'line' | 'row'): void {
  const [second, third] = [cellText(cells[1]), cellText(cells[2])];
  if (/^[-+]?\d{1,3}$/.test(second) && /^\d{3}$/.test(third)) {
    const joined = `${second},${third}`;
    throw new LineFault(
      'width',
      source === 'line'
        ? `without a header, ${shown(third)} after the quantity ${second} may be the rest of ${joined} split by an unquoted thousands comma; quote it ("${joined}") or remove the separator, or ${ADD_HEADER}`
        : `without a header, ${shown(third)} after the quantity ${second} may be the rest of ${joined} split in two by Text to Columns; put the number back in one cell, or ${ADD_HEADER}`,
    );
  }
  const n = cellNumber(cells[2]);
  if (n !== undefined && n < 0) {
    throw new LineFault(
      'width',
      `without a header, column 3 holds a negative number (${shown(third)}): it may be the quantity, with a price before it in column 2; ${ADD_HEADER}`,
    );
  }
}

/**
 * Under a header, a line or range row with a filled cell past the last column the header names:
 * most often a number with an unquoted thousands comma (`VIX 250521C00033000,1,200` read as 1), or
 * in a range split by Text to Columns. Refused rather
 * than the first part read; empty cells past the header (a trailing separator) are no fault.
 */
export function checkWidth(cells: readonly unknown[], cols: Columns, source: 'line' | 'row'): void {
  if (cols.names === undefined) return checkHeaderless(cells, source);
  const filled = (xs: readonly unknown[]) => xs.reduce<number>((w, c, i) => (cellText(c) === '' ? w : i + 1), 0);
  const width = filled(cols.names);
  const extra = cells.slice(width).find((c) => cellText(c) !== '');
  if (extra === undefined) return;
  const past = `${shown(cellText(extra))} past the ${width} columns the header names`;
  throw new LineFault(
    'width',
    source === 'line'
      ? `it has ${filled(cells)} cells, more than the ${width} columns the header names (${shown(cellText(extra))} past them): a number with an unquoted thousands comma is split in two; quote it ("1,200") or remove the separator`
      : `the row has a filled cell (${past}): a number such as 1,200 split in two by Text to Columns? Put the number back in one cell, or name the column in the header`,
  );
}
