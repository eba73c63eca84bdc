/**
 * The add-in's own errors, beside the sizing package's error model (`AlvhError`, whose codes both
 * rooms translate: #VALUE!/#N/A/#NUM! in cells, field messages in the taskpane): a run the user
 * stopped, which is not a failure and is never shown as one, and a pasted line the page cannot take.
 */

/** A pasted text's line (1-based) the page cannot take, with what to fix: "<what>, line 3: …". */
export class PastedLineError extends Error {
  constructor(
    what: string,
    readonly line: number,
    message: string,
  ) {
    super(`${what}, line ${line}: ${message}`);
    this.name = 'PastedLineError';
  }
}

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
