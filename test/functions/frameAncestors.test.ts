/**
 * The pages' frame-ancestors lets every Office host that frames the add-in on the web. The
 * directive checks each ancestor, not only the parent: with a personal Microsoft account the
 * workbook's page is on onedrive.live.com and the add-in's frame inside *.officeapps.live.com.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OFFICE_FRAME_ANCESTORS, PAGE_CSP } from '../../functions/src/http/security';

const SELF = 'https://localhost:3000';

/** The directive's sources, read from the CSP as sent. */
const sources = (/frame-ancestors ([^;]+)/.exec(PAGE_CSP)?.[1] ?? '').trim().split(/\s+/);

/** CSP host-source matching, as browsers apply it to https sources: `*.` matches any subdomain depth. */
function allowed(origin: string): boolean {
  const { protocol, host } = new URL(origin);
  return sources.some((s) => {
    if (s === "'self'") return origin === SELF;
    const m = /^https:\/\/(\*\.)?([^/:]+)$/.exec(s);
    if (m === null || protocol !== 'https:') return false;
    return m[1] ? host.endsWith(`.${m[2]}`) : host === m[2];
  });
}

describe('frame-ancestors', () => {
  it.each([
    ['a personal account (OneDrive consumer)', ['https://onedrive.live.com', 'https://usc-excel.officeapps.live.com']],
    ['a personal account (office.live.com)', ['https://excel.officeapps.live.com', 'https://www.office.live.com']],
    ['a work account (SharePoint)', ['https://contoso.sharepoint.com', 'https://excel.officeapps.live.com']],
    ['Microsoft 365 (cloud.microsoft)', ['https://excel.cloud.microsoft', 'https://contoso-my.sharepoint.com']],
    ['office.com', ['https://www.office.com']],
    ['this host', [SELF]],
  ])('lets every ancestor of Excel on the web with %s', (_who, chain) => {
    for (const origin of chain) expect(allowed(origin), origin).toBe(true);
  });

  it.each(['http://onedrive.live.com', 'https://live.com.example', 'https://evil-live.com', 'https://example.com'])(
    'refuses %s',
    (origin) => {
      expect(allowed(origin)).toBe(false);
    },
  );

  it('docs/api.md lists the hosts the policy names', () => {
    const api = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    const section = api.slice(api.indexOf('## Security headers'), api.indexOf('## Limits and settings'));
    for (const s of OFFICE_FRAME_ANCESTORS.filter((x) => x !== "'self'"))
      expect(section).toContain(`\`${s.replace('https://', '')}\``);
  });
});
