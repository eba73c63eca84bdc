/**
 * The run bar's state for each run (Plan, Stress grid, Monte Carlo, Frontier): its button, progress
 * bar, Cancel and note. While a run runs its button is disabled and Cancel shown, and the keyboard
 * focus follows (to Cancel, and back to the button when the run ends). A run that fails says why
 * in its own note as well as in the error box above the results: on a narrow pane the box sits far
 * above the bar, out of sight of the button just pressed.
 */
import {
  countWords,
  dotGroupedMessage,
  hasDotGroupedThousands,
  wholeFromText,
  type ReadingWords,
} from '../common/numbers';
import type { JobKind } from './jobs';
import { sayRunEnd } from './planStatus';
import { byId, showError } from './render';

/** The run bar's box of a run. */
export function action(kind: 'plan' | JobKind): HTMLElement {
  return byId(kind === 'plan' ? 'action-plan' : kind === 'stress' ? 'action-stress' : 'action-mc');
}

/** The note beside a run's button. */
export function runNote(kind: 'plan' | JobKind): HTMLElement {
  return action(kind).querySelector('[data-note]') as HTMLElement;
}

/**
 * Show a run as running (its button disabled, Cancel shown) or not. The focus follows: from the
 * button to Cancel when it starts, and back to the button when it ends if it was on Cancel (hidden
 * now) or lost to the page, so a keyboard user is not dropped at the top of the page. The focus
 * going back does not scroll the page: the run's result has just been brought into view.
 */
export function setBusy(run: HTMLButtonElement, cancel: HTMLElement, on: boolean): void {
  const active = document.activeElement;
  const follow = on ? active === run : active === cancel || active === document.body || active === null;
  run.disabled = on;
  cancel.hidden = !on;
  if (follow) (on ? cancel : run).focus({ preventScroll: !on });
}

/** A stress grid or Monte Carlo shown as running (bar running until its first progress) or not, with its note. */
export function setRunning(kind: JobKind, on: boolean, text = ''): void {
  const box = action(kind);
  const bar = box.querySelector('progress') as HTMLProgressElement;
  bar.hidden = !on;
  setBusy(box.querySelector('[data-run]') as HTMLButtonElement, box.querySelector('[data-cancel]') as HTMLElement, on);
  if (on) {
    // no value: the bar runs until the first progress; nor the previous run's count
    bar.removeAttribute('value');
    bar.max = 1;
    bar.removeAttribute('aria-valuetext');
  }
  runNote(kind).textContent = text;
  // Only the end is announced: done or cancelled (a failure is, by the error box, role alert).
  sayRunEnd(box, on ? '' : text);
}

export function setProgress(kind: JobKind, done: number, total: number): void {
  const bar = action(kind).querySelector('progress') as HTMLProgressElement;
  bar.max = total;
  bar.value = done;
  bar.setAttribute('aria-valuetext', `${Math.round((100 * done) / Math.max(total, 1))}%`);
  runNote(kind).textContent =
    kind === 'montecarlo' ? `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} paths` : 'Running…';
}

/**
 * A running job's note: what runs, then its share done ("42%", or "summarising" once every part is
 * done) and, when `ms` is given, the seconds it has waited ("Running 5,000 paths on <host>… 42% · 7 s").
 * A cloud run counts the seconds, so a host that streams nothing is seen to keep the page waiting.
 */
export function runningNote(what: string, share: { done: number; total: number } | undefined, ms?: number): string {
  const state =
    share === undefined || share.total <= 0
      ? ''
      : share.done >= share.total
        ? 'summarising'
        : `${Math.floor((100 * share.done) / share.total)}%`;
  const secs = ms === undefined ? '' : `${Math.round(ms / 1000)} s`;
  const tail = [state, secs].filter((t) => t !== '').join(' · ');
  return tail === '' ? what : `${what} ${tail}`;
}

/** `runningNote` of a one-request cloud run (stress grid, Monte Carlo) from its box's progress bar. */
export function oneRequestNote(ticking: string, box: HTMLElement, ms: number): string {
  const bar = box.querySelector('progress') as HTMLProgressElement;
  const share = bar.hasAttribute('value') ? { done: bar.value, total: bar.max } : undefined;
  return runningNote(ticking, share, ms);
}

/** The most characters of the error box's words a run's note repeats: the note sits in the narrow run bar. */
export const NOTE_MOST = 160;

/** `said` as a run's note repeats it: whole when short, else its start and where the rest is. */
export function noteOfError(said: string): string {
  if (said.length <= NOTE_MOST) return said;
  return `${said.slice(0, NOTE_MOST - 1).trimEnd()}… (the whole message is above the results)`;
}

/**
 * Run `job` with the error box cleared first; when it reports that it failed (true) and showed why
 * in the error box, the same words go in `note`, beside the button that was pressed (their start
 * alone when long: {@link noteOfError}).
 */
export async function withErrorInNote(note: HTMLElement, job: () => boolean | Promise<boolean>): Promise<void> {
  showError('');
  const failed = await job();
  const box = byId('error-box');
  const said = box.textContent ?? '';
  if (failed && !box.hidden && said !== '') note.textContent = noteOfError(said);
}

/**
 * Keep the page's scroll padding at the run bar's height (`--run-bar-height`, which the narrow
 * layout's scroll-padding-bottom reads) as the bar's notes wrap and unwrap, so the field that takes
 * the focus scrolls into view above the sticky bar.
 */
export function trackRunBarHeight(): void {
  const bar = document.querySelector<HTMLElement>('.actions');
  if (!bar || typeof ResizeObserver === 'undefined') return;
  const set = (): void =>
    document.documentElement.style.setProperty(
      '--run-bar-height',
      `${Math.ceil(bar.getBoundingClientRect().height)}px`,
    );
  new ResizeObserver(set).observe(bar);
  set();
}

/** The run fields read as whole numbers by the page's one rule ("20,000" grouped, "1e5"), with their bounds. */
const RUN_FIELDS = { paths: [100, 1_000_000], seed: [0, 2 ** 32 - 1] } as const;
export type RunFieldName = keyof typeof RUN_FIELDS;

function runField(name: RunFieldName): HTMLInputElement {
  return document.querySelector(`input[name="${name}"]`) as HTMLInputElement;
}

/**
 * Say `message` at a run field (paths, seed), in its message element beside it (`err-<name>`, which
 * its `aria-describedby` names), and mark it `aria-invalid`; an empty message clears both.
 */
export function markRunField(name: RunFieldName, message: string): void {
  byId(`err-${name}`).textContent = message;
  runField(name).setAttribute('aria-invalid', message === '' ? 'false' : 'true');
}

/** How a reading of a run field is named in its dot-grouped refusal ("20,000 paths", "1,000"). */
const RUN_WORDS: Record<RunFieldName, ReadingWords> = {
  paths: countWords('path', 'paths', { lo: RUN_FIELDS.paths[0], hi: RUN_FIELDS.paths[1] }),
  seed: countWords('', '', { lo: RUN_FIELDS.seed[0], hi: RUN_FIELDS.seed[1] }),
};

/**
 * A run field's whole number within its bounds, or the message saying what to pass: for thousands
 * grouped by a dot ("20.000"), both readings, as the form's counts and amounts say it.
 */
export function readRunField(name: RunFieldName): number | string {
  const [min, max] = RUN_FIELDS[name];
  const text = runField(name).value;
  if (hasDotGroupedThousands(text)) return `${name} ${dotGroupedMessage(text, RUN_WORDS[name])}`;
  const v = wholeFromText(text);
  if (v !== undefined && v >= min && v <= max) return v;
  return `${name}: pass a whole number between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}`;
}

/**
 * A run's check of a run field: its number, or undefined after saying why at the field (and in the
 * error box) and focusing it.
 */
export function runFieldOrExplain(name: RunFieldName): number | undefined {
  const v = readRunField(name);
  markRunField(name, typeof v === 'string' ? v : '');
  if (typeof v === 'number') return v;
  showError(v);
  runField(name).focus();
  return undefined;
}

/** The Monte Carlo fields (the Frontier's too): paths, seed and measure, or undefined after saying what to fix. */
export function pathsAndSeed(): { paths: number; seed: number; measure: 'real-world' | 'risk-neutral' } | undefined {
  const paths = runFieldOrExplain('paths');
  const seed = runFieldOrExplain('seed');
  const measure = document.querySelector<HTMLSelectElement>('select[name="measure"]')?.value;
  if (paths === undefined || seed === undefined) return undefined;
  return { paths, seed, measure: measure === 'risk-neutral' ? 'risk-neutral' : 'real-world' };
}

/**
 * A run refused for its paths or seed (the frontier's search over its limit, found once the paths
 * are run; a 422 from the cloud): `message` at that field, which is marked and takes the focus.
 * False, doing nothing, for a refusal that names another field or none.
 */
export function markRefusedRunField(field: string | undefined, message: string): boolean {
  if (field !== 'paths' && field !== 'seed') return false;
  markRunField(field, message);
  runField(field).focus();
  return true;
}

/**
 * As the form's fields do: a run field marked by a run is checked again as it is typed, and its
 * message and mark go once it holds a good value (a message stays while the value is still bad).
 */
export function wireRunFields(): void {
  for (const name of Object.keys(RUN_FIELDS) as RunFieldName[])
    runField(name).addEventListener('input', () => {
      const v = readRunField(name);
      if (typeof v === 'number') markRunField(name, '');
      else if (runField(name).getAttribute('aria-invalid') === 'true') markRunField(name, v);
    });
}
