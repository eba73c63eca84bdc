/**
 * The plan as the taskpane and ALVH.PLAN show it: an adapter from the shared package's `Plan` to
 * the view model, which numbers a trader reads, in what order, with what unit and what sentence
 * beside them (quoting the plan's own policy). No maths beyond unit conversion and ordering.
 */
import { planGapWords, type FrontierResult, type Plan, type Policy } from '@alvh/shared';
import { formatValue, plainText } from './views';
import type { PlanRow, PlanTile, PlanView, ValueFormat } from './views';
import { ladderRows } from './presentLadder';

/** The value at a dotted path (`condor.breakEvens.lower`), or undefined. */
export function at(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** The unit shown after a plan value, by its path (money per vol point or per day). */
const UNITS: Readonly<Record<string, string>> = {
  'overlay.targetVega': 'per vol point',
  'overlay.vega': 'per vol point',
  'overlay.theta': 'per day',
  'condor.markGreeks.vega': 'per vol point',
  'condor.markGreeks.theta': 'per day',
  'tail.gainPerContract': 'per contract',
};

/** A row's explanation: fixed text, or text that quotes the policy in force. */
type Note = string | ((q: Policy) => string);
type RowSpec = [label: string, path: string, format: ValueFormat, note: Note];

const pc = (x: number): string => `${Number((x * 100).toFixed(2))}%`;

/** The plan's rows a trader reads, section by section: [label, path in the plan, format, explanation]. */
const PLAN_ROWS: [section: string, rows: RowSpec[]][] = [
  [
    'Budget split',
    [
      ['Calendar share', 'split.calendarShare', 'pct', 'of the hedge budget to the calendar overlay'],
      ['Tail share', 'split.tailShare', 'pct', 'of the hedge budget to the VIX call tail hedge'],
      ['Vega match', 'split.vegaMatch', 'pct', 'overlay |vega| as a share of the condor net vega'],
    ],
  ],
  [
    'Calendar overlay',
    [
      ['Structure', 'overlay.structure', 'text', 'policy "overlay"'],
      ['Units', 'overlay.units', 'integer', 'round(target vega / unit vega), within the calendar budget'],
      ['Required units', 'overlay.requiredUnits', 'integer', 'before the budget'],
      ['Target vega', 'overlay.targetVega', 'usd', 'vega match · |condor net vega|'],
      ['Overlay vega', 'overlay.vega', 'usd', 'achieved'],
      ['Cost', 'overlay.cost', 'usd', 'units · unit debit · 100'],
      ['Theta per day', 'overlay.theta', 'usd', 'the carry that subsidises the tail hedge'],
    ],
  ],
  [
    'Tail VIX calls',
    [
      ['Contracts', 'tail.contracts', 'integer', (q) => `ceil(${q.tailCoverage} · scenario loss / gain per contract)`],
      [
        'Strike',
        'tail.strike',
        'points',
        (q) => `F · (1 + ${pc(q.tailOtmPct)}), rounded up to the ${q.vixStrikeStep}-point grid`,
      ],
      [
        'Expiry',
        'tail.expiry',
        'date',
        (q) => `VX expiry ${q.tailDteMin}-${q.tailDteMax} days out, else the nearest to ${q.tailDteTarget}`,
      ],
      ['Premium', 'tail.premium', 'points', 'Black-76 per VIX call'],
      ['Cost', 'tail.cost', 'usd', 'contracts · premium · 100'],
      ["Today's VX future", 'tail.future', 'points', 'of the hedge expiry'],
      ['Stressed future', 'tail.stressedFuture', 'points', 'after the drawdown, from the curve model'],
      ['Required contracts', 'tail.requiredContracts', 'integer', 'before the budget'],
      ['Gain per contract', 'tail.gainPerContract', 'usd', '(stressed call − premium) · 100'],
      ['Coverage achieved', 'tail.coverageAchieved', 'number', 'tail gain / scenario loss'],
    ],
  ],
  [
    'Costs and caps',
    [
      [
        'Budget',
        'budget.budget',
        'usd',
        (q) =>
          `least of your budget, the ${pc(q.maxHedgeCostRate)} cost cap and the budget that keeps a ${pc(q.targetIrr)} return`,
      ],
      ['Binding limit', 'budget.binding', 'text', 'which of the three set the budget'],
      ['Calendar budget', 'budget.calendarBudget', 'usd', 'budget · calendar share'],
      ['Tail budget', 'budget.tailBudget', 'usd', 'budget · tail share'],
      ['Net hedge debit', 'budget.netHedgeDebit', 'usd', 'overlay + tail'],
      [
        'Hedge cost rate',
        'budget.hedgeCostRate',
        'pct',
        (q) => `annualised over max loss; cap ${pc(q.maxHedgeCostRate)}`,
      ],
      [
        'Return on risk after hedges',
        'budget.returnOnRiskAfterHedges',
        'pct',
        (q) => `annualised; target ${pc(q.targetIrr)}`,
      ],
      [
        'Largest condor quantity',
        'capital.maxQuantity',
        'integer',
        (q) => `fits ${pc(q.maxRiskPct)} of capital at risk`,
      ],
      ['Capital at risk', 'capital.used', 'usd', (q) => `max loss + hedge debit; limit ${pc(q.maxRiskPct)} of capital`],
      [
        'Theta subsidy',
        'thetaSubsidy.ratio',
        'number',
        "overlay theta / |tail theta|: how much of the tail's decay the calendar pays",
      ],
    ],
  ],
  [
    'VIX term structure',
    [
      ['VIX', 'termStructure.vixSpot', 'points', 'spot index, points'],
      ['F1 (front VX future)', 'termStructure.f1.price', 'points', 'first VX future expiring after the date'],
      ['F2 (second VX future)', 'termStructure.f2.price', 'points', 'second VX future'],
      ['Spread F1 − F2', 'termStructure.spread', 'points', 'positive = backwardation (stress priced in the front)'],
      ['Contango (%)', 'termStructure.contangoPct', 'points', '(F2/F1 − 1)·100; negative in backwardation'],
      [
        'Regime',
        'regime',
        'text',
        (q) => `steep-backwardation at a spread ≥ ${q.steepSpread}, flat within ±${q.flatBand} points`,
      ],
      [
        'Mean reversion κ',
        'termStructure.fit.kappa',
        'number',
        'per year, fitted to the curve: F(τ) = θ + (VIX − θ)e^(−κτ)',
      ],
      ['Long-run level θ', 'termStructure.fit.theta', 'points', 'where VIX reverts to'],
      [
        'SPX surface',
        'surface.describe',
        'text',
        'every option is marked on it: a chain of the day, the Cboe indices (VIX9D, VIX3M, VIX6M, SKEW) or VIX alone',
      ],
    ],
  ],
  [
    'Iron condor',
    [
      ['Credit', 'condor.credit', 'points', 'per share; × 100 × quantity in USD'],
      ['Max profit', 'condor.maxProfit', 'usd', 'credit · 100 · quantity'],
      ['Max loss', 'condor.maxLoss', 'usd', '(widest wing − credit) · 100 · quantity'],
      ['Break-even low', 'condor.breakEvens.lower', 'points', 'short put − credit'],
      ['Break-even high', 'condor.breakEvens.upper', 'points', 'short call + credit'],
      [
        'Short put distance',
        'condor.zPut',
        'number',
        (q) => `standard deviations, ln(S/K2)/(σ√T); passes at ≥ ${q.minShortStrikeSd}`,
      ],
      ['Short call distance', 'condor.zCall', 'number', 'standard deviations, ln(K3/S)/(σ√T)'],
      [
        'Probability of profit (risk-neutral)',
        'condor.probabilityOfProfit',
        'pct',
        'at expiry, read from the SPX surface (its smile and forward): the chance the option prices imply, not a forecast',
      ],
      ['Days to expiry', 'condor.days', 'integer', 'calendar days'],
      ['Net vega', 'condor.markGreeks.vega', 'usd', 'USD per vol point, on the surface: what the overlay offsets'],
      ['Net theta', 'condor.markGreeks.theta', 'usd', 'USD per calendar day, on the surface'],
    ],
  ],
  [
    'Drawdown scenario',
    [
      [
        'SPX after the drawdown',
        'scenario.stressedSpot',
        'points',
        (q) => `SPX × (1 − ${pc(q.drawdown)}) over ${q.drawdownDays} days`,
      ],
      [
        'VIX after the drawdown',
        'scenario.stressedVix',
        'points',
        (q) => (q.stressVix !== undefined ? 'the policy stressVix' : `VIX + ${q.stressVixPerPct} per 1% of drawdown`),
      ],
      ['Condor loss', 'scenario.condorLoss', 'usd', 'repriced at the stressed spot and vol, at most the max loss'],
    ],
  ],
  [
    'Rebalance',
    [
      [
        'Status',
        'rebalance.reason',
        'text',
        (q) => `due after ${q.rebalanceDays} days or a ${pc(q.curveShiftTrigger)} curve shift`,
      ],
    ],
  ],
];

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
      value: `${Math.round(p.split.calendarShare * 100)}% / ${Math.round(p.split.tailShare * 100)}%`,
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

/** A ratio shown to two decimals, never as "-0.00". */
function ratio(x: number): string {
  const t = x.toFixed(2);
  return Number(t) === 0 ? '0.00' : t;
}

/** `n` with its noun in the right number: "1 contract", "3 contracts". */
function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * How the rebalance triggers are checked where the plan is read: the plan's own reason when it
 * had a last rebalance; otherwise the inputs the user has (ALVH.PLAN's rows lastDate, lastVix,
 * lastVX1…; the taskpane has none, so it points to the worksheet functions).
 */
function rebalanceStatus(p: Plan, host: PlanHost): string {
  if (p.rebalance.due !== null) return p.rebalance.reason;
  return host === 'excel'
    ? 'no last rebalance given: add rows lastDate, lastVix and lastVX1…lastVXn to the inputs to check the triggers'
    : 'no last rebalance given: the taskpane does not take one; check the triggers with ALVH.REBALANCE or ALVH.PLAN (rows lastDate, lastVix, lastVX1…)';
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
        ? `the plan's ${planned} lose money there (coverage ${ratio(a.planCoverage)}×: the calls end worth less than their premium)`
        : `the plan's ${planned} ${verb} ${ratio(a.planCoverage)}× of that loss`;
  const why =
    a.contracts === null
      ? `the calls gain nothing at VX ${a.stressedFuture.toFixed(2)}, so no count gives the coverage`
      : `${q.tailCoverage} × condor loss $${Math.round(a.condorLoss).toLocaleString('en-US')} / gain $${Math.round(a.gainPerContract).toLocaleString('en-US')} per contract`;
  return {
    section: 'Historical analogs',
    label: `${a.date} ${a.label}`,
    value: a.contracts ?? 'no gain',
    format: 'integer',
    note: `contracts for ${q.tailCoverage}× coverage at VIX ${a.vix}: ${why}; ${cover}`,
  };
}

/** A kind's events as read: the dates, "none", or the plan's "no event calendar for this date" note. */
function kindText(k: Plan['signals']['eventsNearByKind'][number] | undefined): string {
  if (k === undefined) return 'not read';
  if (k.events === undefined) return k.note?.replace(/^[A-Z]+: /, '') ?? 'no event calendar for this date';
  const dates = k.events.length === 0 ? 'none' : k.events.map((e) => e.date).join(', ');
  return k.covered ? dates : `${dates} (calendar not complete here)`;
}

/** Per kind of event: those in the condor's life, and those near the valuation date. */
function eventRows(p: Plan): PlanRow[] {
  const source = (kind: string): string =>
    p.signals.eventsSource === 'shipped'
      ? `shipped calendar (${SHIPPED_SPANS[kind] ?? kind})`
      : p.signals.eventsSource === 'given'
        ? 'your events only'
        : 'shipped calendar and your events';
  return p.signals.eventsNearByKind.map((near, i) => ({
    section: 'Events',
    label: `${near.kind} in the condor's life`,
    value: kindText(p.signals.eventsInCondorLifeByKind[i]),
    format: 'text',
    note: `within ${p.policy.eventWindowDays} days of the date: ${kindText(near)}; ${source(near.kind)}`,
  }));
}

/** What the shipped calendar covers per kind (shared/src/signals/events.ts). */
const SHIPPED_SPANS: Readonly<Record<string, string>> = {
  FOMC: 'FOMC decisions 1994-2027',
  CPI: 'CPI releases 2000-2026',
  PPI: 'PPI releases 2000-2026',
};

const SURFACE_SOURCES: Readonly<Record<string, string>> = {
  chain: 'an option chain',
  indices: 'the Cboe indices',
  'vix-only': 'VIX only (flat term structure)',
};

/**
 * Which surface marked the plan's options, when the plan says (`plan.surface`: its `label`, e.g.
 * "chain of 2023-06-09 13:40 ET (SPXW, 36 expiries)", else its `source`); undefined otherwise.
 */
export function surfaceText(surface: unknown): string | undefined {
  const source = at(surface, 'source');
  if (typeof source !== 'string') return undefined;
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
      const value = path === 'rebalance.reason' ? rebalanceStatus(p, host) : planValue(at(raw, path), format);
      const unit = UNITS[path];
      if (value !== undefined)
        rows.push({
          section,
          label,
          value,
          format,
          ...(unit === undefined ? {} : { unit }),
          note: typeof note === 'string' ? note : note(policy),
        });
    }
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
      ? `${Math.round(cal * 100)}% calendar / ${Math.round(tail * 100)}% tail`
      : undefined,
    typeof units === 'number' ? `${units} overlay unit${units === 1 ? '' : 's'}` : undefined,
    typeof contracts === 'number' ? `${contracts} VIX call${contracts === 1 ? '' : 's'}` : undefined,
    surfaceText(at(raw, 'surface')),
  ]
    .filter((x) => x !== undefined)
    .join(' · ');
  const audit = ((at(raw, 'audit') as unknown[] | undefined) ?? []).map((a) => ({
    rule: plainText(at(a, 'rule')),
    inputs: auditInputs(at(a, 'inputs')),
    effect: plainText(at(a, 'effect')),
  }));
  // The API's field for your events, in the words of the room the plan is read in.
  const eventsField = host === 'excel' ? "ALVH.PLAN's events argument" : 'the Events box';
  const warnings = ((at(raw, 'warnings') as unknown[] | undefined) ?? [])
    .map(String)
    .map((w) => w.replace('(signals.events)', `(${eventsField})`));
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
