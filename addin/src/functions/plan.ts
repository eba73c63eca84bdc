/**
 * ALVH.PLAN: the whole plan from a two-column range of names and values, read as the taskpane reads
 * its selection (the common reader), explained by the common presenter.
 */
import {
  AlvhError,
  plan as buildPlan,
  POLICY_FIELDS,
  invalidInput,
  isAlvhError,
  vxExpiriesAfter,
  type Plan,
  type PlanInput,
} from '@alvh/shared';
import { FIELD_NAMES, normalizeKey, type FieldName } from '../common/fields';
import { issueTarget, planInputFromForm } from '../common/planInput';
import { presentPlan } from '../common/present';
import { readKeyValueRange, type SelectionValues } from '../common/selection';
import { dateArg, isMissing, keyValueArg, numberArg } from './args';
import { excelCall } from './excelErrors';

/** Signal keys ALVH.PLAN reads besides the taskpane's fields (compared as the taskpane compares keys). */
const SIGNAL_KEYS: ReadonlyMap<string, 'rsi' | 'prevSpread' | 'macdHist' | 'adSlope'> = new Map([
  ['rsi', 'rsi'],
  ['prevspread', 'prevSpread'],
  ['macdhist', 'macdHist'],
  ['adslope', 'adSlope'],
]);

/**
 * The last rebalance, from the names `lastDate`, `lastVix` and `lastVX1`…`lastVXn` (the futures'
 * expiries are the monthly VX expiries after lastDate); undefined when no such name is given.
 */
function lastRebalanceOf(rows: readonly [string, unknown][]): Record<string, unknown> | undefined {
  if (rows.length === 0) return undefined;
  const byKey = new Map(rows.map(([k, v]) => [normalizeKey(k), [k, v] as const]));
  const dateRow = byKey.get('lastdate');
  const vixRow = byKey.get('lastvix');
  if (!dateRow)
    throw invalidInput('inputs lastDate', 'is missing', 'add a lastDate row with the date of the last rebalance');
  if (!vixRow) throw invalidInput('inputs lastVix', 'is missing', 'add a lastVix row with VIX on that day');
  const date = dateArg(`inputs ${dateRow[0]}`, dateRow[1]);
  const numbered = rows
    .map(([k, v]) => ({ n: /^lastvx(\d{1,2})$/.exec(normalizeKey(k))?.[1], k, v }))
    .filter((r) => r.n !== undefined)
    .map((r) => ({ n: Number(r.n), price: numberArg(`inputs ${r.k}`, r.v) }))
    .sort((a, b) => a.n - b.n);
  const expiries = vxExpiriesAfter(date, numbered[numbered.length - 1]?.n ?? 0);
  return {
    date,
    vix: numberArg(`inputs ${vixRow[0]}`, vixRow[1]),
    futures: numbered.map((f) => ({ expiry: expiries[f.n - 1] as string, price: f.price })),
  };
}

/** The key a plan input path comes from, for messages: `market.spx` → spx, `market.futures[1].price` → VX2. */
function planKey(path: string): string {
  const last = /^lastRebalance\.(date|vix|futures)(?:\[(\d+)\])?/.exec(path);
  if (last) {
    if (last[1] === 'futures') return last[2] === undefined ? 'lastVX1…lastVXn' : `lastVX${Number(last[2]) + 1}`;
    return last[1] === 'date' ? 'lastDate' : 'lastVix';
  }
  const target = issueTarget(path);
  switch (target.kind) {
    case 'field':
      return target.name;
    case 'future':
      return `VX${target.row + 1}`;
    case 'futures':
      return 'VX1…VXn';
    case 'policy':
      return target.name;
    default:
      return path.startsWith('signals.') ? path.slice('signals.'.length) : path;
  }
}

/**
 * The plan of a two-column range of names and values (ALVH.PLAN's reader); `extend` adds fields
 * read from other arguments (positions) to the plan input before it is built. Errors name the
 * input row (`inputs spx`) or, for positions, their line or row.
 */
export function planFromRange(inputs: unknown, extend?: (raw: Record<string, unknown>) => void): Plan {
  const rows = keyValueArg('inputs', inputs);
  const signals: Record<string, number> = {};
  const lastRows: [string, unknown][] = [];
  const rest: unknown[][] = [];
  for (const [key, value] of rows) {
    const k = typeof key === 'string' ? normalizeKey(key) : '';
    const signal = SIGNAL_KEYS.get(k);
    if (signal !== undefined) {
      if (!isMissing(value)) signals[signal] = numberArg(`inputs ${key}`, value);
    } else if (/^last(date|vix|vx\d{1,2})$/.test(k)) lastRows.push([key as string, value]);
    else rest.push([key, value]);
  }
  const lastRebalance = lastRebalanceOf(lastRows);
  let selection: SelectionValues;
  try {
    selection = readKeyValueRange(rest, POLICY_FIELDS);
  } catch (e) {
    if (isAlvhError(e)) throw new AlvhError(e.code, `inputs ${e.field}`, e.problem, e.fix);
    throw invalidInput('inputs', e instanceof Error ? e.message : String(e), 'check the names in the first column');
  }
  if (selection.unknownKeys.length > 0) {
    throw invalidInput(
      'inputs',
      `has unknown name${selection.unknownKeys.length > 1 ? 's' : ''} ${selection.unknownKeys.map((k) => JSON.stringify(k)).join(', ')}`,
      'see ALVH.PLAN help for the names (date, spx, vix, VX1…, k1…k4, capital, policy fields)',
    );
  }
  const fields = Object.fromEntries(FIELD_NAMES.map((f) => [f, selection.fields[f] ?? ''])) as Record<
    FieldName,
    string
  >;
  const raw: Record<string, unknown> = planInputFromForm({
    fields,
    futures: selection.futures ?? [],
    policy: selection.policy,
  });
  if (Object.keys(signals).length > 0) raw['signals'] = signals;
  if (lastRebalance !== undefined) raw['lastRebalance'] = lastRebalance;
  extend?.(raw);
  try {
    return buildPlan(raw as PlanInput);
  } catch (e) {
    if (isAlvhError(e)) {
      // positions are their own argument: their lines and rows keep their names
      const field = e.field.startsWith('positions') ? e.field : `inputs ${planKey(e.field)}`;
      throw new AlvhError(e.code, field, e.problem, e.fix);
    }
    throw e;
  }
}

/**
 * The whole ALVH plan (method sections 1-8) from a two-column range of names and values, explained line by line.
 * @customfunction PLAN PLAN
 * @helpurl https://localhost:3000/help.html#PLAN
 * @param inputs Two columns, name then value: date, spx, vix, vvix, rate, divYield, VX1…VXn (points), expiry, k1…k4, quantity, credit, capital, budget (USD), optional rsi, prevSpread, macdHist, adSlope, lastDate, lastVix, lastVX1…, and any policy field (e.g. tailCoverage).
 * @returns Three columns: label, value, explanation; sections for the curve, condor, split, overlay, tail, scenario, costs and caps, rebalance, historical analogs, the audit trail and warnings.
 */
export function plan(inputs: unknown[][]): unknown[][] {
  return excelCall(() => {
    const result = planFromRange(inputs);
    const view = presentPlan(result, 'excel');
    const out: unknown[][] = [[`ALVH plan ${view.date}`, view.headline, '']];
    let section = '';
    for (const row of view.rows) {
      if (row.section !== section) {
        section = row.section;
        out.push([section, '', '']);
      }
      out.push([row.label, row.value, row.note]);
    }
    out.push(['Audit trail', '', '']);
    for (const a of view.audit) out.push([a.rule, a.effect, a.inputs]);
    out.push(['Warnings', view.warnings.length, '']);
    for (const w of view.warnings) out.push(['warning', w, '']);
    return out;
  });
}
