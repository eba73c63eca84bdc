/**
 * The Campaign boxes of the form: the budget set at the condor's entry and what the overlay and the
 * tail have paid since, read apart from the form's fields, as the last rebalance is.
 */
import { CAMPAIGN_PARTS, isBlankCampaign, type CampaignPart, type CampaignText } from '../common/campaign';
import { $, input } from './form';

/** The campaign as typed. */
export function readCampaign(): CampaignText {
  return {
    campaignBudget: input('campaignBudget').value,
    paidOverlay: input('paidOverlay').value,
    paidTail: input('paidTail').value,
  };
}

/** The box that shows a message of the campaign's `part`. */
export function campaignControl(part: CampaignPart): HTMLElement {
  return input(part);
}

/** Fill the three boxes (and open them when any is filled). */
export function fillCampaign(c: CampaignText): void {
  for (const p of CAMPAIGN_PARTS) input(p).value = c[p];
  if (!isBlankCampaign(c)) ($('campaign') as HTMLDetailsElement).open = true;
}
