/**
 * A plan input's `positions` and `lastRebalance` are not what the scenario routes run: the Monte
 * Carlo and the stress grid take the plan's book at today's sizing (entered on the valuation date,
 * the rebalance clock at day 0). The figures are those of the plan without the fields, and a note
 * says so, names the fields, and says how to run the legs held (as `book`).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  mergeMonteCarlo,
  reviveMonteCarloPartial,
  runMonteCarloChunk,
  stressGrid,
  summarizeMonteCarlo,
  type PlanInput,
} from '@alvh/shared';
import { PLAN_POSITIONS_LAST_REBALANCE } from '../../helpers/fixtures';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** docs/examples/plan-positions.json: the plan input with the positions held. */
const withPositions = (): PlanInput =>
  JSON.parse(readFileSync(resolve(root, 'docs/examples/plan-positions.json'), 'utf8')) as PlanInput;
const LAST_REBALANCE = PLAN_POSITIONS_LAST_REBALANCE;

function inputs() {
  const held = withPositions();
  const { positions: _positions, ...bare } = held;
  return {
    bare: bare as PlanInput,
    positions: held,
    lastRebalance: { ...bare, lastRebalance: LAST_REBALANCE } as PlanInput,
    both: { ...held, lastRebalance: LAST_REBALANCE } as PlanInput,
  };
}

const HELD = /^The plan input carries /;

describe('Monte Carlo from a plan input with positions or a last rebalance', () => {
  const run = (plan: PlanInput) => runMonteCarloChunk({ plan, paths: 400, seed: 3 });

  it('runs the plan at today’s sizing (same run key, same bits) and says so first in the notes', () => {
    const { bare, both } = inputs();
    const a = run(bare);
    const b = run(both);
    expect(b.runKey).toBe(a.runKey);
    expect(Array.from(b.book)).toEqual(Array.from(a.book));
    // without the fields the notes are why the condor's P&L counts from the credit (the example is
    // priced at a vol of 16%, away from the surface), and the tail's rolls
    expect(a.inputNotes).toEqual([
      expect.stringMatching(/^The condor's P&L counts from the credit/),
      expect.stringMatching(/^The tail rolls as the method picks its expiry/),
    ]);
    const sa = summarizeMonteCarlo(a);
    const sb = summarizeMonteCarlo(b);
    expect(sb.alvh).toEqual(sa.alvh);
    expect(sa.notes.some((n) => HELD.test(n))).toBe(false);
    expect(sb.notes.slice(1)).toEqual(sa.notes);
    const note = sb.notes[0]!;
    expect(note).toMatch(
      /^The plan input carries plan\.positions and plan\.lastRebalance, which this run does not follow/,
    );
    expect(note).toContain("the paths run the plan's book at today's sizing");
    expect(note).toContain('with the rebalance clock at day 0, not the legs held');
    expect(note).toContain("nor with the rebalance clock running from the last rebalance's date");
    expect(note).toContain('send them as book');
  });

  it('does not read a campaign: the same bits as without it, and the note names it', () => {
    const { bare, positions } = inputs();
    // with the positions, a campaign would re-size the plan's own book (method/planCampaign.ts)
    const campaign = { budget: 50_000, paid: { overlay: 0, tail: 0 } };
    const withCampaign = { ...positions, campaign } as PlanInput;
    const a = run(bare);
    const c = run(withCampaign);
    expect(c.runKey).toBe(a.runKey);
    expect(Array.from(c.book)).toEqual(Array.from(a.book));
    expect(summarizeMonteCarlo(c).notes[0]).toMatch(
      /^The plan input carries plan\.positions and plan\.campaign, which this run does not follow: the paths run the plan's book at today's sizing/,
    );
    // the campaign's $50,000 buys the plan 41 VIX calls and a calendar; today's $731.26 buys 1 call:
    // the second note gives both counts, so a grid without the plan's hedges is not read as the plan's
    expect(summarizeMonteCarlo(c).notes[1]).toBe(
      "With its campaign, the plan holds 41 VIX calls and 1 put calendar (the answer of /api/plan and ALVH.PLAN); these paths run today's sizing, on today's budget of $731.26 alone: 1 VIX call and 0 put calendars. To simulate the plan's hedges, send its book (condor, overlay and tail legs, with the market) as book in place of plan.",
    );
    expect(stressGrid({ plan: withCampaign }).notes[1]).toMatch(
      /^With its campaign, the plan holds 41 VIX calls and 1 put calendar \(the answer of \/api\/plan and ALVH\.PLAN\); this grid marks today's sizing, .*To stress the plan's hedges/,
    );
    // a campaign whose hedges are today's (a budget of 0 keeps the call held): no such note
    const same = { ...positions, campaign: { budget: 0, paid: { overlay: 0, tail: 0 } } } as PlanInput;
    expect(stressGrid({ plan: same }).notes.some((n) => n.startsWith('With its campaign'))).toBe(false);
    const all = { ...withCampaign, lastRebalance: LAST_REBALANCE } as PlanInput;
    expect(stressGrid({ plan: all }).notes[0]).toMatch(
      /^The plan input carries plan\.positions, plan\.lastRebalance and plan\.campaign, which this grid does not follow/,
    );
  });

  it('names only the field given', () => {
    const { positions, lastRebalance } = inputs();
    const p = summarizeMonteCarlo(run(positions)).notes[0]!;
    expect(p).toMatch(/^The plan input carries plan\.positions, which/);
    expect(p).toContain('not the legs held. To simulate the legs held');
    expect(p).not.toContain('lastRebalance');
    const l = summarizeMonteCarlo(run(lastRebalance)).notes[0]!;
    expect(l).toMatch(/^The plan input carries plan\.lastRebalance, which/);
    expect(l).toContain('not a book sized at the last rebalance, nor with the rebalance clock');
  });

  it('survives JSON and merging: chunks merge to the one run’s notes; a chunk without them is refused', () => {
    const { bare, both } = inputs();
    const chunk = (plan: PlanInput, firstPath: number, pathCount: number) =>
      reviveMonteCarloPartial(
        JSON.parse(
          JSON.stringify(runMonteCarloChunk({ plan, paths: 400, seed: 3, firstPath, pathCount }), (_k, v: unknown) =>
            ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v,
          ),
        ),
      );
    const merged = mergeMonteCarlo([chunk(both, 150, 250), chunk(both, 0, 150)]);
    expect(summarizeMonteCarlo(merged)).toEqual(summarizeMonteCarlo(run(both)));
    expect(() => mergeMonteCarlo([chunk(both, 0, 150), chunk(bare, 150, 250)])).toThrow(
      /parts\[1\].*carries other inputNotes than parts\[0\]/,
    );
  });
});

describe('stress grid from a plan input with positions or a last rebalance', () => {
  const grid = (plan: PlanInput) => stressGrid({ plan, spxMoves: [-0.1, 0], vixLevels: [17.5, 30], days: [0, 7] });

  it('marks the plan at today’s sizing and says so first in the notes', () => {
    const { bare, both, lastRebalance } = inputs();
    const a = grid(bare);
    const b = grid(both);
    // without the fields the only note is why the condor's cells count from the credit
    expect(a.notes).toEqual([expect.stringMatching(/^The condor's P&L counts from the credit/)]);
    expect({ ...b, notes: [] }).toEqual({ ...a, notes: [] });
    expect(b.notes.slice(1)).toEqual(a.notes);
    expect(b.notes[0]).toMatch(/^The plan input carries plan\.positions and plan\.lastRebalance, which this grid/);
    expect(b.notes[0]).toContain("the grid marks the plan's book at today's sizing");
    expect(b.notes[0]).toContain('To stress the legs held, send them as book');
    expect(grid(lastRebalance).notes[0]).toContain('not a book sized at the last rebalance');
  });
});

describe('a plan input holding nothing', () => {
  it('gets no note of legs held from the grid or the run: an empty list or blank text holds no book', () => {
    const { bare } = inputs();
    for (const positions of [[], '', '  \n', 'Symbol,Quantity', 'Symbol,Qty,Avg Price\n']) {
      const empty = { ...bare, positions } as PlanInput;
      expect(
        stressGrid({ plan: empty, spxMoves: [0], vixLevels: [17.5], days: [0] }).notes.some((n) => HELD.test(n)),
      ).toBe(false);
      expect(
        summarizeMonteCarlo(runMonteCarloChunk({ plan: empty, paths: 40, seed: 3 })).notes.some((n) => HELD.test(n)),
      ).toBe(false);
    }
    // one leg held is a book: said
    const one = withPositions();
    expect(stressGrid({ plan: one, spxMoves: [0], vixLevels: [17.5], days: [0] }).notes[0]).toMatch(HELD);
  });
});
