/**
 * ALVH.PLAN's words for a schema issue of its input: the row is named by its key (`inputs spx`),
 * and the message says whether the row is missing, empty or holds the wrong value (with the value,
 * and for a policy row the policy's range and the percentage hint), instead of the schema's one
 * "pass a number" for all of them.
 */
import {
  MIN_VIX_SPOT,
  MIN_VX_PRICE,
  AlvhError,
  InputValidationError,
  MAX_FUTURES,
  MAX_VIX_INDEX,
  MAX_VIX_POINTS,
  MIN_VIX_POINTS,
  invalidInput,
  policyRange,
  shown,
  vxExpiriesAfter,
} from '@alvh/shared';
import { fieldForKey, normalizeKey } from '../common/fields';
import { checkPolicyBound } from './bounds';
import {
  decimalCommaFix,
  decimalCommaReading,
  dollarFix,
  dotGroupedWords,
  hasDotGroupedThousands,
} from '../common/numbers';
import { wholeCountWords } from '../common/planInput';
import { percentRefusal } from './args';

/** The policy's vols of vol: decimals, VVIX / 100. */
const VOL_OF_VOL: ReadonlySet<string> = new Set(['defaultVolOfVol', 'stressVolOfVol']);

/** The value at a path such as `market.spx` or `market.futures[1].price` of the raw plan input. */
function valueAt(raw: unknown, path: string): unknown {
  let at: unknown = raw;
  for (const [, name, index] of path.matchAll(/([A-Za-z]\w*)|\[(\d+)\]/g)) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[name ?? Number(index)];
  }
  return at;
}

/**
 * The error for a USD amount typed as text that reads a thousand or a hundred times off, or
 * undefined: thousands grouped by a dot ("40.000", $40 as a decimal) in the taskpane's words, or a
 * percentage ({@link percentRefusal}: "4200000%" is not $42,000).
 */
export function usdTextRefusal(name: string, value: unknown): AlvhError | undefined {
  if (typeof value === 'string' && hasDotGroupedThousands(value)) {
    const { problem, fix } = dotGroupedWords(value);
    return invalidInput(name, problem, fix);
  }
  return percentRefusal(name, value);
}

/**
 * The rows ALVH.PLAN's help, docs/excel.md and the README name where the form's field is named
 * otherwise: a row's issues name it as the user reads it (`expiry`, not `condorExpiry`).
 */
const DOCUMENTED_ROWS: Readonly<Record<string, string>> = { condorExpiry: 'expiry', valuationDate: 'date' };

/** The row of the inputs a plan key names, as the help and the docs name it (`condorExpiry` → `expiry`). */
export function rowName(key: string): string {
  return DOCUMENTED_ROWS[key] ?? key;
}

/** The plan input's USD amounts, whose text is read by {@link usdTextRefusal}. */
const USD_PATHS: ReadonlySet<string> = new Set(['portfolio.capital', 'portfolio.budget']);

/**
 * A TRUE or FALSE cell where a number or a date belongs, said as Excel shows it and as the other
 * functions say it ("is TRUE, not a number"): the range is read as text, which echoed it as
 * 'is "true"'. Undefined for any other cell.
 */
function booleanRefusal(name: string, cell: unknown, fix: string): AlvhError | undefined {
  if (typeof cell !== 'boolean') return undefined;
  const noun = /^pass an? (?:whole )?number/.test(fix)
    ? ', not a number'
    : /^pass a date/.test(fix)
      ? ', not a date'
      : '';
  return invalidInput(name, `is ${cell ? 'TRUE' : 'FALSE'}${noun}`, fix);
}

/** The schema's fix for a date row, said alike for the date row read before the schema. */
const DATE_FIX = 'pass a date as YYYY-MM-DD, e.g. 2020-03-16';

/**
 * The valuation date row holding TRUE or FALSE, said as a schema row's is ("inputs date: is TRUE,
 * not a date"): the VX1…VXn rows' expiries count from that row, so it is read before the schema,
 * whose text reading echoed 'is "true"'. Undefined for any other cell.
 */
export function booleanDateRow(rows: readonly (readonly unknown[])[]): AlvhError | undefined {
  const row = rows.find(([k]) => typeof k === 'string' && fieldForKey(k) === 'valuationDate');
  return row && booleanRefusal(`inputs ${rowName('valuationDate')}`, row[1], DATE_FIX);
}

/**
 * The range the plan schema states for a VIX level (`market.vix`, `lastRebalance.vix`: 1 to 300) or
 * a VX future (`…futures[i].price`: 1 to 500) as PLAN holds it, from {@link MIN_VIX_SPOT} and
 * {@link MIN_VX_PRICE}: "pass a level in index points from 1 to 300" offered a level PLAN refuses
 * below 5. Undefined for any other path.
 */
function sheetRange(path: string): [from: string, to: string] | undefined {
  if (/^(market|lastRebalance)\.vix$/.test(path))
    return [`from ${MIN_VIX_POINTS} to ${MAX_VIX_INDEX}`, `from ${MIN_VIX_SPOT} to ${MAX_VIX_INDEX}`];
  if (/^(market|lastRebalance)\.futures\[\d+\]\.price$/.test(path))
    return [`from ${MIN_VIX_POINTS} to ${MAX_VIX_POINTS}`, `from ${MIN_VX_PRICE} to ${MAX_VIX_POINTS}`];
  return undefined;
}

/** `e` with the ranges its issues state for VIX and the VX futures as PLAN holds them ({@link sheetRange}). */
export function inSheetRanges(e: unknown): unknown {
  if (!(e instanceof InputValidationError)) return e;
  const issues = e.issues.map(({ path, message }) => {
    const range = sheetRange(path);
    return { path, message: range === undefined ? message : message.replace(range[0], range[1]) };
  });
  return issues.some((x, i) => x.message !== e.issues[i]?.message) ? new InputValidationError(issues) : e;
}

/**
 * The error to show for `e`, an issue of the plan input `raw` at `e.field`, whose row is `key`
 * (`rows` are the key/value rows as given); undefined when the issue is not about one value.
 */
export function planIssue(
  e: AlvhError,
  raw: unknown,
  key: string,
  rows: readonly (readonly [unknown, unknown])[],
): AlvhError | undefined {
  if (!(e instanceof InputValidationError)) return undefined;
  // every issue of a row names it as the help and the docs do (`inputs expiry`), missing or not
  const row = rowName(key);
  const name = `inputs ${row}`;
  const value = valueAt(raw, e.field);
  const policy = /^policy\.([A-Za-z]+)$/.exec(e.field)?.[1];
  // a vol of vol typed in VVIX points is said so by the schema ("pass 1.2, VVIX / 100")
  if (
    policy !== undefined &&
    typeof value === 'number' &&
    policyRange(policy) !== undefined &&
    !VOL_OF_VOL.has(policy)
  ) {
    // throws when the value is outside the policy's range (a coverage is a ratio: 180 means 1.8)
    checkPolicyBound(name, policy, value, '', policy === 'tailCoverage');
  }
  const given = rows.find(
    ([k]) => typeof k === 'string' && (fieldForKey(k) === key || normalizeKey(k) === normalizeKey(key)),
  );
  if (value === undefined) {
    // the problem ends with the count of the other issues, which follows the row's fix, not inside it
    const own = e.issues[0]?.message ?? e.problem;
    const others = e.problem.startsWith(own) ? e.problem.slice(own.length) : '';
    if (given !== undefined) return invalidInput(name, 'is empty', `fill in its value: ${e.problem}`);
    return invalidInput(name, 'is missing', `add a row ${row} (${own})${others}`);
  }
  const boolean = booleanRefusal(name, given?.[1], e.problem);
  if (boolean !== undefined) return boolean;
  const count = wholeCountWords(e.field);
  // a price typed "23,325" reads as 23325: its refusal says so and offers the decimal reading first,
  // as CURVE's does (not to a count, whose decimal reading is no whole number)
  const typed = given?.[1];
  const commaFix = decimalCommaReading(typed, e.problem);
  if (typeof value === 'number' && count === undefined && typeof typed === 'string' && commaFix !== e.problem)
    return invalidInput(name, `is ${value}, read from ${shown(typed.trim())}`, commaFix);
  if (count !== undefined && typeof value === 'string' && hasDotGroupedThousands(value)) {
    const { problem, fix } = dotGroupedWords(value, count);
    return invalidInput(name, problem, fix);
  }
  // "1.3%" reads as 0.013 in a rate, a dividend yield or a fraction of the policy, never in a price or a count
  const percent = USD_PATHS.has(e.field) ? usdTextRefusal(name, value) : percentRefusal(name, value);
  if (percent !== undefined) return percent;
  // text where a number belongs that reads with a point for its comma, or without its $, is told so,
  // as every function tells it (a count keeps its own words: "10,5" is no whole number)
  const typedFix =
    typeof value === 'string' && /^pass an? number/.test(e.problem)
      ? (decimalCommaFix(value) ?? dollarFix(value))
      : undefined;
  if (typedFix !== undefined) return invalidInput(name, `is ${JSON.stringify(value)}, not a number`, typedFix);
  // a message that names the value itself ("is 2019-02-16, not an exchange trading day") says it once
  if ((typeof value === 'string' || typeof value === 'boolean') && !e.problem.startsWith('is ')) {
    return invalidInput(name, `is ${JSON.stringify(value)}`, e.problem);
  }
  return undefined;
}

/**
 * A held VIX option expiring after the last VX future, in the words of the inputs range: the plan
 * asks to add the future to `market.futures`, which a worksheet gives as rows VX1…VXn (numbered
 * from the valuation date's front month) or one row per expiry date. The fix names the rows to add
 * and is kept whole within Excel's message; undefined for any other error.
 */
export function heldPastCurve(e: AlvhError, valuationDate: unknown, keys: readonly unknown[]): AlvhError | undefined {
  const expiry = /^add the VX future of (\d{4}-\d{2}-\d{2}) to market\.futures$/.exec(e.fix)?.[1];
  const last = /after the last listed VX future \((\d{4}-\d{2}-\d{2})\)/.exec(e.problem)?.[1];
  if (expiry === undefined || last === undefined) return undefined;
  const what = `holds a VIX option of ${expiry}`;
  const numbered = keys.some((k) => typeof k === 'string' && /^vx\d+$/.test(normalizeKey(k)));
  const curve = typeof valuationDate === 'string' ? vxExpiriesAfter(valuationDate, MAX_FUTURES) : [];
  const n = curve.indexOf(expiry) + 1;
  const given = curve.indexOf(last) + 1;
  // short enough that the whole message, fix included, fits a cell's error (messages.ts)
  const problem = `${what}, after the last VX future (${numbered && given > 0 ? `VX${given}, ` : ''}${last}), and the curve is not extrapolated`;
  const fix = !numbered
    ? `add an inputs row ${expiry} with that VX future's price`
    : n === 0
      ? `the inputs give at most VX${MAX_FUTURES}: leave this option out of the positions`
      : n === given + 1
        ? `add the inputs row VX${n}, the VX future of ${expiry}`
        : `add the inputs rows VX${given + 1}…VX${n} (VX${n} is the VX future of ${expiry})`;
  return new AlvhError(e.code, e.field, problem, fix);
}
