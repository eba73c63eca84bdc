/**
 * The frontier's refusal of too many paths per call names the count the caller sent, as the Monte
 * Carlo's does: `pathCount` for a chunk, `paths` for a call without one (it named `pathCount`,
 * which the call never sent). Both print their per-call limits grouped (20,000,000).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMonteCarloLimits, checkMonteCarloWork, frontierSetup, monteCarloSetup } from '@alvh/shared';
import { MONTECARLO_EXAMPLE } from '../../../functions/src/handlers/examples';
import { errorOf } from '../../helpers/errors';

const ex = JSON.parse(readFileSync(join(__dirname, '../../../docs/examples/frontier.json'), 'utf8')) as object;

describe("the frontier's path-steps refusal names the count sent", () => {
  // the example's plan: 56 days, so 357,143 paths pass 20,000,000 path-steps
  const steps = '357143 paths × 56 days = 20000008 path-steps, over the limit of 20,000,000 per call;';

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
      '2000000 paths × 11 days = 22000000 path-steps, over the limit of 20,000,000 per call',
    ]);
    expect(errorOf(() => monteCarloSetup({ ...mc, firstPath: 0, pathCount: 2_000_000 })).field).toBe('pathCount');
  });
});

describe('the Monte Carlo prints its per-call limits grouped, as the frontier does', () => {
  it('path-steps', () => {
    const e = errorOf(() => checkMonteCarloLimits(2_000_000, 2_000_000, 11));
    expect(e.problem).toBe('2000000 paths × 11 days = 22000000 path-steps, over the limit of 20,000,000 per call');
  });

  it('path-steps × legs', () => {
    const e = errorOf(() => checkMonteCarloWork(1_000_000, 20, 9, {}, 'paths'));
    expect([e.field, e.problem]).toEqual([
      'paths',
      '1000000 paths × 20 days × 9 legs = 180000000, over the limit of 160,000,000 per call',
    ]);
  });
});
