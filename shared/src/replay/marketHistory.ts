/**
 * Parsers for daily market history files: text in, rows out, no I/O. One row per trading day:
 *
 * - `spx`, `vix`, `vvix`, `vix3m`, `vix9d`, `vix6m`, `skew`: closes in index points;
 *   `vixOpen`: the VIX opening print (`cboe-vix`, `vix-ohlcv`), used as the proxy of the VIX special
 *   opening quotation that settles VIX options on their expiry day; `spxOpen`: the SPX opening
 *   print (`spx-ohlcv` files only), the proxy of the SPX special opening quotation that settles
 *   the AM-settled SPX monthlies on their expiry day (the quantintell files have no open).
 * - `vx[i]`: settlement (or close) of the (i+1)-th monthly VX future expiring STRICTLY after
 *   `date`, `null` where the source has no price. On a final-settlement day the expiring
 *   contract has stopped trading, so `vx[0]` is already the next contract (as every file in the
 *   data folder records it). {@link datedCurve} attaches the expiries.
 *
 * Formats (auto-detected from the header where the header identifies them):
 *
 * | format | header | fills |
 * |---|---|---|
 * | `cboe-vix`, `cboe-vix3m`, `cboe-vix9d` | `DATE,OPEN,HIGH,LOW,CLOSE` (m/d/Y) | `vix` (+ `vixOpen`), `vix3m`, `vix9d` |
 * | `cboe-vvix` | `DATE,VVIX` | `vvix` |
 * | `cboe-skew` | `DATE,SKEW` | `skew` |
 * | `quantintell-futures` | `,DATE,VIX,VX1..VX8,SP500` | `vix`, `vx`, `spx` |
 * | `quantintell-cash` | `,DATE,VIX9D,VIX,VIX3M,VIX6M,SP500` | `vix9d`, `vix`, `vix3m`, `vix6m`, `spx` (empty cells = not published yet) |
 * | `leyhline-m1m8` | `"","date","M1".."M8"` | `vx` (`NA` and `0` = no print; values above 50 before 2007-03-26 are divided by 10: VX traded at 10× the index until then, and index-level VX stayed far below 50 in 2004-2007) |
 * | `manumartinb-m1m8` | `Fecha,M1..M8` | `vx` |
 * | `spx-ohlcv`, `vix-ohlcv` | `date,open,high,low,close,volume` | `spx` (+ `spxOpen`), `vix` (+ `vixOpen`) |
 *
 * The Cboe OHLC header is the same for VIX, VIX3M and VIX9D, and the `date,open,...` header the
 * same for SPX and VIX: for those the format must be named; the parser never guesses which index
 * a file holds. In the OHLC files the close must lie within the day's low and high (a line cut
 * short inside its close still parses otherwise). Every rejected cell is reported as `line N (COLUMN)`.
 */
import { invalidInput } from '../errors';
import { parseIsoDate } from '../dates';
import { decimalCell } from '../surface/chainQuotes';
import { refuseUtf16 } from '../textEncoding';

/** One trading day of market history (see the module comment for units and `vx` semantics). */
export interface MarketRow {
  date: string;
  spx?: number;
  spxOpen?: number;
  vix?: number;
  vixOpen?: number;
  vvix?: number;
  vix3m?: number;
  vix9d?: number;
  vix6m?: number;
  skew?: number;
  vx: (number | null)[];
}

export const MARKET_HISTORY_FORMATS = [
  'cboe-vix',
  'cboe-vix3m',
  'cboe-vix9d',
  'cboe-vvix',
  'cboe-skew',
  'quantintell-futures',
  'quantintell-cash',
  'leyhline-m1m8',
  'manumartinb-m1m8',
  'spx-ohlcv',
  'vix-ohlcv',
] as const;

export type MarketHistoryFormat = (typeof MARKET_HISTORY_FORMATS)[number];

/** The date VX futures were rescaled to the index level; the leyhline source quotes 10× before it. */
const VX_RESCALE_DATE = '2007-03-26';

type ScalarField = 'spx' | 'spxOpen' | 'vix' | 'vixOpen' | 'vvix' | 'vix3m' | 'vix9d' | 'vix6m' | 'skew';

interface Layout {
  /** Header cells, lower-cased, as they must appear. */
  header: readonly string[];
  dateColumn: number;
  dateStyle: 'mdy' | 'iso';
  scalars: readonly { column: number; field: ScalarField }[];
  /** First column of VX1 (or M1) and how many. */
  vx?: { first: number; count: number };
  /** Cells that mean "no value" instead of an error. */
  missing: readonly string[];
  /** leyhline: 0 = no print, and 10× prices before the rescale date. */
  leyhline?: boolean;
  /** OHLC files: the columns of the day's high, low and close; the close must lie within [low, high]. */
  range?: { high: number; low: number; close: number };
}

const OHLC = ['date', 'open', 'high', 'low', 'close'] as const;
const OHLCV = ['date', 'open', 'high', 'low', 'close', 'volume'] as const;
const M1M8 = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'] as const;
const VX1VX8 = ['vx1', 'vx2', 'vx3', 'vx4', 'vx5', 'vx6', 'vx7', 'vx8'] as const;
/** Where OHLC and OHLCV files keep the high, low and close. */
const OHLC_RANGE = { high: 2, low: 3, close: 4 } as const;

const LAYOUTS: Record<MarketHistoryFormat, Layout> = {
  'cboe-vix': {
    header: OHLC,
    dateColumn: 0,
    dateStyle: 'mdy',
    scalars: [
      { column: 1, field: 'vixOpen' },
      { column: 4, field: 'vix' },
    ],
    missing: [],
    range: OHLC_RANGE,
  },
  'cboe-vix3m': {
    header: OHLC,
    dateColumn: 0,
    dateStyle: 'mdy',
    scalars: [{ column: 4, field: 'vix3m' }],
    missing: [],
    range: OHLC_RANGE,
  },
  'cboe-vix9d': {
    header: OHLC,
    dateColumn: 0,
    dateStyle: 'mdy',
    scalars: [{ column: 4, field: 'vix9d' }],
    missing: [],
    range: OHLC_RANGE,
  },
  'cboe-vvix': {
    header: ['date', 'vvix'],
    dateColumn: 0,
    dateStyle: 'mdy',
    scalars: [{ column: 1, field: 'vvix' }],
    missing: [],
  },
  'cboe-skew': {
    header: ['date', 'skew'],
    dateColumn: 0,
    dateStyle: 'mdy',
    scalars: [{ column: 1, field: 'skew' }],
    missing: [],
  },
  'quantintell-futures': {
    header: ['', 'date', 'vix', ...VX1VX8, 'sp500'],
    dateColumn: 1,
    dateStyle: 'iso',
    scalars: [
      { column: 2, field: 'vix' },
      { column: 11, field: 'spx' },
    ],
    vx: { first: 3, count: 8 },
    missing: [''],
  },
  'quantintell-cash': {
    header: ['', 'date', 'vix9d', 'vix', 'vix3m', 'vix6m', 'sp500'],
    dateColumn: 1,
    dateStyle: 'iso',
    scalars: [
      { column: 2, field: 'vix9d' },
      { column: 3, field: 'vix' },
      { column: 4, field: 'vix3m' },
      { column: 5, field: 'vix6m' },
      { column: 6, field: 'spx' },
    ],
    missing: [''],
  },
  'leyhline-m1m8': {
    header: ['', 'date', ...M1M8],
    dateColumn: 1,
    dateStyle: 'iso',
    scalars: [],
    vx: { first: 2, count: 8 },
    missing: ['NA', ''],
    leyhline: true,
  },
  'manumartinb-m1m8': {
    header: ['fecha', ...M1M8],
    dateColumn: 0,
    dateStyle: 'iso',
    scalars: [],
    vx: { first: 1, count: 8 },
    missing: [''],
  },
  'spx-ohlcv': {
    header: OHLCV,
    dateColumn: 0,
    dateStyle: 'iso',
    scalars: [
      { column: 1, field: 'spxOpen' },
      { column: 4, field: 'spx' },
    ],
    missing: [],
    range: OHLC_RANGE,
  },
  'vix-ohlcv': {
    header: OHLCV,
    dateColumn: 0,
    dateStyle: 'iso',
    scalars: [
      { column: 1, field: 'vixOpen' },
      { column: 4, field: 'vix' },
    ],
    missing: [],
    range: OHLC_RANGE,
  },
};

/** Split one CSV line; double quotes around a cell are removed (`""` inside is a quote). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

function sameHeader(cells: readonly string[], header: readonly string[]): boolean {
  return cells.length === header.length && cells.every((c, i) => c.toLowerCase() === header[i]);
}

/**
 * The format of a history file from its header line, or an error that says which formats are
 * possible when the header does not decide (Cboe OHLC files, `date,open,...,volume` files).
 *
 * @example detectMarketHistoryFormat('Fecha,M1,M2,M3,M4,M5,M6,M7,M8\n...') // 'manumartinb-m1m8'
 */
export function detectMarketHistoryFormat(text: string): MarketHistoryFormat {
  const first = firstLine(text);
  const cells = splitCsvLine(first);
  const matches = MARKET_HISTORY_FORMATS.filter((f) => sameHeader(cells, LAYOUTS[f].header));
  if (matches.length === 1) return matches[0] as MarketHistoryFormat;
  if (matches.length > 1) {
    throw invalidInput(
      'format',
      `the header "${first}" is shared by ${matches.join(', ')}, so it does not say which index the file holds`,
      `pass the format explicitly, one of: ${matches.join(', ')}`,
    );
  }
  throw invalidInput(
    'line 1',
    `the header "${first.slice(0, 120)}" is not one of the known market history layouts`,
    `pass a file in one of the formats ${MARKET_HISTORY_FORMATS.join(', ')} (see the replay documentation for their headers)`,
  );
}

function firstLine(text: string): string {
  if (typeof text !== 'string')
    throw invalidInput('text', `is ${typeof text}, not text`, 'pass the file contents as a string');
  refuseUtf16(text, 'text');
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nl = body.search(/[\r\n]/);
  const line = (nl < 0 ? body : body.slice(0, nl)).trim();
  if (line === '') throw invalidInput('text', 'is empty (no header line)', 'pass the whole file, header line first');
  return line;
}

function isoFromMdy(s: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (!m) return null;
  return `${m[3]}-${(m[1] as string).padStart(2, '0')}-${(m[2] as string).padStart(2, '0')}`;
}

/**
 * Rows of a market history file, in date order (the file must list each date once, ascending).
 *
 * @param text   the whole file (header first; CRLF or LF; a UTF-8 BOM is ignored)
 * @param format one of {@link MARKET_HISTORY_FORMATS}; detected from the header when omitted
 * @throws AlvhError `invalid_input` naming `line N (COLUMN)` for a cell that is not a date or a
 *   positive number, a date out of order, a row with the wrong number of cells, or (OHLC files,
 *   whose high and low must be positive numbers too) a close outside the day's low-high range
 * @example
 * parseMarketHistory('DATE,VVIX\n03/16/2020,207.59\n')
 * // [{ date: '2020-03-16', vvix: 207.59, vx: [] }]
 */
export function parseMarketHistory(text: string, format?: MarketHistoryFormat): MarketRow[] {
  const detected = format ?? detectMarketHistoryFormat(text);
  const layout = LAYOUTS[detected];
  if (!layout) {
    throw invalidInput(
      'format',
      `is ${JSON.stringify(format)}, not a known format`,
      `pass one of ${MARKET_HISTORY_FORMATS.join(', ')}`,
    );
  }
  const header = firstLine(text);
  const headerCells = splitCsvLine(header);
  if (!sameHeader(headerCells, layout.header)) {
    throw invalidInput(
      'line 1',
      `the header "${header.slice(0, 120)}" is not the ${detected} header "${layout.header.join(',')}"`,
      'pass the file of that format, or the format that matches the file',
    );
  }
  const names = headerCells.map((c, i) => c || `column ${i + 1}`);
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
  const rows: MarketRow[] = [];
  let prevDay = -Infinity;
  let prevDate = '';
  // how this format marks a missing price, if it has a way: the fix names only what it accepts
  const noPrice = layout.missing.includes('')
    ? 'remove the row or leave the cell empty'
    : layout.missing.length > 0
      ? `remove the row or write ${layout.missing.map((m) => `"${m}"`).join(' or ')}`
      : 'remove the row (this format has no missing cells)';
  for (let li = 1; li < lines.length; li++) {
    const raw = (lines[li] as string).trim();
    if (raw === '') continue;
    const where = (col: number): string => `line ${li + 1} (${names[col] ?? `column ${col + 1}`})`;
    const cells = splitCsvLine(raw);
    if (cells.length !== layout.header.length) {
      throw invalidInput(
        `line ${li + 1}`,
        `has ${cells.length} cells, the header has ${layout.header.length}`,
        'repair the line or remove it from the file',
      );
    }
    const dateCell = cells[layout.dateColumn] as string;
    const iso = layout.dateStyle === 'mdy' ? isoFromMdy(dateCell) : dateCell;
    let day: number;
    try {
      if (iso === null) throw new Error('format');
      day = parseIsoDate('date', iso);
    } catch {
      throw invalidInput(
        where(layout.dateColumn),
        `is "${dateCell}", not a date`,
        layout.dateStyle === 'mdy'
          ? 'write dates as m/d/yyyy, e.g. 03/16/2020'
          : 'write dates as YYYY-MM-DD, e.g. 2020-03-16',
      );
    }
    const date = iso;
    if (day <= prevDay) {
      throw invalidInput(
        where(layout.dateColumn),
        `date ${date} is ${day === prevDay ? 'repeated' : `before the previous row's ${prevDate}`}`,
        'list each trading day once, oldest first',
      );
    }
    prevDay = day;
    prevDate = date;

    const readNumber = (col: number, allowZeroAsMissing: boolean): number | null => {
      const cell = cells[col] as string;
      if (layout.missing.includes(cell)) return null;
      // a decimal, as every reader takes one: Number alone reads "0x10" as 16 and "0b11111" as 31
      const x = decimalCell(cell);
      if (cell === '' || !Number.isFinite(x))
        throw invalidInput(where(col), `is "${cell}", not a number`, 'write a price such as 16.25');
      if (x === 0 && allowZeroAsMissing) return null;
      if (x <= 0) throw invalidInput(where(col), `is ${cell}, but a price must be greater than 0`, noPrice);
      return x;
    };

    const row: MarketRow = { date, vx: [] };
    for (const s of layout.scalars) {
      const x = readNumber(s.column, false);
      if (x !== null) row[s.field] = x;
    }
    if (layout.range) checkCloseInRange(cells, layout.range, where, (col) => readNumber(col, false) ?? Number.NaN);
    if (layout.vx) {
      for (let k = 0; k < layout.vx.count; k++) {
        let x = readNumber(layout.vx.first + k, layout.leyhline === true);
        if (x !== null && layout.leyhline && date < VX_RESCALE_DATE && x > 50) x /= 10;
        row.vx.push(x);
      }
    }
    rows.push(row);
  }
  return rows;
}

/**
 * An OHLC row's close must lie within its low-high range: a close outside it is most often a line
 * cut short inside its last number (`...,16.64,1` for `...,16.64,16.64`), which still parses.
 */
function checkCloseInRange(
  cells: readonly string[],
  range: NonNullable<Layout['range']>,
  where: (col: number) => string,
  readNumber: (col: number) => number,
): void {
  const [high, low, close] = [readNumber(range.high), readNumber(range.low), readNumber(range.close)];
  if (close >= low && close <= high) return;
  throw invalidInput(
    where(range.close),
    `is ${cells[range.close]}, outside the day's low-high range ${cells[range.low]}..${cells[range.high]}, so the line is damaged (often cut short inside its last number)`,
    "repair the line from the source (a close within the day's low and high) or remove it",
  );
}

const SCALAR_FIELDS: readonly ScalarField[] = [
  'spx',
  'spxOpen',
  'vix',
  'vixOpen',
  'vvix',
  'vix3m',
  'vix9d',
  'vix6m',
  'skew',
];

/**
 * Merge several sources by date into one row per date, oldest first. For every scalar field the
 * first source (in argument order) that has a value wins; the VX curve is taken whole from the
 * first source whose row has at least one price that day (curves are never mixed slot by slot,
 * since sources differ between settlements and closes).
 *
 * @example
 * mergeMarketHistory(parseMarketHistory(futuresCsv), parseMarketHistory(vvixCsv))
 */
export function mergeMarketHistory(...sources: readonly (readonly MarketRow[])[]): MarketRow[] {
  const byDate = new Map<string, MarketRow>();
  for (const rows of sources) {
    for (const r of rows) {
      let m = byDate.get(r.date);
      if (!m) {
        m = { date: r.date, vx: [] };
        byDate.set(r.date, m);
      }
      for (const f of SCALAR_FIELDS) {
        const v = r[f];
        if (m[f] === undefined && v !== undefined) m[f] = v;
      }
      if (!m.vx.some((x) => x !== null) && r.vx.some((x) => x !== null)) m.vx = r.vx.slice();
    }
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
