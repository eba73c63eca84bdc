/**
 * The built entry that `npm start` runs (functions/dist/localHost.js), as a child process: it
 * prints its URLs and an example request, refuses a PORT that is not a port, and on SIGTERM exits 0
 * whatever it is doing: idle, in the middle of a heavy run (cut at the grace period), or after a
 * fault (a hostile body, a job stopped at its time limit).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONTECARLO_EXAMPLE, PLAN_EXAMPLE, STRESS_EXAMPLE } from '../../functions/src/handlers/examples';

interface Child {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

beforeAll(() => {
  if (!existsSync('functions/dist/localHost.js') || !existsSync('functions/dist/computeWorker.cjs'))
    execFileSync(process.execPath, ['functions/build.mjs'], { stdio: 'ignore' });
});

/** The HOME folders the spawned hosts were given, removed when the file is done. */
const homes: string[] = [];
afterAll(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

function spawnHost(env: Record<string, string>): Child {
  const home = mkdtempSync(join(tmpdir(), 'alvh-home-'));
  homes.push(home);
  const child = spawn(process.execPath, ['functions/dist/localHost.js'], {
    // A HOME without dev certificates: plain HTTP, whatever this machine has installed.
    env: {
      ...process.env,
      PORT: '0',
      ALVH_HOST: '127.0.0.1',
      ALVH_CORS_ORIGINS: '',
      HOME: home,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  return { child, output: () => out, exited };
}

/** The URL from the banner, once it is printed (or the output if the process exits first). */
function bannerUrl(c: Child): Promise<string> {
  return new Promise<string>((ok, fail) => {
    const check = () => {
      const m = /listening on (http:\/\/localhost:\d+)/.exec(c.output());
      if (m && c.output().includes('Ctrl+C')) ok(m[1]!);
    };
    c.child.stdout!.on('data', check);
    void c.exited.then(() => fail(new Error(`exited before listening:\n${c.output()}`)));
  });
}

function post(url: string, route: string, body: unknown, query = ''): Promise<Response> {
  return fetch(`${url}/api/${route}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Poll health until the pool is busy (at most `tries` times, one request at a time). */
async function untilBusy(url: string, tries = 2000): Promise<void> {
  for (let i = 0; i < tries; i++) {
    const h = (await (await fetch(`${url}/api/health`)).json()) as { pool: { busy: number } };
    if (h.pool.busy > 0) return;
  }
  throw new Error('the pool never became busy');
}

/** A stress body with an unknown field nested `depth` arrays deep. */
function deepBody(depth: number): string {
  const json = JSON.stringify(STRESS_EXAMPLE);
  return `${json.slice(0, -1)},"zz":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

const BIG_RUN = { ...MONTECARLO_EXAMPLE, paths: 2_000_000, firstPath: 0, pathCount: 2_000_000, horizonDays: 10 };

describe('node functions/dist/localHost.js', () => {
  it('prints its URLs and a curl example, serves, and stops cleanly on SIGTERM when idle', async () => {
    const c = spawnHost({});
    try {
      const url = await bannerUrl(c);
      const out = c.output();
      expect(out).toContain(`${url}/taskpane.html`);
      expect(out).toContain(`${url}/api/openapi.json`);
      expect(out).toContain(
        `curl -X POST ${url}/api/plan -H 'content-type: application/json' -d @docs/examples/plan.json`,
      );
      // The add-in served from this port is the origin allowed by default.
      expect(out).toContain(`CORS origins https://localhost:${new URL(url).port} (ALVH_CORS_ORIGINS)`);
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
    } finally {
      c.child.kill('SIGTERM');
    }
    expect(await c.exited).toBe(0);
    expect(c.output()).toContain('SIGTERM: finishing in-flight requests');
    expect(c.output()).toContain('stopped');
  });

  it.each(['abc', '70000'])('PORT=%s: exits 1 with a message naming PORT', async (port) => {
    const c = spawnHost({ PORT: port });
    expect(await c.exited).toBe(1);
    expect(c.output()).toContain(`PORT is "${port}"`);
  });

  it('ALVH_JOB_TIMEOUT_MS=900000 (past its 600000 bound): exits 1 naming it, rather than running at the default', async () => {
    const c = spawnHost({ ALVH_JOB_TIMEOUT_MS: '900000' });
    expect(await c.exited).toBe(1);
    expect(c.output()).toContain('ALVH_JOB_TIMEOUT_MS is "900000": set it to a whole number of milliseconds');
  });

  it.each([
    ['ALVH_SHUTDOWN_GRACE_MS', '3000000000'],
    ['ALVH_SHUTDOWN_GRACE_MS', '1e4'],
    ['ALVH_MAX_CONNECTIONS', '0x10'],
  ])('%s=%s: exits 1 naming it before it listens', async (name, value) => {
    const c = spawnHost({ [name]: value });
    // A host that took the value would listen on: stop it rather than leave it running.
    const still = new Promise<string>((ok) => setTimeout(() => ok('still running'), 20_000).unref());
    const code = await Promise.race([c.exited, still]);
    c.child.kill();
    expect(code).toBe(1);
    expect(c.output()).toContain(`${name} is "${value}": set it to a whole number of`);
    expect(c.output()).not.toContain('listening on');
  });

  it('SIGTERM in the middle of a heavy run cuts it at the grace period and exits 0', async () => {
    const c = spawnHost({ ALVH_SHUTDOWN_GRACE_MS: '100', ALVH_JOB_TIMEOUT_MS: '600000' });
    try {
      const url = await bannerUrl(c);
      const run = post(url, 'montecarlo', BIG_RUN, '?partial=false').then(
        (r) => r.status,
        () => 'closed',
      );
      await untilBusy(url);
      c.child.kill('SIGTERM');
      // The run is cut: its request gets a 503 or its connection is closed; never a hang.
      expect([503, 'closed']).toContain(await run);
    } catch (e) {
      c.child.kill('SIGKILL');
      throw e;
    }
    const code = await c.exited;
    expect(code, c.output()).toBe(0);
  });

  it('SIGTERM after faults (a 10,000-deep body twice, a job stopped at its time limit) exits 0', async () => {
    const c = spawnHost({ ALVH_JOB_TIMEOUT_MS: '50' });
    try {
      const url = await bannerUrl(c);
      for (let i = 0; i < 2; i++) expect((await post(url, 'stress', deepBody(10_000))).status).toBe(400);
      const r = await post(url, 'montecarlo', BIG_RUN, '?partial=false');
      expect(r.status).toBe(503);
      // The slot is free again and the host answers.
      const h = (await (await fetch(`${url}/api/health`)).json()) as { status: string; pool: { busy: number } };
      expect(h).toMatchObject({ status: 'ok', pool: { busy: 0 } });
      expect((await post(url, 'plan', PLAN_EXAMPLE)).status).toBe(200);
    } finally {
      c.child.kill('SIGTERM');
    }
    expect(await c.exited).toBe(0);
    expect(c.output()).not.toMatch(/unhandled/i);
  });
});
