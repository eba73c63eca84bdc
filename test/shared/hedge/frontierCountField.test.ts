/**
 * The frontier's refusal of too many paths per call names the count the caller sent, as the Monte
 * Carlo's does: `pathCount` for a chunk, `paths` for a call without one (it named `pathCount`,
 * which the call never sent). Both print every number of their per-call limits grouped (1,000,000
 * paths × 45 days = 45,000,000 path-steps; at most 444,444 paths).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkFrontierWork,
  checkMonteCarloLimits,
  checkMonteCarloWork,
  frontierSetup,
  monteCarloSetup,
  POOLED_MONTE_CARLO_LIMITS,
} from '@alvh/shared';
import { MONTECARLO_EXAMPLE } from '../../../functions/src/handlers/examples';
import { errorOf } from '../../helpers/errors';

const ex = JSON.parse(readFileSync(join(__dirname, '../../../docs/examples/frontier.json'), 'utf8')) as object;

describe("the frontier's path-steps refusal names the count sent", () => {
  // the example's plan: 56 days, so 357,143 paths pass 20,000,000 path-steps
  const steps = '357,143 paths × 56 days = 20,000,008 path-steps, over the limit of 20,000,000 per call;';

  it('paths, for a call that sent no pathCount', () => {
    const e = errorOf(() => frontierSetup({ ...ex, paths: 357_143 }));
    expect([e.code, e.field]).toEqual(['limit_exceeded', 'paths']);
    expect(e.message.startsWith(`paths: ${steps}`)).toBe(true);
    // from a firstPath too: the paths after it are the count, still set by paths
    const from = errorOf(() => frontierSetup({ ...ex, paths: 357_243, firstPath: 100 }));
    expect(from.field).toBe('paths');
  });

  it('pathCount, for a chunk', () => {
    const e = errorOf(() => frontierSetup({ ...ex, paths: 400_000, firstPath: 0, pathCount: 357_143 }));
    expect([e.code, e.field]).toEqual(['limit_exceeded', 'pathCount']);
    expect(e.message.startsWith(`pathCount: ${steps}`)).toBe(true);
  });

  it('as the Monte Carlo names it', () => {
    // 2,000,000 paths × 11 days: 22,000,000 path-steps
    const mc = { book: MONTECARLO_EXAMPLE.book, horizonDays: 11, paths: 2_000_000 };
    const sent = errorOf(() => monteCarloSetup(mc));
    expect([sent.field, sent.problem]).toEqual([
      'paths',
      '2,000,000 paths × 11 days = 22,000,000 path-steps, over the limit of 20,000,000 per call',
    ]);
    expect(errorOf(() => monteCarloSetup({ ...mc, firstPath: 0, pathCount: 2_000_000 })).field).toBe('pathCount');
  });
});

describe('the Monte Carlo prints its per-call limits grouped, as the frontier does', () => {
  it('path-steps', () => {
    const e = errorOf(() => checkMonteCarloLimits(2_000_000, 2_000_000, 11));
    expect(e.problem).toBe('2,000,000 paths × 11 days = 22,000,000 path-steps, over the limit of 20,000,000 per call');
  });

  it('path-steps × legs', () => {
    const e = errorOf(() => checkMonteCarloWork(1_000_000, 20, 9, {}, 'paths'));
    expect([e.field, e.problem]).toEqual([
      'paths',
      '1,000,000 paths × 20 days × 9 legs = 180,000,000, over the limit of 160,000,000 per call',
    ]);
  });
});

describe('every number of a per-call limit grouped, in the problem and in the fix', () => {
  it('1,000,000 paths × 45 days: the frontier and the Monte Carlo name 444,444 paths a call', () => {
    const steps = '1,000,000 paths × 45 days = 45,000,000 path-steps, over the limit of 20,000,000 per call';
    expect(errorOf(() => checkFrontierWork(2_000_000, 1_000_000, 45, 15)).message).toBe(
      `pathCount: ${steps}; chunk the run: at most 444,444 paths per call (firstPath, pathCount), then merge the chunks with mergeFrontier`,
    );
    const mc = errorOf(() => checkMonteCarloLimits(2_000_000, 1_000_000, 45));
    expect([mc.problem, mc.fix]).toEqual([
      steps,
      'run at most 444,444 paths per call and merge chunks (firstPath, pathCount)',
    ]);
    // a summary-only run on the pool: 100,000,000 pooled path-steps, chunks of at most 250,000 paths
    const pooled = errorOf(() =>
      checkMonteCarloLimits(2_000_000, 2_000_000, 730, { ...POOLED_MONTE_CARLO_LIMITS, chunkPaths: 250_000 }, 'paths'),
    );
    expect(pooled.message).toBe(
      'paths: 2,000,000 paths × 730 days = 1,460,000,000 path-steps, over the limit of 100,000,000 per call; run at most 136,986 paths, or send chunks (firstPath, pathCount) of at most 27,397 paths that answer their per-path values, and merge them',
    );
  });

  it('keeps every such message within 255 characters at the largest counts', () => {
    const lengths: number[] = [];
    // a call within one limit is refused by the other, or not at all
    const add = (f: () => void) => {
      try {
        f();
      } catch (e) {
        lengths.push((e as Error).message.length);
      }
    };
    const pooled = { ...POOLED_MONTE_CARLO_LIMITS, chunkPaths: 250_000 };
    for (const days of [11, 365, 730]) {
      for (const legs of [1, 9, 99, 144]) {
        for (const limits of [{}, { chunkPaths: 250_000 }, pooled]) {
          add(() => checkMonteCarloLimits(2_000_000, 2_000_000, days, limits, 'pathCount', legs));
          add(() => checkMonteCarloWork(2_000_000, days, legs, limits, 'pathCount'));
        }
        // as /api/frontier sends it: chunks of at most 100,000 paths, asked with ?partial=true
        const chunk = { chunkPaths: 100_000, chunkAsk: 'with ?partial=true' };
        add(() => checkFrontierWork(2_000_000, 2_000_000, days, legs * 100, 'plan.condors[11].expiry', chunk));
      }
    }
    expect(lengths.length).toBeGreaterThan(60);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(255);
  });
});
