/**
 * "Read from selection" on a new day: a range whose date differs from the form's gives that day's
 * market, so the form's inputs of the earlier day that the range does not give are cleared rather
 * than marked on the new date (a plan of 2023-06-09 priced on the VIX9D, VIX3M and SKEW of
 * 2025-04-08). Cleared: SPX, VIX, VVIX, the rate and dividend yield, the Cboe indices beside VIX,
 * the split's signals (RSI, MACD histogram, A/D slope, previous spread), the VX curve, a chain fitted on the Surface tab for another day, the condor's credit when the
 * range gives its strikes or expiry (a credit belongs to its strikes), and a last rebalance dated
 * after the new day. Kept, and named in the note: what the trader holds or prefers (the condor's
 * strikes and quantity when not given, capital, budget, policy overrides, the positions held, the
 * hedge campaign (it is the condor's, not the day's), the recent VIX closes, which are read up to the new date, and the events). ALVH.PLAN on the same
 * range then reads the same market as the plan on the pane.
 */
import type { FieldName } from './fields';
import type { FormState, IndexName, SignalName } from './formState';
import { INDEX_NAMES, SIGNAL_BOXES, SIGNAL_NAMES } from './formState';
import type { LastRebalanceText } from './lastRebalance';
import { isBlankCampaign, type CampaignText } from './campaign';
import type { SelectionValues } from './selection';
import { policyLabel } from './policyWords';

/** The pane before the range is read: the form and the boxes beside it. */
export interface PaneBefore {
  state: FormState;
  positions: string;
  vixCloses: string;
  last: LastRebalanceText;
  /** The Campaign boxes as typed. */
  campaign: CampaignText;
  /** The day of the chain fitted on the Surface tab, if the plan marks on one. */
  surfaceDate?: string;
}

/** What a new day's range clears and what it keeps of the earlier day, in the note's words. */
export interface NewDay {
  fields: FieldName[];
  indices: IndexName[];
  signals: SignalName[];
  futures: boolean;
  surface: boolean;
  last: boolean;
  /** "budget 40,000", "positions (3 lines)" … */
  kept: string[];
  /** "VVIX", "VIX9D", "RSI", "credit", "the VX curve" … */
  cleared: string[];
}

/** The market of a day: cleared on a new day when the range does not give it. */
const MARKET_FIELDS = ['spx', 'vix', 'vvix', 'rate', 'divYield'] as const satisfies readonly FieldName[];
/** The condor's inputs: a credit belongs to them. */
const CONDOR_FIELDS = ['condorExpiry', 'k1', 'k2', 'k3', 'k4'] as const satisfies readonly FieldName[];
/** The inputs kept from before when the range does not give them (named in the note). */
const KEPT_FIELDS = [...CONDOR_FIELDS, 'quantity', 'credit', 'capital', 'budget'] as const;

const WORDS: Record<FieldName, string> = {
  valuationDate: 'date',
  spx: 'SPX',
  vix: 'VIX',
  vvix: 'VVIX',
  rate: 'rate',
  divYield: 'div. yield',
  condorExpiry: 'expiry',
  k1: 'K1',
  k2: 'K2',
  k3: 'K3',
  k4: 'K4',
  quantity: 'quantity',
  credit: 'credit',
  capital: 'capital',
  budget: 'budget',
};

/** A value as the note shows it: a plain number with thousands separators, other text as typed. */
function shown(v: string): string {
  const t = v.trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t).toLocaleString('en-US', { maximumFractionDigits: 10 }) : t;
}

const filled = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

/**
 * What reading `got` does to the pane `before`: undefined when the range gives no date or the
 * form's own (the same day: the inputs it does not give are still of that day, and stay).
 */
export function newDayOf(got: SelectionValues, before: PaneBefore): NewDay | undefined {
  const date = got.fields.valuationDate?.trim();
  if (!filled(date) || date === before.state.fields.valuationDate.trim()) return undefined;
  const was = before.state.fields;
  const out: NewDay = {
    fields: [],
    indices: [],
    signals: [],
    futures: false,
    surface: false,
    last: false,
    kept: [],
    cleared: [],
  };
  const clear = (f: FieldName): void => {
    out.fields.push(f);
    out.cleared.push(WORDS[f]);
  };
  for (const f of MARKET_FIELDS) if (got.fields[f] === undefined && filled(was[f])) clear(f);
  for (const n of INDEX_NAMES)
    if (got.indices[n] === undefined && filled(before.state.indices?.[n])) {
      out.indices.push(n);
      out.cleared.push(n.toUpperCase());
    }
  for (const n of SIGNAL_NAMES)
    if (got.signals[n] === undefined && filled(before.state.signals?.[n])) {
      out.signals.push(n);
      out.cleared.push(SIGNAL_BOXES[n].label);
    }
  if (got.futures === undefined && before.state.futures.some((r) => filled(r.expiry) || filled(r.price))) {
    out.futures = true;
    out.cleared.push('the VX curve');
  }
  const condorGiven = CONDOR_FIELDS.some((f) => got.fields[f] !== undefined);
  if (condorGiven && got.fields.credit === undefined && filled(was.credit)) clear('credit');
  if (before.surfaceDate !== undefined && before.surfaceDate !== date) {
    out.surface = true;
    out.cleared.push(`the chain of ${before.surfaceDate} fitted on the Surface tab`);
  }
  for (const f of KEPT_FIELDS)
    if (got.fields[f] === undefined && filled(was[f]) && !out.fields.includes(f))
      out.kept.push(`${WORDS[f]} ${shown(was[f])}`);
  for (const [k, v] of Object.entries(before.state.policy))
    if (got.policy[k] === undefined) out.kept.push(`${policyLabel(k)} ${shown(v)}`);
  const lines = (text: string): number => text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').length;
  if (filled(before.positions)) out.kept.push(`positions (${lines(before.positions)} lines)`);
  if (got.last === undefined && [before.last.date, before.last.vix, before.last.futures].some(filled)) {
    // a rebalance after the new day cannot be the last one before it
    if (before.last.date.trim() > date) {
      out.last = true;
      out.cleared.push(`the last rebalance of ${before.last.date.trim()}`);
    } else out.kept.push(`the last rebalance${filled(before.last.date) ? ` of ${before.last.date.trim()}` : ''}`);
  }
  if (got.campaign === undefined && !isBlankCampaign(before.campaign)) {
    const budget = before.campaign.campaignBudget.trim();
    out.kept.push(`the campaign${budget === '' ? '' : ` (budget ${shown(budget)})`}`);
  }
  if (filled(before.vixCloses)) out.kept.push('recent VIX closes (read up to the new date)');
  if (filled(before.state.events)) out.kept.push('your events');
  return out;
}

/** The note after a range was read: how many values, and on a new day what was kept and cleared. */
export function selectionNote(n: number, day: NewDay | undefined): string {
  const read = `Read ${n} value${n === 1 ? '' : 's'} from the selection`;
  if (day === undefined) return `${read}.`;
  const parts = [read];
  if (day.kept.length > 0) parts.push(`kept from before: ${day.kept.join(', ')}`);
  if (day.cleared.length > 0) parts.push(`cleared (of the earlier day, not in the range): ${day.cleared.join(', ')}`);
  return `${parts.join('; ')}.`;
}
