/**
 * Where the keyboard focus goes when a run finds the form wrong: the first field marked, or, when
 * one issue is marked at several fields (strikes out of order, each of which can fix it), the one
 * of them last edited, so the trader lands on the strike just typed.
 */

/** The name of the form field last edited (typed in), or '' before any edit. */
let lastEdited = '';

/** Follow the fields of `form` as they are edited. */
export function trackLastEdited(form: HTMLFormElement): void {
  form.addEventListener('input', (ev) => {
    const name = (ev.target as Element).getAttribute('name');
    if (name) lastEdited = name;
  });
}

/** The message shown beside a field (its `.err` sibling), or ''. */
function said(control: Element | null): string {
  const next = control?.nextElementSibling;
  return next?.classList.contains('err') ? (next.textContent ?? '') : '';
}

/**
 * The field to focus among those marked invalid in `form`: the last edited when it carries the
 * same message as the first marked, else the first. Null when none is marked.
 */
export function fieldToFocus(form: HTMLFormElement): HTMLElement | null {
  const first = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  const last = lastEdited === '' ? null : form.querySelector<HTMLElement>(`[name="${CSS.escape(lastEdited)}"]`);
  const same = last !== null && last.getAttribute('aria-invalid') === 'true' && said(last) === said(first);
  return same ? last : first;
}

/** Focus {@link fieldToFocus}, opening the collapsed section it is in. */
export function focusFieldToFix(form: HTMLFormElement): void {
  const bad = fieldToFocus(form);
  if (!bad) return;
  const details = bad.closest('details');
  if (details) details.open = true;
  bad.focus();
}
