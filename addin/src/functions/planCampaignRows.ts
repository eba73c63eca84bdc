/**
 * ALVH.PLAN's hedge campaign, read from its `campaignBudget`, `paidOverlay` and `paidTail` rows: the
 * budget set at the condor's entry and the net premium each layer has paid since, as the plan before
 * handed them back. All three or none.
 */
import { invalidInput } from '@alvh/shared';
import { CAMPAIGN_PARTS, campaignPartForKey, campaignPartOfPath, type CampaignPart } from '../common/campaign';
import { isMissing } from './args';
import { usdArg } from './usdArgs';

/** The rows, as the help and the docs name them, in their order: the taskpane's boxes' names. */
const CAMPAIGN_ROWS = CAMPAIGN_PARTS;
type CampaignRow = CampaignPart;

/** The campaign row a key names (any case, spaced or not), if any. */
export const campaignRowForKey: (key: string) => CampaignRow | undefined = campaignPartForKey;

/** The row of the inputs a plan input path under `campaign` comes from; undefined for any other path. */
export const campaignRowOfPath: (path: string) => CampaignRow | undefined = campaignPartOfPath;

/**
 * The plan input's `campaign` from the rows given (key as typed, value), or undefined when none
 * holds a value; a row given twice, or a set without one of the three, is refused naming the row.
 * Each value is USD ({@link usdArg}: text numbers, never "40.000" or a percentage); the schema
 * checks the ranges (a budget at least 0).
 */
export function campaignOf(rows: readonly [string, unknown][]): Record<string, unknown> | undefined {
  const byRow = new Map<CampaignRow, [string, unknown]>();
  for (const [key, value] of rows) {
    const row = campaignRowForKey(key)!;
    const first = byRow.get(row);
    if (first !== undefined)
      throw invalidInput(
        `inputs ${key}`,
        `gives ${row} again (the row "${first[0]}" gives it)`,
        'keep one row per input',
      );
    byRow.set(row, [key, value]);
  }
  const filled = CAMPAIGN_ROWS.filter((r) => byRow.has(r) && !isMissing(byRow.get(r)![1]));
  if (filled.length === 0) return undefined;
  const gap = CAMPAIGN_ROWS.find((r) => !filled.includes(r));
  if (gap !== undefined)
    throw invalidInput(
      `inputs ${gap}`,
      `is ${byRow.has(gap) ? 'empty' : 'missing'} while ${filled.join(' and ')} ${filled.length === 1 ? 'is' : 'are'} given`,
      'give all three campaign rows, as the plan before handed them back, or none at an entry',
    );
  const usd = (r: CampaignRow): number => {
    const [key, value] = byRow.get(r)!;
    return usdArg(`inputs ${key}`, value, 'USD', r === 'campaignBudget' ? 1673 : -250);
  };
  return { budget: usd('campaignBudget'), paid: { overlay: usd('paidOverlay'), tail: usd('paidTail') } };
}
