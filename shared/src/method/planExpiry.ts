/**
 * A step's words for a drawdown scenario that outlasts the book (policy.drawdownDays at least the
 * days to the tail's or a condor's expiry): what is settled in it, and at what.
 */
import { daysBetween } from '../dates';
import { fmt } from './audit';
import { inputCondors, type PlanContext } from './planCurve';
import type { PlanScenario } from './planTypes';

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
