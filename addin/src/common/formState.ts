/**
 * The taskpane form as typed: the text of each box, before {@link ./planInput} turns it into a
 * plan's input. Its own module so that the readers of the form's text (planInput, notNumber) share
 * it without importing each other.
 */
import { normalizeKey, type FieldName } from './fields';

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
  /** The split's signals as typed (RSI, MACD histogram, A/D slope, previous spread); blank: not given. */
  signals?: Partial<Record<SignalName, string>>;
}

/** The Cboe indices a plan's market may add to VIX (`market.indices`, method Section 2b). */
export const INDEX_NAMES = ['vix9d', 'vix3m', 'vix6m', 'skew'] as const;
export type IndexName = (typeof INDEX_NAMES)[number];

/**
 * The split's signals a plan may be given as values (`signals.rsi` …, method Sections 3-4), named
 * as the plan input and ALVH.PLAN's rows name them, in the order of their boxes.
 */
export const SIGNAL_NAMES = ['rsi', 'macdHist', 'adSlope', 'prevSpread'] as const;
export type SignalName = (typeof SIGNAL_NAMES)[number];

/**
 * Each signal's box: the label its messages name it by, and what it takes, in words and by example
 * (for the fix of a box that holds no number, or a percentage).
 */
export const SIGNAL_BOXES: Readonly<Record<SignalName, { label: string; takes: string; example: string }>> = {
  rsi: { label: 'RSI', takes: 'the RSI on its 0-100 scale', example: '35' },
  macdHist: { label: 'MACD histogram', takes: 'the MACD histogram of VVIX', example: '2.3' },
  adSlope: { label: 'A/D slope', takes: 'the A/D slope in issues a day', example: '-120' },
  prevSpread: { label: 'Previous spread', takes: 'F1 − F2 in VIX points', example: '2.5' },
};

const SIGNAL_BY_KEY: ReadonlyMap<string, SignalName> = new Map(SIGNAL_NAMES.map((n) => [normalizeKey(n), n]));

/** The signal a key names (rsi, macdHist, adSlope, prevSpread, in any case, spaced or not), if any. */
export function signalForKey(key: string): SignalName | undefined {
  return SIGNAL_BY_KEY.get(normalizeKey(key));
}

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
