/**
 * The tests that read the market history are skipped where it is absent, but CI must not pass by
 * skipping them: `.ci/run` requires the folder, and the switch reads only a set, non-blank value.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dataRequired } from './marketData';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('a missing market data folder', () => {
  it('fails the run where ALVH_REQUIRE_DATA or CI is set, and only there', () => {
    expect(dataRequired({})).toBe(false);
    expect(dataRequired({ CI: '', ALVH_REQUIRE_DATA: ' ' })).toBe(false);
    expect(dataRequired({ ALVH_REQUIRE_DATA: '1' })).toBe(true);
    expect(dataRequired({ CI: 'true' })).toBe(true);
  });

  it('.ci/run requires it before it runs the tests', () => {
    const run = readFileSync(resolve(repoRoot, '.ci', 'run'), 'utf8');
    const require = run.indexOf('\nexport ALVH_REQUIRE_DATA=1\n');
    expect(require).toBeGreaterThan(0);
    expect(require).toBeLessThan(run.indexOf('\nnpm test'));
  });
});
