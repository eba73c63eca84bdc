/**
 * Inputs the taskpane's browser tests type into the page in one step: the held book of 2008-01-04
 * and the crossed-calendar chain of 2023-06-09.
 */
import type { Page } from 'playwright-core';
import { HELD_BOOK } from '../../helpers/fixtures';
import { CROSSED_CALENDAR } from '../../shared/surface/crossedCalendar';

/**
 * The held book of 2008-01-04 (test/helpers/fixtures.ts) set in one step, as a paste would, then
 * one input event; returns once the plan has listed its orders.
 */
export async function fillHeldBook(page: Page): Promise<void> {
  await page.evaluate((b) => {
    const f = document.getElementById('plan-form') as HTMLFormElement;
    const set = (name: string, v: string): void => {
      (f.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement).value = v;
    };
    for (const [k, v] of Object.entries(b.fields)) set(k, v);
    for (const n of ['vix9d', 'vix3m', 'vix6m', 'skew']) set(`index.${n}`, '');
    for (const [k, v] of Object.entries(b.policy)) set(`policy.${k}`, v);
    const rows = [...document.querySelectorAll<HTMLTableRowElement>('#curve-rows tr')];
    b.futures.forEach((r, i) => {
      (rows[i]!.querySelector('.fut-expiry') as HTMLInputElement).value = r.expiry;
      (rows[i]!.querySelector('.fut-price') as HTMLInputElement).value = r.price;
    });
    set('positions', b.positions);
    set('lastDate', b.last.date);
    set('lastVix', b.last.vix);
    set('lastFutures', b.last.futures);
    (f.elements.namedItem('lastFutures') as HTMLTextAreaElement).dispatchEvent(new Event('input', { bubbles: true }));
  }, HELD_BOOK);
  await page.waitForFunction(() => (document.getElementById('orders-note')?.textContent ?? '') !== '');
}

/** The plan form dated 2023-06-09 at SPX 4300, and the crossed-calendar chain typed on the Surface tab as a table. */
export async function fillCrossedCalendar(page: Page): Promise<void> {
  // a plain table is dated, and its spot read, from the plan form
  await page.fill('input[name=valuationDate]', '2023-06-09');
  await page.fill('input[name=spx]', '4300');
  await page.click('#tab-surface');
  const csv = [
    'expiry,strike,type,bid,ask',
    ...CROSSED_CALENDAR.map((r) => [r.expiry, r.strike, r.type, r.bid, r.ask].join(',')),
  ];
  await page.fill('#chain-text', csv.join('\n'));
}
