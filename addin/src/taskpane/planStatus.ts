/**
 * The plan's one-line announcement for screen readers. The plan follows the form as it is typed,
 * re-rendered 120 ms after each edit; the results are not a live region (a screen reader would
 * read the whole plan again on every keystroke). Instead a visually hidden status (`#plan-status`,
 * `aria-live="polite"`) says what changed in a line, and is set only when that line changes.
 */
import type { PlanView } from '../common/views';
import { setStale } from './staleness';

/** What the status says while the plan shown was made from earlier inputs. */
export const PLAN_NOT_UPDATED =
  'Plan not updated: some inputs need fixing (see the fields marked, or the error above).';

/** "Plan updated: hedge budget $40,000, 3 VIX calls, 2 calendar overlay units", from the plan's tiles. */
export function planSummary(view: PlanView): string {
  const tile = (label: string): string | undefined => view.tiles.find((t) => t.label === label)?.value;
  const budget = tile('Hedge budget');
  const tail = tile('Tail hedge');
  const overlay = tile('Calendar overlay');
  const parts = [
    budget === undefined ? undefined : `hedge budget ${budget}`,
    tail,
    overlay === undefined ? undefined : `${overlay.replace(/^(\d+) /, '$1 calendar overlay ')}`,
  ].filter((x): x is string => x !== undefined);
  return `Plan updated: ${parts.length > 0 ? parts.join(', ') : view.headline}`;
}

/** Sets the status line, leaving it alone when it already says `text` (no announcement then). */
export function announcePlan(text: string): void {
  const status = document.getElementById('plan-status');
  if (status && status.textContent !== text) status.textContent = text;
}

/**
 * Say how a run ended (done, written to a sheet, cancelled) in the visually hidden status of its
 * run bar box (`[data-said]`, role status). The note beside the button is no live region: progress
 * rewrites it on every chunk. The same words said again are announced again (a no-break space is
 * toggled at their end); empty words clear the status, saying nothing.
 */
export function sayRunEnd(box: Element | null, text: string): void {
  const said = box?.querySelector('[data-said]');
  if (said) said.textContent = text !== '' && said.textContent === text ? `${text}\u00a0` : text;
}

/** What the Plan button's note says once a press has planned (in a browser, where no sheet is written). */
export const PLAN_CURRENT = 'Plan up to date with the inputs.';

function planNote(): HTMLElement | null {
  return document.querySelector('#action-plan [data-note]');
}

/**
 * The plan shown matches the inputs: not greyed, and on a press of Plan its note says so (a press
 * that changes nothing on the page is acknowledged); a note an earlier press left (its error, say)
 * is replaced when the plan then follows the form.
 */
export function planCurrent(pressed: boolean): void {
  setStale('plan-result', false);
  const note = planNote();
  // the sheet a press wrote stays named while the plan follows later edits
  const wroteSheet = note?.dataset['sheet'] !== undefined;
  if (note && (pressed || (note.textContent !== '' && !wroteSheet))) {
    note.textContent = PLAN_CURRENT;
    delete note.dataset['sheet'];
  }
  if (pressed) sayRunEnd(note?.parentElement ?? null, PLAN_CURRENT);
}

/** The Plan button's note after a press wrote the plan to `sheet`: kept while the plan follows the form. */
export function planWritten(sheet: string): void {
  const note = planNote();
  if (!note) return;
  note.textContent = `Written to sheet "${sheet}".`;
  note.dataset['sheet'] = sheet;
  sayRunEnd(note.parentElement, note.textContent);
}

/**
 * The plan shown no longer matches the inputs: greyed out, the status says it was not updated, and
 * the note is cleared, with the Plan button's status (which said the plan was up to date).
 */
export function planOutOfDate(): void {
  setStale('plan-result', true);
  announcePlan(PLAN_NOT_UPDATED);
  const note = planNote();
  if (note) {
    note.textContent = '';
    delete note.dataset['sheet'];
    sayRunEnd(note.parentElement, '');
  }
}
