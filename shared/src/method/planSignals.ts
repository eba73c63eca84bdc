/**
 * Steps of `plan` on the signals and the split (sections 3-4).
 */
import {
  breadthDeteriorating,
  breadthState,
  eventsBetweenByKind,
  eventsNearByKind,
  macd,
  macdSettledLength,
  rsi,
  rsiSettledLength,
  volOfVolExpanding,
  withUserEvents,
  NO_EVENT_CALENDAR,
  type MarketEvent,
} from '../signals/index';
import type { TermStructure } from '../market/index';
import type { ParsedPlanInput } from '../schemas/plan';
import type { Policy } from '../schemas/policy';
import type { AuditEntry } from './audit';
import { computeSplit, type SplitResult } from './split';
import { inputCondors, withPrefix } from './planCurve';
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
  const out: PlanSignals = {
    eventsNear: [],
    eventRisk: false,
    eventsNearByKind: [],
    eventsInCondorLifeByKind: [],
    eventsSource: 'shipped',
  };
  if (s.rsi !== undefined) out.rsi = s.rsi;
  else if (s.spxCloses !== undefined) {
    const series = withPrefix(
      (f) => f.replace(/^closes/, 'signals.spxCloses'),
      () => rsi(s.spxCloses as number[], policy.rsiPeriod),
    );
    out.rsi = series[series.length - 1] as number;
    // the seed's weight is (1 − 1/period)^steps: 100 closes settle RSI(14), 725 RSI(100)
    const settled = rsiSettledLength(policy.rsiPeriod);
    if (s.spxCloses.length < settled)
      warnings.push(
        `RSI from ${s.spxCloses.length} SPX closes: at period ${policy.rsiPeriod} (policy.rsiPeriod) Wilder's smoothing keeps its start for about ${settled} closes, so a short history can put the RSI tens of points from the settled value (and the RSI < ${policy.rsiWiden} rule on the other side); pass ${settled} or more closes.`,
      );
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
    const settled = macdSettledLength();
    if (series.length < settled)
      warnings.push(
        `MACD from ${series.length} values of signals.${name}: its EMAs (12, 26, 9) keep their seeds for about ${settled} values, so a short history can give the histogram the other sign; pass ${settled} or more.`,
      );
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
    // The shipped calendar (FOMC decisions 1994-2027, CPI releases 2000-2026, PPI releases from
    // 2000-01-13 to 2026), with the user's events added or in its place.
    const given = s.events as MarketEvent[] | undefined;
    const mode = s.eventsMode ?? 'add';
    const calendar = withUserEvents(given, mode);
    out.eventsSource = given === undefined ? 'shipped' : mode === 'add' ? 'shipped and given' : 'given';
    out.eventsNearByKind = eventsNearByKind(p.valuationDate, policy.eventWindowDays, calendar);
    // (an expiry on or before the date is rejected by the condor step, naming condor.expiry)
    // a ladder's life runs to its last condor's expiry
    const lastExpiry = inputCondors(p).reduce((a, { c }) => (c.expiry > a ? c.expiry : a), '');
    out.eventsInCondorLifeByKind =
      lastExpiry > p.valuationDate ? eventsBetweenByKind(p.valuationDate, lastExpiry, calendar) : [];
    out.eventsNear = out.eventsNearByKind
      .flatMap((k) => k.events ?? [])
      .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
    out.eventRisk = out.eventsNear.length > 0;
    if (out.eventRisk) {
      warnings.push(
        `Event risk: ${out.eventsNear.map((e) => `${e.kind} on ${e.date}`).join(', ')} within ${policy.eventWindowDays} days of the valuation date.`,
      );
    }
    const missing = out.eventsNearByKind
      .map((k, i) => [k, out.eventsInCondorLifeByKind[i]] as const)
      .filter(([near, life]) => !near.covered || (life !== undefined && !life.covered))
      .map(([near]) => near.kind);
    if (missing.length > 0) {
      warnings.push(
        `${missing.join(', ')}: ${NO_EVENT_CALENDAR} (${missing
          .map((k) => {
            const c = calendar.coverage[k];
            return c ? `the ${k} calendar covers ${c.from} to ${c.to}` : `no ${k} dates`;
          })
          .join(
            '; ',
          )}): event risk from ${missing.length === 1 ? 'it' : 'them'} is not checked near the date or in the condor's life to ${lastExpiry}; pass ${missing.length === 1 ? 'its' : 'their'} dates from before the valuation date to after ${lastExpiry} as your events (signals.events) with the mode 'replace' (signals.eventsMode): your list is then the whole calendar, each kind complete from its first to its last date (dates added to the shipped calendar count for event risk but complete no span).`,
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
      eventsInCondorLife: out.eventsInCondorLifeByKind
        .map((k) => `${k.kind} ${k.events === undefined ? 'no calendar' : `${k.events.length}${k.covered ? '' : '+'}`}`)
        .join(', '),
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
