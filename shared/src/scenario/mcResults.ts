/**
 * Chunks of one Monte Carlo run put back together: merge in path order, revive from JSON, summarize.
 */
import { invalidInput } from '../errors';
import { parseInput } from '../schemas/parse';
import { MonteCarloPartialSchema } from '../schemas/scenario';
import { checkContiguous, checkCovers, concatChunks, type PathRange } from './chunks';
import {
  bodyHistogram,
  cvarBootstrap,
  cvarDifferenceStdError,
  cvarGapPerCostStdError,
  describeDistribution,
  histogram,
  pathsForTail,
  quantileSorted,
  sampleMeanStdError,
  tailPathCount,
  type DistributionStats,
} from './statistics';
import { sortedCopy } from './sortedCopy';
import { wholeUsd } from '../usdText';
import { runModelNotes } from './model/calibrationNotes';
import { VIX_FLOOR } from './dynamics';
import {
  MARKET_PERCENTILES,
  VIX_THRESHOLDS,
  PATH_ARRAYS,
  type MarketAtHorizon,
  type MonteCarloPartial,
  type MonteCarloSummary,
} from './mcTypes';

/** The fields every chunk of one run shares; `runKey` stands for the market, book, policy and model. */
const RUN_FIELDS = [
  'seed',
  'paths',
  'horizonDays',
  'antithetic',
  'measure',
  'dynamics',
  'modelStart',
  'runKey',
  'spot0',
  'vix0',
  'condorMaxLoss',
  'hedgeDebit',
] as const;

/** A partial's input notes as one text, for comparing chunks ('' when it has none). */
const notesText = (p: MonteCarloPartial): string => (p.inputNotes ?? []).join(' ');

/**
 * Concatenate the chunks of one run in path order: they must cover the run's paths [0, paths)
 * exactly, or `range` when given (a host that splits one requested chunk of a run into smaller
 * ones merges them back to that chunk's range). Throws when the chunks come from different runs,
 * overlap, leave a gap, or leave out paths at either end.
 */
export function mergeMonteCarlo(parts: readonly MonteCarloPartial[], range?: PathRange): MonteCarloPartial {
  if (parts.length === 0) throw invalidInput('parts', 'is empty', 'pass at least one Monte Carlo partial result');
  // Parts that came through JSON (plain arrays) are validated and revived first.
  const typed = parts.map((p) => (ArrayBuffer.isView(p.book) ? p : reviveMonteCarloPartial(p)));
  // sorted by firstPath, each chunk named by its place in the caller's list
  const order = typed.map((_p, i) => i).sort((a, b) => typed[a]!.firstPath - typed[b]!.firstPath);
  const sorted = order.map((i) => typed[i]!);
  const first = sorted[0]!;
  const total = checkContiguous(
    sorted,
    (p, k) => {
      const differs = RUN_FIELDS.find((f) => p[f] !== first[f]);
      if (differs !== undefined)
        throw invalidInput(
          `parts[${order[k]!}]`,
          `comes from a different run: its ${differs} is ${String(p[differs])}, against ${String(first[differs])} in parts[${order[0]!}]` +
            (differs === 'runKey' ? ' (the market, book, policy or model differ)' : ''),
          'merge only chunks of one run',
        );
      // the same paths from inputs that differ only in what they do not follow (a plan's positions)
      if (notesText(p) !== notesText(first))
        throw invalidInput(
          `parts[${order[k]!}]`,
          `carries other inputNotes than parts[${order[0]!}] (${notesText(p) || 'none'} against ${notesText(first) || 'none'})`,
          'merge only chunks of one request, each sent with the same input',
        );
    },
    (k) => order[k]!,
  );
  checkCovers(
    first.firstPath,
    total,
    range ?? { firstPath: 0, pathCount: first.paths },
    range ? 'the range' : 'the run',
  );
  const cat = <T extends Float64Array | Uint16Array>(
    pick: (p: MonteCarloPartial) => T,
    ArrayType: new (n: number) => T,
  ): T => concatChunks(sorted, total, pick, ArrayType);
  return {
    ...first,
    pathCount: total,
    condor: cat((p) => p.condor, Float64Array),
    book: cat((p) => p.book, Float64Array),
    costs: cat((p) => p.costs, Float64Array),
    rebalances: cat((p) => p.rebalances, Uint16Array),
    tailContracts: cat((p) => p.tailContracts, Float64Array),
    spxEnd: cat((p) => p.spxEnd, Float64Array),
    vixEnd: cat((p) => p.vixEnd, Float64Array),
    vixMax: cat((p) => p.vixMax, Float64Array),
    tailOutlay: cat((p) => p.tailOutlay, Float64Array),
  };
}

/**
 * VIX and the SPX return at the horizon over every path: percentiles from a sorted copy and counts
 * in path order, so merged chunks give the same bits as one run.
 */
export function marketAtHorizon(p: MonteCarloPartial): MarketAtHorizon {
  const n = p.pathCount;
  const vix = sortedCopy(p.vixEnd);
  const returns = new Float64Array(n);
  for (let i = 0; i < n; i++) returns[i] = p.spxEnd[i]! / p.spot0 - 1;
  const ret = sortedCopy(returns);
  const out: MarketAtHorizon = { vix: {}, spxReturn: {}, vixAbove: {} };
  for (const q of MARKET_PERCENTILES) {
    out.vix[`p${q}`] = quantileSorted(vix, q / 100);
    out.spxReturn[`p${q}`] = quantileSorted(ret, q / 100);
  }
  for (const level of VIX_THRESHOLDS) {
    let c = 0;
    for (let i = 0; i < n; i++) if (p.vixEnd[i]! > level) c++;
    out.vixAbove[String(level)] = c / n;
  }
  return out;
}

/** Summary statistics of a (merged) partial result. */
export function summarizeMonteCarlo(p: MonteCarloPartial): MonteCarloSummary {
  if (p.pathCount < 2) throw invalidInput('pathCount', `is ${p.pathCount}`, 'summarize at least 2 paths');
  const sortedCondor = sortedCopy(p.condor);
  const sortedBook = sortedCopy(p.book);
  const boot = cvarBootstrap(p.firstPath, p.pathCount, p.antithetic);
  const condor = describeDistribution(p.condor, p.firstPath, p.antithetic, p.condorMaxLoss, sortedCondor, boot);
  const alvh = describeDistribution(p.book, p.firstPath, p.antithetic, p.condorMaxLoss, sortedBook, boot);
  let costs = 0;
  let reb = 0;
  let rebMax = 0;
  let tailEnd = 0;
  let outlay = 0;
  for (let i = 0; i < p.pathCount; i++) {
    costs += p.costs[i]!;
    outlay += p.tailOutlay[i]!;
    reb += p.rebalances[i]!;
    rebMax = Math.max(rebMax, p.rebalances[i]!);
    tailEnd += p.tailContracts[i]!;
  }
  const meanCosts = costs / p.pathCount;
  const meanOutlay = outlay / p.pathCount;
  const hedgeCost = p.hedgeDebit + meanOutlay + meanCosts;
  const premium = p.hedgeDebit + meanOutlay;
  // The CVaR 95 difference's own error on the same paths: the notes' noise line, and with the
  // hedge cost's own error (its rebalance outlay and costs are means over the same paths) the
  // error of the effectiveness.
  const differenceError = cvarDifferenceStdError(
    p.condor,
    p.book,
    p.firstPath,
    p.antithetic,
    sortedCondor,
    sortedBook,
    boot,
  );
  // The cost counts the premium paid today and the net premium the rebalances put into the tail
  // later: with no net premium paid the ratio would be over commissions alone.
  const effectiveness = hedgeCost > 0 && premium > 0 ? (condor.cvar95 - alvh.cvar95) / hedgeCost : null;
  return {
    paths: p.pathCount,
    seed: p.seed,
    firstPath: p.firstPath,
    horizonDays: p.horizonDays,
    antithetic: p.antithetic,
    measure: p.measure,
    dynamics: p.dynamics,
    modelStart: p.modelStart,
    modelNotes: runModelNotes(p),
    market: marketAtHorizon(p),
    condor,
    alvh,
    histogram: histogram([p.condor, p.book]),
    bodyHistogram: bodyHistogram([p.condor, p.book], [sortedCondor, sortedBook]),
    condorMaxLoss: p.condorMaxLoss,
    hedgeCost,
    hedgeDebit: p.hedgeDebit,
    meanTailOutlay: meanOutlay,
    meanTransactionCosts: meanCosts,
    hedgeCarry: condor.mean - alvh.mean,
    hedgeCarryStdError: sampleMeanStdError(carryByPath(p), p.firstPath, p.antithetic),
    rebalancesMean: reb / p.pathCount,
    rebalancesMax: rebMax,
    tailContractsStart: p.tailContracts0,
    tailContractsEndMean: tailEnd / p.pathCount,
    hedgeEffectiveness: effectiveness,
    hedgeEffectivenessStdError:
      effectiveness === null
        ? null
        : cvarGapPerCostStdError(
            { a: p.condor, b: p.book, sortedA: sortedCondor, sortedB: sortedBook, error: differenceError },
            pathCosts(p),
            effectiveness,
            hedgeCost,
            p.firstPath,
            p.antithetic,
          ),
    notes: [
      ...(p.inputNotes ?? []),
      ...runNotes(p.measure, condor, alvh, differenceError, p.tailContracts0, tailEnd / p.pathCount, premium > 0),
      ...noEffectiveness(condor, alvh, { hedgeCost, hedgeDebit: p.hedgeDebit, meanOutlay, meanCosts }),
      ...atVixFloor(p),
      ...beyondHistory(p, condor.mean - alvh.mean),
      ...singlePathTails(p.pathCount),
    ],
  };
}

/**
 * A CVaR in words: the summary states it as a loss (positive), the taskpane's table as a P&L
 * (negative), so a note says which: "a loss of $5,362", "a gain of $2,491", "$0" when it rounds to 0.
 */
const cvar = (x: number): string =>
  Math.round(Math.abs(x)) === 0 ? '$0' : x > 0 ? `a loss of ${wholeUsd(x)}` : `a gain of ${wholeUsd(-x)}`;

const signedPct = (r: number): string => {
  const v = Math.round(100 * r);
  return v === 0 ? '0%' : `${v < 0 ? '−' : '+'}${Math.abs(v)}%`;
};

/** The summary's `notes`: what its figures say that a reader could miss. */
function runNotes(
  measure: MonteCarloPartial['measure'],
  condor: DistributionStats,
  alvh: DistributionStats,
  differenceError: number | null,
  tailStart: number,
  tailEndMean: number,
  premiumPaid: boolean,
): string[] {
  const notes: string[] = [];
  // A rise within two standard errors of the difference (the book and the condor on the same
  // paths) is the paths' noise, not the hedges' doing (a plan that holds nothing today and buys
  // on two paths of 20,000 differs by cents); so is one under 0.5% of the condor's CVaR, where a
  // tail of paths all at the max loss leaves no error to read.
  const noise = Math.max(2 * (differenceError ?? 0), 0.005 * Math.abs(condor.cvar95));
  if (alvh.cvar95 - condor.cvar95 > noise) {
    notes.push(
      `The hedges raise the CVaR 95 from ${cvar(condor.cvar95)} (the condor alone) to ${cvar(alvh.cvar95)}: on the ` +
        (measure === 'real-world'
          ? 'worst 5% of paths they lose more than they protect, so this book is riskier than the condor by that measure.'
          : 'worst 5% of these risk-neutral paths they lose more than they protect; a pricing check, not a risk figure: ' +
            'run the real-world measure to judge the risk.'),
    );
  }
  if (tailStart === 0 && tailEndMean > 0) {
    notes.push(
      `The plan holds no VIX call today (its budget buys none); rebalancing buys ${tailEndMean.toFixed(2)} on average by the horizon ` +
        'where they come within the tail budget, so the hedge along the paths is not the one priced today ' +
        (premiumPaid
          ? '(hedge effectiveness counts the net premium they cost along the paths in the hedge cost).'
          : '(hedge effectiveness: none to report).'),
    );
  } else if (tailStart > 0 && tailEndMean > 2 * tailStart) {
    notes.push(
      `Rebalancing grows the tail from ${tailStart} to ${tailEndMean.toFixed(1)} VIX calls on average by the horizon: ` +
        'the hedge at the end is not the one priced today (a book’s tailBudget caps what a rebalance spends; ' +
        'hedge effectiveness counts the net premium of the calls bought and sold along the paths in the hedge cost).',
    );
  }
  // A VaR below 0 is a gain. Said in words, not signed: the summary states VaR as a loss (var95
  // −5,930) while the page and the sheet show it as P&L (+$5,930), and one signed figure read
  // beside the other said the opposite.
  const gains = [
    ['the condor', condor],
    ['the book', alvh],
  ].filter(([, d]) => (d as DistributionStats).var95 < -0.5) as [string, DistributionStats][];
  if (gains.length > 0) {
    notes.push(
      `${gains.map(([name, d], i) => `${i === 0 ? name[0]!.toUpperCase() + name.slice(1) : name}'s VaR 95 is ${cvar(d.var95)}`).join(' and ')}: ` +
        `fewer than 5% of paths lose money (P(loss) ${gains.map(([, d]) => `${(100 * d.probLoss).toFixed(1)}%`).join(' and ')}), so even the ⌈5% n⌉-th worst path gains.`,
    );
  }
  return notes;
}

/**
 * A note when hedge effectiveness is null, saying why: a hedge cost of 0 or less (hedges that cost
 * nothing or bring in a credit on average) leaves no dollar to divide by, and a cost that is
 * commissions alone (no net premium paid) would make the ratio a reading of the commissions. The
 * CVaR change is what the hedges did, stated instead. From merged figures only, so chunks merge to
 * the same words.
 */
function noEffectiveness(
  condor: DistributionStats,
  alvh: DistributionStats,
  c: { hedgeCost: number; hedgeDebit: number; meanOutlay: number; meanCosts: number },
): string[] {
  const premium = c.hedgeDebit + c.meanOutlay;
  if (c.hedgeCost > 0 && premium > 0) return [];
  const parts =
    `today's debit ${wholeUsd(c.hedgeDebit)}, the rebalances' net premium ${wholeUsd(c.meanOutlay)} ` +
    `and costs ${wholeUsd(c.meanCosts)} on average`;
  const why =
    c.hedgeCost > 0
      ? `no net premium is paid for the hedges (${parts}): their cost of ${wholeUsd(c.hedgeCost)} is ${
          premium < 0
            ? `costs of ${wholeUsd(c.meanCosts)} less a net premium credit of ${wholeUsd(-premium)}`
            : 'commissions alone'
        }, and CVaR saved per dollar of it would not measure them`
      : `${c.hedgeCost < 0 ? `the hedges earn a net credit of ${wholeUsd(-c.hedgeCost)}` : 'the hedges cost nothing'} (${parts}), ` +
        'so CVaR saved per dollar of hedge cost is not defined';
  const change =
    alvh.cvar95 === condor.cvar95
      ? `the CVaR 95 is ${cvar(condor.cvar95)} with and without them`
      : `they take the CVaR 95 from ${cvar(condor.cvar95)} (the condor alone) to ${cvar(alvh.cvar95)}`;
  return [`Hedge effectiveness is null: ${why}; ${change}.`];
}

/**
 * A note when the square-root dynamics hold VIX at its pricing floor ({@link VIX_FLOOR}) at the
 * horizon on 1% of paths or more: there the options and SPX's vol are priced at the floor, not at
 * the model's v, so the run no longer reads the model (a model.xi large against the mean
 * reversion, 2κθ not well above ξ²). Counted from the merged `vixEnd`.
 */
function atVixFloor(p: MonteCarloPartial): string[] {
  if (p.dynamics !== 'sqrt-legacy') return [];
  let n = 0;
  for (let i = 0; i < p.pathCount; i++) if (p.vixEnd[i]! <= VIX_FLOOR) n++;
  if (n < 0.01 * p.pathCount) return [];
  const share = (100 * n) / p.pathCount;
  return [
    `${n.toLocaleString('en-US')} of ${p.pathCount.toLocaleString('en-US')} paths (${share.toFixed(1)}%) end with VIX at the ` +
      `square-root dynamics' floor of ${VIX_FLOOR}: their options and SPX vol are priced at the floor, not at the model's VIX, ` +
      "so the figures (and, in the risk-neutral measure, VIX's mean against the futures curve) do not read the model: " +
      "model.xi is too large for its mean reversion; run a smaller xi, or the default dynamics ('calibrated').",
  ];
}

/**
 * A note when the worst 5% or the worst 1% of `n` paths, the tail the CVaR 95 or the CVaR 99
 * averages, is a single path: that figure is one path's P&L, with no standard error (and hedge
 * effectiveness, read from the CVaR 95, is one path's difference). The worst 5% holds two paths
 * from 21 paths, the worst 1% from 101. No figure changes.
 */
function singlePathTails(n: number): string[] {
  const thin = [
    { alpha: 0.95, name: 'CVaR 95', share: '5%' },
    { alpha: 0.99, name: 'CVaR 99', share: '1%' },
  ].filter((t) => tailPathCount(n, t.alpha) < 2);
  if (thin.length === 0) return [];
  const both = thin.length === 2;
  const figures = both ? 'CVaR 95, CVaR 99 and hedge effectiveness read' : `${thin[0]!.name} reads`;
  const enough = thin.map((t) => `${pathsForTail(t.alpha, 2).toLocaleString('en-US')} paths for the ${t.name}`);
  return [
    `With ${n} paths the worst ${thin.map((t) => t.share).join(' and the worst ')} ${both ? 'are each' : 'is'} a single path: ` +
      `${figures} that one path's P&L, not the mean of a tail; run at least ${enough.join(' and ')} to average 2 paths or more.`,
  ];
}

/**
 * VIX above which a path has left anything the index has shown: its highest close is 82.69
 * (2020-03-16); VXO, its predecessor, closed at 150.19 on 1987-10-19.
 */
export const VIX_BEYOND_HISTORY = 150;

/**
 * A note when some paths reach VIX above {@link VIX_BEYOND_HISTORY} on any day: the calibrated
 * model's jumps have a power-law tail in the VIX level (docs/scenarios.md), and those few paths
 * carry the mean, the best and worst paths and the histogram's ends, not the percentiles or the
 * CVaR 95. A path that passes it and falls back by the horizon counts too: its hedges were marked
 * and resized up there (on the example plan the best ALVH path peaked at VIX 204 and ended at 110).
 */
function beyondHistory(p: MonteCarloPartial, carry: number): string[] {
  let n = 0;
  let ending = 0;
  let lo = Infinity;
  let hi = -Infinity;
  let carryWithin = 0;
  for (let i = 0; i < p.pathCount; i++) {
    if (p.vixMax[i]! > VIX_BEYOND_HISTORY) {
      n++;
      if (p.vixEnd[i]! > VIX_BEYOND_HISTORY) ending++;
      const r = p.spxEnd[i]! / p.spot0 - 1;
      lo = Math.min(lo, r);
      hi = Math.max(hi, r);
    } else {
      carryWithin += p.condor[i]! - p.book[i]!;
    }
  }
  if (n === 0) return [];
  // what the hedges give up on the other paths alone: the paths beyond pay the tail most
  const within = n < p.pathCount ? carryWithin / (p.pathCount - n) : undefined;
  const share = (100 * n) / p.pathCount;
  const ends = ending === n ? (n === 1 ? 'and ends there' : 'all ending there') : `${ending} ending there`;
  return [
    `${n} of ${p.pathCount.toLocaleString('en-US')} paths (${share.toFixed(share < 0.1 ? 3 : 2)}%) ${n === 1 ? 'reaches' : 'reach'} VIX above ` +
      `${VIX_BEYOND_HISTORY} (${ends}), beyond any close in the index's history (82.69), with SPX ${signedPct(lo)}` +
      `${n > 1 ? ` to ${signedPct(hi)}` : ''} at the horizon on ${n === 1 ? 'it' : 'them'}: ${n === 1 ? 'it moves' : 'they move'} the mean, the best and worst paths and the histogram's ends, ` +
      'not the percentiles or the CVaR 95 much' +
      (within === undefined
        ? '.'
        : `; without ${n === 1 ? 'it' : 'them'} the hedge carry is ${wholeUsd(within)} a path, against ${wholeUsd(carry)} on all.`),
  ];
}

/** Each path's hedge cost beyond today's debit: the net premium its rebalances put into the tail, and its transaction costs. */
function pathCosts(p: MonteCarloPartial): Float64Array {
  const out = new Float64Array(p.pathCount);
  for (let i = 0; i < p.pathCount; i++) out[i] = p.tailOutlay[i]! + p.costs[i]!;
  return out;
}

/** Each path's P&L given up by hedging: the condor's less the book's, USD. */
function carryByPath(p: MonteCarloPartial): Float64Array {
  const out = new Float64Array(p.pathCount);
  for (let i = 0; i < p.pathCount; i++) out[i] = p.condor[i]! - p.book[i]!;
  return out;
}

/**
 * A partial result back from JSON (arrays instead of typed arrays), validated: every per-path
 * array must hold `pathCount` finite numbers. Doubles survive JSON exactly (shortest round-trip
 * form), so a revived partial merges to the same bits as the original.
 */
export function reviveMonteCarloPartial(raw: unknown): MonteCarloPartial {
  const p = parseInput(MonteCarloPartialSchema, raw);
  for (const key of PATH_ARRAYS) {
    if (p[key].length !== p.pathCount) {
      throw invalidInput(
        key,
        `has ${p[key].length} values for ${p.pathCount} paths`,
        'pass one value per path of the chunk',
      );
    }
  }
  const { inputNotes, ...rest } = p;
  return {
    ...rest,
    ...(inputNotes !== undefined && inputNotes.length > 0 ? { inputNotes } : {}),
    condor: Float64Array.from(p.condor),
    book: Float64Array.from(p.book),
    costs: Float64Array.from(p.costs),
    rebalances: Uint16Array.from(p.rebalances),
    tailContracts: Float64Array.from(p.tailContracts),
    spxEnd: Float64Array.from(p.spxEnd),
    vixEnd: Float64Array.from(p.vixEnd),
    vixMax: Float64Array.from(p.vixMax),
    tailOutlay: Float64Array.from(p.tailOutlay),
  };
}
