/**
 * ALVH.PLAN: the whole plan from a two-column range of names and values, read as the taskpane reads
 * its selection (the common reader), explained by the common presenter.
 */
import {
  checkVixFloor,
  checkVxFloor,
  AlvhError,
  grouped,
  MAX_LADDER_CONDORS,
  MAX_SIGNAL_POINTS,
  plan as buildPlan,
  POLICY_FIELDS,
  invalidInput,
  isAlvhError,
  type Plan,
  type PlanInput,
} from '@alvh/shared';
import { FIELD_NAMES, normalizeKey, type FieldName } from '../common/fields';
import { signalForKey } from '../common/formState';
import { indexForKey, issueTarget, numberOrText, planInputFromForm, type IndexName } from '../common/planInput';
import { hasDotGroupedThousands } from '../common/numbers';
import { presentPlan } from '../common/present';
import { shareWords, type PlanRow } from '../common/views';
import { policyRowNames } from '../common/policyWords';
import { readKeyValueRange, unknownKeysError, type SelectionValues } from '../common/selection';
import { settlementDayWarning } from './settlementDay';
import { choiceArg, dateArg, isMissing, isOmitted, plainNumberArg } from './args';
import { rsiArg } from './bounds';
import { excelCall } from './excelErrors';
import { keyValueArg } from './keyValue';
import { checkFilledRows } from './rangeSize';
import { booleanDateRow, heldPastCurve, inSheetRanges, planIssue, rowName } from './planIssues';
import { lastRebalanceOf } from './planLastRebalance';
import { campaignOf, campaignRowForKey, campaignRowOfPath } from './planCampaignRows';
import { addChains, chainArgumentError, chainWords } from './planChains';

/** The keys of a ladder's further condors: condor2Expiry, condor2Strikes, condor2Quantity, condor2Credit … condor12…. */
const LADDER_KEY = /^condor(\d+)(expiry|strikes|quantity|credit)$/;
const LADDER_PARTS = { expiry: 'Expiry', strikes: 'Strikes', quantity: 'Quantity', credit: 'Credit' } as const;
type LadderPart = keyof typeof LADDER_PARTS;

/**
 * The further condors of a ladder from their rows (`condor2Expiry`, `condor2Strikes` as text
 * "5750/5850/7300/7400", `condor2Quantity`, optional `condor2Credit`, up to condor12), in order;
 * the shared schema checks each value and the message names its key.
 */
function ladderOf(rows: readonly (readonly [string, number, LadderPart, unknown])[]): Record<string, unknown>[] {
  const byN = new Map<number, Partial<Record<LadderPart, unknown>>>();
  for (const [key, n, part, value] of rows) {
    if (n < 2 || n > MAX_LADDER_CONDORS)
      throw invalidInput(
        `inputs ${key}`,
        `names condor ${n}`,
        `number the further condors condor2 … condor${MAX_LADDER_CONDORS} (the first is expiry, k1…k4, quantity, credit)`,
      );
    const c = byN.get(n) ?? {};
    if (c[part] !== undefined)
      throw invalidInput(`inputs ${key}`, `gives condor${n}${LADDER_PARTS[part]} again`, 'keep one row per input');
    if (!isMissing(value)) c[part] = part === 'expiry' ? dateArg(`inputs ${key}`, value) : ladderValue(part, value);
    byN.set(n, c);
  }
  const last = Math.max(...byN.keys());
  const out: Record<string, unknown>[] = [];
  for (let n = 2; n <= last; n++) {
    const c = byN.get(n);
    if (c === undefined)
      throw invalidInput(
        `inputs condor${n}Expiry`,
        `is missing while condor${last} is given`,
        `add the condor${n} rows (expiry, strikes, quantity) or renumber the condors from 2 without a gap`,
      );
    out.push({
      ...(c.expiry === undefined ? {} : { expiry: c.expiry }),
      ...(c.strikes === undefined ? {} : { strikes: c.strikes }),
      ...(c.quantity === undefined ? {} : { quantity: c.quantity }),
      ...(c.credit === undefined ? {} : { credit: c.credit }),
    });
  }
  return out;
}

/**
 * Between a ladder's strikes: `/`, `;`, spaces, or a comma that groups no thousands (the comma of
 * "4,100" is the number's own: "4,000/4,100/5,300/5,400" is four strikes).
 */
const STRIKE_SEPARATOR = /\s*(?:[;/]|,(?!\d{3}(?!\d)))\s*|\s+/;

/**
 * A ladder row's value as the first condor's rows read theirs: numeric text is the number under the
 * common rule ("5", "3.05", "4,100"; never "0x10" or a percentage; a quantity's "1.000" is refused as
 * the first condor's is), and the strikes' text is split into four such values; anything else stays
 * as given for the schema to name.
 */
function ladderValue(part: Exclude<LadderPart, 'expiry'>, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  // "1.000" in a quantity stays text: the schema refuses it, and planIssue names both readings
  if (part === 'quantity' && hasDotGroupedThousands(value)) return value.trim();
  if (part !== 'strikes') return numberOrText(value, false);
  return value
    .trim()
    .split(STRIKE_SEPARATOR)
    .map((t) => numberOrText(t, false) ?? t);
}

/** The key a plan input path comes from, for messages: `market.spx` → spx, `market.futures[1].price` → VX2. */
export function planKey(path: string): string {
  // a ladder: condors[0] is the condor of the usual keys, condors[i] the rows of condor(i+1)
  const ladder = /^condors(?:\[(\d+)\](?:\.(\w+))?)?/.exec(path);
  if (ladder) {
    const i = ladder[1] === undefined ? undefined : Number(ladder[1]);
    if (i === 0) return planKey(`condor${path.slice('condors[0]'.length)}`);
    if (i === undefined) return `condor2… (at most ${MAX_LADDER_CONDORS} condors)`;
    const part = (ladder[2] ?? 'expiry') as LadderPart;
    return `condor${i + 1}${LADDER_PARTS[part] ?? ''}`;
  }
  const campaign = campaignRowOfPath(path);
  if (campaign) return campaign;
  const last = /^lastRebalance\.(date|vix|futures)(?:\[(\d+)\])?/.exec(path);
  if (last) {
    if (last[1] === 'futures') return last[2] === undefined ? 'lastVX1…lastVXn' : `lastVX${Number(last[2]) + 1}`;
    return last[1] === 'date' ? 'lastDate' : 'lastVix';
  }
  const index = /^market\.indices\.(\w+)/.exec(path);
  if (index) return (index[1] as string).toUpperCase();
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

/** Kinds of event as a worksheet may write them. */
const EVENT_KIND_NAMES: ReadonlyMap<string, 'FOMC' | 'CPI' | 'PPI'> = new Map([
  ['fomc', 'FOMC'],
  ['cpi', 'CPI'],
  ['ppi', 'PPI'],
]);

/** Most rows of an events range down to its last event, blank rows included: a bound on the reading only. */
const MOST_EVENT_ROWS = 10 * MAX_SIGNAL_POINTS;

/** A header row above the events: its first two cells name the date and the kind ("Date", "Kind"). */
function isEventsHeader(r: readonly unknown[]): boolean {
  const label = (c: unknown) => (typeof c === 'string' ? c.trim().toLowerCase() : '');
  return label(r[0]) === 'date' && ['kind', 'event', 'type'].includes(label(r[1]));
}

/**
 * The events argument: rows of date, kind (FOMC, CPI or PPI) and an optional source, under an
 * optional header row (date, kind, source); blank rows are skipped, and not counted as events.
 * Each bad cell is named by its row, counted from 1.
 */
function eventsArg(range: unknown): { date: string; kind: 'FOMC' | 'CPI' | 'PPI'; source: string }[] {
  checkFilledRows('events', range, {
    most: MAX_SIGNAL_POINTS,
    noun: 'events',
    bound: MOST_EVENT_ROWS,
    boundNoun: 'rows down to the last event',
    fix: `pass at most ${grouped(MAX_SIGNAL_POINTS)} events, a row each`,
  });
  const rows: unknown[][] = Array.isArray(range)
    ? (range as unknown[]).map((r): unknown[] => (Array.isArray(r) ? (r as unknown[]) : [r]))
    : [[range]];
  const out: { date: string; kind: 'FOMC' | 'CPI' | 'PPI'; source: string }[] = [];
  const first = rows.findIndex((r) => !r.every((c) => isMissing(c)));
  rows.forEach((r, i) => {
    if (r.every((c) => isMissing(c))) return;
    if (i === first && isEventsHeader(r)) return;
    const at = `events row ${i + 1}`;
    if (r.length < 2)
      throw invalidInput(
        at,
        `has ${r.length} column`,
        'select two or three columns: date, kind (FOMC, CPI or PPI), source',
      );
    const kindText = typeof r[1] === 'string' ? r[1].trim().toLowerCase() : '';
    const kind = EVENT_KIND_NAMES.get(kindText);
    if (kind === undefined)
      throw invalidInput(
        `${at} kind`,
        isMissing(r[1]) ? 'is empty' : `is ${JSON.stringify(r[1])}`,
        'pass FOMC, CPI or PPI',
      );
    const source = typeof r[2] === 'string' && r[2].trim() !== '' ? r[2].trim() : 'your events (worksheet)';
    out.push({ date: dateArg(`${at} date`, r[0]), kind, source });
  });
  return out;
}

/**
 * The plan of a two-column range of names and values (ALVH.PLAN's reader), with the optional
 * events range and mode; `extend` adds fields read from other arguments (positions) to the plan
 * input before it is built. Errors name the input row (`inputs spx`), the events row, or, for
 * positions, their line or row.
 */
export function planFromRange(
  inputs: unknown,
  extend?: (raw: Record<string, unknown>) => void,
  events?: unknown,
  eventsMode?: unknown,
): Plan {
  const rows = keyValueArg('inputs', inputs);
  const signals: Record<string, unknown> = {};
  const signalKey = new Map<string, string>();
  const lastRows: [string, unknown][] = [];
  const campaignRows: [string, unknown][] = [];
  const ladderRows: [string, number, LadderPart, unknown][] = [];
  const rest: unknown[][] = [];
  const indices: Partial<Record<IndexName, string>> = {};
  const indexKey = new Map<IndexName, string>();
  for (const [key, value] of rows) {
    const k = typeof key === 'string' ? normalizeKey(key) : '';
    // the split's signals, named as the taskpane's Signals boxes are read from a range
    const signal = typeof key === 'string' ? signalForKey(key) : undefined;
    const index = typeof key === 'string' ? indexForKey(key) : undefined;
    if (index !== undefined) {
      const first = indexKey.get(index);
      if (first !== undefined)
        throw invalidInput(
          `inputs ${key}`,
          `gives ${index.toUpperCase()} again (the row "${first}" gives it)`,
          'keep one row per input',
        );
      indexKey.set(index, String(key));
      if (!isMissing(value)) indices[index] = String(plainNumberArg(`inputs ${key}`, value));
    } else if (signal !== undefined) {
      const first = signalKey.get(signal);
      if (first !== undefined)
        throw invalidInput(
          `inputs ${key}`,
          `gives ${signal} again (the row "${first}" gives it)`,
          'keep one row per input',
        );
      signalKey.set(signal, String(key));
      // the RSI as SPLIT reads it: 0.4 (a cell formatted 40%) is a fraction, not an oversold RSI;
      // no signal takes percent text ("40%" read as 0.4 would fire the RSI rule)
      if (!isMissing(value))
        signals[signal] = signal === 'rsi' ? rsiArg(value, `inputs ${key}`) : plainNumberArg(`inputs ${key}`, value);
    } else if (k === 'events' || k === 'eventsmode') {
      throw invalidInput(
        `inputs ${key}`,
        'is not a row of the inputs',
        "pass your events as ALVH.PLAN's second argument (rows of date, kind, source) and the mode as its third",
      );
    } else if (LADDER_KEY.test(k)) {
      const [, n, part] = LADDER_KEY.exec(k) as RegExpExecArray;
      ladderRows.push([key as string, Number(n), part as LadderPart, value]);
    } else if (/^last(date|vix|vx\d+)$/.test(k)) lastRows.push([key as string, value]);
    else if (campaignRowForKey(k) !== undefined) campaignRows.push([key as string, value]);
    else rest.push([key, value]);
  }
  const lastRebalance = lastRebalanceOf(lastRows);
  let selection: SelectionValues;
  try {
    selection = readKeyValueRange(rest, POLICY_FIELDS);
  } catch (e) {
    if (isAlvhError(e))
      throw (
        (e.field === 'date' ? booleanDateRow(rest) : undefined) ??
        new AlvhError(e.code, `inputs ${e.field}`, e.problem, e.fix)
      );
    throw invalidInput('inputs', e instanceof Error ? e.message : String(e), 'check the names in the first column');
  }
  if (selection.unknownKeys.length > 0) throw unknownKeysError(selection.unknownKeys);
  const mode = choiceArg('eventsMode', eventsMode, ['add', 'replace'] as const);
  // an events range whose cells are all empty is the argument left out, as any optional range is:
  // "add" (the default) then adds nothing, "replace" would leave no calendar at all
  const given = isOmitted(events) ? undefined : eventsArg(events);
  if (given !== undefined) {
    signals['events'] = given;
    signals['eventsMode'] = mode;
  } else if (mode === 'replace')
    throw invalidInput(
      'eventsMode',
      `is ${JSON.stringify(eventsMode)} but no events are given`,
      'pass the events range, or leave eventsMode empty',
    );
  // a cell that holds a number is that number, never its text read again ("5000.125" is refused
  // as thousands grouped by a dot); text cells are read by the form's rule
  const numbers = selection.numbers;
  const fields = Object.fromEntries(
    FIELD_NAMES.map((f) => [f, numbers.fields[f] ?? selection.fields[f] ?? '']),
  ) as Record<FieldName, string | number>;
  const raw: Record<string, unknown> = planInputFromForm({
    fields,
    futures: selection.futures ?? [],
    policy: { ...selection.policy, ...numbers.policy },
    indices,
  });
  if (Object.keys(signals).length > 0) raw['signals'] = signals;
  if (lastRebalance !== undefined) raw['lastRebalance'] = lastRebalance;
  const campaign = campaignOf(campaignRows);
  if (campaign !== undefined) raw['campaign'] = campaign;
  if (ladderRows.length > 0) {
    raw['condors'] = [raw['condor'], ...ladderOf(ladderRows)];
    delete raw['condor'];
  }
  extend?.(raw);
  try {
    // VIX and the VX futures, today's and the last rebalance's, as every function takes them;
    // below 1 the plan names the decimal
    for (const [field, at] of [
      ['market', raw['market']],
      ['lastRebalance', raw['lastRebalance']],
    ] as const) {
      const { vix, futures } = (at ?? {}) as { vix?: unknown; futures?: unknown };
      if (typeof vix === 'number' && vix >= 1) checkVixFloor(`${field}.vix`, vix);
      if (Array.isArray(futures))
        futures.forEach((f: { price?: unknown } | undefined, i) => {
          if (typeof f?.price === 'number') checkVxFloor(`${field}.futures[${i}].price`, f.price);
        });
    }
    const result = buildPlan(raw as PlanInput);
    const settlement = settlementDayWarning(
      rest.map(([k]) => k),
      raw['valuationDate'],
    );
    if (settlement !== undefined) result.warnings.unshift(settlement);
    return result;
  } catch (e) {
    throw planRangeError(inSheetRanges(e), raw, rows);
  }
}

/**
 * An error of the plan built from ALVH.PLAN's arguments as the worksheet names it: a chain by its
 * argument (its lines and rows), an event by its row, a position as it is, any other field by the
 * row of the inputs that gives it.
 */
function planRangeError(e: unknown, raw: Record<string, unknown>, rows: [string | number, unknown][]): unknown {
  const chainError = chainArgumentError(e);
  if (chainError !== undefined || !isAlvhError(e)) return chainError ?? e;
  const ev = /^signals\.events(?:\[(\d+)\])?/.exec(e.field);
  const field = ev
    ? ev[1] === undefined
      ? 'events'
      : `events row ${Number(ev[1]) + 1}`
    : e.field.startsWith('positions')
      ? e.field // positions are their own argument: their lines and rows keep their names
      : `inputs ${rowName(planKey(e.field))}`;
  if (field.startsWith('inputs ')) {
    const said = planIssue(e, raw, planKey(e.field), rows);
    if (said !== undefined) return said;
  }
  // a held VIX option past the curve: the future to add is a row of the inputs, not market.futures
  const pastCurve = heldPastCurve(
    e,
    raw['valuationDate'],
    rows.map(([k]) => k),
  );
  // a policy field is a row of the inputs: named as the row is (drawdownDays, not policy.drawdownDays)
  return pastCurve ?? new AlvhError(e.code, field, policyRowNames(e.problem), policyRowNames(e.fix));
}

/**
 * What a PLAN row's number is in, to lead its note: a cell holds a bare number, so a dollar figure
 * says USD (with what it is per), and a share, held as a decimal, says its percentage (0.0532 reads
 * "5.32%", beside a cap the note quotes as 18%).
 */
function noteUnit(row: PlanRow): string | undefined {
  if (row.format === 'usd') return row.unit === undefined ? 'USD' : `USD ${row.unit}`;
  if (row.format === 'pct' && typeof row.value === 'number') return shareWords(row.value);
  return row.unit;
}

/**
 * The whole ALVH plan (method sections 1-8) from a two-column range of names and values, explained line by line. A chain table or spill keeps its marks as quoted whatever the inputs' spx; quotedata text moves them to it.
 * @customfunction PLAN PLAN
 * @helpurl https://localhost:3000/help.html#PLAN
 * @detail inputs The rows, each named as here (any case): date, spx, vix, optional vvix (default: the policy's vol of vol), rate, divYield (optional, default 0: give SPX's, about 0.013), optional VIX9D, VIX3M, VIX6M (points) and SKEW (the SPX surface's term structure and skew), VX1…VXn (points), expiry, k1…k4, quantity, credit, optional further condors of a ladder condor2Expiry, condor2Strikes ("5750/5850/7300/7400"), condor2Quantity, condor2Credit … condor12…, capital, budget (USD), optional rsi, prevSpread, macdHist, adSlope, lastDate, lastVix, lastVX1…, optional campaignBudget, paidOverlay, paidTail (USD: the campaign the plan before of this condor handed back, all three or none; left out at an entry), and any policy field (e.g. tailCoverage).
 * @detail chain A chain is fitted once and kept, not at every recalculation. A table, or the ALVH.SURFACE spill of a table or of quotedata, carries no spot: its marks stay as quoted whatever the inputs' spx. Quotedata text carries its Last: the plan moves its marks to the inputs' spx.
 * @param inputs Two columns, name then value: date, spx, vix, rate, divYield (SPX's, about 0.013), VX1…VXn, expiry, k1…k4, quantity, credit, capital, budget (USD); optional: vvix, VIX9D…SKEW, condor2…, signals, campaignBudget, paidOverlay, paidTail, policy fields.
 * @param [events] Your events: rows of date, kind (FOMC, CPI or PPI) and optional source, under an optional header row (Date, Kind, Source), e.g. the BLS CPI release dates; empty: the calendar shipped with ALVH alone.
 * @param [eventsMode] "add" (default): your events join the calendar shipped with ALVH (FOMC decisions, CPI and PPI releases); "replace": your events are the whole calendar.
 * @param [chain] The day's SPX option chain, all options marked on its surface: a range under a header row (expiry, strike, type, bid, ask; optional root, settlement) of the inputs' date, a cell of quotedata text, or the ALVH.SURFACE spill of either. Empty: VIX's surface.
 * @param [vixChain] The day's VIX option chain, its VIX options marked on its fit in place of the VVIX rule: a range under a header row naming root (VIX or VIXW), expiry, strike, type, bid, ask, dated by the inputs' date; or one cell of quotedata text. Empty: the VVIX rule.
 * @returns Three columns: label, value, explanation; sections for the curve, condor, split, overlay, tail, scenario, costs and caps, campaign, rebalance, events, historical analogs, the audit trail and warnings.
 */
export function plan(
  inputs: unknown[][],
  events?: unknown[][],
  eventsMode?: unknown,
  chain?: unknown[][],
  vixChain?: unknown[][],
): unknown[][] {
  return excelCall(() => {
    const result = planFromRange(inputs, (raw) => addChains(raw, chain, vixChain), events, eventsMode);
    const view = presentPlan(result, 'excel');
    const out: unknown[][] = [[`ALVH plan ${view.date}`, view.headline, '']];
    let section = '';
    for (const row of view.rows) {
      if (row.section !== section) {
        section = row.section;
        out.push([section, '', '']);
      }
      // A cell holds the number alone: its unit (USD per vol point, per day …) leads the note.
      const unit = noteUnit(row);
      out.push([row.label, row.value, unit === undefined ? row.note : `${unit}: ${row.note}`]);
    }
    out.push(['Audit trail', '', '']);
    for (const a of view.audit) out.push([a.rule, a.effect, a.inputs]);
    out.push(['Warnings', view.warnings.length, '']);
    for (const w of view.warnings) out.push(['warning', chainWords(w), '']);
    return out;
  });
}
