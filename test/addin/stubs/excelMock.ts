/**
 * A mock `Excel.RequestContext` (office-addin-mock) that records every sheet, range, table, chart
 * and format the taskpane's workbook writers make, for the tests to read back.
 *
 * Cells behave as Excel's do where the writers depend on it: a string written to `Range.values` is
 * read as typed input unless the cell is formatted as text ('@') at that moment, so "2025-05-21"
 * becomes the date serial 45798 and "-$40,000" the number -40000 (office-js issue #229); a number
 * format set afterwards changes how the cell shows, not what it holds.
 */
import { OfficeMockObject } from 'office-addin-mock';

/** What a cell holds and its number format (undefined: General). */
export interface CellRec {
  value?: unknown;
  format?: string | undefined;
}

const EPOCH = Date.UTC(1899, 11, 30);

function serial(y: number, m: number, d: number): number | undefined {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d
    ? (t - EPOCH) / 86_400_000
    : undefined;
}

/**
 * A value as Excel (en-US) stores it when written to a cell of number format `format`: text in a
 * '@' cell, or a string that reads as a number ("12", "-$40,000", "+5%") or a date ("2025-05-21",
 * "5/21/2025") as that number, with the format Excel gives it; anything else as it is.
 */
export function excelInput(v: unknown, format: string | undefined): CellRec {
  if (typeof v !== 'string' || format === '@') return { value: v, format };
  const s = v.trim();
  const num = /^([+-])?(\$)?([+-])?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(%)?$/.exec(s);
  if (num) {
    const sign = (num[1] === '-') !== (num[3] === '-') ? -1 : 1;
    const n = (sign * Number(num[4]!.replace(/,/g, ''))) / (num[5] ? 100 : 1);
    const auto = num[5] ? '0%' : num[2] ? '$#,##0' : undefined;
    return { value: n, format: format ?? auto };
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const date = iso ? serial(+iso[1]!, +iso[2]!, +iso[3]!) : us ? serial(+us[3]!, +us[1]!, +us[2]!) : undefined;
  if (date !== undefined) return { value: date, format: format ?? 'm/d/yyyy' };
  return { value: v, format };
}

/** 0-based (row, col) of the top-left cell and the size of an A1 address ("C5:C9", "A1"); undefined for others. */
export function parseAddress(address: string): { row: number; col: number; rows: number; cols: number } | undefined {
  const cell = (a: string): [number, number] | undefined => {
    const m = /^([A-Z]+)(\d+)$/.exec(a);
    if (!m) return undefined;
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return [Number(m[2]) - 1, col];
  };
  const [a = '', b = a] = address.split(':');
  const from = cell(a);
  const to = cell(b);
  if (!from || !to) return undefined;
  return { row: from[0], col: from[1], rows: to[0] - from[0] + 1, cols: to[1] - from[1] + 1 };
}

export interface TableRec {
  address: string;
  hasHeaders: boolean;
  mock: { name?: string; style?: string };
}
export interface ChartRec {
  type: string;
  source: Rec;
  seriesBy: string;
  mock: {
    title: { text?: string };
    legend: { position?: string };
    axes: { categoryAxis: { title: { text?: string } }; valueAxis: { title: { text?: string } } };
    position?: [string, string];
  };
}
export interface CfRec {
  type: string;
  mock: { colorScale: { criteria?: unknown } };
}
// Ranges are mocks whose assigned properties (values, numberFormat, format.*) we read back.
export type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export interface SheetRec {
  name: string;
  /** Cells by 0-based "row,col", as Excel holds them after every write. */
  cells: Map<string, CellRec>;
  ranges: { address: string; mock: Rec; cfs: CfRec[] }[];
  tables: TableRec[];
  charts: ChartRec[];
  activated: boolean;
  autofit: boolean;
  /**
   * At each `autofitColumns()`, the cells ("row,col") of the fitted columns that held a value then,
   * whole columns: Excel fits a column to every cell in it, whatever range is fitted (office-js
   * issue #1017). The used range's address is "(used)": every column.
   */
  fits: Map<string, unknown>[];
}

/** An error as Office.js rejects `context.sync()` with: `code` one of Excel.ErrorCodes, `message` localised. */
export function officeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'RichApi.Error', code });
}

/** Sheets and tables the workbook has before the writers run (their names). */
export interface Existing {
  sheets?: string[];
  tables?: string[];
}

/**
 * A mock Excel.RequestContext that records every sheet, range, table, chart and format made. As in
 * Excel, `worksheets.add` with a name a sheet has (compared without case) makes `context.sync()`
 * reject with ItemAlreadyExists and adds nothing, and `worksheets.items` / `tables.items` can be read
 * only after `load('items/name')` and a sync, holding the names as they were at that sync.
 */
export function mockContext(selection: unknown[][] = [], existing: Existing = {}) {
  const sheets: SheetRec[] = [];
  const makeSheet = (name: string, listed = true): Rec => {
    const rec: SheetRec = {
      name,
      cells: new Map(),
      ranges: [],
      tables: [],
      charts: [],
      activated: false,
      autofit: false,
      fits: [],
    };
    if (listed) sheets.push(rec);
    const makeRange = (address: string): Rec => {
      const cfs: CfRec[] = [];
      const mock = new OfficeMockObject({
        address,
        format: {
          font: {},
          fill: {},
          autofitColumns: () => {
            rec.autofit = true;
            const at = parseAddress(address);
            const fitted = (col: number): boolean => !at || (col >= at.col && col < at.col + at.cols);
            rec.fits.push(
              new Map(
                [...rec.cells]
                  .filter(([k, c]) => c.value !== undefined && fitted(Number(k.split(',')[1])))
                  .map(([k, c]) => [k, c.value]),
              ),
            );
          },
        },
        conditionalFormats: {
          add: (type: string) => {
            const cf = new OfficeMockObject({ colorScale: {} }) as unknown as CfRec['mock'];
            cfs.push({ type, mock: cf });
            return cf;
          },
        },
      });
      emulateCells(rec, address, mock);
      rec.ranges.push({ address, mock, cfs });
      return mock;
    };
    return new OfficeMockObject({
      name,
      getRange: makeRange,
      getUsedRange: () => makeRange('(used)'),
      activate: () => {
        rec.activated = true;
      },
      tables: {
        add: (address: string, hasHeaders: boolean) => {
          const mock = new OfficeMockObject({}) as unknown as TableRec['mock'];
          rec.tables.push({ address, hasHeaders, mock });
          return mock;
        },
      },
      charts: {
        add: (type: string, source: Rec, seriesBy: string) => {
          const mock = new OfficeMockObject({
            title: {},
            legend: {},
            axes: { categoryAxis: { title: {} }, valueAxis: { title: {} } },
            setPosition: (a: string, b: string) => {
              mock.position = [a, b];
            },
          }) as unknown as ChartRec['mock'];
          rec.charts.push({ type, source, seriesBy, mock });
          return mock;
        },
      },
    });
  };
  const context = new OfficeMockObject({
    workbook: {
      selection: { values: selection },
      getSelectedRange(this: Rec) {
        return this['selection'];
      },
    },
  });

  let failure: Error | undefined;
  const requested = new Set<'worksheets' | 'tables'>();
  const loaded = new Map<string, { name: string }[]>();
  const names = {
    worksheets: () => [...(existing.sheets ?? []), ...sheets.map((s) => s.name)],
    tables: () => [
      ...(existing.tables ?? []),
      ...sheets.flatMap((s) => s.tables.flatMap((t) => (t.mock.name ? [t.mock.name] : []))),
    ],
  };
  const collection = (key: 'worksheets' | 'tables', add?: (name: string) => Rec): Rec => ({
    add,
    load(props: string) {
      if (props !== 'items/name') throw new Error(`the mock loads ${key} 'items/name' only, not '${props}'`);
      requested.add(key);
      return this;
    },
    get items() {
      const l = loaded.get(key);
      if (!l) throw new Error(`${key}.items read before load('items/name') and sync()`);
      return l;
    },
  });
  const workbook = (context as unknown as Rec)['workbook'] as Rec;
  workbook['worksheets'] = collection('worksheets', (name) => {
    if (names.worksheets().some((n) => n.toLowerCase() === name.toLowerCase())) {
      failure ??= officeError('ItemAlreadyExists', 'A resource with the same name or identifier already exists.');
      return makeSheet(name, false);
    }
    return makeSheet(name);
  });
  workbook['tables'] = collection('tables');
  const sync = context.sync.bind(context);
  (context as unknown as Rec)['sync'] = async () => {
    // The batch reaches Excel: loads read the names as they are now, a refused add fails it.
    for (const key of requested)
      loaded.set(
        key,
        names[key]().map((name) => ({ name })),
      );
    requested.clear();
    const e = failure;
    failure = undefined;
    await sync();
    // The round trip: other runs go on meanwhile.
    await new Promise((r) => setTimeout(r, 0));
    if (e) throw e;
  };
  return { context: context as unknown as Excel.RequestContext, sheets };
}

/** A matrix of `rows` × `cols` from a matrix of that shape or one value for every cell (as Office.js takes both). */
function cellsOf(v: unknown, rows: number, cols: number): unknown[][] {
  return Array.isArray(v)
    ? (v as unknown[][])
    : Array.from({ length: rows }, () => Array.from({ length: cols }, () => v));
}

/**
 * `values` and `numberFormat` of a range as accessors on the sheet's cells: a format is stored per
 * cell; values are stored as Excel reads them (see {@link excelInput}) and read back so.
 */
function emulateCells(rec: SheetRec, address: string, mock: Rec): void {
  const at = parseAddress(address);
  if (!at) return;
  const each = (f: (key: string, i: number, j: number) => void): void => {
    for (let i = 0; i < at.rows; i++) for (let j = 0; j < at.cols; j++) f(`${at.row + i},${at.col + j}`, i, j);
  };
  const cell = (key: string): CellRec => {
    let c = rec.cells.get(key);
    if (!c) rec.cells.set(key, (c = {}));
    return c;
  };
  let formats: unknown;
  Object.defineProperty(mock, 'numberFormat', {
    get: () => formats,
    set(v: unknown) {
      formats = v;
      const m = cellsOf(v, at.rows, at.cols);
      each((key, i, j) => (cell(key).format = m[i]?.[j] as string));
    },
  });
  Object.defineProperty(mock, 'values', {
    get() {
      const out: unknown[][] = Array.from({ length: at.rows }, () => []);
      each((key, i, j) => (out[i]![j] = rec.cells.get(key)?.value));
      return out;
    },
    set(v: unknown) {
      const m = cellsOf(v, at.rows, at.cols);
      each((key, i, j) => {
        const c = cell(key);
        const typed = excelInput(m[i]?.[j], c.format);
        c.value = typed.value;
        c.format = typed.format;
      });
    },
  });
}

/** What cell `a1` (e.g. "C9") of a sheet holds: its value and number format (undefined: never written). */
export function cellAt(sheet: SheetRec, a1: string): CellRec {
  const at = parseAddress(a1)!;
  return sheet.cells.get(`${at.row},${at.col}`) ?? {};
}
