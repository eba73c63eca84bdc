/**
 * The hedges a held book may keep between rebalances (shared/src/method/planHold.ts heldHedges):
 * long VIX calls always; short VIX calls only beside the VIX call diagonal overlay and covered by
 * long calls of a later expiry; never a VIX put; the SPX overlay in whole units of its back put.
 */
import { describe, expect, it } from 'vitest';
import type { Leg } from '@alvh/shared';
import { heldHedges } from '../../../shared/src/method/planHold';

const vix = (type: 'call' | 'put', strike: number, expiry: string, quantity: number): Leg => ({
  kind: 'vix',
  type,
  strike,
  expiry,
  quantity,
});
const CONDOR: Leg[] = [
  { kind: 'spx', type: 'put', strike: 5200, expiry: '2025-04-17', quantity: 10 },
  { kind: 'spx', type: 'put', strike: 5250, expiry: '2025-04-17', quantity: -10 },
];
const CALENDAR: Leg[] = [
  { kind: 'spx', type: 'put', strike: 5250, expiry: '2025-04-17', quantity: -1 },
  { kind: 'spx', type: 'put', strike: 5250, expiry: '2025-05-16', quantity: 1 },
];
const DIAGONAL: Leg[] = [vix('call', 30, '2025-04-16', -1), vix('call', 25, '2025-05-21', 1)];

describe('heldHedges', () => {
  it('keeps long VIX calls, netted by contract, and drops puts and short calls beside an SPX overlay', () => {
    const held = [vix('call', 25, '2025-05-21', 6), vix('call', 25, '2025-05-21', 4), vix('put', 15, '2025-04-16', 3)];
    held.push(vix('call', 40, '2025-04-16', -2));
    expect(heldHedges(held, CONDOR, CALENDAR)).toEqual([vix('call', 25, '2025-05-21', 10)]);
  });

  it('keeps a short VIX call beside the diagonal only when long calls of a later expiry cover it', () => {
    const covered = [vix('call', 30, '2025-04-16', -3), vix('call', 25, '2025-05-21', 3)];
    expect(heldHedges(covered, CONDOR, DIAGONAL)).toEqual([
      vix('call', 25, '2025-05-21', 3),
      vix('call', 30, '2025-04-16', -3),
    ]);
    // 4 short against 3 long: not covered, so not a hedge (the orders then close or resize it)
    const over = [vix('call', 30, '2025-04-16', -4), vix('call', 25, '2025-05-21', 3)];
    expect(heldHedges(over, CONDOR, DIAGONAL)).toEqual([vix('call', 25, '2025-05-21', 3)]);
    // the long call expires first: it does not cover the later short
    const early = [vix('call', 30, '2025-05-21', -3), vix('call', 25, '2025-04-16', 3)];
    expect(heldHedges(early, CONDOR, DIAGONAL)).toEqual([vix('call', 25, '2025-04-16', 3)]);
    // nor does one of the same expiry
    const same = [vix('call', 30, '2025-05-21', -3), vix('call', 25, '2025-05-21', 3)];
    expect(heldHedges(same, CONDOR, DIAGONAL)).toEqual([vix('call', 25, '2025-05-21', 3)]);
    // two shorts draw on one long: the later short first, the earlier one left uncovered
    const two = [
      vix('call', 30, '2025-04-16', -2),
      vix('call', 35, '2025-05-21', -2),
      vix('call', 25, '2025-06-18', 3),
    ];
    expect(heldHedges(two, CONDOR, DIAGONAL)).toEqual([
      vix('call', 25, '2025-06-18', 3),
      vix('call', 35, '2025-05-21', -2),
    ]);
  });

  it('counts the SPX overlay in whole units of its back put', () => {
    const held = [...CONDOR, { ...CALENDAR[1]!, quantity: 3 }];
    expect(heldHedges(held, CONDOR, CALENDAR)).toEqual([
      { ...CALENDAR[0]!, quantity: -3 },
      { ...CALENDAR[1]!, quantity: 3 },
    ]);
    const half = [...CONDOR, { ...CALENDAR[1]!, quantity: -2 }];
    expect(heldHedges(half, CONDOR, CALENDAR)).toEqual([]);
    // a unit of two back puts: three held are one and a half units, not a whole number of them
    const double = CALENDAR.map((l) => ({ ...l, quantity: 2 * l.quantity }));
    expect(heldHedges([...CONDOR, { ...CALENDAR[1]!, quantity: 3 }], CONDOR, double)).toEqual([]);
    expect(heldHedges([...CONDOR, { ...CALENDAR[1]!, quantity: 4 }], CONDOR, double)).toEqual([
      { ...CALENDAR[0]!, quantity: -4 },
      { ...CALENDAR[1]!, quantity: 4 },
    ]);
  });
});
