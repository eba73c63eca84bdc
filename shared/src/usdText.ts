/**
 * Whole dollars for a message, thousands grouped, a loss's true minus before the dollar sign:
 * "$1,245", "−$1,245". An amount that rounds to zero prints "$0" whatever its sign: never "$-0"
 * (Math.round of −0.4 is −0, which toLocaleString writes "-0") nor "−$0".
 */
export function wholeUsd(x: number): string {
  const whole = Math.round(Math.abs(x));
  return `${x < 0 && whole > 0 ? '−' : ''}$${whole.toLocaleString('en-US')}`;
}

/**
 * Dollars and cents for a message, thousands grouped, a loss's true minus before the dollar sign:
 * "$3,947.50", "−$0.25"; an amount that rounds to zero cents prints "$0.00" whatever its sign.
 */
export function centsUsd(x: number): string {
  const cents = Math.round(Math.abs(x) * 100);
  const text = (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${x < 0 && cents > 0 ? '−' : ''}$${text}`;
}

/** A number for a message (an audit row, a warning): at most `digits` decimals, no trailing zeros. */
export function fmt(x: number, digits = 4): string {
  return String(Number(x.toFixed(digits)));
}
