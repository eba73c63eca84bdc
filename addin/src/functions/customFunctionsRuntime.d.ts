/**
 * The part of Excel's custom functions runtime these functions use. Excel (and the test shim)
 * provides the `CustomFunctions` global at run time; it is looked up when a function fails, never
 * when the script loads.
 */
declare namespace CustomFunctions {
  enum ErrorCode {
    invalidValue = '#VALUE!',
    notAvailable = '#N/A',
    divisionByZero = '#DIV/0!',
    invalidNumber = '#NUM!',
    nullReference = '#NULL!',
    invalidName = '#NAME?',
    invalidReference = '#REF!',
  }
  class Error {
    constructor(errorCode: ErrorCode, errorMessage?: string);
    readonly code: ErrorCode;
    readonly message?: string;
  }
  function associate(id: string, fn: (...args: never[]) => unknown): void;
}
