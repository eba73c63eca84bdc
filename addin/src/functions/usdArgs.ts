/**
 * USD amounts in cells (TAILSIZE's condorLoss, OVERLAY's condorVega, FRONTIER's budgets): a number,
 * or text under the common rule, but never text whose reading is a thousand or a hundred times off.
 * Thousands grouped by a dot ("42.000", read as 42) and a percentage ("4200000%", read as 42,000)
 * are refused in the words ALVH.PLAN and the taskpane use for capital and budget.
 */
import { cellName, lineOf, numberArg, seriesArg, singleCell } from './args';
import { usdTextRefusal } from './planIssues';

/** A USD amount argument ({@link numberArg}), its text refused as said above. */
export function usdArg(name: string, cell: unknown): number {
  const x = singleCell(name, cell);
  const refused = usdTextRefusal(name, x);
  if (refused !== undefined) throw refused;
  return numberArg(name, x);
}

/** A series of USD amounts ({@link seriesArg}), each cell's text refused as said above, named from 1. */
export function usdSeriesArg(name: string, range: unknown): number[] {
  lineOf(name, range).forEach((cell, place) => {
    const refused = usdTextRefusal(cellName(name, place), cell);
    if (refused !== undefined) throw refused;
  });
  return seriesArg(name, range);
}
