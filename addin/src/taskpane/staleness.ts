/**
 * Which results on the page match the inputs. An edit of an input a result was made from advances
 * that result's version and greys the result out ("for earlier inputs: run again"); a run notes the
 * version it started from and, when it finishes, shows its result as current only when no edit of
 * its inputs came in between. A result drawn from inputs since changed is never shown as current.
 */

/** The result panels: the plan (with its tail structures), the stress grid, the Monte Carlo, the frontier. */
export type ResultId = 'plan-result' | 'stress-result' | 'mc-result' | 'frontier-result';

const versions: Record<ResultId, number> = {
  'plan-result': 0,
  'stress-result': 0,
  'mc-result': 0,
  'frontier-result': 0,
};

/** Grey out a result that no longer matches the inputs, or mark it current. */
export function setStale(id: ResultId, stale: boolean): void {
  document.getElementById(id)?.classList.toggle('stale', stale);
  if (id === 'plan-result') document.getElementById('hedge-result')?.classList.toggle('stale', stale);
}

/** Inputs of these results changed: each is greyed out, and a run of it under way will finish greyed. */
export function inputsChanged(ids: readonly ResultId[]): void {
  for (const id of ids) {
    versions[id] += 1;
    setStale(id, true);
  }
}

/** The version of a result's inputs a run starts from. */
export function versionOf(id: ResultId): number {
  return versions[id];
}

/** A run of `id` started at `version` has drawn its result: current only when its inputs are as they were. */
export function showFinished(id: ResultId, version: number): void {
  setStale(id, versions[id] !== version);
}
