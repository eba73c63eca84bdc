/**
 * The stress grid's work limit (cells × legs) counts the legs a plan prices: four for each of its
 * condors plus the overlay and tail the method adds, as a book of the same legs counts them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkStressWork,
  parseInput,
  plan,
  scenarioLegCount,
  StressGridInputSchema,
  type PlanInput,
} from '@alvh/shared';

const LADDER = JSON.parse(readFileSync(join('docs', 'examples', 'plan-ladder.json'), 'utf8')) as PlanInput;
const FRIDAYS = ['2026-12-04', '2026-12-11', '2026-12-18', '2027-01-08', '2027-01-15', '2027-01-22'];
/** A ladder of the most condors a plan takes (12), on Fridays from 2026-12-04 to 2027-03-05. */
const TWELVE: PlanInput = {
  ...LADDER,
  condors: [...FRIDAYS, ...['2027-01-29', '2027-02-05', '2027-02-12', '2027-02-19', '2027-02-26', '2027-03-05']].map(
    (expiry) => ({ expiry, strikes: [5800, 5900, 7300, 7400], quantity: 1 }),
  ),
};
const GRID = { spxMoves: Array.from({ length: 40 }, (_, i) => -0.2 + i * 0.0075), days: [0, 7, 14, 21] };
const LEVELS = Array.from({ length: 26 }, (_, i) => 12 + i);

describe('stress work of a plan: the legs it prices', () => {
  it('counts 4 per condor plus 3, never fewer than the plan prices', () => {
    for (const [input, count] of [
      [JSON.parse(readFileSync(join('docs', 'examples', 'plan.json'), 'utf8')) as PlanInput, 7],
      [LADDER, 15],
      [TWELVE, 51],
    ] as const) {
      const v = parseInput(StressGridInputSchema, { plan: input, ...GRID, vixLevels: LEVELS });
      expect(scenarioLegCount(v)).toBe(count);
      const b = plan(input).book;
      // the tail call is priced even at 0 contracts (the paths resize it)
      expect(b.condor.length + b.overlay.length + Math.max(1, b.tail.length)).toBeLessThanOrEqual(count);
    }
  });

  it('refuses 4,160 cells of a 12-condor ladder as it refuses its 49 legs sent as a book', () => {
    // 40 × 26 × 4 cells: the plan was counted as 7 legs (29,120) and passed
    const v = parseInput(StressGridInputSchema, { plan: TWELVE, ...GRID, vixLevels: LEVELS });
    const b = plan(TWELVE).book;
    expect(b.condor.length + b.overlay.length + b.tail.length).toBe(49);
    expect(() => checkStressWork(4160, 49)).toThrow(/4,160 cells × 49 legs = 203,840 leg valuations/);
    expect(() => checkStressWork(4160, scenarioLegCount(v))).toThrow(
      'spxMoves: 4,160 cells × 51 legs = 212,160 leg valuations, over the limit of 200,000; pass at most 3,921 cells for this book, or split the grid over several requests',
    );
  });
});
