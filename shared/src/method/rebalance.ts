/**
 * Rebalancing (ALVH-METHOD section 8, Step 5): due when at least `rebalanceDays` calendar days
 * have passed since the last rebalance, or when the curve has shifted by at least
 * `curveShiftTrigger` since then (max over the 30-150 day constant-maturity tenors covered by both
 * curves of |CM_now/CM_then − 1|, from the market layer's curveShift).
 */
import { curveShift, type TenorChange, type TermStructure } from '../market/index';
import { AlvhError, invalidInput } from '../errors';
import { daysBetween } from '../dates';
import { fmt, type AuditEntry } from './audit';
import { resolvePolicy, type Policy } from '../schemas/policy';

export type RebalanceTrigger = 'days' | 'curve-shift';

export interface RebalanceStatus {
  due: boolean;
  /** Which triggers fired, in the method's order. */
  triggers: RebalanceTrigger[];
  daysSince: number;
  /**
   * The largest change of the 30-150 day tenors both curves cover (a fraction); null when the
   * curves share none of them and the days trigger alone decides (the reason says why).
   */
  shift: number | null;
  byTenor: TenorChange[];
  /** Plain words: what fired and why, or why nothing did. */
  reason: string;
  audit: AuditEntry[];
}

/** The days trigger of section 8: at least `rebalanceDays` calendar days since the last rebalance. */
export function daysTriggerFires(daysSince: number, policy: Pick<Policy, 'rebalanceDays'>): boolean {
  return daysSince >= policy.rebalanceDays;
}

/**
 * How far below `curveShiftTrigger` a shift still counts as on it: a curve that moved exactly 15%
 * in prices (18 → 20.7) reads 0.1499999999999999 in binary floating point, and the method's "≥"
 * means it fires. As `SPREAD_TOLERANCE` for the regime's thresholds.
 */
export const SHIFT_TOLERANCE = 1e-9;

/** The curve-shift trigger of section 8: the curve moved by at least `curveShiftTrigger` (a fraction). */
export function curveShiftTriggerFires(shift: number, policy: Pick<Policy, 'curveShiftTrigger'>): boolean {
  return shift >= policy.curveShiftTrigger - SHIFT_TOLERANCE;
}

/**
 * The curves' shift, or null with the reason when they share no compared tenor and the days
 * trigger has fired (section 8: due after `rebalanceDays` days *or* on the shift, so the days
 * decide alone). Without the days trigger the missing tenors stay an error: "not due" read off a
 * curve too short to compare would be a guess.
 */
function shiftOrDays(
  now: TermStructure,
  then: TermStructure,
  daysDue: boolean,
): { shift: number | null; byTenor: TenorChange[]; missing?: string } {
  try {
    return curveShift(now, then);
  } catch (e) {
    if (!daysDue || !(e instanceof AlvhError) || e.code !== 'insufficient_data') throw e;
    const which = e.field.startsWith('then') ? "the last rebalance's curve" : "today's curve";
    return { shift: null, byTenor: [], missing: `${which} ${e.problem}` };
  }
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
  const daysDue = daysTriggerFires(daysSince, policy);
  const cs = shiftOrDays(now, then, daysDue);
  const triggers: RebalanceTrigger[] = [];
  const audit: AuditEntry[] = [];
  if (daysDue) {
    triggers.push('days');
    audit.push({
      rule: 'rebalance.days',
      inputs: { daysSince, rebalanceDays: policy.rebalanceDays },
      effect: `${daysSince} calendar days since the last rebalance (≥ ${policy.rebalanceDays}): rebalance due`,
    });
  }
  const worst = cs.byTenor.reduce(
    (a, b) => (Math.abs(b.change) > Math.abs(a.change) ? b : a),
    cs.byTenor[0] ?? { days: 0, now: 0, then: 0, change: 0 },
  );
  if (cs.shift !== null && curveShiftTriggerFires(cs.shift, policy)) {
    triggers.push('curve-shift');
    audit.push({
      rule: 'rebalance.curve-shift',
      inputs: {
        shift: cs.shift,
        curveShiftTrigger: policy.curveShiftTrigger,
        tenorDays: worst.days,
        cmNow: worst.now,
        cmThen: worst.then,
      },
      effect: `the curve moved ${fmt(cs.shift * 100, 1)}% at ${worst.days} days (≥ ${fmt(policy.curveShiftTrigger * 100, 1)}%): rebalance due`,
    });
  }
  const shiftNote = cs.missing === undefined ? '' : `; the curve shift is not computed: ${cs.missing}`;
  let reason = audit.map((a) => a.effect).join('; ') + shiftNote;
  if (triggers.length === 0) {
    // neither fired: the shift is computed (it is null only once the days trigger has fired)
    const [moved, trigger] = shiftBelowTrigger(cs.shift ?? 0, policy.curveShiftTrigger);
    reason = `not due: ${daysSince} of ${policy.rebalanceDays} days elapsed and the curve moved ${moved}% (trigger ${trigger}%)`;
    audit.push({
      rule: 'rebalance.not-due',
      inputs: {
        daysSince,
        rebalanceDays: policy.rebalanceDays,
        shift: cs.shift ?? 0,
        curveShiftTrigger: policy.curveShiftTrigger,
        tenorDays: worst.days,
        cmNow: worst.now,
        cmThen: worst.then,
      },
      effect: `${daysSince} calendar day${daysSince === 1 ? '' : 's'} since the last rebalance (< ${policy.rebalanceDays}) and the curve moved ${moved}% at ${worst.days} days (< ${trigger}%): rebalance not due`,
    });
  }
  return { due: triggers.length > 0, triggers, daysSince, shift: cs.shift, byTenor: cs.byTenor, reason, audit };
}

/**
 * The shift and the trigger in percent for a shift that did not fire, to 0.1% where that shows it
 * below the trigger and with more digits where it does not: 0.1499 rounded to one decimal read
 * "15% (trigger 15%)", a shift at the trigger, which would have fired.
 */
function shiftBelowTrigger(shift: number, trigger: number): [shift: string, trigger: string] {
  let digits = 1;
  while (digits < 8 && !(Number(fmt(shift * 100, digits)) < Number(fmt(trigger * 100, digits)))) digits += 1;
  return [fmt(shift * 100, digits), fmt(trigger * 100, digits)];
}
