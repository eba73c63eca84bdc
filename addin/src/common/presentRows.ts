/**
 * The plan's rows as the taskpane and ALVH.PLAN show them, section by section: label, the field's
 * path in the plan, its format, and the sentence beside it (quoting the policy in force and, where
 * the basis depends on it, the plan), with the unit shown after some values.
 */
import type { Plan, Policy } from '@alvh/shared';
import { formatValue, shareWords as pc, type ValueFormat } from './views';

/** The unit of the overlay's vega: per SPX vol point, or per VIX point for a VIX diagonal. */
function overlayVegaUnit(p: Plan): string {
  return p.overlay.vegaUnit === 'USD per VIX point' ? 'per VIX point' : 'per vol point';
}

/** What a break-even shows on a side whose wing is narrower than the credit (the plan gives null there). */
export const NO_BREAK_EVEN = {
  lower: 'none: the credit exceeds the put wing, so this side cannot lose',
  upper: 'none: the credit exceeds the call wing, so this side cannot lose',
} as const;

/** The words a row shows where the plan's value is null by design. */
export const NULL_WORDS: Readonly<Record<string, string>> = {
  'condor.breakEvens.lower': NO_BREAK_EVEN.lower,
  'condor.breakEvens.upper': NO_BREAK_EVEN.upper,
};

/** The unit shown after a plan value, by its path (money per vol point or per day). */
export const UNITS: Readonly<Record<string, string | ((p: Plan) => string)>> = {
  // the condor's vega per vol point, whatever the overlay's exposure is counted in
  'overlay.targetVega': 'per vol point',
  'overlay.vega': overlayVegaUnit,
  'overlay.theta': 'per day',
  'condor.markGreeks.vega': 'per vol point',
  'condor.markGreeks.theta': 'per day',
  'bookGreeks.delta': 'per SPX point',
  'bookGreeks.gamma': 'per SPX point²',
  'bookGreeks.vega': 'per vol point',
  'bookGreeks.theta': 'per day',
  'bookGreeks.vixDelta': 'per VX point',
  'bookGreeks.vixVega': 'per vol point',
  'tail.gainPerContract': 'per contract',
};

/** A row's explanation: fixed text, or text that quotes the policy in force (and the plan). */
type Note = string | ((q: Policy, p: Plan) => string);
type RowSpec = [label: string, path: string, format: ValueFormat, note: Note];

/** A layer's budget: its share of today's budget, or its part of the campaign read (Campaign rows). */
function layerBudget(p: Plan, layer: 'calendar' | 'tail'): string {
  if (p.budget.campaign === undefined) return `budget · ${layer} share`;
  return `the campaign’s part for the ${layer === 'calendar' ? 'overlay' : 'tail'} (Campaign, below), not today’s budget · ${layer} share`;
}

/** The plan's rows a trader reads, section by section: [label, path in the plan, format, explanation]. */
export const PLAN_ROWS: [section: string, rows: RowSpec[]][] = [
  [
    'Budget split',
    [
      ['Calendar share', 'split.calendarShare', 'pct', 'of the hedge budget to the calendar overlay'],
      ['Tail share', 'split.tailShare', 'pct', 'of the hedge budget to the VIX call tail hedge'],
      [
        'Vega match',
        'split.vegaMatch',
        'pct',
        'the target: overlay |vega| as a share of the condor net vega, before rounding and the budget',
      ],
    ],
  ],
  [
    'Calendar overlay',
    [
      ['Structure', 'overlay.structure', 'text', 'policy "overlay"'],
      ['Units', 'overlay.units', 'integer', 'round(target vega / unit vega), within the calendar budget'],
      ['Required units', 'overlay.requiredUnits', 'integer', 'before the budget'],
      [
        'Target vega',
        'overlay.targetVega',
        'usd',
        (_q, p) =>
          `vega match · |condor net vega| (${p.condors.length > 1 ? 'the ladder’s, ' : ''}on the surface)${
            p.overlay.vegaUnit === 'USD per VIX point'
              ? '; the diagonal matches it per VIX point (the method counts a VIX point as a vol point)'
              : ''
          }`,
      ],
      ['Overlay vega', 'overlay.vega', 'usd', 'achieved'],
      [
        'Cost',
        'overlay.cost',
        'usd',
        (_q, p) => `units · unit cost (${formatValue(p.overlay.unitCost, 'usd')} a unit)`,
      ],
      [
        'Theta per day',
        'overlay.theta',
        'usd',
        'the Greek, at fixed vols: the carry section 5 counts on to pay the tail',
      ],
      [
        'Carry per day on the surface',
        'carry.overlay',
        'usd',
        'a day held, SPX and VIX unchanged, vols by tenor: what the stress grid and Monte Carlo count',
      ],
    ],
  ],
  [
    'Tail VIX calls',
    [
      ['Contracts', 'tail.contracts', 'integer', 'what the tail budget buys of the required contracts (below)'],
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
      ['Premium', 'tail.premium', 'points', 'Black-76, points a share (× 100 for one call)'],
      ['Cost', 'tail.cost', 'usd', 'contracts · premium · 100'],
      ["Today's VX future", 'tail.future', 'points', 'of the hedge expiry'],
      [
        'Stressed future',
        'tail.stressedFuture',
        'points',
        (q) =>
          `after the drawdown: F + ΔVIX · e^(−κτ) at the shock's κ = ${q.shockKappa} (policy shockKappa), not the curve's fitted κ`,
      ],
      [
        'Required contracts',
        'tail.requiredContracts',
        'integer',
        (q) => `ceil(${q.tailCoverage} · scenario loss / gain per contract), before the budget`,
      ],
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
      ['Calendar budget', 'budget.calendarBudget', 'usd', (_q, p) => layerBudget(p, 'calendar')],
      ['Tail budget', 'budget.tailBudget', 'usd', (_q, p) => layerBudget(p, 'tail')],
      [
        'Net hedge debit',
        'budget.netHedgeDebit',
        'usd',
        (_q, p) =>
          p.budget.campaign === undefined
            ? 'overlay + tail'
            : 'overlay + tail, the book as bought today; what the campaign has paid is in Campaign, below',
      ],
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
      [
        'Capital at risk',
        'capital.used',
        'usd',
        (q) => `max loss + hedge debit + what a put calendar can lose beyond it; limit ${pc(q.maxRiskPct)} of capital`,
      ],
      [
        'Theta subsidy',
        'thetaSubsidy.ratio',
        'number',
        "overlay theta / |tail theta|: how much of the tail's decay the calendar pays",
      ],
      [
        'Carry subsidy on the surface',
        'carry.ratio',
        'number',
        "overlay carry / |tail carry|, a day held on the surface (negative: the overlay adds to the tail's cost)",
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
      [
        'VIX options',
        'surface.vixOptions.describe',
        'text',
        "every VIX option (the tail, the hedges, the orders) is marked on the day's VIX chain, fitted, in place of the VVIX rule",
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
        'SPX at expiry inside the break-evens above (of the credit above), read from the SPX surface (its smile and forward): the chance the option prices imply, not a forecast',
      ],
      ['Days to expiry', 'condor.days', 'integer', 'calendar days'],
      [
        'Net vega',
        'condor.markGreeks.vega',
        'usd',
        (_q, p) =>
          p.condors.length > 1
            ? 'on the surface: the first condor’s (the overlay offsets the ladder’s, below)'
            : 'on the surface: what the overlay offsets',
      ],
      ['Net theta', 'condor.markGreeks.theta', 'usd', 'a calendar day on the surface, vols held'],
    ],
  ],
  [
    'Book Greeks',
    [
      [
        'Book value',
        'bookGreeks.value',
        'usd',
        'the plan’s book as sized (condors, overlay, tail) at the marks: the short condors below 0',
      ],
      ['Delta', 'bookGreeks.delta', 'usd', 'SPX legs, each at its own vol (sticky strike)'],
      ['Gamma', 'bookGreeks.gamma', 'usd', 'SPX legs'],
      [
        'Vega',
        'bookGreeks.vega',
        'usd',
        'SPX legs, every SPX vol up a point at once: the condors’, and an SPX overlay’s',
      ],
      ['Theta', 'bookGreeks.theta', 'usd', 'every leg, a calendar day on, vols held'],
      [
        'VIX delta',
        'bookGreeks.vixDelta',
        'usd',
        'VIX calls, every VX future up a point at once (a parallel shift of the curve; a VIX move reaches the futures damped by their terms)',
      ],
      ['VIX vega', 'bookGreeks.vixVega', 'usd', 'VIX calls, their implied vol up a point'],
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
      [
        'Condor loss',
        'scenario.condorLoss',
        'usd',
        (_q, p) =>
          p.condors.length > 1
            ? `the ladder’s: each of the ${p.condors.length} condors repriced at the stressed spot and vol, at most its own max loss, summed`
            : 'repriced at the stressed spot and vol, at most the max loss',
      ],
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
