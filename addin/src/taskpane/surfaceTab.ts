/**
 * The Surface tab: a chain pasted or opened from a file, fitted on the cloud (`POST <url>/surface`)
 * or here in the Web Worker with the same shared `buildSurface`; one smile chart per expiry (a
 * select picks it: mids as dots, bid-ask as bars, the surface's curve as it marks, and the slice's
 * own SVI fit dashed where the calendar repair lifts it), the per-expiry table and
 * the arbitrage report; inside Excel, a sheet. The surface of a chain that fits is kept for the
 * plan, which sends it as `market.surface`. Also the page's Plan / Surface tabs.
 */
import type { ParsedChain } from '@alvh/shared';
import { arbitrageText, leftOutText, smileOf } from '../common/surfaceView';
import type { SmileView, SurfaceView } from '../common/surfaceView';
import { formatValue } from '../common/views';
import { postJson, runInWorker } from './jobs';
import type { RunHandle } from './jobs';
import { input } from './form';
import { keepSurface } from './planExtras';
import { SurfaceFits, chainToFit, chainWords, fileReadWords, stillKeptNote } from './surfaceFit';
import type { ChainFit } from './surfaceFit';
import { byId, el, onFilePicked } from './render';
import { setBusy } from './runBar';
import type { Settings } from './settings';
import { drawChart } from './svgChart';
import { rovingTabIndex, wireTabKeys } from './tabKeys';
import { writeSurfaceSheet } from './workbookViews';
import type { WorkbookOptions } from './workbook';

export interface SurfaceHost {
  settings(): Settings;
  workerUrl: string;
  /** Write to the workbook when inside Excel: the sheet's name, or undefined. */
  toWorkbook(write: (ctx: Excel.RequestContext, opts: WorkbookOptions) => Promise<string>): Promise<string | undefined>;
  /** The chain kept for the plan changed: re-plan. */
  chainChanged(): void;
}

let fits: SurfaceFits | undefined;

const box = (): HTMLTextAreaElement => byId<HTMLTextAreaElement>('chain-text');

function note(text: string): void {
  byId('surface-note').textContent = text;
}

function chainError(text: string): void {
  byId('err-chain').textContent = text;
  box().setAttribute('aria-invalid', text === '' ? 'false' : 'true');
  box().setAttribute('aria-describedby', 'err-chain');
}

/** A calendar repair lifting the drawn range by at least this (vol points) also draws the slice's own fit. */
const REPAIR_SHOWN_VOL_PTS = 0.05;

function smileOfSelected(): SmileView | undefined {
  const fitted = fits?.fitted;
  if (!fitted) return undefined;
  const i = Number(byId<HTMLSelectElement>('smile-expiry').value);
  const row = fitted.view.expiries[i];
  return row ? smileOf(fitted.chain, row) : undefined;
}

/** Draw the smile of the selected expiry, x in log-moneyness or strike. */
export function drawSmile(): SmileView | undefined {
  const smile = smileOfSelected();
  const fitted = fits?.fitted;
  if (!smile || !fitted) return undefined;
  const byStrike = byId<HTMLSelectElement>('smile-x').value === 'strike';
  const x = (p: { k: number; strike: number }): number => (byStrike ? p.strike : p.k);
  const row = fitted.view.expiries[Number(byId<HTMLSelectElement>('smile-expiry').value)]!;
  // The solid line is the surface every mark uses (the SVI fit, calendar-repaired); where the
  // repair lifts it visibly, the slice's own fit is drawn dashed beside it.
  const repaired = smile.repairVolPts >= REPAIR_SHOWN_VOL_PTS;
  const lines = [{ points: smile.curve.map((c) => ({ x: x(c), y: c.vol })), className: 'fit-curve' }];
  if (repaired) lines.push({ points: smile.curve.map((c) => ({ x: x(c), y: c.ownVol })), className: 'fit-curve-own' });
  drawChart(byId('smile-chart'), {
    title: `Smile of ${smile.expiry} (${smile.root}): implied vol in vol points by ${byStrike ? 'strike' : 'log-moneyness'}; dots the mids, bars the bid-ask, line the surface's marks${repaired ? ", dashed the slice's own SVI fit before the calendar repair" : ''}`,
    xLabel: byStrike ? 'Strike (index points)' : 'Log-moneyness ln(K / F)',
    yLabel: 'Implied vol (vol points)',
    xFormat: byStrike ? (v) => v.toLocaleString('en-US') : (v) => v.toFixed(2),
    yFormat: (v) => v.toFixed(0),
    bars: smile.points.map((p) => ({
      x: x(p),
      ...(p.bid === null ? {} : { y0: p.bid }),
      ...(p.ask === null ? {} : { y1: p.ask }),
      className: 'quote-bar',
    })),
    lines,
    dots: [{ points: smile.points.map((p) => ({ x: x(p), y: p.mid })), className: 'quote-mid' }],
  });
  const fit =
    row.rmseVolPts === null
      ? ''
      : ` · fit RMSE ${row.rmseVolPts.toFixed(2)} vol pts · ${row.insideSpreadPct?.toFixed(0) ?? '—'}% of model prices inside the bid-ask`;
  const legend = repaired
    ? ` · line: the surface's marks, lifted by the calendar repair up to ${smile.repairVolPts.toFixed(2)} vol pts above the slice's own fit (dashed)`
    : '';
  byId('smile-caption').textContent =
    `${smile.points.length} out-of-the-money quotes with |Δ| ≥ 0.02 · forward ${smile.forward.toFixed(2)} · ATM vol ${row.atmVol.toFixed(2)}%${fit}${legend}`;
  return smile;
}

function renderSurface(view: SurfaceView, chain: ParsedChain): void {
  byId('surface-title').textContent = `(${view.expiries.length} expiries)`;
  byId('surface-label').textContent = `${view.label}${view.source === '' ? '' : ` — source: ${view.source}`}`;
  byId('surface-warnings').replaceChildren(...view.warnings.map((w) => el('li', {}, w)));
  const leftOut = byId('surface-left-out');
  leftOut.textContent = leftOutText(view.leftOut);
  leftOut.hidden = view.leftOut.length === 0;
  const select = byId<HTMLSelectElement>('smile-expiry');
  const t0 = Date.parse(chain.valuationDate);
  const days = (e: string): number => Math.round((Date.parse(e) - t0) / 86_400_000);
  select.replaceChildren(...view.expiries.map((e, i) => new Option(`${e.expiry} (${days(e.expiry)} d)`, String(i))));
  // The expiry nearest 30 days opens first: the tenor VIX measures.
  let open = 0;
  view.expiries.forEach((e, i) => {
    if (Math.abs(days(e.expiry) - 30) < Math.abs(days(view.expiries[open]!.expiry) - 30)) open = i;
  });
  select.value = String(open);
  byId('surface-arbitrage').textContent = `Arbitrage: ${arbitrageText(view.arbitrage)}`;
  const t = byId<HTMLTableElement>('surface-table');
  const head = el('thead');
  const hr = el('tr');
  for (const h of [
    'Expiry',
    'Forward',
    'ATM vol (vol pts)',
    'a',
    'b',
    'ρ',
    'm',
    'σ',
    'RMSE (vol pts)',
    'Inside bid-ask',
    'Far wings inside',
  ])
    hr.append(el('th', { scope: 'col' }, h));
  head.append(hr);
  const body = el('tbody');
  const f4 = (x: number): string => x.toFixed(4);
  for (const e of view.expiries) {
    const tr = el('tr');
    tr.append(el('th', { scope: 'row' }, e.expiry));
    for (const v of [
      formatValue(e.forward, 'points'),
      e.atmVol.toFixed(2),
      f4(e.svi.a),
      f4(e.svi.b),
      f4(e.svi.rho),
      f4(e.svi.m),
      f4(e.svi.sigma),
      e.rmseVolPts === null ? '—' : e.rmseVolPts.toFixed(2),
      e.insideSpreadPct === null ? '—' : `${e.insideSpreadPct.toFixed(0)}%`,
      e.wingInsideSpreadPct === null ? '—' : `${e.wingInsideSpreadPct.toFixed(0)}%`,
    ])
      tr.append(el('td', {}, v));
    body.append(tr);
  }
  t.replaceChildren(head, body);
  byId('surface-result').hidden = false;
}

/** Fit surface disabled and Cancel shown while a fit runs; the focus follows, as in the run bar. */
function setFitting(on: boolean): void {
  setBusy(byId<HTMLButtonElement>('surface-fit'), byId('surface-cancel'), on);
}

/** Fit the chain in the box: parse here (a bad chain is named at once), fit on the cloud or in the worker. */
export async function fitChain(host: SurfaceHost): Promise<void> {
  if (!fits || fits.busy) return;
  const text = box().value;
  if (text.trim() === '') {
    chainError('Paste a chain (Cboe quotedata CSV, or expiry, strike, type, bid, ask) or open a file first.');
    box().focus();
    return;
  }
  // A plain table is dated from the form and its spot is the form's SPX; quotedata carries both.
  let fit: ChainFit;
  try {
    fit = chainToFit(text, input('valuationDate').value, input('spx').value);
  } catch (e) {
    chainError(chainWords(e instanceof Error ? e.message : String(e)));
    note(stillKeptNote(fits.fitted));
    box().focus();
    return;
  }
  chainError('');
  const { chain, request } = fit;
  const settings = host.settings();
  let handle: RunHandle<unknown>;
  if (settings.endpoint === '') {
    handle = runInWorker(host.workerUrl, { job: 'surface', input: request }, () => {});
  } else {
    const controller = new AbortController();
    handle = { result: postJson(settings, 'surface', request, controller.signal), cancel: () => controller.abort() };
  }
  note(settings.endpoint === '' ? 'Fitting here (Web Worker)…' : `Fitting on ${new URL(settings.endpoint).host}…`);
  await fits.fit(text, chain, handle);
}

/**
 * Clear the Surface tab: empty the box, stop a fit under way and drop the surface kept for the
 * plan. The day of the chain dropped, if one was fitted.
 */
export function clearSurface(): string | undefined {
  box().value = '';
  byId<HTMLInputElement>('chain-file').value = '';
  return fits?.clear();
}

/** Select the Plan or the Surface view (arrow keys, Home and End move between the tabs). */
function selectTab(which: 'plan' | 'surface', focus = false): void {
  const tabs = { plan: byId('tab-plan'), surface: byId('tab-surface') };
  for (const [k, t] of Object.entries(tabs)) t.setAttribute('aria-selected', k === which ? 'true' : 'false');
  rovingTabIndex([tabs.plan, tabs.surface], which === 'plan' ? 0 : 1);
  for (const id of ['plan-form', 'results']) byId(id).hidden = which !== 'plan';
  for (const e of document.querySelectorAll<HTMLElement>('main > .actions')) e.hidden = which !== 'plan';
  byId('surface-panel').hidden = which !== 'surface';
  if (focus) tabs[which].focus();
}

export function wireSurfaceTab(host: SurfaceHost): void {
  byId('tab-plan').addEventListener('click', () => selectTab('plan'));
  byId('tab-surface').addEventListener('click', () => selectTab('surface'));
  wireTabKeys([byId('tab-plan'), byId('tab-surface')], (i) => selectTab(i === 0 ? 'plan' : 'surface', true));
  fits = new SurfaceFits({
    note,
    chainError,
    busy: setFitting,
    show: (fit) => {
      byId('surface-result').hidden = fit === undefined;
      if (fit === undefined) return undefined;
      renderSurface(fit.view, fit.chain);
      return drawSmile();
    },
    keep: keepSurface,
    chainChanged: () => host.chainChanged(),
    toWorkbook: (view, smile) => host.toWorkbook((ctx, opts) => writeSurfaceSheet(ctx, view, smile, opts)),
    formDate: () => input('valuationDate').value.trim(),
  });
  byId('surface-fit').addEventListener('click', () => void fitChain(host));
  byId('surface-cancel').addEventListener('click', () => fits?.cancel());
  byId('chain-clear').addEventListener('click', () => void clearSurface());
  onFilePicked(
    'chain-file',
    () => chainError(''),
    (file, text) => {
      box().value = text;
      const read = fileReadWords(file.name, file.size, text);
      note(read.note);
      chainError(read.error);
    },
    chainError,
  );
  byId('smile-expiry').addEventListener('change', () => void drawSmile());
  byId('smile-x').addEventListener('change', () => void drawSmile());
}
