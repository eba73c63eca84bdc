/**
 * The built taskpane in a real browser (Chromium through playwright-core, test/helpers/browser.ts),
 * driven by the keyboard: Enter in a one-line box of the form runs the plan, in the Monte Carlo
 * paths or seed starts the Monte Carlo, in the Settings URL saves the settings (a URL refused then
 * says it is not saved and where runs still go), and does nothing in a text area or with a
 * modifier; the Policy boxes show their default as their placeholder; and strikes out of order are
 * marked at each strike that can fix them, the focus on the one last edited; a field a rule of the
 * method refuses takes the focus when Plan is pressed; the stress-day tabs move with the arrow keys,
 * Home and End; Enter on Fit surface leaves the focus on Cancel while it fits, then on Fit surface;
 * no two boxes share a name. Every wait is on the page's own state, never on a timer.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@alvh/shared';
import { addinBrowser } from './stubs/addinBrowser';
import { fillCrossedCalendar } from './stubs/paneInputs';
import { EXAMPLE } from '../../addin/src/taskpane/example';

const pane = addinBrowser();

const openPane = (clock?: Date) => pane.openTaskpane(clock);

const planNote = (page: Page) => page.textContent('#action-plan [data-note]');

describe('taskpane Enter key (Chromium, 350 px)', () => {
  it('runs the plan on Enter in SPX, as the Plan button does, and says what to fix there', async () => {
    const { page, errors } = await openPane(new Date('2026-03-02T09:00:00Z'));
    // Time stands still unless the test moves it: the re-plan a keystroke schedules waits for it.
    await page.clock.pauseAt(new Date('2026-03-02T10:00:00Z'));
    expect(await planNote(page)).toBe('');
    // Enter in a text area is a new line; with a modifier, nothing: no plan is run
    await page.click('#positions summary');
    await page.focus('textarea[name=positions]');
    await page.keyboard.press('Enter');
    await page.focus('input[name=spx]');
    await page.keyboard.press('Shift+Enter');
    expect(await planNote(page)).toBe('');
    expect(await page.inputValue('textarea[name=positions]')).toBe('\n');
    await page.fill('textarea[name=positions]', '');
    await page.focus('input[name=spx]');
    await page.keyboard.press('Enter');
    await expect.poll(() => planNote(page)).toBe('Plan up to date with the inputs.');
    // blank, Enter shows every message and says the box's units
    // Enter before the keystroke's re-plan is due: that re-plan must not follow and clear the note
    await page.fill('input[name=spx]', '');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => planNote(page))
      .toBe('Some inputs need fixing: see the messages beside the fields marked in red.');
    await page.clock.runFor(1000);
    expect(await planNote(page)).toBe('Some inputs need fixing: see the messages beside the fields marked in red.');
    expect(await page.textContent('input[name=spx] + .err')).toBe(
      'is blank; type the SPX level in index points, such as 4982.77',
    );
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('spx');
    expect(errors).toEqual([]);
  });

  it('starts the Monte Carlo on Enter in paths, and reads 4e2 as 400 paths', async () => {
    const { page, errors } = await openPane();
    await page.fill('input[name=paths]', '4e2');
    await page.focus('input[name=paths]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#mc-result:not([hidden])', { timeout: 90_000 });
    await expect.poll(() => page.textContent('#action-mc [data-note]')).toMatch(/^400 paths here \(Web Worker\) in /);
    expect(await page.textContent('#mc-title')).toMatch(/^400 paths, seed 42/);
    expect(await planNote(page)).toBe(''); // the plan was not run again
    expect(errors).toEqual([]);
  });

  it('saves the settings on Enter in the Cloud API URL, and says a refused URL is not saved', async () => {
    const { page, errors } = await openPane();
    await page.click('#settings summary');
    await page.fill('input[name=endpoint]', `${pane.base}/api`);
    await page.focus('input[name=endpoint]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#settings-note')).toBe('Saved in this browser.');
    expect(await page.textContent('#settings-summary')).toBe(`(cloud: ${new URL(pane.base).host})`);
    expect(await planNote(page)).toBe('');
    // a URL refused: the note no longer says "Saved", and says the earlier URL is still the one used
    await page.fill('input[name=endpoint]', 'https://myapp.azurewebsites.net/api/montecarlo?code=abc');
    await page.click('#settings-save');
    await expect
      .poll(() => page.textContent('#settings-note'))
      .toBe(`Not saved: runs still go on ${new URL(pane.base).host}, to the URL saved before.`);
    expect(await page.getAttribute('input[name=endpoint]', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#settings-summary')).toBe(`(cloud: ${new URL(pane.base).host})`);
    // with no URL saved, runs still go here
    await page.fill('input[name=endpoint]', '');
    await page.click('#settings-save');
    await expect.poll(() => page.textContent('#settings-note')).toBe('Saved in this browser.');
    await page.fill('input[name=endpoint]', 'ftp://example.com/api');
    await page.click('#settings-save');
    await expect.poll(() => page.textContent('#settings-note')).toBe('Not saved: runs still go here (Web Worker).');
    expect(errors).toEqual([]);
  });
});

describe('taskpane Policy and strikes (Chromium, 350 px)', () => {
  it('shows each Policy box’s default as its placeholder: blank is the default', async () => {
    const { page } = await openPane();
    const boxes = await page.$$eval('#policy-fields input', (es) =>
      es.map((e) => [e.getAttribute('name') ?? '', (e as HTMLInputElement).placeholder] as const),
    );
    expect(boxes.length).toBeGreaterThan(20);
    const defaults = DEFAULT_POLICY as unknown as Record<string, unknown>;
    for (const [name, placeholder] of boxes) {
      const value = defaults[name.replace(/^policy\./, '')];
      expect(placeholder, name).toBe(value === undefined ? 'auto' : `default ${String(value)}`);
    }
    expect(boxes).toContainEqual(['policy.tailCoverage', 'default 1.8']);
  });

  it('focuses the field a rule of the method names when Plan is pressed, as the form’s own checks do', async () => {
    const { page, errors } = await openPane(new Date('2026-03-02T09:00:00Z'));
    await page.clock.pauseAt(new Date('2026-03-02T10:00:00Z'));
    const focused = () =>
      page.evaluate(() => {
        const e = document.activeElement;
        return e?.getAttribute('name') || e?.getAttribute('aria-label');
      });
    const type = async (selector: string, value: string) => {
      await page.fill(selector, value);
      await page.clock.runFor(1000); // the plan follows the form
    };
    const plan = '#action-plan [data-run=plan]';
    // a credit of 150 on 100-point wings cannot lose: the method refuses it, not the form
    await type('input[name=credit]', '150');
    expect(await page.getAttribute('input[name=credit]', 'aria-invalid')).toBe('true');
    // a re-plan as another box is typed leaves the focus in that box
    await type('input[name=spx]', '4982.77');
    expect(await focused()).toBe('spx');
    await page.click(plan);
    await expect.poll(focused).toBe('credit');
    await type('input[name=credit]', EXAMPLE.fields.credit);
    // a valuation date whose own VX future the curve lacks: VX 1's expiry is named
    await type('input[name=valuationDate]', '2024-04-08');
    await page.click(plan);
    await expect.poll(focused).toBe('VX 1 expiry');
    expect(await page.textContent('#error-box')).toMatch(/^VX 1 expiry: /);
    await type('input[name=valuationDate]', EXAMPLE.fields.valuationDate);
    // a curve out of order: the later row's expiry is named
    const [first, second] = [EXAMPLE.futures[0]!.expiry, EXAMPLE.futures[1]!.expiry];
    await type('#curve-rows tr:nth-child(1) .fut-expiry', second);
    await type('#curve-rows tr:nth-child(2) .fut-expiry', first);
    await page.click(plan);
    await expect.poll(focused).toBe('VX 2 expiry');
    expect(errors).toEqual([]);
  });

  it('marks every strike that can put them in order, focusing the one last edited', async () => {
    const { page, errors } = await openPane();
    expect([EXAMPLE.fields.k1, EXAMPLE.fields.k2, EXAMPLE.fields.k4]).toEqual(['3650', '3750', '6700']);
    const marked = () =>
      page.$$eval('input[name^=k]', (es) =>
        es.filter((e) => e.getAttribute('aria-invalid') === 'true').map((e) => e.getAttribute('name')),
      );
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('name'));
    const order =
      'pass strikes in increasing order: long put < short put < short call < long call (they are 3650, 3750, 3700, 6700)';
    await page.fill('input[name=k3]', '3700');
    await page.click('#action-plan [data-run=plan]');
    await expect.poll(marked).toEqual(['k2', 'k3']);
    expect(await page.textContent('input[name=k2] + .err')).toBe(order);
    expect(await page.textContent('input[name=k3] + .err')).toBe(order);
    expect(await focused()).toBe('k3');
    // K2 edited last: the focus goes there
    await page.fill('input[name=k2]', '3750');
    await page.click('#action-plan [data-run=plan]');
    await expect.poll(focused).toBe('k2');
    // another field edited last: the first marked
    await page.fill('input[name=k3]', '3700');
    await page.fill('input[name=spx]', '4982.77');
    await page.click('#action-plan [data-run=plan]');
    await expect.poll(focused).toBe('k2');
    // either fix clears both marks
    await page.fill('input[name=k3]', '6600');
    await expect.poll(marked).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('taskpane tabs by the keyboard (Chromium, 350 px)', () => {
  it('moves between the stress-day tabs with the arrow keys, Home and End, one tab in the Tab order', async () => {
    const { page, errors } = await openPane();
    await page.click('#action-stress [data-run=stress]');
    await page.waitForSelector('#stress-result:not([hidden])', { timeout: 60_000 });
    const state = () =>
      page.$$eval('#stress-days [role=tab]', (tabs) => ({
        tabIndex: tabs.map((t) => (t as HTMLElement).tabIndex),
        selected: tabs.findIndex((t) => t.getAttribute('aria-selected') === 'true'),
        focused: tabs.findIndex((t) => t === document.activeElement),
        panelBy: document.getElementById('stress-panel')?.getAttribute('aria-labelledby'),
      }));
    expect(await state()).toEqual({ tabIndex: [0, -1, -1], selected: 0, focused: -1, panelBy: 'stress-day-0' });
    await page.focus('#stress-day-0');
    await page.keyboard.press('ArrowRight');
    expect(await state()).toEqual({ tabIndex: [-1, 0, -1], selected: 1, focused: 1, panelBy: 'stress-day-1' });
    await page.keyboard.press('End');
    expect(await state()).toEqual({ tabIndex: [-1, -1, 0], selected: 2, focused: 2, panelBy: 'stress-day-2' });
    await page.keyboard.press('ArrowRight'); // round the end
    expect(await state()).toEqual({ tabIndex: [0, -1, -1], selected: 0, focused: 0, panelBy: 'stress-day-0' });
    await page.keyboard.press('ArrowLeft');
    expect((await state()).selected).toBe(2);
    await page.keyboard.press('Home');
    expect((await state()).selected).toBe(0);
    // a click selects too, and takes the tab into the Tab order
    await page.click('#stress-day-1');
    expect((await state()).tabIndex).toEqual([-1, 0, -1]);
    // Home on the Plan tab stays there; End goes to the Surface tab
    await page.focus('#tab-plan');
    await page.keyboard.press('Home');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-plan');
    expect(await page.isVisible('#plan-form')).toBe(true);
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-surface');
    expect(await page.isVisible('#surface-panel')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('keeps the focus on Cancel while Enter on Fit surface fits, and back on Fit surface after', async () => {
    const { page, errors } = await openPane();
    await fillCrossedCalendar(page);
    // every element the focus goes to
    await page.evaluate(() => {
      const w = window as unknown as { focusedIds: string[] };
      w.focusedIds = [];
      document.addEventListener('focusin', (ev) => w.focusedIds.push((ev.target as HTMLElement).id));
    });
    await page.focus('#surface-fit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#surface-result:not([hidden])', { timeout: 90_000 });
    await page.waitForSelector('#surface-cancel', { state: 'hidden' });
    const focused = await page.evaluate(() => (window as unknown as { focusedIds: string[] }).focusedIds);
    expect(focused).toEqual(['surface-fit', 'surface-cancel', 'surface-fit']);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('surface-fit');
    expect(errors).toEqual([]);
  });

  it('names every box of the form apart: the last rebalance’s Date and VIX are not the market’s', async () => {
    const { page, errors } = await openPane();
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('details')) d.open = true;
    });
    const snapshot = await page.locator('#plan-form').ariaSnapshot();
    const names = [...snapshot.matchAll(/- (?:textbox|combobox|spinbutton) "([^"]+)"/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    const box = (name: string) => page.getByRole('textbox', { name, exact: true });
    expect(await box('Date').getAttribute('name')).toBe('valuationDate');
    expect(await box('VIX').getAttribute('name')).toBe('vix');
    expect(await box('Last rebalance date').getAttribute('name')).toBe('lastDate');
    expect(await box('Last rebalance VIX').getAttribute('name')).toBe('lastVix');
    expect(errors).toEqual([]);
  });
});
