/**
 * The calendar overlay (ALVH-METHOD section 5, Step 3): a long-vega layer sized so that its
 * exposure is `vegaMatch` × the condor's |net vega|.
 *
 * Structures:
 * - `spx-put-calendar`: short the condor-expiry put, long a put about `backDays` later, same strike
 *   (default the short put strike): the back leg is the SPX monthly nearest `backDays` after the
 *   front ({@link overlayBackExpiry}). Unit exposure = (back vega − front vega) · 100, USD per vol point.
 * - `spx-long-put`: the back put alone. Unit exposure = back vega · 100.
 * - `vix-call-diagonal`: long a later VIX call, short a nearer one `strikeOffset` points higher.
 *   Unit exposure in USD per VIX point = (Δ_far·e^(−κτ_far) − Δ_near·e^(−κτ_near)) · 100, set
 *   against the condor's vega per vol point (30-day implied vol ≈ VIX/100, so one VIX point ≈ one
 *   vol point).
 * units = round(target / unit exposure); cost = units · unit debit · 100.
 */
import { grouped, noSolution, invalidInput, type AlvhError } from '../errors';
import { addDaysIso } from './dateUtil';
import { checkFinite, checkPositive, checkRange, checkSpotAndStrikes } from '../validate';
import { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, spxMonthlyExpiry, vixSensitivity } from '../market/index';
import { OPTION_MULTIPLIER, markLegs, type Leg, type MarketState } from '../book/index';
import { DEFAULT_POLICY, type OverlayStructure } from '../schemas/policy';
import { daysBetween } from '../dates';
import { fmt, usd } from './audit';

/**
 * The least vega, USD per SPX vol point, an SPX overlay unit is sized on (an at-the-money put
 * calendar has hundreds): below it the vega target takes thousands of units, each a price, not a
 * hedge (ALVH.OVERLAY's own check uses the same 1).
 */
export const MIN_UNIT_VEGA = 1;

export interface OverlayInput {
  structure: OverlayStructure;
  /** The condor's net vega, USD per vol point (negative for a short condor). */
  condorVega: number;
  /** Fraction of |condor vega| to offset (0.4-0.6; 0.6 under RSI widening). */
  vegaMatch: number;
  /** The condor's expiry (front leg of the SPX calendar). */
  condorExpiry: string;
  /** SPX strike of the calendar or long put; default: the condor's short put strike. */
  strike: number;
  /** Calendar days from the condor expiry to the back put; default policy.overlayBackDays (30). */
  backDays?: number;
  state: MarketState;
  /** vix-call-diagonal only: monthly VX expiries after the valuation date, ascending. */
  vxExpiries?: readonly string[];
  /** vix-call-diagonal only: κ per year that maps a VIX move to the futures (`policy.shockKappa`); default DEFAULT_POLICY.shockKappa (6). */
  kappa?: number;
  /** vix-call-diagonal only: short strike above the long strike, points; default policy.diagonalStrikeOffset (5). */
  strikeOffset?: number;
  /** vix-call-diagonal only: the near leg expires at least this many days out; default policy.diagonalMinDays (14). */
  minNearDays?: number;
  /** vix-call-diagonal only: strike grid, points; default policy.vixStrikeStep (1). */
  strikeStep?: number;
  /**
   * A unit with no long exposure, or a diagonal the VX futures cannot build (no unit legs then),
   * sizes to 0 units with `noSolution` saying why, instead of throwing (the plan: its tail is still
   * sized); default false (ALVH.OVERLAY, which sizes nothing else).
   */
  zeroWhenNoExposure?: boolean;
}

export interface OverlaySizing {
  structure: OverlayStructure;
  /** Legs for ONE unit (quantities ±1). */
  unitLegs: Leg[];
  /** Legs for `units` (quantities ± units). */
  legs: Leg[];
  /** Target exposure, USD per vol point (VIX point for the diagonal). */
  targetVega: number;
  /** Exposure of one unit, same units as the target. */
  unitVega: number;
  /** Debit of one unit, USD (price · 100). */
  unitCost: number;
  /** Theta of one unit, USD per day. */
  unitTheta: number;
  units: number;
  cost: number;
  /** Exposure of the sized overlay (units · unitVega). */
  vega: number;
  /** Theta of the sized overlay, USD per day. */
  theta: number;
  /** What the exposure is measured in. */
  vegaUnit: 'USD per SPX vol point' | 'USD per VIX point';
  /** Why no unit could be sized (a unit with no long exposure), with `zeroWhenNoExposure`; units are then 0. */
  noSolution?: string;
}

function scaleLegs(unit: readonly Leg[], units: number): Leg[] {
  return unit.map((l) => ({ ...l, quantity: l.quantity * units }));
}

/**
 * The back expiry of the SPX calendar: the standard SPX monthly (third Friday, or the business day
 * before when it is a holiday) after `from` nearest `days` after it (on a tie, the later). Monthlies
 * are listed a year and more ahead, so the leg can be traded on any valuation day, and the choice
 * depends on the front alone, so a calendar held keeps its back leg from one day to the next.
 * Thirty days after a monthly condor is a Sunday in a five-week month: the Friday before it is a
 * weekly two months out, which no chain lists yet, so the back leg is the next monthly.
 *
 * @example overlayBackExpiry('2024-02-16', 30) // '2024-03-15' (the March monthly; 2024-03-17 is a Sunday)
 * @example overlayBackExpiry('2025-05-16', 30) // '2025-06-20' (not the 2025-06-13 weekly)
 */
export function overlayBackExpiry(from: string, days: number): string {
  const target = addDaysIso(from, days);
  const candidates: string[] = [];
  const [ty, tm] = target.split('-').map(Number) as [number, number];
  for (let k = -1; k <= 1; k++) {
    const y = ty + Math.floor((tm - 1 + k) / 12);
    const m = ((tm - 1 + k + 12) % 12) + 1;
    if (y >= CALENDAR_FIRST_YEAR && y <= CALENDAR_LAST_YEAR) candidates.push(spxMonthlyExpiry(y, m));
  }
  let best: string | undefined;
  let bestGap = Infinity;
  for (const c of candidates) {
    if (c <= from) continue;
    const gap = Math.abs(daysBetween(target, c));
    if (gap < bestGap || (gap === bestGap && best !== undefined && c > best)) {
      best = c;
      bestGap = gap;
    }
  }
  if (best === undefined) {
    throw invalidInput(
      'condor.expiry',
      `is ${from}: no SPX monthly expiry follows it within the exchange calendar (to ${CALENDAR_LAST_YEAR}-12-31)`,
      `pass a condor expiry before ${CALENDAR_LAST_YEAR}-12`,
    );
  }
  return best;
}

/**
 * The diagonal's near and far VX expiries: the first at least `minNearDays` out and the next; else
 * the error naming what to change, `policy.diagonalMinDays` where its default would have found the
 * two legs, else the short curve (`market.futures`).
 */
function diagonalExpiries(i: OverlayInput): { near: string; far: string } | AlvhError {
  const exps = i.vxExpiries ?? [];
  const minNear = i.minNearDays ?? DEFAULT_POLICY.diagonalMinDays;
  const nearIdx = exps.findIndex((e) => daysBetween(i.state.date, e) >= minNear);
  const near = exps[nearIdx];
  const far = exps[nearIdx + 1];
  if (nearIdx >= 0 && near !== undefined && far !== undefined) return { near, far };
  const atDefault = exps.filter((e) => daysBetween(i.state.date, e) >= DEFAULT_POLICY.diagonalMinDays).length;
  return minNear > DEFAULT_POLICY.diagonalMinDays && atDefault >= 2
    ? invalidInput(
        'policy.diagonalMinDays',
        `is ${minNear}, and the VX futures given list fewer than two expiries at least ${minNear} days out`,
        `pass a smaller diagonalMinDays (default ${DEFAULT_POLICY.diagonalMinDays}), or more VX futures`,
      )
    : invalidInput(
        'market.futures',
        `lists fewer than two VX expiries at least ${minNear} days out`,
        'pass more VX futures for the vix-call-diagonal overlay',
      );
}

/** A plan's diagonal that cannot be built: no unit legs, 0 units, and why. */
function unbuiltDiagonal(e: AlvhError, target: number): OverlaySizing {
  return {
    noSolution: `the diagonal has no near and later VX leg: ${e.field} ${e.problem}; ${e.fix}`,
    structure: 'vix-call-diagonal',
    unitLegs: [],
    legs: [],
    targetVega: target,
    unitVega: 0,
    unitCost: 0,
    unitTheta: 0,
    units: 0,
    cost: 0,
    vega: 0,
    theta: 0,
    vegaUnit: 'USD per VIX point',
  };
}

/**
 * Size the overlay. Throws `no_solution` when a unit has no long exposure (nothing to size with).
 * @example
 * sizeOverlay({ structure: 'spx-put-calendar', condorVega: -800, vegaMatch: 0.5, condorExpiry: '2024-02-16', strike: 4400, state })
 * // units = round(400 / ((back vega − front vega) · 100))
 */
export function sizeOverlay(i: OverlayInput): OverlaySizing {
  const condorVega = checkFinite('condorVega', i.condorVega);
  const vegaMatch = checkRange('vegaMatch', i.vegaMatch, 0, 1);
  const target = vegaMatch * Math.abs(condorVega);
  const strike = checkPositive('overlay.strike', i.strike);
  let unitLegs: Leg[];
  let unitVega: number;
  let vegaUnit: OverlaySizing['vegaUnit'] = 'USD per SPX vol point';
  if (i.structure === 'spx-put-calendar' || i.structure === 'spx-long-put') {
    checkSpotAndStrikes('state.spot', i.state.spot, [{ field: 'overlay.strike', strike }]);
    const backDays = i.backDays ?? DEFAULT_POLICY.overlayBackDays;
    if (addDaysIso(i.condorExpiry, backDays) > `${CALENDAR_LAST_YEAR}-12-31`) {
      throw invalidInput(
        'condor.expiry',
        `is ${i.condorExpiry}: the overlay's back leg, ${backDays} days later, falls past the exchange calendar's last day (${CALENDAR_LAST_YEAR}-12-31)`,
        `pass a condor expiry before ${CALENDAR_LAST_YEAR}-12 or fewer policy.overlayBackDays`,
      );
    }
    const back = overlayBackExpiry(i.condorExpiry, backDays);
    const backLeg: Leg = { kind: 'spx', type: 'put', strike, expiry: back, quantity: 1 };
    unitLegs =
      i.structure === 'spx-put-calendar'
        ? [{ kind: 'spx', type: 'put', strike, expiry: i.condorExpiry, quantity: -1 }, backLeg]
        : [backLeg];
    const marks = markLegs(unitLegs, i.state);
    unitVega = marks.reduce((s, m) => s + m.vega * m.leg.quantity * OPTION_MULTIPLIER, 0);
  } else if (i.structure === 'vix-call-diagonal') {
    const legs = diagonalExpiries(i);
    if (!('near' in legs)) {
      if (!i.zeroWhenNoExposure) throw legs;
      // the plan goes on without the layer, as with a unit of no long exposure (its tail is still sized)
      return unbuiltDiagonal(legs, target);
    }
    const { near, far } = legs;
    const kappa = checkPositive('kappa', i.kappa ?? DEFAULT_POLICY.shockKappa);
    const step = checkPositive('policy.vixStrikeStep', i.strikeStep ?? DEFAULT_POLICY.vixStrikeStep);
    const farFuture = i.state.futureFor(far);
    const longK = Math.max(step, Math.round(farFuture / step) * step);
    const shortK = longK + (i.strikeOffset ?? DEFAULT_POLICY.diagonalStrikeOffset);
    unitLegs = [
      { kind: 'vix', type: 'call', strike: longK, expiry: far, quantity: 1 },
      { kind: 'vix', type: 'call', strike: shortK, expiry: near, quantity: -1 },
    ];
    const marks = markLegs(unitLegs, i.state);
    unitVega = marks.reduce(
      (s, m) => s + m.delta * m.leg.quantity * OPTION_MULTIPLIER * vixSensitivity(kappa, m.years),
      0,
    );
    vegaUnit = 'USD per VIX point';
  } else {
    throw invalidInput(
      'policy.overlay',
      `is ${JSON.stringify(i.structure)}`,
      'pass spx-put-calendar, spx-long-put or vix-call-diagonal',
    );
  }
  const marks = markLegs(unitLegs, i.state);
  const unitCost = marks.reduce((s, m) => s + m.price * m.leg.quantity * OPTION_MULTIPLIER, 0);
  const unitTheta = marks.reduce((s, m) => s + m.theta * m.leg.quantity * OPTION_MULTIPLIER, 0);
  const fix =
    i.structure === 'vix-call-diagonal'
      ? 'choose another overlay structure, a wider policy.diagonalStrikeOffset or a later near leg (policy.diagonalMinDays)'
      : 'choose another overlay structure, strike (policy.overlayStrike) or later back expiry (policy.overlayBackDays)';
  // Two units the vega target cannot size (decisions; docs/method.md "Overlay"). One of next to no
  // vega: a put calendar struck at twice SPX has 0.013 USD per vol point (docs/examples/plan.json),
  // and the target asked for 17,210 units. One bought for a credit: a put struck above the forward
  // is worth its carry (rates above the dividend yield), so the unit's premium is no price of its
  // vega, and the plan's budget, cost cap and return on risk would count the carry as income (at
  // 9000, 58 units and a $150,504 credit, a return on risk of 37.9).
  const tiny = i.structure !== 'vix-call-diagonal' && unitVega > 0 && unitVega < MIN_UNIT_VEGA;
  const none = !(unitVega > 0)
    ? noSolution(
        'policy.overlay',
        `one ${i.structure} unit has exposure ${unitVega.toFixed(2)} (${vegaUnit}), not a long-vega position`,
        fix,
      )
    : tiny
      ? noSolution(
          'policy.overlay',
          `one ${i.structure} unit has a vega of ${unitVega.toPrecision(2)} USD per SPX vol point, under ${MIN_UNIT_VEGA}: the target of ${target.toFixed(0)} would take ${grouped(Math.round(target / unitVega))} units, at ${usd(unitCost, 2)} each`,
          'choose a strike nearer SPX (policy.overlayStrike), or another overlay structure',
        )
      : unitCost <= 0
        ? noSolution(
            'policy.overlay',
            `one ${i.structure} unit brings in a credit of ${usd(-unitCost, 2)} (vega ${unitVega.toFixed(1)} ${vegaUnit})` +
              (i.structure === 'vix-call-diagonal' ? '' : ', the carry of a put struck above the forward') +
              ': the overlay is sized as a premium paid, and the budget and return on risk would count the credit as income',
            i.structure === 'vix-call-diagonal'
              ? fix
              : "choose a strike at or below SPX's forward (policy.overlayStrike), or another overlay structure",
          )
        : undefined;
  if (none !== undefined && !i.zeroWhenNoExposure) throw none;
  const units = none === undefined ? Math.max(0, Math.round(target / unitVega)) : 0;
  return {
    ...(none === undefined ? {} : { noSolution: `${none.problem}; ${none.fix}` }),
    structure: i.structure,
    unitLegs,
    legs: units > 0 ? scaleLegs(unitLegs, units) : [],
    targetVega: target,
    unitVega,
    unitCost,
    unitTheta,
    units,
    cost: units * unitCost,
    vega: units * unitVega,
    theta: units * unitTheta,
    vegaUnit,
  };
}

/**
 * Why a sized overlay holds no unit though its target is above 0: one unit's exposure is over twice
 * the target, so round(target / unit) is 0 and the layer leaves the condor's vega unhedged. `fix`
 * names what the caller can change; undefined when the overlay holds units (or has no solution,
 * which says its own why).
 */
export function overlayRoundsToNone(o: OverlaySizing, fix: string): string | undefined {
  if (o.noSolution !== undefined || o.units !== 0 || !(o.targetVega > 0)) return undefined;
  return `The overlay's vega target (${fmt(o.targetVega, 2)} ${o.vegaUnit}) is under half of one ${o.structure} unit's (${fmt(o.unitVega, 2)}): it rounds to no units, and the calendar layer leaves the condor's vega unhedged. ${fix}`;
}
