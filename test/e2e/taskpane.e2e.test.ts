/**
 * End to end: the built taskpane served by the built local host, driven in headless Chromium
 * (test/helpers/browser.ts). It fills the form for a real day (2020-03-12, read from the market data files),
 * shows a field's message for a bad value, runs a plan, then a small Monte Carlo on the local
 * host's API (configured in the page's settings) and one in the page's Web Worker, watching the
 * progress bar move and the chart render, and a stress grid; then the Excel path with a stand-in
 * object model. Screenshots go to test-output/.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { buildIfStale } from '../helpers/buildOnce';
import { describeWithData, readDataFile } from '../helpers/marketData';
import { expectPlanAsComputed } from '../helpers/pagePlan';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'test-output');

interface LocalHost {
  url: string;
  close(): Promise<void>;
}

/** A day from the data files: SPX, VIX and VX1..VX8 (quantintell), VVIX (Cboe). */
function realDay(iso: string): { spx: string; vix: string; vvix: string; vx: string[] } {
  const [y, m, d] = iso.split('-');
  const row = readDataFile('quantintell_vix_futures_VX1-VX8_2007-2021.csv')
    .split(/\r?\n/)
    .map((l) => l.split(','))
    .find((c) => c[1] === iso);
  const vvix = readDataFile('cboe_VVIX_History__ManULoreN14.csv')
    .split(/\r?\n/)
    .map((l) => l.split(','))
    .find((c) => c[0] === `${m}/${d}/${y}`);
  if (!row || !vvix) throw new Error(`${iso} not found in the market data files`);
  // ,DATE,VIX,VX1..VX8,SP500
  return { vix: row[2]!, vx: row.slice(3, 11), spx: row[11]!, vvix: String(Number(vvix[1])) };
}

async function setField(page: Page, name: string, value: string): Promise<void> {
  await page.fill(`[name="${name}"]`, value);
}

/** Record every value the run's progress bar takes. */
async function watchProgress(page: Page, actionId: string): Promise<void> {
  await page.evaluate((id) => {
    const w = window as unknown as { __progress: number[][] };
    w.__progress = [];
    const bar = document.querySelector(`#${id} progress`) as HTMLProgressElement;
    // Every value the bar took, even several set before the observer runs: the value a record
    // changed to is the next record's old value (or the bar's own, for the last).
    new MutationObserver((records) => {
      records.forEach((_r, i) => {
        const now = i + 1 < records.length ? records[i + 1]!.oldValue : bar.getAttribute('value');
        if (now !== null) w.__progress.push([Number(now), bar.max]);
      });
    }).observe(bar, { attributes: true, attributeFilter: ['value'], attributeOldValue: true });
  }, actionId);
}

async function progressSeen(page: Page): Promise<number[][]> {
  return page.evaluate(() => (window as unknown as { __progress: number[][] }).__progress);
}

/**
 * A stand-in for Excel's object model, injected before office.js loads: every property is a
 * recording proxy, every call is logged with its path and arguments, and the selected range holds
 * `selection`. It lets the page's Excel path (Excel.run, worksheets, tables, charts, formats) run in
 * a plain browser.
 */
function fakeExcel(selection: unknown[][]): void {
  const log: [string, string, unknown[]][] = [];
  const names = new WeakMap<object, string>();
  const make = (path: string): unknown => {
    const p: object = new Proxy(function () {}, {
      get(_t, prop) {
        if (prop === 'then') return undefined;
        if (prop === 'values' && path.endsWith('getSelectedRange()')) return selection;
        // The names in use, which the writers load before naming a sheet: none.
        if (prop === 'items' && /\.(worksheets|tables)$/.test(path)) return [];
        return make(`${path}.${String(prop)}`);
      },
      set(_t, prop, value) {
        log.push(['set', `${path}.${String(prop)}`, [value]]);
        return true;
      },
      apply(_t, _this, args: unknown[]) {
        const shown = args.map((a) =>
          a !== null && (typeof a === 'object' || typeof a === 'function') && names.has(a) ? names.get(a) : a,
        );
        log.push(['call', path, shown]);
        return make(`${path}()`);
      },
    });
    names.set(p, path);
    return p;
  };
  const context = make('ctx');
  (window as unknown as { Excel: unknown; __excelLog: unknown }).Excel = {
    run: async (cb: (c: unknown) => Promise<unknown>) => cb(context),
  };
  (window as unknown as { __excelLog: unknown }).__excelLog = log;
}

type LogEntry = [string, string, unknown[]];

/**
 * How long a poll waits for the page to reach a state before failing: a bound for "never", not a
 * speed requirement (the suite may share the machine with a benchmark; expect.poll's own default
 * is one second).
 */
const POLL = { timeout: 30_000 } as const;

/**
 * How long the page may take to show a run's result (a Monte Carlo, the frontier, the stress
 * grid): as long as the test itself may run (testTimeout in vitest.config.ts), so on a loaded
 * machine no one step is a tighter limit than the test's own, and never shorter than a poll.
 */
const RUN_WAIT = { timeout: 60_000 } as const;

describeWithData('taskpane in headless chromium', () => {
  let host: LocalHost;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildIfStale();
    const mod = (await import(pathToFileURL(join(root, 'functions', 'dist', 'localHost.js')).href)) as {
      startLocalHost(o: { port: number; tls: false; logError: () => void }): Promise<LocalHost>;
    };
    host = await mod.startLocalHost({ port: 0, tls: false, logError: () => {} });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // office.js must come from the local host, never a CDN: fail any request that leaves it.
    await page.route('**/*', (route) =>
      route.request().url().startsWith(host.url) ? route.continue() : route.abort('blockedbyclient'),
    );
    mkdirSync(outDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('plans a real day, explains a bad field, and runs Monte Carlo on the API and in a worker', async () => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${host.url}/taskpane.html`);
    await expect.poll(() => page.textContent('#host-status'), POLL).toContain('Browser');
    expect(requests.some((u) => u === `${host.url}/office.js`)).toBe(true);

    // The form opens on an example day; fill it with 2020-03-12 instead.
    const day = realDay('2020-03-12');
    await setField(page, 'valuationDate', '2020-03-12');
    await setField(page, 'spx', day.spx);
    await setField(page, 'vix', day.vix);
    await setField(page, 'vvix', day.vvix);
    await setField(page, 'rate', '0.007');
    await setField(page, 'divYield', '0.02');
    await setField(page, 'condorExpiry', '2020-04-24');
    await setField(page, 'k1', '1600');
    await setField(page, 'k2', '1700');
    await setField(page, 'k3', '3500');
    await setField(page, 'k4', '3600');
    await setField(page, 'quantity', '5');
    await setField(page, 'credit', '');
    await setField(page, 'capital', '5000000');
    await setField(page, 'budget', '30000');
    // The VX curve: first typed into the rows, expiries set from the date by the link...
    const prices = page.locator('#curve-rows .fut-price');
    expect(await prices.count()).toBe(8);
    for (let i = 0; i < 8; i++) await prices.nth(i).fill(day.vx[i]!);
    await page.click('#curve-expiries');
    await expect.poll(() => page.locator('#curve-rows .fut-expiry').first().inputValue(), POLL).toBe('2020-03-18');
    // ...then pasted as one column of prices copied from a sheet: the expiries follow the date.
    await page.click('#curve-rows tr:last-child button');
    expect(await prices.count()).toBe(7);
    await page.evaluate((text) => {
      const target = document.querySelector('#curve-rows .fut-price') as HTMLInputElement;
      const data = new DataTransfer();
      data.setData('text/plain', text);
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, day.vx.join('\r\n'));
    expect(await prices.count()).toBe(8);
    expect(await prices.nth(7).inputValue()).toBe(day.vx[7]);
    expect(await page.locator('#curve-rows .fut-expiry').nth(7).inputValue()).toBe('2020-10-21');

    // A bad field shows the shared schema's message beside it, and clears when fixed.
    await setField(page, 'vix', '-3');
    const vixErr = page.locator('[name="vix"] + .err');
    await expect.poll(() => vixErr.textContent(), POLL).toMatch(/VIX is in index points: pass a level from/);
    expect(await page.getAttribute('[name="vix"]', 'aria-invalid')).toBe('true');
    await setField(page, 'vix', day.vix);
    await expect.poll(() => vixErr.textContent(), POLL).toBe('');

    // Plan: computed here, at once.
    await page.click('[data-run="plan"]');
    await page.waitForSelector('#plan-result:not([hidden])');
    expect(await page.textContent('#plan-date')).toBe('2020-03-12');
    expect((await page.textContent('#plan-headline'))?.length).toBeGreaterThan(10);
    expect(await page.locator('#plan-table tbody tr').count()).toBeGreaterThan(8);
    await expectPlanAsComputed(page);

    // A rule of the method that rejects the input shows its problem and fix beside the field, live.
    await setField(page, 'credit', '150');
    const creditErr = page.locator('[name="credit"] + .err');
    await expect
      .poll(() => creditErr.textContent(), POLL)
      .toMatch(/at least the wing width 100.*check the strikes and the credit/);
    await setField(page, 'credit', '');
    await expect.poll(() => creditErr.textContent(), POLL).toBe('');
    await expect.poll(() => page.isHidden('#error-box'), POLL).toBe(true);

    // Monte Carlo on the local host's API, configured in the settings.
    await page.click('#settings summary');
    await setField(page, 'endpoint', `${host.url}/api`);
    await page.click('#settings-save');
    await expect.poll(() => page.textContent('#settings-note'), POLL).toContain('Saved');
    await setField(page, 'paths', '4000');
    await watchProgress(page, 'action-mc');
    await page.click('[data-run="montecarlo"]');
    await page.waitForSelector('#mc-chart[data-rendered="true"]', RUN_WAIT);
    // One summary-only request (the host chunks it over its workers; nothing per path comes back):
    // the host streams its progress, from 0 when its pool admits the run to every path.
    expect(requests.filter((u) => u.startsWith(`${host.url}/api/montecarlo`))).toEqual([
      `${host.url}/api/montecarlo?partial=false`,
    ]);
    const cloud = await progressSeen(page);
    expect(cloud[0]).toEqual([0, 4000]);
    expect(cloud.at(-1)).toEqual([4000, 4000]);
    const values = cloud.map(([v]) => v!);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    await expect.poll(() => page.textContent('#action-mc [data-note]'), POLL).toMatch(/4,000 paths on/);
    expect(await page.locator('#mc-stats tbody tr').count()).toBeGreaterThan(5);

    // The frontier on the API: its progress streamed by the host, the chart drawn from the result line.
    await page.click('#run-frontier');
    await page.waitForSelector('#frontier-result:not([hidden])', RUN_WAIT);
    expect(requests.filter((u) => u.startsWith(`${host.url}/api/frontier`))).toEqual([`${host.url}/api/frontier`]);
    await expect
      .poll(() => page.textContent('#frontier-note'), POLL)
      .toMatch(new RegExp(`^\\d+ budgets on ${new URL(host.url).host}`));
    expect(await page.locator('#frontier-chart svg .frontier-dots circle').count()).toBeGreaterThan(3);

    // The stress grid on the API too: a heatmap with one tab per horizon.
    await page.click('[data-run="stress"]');
    await page.waitForSelector('#stress-result:not([hidden])', RUN_WAIT);
    expect(requests.filter((u) => u === `${host.url}/api/stress`)).toHaveLength(1);
    expect(await page.locator('#stress-days button').count()).toBe(3);
    expect(await page.locator('#stress-table tbody td').count()).toBeGreaterThan(20);
    await page.screenshot({ path: join(outDir, 'taskpane-desktop.png'), fullPage: true });

    // A changed input greys out the runs made before it.
    await setField(page, 'budget', '35000');
    await expect.poll(() => page.getAttribute('#mc-result', 'class'), POLL).toContain('stale');
    expect(await page.getAttribute('#stress-result', 'class')).toContain('stale');

    // The same in the page's Web Worker, with no endpoint configured.
    await setField(page, 'endpoint', '');
    await page.click('#settings-save');
    await page.evaluate(() => document.querySelector('#mc-chart')?.removeAttribute('data-rendered'));
    await watchProgress(page, 'action-mc');
    await page.click('[data-run="montecarlo"]');
    await page.waitForSelector('#mc-chart[data-rendered="true"]', RUN_WAIT);
    const local = await progressSeen(page);
    expect(local.some(([v, max]) => v! > 0 && v! < max!)).toBe(true);
    await expect.poll(() => page.textContent('#action-mc [data-note]'), POLL).toMatch(/4,000 paths here/);
    expect(await page.getAttribute('#mc-result', 'class')).not.toContain('stale');

    // Cancel stops a long run: the worker is terminated and the bar goes away.
    await setField(page, 'paths', '1000000');
    await watchProgress(page, 'action-mc');
    await page.click('[data-run="montecarlo"]');
    await expect.poll(async () => (await progressSeen(page)).some(([v]) => v! > 0), POLL).toBe(true);
    await page.click('#action-mc [data-cancel]');
    await expect.poll(() => page.textContent('#action-mc [data-note]'), POLL).toBe('Cancelled.');
    expect(await page.isHidden('#action-mc progress')).toBe(true);
    expect(await page.isEnabled('[data-run="montecarlo"]')).toBe(true);

    // The taskpane's own width.
    await page.setViewportSize({ width: 350, height: 900 });
    await page.screenshot({ path: join(outDir, 'taskpane-350.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('inside Excel (a stand-in object model): reads the form from a selected range and writes each run to a new sheet', async () => {
    const day = realDay('2018-12-24');
    const selection: unknown[][] = [
      ['Date', 43458], // 2018-12-24 as an Excel serial
      ['SPX', Number(day.spx)],
      ['VIX', Number(day.vix)],
      ['VVIX', Number(day.vvix)],
      ['Rate', 0.024],
      ['Dividend yield', 0.021],
      ...day.vx.map((v, i) => [`VX${i + 1}`, Number(v)]),
      ['Condor expiry', 43497], // 2019-02-01
      ['Long put', 1900],
      ['Short put', 2000],
      ['Short call', 2650],
      ['Long call', 2750],
      ['Quantity', 4],
      ['Capital', 3000000],
      ['Budget', 25000],
      ['tailCoverage', 2],
    ];
    const excelPage = await browser.newPage({ viewport: { width: 350, height: 900 } });
    excelPage.on('pageerror', (e) => pageErrors.push(e.message));
    await excelPage.route('**/*', (route) =>
      route.request().url().startsWith(host.url) ? route.continue() : route.abort('blockedbyclient'),
    );
    await excelPage.addInitScript(fakeExcel, selection);
    await excelPage.goto(`${host.url}/taskpane.html`);
    await expect.poll(() => excelPage.textContent('#host-status'), POLL).toContain('Excel');
    // Outside Office, office.js leaves Office.context without requirements: say ExcelApi 1.1-1.6 are there.
    await excelPage.evaluate(() => {
      (Office.context as { requirements: unknown }).requirements = {
        isSetSupported: (_name: string, v: string) => Number(v.split('.')[1]) <= 6,
      };
    });

    await excelPage.click('#read-selection');
    await expect.poll(() => excelPage.inputValue('[name="valuationDate"]'), POLL).toBe('2018-12-24');
    expect(await excelPage.inputValue('[name="spx"]')).toBe(String(Number(day.spx)));
    expect(await excelPage.inputValue('[name="k3"]')).toBe('2650');
    expect(await excelPage.inputValue('[name="condorExpiry"]')).toBe('2019-02-01');
    expect(await excelPage.inputValue('[name="policy.tailCoverage"]')).toBe('2');
    expect(await excelPage.locator('#curve-rows .fut-expiry').first().inputValue()).toBe('2019-01-16');
    expect(await excelPage.textContent('#form-note')).toMatch(/^Read 23 values/);

    const log = async (): Promise<LogEntry[]> =>
      excelPage.evaluate(() => (window as unknown as { __excelLog: LogEntry[] }).__excelLog);
    const calls = async (suffix: string): Promise<unknown[][]> =>
      (await log()).filter(([k, path]) => k === 'call' && path.endsWith(suffix)).map(([, , args]) => args);

    await excelPage.click('[data-run="plan"]');
    await expect.poll(async () => (await calls('worksheets.add')).length, POLL).toBe(1);
    expect(String((await calls('worksheets.add'))[0]![0])).toMatch(/^ALVH plan \d{8}-\d{6}$/);
    await expect.poll(async () => (await calls('tables.add')).length, POLL).toBe(2);
    await expect
      .poll(() => excelPage.textContent('#action-plan [data-note]'), POLL)
      .toMatch(/Written to sheet "ALVH plan/);

    await excelPage.click('[data-run="stress"]');
    await expect.poll(async () => (await calls('worksheets.add')).length, POLL).toBe(2);
    expect(String((await calls('worksheets.add'))[1]![0])).toMatch(/^ALVH stress/);
    await expect.poll(async () => (await calls('conditionalFormats.add')).length, POLL).toBe(3);
    expect((await calls('conditionalFormats.add'))[0]).toEqual(['ColorScale']);

    await excelPage.fill('[name="paths"]', '2000');
    await excelPage.click('[data-run="montecarlo"]');
    await expect.poll(async () => (await calls('charts.add')).length, POLL).toBe(1);
    const [type, source, seriesBy] = (await calls('charts.add'))[0]!;
    expect([type, seriesBy]).toEqual(['ColumnClustered', 'Columns']);
    expect(String(source)).toMatch(/getRange\(\)$/);
    await excelPage.waitForSelector('#mc-chart[data-rendered="true"]');
    await excelPage.screenshot({ path: join(outDir, 'taskpane-excel-350.png'), fullPage: true });
    await excelPage.close();
    expect(pageErrors).toEqual([]);
  });
});
