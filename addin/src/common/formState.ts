/**
 * The taskpane form as typed: the text of each box, before {@link ./planInput} turns it into a
 * plan's input. Its own module so that the readers of the form's text (planInput, notNumber) share
 * it without importing each other.
 */
import type { FieldName } from './fields';

export interface FormState {
  fields: Record<FieldName, string>;
  futures: { expiry: string; price: string }[];
  /** Policy overrides as typed; empty means "the default". */
  policy: Record<string, string>;
  /** Your events as typed, one a line: date, kind (FOMC, CPI or PPI), optional source; blank: none. */
  events?: string;
  /** How your events meet the shipped calendar: 'add' (default) or 'replace'. */
  eventsMode?: string;
  /** The Cboe indices beside VIX as typed (the SPX surface's term structure and skew); blank: not given. */
  indices?: Partial<Record<IndexName, string>>;
}

/** The Cboe indices a plan's market may add to VIX (`market.indices`, method Section 2b). */
export const INDEX_NAMES = ['vix9d', 'vix3m', 'vix6m', 'skew'] as const;
export type IndexName = (typeof INDEX_NAMES)[number];

/** The form's number boxes and the plan input's path each fills: prices and amounts, then the rates. */
export const NUMBER_FIELD_PATHS = {
  spx: 'market.spx',
  vix: 'market.vix',
  vvix: 'market.vvix',
  k1: 'condor.strikes[0]',
  k2: 'condor.strikes[1]',
  k3: 'condor.strikes[2]',
  k4: 'condor.strikes[3]',
  credit: 'condor.credit',
  quantity: 'condor.quantity',
  capital: 'portfolio.capital',
  budget: 'portfolio.budget',
  rate: 'market.rate',
  divYield: 'market.divYield',
} as const satisfies Partial<Record<FieldName, string>>;

/** A number box of the form. */
export type NumberField = keyof typeof NUMBER_FIELD_PATHS;
