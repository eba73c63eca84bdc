/**
 * An option the plan prices that its own market cannot mark: a vol above the 500% any mark takes
 * (markBook's refusal, which names the leg `legs[i]` by its place in a list no input has) at the
 * market's SPX and VIX as given, today or on a later day of the same market (the carry). What
 * gives that vol is where the market's vols come from, so the refusal is named there: the surface
 * sent, the chain fitted, the Cboe indices or VIX alone for an SPX option; the VIX chain, VVIX or
 * the policy's default vol of vol for a VIX option. A mark refused in a scenario's state, at
 * another SPX or VIX (the drawdown, an analog), is not one of these: the step that builds the state
 * names it (the drawdown's condor loss: policy.drawdown, stress.ts).
 */
import { MAX_MARK_VOL, refusedLeg, type Leg } from '../book/index';
import { invalidInput } from '../errors';
import type { ParsedPlanInput } from '../schemas/plan';

/** `f()`, a mark its market refuses named at the field its vols come from (see the module comment). */
export function onPlanMarket<T>(p: ParsedPlanInput, f: () => T): T {
  try {
    return f();
  } catch (err) {
    const mark = refusedLeg(err)?.mark;
    if (mark === undefined || mark.state.spot !== p.market.spx || mark.state.vix !== p.market.vix) throw err;
    const { leg, state, vol } = mark;
    const [field, fix] = leg.kind === 'spx' ? spxVolsFrom(p.market) : vixVolsFrom(p);
    throw invalidInput(
      field,
      `gives the ${optionName(leg)}, an option the plan prices, a vol of ${Math.round(vol * 100)}% on ${state.date} (SPX ${p.market.spx}, VIX ${p.market.vix}), above the ${MAX_MARK_VOL * 100}% any mark takes`,
      fix,
    );
  }
}

const optionName = (leg: Leg): string => `${leg.kind.toUpperCase()} ${leg.type} ${leg.strike} of ${leg.expiry}`;

/** The field an SPX option's vol comes from, and what to pass there. */
function spxVolsFrom(m: ParsedPlanInput['market']): [string, string] {
  const within = `whose vols at the plan's strikes stay within ${MAX_MARK_VOL * 100}%`;
  if (m.surface !== undefined || m.chain !== undefined)
    return [
      m.surface !== undefined ? 'market.surface' : 'market.chain',
      `pass a fitted surface, or a chain, ${within} (as ALVH.SURFACE or /api/surface fit one), or leave it out to mark on the Cboe indices or VIX alone`,
    ];
  if (m.indices !== undefined)
    return [
      'market.indices',
      `check the Cboe indices (VIX9D, VIX3M, VIX6M in vol points, SKEW 100-250) and VIX, which shape the surface; or pass the day's chain, or a fitted surface ${within}`,
    ];
  return [
    'market.vix',
    `check VIX (in vol points: 18.5, not 0.185); or pass the day's Cboe indices or chain, or a fitted surface ${within}`,
  ];
}

/** The field a VIX option's vol comes from, and what to pass there. */
function vixVolsFrom(p: ParsedPlanInput): [string, string] {
  if (p.market.vixChain !== undefined)
    return [
      'market.vixChain',
      "check the VIX chain's quotes far from the money, which shape its fit, or leave the VIX chain out to mark VIX options on VVIX",
    ];
  if (p.market.vvix !== undefined) return ['market.vvix', 'check VVIX (in points: 95, not 0.95)'];
  return ['policy.defaultVolOfVol', 'pass the day’s VVIX, or a lower default vol of vol'];
}
