/**
 * Rebalancing (ALVH-METHOD section 8, Step 5): due when at least `rebalanceDays` calendar days
 * have passed since the last rebalance, or when the curve has shifted by at least
 * `curveShiftTrigger` since then (max over the 30-150 day constant-maturity tenors covered by both
 * curves of |CM_now/CM_then − 1|, from the market layer's curveShift).
 */
import { curveShift, type TermStructure } from '../market/index';
import { invalidInput } from '../errors';
import { daysBetween } from '../dates';
import { fmt, type AuditEntry } from './audit';
import { resolvePolicy, type Policy } from '../schemas/policy';

export type RebalanceTrigger = 'days' | 'curve-shift';

export interface RebalanceStatus {
  due: boolean;
  /** Which triggers fired, in the method's order. */
  triggers: RebalanceTrigger[];
  daysSince: number;
  shift: number;
  byTenor: { days: number; now: number; then: number; change: number }[];
  /** Plain words: what fired and why, or why nothing did. */
  reason: string;
  audit: AuditEntry[];
}

/** The days trigger of section 8: at least `rebalanceDays` calendar days since the last rebalance. */
export function daysTriggerFires(daysSince: number, policy: Pick<Policy, 'rebalanceDays'>): boolean {
  return daysSince >= policy.rebalanceDays;
}

/** The curve-shift trigger of section 8: the curve moved by at least `curveShiftTrigger` (a fraction). */
export function curveShiftTriggerFires(shift: number, policy: Pick<Policy, 'curveShiftTrigger'>): boolean {
  return shift >= policy.curveShiftTrigger;
}

/**
 * @example
 * checkRebalance(nowCurve, thenCurve) // { due: true, triggers: ['curve-shift'], shift: 0.31, ... }
 */
export function checkRebalance(
  now: TermStructure,
  then: TermStructure,
  policy: Policy = resolvePolicy(),
): RebalanceStatus {
  const daysSince = daysBetween(then.valuationDate, now.valuationDate);
  if (daysSince < 0) {
    throw invalidInput(
      'lastRebalance.date',
      `is ${then.valuationDate}, after the valuation date ${now.valuationDate}`,
      'pass the date of the last rebalance, on or before the valuation date',
    );
  }
  const cs = curveShift(now, then);
  const triggers: RebalanceTrigger[] = [];
  const audit: AuditEntry[] = [];
  if (daysTriggerFires(daysSince, policy)) {
    triggers.push('days');
    audit.push({
      rule: 'rebalance.days',
      inputs: { daysSince, rebalanceDays: policy.rebalanceDays },
      effect: `${daysSince} calendar days since the last rebalance (≥ ${policy.rebalanceDays}): rebalance due`,
    });
  }
  if (curveShiftTriggerFires(cs.shift, policy)) {
    const worst = cs.byTenor.reduce(
      (a, b) => (Math.abs(b.change) > Math.abs(a.change) ? b : a),
      cs.byTenor[0] ?? { days: 0, now: 0, then: 0, change: 0 },
    );
    triggers.push('curve-shift');
    audit.push({
      rule: 'rebalance.curve-shift',
      inputs: { shift: cs.shift, curveShiftTrigger: policy.curveShiftTrigger, tenorDays: worst.days },
      effect: `the curve moved ${fmt(cs.shift * 100, 1)}% at ${worst.days} days (≥ ${fmt(policy.curveShiftTrigger * 100, 1)}%): rebalance due`,
    });
  }
  const reason =
    triggers.length === 0
      ? `not due: ${daysSince} of ${policy.rebalanceDays} days elapsed and the curve moved ${fmt(cs.shift * 100, 1)}% (trigger ${fmt(policy.curveShiftTrigger * 100, 1)}%)`
      : audit.map((a) => a.effect).join('; ');
  return { due: triggers.length > 0, triggers, daysSince, shift: cs.shift, byTenor: cs.byTenor, reason, audit };
}
