/**
 * The ALVH custom functions. Each one reads its Excel arguments, calls the sizing package
 * (@alvh/shared) and shapes the answer for cells; no maths happens here. Errors go through
 * {@link excelCall}: #VALUE! with "argument: problem; fix", #NUM! where the maths has no answer,
 * #N/A where a series is too short.
 *
 * Units: prices in index points, volatility and rates as decimals (0.18, 0.05), time in years
 * ACT/365, dates as Excel dates. Greeks follow the pricing core: vega per vol point (0.01), theta
 * per calendar day, rho per 1% (0.01).
 */
import {
  bsGreeks,
  bsPrice,
  black76Greeks,
  black76Price,
  buildTermStructure,
  classifyRegime,
  computeSplit,
  insufficientData,
  invalidInput,
  isoToExcelSerial,
  macd as macdSeries,
  rsi as rsiSeries,
  sizeTailHedge,
  vxExpiriesAfter,
  vxExpiry,
  type Greeks,
} from '@alvh/shared';
import { booleanArg, choiceArg, dateArg, isMissing, numberArg, optionalNumber, optionTypeArg, seriesArg } from './args';
import { excelCall } from './excelErrors';
import { labelled, opt } from './format';

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
  type: string,
  spot: number,
  strike: number,
  years: number,
  vol: number,
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
  type: string,
  future: number,
  strike: number,
  years: number,
  vol: number,
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
 * The VX futures and VIX options expiry of a contract month.
 * @customfunction VXEXPIRY VXEXPIRY
 * @param contractMonth Any date in the contract month (an Excel date).
 * @returns The expiry as an Excel date (format the cell as a date).
 */
export function vxexpiry(contractMonth: number): number {
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
  vx1: number,
  vx2: number,
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
  valuationDate: number,
  vixSpot: number,
  futures: unknown[][],
  expiries?: unknown[][],
): unknown[][] {
  return excelCall(() => {
    const date = dateArg('valuationDate', valuationDate);
    const prices = seriesArg('futures', futures);
    const dates = isMissing(expiries)
      ? vxExpiriesAfter(date, prices.length)
      : seriesArg('expiries', expiries).map((serial, i) => dateArg(`expiries[${i + 1}]`, serial));
    if (dates.length !== prices.length) {
      throw invalidInput(
        'expiries',
        `has ${dates.length} dates for ${prices.length} prices`,
        'give one expiry per future',
      );
    }
    const ts = buildTermStructure({
      valuationDate: date,
      vixSpot: numberArg('vixSpot', vixSpot),
      futures: prices.map((price, i) => ({ expiry: dates[i] as string, price })),
    });
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
  condorLoss: number,
  hedgeFuture: number,
  hedgeYears: number,
  volOfVol: number,
  stressedFuture: number,
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
