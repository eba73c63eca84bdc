/**
 * The note above the plan form (`#form-note`): what a button did (the example day loaded, values
 * read from the selection, the expiries it could not fill) or the form's general errors, those
 * with no field to show them beside (a positions line, the fitted surface's day). The errors are
 * the form's state: they go once a check of the form finds none. What a button did stays until
 * the next note replaces it.
 */

function noteElement(): HTMLElement | null {
  return document.getElementById('form-note');
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
