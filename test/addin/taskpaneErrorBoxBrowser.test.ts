/**
 * The built taskpane in a real browser (Chromium through playwright-core, test/helpers/browser.ts):
 * the error box above the results says the problems of the inputs as they are now, never one of a
 * field fixed since, and marks only the fields that have one. Time in the page moves only when the
 * test moves it (the plan follows the form 120 ms after an edit); every other wait is on the page's
 * own state.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addinBrowser } from './stubs/addinBrowser';

const pane = addinBrowser();

/** The taskpane with its example plan (2025-04-08) shown, its clock paused. */
async function openPane(): Promise<{ page: Page; errors: string[] }> {
  const opened = await pane.openTaskpane(new Date('2026-03-02T09:00:00Z'));
  await opened.page.clock.pauseAt(new Date('2026-03-02T10:00:00Z'));
  return opened;
}

/** Type `value` into the box `selector` and let the plan follow the form. */
async function type(page: Page, selector: string, value: string): Promise<void> {
  await page.fill(selector, value);
  await page.clock.runFor(1000);
}

const box = async (page: Page): Promise<string> =>
  (await page.isHidden('#error-box')) ? '' : ((await page.textContent('#error-box')) ?? '');

/** The labels of the boxes of the form marked invalid. */
const marked = (page: Page): Promise<string[]> =>
  page.$$eval('#plan-form [aria-invalid="true"]', (xs) =>
    xs.map((x) => x.getAttribute('aria-label') ?? x.getAttribute('name') ?? ''),
  );

describe('taskpane error box (Chromium, 350 px)', () => {
  it('drops a refused credit from the box once the credit is cleared, while another field still needs fixing', async () => {
    const { page, errors } = await openPane();
    // the example's wings are 100 points wide: a credit of 100 cannot lose
    await type(page, 'input[name=credit]', '100');
    expect(await box(page)).toMatch(/^Credit: is 100\.00, at least the wing width 100, so the condor cannot lose/);
    expect(await marked(page)).toEqual(['credit']);
    await type(page, 'input[name=k2]', '');
    expect(await box(page)).not.toMatch(/Credit/);
    expect(await box(page)).toBe('Short put K2: is blank; type the strike in index points, such as 4500');
    expect(await marked(page)).toEqual(['k2']);
    await type(page, 'input[name=credit]', '');
    expect(await box(page)).not.toMatch(/Credit/);
    expect(await box(page)).toBe('Short put K2: is blank; type the strike in index points, such as 4500');
    expect(await marked(page)).toEqual(['k2']);
    // every input fixed: the box goes with the marks
    await type(page, 'input[name=k2]', '3750');
    expect(await box(page)).toBe('');
    expect(await marked(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('drops a duplicate VX expiry from the box once the expiry is fixed, while another field still needs fixing', async () => {
    const { page, errors } = await openPane();
    const third = '#curve-rows tr:nth-child(3) .fut-expiry';
    const was = await page.inputValue(third);
    await type(page, third, await page.inputValue('#curve-rows tr:nth-child(2) .fut-expiry'));
    expect(await box(page)).toBe('VX 3 expiry: is 2025-05-21, the same as VX 2 expiry; pass each expiry once');
    expect(await page.textContent(`${third} + .err`)).toBe(
      'is 2025-05-21, the same as VX 2 expiry; pass each expiry once',
    );
    expect(await marked(page)).toEqual(['VX 3 expiry']);
    await type(page, 'input[name=spx]', '');
    await type(page, third, was);
    expect(await box(page)).not.toMatch(/VX 3|expiry/);
    expect(await box(page)).toBe('SPX: is blank; type the SPX level in index points, such as 4982.77');
    expect(await marked(page)).toEqual(['spx']);
    await type(page, 'input[name=spx]', '4982.77');
    expect(await box(page)).toBe('');
    expect(errors).toEqual([]);
  });

  it("names the policy boxes a refusal compares by their labels, and offers a correlation's decimal", async () => {
    const { page, errors } = await openPane();
    await page.click('#policy summary');
    const slot = (key: string) => page.textContent(`input[name="policy.${key}"] + .err`);
    await type(page, 'input[name="policy.minCalendarShare"]', '0.8');
    expect(await slot('minCalendarShare')).toBe(
      'Policy "Min calendar share" (0.8) is above Policy "Max calendar share" (0.75); pass a minimum at or below the maximum',
    );
    await type(page, 'input[name="policy.minCalendarShare"]', '');
    await type(page, 'input[name="policy.tailDteMin"]', '70');
    expect(await slot('tailDteMin')).toMatch(/^Policy "Tail DTE min" \(70\) is above /);
    expect(await slot('tailDteMin')).not.toMatch(/\b[a-z]+[A-Z]\w*/);
    await page.click('#action-plan [data-run=plan]');
    expect(await box(page)).toBe('Some inputs need fixing: see the messages beside the fields marked in red.');
    await type(page, 'input[name="policy.tailDteMin"]', '');
    expect(await box(page)).toBe('');
    await type(page, 'input[name="policy.spxVixCorrelation"]', '-70');
    expect(await slot('spxVixCorrelation')).toBe('is -70; a decimal: type -0.7 or -70%');
    expect(errors).toEqual([]);
  });
});
