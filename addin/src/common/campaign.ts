/**
 * The condor's hedge campaign as the taskpane enters it: the budget set at the condor's entry and
 * the net premium the overlay and the tail have paid since, in USD, as the plan before handed them
 * back (`plan.campaign`). All three blank: not given. A partly filled set is sent as `campaign` for
 * the shared schema to check, and what it cannot say in the boxes' words (a blank box of the three,
 * a percentage, thousands grouped by a dot, a decimal comma, text that is no number) is said here
 * at the same paths.
 */
import {
  decimalCommaMessage,
  dotGroupedMessage,
  hasDecimalComma,
  hasDotGroupedThousands,
  notNumberMessage,
  numberFromText,
} from './numbers';
import { normalizeKey } from './fields';

/** The three boxes as typed, by their names in the form (ALVH.PLAN's rows alike). */
export interface CampaignText {
  campaignBudget: string;
  paidOverlay: string;
  paidTail: string;
}
export type CampaignPart = keyof CampaignText;

export const CAMPAIGN_PARTS: readonly CampaignPart[] = ['campaignBudget', 'paidOverlay', 'paidTail'];

export const BLANK_CAMPAIGN: CampaignText = { campaignBudget: '', paidOverlay: '', paidTail: '' };

const PART_BY_KEY: ReadonlyMap<string, CampaignPart> = new Map(CAMPAIGN_PARTS.map((p) => [normalizeKey(p), p]));

/**
 * The campaign row a key of an inputs range names (any case, spaced or not: `campaign budget`,
 * `paid_tail`), as ALVH.PLAN and Read from selection read it; undefined for any other key.
 */
export function campaignPartForKey(key: string): CampaignPart | undefined {
  return PART_BY_KEY.get(normalizeKey(key));
}

/** The plan input's path each box fills. */
export const CAMPAIGN_PATHS: Readonly<Record<CampaignPart, string>> = {
  campaignBudget: 'campaign.budget',
  paidOverlay: 'campaign.paid.overlay',
  paidTail: 'campaign.paid.tail',
};

/** What each box takes, in the words of its messages. */
const TAKES: Readonly<Record<CampaignPart, string>> = {
  campaignBudget: "the hedge budget set at the condor's entry",
  paidOverlay: 'what the overlay has paid since the entry',
  paidTail: 'what the tail has paid since the entry',
};

export function isBlankCampaign(c: CampaignText): boolean {
  return CAMPAIGN_PARTS.every((p) => c[p].trim() === '');
}

/** A box's text as the schema should see it: the number it reads as, else the text ("40.000", "5%" stay text). */
function usdOrText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (t.endsWith('%') || hasDotGroupedThousands(t)) return t;
  return numberFromText(t) ?? t;
}

/** `campaign` of the plan input, or undefined when the three boxes are blank. */
export function campaignInput(c: CampaignText): Record<string, unknown> | undefined {
  if (isBlankCampaign(c)) return undefined;
  const [budget, overlay, tail] = CAMPAIGN_PARTS.map((p) => usdOrText(c[p]));
  return {
    ...(budget === undefined ? {} : { budget }),
    paid: { ...(overlay === undefined ? {} : { overlay }), ...(tail === undefined ? {} : { tail }) },
  };
}

/**
 * What the boxes say wrong before the schema reads them, at `campaign.*` paths: a blank box while
 * another is filled, and text that does not read as USD.
 */
export function campaignIssues(c: CampaignText): { path: string; message: string }[] {
  if (isBlankCampaign(c)) return [];
  const out: { path: string; message: string }[] = [];
  for (const part of CAMPAIGN_PARTS) {
    const t = c[part].trim();
    const path = CAMPAIGN_PATHS[part];
    const at = (message: string) => out.push({ path, message });
    if (t === '')
      at(
        `is blank: type ${TAKES[part]} in USD, as the plan before handed it back, or clear the three Campaign boxes (an entry)`,
      );
    else if (t.endsWith('%')) at('is a percentage; give it in USD (e.g. 1,500), without %');
    else if (hasDotGroupedThousands(t)) at(dotGroupedMessage(t));
    else if (numberFromText(t) !== undefined) continue;
    else if (hasDecimalComma(t)) at(decimalCommaMessage(t));
    else at(notNumberMessage(t, `type ${TAKES[part]} in USD, such as 1500 or 1,500, without $`));
  }
  return out;
}

/**
 * The box (the taskpane) or inputs row (ALVH.PLAN) a plan input path under `campaign` comes from,
 * or undefined for any other path.
 */
export function campaignPartOfPath(path: string): CampaignPart | undefined {
  const m = /^campaign(?:\.(budget|paid)(?:\.(overlay|tail))?)?/.exec(path);
  if (m === null) return undefined;
  return m[1] !== 'paid' ? 'campaignBudget' : m[2] === 'tail' ? 'paidTail' : 'paidOverlay';
}

/** The box an issue path under `campaign` shows at, or undefined for any other path. */
export function campaignTarget(path: string): { kind: 'campaign'; part: CampaignPart } | undefined {
  const part = campaignPartOfPath(path);
  return part === undefined ? undefined : { kind: 'campaign', part };
}
