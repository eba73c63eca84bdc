/**
 * The one error model of the sizing package. Every rejection names the offending field and says
 * how to fix it; hosts translate an {@link AlvhError} once (problem+json over HTTP,
 * `CustomFunctions.Error` in Excel) and never invent messages of their own.
 */

/**
 * - `invalid_input`: the caller passed something the method cannot accept (wrong sign, wrong units,
 *   unsorted curve...). HTTP 400, Excel #VALUE!.
 * - `no_solution`: the inputs are valid but the maths has no answer (a price below intrinsic value
 *   has no implied volatility, a hedge whose scenario gain is not positive cannot cover a loss).
 *   HTTP 422, Excel #NUM! (with #VALUE! where the message matters more than the code).
 * - `insufficient_data`: a series is too short for the requested calculation. HTTP 422, Excel #N/A.
 * - `limit_exceeded`: the work asked for is over a stated limit (paths × steps, grid size). HTTP 422.
 */
export type AlvhErrorCode = 'invalid_input' | 'no_solution' | 'insufficient_data' | 'limit_exceeded';

export class AlvhError<C extends string = AlvhErrorCode> extends Error {
  override readonly name: string = 'AlvhError';
  readonly code: C;
  /** Dotted path of the offending input, e.g. `vol`, `futures[2].expiry`, `policy.tailCoverage`. */
  readonly field: string;
  /** What is wrong, without the fix: "is 18, which looks like a percentage". */
  readonly problem: string;
  /** What to do instead: "pass 0.18, not 18". */
  readonly fix: string;

  constructor(code: C, field: string, problem: string, fix: string) {
    super(`${field}: ${problem}; ${fix}`);
    this.code = code;
    this.field = field;
    this.problem = problem;
    this.fix = fix;
  }
}

/** An input the method cannot accept. */
export function invalidInput(field: string, problem: string, fix: string): AlvhError {
  return new AlvhError('invalid_input', field, problem, fix);
}

/**
 * An input refused at several fields at once, none of them to blame alone (an SPX and the condor
 * strikes that disagree with it: either may be the slip). `field`, `problem` and `fix` are the
 * first field's, as one cell shows them; `issues` lists every field with the same message, so a
 * form marks each and a problem document lists each.
 */
export class InvalidFields extends AlvhError {
  override readonly name: string = 'InvalidFields';
  readonly fields: readonly [string, ...string[]];
  readonly issues: readonly { path: string; message: string }[];
  constructor(fields: readonly [string, ...string[]], problem: string, fix: string) {
    super('invalid_input', fields[0], problem, fix);
    this.fields = fields;
    this.issues = fields.map((path) => ({ path, message: `${problem}; ${fix}` }));
  }

  /** The same refusal with each field renamed by `map` (`market.spx` → `plan.market.spx`). */
  renamed(map: (field: string) => string): InvalidFields {
    const [first, ...rest] = this.fields;
    return new InvalidFields([map(first), ...rest.map(map)], this.problem, this.fix);
  }
}

/** Valid inputs for which the maths has no answer. */
export function noSolution(field: string, problem: string, fix: string): AlvhError {
  return new AlvhError('no_solution', field, problem, fix);
}

/** A series too short for the calculation. */
export function insufficientData(field: string, problem: string, fix: string): AlvhError {
  return new AlvhError('insufficient_data', field, problem, fix);
}

/**
 * A count for a limit's or a refusal's message, its thousands grouped (1,000,000; 444,444), as every
 * count of one is. A number that is not a safe whole number is written as sent (0.175, 1e+300):
 * grouping would round a decimal, and spell out a huge one in hundreds of digits.
 */
export function grouped(n: number): string {
  return Number.isSafeInteger(n) ? n.toLocaleString('en-US') : String(n);
}

/** Cell text as a message echoes it: cut to 40 characters with an ellipsis (a cell may be 1 MB). */
export function clip(t: string, most = 40): string {
  return t.length > most ? `${t.slice(0, most)}…` : t;
}

/**
 * Cell text quoted as a message echoes it, cut to 40 characters after escaping (a cell of control
 * characters or backslashes doubles in JSON, and a message must stay within 255 characters).
 */
export function shown(t: string, most = 40): string {
  const j = JSON.stringify(t);
  return j.length <= most + 2 ? j : `${j.slice(0, most + 1)}…"`;
}

/** Work over a stated limit. */
export function limitExceeded(field: string, problem: string, fix: string): AlvhError {
  return new AlvhError('limit_exceeded', field, problem, fix);
}

/**
 * A rejection of the input or of the maths (one of the {@link AlvhErrorCode}s), which hosts turn
 * into a problem document or an Excel error. A {@link CancelledError} is not one: the caller asked
 * for the stop.
 */
export function isAlvhError(e: unknown): e is AlvhError {
  return e instanceof AlvhError && !(e instanceof CancelledError);
}

/**
 * Work stopped because the caller asked (a Monte Carlo's `shouldCancel`, the taskpane's Cancel):
 * code `cancelled`, `field` the run that stopped, and how much was done.
 */
export class CancelledError extends AlvhError<'cancelled'> {
  override readonly name: string = 'CancelledError';
  constructor(field: string, problem: string, fix = 'run it again to get a result') {
    super('cancelled', field, problem, fix);
  }
}

export function isCancelledError(e: unknown): e is CancelledError {
  return e instanceof CancelledError;
}
