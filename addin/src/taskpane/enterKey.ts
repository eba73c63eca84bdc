/**
 * Enter in a one-line box does what the box is for, as a form's Enter does in a browser. The plan
 * form has no submit button (each button is type="button" and the runs sit outside the form), so
 * a browser submits nothing on Enter by itself: here Enter in a field of the form runs the plan
 * (the form's submit, as the Plan button), in the Monte Carlo paths or seed starts the Monte Carlo
 * (as its button), and in the Settings URL or key saves the settings (as Save settings). A text
 * area keeps Enter for its new line; Enter with a modifier, or while an input method composes a
 * character, is left alone.
 */

/** The box names whose Enter presses a button of their own, by the button's selector. */
const OWN_BUTTON: Readonly<Record<string, string>> = {
  paths: '#action-mc [data-run="montecarlo"]',
  seed: '#action-mc [data-run="montecarlo"]',
  endpoint: '#settings-save',
  functionKey: '#settings-save',
};

/** Input types that take one line of text (not a checkbox, a file or a button). */
const ONE_LINE = new Set(['text', 'url', 'password', 'search', 'email', 'tel', 'number']);

/** What Enter in `target` does: press a button (by its selector), submit `form`, or nothing. */
export function enterAction(
  target: EventTarget | null,
  form: HTMLFormElement,
): { press: string } | { submit: HTMLFormElement } | undefined {
  if (!(target instanceof HTMLInputElement) || !ONE_LINE.has(target.type)) return undefined;
  const own = OWN_BUTTON[target.name];
  if (own !== undefined) return { press: own };
  return target.form === form ? { submit: form } : undefined;
}

/** Listen for Enter in the page's one-line boxes (see above). */
export function wireEnterKey(form: HTMLFormElement): void {
  document.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter' || ev.isComposing || ev.keyCode === 229 || ev.defaultPrevented) return;
    if (ev.shiftKey || ev.ctrlKey || ev.altKey || ev.metaKey) return;
    const action = enterAction(ev.target, form);
    if (action === undefined) return;
    ev.preventDefault();
    if ('submit' in action) action.submit.requestSubmit();
    else document.querySelector<HTMLButtonElement>(action.press)?.click();
  });
}
