/**
 * A step's words for a drawdown scenario that outlasts the book (policy.drawdownDays at least the
 * days to the tail's or a condor's expiry): what is settled in it, and at what; for a tail expiry
 * outside its window; and the words and inputs of the hedges' expiries in the audit.
 */
import { daysBetween } from '../dates';
import { vixSensitivity, vxExpiriesThrough } from '../market/index';
import { fmt } from './audit';
import { addDaysIso } from './dateUtil';
import { inputCondors, type PlanContext } from './planCurve';
import type { PlanScenario } from './planTypes';
import { selectTailExpiry } from './tailSize';
import type { OverlaySizing } from './overlay';
import type { OverlayStructure, Policy } from '../schemas/policy';

/**
 * The warning when the scenario's date falls on or after the tail's or a condor's expiry: those
 * legs are settled in the scenario, a condor on the scenario's SPX, the tail calls at VIX on their
 * own expiry date, which the stressed curve's value there estimates (`sFuture`: stress.ts and
 * tailSize.ts value them so), not at the scenario's later VIX. Undefined when nothing expires first.
 */
export function expiredByScenario(
  ctx: PlanContext,
  scenario: PlanScenario,
  tailExpiry: string,
  sFuture: number,
): string | undefined {
  const all = inputCondors(ctx.p).map((x) => x.c.expiry);
  const condors = all.filter((e) => e <= scenario.date);
  const tail = tailExpiry <= scenario.date;
  if (condors.length === 0 && !tail) return undefined;
  const what: string[] = [];
  const settled: string[] = [];
  if (condors.length > 0) {
    what.push(all.length > 1 ? `the condors of ${condors.join(', ')}` : `the condor's expiry ${condors[0]}`);
    settled.push(`the condor legs are settled on the scenario's SPX ${fmt(scenario.stressedSpot, 2)}`);
  }
  if (tail) {
    what.push(`the tail's expiry ${tailExpiry}`);
    settled.push(
      `the tail calls at VIX on their own expiry, the stressed curve's ${fmt(sFuture, 2)} there, not the scenario's VIX ${fmt(scenario.stressedVix, 2)}`,
    );
  }
  const first = [...condors, ...(tail ? [tailExpiry] : [])].sort()[0] as string;
  return `The drawdown scenario ends on ${scenario.date} (policy.drawdownDays ${ctx.policy.drawdownDays}), on or after ${what.join(' and ')}: ${settled.join(', and ')}. Pass policy.drawdownDays below ${daysBetween(ctx.date, first)} to stress them before they expire.`;
}

/**
 * The warning when the tail's expiry lies outside its window (policy.tailDteMin-tailDteMax days),
 * undefined inside it. When a monthly VX expiry does lie in the window but past the last future
 * given, the tail cannot take it (its future is not extrapolated): the warning names that expiry,
 * where the futures given end, what the tail takes instead and what to pass. Otherwise the window
 * holds no VX expiry at all and the tail takes the nearest to the target.
 */
export function tailWindowWarning(
  ctx: PlanContext,
  tailExpiry: string,
  given: readonly string[],
): { warning: string; lead: boolean } | undefined {
  const { policy, date, ts } = ctx;
  const tailDays = daysBetween(date, tailExpiry);
  if (tailDays >= policy.tailDteMin && tailDays <= policy.tailDteMax) return undefined;
  const window = `${policy.tailDteMin}-${policy.tailDteMax}`;
  const missed = vxExpiriesThrough(date, addDaysIso(date, policy.tailDteMax)).filter(
    (e) => daysBetween(date, e) >= policy.tailDteMin && !given.includes(e),
  );
  const wanted =
    missed.length === 0
      ? undefined
      : selectTailExpiry(date, missed, policy.tailDteMin, policy.tailDteMax, policy.tailDteTarget);
  if (wanted === undefined)
    return {
      warning: `No VX expiry lies ${window} days out; the tail uses ${tailExpiry} (${tailDays} days), the nearest to ${policy.tailDteTarget}.`,
      lead: false,
    };
  const last = (ts.points[ts.points.length - 1] as { expiry: string }).expiry;
  const condor = (inputCondors(ctx.p)[0] as { c: { expiry: string } }).c.expiry;
  const early = tailExpiry < condor ? `, expiring before the condor (${condor})` : '';
  return {
    warning: `The futures given end at ${last}, before ${wanted} (${daysBetween(date, wanted)} days), the VX expiry in the tail's ${window}-day window: the tail uses ${tailExpiry} (${tailDays} days) instead${early}, a different hedge in expiry and size. Pass the VX future of ${wanted} in market.futures to size the tail on its window.`,
    lead: true,
  };
}

/** The policy fields that pick the tail call's expiry and strike, for its audit row. */
export function tailRuleInputs(policy: Policy): Record<string, number> {
  const { tailOtmPct, vixStrikeStep, tailDteMin, tailDteTarget, tailDteMax } = policy;
  return { tailOtmPct, vixStrikeStep, tailDteMin, tailDteTarget, tailDteMax };
}

/** The SPX calendar's back leg in words: which expiry, and why that one (method.md, the back leg). */
export function backLegText(structure: OverlayStructure, o: OverlaySizing, front: string, backDays: number): string {
  if (structure === 'vix-call-diagonal') return '';
  const back = o.unitLegs.find((l) => l.quantity > 0);
  return back === undefined ? '' : `; back put ${back.expiry}, the SPX monthly nearest ${backDays} days after ${front}`;
}

/**
 * What moves a plan's tail call to a gain in the scenario: a higher stressed VIX, a lower shock
 * speed (the hedge future takes e^(−κτ) of the VIX rise, τ its years left after the drawdown, so a
 * later expiry takes less of it, not more), or a strike nearer the future.
 */
export function tailGainFix(policy: Policy, tailDays: number, vixRises: boolean): string {
  const left = Math.max(tailDays - policy.drawdownDays, 0);
  const share = vixSensitivity(policy.shockKappa, left / 365) * 100;
  const pct = share >= 0.1 ? `${fmt(share, 1)}%` : 'under 0.1%';
  // a lower speed passes more of a VIX rise to the future; with no rise it moves nothing
  const kappa = vixRises
    ? `lower policy.shockKappa (at ${fmt(policy.shockKappa, 2)} the hedge future, ${left} days from expiry after the drawdown, takes ${pct} of the VIX rise), `
    : '';
  return `raise the stressed VIX (policy.stressVix or policy.stressVixPerPct), ${kappa}or lower policy.tailOtmPct`;
}
