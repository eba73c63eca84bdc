/**
 * The expiries a VIX chain lists that its fit leaves out, said for what they are: one whose every
 * quote was dropped at import (no bid, crossed) named with the others.
 */
import { describe, expect, it } from 'vitest';
import { plan, type PlanInput } from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';
import { vixChainRows } from '../../helpers/vixChain';

const BASE = PLAN_INPUT as PlanInput;
const withVixChain = (vixChain: unknown): PlanInput => ({ ...BASE, market: { ...BASE.market, vixChain } }) as PlanInput;
type Row = ReturnType<typeof vixChainRows>[number];
const zeroBid = (r: Row): Row => ({ ...r, bid: 0 });
const crossed = (r: Row): Row => ({ ...r, bid: r.ask + 0.5 });
const leftOutSaid = (p: { warnings: string[] }) =>
  p.warnings.find((w) => w.includes('left out of the VIX-option surface'));

describe('a VIX chain expiry whose every quote was dropped at import', () => {
  it("is named as left out, its quotes counted by why: the tail's own expiry, marked between its neighbours", () => {
    const tail = plan(withVixChain(vixChainRows())).tail.expiry;
    expect(tail).toBe('2027-01-20');
    for (const [drop, why] of [
      [zeroBid, '102 without a bid'],
      [crossed, '102 crossed'],
    ] as const) {
      const p = plan(withVixChain(vixChainRows().map((r) => (r.expiry === tail ? drop(r) : r))));
      expect(p.tail.expiry).toBe(tail);
      expect(p.surface.vixOptions?.data.slices.map((s) => s.expiry)).not.toContain(tail);
      expect(leftOutSaid(p)).toBe(
        `VIX chain: 1 expiry left out of the VIX-option surface: ${tail} (no two-sided quote: ${why}). Options of those expiries are marked between the fitted ones (interpolated).`,
      );
    }
  });
});
