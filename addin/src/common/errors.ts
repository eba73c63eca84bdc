/**
 * The add-in's own error, beside the sizing package's error model (`AlvhError`, whose codes both
 * rooms translate: #VALUE!/#N/A/#NUM! in cells, field messages in the taskpane): a run the user
 * stopped. It is not a failure and is never shown as one.
 */

/** A run (stress grid, Monte Carlo) the user cancelled: the worker was stopped or the request aborted. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

/** True for a {@link Cancelled} run. */
export function isCancelled(e: unknown): e is Cancelled {
  return e instanceof Cancelled;
}
