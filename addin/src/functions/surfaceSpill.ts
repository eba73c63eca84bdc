/**
 * An ALVH.SURFACE spill read back as the surface it was fitted as (method Section 2b): ALVH.VOL
 * reads vols off it, and ALVH.PLAN (with ORDERS, STRUCTURES and FRONTIER) marks the plan on it in
 * place of fitting a chain on every recalculation. The spill carries every number the surface is
 * rebuilt from but the spot; its date is its first expiry less that slice's years.
 */
import { numberFromText } from '../common/numbers';
import { SURFACE_COLUMNS } from '../common/surfaceColumns';
import {
  excelSerialToIso,
  invalidInput,
  makeSpxSurface,
  parseIsoDate,
  type SpxSurface,
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

/**
 * The value rows of an argument that is an ALVH.SURFACE spill (all its columns, with or without
 * its header row, empty rows left out), or undefined for anything else (a chain). A range laid out
 * as a spill without all its columns (SURFACE's header, or a first row of numbers: a chain's first
 * row names its columns) is refused, named `name`: a spill selected without its wings.
 */
export function spillValues(arg: unknown, name: string): unknown[][] | undefined {
  const rows = Array.isArray(arg)
    ? (arg as unknown[]).map((r): unknown[] => (Array.isArray(r) ? (r as unknown[]) : [r]))
    : [[arg]];
  const body = rows.filter((r) => !r.every(isMissing));
  const first = body[0] ?? [];
  // a number, or numeric text under the one rule (a spill pasted as CSV text is still a spill)
  const numeric = (c: unknown): boolean =>
    typeof c === 'number' || (typeof c === 'string' && numberFromText(c) !== undefined);
  const isSpill = first.length >= SURFACE_COLUMNS.length && (first[0] === SURFACE_COLUMNS[0] || numeric(first[0]));
  const spillLike =
    (first[0] === SURFACE_COLUMNS[0] && first[1] === SURFACE_COLUMNS[1]) ||
    (first.length > 1 && first.every((c) => numeric(c) || isMissing(c)) && numeric(first[0]));
  if (!isSpill && spillLike)
    throw invalidInput(
      name,
      `has ${first.length} columns, not the ${SURFACE_COLUMNS.length} of an ALVH.SURFACE spill`,
      `select the whole ALVH.SURFACE spill (${SURFACE_COLUMNS.length} columns, expiry to call wing width), with or without its header row`,
    );
  if (!isSpill) return undefined;
  const values = first[0] === SURFACE_COLUMNS[0] ? body.slice(1) : body;
  if (values.length === 0)
    throw invalidInput(name, 'has a header row and no values', 'select the whole ALVH.SURFACE spill');
  return values;
}

/**
 * The surface of a spill's value rows ({@link spillValues}), its cells named `name row N (column)`.
 * `valuationDate`, when given, must be within a day of the spill's own date. The spot is `spot`
 * where the caller knows it (ALVH.PLAN: the inputs' SPX, at which a chain table is fitted), else
 * the first expiry's forward, which stands in for it.
 */
export function spillSurface(values: unknown[][], name: string, valuationDate?: unknown, spot?: number): SpxSurface {
  const slices: SurfaceSlice[] = values.map((r, i) => {
    const at = (j: number) => numberArg(`${name} row ${i + 1} (${SURFACE_COLUMNS[j]})`, r[j]);
    // A wing's three cells are all empty (none) or all numbers.
    const wing = (j: number): { wing?: SviWing } =>
      [0, 1, 2].every((d) => isMissing(r[j + d])) ? {} : { wing: { k: at(j), beta: at(j + 1), delta: at(j + 2) } };
    const put = wing(11).wing;
    const call = wing(14).wing;
    return {
      expiry: excelSerialToIso(`${name} row ${i + 1} (expiry)`, at(0)),
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
  const spillCell = (field: string): string => {
    const m = /^surface\.slices\[(\d+)\]\.(svi\.)?(\w+)(?:\.(\w+))?/.exec(field);
    if (!m) return field;
    const wing = m[3] === 'putWing' ? 'put wing' : m[3] === 'callWing' ? 'call wing' : undefined;
    // a wing's delta is its width in log-moneyness, the spill's column name
    const part = m[4] === 'delta' ? 'width' : m[4];
    const column = wing && part ? `${wing} ${part}` : m[2] ? `SVI ${m[3]}` : m[3]!;
    return `${name} row ${Number(m[1]) + 1} (${column})`;
  };
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
    spillCell,
  );
}
