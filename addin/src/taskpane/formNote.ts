/**
 * The note above the plan form (`#form-note`): what a button did (the example day loaded, values
 * read from the selection), what it could not do for want of an input (the expiries it could not
 * fill without a Date), or the form's general errors, those with no field to show them beside (a
 * positions line, the fitted surface's day). The errors are the form's state: they go once a check
 * of the form finds none. What a button could not do goes once the form plans. What a button did
 * stays until the next note replaces it.
 */
import { isAlvhError } from '@alvh/shared';
import { issueWords } from './issueWords';

function noteElement(id = 'form-note'): HTMLElement | null {
  return document.getElementById(id);
}

/**
 * Show `text` in the note: what a button did, (`errors` true) the form's general errors, or
 * (`'until planned'`) what a button could not do until the form is fixed.
 */
export function formNote(text: string, errors: boolean | 'until planned' = false): void {
  const note = noteElement();
  if (!note) return;
  note.textContent = text;
  delete note.dataset['errors'];
  delete note.dataset['untilPlanned'];
  if (text === '' || errors === false) return;
  note.dataset[errors === true ? 'errors' : 'untilPlanned'] = '';
}

/**
 * Why "expiries from date" filled nothing, the Date box named by its label, not the package's
 * `date`: "Expiries need a Date first: the Date box is blank; …". It goes once the form plans.
 */
export function expiriesRefused(date: string, e: unknown): void {
  const box = issueWords('valuationDate');
  formNote(
    date.trim() === ''
      ? `Expiries need a ${box} first: the ${box} box is blank; type the valuation day as YYYY-MM-DD, such as 2025-04-08.`
      : isAlvhError(e) && e.field === 'date'
        ? `Expiries need a valid ${box} first: the ${box} ${e.problem}; ${e.fix}.`
        : isAlvhError(e) && e.field === 'count'
          ? `Expiries could not be filled: the VX curve's ${e.problem.replace(/^is (\d+)/, '$1 rows')}; remove rows from the curve, or use an earlier ${box}.`
          : `Expiries could not be filled: ${e instanceof Error ? e.message : String(e)}`,
    'until planned',
  );
}

/** The form planned: a note of what a button could not do for want of an input goes. */
export function formPlanned(): void {
  if (noteElement()?.dataset['untilPlanned'] !== undefined) formNote('');
}

/** The form has no general errors: a note of them goes, a note of what a button did stays. */
export function clearFormErrors(): void {
  const note = noteElement();
  if (note?.dataset['errors'] !== undefined) formNote('');
}

/**
 * The note under the VX curve table (`#curve-note`), in the style of the note above the form: the
 * rows a paste into the table kept from before it. It stays until the curve is next edited (a cell
 * typed in, a row removed, another paste, a curve filled anew).
 */
export function curveNote(text: string): void {
  const note = noteElement('curve-note');
  if (note) note.textContent = text;
}

/** What the note under the VX curve table says ('' when it says nothing). */
export function curveNoteText(): string {
  return noteElement('curve-note')?.textContent ?? '';
}
