/**
 * A plan input that carries the positions held and the last rebalance: /api/plan holds the book
 * (no orders, the orders to today's sizing deferred), while /api/montecarlo and /api/stress run the
 * plan's book at today's sizing. Their figures are those of the plan without the two fields, and
 * their answers say so in a note naming the fields and how to run the legs held.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setComputeRunner } from '../../functions/src/compute';
import { inlineCompute } from './inlineCompute';
import { postJson as call, type Json } from './postJson';
import { PLAN_POSITIONS_LAST_REBALANCE } from '../helpers/fixtures';

beforeAll(() => setComputeRunner(inlineCompute()));
afterAll(() => setComputeRunner(undefined));

const held = JSON.parse(readFileSync(join('docs', 'examples', 'plan-positions.json'), 'utf8')) as Json;
const lastRebalance = PLAN_POSITIONS_LAST_REBALANCE;
const holding = { ...held, lastRebalance };
const { positions: _positions, ...bare } = held;

describe('a plan input holding its book, on the scenario routes', () => {
  it('/api/plan holds the book: no orders, today’s sizing deferred', async () => {
    const r = await call('plan', holding);
    expect(r.status).toBe(200);
    expect(r.json.orders.orders).toEqual([]);
    expect(r.json.orders.deferred.orders.length).toBeGreaterThan(0);
  });

  it('/api/montecarlo runs today’s sizing, the same figures, and its summary says so first', async () => {
    const run = { paths: 400, seed: 7 };
    const a = await call('montecarlo', { plan: bare, ...run });
    const b = await call('montecarlo', { plan: holding, ...run });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.json.partial.runKey).toBe(a.json.partial.runKey);
    expect(b.json.partial.book).toEqual(a.json.partial.book);
    const credit = a.json.partial.inputNotes;
    // the credit's note, then the tail's rolls (the 56-day run rolls it twice)
    expect(credit).toEqual([
      expect.stringMatching(/^The condor's P&L counts from the credit/),
      expect.stringMatching(/^The tail rolls as the method picks its expiry/),
    ]);
    expect(b.json.partial.inputNotes).toEqual([b.json.summary.notes[0], ...credit]);
    expect(b.json.summary.alvh).toEqual(a.json.summary.alvh);
    expect(b.json.summary.notes.slice(1)).toEqual(a.json.summary.notes);
    expect(b.json.summary.notes[0]).toMatch(
      /^The plan input carries plan\.positions and plan\.lastRebalance, which this run does not follow: the paths run the plan's book at today's sizing, entered on the valuation date with the rebalance clock at day 0, not the legs held/,
    );
    expect(b.json.summary.notes[0]).toContain('send them as book');
    // the summary alone carries it too
    const c = await call('montecarlo?partial=false', { plan: holding, ...run });
    expect(c.json.summary.notes[0]).toBe(b.json.summary.notes[0]);
  });

  it('/api/stress marks today’s sizing, the same grid, and says so in its notes', async () => {
    const grid = { spxMoves: [-0.1, 0], vixLevels: [17.5, 30], days: [0, 7] };
    const a = await call('stress', { plan: bare, ...grid });
    const b = await call('stress', { plan: holding, ...grid });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.json.notes).toEqual([expect.stringMatching(/^The condor's P&L counts from the credit/)]);
    expect({ ...b.json, notes: [] }).toEqual({ ...a.json, notes: [] });
    expect(b.json.notes.slice(1)).toEqual(a.json.notes);
    expect(b.json.notes[0]).toMatch(/^The plan input carries plan\.positions and plan\.lastRebalance, which this grid/);
    expect(b.json.notes[0]).toContain("the grid marks the plan's book at today's sizing");
  });
});
