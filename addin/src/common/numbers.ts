/**
 * The one rule for numbers typed as text, in every Excel function and in the taskpane's form:
 * a plain decimal (optional sign, decimals and exponent), optionally with thousands grouped by
 * commas ("5,000,000") and optionally ending in % (divided by 100: "5%" is 0.05). Anything else
 * ("4,5", "1.2.3", "18 pts") is not a number and the caller rejects it naming the field; it is
 * never guessed at, since a decimal comma read as a thousands separator would be a wrong number.
 */
import { clip } from '@alvh/shared';

// `\d+(?:\.\d*)?`, not `\d+\.?\d*`: with the point optional the digits split between the two runs
// every way, quadratic in a long run of digits ending in a letter.
const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
// The first group has no leading zero: "0,043" is a decimal comma, never 43.
const GROUPED = /^[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;

/** The number a text stands for under the rule above, or undefined when it is not one. */
export function numberFromText(text: string): number | undefined {
  const t = text.trim();
  const percent = t.endsWith('%');
  const body = (percent ? t.slice(0, -1) : t).trim();
  if (!PLAIN.test(body) && !GROUPED.test(body)) return undefined;
  const plain = body.replace(/,/g, '');
  // A percentage moves the decimal exponent ("1.3%" is 1.3e-2, exactly 0.013), never n / 100
  // (0.013000000000000001).
  const [mantissa, exponent = '0'] = plain.toLowerCase().split('e') as [string, string?];
  const n = Number(percent ? `${mantissa}e${Number(exponent) - 2}` : plain);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A whole number typed as text, read by the rule above as every other number box of the page reads
 * it ("20,000", "1e5" and "100000.0" are whole numbers; "0,100" is a decimal comma, never 100;
 * "0x10" is not 16), with no percent sign: a count or a seed is no fraction. Undefined otherwise,
 * blank and a number with decimals included.
 */
export function wholeFromText(text: string): number | undefined {
  const t = text.trim();
  const n = t.endsWith('%') ? undefined : numberFromText(t);
  return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
}

/** A plain decimal typed as text ("17.25", ".5", "18"): no grouping, percent, sign or exponent. */
export function decimalFromText(text: string): number | undefined {
  const t = text.trim();
  return /^(?:\d+(?:\.\d*)?|\.\d+)$/.test(t) ? Number(t) : undefined;
}

/**
 * A number (a cell's) as text that the rule above reads back as exactly that number, in every box
 * alike: its shortest form ("4298.86", "1e-7", "0.30000000000000004"), unless that looks like
 * thousands grouped by a dot ({@link hasDotGroupedThousands}: "5000.125", which an amount or a
 * count refuses as 5,000,125): then its whole part grouped by commas ("5,000.125") or, below 1,000
 * or where `commas` is false (a line of pasted cells, where a comma parts two cells), its decimals
 * with a zero added ("18.8880", still 18.888, never 18,888).
 */
export function numberText(n: number, commas = true): string {
  const s = String(n);
  const m = /^([+-]?)(\d+)\.(\d{3})$/.exec(s);
  if (m === null) return s;
  const [, sign, whole, decimals] = m as unknown as [string, string, string, string];
  return commas && whole.length > 3 ? `${sign}${whole.replace(/\B(?=(?:\d{3})+$)/g, ',')}.${decimals}` : `${s}0`;
}

/** Whether a text reads as a number written with a decimal comma ("39,17"), as a sheet in many locales copies it. */
export function hasDecimalComma(text: string): boolean {
  return /^[+-]?\d+,\d+$/.test(text.trim());
}

/**
 * Whether a USD amount reads as thousands grouped by a dot ("40.000", "25.000", "2.000.000"), as
 * many locales write them: exactly three digits after a single dot, or several dot groups of three
 * digits after one to three, no other separator. Read as a decimal "40.000" would be $40, a
 * thousand times less, and "2.000.000" is no number at all, so a USD field refuses both and says
 * what to write rather than guess.
 */
export function hasDotGroupedThousands(text: string): boolean {
  const t = text.trim();
  return /^[+-]?\d+\.\d{3}$/.test(t) || /^[+-]?\d{1,3}(?:\.\d{3})+$/.test(t);
}

/** A USD amount as the dot-grouped refusal names it: "$40,000", "-$40". */
const usdWords = (n: number): string =>
  `${n < 0 ? '-' : ''}$${Math.abs(n).toLocaleString('en-US', { maximumFractionDigits: 3 })}`;

/**
 * How a reading of a dot-grouped text is named ("$40,000", "1,000 contracts"); `whole` when it is a
 * count, which only a whole number can be; `range` the least and most the field takes, `unit` what
 * it counts ("contracts"), to say when neither reading is one it takes.
 */
export type ReadingWords = ((n: number) => string) & {
  readonly whole?: boolean;
  readonly range?: { readonly lo: number; readonly hi: number };
  readonly unit?: string;
};

/**
 * A count as the dot-grouped refusal names it, in `one` / `many` of its unit ("1 contract", "1,000
 * contracts"; with no unit, the number alone: "1,000"): a whole number, so a fractional reading is
 * never offered ({@link dotGroupedWords}); with its field's `range` (quantity 1 to 100,000), nor a
 * reading outside it.
 */
export function countWords(one = '', many = one, range?: { lo: number; hi: number }): ReadingWords {
  const words = (n: number): string => {
    const unit = n === 1 ? one : many;
    return `${n.toLocaleString('en-US', { maximumFractionDigits: 3 })}${unit === '' ? '' : ` ${unit}`}`;
  };
  return Object.assign(words, { whole: true, unit: many }, range === undefined ? {} : { range: { ...range } });
}

/** Whether `n` is a reading `amount`'s field takes: whole for a count, within its range when it has one. */
function takes(amount: ReadingWords, n: number): boolean {
  if (!Number.isFinite(n) || (amount.whole === true && !Number.isInteger(n))) return false;
  return amount.range === undefined || (n >= amount.range.lo && n <= amount.range.hi);
}

/** Most characters of a number or a reading's words in a dot-grouped refusal, before it is cut. */
const MOST_READING = 30;

/**
 * The words that refuse a dot-grouped amount or count ({@link hasDotGroupedThousands}), as a
 * problem and its fix: both readings of one dot, to pick one ("is 40.000" and "write 40000 for
 * $40,000, or 40 for $40"; a count named by `amount`: "write 1000 for 1,000 contracts, or 1 for 1
 * contract"); the one reading of several ("is 2.000.000" and "write 2000000 for $2,000,000").
 * When the decimal reading is written as the refused text ("18.888" for $18.888), writing it again
 * is no fix: a cell takes it as a number, not text (`asNumber`: "or type 18.888 as a number, not
 * text, for $18.888"); a box of the taskpane, whose every entry is text, offers it as text that box
 * reads back as that number ({@link numberText}: "5,000.125" for $5,000.125, "18.8880" for $18.888). A count ({@link countWords}: condors, contracts, days, paths) is offered the readings it
 * takes alone: "1.500" is "write 1500 for 1,500 contracts", never 1.5 contracts, and "100.001" in
 * a quantity of 1 to 100,000 is neither: "is 100.001, not a number it takes" and "write a whole
 * number of contracts from 1 to 100,000".
 */
export function dotGroupedWords(
  text: string,
  amount: ReadingWords = usdWords,
  asNumber = true,
): { problem: string; fix: string } {
  const t = text.trim();
  const whole = t.replace(/\./g, '');
  const decimal = Number(t);
  // the text cut at 40 characters and each reading at 30 ({@link clip}): a text of 300 digits is no
  // longer echoed whole in the problem and again in each reading
  const words = (n: number): string => clip(amount(n), MOST_READING);
  const readings: string[] = [];
  if (takes(amount, Number(whole))) readings.push(`write ${clip(whole, MOST_READING)} for ${words(Number(whole))}`);
  if (takes(amount, decimal)) {
    const write = readings.length === 0 ? 'write ' : '';
    if (!hasDotGroupedThousands(String(decimal)))
      readings.push(`${write}${clip(String(decimal), MOST_READING)} for ${words(decimal)}`);
    else if (asNumber)
      readings.push(`type ${clip(String(decimal), MOST_READING)} as a number, not text, for ${words(decimal)}`);
    else readings.push(`${write}${clip(numberText(decimal), MOST_READING)} for ${words(decimal)}`);
  }
  if (readings.length > 0) return { problem: `is ${clip(t)}`, fix: readings.join(', or ') };
  const problem = `is ${clip(t)}, not a number it takes`;
  if (amount.range === undefined) return { problem, fix: 'write the number without dots' };
  const of = amount.unit === undefined || amount.unit === '' ? '' : ` of ${amount.unit}`;
  const [lo, hi] = [amount.range.lo, amount.range.hi].map((n) => n.toLocaleString('en-US')) as [string, string];
  return { problem, fix: `write a whole number${of} from ${lo} to ${hi}` };
}

/** {@link dotGroupedWords} in one message, as the taskpane shows it beside the field (its boxes hold text). */
export function dotGroupedMessage(text: string, amount?: ReadingWords): string {
  const { problem, fix } = dotGroupedWords(text, amount, false);
  return `${problem}: ${fix}`;
}

/**
 * The fix for a cell written with a decimal comma ("22,75", a sheet in many locales): the same
 * number with a point, a long cell quoted cut short; undefined for any other text.
 */
export function decimalCommaFix(text: string): string | undefined {
  const t = text.trim();
  return hasDecimalComma(t) ? `write ${clip(t.replace(',', '.'), 30)} with a decimal point` : undefined;
}

/**
 * The fix for a number read from text with one comma ("23,325" read as 23325) and then refused: a
 * sheet in a locale with a decimal comma meant 23.325, so that reading leads `fix` ("if the comma is
 * a decimal point, write 23.325; else …"). `fix` alone for a cell that is no such text: a number, or
 * text grouped by several commas ("1,023,325"), or text that is no number ("23,5", which
 * {@link decimalCommaFix} answers).
 */
export function decimalCommaReading(cell: unknown, fix: string): string {
  if (typeof cell !== 'string' || !hasDecimalComma(cell) || numberFromText(cell) === undefined) return fix;
  return `if the comma is a decimal point, write ${clip(cell.trim().replace(',', '.'), 30)}; else ${fix}`;
}

/**
 * The fix for an amount written with its $ ("$5,000", "-$1,500", "$3.05"), which is no number: the
 * amount without it ("write 5,000 without $") where that reads as one under the rule above and is
 * neither a percentage nor thousands grouped by a dot; undefined for any other text.
 */
export function dollarFix(text: string): string | undefined {
  if (!text.includes('$') || numberFromText(text) !== undefined) return undefined;
  const bare = text.replace('$', '').trim();
  const reads = !bare.endsWith('%') && !hasDotGroupedThousands(bare) && numberFromText(bare) !== undefined;
  return reads ? `write ${clip(bare, 30)} without $` : undefined;
}

/** The words that refuse a number written with a decimal comma ("52,33"): the same number with a point. */
export function decimalCommaMessage(text: string): string {
  const t = text.trim();
  return `is ${t}: write ${t.replace(',', '.')} with a decimal point`;
}

/**
 * The words that refuse text in a number box that is no number the form reads ("0x10", "abc"),
 * with the box's `fix` ("type the SPX level in index points, such as 4982.77"): the text as typed
 * (cut at 20 characters), never the JSON reader's "send the number without quotes".
 */
export function notNumberMessage(text: string, fix: string): string {
  const t = text.trim();
  return `is "${t.length > 20 ? `${t.slice(0, 20)}…` : t}", not a number; ${fix}`;
}
