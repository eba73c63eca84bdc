/**
 * The query parameters of an API route. A route takes the ones its row declares (`query` in
 * routes.ts) and `code` (Azure's function key; the local host ignores it); any other is refused, as
 * an unknown body field is: a misspelled `?parital=false` or `?Partial=false` would otherwise be
 * dropped and the request answered as if it had not been sent (the full per-path arrays instead
 * of the summary). Names are exact (`partial`, not `Partial`); a flag's value may be any case.
 */
import { invalidInput, type AlvhError } from '@alvh/shared';

/** The query parameter every route takes besides its own: the function key (`?code=`). */
export const KEY_PARAMETER = 'code';

/** The names a route's query may hold: its own, then the function key. */
export function queryNames(spec: { query?: readonly { name: string }[] }): string[] {
  return [...(spec.query ?? []).map((q) => q.name), KEY_PARAMETER];
}

/** Edit distance of two short names (insertions, deletions, substitutions, adjacent swaps). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

/** A name as a problem shows it: cut at 40 characters, an empty one said in words. */
function shown(name: string): string {
  if (name === '') return '(an empty name)';
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

/** The declared name `name` most likely meant: the same but for case, or within two edits. */
function nearest(name: string, names: readonly string[]): { name: string; caseOnly: boolean } | undefined {
  const lower = name.toLowerCase();
  const sameCase = names.find((n) => n.toLowerCase() === lower);
  if (sameCase !== undefined) return { name: sameCase, caseOnly: true };
  if (name.length > 40) return undefined;
  let best: { name: string; d: number } | undefined;
  for (const n of names) {
    const d = distance(lower, n.toLowerCase());
    if (d <= Math.min(2, Math.floor(n.length / 3)) && (best === undefined || d < best.d)) best = { name: n, d };
  }
  return best && { name: best.name, caseOnly: false };
}

/**
 * The 400 (invalid_input) of the first query parameter of `params` that the route does not take,
 * naming it, the ones the route takes and the near match; undefined when every name is declared.
 */
export function unknownQueryError(
  spec: { route: string; method: string; query?: readonly { name: string }[] },
  params: URLSearchParams,
): AlvhError | undefined {
  const names = queryNames(spec);
  const unknown = [...new Set([...params.keys()].filter((k) => !names.includes(k)))];
  if (unknown.length === 0) return undefined;
  const name = unknown[0]!;
  const own = (spec.query ?? []).map((q) => q.name);
  const takes =
    own.length === 0
      ? `which takes none (but ${KEY_PARAMETER}, the function key)`
      : `which takes ${own.join(', ')} (and ${KEY_PARAMETER}, the function key)`;
  const others =
    unknown.length > 1
      ? ` (nor are ${unknown.slice(1, 6).map(shown).join(', ')}${unknown.length > 6 ? ', …' : ''})`
      : '';
  const near = nearest(name, names);
  const fix =
    near === undefined
      ? own.length === 0
        ? `leave it out${spec.method === 'POST' ? `: /api/${spec.route} reads its inputs from the body` : ''}`
        : `leave it out, or send one the route takes (${own.join(', ')})`
      : near.caseOnly
        ? `write ${near.name}: parameter names are case-sensitive (a true/false value may be any case)`
        : `did you mean ${near.name}? Write ${near.name}, or leave it out`;
  return invalidInput(shown(name), `is not a query parameter of /api/${spec.route}, ${takes}${others}`, fix);
}

/**
 * The JSON Schema of a true/false flag as `queryFlag` (route.ts) reads it: `true` or `false` in any
 * case, blanks around it allowed (an enum of the lowercase words would refuse what the hosts take).
 */
export function flagSchema(fallback: boolean): Record<string, unknown> {
  return {
    type: 'string',
    pattern: '^\\s*([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])\\s*$',
    examples: ['true', 'false'],
    default: String(fallback),
  };
}
