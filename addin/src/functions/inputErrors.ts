/**
 * A formula's error in an argument. functions.json sets `allowErrorForDataTypeAny`, so Excel passes
 * an error cell inside a range to the function instead of answering for it: an #N/A in a column a
 * function does not read is no fault, and one it reads is named by its row and column (the range
 * readers say so). In a single value, or a range of one cell, the error passes through, as Excel's
 * own functions pass it: =ALVH.BS("call", NA(), ...) is #N/A, so IFNA and ISNA upstream keep
 * working; the build wraps every registered function in {@link withInputErrors} with the place,
 * name and shape of each argument.
 */

/** Error codes Excel lets a custom function return; #N/A and #VALUE! may carry a message. */
const RETURNABLE: Record<string, keyof typeof CustomFunctions.ErrorCode> = {
  '#N/A': 'notAvailable',
  '#VALUE!': 'invalidValue',
  '#DIV/0!': 'divisionByZero',
  '#NUM!': 'invalidNumber',
  '#NULL!': 'nullReference',
};

/**
 * The error code (#N/A, #DIV/0!, ...) of a cell Excel passed as an error value: a
 * CustomFunctions.Error's `code`, or an error cell value's `basicValue`; undefined for any other value.
 */
export function errorCode(x: unknown): string | undefined {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return undefined;
  const o = x as Record<string, unknown>;
  if (typeof o['code'] === 'string' && o['code'].startsWith('#')) return o['code'];
  const basic = o['basicValue'];
  if (o['type'] === 'Error' && typeof basic === 'string' && basic.startsWith('#')) return basic;
  return undefined;
}

/**
 * The error a function answers for an error in its single-value argument `name`: the same code
 * where Excel lets a function return it (with a message on #N/A and #VALUE!, the only two that show
 * one), else #VALUE! naming the code (#REF!, #NAME?, #SPILL!, #CALC!, ... are not returnable).
 */
export function passedError(name: string, code: string): CustomFunctions.Error {
  const key = RETURNABLE[code];
  const said = `${name}: is ${code}, a formula's error; fix the formula, or give the value`;
  if (key === 'notAvailable' || key === 'invalidValue')
    return new CustomFunctions.Error(CustomFunctions.ErrorCode[key], said);
  if (key !== undefined) return new CustomFunctions.Error(CustomFunctions.ErrorCode[key]);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, said);
}

/** The one value of an argument: itself, or a range's cell when the range is one cell. */
function oneValue(x: unknown): unknown {
  if (!Array.isArray(x)) return x;
  const rows = x as unknown[];
  if (rows.length !== 1) return undefined;
  const row = rows[0];
  return Array.isArray(row) ? (row.length === 1 ? (row as unknown[])[0] : undefined) : row;
}

/**
 * `fn` as Excel calls it: an error value in one of its arguments (`places`: place, name, and
 * whether it takes a range) that is a single value, or a range of one cell (=ALVH.BS("call", NA(),
 * …), whose every argument takes a range), is answered as {@link passedError} without calling
 * `fn`; a larger range goes through to `fn`, whose readers name an error cell they read.
 */
export function withInputErrors(
  fn: (...args: unknown[]) => unknown,
  places: readonly (readonly [number, string, boolean?])[],
): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    for (const [i, name, range] of places) {
      const code = errorCode(range === true ? oneValue(args[i]) : args[i]);
      // Excel shows a thrown CustomFunctions.Error as its error value; its type is not an Error.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (code !== undefined) throw passedError(name, code);
    }
    return fn(...args);
  };
}
