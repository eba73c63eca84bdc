/**
 * Input checks used at the top of every public function of the core. Each returns the value it
 * checked, so a function can write `const vol = checkVol('vol', input.vol)`. None lets NaN or an
 * infinity through.
 */
import { InvalidFields, grouped, invalidInput } from './errors';

/** The most contracts one leg or one condor order may hold: a bound that keeps every dollar figure finite. */
export const MAX_CONTRACTS = 100_000;

/** SPX strikes are listed every 5 points: the grid of the condor strikes the plan takes and suggests and positions are read on. */
export const SPX_STRIKE_STEP = 5;

/** The listed VIX option strike grid (half points). */
export const VIX_LISTED_STRIKE_STEP = 0.5;

/** `x` is a whole number of `step`s, within 1e-9 of one (6000.000000001 is the listed 6000). */
export function onGrid(x: number, step: number): boolean {
  const q = x / step;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

/**
 * An SPX strike a trader can trade: on the listed {@link SPX_STRIKE_STEP}-point grid, in the words a
 * held leg's or a plan's strike gets ("is 4151, off the SPX 5-point strike grid; pass a listed
 * strike (a multiple of 5)"). For the functions that size or analyse a position to be traded (a
 * condor, an overlay), not for the pricing functions, which price any strike.
 */
export function checkListedSpxStrike(field: string, strike: number): void {
  checkListedStrike(field, 'spx', strike);
}

/**
 * A strike on its index's listed grid: SPX {@link SPX_STRIKE_STEP} points, VIX
 * {@link VIX_LISTED_STRIKE_STEP} (held legs, scenario books, plan strikes alike).
 */
export function checkListedStrike(field: string, kind: 'spx' | 'vix', strike: number): void {
  const step = kind === 'spx' ? SPX_STRIKE_STEP : VIX_LISTED_STRIKE_STEP;
  if (!onGrid(strike, step))
    throw invalidInput(
      field,
      `is ${strike}, off the ${kind.toUpperCase()} ${step}-point strike grid`,
      `pass a listed strike (a multiple of ${step})`,
    );
}

function describe(x: number): string {
  return Number.isNaN(x) ? 'NaN' : String(x);
}

/**
 * `x` times `k` as a fix suggests it (a percentage read as a decimal, a fraction as points): to 12
 * significant digits, so 0.207994 × 100 reads 20.7994, not 20.799400000000002.
 */
export function scaledForFix(x: number, k: number): number {
  return Number((x * k).toPrecision(12));
}

/** A finite number. */
export function checkFinite(field: string, x: number): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw invalidInput(
      field,
      `is ${typeof x === 'number' ? describe(x) : typeof x}, not a finite number`,
      'pass a finite number',
    );
  }
  return x;
}

/** A finite number > 0. */
export function checkPositive(field: string, x: number): number {
  checkFinite(field, x);
  if (x <= 0) throw invalidInput(field, `is ${x}, but must be greater than 0`, 'pass a positive number');
  return x;
}

/** A finite number ≥ 0. */
export function checkNonNegative(field: string, x: number): number {
  checkFinite(field, x);
  if (x < 0) throw invalidInput(field, `is ${x}, but must not be negative`, 'pass 0 or a positive number');
  return x;
}

/** A finite number in [lo, hi]. */
export function checkRange(field: string, x: number, lo: number, hi: number): number {
  checkFinite(field, x);
  if (x < lo || x > hi)
    throw invalidInput(field, `is ${x}, outside [${lo}, ${hi}]`, `pass a number between ${lo} and ${hi}`);
  return x;
}

/** A whole number ≥ min. */
export function checkInteger(field: string, x: number, min = 0): number {
  checkFinite(field, x);
  if (!Number.isInteger(x) || x < min)
    throw invalidInput(field, `is ${x}, not a whole number ≥ ${min}`, `pass a whole number of at least ${min}`);
  return x;
}

/**
 * A volatility as a decimal (0.18 for 18%). Zero is allowed (the price is then the discounted
 * intrinsic value); above 5 (500%) it is rejected. From 10 up it is almost certainly a percentage
 * (18 for 18%); from 5 to 10 it may be one (6 for 6%) or a real vol above 500% (the implied vol of
 * a far call a day out), so both readings are said and neither is steered to.
 */
export function checkVol(field: string, x: number, allowZero = true): number {
  checkFinite(field, x);
  if (x > 5) {
    if (x < 10)
      throw invalidInput(
        field,
        `is ${x}, above 5, the 500% limit`,
        `if you meant ${x}%, pass ${scaledForFix(x, 0.01)}; a vol above 500% is outside what the pricing accepts`,
      );
    // x/100 is offered only where it is itself a volatility taken (600 is no 6)
    if (x <= 500)
      throw invalidInput(
        field,
        `is ${x}, which looks like a percentage`,
        `pass volatility as a decimal: ${scaledForFix(x, 0.01)}, not ${x}`,
      );
    throw invalidInput(field, `is ${x}, above 5 (500%)`, 'pass volatility as a decimal from 0 to 5 (0.18 for 18%)');
  }
  if (x < 0 || (!allowZero && x === 0)) {
    throw invalidInput(
      field,
      `is ${x}, but volatility must be ${allowZero ? '≥ 0' : '> 0'}`,
      'pass a volatility as a decimal such as 0.18',
    );
  }
  return x;
}

/**
 * A rate or yield as a decimal (0.05 for 5%), continuously compounded, strictly between -1 and 1:
 * a magnitude of 1 (100%) or more is taken as a percentage and rejected.
 */
export function checkRate(field: string, x: number): number {
  checkFinite(field, x);
  if (Math.abs(x) >= 1) {
    const { problem, fix } = percentRate(x);
    throw invalidInput(field, problem, fix);
  }
  return x;
}

/**
 * A rate of magnitude 1 or more: what is wrong and the fix. Below 100 it is taken as a percentage
 * and x/100 offered; from 100 on x/100 is no rate either (1e13 is no 1e11), so the range is said.
 */
function percentRate(x: number): { problem: string; fix: string } {
  if (Math.abs(x) < 100)
    return {
      problem: `is ${x}, which looks like a percentage`,
      fix: `pass rates as decimals: ${scaledForFix(x, 0.01)}, not ${x}`,
    };
  return {
    problem: `is ${x}, not between -1 and 1`,
    fix: 'pass rates as decimals between -1 and 1 (0.05 for 5%)',
  };
}

/**
 * The range of a USD rate or SPX dividend yield (continuously compounded decimals) that the SPX and
 * VX markets take (plans, books, the replay's assumptions, the Excel SPX functions): outside it a
 * value is a slip (1 typed for 1%, 5 for 5%).
 */
export const MARKET_RATE = Object.freeze({ min: -0.05, max: 0.2 });

/**
 * The VVIX levels the VIX-option surface is defined on (`vixSurfaceFromVvix`), and so every VVIX
 * and vol of vol (VVIX/100) an input may carry: VVIX has closed between about 60 and 210 since 2007.
 * One range for every host, so no input is priced at a clamped level it did not ask for.
 */
export const VVIX_RANGE = Object.freeze({ min: 20, max: 400 });

/** A VVIX level held to {@link VVIX_RANGE}: the level the VIX-option surface is built at. */
export function clampVvix(v: number): number {
  return Math.min(VVIX_RANGE.max, Math.max(VVIX_RANGE.min, v));
}

/** A vol of vol (VVIX/100, a decimal) within {@link VVIX_RANGE}, as the request schemas take it, named `field`. */
export function checkVolOfVol(field: string, x: number): number {
  checkFinite(field, x);
  const lo = VVIX_RANGE.min / 100;
  const hi = VVIX_RANGE.max / 100;
  if (x < lo || x > hi)
    throw invalidInput(
      field,
      `is ${x}, outside ${lo} to ${hi} (VVIX ${VVIX_RANGE.min} to ${VVIX_RANGE.max}, the range of the VIX-option surface)`,
      x > hi && x / 100 >= lo && x / 100 <= hi
        ? `pass the vol of vol as VVIX/100: ${scaledForFix(x, 0.01)} for VVIX ${x}, not ${x}`
        : `pass VVIX/100 from ${lo} to ${hi}: 0.95 for VVIX 95`,
    );
  return x;
}

/** A USD rate or SPX dividend yield within {@link MARKET_RATE}, named `field`. */
export function checkMarketRate(field: string, x: number): number {
  checkFinite(field, x);
  if (x < MARKET_RATE.min || x > MARKET_RATE.max)
    throw invalidInput(
      field,
      `is ${x}, outside ${MARKET_RATE.min} to ${MARKET_RATE.max}`,
      Math.abs(x) >= 1 && x / 100 >= MARKET_RATE.min && x / 100 <= MARKET_RATE.max
        ? `pass rates as decimals: ${scaledForFix(x, 0.01)} for ${x}%, not ${x}`
        : `pass a rate between ${MARKET_RATE.min} and ${MARKET_RATE.max} (0.05 for 5%)`,
    );
  return x;
}

/** VIX and VX futures levels are index points; outside this range a level is taken as a unit mistake. */
export const MIN_VIX_POINTS = 1;
export const MAX_VIX_POINTS = 500;
/**
 * Highest VIX index level (VIX, VIX9D, VIX3M, VIX6M) any input may carry: the SPX surface is moved
 * to it (fitChain, moveSurface), and its highest close is 82.69. VX prices and VIX strikes keep
 * {@link MAX_VIX_POINTS}.
 */
export const MAX_VIX_INDEX = 300;

/**
 * The one check of a VIX level or VX futures price, wherever it enters (curves, the tail sizing,
 * the split from two futures, the hosts' own inputs): positive and finite, in index points within
 * [1, 500]. A decimal such as 0.21225 and a pre-2007 price at 10× the index are rejected with the fix.
 * @example checkVxPrice('futures[0].price', 0.21225) // throws "futures[0].price: is 0.21225, which looks like a decimal, not VIX points; pass the level in index points (21.225 if 0.21225 was meant as a fraction), e.g. 20.35"
 */
export function checkVxPrice(field: string, x: number, example = '20.35'): number {
  checkPositive(field, x);
  const issue = vxPointsIssue(x, example);
  if (issue) throw invalidInput(field, issue.problem, issue.fix);
  return x;
}

/**
 * What is wrong with a VIX level or VX price outside [{@link MIN_VIX_POINTS}, {@link MAX_VIX_POINTS}]
 * and its fix, as {@link checkVxPrice} says it (the schemas that state the range say it alike);
 * undefined inside the range.
 */
export function vxPointsIssue(x: number, example: string): { problem: string; fix: string } | undefined {
  if (x < MIN_VIX_POINTS / 100)
    return {
      problem: `is ${x}, below ${MIN_VIX_POINTS} VIX point`,
      fix: `pass the level in index points, e.g. ${example}`,
    };
  if (x < MIN_VIX_POINTS)
    return {
      problem: `is ${x}, which looks like a decimal, not VIX points`,
      fix: `pass the level in index points (${scaledForFix(x, 100)} if ${x} was meant as a fraction), e.g. ${example}`,
    };
  if (x > MAX_VIX_POINTS)
    return {
      problem: `is ${x}, above ${MAX_VIX_POINTS} VIX points`,
      fix: `pass the level in index points, e.g. ${example} (prices before 2007-03-26 were quoted at 10× the index)`,
    };
  return undefined;
}

/** {@link vxPointsIssue} as one issue message ("problem; fix"), for a schema's bound. */
export function vxPointsMessage(example: string): (iss: { input?: unknown }) => string {
  return (iss) => {
    const issue = typeof iss.input === 'number' ? vxPointsIssue(iss.input, example) : undefined;
    return issue ? `${issue.problem}; ${issue.fix}` : `pass the level in index points, e.g. ${example}`;
  };
}

/** SPX levels a plan or a book is taken in, index points: far outside any day of the exchange calendar (2000-2040). */
export const SPX_POINTS = { min: 100, max: 1_000_000 };
/**
 * Strikes a chain's row may carry, index points of its own index: VIX options from a few points,
 * SPX up to its highest level. Outside, the row is a slip (a strike of 5e-324 or 1e308 is no
 * listed option), refused rather than fitted or left out.
 */
export const CHAIN_STRIKE_POINTS = { min: 1, max: SPX_POINTS.max };
/** What a chain's strike outside {@link CHAIN_STRIKE_POINTS} (or no number) is told to be. */
export const CHAIN_STRIKE_FIX = `pass the strike in index points, from ${CHAIN_STRIKE_POINTS.min} to ${grouped(CHAIN_STRIKE_POINTS.max)} (e.g. 4300)`;
/** How far SPX may sit from the condor's strikes, as a factor either way, before they are taken as a typing slip. */
export const SPOT_STRIKE_FACTOR = 2;

/** A level in a message to two decimals at most, without a float's noise (4319.999999999999 → 4320). */
const cents = (x: number): string => String(Number(x.toFixed(2)));

/** A spot outside {@link SPX_POINTS}: what is wrong and the fix. */
function notSpxLevel(spot: unknown): { problem: string; fix: string } {
  return {
    problem: `is ${String(spot)}, not an SPX level`,
    fix: `pass SPX in index points (between ${SPX_POINTS.min} and ${SPX_POINTS.max}), e.g. 6600`,
  };
}

/** {@link checkSpotAndStrikes}'s words for a spot outside {@link SPX_POINTS}, as one issue message, for a schema's bound. */
export function spxPointsMessage(iss: { input?: unknown }): string {
  const { problem, fix } = notSpxLevel(iss.input);
  return `${problem}; ${fix}`;
}

/**
 * SPX `spot` and the SPX strikes of the condor (`strikes`, each with its field): a spot outside
 * {@link SPX_POINTS} is a slip in the spot (SPX 1, 1e12). When every strike (two or more) misses
 * the spot on the same side and some SPX level would take them all, either may be the slip (498277
 * typed for 4982.77, or strikes typed with an extra zero): SPX and the strikes are said to disagree,
 * at the spot's field and the first strike's ({@link InvalidFields}), neither chosen. Else a strike
 * below half the spot or above twice it is a slip in that strike. Either would otherwise surface as
 * an internal figure (a strike of 0, a vol of 500%). Throws `invalid_input` naming the field sent.
 */
export function checkSpotAndStrikes(
  spotField: string,
  spot: number,
  strikes: readonly { field: string; strike: number }[],
): void {
  if (spot < SPX_POINTS.min || spot > SPX_POINTS.max) {
    const { problem, fix } = notSpxLevel(spot);
    throw invalidInput(spotField, problem, fix);
  }
  const lo = spot / SPOT_STRIKE_FACTOR;
  const hi = spot * SPOT_STRIKE_FACTOR;
  const off = strikes.filter(({ strike }) => strike < lo || strike > hi);
  const first = off[0];
  if (!first) return;
  const ks = strikes.map((x) => x.strike);
  const kMin = Math.min(...ks);
  const kMax = Math.max(...ks);
  // The SPX levels at which every strike would pass: none if they are over 4× apart or beyond SPX_POINTS.
  const fitLo = Math.max(kMax / SPOT_STRIKE_FACTOR, SPX_POINTS.min);
  const fitHi = Math.min(kMin * SPOT_STRIKE_FACTOR, SPX_POINTS.max);
  const firstStrike = strikes[0];
  if (firstStrike && strikes.length > 1 && off.length === strikes.length && fitLo <= fitHi) {
    // neither is known right: a power of ten that fits SPX to the strikes fits the strikes to SPX too
    const ratio = Math.max(Math.sqrt(kMin * kMax) / spot, spot / Math.sqrt(kMin * kMax));
    // one figure from 5 up (a condor's middle is not its spot: 9.8 is "about 10")
    const by = Number(ratio.toPrecision(ratio >= 5 ? 1 : 2));
    throw new InvalidFields(
      [spotField, firstStrike.field],
      `SPX ${cents(spot)} and the strikes ${cents(kMin)} to ${cents(kMax)} disagree, by about ${by}×: strikes at this SPX lie from ${cents(lo)} to ${cents(hi)}; these fit an SPX from ${cents(fitLo)} to ${cents(fitHi)}`,
      'check which was mistyped',
    );
  }
  throw invalidInput(
    first.field,
    `is ${first.strike}, far from SPX at ${cents(spot)}`,
    `pass strikes in index points, between ${cents(lo)} and ${cents(hi)} at this SPX`,
  );
}

/**
 * The lowest VIX level taken: VIX has never closed below 9.14 (2017-11-03), so a level under 5 is a
 * slip, and priced as real it gave a condor a credit of 1e-22 points and blamed an overlay's strike
 * for a unit of next to no vega.
 */
export const MIN_VIX_SPOT = 5;

/**
 * `level`, a VIX level in points named `name`, refused below {@link MIN_VIX_SPOT}: every host's
 * plan (the API's, the taskpane's and ALVH.PLAN) and Excel's VIX arguments.
 */
export function checkVixFloor(name: string, level: number): number {
  if (level < MIN_VIX_SPOT)
    throw invalidInput(name, `is ${level}: VIX has never closed below 9`, 'pass VIX in index points (18.5)');
  return level;
}

/**
 * The lowest VX futures price taken, as {@link MIN_VIX_SPOT} is VIX's: no VX future has settled
 * below 9.875 (VX1 on 2017-12-18), so a price under 5 is a slip. 22.7497 typed as 2.27497 split the
 * budget as steep backwardation and sized 20 tail calls at strike 3 where 68 at 24 were due.
 */
export const MIN_VX_PRICE = 5;

/**
 * `price`, a VX futures price in points named `name`, refused from 1 to under {@link MIN_VX_PRICE};
 * below 1 (a decimal, 0.2275) and above 500 the package's VX price check names the slip.
 */
export function checkVxFloor(name: string, price: number): number {
  if (price >= MIN_VIX_POINTS && price < MIN_VX_PRICE)
    throw invalidInput(
      name,
      `is ${price}: VX futures have never settled below 9.875`,
      'pass the price in index points, e.g. 22.75',
    );
  return price;
}
