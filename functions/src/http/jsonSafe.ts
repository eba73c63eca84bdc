/**
 * Results leave the API as JSON, which has no typed arrays and no NaN or Infinity
 * (`JSON.stringify` would turn a Float64Array into an object keyed "0", "1"... and NaN into a
 * silent null). {@link toJsonSafe} converts typed arrays to plain arrays and refuses any
 * non-finite number, naming where it is: a wrong number must never look like an answer.
 */

/**
 * A non-finite number inside a result. Answered as a 422 naming where (inputs the schemas accept
 * can still overflow), and logged as a warning.
 */
export class NonFiniteResultError extends Error {
  readonly path: string;
  readonly value: string;
  constructor(path: string, value: number) {
    super(`the result has ${String(value)} at ${path}`);
    this.name = 'NonFiniteResultError';
    this.path = path;
    this.value = String(value);
  }
}

function key(path: string, k: string | number): string {
  return typeof k === 'number' ? `${path}[${k}]` : path === '' ? k : `${path}.${k}`;
}

/** A deep copy that JSON can carry exactly. Functions and undefined values are dropped, as JSON does. */
export function toJsonSafe(value: unknown, path = ''): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NonFiniteResultError(path || '(root)', value);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = Array.from(value as unknown as ArrayLike<number | bigint>, Number);
    for (let i = 0; i < arr.length; i++)
      if (!Number.isFinite(arr[i])) throw new NonFiniteResultError(key(path, i), arr[i]!);
    return arr;
  }
  if (Array.isArray(value)) return value.map((v, i) => toJsonSafe(v, key(path, i)));
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return toJsonSafe(Object.fromEntries(value), path);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function') continue;
    out[k] = toJsonSafe(v, key(path, k));
  }
  return out;
}
