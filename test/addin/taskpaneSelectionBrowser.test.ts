/**
 * "Read from selection" in the built taskpane (Chromium; Excel.run faked by an init script that
 * answers the selected range's values): a 2023-06-09 range read over the example day leaves none
 * of 2025-04-08's VIX9D, VIX3M, SKEW, VVIX or credit in the form, the note names what it kept and
 * cleared, and the plan marks the new day on VIX alone, as ALVH.PLAN does on the same range; the
 * split's signal rows fill the Signals boxes, and the campaign's rows the Campaign boxes.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addinBrowser } from './stubs/addinBrowser';
import { SELECTION_2023_06_09 as DAY_2023 } from '../helpers/fixtures';

const pane = addinBrowser();

/** The taskpane inside a fake Excel whose selection is `window.__sel`. */
async function openInExcel(): Promise<{ page: Page; errors: string[] }> {
  const page = await pane.browser.newPage({ viewport: { width: 350, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    // Only the page itself: office.js's own frames may not read storage (a SecurityError there).
    if (window.top === window) {
      localStorage.removeItem('alvh.settings');
      localStorage.removeItem('alvh.form'); // a form another page kept would replace the example day
    }
    const w = window as unknown as { __sel: unknown[][]; Excel: unknown };
    const range = {
      load: () => {},
      get values() {
        return w.__sel;
      },
    };
    const ctx = { workbook: { getSelectedRange: () => range }, sync: () => Promise.resolve() };
    w.Excel = { run: (f: (c: typeof ctx) => unknown) => Promise.resolve().then(() => f(ctx)) };
  });
  await page.goto(`${pane.base}/taskpane.html`, { waitUntil: 'load' });
  await page.waitForSelector('#plan-result:not([hidden])');
  return { page, errors };
}

describe('Read from selection of a new day (Chromium, fake Excel)', () => {
  it("clears the earlier day's indices, VVIX and credit, says so, and plans the new day on its own market", async () => {
    const { page, errors } = await openInExcel();
    await page.evaluate((sel) => {
      (window as unknown as { __sel: unknown }).__sel = sel;
    }, DAY_2023);
    await page.click('#read-selection');
    await expect
      .poll(() => page.textContent('#form-note'))
      .toBe(
        'Read 16 values from the selection; kept from before: budget 40,000; cleared (of the earlier day, not in the range): VVIX, VIX9D, VIX3M, SKEW, credit.',
      );
    const value = (n: string) => page.inputValue(`[name="${n}"]`);
    for (const n of ['vvix', 'index.vix9d', 'index.vix3m', 'index.skew', 'credit']) expect(await value(n), n).toBe('');
    expect([await value('valuationDate'), await value('spx'), await value('budget')]).toEqual([
      '2023-06-09',
      '4298.86',
      '40000',
    ]);
    await page.click('#action-plan [data-run=plan]');
    await expect.poll(() => page.textContent('#plan-result')).toContain('2023-06-09');
    const shown = (await page.textContent('#plan-result')) ?? '';
    expect(shown).not.toContain('135.68');
    // VIX alone, as ALVH.PLAN marks the same range: ATM vol 11.2%, the short strikes 1.9 / 1.2 SD out
    expect(shown).toContain('SPX surface from Cboe indices of 2023-06-09 (VIX): ATM vol 11.21% at 30 days');
    expect(shown).toContain('short strikes 1.9 / 1.2 SD');
    expect(errors).toEqual([]);
  });
});

describe('Read from selection of the split signals (Chromium, fake Excel)', () => {
  it('fills the Signals boxes from the rows rsi, macdHist, adSlope and prevSpread, and the plan reads them', async () => {
    const { page, errors } = await openInExcel();
    const signals: [string, number][] = [
      ['RSI', 35],
      ['macd hist', -1.25],
      ['adSlope', 120],
      ['prevSpread', 0.4],
    ];
    await page.evaluate(
      (sel) => {
        (window as unknown as { __sel: unknown }).__sel = sel;
      },
      [...DAY_2023, ...signals],
    );
    await page.click('#read-selection');
    await expect.poll(() => page.textContent('#form-note')).toMatch(/^Read 20 values from the selection/);
    const value = (n: string) => page.inputValue(`[name="signal.${n}"]`);
    expect([await value('rsi'), await value('macdHist'), await value('adSlope'), await value('prevSpread')]).toEqual([
      '35',
      '-1.25',
      '120',
      '0.4',
    ]);
    await page.click('#action-plan [data-run=plan]');
    await expect.poll(() => page.textContent('#plan-result')).toContain('2023-06-09');
    const audit = await page.$$eval('#audit-list li', (lis) => lis.map((l) => l.textContent ?? ''));
    expect(audit.find((t) => t.startsWith('signals:'))).toContain('rsi=35, prevSpread=0.4, macdHist=-1.25');
    expect(errors).toEqual([]);
  });
});

describe('Read from selection of number cells (Chromium, fake Excel)', () => {
  it('fills a budget of 5000.125 as $5,000.125, planned as it is, and refuses 18.888 condors as no whole number', async () => {
    const { page, errors } = await openInExcel();
    const read = async (extra: [string, number][]): Promise<void> => {
      const sel = [...DAY_2023.filter(([k]) => !extra.some(([e]) => e === k)), ...extra];
      await page.evaluate((s) => {
        (window as unknown as { __sel: unknown }).__sel = s;
      }, sel);
      await page.click('#read-selection');
      await expect.poll(() => page.textContent('#form-note')).toMatch(/^Read \d+ values from the selection/);
      await page.click('#action-plan [data-run=plan]');
    };
    // "5000.125" was refused as thousands grouped by a dot, offering $5,000,125
    await read([['budget', 5000.125]]);
    expect(await page.inputValue('[name="budget"]')).toBe('5,000.125');
    await expect.poll(() => page.textContent('#plan-result')).toContain('2023-06-09');
    expect(await page.textContent('input[name=budget] + .err')).toBe('');
    // "18.888" was offered as 18,888 contracts
    await read([['quantity', 18.888]]);
    expect(await page.inputValue('[name="quantity"]')).toBe('18.8880');
    const said = () => page.textContent('input[name=quantity] + .err');
    await expect.poll(said).toMatch(/whole number of condors/);
    expect(await said()).not.toMatch(/18,?888|write/);
    expect(errors).toEqual([]);
  });
});

describe('Read from selection of the campaign rows (Chromium, fake Excel)', () => {
  it("fills and opens the Campaign boxes from ALVH.PLAN's rows, and a range giving one row leaves the others blank, said at them", async () => {
    const { page, errors } = await openInExcel();
    const read = async (rows: [string, number][]): Promise<void> => {
      await page.evaluate(
        (sel) => {
          (window as unknown as { __sel: unknown }).__sel = sel;
        },
        [...DAY_2023, ...rows],
      );
      await page.click('#read-selection');
    };
    // these rows were "unknown" keys: nothing of the range was filled
    await read([
      ['campaignBudget', 1673],
      ['paidOverlay', 300.25],
      ['paidTail', -125.5],
    ]);
    await expect.poll(() => page.textContent('#form-note')).toMatch(/^Read 19 values from the selection/);
    const value = (n: string) => page.inputValue(`[name="${n}"]`);
    expect([await value('campaignBudget'), await value('paidOverlay'), await value('paidTail')]).toEqual([
      '1673',
      '300.25',
      '-125.5',
    ]);
    expect(await page.$eval('#campaign', (d) => (d as HTMLDetailsElement).open)).toBe(true);
    await read([['campaign budget', 900]]);
    await expect.poll(() => value('campaignBudget')).toBe('900');
    expect([await value('paidOverlay'), await value('paidTail')]).toEqual(['', '']);
    await expect
      .poll(() => page.$eval('input[name=paidOverlay] + small.err', (e) => e.textContent))
      .toMatch(/^is blank: type what the overlay has paid since the entry in USD/);
    expect(errors).toEqual([]);
  });
});
