/**
 * The form kept across a reload: inside Excel in the workbook's own settings
 * (`Office.context.document.settings`, saved with the workbook, so each workbook reopens its own
 * day), in a plain browser in localStorage. It is kept as the form changes and restored when the
 * page opens, in place of the example day, with a note that says when it was kept and which day's
 * market it holds: a restored form is a past day's market until today's is loaded.
 *
 * What is kept: every field, the VX curve, the policy, the indices and signals, events, positions,
 * the last rebalance, the campaign, the recent VIX closes and the run's paths, seed and measure.
 * Not kept: the chains (an SPX chain fitted on the Surface tab, a VIX option chain), which can run to megabytes,
 * and a box longer than {@link MAX_KEPT_BOX} characters; the note names each one, since the plan
 * restored without them marks the options differently.
 */
import { MAX_FUTURES, grouped, isAlvhError, isBusinessDay, previousBusinessDay } from '@alvh/shared';
import { FIELD_NAMES } from '../common/fields';
import type { FieldName } from '../common/fields';
import { INDEX_NAMES, SIGNAL_NAMES } from '../common/planInput';
import type { FormState } from '../common/planInput';
import type { LastRebalanceText } from '../common/lastRebalance';
import { BLANK_CAMPAIGN, CAMPAIGN_PARTS, isBlankCampaign, type CampaignText } from '../common/campaign';
import { fillCampaign, readCampaign } from './campaignBoxes';
import { POLICY_SHOWN } from '../common/policyWords';
import {
  $,
  clearLastRebalance,
  eventsBox,
  fillLastRebalance,
  input,
  positionsBox,
  readLastRebalance,
  readState,
  setCurve,
  vixClosesBox,
} from './form';
import { keptSurface } from './planExtras';
import { vixChainText } from './vixChainBox';
import { safeLocalStorage, saveDocumentSetting } from './settings';

export const FORM_KEY = 'alvh.form';
/** A box (positions, closes, events) longer than this is not kept: the workbook's settings are small. */
export const MAX_KEPT_BOX = 100_000;

/** The form as kept. */
export interface KeptForm {
  version: 1;
  /** When it was kept (ISO instant). */
  savedAt: string;
  state: Required<FormState>;
  positions: string;
  vixCloses: string;
  last: LastRebalanceText;
  /** The Campaign boxes (absent from a form kept before they were). */
  campaign?: CampaignText;
  run: { paths: string; seed: string; measure: string };
  /** What the page held and the form does not keep, each with how to get it back. */
  notKept: string[];
}

/** Where the form is kept. */
export interface FormStore {
  readonly where: 'workbook' | 'browser';
  load(): unknown;
  save(form: KeptForm): Promise<void>;
}

/** The form kept in the workbook's settings. */
export function officeFormStore(settings: Office.Settings): FormStore {
  return {
    where: 'workbook',
    load: () => settings.get(FORM_KEY) as unknown,
    save: (form) => saveDocumentSetting(settings, FORM_KEY, form),
  };
}

/** The form kept in the browser's localStorage (nothing kept where storage is blocked). */
export function browserFormStore(storage: Storage | undefined): FormStore {
  return {
    where: 'browser',
    load: () => {
      try {
        const text = storage?.getItem(FORM_KEY);
        return text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        return undefined; // storage blocked, or not JSON
      }
    },
    save: (form) => {
      try {
        storage?.setItem(FORM_KEY, JSON.stringify(form));
      } catch {
        // storage blocked or full: the form is not kept
      }
      return Promise.resolve();
    },
  };
}

/** The page's store: the workbook's settings in Excel (undefined until office.js has the document), else localStorage. */
export function formStoreFor(inExcel: boolean): FormStore | undefined {
  if (!inExcel) return browserFormStore(safeLocalStorage());
  try {
    const settings = (globalThis as { Office?: typeof Office }).Office?.context?.document?.settings;
    return settings ? officeFormStore(settings) : undefined;
  } catch {
    return undefined;
  }
}

const text = (x: unknown, max = MAX_KEPT_BOX): string | undefined =>
  typeof x === 'string' && x.length <= max ? x : undefined;
const record = (x: unknown): Record<string, unknown> | undefined =>
  typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;

/** The texts of `x` under `names`, each a string of at most 1,000 characters (others dropped). */
function named<N extends string>(x: unknown, names: readonly N[]): Partial<Record<N, string>> {
  const r = record(x) ?? {};
  const out: Partial<Record<N, string>> = {};
  for (const n of names) {
    const v = text(r[n], 1000);
    if (v !== undefined) out[n] = v;
  }
  return out;
}

/**
 * The kept form read back, or undefined when it is not one this page kept (another version, typed
 * by hand, cut short): such a value is never half-applied. Unknown keys are dropped.
 */
export function keptFormOf(raw: unknown): KeptForm | undefined {
  const r = record(raw);
  const state = record(r?.['state']);
  const savedAt = text(r?.['savedAt'], 40);
  if (r?.['version'] !== 1 || !state || savedAt === undefined || Number.isNaN(Date.parse(savedAt))) return undefined;
  const futures = state['futures'];
  if (!Array.isArray(futures) || futures.length > MAX_FUTURES) return undefined;
  const rows = futures.map((f) => named(f, ['expiry', 'price'] as const));
  const fields = named(state['fields'], FIELD_NAMES);
  const run = named(r['run'], ['paths', 'seed', 'measure'] as const);
  const last = named(r['last'], ['date', 'vix'] as const);
  const lastFutures = text(record(r['last'])?.['futures'] ?? ''); // a box: up to MAX_KEPT_BOX, as kept
  const boxes = [state['events'], state['eventsMode'], r['positions'], r['vixCloses']].map((b) => text(b));
  const notKept = Array.isArray(r['notKept']) ? r['notKept'].map((n) => text(n, 300)) : [];
  if ([...boxes, lastFutures].some((b) => b === undefined) || notKept.some((n) => n === undefined)) return undefined;
  const [events, eventsMode, positions, vixCloses] = boxes as string[];
  return {
    version: 1,
    savedAt,
    state: {
      fields: Object.fromEntries(FIELD_NAMES.map((n) => [n, fields[n] ?? ''])) as Record<FieldName, string>,
      futures: rows.map((f) => ({ expiry: f.expiry ?? '', price: f.price ?? '' })),
      policy: named(state['policy'], POLICY_SHOWN) as Record<string, string>,
      events: events!,
      eventsMode: eventsMode!,
      indices: named(state['indices'], INDEX_NAMES),
      signals: named(state['signals'], SIGNAL_NAMES),
    },
    positions: positions!,
    vixCloses: vixCloses!,
    last: { date: last.date ?? '', vix: last.vix ?? '', futures: lastFutures! },
    campaign: { ...BLANK_CAMPAIGN, ...named(r['campaign'], CAMPAIGN_PARTS) },
    run: { paths: run.paths ?? '', seed: run.seed ?? '', measure: run.measure ?? '' },
    notKept: notKept as string[],
  };
}

/** The form as it stands, to keep; `now` stamps it. */
export function formToKeep(now: Date): KeptForm {
  const notKept: string[] = [];
  const box = (value: string, what: string): string => {
    if (value.length <= MAX_KEPT_BOX) return value;
    notKept.push(
      `the ${what} box (${grouped(value.length)} characters, over ${grouped(MAX_KEPT_BOX)}): paste it again`,
    );
    return '';
  };
  const state = readState();
  const fitted = keptSurface();
  if (fitted) notKept.push(`the SPX chain fitted for ${fitted.valuationDate}: fit it again on the Surface tab`);
  if (vixChainText().trim() !== '') notKept.push('the VIX option chain: paste it again on the Surface tab');
  const last = readLastRebalance();
  return {
    version: 1,
    savedAt: now.toISOString(),
    state: {
      ...state,
      events: box(state.events ?? '', 'Events'),
      eventsMode: state.eventsMode ?? '',
      indices: state.indices ?? {},
      signals: state.signals ?? {},
    },
    positions: box(positionsBox().value, 'Positions'),
    vixCloses: box(vixClosesBox().value, 'Recent VIX closes'),
    last: { ...last, futures: box(last.futures, 'last rebalance futures') },
    campaign: readCampaign(),
    run: { paths: input('paths').value, seed: input('seed').value, measure: input('measure').value },
    notKept,
  };
}

/** Set a select to `value` when it is one of its options (a select set to another shows nothing). */
function choose(name: string, value: string): void {
  const c = input(name);
  if (!(c instanceof HTMLSelectElement) || [...c.options].some((o) => o.value === value)) c.value = value;
}

/** Fill the whole form with `kept`: every input it does not give is emptied or set to its default. */
export function restoreForm(kept: KeptForm): void {
  const s = kept.state;
  for (const n of FIELD_NAMES) input(n).value = s.fields[n];
  for (const n of INDEX_NAMES) input(`index.${n}`).value = s.indices[n] ?? '';
  for (const n of SIGNAL_NAMES) input(`signal.${n}`).value = s.signals[n] ?? '';
  for (const key of POLICY_SHOWN) {
    const c = input(`policy.${key}`);
    c.value = s.policy[key] ?? c.dataset['default'] ?? '';
  }
  if (Object.keys(s.policy).length > 0) ($('policy') as HTMLDetailsElement).open = true;
  setCurve(s.futures);
  eventsBox().value = s.events;
  choose('eventsMode', s.eventsMode);
  positionsBox().value = kept.positions;
  vixClosesBox().value = kept.vixCloses;
  clearLastRebalance();
  if ([kept.last.date, kept.last.vix, kept.last.futures].some((v) => v.trim() !== '')) fillLastRebalance(kept.last);
  fillCampaign(kept.campaign ?? BLANK_CAMPAIGN);
  input('paths').value = kept.run.paths;
  input('seed').value = kept.run.seed;
  choose('measure', kept.run.measure);
}

/** The names of the inputs a restored form fills (their messages show at once, as typed ones do). */
export function restoredInputs(): string[] {
  return [
    ...FIELD_NAMES,
    ...INDEX_NAMES.map((n) => `index.${n}`),
    ...SIGNAL_NAMES.map((n) => `signal.${n}`),
    ...POLICY_SHOWN.map((k) => `policy.${k}`),
    'futures',
    'events',
    ...CAMPAIGN_PARTS,
  ];
}

/**
 * The latest New York session at `now`, YYYY-MM-DD, wherever the page runs: the day itself from
 * the 09:30 ET open of a business day, else the business day before (in Tokyo the morning after
 * New York's close, the latest session is still New York's day before, not the page's today).
 */
export function latestSession(now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/New_York',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${part('year')}-${part('month')}-${part('day')}`;
  const minutes = Number(part('hour')) * 60 + Number(part('minute'));
  try {
    return isBusinessDay(day) && minutes >= 570 ? day : previousBusinessDay(day);
  } catch (e) {
    if (isAlvhError(e)) return day; // a clock outside the exchange calendar: its own day
    throw e;
  }
}

/**
 * The note of a restored form: where and when it was kept, which day's market it holds against
 * the latest New York session (`session`, {@link latestSession}), and what was not kept.
 */
export function restoredNote(kept: KeptForm, where: FormStore['where'], session: string): string {
  const at = `${kept.savedAt.slice(0, 10)} ${kept.savedAt.slice(11, 16)} UTC`;
  const day = kept.state.fields.valuationDate.trim();
  const market =
    day === session
      ? `Its market is of the latest session (${day}) as typed then: check it is still current before trading on the plan.`
      : `Its market is of ${day || 'no date'}, not of the latest session (${session}): load that session's market before trading on the plan.`;
  const held = [
    ...(kept.positions.trim() !== '' ? ['positions'] : []),
    ...([kept.last.date, kept.last.vix, kept.last.futures].some((v) => v.trim() !== '') ? ['last rebalance'] : []),
    ...(isBlankCampaign(kept.campaign ?? BLANK_CAMPAIGN) ? [] : ['campaign']),
  ];
  const list = held.length > 1 ? `${held.slice(0, -1).join(', ')} and ${held.at(-1)!}` : held[0];
  const one = held.length === 1 && held[0] !== 'positions';
  const asThen =
    list === undefined
      ? ''
      : ` Its ${list} ${one ? 'is as it was' : 'are as they were'} then: check ${one ? 'it' : 'them'} before sending orders.`;
  const lost = kept.notKept.length > 0 ? ` Not kept: ${kept.notKept.join('; ')}.` : '';
  return `Restored the form ${where === 'workbook' ? 'this workbook' : 'this browser'} kept at ${at}. ${market}${asThen}${lost} Example day loads the example.`;
}

/**
 * Keep each form given, one save at a time: a form given while a save is under way waits, and only
 * the latest waiting one is saved after it (a workbook save is asynchronous). A failed save (a
 * read-only workbook, storage full) keeps nothing and stops nothing.
 */
export function latestOnly(save: (form: KeptForm) => Promise<void>): (form: KeptForm) => Promise<void> {
  let running: Promise<void> | undefined;
  let waiting: KeptForm | undefined;
  const go = (form: KeptForm): Promise<void> => {
    running = save(form)
      .catch(() => undefined)
      .then(() => {
        running = undefined;
        const next = waiting;
        waiting = undefined;
        return next === undefined ? undefined : go(next);
      });
    return running;
  };
  return (form) => {
    if (running === undefined) return go(form);
    waiting = form;
    return running;
  };
}

/** The page's store, once opened, and its one-at-a-time save. */
let opened: { store: FormStore; save: (form: KeptForm) => Promise<void> } | undefined;
/** The form last kept or restored, its stamp aside: a form unchanged since is not kept again. */
let lastKept = '';

const unstamped = (form: KeptForm): string => JSON.stringify({ ...form, savedAt: '' });

/** Keep the form as it stands, once the store is open, when it changed since it was last kept or restored. */
export function keepForm(now = new Date()): Promise<void> {
  if (opened === undefined) return Promise.resolve();
  const form = formToKeep(now);
  const key = unstamped(form);
  if (key === lastKept) return Promise.resolve();
  lastKept = key;
  return opened.save(form);
}

/**
 * Open the page's store (the first call that finds one; later calls do nothing) and, while the form
 * is untouched (`touched` empty), fill it from what the store keeps, marking its inputs touched so
 * their messages show, and say so with `note`: true when the form was restored.
 */
export function openKeptForm(
  inExcel: boolean,
  touched: Set<string>,
  note: (text: string) => void,
  now = new Date(),
): boolean {
  if (opened !== undefined) return false;
  const store = formStoreFor(inExcel);
  if (store === undefined) return false;
  opened = { store, save: latestOnly((form) => store.save(form)) };
  const kept = touched.size === 0 ? keptFormOf(store.load()) : undefined;
  if (kept === undefined) {
    lastKept = unstamped(formToKeep(now)); // the form as it opened (the example day) is not kept until edited
    return false;
  }
  restoreForm(kept);
  lastKept = unstamped(formToKeep(now));
  for (const name of restoredInputs()) touched.add(name);
  note(restoredNote(kept, store.where, latestSession(now)));
  return true;
}
