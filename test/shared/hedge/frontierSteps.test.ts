import { describe, expect, it } from 'vitest';
import { FRONTIER_CONDORS_PER_STEP, MAX_CONTRACTS, frontier, frontierUnitStep } from '@alvh/shared';
import { frontierRows, scorer, searchFrontier, type Scorer } from '../../../shared/src/hedge/frontierSearch';
import type { FrontierPartial } from '../../../shared/src/hedge/frontierTypes';
import { PLAN_INPUT } from '../../helpers/fixtures';

/** The 2026-11-20 plan with `quantity` condors (capital and budget large enough for any of them). */
function planOf(quantity: number) {
  return {
    ...PLAN_INPUT,
    condor: { ...PLAN_INPUT.condor, quantity },
    portfolio: { capital: 1e11, budget: 1e9 },
  };
}

describe('frontier of a large book: units searched in steps, each count within one leg’s limit', () => {
  it('steps one unit per 100 condors (every whole unit up to 100)', () => {
    expect(FRONTIER_CONDORS_PER_STEP).toBe(100);
    expect([1, 100, 101, 1000, 100_000].map(frontierUnitStep)).toEqual([1, 1, 2, 10, 1000]);
  });

  it('gives 1,000 condors ten times the frontier of 100 on the same paths (its units in steps of 10)', () => {
    // The same seed gives the same paths whatever the quantity; the P&L of 10× the condors is 10×,
    // so the mixes on the 10-unit grid at 10× the budgets are the 1-unit mixes times ten.
    // 1,500 paths: at 2,000 the 100-lot's search at a $1bn budget (3,365 rows) is over its limit
    const run = { paths: 1500, seed: 11 };
    const small = frontier({ ...run, plan: planOf(100), budgets: [20_000, 60_000, 1e9] });
    const large = frontier({ ...run, plan: planOf(1000), budgets: [200_000, 600_000, 1e9] });
    expect(small.unitStep).toBe(1);
    expect(small.warnings.some((w) => w.includes('steps of'))).toBe(false);
    expect(large.unitStep).toBe(10);
    expect(large.warnings).toContainEqual(
      expect.stringMatching(/^a book of over 100 condors: units are searched in steps of 10 /),
    );
    large.points.forEach((p, i) => {
      const q = small.points[i]!;
      expect(p.overlayUnits).toBe(10 * q.overlayUnits);
      expect(p.tailUnits).toBe(10 * q.tailUnits);
      expect(p.structure).toBe(q.structure);
      expect(p.cvar95Down).toBeCloseTo(10 * q.cvar95Down, 4);
    });
    // the default ladder's largest point buys a real hedge (not the empty mix)
    expect(large.points.at(-1)!.tailUnits).toBeGreaterThan(100);
  });

  it('answers 100,000 condors at a $1bn budget (it ran out of memory searching every unit)', () => {
    const g = frontier({ paths: 2000, seed: 11, plan: planOf(100_000), budgets: [1e9] });
    expect(g.unitStep).toBe(1000);
    const p = g.points[0]!;
    expect(p.overlayUnits % 1000).toBe(0);
    expect(p.tailUnits % 1000).toBe(0);
    expect(p.cvar95Down).toBeLessThan(0.5 * g.unhedged.cvar95Down);
    // the literal tail's cost buys far more than one leg holds: each structure alone is held to it
    for (const s of g.structures) expect(s.units).toBeLessThanOrEqual(MAX_CONTRACTS);
    expect(g.structures.some((s) => s.units === MAX_CONTRACTS)).toBe(true);
  });

  it('holds a mix to the leg limit where more units would still lower the CVaR', () => {
    // Two down paths; the condors lose 1e9 on each; the structure (component 1) pays 1 a unit on
    // both at a premium of 0.001: CVaR falls with every unit, so only the cap stops the count.
    const condor = Float64Array.of(-1e9, -1e9);
    const pays = Float64Array.of(1, 1);
    const overlay = Float64Array.of(0, 0);
    const sc: Scorer = {
      downPaths: 2,
      tail: 1,
      condor,
      hedges: [overlay, pays],
      spxEnd: Float64Array.of(90, 95),
      cvar: (u) => 1e9 - u[1]!,
      plane: () => ({ at0: 1e9, slope: [0, -1] }),
    };
    const premiums = [1, 0.001];
    const capped = frontierRows(sc, premiums, 1e9, [0], MAX_CONTRACTS);
    expect(searchFrontier(capped, premiums, [1000, 1e9], [0]).map((c) => c.tailUnits)).toEqual([
      MAX_CONTRACTS,
      MAX_CONTRACTS,
    ]);
    // without the cap the budget alone bounds it: a million units at $1,000
    const free = frontierRows(sc, premiums, 1000, [0]);
    expect(searchFrontier(free, premiums, [1000], [0])[0]!.tailUnits).toBe(1_000_000);
  });
});

describe('the CVaR 95 tail', () => {
  it('is the single worst path at 20 down paths or fewer, two at 21 (as docs/hedging.md says)', () => {
    const tailOf = (n: number) =>
      scorer({
        pathCount: n,
        spot0: 100,
        spxEnd: new Float64Array(n).fill(99),
        condor: new Float64Array(n),
        hedges: [],
      } as unknown as FrontierPartial).tail;
    expect([1, 20, 21, 180, 181].map(tailOf)).toEqual([1, 1, 2, 9, 10]);
  });
});
