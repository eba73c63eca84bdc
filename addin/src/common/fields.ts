/**
 * The form's fields: their names (the `name` of each input), the aliases accepted as keys in a
 * key/value range, and which of them hold dates. One list, used by the form, by "Read from
 * selection" and by the tests.
 */

/** Scalar fields of the plan form, in reading order. */
export const FIELD_NAMES = [
  'valuationDate',
  'spx',
  'vix',
  'vvix',
  'rate',
  'divYield',
  'condorExpiry',
  'k1',
  'k2',
  'k3',
  'k4',
  'quantity',
  'credit',
  'capital',
  'budget',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** Fields that hold ISO dates (an Excel serial read from a sheet is converted). */
export const DATE_FIELDS: ReadonlySet<FieldName> = new Set(['valuationDate', 'condorExpiry']);

/** Fields that may be left empty. */
export const OPTIONAL_FIELDS: ReadonlySet<FieldName> = new Set(['vvix', 'credit', 'budget']);

/** Keys a key/value range may use for each field (compared without case, spaces, dots, `_` or `-`). */
export const FIELD_ALIASES: Record<FieldName, readonly string[]> = {
  valuationDate: ['valuationdate', 'date', 'asof', 'tradedate'],
  spx: ['spx', 'spot', 'spxspot', 'underlying', 'spxclose'],
  vix: ['vix', 'vixspot', 'vixclose'],
  vvix: ['vvix', 'volofvol'],
  rate: ['rate', 'r', 'riskfreerate', 'interestrate'],
  divYield: ['divyield', 'dividendyield', 'q', 'dividend'],
  condorExpiry: ['condorexpiry', 'expiry', 'expiration', 'condorexpiration'],
  k1: ['k1', 'longput', 'longputstrike'],
  k2: ['k2', 'shortput', 'shortputstrike'],
  k3: ['k3', 'shortcall', 'shortcallstrike'],
  k4: ['k4', 'longcall', 'longcallstrike'],
  quantity: ['quantity', 'qty', 'contracts', 'n'],
  credit: ['credit', 'condorcredit', 'premium'],
  capital: ['capital', 'accountcapital', 'equity'],
  budget: ['budget', 'hedgebudget'],
};

/** A key as compared: lower case without spaces, dots, underscores, dashes or a trailing colon. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[\s._:\-()]/g, '');
}

const byAlias = new Map<string, FieldName>();
for (const name of FIELD_NAMES) for (const alias of FIELD_ALIASES[name]) byAlias.set(alias, name);

/** The field a key names, if any. */
export function fieldForKey(key: string): FieldName | undefined {
  return byAlias.get(normalizeKey(key));
}
