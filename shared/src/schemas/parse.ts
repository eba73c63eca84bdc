/**
 * Parse untrusted input with a zod schema and turn every issue into the package's error model:
 * one {@link InputValidationError} that carries all issues as {path, message}, with the first
 * issue's path as its `field`. Hosts render `issues` as they are.
 */
import type { z } from 'zod';
import { AlvhError } from '../errors';

export interface InputIssue {
  /** Dotted path of the offending field, `futures[2].price`; `(root)` for the whole body. */
  path: string;
  message: string;
}

export class InputValidationError extends AlvhError {
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[]) {
    const first = issues[0] ?? { path: '(root)', message: 'invalid input' };
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : '';
    super('invalid_input', first.path, first.message + more, 'correct the field and try again');
    this.issues = issues;
  }
}

/** `a.b[2].c` from zod's path segments. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

/** The parsed, defaulted value, or an {@link InputValidationError} listing every issue. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  throw new InputValidationError(r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
}
