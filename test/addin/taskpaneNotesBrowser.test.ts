/**
 * The built taskpane in a real browser (Chromium through playwright-core, test/helpers/browser.ts):
 * the note above the form drops a general error once the input is fixed, and keeps a note of what
 * a button did; the Plan button's status stops saying the plan is up to date once it is not, also
 * on a press before the plan has followed an edit; a paste of fewer rows than the VX curve table
 * holds names the rows it kept, beside the table; a Monte Carlo run starts its progress bar afresh,
 * not at the previous run's count; "expiries from date" without a Date names the Date box, until
 * the form plans; the notes of runs of a book held between rebalances name the page's boxes and
 * what the page runs, not the API's `book`. Time in the page moves only when the test moves it;
 * every other wait is on the page's own state.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addinBrowser } from './stubs/addinBrowser';
import { fillHeldBook } from './stubs/paneInputs';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { PLAN_CURRENT, PLAN_NOT_UPDATED } from '../../addin/src/taskpane/planStatus';

const pane = addinBrowser();

/** The taskpane with its example plan shown, its clock paused. */
async function openPane(): Promise<{ page: Page; errors: string[] }> {
  const opened = await pane.openTaskpane(new Date('2026-03-02T09:00:00Z'));
  // The re-plan a keystroke schedules waits until the test runs the clock on.
  await opened.page.clock.pauseAt(new Date('2026-03-02T10:00:00Z'));
  return opened;
}

const formNote = (page: Page) => page.textContent('#form-note');
const planSaid = (page: Page) => page.textContent('#action-plan [data-said]');

describe('taskpane notes and statuses (Chromium, 350 px)', () => {
  it('drops a general error above the form once the input is fixed, and keeps the example’s note', async () => {
    const { page, errors } = await openPane();
    expect(await formNote(page)).toBe(EXAMPLE.note);
    // an edit that leaves the form valid keeps the note of what a button did
    await page.fill('input[name=budget]', '30000');
    await page.clock.runFor(1000);
    expect(await formNote(page)).toBe(EXAMPLE.note);
    await page.click('#positions summary');
    await page.fill('textarea[name=positions]', 'Symbol,Qty\nSPXW 250523P03750000,1O');
    await page.click('#action-plan [data-run=plan]');
    await expect.poll(() => formNote(page)).toMatch(/^positions line 2: quantity "1O" is not a whole/);
    expect(await page.textContent('#err-positions')).toMatch(/quantity "1O" is not a whole/);
    // fixed: the box's message and the note go as the plan follows the form, and stay gone on Plan
    await page.fill('textarea[name=positions]', 'Symbol,Qty\nSPXW 250523P03750000,10');
    await page.clock.runFor(1000);
    expect(await page.textContent('#err-positions')).toBe('');
    expect(await formNote(page)).toBe('');
    await page.click('#action-plan [data-run=plan]');
    await expect.poll(() => planSaid(page)).toBe(PLAN_CURRENT);
    expect(await formNote(page)).toBe('');
    expect(errors).toEqual([]);
  });

  it('names the Date box when "expiries from date" needs it, and drops that note once the form plans', async () => {
    const { page, errors } = await openPane();
    const date = EXAMPLE.fields.valuationDate;
    await page.fill('input[name=valuationDate]', '');
    await page.click('#curve-expiries');
    expect(await formNote(page)).toBe(
      'Expiries need a Date first: the Date box is blank; type the valuation day as YYYY-MM-DD, such as 2025-04-08.',
    );
    await page.fill('input[name=valuationDate]', '1990-01-02');
    await page.click('#curve-expiries');
    expect(await formNote(page)).toBe(
      "Expiries need a valid Date first: the Date is 1990-01-02, outside the exchange calendar's 2000-01-01..2040-12-31; pass a date from 2000 to 2040.",
    );
    // late in 2040 the curve's rows run past the calendar: the note names the rows, not a count
    await page.fill('input[name=valuationDate]', '2040-11-20');
    await page.click('#curve-expiries');
    expect(await formNote(page)).toMatch(
      /^Expiries could not be filled: the VX curve's \d+ rows: the expiries after 2040-11-20 run past the exchange calendar \(2000-2040\); remove rows from the curve, or use an earlier Date\.$/,
    );
    await page.fill('input[name=valuationDate]', '1990-01-02');
    await page.click('#curve-expiries');
    // an edit that leaves the form unplanned keeps it
    await page.fill('input[name=spx]', '4982.7');
    await page.clock.runFor(1000);
    expect(await formNote(page)).toMatch(/^Expiries need a valid Date first/);
    // the Date fixed: the plan follows the form, and the note goes
    await page.fill('input[name=valuationDate]', date);
    await page.clock.runFor(1000);
    await expect.poll(() => page.isVisible('#plan-result.stale')).toBe(false);
    expect(await formNote(page)).toBe('');
    // a note of what a button did stays as the form plans
    await page.click('#load-example');
    await page.clock.runFor(1000);
    expect(await formNote(page)).toBe(EXAMPLE.note);
    expect(errors).toEqual([]);
  });

  it('stops saying the plan is up to date once the inputs no longer give it', async () => {
    const { page, errors } = await openPane();
    await page.click('#action-plan [data-run=plan]');
    await expect.poll(() => planSaid(page)).toBe(PLAN_CURRENT);
    await page.fill('input[name=spx]', '');
    await page.clock.runFor(1000);
    expect(await page.textContent('#plan-status')).toBe(PLAN_NOT_UPDATED);
    expect(await page.textContent('#action-plan [data-note]')).toBe('');
    expect(await planSaid(page)).toBe('');
    expect(errors).toEqual([]);
  });

  it('greys the plan when Plan or Enter comes before the check an invalid edit schedules', async () => {
    const { page, errors } = await openPane();
    const stale = () => page.$eval('#plan-result', (e) => e.classList.contains('stale'));
    const status = () => page.textContent('#plan-status');
    await page.fill('input[name=spx]', '4990');
    await page.clock.runFor(1000);
    expect(await stale()).toBe(false);
    expect(await status()).toMatch(/^Plan updated: /);
    // The clock stands still: the check the typing schedules is still due when Enter runs the plan.
    const fix = 'Some inputs need fixing: see the messages beside the fields marked in red.';
    for (const go of ['Enter', 'Plan'] as const) {
      await page.fill('input[name=spx]', '4982.77x');
      if (go === 'Enter') await page.press('input[name=spx]', 'Enter');
      else await page.click('#action-plan [data-run=plan]');
      await expect.poll(() => page.textContent('#action-plan [data-note]')).toBe(fix);
      expect(await stale()).toBe(true);
      expect(await page.$eval('#hedge-result', (e) => e.classList.contains('stale'))).toBe(true);
      expect(await status()).toBe(PLAN_NOT_UPDATED);
      // the check the edit scheduled was dropped: the note stays, the plan stays greyed
      await page.clock.runFor(1000);
      expect(await page.textContent('#action-plan [data-note]')).toBe(fix);
      expect(await stale()).toBe(true);
      // fixed, the plan follows the form again
      await page.fill('input[name=spx]', '4990');
      await page.clock.runFor(1000);
      expect(await stale()).toBe(false);
      expect(await status()).toMatch(/^Plan updated: /);
    }
    expect(errors).toEqual([]);
  });

  it('names the rows of the earlier curve a shorter paste kept, beside the curve table, until the curve is edited', async () => {
    const { page, errors } = await openPane();
    const prices = () => page.$$eval('#curve-rows .fut-price', (xs) => xs.map((x) => (x as HTMLInputElement).value));
    const curveNote = () => page.textContent('.curve #curve-note');
    const paste = (text: string) =>
      page.$eval(
        '#curve-rows .fut-price',
        (el, t) => {
          const dt = new DataTransfer();
          dt.setData('text/plain', t);
          el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
        },
        text,
      );
    const before = await prices();
    expect(before).toHaveLength(8);
    expect(await curveNote()).toBe('');
    await paste('39.5\n31.1\n29.0');
    expect(await prices()).toEqual(['39.5', '31.1', '29.0', ...before.slice(3)]);
    const kept =
      'Rows 4-8 of the VX curve kept from before the paste: remove them if they are not of the same day as the rows pasted.';
    expect(await curveNote()).toBe(kept);
    expect(await page.getAttribute('#curve-note', 'role')).toBe('status');
    // the plan follows the curve as pasted; the note stays, and "expiries from date" keeps it
    await page.clock.runFor(1000);
    expect(await page.textContent('#plan-status')).toMatch(/^Plan updated: /);
    await page.click('#curve-expiries');
    expect(await curveNote()).toBe(kept);
    // a row typed in clears it, and so does Example day after another paste
    await page.fill('#curve-rows tr:nth-child(5) .fut-price', '27');
    expect(await curveNote()).toBe('');
    await paste('39.5\n31.1\n29.0');
    expect(await curveNote()).toBe(kept);
    await page.click('#load-example');
    expect(await curveNote()).toBe('');
    expect(await prices()).toEqual(before);
    expect(errors).toEqual([]);
  });

  it('starts a Monte Carlo run’s progress bar afresh, not at the previous run’s count', async () => {
    const { page, errors } = await openPane();
    await page.clock.resume();
    await page.fill('input[name=paths]', '400');
    await page.click('#action-mc [data-run=montecarlo]');
    await page.waitForSelector('#mc-result:not([hidden])', { timeout: 90_000 });
    await expect.poll(() => page.textContent('#action-mc [data-note]')).toMatch(/^400 paths here/);
    expect(await page.$eval('#action-mc progress', (b) => (b as HTMLProgressElement).max)).toBe(400);
    await page.fill('input[name=paths]', '100000');
    // The bar as the click leaves it, before the worker's first progress can arrive.
    const started = await page.evaluate(() => {
      document.querySelector<HTMLButtonElement>('#action-mc [data-run=montecarlo]')!.click();
      const bar = document.querySelector('#action-mc progress') as HTMLProgressElement;
      return { max: bar.max, value: bar.getAttribute('value'), said: bar.getAttribute('aria-valuetext') };
    });
    expect(started).toEqual({ max: 1, value: null, said: null });
    await page.click('#action-mc [data-cancel]');
    await expect.poll(() => page.textContent('#action-mc [data-note]')).toBe('Cancelled.');
    expect(errors).toEqual([]);
  });

  it('says in the page’s words that the runs follow the plan’s book, not the Positions held nor the Last rebalance', async () => {
    const { page, errors } = await openPane();
    await page.clock.resume();
    await fillHeldBook(page);
    const first = (list: string) => page.$$eval(`#${list} li`, (lis) => lis[0]?.textContent ?? '');
    const orders = ' the orders under the plan list what separates the legs held from it.';
    await page.click('#action-stress [data-run=stress]');
    await page.waitForSelector('#stress-result:not([hidden])', { timeout: 90_000 });
    expect(await first('stress-notes')).toBe(
      "This grid follows neither the Positions held nor the Last rebalance: the grid marks the plan's book at today's sizing, as entered on the Date, not the legs held. The page stresses the plan's book only;" +
        orders,
    );
    await page.fill('input[name=paths]', '400');
    await page.click('#action-mc [data-run=montecarlo]');
    await page.waitForSelector('#mc-result:not([hidden])', { timeout: 90_000 });
    expect(await first('mc-notes')).toMatch(
      /^This run follows neither the Positions held nor the Last rebalance: the paths run the plan's book at today's sizing, entered on the Date with the rebalance clock at day 0, .* The page simulates the plan's book only; the orders under the plan/,
    );
    await page.click('#run-frontier');
    await page.waitForSelector('#frontier-result:not([hidden])', { timeout: 90_000 });
    const frontierNotes = await page.$$eval('#frontier-notes li', (lis) => lis.map((li) => li.textContent ?? ''));
    expect(frontierNotes).toContainEqual(expect.stringMatching(/^The frontier does not use the Positions held: /));
    for (const n of [...frontierNotes, await first('stress-notes'), await first('mc-notes')])
      expect(n).not.toMatch(/\bplan\.|\bas book\b|in place of plan|\/api\//);
    expect(errors).toEqual([]);
  });
});
