/**
 * The plan table's figures as the page shows them (the sheet keeps the numbers, in its number
 * formats): {@link formatValue}'s text, but for two rows read together. Two shares of one whole
 * side by side (the calendar's and the tail's of the hedge budget) show as adding up to 100.0%,
 * and rows compared with each other (the short strikes' distances) show the same decimals. A
 * dollar figure under $100 shows its cents: a theta of $0.30 a day would read "$0".
 */
import { formatValue, type PlanRow } from '../common/views';

/** Dollar rows under this many dollars show their cents ("$0.30 per day"); from it, whole dollars. */
const CENTS_BELOW = 100;

/** Rows shown to a fixed number of decimals, by label: "1.52" beside "1.17", never "1.524" beside "1.1687". */
const FIXED_DIGITS: Readonly<Record<string, number>> = {
  'Short put distance': 2, // as the plan's warnings say them: "1.17 SD from spot"
  'Short call distance': 2,
};

/**
 * The text of each of `rows`. A percentage that follows one with which it makes a whole (0.4075
 * and 0.5925) is shown as 100% less the first as shown, "40.8%" and "59.2%": each rounded on its
 * own, half up, they would read 40.8% and 59.3%.
 */
export function planRowTexts(rows: readonly PlanRow[]): string[] {
  const texts: string[] = [];
  rows.forEach((r, i) => {
    const before = rows[i - 1];
    const digits = FIXED_DIGITS[r.label];
    if (typeof r.value === 'number' && digits !== undefined && r.unit === undefined)
      texts.push(r.value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
    else if (
      r.format === 'pct' &&
      before?.format === 'pct' &&
      typeof r.value === 'number' &&
      typeof before.value === 'number' &&
      Math.abs(before.value + r.value - 1) < 1e-9
    )
      // in tenths of a percent, as 'pct' shows them: 1000 less the first's
      texts.push(`${((1000 - Math.round(Number.parseFloat(texts[i - 1]!) * 10)) / 10).toFixed(1)}%`);
    else if (r.format === 'usd' && typeof r.value === 'number' && Math.abs(r.value) < CENTS_BELOW) {
      // "$0.30 per day", not "$0 per day": whole dollars say nothing of a small figure
      const cents = Math.round(r.value * 100) / 100 || 0; // || 0: -0.004 reads "$0.00", never "-$0.00"
      const text = cents.toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });
      texts.push(r.unit === undefined ? text : `${text} ${r.unit}`);
    } else texts.push(formatValue(r.value, r.format, r.unit));
  });
  return texts;
}
