/**
 * Steps of `plan` on the signals and the split (sections 3-4).
 */
import {
  FOMC_STATEMENT_DATES,
  breadthDeteriorating,
  breadthState,
  eventsBetween,
  eventsWithin,
  macd,
  rsi,
  volOfVolExpanding,
  type MarketEvent,
} from '../signals/index';
import type { TermStructure } from '../market/index';
import type { ParsedPlanInput } from '../schemas/plan';
import type { Policy } from '../schemas/policy';
import type { AuditEntry } from './audit';
import { computeSplit, type SplitResult } from './split';
import { withPrefix } from './planCurve';
import type { PlanSignals, PlanStep } from './planTypes';

/** The vol-of-vol series the policy reads, with its input name; undefined when it was not given. */
function volOfVolSeriesOf(s: NonNullable<ParsedPlanInput['signals']>, policy: Policy): [string, number[]] | undefined {
  if (policy.volOfVolSeries === 'vvix') return s.vvixCloses === undefined ? undefined : ['vvixCloses', s.vvixCloses];
  return s.vvixVixRatio === undefined ? undefined : ['vvixVixRatio', s.vvixVixRatio];
}

/** Signals (section 3): RSI, the previous spread, vol of vol, breadth and events, each only when given. */
export function stepSignals(p: ParsedPlanInput, policy: Policy, lastSpread: number | undefined): PlanStep<PlanSignals> {
  const audit: AuditEntry[] = [];
  const warnings: string[] = [];
  const s = p.signals ?? {};
  const out: PlanSignals = { eventsNear: [], eventRisk: false, eventsInCondorLife: 0, eventsSource: 'given' };
  if (s.rsi !== undefined) out.rsi = s.rsi;
  else if (s.spxCloses !== undefined) {
    const series = withPrefix(
      (f) => f.replace(/^closes/, 'signals.spxCloses'),
      () => rsi(s.spxCloses as number[], policy.rsiPeriod),
    );
    out.rsi = series[series.length - 1] as number;
  }
  // the previous spread: given, else the last rebalance's (section 4 rule 3)
  if (s.prevSpread !== undefined) out.prevSpread = s.prevSpread;
  else if (lastSpread !== undefined) out.prevSpread = lastSpread;
  if (s.macdHist !== undefined) out.volOfVolExpanding = volOfVolExpanding(s.macdHist);
  else if (volOfVolSeriesOf(s, policy) !== undefined) {
    const [name, series] = volOfVolSeriesOf(s, policy) as [string, number[]];
    const h = withPrefix(
      (f) => f.replace(/^values/, `signals.${name}`),
      () => macd(series).histogram,
    );
    out.volOfVolExpanding = volOfVolExpanding(h[h.length - 1] as number);
  } else if ((policy.volOfVolSeries === 'vvix' ? s.vvixVixRatio : s.vvixCloses) !== undefined) {
    const [given, wanted] =
      policy.volOfVolSeries === 'vvix' ? ['vvixVixRatio', 'vvixCloses'] : ['vvixCloses', 'vvixVixRatio'];
    warnings.push(
      `signals.${given} is given but policy.volOfVolSeries is '${policy.volOfVolSeries}': no vol-of-vol signal is read; pass signals.${wanted}, or set policy.volOfVolSeries to '${policy.volOfVolSeries === 'vvix' ? 'vvix-vix-ratio' : 'vvix'}'.`,
    );
  }
  if (s.adSlope !== undefined) out.breadthDeteriorating = breadthDeteriorating(s.adSlope);
  else if (s.advancers !== undefined || s.decliners !== undefined) {
    const adv = s.advancers ?? [];
    const dec = s.decliners ?? [];
    const b = withPrefix(
      (f) =>
        f.startsWith('advancers') || f.startsWith('decliners')
          ? `signals.${f}`
          : f === 'lookback'
            ? 'policy.breadthLookback'
            : `signals.${f}`,
      () => breadthState(adv, dec, policy.breadthLookback),
    );
    out.breadthDeteriorating = b.deteriorating;
  }
  {
    // The user's list, else the FOMC statement dates the product ships (2025-2027, source named in each event)
    const ev = (s.events as MarketEvent[] | undefined) ?? [...FOMC_STATEMENT_DATES];
    out.eventsSource = s.events !== undefined ? 'given' : 'shipped FOMC statement dates 2025-2027';
    out.eventsNear = eventsWithin(p.valuationDate, policy.eventWindowDays, ev);
    out.eventRisk = out.eventsNear.length > 0;
    out.eventsInCondorLife =
      p.condor.expiry > p.valuationDate ? eventsBetween(p.valuationDate, p.condor.expiry, ev).length : 0;
    if (out.eventRisk) {
      warnings.push(
        `Event risk: ${out.eventsNear.map((e) => `${e.kind} on ${e.date}`).join(', ')} within ${policy.eventWindowDays} days of the valuation date.`,
      );
    }
  }
  audit.push({
    rule: 'signals',
    inputs: {
      rsi: out.rsi ?? 'not given',
      prevSpread: out.prevSpread ?? 'not given',
      volOfVolExpanding: out.volOfVolExpanding ?? 'not given',
      breadthDeteriorating: out.breadthDeteriorating ?? 'not given',
      eventsNear: out.eventsNear.length,
      eventsInCondorLife: out.eventsInCondorLife,
      eventsSource: out.eventsSource,
    },
    effect: 'signals read for the split (rules 2-4 of section 4 fire only on signals that were given)',
  });
  return { result: out, audit, warnings };
}

/** The split (section 4) from the regime and the signals that were given. */
export function stepSplit(ts: TermStructure, signals: PlanSignals, policy: Policy): PlanStep<SplitResult> {
  const prevSpread = signals.prevSpread;
  const split = computeSplit(
    {
      spread: ts.spread,
      regime: ts.regime,
      ...(signals.rsi === undefined ? {} : { rsi: signals.rsi }),
      ...(prevSpread === undefined ? {} : { prevSpread }),
      ...(signals.volOfVolExpanding === undefined ? {} : { volOfVolExpanding: signals.volOfVolExpanding }),
      ...(signals.breadthDeteriorating === undefined ? {} : { breadthDeteriorating: signals.breadthDeteriorating }),
    },
    policy,
  );
  return { result: split, audit: [...split.audit], warnings: [] };
}
