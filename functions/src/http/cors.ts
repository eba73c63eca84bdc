/**
 * CORS for the local host (in Azure the Function App's platform CORS setting does this job; see
 * docs/deploy.md). Allowed origins come from `ALVH_CORS_ORIGINS`; a preflight may ask for the
 * headers `content-type` and `x-functions-key`.
 */

export const CORS_ALLOWED_HEADERS = 'content-type, x-functions-key';
export const CORS_MAX_AGE_SECONDS = 600;

/**
 * Whether a browser origin may call the API. `*` in the list allows any. The trailing slashes are
 * cut from the first of their run only (the lookbehind): `/\/+$/` tries every slash of a run to its
 * end, quadratic in an Origin header of 16 KB of slashes.
 */
export function isOriginAllowed(origin: string, allowed: readonly string[]): boolean {
  return allowed.includes('*') || allowed.includes(origin.replace(/(?<!\/)\/+$/, ''));
}

/**
 * The answer headers a page may read besides the safelisted ones: the type, and every header a
 * problem document points to (Allow of a 405, Retry-After of a 503, Accept and Accept-Encoding of
 * a 415).
 */
export const EXPOSED_HEADERS = 'content-type, allow, retry-after, accept, accept-encoding';

/** Headers for an actual (non-preflight) response to `origin`; none when it is not allowed. */
export function corsHeaders(origin: string | undefined, allowed: readonly string[]): Record<string, string> {
  if (origin === undefined || !isOriginAllowed(origin, allowed)) return {};
  return {
    'access-control-allow-origin': allowed.includes('*') ? '*' : origin,
    'access-control-expose-headers': EXPOSED_HEADERS,
    vary: 'Origin',
  };
}

/** Headers for a preflight answer that allows `methods`. */
export function preflightHeaders(
  origin: string,
  allowed: readonly string[],
  methods: readonly string[],
): Record<string, string> {
  return {
    ...corsHeaders(origin, allowed),
    'access-control-allow-methods': [...methods, 'OPTIONS'].join(', '),
    'access-control-allow-headers': CORS_ALLOWED_HEADERS,
    'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
  };
}
