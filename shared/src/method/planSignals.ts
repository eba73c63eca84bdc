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
import { fmt, type AuditEntry } from './audit';
import { computeSplit, rsiBelowWiden, type SplitResult } from './split';
import { inputCondors, withPrefix } from './planCurve';
import type { PlanSignals, PlanStep } from './planTypes';

type GivenSignals = NonNullable<ParsedPlanInput['signals']>;

/** The vol-of-vol series the policy reads, with its input name; undefined when it was not given. */
function volOfVolSeriesOf(s: GivenSignals, policy: Policy): [string, number[]] | undefined {
  if (policy.volOfVolSeries === 'vvix') return s.vvixCloses === undefined ? undefined : ['vvixCloses', s.vvixCloses];
  return s.vvixVixRatio === undefined ? undefined : ['vvixVixRatio', s.vvixVixRatio];
}

/** Up to 4 significant digits: 62.15, -0.3201. */
const shown = (x: number): string => String(Number(x.toPrecision(4)));

/**
 * The warning for a signal given both as a value and as the history it is computed from: the
 * value given is read (a value computed elsewhere overrides the history), and the warning says
 * what the history gives and whether the rule reads it the same way.
 */
function bothGiven(
  value: string,
  history: string,
  given: number,
  computed: string,
  sameSide: boolean,
  rule: string,
): string {
  return `signals.${value} (${shown(given)}) and signals.${history} are both given: the plan reads the ${value} given; ${computed}, on ${sameSide ? 'the same' : 'the other'} side of ${rule}. Pass one of them.`;
}

/** The RSI of the SPX closes at policy.rsiPeriod, and the warning when they are too few to settle it. */
function rsiOfCloses(closes: number[], policy: Policy): { value: number; short?: string } {
  const series = withPrefix(
    (f) => f.replace(/^closes/, 'signals.spxCloses'),
    () => rsi(closes, policy.rsiPeriod),
  );
  const value = series[series.length - 1] as number;
  // the seed's weight is (1 − 1/period)^steps: 100 closes settle RSI(14), 725 RSI(100)
  const settled = rsiSettledLength(policy.rsiPeriod);
  if (closes.length >= settled) return { value };
  return {
    value,
    short: `RSI from ${closes.length} SPX closes: at period ${policy.rsiPeriod} (policy.rsiPeriod) Wilder's smoothing keeps its start for about ${settled} closes, so a short history can put the RSI tens of points from the settled value (and the RSI < ${policy.rsiWiden} rule on the other side); pass ${settled} or more closes.`,
  };
}

/** The last MACD histogram of the vol-of-vol series, and the warning when it is too short to settle. */
function histogramOf(name: string, series: number[]): { value: number; short?: string } {
  const h = withPrefix(
    (f) => f.replace(/^values/, `signals.${name}`),
    () => macd(series).histogram,
  );
  const value = h[h.length - 1] as number;
  const settled = macdSettledLength();
  if (series.length >= settled) return { value };
  return {
    value,
    short: `MACD from ${series.length} values of signals.${name}: its EMAs (12, 26, 9) keep their seeds for about ${settled} values, so a short history can give the histogram the other sign; pass ${settled} or more.`,
  };
}

/** The A/D slope of the daily counts over policy.breadthLookback (the schema gives both or neither). */
function adSlopeOf(s: GivenSignals, policy: Policy): number {
  return withPrefix(
    (f) =>
      f.startsWith('advancers') || f.startsWith('decliners')
        ? `signals.${f}`
        : f === 'lookback'
          ? 'policy.breadthLookback'
          : `signals.${f}`,
    () => breadthState(s.advancers ?? [], s.decliners ?? [], policy.breadthLookback),
  ).slope;
}

/**
 * RSI, the previous spread, vol of vol and breadth (section 3), each from the value given, else
 * from its history. A history given beside its value is still read and checked, and a warning
 * names both.
 */
function readSignals(
  s: GivenSignals,
  policy: Policy,
  lastSpread: number | undefined,
  out: PlanSignals,
  warnings: string[],
): void {
  if (s.spxCloses !== undefined) {
    const r = rsiOfCloses(s.spxCloses, policy);
    if (s.rsi === undefined) {
      out.rsi = r.value;
      if (r.short !== undefined) warnings.push(r.short);
    } else {
      const below = (x: number) => rsiBelowWiden(x, policy);
      const computed = `the ${s.spxCloses.length} closes give RSI(${policy.rsiPeriod}) ${shown(r.value)}`;
      const rule = `the RSI < ${policy.rsiWiden} rule`;
      warnings.push(bothGiven('rsi', 'spxCloses', s.rsi, computed, below(s.rsi) === below(r.value), rule));
    }
  }
  if (s.rsi !== undefined) out.rsi = s.rsi;
  // the previous spread: given, else the last rebalance's (section 4 rule 3)
  if (s.prevSpread !== undefined) out.prevSpread = s.prevSpread;
  else if (lastSpread !== undefined) out.prevSpread = lastSpread;
  const vol = volOfVolSeriesOf(s, policy);
  if (vol !== undefined) {
    const [name, series] = vol;
    const h = histogramOf(name, series);
    if (s.macdHist === undefined) {
      out.macdHist = h.value;
      out.volOfVolExpanding = volOfVolExpanding(h.value);
      if (h.short !== undefined) warnings.push(h.short);
    } else {
      const computed = `the ${series.length} values give a histogram of ${shown(h.value)}`;
      const same = volOfVolExpanding(s.macdHist) === volOfVolExpanding(h.value);
      warnings.push(bothGiven('macdHist', name, s.macdHist, computed, same, 'the vol-of-vol rule (expanding above 0)'));
    }
  } else if (
    s.macdHist === undefined &&
    (policy.volOfVolSeries === 'vvix' ? s.vvixVixRatio : s.vvixCloses) !== undefined
  ) {
    const [given, wanted] =
      policy.volOfVolSeries === 'vvix' ? ['vvixVixRatio', 'vvixCloses'] : ['vvixCloses', 'vvixVixRatio'];
    warnings.push(
      `signals.${given} is given but policy.volOfVolSeries is '${policy.volOfVolSeries}': no vol-of-vol signal is read; pass signals.${wanted}, or set policy.volOfVolSeries to '${policy.volOfVolSeries === 'vvix' ? 'vvix-vix-ratio' : 'vvix'}'.`,
    );
  }
  if (s.macdHist !== undefined) {
    out.macdHist = s.macdHist;
    out.volOfVolExpanding = volOfVolExpanding(s.macdHist);
  }
  if (s.advancers !== undefined || s.decliners !== undefined) {
    const slope = adSlopeOf(s, policy);
    if (s.adSlope === undefined) {
      out.adSlope = slope;
      out.breadthDeteriorating = breadthDeteriorating(slope);
    } else {
      const computed = `the ${s.advancers?.length ?? 0} days give a slope of ${shown(slope)} issues a day`;
      const same = breadthDeteriorating(s.adSlope) === breadthDeteriorating(slope);
      const rule = 'the breadth rule (deteriorating below 0)';
      warnings.push(bothGiven('adSlope', 'advancers and decliners', s.adSlope, computed, same, rule));
    }
  }
  if (s.adSlope !== undefined) {
    out.adSlope = s.adSlope;
    out.breadthDeteriorating = breadthDeteriorating(s.adSlope);
  }
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
  readSignals(s, policy, lastSpread, out, warnings);
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
      macdHist: out.macdHist ?? 'not given',
      volOfVolExpanding: out.volOfVolExpanding ?? 'not given',
      adSlope: out.adSlope ?? 'not given',
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

/**
 * The one warning naming the split's rules (section 4) that could have moved today's split but read
 * a signal that was not given: the RSI widening (only in a backwardation, where it can fire), its
 * breadth check (where the RSI widens or is not given), the flattening and the vol-of-vol tilt. A
 * previous spread or vol-of-vol series already warned about (a last rebalance without its front
 * futures, the other vol-of-vol series given) is not named again. Undefined when none is missing.
 */
export function missingSignalsWarning(
  p: ParsedPlanInput,
  regime: TermStructure['regime'],
  signals: PlanSignals,
  split: Pick<SplitResult, 'calendarShare' | 'rsiWidened'>,
  policy: Policy,
): string | undefined {
  const backwardated = regime === 'backwardation' || regime === 'steep-backwardation';
  // each rule not applied, with the field that gives its signal (an ALVH.PLAN row of the same name)
  const missing: [rule: string, field: string][] = [];
  if (backwardated && signals.rsi === undefined) missing.push(['the RSI widening', 'rsi']);
  if (backwardated && signals.adSlope === undefined && (signals.rsi === undefined || split.rsiWidened))
    missing.push([signals.rsi === undefined ? 'its breadth check' : "the RSI widening's breadth check", 'adSlope']);
  // a last rebalance given gives the previous spread, or a warning of its own says why not
  if (signals.prevSpread === undefined && p.lastRebalance === undefined) missing.push(['the flattening', 'prevSpread']);
  const other = policy.volOfVolSeries === 'vvix' ? 'vvixVixRatio' : 'vvixCloses';
  if (signals.macdHist === undefined && p.signals?.[other] === undefined)
    missing.push(['the vol-of-vol tilt', 'macdHist']);
  if (missing.length === 0) return undefined;
  const rules = missing.map(([rule, f]) => `${rule} (signals.${f}${f === 'prevSpread' ? ', or lastRebalance' : ''})`);
  const rows = missing.map(([, f]) => f);
  const rowList = rows.length === 1 ? `${rows[0]} row` : `${rows.slice(0, -1).join(', ')} and ${rows.at(-1)} rows`;
  const [them, rule] = missing.length === 1 ? ['it', 'Split rule'] : ['them', 'Split rules'];
  return `${rule} not applied, ${missing.length === 1 ? 'its signal' : 'their signals'} not given: ${rules.join(', ')}. With ${them} the calendar share (${fmt(split.calendarShare)} here) can differ: pass ${them} (in ALVH.PLAN, the ${rowList}).`;
}

/**
 * The split (section 4) from the regime and the signals that were given; `prevSpreadFrom` names
 * where the previous spread came from (signals.prevSpread, or the last rebalance's curve).
 */
export function stepSplit(
  ts: TermStructure,
  signals: PlanSignals,
  policy: Policy,
  prevSpreadFrom?: string,
): PlanStep<SplitResult> {
  const prevSpread = signals.prevSpread;
  const split = computeSplit(
    {
      spread: ts.spread,
      regime: ts.regime,
      ...(signals.rsi === undefined ? {} : { rsi: signals.rsi }),
      ...(prevSpread === undefined ? {} : { prevSpread }),
      ...(prevSpread === undefined || prevSpreadFrom === undefined ? {} : { prevSpreadFrom }),
      ...(signals.volOfVolExpanding === undefined ? {} : { volOfVolExpanding: signals.volOfVolExpanding }),
      ...(signals.macdHist === undefined ? {} : { macdHist: signals.macdHist }),
      ...(signals.breadthDeteriorating === undefined ? {} : { breadthDeteriorating: signals.breadthDeteriorating }),
      ...(signals.adSlope === undefined ? {} : { adSlope: signals.adSlope }),
    },
    policy,
  );
  return { result: split, audit: [...split.audit], warnings: [] };
}
