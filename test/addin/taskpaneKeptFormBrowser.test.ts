/**
 * The form kept across a reload, in the built taskpane (Chromium, a plain browser: localStorage;
 * inside Excel the same form goes to the workbook's settings, taskpane-formMemory.test.ts): edits
 * survive a reload, which says the form is a past day's market; a kept value the page cannot read
 * opens the example day without an error.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addinBrowser } from './stubs/addinBrowser';
import { EXAMPLE } from '../../addin/src/taskpane/example';

const pane = addinBrowser();
const POSITIONS = 'Symbol,Qty,Avg Price\nVIX 250521C00060000,5,1.35';

/** What the page keeps, as the page reads it back. */
const kept = (page: Page): Promise<{ state: { fields: Record<string, string> }; run: { paths: string } } | null> =>
  page.evaluate(() => {
    const text = localStorage.getItem('alvh.form');
    return text === null ? null : (JSON.parse(text) as never);
  });

describe('the form kept across a reload (Chromium)', () => {
  it("restores every edit after a reload, says which day's market it holds, and plans it", async () => {
    const page = await pane.browser.newPage({ viewport: { width: 350, height: 900 } });
    await page.clock.install({ time: new Date('2026-12-05T12:00:00Z') });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The pages of one browser share storage here: what another kept goes, once (not on the reload).
    await page.addInitScript(() => {
      if (window.top !== window || sessionStorage.getItem('opened') !== null) return;
      sessionStorage.setItem('opened', '1');
      localStorage.removeItem('alvh.form');
      localStorage.removeItem('alvh.settings');
    });
    await page.goto(`${pane.base}/taskpane.html`, { waitUntil: 'load' });
    await page.waitForSelector('#plan-result:not([hidden])');
    // the example day opened: nothing is kept until the form is edited
    expect(await kept(page)).toBeNull();
    await page.fill('[name="spx"]', '5010.25');
    await page.click('#signals summary');
    await page.fill('[name="signal.rsi"]', '21.36');
    await page.click('#positions summary');
    await page.fill('[name="positions"]', POSITIONS);
    await page.fill('[name="paths"]', '30000');
    await expect.poll(async () => (await kept(page))?.state.fields['spx']).toBe('5010.25');
    await expect.poll(async () => (await kept(page))?.run.paths).toBe('30000');

    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('#plan-result:not([hidden])');
    // the kept form is read once office.js has said the host (in Excel, the workbook's settings)
    await expect.poll(() => page.textContent('#form-note')).toMatch(/^Restored the form/);
    const value = (n: string) => page.inputValue(`[name="${n}"]`);
    expect([await value('spx'), await value('signal.rsi'), await value('positions'), await value('paths')]).toEqual([
      '5010.25',
      '21.36',
      POSITIONS,
      '30000',
    ]);
    expect(await value('valuationDate')).toBe(EXAMPLE.fields.valuationDate);
    await expect
      .poll(() => page.textContent('#form-note'))
      .toMatch(
        /^Restored the form this browser kept at 2026-12-05 12:0\d UTC\. Its market is of 2025-04-08, not of the latest session \(2026-12-04\): load that session's market before trading on the plan\. Its positions are as they were then: check them before sending orders\. Example day loads the example\.$/,
      );
    // the plan shown is the restored form's, current: its RSI rule applied
    await expect.poll(() => page.$eval('#plan-result', (e) => e.classList.contains('stale'))).toBe(false);
    // the restored form is planned: its RSI is given, so the RSI widening is no longer a rule not applied
    await expect.poll(async () => (await page.textContent('#plan-result')) ?? '').not.toMatch(/the RSI widening \(/);
    expect(await page.textContent('#plan-result')).toContain('RSI widening');

    // Example day replaces the kept form with the example's
    await page.click('#load-example');
    await expect.poll(async () => (await kept(page))?.state.fields['spx']).toBe(EXAMPLE.fields.spx);
    expect(errors).toEqual([]);
  });

  it('a kept value the page cannot read (another version, typed by hand) opens the example day, without an error', async () => {
    const page = await pane.browser.newPage({ viewport: { width: 350, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      if (window.top === window) localStorage.setItem('alvh.form', JSON.stringify({ version: 9, state: 'x' }));
    });
    await page.goto(`${pane.base}/taskpane.html`, { waitUntil: 'load' });
    await page.waitForSelector('#plan-result:not([hidden])');
    expect(await page.inputValue('[name="spx"]')).toBe(EXAMPLE.fields.spx);
    expect(await page.textContent('#form-note')).toBe(EXAMPLE.note);
    expect(errors).toEqual([]);
  });

  it("inside Excel reads the workbook's form once office.js is ready, never the WebView's localStorage", async () => {
    /** A kept form of the example day with SPX `spx`. */
    const keptWith = (spx: string) => ({
      version: 1,
      savedAt: '2026-12-04T15:02:00.000Z',
      state: {
        fields: { ...EXAMPLE.fields, spx },
        futures: EXAMPLE.futures,
        policy: {},
        events: '',
        eventsMode: 'add',
        indices: {},
        signals: {},
      },
      positions: '',
      vixCloses: '',
      last: { date: '', vix: '', futures: '' },
      run: { paths: '20000', seed: '42', measure: 'real-world' },
      notKept: [],
    });
    const page = await pane.browser.newPage({ viewport: { width: 350, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(
      ([workbook, other]) => {
        if (window.top !== window) return;
        // another workbook's form, kept in the WebView's storage that every workbook shares
        localStorage.setItem('alvh.form', JSON.stringify(other));
        localStorage.removeItem('alvh.settings');
        (window as unknown as { __workbookForm: unknown }).__workbookForm = workbook;
      },
      [keptWith('5050.5'), keptWith('4100')] as const,
    );
    // office.js as Excel's loader behaves: Excel and the document are there once onReady resolves, not before
    const officeJs = `window.Office = {
      HostType: { Excel: 'Excel' },
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
      onReady: function () {
        return Promise.resolve().then(function () {
          var bag = { 'alvh.form': window.__workbookForm };
          var settings = {
            get: function (k) { return bag[k]; },
            set: function (k, v) { bag[k] = v; },
            saveAsync: function (cb) { cb({ status: 'succeeded' }); },
          };
          window.Office.context = { document: { settings: settings }, requirements: { isSetSupported: function () { return true; } } };
          window.Excel = { run: function () { return Promise.reject(new Error('no workbook here')); } };
          return { host: 'Excel' };
        });
      },
    };`;
    await page.route('**/office.js', (route) => route.fulfill({ contentType: 'text/javascript', body: officeJs }));
    await page.goto(`${pane.base}/taskpane.html`, { waitUntil: 'load' });
    await page.waitForSelector('#plan-result:not([hidden])');
    await expect
      .poll(() => page.textContent('#form-note'))
      .toMatch(/^Restored the form this workbook kept at 2026-12-04 15:02 UTC\./);
    expect(await page.inputValue('[name="spx"]')).toBe('5050.5');
    expect(await page.textContent('#host-status')).toContain('Excel');
    expect(errors).toEqual([]);
  });
});
