/**
 * An ALVH.SURFACE spill read back as the surface it was fitted as (method Section 2b): ALVH.VOL
 * reads vols off it, and ALVH.PLAN (with ORDERS, STRUCTURES and FRONTIER) marks the plan on it in
 * place of fitting a chain on every recalculation. The spill carries every number the surface is
 * rebuilt from but the spot; its date is its first expiry less that slice's years.
 */
import { numberFromText } from '../common/numbers';
import { SURFACE_COLUMNS } from '../common/surfaceColumns';
import {
  MAX_CHAIN_EXPIRIES,
  SurfaceDataSchema,
  excelSerialToIso,
  grouped,
  invalidInput,
  makeSpxSurface,
  parseIsoDate,
  type SpxSurface,
  type SpxSurfaceData,
  type SurfaceSlice,
  type SviWing,
} from '@alvh/shared';
import { dateArg, isMissing, numberArg } from './args';
import { renamed } from './grid';

/** Raw SVI total variance at k = 0. */
function atmVariance(s: SurfaceSlice): number {
  const { a, b, rho, m, sigma } = s.svi;
  return a + b * (-rho * m + Math.sqrt(m * m + sigma * sigma));
}

/** A value row of a spill: its cells and its row in the range as selected (from 1, its header row counted). */
export interface SpillRow {
  row: number;
  cells: unknown[];
}

/**
 * The value rows of an argument that is an ALVH.SURFACE spill (all its columns, with or without
 * its header row, empty rows left out), or undefined for anything else (a chain). A range laid out
 * as a spill without all its columns (SURFACE's header, or a first row of numbers: a chain's first
 * row names its columns) is refused, named `name`: a spill selected without its wings. So is one of
 * more rows than a surface holds expiries ({@link MAX_CHAIN_EXPIRIES}), before any is read.
 */
export function spillValues(arg: unknown, name: string): SpillRow[] | undefined {
  const rows = Array.isArray(arg)
    ? (arg as unknown[]).map((r): unknown[] => (Array.isArray(r) ? (r as unknown[]) : [r]))
    : [[arg]];
  const body: SpillRow[] = [];
  rows.forEach((cells, i) => {
    if (!cells.every(isMissing)) body.push({ row: i + 1, cells });
  });
  const first = body[0]?.cells ?? [];
  // TRANSPOSE of a spill with its header: the names run down the first column
  const down = body.map((r) => r.cells[0]);
  if (down[0] === SURFACE_COLUMNS[0] && down[1] === SURFACE_COLUMNS[1])
    throw invalidInput(
      name,
      'is an ALVH.SURFACE spill laid across: its column names run down the first column',
      'select the spill as ALVH.SURFACE writes it, one row per expiry (not its TRANSPOSE)',
    );
  // a number, or numeric text under the one rule (a spill pasted as CSV text is still a spill)
  const numeric = (c: unknown): boolean =>
    typeof c === 'number' || (typeof c === 'string' && numberFromText(c) !== undefined);
  // SURFACE's header (expiry, forward, …): a chain table's first two columns are never these
  const header = first[0] === SURFACE_COLUMNS[0] && first[1] === SURFACE_COLUMNS[1];
  const isSpill = first.length >= SURFACE_COLUMNS.length && (header || numeric(first[0]));
  const spillLike = header || (first.length > 1 && first.every((c) => numeric(c) || isMissing(c)) && numeric(first[0]));
  if (!isSpill && spillLike)
    throw invalidInput(
      name,
      `has ${first.length} columns, not the ${SURFACE_COLUMNS.length} of an ALVH.SURFACE spill`,
      `select the whole ALVH.SURFACE spill (${SURFACE_COLUMNS.length} columns, expiry to call wing width), with or without its header row`,
    );
  if (!isSpill) return undefined;
  const values = header ? body.slice(1) : body;
  if (values.length === 0)
    throw invalidInput(name, 'has a header row and no values', 'select the whole ALVH.SURFACE spill');
  if (values.length > MAX_CHAIN_EXPIRIES)
    throw invalidInput(
      name,
      `has ${grouped(values.length)} rows of an ALVH.SURFACE spill, more than the ${grouped(MAX_CHAIN_EXPIRIES)} expiries a surface holds`,
      'select the spill alone, one row per expiry',
    );
  return values;
}

/**
 * A field of the surface built from a spill (`surface.slices[2].svi.b`) as the spill's cell
 * (`chain row 4 (SVI b)`: the slice's row in the range, and its column); any other field as it is.
 */
export function spillCellName(name: string, rows: readonly SpillRow[], field: string): string {
  const m = /^surface\.slices\[(\d+)\]\.(svi\.)?(\w+)(?:\.(\w+))?/.exec(field);
  if (!m) return field;
  const wing = m[3] === 'putWing' ? 'put wing' : m[3] === 'callWing' ? 'call wing' : undefined;
  // a wing's delta is its width in log-moneyness, the spill's column name
  const part = m[4] === 'delta' ? 'width' : m[4];
  const column = wing && part ? `${wing} ${part}` : m[2] ? `SVI ${m[3]}` : m[3]!;
  return `${name} row ${rows[Number(m[1])]?.row ?? Number(m[1]) + 1} (${column})`;
}

/**
 * The spill's surface in its data form as the API takes it (`market.surface`), checked by the API's
 * schema (a slice at most 30 years out, a discount factor at most 2, a forward within a tenth to ten
 * times the spot), a refusal named at the spill's cell.
 */
export function spillData(surface: SpxSurface, name: string, rows: readonly SpillRow[]): SpxSurfaceData {
  const data = surface.toData();
  const r = SurfaceDataSchema.safeParse(data);
  if (r.success) return data;
  const issue = r.error.issues[0]!;
  const field = `surface${issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('')}`;
  throw invalidInput(
    spillCellName(name, rows, field),
    issue.message,
    'correct the spill, or pass the chain it was fitted to',
  );
}

/**
 * The surface of a spill's value rows ({@link spillValues}), its cells named `name row N (column)`,
 * N the row in the range as selected.
 * `valuationDate`, when given, must be within a day of the spill's own date. The spot is `spot`
 * where the caller knows it (ALVH.PLAN: the inputs' SPX, at which a chain table is fitted), else
 * the first expiry's forward, which stands in for it.
 */
export function spillSurface(
  values: readonly SpillRow[],
  name: string,
  valuationDate?: unknown,
  spot?: number,
): SpxSurface {
  const slices: SurfaceSlice[] = values.map(({ row, cells: r }) => {
    const at = (j: number) => numberArg(`${name} row ${row} (${SURFACE_COLUMNS[j]})`, r[j]);
    // A wing's three cells are all empty (none) or all numbers.
    const wing = (j: number): { wing?: SviWing } =>
      [0, 1, 2].every((d) => isMissing(r[j + d])) ? {} : { wing: { k: at(j), beta: at(j + 1), delta: at(j + 2) } };
    const put = wing(11).wing;
    const call = wing(14).wing;
    return {
      expiry: excelSerialToIso(`${name} row ${row} (expiry)`, at(0)),
      root: 'SPXW',
      years: at(9),
      forward: at(1),
      discount: at(10),
      svi: {
        a: at(3),
        b: at(4),
        rho: at(5),
        m: at(6),
        sigma: at(7),
        ...(put === undefined ? {} : { putWing: put }),
        ...(call === undefined ? {} : { callWing: call }),
      },
    };
  });
  const t0 = slices[0]!.years;
  const days0 = parseIsoDate('expiry', slices[0]!.expiry);
  // The nearest whole day: a slice's years are its days/365 give or take the hours between the
  // quotes and settlement (under half a day for quotes in trading hours), and 24/365 · 365 is
  // 23.999…, which a floor read as 23 days, the quotes a day late.
  const valuation = new Date((days0 - Math.round(t0 * 365)) * 86_400_000).toISOString().slice(0, 10);
  if (!isMissing(valuationDate)) {
    // a spill carries its own date (the first expiry less its years): a different one is a mistake
    const given = dateArg('valuationDate', valuationDate);
    if (Math.abs(parseIsoDate('valuationDate', given) - parseIsoDate('valuationDate', valuation)) > 1) {
      throw invalidInput(
        'valuationDate',
        `is ${given}, but the SURFACE spill is of ${valuation} (its first expiry less its years)`,
        'leave valuationDate empty with a spill: it applies to a chain table',
      );
    }
  }
  // The surface's own checks name its slices; the sheet knows them as the spill's rows and columns.
  return renamed(
    () =>
      makeSpxSurface({
        valuationDate: valuation,
        spot: spot ?? slices[0]!.forward,
        source: 'chain',
        slices,
        // The first slice's ATM vol in points (a scenario's reference; ALVH.VOL does not move the surface).
        referenceVix: 100 * Math.sqrt(atmVariance(slices[0]!) / t0),
        warnings: [],
        label: `ALVH.SURFACE spill (${slices.length} expiries)`,
      }),
    (field) => spillCellName(name, values, field),
  );
}
