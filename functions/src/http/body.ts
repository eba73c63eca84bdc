/**
 * Reading a JSON request body: content type, size limit, a body that broke off, and a parse error
 * that says where the JSON broke. Each failure is an {@link HttpProblem} (415, 413, 400).
 */
import type { HttpRequest } from '@azure/functions';
import { HttpProblem, httpProblem } from './problem';
import { checkJsonObjects } from './jsonWidth';

/** `application/json` or any `+json` type, with or without parameters (charset). */
export function isJsonContentType(value: string | null): boolean {
  if (value === null) return false;
  const [head, ...params] = value.split(';');
  const type = head?.trim().toLowerCase() ?? '';
  // JSON is UTF-8 (RFC 8259 §8.1): a body declared in another charset would be misread, so it is refused.
  const charset = params
    .map((p) => p.trim().toLowerCase())
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return false;
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** Why a Content-Type is refused (see {@link isJsonContentType}), for a 415's detail. */
export function mediaTypeDetail(contentType: string | null): string {
  if (contentType === null)
    return 'the request has no Content-Type; send the body as JSON with Content-Type: application/json';
  const [head, ...params] = contentType.split(';');
  const charset = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('charset='));
  if (charset !== undefined && isJsonContentType(head ?? ''))
    return `the request body is declared ${charset.slice(0, 40)}; JSON is UTF-8: send it as UTF-8 (charset=utf-8, or no charset)`;
  return `the request body is ${(head ?? '').slice(0, 80)}; send JSON with Content-Type: application/json`;
}

/**
 * The 415 for a body sent with a Content-Encoding (gzip, br, ...): bodies are read as plain JSON
 * text, so an encoded one would be parsed as garbage. None, or `identity`, is fine.
 */
export function encodedBodyProblem(encoding: string | null | undefined): HttpProblem | undefined {
  const value = encoding?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'identity') return undefined;
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return new HttpProblem(
    httpProblem(
      415,
      'unsupported_media_type',
      `the request body is sent with Content-Encoding: ${shown}, which this API does not decode; send it uncompressed`,
      { fix: 'drop the Content-Encoding header and send the JSON text as it is' },
    ),
    { 'accept-encoding': 'identity' },
  );
}

/** The remedy for a body sent with a transfer coding other than chunked. */
export const TRANSFER_CODING_FIX =
  'send the JSON text uncompressed, with Content-Length or Transfer-Encoding: chunked alone';

/**
 * A transfer coding other than chunked (`Transfer-Encoding: gzip, chunked`): the host takes the
 * chunked framing off but decodes nothing else, so the body would be read as its compressed bytes
 * (a misleading "not UTF-8") or, for a coding that leaves text as it is, taken silently. RFC 9112
 * §6.1: a coding the server does not understand is a 501.
 */
export function transferCodingProblem(te: string | string[] | undefined): HttpProblem | undefined {
  const value = (Array.isArray(te) ? te.join(',') : (te ?? '')).toLowerCase();
  const codings = value
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'chunked');
  if (codings.length === 0) return undefined;
  const shown = codings.join(', ');
  return new HttpProblem(
    httpProblem(
      501,
      'not_implemented',
      `the request body is sent with Transfer-Encoding: ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}, which this API does not decode`,
      { fix: TRANSFER_CODING_FIX },
    ),
  );
}

/**
 * The 411 for an HTTP/1.0 request that sends no Content-Length: HTTP/1.0 has no other framing of a
 * request's body (RFC 1945 §7.2.2, RFC 9112 §6.3), so a body sent without it is read as none, and
 * the client would be told its JSON was empty.
 */
export function lengthRequired(): HttpProblem {
  return new HttpProblem(
    httpProblem(
      411,
      'length_required',
      'the request is HTTP/1.0 without Content-Length, so its body cannot be read (HTTP/1.0 takes such a request as having none)',
      {
        fix: 'send the JSON body with a Content-Length header giving its size in bytes, or send the request as HTTP/1.1',
      },
    ),
  );
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * The 413 problem for a body over `limit` bytes: found in the bytes read, or in the Content-Length
 * the request `declared` (then the bytes may never have been sent, as behind Expect: 100-continue).
 */
export function bodyTooLarge(limit: number, declared?: number): HttpProblem {
  const grouped = (n: number) => n.toLocaleString('en-US');
  const sent =
    declared === undefined
      ? 'sent a body larger than that'
      : `declared ${grouped(declared)} bytes in its Content-Length`;
  return new HttpProblem(
    httpProblem(
      413,
      'payload_too_large',
      `the request body is limited to ${grouped(limit)} bytes and this request ${sent}`,
      {
        limit,
        fix: `send at most ${grouped(limit)} bytes: split long histories or large runs over several requests`,
      },
    ),
  );
}

/**
 * V8's reason for a JSON syntax error without anything of the input: V8 quotes an excerpt of the
 * body (`Unexpected token 'a', "abcdefghij"... is not valid JSON`, or `..."name": tru}"`), and
 * states the position, which the caller gives once as line and column. A reason that would still
 * carry a quote of the input is replaced by a plain one.
 */
function syntaxReason(raw: string): string {
  const reason = raw
    .replace(/, (\.\.\.)?".*$/s, '')
    .replace(/ (in JSON )?at position \d+.*$/s, '')
    .trim();
  return reason === '' || reason.includes('"') || reason.length > 80 ? 'the text does not parse as JSON' : reason;
}

/** The literals other writers put for non-finite numbers (Python's json.dumps by default), none of them JSON. */
const NON_FINITE = ['NaN', '-Infinity', 'Infinity'] as const;

/**
 * The NaN, Infinity or -Infinity where the parser stopped, at `offset`: its offset and literal. The
 * parser stops at the literal's first letter, or one past the minus sign of -Infinity. One where a
 * property name goes (`{Infinity: 1}`, an unquoted name) is no number sent, so it is not named.
 */
function nonFiniteAt(text: string, offset: number): { offset: number; literal: string } | undefined {
  const minus = text.startsWith('-Infinity', offset - 1);
  const start = minus ? offset - 1 : offset;
  const literal = minus ? '-Infinity' : NON_FINITE.find((l) => text.startsWith(l, offset));
  return literal === undefined || atPropertyName(text, start) ? undefined : { offset: start, literal };
}

/**
 * Whether `offset` is where an object's property name goes: after its `{` or after a `,` inside it.
 * The text before `offset` is read as the parser read it (strings skipped, brackets counted).
 */
function atPropertyName(text: string, offset: number): boolean {
  const open: string[] = [];
  let last = '';
  for (let i = 0; i < offset; i++) {
    const c = text[i]!;
    if (c === '"') {
      for (i++; i < offset && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') open.push(c);
    else if (c === '}' || c === ']') open.pop();
    if (!/\s/.test(c)) last = c;
  }
  return last === '{' || (last === ',' && open.at(-1) === '{');
}

/**
 * The offset of the first token that is no JSON token (outside a string: not a bracket, comma,
 * colon, number, true, false or null), where the parser of a host that says no position
 * (`Unexpected token 'x'`) stopped; undefined if every token is JSON.
 */
function firstNonJsonToken(text: string): number | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (/[-\d]/.test(c)) {
      if (c === '-' && !/\d/.test(text[i + 1] ?? '')) return i;
      while (i + 1 < text.length && /[\d.eE+-]/.test(text[i + 1]!)) i++;
    } else if (/[a-z]/.test(c)) {
      const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      if (word === undefined) return i;
      i += word.length - 1;
    } else if (!/[\s{}[\],:]/.test(c)) return i;
  }
  return undefined;
}

/** The 400 for a NaN or Infinity literal in the body, naming where it sits and the fix. */
function nonFiniteProblem(text: string, at: { offset: number; literal: string }): HttpProblem {
  const { line, column } = lineColumn(text, at.offset);
  const where = `at line ${line}, column ${column} (character ${at.offset})`;
  return new HttpProblem(
    httpProblem(
      400,
      'malformed_json',
      `the request body is not valid JSON: ${at.literal} ${where} is not a JSON number`,
      {
        issues: [{ path: '(root)', message: `malformed JSON ${where}: ${at.literal} is not a JSON number` }],
        fix: 'NaN and Infinity are not JSON; send a number or leave the field out (Python: json.dumps(..., allow_nan=False) finds them)',
      },
    ),
  );
}

/**
 * Parse JSON text; a syntax error becomes a 400 naming the offset, line and column where it failed
 * (a NaN or Infinity literal, which the parser reports at no position, named where it sits), and an object with an absurd number of fields or a field sent twice a 400 naming it, found before
 * it is built.
 */
export function parseJsonText(text: string): unknown {
  if (text.trim() === '') {
    throw new HttpProblem(
      httpProblem(400, 'malformed_json', 'the request body is empty; send one JSON object', {
        issues: [{ path: '(root)', message: 'the body is empty; send a JSON object' }],
        fix: 'send the request as one JSON object (examples in docs/examples and /api/openapi.json)',
      }),
    );
  }
  const duplicate = checkJsonObjects(text);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const reason = syntaxReason(raw);
    const m = /at position (\d+)/.exec(raw);
    let offset: number | undefined = m?.[1] !== undefined ? Number(m[1]) : undefined;
    if (offset === undefined && /Unexpected end of JSON input/.test(raw)) offset = text.length;
    // A NaN or Infinity is named only where the parser stopped: at its position, or, from a host
    // that says none, at the first token that is no JSON, when the parser stopped at an N or an I.
    const stoppedAt = offset ?? (/^Unexpected token '[NI]'/.test(raw) ? firstNonJsonToken(text) : undefined);
    const nonFinite = stoppedAt === undefined ? undefined : nonFiniteAt(text, stoppedAt);
    if (nonFinite !== undefined) throw nonFiniteProblem(text, nonFinite);
    let where = '';
    if (offset !== undefined) {
      const { line, column } = lineColumn(text, offset);
      where = ` at line ${line}, column ${column} (character ${offset})`;
    }
    const message = `malformed JSON${where}: ${reason}`;
    throw new HttpProblem(
      httpProblem(400, 'malformed_json', `the request body is not valid JSON: ${reason}${where}`, {
        issues: [{ path: '(root)', message }],
        fix: 'send one JSON object with double-quoted property names and no trailing commas',
      }),
    );
  }
  if (duplicate !== undefined) throw duplicate;
  return value;
}

/**
 * The parsed JSON body of a request: 415 unless the content type is JSON, 413 over `limit` bytes
 * (checked on Content-Length first, then on the bytes read), 400 for malformed JSON.
 */
export async function readJsonBody(request: HttpRequest, limit: number): Promise<unknown> {
  const contentType = request.headers.get('content-type');
  if (!isJsonContentType(contentType)) {
    throw new HttpProblem(
      httpProblem(415, 'unsupported_media_type', mediaTypeDetail(contentType), {
        fix: 'set the header Content-Type: application/json',
      }),
      { accept: 'application/json' },
    );
  }
  const encoded = encodedBodyProblem(request.headers.get('content-encoding'));
  if (encoded) throw encoded;
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw bodyTooLarge(limit, declared);
  const bytes = await bytesWithin(request, limit);
  if (bytes.byteLength === 0 && !request.headers.has('content-length') && !request.headers.has('transfer-encoding'))
    throw unframedBody();
  return parseJsonText(utf8Text(bytes));
}

/**
 * The 400 for an empty body of a request that sent neither Content-Length nor Transfer-Encoding:
 * HTTP/1.1 frames a request's body by those two headers alone, and a request with neither has a
 * body of length zero (RFC 9112 §6.3), so whatever the client wrote after its headers was not read
 * as its body. The 400 of an empty body, saying why it is empty (a Content-Length: 0 or an empty
 * chunked body is the plain one of {@link parseJsonText}). Both hosts see the condition in the
 * request's headers (the Functions host passes the client's on); an HTTP/1.0 request so sent is the
 * local host's 411 ({@link lengthRequired}), before the body is read.
 */
function unframedBody(): HttpProblem {
  return new HttpProblem(
    httpProblem(
      400,
      'malformed_json',
      'the request body is empty: the request sent no Content-Length or Transfer-Encoding header, so its body was read as empty (HTTP/1.1 takes such a request as having none)',
      {
        issues: [{ path: '(root)', message: 'the body is empty: no Content-Length or Transfer-Encoding was sent' }],
        fix: 'send the JSON with a Content-Length header giving its size in bytes (most clients add it themselves)',
      },
    ),
  );
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body's bytes as text: JSON is UTF-8 (RFC 8259), and a byte sequence that is not would
 * otherwise be read as U+FFFD in silence, a name or a label changed without a word.
 */
function utf8Text(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new HttpProblem(
      httpProblem(400, 'malformed_json', 'the request body is not valid UTF-8', {
        issues: [{ path: '(root)', message: 'the body holds bytes that are not UTF-8' }],
        fix: 'send the JSON encoded as UTF-8 (as JSON requires), e.g. save the file as UTF-8',
      }),
    );
  }
}

/**
 * The 400 for a body whose upload broke off (the client closed or reset the connection while
 * sending it, so the stream failed with "aborted"): the client's doing, not a defect, so it is
 * logged at information level with the stream's reason, never as an error. The local host's
 * counterpart has nobody to answer and closes the socket.
 */
export function incompleteBody(cause: unknown): HttpProblem {
  const reason = (cause instanceof Error ? cause.message : String(cause)).slice(0, 200);
  return new HttpProblem(
    httpProblem(
      400,
      'incomplete_body',
      'the request body broke off before all of it arrived (the connection was closed or reset while it was sent); nothing was computed',
      { fix: 'send the request again with the whole body' },
    ),
    {},
    `request body broke off while it was read (${reason}): answered 400 incomplete_body`,
  );
}

/**
 * The body's bytes, read as they come and refused once past `limit`: a chunked body declares no
 * length, and reading it whole first (request.text()) would hold all of it in memory before the
 * check, up to the platform's own cap. A read that fails (the upload broke off) is a 400
 * {@link incompleteBody}.
 */
async function bytesWithin(request: HttpRequest, limit: number): Promise<Uint8Array> {
  const stream = request.body as ReadableStream<Uint8Array> | null;
  if (stream === null) return new Uint8Array(0);
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch (e) {
      throw incompleteBody(e);
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw bodyTooLarge(limit);
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}
