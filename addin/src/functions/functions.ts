/**
 * The ALVH custom functions. Each one reads its Excel arguments, calls the sizing package
 * (@alvh/shared) and shapes the answer for cells; no maths happens here. Errors go through
 * {@link excelCall}: #VALUE! with "argument: problem; fix", #NUM! where the maths has no answer,
 * #N/A where a series is too short.
 *
 * Every argument is declared `unknown` (type "any" in the metadata), so that Excel hands over an
 * empty cell as empty instead of coercing it to 0: an empty required argument is an error that
 * names it, never a silent zero, and an empty optional one means its default.
 *
 * Units: prices in index points, volatility and rates as decimals (0.18, 0.05), time in years
 * ACT/365, dates as Excel dates. Greeks follow the pricing core: vega per vol point (0.01), theta
 * per calendar day, rho per 1% (0.01).
 */
import {
  AlvhError,
  bsGreeks,
  bsImpliedVol,
  bsPrice,
  black76Greeks,
  black76ImpliedVol,
  black76Price,
  buildTermStructure,
  checkInteger,
  checkRebalance,
  classifyRegime,
  computeSplit,
  plan as buildPlan,
  POLICY_FIELDS,
  condorAnalytics,
  drawdownState,
  futureForExpiry,
  insufficientData,
  invalidInput,
  isAlvhError,
  isoToExcelSerial,
  macd as macdSeries,
  resolvePolicy,
  rsi as rsiSeries,
  scenarioLoss,
  sizeOverlay,
  sizeTailHedge,
  stressedFuture,
  stressedVix,
  vxExpiriesAfter,
  vxExpiry,
  type CondorAnalytics,
  type Greeks,
  type Leg,
  type MarketState,
  type Plan,
  type PlanInput,
  type Policy,
  type TermStructure,
} from '@alvh/shared';
import { FIELD_NAMES, normalizeKey, type FieldName } from '../taskpane/fields';
import { issueTarget, planInputFromForm } from '../taskpane/planInput';
import { presentPlan } from '../taskpane/present';
import { readKeyValueRange, type SelectionValues } from '../taskpane/selection';
import {
  booleanArg,
  choiceArg,
  dateArg,
  dateSeriesArg,
  isMissing,
  keyValueArg,
  numberArg,
  optionalNumber,
  optionTypeArg,
  seriesArg,
} from './args';
import { excelCall, type FieldNames } from './excelErrors';
import { labelled, opt, type LabelledRow } from './format';

const OUTPUTS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const satisfies readonly (keyof Greeks)[];

/**
 * Black-Scholes-Merton value or Greek of a European option (SPX options).
 * @customfunction BS BS
 * @param type "call" or "put" (also "c" or "p").
 * @param spot Underlying price, index points.
 * @param strike Strike, index points.
 * @param years Time to expiry in years ACT/365 (days/365); 0 gives intrinsic value.
 * @param vol Implied volatility as a decimal (0.18 for 18%).
 * @param [rate] Risk-free rate, continuously compounded decimal (0.05); default 0.
 * @param [divYield] Dividend yield, continuously compounded decimal (0.015); default 0.
 * @param [output] "price" (default), "delta" (per point), "gamma" (per point), "vega" (per vol point), "theta" (per calendar day) or "rho" (per 1%).
 * @returns The option value in index points, or the chosen Greek.
 */
export function bs(
  type: unknown,
  spot: unknown,
  strike: unknown,
  years: unknown,
  vol: unknown,
  rate?: unknown,
  divYield?: unknown,
  output?: unknown,
): number {
  return excelCall(() => {
    const input = {
      type: optionTypeArg('type', type),
      spot: numberArg('spot', spot),
      strike: numberArg('strike', strike),
      years: numberArg('years', years),
      vol: numberArg('vol', vol),
      rate: optionalNumber('rate', rate) ?? 0,
      divYield: optionalNumber('divYield', divYield) ?? 0,
    };
    const out = choiceArg('output', output, OUTPUTS);
    return out === 'price' ? bsPrice(input) : bsGreeks(input)[out];
  });
}

/**
 * Black-76 value or Greek of a European option on a future (VIX options on the VX future).
 * @customfunction BLACK76 BLACK76
 * @param type "call" or "put" (also "c" or "p").
 * @param future Futures price, index points.
 * @param strike Strike, index points.
 * @param years Time to expiry in years ACT/365 (days/365); 0 gives intrinsic value.
 * @param vol Implied volatility of the future as a decimal (1.2 for 120%).
 * @param [rate] Risk-free rate, continuously compounded decimal (0.05); default 0.
 * @param [output] "price" (default), "delta" (per point of the future), "gamma", "vega" (per vol point), "theta" (per calendar day) or "rho" (per 1%).
 * @returns The option value in index points, or the chosen Greek.
 */
export function black76(
  type: unknown,
  future: unknown,
  strike: unknown,
  years: unknown,
  vol: unknown,
  rate?: unknown,
  output?: unknown,
): number {
  return excelCall(() => {
    const input = {
      type: optionTypeArg('type', type),
      future: numberArg('future', future),
      strike: numberArg('strike', strike),
      years: numberArg('years', years),
      vol: numberArg('vol', vol),
      rate: optionalNumber('rate', rate) ?? 0,
    };
    const out = choiceArg('output', output, OUTPUTS);
    return out === 'price' ? black76Price(input) : black76Greeks(input)[out];
  });
}

/**
 * Implied volatility of a European option from its price, Black-Scholes-Merton or Black-76.
 * @customfunction IV IV
 * @param type "call" or "put" (also "c" or "p").
 * @param price Option price, index points.
 * @param underlying Spot (model "bs") or futures price (model "black76"), index points.
 * @param strike Strike, index points.
 * @param years Time to expiry in years ACT/365 (days/365), greater than 0.
 * @param [rate] Risk-free rate, continuously compounded decimal (0.05); default 0.
 * @param [divYield] Dividend yield, continuously compounded decimal; default 0 (model "bs" only).
 * @param [model] "bs" (default) or "black76".
 * @returns Implied volatility as a decimal (0.18 for 18%); #NUM! when no volatility gives the price.
 */
export function iv(
  type: unknown,
  price: unknown,
  underlying: unknown,
  strike: unknown,
  years: unknown,
  rate?: unknown,
  divYield?: unknown,
  model?: unknown,
): number {
  return excelCall(
    () => {
      const common = {
        type: optionTypeArg('type', type),
        price: numberArg('price', price),
        strike: numberArg('strike', strike),
        years: numberArg('years', years),
        rate: optionalNumber('rate', rate) ?? 0,
      };
      const q = optionalNumber('divYield', divYield);
      if (choiceArg('model', model, ['bs', 'black76']) === 'bs') {
        return bsImpliedVol({ ...common, spot: numberArg('underlying', underlying), divYield: q ?? 0 });
      }
      if (q !== undefined && q !== 0) {
        throw invalidInput(
          'divYield',
          'does not apply to model "black76"',
          'leave divYield empty for options on futures',
        );
      }
      return black76ImpliedVol({ ...common, future: numberArg('underlying', underlying) });
    },
    { spot: 'underlying', future: 'underlying' },
  );
}

/**
 * The VX futures and VIX options expiry of a contract month.
 * @customfunction VXEXPIRY VXEXPIRY
 * @param contractMonth Any date in the contract month (an Excel date).
 * @returns The expiry as an Excel date (format the cell as a date).
 */
export function vxexpiry(contractMonth: unknown): number {
  return excelCall(
    () => {
      const iso = dateArg('contractMonth', contractMonth);
      return isoToExcelSerial(vxExpiry(Number(iso.slice(0, 4)), Number(iso.slice(5, 7))));
    },
    { year: 'contractMonth', month: 'contractMonth', date: 'contractMonth' },
  );
}

/**
 * The split of the hedge budget between the calendar overlay and the tail VIX calls (method section 4).
 * @customfunction SPLIT SPLIT
 * @param vx1 Front VX future (F1), index points.
 * @param vx2 Second VX future (F2), index points.
 * @param [rsi] SPX RSI(14), 0-100; empty = no RSI signal.
 * @param [prevSpread] F1 − F2 at the last rebalance, points; empty = no flattening signal.
 * @param [macdHist] MACD histogram of the VVIX/VIX ratio (ALVH.MACD's third column, ratio per bar); above 0 = vol-of-vol expanding; empty = no signal.
 * @param [adSlope] Least-squares slope of the advance/decline line, issues per bar; below 0 = breadth deteriorating; empty = no signal.
 * @returns One row: calendar share, tail share (decimals that sum to 1).
 */
export function split(
  vx1: unknown,
  vx2: unknown,
  rsi?: unknown,
  prevSpread?: unknown,
  macdHist?: unknown,
  adSlope?: unknown,
): number[][] {
  return excelCall(() => {
    const f1 = numberArg('vx1', vx1);
    const f2 = numberArg('vx2', vx2);
    if (f1 <= 0) throw invalidInput('vx1', `is ${f1}`, 'pass the front VX future, a price above 0');
    if (f2 <= 0) throw invalidInput('vx2', `is ${f2}`, 'pass the second VX future, a price above 0');
    const spread = f1 - f2;
    const hist = optionalNumber('macdHist', macdHist);
    const slope = optionalNumber('adSlope', adSlope);
    const s = computeSplit({
      spread,
      regime: classifyRegime(spread),
      ...opt('rsi', optionalNumber('rsi', rsi)),
      ...opt('prevSpread', optionalNumber('prevSpread', prevSpread)),
      ...opt('volOfVolExpanding', hist === undefined ? undefined : hist > 0),
      ...opt('breadthDeteriorating', slope === undefined ? undefined : slope < 0),
    });
    return [[s.calendarShare, s.tailShare]];
  });
}

/**
 * The VIX futures term structure of a day: front spread, regime, mean-reversion fit and the curve.
 * @customfunction CURVE CURVE
 * @param valuationDate The day of the prices (an Excel date).
 * @param vixSpot VIX index level, points.
 * @param futures VX1, VX2, ... settlement prices in expiry order (a row or a column), points.
 * @param [expiries] Their expiries as Excel dates (a range of the same length); default: the monthly VX expiries after valuationDate.
 * @returns Two columns, label and value: F1, F2, spread (points), contango (%), regime, kappa (per year), theta (points), fit, then each future.
 */
export function curve(
  valuationDate: unknown,
  vixSpot: unknown,
  futures: unknown[][],
  expiries?: unknown[][],
): unknown[][] {
  return excelCall(() => {
    const ts = curveOf({ ...TODAY, vix: 'vixSpot' }, valuationDate, vixSpot, futures, expiries);
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
    ]);
  });
}

/**
 * The tail VIX call hedge for a condor's drawdown loss (method section 6).
 * @customfunction TAILSIZE TAILSIZE
 * @param condorLoss Condor loss in the drawdown scenario, USD (positive).
 * @param hedgeFuture VX future of the hedge expiry, index points.
 * @param hedgeYears Time to the hedge expiry, years ACT/365.
 * @param volOfVol Implied volatility of the VIX calls as a decimal (VVIX/100, e.g. 1.1).
 * @param stressedFuture The VX future in the drawdown scenario, index points.
 * @param [coverage] Scenario gain to buy, in times the condor loss; default 1.8.
 * @param [otmPct] Strike above the future as a decimal; default 0.025.
 * @param [rate] Risk-free rate, continuously compounded decimal; default 0.
 * @param [horizonYears] Length of the drawdown, years; default 10/365.
 * @param [stressVolOfVol] Volatility of the VIX calls in the drawdown, decimal; default volOfVol.
 * @param [strikeStep] VIX strike grid, points; default 1.
 * @returns One row: contracts, strike (points), premium (points per option), gain per contract (USD).
 */
export function tailsize(
  condorLoss: unknown,
  hedgeFuture: unknown,
  hedgeYears: unknown,
  volOfVol: unknown,
  stressedFuture: unknown,
  coverage?: unknown,
  otmPct?: unknown,
  rate?: unknown,
  horizonYears?: unknown,
  stressVolOfVol?: unknown,
  strikeStep?: unknown,
): number[][] {
  return excelCall(() => {
    const t = sizeTailHedge({
      condorLoss: numberArg('condorLoss', condorLoss),
      hedgeFuture: numberArg('hedgeFuture', hedgeFuture),
      hedgeYears: numberArg('hedgeYears', hedgeYears),
      volOfVol: numberArg('volOfVol', volOfVol),
      stressedFuture: numberArg('stressedFuture', stressedFuture),
      ...opt('coverage', optionalNumber('coverage', coverage)),
      ...opt('otmPct', optionalNumber('otmPct', otmPct)),
      ...opt('rate', optionalNumber('rate', rate)),
      ...opt('horizonYears', optionalNumber('horizonYears', horizonYears)),
      ...opt('stressVolOfVol', optionalNumber('stressVolOfVol', stressVolOfVol)),
      ...opt('strikeStep', optionalNumber('strikeStep', strikeStep)),
    });
    return [[t.contracts, t.strike, t.premium, t.gainPerContract]];
  });
}

/**
 * Wilder's RSI of a series of closes (SPX daily closes, oldest first).
 * @customfunction RSI RSI
 * @param closes Closes, oldest first (a column or a row); needs period + 1 values.
 * @param [period] Look-back in bars; default 14.
 * @param [series] TRUE spills the whole RSI series (a column aligned to the last closes); FALSE (default) gives the latest value.
 * @returns RSI, 0-100.
 */
export function rsi(closes: unknown[][], period?: unknown, series?: unknown): number[][] {
  return excelCall(() => {
    const values = rsiSeries(seriesArg('closes', closes), optionalNumber('period', period) ?? 14);
    return spillOrLast(values, booleanArg('series', series, false));
  });
}

/**
 * MACD of a series (the VVIX/VIX ratio in the method), oldest first.
 * @customfunction MACD MACD
 * @param values Values, oldest first (a column or a row).
 * @param [fast] Fast EMA length in bars; default 12.
 * @param [slow] Slow EMA length in bars; default 26.
 * @param [signal] Signal EMA length in bars; default 9.
 * @param [series] TRUE spills every bar (rows aligned to the last values); FALSE (default) gives the latest.
 * @returns Row(s) of MACD, signal, histogram (histogram above 0 = vol-of-vol expanding).
 */
export function macd(
  values: unknown[][],
  fast?: unknown,
  slow?: unknown,
  signal?: unknown,
  series?: unknown,
): number[][] {
  return excelCall(() => {
    const m = macdSeries(
      seriesArg('values', values),
      optionalNumber('fast', fast) ?? 12,
      optionalNumber('slow', slow) ?? 26,
      optionalNumber('signal', signal) ?? 9,
    );
    const rows = m.macd.map((v, i) => [v, m.signal[i] as number, m.histogram[i] as number]);
    if (booleanArg('series', series, false)) return rows;
    const last = rows[rows.length - 1];
    if (last === undefined) throw insufficientData('values', 'is too short for MACD', 'pass more values');
    return [last];
  });
}

function spillOrLast(values: readonly number[], series: boolean): number[][] {
  if (series) return values.map((v) => [v]);
  const last = values[values.length - 1];
  if (last === undefined) throw insufficientData('closes', 'is too short for RSI', 'pass more closes');
  return [[last]];
}

// ---------------------------------------------------------------------------------------------
// The condor, its drawdown, the overlay, rebalancing and the whole plan

/** The condor's four strikes from a range of four cells, K1 < K2 < K3 < K4. */
function strikesArg(range: unknown): [number, number, number, number] {
  const s = seriesArg('strikes', range);
  if (s.length !== 4) {
    throw invalidInput(
      'strikes',
      `has ${s.length} values`,
      'select four strikes: long put, short put, short call, long call',
    );
  }
  return s as [number, number, number, number];
}

/** What the condor functions share: the condor on a day, marked at VIX/100 with the policy skew. */
function condorOf(
  valuationDate: unknown,
  spot: unknown,
  vix: unknown,
  expiry: unknown,
  strikes: unknown,
  quantity: unknown,
  credit: unknown,
  rate: unknown,
  divYield: unknown,
  policy: Policy,
): { analytics: CondorAnalytics; state: MarketState } {
  const date = dateArg('valuationDate', valuationDate);
  const state = spxState(date, spot, vixPointsArg(vix), rate, divYield, policy);
  const analytics = condorAnalytics({
    valuationDate: date,
    spot: state.spot,
    rate: state.rate,
    divYield: state.divYield,
    expiry: dateArg('expiry', expiry),
    strikes: strikesArg(strikes),
    quantity: optionalNumber('quantity', quantity) ?? 1,
    atmVol: state.vix / 100,
    skew: policy.skew,
    minShortStrikeSd: policy.minShortStrikeSd,
    ...opt('credit', optionalNumber('credit', credit)),
  });
  return { analytics, state };
}

/** The `vix` argument, in index points (a decimal such as 0.185 is the usual slip). */
function vixPointsArg(vix: unknown): number {
  const vixLevel = numberArg('vix', vix);
  if (vixLevel < 1) throw invalidInput('vix', `is ${vixLevel}`, 'pass VIX in index points: 18.5, not 0.185');
  return vixLevel;
}

/**
 * The market of an SPX-only book from the arguments `spot`, `rate` and `divYield` (rate and yield
 * default 0), with the policy's vol of vol and skew and no VX curve.
 */
function spxState(
  date: string,
  spot: unknown,
  vix: number,
  rate: unknown,
  divYield: unknown,
  policy: Policy,
): MarketState {
  return {
    date,
    spot: numberArg('spot', spot),
    vix,
    rate: optionalNumber('rate', rate) ?? 0,
    divYield: optionalNumber('divYield', divYield) ?? 0,
    volOfVol: policy.defaultVolOfVol,
    skew: policy.skew,
    futureFor: noVxCurve,
  };
}

/** SPX-only books never ask for a VX future; a VIX leg here would be a bug, said as such. */
function noVxCurve(expiry: string): number {
  throw invalidInput(
    'futures',
    `are needed to price a VIX option expiring ${expiry}`,
    'use ALVH.PLAN, which takes the VX curve',
  );
}

/** Field names of the condor analytics → the Excel arguments. */
const CONDOR_ARGS: FieldNames = {
  atmVol: 'vix',
  'condor.quantity': 'quantity',
  'condor.credit': 'credit',
  'condor.expiry': 'expiry',
  'condor.strikes': 'strikes',
  'state.date': 'valuationDate',
  'state.spot': 'spot',
  'state.vix': 'vix',
  'state.rate': 'rate',
  'state.divYield': 'divYield',
};

/**
 * Iron condor analytics (method section 1): credit, max profit and loss, break-evens, short-strike distances, probability of profit and dollar Greeks.
 * @customfunction CONDOR CONDOR
 * @param valuationDate The day (an Excel date).
 * @param spot SPX level, index points.
 * @param vix VIX level, index points; the ATM vol is VIX/100 and the legs follow the policy skew.
 * @param expiry The condor's expiry (an Excel date).
 * @param strikes Four strikes in a row or column, index points: long put, short put, short call, long call.
 * @param [quantity] Number of condors, whole contracts (multiplier 100); default 1.
 * @param [credit] Net credit per share, index points; default: priced at VIX/100 with the skew.
 * @param [rate] Risk-free rate, continuously compounded decimal; default 0.
 * @param [divYield] SPX dividend yield, continuously compounded decimal; default 0.
 * @returns Two columns, label and value: credit (points), max profit and max loss (USD), break-evens (points), short strikes in SD, passes the 1.5 SD check, probability of profit, return on risk, Greeks in USD.
 */
export function condor(
  valuationDate: unknown,
  spot: unknown,
  vix: unknown,
  expiry: unknown,
  strikes: unknown[][],
  quantity?: unknown,
  credit?: unknown,
  rate?: unknown,
  divYield?: unknown,
): unknown[][] {
  return excelCall(() => {
    const { analytics: c } = condorOf(
      valuationDate,
      spot,
      vix,
      expiry,
      strikes,
      quantity,
      credit,
      rate,
      divYield,
      resolvePolicy(),
    );
    return labelled([
      ['credit (points per share)', c.credit],
      ['credit source', c.creditSource],
      ['max profit (USD)', c.maxProfit],
      ['max loss (USD)', c.maxLoss],
      ['break-even low (points)', c.breakEvens.lower],
      ['break-even high (points)', c.breakEvens.upper],
      ['short put distance (SD)', c.zPut],
      ['short call distance (SD)', c.zCall],
      ['passes the SD check', c.passesSdCheck],
      ['probability of profit', c.probabilityOfProfit],
      ['return on risk (per year)', c.returnOnRisk],
      ['days to expiry', c.days],
      ['delta (USD per SPX point)', c.greeks.delta],
      ['gamma (USD per SPX point²)', c.greeks.gamma],
      ['vega (USD per vol point)', c.greeks.vega],
      ['theta (USD per day)', c.greeks.theta],
    ]);
  }, CONDOR_ARGS);
}

/**
 * The condor's loss in the method's drawdown (section 6): SPX falls by the drawdown over the drawdown days while VIX jumps; the condor is repriced there.
 * @customfunction CONDORLOSS CONDORLOSS
 * @param valuationDate The day (an Excel date).
 * @param spot SPX level, index points.
 * @param vix VIX level, index points.
 * @param expiry The condor's expiry (an Excel date).
 * @param strikes Four strikes in a row or column, index points: long put, short put, short call, long call.
 * @param [quantity] Number of condors, whole contracts (multiplier 100); default 1.
 * @param [credit] Net credit per share, index points; default: priced at VIX/100 with the skew (it caps the loss at the max loss).
 * @param [rate] Risk-free rate, continuously compounded decimal; default 0.
 * @param [divYield] SPX dividend yield, continuously compounded decimal; default 0.
 * @param [drawdown] SPX fall as a decimal; default 0.2 (20%).
 * @param [drawdownDays] Calendar days the fall takes; default 10.
 * @param [stressVix] VIX in the drawdown, index points; default VIX + 1.5 per 1% of drawdown.
 * @returns The loss in USD (0 up to the condor's max loss).
 */
export function condorloss(
  valuationDate: unknown,
  spot: unknown,
  vix: unknown,
  expiry: unknown,
  strikes: unknown[][],
  quantity?: unknown,
  credit?: unknown,
  rate?: unknown,
  divYield?: unknown,
  drawdown?: unknown,
  drawdownDays?: unknown,
  stressVix?: unknown,
): number {
  return excelCall(
    () => {
      const policy = resolvePolicy({
        ...opt('drawdown', optionalNumber('drawdown', drawdown)),
        ...opt('drawdownDays', optionalNumber('drawdownDays', drawdownDays)),
        ...opt('stressVix', optionalNumber('stressVix', stressVix)),
      });
      const { analytics, state } = condorOf(
        valuationDate,
        spot,
        vix,
        expiry,
        strikes,
        quantity,
        credit,
        rate,
        divYield,
        policy,
      );
      const stressed = drawdownState(state, noVxCurve, policy, stressedVix(state.vix, policy), policy.defaultVolOfVol);
      return scenarioLoss(analytics.legs, state, stressed, analytics.maxLoss);
    },
    {
      ...CONDOR_ARGS,
      'policy.drawdown': 'drawdown',
      'policy.drawdownDays': 'drawdownDays',
      'policy.stressVix': 'stressVix',
    },
  );
}

/**
 * The stressed VX future of an expiry in the method's drawdown (section 6), with today's future and the stressed VIX: the inputs of ALVH.TAILSIZE.
 * @customfunction STRESSFUTURE STRESSFUTURE
 * @param valuationDate The day of the prices (an Excel date).
 * @param vix VIX level, index points.
 * @param futures VX1, VX2, ... settlement prices in expiry order (a row or a column), points.
 * @param expiry The hedge expiry (an Excel date), e.g. =ALVH.VXEXPIRY(date + 45); unlisted expiries are priced from the fitted curve.
 * @param [drawdown] SPX fall as a decimal; default 0.2 (20%).
 * @param [drawdownDays] Calendar days the fall takes; default 10.
 * @param [stressVix] VIX in the drawdown, index points; default VIX + 1.5 per 1% of drawdown.
 * @param [expiries] The futures' expiries as Excel dates (same length); default: the monthly VX expiries after valuationDate.
 * @param [shockKappa] How fast a VIX shock fades along the curve, per year (the future moves by the shock × e^(−shockKappa·years left)); default the policy's 6.
 * @returns One row: stressed future (points), today's future of the expiry (points), stressed VIX (points).
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
): number[][] {
  return excelCall(
    () => {
      const policy = resolvePolicy({
        ...opt('drawdown', optionalNumber('drawdown', drawdown)),
        ...opt('drawdownDays', optionalNumber('drawdownDays', drawdownDays)),
        ...opt('stressVix', optionalNumber('stressVix', stressVix)),
        ...opt('shockKappa', optionalNumber('shockKappa', shockKappa)),
      });
      const ts = curveOf(TODAY, valuationDate, vix, futures, expiries);
      const hedgeExpiry = dateArg('expiry', expiry);
      const sVix = stressedVix(ts.vixSpot, policy);
      return [
        [
          stressedFuture(ts, hedgeExpiry, sVix, policy.drawdownDays, policy.shockKappa),
          futureForExpiry(ts, hedgeExpiry),
          sVix,
        ],
      ];
    },
    {
      'policy.drawdown': 'drawdown',
      'policy.drawdownDays': 'drawdownDays',
      'policy.stressVix': 'stressVix',
      'policy.shockKappa': 'shockKappa',
    },
  );
}

/**
 * The calendar overlay (method section 5): units of an SPX put calendar (or long put) whose vega offsets a share of the condor's vega.
 * @customfunction OVERLAY OVERLAY
 * @param valuationDate The day (an Excel date).
 * @param spot SPX level, index points.
 * @param vix VIX level, index points; options are marked at VIX/100 with the policy skew.
 * @param condorExpiry The condor's expiry (an Excel date): the calendar's front leg.
 * @param strike Strike of the calendar, index points (the method uses the condor's short put).
 * @param condorVega The condor's net vega, USD per vol point (ALVH.CONDOR's vega row, negative for a short condor).
 * @param [vegaMatch] Share of |condor vega| to offset, decimal 0.4-0.6; default 0.5 (0.6 when RSI widening fires).
 * @param [structure] "spx-put-calendar" (default) or "spx-long-put".
 * @param [backDays] Calendar days from the condor expiry to the back put; default 30.
 * @param [rate] Risk-free rate, continuously compounded decimal; default 0.
 * @param [divYield] SPX dividend yield, continuously compounded decimal; default 0.
 * @returns Two columns, label and value: units, target and unit vega (USD per vol point), unit cost and cost (USD), vega and theta (USD per day) of the overlay, and its legs.
 */
export function overlay(
  valuationDate: unknown,
  spot: unknown,
  vix: unknown,
  condorExpiry: unknown,
  strike: unknown,
  condorVega: unknown,
  vegaMatch?: unknown,
  structure?: unknown,
  backDays?: unknown,
  rate?: unknown,
  divYield?: unknown,
): unknown[][] {
  return excelCall(
    () => {
      const policy = resolvePolicy();
      const vixLevel = vixPointsArg(vix);
      const kind = choiceArg('structure', structure, ['spx-put-calendar', 'spx-long-put']);
      const o = sizeOverlay({
        structure: kind,
        condorVega: numberArg('condorVega', condorVega),
        vegaMatch: optionalNumber('vegaMatch', vegaMatch) ?? policy.vegaMatch,
        condorExpiry: dateArg('condorExpiry', condorExpiry),
        strike: numberArg('strike', strike),
        backDays: checkInteger('backDays', optionalNumber('backDays', backDays) ?? policy.overlayBackDays, 1),
        state: spxState(dateArg('valuationDate', valuationDate), spot, vixLevel, rate, divYield, policy),
      });
      return labelled([
        ['structure', o.structure],
        ['units', o.units],
        ['target vega (USD per vol point)', o.targetVega],
        ['unit vega (USD per vol point)', o.unitVega],
        ['unit cost (USD)', o.unitCost],
        ['cost (USD)', o.cost],
        ['vega (USD per vol point)', o.vega],
        ['theta (USD per day)', o.theta],
        ...o.legs.map((l, i): LabelledRow => [`leg ${i + 1}`, legText(l)]),
      ]);
    },
    {
      'overlay.strike': 'strike',
      'state.date': 'valuationDate',
      'state.spot': 'spot',
      'state.vix': 'vix',
      'state.rate': 'rate',
      'state.divYield': 'divYield',
    },
  );
}

/** "+3 SPX 2024-03-15 4400 put" */
function legText(l: Leg): string {
  return `${l.quantity > 0 ? '+' : ''}${l.quantity} ${l.kind.toUpperCase()} ${l.expiry} ${l.strike} ${l.type}`;
}

/**
 * Whether the hedges are due for a rebalance (method section 8): 7 calendar days since the last one, or a 15% shift of the VX curve.
 * @customfunction REBALANCE REBALANCE
 * @param valuationDate Today (an Excel date).
 * @param vix Today's VIX, index points.
 * @param futures Today's VX1, VX2, ... settlement prices in expiry order (a row or a column), points.
 * @param lastDate The day of the last rebalance (an Excel date).
 * @param lastVix VIX on that day, index points.
 * @param lastFutures VX1, VX2, ... on that day (a row or a column), points.
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
        ['curve shift (decimal)', r.shift],
        ...r.byTenor.map((t): LabelledRow => [
          `${t.days} days: ${t.then.toFixed(2)} → ${t.now.toFixed(2)} (%)`,
          t.change * 100,
        ]),
      ]);
    },
    { 'lastRebalance.date': 'lastDate' },
  );
}

/** The Excel arguments that carry a curve. */
interface CurveArgs {
  date: string;
  vix: string;
  futures: string;
}

/**
 * A term structure from Excel arguments; the curve's errors name the argument and the cell
 * (`futures[3]` is the third price, counted from 1 as in the sheet).
 */
function curveOf(names: CurveArgs, date: unknown, vix: unknown, futures: unknown, expiries: unknown): TermStructure {
  const iso = dateArg(names.date, date);
  const prices = seriesArg(names.futures, futures);
  const dates = isMissing(expiries) ? vxExpiriesAfter(iso, prices.length) : dateSeriesArg('expiries', expiries);
  if (dates.length !== prices.length) {
    throw invalidInput(
      'expiries',
      `has ${dates.length} dates for ${prices.length} prices`,
      'give one expiry per future',
    );
  }
  const vixSpot = numberArg(names.vix, vix);
  try {
    return buildTermStructure({
      valuationDate: iso,
      vixSpot,
      futures: prices.map((price, i) => ({ expiry: dates[i] as string, price })),
    });
  } catch (e) {
    if (!isAlvhError(e)) throw e;
    const cell = /^futures\[(\d+)\]\.(price|expiry)$/.exec(e.field);
    const field = cell
      ? `${cell[2] === 'price' ? names.futures : 'expiries'}[${Number(cell[1]) + 1}]`
      : e.field === 'vixSpot'
        ? names.vix
        : e.field === 'valuationDate'
          ? names.date
          : e.field.replace(/^futures/, names.futures);
    throw new AlvhError(e.code, field, e.problem, e.fix);
  }
}

const TODAY: CurveArgs = { date: 'valuationDate', vix: 'vix', futures: 'futures' };
const LAST: CurveArgs = { date: 'lastDate', vix: 'lastVix', futures: 'lastFutures' };

/** Signal keys ALVH.PLAN reads besides the taskpane's fields (compared as the taskpane compares keys). */
const SIGNAL_KEYS: ReadonlyMap<string, 'rsi' | 'prevSpread' | 'macdHist' | 'adSlope'> = new Map([
  ['rsi', 'rsi'],
  ['prevspread', 'prevSpread'],
  ['macdhist', 'macdHist'],
  ['adslope', 'adSlope'],
]);

/**
 * The last rebalance, from the names `lastDate`, `lastVix` and `lastVX1`…`lastVXn` (the futures'
 * expiries are the monthly VX expiries after lastDate); undefined when no such name is given.
 */
function lastRebalanceOf(rows: readonly [string, unknown][]): Record<string, unknown> | undefined {
  if (rows.length === 0) return undefined;
  const byKey = new Map(rows.map(([k, v]) => [normalizeKey(k), [k, v] as const]));
  const dateRow = byKey.get('lastdate');
  const vixRow = byKey.get('lastvix');
  if (!dateRow)
    throw invalidInput('inputs lastDate', 'is missing', 'add a lastDate row with the date of the last rebalance');
  if (!vixRow) throw invalidInput('inputs lastVix', 'is missing', 'add a lastVix row with VIX on that day');
  const date = dateArg(`inputs ${dateRow[0]}`, dateRow[1]);
  const numbered = rows
    .map(([k, v]) => ({ n: /^lastvx(\d{1,2})$/.exec(normalizeKey(k))?.[1], k, v }))
    .filter((r) => r.n !== undefined)
    .map((r) => ({ n: Number(r.n), price: numberArg(`inputs ${r.k}`, r.v) }))
    .sort((a, b) => a.n - b.n);
  const expiries = vxExpiriesAfter(date, numbered[numbered.length - 1]?.n ?? 0);
  return {
    date,
    vix: numberArg(`inputs ${vixRow[0]}`, vixRow[1]),
    futures: numbered.map((f) => ({ expiry: expiries[f.n - 1] as string, price: f.price })),
  };
}

/** The key a plan input path comes from, for messages: `market.spx` → spx, `market.futures[1].price` → VX2. */
function planKey(path: string): string {
  const last = /^lastRebalance\.(date|vix|futures)(?:\[(\d+)\])?/.exec(path);
  if (last) {
    if (last[1] === 'futures') return last[2] === undefined ? 'lastVX1…lastVXn' : `lastVX${Number(last[2]) + 1}`;
    return last[1] === 'date' ? 'lastDate' : 'lastVix';
  }
  const target = issueTarget(path);
  switch (target.kind) {
    case 'field':
      return target.name;
    case 'future':
      return `VX${target.row + 1}`;
    case 'futures':
      return 'VX1…VXn';
    case 'policy':
      return target.name;
    default:
      return path.startsWith('signals.') ? path.slice('signals.'.length) : path;
  }
}

/**
 * The whole ALVH plan (method sections 1-8) from a two-column range of names and values, explained line by line.
 * @customfunction PLAN PLAN
 * @param inputs Two columns, name then value: date, spx, vix, vvix, rate, divYield, VX1…VXn (points), expiry, k1…k4, quantity, credit, capital, budget (USD), optional rsi, prevSpread, macdHist, adSlope, lastDate, lastVix, lastVX1…, and any policy field (e.g. tailCoverage).
 * @returns Three columns: label, value, explanation; sections for the curve, condor, split, overlay, tail, scenario, costs and caps, rebalance, historical analogs, the audit trail and warnings.
 */
export function plan(inputs: unknown[][]): unknown[][] {
  return excelCall(() => {
    const rows = keyValueArg('inputs', inputs);
    const signals: Record<string, number> = {};
    const lastRows: [string, unknown][] = [];
    const rest: unknown[][] = [];
    for (const [key, value] of rows) {
      const k = typeof key === 'string' ? normalizeKey(key) : '';
      const signal = SIGNAL_KEYS.get(k);
      if (signal !== undefined) {
        if (!isMissing(value)) signals[signal] = numberArg(`inputs ${key}`, value);
      } else if (/^last(date|vix|vx\d{1,2})$/.test(k)) lastRows.push([key as string, value]);
      else rest.push([key, value]);
    }
    const lastRebalance = lastRebalanceOf(lastRows);
    let selection: SelectionValues;
    try {
      selection = readKeyValueRange(rest, POLICY_FIELDS);
    } catch (e) {
      if (isAlvhError(e)) throw new AlvhError(e.code, `inputs ${e.field}`, e.problem, e.fix);
      throw invalidInput('inputs', e instanceof Error ? e.message : String(e), 'check the names in the first column');
    }
    if (selection.unknownKeys.length > 0) {
      throw invalidInput(
        'inputs',
        `has unknown name${selection.unknownKeys.length > 1 ? 's' : ''} ${selection.unknownKeys.map((k) => JSON.stringify(k)).join(', ')}`,
        'see ALVH.PLAN help for the names (date, spx, vix, VX1…, k1…k4, capital, policy fields)',
      );
    }
    const fields = Object.fromEntries(FIELD_NAMES.map((f) => [f, selection.fields[f] ?? ''])) as Record<
      FieldName,
      string
    >;
    const raw: Record<string, unknown> = planInputFromForm({
      fields,
      futures: selection.futures ?? [],
      policy: selection.policy,
    });
    if (Object.keys(signals).length > 0) raw['signals'] = signals;
    if (lastRebalance !== undefined) raw['lastRebalance'] = lastRebalance;
    let result: Plan;
    try {
      result = buildPlan(raw as PlanInput);
    } catch (e) {
      if (isAlvhError(e)) throw new AlvhError(e.code, `inputs ${planKey(e.field)}`, e.problem, e.fix);
      throw e;
    }
    const view = presentPlan(result);
    const out: unknown[][] = [[`ALVH plan ${view.date}`, view.headline, '']];
    let section = '';
    for (const row of view.rows) {
      if (row.section !== section) {
        section = row.section;
        out.push([section, '', '']);
      }
      out.push([row.label, row.value, row.note]);
    }
    out.push(['Audit trail', '', '']);
    for (const a of view.audit) out.push([a.rule, a.effect, a.inputs]);
    out.push(['Warnings', view.warnings.length, '']);
    for (const w of view.warnings) out.push(['warning', w, '']);
    return out;
  });
}
