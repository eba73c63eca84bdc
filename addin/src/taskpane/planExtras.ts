/**
 * What the plan input carries beyond the form's fields: the positions held (the broker CSV pasted
 * in the Positions box, sent as `positions`), the last rebalance (sent as `lastRebalance`, its
 * messages shown at its date, VIX and futures box) and the surface fitted to the chain on the Surface tab
 * (sent as `market.surface`, its data form, so a plan marks on it without fitting the chain again
 * on every keystroke), and the VIX option chain of that tab (sent as `market.vixChain`). The positions box is checked as it is typed with the shared
 * `parsePositionsCsv` and, against the form's SPX and VX futures, `checkHeldAgainstMarket` (as the
 * plan checks them), each bad line shown with its fix. The recent VIX closes box goes with the
 * Monte Carlo request (`vixHistory`), read when a run starts.
 */
import {
  checkHeldAgainstMarket,
  contractKey,
  MAX_POSITIONS_TEXT,
  parsePositionsCsv,
  planWithQuotes,
  SPX_POINTS,
  TOO_LONG_POSITIONS,
  type ChainQuoteRow,
  type HeldPosition,
  type Plan,
  type SurfaceDataSchema,
} from '@alvh/shared';

/** A fitted surface in its data form, as the plan's `market.surface` takes it. */
export type KeptSurface = ReturnType<(typeof SurfaceDataSchema)['parse']>;
import { planInputFromForm } from '../common/planInput';
import type { FormState } from '../common/planInput';
import { lastRebalanceControl, positionsBox, readLastRebalance, readState, vixClosesBox } from './form';
import { messageWords } from './issueWords';
import {
  BLANK_LAST_REBALANCE,
  lastFutureLine,
  lastRebalanceInput,
  type LastRebalanceText,
} from '../common/lastRebalance';
import type { IssueTarget } from '../common/planInput';
import { byId, showError } from './render';
import { isoDate, readVixCloses, VixClosesError, type VixClose } from '../common/vixCloses';
import { vixChainText } from './vixChainBox';
import { readCampaign } from './campaignBoxes';
import { BLANK_CAMPAIGN, campaignInput, type CampaignText } from '../common/campaign';

/** The pasted line of each close last read from the VIX closes box, in the order they are sent. */
let readLines: number[] = [];

/** The surface of the last successful fit on the Surface tab (undefined: none, or cleared). */
let surface: KeptSurface | undefined;
/** The quotes of the chain that surface was fitted to: the orders' bid / ask. */
let quotes: readonly ChainQuoteRow[] | undefined;

export function keepSurface(data: KeptSurface | undefined, chainQuotes?: readonly ChainQuoteRow[]): void {
  surface = data;
  quotes = data === undefined ? undefined : chainQuotes;
}

/**
 * The plan with its orders held to the bid / ask of the chain whose surface the plan marked on (the
 * plan is sent the surface, not the chain), as the plan quotes them when it fits a chain itself;
 * quotes taken at another SPX than the form's bound nothing, and a warning says so.
 */
export function quotedPlan(p: Plan): Plan {
  if (surface === undefined) return p;
  // the Surface tab's fit is at the chain's Last (quotedata) or at the SPX of the form when fitted (a table)
  return planWithQuotes(p, quotes, { chain: 'the chain', spx: 'SPX', taken: 'were fitted at SPX {at}' });
}

export function keptSurface(): KeptSurface | undefined {
  return surface;
}

/**
 * The page's plan input: the form's fields, the Positions box, the last rebalance, the fitted
 * surface kept, the VIX chain and the Campaign boxes.
 */
export function pagePlanInput(state: FormState = readState()): Record<string, unknown> {
  return fullPlanInput(state, positionsBox().value, surface, readLastRebalance(), vixChainText(), readCampaign());
}

/**
 * The raw plan input: the form's fields, plus `positions` when the box holds any text,
 * `lastRebalance` when any of its entry is filled, `market.surface` when a chain was fitted on
 * the Surface tab, `market.vixChain` when its VIX chain box holds text, and `campaign` when any
 * of the three Campaign boxes is filled.
 */
export function fullPlanInput(
  state: FormState,
  positions: string,
  kept: KeptSurface | undefined,
  last: LastRebalanceText = BLANK_LAST_REBALANCE,
  vixChain = '',
  campaignText: CampaignText = BLANK_CAMPAIGN,
): Record<string, unknown> {
  const raw = planInputFromForm(state);
  if (positions.trim() !== '') raw['positions'] = positions;
  const lastRebalance = lastRebalanceInput(last);
  if (lastRebalance !== undefined) raw['lastRebalance'] = lastRebalance;
  const campaign = campaignInput(campaignText);
  if (campaign !== undefined) raw['campaign'] = campaign;
  if (raw['market'] && typeof raw['market'] === 'object') {
    const market = raw['market'] as Record<string, unknown>;
    raw['market'] = {
      ...market,
      ...(kept === undefined ? {} : { surface: kept }),
      ...(vixChain.trim() === '' ? {} : { vixChain }),
    };
  }
  return raw;
}

/**
 * Where a last rebalance issue shows: its control, the key that marks it touched, and the text (a
 * future's by the line of the box it was pasted on: "line 3, price: …").
 */
export function lastIssueAt(
  t: Extract<IssueTarget, { kind: 'last' }>,
  message: string,
): { control: HTMLElement; key: string; text: string } {
  const control = lastRebalanceControl(t.part);
  const key = control.getAttribute('name') ?? '';
  if (t.row === undefined) return { control, key, text: message };
  const line = lastFutureLine(readLastRebalance(), t.row);
  const at = line === undefined ? `future ${t.row + 1}` : `line ${line}`;
  return { control, key, text: `${at}${t.cell ? `, ${t.cell}` : ''}: ${message}` };
}

export interface PositionsCheck {
  /** Position lines read (0 for an empty box). */
  count: number;
  /**
   * The distinct options they name, where lines of one option net (set only when fewer than
   * `count`), and how many of those net to zero (none held).
   */
  options?: { distinct: number; netZero: number };
  /** One message per bad line, "line 3: …", or the reason nothing can be read yet. */
  messages: string[];
  /** Whether they were checked against SPX and the VX futures too (else the plan checks them). */
  market?: boolean;
  /** The box holds text but no position row (a header alone, blank cells): every order opens from zero. */
  noRows?: true;
}

/** The market the positions are checked against: the form's SPX and last VX future, when it gives them. */
export interface PositionsMarket {
  spot?: number;
  lastFuture?: string;
}

/**
 * The form's SPX (when a level) and last VX future (when every row of the curve has an expiry), as
 * the positions are checked against them.
 */
export function positionsMarket(state: FormState): PositionsMarket {
  const market = planInputFromForm(state)['market'] as { spx?: unknown; futures?: { expiry?: unknown }[] } | undefined;
  const spx = market?.spx;
  const expiries = (market?.futures ?? []).map((f) => f.expiry);
  const dated = expiries.length > 0 && expiries.every((x) => typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x));
  const out: PositionsMarket = {};
  if (typeof spx === 'number' && spx >= SPX_POINTS.min && spx <= SPX_POINTS.max) out.spot = spx;
  if (dated) out.lastFuture = (expiries as string[]).reduce((a, b) => (b > a ? b : a));
  return out;
}

/** The message lines of a refusal: "line 3: …" for each bad line. */
function lineMessages(e: unknown): string[] {
  const issues = (e as { issues?: readonly { path: string; message: string }[] }).issues;
  if (issues && issues.length > 0)
    return issues.map((i) => `${i.path.replace(/^positions /, '')}: ${messageWords(i.message)}`);
  const { field, problem, fix } = e as { field?: unknown; problem?: unknown; fix?: unknown };
  if (typeof field === 'string' && field.startsWith('positions ') && typeof problem === 'string')
    return [`${field.replace(/^positions /, '')}: ${messageWords(`${problem}; ${String(fix)}`)}`];
  return [e instanceof Error ? e.message : String(e)];
}

/** The positions box last read: its text, the date it was read against, and what it gave. */
let lastRead:
  | { text: string; date: string; held: readonly HeldPosition[] }
  | { text: string; date: string; error: unknown }
  | undefined;

/**
 * The positions in `text` as of `valuationDate`, read once per text and date: a keystroke in any
 * other field checks the form again without reading a pasted book of thousands of lines again.
 */
function readPositions(text: string, valuationDate: string): readonly HeldPosition[] {
  if (lastRead?.text !== text || lastRead.date !== valuationDate) {
    try {
      lastRead = { text, date: valuationDate, held: parsePositionsCsv(text, { valuationDate }) };
    } catch (error) {
      lastRead = { text, date: valuationDate, error };
    }
  }
  if ('error' in lastRead) throw lastRead.error;
  return lastRead.held;
}

/**
 * The pasted positions checked against the valuation date (legs expiring before it are refused)
 * and, as the plan checks them, against the form's SPX and VX futures when it gives them.
 */
export function checkPositions(text: string, valuationDate: string, market: PositionsMarket = {}): PositionsCheck {
  if (text.trim() === '') return { count: 0, messages: [] };
  // the plan refuses it unread: a pane that read it said "9999 positions read", then the run failed
  if (text.length > MAX_POSITIONS_TEXT)
    return { count: 0, messages: [`${text.length.toLocaleString('en-US')} characters: ${TOO_LONG_POSITIONS}`] };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(valuationDate.trim())) {
    return { count: 0, messages: ['set the Date (YYYY-MM-DD) first: positions are checked against it'] };
  }
  try {
    const held = readPositions(text, valuationDate.trim());
    checkHeldAgainstMarket(held, market);
    if (held.length === 0) return { count: 0, messages: [], noRows: true };
    const net = new Map<string, number>();
    for (const { leg: l } of held) {
      // the contract as the orders net it: SPX and SPXW of one third Friday are two (hedge/orders.ts)
      const key = contractKey(l);
      net.set(key, (net.get(key) ?? 0) + l.quantity);
    }
    const options = { distinct: net.size, netZero: [...net.values()].filter((q) => q === 0).length };
    return {
      count: held.length,
      messages: [],
      market: market.spot !== undefined && market.lastFuture !== undefined,
      ...(net.size < held.length ? { options } : {}),
    };
  } catch (e) {
    return { count: 0, messages: lineMessages(e) };
  }
}

/** The boxes checked as the form is: the positions (against its date and market) and the recent VIX closes. */
export function showBoxChecks(state: FormState): void {
  const valuationDate = state.fields.valuationDate;
  showPositionsCheck(positionsBox(), checkPositions(positionsBox().value, valuationDate, positionsMarket(state)));
  showVixCloses(valuationDate.trim());
}

/** Show a check under the Positions box (its textarea marked invalid when a line is bad). */
export function showPositionsCheck(box: HTMLTextAreaElement, check: PositionsCheck): void {
  const err = document.getElementById('err-positions');
  const note = document.getElementById('positions-note');
  if (err) err.textContent = check.messages.join('\n');
  box.setAttribute('aria-invalid', check.messages.length > 0 ? 'true' : 'false');
  if (err) box.setAttribute('aria-describedby', 'err-positions');
  if (note) note.textContent = positionsNote(check);
}

/** Lines of one option netted: "2 distinct options once lines of one option net, 1 of them netting to zero". */
function netted({ distinct, netZero }: { distinct: number; netZero: number }): string {
  const options = `${distinct} distinct option${distinct === 1 ? '' : 's'} once lines of one option net`;
  if (netZero === 0) return options;
  const which = netZero < distinct ? `${netZero} of them` : distinct === 1 ? 'its lines' : 'each';
  return `${options}, ${which} netting to zero`;
}

/** The note under the Positions box: how many positions were read, and what the plan does with them. */
export function positionsNote(check: PositionsCheck): string {
  if (check.noRows === true)
    return '0 positions read: the box holds no position rows, so every order opens from zero, as if nothing were held.';
  const read =
    check.options === undefined
      ? `${check.count} position${check.count === 1 ? '' : 's'} read`
      : `${check.count} position lines read (${netted(check.options)})`;
  return check.count === 0
    ? ''
    : check.market === true
      ? `${read} and checked against SPX and the VX futures: the plan lists the orders from them to its legs.`
      : `${read}; checked against SPX and the VX futures when the plan runs, which lists the orders from them to its legs.`;
}

/**
 * The recent VIX closes box read for `valuationDate`, its message shown beside it: the closes
 * (undefined when the box is blank), or null when a row needs fixing (its line and fix shown). The
 * form's check calls it as the box is typed, a Monte Carlo run when it starts.
 */
export function showVixCloses(valuationDate: string): VixClose[] | undefined | null {
  const box = vixClosesBox();
  const err = byId('err-vixCloses');
  if (box.value.trim() !== '' && isoDate(valuationDate) !== valuationDate) {
    // as the positions box: closes are read up to the Date, so there is nothing to read them against yet
    err.textContent = 'VIX closes: set the Date (YYYY-MM-DD) first: the closes are read up to it';
    box.setAttribute('aria-invalid', 'true');
    closesNotUsed('the Date is set');
    return null;
  }
  try {
    const read = readVixCloses(box.value, valuationDate);
    readLines = read?.lines ?? [];
    err.textContent = '';
    box.setAttribute('aria-invalid', 'false');
    byId('vix-closes-note').textContent =
      read === null
        ? "Without them the model starts from today's VIX alone, and reads a spike out of calm as more lasting than its history says."
        : `The Monte Carlo starts from ${read.note}.`;
    return read?.closes;
  } catch (e) {
    if (!(e instanceof VixClosesError)) throw e;
    err.textContent = e.message;
    box.setAttribute('aria-invalid', 'true');
    closesNotUsed(`line ${e.line} is fixed`);
    return null;
  }
}

/**
 * The hint under the box while a line needs fixing: no close is used until `until` (never the
 * last good reading's "The Monte Carlo starts from 600 closes, …" beside the new error).
 */
function closesNotUsed(until: string): void {
  byId('vix-closes-note').textContent =
    `No closes are used until ${until}: fix it as said above, or clear the box to start the Monte Carlo from today's VIX alone.`;
}

/** A message at the VIX closes box, which opens, is marked and takes the focus; said above too. */
function explainAtBox(text: string): void {
  byId('err-vixCloses').textContent = text;
  vixClosesBox().setAttribute('aria-invalid', 'true');
  byId<HTMLDetailsElement>('vix-closes').open = true;
  showError(text);
  vixClosesBox().focus();
}

/** {@link showVixCloses} for a run: a row to fix also opens the box, focuses it and says so above. */
export function vixClosesOrExplain(valuationDate: string): VixClose[] | undefined | null {
  const closes = showVixCloses(valuationDate);
  if (closes === null) explainAtBox(byId('err-vixCloses').textContent ?? '');
  return closes;
}

/**
 * A run's refusal of a pasted VIX close (`vixHistory[2].vix: is 40 on the valuation date, …`),
 * shown at the box by the line it was pasted on, never by its place in the request, and in the
 * pane's words (the API's "leave vixHistory out" is "clear the VIX closes box"). False, and
 * nothing shown, for any other error.
 */
export function showVixIssue(e: unknown): boolean {
  const listed = (e as { issues?: readonly { path: string; message: string }[] }).issues ?? [];
  const said = /^(vixHistory[^:\s]*): ([\s\S]*)$/.exec(e instanceof Error ? e.message : '');
  const hit =
    listed.find((i) => i.path.startsWith('vixHistory')) ?? (said ? { path: said[1]!, message: said[2]! } : undefined);
  if (hit === undefined) return false;
  const at = /^vixHistory\[(\d+)\]/.exec(hit.path);
  const line = at ? readLines[Number(at[1])] : undefined;
  // the API's "leave vixHistory out" is, on the pane, the box cleared
  const message = hit.message.replace(/\bleave vixHistory out\b/g, 'clear the VIX closes box');
  explainAtBox(`VIX closes${line === undefined ? '' : `, line ${line}`}: ${message}`);
  closesNotUsed(line === undefined ? 'the closes are fixed' : `line ${line} is fixed`);
  return true;
}
