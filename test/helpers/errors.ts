import { AlvhError, InputValidationError } from '@alvh/shared';

/** The AlvhError `fn` throws; any other error is rethrown, and no error at all fails the test. */
export function errorOf(fn: () => unknown): AlvhError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AlvhError) return e;
    throw e;
  }
  throw new Error('expected an AlvhError');
}

/** The issues of the InputValidationError `fn` throws (every bad line or field at once); any other outcome fails the test. */
export function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  const e = errorOf(fn);
  if (!(e instanceof InputValidationError)) throw new Error(`expected an InputValidationError, got ${e.message}`);
  return [...e.issues];
}
