/**
 * The plan view's Campaign rows (`plan.campaign`): the condor's hedge campaign the plan hands back,
 * to pass to the next plan of the same condor, and, when one was read, the parts of it the layers
 * were cut to (`plan.budget.campaign`). Said in the words of the host: ALVH.PLAN's rows
 * campaignBudget, paidOverlay and paidTail, or the taskpane's Campaign boxes.
 */
import { CAMPAIGN_FIX, OVERLAY_NAMES, type Plan } from '@alvh/shared';
import { formatValue, shareWords as pc, type PlanRow, type ValueFormat } from './views';

export const CAMPAIGN_SECTION = 'Campaign';

/** How the campaign is given to the next plan: ALVH.PLAN's rows, or the taskpane's boxes. */
const PASS = {
  excel:
    'pass Budget set at entry, Paid by the overlay and Paid by the tail above as the inputs rows campaignBudget, paidOverlay, paidTail',
  taskpane:
    'type Budget set at entry, Paid by the overlay and Paid by the tail above in the Campaign boxes Budget, Paid by the overlay and Paid by the tail',
} as const;
/** How a campaign is left out. */
const LEAVE = {
  excel: 'leave out the inputs rows campaignBudget, paidOverlay, paidTail',
  taskpane: 'leave the Campaign boxes blank',
} as const;

/** The fewer-calls warning's fix (`campaign` given to the next plan) in the host's words. */
const FIX = {
  excel:
    'pass the campaign the plan before handed back as the inputs rows campaignBudget, paidOverlay, paidTail to ALVH.ORDERS with the positions, whose re-size counts them, or ',
  taskpane: 'type the campaign the plan before handed back in the Campaign boxes, whose re-size counts them, or ',
} as const;

/** Where the campaign after the day's orders comes from when the plan did not read the one given. */
const AFTER = {
  excel: 'ALVH.ORDERS, given the positions, hands back the campaign after its orders',
  taskpane: 'paste the Positions held for the campaign after the orders',
} as const;

const usd = (x: number): string => formatValue(x, 'usd');

/** The Campaign rows of the plan, or none when the plan hands no campaign back. */
export function campaignRows(p: Plan, host: 'excel' | 'taskpane'): PlanRow[] {
  const c = (p as Partial<Plan>).campaign;
  if (c === undefined) return [];
  const row = (label: string, value: number | string, format: ValueFormat, note: string): PlanRow => ({
    section: CAMPAIGN_SECTION,
    label,
    value,
    format,
    note,
  });
  const parts = p.budget.campaign;
  // a campaign given and not read (no positions) is handed back as given: no order of this plan is in it
  const asGiven = c.budgetFrom === 'campaign' && parts === undefined;
  const paid = asGiven
    ? `net premium paid since the entry (buys − sales), as given: not read today, so no order of this plan is counted in it (${p.policy.overlay === 'vix-call-diagonal' ? 'with the VIX call diagonal none is handed back once positions are given: its calls cannot be told apart by layer' : AFTER[host]})`
    : 'net premium paid since the entry (buys − sales), after this plan’s orders filled at model mids';
  const rows = [
    row(
      'Budget set at entry',
      c.budget,
      'usd',
      c.budgetFrom === 'set today'
        ? 'set today: today’s hedge budget opens the condor’s campaign, for its whole life'
        : 'given: the campaign’s budget, set at the condor’s entry for its whole life',
    ),
    row('Paid by the overlay', c.paid.overlay, 'usd', `the ${OVERLAY_NAMES[p.policy.overlay]} overlay’s ${paid}`),
    row('Paid by the tail', c.paid.tail, 'usd', `the VIX call tail’s ${paid}`),
  ];
  if (parts !== undefined) {
    const part = (share: number, layer: 'overlay' | 'tail'): string =>
      `${pc(share)} of the campaign’s ${usd(parts.budget)} − ${usd(parts.paid[layer])} paid + ${usd(parts.held[layer])} its legs held fetch: the layer was cut to this, not to today’s budget`;
    rows.push(
      row('Overlay’s part', parts.available.overlay, 'usd', part(p.split.calendarShare, 'overlay')),
      row('Tail’s part', parts.available.tail, 'usd', part(p.split.tailShare, 'tail')),
    );
  }
  rows.push(
    row(
      'Next plan of this condor',
      host === 'excel' ? 'campaignBudget, paidOverlay, paidTail' : 'the Campaign boxes',
      'text',
      `${PASS[host]} once the orders are filled, the paid figures corrected with the fills; leave them out when the condor is opened, rolled or resized${host === 'excel' ? '. With positions held, ALVH.ORDERS hands them back after its orders' : ''}`,
    ),
  );
  return rows;
}

/**
 * A warning of the plan in the host's words: the plan input's `campaign` as ALVH.PLAN's rows or the
 * taskpane's boxes ("leave campaign out" → "leave the Campaign boxes blank").
 */
export function campaignWords(warning: string, host: 'excel' | 'taskpane'): string {
  if (warning.includes(CAMPAIGN_FIX)) return warning.replace(CAMPAIGN_FIX, FIX[host]);
  if (!warning.startsWith('campaign is not read')) return warning;
  const positions = host === 'excel' ? 'pass them to ALVH.ORDERS with the positions' : 'paste the Positions held';
  return warning
    .replace(
      /^campaign is not read/,
      `${host === 'excel' ? 'The campaign rows are' : 'The Campaign boxes are'} not read`,
    )
    .replace('pass positions, or leave campaign out', `${positions}, or ${LEAVE[host]}`)
    .replace('leave campaign out', LEAVE[host]);
}
