/**
 * The package's public surface: named subpaths, each a barrel of public names; the root re-exports
 * them for the hosts. Internals (hot-loop kernels, the audit's number format) are not exported.
 */
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import * as root from '@alvh/shared';
import * as book from '@alvh/shared/book';
import * as calibration from '@alvh/shared/calibration';
import * as hedge from '@alvh/shared/hedge';
import * as market from '@alvh/shared/market';
import * as method from '@alvh/shared/method';
import * as pricing from '@alvh/shared/pricing';
import * as replay from '@alvh/shared/replay';
import * as scenario from '@alvh/shared/scenario';
import * as schemas from '@alvh/shared/schemas';
import * as signals from '@alvh/shared/signals';
import * as surface from '@alvh/shared/surface';

const subpaths = { book, calibration, hedge, market, method, pricing, replay, scenario, schemas, signals, surface };

describe('subpath exports', () => {
  it('every subpath name is the root name (one binding)', () => {
    for (const [name, mod] of Object.entries(subpaths)) {
      for (const [k, v] of Object.entries(mod)) {
        expect((root as Record<string, unknown>)[k], `${name}.${k}`).toBe(v);
      }
    }
  });

  it('each subpath holds its subject', () => {
    expect(typeof method.plan).toBe('function');
    expect(typeof pricing.bsPrice).toBe('function');
    expect(typeof root.checkVxPrice).toBe('function');
    expect(typeof market.buildTermStructure).toBe('function');
    expect(typeof signals.volOfVolExpanding).toBe('function');
    expect(typeof scenario.runMonteCarloChunk).toBe('function');
    expect(typeof replay.replay).toBe('function');
    expect(typeof schemas.resolvePolicy).toBe('function');
    expect(typeof book.markBook).toBe('function');
  });

  it('internals stay inside', () => {
    for (const k of ['stressedVixKernel', 'shockedFutureKernel', 'scenarioLossKernel', 'drawdownSpot', 'fmt']) {
      expect(k in root, k).toBe(false);
      expect(k in method, k).toBe(false);
    }
    const inside: [Record<string, unknown>, string[]][] = [
      [scenario, ['philox4x32', 'philox4x32Pair', 'uint32ToOpenUnit', 'compileLegs', 'legsValue']],
      [book, ['checkMarketState', 'bookValueFast']],
      [market, ['atmVolFromVixKernel']],
      [replay, ['sizeLayers', 'stepSettle', 'stepRebalance', 'retarget', 'finishCampaign', 'runReplay']],
    ];
    for (const [mod, names] of inside) {
      for (const k of names) {
        expect(k in root, k).toBe(false);
        expect(k in mod, k).toBe(false);
      }
    }
  });

  it('every subpath of package.json has a barrel the root re-exports', async () => {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(new URL('../../../shared/package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, string>;
    };
    const named = Object.keys(pkg.exports)
      .filter((k) => k !== '.')
      .map((k) => k.slice(2))
      .sort();
    expect(named).toEqual(Object.keys(subpaths).sort());
    for (const mod of Object.values(subpaths)) expect(Object.keys(mod).length).toBeGreaterThan(0);
  });

  it('esbuild resolves the subpaths as the hosts bundle them', async () => {
    const r = await build({
      stdin: {
        contents: "export { plan } from '@alvh/shared/method'; export { bsPrice } from '@alvh/shared/pricing';",
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      logLevel: 'silent',
    });
    expect(r.errors).toEqual([]);
    expect(r.outputFiles[0]!.text).toContain('function plan(');
  });
});
