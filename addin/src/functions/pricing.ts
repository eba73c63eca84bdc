/**
 * Option pricing in cells: ALVH.BS, ALVH.BLACK76 and ALVH.IV call the pricing core of the sizing
 * package. Greeks follow it: vega per vol point (0.01), theta per calendar day, rho per 1% (0.01).
 * ALVH.BS and ALVH.BLACK76 take single cells or ranges in any argument (combined cell by cell as
 * in grid.ts; `output` is an axis of its own, see outputShape) and price a whole range in one call
 * through the batch kernels `bsGreeksBatch` and `black76GreeksBatch` (Black-76 as BSM with the
 * dividend yield equal to the rate, rho as −T·price); cells outside the kernel's domain (zero time or vol, or a bad value) go
 * through the single-option functions, which give the intrinsic value or the error, named by the
 * cell. A single cell is priced by the single-option functions too; a range's cells agree with
 * them to about 1e-15 relative.
 */
import {
  bsGreeks,
  bsImpliedVol,
  bsPrice,
  black76Greeks,
  black76ImpliedVol,
  black76Price,
  grouped,
  invalidInput,
  noSolution,
  batchOutput,
  bsGreeksBatch,
  black76GreeksBatch,
  type BatchInput,
  type Greeks,
} from '@alvh/shared';
import { choiceArg, isMissing, isOmitted, numberArg, optionalNumber, optionTypeArg, plainNumberArg } from './args';
import { checkYears } from './bounds';
import { excelCall } from './excelErrors';
import {
  broadcastShape,
  cellAt,
  cellName,
  checkResultSize,
  emptyInRange,
  gridArg,
  omitted,
  optionalGridArg,
  renamed,
  type GridArg,
} from './grid';

const OUTPUTS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const satisfies readonly (keyof Greeks)[];

/** Kernel domain (checkBatch's, with a standard deviation far from the single functions' intrinsic branch). */
function inKernelDomain(S: number, K: number, T: number, v: number, r: number, q: number): boolean {
  return (
    S >= 1e-8 &&
    S <= 1e12 &&
    K >= 1e-8 &&
    K <= 1e12 &&
    T > 0 &&
    T <= 100 &&
    v > 0 &&
    v <= 5 &&
    v * Math.sqrt(T) >= 1e-100 &&
    // as the single-cell check (checkRate): a magnitude of 1 or more is a percentage typed, never priced
    Math.abs(r) < 1 &&
    Math.abs(q) < 1
  );
}

/**
 * The longest time to expiry the pricing functions take: listed index options run to about 5 years
 * (LEAPS), OTC index options rarely past 10; a larger number is a count of days typed as years (14,
 * 21, 30 days typed as years priced a 30-day option at 20 times its value).
 */
const MAX_YEARS = 10;

/**
 * The most cells ALVH.BS and ALVH.BLACK76 price in one call: a chain of 10,000 strikes with its six
 * Greeks is 60,000; a whole column of strikes (1,048,576) took seconds.
 */
const MAX_CELLS = 100_000;

/** The highest volatility ALVH.BS and ALVH.BLACK76 take (the pricing core's checkVol): 5, i.e. 500%. */
const MAX_VOL = 5;

/**
 * The result's size: the data arguments combined cell by cell (grid.ts), and `output` as an axis of
 * its own. A row of outputs gives one column each, so the data must not also run across columns
 * (a row of strikes would pair each strike with another output: price at the first, delta at the
 * second); a column of outputs gives one row each, against data in a row or single cells.
 */
function outputShape(output: GridArg, data: readonly GridArg[]): { rows: number; cols: number } {
  const { rows, cols } = broadcastShape(data);
  const across = output.cols > 1 && cols > 1 ? data.find((a) => a.cols > 1) : undefined;
  const down = output.rows > 1 && rows > 1 ? data.find((a) => a.rows > 1) : undefined;
  const clash = across ?? down;
  if (clash !== undefined) {
    const names =
      output.rows === 1
        ? `a row of ${output.cols} names`
        : output.cols === 1
          ? `a column of ${output.rows} names`
          : `a ${output.rows}×${output.cols} range of names`;
    const range = `a ${clash.rows}×${clash.cols} range`;
    throw invalidInput(
      'output',
      across
        ? `is ${names} (one column each) and ${clash.name} is ${range} across the same columns`
        : `is ${names} (one row each) and ${clash.name} is ${range} down the same rows`,
      `pass ${clash.name} as a ${across ? 'column (one option per row)' : 'row (one option per column)'}, or one output`,
    );
  }
  return { rows: Math.max(rows, output.rows), cols: Math.max(cols, output.cols) };
}

interface PricingArgs {
  type: unknown;
  underlying: unknown;
  strike: unknown;
  years: unknown;
  vol: unknown;
  rate: unknown;
  divYield?: unknown;
  output: unknown;
}

/** The grid arguments that are levels (never percentages): "4000%" read as 40 would be priced as a strike. */
const LEVEL_ARGS: ReadonlySet<string> = new Set(['spot', 'future', 'strike']);

/**
 * The result's size from the ranges' dimensions, before a cell is read: at most {@link MAX_CELLS}.
 * An optional argument left out takes no part in it.
 */
function checkPricedCells(under: string, divYield: unknown, a: PricingArgs): void {
  const given = (x: unknown) => (isOmitted(x) ? null : x);
  checkResultSize(
    [
      { name: 'type', range: a.type },
      { name: under, range: a.underlying },
      { name: 'strike', range: a.strike },
      { name: 'years', range: a.years },
      { name: 'vol', range: a.vol },
      { name: 'rate', range: given(a.rate) },
      { name: 'divYield', range: given(divYield) },
      { name: 'output', range: given(a.output) },
    ],
    MAX_CELLS,
    `price at most ${grouped(MAX_CELLS)} cells in one call (a chain in parts)`,
  );
}

/**
 * Prices every cell of the combined arguments: BSM (`model` bs, underlying = spot) or Black-76
 * (underlying = future). One matrix, the shape of the combined ranges.
 */
function priceRanges(model: 'bs' | 'black76', a: PricingArgs): number[][] {
  const under = model === 'bs' ? 'spot' : 'future';
  checkPricedCells(under, model === 'bs' ? a.divYield : null, a);
  const g = {
    type: gridArg('type', a.type),
    under: gridArg(under, a.underlying),
    strike: gridArg('strike', a.strike),
    years: gridArg('years', a.years),
    vol: gridArg('vol', a.vol),
    rate: optionalGridArg('rate', a.rate),
    divYield: optionalGridArg('divYield', model === 'bs' ? a.divYield : undefined),
    output: optionalGridArg('output', a.output),
  };
  const { rows, cols } = outputShape(g.output, [g.type, g.under, g.strike, g.years, g.vol, g.rate, g.divYield]);
  const n = rows * cols;
  const input: BatchInput = {
    isCall: new Uint8Array(n),
    spot: new Float64Array(n),
    strike: new Float64Array(n),
    years: new Float64Array(n),
    vol: new Float64Array(n),
    rate: new Float64Array(n),
    divYield: new Float64Array(n),
  };
  const which = new Uint8Array(n);
  const cellOf = new Int32Array(n);
  const result: number[][] = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  // Cell names are built only for a message: the loop reads numbers and the usual texts directly.
  const num = (arg: GridArg, r: number, c: number): number => {
    const x = cellAt(arg, r, c);
    if (typeof x === 'number' && Number.isFinite(x)) return x;
    const empty = emptyInRange(arg, r, c);
    if (empty !== undefined) throw empty;
    // a level is never a percentage ("4000%" is not a strike of 40); a vol, rate or yield may be
    return LEVEL_ARGS.has(arg.name) ? plainNumberArg(cellName(arg, r, c), x) : numberArg(cellName(arg, r, c), x);
  };
  /** An optional argument: its default when left out; inside a range every cell must hold a number. */
  const rateOmitted = omitted(g.rate);
  const yieldOmitted = omitted(g.divYield);
  // One omitted output is "price"; a blank cell inside a range of outputs is a gap, never "price".
  const outputOmitted = omitted(g.output);
  const outputs = new Map<unknown, number>();
  let m = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const t = cellAt(g.type, r, c);
      const type = t === 'call' || t === 'put' ? t : optionTypeArg(cellName(g.type, r, c), t);
      const S = num(g.under, r, c);
      const K = num(g.strike, r, c);
      const T = num(g.years, r, c);
      if (T > MAX_YEARS) checkYears(cellName(g.years, r, c), T, MAX_YEARS, 'an option');
      const v = num(g.vol, r, c);
      const rate = rateOmitted ? 0 : num(g.rate, r, c);
      const q = model === 'bs' ? (yieldOmitted ? 0 : num(g.divYield, r, c)) : rate;
      const o = cellAt(g.output, r, c);
      let w = outputs.get(o);
      if (w === undefined) {
        const at = cellName(g.output, r, c);
        if (!outputOmitted && isMissing(o))
          throw invalidInput(at, 'is empty', `fill it with one of ${OUTPUTS.join(', ')}, or select only the names`);
        w = OUTPUTS.indexOf(choiceArg(at, o, OUTPUTS));
        outputs.set(o, w);
      }
      const out = OUTPUTS[w]!;
      if (n > 1 && inKernelDomain(S, K, T, v, rate, q)) {
        input.isCall[m] = type === 'call' ? 1 : 0;
        input.spot[m] = S;
        input.strike[m] = K;
        input.years[m] = T;
        input.vol[m] = v;
        input.rate[m] = rate;
        input.divYield[m] = q;
        which[m] = w;
        cellOf[m] = r * cols + c;
        m++;
        continue;
      }
      // Zero time or vol (intrinsic value), or a value the single function rejects naming it.
      const fields: Record<string, GridArg> = {
        type: g.type,
        spot: g.under,
        future: g.under,
        strike: g.strike,
        years: g.years,
        vol: g.vol,
        rate: g.rate,
        divYield: g.divYield,
      };
      result[r]![c] = renamed(
        () => {
          if (model === 'bs') {
            const i = { type, spot: S, strike: K, years: T, vol: v, rate, divYield: q };
            return out === 'price' ? bsPrice(i) : bsGreeks(i)[out];
          }
          const i = { type, future: S, strike: K, years: T, vol: v, rate };
          return out === 'price' ? black76Price(i) : black76Greeks(i)[out];
        },
        (field) => (fields[field] ? cellName(fields[field], r, c) : field),
      );
    }
  }
  if (m > 0) {
    const o = batchOutput(m);
    (model === 'bs' ? bsGreeksBatch : black76GreeksBatch)(input, o, m);
    const columns = [o.price, o.delta, o.gamma, o.vega, o.theta, o.rho];
    for (let k = 0; k < m; k++) {
      const at = cellOf[k]!;
      result[Math.floor(at / cols)]![at % cols] = columns[which[k]!]![k]!;
    }
  }
  return result;
}

/**
 * Black-Scholes-Merton value or Greek of European options (SPX options): one cell, or a whole chain at once when any argument is a range (the result spills in the shape of the ranges, at most 100,000 cells).
 * @customfunction BS BS
 * @helpurl https://localhost:3000/help.html#BS
 * @param type "call" or "put" (also "c" or "p"); a cell or a range (no empty cells).
 * @param spot Underlying price, index points; a cell or a range (no empty cells).
 * @param strike Strike, index points; a cell or a range (e.g. a chain's strike column), no empty cells.
 * @param years Time to expiry in years ACT/365 (days/365), at most 10; 0 gives intrinsic value; a cell or a range (no empty cells).
 * @param vol Implied volatility as a decimal (0.18 for 18%), 0 to 5; a cell or a range (no empty cells).
 * @param [rate] Risk-free rate, continuously compounded decimal (0.05), above −1 and below 1; default 0; a cell or a range (no empty cells).
 * @param [divYield] Dividend yield, continuously compounded decimal (0.015), above −1 and below 1; default 0; a cell or a range (no empty cells).
 * @param [output] "price" (default), "delta" (per point), "gamma" (per point), "vega" (per vol point), "theta" (per calendar day) or "rho" (per 1%); a row of them gives one column each, for options in a column (or single cells); no empty cells in a range.
 * @returns The option values in index points, or the chosen Greeks (at years 0 or vol 0 those of the discounted intrinsic value: delta a step, gamma 0, not live Greeks): one cell, or a range the shape of the arguments.
 */
export function bs(
  type: unknown[][],
  spot: unknown[][],
  strike: unknown[][],
  years: unknown[][],
  vol: unknown[][],
  rate?: unknown[][],
  divYield?: unknown[][],
  output?: unknown[][],
): number[][] {
  return excelCall(() => priceRanges('bs', { type, underlying: spot, strike, years, vol, rate, divYield, output }));
}

/**
 * Black-76 value or Greek of European options on a future (VIX options on the VX future): one cell, or a whole range at once (the result spills in the shape of the ranges, at most 100,000 cells).
 * @customfunction BLACK76 BLACK76
 * @helpurl https://localhost:3000/help.html#BLACK76
 * @param type "call" or "put" (also "c" or "p"); a cell or a range (no empty cells).
 * @param future Futures price, index points; a cell or a range (no empty cells).
 * @param strike Strike, index points; a cell or a range (no empty cells).
 * @param years Time to expiry in years ACT/365 (days/365), at most 10; 0 gives intrinsic value; a cell or a range (no empty cells).
 * @param vol Implied volatility of the future as a decimal (1.2 for 120%), 0 to 5; a cell or a range (no empty cells).
 * @param [rate] Risk-free rate, continuously compounded decimal (0.05), above −1 and below 1; default 0; a cell or a range (no empty cells).
 * @param [output] "price" (default), "delta" or "gamma" (per point of the future), "vega" (per vol point), "theta" (per calendar day) or "rho" (per 1%); a row of them gives a column each, for options in a column or single cells; no empty cells.
 * @returns The option values in index points, or the chosen Greeks (at years 0 or vol 0 those of the discounted intrinsic value: delta a step, gamma 0, not live Greeks): one cell, or a range the shape of the arguments.
 */
export function black76(
  type: unknown[][],
  future: unknown[][],
  strike: unknown[][],
  years: unknown[][],
  vol: unknown[][],
  rate?: unknown[][],
  output?: unknown[][],
): number[][] {
  return excelCall(() => priceRanges('black76', { type, underlying: future, strike, years, vol, rate, output }));
}

/** A price or level in a message: up to 10 significant digits (1558.991039, not 1558.9910394281). */
const tenDigits = (x: number): string => String(Number(x.toPrecision(10)));

/**
 * The #N/A of a price the solver answers with vol 0: it equals the discounted intrinsic value
 * (`intrinsic`, the option's value at vol 0) to a double's precision, so every small vol prices it
 * and none is its vol (the chain fit counts such a quote as having no vol, too).
 */
function noTimeValue(price: number, intrinsic: number): Error {
  return noSolution(
    'price',
    `is ${tenDigits(price)}, its intrinsic value ${tenDigits(intrinsic)} to a double's precision: it carries no time value, so no vol can be read from it`,
    'pass the price of an option with time value',
  );
}

/**
 * Implied volatility of a European option from its price, Black-Scholes-Merton or Black-76.
 * @customfunction IV IV
 * @helpurl https://localhost:3000/help.html#IV
 * @param type "call" or "put" (also "c" or "p").
 * @param price Option price, index points; above the option's intrinsic value (a price of intrinsic value alone has no implied vol).
 * @param underlying Spot (model "bs") or futures price (model "black76"), index points.
 * @param strike Strike, index points.
 * @param years Time to expiry in years ACT/365 (days/365), greater than 0 and at most 10 (at 0 an option is worth its intrinsic value whatever the vol).
 * @param [rate] Risk-free rate, continuously compounded decimal (0.05), above −1 and below 1; default 0.
 * @param [divYield] Dividend yield, continuously compounded decimal, above −1 and below 1; default 0 (model "bs" only).
 * @param [model] "bs" (default) or "black76", any case ("B-S" and "Black-76" read too).
 * @returns Implied volatility as a decimal (0.18 for 18%); #N/A with the reason when no volatility up to 5 (500%) gives the price, or when the price carries no time value over the intrinsic value (no vol can be read from it).
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
        price: plainNumberArg('price', price),
        strike: plainNumberArg('strike', strike),
        years: checkYears('years', numberArg('years', years), MAX_YEARS, 'an option'),
        rate: optionalNumber('rate', rate) ?? 0,
      };
      const q = optionalNumber('divYield', divYield);
      const bsModel = choiceArg('model', model, ['bs', 'black76']) === 'bs';
      if (!bsModel && q !== undefined && q !== 0) {
        throw invalidInput(
          'divYield',
          'does not apply to model "black76"',
          'leave divYield empty for options on futures',
        );
      }
      const level = plainNumberArg('underlying', underlying);
      // At expiry every vol gives the intrinsic value: no price has an implied vol (BS takes 0 and prices intrinsic).
      // A negative time is no option either: refused here with the same fix, not the pricers' "0 or more".
      if (common.years <= 0) {
        throw invalidInput(
          'years',
          common.years === 0
            ? 'is 0: at expiry an option is worth its intrinsic value whatever the vol'
            : `is ${common.years}: the expiry is already past`,
          'pass the time to expiry in years, above 0 (days/365)',
        );
      }
      // a price of 0 is read (no vol gives it: #N/A with why), so a negative one is not told "pass 0"
      if (common.price < 0)
        throw invalidInput(
          'price',
          `is ${common.price}, not an option price`,
          "pass the option's price in points, above 0",
        );
      const bsIn = { ...common, spot: level, divYield: q ?? 0 };
      const b76In = { ...common, future: level };
      const vol = bsModel ? bsImpliedVol(bsIn) : black76ImpliedVol(b76In);
      if (vol === 0) {
        throw noTimeValue(common.price, bsModel ? bsPrice({ ...bsIn, vol: 0 }) : black76Price({ ...b76In, vol: 0 }));
      }
      // Above what ALVH.BS and ALVH.BLACK76 take, an answer could not be priced back: no solution.
      // Three significant digits (a time of 1e-300 years implies a vol of 2.25e+149, which toFixed
      // spells out), more where three read as the bound itself (5.004 is not "5, above the 5").
      if (vol > MAX_VOL) {
        let digits = 3;
        while (digits < 15 && !(Number(vol.toPrecision(digits)) > MAX_VOL)) digits++;
        throw noSolution(
          'price',
          `implies a volatility of ${Number(vol.toPrecision(digits))}, above the ${MAX_VOL} (${MAX_VOL * 100}%) the pricing functions take`,
          'check the price, underlying, strike and years (a price near the upper bound has no useful vol)',
        );
      }
      return vol;
    },
    { spot: 'underlying', future: 'underlying' },
  );
}
