/**
 * The quantity cell's text refused before it is read as a number, where a reading could be wrong:
 * dollars written in the quantity column, and a thousands separator that is a decimal one in the
 * other convention. A number cell (an Excel range) is a number and passes.
 */
import { shown } from '../errors';
import { LineFault, cellText } from './positionsColumns';

/**
 * A quantity cell holding `$` ("$2,150.00", "($1,250.00)"): dollars, a market value or a cost, not
 * contracts; read as contracts, the plan sold 2,149 calls to reach its one.
 */
function checkNoDollars(t: string): void {
  if (!t.includes('$')) return;
  throw new LineFault(
    'quantity',
    `quantity ${shown(t)} looks like dollars; give the signed number of contracts (e.g. -10 for short 10)`,
  );
}

/**
 * A quantity written with a dot and three digits ("1.000") reads as 1 in one convention and 1,000
 * in the other (a thousands dot); contracts are whole, so it is refused rather than guessed. In text
 * separated by semicolons or tabs, which decimal-comma locales write, a comma and three digits
 * ("1,000") is refused alike: there it may be 1.
 */
function checkThousands(t: string, mark: '.' | ',', separator?: string): void {
  const groups = mark === '.' ? '(\\.\\d{3})' : '((?:,\\d{3})+)';
  // the blanks after the sign only with a sign: `\s*([-+]?)\s*` splits a run of blanks between its
  // two parts every way, quadratic in the run
  const m = new RegExp(`^\\(?\\s*(?:([-+])\\s*)?(\\d{1,3})${groups}\\s*\\)?$`).exec(t);
  if (m === null) return;
  const sign = m[1] === '-' || t.startsWith('(') ? '-' : '';
  const rest = (m[3] ?? '').slice(1).split(mark);
  const whole = `${sign}${m[2]}${rest.join('')}`;
  const why = separator === undefined ? '' : ` (in text separated by ${separator} a comma may be a decimal comma)`;
  if (rest.length > 1) {
    throw new LineFault('quantity', `quantity ${shown(t)} is ambiguous${why}; write ${whole}`);
  }
  const decimal = `${sign}${Number(`${m[2]}.${rest[0]}`)}`;
  const grouped = `${sign}${m[2]},${rest[0]}`;
  throw new LineFault(
    'quantity',
    `quantity ${shown(t)} is ambiguous: ${decimal} or ${grouped} contracts${why}; write ${Number.isInteger(Number(decimal)) ? `${decimal} or ${whole}` : whole}`,
  );
}

/**
 * The quantity cell's text checked before it is read ({@link checkNoDollars}, {@link checkThousands}).
 * `separator`: the CSV text's, when it is a semicolon or a tab (undefined for a comma and a range).
 */
export function checkQuantityText(x: unknown, separator?: ';' | '\t'): void {
  if (typeof x === 'number') return;
  const t = cellText(x);
  checkNoDollars(t);
  checkThousands(t, '.');
  if (separator !== undefined) checkThousands(t, ',', separator === ';' ? 'semicolons' : 'tabs');
}
