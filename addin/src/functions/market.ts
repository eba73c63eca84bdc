/**
 * The VIX futures market in cells: ALVH.VXEXPIRY, ALVH.TAILEXPIRY, ALVH.CURVE, ALVH.STRESSFUTURE and
 * ALVH.REBALANCE read a VX curve from a range and call the market and method modules; ALVH.VIXVOL
 * reads the VIX-option surface the plan marks VIX options on.
 */
import {
  checkVxFloor,
  CALENDAR_LAST_YEAR,
  calendarDay,
  checkListedStrike,
  checkRebalance,
  checkVxPrice,
  futureForExpiry,
  invalidInput,
  isoToExcelSerial,
  MAX_MARK_VOL,
  resolvePolicy,
  selectTailExpiry,
  daysBetween,
  excelSerialToIso,
  fitQuality,
  stressedFuture,
  stressedVix,
  vixOptionVolFromVvix,
  notVxSettlement,
  parseIsoDate,
  toIsoDate,
  vxSettlementAfter,
  vxExpiriesThrough,
  vxExpiry,
} from '@alvh/shared';
import { dateArg, isOmitted, plainNumberArg, withDecimalCommaReading, withHeaders } from './args';
import { checkHeldThroughDrawdown, checkStressVix, policyArg, stressVixArg, vixOptionYears, vvixArg } from './bounds';
import { excelCall } from './excelErrors';
import { labelled, opt, type LabelledRow } from './format';
import { curveOf, LAST, TODAY } from './curveArgs';

/**
 * The first contract month today's settlement rule dates: the 2004-2005 contracts settled under
 * CFE's first rule (the July 2004 contract ended on 2004-07-13, not the 2004-07-21 the rule gives;
 * docs/market.md), so a date for them would be a week off.
 */
const FIRST_RULE_UNTIL = '2005-12-01';

/**
 * The VX futures and VIX options expiry of a contract month.
 * @customfunction VXEXPIRY VXEXPIRY
 * @helpurl https://localhost:3000/help.html#VXEXPIRY
 * @param contractMonth Any date in the contract month (an Excel date), 2005-12 to 2040-11: earlier contracts settled under CFE's first rule, about a week before today's rule.
 * @returns The expiry as an Excel date serial, e.g. 44635 (format the cell as a date to read 2022-03-15).
 */
export function vxexpiry(contractMonth: unknown): number {
  return excelCall(
    () => {
      const iso = dateArg('contractMonth', contractMonth);
      if (iso < FIRST_RULE_UNTIL)
        throw invalidInput(
          'contractMonth',
          `is ${iso}, before 2005-12: VX contracts until then settled under CFE's first rule, about a week before the date today's rule gives`,
          'pass a month from 2005-12 to 2040-11',
        );
      calendarDay('contractMonth', iso);
      return isoToExcelSerial(vxExpiry(Number(iso.slice(0, 4)), Number(iso.slice(5, 7))));
    },
    { year: 'contractMonth', month: 'contractMonth', date: 'contractMonth' },
  );
}

/**
 * The VX and VIX option expiry the plan's tail calls take on a day (method section 6): the one 45-60 days out, else the one nearest 52 (ties: the later). ALVH.STRESSFUTURE's expiry; not VXEXPIRY(date+52), the expiry of that month.
 * @customfunction TAILEXPIRY TAILEXPIRY
 * @helpurl https://localhost:3000/help.html#TAILEXPIRY
 * @param valuationDate The day of the prices (an Excel date).
 * @param [tailDteMin] The window's first day, whole days from 1 to 365; default the policy's 45.
 * @param [tailDteMax] The window's last day, whole days from 1 to 365; default the policy's 60.
 * @param [tailDteTarget] The days the tail aims at, whole, from tailDteMin to tailDteMax; default the policy's 52.
 * @returns The expiry as an Excel date serial, e.g. 44398 for 2021-06-10 (format the cell as a date to read 2021-07-21): the plan's tail expiry when the futures given reach it.
 */
export function tailexpiry(
  valuationDate: unknown,
  tailDteMin?: unknown,
  tailDteMax?: unknown,
  tailDteTarget?: unknown,
): number {
  return excelCall(
    () => {
      const policy = resolvePolicy({
        ...opt('tailDteMin', policyArg('tailDteMin', 'tailDteMin', tailDteMin, 'days')),
        ...opt('tailDteMax', policyArg('tailDteMax', 'tailDteMax', tailDteMax, 'days')),
        ...opt('tailDteTarget', policyArg('tailDteTarget', 'tailDteTarget', tailDteTarget, 'days')),
      });
      const iso = dateArg('valuationDate', valuationDate);
      return isoToExcelSerial(planTailExpiry(iso, policy.tailDteMin, policy.tailDteMax, policy.tailDteTarget));
    },
    {
      date: 'valuationDate',
      'policy.tailDteMin': 'tailDteMin',
      'policy.tailDteMax': 'tailDteMax',
      'policy.tailDteTarget': 'tailDteTarget',
    },
  );
}

/**
 * The tail expiry of `iso` as the plan picks it (selectTailExpiry) from every monthly VX expiry it
 * may take: monthly expiries are at most 35 days apart, so those through `max` + 40 days hold the
 * window's and, when the window holds none, the nearest on either side of it. Refused where they
 * include a contract of CFE's first rule, or the calendar ends before the window's far side.
 */
function planTailExpiry(iso: string, min: number, max: number, target: number): string {
  calendarDay('valuationDate', iso);
  const end = Math.min(isoToExcelSerial(iso) + max + 40, isoToExcelSerial(`${CALENDAR_LAST_YEAR}-12-31`));
  const candidates = vxExpiriesThrough(iso, excelSerialToIso('valuationDate', end));
  const first = candidates[0];
  if (first !== undefined && first < FIRST_RULE_UNTIL)
    throw invalidInput(
      'valuationDate',
      `is ${iso}: the VX contracts after it include ones that settled under CFE's first rule, about a week before today's rule`,
      // strictly after the 2005-11 date today's rule gives, the first candidate is the 2005-12 contract
      `pass a date from ${vxExpiry(2005, 11)}`,
    );
  if (!candidates.some((e) => daysBetween(iso, e) > max))
    throw invalidInput(
      'valuationDate',
      `is ${iso}: the VX expiries end with the ${CALENDAR_LAST_YEAR}-11 contract, too soon to see past its tail window (${min}-${max} days out)`,
      'pass an earlier date',
    );
  return selectTailExpiry(iso, candidates, min, max, target);
}

/**
 * The implied vol of a VIX call or put on the VIX-option surface of a VVIX level: the plan's mark (its tail call today; in the drawdown at the stressed VVIX, years left and stressed future), for ALVH.TAILSIZE's volOfVol and stressVolOfVol.
 * @customfunction VIXVOL VIXVOL
 * @helpurl https://localhost:3000/help.html#VIXVOL
 * @param vvix VVIX index level, points from 20 to 400 (113.74, not 1.1374).
 * @param years Time to the option's expiry, years ACT/365: above 0, at most 2.
 * @param strike Strike, VIX points on the listed half-point grid (TAILSIZE's call: hedgeFuture × (1 + otmPct) rounded up to strikeStep, e.g. CEILING(F*1.025,1)).
 * @param future VX future of the option's expiry, index points, 5 to 500.
 * @returns The vol as a decimal (Black-76 on the future), e.g. 1.044 (VVIX 120, 51 days, the 24 call on a 23.325 future): the surface of that VVIX at years and ln(strike/future); above 5 (500%) refused, as the plan refuses to mark at it.
 */
export function vixvol(vvix: unknown, years: unknown, strike: unknown, future: unknown): number {
  return excelCall(() => {
    const level = vvixArg('vvix', vvix);
    const t = vixOptionYears('years', years, 'the option');
    // a price typed "23,325" reads as 23325: its refusal offers the decimal reading first
    const [k, f] = withDecimalCommaReading({ strike, future }, () => {
      const at = plainNumberArg('strike', strike);
      checkVxPrice('strike', at, '25');
      checkListedStrike('strike', 'vix', at);
      return [at, checkVxFloor('future', checkVxPrice('future', plainNumberArg('future', future)))] as const;
    });
    return markableVol(vixOptionVolFromVvix(level, t, k, f), level, t, k, f);
  });
}

/**
 * A VIX-option vol the plan would mark at: above `MAX_MARK_VOL` (500%, a strike far from the future
 * days from expiry at a VVIX in the hundreds) the plan refuses the mark, and so TAILSIZE the vol;
 * refused naming the strike, as CONDOR names a strike where the surface's vol is past it.
 */
function markableVol(vol: number, vvix: number, years: number, strike: number, future: number): number {
  if (!(vol > MAX_MARK_VOL)) return vol;
  const days = Number((years * 365).toPrecision(3));
  throw invalidInput(
    'strike',
    `is ${strike}, where the VIX-option surface's vol is ${Math.round(vol * 100)}% at ${days} day${days === 1 ? '' : 's'} (VVIX ${vvix}, future ${future}), beyond the ${MAX_MARK_VOL * 100}% an option is marked at`,
    'pass a strike nearer the future, a longer time, or a lower VVIX',
  );
}

/**
 * The VIX futures term structure of a day: front spread, regime, mean-reversion fit and the curve.
 * @customfunction CURVE CURVE
 * @helpurl https://localhost:3000/help.html#CURVE
 * @param valuationDate The day of the prices (an Excel date).
 * @param vixSpot VIX index level, points (5 to 300).
 * @param futures VX1, VX2, ... settlement prices in expiry order (a row or a column), points. Without expiries the first cell is VX1 (a blank first cell is an error).
 * @param [expiries] Their expiries as Excel dates, cell by cell beside the futures (as many cells; a place blank in both is skipped, a price without its expiry or the reverse is an error); default: the monthly VX expiries after valuationDate.
 * @returns Two columns, label and value, a row each: valuation date (text), VIX, F1, F2, spread F1 − F2 (points), contango (%), regime, kappa (per year), theta (points), fit rmse (points), fit, then each future with its expiry and days; last, a warning row for each fault of the fit: a poor fit, a future far off the curve the others fit (a stale or mistyped price?), κ or θ on its bound.
 */
export function curve(
  valuationDate: unknown,
  vixSpot: unknown,
  futures: unknown[][],
  expiries?: unknown[][],
): unknown[][] {
  return excelCall(() => {
    const ts = curveOf({ ...TODAY, vix: 'vixSpot', expiries: true }, valuationDate, vixSpot, futures, expiries);
    // the fit's warnings, the plan's words; a bound fixed by a policy field is a row of ALVH.PLAN here
    const warnings = fitQuality(ts).warnings.map((w) =>
      w.replace(/fix it with policy\.(kappa|theta)/, 'fix it with a $1 row of ALVH.PLAN'),
    );
    return labelled([
      ['valuation date', ts.valuationDate],
      ['VIX', ts.vixSpot],
      [`F1 (${ts.f1.expiry}, ${ts.f1.days} d)`, ts.f1.price],
      [`F2 (${ts.f2.expiry}, ${ts.f2.days} d)`, ts.f2.price],
      ['spread F1 − F2 (points)', ts.spread],
      ['contango (%)', ts.contangoPct],
      ['regime', ts.regime],
      ['kappa (per year)', ts.fit.kappa],
      ['theta (points)', ts.fit.theta],
      ['fit rmse (points)', ts.fit.rmse],
      ['fit', `${ts.fit.method}: ${ts.fit.note}`],
      ...ts.points.map((p, i): [string, number] => [`VX${i + 1} ${p.expiry} (${p.days} d)`, p.price]),
      ...warnings.map((w) => ['warning', w] as const),
    ]);
  });
}

const STRESSFUTURE_HEADERS = ['stressed future (points)', "today's future (points)", 'stressed VIX (points)'];

/**
 * The stressed VX future of an expiry in the method's drawdown (section 6), with today's future and the stressed VIX: the inputs of ALVH.TAILSIZE.
 * @customfunction STRESSFUTURE STRESSFUTURE
 * @helpurl https://localhost:3000/help.html#STRESSFUTURE
 * @param valuationDate The day of the prices (an Excel date).
 * @param vix VIX level, index points (5 to 300).
 * @param futures VX1, VX2, ... settlement prices in expiry order (a row or a column), points. Without expiries the first cell is VX1 (a blank first cell is an error).
 * @param expiry The hedge expiry (an Excel date), e.g. =ALVH.TAILEXPIRY(valuationDate) (the plan's), up to the last future given; between two futures it is priced on the fitted curve re-anchored to the futures either side.
 * @param [drawdown] SPX fall as a decimal, 0.01 to 0.9; default 0.2 (20%).
 * @param [drawdownDays] Calendar days the fall takes, whole, 0 to 60; default 10.
 * @param [stressVix] VIX in the drawdown, index points, from today's VIX (it rises as SPX falls) up to 300; default VIX + 1.5 per 1% of drawdown.
 * @param [expiries] The futures' expiries as Excel dates, cell by cell beside the futures (as many cells; a place blank in both is skipped, a price without its expiry or the reverse is an error); default: the monthly VX expiries after valuationDate.
 * @param [shockKappa] How fast a VIX shock fades along the curve, per year, 0.5 to 30 (the future moves by the shock × e^(−shockKappa·years left)); default the policy's 6.
 * @param [headers] TRUE adds a header row naming each column above the values; FALSE (default) gives the values alone.
 * @returns One row (two with headers): stressed future (points), today's future of the expiry (points), stressed VIX (points).
 */
export function stressfuture(
  valuationDate: unknown,
  vix: unknown,
  futures: unknown[][],
  expiry: unknown,
  drawdown?: unknown,
  drawdownDays?: unknown,
  stressVix?: unknown,
  expiries?: unknown[][],
  shockKappa?: unknown,
  headers?: unknown,
): unknown[][] {
  return excelCall(
    () => {
      const policy = resolvePolicy({
        ...opt('drawdown', policyArg('drawdown', 'drawdown', drawdown, '(a decimal: 0.2 is a 20% fall)')),
        ...opt('drawdownDays', policyArg('drawdownDays', 'drawdownDays', drawdownDays, 'calendar days')),
        ...opt('stressVix', stressVixArg(stressVix)),
        ...opt('shockKappa', policyArg('shockKappa', 'shockKappa', shockKappa, 'per year')),
      });
      const ts = curveOf({ ...TODAY, expiries: true }, valuationDate, vix, futures, expiries);
      const hedgeExpiry = dateArg('expiry', expiry);
      // A hedge that settles before the drawdown ends is not held through it: the stressed future
      // of its expiry would be a shock it never sees (TAILSIZE refuses the same case). One expiring
      // on the drawdown's last day is taken by both: it moves by the whole VIX shock (F + ΔVIX,
      // the curve's roll over the drawdown ignored, as the method says), so it is not the stressed
      // VIX unless today's future of that day equals today's VIX.
      checkHeldThroughDrawdown(
        ts.valuationDate,
        hedgeExpiry,
        policy.drawdownDays,
        "pass an expiry after the drawdown ends (the method's tail expires 45-60 days out)",
      );
      // The hedge is a VIX option: a day no VX future or VIX option settles on, monthly or weekly (the
      // SPX monthly Friday, 2022-01-21 for 2022-01-19), would be priced on the curve as a contract
      // that does not exist.
      const week = notVxSettlement(hedgeExpiry);
      if (week !== undefined) {
        // the day offered is one the drawdown's check takes: that week's, else the first after the drawdown
        const drawdownEnd = toIsoDate(parseIsoDate('valuationDate', ts.valuationDate) + policy.drawdownDays - 1);
        const offer = week > drawdownEnd ? week : vxSettlementAfter(drawdownEnd);
        throw invalidInput(
          'expiry',
          `is ${hedgeExpiry}, a day no VX future or VIX option settles on (that week's is ${week})`,
          `${offer === undefined ? '' : `pass ${offer}, or `}=ALVH.TAILEXPIRY(valuationDate) for the plan's tail expiry`,
        );
      }
      // The curve is not extrapolated past its last future (method Section 2): named as this
      // function's arguments, which hold that future.
      const last = ts.points[ts.points.length - 1]!;
      if (hedgeExpiry > last.expiry) {
        throw invalidInput(
          'expiry',
          `is ${hedgeExpiry}, after the last future given (${last.expiry}); the curve is not extrapolated`,
          `extend futures${isOmitted(expiries) ? '' : ' and expiries'} to the ${hedgeExpiry} future, or pass an expiry up to ${last.expiry}`,
        );
      }
      checkStressVix(policy.stressVix, ts.vixSpot);
      const sVix = stressedVix(ts.vixSpot, policy);
      return withHeaders(headers, STRESSFUTURE_HEADERS, [
        stressedFuture(ts, hedgeExpiry, sVix, policy.drawdownDays, policy.shockKappa),
        futureForExpiry(ts, hedgeExpiry),
        sVix,
      ]);
    },
    {
      'policy.drawdown': 'drawdown',
      'policy.stressVixPerPct': 'drawdown',
      'policy.drawdownDays': 'drawdownDays',
      'policy.stressVix': 'stressVix',
      'policy.shockKappa': 'shockKappa',
    },
  );
}

/**
 * Whether the hedges are due for a rebalance (method section 8): 7 calendar days since the last one, or a 15% shift of the VX curve.
 * @customfunction REBALANCE REBALANCE
 * @helpurl https://localhost:3000/help.html#REBALANCE
 * @param valuationDate Today (an Excel date).
 * @param vix Today's VIX, index points (5 to 300).
 * @param futures Today's VX1, VX2, ... settlement prices in expiry order (a row or a column), points; the first cell is VX1 (expiries: the monthly VX expiries after valuationDate).
 * @param lastDate The day of the last rebalance (an Excel date).
 * @param lastVix VIX on that day, index points (5 to 300).
 * @param lastFutures VX1, VX2, ... on that day (a row or a column), points; the first cell is VX1 (expiries: the monthly VX expiries after lastDate).
 * @returns Two columns, label and value: due (TRUE/FALSE), the reason, days since, the curve shift (decimal) and the change at each 30-150 day tenor (%).
 */
export function rebalance(
  valuationDate: unknown,
  vix: unknown,
  futures: unknown[][],
  lastDate: unknown,
  lastVix: unknown,
  lastFutures: unknown[][],
): unknown[][] {
  return excelCall(
    () => {
      const now = curveOf(TODAY, valuationDate, vix, futures, undefined);
      const then = curveOf(LAST, lastDate, lastVix, lastFutures, undefined);
      const r = checkRebalance(now, then);
      return labelled([
        ['due', r.due],
        ['reason', r.reason],
        ['days since the last rebalance', r.daysSince],
        ['curve shift (decimal)', r.shift ?? 'not computed: the curves share no 30-150 day tenor (see the reason)'],
        ...r.byTenor.map((t): LabelledRow => [
          `${t.days} days: ${t.then.toFixed(2)} → ${t.now.toFixed(2)} (%)`,
          t.change * 100,
        ]),
      ]);
    },
    // a curve too short to compare is the package's now/then.points: the range the user gave
    { 'lastRebalance.date': 'lastDate', 'then.points': 'lastFutures', 'now.points': 'futures' },
  );
}
