/**
 * Words for an HTTP answer that is not the API's own refusal (no problem document): its status
 * line's reason, which HTTP/2 never sends (`statusText` is then empty), so the standard phrase
 * stands in, with the URL that answered and what to do.
 */
import { HTTP_REASON_PHRASES } from '@alvh/shared';

/** What to do when the answer is not the API's: the URL may be another host's, or a route's. */
export const CHECK_URL = 'check the URL in Settings, or clear it to run here';

/**
 * The reason for `status` as the page says it, always with the URL that answered (`at`): the host's
 * `statusText`, else the standard phrase; then what to do. A 502, 503 or 504 comes from a gateway or
 * proxy whose host behind it is not answering: try again (`wait`: "in a minute", or the
 * Retry-After's seconds) or run here. A 429's host turns requests away for a while: try again. For
 * 401/403 the phrase alone (the message then points at the function key).
 */
export function statusWords(status: number, statusText: string, at: string, wait = 'in a minute'): string {
  const phrase = statusText !== '' ? statusText : (HTTP_REASON_PHRASES[status] ?? 'no reason given');
  if (status === 401 || status === 403) return phrase;
  if (status === 429) return `${phrase} from ${at}: the host is turning requests away; try again ${wait}`;
  if (status === 502 || status === 503 || status === 504)
    return `${phrase} from ${at}: the host behind that address is not answering; try again ${wait}, or clear the URL in Settings to run here`;
  return `${phrase} from ${at}, without a message; ${CHECK_URL}`;
}
