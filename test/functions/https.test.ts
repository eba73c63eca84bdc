/**
 * HTTPS with the office-addin-dev-certs file names: devCertificate() reads localhost.crt and
 * localhost.key from the certificate folder, and the host serves TLS with them. The certificate
 * is the self-signed localhost one made for these tests (test/helpers/tls), copied into a scratch
 * folder under the dev names, so the test runs on any machine (no openssl needed).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_CERT_DIR, devCertificate, startLocalHost } from '../../functions/src/localHost';

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
