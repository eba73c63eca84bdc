/**
 * What the condor functions share: the four strikes, the condor on a day marked on the SPX surface
 * of its VIX (the package's marks), the SPX-only market, and the map from the sizing package's
 * fields to the arguments.
 */
import {
  calendarDay,
  checkListedSpxStrike,
  checkMarketRate,
  checkSpotAndStrikes,
  condorAnalytics,
  daysBetween,
  checkVixFloor,
  invalidInput,
  MAX_CONTRACTS,
  MAX_VIX_INDEX,
  spxAtmVol,
  spxVol,
  unlistedCondorExpiry,
  type CondorAnalytics,
  type MarketState,
  type Policy,
} from '@alvh/shared';
import {
  dateArg,
  optionalNumber,
  optionalPlainNumber,
  plainNumberArg,
  refuseDotGroupedCount,
  seriesArg,
  seriesCellNamer,
  singleCell,
} from './args';
import { countWords } from '../common/numbers';
import { type FieldNames } from './excelErrors';
import { opt } from './format';
import { renamed } from './grid';
import { checkLineLength } from './rangeSize';

/** The condor's four strikes from a range of four cells, K1 < K2 < K3 < K4. */
function strikesArg(range: unknown): [number, number, number, number] {
  const fix = 'select four strikes: long put, short put, short call, long call';
  // more than four from the range's size, before a whole column of them is read
  checkLineLength('strikes', range, 4, 'cells from the first strike to the last', fix);
  const s = seriesArg('strikes', range);
  if (s.length !== 4) {
    throw invalidInput('strikes', `has ${s.length} value${s.length === 1 ? '' : 's'}`, fix);
  }
  return s as [number, number, number, number];
}

/** A quantity of condors as PLAN's quantity row names its readings: 1 to 100,000 contracts. */
const QUANTITY_WORDS = countWords('contract', 'contracts', { lo: 1, hi: MAX_CONTRACTS });

/**
 * The optional quantity of CONDOR and CONDORLOSS: text grouped by a dot ("10.000") is refused with
 * both readings, as PLAN, ORDERS and FRONTIER refuse it; read as a decimal it was 10 condors.
 */
function quantityArg(x: unknown): number | undefined {
  const cell = singleCell('quantity', x);
  refuseDotGroupedCount('quantity', cell, QUANTITY_WORDS);
  return optionalPlainNumber('quantity', cell);
}

/** What the condor functions share: the condor on a day, marked on the SPX surface of its VIX alone. */
export function condorOf(
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
  const expiryIso = listedSpxExpiry('expiry', dateArg('expiry', expiry), date);
  const ks = strikesArg(strikes);
  // each strike named by its cell as selected, the blanks before the first counted (docs/excel.md)
  const at = seriesCellNamer('strikes', strikes);
  checkSpotAndStrikes(
    'spot',
    state.spot,
    ks.map((strike, i) => ({ field: at(i), strike })),
  );
  // A condor is traded at listed strikes, as PLAN and a held leg take them.
  ks.forEach((strike, i) => checkListedSpxStrike(at(i), strike));
  // Step 1's σ and the leg vols from the SPX surface of the VIX alone (the package's marks)
  const years = Math.max(daysBetween(date, expiryIso), 1) / 365;
  const analytics = renamed(
    () =>
      condorAnalytics({
        valuationDate: date,
        spot: state.spot,
        rate: state.rate,
        divYield: state.divYield,
        expiry: expiryIso,
        strikes: ks,
        quantity: quantityArg(quantity) ?? 1,
        atmVol: spxAtmVol(state, years),
        volAt: (k: number, t: number, fwd: number) => spxVol(state, t, k, fwd),
        minShortStrikeSd: policy.minShortStrikeSd,
        ...opt('credit', optionalPlainNumber('credit', credit)),
      }),
    (field) => {
      const k = /^condor\.strikes\[(\d+)\]$/.exec(field);
      return k === null ? field : at(Number(k[1]));
    },
  );
  return { analytics, state };
}

/**
 * `iso`, the condor's expiry given as the argument `name`, when it is after `valuationDate` and the
 * exchange trades on it. No SPX option expires on a day the exchange is closed: a weekend or
 * holiday expiry is a slip of the date, and priced as if it were real it carries time value that
 * does not exist. The date order is checked first, so the trading day the fix offers is one a
 * condor can still expire on.
 */
export function listedSpxExpiry(name: string, iso: string, valuationDate: string): string {
  calendarDay(name, iso);
  if (iso <= valuationDate)
    throw invalidInput(
      name,
      `is ${iso}, not after the valuation date ${valuationDate}`,
      'pass the condor expiry, a date after the valuation date',
    );
  const unlisted = unlistedCondorExpiry(iso, valuationDate);
  if (unlisted !== undefined) throw invalidInput(name, unlisted.problem, unlisted.fix);
  return iso;
}

/**
 * A VIX level in index points named `name` (`vix`, CURVE's `vixSpot`, REBALANCE's `lastVix`), from
 * {@link MIN_VIX_SPOT} to 300: 0 or below is no level, a decimal such as 0.185 is the usual slip and
 * is named with the level it was meant to be, and 450 is echoed with the bound.
 */
export function vixPointsArg(vix: unknown, name = 'vix'): number {
  const vixLevel = plainNumberArg(name, vix);
  if (!(vixLevel > 0))
    throw invalidInput(name, `is ${vixLevel}, but must be greater than 0`, 'pass VIX in index points (18.5)');
  if (vixLevel < 1 && vixLevel >= 0.05)
    throw invalidInput(
      name,
      `is ${vixLevel}`,
      `pass VIX in index points: ${Number((vixLevel * 100).toFixed(4))}, not ${vixLevel}`,
    );
  checkVixFloor(name, vixLevel);
  if (vixLevel > MAX_VIX_INDEX)
    throw invalidInput(
      name,
      `is ${vixLevel}, above ${MAX_VIX_INDEX}`,
      `pass VIX in index points, at most ${MAX_VIX_INDEX} (its highest close is 82.69)`,
    );
  return vixLevel;
}

/**
 * The market of an SPX-only book from the arguments `spot`, `rate` and `divYield` (rate and yield
 * default 0), with the policy's vol of vol and no VX curve; its SPX surface is that of its VIX alone.
 * SPX must be an index level and the rates within the market's range, as in ALVH.PLAN.
 */
export function spxState(
  date: string,
  spot: unknown,
  vix: number,
  rate: unknown,
  divYield: unknown,
  policy: Policy,
): MarketState {
  // a year typed for a date (2021 is 1905-07-13) is named as the date it became, as ALVH.PLAN names it
  calendarDay('valuationDate', date);
  const level = plainNumberArg('spot', spot);
  checkSpotAndStrikes('spot', level, []);
  return {
    date,
    spot: level,
    vix,
    rate: checkMarketRate('rate', optionalNumber('rate', rate) ?? 0),
    divYield: checkMarketRate('divYield', optionalNumber('divYield', divYield) ?? 0),
    volOfVol: policy.defaultVolOfVol,
    futureFor: noVxCurve,
  };
}

/** SPX-only books never ask for a VX future; a VIX leg here would be a bug, said as such. */
export function noVxCurve(expiry: string): number {
  throw invalidInput(
    'futures',
    `are needed to price a VIX option expiring ${expiry}`,
    'use ALVH.PLAN, which takes the VX curve',
  );
}

/** Field names of the condor analytics → the Excel arguments. */
export const CONDOR_ARGS: FieldNames = {
  atmVol: 'vix',
  'indices.vix': 'vix',
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
