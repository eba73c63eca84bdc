/**
 * 2024-08-05 (VIX 38.57, VX settlements of the day): a 10-lot condor to 2024-09-20 held, the last
 * rebalance a week before, and optionally five VIX calls held: the spike day the tail-sale and the
 * campaign tests plan.
 */
import type { PlanInput } from '@alvh/shared';

export const FUTURES: [string, number][] = [
  ['2024-08-21', 32.0986],
  ['2024-09-18', 30.3911],
  ['2024-10-16', 27.3048],
  ['2024-11-20', 22.9263],
  ['2024-12-18', 22.3161],
];
const LAST: [string, number][] = [
  ['2024-08-21', 15.9722],
  ['2024-09-18', 16.3991],
  ['2024-10-16', 18.2977],
  ['2024-11-20', 17.6552],
  ['2024-12-18', 17.394],
];
export const asFutures = (xs: [string, number][]) => xs.map(([expiry, price]) => ({ expiry, price }));
export const condor = {
  expiry: '2024-09-20',
  strikes: [4170, 4220, 6370, 6420] as [number, number, number, number],
  quantity: 10,
};

export function input(tail?: { strike: number; expiry: string; quantity?: number }): PlanInput {
  return {
    valuationDate: '2024-08-05',
    market: {
      spx: 5186.33,
      vix: 38.57,
      vvix: 173.32,
      rate: 0.052,
      divYield: 0.013,
      futures: asFutures(FUTURES),
      indices: { vix9d: 42.79, vix3m: 33.71, skew: 145.3 },
    },
    condor,
    portfolio: { capital: 2_000_000 },
    lastRebalance: { date: '2024-07-29', vix: 16.6, futures: asFutures(LAST) },
    positions: [
      { kind: 'spx', type: 'put', strike: 4170, expiry: '2024-09-20', quantity: 10 },
      { kind: 'spx', type: 'put', strike: 4220, expiry: '2024-09-20', quantity: -10 },
      { kind: 'spx', type: 'call', strike: 6370, expiry: '2024-09-20', quantity: -10 },
      { kind: 'spx', type: 'call', strike: 6420, expiry: '2024-09-20', quantity: 10 },
      ...(tail === undefined ? [] : [{ kind: 'vix' as const, type: 'call' as const, quantity: 5, ...tail }]),
    ],
  } as PlanInput;
}
