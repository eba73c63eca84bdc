/**
 * The one translation of the sizing package's errors into Excel's: every custom function runs its
 * body through {@link excelCall}, which throws a `CustomFunctions.Error`
 *
 * | AlvhError code      | Excel   | message shown                     |
 * |---------------------|---------|-----------------------------------|
 * | `invalid_input`     | #VALUE! | "argument: problem; fix" (1)      |
 * | `limit_exceeded`    | #VALUE! | "argument: problem; fix"          |
 * | `insufficient_data` | #N/A    | "argument: problem; fix"          |
 * | `no_solution`       | #N/A    | "argument: problem; fix"          |
 *
 * (1) a schema's issue ("argument: pass a number between 0.1 and 10") carries its fix in the problem.
 *
 * No answer (a price below intrinsic value has no implied vol, a tail call that gains nothing in the
 * drawdown) is #N/A, not #NUM!: Excel shows a custom function's message only with #VALUE! and #N/A,
 * and the message is what says which argument to change.
 *
 * It turns a non-finite number in a result into #NUM! instead of letting NaN or ±Infinity reach a
 * cell. Messages are cut to 200 characters (messages.ts), since Excel truncates long ones.
 */
import { InputValidationError, SCHEMA_FIX, isAlvhError } from '@alvh/shared';
import { excelMessage, shorten } from './messages';

/**
 * Maps the sizing package's field names to the Excel argument that carries them, where they
 * differ (`{ future: 'underlying' }`); a longer field maps by its longest mapped prefix.
 */
export type FieldNames = Readonly<Record<string, string>>;

function argumentName(field: string, names: FieldNames): string {
  const exact = names[field];
  if (exact !== undefined) return exact;
  // The longest mapped prefix ending at a segment boundary; list indices in the rest are counted
  // from 1, as cells are (`condor.strikes[0]` → `strikes[1]`).
  for (let end = field.length - 1; end > 0; end--) {
    if (field[end] !== '.' && field[end] !== '[') continue;
    const mapped = names[field.slice(0, end)];
    if (mapped !== undefined)
      return mapped + field.slice(end).replace(/\[(\d+)\]/g, (_, n: string) => `[${Number(n) + 1}]`);
  }
  return field;
}

/**
 * A message's text with each dotted field the map names (`policy.overlayBackDays`) written as its
 * argument (`backDays`): the fix a cell shows speaks of the cell's arguments, not the API's fields.
 */
function inArgumentTerms(text: string, names: FieldNames): string {
  let out = text;
  for (const [field, arg] of Object.entries(names)) {
    if (!field.includes('.') || !out.includes(field)) continue;
    const escaped = field.replace(/[.[\]]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\w.])${escaped}(?![\\w[]|\\.\\w)`, 'g'), arg);
  }
  return out;
}

/** The Excel error for anything a function body threw. */
export function toExcelError(e: unknown, names: FieldNames = {}): CustomFunctions.Error {
  if (e instanceof CustomFunctions.Error) return e;
  const { ErrorCode } = CustomFunctions;
  if (isAlvhError(e)) {
    // A schema's issue says the fix itself ("pass a number between 0.1 and 10"); its generic
    // "correct the field and try again" is the taskpane's form wording, not a cell's.
    // Re-thrown under an Excel argument's name, such an error keeps the wording but not the class,
    // and its fix (the one its message says) is not said twice.
    const fix = e instanceof InputValidationError || e.fix === SCHEMA_FIX || e.problem.includes(e.fix) ? '' : e.fix;
    const message = excelMessage(
      argumentName(e.field, names),
      inArgumentTerms(e.problem, names),
      inArgumentTerms(fix, names),
    );
    switch (e.code) {
      case 'no_solution':
      case 'insufficient_data':
        return new CustomFunctions.Error(ErrorCode.notAvailable, message);
      default:
        return new CustomFunctions.Error(ErrorCode.invalidValue, message);
    }
  }
  const text = e instanceof Error ? e.message : String(e);
  return new CustomFunctions.Error(ErrorCode.invalidValue, shorten(`unexpected error: ${text}`));
}

function checkFiniteResult(value: unknown): void {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    // Excel shows a thrown CustomFunctions.Error as #NUM! with its message; its type is not an Error.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidNumber, 'the result is not a finite number');
  }
  if (Array.isArray(value)) for (const item of value) checkFiniteResult(item);
}

/**
 * Runs a custom function's body: returns its result when every number in it is finite, else
 * throws the translated `CustomFunctions.Error`.
 */
export function excelCall<T>(body: () => T, names: FieldNames = {}): T {
  try {
    const result = body();
    checkFiniteResult(result);
    return result;
  } catch (e) {
    // Outside Excel's runtime (a plain page, a script) there is no CustomFunctions.Error: rethrow.
    if (typeof CustomFunctions === 'undefined' || typeof CustomFunctions.Error !== 'function') throw e;
    // Excel shows a thrown CustomFunctions.Error as its error value with its message; its type is not an Error.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw toExcelError(e, names);
  }
}
