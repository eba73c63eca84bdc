/**
 * What the plan input carries beyond the form's fields: the positions held (the broker CSV pasted
 * in the Positions box, sent as `positions`) and the option chain fitted on the Surface tab (sent
 * as `market.chain` when this build's plan schema takes one). The positions box is checked as it
 * is typed with the shared `parsePositionsCsv`, each bad line shown with its fix.
 */
import { MarketSnapshotSchema, parsePositionsCsv } from '@alvh/shared';
import { planInputFromForm } from '../common/planInput';
import type { FormState } from '../common/planInput';
import { positionsBox, readState } from './form';

let takesChain: boolean | undefined;
/** The chain text of the last successful fit on the Surface tab (undefined: none, or cleared). */
let chain: string | undefined;

export function keepChain(text: string | undefined): void {
  chain = text;
}

export function keptChain(): string | undefined {
  return chain;
}

/** The page's plan input: the form's fields, the Positions box and the chain kept. */
export function pagePlanInput(state: FormState = readState()): Record<string, unknown> {
  return fullPlanInput(state, positionsBox().value, chain);
}

/**
 * Whether the plan's market snapshot takes `chain` (an option chain for its marks). Probed once on
 * the shared schema itself: a strict snapshot that does not know the key names it as unrecognised.
 */
export function planTakesChain(): boolean {
  if (takesChain === undefined) {
    const r = MarketSnapshotSchema.safeParse({ chain: '' });
    takesChain = !(r.error?.issues ?? []).some(
      (i) => i.code === 'unrecognized_keys' && (i as { keys?: string[] }).keys?.includes('chain') === true,
    );
  }
  return takesChain;
}

/**
 * The raw plan input: the form's fields, plus `positions` when the box holds any text and
 * `market.chain` when a chain was fitted and the plan takes one.
 */
export function fullPlanInput(state: FormState, positions: string, kept: string | undefined): Record<string, unknown> {
  const raw = planInputFromForm(state);
  if (positions.trim() !== '') raw['positions'] = positions;
  if (kept !== undefined && planTakesChain() && raw['market'] && typeof raw['market'] === 'object') {
    raw['market'] = { ...(raw['market'] as Record<string, unknown>), chain: kept };
  }
  return raw;
}

export interface PositionsCheck {
  /** Positions read (0 for an empty box). */
  count: number;
  /** One message per bad line, "line 3: …", or the reason nothing can be read yet. */
  messages: string[];
}

/** The pasted positions checked against the valuation date (legs expiring before it are refused). */
export function checkPositions(text: string, valuationDate: string): PositionsCheck {
  if (text.trim() === '') return { count: 0, messages: [] };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(valuationDate.trim())) {
    return { count: 0, messages: ['set the Date (YYYY-MM-DD) first: positions are checked against it'] };
  }
  try {
    return { count: parsePositionsCsv(text, { valuationDate: valuationDate.trim() }).length, messages: [] };
  } catch (e) {
    const issues = (e as { issues?: readonly { path: string; message: string }[] }).issues;
    if (issues && issues.length > 0)
      return { count: 0, messages: issues.map((i) => `${i.path.replace(/^positions /, '')}: ${i.message}`) };
    return { count: 0, messages: [e instanceof Error ? e.message : String(e)] };
  }
}

/** Show a check under the Positions box (its textarea marked invalid when a line is bad). */
export function showPositionsCheck(box: HTMLTextAreaElement, check: PositionsCheck): void {
  const err = document.getElementById('err-positions');
  const note = document.getElementById('positions-note');
  if (err) err.textContent = check.messages.join('\n');
  box.setAttribute('aria-invalid', check.messages.length > 0 ? 'true' : 'false');
  if (err) box.setAttribute('aria-describedby', 'err-positions');
  if (note)
    note.textContent =
      check.count > 0
        ? `${check.count} position${check.count === 1 ? '' : 's'} read: the plan lists the orders from them to its legs.`
        : '';
}
