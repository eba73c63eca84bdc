/**
 * The paths-per-run limit of the Monte Carlo and of the frontier groups its counts as the per-call
 * limits do (2,000,000 paths), and a count that is no safe whole number is named as sent.
 */
import { describe, expect, it } from 'vitest';
import { checkFrontierWork, checkPathsLimit, grouped } from '@alvh/shared';
import { errorOf } from '../../helpers/errors';

describe('the paths-per-run limit', () => {
  it("the Monte Carlo's groups the count sent, the limit and the fix", () => {
    expect(errorOf(() => checkPathsLimit(3_000_000)).message).toBe(
      'paths: is 3,000,000, over the limit of 2,000,000 paths per run; run at most 2,000,000 paths',
    );
  });

  it("the frontier's groups them too", () => {
    expect(errorOf(() => checkFrontierWork(3_000_000, 3_000_000, 30, 7)).message).toBe(
      'paths: is 3,000,000, over the limit of 2,000,000 paths; run at most 2,000,000 paths',
    );
  });

  it('names a count past the safe whole numbers, or a decimal, as sent', () => {
    expect(errorOf(() => checkPathsLimit(1e300)).problem).toBe('is 1e+300, over the limit of 2,000,000 paths per run');
    expect([grouped(444_444), grouped(9999), grouped(0.175), grouped(-20_000)]).toEqual([
      '444,444',
      '9,999',
      '0.175',
      '-20,000',
    ]);
  });
});
