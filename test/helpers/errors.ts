import { AlvhError } from '@alvh/shared';

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
