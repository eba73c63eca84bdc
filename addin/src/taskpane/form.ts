/**
 * The taskpane's form as a document: its policy fields built from the policy's defaults, the VX
 * curve table, and reading or filling every input. No validation and no runs here (taskpane.ts).
 */
import { MAX_FUTURES, grouped } from '@alvh/shared';
import { FIELD_NAMES } from '../common/fields';
import { PastedCurveError, parsePastedCurve } from '../common/selection';
import type { FieldName } from '../common/fields';
import { INDEX_NAMES, SIGNAL_NAMES } from '../common/planInput';
import type { FormState, IndexName, SignalName } from '../common/planInput';
import type { LastRebalanceText } from '../common/lastRebalance';
import { POLICY_DEFAULTS, POLICY_SHOWN, policyLabel } from '../common/policyWords';
import { curveNote } from './formNote';

// The words of the issues, once here (the tests and older imports read them from the form).
export { issuesSaid, paneText } from './issueWords';

export function $(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e;
}

export const form = (): HTMLFormElement => $('plan-form') as HTMLFormElement;

export function input(name: string): HTMLInputElement | HTMLSelectElement {
  const e = form().elements.namedItem(name);
  if (!(e instanceof HTMLInputElement || e instanceof HTMLSelectElement))
    throw new Error(`the form has no input ${name}`);
  return e;
}

/** What a removed curve row reports (the page marks the curve touched and revalidates). */
let curveRemoved: () => void = () => {};
export function onCurveRowRemoved(f: () => void): void {
  curveRemoved = f;
}

export function buildPolicyFields(): void {
  const box = $('policy-fields');
  for (const key of POLICY_SHOWN) {
    // POLICY_SHOWN holds only the fields whose default is a number, a string or none.
    const def = POLICY_DEFAULTS[key] as number | string | undefined;
    const label = document.createElement('label');
    label.className = 'field';
    const span = document.createElement('span');
    span.textContent = policyLabel(key);
    label.append(span);
    let control: HTMLInputElement | HTMLSelectElement;
    if (key === 'overlay') {
      control = document.createElement('select');
      for (const o of ['spx-put-calendar', 'spx-long-put', 'vix-call-diagonal'])
        control.add(new Option(o, o, o === def, o === def));
    } else {
      control = document.createElement('input');
      control.type = 'text';
      control.inputMode = 'decimal';
      control.value = def === undefined ? '' : String(def);
      // Left blank, a box is the default: its placeholder says which.
      control.placeholder = def === undefined ? 'auto' : `default ${String(def)}`;
    }
    control.name = `policy.${key}`;
    control.dataset['default'] = def === undefined ? '' : String(def);
    control.title = `${key} (default ${def === undefined ? 'computed' : String(def)})`;
    const err = document.createElement('small');
    err.className = 'err';
    label.append(control, err);
    box.append(label);
  }
}

export function curveBody(): HTMLTableSectionElement {
  return $('curve-rows') as HTMLTableSectionElement;
}

/** Name a curve row's boxes and Remove button by its place `n` (1-based), as its messages do ("VX 2 price"). */
function numberCurveRow(tr: HTMLTableRowElement, n: number): void {
  tr.querySelector('.fut-expiry')?.setAttribute('aria-label', `VX ${n} expiry`);
  tr.querySelector('.fut-price')?.setAttribute('aria-label', `VX ${n} price`);
  tr.querySelector('button')?.setAttribute('aria-label', `Remove future ${n}`);
}

/**
 * Name every curve row by its place, once a table is filled: after a row is removed, those below
 * move up and take the numbers of their new places.
 */
function numberCurveRows(): void {
  [...curveBody().rows].forEach((tr, i) => numberCurveRow(tr, i + 1));
}

/** A curve row, its boxes holding `expiry` and `price`, not yet in the table nor numbered. */
function curveRow(expiry: string, price: string): HTMLTableRowElement {
  const tr = document.createElement('tr');
  const cell = (cls: 'expiry' | 'price', value: string): HTMLTableCellElement => {
    const td = document.createElement('td');
    const i = document.createElement('input');
    i.type = 'text';
    i.className = `fut-${cls}`;
    i.value = value;
    i.inputMode = cls === 'price' ? 'decimal' : 'numeric';
    if (cls === 'expiry') i.placeholder = 'YYYY-MM-DD';
    i.addEventListener('input', () => curveNote('')); // a row the note names may be edited now
    const err = document.createElement('small');
    err.className = 'err';
    td.append(i, err);
    return td;
  };
  const del = document.createElement('td');
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = '×';
  b.addEventListener('click', () => {
    tr.remove();
    curveNote('');
    numberCurveRows();
    curveEdited();
    curveRemoved();
  });
  del.append(b);
  tr.append(cell('expiry', expiry), cell('price', price), del);
  return tr;
}

/** A row added at the end of the curve table, numbered as the last. */
export function addCurveRow(expiry = '', price = ''): void {
  const body = curveBody();
  const tr = curveRow(expiry, price);
  body.append(tr);
  numberCurveRow(tr, body.rows.length);
  curveEdited();
}

/**
 * A paste the curve table refused, said under the table until the table changes or another paste
 * comes: the next check of the form (the plan re-run as the page settles) shows it again rather
 * than wiping it, as it did for an instant on a slow page.
 */
let pasteFault = '';

/** The refused paste's message while it stands (empty: none). */
export function curvePasteFault(): string {
  return pasteFault;
}

/** The curve table was edited: a refused paste is no longer what it holds. */
export function curveEdited(): void {
  pasteFault = '';
}

/**
 * The curve table holding `rows`, numbered in one pass once they are all in, with `note` under it
 * (the rows a paste kept from before it); a note of an earlier paste goes.
 */
export function setCurve(rows: readonly { expiry: string; price: string }[], note = ''): void {
  curveEdited();
  curveBody().replaceChildren(...rows.map((r) => curveRow(r.expiry, r.price)));
  numberCurveRows();
  curveNote(note);
}

/**
 * The note of the rows of the curve table `rows` that a paste of `count` rows into row `start`
 * (0-based) kept from before it, blank rows aside: "Rows 4-8 of the VX curve kept from before the
 * paste: …", or '' when the paste filled every row.
 */
export function keptRowsNote(rows: readonly { expiry: string; price: string }[], start: number, count: number): string {
  // runs of rows next to each other, above the paste and below it, blank rows aside
  const runs: number[][] = [];
  rows.forEach((r, i) => {
    if ((i >= start && i < start + count) || (r.expiry.trim() === '' && r.price.trim() === '')) return;
    const last = runs[runs.length - 1];
    if (last !== undefined && last[last.length - 1] === i) last.push(i + 1);
    else runs.push([i + 1]);
  });
  if (runs.length === 0) return '';
  const named = runs.map((r) => (r.length === 1 ? `${r[0]}` : `${r[0]}-${r[r.length - 1]}`));
  const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  const one = runs.length === 1 && runs[0]!.length === 1;
  return `${one ? 'Row' : 'Rows'} ${list} of the VX curve kept from before the paste: remove ${one ? 'it if it is' : 'them if they are'} not of the same day as the rows pasted.`;
}

/**
 * The refusal of a paste that would fill the curve table past its {@link MAX_FUTURES} futures:
 * `count` lines or rows pasted into the table's row `at` (0-based), named with the limit.
 */
export function tooManyCurveRows(count: number, unit: 'lines' | 'rows', at = 0): string {
  const where = at > 0 ? `, from row ${at + 1} to row ${at + count}` : '';
  const fix =
    at > 0 && count <= MAX_FUTURES
      ? 'paste them into a row higher up'
      : 'paste the monthly contracts alone, front month first, without the weeklies a curve file lists beside them';
  return `VX curve table: the paste has ${grouped(count)} ${unit}${where}, and the table takes at most ${MAX_FUTURES} futures: ${fix}. Nothing was pasted.`;
}

export function readCurve(): { expiry: string; price: string }[] {
  return [...curveBody().rows].map((tr) => ({
    expiry: (tr.querySelector('.fut-expiry') as HTMLInputElement).value,
    price: (tr.querySelector('.fut-price') as HTMLInputElement).value,
  }));
}

/**
 * Rows pasted into the curve table from the clipboard, from the row pasted into on
 * ({@link parsePastedCurve}), as a sheet pastes: the rows above and below the paste stay, and a note
 * under the table names them ({@link keptRowsNote}), a curve of the earlier day not being silently
 * mixed into the new one. `browser`: a single value, left to the browser; `refused`: a line the
 * table cannot take, its message shown under the table and the rows as they were; `expiries`:
 * prices alone, whose expiries the caller sets from the date; `filled`: expiries and prices.
 */
export function pasteIntoCurve(ev: ClipboardEvent): 'browser' | 'refused' | 'expiries' | 'filled' {
  const text = ev.clipboardData?.getData('text/plain') ?? '';
  if (!/[\t\n]/.test(text.trim())) return 'browser';
  ev.preventDefault();
  const refuse = (message: string): 'refused' => {
    pasteFault = message;
    $('err-futures').textContent = message;
    return 'refused';
  };
  // more lines than the table has rows (a header aside) are refused unread
  const lines = text.trim().split(/\r\n|\r|\n/).length;
  if (lines > MAX_FUTURES + 1) return refuse(tooManyCurveRows(lines, 'lines'));
  let rows: { expiry?: string; price: string }[];
  try {
    rows = parsePastedCurve(text);
  } catch (e) {
    if (!(e instanceof PastedCurveError)) throw e;
    return refuse(`${e.message}. Nothing was pasted.`);
  }
  const start = Math.max(
    [...curveBody().rows].indexOf((ev.target as HTMLElement).closest('tr') as HTMLTableRowElement),
    0,
  );
  if (start + rows.length > MAX_FUTURES) return refuse(tooManyCurveRows(rows.length, 'rows', start));
  const merged = readCurve();
  rows.forEach((r, i) => {
    const at = start + i;
    merged[at] = { expiry: r.expiry ?? merged[at]?.expiry ?? '', price: r.price };
  });
  setCurve(merged, keptRowsNote(merged, start, rows.length));
  return rows.every((r) => r.expiry === undefined) ? 'expiries' : 'filled';
}

/** The events box (a textarea: `input` covers inputs and selects). */
export function eventsBox(): HTMLTextAreaElement {
  const e = form().elements.namedItem('events');
  if (!(e instanceof HTMLTextAreaElement)) throw new Error('the form has no events box');
  return e;
}

/** The Positions box (a textarea, read apart from the form's fields: it is not a field of the state). */
export function positionsBox(): HTMLTextAreaElement {
  const e = form().elements.namedItem('positions');
  if (!(e instanceof HTMLTextAreaElement)) throw new Error('the form has no positions box');
  return e;
}

/** The recent VIX closes box (a textarea read apart from the form's fields, for the Monte Carlo). */
export function vixClosesBox(): HTMLTextAreaElement {
  const e = form().elements.namedItem('vixCloses');
  if (!(e instanceof HTMLTextAreaElement)) throw new Error('the form has no VIX closes box');
  return e;
}

export function readState(): FormState {
  const fields = Object.fromEntries(FIELD_NAMES.map((n) => [n, input(n).value])) as Record<FieldName, string>;
  const policy: Record<string, string> = {};
  for (const key of POLICY_SHOWN) {
    const c = input(`policy.${key}`);
    if (c.value.trim() !== (c.dataset['default'] ?? '')) policy[key] = c.value;
  }
  const indices: Partial<Record<IndexName, string>> = {};
  for (const n of INDEX_NAMES) {
    const v = input(`index.${n}`).value;
    if (v.trim() !== '') indices[n] = v;
  }
  const signals: Partial<Record<SignalName, string>> = {};
  for (const n of SIGNAL_NAMES) {
    const v = input(`signal.${n}`).value;
    if (v.trim() !== '') signals[n] = v;
  }
  return {
    fields,
    futures: readCurve(),
    policy,
    events: eventsBox().value,
    eventsMode: input('eventsMode').value,
    indices,
    signals,
  };
}

/** The last rebalance's futures box (a textarea: `input` covers inputs and selects). */
export function lastFuturesBox(): HTMLTextAreaElement {
  const e = form().elements.namedItem('lastFutures');
  if (!(e instanceof HTMLTextAreaElement)) throw new Error('the form has no last rebalance futures box');
  return e;
}

/** The last rebalance as typed (read apart from the form's fields, as the positions are). */
export function readLastRebalance(): LastRebalanceText {
  return { date: input('lastDate').value, vix: input('lastVix').value, futures: lastFuturesBox().value };
}

/** The control that shows a message of the last rebalance's `part`. */
export function lastRebalanceControl(part: 'date' | 'vix' | 'futures'): HTMLInputElement | HTMLTextAreaElement {
  if (part === 'futures') return lastFuturesBox();
  return input(part === 'date' ? 'lastDate' : 'lastVix') as HTMLInputElement;
}

/**
 * Empty the boxes a day's snapshot does not fill (positions held, the last rebalance, the campaign,
 * recent VIX closes, your events).
 */
export function clearBoxes(): void {
  for (const box of [positionsBox(), vixClosesBox(), eventsBox()]) box.value = '';
  clearLastRebalance();
  for (const name of ['campaignBudget', 'paidOverlay', 'paidTail']) input(name).value = '';
}

/** Empty the last rebalance's entry (its date, VIX and futures). */
export function clearLastRebalance(): void {
  input('lastDate').value = '';
  input('lastVix').value = '';
  lastFuturesBox().value = '';
}

/** Fill the last rebalance's entry (and open it): the date, VIX and the futures box. */
export function fillLastRebalance(last: LastRebalanceText): void {
  input('lastDate').value = last.date;
  input('lastVix').value = last.vix;
  lastFuturesBox().value = last.futures;
  ($('last-rebalance') as HTMLDetailsElement).open = true;
}

/**
 * Fill the inputs given (the others keep their values: a range of a new day clears the earlier
 * day's first, selectionFill.ts); `indices` are the Cboe indices beside VIX, `signals` the split's.
 */
export function fill(
  values: Partial<Record<FieldName, string>>,
  futures?: { expiry: string; price: string }[],
  policy: Record<string, string> = {},
  indices: Partial<Record<IndexName, string>> = {},
  signals: Partial<Record<SignalName, string>> = {},
): void {
  for (const [k, v] of Object.entries(values)) input(k).value = v ?? '';
  for (const [k, v] of Object.entries(indices)) input(`index.${k}`).value = v ?? '';
  for (const [k, v] of Object.entries(signals)) input(`signal.${k}`).value = v ?? '';
  if (futures) setCurve(futures);
  for (const [k, v] of Object.entries(policy)) input(`policy.${k}`).value = v;
  if (Object.keys(policy).length > 0) ($('policy') as HTMLDetailsElement).open = true;
}
