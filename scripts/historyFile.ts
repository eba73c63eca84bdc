/**
 * One market history file of the data folder read for a script (`npm run calibrate`, `npm run
 * replay`): its rows, or why it cannot be read as one line that names the file and the fix, for
 * the script to print in place of a stack trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlvhError, parseMarketHistory, type MarketHistoryFormat, type MarketRow } from '../shared/src/index';

/** The rows of one history file of the data folder, or why it cannot be read (its name first, then the fix). */
export function readHistoryFile(
  dir: string,
  name: string,
  format?: MarketHistoryFormat,
): { rows: MarketRow[] } | { problem: string } {
  let text: string;
  try {
    text = readFileSync(join(dir, name), 'utf8');
  } catch (e) {
    return { problem: `${name}: cannot be read (${(e as Error).message}); check the file in ${dir}` };
  }
  try {
    return { rows: parseMarketHistory(text, format) };
  } catch (e) {
    if (!isAlvhError(e)) throw e;
    // The parser names the line (a file cut short fails on its last) and the fix; "text" is the file itself.
    return { problem: `${name}: ${e.field === 'text' ? '' : `${e.field}: `}${e.problem}; ${e.fix}` };
  }
}
