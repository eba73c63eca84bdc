/**
 * The note above the plan form (`#form-note`): what a button did (the example day loaded, values
 * read from the selection, the expiries it could not fill) or the form's general errors, those
 * with no field to show them beside (a positions line, the fitted surface's day). The errors are
 * the form's state: they go once a check of the form finds none. What a button did stays until
 * the next note replaces it.
 */

function noteElement(id = 'form-note'): HTMLElement | null {
  return document.getElementById(id);
}

/** Show `text` in the note: what a button did, or (`errors`) the form's general errors. */
export function formNote(text: string, errors = false): void {
  const note = noteElement();
  if (!note) return;
  note.textContent = text;
  if (errors && text !== '') note.dataset['errors'] = '';
  else delete note.dataset['errors'];
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
