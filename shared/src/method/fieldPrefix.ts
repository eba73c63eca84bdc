/** The field-prefixing helper every step of `plan` uses. */
import { AlvhError, InvalidFields, isAlvhError } from '../errors';

/** Re-prefix an error raised by a layer that does not know where its input sits in the plan. */
export function withPrefix<T>(map: (field: string) => string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InvalidFields) throw e.renamed(map);
    if (isAlvhError(e) && !('issues' in e)) throw new AlvhError(e.code, map(e.field), e.problem, e.fix);
    throw e;
  }
}
