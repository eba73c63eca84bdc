/**
 * Real market history through the HTTP API: the August 2024 episode (SPX, VIX, VVIX and the
 * VX1..VX8 settlements from the data folder) replayed by POST /api/replay on the local host and
 * its worker pool gives exactly what replay() gives in this thread — JSON carries every number.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { replay } from '@alvh/shared';
import { closeCompute, setComputeRunner } from '../../functions/src/compute';
import { startLocalHost, type LocalHost } from '../../functions/src/localHost';
import { aug2024Rows, describeWithData } from '../helpers/marketData';

describeWithData('POST /api/replay on real history', () => {
  let host: LocalHost;
  beforeAll(async () => {
    if (!existsSync('functions/dist/computeWorker.cjs'))
      execFileSync(process.execPath, ['functions/build.mjs'], { stdio: 'ignore' });
    setComputeRunner(undefined);
    host = await startLocalHost({ port: 0, tls: false, corsOrigins: ['*'] });
  });
  afterAll(async () => {
    await host?.close();
    await closeCompute();
  });

  it('the Aug 2024 episode over HTTP equals the in-process replay', async () => {
    const rows = aug2024Rows();
    const input = { rows, assumptions: { includeLedger: true } };
    const res = await fetch(`${host.url}/api/replay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    expect(res.status).toBe(200);
    const overHttp = (await res.json()) as { episodes: { name: string }[]; days: number };
    expect(overHttp.days).toBeGreaterThan(30);
    expect(overHttp.episodes.map((e) => e.name)).toContain('Aug 2024');
    expect(overHttp).toEqual(JSON.parse(JSON.stringify(replay(input))));
  });
});
