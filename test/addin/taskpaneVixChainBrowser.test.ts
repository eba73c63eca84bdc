/**
 * The Surface tab's VIX options box in the built taskpane (Chromium): a VIX chain table pasted
 * over the example day (2025-04-08) is sent with the plan as `market.vixChain`, the plan that
 * follows the form marks every VIX option on its fit (the "VIX options" row, the note under the
 * box), as the sizing package's plan of the same input does; a table without roots is named at the
 * box in the pane's words, and Clear goes back to the VVIX rule.
 */
import { describe, expect, it } from 'vitest';
import { parseInput, plan, PlanInputSchema } from '@alvh/shared';
import { addinBrowser } from './stubs/addinBrowser';
import { vixRows, type Row } from '../helpers/chains20181224';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { fullPlanInput } from '../../addin/src/taskpane/planExtras';

const pane = addinBrowser();

const DATE = EXAMPLE.fields.valuationDate;
const rate = Number(EXAMPLE.fields.rate);
const futures = EXAMPLE.futures.slice(0, 3).map((f) => ({ expiry: f.expiry, price: Number(f.price) }));
const csv = (rows: readonly Row[], root = true): string =>
  [
    root ? 'root,expiry,strike,type,bid,ask' : 'expiry,strike,type,bid,ask',
    ...rows.map((r) => [...(root ? [r.root] : []), r.expiry, r.strike, r.type, r.bid, r.ask].join(',')),
  ].join('\n');
const chain = csv(vixRows(futures, DATE, rate));

/** The example form's plan input, as the page reads it, with the box's text. */
const exampleInput = (vixChain: string) =>
  fullPlanInput(
    { fields: EXAMPLE.fields, futures: EXAMPLE.futures, policy: {}, indices: EXAMPLE.indices },
    '',
    undefined,
    undefined,
    vixChain,
  );

describe('taskpane VIX options box (Chromium, 350 px)', () => {
  it("sends the pasted VIX chain with the plan, whose VIX options are its fit's, as the package's plan", async () => {
    const expected = plan(parseInput(PlanInputSchema, exampleInput(chain)));
    const without = plan(parseInput(PlanInputSchema, exampleInput('')));
    expect(expected.surface.vixOptions?.describe).toMatch(/^VIX-option vols from the VIX chain of 2025-04-08/);
    expect(expected.tail.premium).not.toBe(without.tail.premium);

    const { page, errors } = await pane.openTaskpane();
    await page.click('#tab-surface');
    expect(await page.textContent('#vix-chain-note')).toBe('');
    await page.fill('#vix-chain-text', chain);
    // the plan follows the form: the note under the box, and the plan's row, say what marks VIX options
    await expect
      .poll(() => page.textContent('#vix-chain-note'), { timeout: 60_000 })
      .toBe(`The plan marks every VIX option on this chain: ${expected.surface.vixOptions!.describe}`);
    const shown = (await page.textContent('#plan-table')) ?? '';
    expect(shown).toContain('VIX options');
    expect(shown).toContain(expected.surface.vixOptions!.describe);
    expect(await page.getAttribute('#vix-chain-text', 'aria-invalid')).toBe('false');

    // the same table without its roots is refused: the note of the chain planned before goes with it
    await page.fill('#vix-chain-text', csv(vixRows(futures, DATE, rate), false));
    await page.waitForFunction(() => (document.getElementById('err-vix-chain')?.textContent ?? '') !== '');
    expect(await page.textContent('#vix-chain-note')).toBe('');
    await page.fill('#vix-chain-text', chain);
    await expect
      .poll(() => page.textContent('#vix-chain-note'))
      .toMatch(/^The plan marks every VIX option on this chain/);
    expect(await page.textContent('#err-vix-chain')).toBe('');

    // Clear: back to the VVIX rule, no VIX options row
    await page.click('#vix-chain-clear');
    await expect.poll(() => page.textContent('#vix-chain-note')).toBe('');
    await expect.poll(() => page.textContent('#plan-table')).not.toContain('VIX-option vols from the VIX chain');
    expect(errors).toEqual([]);
  }, 120_000);

  it('opens a VIX chain file: an empty one is named at the box, a good one is read and planned with', async () => {
    const { page, errors } = await pane.openTaskpane();
    await page.click('#tab-surface');
    await page.setInputFiles('#vix-chain-file', { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
    await page.waitForFunction(() => (document.getElementById('err-vix-chain')?.textContent ?? '') !== '');
    expect(await page.textContent('#err-vix-chain')).toBe(
      'empty.csv is empty: open a VIX chain file (Cboe quotedata CSV of VIX options).',
    );
    expect(await page.inputValue('#vix-chain-text')).toBe('');
    // another field's edit checks the form again (as the plan that follows the page's opening
    // does): the file's fault stands until the box changes or another file is opened
    const planShown = await page.textContent('#plan-table');
    await page.$eval('input[name=spx]', (el) => {
      const box = el as HTMLInputElement;
      box.value = String(Number(box.value) + 5);
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect.poll(() => page.textContent('#plan-table')).not.toBe(planShown);
    expect(await page.textContent('#err-vix-chain')).toBe(
      'empty.csv is empty: open a VIX chain file (Cboe quotedata CSV of VIX options).',
    );
    await page.setInputFiles('#vix-chain-file', { name: 'vix.csv', mimeType: 'text/csv', buffer: Buffer.from(chain) });
    await expect
      .poll(() => page.textContent('#vix-chain-note'))
      .toMatch(/^The plan marks every VIX option on this chain/);
    expect(await page.inputValue('#vix-chain-text')).toBe(chain);
    expect(await page.textContent('#err-vix-chain')).toBe('');
    // the picker is emptied after each read, so the same file opened again is read again
    expect(await page.inputValue('#vix-chain-file')).toBe('');
    expect(errors).toEqual([]);
  }, 120_000);

  it('names a VIX table without roots at the box, in the pane’s words', async () => {
    const { page, errors } = await pane.openTaskpane();
    await page.click('#tab-surface');
    await page.fill('#vix-chain-text', csv(vixRows(futures, DATE, rate), false));
    // the plan follows the form as it is typed: its refusal is shown at the box
    await page.waitForFunction(() => (document.getElementById('err-vix-chain')?.textContent ?? '') !== '');
    const said = (await page.textContent('#err-vix-chain')) ?? '';
    expect(said).toMatch(/has strikes of VIX levels read as SPXW: .*give each row of the VIX chain its root/);
    expect(said).not.toMatch(/market\./);
    expect(await page.getAttribute('#vix-chain-text', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#error-box')).toMatch(/^The VIX chain on the Surface tab: /);
    // the box's fault goes when the box is emptied
    await page.fill('#vix-chain-text', '');
    await expect.poll(() => page.textContent('#err-vix-chain')).toBe('');
    expect(errors).toEqual([]);
  }, 120_000);
});
