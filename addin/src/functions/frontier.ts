/**
 * ALVH.FRONTIER (ALVH-METHOD section 10): the budget frontier of the plan's book, a row per budget
 * with the mix that leaves the least CVaR 95 on the Monte Carlo paths where SPX falls, then the
 * plan and the literal rule marked on the same paths, then a note row naming the measure and the
 * down paths (and any warning). Reads the same two-column inputs as ALVH.PLAN. Each column holds
 * one thing: the marked rows have no budget (their spend is under cost). The three risk columns
 * are losses, as the API states them: a loss positive, a gain negative (the taskpane shows the same
 * figures as P&L, the other sign), and their headers say so. The last column, after the note, is
 * each book's standard error of its CVaR's gap to the unhedged book's (the same paths), and a marked
 * row's note says when the cheapest mix that does as well is within that noise.
 */
import {
  AlvhError,
  frontierPathLimit,
  frontierSetup,
  frontierSetupPathLimit,
  grouped,
  limitExceeded,
  MAX_PATHS,
  invalidInput,
  isAlvhError,
  MAX_FRONTIER_BUDGETS,
  type FrontierMarker,
  type FrontierPathLimit,
  type FrontierPoint,
  type FrontierResult,
  matchNoise,
  mixWords,
  runFrontierSetup,
  summarizeFrontier,
} from '@alvh/shared';
import { countWords } from '../common/numbers';
import { isMissing, isOmitted, plainNumberArg, refuseDotGroupedCount, seriesCell, singleCell } from './args';
import { excelCall } from './excelErrors';
import { planFromRange, planKey } from './plan';
import { addChains, chainArgumentError } from './planChains';
import { rowName } from './planIssues';
import { checkLineLength } from './rangeSize';
import { usdSeriesArg } from './usdArgs';

export const FRONTIER_HEADERS = [
  'budget (USD)',
  'structure',
  'split: the least overlay cap that admits the mix (share of budget)',
  'overlay premium (share of budget)',
  'tail units',
  'overlay units',
  'cost before fees (USD)',
  'CVaR95 on down paths, real-world measure (USD, loss positive, gain negative)',
  'drawdown loss (USD, loss positive, gain negative)',
  'worst analog loss (USD, loss positive, gain negative)',
  'note',
  'CVaR95 standard error: of its gap to the unhedged book on the same paths (USD)',
] as const;

/** The header row: the CVaR column names the measure of the paths it is over (the run's own). */
function headerRow(f: FrontierResult): string[] {
  return FRONTIER_HEADERS.map((h) => h.replace('real-world measure', `${f.measure} measure`));
}

function pointRow(p: FrontierPoint): unknown[] {
  return [
    p.budget,
    p.structure ?? 'none',
    p.split,
    p.overlayShare ?? '',
    p.tailUnits,
    p.overlayUnits,
    p.cost,
    p.cvar95Down,
    p.drawdownLoss,
    p.worstAnalogLoss,
    '',
    p.cvarSavedStdError ?? '',
  ];
}

function markerRow(m: FrontierMarker, label: string): unknown[] {
  return [
    '',
    m.tailContracts > 0 ? 'vix-call' : 'none',
    '',
    '',
    m.tailContracts,
    m.overlayUnits,
    m.cost,
    m.cvar95Down,
    m.drawdownLoss,
    m.worstAnalogLoss,
    m.matchedBy === null
      ? label
      : `${label}; the cheapest mix that does as well costs $${Math.round(m.matchedBy.cost).toLocaleString('en-US')} before fees (${mixWords(m.matchedBy)})${matchNoise(m)}`,
    m.cvarSavedStdError ?? '',
  ];
}

/** The last row: the measure and the down paths the CVaR is over, then any warning. */
function noteRow(f: FrontierResult): unknown[] {
  const note =
    `${f.measure} measure: CVaR 95 over the ${f.downPaths.toLocaleString('en-US')} of ${f.paths.toLocaleString('en-US')} ` +
    `paths where SPX ends lower (seed ${f.seed})`;
  // the warnings as clauses after it (a sentence's own full stop would end up before the "; ")
  const warnings = f.warnings.map((w) =>
    w
      .replace(/\.$/, '')
      .replace(
        /^The plan input carries plan\.campaign, which the frontier does not use/,
        'FRONTIER does not read the campaign rows (campaignBudget, paidOverlay, paidTail)',
      )
      .replace(/^The /, 'the '),
  );
  return [...new Array<unknown>(FRONTIER_HEADERS.length - 2).fill(''), [note, ...warnings].join('; '), ''];
}

/** The budgets: at most {@link MAX_FRONTIER_BUDGETS}, counted from the range's size before a cell is read. */
function budgetsArg(range: unknown): number[] {
  checkLineLength('budgets', range, MAX_FRONTIER_BUDGETS, 'budgets');
  return usdSeriesArg('budgets', range);
}

/**
 * More paths than one call runs whole, refused before any path runs (frontierPathLimit): the most
 * its horizon and legs take, or fewer when the search of its mixes up to its largest budget binds,
 * which it would otherwise refuse only after running them all.
 */
function refusePaths(paths: number, limit: FrontierPathLimit): void {
  if (paths <= limit.mostPaths) return;
  const most = grouped(limit.mostPaths);
  if (limit.bound === 'path-steps')
    throw limitExceeded(
      'paths',
      `is ${grouped(paths)}: more paths than one call runs to this horizon`,
      `pass at most ${most} paths`,
    );
  throw limitExceeded(
    'paths',
    `is ${grouped(paths)}: more paths than one call's search of the mixes up to the largest budget takes`,
    `pass at most ${most} paths, or fewer condors or a smaller largest budget`,
  );
}

/** The frontier with a budget cell's error named by its cell, counted from 1 in the range as selected. */
function frontierOf(input: Record<string, unknown>, budgets: unknown): FrontierResult {
  try {
    // the plan is built once, for the check and the run
    const setup = frontierSetup(input);
    refusePaths(setup.mc.run.paths, frontierSetupPathLimit(setup));
    return summarizeFrontier(runFrontierSetup(setup));
  } catch (e) {
    // The API's fix (chunk the run and merge the chunks) has no cell to do it in: say how many paths fit.
    // the work limit's refusal names paths here (this call sends no pathCount); its fix says how many fit
    const most = isAlvhError(e) ? /^chunk the run: at most ([\d,]+) paths/.exec(e.fix) : null;
    if (most !== null && isAlvhError(e)) {
      // the search may bind below the horizon's limit: the least of the two (the plan built again)
      let limit: FrontierPathLimit | undefined;
      try {
        limit = frontierPathLimit(input);
      } catch {
        limit = undefined;
      }
      if (limit !== undefined) refusePaths(Number(input['paths']), limit);
      // the limit is the paths × days × legs of one call, whatever the budgets: fewer budgets do not lift it
      throw new AlvhError(
        e.code,
        'paths',
        `is ${Number(input['paths']).toLocaleString('en-US')}: more paths than one call runs to this horizon`,
        `pass at most ${most[1]} paths`,
      );
    }
    const range = pathsRange(e, input);
    if (range !== undefined) throw range;
    const chain = chainArgumentError(e, 'plan.');
    if (chain !== undefined) throw chain;
    // the plan's fields (plan.condor.expiry, plan.condors[1].expiry) are rows of the inputs, named as PLAN names them
    if (isAlvhError(e) && e.field.startsWith('plan.')) {
      const row = (path: string) => `inputs ${rowName(planKey(path.slice('plan.'.length)))}`;
      const words = (text: string) => text.replace(/\bplan\.[\w.[\]]+/g, row);
      throw new AlvhError(e.code, row(e.field), words(e.problem), words(e.fix));
    }
    const at = isAlvhError(e) ? /^budgets\[(\d+)\]$/.exec(e.field) : null;
    if (at === null || !isAlvhError(e)) throw e;
    throw invalidInput(seriesCell('budgets', budgets, Number(at[1])), e.problem, e.fix);
  }
}

/** How FRONTIER's counts are named in a dot-grouped refusal, with the range each takes. */
const COUNT_WORDS = {
  paths: countWords('path', 'paths', { lo: 2, hi: MAX_PATHS }),
  seed: countWords('', '', { lo: 0, hi: 2 ** 32 - 1 }),
} as const;

/**
 * `paths` or `seed` as a number. A count typed with its thousands grouped by a dot ("2.000",
 * "1.000.000") is refused with its readings, as PLAN's quantity is: read as a decimal, "2.000" ran
 * 2 paths and "1.000" ran seed 1.
 */
function countArg(name: keyof typeof COUNT_WORDS, x: unknown): number {
  const cell = singleCell(name, x);
  refuseDotGroupedCount(name, cell, COUNT_WORDS[name]);
  return plainNumberArg(name, cell);
}

/**
 * The schema's refusal of `paths` (1, 2.5, 3,000,000: "a whole number from 2 to 2,000,000") with
 * the most paths this call runs for its horizon and legs and the search of its mixes instead
 * (frontierPathLimit, the limit a whole number above it meets: at most 377,358 to a 53-day expiry),
 * so that the range it states is the one applied. Undefined for any other error, or when the limit cannot be read (the error stands).
 */
function pathsRange(e: unknown, input: Record<string, unknown>): AlvhError | undefined {
  // the schema's issue carries its fix: "is 1; pass paths as a whole number from 2 to 2,000,000"
  const m =
    isAlvhError(e) && e.field === 'paths' ? /^(is [^;]+); pass paths as a whole number from 2 /.exec(e.problem) : null;
  if (m === null || !isAlvhError(e)) return undefined;
  let most: number;
  try {
    most = Math.min(frontierPathLimit({ ...input, paths: 2 }).mostPaths, MAX_PATHS);
  } catch {
    return undefined;
  }
  return new AlvhError(
    e.code,
    'paths',
    m[1]!,
    `pass paths as a whole number from 2 to ${most.toLocaleString('en-US')}`,
  );
}

/**
 * The budget frontier: for each hedge budget, the mix of overlay and tail structure that leaves the least CVaR 95 of the book on the Monte Carlo paths where SPX ends lower, with drawdown and worst analog losses; then the plan and the literal rule on the same paths.
 * @customfunction FRONTIER FRONTIER
 * @helpurl https://localhost:3000/help.html#FRONTIER
 * @param inputs Two columns, name then value, as ALVH.PLAN reads them.
 * @param [budgets] Budgets in USD (a row or a column). Empty: 11 from 0 to what the literal rule's overlay and its tail at tailCoverage (1.8x by default) cost together.
 * @param [paths] Monte Carlo paths, one set that every budget is scored on, a whole number from 2 (default 20000); at most 444,444 per call to a 45-day expiry, fewer for a large book or a large budget (the message says how many fit).
 * @param [seed] Seed of the paths, a whole number in the range 0 to 4294967295 (default 1); the same seed gives the same paths and the same frontier.
 * @param [chain] The day's SPX option chain as ALVH.PLAN takes it: a range under a header row (expiry, strike, type, bid, ask), a cell of quotedata text or its ALVH.SURFACE spill; SPX options along the paths are marked on its surface. Empty: the surface of VIX.
 * @param [vixChain] The day's VIX option chain, a range under a header row (root, expiry, strike, type, bid, ask) or a cell of quotedata text, as ALVH.PLAN takes it: every VIX option along the paths is marked on its fit in place of the VVIX rule. Empty: the VVIX rule.
 * @returns A header row, a row per budget (ascending), the plan and the literal rule (marked, no budget), then a note: measure, down paths, warnings. Last column: each CVaR's ± (standard error of its gap to unhedged).
 */
export function frontier(
  inputs: unknown[][],
  budgets?: unknown[][],
  paths?: unknown,
  seed?: unknown,
  chain?: unknown[][],
  vixChain?: unknown[][],
): unknown[][] {
  return excelCall(
    () => {
      let planInput: Record<string, unknown> = {};
      planFromRange(inputs, (raw) => {
        addChains(raw, chain, vixChain);
        planInput = raw;
      });
      const f = frontierOf(
        {
          plan: planInput,
          ...(isOmitted(budgets) ? {} : { budgets: budgetsArg(budgets) }),
          ...(isMissing(paths) ? {} : { paths: countArg('paths', paths) }),
          ...(isMissing(seed) ? {} : { seed: countArg('seed', seed) }),
        },
        budgets,
      );
      return [
        headerRow(f),
        ...f.points.map(pointRow),
        markerRow(f.plan, 'literal plan (as sized)'),
        markerRow(f.rule, `literal rule (uncapped, ${f.rule.tailContracts} VIX calls)`),
        noteRow(f),
      ];
    },
    { pathCount: 'paths', firstPath: 'paths' },
  );
}
