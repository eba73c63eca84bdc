/**
 * Steps of `plan` after the sizing: the historical analogs (the plan's tail under past shocks) and
 * the rebalance status (section 8).
 */
import {
  buildTermStructure,
  constantMaturity,
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
import { checkRebalance } from './rebalance';
import { HISTORICAL_ANALOGS } from './analogs';
import { withPrefix, type PlanContext } from './planCurve';
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
    const sf = constantMaturity(ats, remaining);
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
        need === null
          ? `At this analog's curve (${fmt(sf, 2)} at ${remaining} days) the ${tailSize.strike} call gains nothing: the hedge cannot cover a repeat of ${a.date} from today's levels.`
          : `VIX ${a.vix}, hedge future ${fmt(sf, 2)}: ${need} contracts for ${policy.tailCoverage}× the ${usd(loss)} loss; the plan's ${contracts} cover ${loss > 0 ? fmt((contracts * gain) / loss, 2) : '0'}×.${
              // a count in the thousands is not a typo: say where it comes from
              sf <= tailSize.strike
                ? ` The future stays at or below the ${tailSize.strike} strike there: a call is worth only its time value (${usd(priced.stressedCallValue * OPTION_MULTIPLIER, 2)} a contract), ${usd(gain, 2)} more than it costs today.`
                : ''
            }`,
    };
  });
  audit.push({
    rule: 'tail.analogs',
    inputs: Object.fromEntries(analogs.map((a) => [a.date, a.contracts ?? 'no gain'])),
    effect: `contracts for ${policy.tailCoverage}× coverage under ${analogs.map((a) => `${a.date}: ${a.contracts ?? 'cannot cover'}`).join(', ')}`,
  });

  // Rebalance (section 8)
  return { result: analogs, audit, warnings: [] };
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
  return { result: rebalance, audit: [...rebalance.audit], warnings: [] };
}
