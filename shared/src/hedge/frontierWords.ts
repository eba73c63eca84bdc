/**
 * The plan's gap in words (ALVH-METHOD section 10): what the literal rule would cost, what the
 * budget buys, the cheapest way to a stated protection (all from `plan.structures`), and, when a
 * frontier was computed for the plan, where the plan sits on it.
 */
import { invalidInput } from '../errors';
import type { Plan } from '../method/planTypes';
import type { FrontierMatch, FrontierResult } from './frontierResult';
import { wholeUsd } from '../usdText';

const usd = wholeUsd;

/**
 * A mix in words: "2 overlay + 3 × vix-call-spread", or `none` (default "no hedge") when it holds
 * nothing.
 */
export function mixWords(
  m: { overlayUnits: number; tailUnits: number; structure: string | null },
  none = 'no hedge',
): string {
  return (
    [m.overlayUnits > 0 ? `${m.overlayUnits} overlay` : '', m.tailUnits > 0 ? `${m.tailUnits} × ${m.structure}` : '']
      .filter((x) => x !== '')
      .join(' + ') || none
  );
}

/**
 * Where the plan sits on its frontier, in one paragraph: the CVaR its hedges leave against the
 * unhedged book, the cheapest mix of the frontier's kind that does as well, the literal rule's place, and the
 * best the ladder reaches.
 * @example frontierWords(frontier({ plan: input })) // "On the budget frontier (20,000 paths, …): the plan's $358 of hedges leave …"
 */
export function frontierWords(f: FrontierResult): string {
  const best = f.points.at(-1)!;
  const first = f.points.find((p) => p.cvar95Down <= best.cvar95Down)!;
  // what a book leaves against the unhedged book, and the standard error of the gap on the same paths
  const saved = (b: { cvar95Down: number; cvarSavedStdError: number | null }) => {
    const d = f.unhedged.cvar95Down - b.cvar95Down;
    const se = b.cvarSavedStdError === null ? '' : ` ± ${usd(b.cvarSavedStdError)}`;
    return `${usd(Math.abs(d))}${se} ${d >= 0 ? 'less' : 'more'} than unhedged`;
  };
  const matched = (m: FrontierResult['plan']) =>
    m.matchedBy === null
      ? `no mix up to the ladder's top budget does as well`
      : `the cheapest mix that does as well costs ${usd(m.matchedBy.cost)} before fees (${mixWords(m.matchedBy)})${matchNoise(m)}`;
  return (
    `On the budget frontier (${scoredPaths(f)} ${f.measure} paths, seed ${f.seed}; CVaR 95 where SPX ends lower; ± the standard error of a gap on the same paths): ` +
    `the plan's ${usd(f.plan.cost)} of hedges (before fees) leave ${usd(f.plan.cvar95Down)} against ${usd(f.unhedged.cvar95Down)} unhedged (${saved(f.plan)}), and ${matched(f.plan)}; ` +
    `the literal rule (${usd(f.rule.cost)} uncapped) leaves ${usd(f.rule.cvar95Down)} (${saved(f.rule)}), and ${matched(f.rule)}; ` +
    `the ladder's best, ${usd(first.cvar95Down)} (${saved(first)}), costs ${usd(first.cost)} before fees (${mixWords(first)}).`
  );
}

/**
 * A marked book's match within the paths' noise, in words (none when the gap is wider): its CVaR is
 * lower on these paths by less than two standard errors, so the two cannot be told apart on these
 * paths: either could be lower on others.
 */
export function matchNoise(m: {
  cvar95Down: number;
  matchedBy: Pick<FrontierMatch, 'cvar95Down' | 'gapStdError' | 'withinNoise'> | null;
}): string {
  const mb = m.matchedBy;
  if (mb === null || !mb.withinNoise) return '';
  const gap = usd(m.cvar95Down - mb.cvar95Down);
  return mb.gapStdError === null
    ? `, within noise: its CVaR is ${gap} lower, with too few tail paths to read an error`
    : `, within noise: its CVaR is ${gap} lower, under 2 standard errors of ${usd(mb.gapStdError)}, so the two cannot be told apart on these paths: either could be lower`;
}

/** The paths the figures are over: the run's, or a chunk's "1,000 of 20,000 (from path 5,000)". */
function scoredPaths(f: FrontierResult): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return f.pathCount === f.paths ? n(f.paths) : `${n(f.pathCount)} of ${n(f.paths)} (from path ${n(f.firstPath)})`;
}

/**
 * The plan's headline gap: `plan.structures.summary` (the literal rule's cost, what the tail budget
 * buys, what the stated protection costs with each structure), then {@link frontierWords} when a
 * frontier of the same plan input is given.
 */
export function planGapWords(plan: Pick<Plan, 'structures' | 'valuationDate'>, f?: FrontierResult): string {
  if (f !== undefined && f.valuationDate !== plan.valuationDate) {
    throw invalidInput(
      'frontier',
      `is of ${f.valuationDate}, the plan of ${plan.valuationDate}`,
      'pass the frontier of the same plan input',
    );
  }
  return f === undefined ? plan.structures.summary : `${plan.structures.summary} ${frontierWords(f)}`;
}

/** A scenario gain, as a share of the unhedged loss, from which a frontier mix reads as long the fall. */
const OVER_HEDGE_SHARE = 0.1;

/**
 * The warning when the frontier's mixes, from some budget on, turn the drawdown scenario's loss
 * into a gain of more than {@link OVER_HEDGE_SHARE} of it: past cover, the CVaR 95 on down paths
 * the frontier lowers still counts every hedge added as protection, so its mixes become a bet on the
 * fall. Names the first such budget and mix (saying the share), the gain there and at the top, the
 * last mix that still leaves a loss, and the mixes between them that gain less than that share, so
 * the words agree with every row of the ladder. None when no point gains that much (or the book
 * loses nothing in the scenario).
 */
export function overHedgeWarnings(
  points: readonly Pick<
    FrontierResult['points'][number],
    'budget' | 'drawdownLoss' | 'overlayUnits' | 'tailUnits' | 'structure' | 'worstAnalogLoss'
  >[],
  loss: number,
): string[] {
  if (!(loss > 0)) return [];
  const i = points.findIndex((p) => p.drawdownLoss < -OVER_HEDGE_SHARE * loss);
  if (i < 0) return [];
  const first = points[i]!;
  const top = points.at(-1)!;
  const most = Math.max(...points.map((p) => -p.drawdownLoss));
  let b = i - 1; // the last mix before it that leaves a loss
  while (b >= 0 && !(points[b]!.drawdownLoss > 0)) b -= 1;
  const before = b < 0 ? undefined : points[b]!;
  const last =
    before === undefined
      ? ''
      : ` The last mix of the ladder that still leaves a loss is ${mixWords(before)} at the ${usd(before.budget)} budget (${usd(before.drawdownLoss)} lost).`;
  const atTop = top === first ? '' : `, and up to ${usd(most)} from there to the top budget`;
  return [
    `From the ${usd(first.budget)} budget on, the frontier's mix gains more than a tenth of the loss in the drawdown scenario, where the condors lose ${usd(loss)} unhedged: ${mixWords(first)} turns that loss into a ${usd(-first.drawdownLoss)} gain${atTop}. Past cover such a mix is long the fall, not a hedge of it: the CVaR 95 on down paths, which the frontier lowers, counts every hedge added as protection.${last}${smallGains(points.slice(b + 1, i))}`,
  ];
}

/**
 * The mixes after the last that leaves a loss and ahead of the first that gains more than a tenth
 * of it which gain less: "At the $2,000 budget, 10 × vix-call already gains $1,500, less than a
 * tenth of the loss." ('' for none).
 */
function smallGains(
  between: readonly Pick<
    FrontierResult['points'][number],
    'budget' | 'drawdownLoss' | 'overlayUnits' | 'tailUnits' | 'structure'
  >[],
): string {
  const gaining = between.filter((p) => p.drawdownLoss < 0);
  const p = gaining[0];
  if (p === undefined) return '';
  const within = 'less than a tenth of the loss';
  if (gaining.length === 1)
    return ` At the ${usd(p.budget)} budget, ${mixWords(p)} already gains ${usd(-p.drawdownLoss)}, ${within}.`;
  const gain = Math.max(...gaining.map((g) => -g.drawdownLoss));
  return ` The mixes at the ${usd(p.budget)} to ${usd(gaining.at(-1)!.budget)} budgets already gain up to ${usd(gain)}, ${within}.`;
}
