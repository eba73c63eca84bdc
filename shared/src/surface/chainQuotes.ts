/**
 * The quotes of an option chain as both layouts import them: one quoted option, the quotes left
 * out (counted), the settlement of each option root and the time to it, and the cell readers the
 * two parsers share (each bad cell reported with its line and column).
 */
import { clip, invalidInput, shown } from '../errors';
import { parseIsoDate } from '../dates';
import { CHAIN_STRIKE_FIX, CHAIN_STRIKE_POINTS } from '../validate';
import type { CsvRecord } from './csv';

export type Settlement = 'AM' | 'PM';

/** One quoted option (bid > 0, ask > bid: the quotes that survive import). */
export interface ChainQuote {
  /** Option root: SPX (AM-settled), SPXW (PM-settled), VIX, ... */
  root: string;
  /** Expiry date, ISO. */
  expiry: string;
  settlement: Settlement;
  strike: number;
  type: 'call' | 'put';
  bid: number;
  ask: number;
  /** 1-based line of the source text (0 for rows passed as objects: their index + 1). */
  line: number;
}

/** Quotes left out at import, counted (never guessed at). */
export interface DroppedQuotes {
  /** bid 0 (or empty) with an ask: no buyer, no mid to trust. */
  zeroBid: number;
  /** a bid but ask 0 (or empty): no seller, one-sided, so no mid (not crossed). */
  noAsk: number;
  /** bid above ask. */
  crossed: number;
  /** bid equal to ask (no width to weigh the quote by). */
  locked: number;
  /** bid and ask both 0 (or empty): no quote at all, neither one-sided nor locked. */
  empty: number;
}

/**
 * One root and expiry a chain lists, whatever became of its quotes: how many were kept, and the
 * others counted by why they were dropped. An expiry whose every quote was dropped is still listed,
 * so the fit can name it among the expiries left out.
 */
export interface ListedExpiry {
  root: string;
  expiry: string;
  settlement: Settlement;
  /** Quotes kept (in `quotes`). */
  kept: number;
  dropped: DroppedQuotes;
}

export interface ParsedChain {
  /** "Standard & Poors 500 Index", or null for a plain table. */
  underlying: string | null;
  /** Spot (Last) from the quotedata header, or the caller's; null when unknown. */
  spot: number | null;
  /** The date of the quotes' session, ISO. */
  valuationDate: string;
  /** Minutes after midnight, US Eastern wall clock, of the quotes (960 = the 16:00 close). */
  valuationMinutes: number;
  /** The stamp line as found in the file, or null. */
  stamp: string | null;
  quotes: ChainQuote[];
  dropped: DroppedQuotes;
  /** The same counts by the quote's type (they add up to `dropped`). */
  droppedByType: Record<'call' | 'put', DroppedQuotes>;
  /** Every root and expiry of the rows read (those with no quote kept too), in the order first read. */
  listed: ListedExpiry[];
  /** Strike rows (quotedata) or table rows read. */
  rowsRead: number;
}

/** Minutes after midnight (Eastern) of the settlement value: 09:30 open (AM, SOQ) or 16:00 close. */
export const SETTLEMENT_MINUTES: Readonly<Record<Settlement, number>> = Object.freeze({ AM: 570, PM: 960 });

/** Known roots and their settlement. */
const ROOT_SETTLEMENT: Readonly<Record<string, Settlement>> = Object.freeze({
  SPX: 'AM',
  SPXW: 'PM',
  SPXPM: 'PM',
  XSP: 'PM',
  VIX: 'AM',
  VIXW: 'AM',
});

const MINUTES_PER_YEAR = 365 * 1440;

/**
 * Time from the quotes to an expiry's settlement, in years (ACT/365 on the Eastern wall clock;
 * a daylight-saving change in between shifts it by at most one hour).
 */
export function yearsToSettlement(
  valuationDate: string,
  valuationMinutes: number,
  expiry: string,
  settlement: Settlement,
): number {
  const days = parseIsoDate('expiry', expiry) - parseIsoDate('valuationDate', valuationDate);
  if (!Number.isInteger(valuationMinutes) || valuationMinutes < 0 || valuationMinutes > 1439) {
    throw invalidInput(
      'valuationMinutes',
      `is ${String(valuationMinutes)}`,
      'pass the time of the quotes as whole minutes after midnight Eastern, 0-1439 (960 for the 16:00 close)',
    );
  }
  if (!Object.hasOwn(SETTLEMENT_MINUTES, settlement)) {
    throw invalidInput('settlement', `is ${JSON.stringify(settlement)}`, 'pass "AM" or "PM"');
  }
  return (days * 1440 + SETTLEMENT_MINUTES[settlement] - valuationMinutes) / MINUTES_PER_YEAR;
}

/**
 * A decimal number as a chain's text writes one ("12", "12.5", ".5", "1e3"). `\d+(?:\.\d*)?`, not
 * `\d+\.?\d*`: with the point optional, the digits split between the two runs every way, and a
 * cell of 20,000 digits and a letter took half a second.
 */
const DECIMAL = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * The number a chain's text cell writes, NaN unless it is a decimal: `Number` alone would read
 * "0x10" as 16 and "0b11" as 3, a strike or a price nobody typed.
 */
export function decimalCell(raw: string): number {
  return DECIMAL.test(raw) ? Number(raw) : NaN;
}

/** A price cell: empty means 0, no quote on that side (Cboe writes 0); anything else must be a number ≥ 0. */
export function priceCell(r: CsvRecord, col: number, name: string): number {
  const raw = r.cells[col] ?? '';
  if (raw === '') return 0;
  const x = decimalCell(raw);
  if (!Number.isFinite(x) || x < 0) {
    throw invalidInput(
      `chain line ${r.line} column ${col + 1} (${name})`,
      `is ${shown(raw)}, not a price`,
      'pass a price in index points (≥ 0), or leave the cell empty for no quote',
    );
  }
  return x;
}

/** A strike a chain's row may carry: within {@link CHAIN_STRIKE_POINTS} (NaN is none). */
export const isChainStrike = (x: number): boolean => x >= CHAIN_STRIKE_POINTS.min && x <= CHAIN_STRIKE_POINTS.max;

export function strikeCell(r: CsvRecord, col: number, name: string): number {
  const raw = r.cells[col] ?? '';
  const x = decimalCell(raw);
  if (raw === '' || !isChainStrike(x)) {
    throw invalidInput(
      `chain line ${r.line} column ${col + 1} (${name})`,
      `is ${shown(raw)}, not a strike`,
      CHAIN_STRIKE_FIX,
    );
  }
  return x;
}

/** No quote dropped yet. */
export const noneDropped = (): DroppedQuotes => ({ zeroBid: 0, noAsk: 0, crossed: 0, locked: 0, empty: 0 });

/** What the parsers count while they read: the quotes dropped, all and by type, and each root and expiry. */
export interface ChainCounts extends Pick<ParsedChain, 'dropped' | 'droppedByType'> {
  byExpiry: Map<string, ListedExpiry>;
}

/** The counts of quotes left out at import, all and by type, none yet; no expiry listed yet. */
export function droppedCounts(): ChainCounts {
  return { dropped: noneDropped(), droppedByType: { call: noneDropped(), put: noneDropped() }, byExpiry: new Map() };
}

/** The counts as a parsed chain carries them. */
export function countsOf(counts: ChainCounts): Pick<ParsedChain, 'dropped' | 'droppedByType' | 'listed'> {
  return { dropped: counts.dropped, droppedByType: counts.droppedByType, listed: [...counts.byExpiry.values()] };
}

/**
 * Keep a quote if it has a bid, an ask and a positive width; count it (and by its type and its
 * root and expiry) otherwise.
 */
export function admit(quotes: ChainQuote[], counts: ChainCounts, q: ChainQuote): void {
  const key = `${q.root}|${q.expiry}`;
  let listed = counts.byExpiry.get(key);
  if (listed === undefined) {
    listed = { root: q.root, expiry: q.expiry, settlement: q.settlement, kept: 0, dropped: noneDropped() };
    counts.byExpiry.set(key, listed);
  }
  const why: keyof DroppedQuotes | null = !(q.bid > 0)
    ? q.ask > 0
      ? 'zeroBid'
      : 'empty'
    : !(q.ask > 0)
      ? 'noAsk'
      : q.bid > q.ask
        ? 'crossed'
        : q.bid === q.ask
          ? 'locked'
          : null;
  if (why === null) {
    quotes.push(q);
    listed.kept++;
    return;
  }
  counts.dropped[why]++;
  counts.droppedByType[q.type][why]++;
  listed.dropped[why]++;
}

/**
 * A check that each option (root, expiry, strike, type) is quoted once: of two rows for one option
 * (a table pasted twice, two snapshots joined) neither can be taken as the market's quote, and both
 * in the fit would count it twice. `where` names the row in the message; `rootFix`, given for a row
 * whose root was left out (read as SPXW), is the fix instead: such a repeat is as often an SPX
 * (AM-settled) option beside the SPXW (PM) one of the same expiry as a row given twice.
 */
export function onceEach(): (q: ChainQuote, where: string, rootFix?: string) => void {
  const first = new Map<string, string>();
  return (q, where, rootFix) => {
    const option = `${q.root} ${q.expiry} ${q.strike} ${q.type}`;
    const earlier = first.get(option);
    if (earlier !== undefined) {
      throw invalidInput(
        where,
        `quotes ${option} again (first at ${earlier})`,
        rootFix ??
          'keep one row per option (root, expiry, strike, type): remove the repeat, or send one snapshot of the chain',
      );
    }
    first.set(option, where);
  };
}

export function settlementOf(root: string, field: string): Settlement {
  const s = ROOT_SETTLEMENT[root];
  if (!s) {
    throw invalidInput(
      field,
      `has option root ${shown(root)}, whose settlement time is not known here`,
      `pass options on ${Object.keys(ROOT_SETTLEMENT).join(', ')}, or the plain table with a settlement column`,
    );
  }
  return s;
}

export function emptyChain(field: string): never {
  throw invalidInput(
    field,
    'is empty (blank lines or commas alone)',
    'pass the quotedata CSV text or a table with expiry, strike, type, bid, ask',
  );
}

/**
 * A cell as a refusal quotes it: text escaped and cut to 40 characters ({@link shown}), anything else
 * as JSON, cut alike (a cell may be 1 MB; a message stays within 255 characters).
 */
export function quotedCell(x: unknown): string {
  return typeof x === 'string' ? shown(x) : clip(JSON.stringify(x) ?? 'missing');
}

/** A table cell as trimmed text (objects as JSON, so a message shows what was passed). */
export function cellString(x: unknown): string {
  if (x === null || x === undefined) return '';
  if (typeof x === 'string') return x.trim();
  return typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint' ? String(x) : JSON.stringify(x);
}

/** The dropped counts in words: "3 are crossed (bid > ask), 0 locked (bid = ask), ...". */
function droppedWords(d: DroppedQuotes): string {
  return `${d.crossed} are crossed (bid > ask), ${d.locked} locked (bid = ask), ${d.zeroBid} without a bid, ${d.noAsk} without an ask and ${d.empty} empty`;
}

export const droppedTotal = (d: DroppedQuotes): number => d.zeroBid + d.noAsk + d.crossed + d.locked + d.empty;
const total = droppedTotal;

/**
 * Why an expiry listed in the chain has no quote in the fit, its dropped quotes counted by why
 * ("no two-sided quote: 20 without a bid and 4 crossed"): the reason the fit's `skipped` gives.
 */
export function noQuoteReason(d: DroppedQuotes): string {
  const parts = (
    [
      [d.zeroBid, 'without a bid'],
      [d.noAsk, 'without an ask'],
      [d.crossed, 'crossed'],
      [d.locked, 'locked'],
      [d.empty, 'empty'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, why]) => `${n} ${why}`);
  const last = parts.pop();
  return `no two-sided quote: ${parts.length > 0 ? `${parts.join(', ')} and ${last}` : (last ?? 'none read')}`;
}

/**
 * The refusal of a chain (or of its `what` options: "VIX") with no quote kept, counting the
 * dropped ones by why.
 */
export function noUsableQuote(d: DroppedQuotes, what = ''): never {
  const of = what === '' ? '' : `${what} `;
  throw invalidInput(
    'chain',
    `has no usable ${of}quote: of ${total(d)}${what === '' ? ' quotes' : ''}, ${droppedWords(d)}`,
    'pass a chain with two-sided quotes (bid > 0, ask > bid; an empty or 0 cell is no quote)',
  );
}

/**
 * A chain the fit can start on: some quote kept, and calls and puts both (parity and the skew need
 * both). When every quote of a type was dropped at import, the message counts them by why.
 */
export function checkUsableQuotes(chain: ParsedChain): void {
  const d = chain.dropped;
  if (chain.quotes.length === 0) noUsableQuote(d);
  for (const type of ['put', 'call'] as const) {
    if (chain.quotes.some((q) => q.type === type)) continue;
    const t = chain.droppedByType[type];
    const n = total(t);
    throw invalidInput(
      'chain',
      n === 0
        ? `has no ${type} quotes`
        : `has no usable ${type} quote: ${n === 1 ? 'its one is' : `all ${n} are`} crossed (${t.crossed}), locked (${t.locked}), one-sided (${t.zeroBid} without a bid, ${t.noAsk} without an ask) or empty (${t.empty})`,
      'pass calls and puts with two-sided quotes (bid > 0, ask > bid): parity and the skew need both',
    );
  }
}
