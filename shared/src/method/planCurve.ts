/**
 * Steps of `plan` on the curve: the term structure and regime of the day (section 2) with the
 * market state the other steps mark the book in, the curve of the last rebalance, the market state
 * of a finished plan, and the field-prefixing helper every step uses.
 */
import {
  buildTermStructure,
  fitQuality,
  futureForExpiry,
  vxExpiriesAfter,
  volOfVolFromVvix,
  type TermStructure,
} from '../market/index';
import { AlvhError, isAlvhError } from '../errors';
import type { ParsedPlanInput } from '../schemas/plan';
import type { Policy } from '../schemas/policy';
import type { MarketState } from '../book/index';
import { fmt, type AuditEntry } from './audit';
import type { PlanMarket, PlanStep } from './planTypes';

/** Everything the steps after the term structure share. */
export interface PlanContext {
  p: ParsedPlanInput;
  policy: Policy;
  date: string;
  ts: TermStructure;
  /** Today's market state (the book is marked in it). */
  now: MarketState;
  /** Vol of the VX futures today, decimal. */
  volOfVol: number;
  /** Vol of the VX futures in the drawdown scenario, decimal. */
  stressVov: number;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Re-prefix an error raised by a layer that does not know where its input sits in the plan. */
export function withPrefix<T>(map: (field: string) => string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isAlvhError(e) && !('issues' in e)) throw new AlvhError(e.code, map(e.field), e.problem, e.fix);
    throw e;
  }
}

const curveField = (root: 'market' | 'lastRebalance') => (field: string) => {
  if (field === 'vixSpot') return `${root}.vix`;
  if (field === 'valuationDate') return root === 'market' ? 'valuationDate' : 'lastRebalance.date';
  return `${root}.${field}`;
};

/** The market state of a plan, with `futureFor` from the plan's curve (for re-marking its book). */
export function planMarketState(market: PlanMarket): MarketState {
  const ts = buildTermStructure(
    { valuationDate: market.date, vixSpot: market.vix, futures: market.futures },
    { kappa: market.kappa, theta: market.theta },
  );
  return {
    date: market.date,
    spot: market.spot,
    vix: market.vix,
    rate: market.rate,
    divYield: market.divYield,
    volOfVol: market.volOfVol,
    skew: market.skew,
    futureFor: (e) => futureForExpiry(ts, e),
  };
}

/** Term structure and regime (section 2), and the day's market state: the context of every later step. */
export function stepTermStructure(p: ParsedPlanInput, policy: Policy): PlanStep<PlanContext> {
  const audit: AuditEntry[] = [];
  const warnings: string[] = [];
  const date = p.valuationDate;
  const m = p.market;
  const ts: TermStructure = withPrefix(curveField('market'), () =>
    buildTermStructure(
      { valuationDate: date, vixSpot: m.vix, futures: m.futures },
      {
        steepSpread: policy.steepSpread,
        flatBand: policy.flatBand,
        ...(policy.kappa === undefined ? {} : { kappa: policy.kappa }),
        ...(policy.theta === undefined ? {} : { theta: policy.theta }),
      },
    ),
  );
  audit.push({
    rule: 'curve.regime',
    inputs: {
      f1: ts.f1.price,
      f2: ts.f2.price,
      spread: ts.spread,
      steepSpread: policy.steepSpread,
      flatBand: policy.flatBand,
    },
    effect: `F1 ${fmt(ts.f1.price, 3)} − F2 ${fmt(ts.f2.price, 3)} = ${fmt(ts.spread, 3)} pts: ${ts.regime}`,
  });
  audit.push({
    rule: 'curve.fit',
    inputs: { kappa: ts.fit.kappa, theta: ts.fit.theta, rmse: ts.fit.rmse, method: ts.fit.method },
    effect: `VIX mean reversion κ = ${fmt(ts.fit.kappa, 3)}/yr, θ = ${fmt(ts.fit.theta, 2)} (${ts.fit.method}; rmse ${fmt(ts.fit.rmse, 3)} pts)`,
  });
  if (ts.fit.method === 'fallback')
    warnings.push(`The curve could not be fitted well; the default κ and θ are used (${ts.fit.note}).`);
  warnings.push(...fitQuality(ts).warnings);

  const volOfVol = m.vvix !== undefined ? volOfVolFromVvix(m.vvix, 'market.vvix') : policy.defaultVolOfVol;
  if (m.vvix === undefined)
    warnings.push(
      `No VVIX given: VIX options are priced at a vol of vol of ${policy.defaultVolOfVol} (policy.defaultVolOfVol).`,
    );
  const now: MarketState = {
    date,
    spot: m.spx,
    vix: m.vix,
    rate: m.rate,
    divYield: m.divYield,
    volOfVol,
    skew: policy.skew,
    futureFor: (e) => futureForExpiry(ts, e),
  };
  return {
    result: { p, policy, date, ts, now, volOfVol, stressVov: policy.stressVolOfVol ?? volOfVol },
    audit,
    warnings,
  };
}

/** The curve of the last rebalance, when one is given (for the previous spread and the triggers). */
export function lastRebalanceCurve(p: ParsedPlanInput, policy: Policy): TermStructure | undefined {
  const lr = p.lastRebalance;
  if (lr === undefined) return undefined;
  return withPrefix(curveField('lastRebalance'), () =>
    buildTermStructure(
      { valuationDate: lr.date, vixSpot: lr.vix, futures: lr.futures },
      { steepSpread: policy.steepSpread, flatBand: policy.flatBand },
    ),
  );
}

/** The monthly VX expiries up to the last listed future (the hedges' candidate expiries). */
export function listedMonthlies(ts: TermStructure, date: string): string[] {
  const lastListed = ts.points[ts.points.length - 1] as { expiry: string };
  return vxExpiriesAfter(date, 12).filter((e) => e <= lastListed.expiry);
}
