/**
 * The dev certificate's end of validity, and the banner's warning when it is near. office-addin-dev-certs
 * issues its CA and localhost certificate for 30 days by default; once they expire the local host still
 * serves HTTPS with them, but browsers and Excel refuse the connection, so the add-in stops loading
 * with nothing that names the cause.
 */
import { X509Certificate } from 'node:crypto';

/** Warn this many days before the certificate expires. */
export const CERTIFICATE_WARNING_DAYS = 7;

const DAY_MS = 86_400_000;

/** When a PEM certificate stops being valid, or undefined when it cannot be read as one. */
export function certificateExpiry(cert: string | Buffer): Date | undefined {
  try {
    const end = new Date(new X509Certificate(cert).validTo);
    return Number.isNaN(end.getTime()) ? undefined : end;
  } catch {
    return undefined;
  }
}

/**
 * The banner lines that say the certificate expired, or expires within
 * {@link CERTIFICATE_WARNING_DAYS} days of `now`, with the date and how to renew it; none otherwise.
 */
export function certificateWarning(expires: Date, now: Date): string[] {
  const left = expires.getTime() - now.getTime();
  if (left > CERTIFICATE_WARNING_DAYS * DAY_MS) return [];
  const when = `${expires.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const days = Math.floor(left / DAY_MS);
  const soon = days === 0 ? 'within a day' : `in ${days} day${days === 1 ? '' : 's'}`;
  return [
    left <= 0
      ? `  WARNING: the dev certificate expired on ${when}; browsers and Excel refuse it, so the add-in will not load`
      : `  WARNING: the dev certificate expires on ${when} (${soon}); then browsers and Excel refuse it`,
    '  Renew it: `npx office-addin-dev-certs uninstall`, then `npx office-addin-dev-certs install`',
    '  (add `--days 365` for a longer one), then restart this host.',
  ];
}
