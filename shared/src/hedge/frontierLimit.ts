/**
 * The most paths a whole frontier run of an input runs, before it runs: the work limits of one call
 * (path-steps, and paths × steps × legs) and the limit of its exact search, which the summary
 * applies once the paths are run ({@link checkFrontierSearch}). The search's work is in proportion
 * to the paths, at a rate the paths themselves set (their share of down paths, the rows of mixes
 * their risk leaves): the first {@link FRONTIER_PILOT_PATHS} paths of the run measure it.
 */
import { frontierSetup, frontierStepsLimit, type FrontierSetup } from './frontierSetup';
import { runFrontierSetup } from './frontierPaths';
import { frontierSearchWork } from './frontierSearch';
import { searchPathsFit } from './frontierTypes';

/** Paths of the run the limit of its search is measured on (some 50 ms). */
export const FRONTIER_PILOT_PATHS = 4_000;

/** The most paths of a frontier run, its horizon, and which limit binds. */
export interface FrontierPathLimit {
  mostPaths: number;
  horizonDays: number;
  /**
   * `path-steps`: one call's work on the paths (its horizon and legs, whatever the budgets);
   * `search`: the exact search of the mixes up to the largest budget, scored on every down path.
   */
  bound: 'path-steps' | 'search';
}

/**
 * The most paths one frontier call of `input` runs whole (its `paths`, firstPath and pathCount
 * aside): the least of the call's work limit ({@link checkFrontierWork}) and about what its search
 * fits ({@link searchPathsFit} of the search on the run's first {@link FRONTIER_PILOT_PATHS} paths,
 * the suggestion the search's own refusal makes), with the condor's horizon in days. Throws as
 * {@link frontierSetup} does for an input it refuses otherwise.
 */
export function frontierPathLimit(input: unknown): FrontierPathLimit {
  const pilot =
    typeof input === 'object' && input !== null
      ? { ...input, paths: FRONTIER_PILOT_PATHS, firstPath: 0, pathCount: 1 }
      : input;
  return frontierSetupPathLimit(frontierSetup(pilot));
}

/**
 * {@link frontierPathLimit} of a setup already built, whatever paths it was built for: a host that
 * goes on to run the setup builds its plan once. The pilot runs the setup's own first paths.
 */
export function frontierSetupPathLimit(setup: FrontierSetup): FrontierPathLimit {
  const horizonDays = setup.mc.run.horizonDays;
  const steps = frontierStepsLimit(setup);
  // path i depends on the input and i alone: these are the run's own first paths
  const pathCount = Math.min(FRONTIER_PILOT_PATHS, steps);
  const run = { ...setup.mc.run, paths: FRONTIER_PILOT_PATHS, firstPath: 0, pathCount };
  const { work } = frontierSearchWork(runFrontierSetup({ ...setup, mc: { ...setup.mc, run } }));
  const search = work > 0 ? searchPathsFit(pathCount, work) : Infinity;
  return search < steps
    ? { mostPaths: search, horizonDays, bound: 'search' }
    : { mostPaths: steps, horizonDays, bound: 'path-steps' };
}
