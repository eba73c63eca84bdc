/**
 * The policy's fields in the words of the room a plan is read in. The package's words name a field
 * by its JSON path (`policy.targetIrr`), as the API takes it; ALVH.PLAN's inputs range names its
 * row `targetIrr`, and the taskpane's Policy section labels its box "Target IRR".
 */
import { POLICY_FIELDS, resolvePolicy } from '@alvh/shared';

export const POLICY_DEFAULTS = resolvePolicy() as unknown as Record<string, unknown>;

/** Policy fields the taskpane shows: the scalar ones (the knots and skew stay at their defaults). */
export const POLICY_SHOWN = POLICY_FIELDS.filter((k) => {
  const v = POLICY_DEFAULTS[k];
  return v === undefined || typeof v === 'number' || typeof v === 'string';
});

const POLICY_NAMES: ReadonlySet<string> = new Set(POLICY_FIELDS);
const SHOWN_NAMES: ReadonlySet<string> = new Set(POLICY_SHOWN);

/** Words of a policy field's name as its label reads: "spxVixCorrelation" → "SPX VIX correlation". */
const ACRONYMS: Readonly<Record<string, string>> = {
  spx: 'SPX',
  vix: 'VIX',
  irr: 'IRR',
  otm: 'OTM',
  dte: 'DTE',
  rsi: 'RSI',
  sd: 'SD',
  pct: '%',
  pts: 'points',
  pt: 'point',
};

export function policyLabel(key: string): string {
  const words = key.split(/(?=[A-Z])/).map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Each `policy.field` of a text, renamed by `name` (fields the policy does not have stay). */
function renamed(text: string, keep: ReadonlySet<string>, name: (field: string) => string): string {
  return text.replace(/(?<![\w.])policy\.([A-Za-z]+)\b/g, (all, field: string) =>
    keep.has(field) ? name(field) : all,
  );
}

/**
 * A plan's words with each policy field named as the inputs range names its row
 * (`policy.drawdownDays` → `drawdownDays`): Excel refuses a row `policy.drawdownDays`, while the
 * API's JSON path is `policy.drawdownDays`, where the words stay as they are.
 */
export function policyRowNames(text: string): string {
  return renamed(text, POLICY_NAMES, (field) => field);
}

/**
 * A plan's words with each policy field the taskpane shows named as its Policy box is labelled
 * (`policy.targetIrr` → `Policy "Target IRR"`); a field with no box keeps its path.
 */
export function policyBoxNames(text: string): string {
  return renamed(text, SHOWN_NAMES, (field) => `Policy "${policyLabel(field)}"`);
}
