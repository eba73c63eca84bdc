/**
 * The Surface tab's VIX option chain box: Cboe quotedata of VIX options, or a table under a header
 * row naming root, expiry, strike, type, bid, ask (dated by the form's Date), pasted or opened from
 * a file. Its text goes with every plan as `market.vixChain` (`pagePlanInput`): the plan fits it,
 * each expiry on its own put-call parity forward, and marks every VIX option on the fit in place
 * of the VVIX rule; the runs send it with the plan. The fit of the same text is kept
 * (shared/src/surface/fitCache.ts), so the plan that follows the form as it is typed does not fit
 * it again. What the plan made of it is said under the box, and a chain the plan refuses is named
 * there as well as in the error box.
 */
import { MAX_MARKET_VIX_CHAIN_CHARS, grouped, type Plan } from '@alvh/shared';
import { byId, onFilePicked } from './render';

const box = (): HTMLTextAreaElement => byId<HTMLTextAreaElement>('vix-chain-text');

/** The VIX chain as typed (empty when the page has no such box). */
export function vixChainText(): string {
  return (document.getElementById('vix-chain-text') as HTMLTextAreaElement | null)?.value ?? '';
}

/**
 * A file the box could not take (empty, too large): said until the box changes or another file is
 * opened, so a check of the form that follows (the plan re-run as the page settles) does not wipe it.
 */
let fileFault = '';

/** Shows a fault of the chain at its box (empty text: none, or the file's fault while it stands); each check of the form clears it first and shows it again while it stands. */
export function vixChainError(fault: string): void {
  const text = fault === '' ? fileFault : fault;
  byId('err-vix-chain').textContent = text;
  // a refused chain marks nothing: the note of the chain planned before goes
  if (text !== '') note('');
  box().setAttribute('aria-invalid', text === '' ? 'false' : 'true');
  box().setAttribute('aria-describedby', text === '' ? 'vix-chain-hint' : 'err-vix-chain vix-chain-hint');
}

function note(text: string): void {
  byId('vix-chain-note').textContent = text;
}

/** After a plan: what it marked VIX options on (the chain's fit, or the VVIX rule with the box empty). */
export function showVixChainUse(p: Pick<Plan, 'surface'>): void {
  const used = p.surface.vixOptions;
  if (used === undefined) {
    note('');
    return;
  }
  note(`The plan marks every VIX option on this chain: ${used.describe}`);
}

/** The words of a file read into the box: too large for the plan, empty, or read. */
export function vixFileWords(name: string, size: number, text: string): { note: string; error: string } {
  if (text.trim() === '')
    return { note: '', error: `${name} is empty: open a VIX chain file (Cboe quotedata CSV of VIX options).` };
  if (text.length > MAX_MARKET_VIX_CHAIN_CHARS)
    return {
      note: '',
      error: `${name} holds ${grouped(text.length)} characters, more than the ${grouped(MAX_MARKET_VIX_CHAIN_CHARS)} a VIX chain may: open the day's VIX options alone.`,
    };
  return {
    note: `Read ${name} (${Math.round(size / 1024).toLocaleString('en-US')} KB): the plan now reads it.`,
    error: '',
  };
}

/** What the box says of its text now: a file's fault that stands (or none), shown at once. */
function fileSays(fault: string): void {
  fileFault = fault;
  vixChainError(fault);
}

/** Wires the box, its file picker and its Clear: each change re-plans (`changed`). */
export function wireVixChainBox(changed: () => void): void {
  box().addEventListener('input', () => {
    fileSays('');
    changed();
  });
  byId('vix-chain-clear').addEventListener('click', () => {
    box().value = '';
    fileSays('');
    note('');
    changed();
  });
  onFilePicked(
    'vix-chain-file',
    () => fileSays(''),
    (file, text) => {
      const read = vixFileWords(file.name, file.size, text);
      if (read.error === '') box().value = text;
      note(read.note);
      fileSays(read.error);
      if (read.error === '') changed();
    },
    fileSays,
  );
}
