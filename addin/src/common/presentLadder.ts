/**
 * The plan view's rows of a ladder of condors netted as one book (`plan.ladder`), beside the
 * Condor rows of its first condor.
 */
import type { Plan } from '@alvh/shared';
import type { PlanRow, ValueFormat } from './views';

/**
 * A ladder of condors netted as one book (plan.ladder), when the plan holds more than one: the
 * Condor rows are then the first condor's, these the book's.
 */
export function ladderRows(p: Plan): PlanRow[] {
  const l = (p as Partial<Plan>).ladder;
  if (l === undefined || l.count < 2) return [];
  const row = (label: string, value: number | string, format: ValueFormat, note: string, unit?: string): PlanRow => ({
    section: 'Ladder (the condors as one book)',
    label,
    value,
    format,
    ...(unit === undefined ? {} : { unit }),
    note,
  });
  return [
    row('Condors', l.count, 'integer', `expiries ${l.expiries.join(', ')}; the Condor rows above are the first's`),
    row('Quantity', l.quantity, 'integer', 'condors of every expiry'),
    row('Max loss', l.maxLoss, 'usd', 'Σ of each condor’s max loss'),
    row('Credit', l.maxProfit, 'usd', 'Σ of each condor’s credit (max profit)'),
    row('Days', l.days, 'number', 'days to expiry weighted by max loss: the budget’s horizon'),
    row(
      'Net vega',
      l.markGreeks.vega,
      'usd',
      'Σ of each condor’s vega on the surface: what the overlay matches',
      'per vol point',
    ),
    row('Drawdown loss', l.scenarioLoss, 'usd', 'Σ of each condor’s scenario loss, each capped at its max loss'),
    row(
      'Step 1',
      l.passesSdCheck ? 'all pass' : `fail: ${l.failingSdCheck.join(', ')}`,
      'text',
      `every condor’s short strikes against ${p.policy.minShortStrikeSd} SD`,
    ),
  ];
}
