/**
 * The paths a Monte Carlo refusal over a work limit suggests pass the next check: for horizons
 * from 21 to 728 days, books of 6 to 48 legs, the per-call limits, a host's per-answer limit
 * (chunkPaths) and the pooled summary-only limits, as checkedMonteCarloRequest checks a request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkedMonteCarloRequest,
  isAlvhError,
  MAX_PATHS,
  POOLED_MONTE_CARLO_LIMITS,
  type MonteCarloWorkLimits,
} from '@alvh/shared';

const EXAMPLE = JSON.parse(readFileSync(join('docs', 'examples', 'montecarlo.json'), 'utf8')) as {
  book: { condor: Record<string, unknown>[]; tail: unknown[] };
};
/** The example book with its condor 728 days out, and `tail` copies of its tail call (6 + tail legs). */
function book(tail: number) {
  return {
    ...EXAMPLE.book,
    condor: EXAMPLE.book.condor.map((leg) => ({ ...leg, expiry: '2028-11-17' })),
    tail: Array.from({ length: tail }, () => EXAMPLE.book.tail[0]),
  };
}

/** The refusal's suggested counts ("at most N paths"), or [] when the request is accepted. */
function advice(input: object, limits: MonteCarloWorkLimits): number[] {
  try {
    checkedMonteCarloRequest(input, limits);
    return [];
  } catch (e) {
    if (!isAlvhError(e) || e.code !== 'limit_exceeded') throw e;
    return [...e.fix.matchAll(/at most ([\d,]+) paths/g)].map((m) => Number(m[1]!.replaceAll(',', '')));
  }
}

const CHUNK = 250_000;
const DAYS = [21, 45, 56, 80, 200, 365, 728];
const TAILS = [0, 1, 3, 12, 42];

describe('a refusal over a Monte Carlo work limit suggests counts the next call passes', () => {
  it.each([
    ['per call', {}],
    ['per call, answering at most 250,000 paths', { chunkPaths: CHUNK }],
  ] as const)('%s: a chunk of the count named is accepted', (_label, limits: MonteCarloWorkLimits) => {
    for (const days of DAYS) {
      for (const tail of TAILS) {
        const run = { book: book(tail), paths: MAX_PATHS, seed: 7, horizonDays: days };
        const [most] = advice(run, limits);
        expect(most, `${days} days, ${6 + tail} legs`).toBeDefined();
        expect(most!).toBeLessThanOrEqual(limits.chunkPaths ?? MAX_PATHS);
        expect(advice({ ...run, firstPath: 0, pathCount: most }, limits), `${days} days, ${6 + tail} legs`).toEqual([]);
      }
    }
  });

  it('pooled summary alone: the fewer paths run pooled, the chunks run per call within the answer limit', () => {
    const pooled = { ...POOLED_MONTE_CARLO_LIMITS, chunkPaths: CHUNK };
    let refused = 0;
    for (const days of DAYS) {
      for (const tail of TAILS) {
        const run = { book: book(tail), paths: MAX_PATHS, seed: 7, horizonDays: days };
        const counts = advice(run, pooled);
        if (counts.length === 0) continue; // within the pooled limits
        refused++;
        const [fewer, chunk] = counts;
        const at = `${days} days, ${6 + tail} legs`;
        expect(advice({ ...run, paths: fewer }, pooled), at).toEqual([]);
        expect(chunk!, at).toBeLessThanOrEqual(CHUNK);
        expect(advice({ ...run, firstPath: 0, pathCount: chunk }, { chunkPaths: CHUNK }), at).toEqual([]);
      }
    }
    expect(refused).toBeGreaterThan(20);
  });
});
