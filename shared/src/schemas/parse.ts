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

/** The fix an {@link InputValidationError} carries when its first issue's message says none. */
export const SCHEMA_FIX = 'correct the field and try again';

/** The words an issue's fix begins with ("pass 0.05 for 5%", "check the spelling", "remove it"). */
const FIX_VERB =
  /^(pass|send|check|use|remove|put|drop|split|leave|give|add|set|end|merge|sort|choose|narrow|raise|lower|write|keep|move|replace|name|list|try|take|fill|make|omit|quote)\b/;

/**
 * The fix an issue's message says: the text after the first `; ` or `: ` (outside quoted text)
 * that begins with an imperative (`is "x"; pass one of "a", "b"`, `unknown field "y": check the
 * spelling…`), or the whole message when it is one (`pass at least two VX futures`); undefined
 * when it says none (`strikes must increase: …`).
 */
export function issueFix(message: string): string | undefined {
  if (FIX_VERB.test(message)) return message;
  let quoted = false;
  for (let i = 0; i < message.length - 2; i++) {
    const c = message[i];
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ';' || c === ':') && message[i + 1] === ' ') {
      const tail = message.slice(i + 2);
      if (FIX_VERB.test(tail)) return tail;
    }
  }
  return undefined;
}

export class InputValidationError extends AlvhError {
  readonly issues: readonly InputIssue[];

  /**
   * `field` and `problem` are the first issue's path and message (with the count of the others);
   * `fix` is the fix that message says ({@link issueFix}), else {@link SCHEMA_FIX}. The message is
   * not followed by its own fix a second time.
   */
  constructor(issues: readonly InputIssue[]) {
    const first = issues[0] ?? { path: '(root)', message: 'invalid input' };
    const last = issues.at(-1);
    const listed = issues.length - 1;
    // A check that stopped early ends its list with an issue saying so: the others are not counted.
    const more =
      issues.length > 1 && last !== undefined && isCheckStopped(last)
        ? ` (and more issues; the check stopped after the first ${listed})`
        : issues.length > 1
          ? ` (and ${listed} more issue${listed > 1 ? 's' : ''})`
          : '';
    const fix = issueFix(first.message);
    super('invalid_input', first.path, first.message + more, fix ?? SCHEMA_FIX);
    if (fix !== undefined) this.message = `${first.path}: ${first.message}${more}`;
    this.issues = issues;
  }
}

/**
 * The last issue of a check that stopped early (a long list's, {@link longListIssues}, or the
 * replay rows'): it says the check stopped, and is no issue of the input itself.
 */
const CHECK_STOPPED =
  /^(and more issues, not listed: the check stopped after|more than \d+ issues in the rows: checked up to)\b/;

/** Whether `issue` is the one saying the check stopped early ({@link CHECK_STOPPED}). @internal */
export function isCheckStopped(issue: InputIssue): boolean {
  return CHECK_STOPPED.test(issue.message);
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

function describeValue(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'string') return x.length > 40 ? 'text' : `the text ${JSON.stringify(x)}`;
  if (typeof x === 'number') return Number.isNaN(x) ? 'NaN' : String(x);
  return `a ${typeof x}`;
}

/** Unknown fields named in one message; the rest are counted ("and 299990 more"). */
const LISTED_KEYS = 10;
/** Longest key quoted back in a message; a longer one is cut and its length given. */
const KEY_CHARS = 40;

function shortKey(k: string): string {
  return k.length > KEY_CHARS ? `${k.slice(0, KEY_CHARS)}… (${k.length} characters)` : k;
}

/**
 * Unknown field names as an issue lists them: quoted, the first ten, each cut at 40 characters
 * (`"a", "b" and 290 more`), so a body of many or long keys is not echoed back whole. @internal
 */
export function listedKeys(keys: readonly unknown[]): string {
  const shown = keys.slice(0, LISTED_KEYS).map((k) => JSON.stringify(shortKey(String(k))));
  if (keys.length > LISTED_KEYS) shown.push(`and ${keys.length - LISTED_KEYS} more`);
  return shown.join(', ');
}

function withArticle(kind: string): string {
  if (kind === 'array') return 'a list';
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

/** What to pass for a value of zod's type `kind`, as a fix says it: "an object {…}", "a list […]". */
function typeToPass(kind: string): string {
  if (kind === 'object') return 'an object {…}';
  if (kind === 'array') return 'a list […]';
  if (kind === 'boolean') return 'true or false';
  return withArticle(kind);
}

/**
 * Plain words for zod's generic issues (a missing field, a wrong type, an unknown field, a value
 * outside an enum). Messages set on a schema take precedence; anything not handled here keeps
 * zod's own message. The error map of {@link parseInput}, for schemas that parse a part
 * themselves (the surface request picks its form). @internal
 */
export function friendlyIssue(iss: {
  code?: string;
  input?: unknown;
  expected?: unknown;
  keys?: unknown;
  values?: unknown;
}): string | undefined {
  switch (iss.code) {
    case 'invalid_type': {
      const expected = typeof iss.expected === 'string' ? iss.expected : 'value';
      if (iss.input === undefined) return `is required: pass ${typeToPass(expected)}`;
      return `is ${describeValue(iss.input)}; pass ${typeToPass(expected)}`;
    }
    case 'unrecognized_keys': {
      const all: unknown[] = Array.isArray(iss.keys) ? iss.keys : [];
      // a policy beside a plan (stress takes one there for a book; the other routes do not)
      if (
        all.length === 1 &&
        all[0] === 'policy' &&
        typeof iss.input === 'object' &&
        iss.input !== null &&
        'plan' in iss.input
      )
        return 'unknown field "policy": a plan carries its own policy, put the overrides in plan.policy';
      return `unknown field${all.length === 1 ? '' : 's'} ${listedKeys(all)}: check the spelling (names are case-sensitive) or remove ${all.length === 1 ? 'it' : 'them'}`;
    }
    case 'invalid_value': {
      if (!Array.isArray(iss.values)) return undefined;
      const given =
        typeof iss.input === 'string' || typeof iss.input === 'number'
          ? JSON.stringify(iss.input)
          : describeValue(iss.input);
      return `is ${given}; pass one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    case 'too_small':
    case 'too_big':
      return sizeIssue(iss);
    default:
      return undefined;
  }
}

/** A size out of bounds in plain words: a list, a text or a number (zod's generic too_small / too_big). */
function sizeIssue(iss: {
  code?: string;
  input?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: unknown;
}): string | undefined {
  const small = iss.code === 'too_small';
  const bound = Number(small ? iss.minimum : iss.maximum);
  if (!Number.isFinite(bound)) return undefined;
  const atMost = small ? 'at least' : 'at most';
  if (iss.origin === 'array' && Array.isArray(iss.input)) {
    const n = iss.input.length;
    const items = (k: number) => `${k} item${k === 1 ? '' : 's'}`;
    return `${n === 0 ? 'is empty' : `has ${items(n)}`}; pass ${atMost} ${items(bound)}`;
  }
  if (iss.origin === 'string' && typeof iss.input === 'string') {
    const n = iss.input.length;
    return `${n === 0 ? 'is empty' : `has ${n} characters`}; pass ${atMost} ${bound} characters`;
  }
  if (iss.origin === 'number' && typeof iss.input === 'number') {
    const op = small ? (iss.inclusive === false ? '>' : '≥') : iss.inclusive === false ? '<' : '≤';
    return `is ${iss.input}; pass a number ${op} ${bound}`;
  }
  return undefined;
}

/**
 * The parsed, defaulted value, or an {@link InputValidationError} listing every issue. A list of
 * {@link LONG_LIST} items or more is checked first item by item, and when its items have issues
 * the error lists the first {@link MAX_LONG_LIST_ISSUES} of them (then one `(root)` issue saying
 * the check stopped), without checking the rest of the input: 40,000 bad chain rows are 240,000
 * issues that zod would build, and that would hold the caller's thread for seconds.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const early = longListIssues(schema, raw);
  if (early.length > 0) throw new InputValidationError(early);
  const r = schema.safeParse(raw, { error: friendlyIssue });
  if (r.success) return r.data;
  throw new InputValidationError(inputIssues(r.error.issues));
}

/**
 * A zod error's issues as {@link InputIssue}s, each path under `prefix` (the place of a part
 * parsed on its own, e.g. `['rows', 12]`), as {@link parseInput} reports them. @internal
 */
export function inputIssues(issues: readonly PathIssue[], prefix: readonly PropertyKey[] = []): InputIssue[] {
  return withoutSizeOfWrongType(issues.flatMap(unionBranch)).map((i) => ({
    path: formatPath([...prefix, ...i.path]),
    message: i.message,
  }));
}

/**
 * The issues without a size issue (too short, too long) at a path whose value already has the
 * wrong type: zod checks the length of anything that has one, so `"rows": "x"` is "pass rows as an
 * array" and also "pass at least two rows"; the first says it all.
 */
function withoutSizeOfWrongType<I extends PathIssue>(issues: readonly I[]): I[] {
  const wrongType = new Set(issues.filter((i) => i.code === 'invalid_type').map((i) => formatPath(i.path)));
  if (wrongType.size === 0) return [...issues];
  return issues.filter((i) => !((i.code === 'too_small' || i.code === 'too_big') && wrongType.has(formatPath(i.path))));
}

interface PathIssue {
  path: PropertyKey[];
  message: string;
  code?: string;
  errors?: PathIssue[][];
}

/**
 * A union whose input has the type of exactly one of its options (text or a list of legs) reports
 * that option's issues, at their own paths, rather than one "matches none" at the union. An option
 * whose type the input does not have is not its type whatever else it says: zod checks a text
 * option's length against a list as well, so 100,001 rows were "too long" for the text option too,
 * and the union's "matches none" hid the rows' own limit.
 */
function unionBranch(issue: PathIssue): PathIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors === undefined) return [issue];
  const typed = issue.errors.filter((b) => !b.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  if (typed.length !== 1) return [issue];
  return (typed[0] as PathIssue[]).flatMap((i) => unionBranch({ ...i, path: [...issue.path, ...i.path] }));
}

/** Lists at least this long are checked item by item before the whole input (see {@link parseInput}). */
export const LONG_LIST = 1_000;
/** Most issues of long lists listed before the check stops. */
export const MAX_LONG_LIST_ISSUES = 100;

/** A zod schema's definition, as far as the walk below reads it. */
interface SchemaDef {
  type?: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: readonly z.ZodType[];
  checks?: readonly { _zod?: { def?: { check?: string; maximum?: number } } }[];
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** Through optional, nullable, default, readonly and pipe wrappers to the schema that checks the value. */
function unwrapped(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let d = defOf(s); d.innerType !== undefined || (d.type === 'pipe' && d.in !== undefined); d = defOf(s))
    s = d.innerType ?? d.in!;
  return s;
}

/**
 * The issues of the items of every long list in `raw` that `schema` checks item by item, in input
 * order, stopping after {@link MAX_LONG_LIST_ISSUES} (then a last `(root)` issue says so). Empty
 * when there are none: the whole parse then checks everything, as ever. A list over its schema's
 * most items is left to the whole parse (zod answers that bound alone, without its items).
 */
export function longListIssues(schema: z.ZodType, raw: unknown): InputIssue[] {
  const out: PathIssue[] = [];
  const full = () => out.length >= MAX_LONG_LIST_ISSUES;
  let stopped = false;
  const walk = (sch: z.ZodType, value: unknown, path: PropertyKey[]): void => {
    if (full() || typeof value !== 'object' || value === null) return;
    const s = unwrapped(sch);
    const d = defOf(s);
    if (d.type === 'union' && d.options) {
      // Only where the value can take one option: a list the one list option, an object the one object option.
      const kind = Array.isArray(value) ? 'array' : 'object';
      const fits = d.options.filter((o) => defOf(unwrapped(o)).type === kind);
      if (fits.length === 1) walk(fits[0]!, value, path);
      return;
    }
    if (d.type === 'object' && d.shape && !Array.isArray(value)) {
      for (const [k, field] of Object.entries(d.shape))
        if (Object.hasOwn(value, k)) walk(field, (value as Record<string, unknown>)[k], [...path, k]);
      return;
    }
    if (d.type !== 'array' || !d.element || !Array.isArray(value)) return;
    const most = d.checks?.find((c) => c._zod?.def?.check === 'max_length')?._zod?.def?.maximum;
    if (most !== undefined && value.length > most) return;
    if (value.length < LONG_LIST) {
      for (let i = 0; i < value.length && !full(); i++) walk(d.element, value[i], [...path, i]);
      return;
    }
    for (let i = 0; i < value.length && !full(); i++) {
      // Most items pass: checked without the message hook (zod calls it for every check it sets
      // up, several times the parse's cost), a failing one again with it, for the words.
      if (d.element.safeParse(value[i]).success) continue;
      const r = d.element.safeParse(value[i], { error: friendlyIssue });
      if (r.success) continue;
      const issues = withoutSizeOfWrongType(r.error.issues.flatMap(unionBranch));
      const room = MAX_LONG_LIST_ISSUES - out.length;
      for (const issue of issues.slice(0, room)) out.push({ ...issue, path: [...path, i, ...issue.path] });
      // Stopped with something unchecked: issues of this item, or items after it.
      if (full()) stopped = issues.length > room || i < value.length - 1;
    }
  };
  walk(schema, raw, []);
  const issues = out.map((i) => ({ path: formatPath(i.path), message: i.message }));
  if (stopped)
    issues.push({
      path: '(root)',
      message: `and more issues, not listed: the check stopped after the first ${MAX_LONG_LIST_ISSUES}; correct these and send it again`,
    });
  return issues;
}
