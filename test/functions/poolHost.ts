/**
 * A local host on a free loopback port and, for the tests that run jobs on real workers, a compute
 * pool of one worker bundled into a temporary folder; each registers its own hooks, so a file says
 * what it needs in one line. `hostPost` sends a JSON body to the host as a client does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { setComputeRunner } from '../../functions/src/compute';
import { ComputePool } from '../../functions/src/compute/index';
import { startLocalHost, type LocalHost } from '../../functions/src/localHost';
import { bundleComputeWorker } from '../helpers/computeWorker';
import type { Json } from './postJson';

/** The local host of this file, started before its tests and closed after them. */
export function useLocalHost(): { host: () => LocalHost } {
  let host: LocalHost | undefined;
  beforeAll(async () => {
    host = await startLocalHost({ port: 0, host: '127.0.0.1', tls: false, logError: () => {} });
  });
  afterAll(async () => {
    await host?.close();
  });
  return {
    host: () => {
      if (host === undefined) throw new Error('the local host is not started');
      return host;
    },
  };
}

/**
 * A pool of one worker (bundled into a temporary folder named `prefix`…) and the local host; the
 * compute runner a test sets is cleared after each test.
 */
export function usePoolAndHost(prefix: string): { pool: () => ComputePool; host: () => LocalHost } {
  let dir: string | undefined;
  let pool: ComputePool | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    pool = new ComputePool({ workerUrl: await bundleComputeWorker(dir), size: 1, jobTimeoutMs: 60_000 });
  });
  const { host } = useLocalHost();
  afterEach(() => setComputeRunner(undefined));
  afterAll(async () => {
    await pool?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
  return {
    pool: () => {
      if (pool === undefined) throw new Error('the pool is not started');
      return pool;
    },
    host,
  };
}

/** A JSON POST to the host's `route`: its status and its body read as JSON. */
export async function hostPost(host: LocalHost, route: string, body: object): Promise<{ status: number; json: Json }> {
  const r = await fetch(`${host.url}/api/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as Json };
}
