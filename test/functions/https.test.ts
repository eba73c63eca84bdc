/**
 * HTTPS with the office-addin-dev-certs file names: devCertificate() reads localhost.crt and
 * localhost.key from the certificate folder, and the host serves TLS with them. The certificate
 * is the self-signed localhost one made for these tests (test/helpers/tls), copied into a scratch
 * folder under the dev names, so the test runs on any machine (no openssl needed). The banner
 * warns when that certificate has expired or expires within a week: the clock is passed in, set
 * around the fixture's fixed end of validity.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { certificateExpiry, certificateWarning } from '../../functions/src/certificateExpiry';
import { banner, DEV_CERT_DIR, devCertificate, startLocalHost } from '../../functions/src/localHost';

/** The self-signed localhost certificate made for these tests. */
const TLS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../helpers/tls');

/** The scratch folders of this file, removed when it is done. */
const scratch: string[] = [];
function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

describe('HTTPS with the dev certificate', () => {
  it('looks where office-addin-dev-certs writes', () => {
    expect(DEV_CERT_DIR).toMatch(/\.office-addin-dev-certs$/);
  });

  it('finds no certificate in an empty folder (plain HTTP then)', () => {
    expect(devCertificate(scratchDir('alvh-nocert-'))).toBeUndefined();
  });

  it('serves HTTPS with localhost.crt and localhost.key', async () => {
    const dir = scratchDir('alvh-cert-');
    for (const name of ['localhost.crt', 'localhost.key']) copyFileSync(join(TLS_DIR, name), join(dir, name));
    const tls = devCertificate(dir);
    expect(tls).toBeDefined();
    const host = await startLocalHost({ port: 0, tls: tls!, corsOrigins: ['*'] });
    try {
      expect(host.url).toMatch(/^https:\/\/localhost:\d+$/);
      const body = await new Promise<string>((ok, fail) => {
        const req = request(`${host.url}/api/health`, { ca: readFileSync(join(dir, 'localhost.crt')) }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => ok(text));
        });
        req.on('error', fail);
        req.end();
      });
      expect(JSON.parse(body)).toMatchObject({ status: 'ok' });
    } finally {
      await host.close();
    }
  });
});

describe('the dev certificate running out', () => {
  /** The fixture's end of validity (`openssl x509 -enddate`: Nov  6 22:10:00 2126 GMT). */
  const END = new Date('2126-11-06T22:10:00Z');
  const DAY = 86_400_000;
  const at = (daysBeforeEnd: number) => new Date(END.getTime() - daysBeforeEnd * DAY);

  it("reads the certificate's end of validity, and nothing from text that is no certificate", () => {
    expect(certificateExpiry(readFileSync(join(TLS_DIR, 'localhost.crt')))).toEqual(END);
    expect(certificateExpiry('not a certificate')).toBeUndefined();
  });

  it('says nothing more than a week before the end', () => {
    expect(certificateWarning(END, at(30))).toEqual([]);
    expect(certificateWarning(END, at(7.5))).toEqual([]);
  });

  it('names the date and the days left within a week of it', () => {
    const lines = certificateWarning(END, at(3.5));
    expect(lines[0]).toBe(
      '  WARNING: the dev certificate expires on 2126-11-06 22:10 UTC (in 3 days); then browsers and Excel refuse it',
    );
    expect(certificateWarning(END, at(1.2))[0]).toContain('(in 1 day)');
    expect(certificateWarning(END, at(0.5))[0]).toContain('(within a day)');
    expect(lines.join('\n')).toContain(
      '`npx office-addin-dev-certs uninstall`, then `npx office-addin-dev-certs install`',
    );
    expect(lines.join('\n')).toContain('--days 365');
  });

  it('says it has expired once past the end', () => {
    for (const now of [END, at(-1), at(-400)]) {
      expect(certificateWarning(END, now)[0]).toBe(
        '  WARNING: the dev certificate expired on 2126-11-06 22:10 UTC; browsers and Excel refuse it, so the add-in will not load',
      );
    }
  });

  it("the host keeps its certificate's end, and the banner warns of it by the clock it is given", async () => {
    const dir = scratchDir('alvh-cert-');
    for (const name of ['localhost.crt', 'localhost.key']) copyFileSync(join(TLS_DIR, name), join(dir, name));
    const host = await startLocalHost({ port: 0, tls: devCertificate(dir)!, corsOrigins: ['*'] });
    try {
      expect(host.certificateExpires).toEqual(END);
      const text = (now: Date) => banner(host, true, now).join('\n');
      expect(text(at(30))).not.toContain('WARNING');
      expect(text(at(2.5))).toContain('WARNING: the dev certificate expires on 2126-11-06 22:10 UTC (in 2 days)');
      expect(text(at(-1))).toContain('WARNING: the dev certificate expired on 2126-11-06 22:10 UTC');
    } finally {
      await host.close();
    }
  });

  it('a plain HTTP host has no certificate and no warning', async () => {
    const host = await startLocalHost({ port: 0, tls: false, corsOrigins: ['*'] });
    try {
      expect(host.certificateExpires).toBeUndefined();
      expect(banner(host, false, at(-1)).join('\n')).not.toContain('WARNING');
    } finally {
      await host.close();
    }
  });
});
