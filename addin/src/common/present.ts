/**
 * The plan as the taskpane and ALVH.PLAN show it: an adapter from the shared package's `Plan` to
 * the view model, which numbers a trader reads, in what order, with what unit and what sentence
 * beside them (quoting the plan's own policy). No maths beyond unit conversion and ordering.
 */
import { planGapWords, type FrontierResult, type Plan } from '@alvh/shared';
import { formatValue, plainText } from './views';
import type { PlanRow, PlanTile, PlanView, ValueFormat } from './views';
import { ladderRows } from './presentLadder';
import { eventRows } from './presentEvents';
import { campaignRows, campaignWords } from './presentCampaign';
import { NULL_WORDS, PLAN_ROWS, UNITS } from './presentRows';
import { policyBoxNames, policyRowNames } from './policyWords';

/** The value at a dotted path (`condor.breakEvens.lower`), or undefined. */
export function at(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** A number of the plan as shown; rates in the plan are decimals. */
function planValue(v: unknown, format: ValueFormat): number | string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  void format;
  return undefined;
}

function auditInputs(inputs: unknown): string {
  if (!inputs || typeof inputs !== 'object') return '';
  return Object.entries(inputs as Record<string, unknown>)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toFixed(4)) : String(v)}`)
    .join(', ');
}

/** The four answers a trader reads first: the split, the overlay, the tail hedge, the budget. */
function planTiles(p: Plan): PlanTile[] {
  const usd = (x: number): string => formatValue(x, 'usd');
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return [
    {
      label: 'Split',
      value: `${splitPercents(p.split.calendarShare).join('% / ')}%`,
      sub: `calendar / tail · ${p.regime}`,
    },
    {
      label: 'Calendar overlay',
      value: plural(p.overlay.units, 'unit', 'units'),
      sub: `${p.overlay.structure} · ${usd(p.overlay.cost)}${p.overlay.cut ? ' · cut to budget' : ''}`,
    },
    {
      label: 'Tail hedge',
      value: `${plural(p.tail.contracts, 'VIX call', 'VIX calls')}`,
      sub: `${p.tail.strike} strike · ${p.tail.expiry} · ${usd(p.tail.cost)}${p.tail.cut ? ' · cut to budget' : ''}`,
    },
    {
      label: 'Hedge budget',
      value: usd(p.budget.budget),
      sub: `binding: ${p.budget.binding} · spent ${usd(p.budget.netHedgeDebit)}`,
    },
  ];
}

/**
 * The split's two shares as whole percents that add to 100 (the calendar's rounded, the tail the
 * rest): rounded apart, 38.5% / 61.5% read 39% / 62%.
 */
function splitPercents(calendarShare: number): [number, number] {
  const cal = Math.round(calendarShare * 100);
  return [cal, 100 - cal];
}

/** A ratio shown to two decimals, never as "-0.00". */
function ratio(x: number): string {
  const t = x.toFixed(2);
  return Number(t) === 0 ? '0.00' : t;
}

/** USD to the cent, a loss's minus before the dollar sign: "-$53.78". */
function usdCents(x: number): string {
  const text = Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${x < 0 ? '-' : ''}$${text}`;
}

/** `n` with its noun in the right number: "1 contract", "3 contracts". */
function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * How the rebalance triggers are checked where the plan is read: the plan's own reason when it
 * had a last rebalance; otherwise the inputs the user has (ALVH.PLAN's rows lastDate, lastVix,
 * lastVX1…; the taskpane's Last rebalance entry beside the positions).
 */
function rebalanceStatus(p: Plan, host: PlanHost): string {
  if (p.rebalance.due !== null) return p.rebalance.reason;
  return host === 'excel'
    ? 'no last rebalance given: sized as at an entry (on a later day of this condor, rows lastDate, lastVix and lastVX1…lastVXn check the triggers)'
    : 'no last rebalance given: sized as at an entry (on a later day of this condor, the Last rebalance entry, its date, VIX and VX futures, checks the triggers)';
}

/** What the next plan of this condor takes as its last rebalance, after the Status row's note. */
function nextLastRebalance(p: Plan, host: PlanHost): string {
  if (p.rebalance.due === false) return '; the last rebalance stays as given for the next plan';
  const last =
    host === 'excel'
      ? 'lastDate, lastVix and lastVX1…lastVXn of the next plan'
      : 'the next plan’s Last rebalance (its date, VIX and VX futures)';
  return `; once the orders are filled, this day is ${last}`;
}

/** One historical analog: the contracts the coverage asks for there, and why, and what the plan's contracts do there. */
function analogRow(p: Plan, a: Plan['analogs'][number]): PlanRow {
  const q = p.policy;
  const planned = count(p.tail.contracts, 'contract', 'contracts');
  const verb = p.tail.contracts === 1 ? 'covers' : 'cover';
  const cover =
    p.tail.contracts === 0
      ? 'the plan buys no tail call, so it covers none of that loss'
      : a.planCoverage < 0
        ? `the plan's ${planned} ${p.tail.contracts === 1 ? 'loses' : 'lose'} money there (${usdCents(a.gainPerContract)} a contract: the calls end worth less than their premium)`
        : `the plan's ${planned} ${verb} ${ratio(a.planCoverage)}× of that loss`;
  const why =
    a.contracts === null
      ? `the calls gain nothing at VX ${a.stressedFuture.toFixed(2)}, so no count gives the coverage`
      : `${q.tailCoverage} × condor loss $${Math.round(a.condorLoss).toLocaleString('en-US')} / gain ${usdCents(a.gainPerContract)} per contract`;
  return {
    section: 'Historical analogs',
    label: `${a.date} ${a.label}`,
    value: a.contracts ?? 'no gain',
    format: 'integer',
    note: `contracts for ${q.tailCoverage}× coverage at VIX ${a.vix}: ${why}; ${cover}`,
  };
}

const SURFACE_SOURCES: Readonly<Record<string, string>> = {
  chain: 'an option chain',
  indices: 'the Cboe indices',
};

/**
 * Which surface marked the plan's options, when the plan says (`plan.surface`: its `label`, e.g.
 * "chain of 2023-06-09 13:40 ET (SPXW, 36 expiries)", else its `source`); undefined otherwise. VIX
 * alone (source 'vix-only', labelled "Cboe indices of 2021-11-19 (VIX)") is named as such, its term
 * structure flat: "VIX of 2021-11-19 only (flat term structure)".
 */
export function surfaceText(surface: unknown): string | undefined {
  const source = at(surface, 'source');
  if (typeof source !== 'string') return undefined;
  if (source === 'vix-only') {
    const date = at(surface, 'date');
    return `marks: VIX${typeof date === 'string' && date !== '' ? ` of ${date}` : ''} only (flat term structure)`;
  }
  const label = at(surface, 'label');
  return `marks: ${typeof label === 'string' && label.trim() !== '' ? label.trim() : (SURFACE_SOURCES[source] ?? source)}`;
}

/** Where a plan is read: a worksheet (ALVH.PLAN) or the taskpane. */
export type PlanHost = 'excel' | 'taskpane';

/**
 * The plan as a trader reads it: tiles, headline, the gap in words (with where the plan sits on
 * `frontier` when one of the same input is given), rows with explanations (quoting the policy the
 * plan ran with, `p.policy`), audit trail, warnings.
 */
export function presentPlan(p: Plan, host: PlanHost = 'taskpane', frontier?: FrontierResult): PlanView {
  const raw: unknown = p;
  const policy = p.policy;
  const rows: PlanRow[] = [];
  for (const [section, specs] of PLAN_ROWS) {
    for (const [label, path, format, note] of specs) {
      const v = path === 'rebalance.reason' ? undefined : at(raw, path);
      const value =
        path === 'rebalance.reason'
          ? rebalanceStatus(p, host)
          : v === null && NULL_WORDS[path] !== undefined
            ? NULL_WORDS[path]
            : planValue(v, format);
      const u = UNITS[path];
      const unit = typeof u === 'function' ? u(p) : u;
      if (value !== undefined)
        rows.push({
          section,
          label,
          value,
          format,
          ...(unit === undefined ? {} : { unit }),
          note:
            (typeof note === 'string' ? note : note(policy, p)) +
            (path === 'rebalance.reason' ? nextLastRebalance(p, host) : ''),
        });
    }
    // the campaign handed back, beside the costs it was counted from
    if (section === 'Costs and caps') rows.push(...campaignRows(p, host));
  }
  rows.push(...ladderRows(p));
  rows.push(...eventRows(p));
  for (const a of p.analogs) rows.push(analogRow(p, a));
  const cal = at(raw, 'split.calendarShare');
  const tail = at(raw, 'split.tailShare');
  const regime = at(raw, 'regime') ?? at(raw, 'termStructure.regime');
  const contracts = at(raw, 'tail.contracts');
  const units = at(raw, 'overlay.units');
  const headline = [
    typeof regime === 'string' ? regime : undefined,
    typeof cal === 'number' && typeof tail === 'number'
      ? `${splitPercents(cal)[0]}% calendar / ${splitPercents(cal)[1]}% tail`
      : undefined,
    typeof units === 'number' ? `${units} overlay unit${units === 1 ? '' : 's'}` : undefined,
    typeof contracts === 'number' ? `${contracts} VIX call${contracts === 1 ? '' : 's'}` : undefined,
    surfaceText(at(raw, 'surface')),
  ]
    .filter((x) => x !== undefined)
    .join(' · ');
  // Excel's rows name the policy's fields without `policy.`; the taskpane's boxes by their labels.
  const named = host === 'excel' ? policyRowNames : policyBoxNames;
  const audit = ((at(raw, 'audit') as unknown[] | undefined) ?? []).map((a) => ({
    rule: plainText(at(a, 'rule')),
    inputs: auditInputs(at(a, 'inputs')),
    effect: named(plainText(at(a, 'effect'))),
  }));
  // The API's fields for your events and their mode, in the words of the room the plan is read in.
  const eventsField = host === 'excel' ? "ALVH.PLAN's events argument" : 'the Events box';
  const modeField = host === 'excel' ? "ALVH.PLAN's third argument" : 'the "With the built-in calendar" choice';
  const warnings = ((at(raw, 'warnings') as unknown[] | undefined) ?? [])
    .map(String)
    .map((w) => w.replace('(signals.events)', `(${eventsField})`).replace('(signals.eventsMode)', `(${modeField})`))
    .map((w) => campaignWords(w, host))
    .map(named);
  // The gap in words (the plan's structures summary; plans from older answers may lack it).
  const gap = typeof at(raw, 'structures.summary') === 'string' ? planGapWords(p, frontier) : undefined;
  return {
    date: plainText(at(raw, 'valuationDate')),
    tiles: planTiles(p),
    headline,
    ...(gap === undefined ? {} : { gap }),
    rows,
    audit,
    warnings,
  };
}
