/**
 * USD amounts in cells (TAILSIZE's condorLoss, OVERLAY's condorVega, FRONTIER's budgets): a number,
 * or text under the common rule, but never text whose reading is a thousand or a hundred times off.
 * Thousands grouped by a dot ("42.000", read as 42) and a percentage ("4200000%", read as 42,000)
 * are refused in the words ALVH.PLAN and the taskpane use for capital and budget. Text that is not a
 * number ("$12,795") is refused with the fix of what is read: the number without $ or %, its
 * thousands grouped by commas or not.
 */
import { invalidInput, type AlvhError } from '@alvh/shared';
import { dollarFix, numberFromText } from '../common/numbers';
import { forEachCell, readNumber, seriesArg, show, singleCell } from './args';
import { usdTextRefusal } from './planIssues';

/**
 * A USD amount argument ({@link readNumber}), its text refused as said above; `unit` and `example`
 * word the fix ("pass a number in USD without $ or % (text such as "12795" or "12,795" also reads
 * as one)").
 */
export function usdArg(name: string, cell: unknown, unit = 'USD', example = 12795): number {
  const x = singleCell(name, cell);
  const grouped = example.toLocaleString('en-US');
  // an example under 1,000 has no grouped form to show
  const texts = grouped === String(example) ? `"${example}"` : `"${example}" or "${grouped}"`;
  const fix = `pass a number in ${unit} without $ or % (text such as ${texts} also reads as one)`;
  const refused = usdTextRefusal(name, x) ?? dollarRefusal(name, x, fix);
  if (refused !== undefined) throw refused;
  return readNumber(name, x, fix);
}

/**
 * A condor's vega in USD per vol point ({@link usdArg}: OVERLAY's condorVega, negative for a short
 * condor). A real condor's vega is never exactly 0: a 0 is a formula reading an empty cell, and sized
 * no units at no cost without a word, so it is refused.
 */
export function vegaArg(name: string, cell: unknown): number {
  const vega = usdArg(name, cell, 'USD per vol point', -1500);
  if (vega === 0)
    throw invalidInput(
      name,
      'is 0 (an empty cell read as 0?)',
      "pass the condor's net vega in USD per vol point, as ALVH.CONDOR's vega row gives it (negative for a short condor)",
    );
  // The overlay buys vega against a short condor's: against a long-vega book it would add to the
  // exposure it is meant to offset, so a positive vega (a sign dropped) is refused, not hedged as |vega|.
  if (vega > 0)
    throw invalidInput(
      name,
      `is ${vega}, a long-vega book: the overlay buys vega to offset a short condor's`,
      "pass the condor's net vega as ALVH.CONDOR's vega row gives it, negative for a short condor",
    );
  return vega;
}

/**
 * The error for a USD amount written with its $ ("$5,000"), which is no number: the amount without
 * it where that reads as one ("write 5,000 without $"), else `fix` (the words of {@link usdArg}); undefined
 * for a cell without $. A series's other text is a gap or a label, and keeps its fix.
 */
function dollarRefusal(
  name: string,
  cell: unknown,
  fix = 'pass a number in USD without $ or % (text such as "12795" or "12,795" also reads as one)',
): AlvhError | undefined {
  if (typeof cell !== 'string' || !cell.includes('$') || numberFromText(cell) !== undefined) return undefined;
  return invalidInput(name, `is ${show(cell)}, not a number`, dollarFix(cell) ?? fix);
}

/** A series of USD amounts ({@link seriesArg}), each cell's text refused as said above, named from 1. */
export function usdSeriesArg(name: string, range: unknown): number[] {
  forEachCell(name, range, (cell, at) => {
    const refused = usdTextRefusal(at, cell) ?? dollarRefusal(at, cell);
    if (refused !== undefined) throw refused;
  });
  return seriesArg(name, range);
}
