/**
 * A policy.overlayStrike far from SPX (66000, a zero slipped, at SPX 6600) is refused naming the
 * field the request has: `policy.overlayStrike` on /api/plan, `plan.policy.overlayStrike` where
 * the plan is nested, and in the replay's notes; never the sizing function's `overlay.strike`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setComputeRunner } from '../../functions/src/compute';
import { FRONTIER_EXAMPLE, PLAN_EXAMPLE, REPLAY_EXAMPLE } from '../../functions/src/handlers/examples';
import { inlineCompute } from './inlineCompute';
import { postJson as post } from './postJson';

beforeAll(() => setComputeRunner(inlineCompute()));
afterAll(() => setComputeRunner(undefined));

const farStrike = { ...PLAN_EXAMPLE, policy: { overlayStrike: 66000 } };

describe('policy.overlayStrike far from SPX is named as the request names it', () => {
  it('POST /api/plan: policy.overlayStrike', async () => {
    const r = await post('plan', farStrike);
    expect(r.status).toBe(400);
    expect(r.json.field).toBe('policy.overlayStrike');
    expect(r.json.detail).toMatch(/^policy\.overlayStrike: is 66000, far from SPX at 6600/);
    expect(JSON.stringify(r.json)).not.toContain('overlay.strike');
  });

  it.each([
    ['frontier', { ...FRONTIER_EXAMPLE, plan: farStrike }],
    ['stress', { plan: farStrike }],
    ['montecarlo', { plan: farStrike, paths: 100 }],
  ])('POST /api/%s: plan.policy.overlayStrike', async (route, body) => {
    const r = await post(route, body);
    expect(r.status).toBe(400);
    expect(r.json.field).toBe('plan.policy.overlayStrike');
    expect(JSON.stringify(r.json)).not.toContain('overlay.strike');
  });

  it('POST /api/replay: the overlay note names policy.overlayStrike', async () => {
    const assumptions = { ...REPLAY_EXAMPLE.assumptions, includeLedger: true };
    const r = await post('replay', { ...REPLAY_EXAMPLE, assumptions, policy: { overlayStrike: 64000 } });
    expect(r.status).toBe(200);
    const events = (r.json.ledger as { events: string[] }[]).flatMap((d) => d.events);
    const notes = events.filter((e) => e.includes('overlay: '));
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) expect(n).toMatch(/\(overlay: policy\.overlayStrike: is 64000, far from SPX at /);
  });
});
