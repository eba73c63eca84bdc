/**
 * The one rule for numbers typed as text, in every Excel function and in the taskpane's form:
 * a plain decimal (optional sign, decimals and exponent), optionally with thousands grouped by
 * commas ("5,000,000") and optionally ending in % (divided by 100: "5%" is 0.05). Anything else
 * ("4,5", "1.2.3", "18 pts") is not a number and the caller rejects it naming the field; it is
 * never guessed at, since a decimal comma read as a thousands separator would be a wrong number.
 */

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** The number a text stands for under the rule above, or undefined when it is not one. */
export function numberFromText(text: string): number | undefined {
  const t = text.trim();
  const percent = t.endsWith('%');
  const body = (percent ? t.slice(0, -1) : t).trim();
  if (!PLAIN.test(body) && !GROUPED.test(body)) return undefined;
  const n = Number(body.replace(/,/g, ''));
  if (!Number.isFinite(n)) return undefined;
  return percent ? n / 100 : n;
}
