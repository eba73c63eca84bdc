/**
 * The built taskpane in a real browser (Chromium through playwright-core, test/helpers/browser.ts)
 * at 330 × 650 px, run from the run bar at the bottom of the form: each run's result comes into view
 * from its title (the stress grid's day tabs and header row, the Monte Carlo's paths, seed and
 * measure), above the run bar, not scrolled to its last rows. Every wait is on the page's own
 * state, never on a timer.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addinBrowser } from './stubs/addinBrowser';

const pane = addinBrowser();

/** Where `selector` is against the part of the page the run bar leaves in view. */
const placed = (page: Page, selector: string) =>
  page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    const bar = document.querySelector('.actions')!.getBoundingClientRect();
    return { top: r.top >= 0, aboveBar: r.bottom <= bar.top };
  });

async function openAtFormEnd(): Promise<Page> {
  const { page } = await pane.openTaskpane();
  await page.setViewportSize({ width: 330, height: 650 });
  await page.fill('input[name=paths]', '400');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  return page;
}

describe('taskpane results scrolled into view (Chromium, 330 × 650 px)', () => {
  it('shows the stress grid from its title, its day tabs and header row', async () => {
    const page = await openAtFormEnd();
    await page.click('#action-stress [data-run=stress]');
    await page.waitForSelector('#stress-result:not([hidden])', { timeout: 90_000 });
    await expect.poll(() => page.textContent('#action-stress [data-note]')).toMatch(/^Done /);
    for (const part of ['#stress-result h2', '#stress-days', '#stress-table thead'])
      expect(await placed(page, part), part).toEqual({ top: true, aboveBar: true });
  });

  it('shows the Monte Carlo and the frontier from their titles and charts', async () => {
    const page = await openAtFormEnd();
    await page.click('#action-mc [data-run=montecarlo]');
    await page.waitForSelector('#mc-result:not([hidden])', { timeout: 90_000 });
    await expect.poll(() => page.textContent('#action-mc [data-note]')).toMatch(/^400 paths here/);
    expect(await placed(page, '#mc-result h2')).toEqual({ top: true, aboveBar: true });
    expect(await placed(page, '#mc-title')).toEqual({ top: true, aboveBar: true });
    expect((await placed(page, '#mc-chart')).top).toBe(true);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.click('#run-frontier');
    await page.waitForSelector('#frontier-result:not([hidden])', { timeout: 90_000 });
    await expect.poll(() => page.textContent('#frontier-note')).toMatch(/budgets here/);
    expect(await placed(page, '#frontier-result h2')).toEqual({ top: true, aboveBar: true });
    expect((await placed(page, '#frontier-chart')).top).toBe(true);
  });
});
