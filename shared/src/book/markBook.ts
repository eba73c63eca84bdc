/**
 * Mark a book of SPX and VIX option legs to a market state: value and dollar Greeks.
 *
 * - SPX legs: Black-Scholes-Merton on spot with rate r and dividend yield q, at the vol of the
 *   state's SPX surface at (T, K) with F = S·e^((r−q)T) ({@link spxVol}, method Section 2b). q is
 *   the state's yield, or on a chain's surface the one that puts F at the chain's parity forward
 *   scaled to the state's spot ({@link spxDivYield}); the Greeks use the same q.
 * - VIX legs: Black-76 on `futureFor(expiry)` (the VX future of the same expiry) at the vol of the
 *   state's VIX-option surface ({@link vixOptionVol}).
 * - Legs whose expiry is on or before `date` are marked at intrinsic value on their settlement:
 *   SPX spot for an SPX leg; for a VIX leg the VIX it settled at on its own expiry date, the state's
 *   `settlementFor(expiry)` when it has one (a scenario's estimate: the drawdown's stressed curve on
 *   that date), else VIX itself (a VX future converges to VIX at its expiry, so `futureFor` is not
 *   asked about an expired contract): a settled leg's cash, to the precision the state allows.
 *
 * Units: value in USD (price · 100 · signed quantity). delta and gamma are SPX legs' USD per SPX
 * point (and per point², gamma); vega is SPX legs' USD per vol point (0.01) of SPX implied vol;
 * theta is every leg's USD per calendar day. VIX legs' exposures are kept apart, in vixDelta (USD per
 * VX future point) and vixVega (USD per vol-of-vol point), since they move with a different
 * underlying.
 */
import { bsGreeks, black76Greeks } from '../pricing/index';
import { invalidInput, isAlvhError, type AlvhError } from '../errors';
import { parseIsoDate } from '../dates';
import { checkFinite, checkPositive, checkRate, checkVolOfVol } from '../validate';
import { OPTION_MULTIPLIER, type Leg } from './leg';
import type { SkewParams } from './skew';
import { spxDivYield, spxVol, vixOptionVol, type StateSurfaces } from './marks';

export interface MarketState {
  /** Valuation date, YYYY-MM-DD. */
  date: string;
  /** SPX spot, index points. */
  spot: number;
  /** VIX level, index points (the SPX surface is moved to it, Section 2b). */
  vix: number;
  /** Continuously compounded rate, decimal. */
  rate: number;
  /** SPX dividend yield, decimal. */
  divYield: number;
  /** 30-day vol of the VX futures for VIX options, decimal (VVIX/100 or the policy default), 0.2 to 4 (VVIX 20 to 400). */
  volOfVol: number;
  /** The VX future price for a VIX option expiry. */
  futureFor: (expiry: string) => number;
  /**
   * The VIX a VIX option that expired on or before `date` settled at: VIX on its own expiry date.
   * A scenario state sets it (the drawdown's: its stressed curve's value on that date, the
   * scenario's estimate of it); absent, such a leg is settled at the state's `vix`, which is VIX
   * on its expiry date only when the state's date is that date.
   */
  settlementFor?: ((expiry: string) => number) | undefined;
  /**
   * The surfaces of the market this state was derived from (a chain's fit, the Cboe indices);
   * none: the surfaces of this state's VIX alone. A state copied to another VIX, spot or date keeps
   * them: marks move them to the state (see marks.ts).
   */
  surfaces?: StateSurfaces | undefined;
  /** @deprecated Not read: the skew comes from the surface (Section 2b). */
  skew?: SkewParams;
}

export interface BookMarks {
  /** What the book is worth, USD (price · 100 · signed quantity, summed). */
  value: number;
  /** SPX legs' USD per SPX point (sticky strike: each leg's vol held). */
  delta: number;
  /** SPX legs' USD per SPX point². */
  gamma: number;
  /** SPX legs' USD per vol point (0.01) of SPX implied vol, every strike and expiry at once. */
  vega: number;
  /** Every leg's USD per calendar day, vols held. */
  theta: number;
  /**
   * VIX legs' USD per point on every VX future at once: each leg's Black-76 delta to the future of
   * its own expiry, summed, as for a parallel shift of the curve. A move of VIX itself reaches the
   * futures damped by their terms (the plan's overlay and tail read it through the shock's κ).
   */
  vixDelta: number;
  /** VIX legs' USD per vol point (0.01) of the VIX options' implied vol, every expiry at once. */
  vixVega: number;
}

/** The price (per share, index points) and vol of one leg in a state; exported for reports. */
export interface LegMark {
  leg: Leg;
  years: number;
  /** Underlying used: SPX spot for SPX legs, the VX future for VIX legs. */
  underlying: number;
  vol: number;
  price: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
}

function checkState(state: MarketState): number {
  const day = parseIsoDate('state.date', state.date);
  checkPositive('state.spot', state.spot);
  checkPositive('state.vix', state.vix);
  checkRate('state.rate', state.rate);
  checkRate('state.divYield', state.divYield);
  checkVolOfVol('state.volOfVol', state.volOfVol);
  return day;
}

function checkLeg(i: number, leg: Leg): number {
  if (leg.kind !== 'spx' && leg.kind !== 'vix')
    throw invalidInput(`legs[${i}].kind`, `is ${JSON.stringify(leg.kind)}`, 'pass "spx" or "vix"');
  if (leg.type !== 'call' && leg.type !== 'put')
    throw invalidInput(`legs[${i}].type`, `is ${JSON.stringify(leg.type)}`, 'pass "call" or "put"');
  checkPositive(`legs[${i}].strike`, leg.strike);
  checkFinite(`legs[${i}].quantity`, leg.quantity);
  return parseIsoDate(`legs[${i}].expiry`, leg.expiry);
}

/**
 * Highest vol a leg is marked at (500%: above it an input is taken for a percentage typed as a
 * decimal); the Excel functions that give or take a mark's vol (ALVH.VIXVOL, ALVH.TAILSIZE) hold to it.
 */
export const MAX_MARK_VOL = 5;

/** The leg, state and vol of each mark {@link checkMarkVol} refused, for {@link refusedLeg}'s caller. */
const refusedMarks = new WeakMap<AlvhError, { leg: Leg; state: MarketState; vol: number }>();

/**
 * A surface vol above {@link MAX_MARK_VOL}: the state lies beyond what the surface describes (a
 * strike dozens of standard deviations out), so the mark is refused naming the leg and the state,
 * rather than blamed on a `vol` the user never sent.
 */
function checkMarkVol(i: number, leg: Leg, state: MarketState, underlying: number, vol: number): number {
  if (!(vol > MAX_MARK_VOL)) return vol;
  const what = leg.kind === 'spx' ? `SPX ${round2(underlying)}` : `its VX future ${round2(underlying)}`;
  const e = invalidInput(
    `legs[${i}]`,
    `the ${leg.kind.toUpperCase()} ${leg.type} ${leg.strike} of ${leg.expiry} would be marked at a vol of ${Math.round(vol * 100)}% on ${state.date} (${what}, VIX ${round2(state.vix)}): the state lies beyond what the surface describes`,
    'use a milder SPX move or VIX level, or a strike nearer the money',
  );
  refusedMarks.set(e, { leg, state, vol });
  throw e;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * The part of a day between an AM-settled SPX option's settlement, the 09:30 ET opening print of
 * its expiry day, and the 16:00 close at which every mark is taken: 6.5 hours.
 */
export const AM_SETTLEMENT_DAYS = 6.5 / 24;

/**
 * Years from `day` (a close) to the leg's settlement, ACT/365, never below 0: to the close of its
 * expiry day, or to the opening print for an SPX leg held or ordered under the AM-settled `SPX` root
 * (a chain's SPX slices are fitted to the same time). A leg without a root settles at the close.
 */
function yearsToSettle(leg: Leg, expiryDay: number, day: number): number {
  const am = leg.kind === 'spx' && leg.root === 'SPX' ? AM_SETTLEMENT_DAYS : 0;
  return Math.max(0, (expiryDay - day - am) / 365);
}

/**
 * A refusal of {@link markLegs} (or {@link markBook}) that names a leg, `legs[i]`, by its place in
 * the list it was given, which no request has: the caller renames it to the request's field. The
 * leg's index and the error, or undefined for any other error; for a vol above
 * {@link MAX_MARK_VOL}, the mark refused too (the leg, the state it was asked in, the vol).
 */
export function refusedLeg(
  e: unknown,
): { index: number; error: AlvhError; mark?: { leg: Leg; state: MarketState; vol: number } } | undefined {
  if (!isAlvhError(e) || 'issues' in e) return undefined;
  const m = /^legs\[(\d+)\]/.exec(e.field);
  if (m === null) return undefined;
  const mark = refusedMarks.get(e);
  return { index: Number(m[1]), error: e, ...(mark === undefined ? {} : { mark }) };
}

/**
 * Price and per-share Greeks of each leg (no multiplier, no quantity).
 */
export function markLegs(legs: readonly Leg[], state: MarketState): LegMark[] {
  const day = checkState(state);
  return legs.map((leg, i) => {
    const expiryDay = checkLeg(i, leg);
    const years = yearsToSettle(leg, expiryDay, day);
    if (leg.kind === 'spx') {
      const q = spxDivYield(state, years);
      const fwd = state.spot * Math.exp((state.rate - q) * years);
      const vol = years > 0 ? checkMarkVol(i, leg, state, state.spot, spxVol(state, years, leg.strike, fwd)) : 0;
      const g = bsGreeks({
        type: leg.type,
        spot: state.spot,
        strike: leg.strike,
        years,
        vol,
        rate: state.rate,
        divYield: q,
      });
      return { leg, years, underlying: state.spot, vol, ...g };
    }
    const future =
      years > 0
        ? checkPositive(`futureFor(${leg.expiry})`, state.futureFor(leg.expiry))
        : state.settlementFor === undefined
          ? state.vix
          : checkPositive(`settlementFor(${leg.expiry})`, state.settlementFor(leg.expiry));
    const vol = years > 0 ? checkMarkVol(i, leg, state, future, vixOptionVol(state, years, leg.strike, future)) : 0;
    const g = black76Greeks({
      type: leg.type,
      future,
      strike: leg.strike,
      years,
      vol,
      rate: state.rate,
    });
    return { leg, years, underlying: future, vol, ...g };
  });
}

/**
 * Value and dollar Greeks of the book (see the module comment for units).
 *
 * @example
 * markBook(ironCondorLegs('2020-04-17', [2000, 2100, 2900, 3000], 1), state).value // < 0: a short condor is a liability
 */
export function markBook(legs: readonly Leg[], state: MarketState): BookMarks {
  const out: BookMarks = { value: 0, delta: 0, gamma: 0, vega: 0, theta: 0, vixDelta: 0, vixVega: 0 };
  for (const m of markLegs(legs, state)) {
    const k = OPTION_MULTIPLIER * m.leg.quantity;
    out.value += m.price * k;
    out.theta += m.theta * k;
    if (m.leg.kind === 'spx') {
      out.delta += m.delta * k;
      out.gamma += m.gamma * k;
      out.vega += m.vega * k;
    } else {
      out.vixDelta += m.delta * k;
      out.vixVega += m.vega * k;
    }
  }
  return out;
}
