/**
 * The built entry that `npm start` runs (functions/dist/localHost.js): it prints its URLs and an
 * example request, answers, and on SIGTERM finishes and exits 0.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('node functions/dist/localHost.js', () => {
  it('prints its URLs and a curl example, serves, and stops cleanly on SIGTERM', async () => {
    if (!existsSync('functions/dist/localHost.js'))
      execFileSync(process.execPath, ['functions/build.mjs'], { stdio: 'ignore' });
    const child = spawn(process.execPath, ['functions/dist/localHost.js'], {
      // A HOME without dev certificates: plain HTTP, whatever this machine has installed.
      env: { ...process.env, PORT: '0', ALVH_HOST: '127.0.0.1', HOME: mkdtempSync(join(tmpdir(), 'alvh-home-')) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    try {
      const url = await new Promise<string>((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`no banner:\n${out}`)), 15_000);
        child.stdout.on('data', () => {
          const m = /listening on (http:\/\/localhost:\d+)/.exec(out);
          if (m && out.includes('Ctrl+C')) {
            clearTimeout(timer);
            ok(m[1]!);
          }
        });
      });
      expect(out).toContain(`${url}/taskpane.html`);
      expect(out).toContain(`${url}/api/openapi.json`);
      expect(out).toContain(`curl -X POST ${url}/api/plan -H 'content-type: application/json' -d '{"valuationDate"`);
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toContain('SIGTERM: finishing in-flight requests');
    expect(out).toContain('stopped');
  });
});
