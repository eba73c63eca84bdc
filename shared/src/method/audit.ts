/**
 * The audit trail: every rule of the method that fired, with the numbers it read and what it
 * changed, in the order the rules ran. A trader reads it top to bottom to see why a number is
 * what it is.
 */

export interface AuditEntry {
  /** Stable rule id, e.g. `split.base`, `split.rsi-widening`, `tail.contracts`. */
  rule: string;
  /** The inputs the rule read (numbers as computed, unrounded). */
  inputs: Record<string, number | string | boolean>;
  /** What the rule did, in plain words with the resulting numbers. */
  effect: string;
}

/** The number formatter of every message, at home with the dollar formats (surfaces and scenarios use it too). */
export { fmt } from '../usdText';

/**
 * A USD amount for a message, as a trader reads it: thousands grouped, `digits` decimals (none by
 * default, two for a unit price), a loss's minus before the dollar sign: "$22,675", "$604.53",
 * "-$1,250".
 */
export function usd(x: number, digits = 0): string {
  const text = Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${x < 0 && text.replace(/[0.,]/g, '') !== '' ? '-' : ''}$${text}`;
}
