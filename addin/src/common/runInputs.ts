/**
 * The requests of the runs for a plan input: the stress grid's and the Monte Carlo's, each carrying
 * the plan input whole.
 */

/**
 * The stress grid request for a plan input: `{ plan }`, so that the worker here and the API build
 * the same book from it with the shared `scenarioSource` (the plan's legs, its market, its policy,
 * its tail budget and the condor's entry value), never a second copy of that mapping.
 */
export function stressInput(planInput: unknown): Record<string, unknown> {
  return { plan: planInput };
}

/**
 * A Monte Carlo request (or one chunk of it: firstPath, pathCount) for a plan input, as
 * {@link stressInput}, with the recent VIX closes the model starts its factors from when given.
 */
export function monteCarloInput(
  planInput: unknown,
  paths: number,
  seed: number,
  firstPath?: number,
  pathCount?: number,
  vixHistory?: readonly { date: string; vix: number }[],
): Record<string, unknown> {
  return {
    plan: planInput,
    paths,
    seed,
    ...(firstPath !== undefined ? { firstPath } : {}),
    ...(pathCount !== undefined ? { pathCount } : {}),
    ...(vixHistory !== undefined ? { vixHistory } : {}),
  };
}
