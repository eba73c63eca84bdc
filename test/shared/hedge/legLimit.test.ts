import { expect, it } from 'vitest';
import { MAX_CONTRACTS, compareTailStructures, costsToCover, plan, sizeStructure } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { realDayInput } from '../method/realDays';
import { standardCondorDay } from './days';

describeWithData('tail structures are held to one leg’s 100,000 contracts, as the literal tail is', () => {
  it('a comparison sizes no structure above the limit, keeps what the rule asks, and says so', () => {
    const day = standardCondorDay('2018-12-24');
    // 100,000 condors: the 10-wide call spread, $574 of gain a unit, asks for over 600,000
    const c = compareTailStructures({ ...day, condors: [{ ...day.condors[0]!, quantity: 100_000 }] });
    const spread = c.structures.find((s) => s.structure === 'vix-call-spread')!;
    expect(spread.size!.requiredUnits).toBeGreaterThan(MAX_CONTRACTS);
    expect(spread.size!.units).toBe(MAX_CONTRACTS);
    expect(spread.size!.cost).toBeCloseTo(MAX_CONTRACTS * spread.premium, 6);
    expect(spread.size!.coverageAchieved).toBeCloseTo((MAX_CONTRACTS * spread.gain) / c.loss, 12);
    for (const s of c.structures) if (s.size !== null) expect(s.size.units).toBeLessThanOrEqual(MAX_CONTRACTS);
    const held = c.structures.filter((s) => s.size !== null && s.size.requiredUnits > MAX_CONTRACTS);
    expect(c.warnings).toHaveLength(held.length);
    expect(c.warnings).toContain(
      `The vix-call-spread structure asks for ${spread.size!.requiredUnits} units, more than one leg holds (100000): it is sized at 100000. Plan a book this size in parts.`,
    );
    // the stated protection: held too, after the structures that reach it, with the share it covers
    const cover = costsToCover(c, 0.5);
    const last = cover.costs.filter((x) => x.lossBoundedByPremium).at(-1)!;
    expect(last.structure).toBe('vix-call-spread');
    expect(last.units).toBe(MAX_CONTRACTS);
    expect(last.requiredUnits).toBe(sizeStructure(spread, c.loss, 0.5).requiredUnits);
    expect(cover.words).toMatch(
      /with vix-call-spread \(\d+ units asked, held to 100000, more than one leg holds: [\d.]+% of the loss\)\.$/,
    );
  });

  it('a plan of 100,000 condors warns for each structure held, and no row or budget buy exceeds the limit', () => {
    const day = realDayInput('2018-12-24').input;
    const p = plan({
      ...day,
      condor: { ...day.condor!, quantity: 100_000 },
      portfolio: { capital: 1e10, budget: 1e9 },
      policy: { maxHedgeCostRate: 5, targetIrr: 0 },
    });
    const held = p.structures.structures.filter((r) => r.size !== null && r.size.requiredUnits > MAX_CONTRACTS);
    expect(held.map((r) => r.structure).sort()).toEqual(
      ['spx-put-spread', 'vix-call', 'vix-call-ladder', 'vix-call-spread'].sort(),
    );
    for (const r of p.structures.structures) {
      if (r.size !== null) expect(r.size.units).toBeLessThanOrEqual(MAX_CONTRACTS);
      expect(r.withinBudget.units).toBeLessThanOrEqual(MAX_CONTRACTS);
    }
    expect(p.structures.bestWithinBudget!.units).toBeLessThanOrEqual(MAX_CONTRACTS);
    for (const r of held)
      expect(p.warnings).toContain(
        `The ${r.structure} structure asks for ${r.size!.requiredUnits} units, more than one leg holds (100000): it is sized at 100000. Plan a book this size in parts.`,
      );
    expect(p.warnings.filter((w) => /structure asks for \d+ units, more than one leg holds/.test(w))).toHaveLength(
      held.length,
    );
  });
});
