/**
 * The quantity cell's text refused before it is read as a number, where a reading could be wrong:
 * dollars written in the quantity column, and a thousands separator that is a decimal one in the
 * other convention. A number cell (an Excel range) is a number and passes.
 */
import { LineFault, cellText, shown } from './positionsColumns';

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
 * in the other (a thousands dot); contracts are whole, so it is refused rather than guessed.
 */
function checkDotThousands(t: string): void {
  const m = /^\(?\s*([-+]?)\s*(\d{1,3})\.(\d{3})\s*\)?$/.exec(t);
  if (m === null) return;
  const sign = m[1] === '-' || t.startsWith('(') ? '-' : '';
  const dotted = `${sign}${Number(`${m[2]}.${m[3]}`)}`;
  const whole = `${sign}${m[2]}${m[3]}`;
  const grouped = `${sign}${m[2]},${m[3]}`;
  throw new LineFault(
    'quantity',
    `quantity ${shown(t)} is ambiguous: ${dotted} or ${grouped} contracts; write ${Number.isInteger(Number(dotted)) ? `${dotted} or ${whole}` : whole}`,
  );
}

/** The quantity cell's text checked before it is read ({@link checkNoDollars}, {@link checkDotThousands}). */
export function checkQuantityText(x: unknown): void {
  if (typeof x === 'number') return;
  const t = cellText(x);
  checkNoDollars(t);
  checkDotThousands(t);
}
