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

/**
 * A run of `id` started at `version` has drawn its result: current only when its inputs are as they
 * were. True when it is current (shown as such); false when it is greyed, for earlier inputs.
 */
export function showFinished(id: ResultId, version: number): boolean {
  const current = versions[id] === version;
  setStale(id, !current);
  return current;
}

/** What a run's note says when its inputs changed while it ran, inside Excel or not. */
export function changedWhileRunning(inExcel: boolean): string {
  return inExcel
    ? 'Not written to a sheet: the inputs changed while it ran; run again.'
    : 'The inputs changed while it ran; run again.';
}

/**
 * The end of a finished run's note: its sheet (`write`, inside Excel) when the result is current
 * ({@link showFinished}); when its inputs changed while it ran, no sheet is written and the note
 * says why. `inExcel`: whether the page is in Excel (where a current result goes to a sheet).
 */
export async function sheetIfCurrent(
  id: ResultId,
  version: number,
  inExcel: boolean,
  write: () => Promise<string | undefined>,
): Promise<string> {
  if (!showFinished(id, version)) return `. ${changedWhileRunning(inExcel)}`;
  const name = await write();
  return name ? `; sheet "${name}".` : '.';
}
