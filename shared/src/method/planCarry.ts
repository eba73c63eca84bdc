/**
 * The plan's one-day carry on the surface: each layer's value change over one calendar day with
 * SPX and VIX unchanged, the surfaces kept by tenor and the VX futures rolled down the fitted curve
 * (the stress grid's day-1 cell at no move less its day-0 cell, the same state: book/rolledState.ts;
 * the grid counts the condor from its credit, so its cells alone hold the credit's gap to the mark
 * too). Theta is the Black-Scholes Greek at each leg's vol held fixed; this is what the engines
 * count when a day passes. Where the vol term structure slopes, the two differ: each leg is marked
 * at the vol of its shorter tenor, and a VIX call on its future rolled along the curve.
 */
import { markBook, shiftedState, surfacesOf, type Leg } from '../book/index';
import { fmt, usd } from './audit';
import type { PlanContext } from './planCurve';
import type { PlanCarry, PlanOverlay, PlanStep } from './planTypes';

/** One calendar day: theta's unit. */
const CARRY_DAYS = 1;

/** A share as a percentage: whole under 100% and over 1%, two significant digits below (0.19%, never "0%" for a loss). */
const percent = (x: number): string => (x * 100 >= 1 ? fmt(x * 100, 0) : String(Number((x * 100).toPrecision(2))));

/** The plan's layers' carry over {@link CARRY_DAYS} day, with the audit row and the warning when theta says otherwise. */
export function stepCarry(
  ctx: PlanContext,
  book: { condor: readonly Leg[]; overlay: readonly Leg[]; tail: readonly Leg[] },
  overlay: Pick<PlanOverlay, 'structure' | 'units' | 'theta'>,
): PlanStep<PlanCarry> {
  const { now, ts, policy, date } = ctx;
  const next = shiftedState(
    {
      valuationDate: date,
      vix: now.vix,
      rate: now.rate,
      divYield: now.divYield,
      volOfVol: now.volOfVol,
      surfaces: surfacesOf(now),
      kappa: ts.fit.kappa,
      theta: ts.fit.theta,
      shockKappa: policy.shockKappa,
      futureFor: now.futureFor,
    },
    CARRY_DAYS,
    now.spot,
    now.vix,
  );
  const change = (legs: readonly Leg[]) =>
    legs.length === 0 ? 0 : markBook(legs, next).value - markBook(legs, now).value;
  const condor = change(book.condor);
  const overlayCarry = change(book.overlay);
  const tail = change(book.tail);
  const ratio = tail < 0 ? overlayCarry / Math.abs(tail) : null;
  // a carry that reads $0.00 (under half a cent) about breaks even: it neither pays nor loses
  const even = usd(overlayCarry, 2) === '$0.00';
  const carry: PlanCarry = {
    days: CARRY_DAYS,
    date: next.date,
    condor,
    overlay: overlayCarry,
    tail,
    total: condor + overlayCarry + tail,
    ratio,
  };
  const audit = [
    {
      rule: 'carry.surface',
      inputs: { date: next.date, spot: now.spot, vix: now.vix, condor, overlay: overlayCarry, tail },
      effect: `held to ${next.date} with SPX and VIX unchanged, the surfaces by tenor and the VX futures rolled down the curve: condor ${usd(condor, 2)}, overlay ${usd(overlayCarry, 2)}, tail ${usd(tail, 2)}${
        ratio === null
          ? ''
          : book.overlay.length === 0
            ? "; no overlay held to pay the tail's decay"
            : even
              ? "; the overlay about breaks even, paying none of the tail's decay"
              : ratio >= 0
                ? `; the overlay pays ${percent(ratio)}% of the tail's decay`
                : `; the overlay loses too, adding ${percent(-ratio)}% to the tail's decay`
      }`,
    },
  ];
  const warnings: string[] = [];
  // Section 5's subsidy is read from theta; where a day on the surface says the overlay loses, or
  // about breaks even (a carry that reads $0.00), the ratio's premise does not hold, and the trader
  // is told by how much.
  if (overlay.units > 0 && overlay.theta > 0 && (overlayCarry < 0 || even)) {
    // the words name what moves, not which leg wins: on a sloping term structure either leg's vol
    // can carry the sign (a short front put in a downward slope, the futures' roll for the diagonal)
    const why =
      overlay.structure === 'vix-call-diagonal'
        ? 'its legs re-marked a day nearer expiry on the VIX-option surface and on futures rolled down the curve, VIX unchanged'
        : 'each leg re-marked at the vol of its shorter tenor, SPX and VIX unchanged';
    warnings.push(
      `The overlay's theta is +${usd(overlay.theta, 2)}/day at fixed vols, but held a day on today's surface (${why}) ${even ? 'it about breaks even (under a cent)' : `it loses ${usd(-overlayCarry, 2)}`}: it does not pay for the tail's decay as its theta says (plan.carry).`,
    );
  }
  return { result: carry, audit, warnings };
}
