/**
 * Form text → the shared `PlanInput` (before zod), and zod issue paths → the form field that shows
 * the message. The numbers are converted here and nowhere else; anything that is not a number is
 * passed on as typed for the shared schema to refuse, and {@link typedIssues} says first, in the
 * form's words, what to type in its box.
 */
import { fieldForKey, normalizeKey } from './fields';
import { MAX_CONTRACTS, policyRange } from '@alvh/shared';
import {
  countWords,
  decimalCommaMessage,
  dotGroupedMessage,
  hasDecimalComma,
  hasDotGroupedThousands,
  numberFromText,
  type ReadingWords,
} from './numbers';
import { notNumberIssues } from './notNumber';
import { percentWithoutSignIssues } from './rateWords';
import { INDEX_NAMES, NUMBER_FIELD_PATHS, type FormState, type IndexName, type NumberField } from './formState';
import { SIGNAL_BOXES, SIGNAL_NAMES, signalForKey, type SignalName } from './formState';
import type { FieldName } from './fields';
import { campaignTarget, type CampaignPart } from './campaign';

export { INDEX_NAMES, SIGNAL_NAMES, type FormState, type IndexName, type SignalName } from './formState';
export { monteCarloInput, stressInput } from './runInputs';

/** The index a key names (VIX9D, VIX3M, VIX6M, SKEW; compared without case), if any. */
export function indexForKey(key: string): IndexName | undefined {
  const k = normalizeKey(key);
  return (INDEX_NAMES as readonly string[]).includes(k) ? (k as IndexName) : undefined;
}

/** What an event line gives as its source when it names none. */
export const TYPED_EVENT_SOURCE = 'your events (taskpane)';

/**
 * Event lines as typed → `signals.events`: each non-blank line is a date, a kind and an optional
 * source, separated by spaces, tabs, commas or semicolons ("2024-07-11 CPI BLS"). Nothing is
 * checked here: the shared schema names the line (`signals.events[2].kind`) and the fix.
 */
export function eventsFromText(text: string): { date: string; kind: string; source: string }[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((line) => {
      const [date = '', kind = '', ...rest] = line.split(/[\s,;]+/);
      const source = rest.join(' ').trim();
      return { date, kind: kind.toUpperCase(), source: source === '' ? TYPED_EVENT_SOURCE : source };
    });
}

/**
 * Text as a number when it is one ({@link numberFromText}), else the trimmed text; blank is
 * undefined. With `percent` false, a number ending in % stays text (the schema then refuses it,
 * and {@link percentIssues} says why): "1.3%" in a price or a count is never 0.013.
 */
export function numberOrText(text: string, percent = true): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (!percent && t.endsWith('%')) return t;
  return numberFromText(t) ?? t;
}

/** The form's fields that are USD amounts, where "40.000" is refused rather than read as $40. */
const USD_FIELDS: ReadonlySet<string> = new Set(['capital', 'budget']);

/**
 * The form's whole-number fields, where "1.000" is refused rather than read as 1 (the policy's
 * whole-number fields alike, {@link isWholePolicy}): how a reading of it is named.
 */
const WHOLE_FIELDS: Partial<Record<FieldName, ReadingWords>> = {
  quantity: countWords('contract', 'contracts', { lo: 1, hi: MAX_CONTRACTS }),
};

/** Whether a policy field takes whole numbers only (days, periods), where "1.000" is refused too. */
function isWholePolicy(key: string): boolean {
  return policyRange(key)?.whole === true;
}

/**
 * How a reading of the whole number at a plan input's `path` is named when its text is dot-grouped
 * ("1.000": 1 or 1,000 contracts): each condor quantity's (a ladder's too) and the policy's whole-number fields';
 * undefined for any other path. The form and ALVH.PLAN name them alike.
 */
export function wholeCountWords(path: string): ReadingWords | undefined {
  // each condor of a ladder (condors[i].quantity) is counted as the one condor's quantity is
  const at = path.replace(/^condors\[\d+\]\./, 'condor.');
  const field = (Object.keys(WHOLE_FIELDS) as NumberField[]).find((f) => NUMBER_FIELD_PATHS[f] === at);
  if (field !== undefined) return WHOLE_FIELDS[field];
  const policy = /^policy\.([A-Za-z]+)$/.exec(path)?.[1];
  const range = policy === undefined ? undefined : policyRange(policy);
  return range?.whole === true ? countWords('', '', range) : undefined;
}

/** Whether a field's text is refused as dot-grouped thousands: a USD amount's or a whole number's. */
function dotGrouped(name: FieldName, text: string): boolean {
  return (USD_FIELDS.has(name) || WHOLE_FIELDS[name] !== undefined) && hasDotGroupedThousands(text);
}

/** The form's fields that are rates or fractions, where "4.3%" means 0.043. */
const PERCENT_FIELDS: ReadonlySet<string> = new Set(['rate', 'divYield']);

/**
 * The policy fields that are fractions or decimals (a share, a rate, a correlation, a volatility, a
 * curve shift, a coverage ratio), where "25%" means 0.25 and "180%" 1.8. Not the vols of vol: VVIX
 * / 100, whose 120 the schema names as VVIX points (1.2), not as 120%.
 */
export const PERCENT_POLICY: ReadonlySet<string> = new Set([
  'curveShiftTrigger',
  'tailCoverage',
  'flatteningMaxShift',
  'flatteningShiftPerPt',
  'volOfVolTilt',
  'minCalendarShare',
  'maxCalendarShare',
  'vegaMatch',
  'vegaMatchCap',
  'tailOtmPct',
  'drawdown',
  'maxHedgeCostRate',
  'targetIrr',
  'maxRiskPct',
  'realizedToImplied',
  'spxVixCorrelation',
]);

/** The number boxes that are never a percentage, and what each is measured in. */
const NOT_PERCENT: Partial<Record<NumberField, string>> = {
  spx: 'index points (e.g. 4982.77)',
  vix: 'VIX points (e.g. 18.5)',
  vvix: 'index points (e.g. 95)',
  k1: 'index points',
  k2: 'index points',
  k3: 'index points',
  k4: 'index points',
  credit: 'index points a contract (e.g. 1.30)',
  quantity: 'contracts',
  capital: 'USD (e.g. 5,000,000)',
  budget: 'USD (e.g. 25,000)',
};

/**
 * Fields typed as a percentage where the input is not a rate or a fraction ("1.3%" as a credit),
 * as issues at their paths: the reason the schema's "pass a number" is shown there.
 */
export function percentIssues(s: FormState): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const pct = (t: string | undefined): boolean => (t ?? '').trim().endsWith('%');
  for (const [field, unit] of Object.entries(NOT_PERCENT) as [NumberField, string][])
    if (pct(s.fields[field]))
      out.push({ path: NUMBER_FIELD_PATHS[field], message: `is a percentage; give it in ${unit}, without %` });
  s.futures.forEach((r, i) => {
    if (pct(r.price))
      out.push({
        path: `market.futures[${i}].price`,
        message: 'is a percentage; give the price in VIX points (e.g. 19.35)',
      });
  });
  for (const n of INDEX_NAMES)
    if (pct(s.indices?.[n]))
      out.push({ path: `market.indices.${n}`, message: 'is a percentage; give the index in its points (e.g. 18.2)' });
  for (const n of SIGNAL_NAMES) {
    const { takes, example } = SIGNAL_BOXES[n];
    if (pct(s.signals?.[n]))
      out.push({ path: `signals.${n}`, message: `is a percentage; give ${takes} without % (e.g. ${example})` });
  }
  for (const [k, v] of Object.entries(s.policy))
    if (pct(v) && !PERCENT_POLICY.has(k))
      out.push({
        path: `policy.${k}`,
        message: 'is not a fraction (it is in points, days or a count): give it without %',
      });
  return out;
}

/**
 * What the form's text says wrong before the schema reads it, as issues at their paths: a
 * percentage where none belongs ({@link percentIssues}) and a USD amount or a whole number with its
 * thousands grouped by a dot ("40.000" in the budget, "1.000" in the quantity), which is refused
 * rather than read as $40 or 1 contract; a decimal comma; a policy fraction typed as a percentage
 * without its % ({@link percentWithoutSignIssues}); and text that is no number at all ("0x10",
 * "abc") or a blank box the plan needs, named with what to type in its box ({@link notNumberIssues}).
 */
export function typedIssues(s: FormState): { path: string; message: string }[] {
  const out = percentIssues(s);
  for (const field of USD_FIELDS) {
    const t = s.fields[field as FieldName] ?? '';
    if (hasDotGroupedThousands(t)) out.push({ path: `portfolio.${field}`, message: dotGroupedMessage(t) });
  }
  for (const [field, amount] of Object.entries(WHOLE_FIELDS) as [FieldName, ReadingWords][]) {
    const t = s.fields[field] ?? '';
    if (hasDotGroupedThousands(t))
      out.push({ path: NUMBER_FIELD_PATHS[field as NumberField], message: dotGroupedMessage(t, amount) });
  }
  for (const [k, v] of Object.entries(s.policy)) {
    const words = wholeCountWords(`policy.${k}`);
    if (words !== undefined && hasDotGroupedThousands(v))
      out.push({ path: `policy.${k}`, message: dotGroupedMessage(v, words) });
  }
  // A decimal comma ("52,33"), which is not a number here: say to write a decimal point.
  const comma = (path: string, t: string | undefined): void => {
    if (t !== undefined && hasDecimalComma(t) && numberFromText(t) === undefined)
      out.push({ path, message: decimalCommaMessage(t) });
  };
  for (const [field, path] of Object.entries(NUMBER_FIELD_PATHS) as [NumberField, string][])
    comma(path, s.fields[field]);
  s.futures.forEach((r, i) => comma(`market.futures[${i}].price`, r.price));
  for (const n of INDEX_NAMES) comma(`market.indices.${n}`, s.indices?.[n]);
  for (const n of SIGNAL_NAMES) comma(`signals.${n}`, s.signals?.[n]);
  for (const [k, v] of Object.entries(s.policy)) comma(`policy.${k}`, v);
  // A policy fraction typed as a percentage without its sign ("18" for 18%): both ways to type it.
  out.push(...percentWithoutSignIssues(s.policy, PERCENT_POLICY));
  // Text that is no number at all ("0x10", "abc"): the box's own fix, not the schema's words for JSON;
  // a box already refused above ("2.000.000", dot-grouped) keeps that one message
  const said = new Set(out.map((i) => i.path));
  out.push(...notNumberIssues(s).filter((i) => !said.has(i.path)));
  return out;
}

/**
 * The curve rows without the blank ones at its end (a row added with "+ row" and left empty): a
 * blank row between two futures stays, for the schema to name it at its place.
 */
function withoutTrailingBlanks(rows: FormState['futures']): FormState['futures'] {
  let n = rows.length;
  while (n > 0 && rows[n - 1]!.expiry.trim() === '' && rows[n - 1]!.price.trim() === '') n -= 1;
  return rows.slice(0, n);
}

/** Drop the keys whose value is undefined (exactOptionalPropertyTypes: absent, never undefined). */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Policy overrides: numbers where the text is a number, the text for enumerations; blanks dropped.
 * A number given as a number (ALVH.PLAN's number cell) is taken as it is.
 */
export function policyOverrides(policy: Record<string, string | number>): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(policy)) {
    // "1.000" in a whole-number field stays text: the schema refuses it, and typedIssues says why.
    const x =
      typeof v === 'number'
        ? v
        : isWholePolicy(k) && hasDotGroupedThousands(v)
          ? v.trim()
          : numberOrText(v, PERCENT_POLICY.has(k));
    if (x !== undefined) out[k] = x;
  }
  return out;
}

/**
 * A form field's text as the plan input takes it: the number it stands for ("4,298.86" is 4298.86),
 * else the trimmed text for the schema to refuse; blank is undefined. A number (ALVH.PLAN's number
 * cell) is taken as it is: only text can be thousands grouped by a dot.
 */
export function formNumber(name: FieldName, text: string | number): number | string | undefined {
  if (typeof text === 'number') return text;
  return dotGrouped(name, text)
    ? text.trim() // not a number: the schema refuses it, and typedIssues says why
    : numberOrText(text, PERCENT_FIELDS.has(name));
}

/**
 * The form as ALVH.PLAN fills it from its range: a field or a policy field may be the number its
 * cell holds, read as that number, while the taskpane's boxes are text.
 */
export type PlanForm = Omit<FormState, 'fields' | 'policy'> & {
  fields: Record<FieldName, string | number>;
  policy: Record<string, string | number>;
};

/** The raw plan input the form describes, ready for `PlanInputSchema`. */
export function planInputFromForm(s: PlanForm): Record<string, unknown> {
  const f = s.fields;
  const num = (name: FieldName): number | string | undefined => formNumber(name, f[name]);
  const text = (name: FieldName): string | number | undefined => {
    const v = f[name];
    return typeof v === 'number' ? v : v.trim() === '' ? undefined : v.trim();
  };
  const overrides = policyOverrides(s.policy);
  const events = eventsFromText(s.events ?? '');
  // the split's signals typed, beside your events under `signals`; a percentage stays text
  const signals = compact({
    ...Object.fromEntries(SIGNAL_NAMES.map((n) => [n, numberOrText(s.signals?.[n] ?? '', false)])),
    ...(events.length > 0 ? { events, eventsMode: s.eventsMode?.trim() || 'add' } : {}),
  });
  const indices = compact(
    Object.fromEntries(INDEX_NAMES.map((n) => [n, numberOrText(s.indices?.[n] ?? '', false)])) as Record<
      IndexName,
      number | string | undefined
    >,
  );
  return compact({
    valuationDate: text('valuationDate'),
    market: compact({
      spx: num('spx'),
      vix: num('vix'),
      vvix: num('vvix'),
      rate: num('rate'),
      divYield: num('divYield'),
      indices: Object.keys(indices).length > 0 ? indices : undefined,
      futures: withoutTrailingBlanks(s.futures).map((r) =>
        compact({ expiry: r.expiry.trim() === '' ? undefined : r.expiry.trim(), price: numberOrText(r.price, false) }),
      ),
    }),
    condor: compact({
      expiry: text('condorExpiry'),
      strikes: [num('k1'), num('k2'), num('k3'), num('k4')],
      quantity: num('quantity'),
      credit: num('credit'),
    }),
    portfolio: compact({ capital: num('capital'), budget: num('budget') }),
    signals: Object.keys(signals).length > 0 ? signals : undefined,
    policy: Object.keys(overrides).length > 0 ? overrides : undefined,
  });
}

/**
 * Where an issue is shown: a scalar field, a curve row's cell, a policy field, a Cboe index, a split
 * signal, the events, the Surface tab's fit, the last rebalance's entry (its date, VIX or a future
 * of its box), a Campaign box, or the form as a whole.
 */
export type IssueTarget =
  | { kind: 'field'; name: FieldName }
  | { kind: 'future'; row: number; cell: 'expiry' | 'price' }
  | { kind: 'futures' }
  | { kind: 'policy'; name: string }
  | { kind: 'index'; name: IndexName }
  | { kind: 'signal'; name: SignalName }
  | { kind: 'events'; line?: number }
  | { kind: 'surface'; part: string }
  | { kind: 'vixChain'; part: string }
  | { kind: 'last'; part: 'date' | 'vix' | 'futures'; row?: number; cell?: 'expiry' | 'price' }
  | { kind: 'campaign'; part: CampaignPart }
  | { kind: 'form' };

const PATHS: Record<string, FieldName> = {
  valuationDate: 'valuationDate',
  'condor.expiry': 'condorExpiry',
  'condor.strikes[0]': 'k1',
  'condor.strikes[1]': 'k2',
  'condor.strikes[2]': 'k3',
  'condor.strikes[3]': 'k4',
  // The order rule (long put < short put < short call < long call) is shown on the first strike.
  'condor.strikes': 'k1',
};

/** The target of a zod issue path such as `market.futures[2].price` or `policy.tailCoverage`. */
export function issueTarget(issuePath: string): IssueTarget {
  // A run's request carries the plan input as `plan` (`plan.market.spx`): the same fields.
  const path = issuePath.replace(/^plan\./, '');
  const fixed = PATHS[path];
  if (fixed) return { kind: 'field', name: fixed };
  const campaign = campaignTarget(path); // before the fields: campaign.budget is not the Hedge budget
  if (campaign) return campaign;
  // before the futures and the fields: lastRebalance.date is not the Date, nor its futures the curve
  const lr = /^lastRebalance(?:\.(date|vix|futures)(?:\[(\d+)\](?:\.(expiry|price))?)?)?/.exec(path);
  if (lr) {
    const part = (lr[1] ?? 'futures') as 'date' | 'vix' | 'futures';
    if (lr[2] === undefined) return { kind: 'last', part };
    return { kind: 'last', part, row: Number(lr[2]), ...(lr[3] ? { cell: lr[3] as 'expiry' | 'price' } : {}) };
  }
  const ev = /^signals\.events(?:Mode)?(?:\[(\d+)\])?/.exec(path);
  if (ev) return ev[1] === undefined ? { kind: 'events' } : { kind: 'events', line: Number(ev[1]) };
  const signal = /^signals\.([A-Za-z]+)$/.exec(path);
  if (signal && signalForKey(signal[1]!) === signal[1]) return { kind: 'signal', name: signal[1] as SignalName };
  const fut = /(?:^|\.)futures(?:\[(\d+)\](?:\.(expiry|price))?)?$/.exec(path);
  if (fut) {
    if (fut[1] === undefined) return { kind: 'futures' };
    return { kind: 'future', row: Number(fut[1]), cell: (fut[2] as 'expiry' | 'price' | undefined) ?? 'price' };
  }
  const index = /^market\.indices\.([a-z0-9]+)/.exec(path);
  if (index && indexForKey(index[1]!)) return { kind: 'index', name: index[1] as IndexName };
  // The surface fitted on the Surface tab (market.surface): not the form's Date or SPX.
  const surface = /^market\.surface(?:\.(.+))?$/.exec(path);
  if (surface) return { kind: 'surface', part: surface[1] ?? '' };
  // The VIX chain box of the Surface tab (market.vixChain, "market.vixChain line 3"): not the curve.
  const vixChain = /^market\.vixChain(?:[.\s](.+)|(\[.+))?$/.exec(path);
  if (vixChain) return { kind: 'vixChain', part: vixChain[1] ?? vixChain[2] ?? '' };
  const pol = /^policy\.([A-Za-z]+)/.exec(path);
  if (pol) return { kind: 'policy', name: pol[1]! };
  const last = path.split('.').pop() ?? '';
  const field = fieldForKey(last);
  if (field) return { kind: 'field', name: field };
  return { kind: 'form' };
}
