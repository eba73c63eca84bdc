/**
 * Words for an HTTP answer that is not the API's own refusal (no problem document): its status
 * line's reason, which HTTP/2 never sends (`statusText` is then empty), so the standard phrase
 * stands in, with the URL that answered and what to do.
 */
import { HTTP_REASON_PHRASES } from '@alvh/shared';

/** What to do when the answer is not the API's: the URL may be another host's, or a route's. */
export const CHECK_URL = 'check the URL in Settings, or clear it to run here';

/**
 * The reason for `status` as the page says it: `statusText` when the host sent one; else the
 * standard phrase with the URL that answered (`at`) and what to do, or for 401/403 the phrase alone
 * (the message then points at the function key).
 */
export function statusWords(status: number, statusText: string, at: string): string {
  if (statusText !== '') return statusText;
  const phrase = HTTP_REASON_PHRASES[status] ?? 'no reason given';
  if (status === 401 || status === 403) return phrase;
  return `${phrase} from ${at}, without a message; ${CHECK_URL}`;
}
