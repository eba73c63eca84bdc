/**
 * Words for an HTTP answer that is not the API's own refusal (no problem document): its status
 * line's reason, which HTTP/2 never sends (`statusText` is then empty), so the standard phrase
 * stands in, with the URL that answered and what to do.
 */

/** What to do when the answer is not the API's: the URL may be another host's, or a route's. */
export const CHECK_URL = 'check the URL in Settings, or clear it to run here';

/** The standard reason phrases (RFC 9110) of the statuses a host or gateway in front of the API gives. */
const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * The reason for `status` as the page says it: `statusText` when the host sent one; else the
 * standard phrase with the URL that answered (`at`) and what to do, or for 401/403 the phrase alone
 * (the message then points at the function key).
 */
export function statusWords(status: number, statusText: string, at: string): string {
  if (statusText !== '') return statusText;
  const phrase = REASONS[status] ?? 'no reason given';
  if (status === 401 || status === 403) return phrase;
  return `${phrase} from ${at}, without a message; ${CHECK_URL}`;
}
