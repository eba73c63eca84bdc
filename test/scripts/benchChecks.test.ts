/**
 * The answers the benchmarks check beside their timings, and the built files they need: the
 * comparison, the verdict that sets the bench's exit code, the refusal of a missing or stale
 * build, and a label the surface bench prints. Only the logic runs here, never a benchmark.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchVerdict, checkLine, compareFigures } from '../../bench/benchChecks';
import { BENCH_BUILT_FILES, builtFilesProblem, mtimeUnder } from '../../bench/builtFiles';
import { sliceCounts } from '../../bench/timing';

const pinned = { 'ALVH CVaR95': 68483.37, 'condor CVaR95': 73243.14, 'rebalances/path': 6.22 };

describe('a figure checked against a reference', () => {
  it('passes within the tolerance, naming the figures', () => {
    const c = compareFigures(
      'pinned',
      { 'ALVH CVaR95': 68483.36728, 'condor CVaR95': 73243.14044, 'rebalances/path': 6.21866 },
      pinned,
      0.005,
    );
    expect(c.ok).toBe(true);
    expect(checkLine(c)).toBe(
      'check ok: pinned — ALVH CVaR95 68483.36728; condor CVaR95 73243.14044; rebalances/path 6.21866 (within 0.005)',
    );
  });

  it('fails a run that dropped the policy, saying what was expected', () => {
    const c = compareFigures(
      'pool = one thread',
      { 'ALVH CVaR95': 69802.8, 'condor CVaR95': 73243.14, 'rebalances/path': 0 },
      pinned,
      0.005,
    );
    expect(c.ok).toBe(false);
    expect(checkLine(c)).toMatch(/^CHECK FAILED: pool = one thread — ALVH CVaR95 69802.8, expected 68483.37; /);
    expect(c.detail).toContain('rebalances/path 0, expected 6.22');
  });

  it('tolerance 0 asks for the same bits; a missing or non-finite figure fails', () => {
    expect(compareFigures('x', { a: 1 + 1e-12 }, { a: 1 }).ok).toBe(false);
    expect(compareFigures('x', { a: 1 }, { a: 1 }).detail).toBe('a 1 (bit for bit)');
    expect(compareFigures('x', {}, { a: 1 }, 1).ok).toBe(false);
    expect(compareFigures('x', { a: NaN }, { a: 1 }, 1).ok).toBe(false);
  });
});

describe("the bench's verdict", () => {
  const ok = { label: 'a', ok: true, detail: 'd' };
  const bad = { label: 'b', ok: false, detail: 'e' };

  it('exit code 0 when every check passed or none ran', () => {
    expect(benchVerdict([])).toEqual({ exitCode: 0, lines: [] });
    expect(benchVerdict([ok, ok])).toEqual({ exitCode: 0, lines: ['bench: all 2 checks passed'] });
  });

  it('exit code 1 when any failed, each failure on its own line', () => {
    expect(benchVerdict([ok, bad])).toEqual({
      exitCode: 1,
      lines: ['bench: 1 of 2 checks FAILED (the timings above are not of a right answer):', '  CHECK FAILED: b — e'],
    });
  });
});

describe('the built files a benchmark loads', () => {
  const times = (m: Record<string, number>) => (p: string) => m[p];
  const fresh = {
    'addin/dist/functions.js': 10,
    'addin/src': 5,
    'shared/src': 5,
    'addin/build.mjs': 1,
    'functions/dist/computeWorker.cjs': 10,
    'functions/src': 5,
    'functions/build.mjs': 1,
  };

  it('excelPricing needs the add-in bundle, montecarlo and host the compute worker; the rest none', () => {
    expect(BENCH_BUILT_FILES['excelPricing']!.map((b) => b.file)).toEqual(['addin/dist/functions.js']);
    expect(BENCH_BUILT_FILES['montecarlo']!.map((b) => b.file)).toEqual(['functions/dist/computeWorker.cjs']);
    expect(BENCH_BUILT_FILES['host']!.map((b) => b.file)).toEqual(['functions/dist/computeWorker.cjs']);
    expect(builtFilesProblem(['pricing', 'plan'], times({}))).toBeNull();
  });

  it('a built file newer than its sources passes', () => {
    expect(builtFilesProblem(['excelPricing', 'host', 'montecarlo'], times(fresh))).toBeNull();
  });

  it('a missing file is named, with what to run', () => {
    const { ['addin/dist/functions.js']: _, ...noAddin } = fresh;
    expect(builtFilesProblem(['excelPricing', 'plan'], times(noAddin))).toBe(
      'addin/dist/functions.js is missing: run npm run build first (npm run bench builds)',
    );
  });

  it('a file older than a source is named with the sources, each file once', () => {
    expect(builtFilesProblem(['host', 'montecarlo'], times({ ...fresh, 'shared/src': 11, 'functions/src': 12 }))).toBe(
      'functions/dist/computeWorker.cjs is older than functions/src, shared/src: run npm run build first (npm run bench builds)',
    );
  });

  describe('mtimeUnder', () => {
    const root = mkdtempSync(join(tmpdir(), 'alvh-built-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it("reads a file's time, a folder's newest file's, and undefined for a missing path", () => {
      mkdirSync(join(root, 'src', 'deep'), { recursive: true });
      writeFileSync(join(root, 'src', 'a.ts'), '');
      writeFileSync(join(root, 'src', 'deep', 'b.ts'), '');
      writeFileSync(join(root, 'out.js'), '');
      utimesSync(join(root, 'src', 'a.ts'), 100, 100);
      utimesSync(join(root, 'src', 'deep', 'b.ts'), 300, 300);
      utimesSync(join(root, 'out.js'), 200, 200);
      const mtime = mtimeUnder(root);
      expect(mtime('out.js')).toBe(200_000);
      expect(mtime('src')).toBe(300_000);
      expect(mtime('nothing')).toBeUndefined();
      expect(
        builtFilesProblem(['excelPricing'], (p) => mtime(p === 'addin/dist/functions.js' ? 'out.js' : 'src')),
      ).toBe(
        'addin/dist/functions.js is older than addin/src, shared/src, addin/build.mjs: run npm run build first (npm run bench builds)',
      );
    });
  });
});

describe("a chain fit's slices, as the surface bench labels them", () => {
  it('counts every slice and each root, SPXW and SPX alike', () => {
    const slices = [...Array(26).fill({ root: 'SPXW' }), ...Array(8).fill({ root: 'SPX' })] as { root: string }[];
    expect(sliceCounts(slices)).toBe('34 slices (SPXW 26, SPX 8)');
    expect(sliceCounts([{ root: 'SPX' }])).toBe('1 slice (SPX 1)');
  });
});
