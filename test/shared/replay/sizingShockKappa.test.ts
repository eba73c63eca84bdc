import { describe, expect, it } from 'vitest';
import { sizeLayers } from '../../../shared/src/replay/sizing';
import { layerValue } from '../../../shared/src/replay/replayBook';
import {
  buildTermStructure,
  computeSplit,
  futureForExpiry,
  markBook,
  markLegs,
  resolvePolicy,
  sizeOverlay,
  sizeTailHedge,
  stressedFuture,
  stressedVix,
  tailStrike,
  vixOptionVol,
  vxExpiriesAfter,
  type Leg,
  type MarketState,
} from '@alvh/shared';
import { BOOK } from '../../helpers/fixtures';

// One replay day, 2024-03-01: SPX 5100, VIX 14, a contango VX curve whose fitted κ is about 3.16.
const ts = buildTermStructure({ valuationDate: BOOK.valuationDate, vixSpot: BOOK.vix, futures: BOOK.futures });
// The shock κ values used below, each more than 1 from the fitted κ, so sizing on the fitted κ
// instead of the policy's gives a different tail.
const SHOCK_KAPPAS = [1, 6, 12];
const condor: Leg[] = BOOK.condor;

function day(policyOverrides: Record<string, unknown>) {
  const policy = resolvePolicy(policyOverrides);
  const state: MarketState = {
    date: BOOK.valuationDate,
    spot: BOOK.spot,
    vix: BOOK.vix,
    rate: BOOK.rate,
    divYield: BOOK.divYield,
    volOfVol: BOOK.volOfVol,
    skew: policy.skew,
    futureFor: (e) => futureForExpiry(ts, e),
  };
  const split = computeSplit({ spread: ts.spread, regime: ts.regime }, policy);
  const sized = sizeLayers({
    ts,
    state,
    condor,
    condorExpiry: '2024-04-19',
    maxLoss: 50_000,
    split,
    policy,
    available: { overlay: 1e9, tail: 1e9 },
    buyCost: (legs) => layerValue(legs, state),
  });
  return { policy, state, split, sized };
}

describe('replay sizing maps the VIX shock with policy.shockKappa, not the fitted κ', () => {
  it('the fitted κ of the day is more than 1 from every shock κ used below', () => {
    for (const k of SHOCK_KAPPAS) expect(Math.abs(ts.fit.kappa - k)).toBeGreaterThan(1);
  });

  it('tail: a slower shock κ moves the hedge future more, so fewer calls cover the same loss', () => {
    const slow = day({ shockKappa: 1 }).sized;
    const fast = day({ shockKappa: 12 }).sized;
    expect(slow.scenarioLoss).toBeGreaterThan(0);
    expect(fast.tailRequired).toBeGreaterThan(slow.tailRequired);
  });

  it.each(SHOCK_KAPPAS)(
    'tail with shockKappa %d equals sizeTailHedge on stressedFuture(…, shockKappa), priced on the surface it is marked on',
    (k) => {
      const { policy, state, sized } = day({ shockKappa: k });
      const leg = sized.tail[0];
      expect(leg).toBeDefined();
      const expiry = leg!.expiry;
      const years = (Date.parse(expiry) - Date.parse('2024-03-01')) / 86_400_000 / 365;
      const future = state.futureFor(expiry);
      const sFuture = stressedFuture(ts, expiry, stressedVix(14, policy), policy.drawdownDays, k);
      const strike = tailStrike(future, policy.tailOtmPct, policy.vixStrikeStep);
      const t = sizeTailHedge({
        condorLoss: sized.scenarioLoss,
        hedgeFuture: future,
        hedgeYears: years,
        volOfVol: vixOptionVol(state, years, strike, future),
        stressedFuture: sFuture,
        coverage: policy.tailCoverage,
        otmPct: policy.tailOtmPct,
        rate: 0.05,
        horizonYears: policy.drawdownDays / 365,
        stressVolOfVol: vixOptionVol(state, years - policy.drawdownDays / 365, strike, sFuture),
        strikeStep: policy.vixStrikeStep,
      });
      expect(sized.tailRequired).toBe(t.contracts);
      expect(leg!.strike).toBe(t.strike);
      // the premium the size was decided on is the price the replay pays: the leg's own mark
      expect(t.premium).toBeCloseTo(markLegs([{ ...leg!, quantity: 1 }], state)[0]!.price, 10);
    },
  );

  it('vix-call-diagonal overlay: sized with policy.shockKappa (a different κ, a different size)', () => {
    const sizes = [1, 12].map((k) => {
      const { policy, state, split, sized } = day({ shockKappa: k, overlay: 'vix-call-diagonal' });
      const o = sizeOverlay({
        structure: 'vix-call-diagonal',
        condorVega: markBook(condor, state).vega,
        vegaMatch: split.vegaMatch,
        condorExpiry: '2024-04-19',
        strike: 4750,
        backDays: policy.overlayBackDays,
        state,
        vxExpiries: vxExpiriesAfter('2024-03-01', 6),
        kappa: k,
        strikeOffset: policy.diagonalStrikeOffset,
        minNearDays: policy.diagonalMinDays,
        strikeStep: policy.vixStrikeStep,
      });
      expect(sized.overlayRequired).toBe(o.units);
      return sized.overlayRequired;
    });
    expect(sizes[0]).not.toBe(sizes[1]);
  });
});
