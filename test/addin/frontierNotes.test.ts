import { describe, expect, it } from 'vitest';
import { frontier } from '@alvh/shared';
import { parseFrontier } from '../../addin/src/common/hedgeViews';
import { PLAN_INPUT } from '../helpers/fixtures';

describe('the taskpane’s frontier notes', () => {
  it('show the answer’s warnings before its model notes (too few down paths: run more)', () => {
    // 300 paths: about 100 end lower, a CVaR tail of 6 paths, which the answer warns of
    const real = JSON.parse(JSON.stringify(frontier({ plan: PLAN_INPUT, paths: 300, seed: 5 }))) as {
      warnings: string[];
      modelNotes: string[];
    };
    expect(real.warnings).toHaveLength(1);
    const v = parseFrontier(real as unknown);
    expect(v.notes).toEqual([...real.warnings, ...real.modelNotes]);
    expect(v.notes[0]).toMatch(/too few to rank mixes; run more paths/);
  });
});
