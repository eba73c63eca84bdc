/**
 * Security headers of the local host. API answers are data, never rendered: `nosniff` and a CSP
 * that allows nothing. Pages (the add-in) get a CSP that Office add-ins work under:
 * - scripts from this origin, plus `'unsafe-eval'` because Office's host scripts (the Excel
 *   desktop builds of office.js, excel-win32-16.01-core.js and the Mac ones) compile code at run
 *   time, and appsforoffice.microsoft.com for a CDN copy of office.js;
 * - inline styles, which office.js injects; workers from this origin (the taskpane's Monte Carlo);
 * - `connect-src 'self' https:` because the taskpane calls the API endpoint its settings name
 *   (this host or a Function App);
 * - `frame-ancestors` limited to this origin and the Office hosts that frame an add-in (Excel on
 *   the web: office.com, sharepoint.com, cloud.microsoft, and live.com for a personal Microsoft
 *   account, whose workbook opens on onedrive.live.com with the add-in's frame nested in
 *   *.officeapps.live.com: frame-ancestors checks every ancestor, so both must match, and
 *   *.live.com covers both); Excel desktop shows the page in a WebView as the top document, which
 *   frame-ancestors does not restrict.
 */

export const OFFICE_FRAME_ANCESTORS = [
  "'self'",
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.live.com',
  'https://*.sharepoint.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft.com',
];

export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' https://appsforoffice.microsoft.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' https:",
  "worker-src 'self' blob:",
  "frame-src 'self' https://*.office.com https://*.officeapps.live.com https://*.microsoft.com",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors ${OFFICE_FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/** Headers on every page and file. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Headers on every API answer (JSON and problem documents). */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};
