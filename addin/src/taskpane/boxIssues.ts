/**
 * The issues of the entries read apart from the form's fields, the last rebalance and the Campaign
 * boxes, and where each shows: its control, the key that marks it touched, the text, and the
 * section that holds it (opened to show it).
 */
import { lastRebalanceIssues } from '../common/lastRebalance';
import { campaignIssues } from '../common/campaign';
import type { IssueTarget } from '../common/planInput';
import { readLastRebalance } from './form';
import { lastIssueAt } from './planExtras';
import { campaignControl, readCampaign } from './campaignBoxes';

/** What the last rebalance and the Campaign boxes say wrong before the schema reads them. */
export function boxIssues(valuationDate: string): { path: string; message: string }[] {
  return [...lastRebalanceIssues(readLastRebalance(), valuationDate), ...campaignIssues(readCampaign())];
}

/** Where an issue of the last rebalance or of a Campaign box shows. */
export function boxIssueAt(
  t: Extract<IssueTarget, { kind: 'last' | 'campaign' }>,
  message: string,
): { control: HTMLElement; key: string; text: string; section: string } {
  if (t.kind === 'last') return { ...lastIssueAt(t, message), section: 'last-rebalance' };
  return { control: campaignControl(t.part), key: t.part, text: message, section: 'campaign' };
}
