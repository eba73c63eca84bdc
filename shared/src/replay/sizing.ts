/**
 * The sizing calls of the replay, kept in one place: given a condor, the day's curve and market
 * state and the split, the legs of the calendar overlay and of the tail VIX hedge, cut to the
 * hedge budget. Every rule is the method's (sections 5-7), computed by the method module's
 * functions; this file only wires them together for one condor on one day.
 *
 * Budget over a condor's life (where the method is silent): the budget B of section 7 is set once,
 * when the condor is opened, for its whole life; each layer may spend its share of B (calendar
 * B·calendarShare, tail B·tailShare, with the shares of the day) as net premium paid, counted over
 * all its trades at their fills (buys − sales + costs; a sale at a profit gives budget back). At a
 * sizing the caller passes, per layer, what is available for the NEW position: share − net premium
 * already paid + what the legs held would fetch sold at the day's fills (mid − half-spread, less the
 * cost per contract), and the cost of a unit at the fills (`buyCost`: a leg bought at mid +
 * half-spread, one sold at mid − half-spread, the cost per contract on each). A layer cut to
 * ⌊available / unit cost⌋ units then keeps its net premium within its share whatever it trades: the
 * move from the legs held to the new ones costs at most selling the first and buying the second.
 */
import { parseIsoDate } from '../dates';
import { isAlvhError } from '../errors';
import { markBook, vixOptionVol, type Leg, type MarketState } from '../book/index';
import { vxExpiriesAfter, type TermStructure } from '../market/index';
import {
  cutToBudget,
  drawdownState,
  scenarioLoss,
  selectTailExpiry,
  sizeOverlay,
  sizeTailHedge,
  tailSizeInputFor,
  stressedFuture,
  stressedVix,
  tailStrike,
  type SplitResult,
} from '../method/index';
import { type Policy } from '../schemas/policy';

export interface LayerSizingInput {
  ts: TermStructure;
  /** The day's market state (spot, VIX, vol of vol, skew, futureFor). */
  state: MarketState;
  /** The condor's legs (one expiry). */
  condor: readonly Leg[];
  condorExpiry: string;
  /** The condor's max loss, USD (> 0): caps the scenario loss. */
  maxLoss: number;
  split: SplitResult;
  policy: Policy;
  /** USD available for each layer's new position (see the module comment). */
  available: { overlay: number; tail: number };
  /** USD paid to put on the given legs (one unit) at the day's fills, costs included (module comment). */
  buyCost: (legs: readonly Leg[]) => number;
}

export interface LayerSizing {
  overlay: Leg[];
  tail: Leg[];
  /** Condor loss in the method's drawdown scenario, USD (≥ 0). */
  scenarioLoss: number;
  /** Units / contracts the rules ask for before the budget cut. */
  overlayRequired: number;
  tailRequired: number;
  /** Why a layer is empty or smaller than the rule asks, in words. */
  notes: string[];
}

/**
 * Size both layers for one condor on one day. A VIX shock reaches the VX futures (the tail's
 * stressed future, the vix-call-diagonal overlay) through `policy.shockKappa`, as in the plan,
 * never through the κ fitted to the day's curve.
 * @example
 * // 2020-02-24 (VIX 25.03), the curve-shift sizing of the default replay's condor expiring 2020-04-17:
 * sizeLayers({ ts, state, condor, condorExpiry: '2020-04-17', maxLoss, split, policy, available, buyCost })
 * // overlay [] (5 units asked, cut to 0 by its budget); tail [+5 VIX C20 2020-04-15] (77 asked, cut by its budget)
 */
export function sizeLayers(i: LayerSizingInput): LayerSizing {
  const { policy, state, ts, split } = i;
  const notes: string[] = [];
  const condorNow = markBook(i.condor, state);
  const vxExpiries = vxExpiriesAfter(ts.valuationDate, 6);

  // Calendar overlay (section 5), cut to B · calendarShare.
  let overlay: Leg[] = [];
  let overlayRequired = 0;
  const shortPut = i.condor.find((l) => l.kind === 'spx' && l.type === 'put' && l.quantity < 0);
  if (shortPut) {
    try {
      const o = sizeOverlay({
        structure: policy.overlay,
        condorVega: condorNow.vega,
        vegaMatch: split.vegaMatch,
        condorExpiry: i.condorExpiry,
        strike: policy.overlayStrike ?? shortPut.strike,
        backDays: policy.overlayBackDays,
        state,
        vxExpiries,
        kappa: policy.shockKappa,
        strikeOffset: policy.diagonalStrikeOffset,
        minNearDays: policy.diagonalMinDays,
        strikeStep: policy.vixStrikeStep,
      });
      overlayRequired = o.units;
      const cut = cutToBudget(o.units, i.buyCost(o.unitLegs), Math.max(0, i.available.overlay));
      if (cut.cut) notes.push(`overlay cut from ${o.units} to ${cut.quantity} units by its budget`);
      overlay = cut.quantity > 0 ? o.unitLegs.map((l) => ({ ...l, quantity: l.quantity * cut.quantity })) : [];
    } catch (e) {
      if (!isAlvhError(e)) throw e;
      // the strike is the policy's field, not sizeOverlay's argument name
      const field =
        e.field === 'overlay.strike' && policy.overlayStrike !== undefined ? 'policy.overlayStrike' : e.field;
      notes.push(`overlay: ${field}: ${e.problem}; ${e.fix}`);
    }
  }

  // Tail VIX calls (section 6), cut to B · tailShare.
  // the day's VIX is its row's (named rows[i].vix by the replay's loop: calendarEnd, replayWindow.ts)
  const newVix = stressedVix(ts.vixSpot, policy, ts.valuationDate, 'row.vix');
  const stressVov = policy.stressVolOfVol ?? state.volOfVol;
  const scale = state.vix / ts.vixSpot;
  const stressed = drawdownState(
    state,
    // as the day's state, an expiry past the row's last future from the fitted curve (replaySteps)
    (e) => stressedFuture(ts, e, newVix, policy.drawdownDays, policy.shockKappa, { extrapolate: true }),
    policy,
    newVix * scale,
    stressVov,
  );
  const loss = scenarioLoss(i.condor, state, stressed, i.maxLoss);
  let tail: Leg[] = [];
  let tailRequired = 0;
  const tailExpiry = selectTailExpiry(
    ts.valuationDate,
    vxExpiries,
    policy.tailDteMin,
    policy.tailDteMax,
    policy.tailDteTarget,
  );
  try {
    // The hedge call's vols today and in the scenario from the VIX-option surface at its strike, as
    // the plan and the Monte Carlo read them (and as the replay's fills are marked).
    const hedgeFuture = state.futureFor(tailExpiry);
    const sFuture = stressed.futureFor(tailExpiry);
    const years = (parseIsoDate('expiry', tailExpiry) - parseIsoDate('date', state.date)) / 365;
    const strike = tailStrike(hedgeFuture, policy.tailOtmPct, policy.vixStrikeStep);
    const hedgeYears = Math.max(years, 1 / 365);
    const leftYears = Math.max(hedgeYears - policy.drawdownDays / 365, 1 / 365);
    const t = sizeTailHedge({
      ...tailSizeInputFor(policy, {
        condorLoss: loss,
        hedgeFuture,
        hedgeYears: years,
        volOfVol: vixOptionVol(state, hedgeYears, strike, hedgeFuture),
        stressedFuture: sFuture,
        rate: state.rate,
      }),
      stressVolOfVol: vixOptionVol({ ...state, volOfVol: stressVov }, leftYears, strike, sFuture),
    });
    tailRequired = t.contracts;
    const call: Leg = { kind: 'vix', type: 'call', strike: t.strike, expiry: tailExpiry, quantity: 1 };
    const cut = cutToBudget(t.contracts, i.buyCost([call]), Math.max(0, i.available.tail));
    if (cut.cut) notes.push(`tail cut from ${t.contracts} to ${cut.quantity} calls by its budget`);
    if (cut.quantity > 0) tail = [{ ...call, quantity: cut.quantity }];
  } catch (e) {
    if (!isAlvhError(e)) throw e;
    notes.push(`tail: ${e.message}`);
  }
  return { overlay, tail, scenarioLoss: loss, overlayRequired, tailRequired, notes };
}
