/**
 * The built taskpane in a real browser (Chromium through playwright-core, test/helpers/browser.ts):
 * the Campaign boxes beside the positions held. The plan of a held book hands its campaign back in
 * its Campaign rows; typed into the boxes, the campaign is read with the positions and the rows say
 * the parts the layers were cut to; a partly filled set is named at its box. Every wait is on the
 * page's own state.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addinBrowser } from './stubs/addinBrowser';
import { fillHeldBook } from './stubs/paneInputs';

const pane = addinBrowser();

/** The plan table's rows as their cells' text. */
const planRows = (page: Page) =>
  page.$$eval('#plan-table tr', (trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
/** The row whose label (its header cell, the note after it) starts with `label`: [header, value]. */
const rowOf = async (page: Page, label: string) => (await planRows(page)).find((r) => r[0]!.startsWith(label));

describe('taskpane campaign (Chromium, 350 px)', () => {
  it('reads the campaign typed in the boxes with the positions held, shows its parts, and names a partly filled set', async () => {
    const { page, errors } = await pane.openTaskpane(new Date('2026-03-02T09:00:00Z'));
    await fillHeldBook(page);
    // no campaign typed, on a day the book is held: nothing was paid today, and no campaign is known
    expect(await rowOf(page, 'Budget set at entry')).toBeUndefined();
    // typed: read with the positions, the layers' parts shown, the campaign handed back as given
    await page.click('#campaign summary');
    await page.fill('input[name=campaignBudget]', '5000');
    await page.fill('input[name=paidOverlay]', '0');
    await page.fill('input[name=paidTail]', '400');
    await expect
      .poll(async () => (await rowOf(page, 'Tail’s part'))?.[0] ?? '')
      .toMatch(/− \$400 paid \+ \$[\d,]+ its legs held fetch/);
    const budget = (await rowOf(page, 'Budget set at entry'))!;
    expect(budget[1]).toBe('$5,000');
    expect(budget[0]).toMatch(/given/);
    expect((await rowOf(page, 'Paid by the tail'))?.[1]).toBe('$400');
    // two of three: the blank one is named at its box
    await page.fill('input[name=paidOverlay]', '');
    await page.waitForFunction(
      () => document.querySelector('input[name=paidOverlay]')?.getAttribute('aria-invalid') === 'true',
    );
    expect(await page.$eval('input[name=paidOverlay] + small.err', (e) => e.textContent)).toMatch(/blank/);
    expect(errors).toEqual([]);
  });
});
