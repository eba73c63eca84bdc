/**
 * sizeOverlay's defaults are the policy's (DEFAULT_POLICY), never literals of its own: with the
 * policy module's defaults moved, an overlay sized without those arguments follows them.
 */
import { expect, it, vi } from 'vitest';
import { QUIET_STATE } from '../../helpers/fixtures';

const MOVED = {
  overlayBackDays: 60,
  diagonalMinDays: 40,
  vixStrikeStep: 2.5,
  diagonalStrikeOffset: 7.5,
  shockKappa: 3,
};

vi.mock('../../../shared/src/schemas/policy', async (original) => {
  const policy = await original<typeof import('../../../shared/src/schemas/policy')>();
  return { ...policy, DEFAULT_POLICY: Object.freeze({ ...policy.DEFAULT_POLICY, ...MOVED }) };
});
const { sizeOverlay } = await import('../../../shared/src/method/overlay');

const state = QUIET_STATE;
const base = { condorVega: -2400, vegaMatch: 0.5, condorExpiry: '2024-02-16', strike: 4400, state };

it("the SPX calendar's back leg is policy.overlayBackDays out by default", () => {
  const byDefault = sizeOverlay({ ...base, structure: 'spx-put-calendar' });
  expect(byDefault).toEqual(sizeOverlay({ ...base, structure: 'spx-put-calendar', backDays: 60 }));
  expect(byDefault).not.toEqual(sizeOverlay({ ...base, structure: 'spx-put-calendar', backDays: 30 }));
});

it("the VIX diagonal's near days, strike grid, offset and κ are the policy's by default", () => {
  const diagonal = {
    ...base,
    structure: 'vix-call-diagonal' as const,
    vxExpiries: ['2024-01-17', '2024-02-14', '2024-03-20'],
  };
  const byDefault = sizeOverlay(diagonal);
  expect(byDefault).toEqual(
    sizeOverlay({ ...diagonal, minNearDays: 40, strikeStep: 2.5, strikeOffset: 7.5, kappa: 3 }),
  );
  // near = the first expiry ≥ 40 days out (2024-02-14), long strike 15 on the 2.5 grid, short 22.5
  expect(byDefault.unitLegs.map((l) => [l.expiry, l.strike])).toEqual([
    ['2024-03-20', 15],
    ['2024-02-14', 22.5],
  ]);
});
