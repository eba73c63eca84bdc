/**
 * The built taskpane in a real browser (Chromium through playwright-core, test/helpers/browser.ts),
 * its runs sent to this server's /api, answered here: a failure's long detail (a proxy's stack
 * trace) stays a few lines in the error box and the run bar; a frontier answer of another shape
 * names the URL that sent it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addinBrowser } from './stubs/addinBrowser';

const pane = addinBrowser();

/** The pane with its runs sent to this server's /api. */
async function cloudPane(): Promise<{ page: Page; errors: string[] }> {
  const opened = await pane.openTaskpane();
  const { page } = opened;
  page.setDefaultTimeout(55_000);
  await page.evaluate(() => ((document.querySelector('#settings') as HTMLDetailsElement).open = true));
  await page.fill('input[name=endpoint]', `${pane.base}/api`);
  await page.click('#settings-save');
  await page.waitForSelector('#settings-summary:has-text("cloud")');
  await page.fill('input[name=paths]', '200');
  return opened;
}

describe('taskpane: a cloud failure in words (Chromium, 350 px)', () => {
  it("shows a long detail's start in the error box, and a few lines of it in the run bar", async () => {
    const { page, errors } = await cloudPane();
    const trace = `Error: upstream failed\n${'    at handler (/srv/proxy/index.js:12:34)\n'.repeat(120)}`;
    await page.route('**/api/stress**', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/problem+json',
        body: JSON.stringify({ title: 'Internal Server Error', status: 500, detail: trace }),
      }),
    );
    await page.click('#action-stress [data-run]');
    await page.waitForSelector('#error-box:not([hidden])');
    const box = (await page.textContent('#error-box')) ?? '';
    expect(box).toMatch(/^the cloud API answered 500: Error: upstream failed/);
    expect(box.length).toBeLessThan(350);
    expect(box).toMatch(/…$/);
    const note = '#action-stress [data-note]';
    await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent ?? '') !== '', note);
    expect(await page.textContent(note)).toMatch(/… \(the whole message is above the results\)$/);
    const { height, lineHeight } = await page.$eval(note, (el) => ({
      height: el.getBoundingClientRect().height,
      lineHeight: parseFloat(getComputedStyle(el).lineHeight),
    }));
    expect(height).toBeLessThanOrEqual(lineHeight * 4 + 1);
    expect(errors).toEqual([]);
  });

  it('names the URL of a frontier answer of another shape', async () => {
    const { page, errors } = await cloudPane();
    await page.route('**/api/frontier**', (route) => route.fulfill({ json: { hello: 'world' } }));
    await page.click('#run-frontier');
    await page.waitForSelector('#error-box:not([hidden])');
    expect(await page.textContent('#error-box')).toMatch(
      new RegExp(
        `^${pane.base.replace(/[.:/]/g, '\\$&')}/api/frontier answered JSON of another shape \\(.*\\): check the URL in Settings, or clear it to run here$`,
      ),
    );
    expect(errors).toEqual([]);
  });
});
