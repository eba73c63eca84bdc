/**
 * Results in the page (a plain browser, or alongside the workbook in Excel): the plan as a table
 * with the explanation under each number, the audit trail, the stress grid as a coloured matrix
 * and the Monte Carlo histogram as a chart.js bar chart.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LogarithmicScale,
  Title,
  Tooltip,
} from 'chart.js';
import { histogramCaption } from '../common/presentRuns';
import { formatValue, heatColor, monteCarloRunWords, statText, stressCellText } from '../common/views';
import type { HistogramView, PlanView, StressView } from '../common/views';
import { announcePlan, planSummary } from './planStatus';
import { planRowTexts } from './planRowText';
import { rovingTabIndex, wireTabKeys } from './tabKeys';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LogarithmicScale, Legend, Title, Tooltip);

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

export function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
}

/**
 * Bring a run's result `id` into view from its title when it is not wholly in view already: its top
 * at the top of the page (the CSS's scroll-margin-top leaves a little room), above the run bar
 * that stays at the bottom of the narrow pane.
 */
export function scrollToResult(id: string): void {
  const result = byId(id);
  const box = result.getBoundingClientRect();
  const bar = document.querySelector<HTMLElement>('.actions');
  const covered = bar && getComputedStyle(bar).position === 'sticky' ? bar.getBoundingClientRect().height : 0;
  if (box.top >= 0 && box.bottom <= window.innerHeight - covered) return;
  result.scrollIntoView({ block: 'start' });
}

/**
 * Reads the file picked in the file input `id` as text: the input is emptied at once (so the same
 * file picked again, after a Clear say, is read again), `start` runs before the read, `read` gets
 * the file and its text, and `failed` a message naming the file when it cannot be read.
 */
export function onFilePicked(
  id: string,
  start: () => void,
  read: (file: File, text: string) => void,
  failed: (message: string) => void,
): void {
  byId(id).addEventListener('change', (ev) => {
    const picker = ev.target as HTMLInputElement;
    const file = picker.files?.[0];
    if (!file) return;
    picker.value = '';
    start();
    void file.text().then(
      (text) => read(file, text),
      (e: unknown) => failed(`Could not read ${file.name}: ${e instanceof Error ? e.message : String(e)}`),
    );
  });
}

export function renderPlan(view: PlanView): void {
  announcePlan(planSummary(view));
  byId('plan-date').textContent = view.date;
  byId('plan-headline').textContent = view.headline;
  byId('plan-tiles').replaceChildren(
    ...view.tiles.map((t) => {
      const box = el('div', { class: 'tile' });
      box.append(
        el('span', { class: 'tile-label' }, t.label),
        el('strong', {}, t.value),
        el('span', { class: 'tile-sub' }, t.sub),
      );
      return box;
    }),
  );
  const warnings = byId('plan-warnings');
  warnings.replaceChildren(...view.warnings.map((w) => el('li', {}, w)));

  const tbody = byId<HTMLTableElement>('plan-table').tBodies[0]!;
  const rows: HTMLTableRowElement[] = [];
  let section = '';
  const texts = planRowTexts(view.rows);
  for (const [i, r] of view.rows.entries()) {
    if (r.section !== section) {
      section = r.section;
      const tr = el('tr');
      tr.append(el('th', { scope: 'rowgroup', colspan: '2' }, section));
      rows.push(tr);
    }
    const tr = el('tr');
    const th = el('th', { scope: 'row' }, r.label);
    if (r.note) th.append(el('span', { class: 'why' }, r.note));
    tr.append(
      th,
      el('td', { class: r.format === 'text' || typeof r.value === 'string' ? 'num text' : 'num' }, texts[i] ?? ''),
    );
    rows.push(tr);
  }
  tbody.replaceChildren(...rows);

  byId('audit-count').textContent = `(${view.audit.length} rule${view.audit.length === 1 ? '' : 's'})`;
  byId('audit-list').replaceChildren(
    ...view.audit.map((a) => {
      const li = el('li');
      li.append(el('strong', {}, a.rule), document.createTextNode(`: ${a.effect} `), el('code', {}, a.inputs));
      return li;
    }),
  );
  byId('plan-result').hidden = false;
}

function renderStressSlice(view: StressView, index: number): void {
  const slice = view.slices[index];
  if (!slice) return;
  const table = byId<HTMLTableElement>('stress-table');
  const maxAbs = Math.max(0, ...view.slices.flatMap((s) => s.values.flat()).map(Math.abs));
  const head = el('thead');
  const hr = el('tr');
  hr.append(
    el('th', { scope: 'col' }, `${view.rowHeader} \\ ${view.colHeader}`),
    ...view.colLabels.map((c) => el('th', { scope: 'col' }, c)),
  );
  head.append(hr);
  const body = el('tbody');
  slice.values.forEach((row, i) => {
    const tr = el('tr');
    tr.append(el('th', { scope: 'row' }, view.rowLabels[i] ?? ''));
    for (const v of row) {
      tr.append(
        el('td', { style: `background:${heatColor(v, maxAbs)}`, title: formatValue(v, 'usd') }, stressCellText(v)),
      );
    }
    body.append(tr);
  });
  const caption = el(
    'caption',
    { class: 'sr' },
    `Total book P&L in USD by ${view.rowHeader} and ${view.colHeader}, ${slice.label}`,
  );
  table.replaceChildren(caption, head, body);
  byId('stress-panel').setAttribute('aria-labelledby', `stress-day-${index}`);
}

/**
 * The stress grid as a coloured matrix, with one tab per horizon (same colour scale across them;
 * arrow keys, Home and End move between them), brought into view.
 */
export function renderStress(view: StressView): void {
  byId('stress-title').textContent = `${view.title}, P&L by days elapsed`;
  const tabs = byId('stress-days');
  tabs.replaceChildren(
    ...view.slices.map((s, i) => {
      const b = el(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `stress-day-${i}`,
          'aria-controls': 'stress-panel',
          'aria-selected': i === view.opens ? 'true' : 'false',
          // The name begins with the text shown ("+7 d"), as a speech user says it.
          'aria-label': `${s.short}, ${s.label}`,
          title: s.label,
        },
        s.short,
      );
      b.addEventListener('click', () => {
        for (const other of tabs.querySelectorAll('button')) other.setAttribute('aria-selected', 'false');
        b.setAttribute('aria-selected', 'true');
        rovingTabIndex(buttons, i);
        renderStressSlice(view, i);
      });
      return b;
    }),
  );
  const buttons = [...tabs.querySelectorAll<HTMLButtonElement>('button')];
  rovingTabIndex(buttons, view.opens);
  wireTabKeys(buttons, (i) => {
    buttons[i]!.click();
    buttons[i]!.focus();
  });
  renderStressSlice(view, view.opens);
  renderNotes('stress-notes', view.notes);
  byId('stress-result').hidden = false;
  scrollToResult('stress-result');
}

/** A run's model notes as the items of list `id`, hidden when there are none. */
export function renderNotes(id: string, notes: readonly string[]): void {
  const list = byId(id);
  list.replaceChildren(
    ...notes.map((text) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    }),
  );
  list.hidden = notes.length === 0;
}

let chart: Chart | undefined;

/** The Monte Carlo's title, notes, histogram and statistics, brought into view. */
export function renderMonteCarlo(view: HistogramView): void {
  byId('mc-title').textContent = monteCarloRunWords(view);
  byId('mc-tails').textContent = histogramCaption(view.tails);
  renderNotes('mc-notes', view.notes);
  byId('mc-result').hidden = false;
  const canvas = byId<HTMLCanvasElement>('mc-chart');
  chart?.destroy();
  chart = new Chart(canvas, {
    type: 'bar',
    data: {
      // in the stress grid's words: "-43.2k", never Intl's "-43.2K"
      labels: view.binLabels.map((b) => stressCellText(b)),
      datasets: [
        {
          label: 'Unhedged condor',
          data: view.condor,
          backgroundColor: 'rgba(179, 38, 30, 0.55)',
          borderWidth: 0,
          barPercentage: 1,
          categoryPercentage: 0.9,
        },
        {
          label: 'ALVH book',
          data: view.alvh,
          backgroundColor: 'rgba(31, 78, 121, 0.75)',
          borderWidth: 0,
          barPercentage: 1,
          categoryPercentage: 0.9,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        title: { display: true, text: 'P&L at the horizon (USD; loss < 0), paths per bin' },
        tooltip: {
          callbacks: { title: (items) => `P&L ≈ ${formatValue(view.binLabels[items[0]?.dataIndex ?? 0] ?? 0, 'usd')}` },
        },
      },
      scales: {
        x: { ticks: { maxRotation: 0, autoSkipPadding: 8 }, grid: { display: false } },
        // Paths pile up at the condor's max profit and max loss: a log scale keeps the body in view.
        y: { type: 'logarithmic', min: 1, title: { display: true, text: 'paths (log scale)' } },
      },
    },
  });
  canvas.dataset['rendered'] = 'true';

  const table = byId<HTMLTableElement>('mc-stats');
  const head = el('thead');
  const hr = el('tr');
  hr.append(
    el('th', { scope: 'col' }, ''),
    el('th', { scope: 'col' }, 'Unhedged'),
    el('th', { scope: 'col' }, 'ALVH book'),
  );
  head.append(hr);
  const body = el('tbody');
  for (const s of view.stats) {
    const tr = el('tr');
    tr.append(
      el('th', { scope: 'row' }, s.label),
      statCell(statText(s.condor, s.stdErrors?.[0], s.format)),
      statCell(statText(s.alvh, s.stdErrors?.[1], s.format)),
    );
    body.append(tr);
  }
  table.replaceChildren(head, body);
  scrollToResult('mc-result');
}

/**
 * A statistic's cell: the figure, and its standard error ("± $1,234") on a line of its own, so the
 * two columns of "figure ± error" fit a 350 px pane. The cell's text stays "figure ± error".
 */
function statCell(text: string): HTMLTableCellElement {
  const cut = text.indexOf(' ± ');
  const td = el('td', {}, cut < 0 ? text : text.slice(0, cut));
  if (cut >= 0) td.append(el('span', { class: 'se' }, text.slice(cut)));
  return td;
}

/**
 * Show an error above the results (or clear it with ''). `inputs`: the message says what of the
 * form's inputs to fix, each problem `listed` by its field or in `general` words ("Some inputs need
 * fixing"); {@link inputProblemsNow} keeps it to the inputs as they are edited.
 */
export function showError(message: string, inputs?: 'listed' | 'general'): void {
  const box = byId('error-box');
  box.textContent = message;
  box.hidden = message === '';
  if (inputs !== undefined && message !== '') box.dataset['inputs'] = inputs;
  else delete box.dataset['inputs'];
}

/**
 * The form checked again after an edit, `said` its problems now ('' for none): a box that says what
 * of the inputs to fix follows them, never naming a field fixed since. Listed problems are listed
 * anew; general words stay while any problem is left; with none left the box goes. A box of
 * another error (a run's, the workbook's) stays.
 */
export function inputProblemsNow(said: string): void {
  const inputs = byId('error-box').dataset['inputs'];
  if (inputs === undefined) return;
  if (said === '') showError('');
  else if (inputs === 'listed') showError(said, 'listed');
}
