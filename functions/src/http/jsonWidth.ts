/**
 * A guard run on the JSON text of a body before it is parsed, in one pass over the characters:
 * - an object with an absurd number of fields (300 000 unknown keys fit in a 3.5 MB body) is
 *   refused before `JSON.parse` builds it and the schema lists every key, which held the request
 *   thread for most of a second. No request object of the API has more than about a hundred fields;
 * - so is an array of more than {@link MAX_ARRAY_ITEMS} items, before the parser builds them,
 *   and a body of more than {@link MAX_JSON_VALUES} values in all (27 arrays of 49,990 `{}` each
 *   pass the other bounds, but built and checked held the thread over a second);
 * - a field sent twice in one object is refused: `JSON.parse` keeps the last silently, other
 *   parsers the first (RFC 8259 leaves it open; I-JSON, RFC 7493, forbids it), so
 *   `{"capital": 100000, …, "capital": 1000000}` would size a book on a figure the sender may not
 *   have meant.
 */
import { type AlvhError, invalidInput } from '@alvh/shared';

/** Most fields of one JSON object in a request body: far above any schema's (about a hundred at most). */
export const MAX_OBJECT_FIELDS = 1000;

/**
 * Deepest nesting of arrays and objects a body may have: the deepest document of this API (a plan
 * with a fitted surface's wings) is under 10 levels. Deeper text is refused before it is parsed,
 * so that a body of a million brackets costs one quick scan, not the parser's time and a path of
 * a million segments in the answer.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Most items of one JSON array in a request body: the longest list of the API is a chain's 40,000
 * rows. A body of a million `{}` (4 MB) would otherwise be parsed and built, item by item, before
 * any schema counted it, holding the request thread for seconds.
 */
export const MAX_ARRAY_ITEMS = 50_000;

/**
 * Most JSON values (objects, arrays, strings, numbers, booleans, nulls; keys not counted) in one
 * request body. The largest legitimate requests: a plan with a full table chain (40,000 rows of at
 * most 7 fields, 8 values a row: 320,000) and full signal histories (6 arrays of 10,000 points:
 * 60,000), about 380,000 in all; a replay of 12,000 rows of at most 10 fields and 12 VX prices
 * (24 values a row) has 288,000; a surface from a chain of 40,000 rows and 10,000 points 350,000.
 * The cap leaves room above them.
 */
export const MAX_JSON_VALUES = 500_000;

/** A key as a path segment: the text as sent (JSON unescaped), cut to 40 characters. */
function keyText(text: string, start: number, end: number): string {
  let key: string;
  try {
    key = JSON.parse(text.slice(start, Math.min(end, start + 200))) as string;
  } catch {
    key = text.slice(start + 1, Math.min(end - 1, start + 41));
  }
  return key.length > 40 ? `${key.slice(0, 40)}…` : key;
}

interface Frame {
  object: boolean;
  /** Fields so far (objects) or commas so far, the index of the current element (arrays). */
  count: number;
  /** Where the current field's key sits in the text (objects). */
  keyStart: number;
  keyEnd: number;
  /** Where the keys seen so far sit, start and end of each (objects with fewer than SMALL keys). */
  spans: number[] | undefined;
  /** The names of the keys seen so far, once the object has SMALL keys or one holds an escape. */
  names: Set<string> | undefined;
}

/** Up to this many keys an object's names are compared in the text, allocating nothing per key. */
const SMALL = 16;

/** Whether the keys at [a, a + len) and [b, b + len) of `text` are the same characters. */
function sameSpan(text: string, a: number, b: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  return true;
}

/** Whether the key at [start, end) (`escaped` when it holds a backslash) was seen before in `f`, recording it. */
function seenBefore(text: string, f: Frame, start: number, end: number, escaped: boolean): boolean {
  if (f.names === undefined && f.count <= SMALL && !escaped) {
    const spans = (f.spans ??= []);
    const len = end - start;
    for (let i = 0; i < spans.length; i += 2) {
      if (spans[i + 1]! - spans[i]! === len && sameSpan(text, spans[i]!, start, len)) return true;
    }
    spans.push(start, end);
    return false;
  }
  if (f.names === undefined) {
    f.names = new Set();
    const spans = f.spans ?? [];
    for (let i = 0; i < spans.length; i += 2) f.names.add(keyName(text, spans[i]!, spans[i + 1]!));
  }
  const name = keyName(text, start, end);
  if (f.names.has(name)) return true;
  f.names.add(name);
  return false;
}

/** A key's name: the text between its quotes, unescaped only when it holds an escape. */
function keyName(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch {
    return raw;
  }
}

/** `a.b[2].c` of the open frames below the innermost one. */
function pathOf(text: string, frames: readonly Frame[]): string {
  let out = '';
  for (let i = 0; i < frames.length - 1; i++) {
    const f = frames[i]!;
    if (!f.object) out += `[${f.count}]`;
    else {
      const k = keyText(text, f.keyStart, f.keyEnd);
      out += out === '' ? k : `.${k}`;
    }
  }
  return out === '' ? '(root)' : out;
}

/**
 * Throw `invalid_input` naming the first object of `text` with more than `max` fields; return the
 * `invalid_input` naming the first field sent twice in one object, for the caller to throw once the
 * text has parsed (malformed text is the parser's to name first). One pass, no allocation per
 * character (one per key).
 */
export function checkJsonObjects(text: string, max = MAX_OBJECT_FIELDS): AlvhError | undefined {
  let duplicate: AlvhError | undefined;
  const frames: Frame[] = [];
  let strStart = -1;
  let strEnd = -1;
  /** The last token was a string, so a colon now makes it a key (malformed text is the parser's). */
  let keyReady = false;
  let strEscaped = false;
  /** The next token is a value: at the start, after a colon, after `[` or a comma in an array. */
  let valueNext = true;
  let values = 0;
  const tooMany = () =>
    invalidInput(
      '(root)',
      `holds more than ${MAX_JSON_VALUES.toLocaleString('en-US')} JSON values (objects, arrays, strings, numbers, booleans, nulls), more than any request of this API (about 380,000 at most: a plan with a full chain and signal histories)`,
      'send fewer rows or items, or split the work over several requests',
    );
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // a string: skip to its closing quote, remembering where it was (it may be a key)
      const start = i;
      if (valueNext && ++values > MAX_JSON_VALUES) throw tooMany();
      valueNext = false;
      strEscaped = false;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) {
          i++;
          strEscaped = true;
        } else if (d === 34) break;
      }
      strStart = start;
      strEnd = i + 1;
      keyReady = true;
      continue;
    }
    const wasKey = keyReady;
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    keyReady = false;
    if (valueNext && c !== 93 && ++values > MAX_JSON_VALUES) throw tooMany();
    valueNext = c === 58 || c === 91 || (c === 44 && frames[frames.length - 1]?.object === false);
    if (c === 123 || c === 91) {
      frames.push({ object: c === 123, count: 0, keyStart: 0, keyEnd: 0, spans: undefined, names: undefined });
      if (frames.length > MAX_JSON_DEPTH) {
        throw invalidInput(
          pathOf(text, frames),
          `nests arrays and objects more than ${MAX_JSON_DEPTH} deep, far deeper than any document of this API`,
          'send the documented shape (see the schema in /api/openapi.json)',
        );
      }
    } else if (c === 125 || c === 93) {
      frames.pop();
    } else if (c === 44) {
      const top = frames[frames.length - 1];
      if (top !== undefined && !top.object && ++top.count >= MAX_ARRAY_ITEMS) {
        throw invalidInput(
          pathOf(text, frames),
          `has more than ${MAX_ARRAY_ITEMS.toLocaleString('en-US')} items, more than any list of this API (a chain's 40,000 rows are the most)`,
          'send fewer items, or split the work over several requests',
        );
      }
    } else if (c === 58) {
      const top = frames[frames.length - 1];
      if (top?.object !== true || !wasKey) continue;
      top.keyStart = strStart;
      top.keyEnd = strEnd;
      if (++top.count > max) {
        const path = pathOf(text, frames);
        throw invalidInput(
          path,
          `has more than ${max} fields, far more than any object of this API`,
          'send only the documented fields (unknown fields are errors: see the schema in /api/openapi.json)',
        );
      }
      if (duplicate !== undefined) continue;
      if (seenBefore(text, top, strStart, strEnd, strEscaped)) {
        const path = pathOf(text, frames);
        const key = keyText(text, strStart, strEnd);
        duplicate = invalidInput(
          path === '(root)' ? key : `${path}.${key}`,
          'is sent twice in the same object; JSON readers disagree on which value counts',
          'send each field once, with the value you mean',
        );
      }
    }
  }
  return duplicate;
}
