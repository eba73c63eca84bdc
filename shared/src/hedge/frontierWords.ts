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
