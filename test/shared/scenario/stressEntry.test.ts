/**
 * The stress grid of a plan counts the condor's P&L from the credit received, as the plan's max
 * profit and loss and the Monte Carlo do: a plan whose condor is priced at a given `vol` (or given
 * a `credit`) away from the surface's mark.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plan, runMonteCarloChunk, stressGrid, type PlanInput } from '@alvh/shared';
import { BOOK } from '../../helpers/fixtures';

/** docs/examples/plan.json: three condors priced at a given vol of 16%, the surface marks them at less. */
const AT_VOL = JSON.parse(readFileSync(join('docs', 'examples', 'plan.json'), 'utf8')) as PlanInput;
const { vol: _vol, ...CONDOR } = AT_VOL.condor!;
const GIVEN_CREDIT: PlanInput = { ...AT_VOL, condor: { ...CONDOR, credit: 4.2 } };
/** SPX moves from a rally through the call wing to a 30% fall; the condor expires 56 days out. */
const MOVES = [-0.3, -0.1, -0.05, 0, 0.05, 0.1, 0.2];

describe('stress grid of a plan: the condor from its credit', () => {
  for (const [name, input] of [
    ['priced at a given vol', AT_VOL],
    ['given a credit', GIVEN_CREDIT],
  ] as const) {
    it(`${name}: at expiry the condor's P&L lies within the plan's max loss and max profit, reaching both`, () => {
      const pl = plan(input);
      const g = stressGrid({ plan: input, spxMoves: MOVES, vixLevels: [12, 17.5, 40], days: [56] });
      expect(g.base.condor).toBe(-pl.ladder.maxProfit);
      const cells = g.condor[0]!.flat();
      for (const x of cells) {
        expect(x).toBeGreaterThanOrEqual(-pl.ladder.maxLoss - 1e-6);
        expect(x).toBeLessThanOrEqual(pl.ladder.maxProfit + 1e-6);
      }
      expect(Math.min(...cells)).toBeCloseTo(-pl.ladder.maxLoss, 6);
      expect(Math.max(...cells)).toBeCloseTo(pl.ladder.maxProfit, 6);
    });
  }

  it('today with nothing moved, the condor shows its surface mark less the credit; the hedges show 0', () => {
    const pl = plan(AT_VOL);
    const g = stressGrid({ plan: AT_VOL, spxMoves: [0], vixLevels: [17.5], days: [0] });
    expect(pl.condor.markValue + pl.condor.maxProfit).toBeCloseTo(865.92, 2);
    expect(g.condor[0]![0]![0]).toBeCloseTo(pl.condor.markValue + pl.condor.maxProfit, 6);
    expect(g.overlay[0]![0]![0]! + g.tail[0]![0]![0]!).toBeCloseTo(0, 6);
    // and the grid says why, beside the numbers
    expect(g.notes).toContainEqual(expect.stringContaining('counts from the credit the plan was sized on, $3,520.73'));
    expect(g.notes).toContainEqual(expect.stringContaining('includes the +$865.92 between them'));
  });

  it('a path of the Monte Carlo and the grid cell of its end state give the condor the same P&L', () => {
    const part = runMonteCarloChunk({ plan: AT_VOL, paths: 6, seed: 7, horizonDays: 21, rebalance: false });
    // the run says why its condor P&L carries the gap between the credit and the surface's price
    expect(part.inputNotes).toEqual([expect.stringContaining("every path's condor P&L includes the +$865.92")]);
    for (let i = 0; i < part.pathCount; i++) {
      const g = stressGrid({
        plan: AT_VOL,
        spxMoves: [part.spxEnd[i]! / part.spot0 - 1],
        vixLevels: [part.vixEnd[i]!],
        days: [21],
      });
      expect(g.condor[0]![0]![0]).toBeCloseTo(part.condor[i]!, 4);
    }
  });

  it("says nothing of a credit that is the surface's price rounded to the cent; two cents off, it says so", () => {
    const surface = plan({ ...AT_VOL, condor: CONDOR });
    const perShare = surface.ladder.maxProfit / (100 * CONDOR.quantity);
    const at = (credit: number) =>
      stressGrid({ plan: { ...AT_VOL, condor: { ...CONDOR, credit } }, spxMoves: [0], vixLevels: [17.5], days: [0] });
    const rounded = Math.round(perShare * 100) / 100;
    expect(rounded).not.toBe(perShare);
    expect(at(rounded).notes).toEqual([]);
    const off = at(rounded + 0.02);
    expect(off.notes).toEqual([expect.stringMatching(/^The condor's P&L counts from the credit/)]);
    // the credit over the surface's price, a share × 100 × the condors: the cell of no move shows the gap the note names
    expect(off.condor[0]![0]![0]).toBeCloseTo((rounded + 0.02 - perShare) * 100 * CONDOR.quantity, 6);
    expect(off.notes[0]).toContain(`includes the +$${off.condor[0]![0]![0]!.toFixed(2)} between them`);
  });

  it('in a ladder, only the condors with a typed credit may round: a typed 1-lot 40 cents off beside priced 100-lots is named', () => {
    const { positions: _held, ...LADDER } = JSON.parse(
      readFileSync(join('docs', 'examples', 'plan-ladder.json'), 'utf8'),
    ) as PlanInput & { condors: NonNullable<PlanInput['condors']> };
    const priced = LADDER.condors.map((c, i) => ({ ...c, quantity: i === 0 ? 1 : 100 }));
    const perShare = plan({ ...LADDER, condors: priced }).condors[0]!.credit;
    const withCredit = (credit: number): PlanInput => ({
      ...LADDER,
      condors: priced.map((c, i) => (i === 0 ? { ...c, credit } : c)),
    });
    const grid = (p: PlanInput) => stressGrid({ plan: p, spxMoves: [0], vixLevels: [LADDER.market!.vix], days: [0] });
    const rounded = Math.round(perShare * 100) / 100;
    expect(grid(withCredit(rounded)).notes).toEqual([]);
    const off = grid(withCredit(rounded + 0.4));
    expect(off.condor[0]![0]![0]).toBeCloseTo((rounded + 0.4 - perShare) * 100, 6);
    expect(off.notes).toEqual([
      expect.stringContaining(`includes the +$${off.condor[0]![0]![0]!.toFixed(2)} between them`),
    ]);
    const notes = runMonteCarloChunk({ plan: withCredit(rounded + 0.4), paths: 4, seed: 1 }).inputNotes ?? [];
    expect(notes.filter((n) => !n.startsWith('The tail rolls'))).toHaveLength(1); // the credit's, beside the rolls'
  });

  it('a book without an entry value keeps its mark as the base', () => {
    const g = stressGrid({ book: BOOK, spxMoves: [0], vixLevels: [BOOK.vix], days: [0] });
    expect(g.notes.join(' ')).not.toContain('credit the plan was sized on');
    expect(g.condor[0]![0]![0]).toBe(0);
  });
});
