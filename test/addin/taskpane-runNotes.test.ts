/**
 * A run's note on the positions and last rebalance it does not follow, in the page's words: the
 * scenario routes' note asks an API caller to send the legs held as `book` in place of `plan`,
 * which the page cannot do; the page names its boxes (Positions held, Last rebalance), says what it
 * runs (the plan's book at today's sizing) and where the legs held show (the orders under the plan).
 * From real runs of docs/examples/plan-positions.json.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frontier, runMonteCarloChunk, stressGrid, summarizeMonteCarlo, type PlanInput } from '@alvh/shared';
import { PLAN_POSITIONS_LAST_REBALANCE } from '../helpers/fixtures';
import { paneNotes, paneRunNote } from '../../addin/src/taskpane/issueWords';

const held = JSON.parse(
  readFileSync(new URL('../../docs/examples/plan-positions.json', import.meta.url), 'utf8'),
) as PlanInput;
const { positions: _positions, ...bare } = held;
const INPUTS = {
  positions: held,
  lastRebalance: { ...bare, lastRebalance: PLAN_POSITIONS_LAST_REBALANCE } as PlanInput,
  both: { ...held, lastRebalance: PLAN_POSITIONS_LAST_REBALANCE } as PlanInput,
};

const stressNote = (plan: PlanInput) => stressGrid({ plan }).notes[0]!;
const mcNote = (plan: PlanInput) => summarizeMonteCarlo(runMonteCarloChunk({ plan, paths: 400, seed: 3 })).notes[0]!;

/** Nothing of the API's fields or routes a page user has no box for. */
const API = /\bplan\.|\bas book\b|in place of plan|\/api\//;

describe('run notes on the legs held, in the page’s words', () => {
  it('says the stress grid marks the plan’s book, naming the page’s boxes, not the API’s book', () => {
    const marks = "the grid marks the plan's book at today's sizing, as entered on the Date";
    expect(paneRunNote(stressNote(INPUTS.both))).toBe(
      `This grid follows neither the Positions held nor the Last rebalance: ${marks}, not the legs held. The page stresses the plan's book only; the orders under the plan list what separates the legs held from it.`,
    );
    expect(paneRunNote(stressNote(INPUTS.positions))).toBe(
      `This grid does not follow the Positions held: ${marks}, not the legs held. The page stresses the plan's book only; the orders under the plan list what separates the legs held from it.`,
    );
    expect(paneRunNote(stressNote(INPUTS.lastRebalance))).toBe(
      `This grid does not follow the Last rebalance: ${marks}, not a book sized at the last rebalance. The page stresses the plan's book only.`,
    );
  });

  it('says the Monte Carlo simulates the plan’s book from day 0, naming the page’s boxes', () => {
    const runs =
      "the paths run the plan's book at today's sizing, entered on the Date with the rebalance clock at day 0";
    expect(paneRunNote(mcNote(INPUTS.both))).toBe(
      `This run follows neither the Positions held nor the Last rebalance: ${runs}, not the legs held, nor with the rebalance clock running from the last rebalance's date. The page simulates the plan's book only; the orders under the plan list what separates the legs held from it.`,
    );
    expect(paneRunNote(mcNote(INPUTS.lastRebalance))).toBe(
      `This run does not follow the Last rebalance: ${runs}, not a book sized at the last rebalance, nor with the rebalance clock running from the last rebalance's date. The page simulates the plan's book only.`,
    );
    for (const n of [mcNote(INPUTS.positions), stressNote(INPUTS.both)]) expect(paneRunNote(n)).not.toMatch(API);
  });

  it('names the Campaign boxes among those a run does not follow, and the frontier’s note on them', () => {
    const campaign = { budget: 5000, paid: { overlay: 0, tail: 400 } };
    const runs =
      "the paths run the plan's book at today's sizing, entered on the Date with the rebalance clock at day 0";
    expect(paneRunNote(mcNote({ ...INPUTS.both, campaign }))).toBe(
      `This run follows none of the Positions held, the Last rebalance and the Campaign boxes: ${runs}, not the legs held, nor with the rebalance clock running from the last rebalance's date. The page simulates the plan's book only; the orders under the plan list what separates the legs held from it.`,
    );
    const marks = "the grid marks the plan's book at today's sizing, as entered on the Date";
    expect(paneRunNote(stressNote({ ...INPUTS.positions, campaign }))).toBe(
      `This grid follows neither the Positions held nor the Campaign boxes: ${marks}, not the legs held. The page stresses the plan's book only; the orders under the plan list what separates the legs held from it.`,
    );
    const f = frontier({ plan: { ...bare, campaign } as PlanInput, paths: 400, seed: 3 });
    expect(paneNotes({ notes: f.warnings }).notes[0]).toBe(
      "The frontier does not use the Campaign boxes: each budget's mixes are bought today within that budget, and the plan marked beside them is sized on today's budget.",
    );
  });

  it('says the frontier does not use the Positions held, without the API’s routes, and leaves other notes as they are', () => {
    const f = frontier({ plan: INPUTS.positions, paths: 400, seed: 3 });
    const view = paneNotes({ notes: f.warnings });
    const said = view.notes.find((n) => /Positions held/.test(n));
    expect(said).toBe(
      "The frontier does not use the Positions held: every mix is priced and scored as bought today from nothing held, beside the plan's condors; the orders under the plan are the ones from the legs held.",
    );
    for (const n of view.notes) expect(n).not.toMatch(API);
    expect(view.notes.filter((n) => n !== said)).toEqual(f.warnings.filter((w) => !/plan\.positions/.test(w)));
  });
});
