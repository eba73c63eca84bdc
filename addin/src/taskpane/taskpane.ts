/**
 * The ALVH taskpane: the plan form, validation as you type (the shared zod schemas' messages beside
 * each field), the runs (plan here, stress grid and Monte Carlo on the cloud endpoint or in a Web
 * Worker) with progress and cancel, and the results in the page and, inside Excel, in new
 * worksheets. The maths is all in '@alvh/shared'; this file is wiring, one handler per control in
 * one file so the order the page starts in reads top to bottom (the rooms test bounds it at 600
 * lines); forms, jobs, settings, the Surface tab, the frontier and the workbook are modules beside it.
 */
import { PlanInputSchema, formatPath, isAlvhError, plan, vxExpiriesAfter } from '@alvh/shared';
import {
  $,
  addCurveRow,
  buildPolicyFields,
  curveBody,
  curveEdited,
  curvePasteFault,
  eventsBox,
  form,
  input,
  onCurveRowRemoved,
  pasteIntoCurve,
  readCurve,
  readState,
  setCurve,
} from './form';
import { issueWords, issuesSaid, messageWords, paneNotes, paneView, problemsSaid } from './issueWords';
import { POLICY_SHOWN } from '../common/policyWords';
import { Cancelled, RunError, runCloudMonteCarlo, runCloudStress, runInWorker } from './jobs';
import type { JobKind, RunHandle } from './jobs';
import { issueTarget, monteCarloInput, stressInput, typedIssues } from '../common/planInput';
import { presentStructures } from '../common/hedgeViews';
import { presentPlan } from '../common/present';
import { presentMonteCarlo, presentStress } from '../common/presentRuns';
import { inputProblemsNow, renderMonteCarlo, renderPlan, renderStress, showError } from './render';
import { renderHedge, wireHedgeSheet } from './hedgeRender';
import { wireFrontier } from './frontierRun';
import {
  action,
  markRefusedRunField,
  oneRequestNote,
  pathsAndSeed,
  runNote,
  setProgress,
  setRunning,
  trackRunBarHeight,
  wireRunFields,
  withErrorInNote,
} from './runBar';
import { planCurrent, planOutOfDate, planWritten } from './planStatus';
import { pagePlanInput, quotedPlan, showBoxChecks, showVixIssue, vixClosesOrExplain } from './planExtras';
import { boxIssueAt, boxIssues } from './boxIssues';
import { wireSurfaceTab } from './surfaceTab';
import { inputsChanged, sheetIfCurrent, versionOf } from './staleness';
import { fillExample, fillFromRange } from './selectionFill';
import { browserSettingsStore, checkEndpoint, officeSettingsStore, placeOf, safeLocalStorage } from './settings';
import type { Settings, SettingsStore } from './settings';
import type { WorkbookOptions } from './workbook';
import {
  officeSupports,
  readSelection,
  runStamp,
  writeMonteCarloSheet,
  writePlanSheet,
  writeStressSheet,
} from './workbook';
import { oneAtATime, workbookWriteError } from './workbookRun';
import { focusFieldToFix, trackLastEdited } from './fieldFocus';
import { wireEnterKey } from './enterKey';
import { clearFormErrors, curveNoteText, expiriesRefused, formNote as note, formPlanned } from './formNote';
import { atEveryStrikeToFix } from '../common/strikeOrder';
import { showVixChainUse, vixChainError, wireVixChainBox } from './vixChainBox';
import { keepForm, openKeptForm } from './formMemory';

// ---------------------------------------------------------------------------------------------
// Page state

const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;
const workerUrl = new URL('mcWorker.js', scriptUrl).href;

let inExcel = false;
let store: SettingsStore = browserSettingsStore(safeLocalStorage(), location.origin);
let settings: Settings = store.load().settings;
/** Fields the user has edited: their messages show as they type; all show after a run is asked for. */
const touched = new Set<string>();
let showAll = false;
let hasPlanned = false;
const running: Partial<Record<JobKind, RunHandle<unknown>>> = {};

/** Expiries of the curve rows from the date: the next monthly VX expiries. */
function fillCurveExpiries(): void {
  const date = input('valuationDate').value.trim();
  const rows = readCurve();
  try {
    const expiries = vxExpiriesAfter(date, Math.max(rows.length, 1));
    setCurve(
      (rows.length > 0 ? rows : [{ expiry: '', price: '' }]).map((r, i) => ({
        expiry: expiries[i] ?? r.expiry,
        price: r.price,
      })),
      curveNoteText(), // the prices a paste kept from before it are still there
    );
    note('');
  } catch (e) {
    expiriesRefused(date, e);
  }
  touched.add('futures');
  onFormChange();
}

function loadExample(): void {
  note(fillExample());
  onFormChange();
}

// ---------------------------------------------------------------------------------------------
// Validation

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function errSlot(control: Element): HTMLElement | null {
  const next = control.nextElementSibling;
  return next instanceof HTMLElement && next.classList.contains('err') ? next : null;
}

function mark(control: HTMLElement | null, text: string, key: string): void {
  if (!control) return;
  const visible = text !== '' && (showAll || touched.has(key));
  const slot = errSlot(control);
  if (slot) {
    if (!slot.id) slot.id = `err-${Math.random().toString(36).slice(2, 9)}`;
    slot.textContent = visible ? text : '';
    control.setAttribute('aria-describedby', slot.id);
  }
  control.setAttribute('aria-invalid', visible ? 'true' : 'false');
}

/**
 * Validate the whole form with the shared schema and show each message beside its field, with
 * `extra` issues (a plan's own rejection, say) shown the same way. The parsed input or undefined.
 */
function validate(extra: readonly { path: string; message: string }[] = []): unknown {
  const state = readState();
  const r = PlanInputSchema.safeParse(pagePlanInput(state));
  const byControl = new Map<HTMLElement, { text: string; key: string }>();
  const general: string[] = [];
  const curveError: string[] = [];
  vixChainError('');
  // A percentage or a dot-grouped USD amount says so first: its field's "pass a number" is why.
  // Strikes out of order are marked at each strike that can fix them.
  const f = state.fields;
  const issues = atEveryStrikeToFix(
    [
      ...typedIssues(state),
      ...boxIssues(f.valuationDate),
      ...(r.success ? [] : r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }))),
      ...extra,
    ],
    [f.k1, f.k2, f.k3, f.k4],
  ).map((i) => ({ ...i, message: messageWords(i.message) })); // labels, not paths, in the words too
  for (const issue of issues) {
    const path = issue.path;
    const t = issueTarget(path);
    let control: HTMLElement | null = null;
    let key = '';
    if (t.kind === 'field') {
      control = input(t.name);
      key = t.name;
    } else if (t.kind === 'index' || t.kind === 'signal') {
      control = input((key = `${t.kind}.${t.name}`));
      ($(t.kind === 'index' ? 'indices' : 'signals') as HTMLDetailsElement).open ||= showAll;
    } else if (t.kind === 'policy' && POLICY_SHOWN.includes(t.name)) {
      control = input(`policy.${t.name}`);
      key = `policy.${t.name}`;
      ($('policy') as HTMLDetailsElement).open ||= showAll;
    } else if (t.kind === 'events') {
      control = eventsBox();
      key = 'events';
      ($('events') as HTMLDetailsElement).open ||= showAll;
      if (!byControl.has(control))
        byControl.set(control, {
          text: t.line === undefined ? issue.message : `line ${t.line + 1}: ${issue.message}`,
          key,
        });
      continue;
    } else if (t.kind === 'future') {
      const row = curveBody().rows[t.row];
      control = (row?.querySelector(`.fut-${t.cell}`) as HTMLElement | null) ?? null;
      key = 'futures';
    } else if (t.kind === 'futures') {
      curveError.push(issue.message);
      continue;
    } else if (t.kind === 'last' || t.kind === 'campaign') {
      const at = boxIssueAt(t, issue.message);
      if (!byControl.has(at.control)) byControl.set(at.control, at);
      ($(at.section) as HTMLDetailsElement).open ||= showAll;
      continue;
    } else if (t.kind === 'surface' || t.kind === 'vixChain') {
      general.push(`${issueWords(path)}: ${issue.message}`);
      if (t.kind === 'vixChain') vixChainError(`${t.part ? `${t.part}: ` : ''}${issue.message}`);
      continue;
    } else {
      general.push(`${path || 'input'}: ${issue.message}`);
      continue;
    }
    if (control && !byControl.has(control)) byControl.set(control, { text: issue.message, key });
    if (!control) general.push(`${path}: ${issue.message}`);
  }
  const controls = form().querySelectorAll<HTMLElement>('input, select, textarea');
  for (const c of controls) {
    const name = c.getAttribute('name') ?? '';
    if (['endpoint', 'functionKey', 'paths', 'seed', 'measure', 'positions', 'vixCloses'].includes(name)) continue;
    const hit = byControl.get(c);
    const key = name !== '' ? name : 'futures';
    mark(c, hit?.text ?? '', hit?.key ?? key);
  }
  showBoxChecks(state);
  inputProblemsNow(problemsSaid(issues));
  const curveSlot = $('err-futures');
  curveSlot.textContent =
    curveError.length > 0 && (showAll || touched.has('futures')) ? curveError.join('; ') : curvePasteFault();
  if (general.length === 0) clearFormErrors();
  else if (showAll) note(general.join('; '), true);
  return r.success ? r.data : undefined;
}

let pending = 0;
function onFormChange(): void {
  window.clearTimeout(pending);
  // The runs' results were made from the previous inputs.
  inputsChanged(['stress-result', 'mc-result', 'frontier-result']);
  pending = window.setTimeout(() => {
    const parsed = validate();
    // After the first plan, the plan follows the form as it is typed (in the page only); while the
    // form does not parse, the plan shown is the previous one and is greyed out.
    if (hasPlanned) {
      if (parsed !== undefined) showPlan(false);
      else planOutOfDate();
    }
    void keepForm();
  }, 120);
}

/** The validated input, or undefined after showing every message and focusing the first. */
function validInputOrExplain(): unknown {
  showAll = true;
  const parsed = validate();
  if (parsed === undefined) {
    focusFieldToFix(form());
    showError('Some inputs need fixing: see the messages beside the fields marked in red.', 'general');
  }
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Runs

/** Workbook writes, one at a time: each picks its sheet's name once the one before has added its own. */
const inTurn = oneAtATime();

async function toWorkbook(
  write: (ctx: Excel.RequestContext, opts: WorkbookOptions) => Promise<string>,
): Promise<string | undefined> {
  if (!inExcel) return undefined;
  if (!officeSupports('1.1')) {
    showError('This Excel does not support ExcelApi 1.1: results are shown here only.');
    return undefined;
  }
  try {
    return await inTurn(() => Excel.run((ctx) => write(ctx, { stamp: runStamp(), supports: officeSupports })));
  } catch (e) {
    showError(workbookWriteError(e));
    return undefined;
  }
}

/** The plan of the form, once it parses: from the raw input, so a box left blank (Div. yield) is told from a 0 typed. */
function showPlan(toSheet: boolean): void {
  try {
    const p = quotedPlan(plan(pagePlanInput() as Parameters<typeof plan>[0]));
    showVixChainUse(p);
    const view = paneView(presentPlan(p, 'taskpane'));
    renderPlan(view);
    renderHedge(presentStructures(p.structures, p.valuationDate), p);
    planCurrent(toSheet);
    formPlanned();
    showError('');
    if (toSheet) {
      void toWorkbook((ctx, opts) => writePlanSheet(ctx, view, opts)).then((name) => {
        if (name) planWritten(name);
      });
    }
  } catch (e) {
    planOutOfDate();
    reportRunError(e, toSheet);
  }
}

/** Plan (here, at once, from the form as it is: a re-plan still due from a keystroke is dropped, as it would clear the note; a form that does not parse greys the plan, as that re-plan would): true, as a run whose message, if any, is in the error box. */
function runPlan(): boolean {
  window.clearTimeout(pending);
  const parsed = validInputOrExplain();
  if (parsed === undefined) {
    if (hasPlanned) planOutOfDate();
    return true;
  }
  hasPlanned = true;
  showPlan(true);
  return true;
}

/** Why a run or the plan was refused, at each field it names; with `focus` (a button pressed, not a
 * re-plan as the form is typed) the first field named takes the focus, as for the form's own checks. */
function reportRunError(e: unknown, focus = true): void {
  if (e instanceof Cancelled || showVixIssue(e)) return;
  const listed = (e as { issues?: readonly { path: string; message: string }[] }).issues ?? [];
  // A rule of the method that rejects the input names its field: show the problem and fix there too.
  const issues = (
    listed.length > 0 ? listed : isAlvhError(e) ? [{ path: e.field, message: `${e.problem}; ${e.fix}` }] : []
  ).map((i) => ({ path: i.path, message: messageWords(i.message) }));
  if (issues.length > 0) {
    showAll = true;
    validate(issues);
    // Each issue by the label of its field ("K2", "VX 3 price"), not the schema's path.
    const said = issuesSaid(issues);
    const from = e instanceof RunError && e.status !== undefined ? `the cloud API answered ${e.status}: ` : '';
    showError(from + said, 'listed');
    if (focus) focusFieldToFix(form());
  } else {
    showError(message(e));
    const field = e instanceof RunError ? e.field : isAlvhError(e) ? e.field : undefined;
    markRefusedRunField(field, message(e));
  }
}

/**
 * The checked form and the plan input a run sends, or undefined after showing what to fix: planned here first (instantly) so that a
 * rule of the method that rejects it is shown at its field wherever the run goes; the worker and the API
 * build the same book from it (tail budget included).
 */
function plannedInputOrExplain(): { parsed: unknown; planned: unknown } | undefined {
  const parsed = validInputOrExplain();
  if (parsed === undefined) return undefined;
  try {
    const planned = pagePlanInput();
    plan(planned as Parameters<typeof plan>[0]);
    return { parsed, planned };
  } catch (e) {
    reportRunError(e);
    return undefined;
  }
}

/** A stress grid or Monte Carlo run: true when it failed and said why in the error box. */
async function runJob(kind: JobKind): Promise<boolean> {
  if (running[kind]) return false;
  const checked = plannedInputOrExplain();
  if (checked === undefined) return true;
  const { parsed, planned } = checked;
  const resultId = kind === 'stress' ? 'stress-result' : 'mc-result';
  const version = versionOf(resultId);
  const note = runNote(kind);
  const place = placeOf(settings); // where this run goes, whatever Settings say by its end
  const started = performance.now();
  // A one-request cloud run: the note counts the seconds beside the host's progress (the Monte
  // Carlo's streamed; the stress grid's none until its answer).
  let ticking = '';
  const tick = (): void => {
    note.textContent = oneRequestNote(ticking, action(kind), performance.now() - started);
  };
  const progress = (d: number, t: number): void => {
    setProgress(kind, d, t);
    if (ticking) tick();
  };
  let handle: RunHandle<unknown>;
  if (kind === 'stress') {
    const body = stressInput(planned);
    handle =
      settings.endpoint === ''
        ? runInWorker(workerUrl, { job: 'stress', input: body }, progress)
        : runCloudStress(settings, body, progress);
    if (settings.endpoint !== '') ticking = `Running the stress grid ${place} as one request…`;
  } else {
    const ps = pathsAndSeed();
    if (ps === undefined) return true;
    const { paths, seed, measure } = ps;
    const closes = vixClosesOrExplain((parsed as { valuationDate: string }).valuationDate);
    if (closes === null) return true;
    const whole = { ...monteCarloInput(planned, paths, seed, undefined, undefined, closes), measure };
    if (settings.endpoint === '') {
      handle = runInWorker(workerUrl, { job: 'montecarlo', input: whole, chunkPaths: 2000 }, progress);
    } else {
      const cloud = runCloudMonteCarlo(
        settings,
        whole,
        paths,
        (first, count) => ({ ...monteCarloInput(planned, paths, seed, first, count, closes), measure }),
        progress,
      );
      handle = cloud.handle;
      if (cloud.oneRequest) ticking = `Running ${paths.toLocaleString('en-US')} paths ${place} as one request…`;
    }
  }
  running[kind] = handle;
  setRunning(kind, true, ticking || `Starting ${place}…`);
  const ticker = ticking ? setInterval(tick, 1000) : undefined;
  try {
    const result = await handle.result;
    clearInterval(ticker);
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    // The button stays disabled until the sheet is written; `finally` clears `running` in the same
    // step. A click while the sheet was written found the run still going and did nothing (after
    // clearing the error box).
    if (kind === 'stress') {
      const view = paneNotes(presentStress(result));
      renderStress(view);
      const sheet = await sheetIfCurrent(resultId, version, inExcel, () =>
        toWorkbook((ctx, opts) => writeStressSheet(ctx, view, opts)),
      );
      setRunning(kind, false, `Done ${place} in ${secs} s${sheet}`);
    } else {
      const view = paneNotes(presentMonteCarlo(result, (parsed as { valuationDate: string }).valuationDate));
      renderMonteCarlo(view);
      const sheet = await sheetIfCurrent(resultId, version, inExcel, () =>
        toWorkbook((ctx, opts) => writeMonteCarloSheet(ctx, view, opts)),
      );
      setRunning(kind, false, `${view.paths.toLocaleString('en-US')} paths ${place} in ${secs} s${sheet}`);
    }
  } catch (e) {
    setRunning(kind, false, e instanceof Cancelled ? 'Cancelled.' : '');
    reportRunError(e);
    return !(e instanceof Cancelled);
  } finally {
    clearInterval(ticker);
    delete running[kind];
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Settings and the workbook

function showSettings(): void {
  input('endpoint').value = settings.endpoint;
  input('functionKey').value = settings.functionKey;
  $('settings-summary').textContent =
    settings.endpoint === '' ? '(runs here)' : `(cloud: ${new URL(settings.endpoint).host})`;
}

async function saveSettings(): Promise<void> {
  const endpoint = input('endpoint');
  const checked = checkEndpoint(endpoint.value, location.origin);
  touched.add('endpoint');
  if ('error' in checked) {
    showAll = true;
    mark(endpoint, checked.error, 'endpoint');
    $('settings-note').textContent =
      `Not saved: runs still go ${placeOf(settings)}${settings.endpoint ? ', to the URL saved before' : ''}.`;
    return;
  }
  mark(endpoint, '', 'endpoint');
  settings = { endpoint: checked.value, functionKey: input('functionKey').value.trim() };
  try {
    await store.save(settings);
    $('settings-note').textContent = inExcel ? 'Saved with this workbook.' : 'Saved in this browser.';
  } catch (e) {
    $('settings-note').textContent = `Not saved: ${message(e)}`;
  }
  showSettings();
}

async function fillFromSelection(): Promise<void> {
  if (!inExcel) return;
  try {
    const values = await Excel.run((ctx) => readSelection(ctx));
    const read = fillFromRange(values);
    for (const k of read.touched) touched.add(k);
    note(read.note);
    onFormChange();
  } catch (e) {
    note(`Could not read the selection: ${message(e)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Start

function wire(): void {
  onCurveRowRemoved(() => {
    touched.add('futures');
    onFormChange();
  });
  const f = form();
  f.addEventListener('input', (ev) => {
    const t = ev.target as HTMLElement;
    const name = t.getAttribute('name');
    if (name === 'endpoint' || name === 'functionKey') return;
    if (name === null) curveEdited(); // a curve cell
    touched.add(name ?? 'futures');
    onFormChange();
  });
  trackLastEdited(f);
  wireEnterKey(f);
  f.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void withErrorInNote(runNote('plan'), runPlan);
  });
  curveBody().addEventListener('paste', (ev) => {
    const pasted = pasteIntoCurve(ev);
    if (pasted === 'browser' || pasted === 'refused') return;
    touched.add('futures');
    if (pasted === 'expiries') fillCurveExpiries();
    else onFormChange();
  });
  // The run's own inputs (paths, seed, measure) stand outside the form's element: their edits make
  // the Monte Carlo and the frontier drawn before them stale, not the plan.
  for (const name of ['paths', 'seed', 'measure'])
    input(name).addEventListener('input', () => {
      inputsChanged(['mc-result', 'frontier-result']);
      void keepForm();
    });
  wireRunFields();
  $('curve-add').addEventListener('click', () => addCurveRow());
  $('curve-expiries').addEventListener('click', fillCurveExpiries);
  $('load-example').addEventListener('click', loadExample);
  $('read-selection').addEventListener('click', () => void fillFromSelection());
  $('settings-save').addEventListener('click', () => void saveSettings());
  const base = { settings: () => settings, toWorkbook, inExcel: () => inExcel };
  wireSurfaceTab({ ...base, workerUrl, chainChanged: onFormChange });
  wireVixChainBox(onFormChange);
  wireHedgeSheet(toWorkbook);
  wireFrontier({
    ...base,
    planInput: () => plannedInputOrExplain()?.planned,
    pathsAndSeed,
    reportError: reportRunError,
    workerUrl,
  });
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-run]')) {
    b.addEventListener('click', () => {
      const kind = b.dataset['run'] as 'plan' | JobKind;
      void withErrorInNote(runNote(kind), () => (kind === 'plan' ? runPlan() : runJob(kind)));
    });
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-cancel]')) {
    b.addEventListener('click', () => {
      const kind = b.closest('.action')?.id === 'action-stress' ? 'stress' : 'montecarlo';
      running[kind]?.cancel();
    });
  }
}

/** `ready`: office.js has said which host this is (Excel may not be known before), so a kept form may be read. */
function start(host: Office.HostType | null, ready = true): void {
  inExcel =
    (host !== null && host === Office.HostType.Excel) ||
    (typeof Excel !== 'undefined' && typeof Excel.run === 'function');
  try {
    const from = inExcel ? officeSettingsStore(Office.context.document.settings, location.origin) : store;
    const loaded = from.load(); // a saved URL the page would refuse is dropped, and the note says why
    [store, settings] = [from, loaded.settings];
    $('settings-note').textContent = loaded.dropped;
    if (loaded.dropped !== '') ($('settings') as HTMLDetailsElement).open = true; // the note is in the closed panel
  } catch {
    // a host without document settings (a test double): keep the browser store
  }
  $('host-status').textContent = inExcel
    ? 'Excel: results also go to new sheets'
    : 'Browser: results shown on this page';
  $('hedge-to-sheet').hidden = !inExcel;
  const read = $('read-selection') as HTMLButtonElement;
  read.disabled = !inExcel;
  if (!inExcel) read.title = 'Available inside Excel';
  showSettings();
  if (ready && openKeptForm(inExcel, touched, note)) onFormChange(); // a kept form replaces the example
}

function boot(): void {
  buildPolicyFields();
  wire();
  trackRunBarHeight();
  loadExample();
  const office = (globalThis as { Office?: typeof Office }).Office;
  start(null, office?.onReady === undefined);
  // Show the example day's plan at once (in the page; the Plan button also writes it to a sheet).
  const parsed = validate();
  if (parsed !== undefined) {
    hasPlanned = true;
    showPlan(false);
  }
  if (office?.onReady) {
    void office.onReady().then((info) => start(info.host));
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
