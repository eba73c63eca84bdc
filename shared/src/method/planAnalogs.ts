/**
 * Steps of `plan` after the sizing: the historical analogs (the plan's tail under past shocks) and
 * the rebalance status (section 8).
 */
import {
  buildTermStructure,
  constantMaturity,
  curveFrontGap,
  vxExpiriesAfter,
  volOfVolFromVvix,
  type TermStructure,
} from '../market/index';
import { OPTION_MULTIPLIER, vixOptionVol } from '../book/index';
import type { Policy } from '../schemas/policy';
import { MIN_SHOCKED_FUTURE } from '../market/termStructure';
import { fmt, usd, type AuditEntry } from './audit';
import type { CondorAnalytics } from './condor';
import { coverageContracts, priceTailCall, type TailSizeResult } from './tailSize';
import { drawdownState, scenarioLoss } from './stress';
import { checkRebalance, type RebalanceStatus } from './rebalance';
import { HISTORICAL_ANALOGS } from './analogs';
import { plural, withPrefix, type PlanContext } from './planCurve';
import type { TailSizing } from './planSizing';
import type { Plan, PlanAnalog, PlanStep } from './planTypes';

/** The plan's tail under each historical analog (the whole book's loss there): the contracts its coverage would ask, and what the plan's cover. */
export function stepAnalogs(
  ctx: PlanContext,
  condors: readonly CondorAnalytics[],
  sizing: TailSizing,
  contracts: number,
): PlanStep<PlanAnalog[]> {
  const audit: AuditEntry[] = [];
  const { policy, now } = ctx;
  const { tailDays, priceArgs } = sizing;
  const tailSize: Pick<TailSizeResult, 'strike'> = sizing.tailSize;
  const analogs = HISTORICAL_ANALOGS.map((a): PlanAnalog => {
    const exps = vxExpiriesAfter(a.date, a.vx.length);
    const ats = buildTermStructure({
      valuationDate: a.date,
      vixSpot: a.vix,
      futures: exps.map((e, i) => ({ expiry: e, price: a.vx[i] as number })),
    });
    const remaining = Math.max(0, tailDays - policy.drawdownDays);
    // A tail window set past the analog's last future (8 listed, 7-8 months out) reads the hedge
    // future there, flat beyond it, as the structures' analog scores do (structureContext.ts).
    const lastPoint = ats.points[ats.points.length - 1] as { days: number; expiry: string };
    const beyond = remaining > lastPoint.days;
    const readAt = Math.min(remaining, lastPoint.days);
    const sf = constantMaturity(ats, readAt);
    const aVov = volOfVolFromVvix(a.vvix);
    const aState = drawdownState(now, () => sf, policy, a.vix, aVov);
    // the book's loss: each condor's capped at its own max loss, then summed
    const loss = condors.reduce((acc, c) => acc + scenarioLoss(c.legs, now, aState, c.maxLoss), 0);
    const priced = priceTailCall({
      ...priceArgs,
      stressedFuture: Math.max(sf, MIN_SHOCKED_FUTURE),
      // the analog's vol of vol read on the VIX-option surface at the call's strike (Section 2b)
      stressVolOfVol: vixOptionVol(
        { ...now, volOfVol: aVov },
        Math.max(remaining, 1) / 365,
        tailSize.strike,
        Math.max(sf, MIN_SHOCKED_FUTURE),
      ),
    });
    const gain = priced.gainPerContract;
    // null when the call gains nothing at this analog's curve: no number of contracts covers it
    const need = gain > 0 ? coverageContracts(policy.tailCoverage, loss, gain) : null;
    return {
      measure: 'scenario',
      date: a.date,
      label: a.label,
      vix: a.vix,
      volOfVol: aVov,
      stressedFuture: sf,
      condorLoss: loss,
      contracts: need,
      gainPerContract: gain,
      planCoverage: loss > 0 ? (contracts * gain) / loss : 0,
      note:
        (beyond
          ? `This analog's curve ends at its ${lastPoint.expiry} future, ${lastPoint.days} days out: the hedge future ${remaining} days out is read there, flat beyond it. `
          : '') +
        (need === null
          ? `At this analog's curve (${fmt(sf, 2)} at ${readAt} days) the ${tailSize.strike} call gains nothing: the hedge cannot cover a repeat of ${a.date} from today's levels.`
          : `VIX ${a.vix}, hedge future ${fmt(sf, 2)}: ${need} contracts for ${policy.tailCoverage}× the ${usd(loss)} loss; the plan's ${plural(contracts, 'contract')} cover${contracts === 1 ? 's' : ''} ${coverageWords(loss > 0 ? (contracts * gain) / loss : 0)}×.${
              // a count in the thousands is not a typo: say where it comes from
              sf <= tailSize.strike
                ? ` The future stays at or below the ${tailSize.strike} strike there: a call is worth only its time value (${usd(priced.stressedCallValue * OPTION_MULTIPLIER, 2)} a contract), ${usd(gain, 2)} more than it costs today.`
                : ''
            }`),
    };
  });
  audit.push({
    rule: 'tail.analogs',
    inputs: Object.fromEntries(analogs.map((a) => [a.date, a.contracts ?? 'no gain'])),
    effect: `contracts for ${policy.tailCoverage}× coverage under ${analogs.map((a) => `${a.date}: ${a.contracts ?? 'cannot cover'}`).join(', ')}`,
  });

  // Not one analog in which the call gains: today's levels already stand at or above theirs, so the
  // analogs test nothing of this tail (said where a trader reads, not only in the analog rows).
  const warnings =
    analogs.length > 0 && analogs.every((a) => a.contracts === null)
      ? [
          `The tail's ${tailSize.strike} call gains nothing under any historical analog (${analogs.map((a) => `${a.date}, VIX ${a.vix}`).join('; ')}): with VIX at ${fmt(now.vix, 2)}, no analog's curve lifts the hedge future enough to pay for the call, so the analogs test nothing of this tail; read the drawdown scenario and the stress grid instead.`,
        ]
      : [];
  return { result: analogs, audit, warnings };
}

/** The rebalance status (section 8) against the last rebalance's curve, when one is given. */
export function stepRebalance(
  ts: TermStructure,
  thenTs: TermStructure | undefined,
  policy: Policy,
): PlanStep<Plan['rebalance']> {
  if (thenTs === undefined) {
    return {
      result: {
        due: null,
        reason: 'no last rebalance given: pass lastRebalance {date, vix, futures} to check the triggers',
      },
      audit: [],
      warnings: [],
    };
  }
  const then = thenTs;
  const rebalance = withPrefix(
    (f) => (f.startsWith('now.') ? 'market.futures' : f.startsWith('then.') ? 'lastRebalance.futures' : f),
    () => checkRebalance(ts, then, policy),
  );
  const warning = shiftAcrossGap(then, rebalance, policy);
  return { result: rebalance, audit: [...rebalance.audit], warnings: warning === undefined ? [] : [warning] };
}

/**
 * The warning, and the curve-shift audit row's note, when the last rebalance's curve lacks its F1 or
 * F2 (expired since and left out) and a compared tenor falls between the listed nodes around it: its
 * constant-maturity value then comes from a straight line past the missing future (2018-10-11
 * without October: 30 days reads 20.26 from VIX spot to November, not 19.36, and the shift 15.3%
 * where the full curve's is 11.3%). Leaving such tenors out was worse on the 2007-2021 VX history
 * (43 decisions against the full curve's, 4 as read), so they are read and the plan says so.
 */
function shiftAcrossGap(then: TermStructure, status: RebalanceStatus, policy: Policy): string | undefined {
  const gap = curveFrontGap(then);
  if (gap === undefined) return undefined;
  const after = then.points.findIndex((pt) => pt.expiry > gap.missing);
  const next = then.points[after];
  const prev = after > 0 ? then.points[after - 1] : undefined;
  const lo = prev?.days ?? 0;
  const across = status.byTenor.filter((t) => t.days > lo && (next === undefined || t.days < next.days));
  if (across.length === 0 || next === undefined || status.shift === null) return undefined;
  const days = across.map((t) => t.days).join(', ');
  const row = status.audit.find((a) => a.rule === 'rebalance.curve-shift' || a.rule === 'rebalance.not-due');
  if (row) row.inputs = { ...row.inputs, thenTenorsAcrossMissing: days, thenMissing: gap.missing };
  // The days trigger decides alone: the shift read past the gap changes no decision.
  if (status.triggers.includes('days')) return undefined;
  const rest = status.byTenor.filter((t) => !across.includes(t));
  const restMax = Math.max(...rest.map((t) => Math.abs(t.change)));
  const pct = (x: number) => `${fmt(x * 100, 1)}%`;
  const values = across.map((t) => `${t.days}-day (${fmt(t.then, 2)})`).join(', ');
  const others = rest.length === 0 ? '' : `, ${pct(restMax)} over the other tenors`;
  const date = then.valuationDate;
  const from = prev === undefined ? 'VIX spot' : `the ${prev.expiry} future`;
  return `The curve shift reads ${date}'s ${values} constant-maturity value${across.length > 1 ? 's' : ''} on a straight line from ${from} to the ${next.expiry} future, past the ${gap.missing} future (${gap.nth}) that lastRebalance.futures lacks: the curve moved ${pct(status.shift)} (trigger ${pct(policy.curveShiftTrigger)})${others}; pass that future's price on ${date} to read the shift through it.`;
}

/** A coverage as the note says it: two decimals, or two significant digits below 0.01 (0.0014, never "0" for some cover, nor 5e-7). */
function coverageWords(x: number): string {
  if (!(x > 0 && x < 0.01)) return fmt(x, 2);
  const decimals = Math.min(20, 1 - Math.floor(Math.log10(x)));
  return x.toFixed(decimals).replace(/0+$/, '');
}
