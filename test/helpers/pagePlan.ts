/**
 * The plan the taskpane shows, checked against the same plan computed here: the page's form is read
 * as the page reads it (addin/src/taskpane/form.ts `readState`), planned and presented in Node, and
 * every value cell of the plan table and every tile must show what the presenter formats.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { PlanInputSchema, parseInput, plan } from '@alvh/shared';
import { FIELD_NAMES } from '../../addin/src/common/fields';
import { INDEX_NAMES, SIGNAL_NAMES, type FormState } from '../../addin/src/common/formState';
import { planInputFromForm } from '../../addin/src/common/planInput';
import { POLICY_SHOWN } from '../../addin/src/common/policyWords';
import { presentPlan } from '../../addin/src/common/present';
import { planRowTexts } from '../../addin/src/taskpane/planRowText';

interface PageForm {
  state: FormState;
  /** The boxes the page adds to the form's input (positions, last rebalance): this check needs them blank. */
  extras: string[];
}

/** The form's state as the page's `readState` reads it. */
async function readPageForm(page: Page): Promise<PageForm> {
  return page.evaluate(
    ({ fieldNames, policyShown, indexNames, signalNames }) => {
      const form = document.getElementById('plan-form') as HTMLFormElement;
      const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
      const policy: Record<string, string> = {};
      for (const key of policyShown) {
        const c = form.elements.namedItem(`policy.${key}`) as HTMLInputElement;
        if (c.value.trim() !== (c.dataset['default'] ?? '')) policy[key] = c.value;
      }
      const indices: Record<string, string> = {};
      for (const n of indexNames) if (value(`index.${n}`).trim() !== '') indices[n] = value(`index.${n}`);
      const signals: Record<string, string> = {};
      for (const n of signalNames) if (value(`signal.${n}`).trim() !== '') signals[n] = value(`signal.${n}`);
      const futures = [...document.querySelectorAll('#curve-rows tr')].map((tr) => ({
        expiry: (tr.querySelector('.fut-expiry') as HTMLInputElement).value,
        price: (tr.querySelector('.fut-price') as HTMLInputElement).value,
      }));
      return {
        state: {
          fields: Object.fromEntries(fieldNames.map((n) => [n, value(n)])),
          futures,
          policy,
          events: value('events'),
          eventsMode: value('eventsMode'),
          indices,
          signals,
        } as FormState,
        extras: ['positions', 'lastDate', 'lastVix', 'lastFutures'].map(value),
      };
    },
    {
      fieldNames: [...FIELD_NAMES],
      policyShown: [...POLICY_SHOWN],
      indexNames: [...INDEX_NAMES],
      signalNames: [...SIGNAL_NAMES],
    },
  );
}

/** The plan shown on the page equals the plan of the page's form computed here, cell for cell. */
export async function expectPlanAsComputed(page: Page): Promise<void> {
  const { state, extras } = await readPageForm(page);
  expect(extras.every((t) => t.trim() === '')).toBe(true);
  const view = presentPlan(plan(parseInput(PlanInputSchema, planInputFromForm(state))));

  const shown = await page.evaluate(() => ({
    headline: document.getElementById('plan-headline')?.textContent ?? '',
    tiles: [...document.querySelectorAll('#plan-tiles .tile strong')].map((e) => e.textContent ?? ''),
    // Each value row: its label (the header's own text, without the explanation beside it) and cell.
    rows: [...document.querySelectorAll('#plan-table tbody tr')]
      .filter((tr) => tr.querySelector('td'))
      .map((tr) => [tr.querySelector('th')?.firstChild?.textContent ?? '', tr.querySelector('td')?.textContent ?? '']),
  }));
  for (const text of [...shown.tiles, ...shown.rows.map((r) => r[1]!)])
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
  expect(shown.headline).toBe(view.headline);
  expect(shown.tiles).toEqual(view.tiles.map((t) => t.value));
  // as the page words them: a share beside its complement adds up to 100%, the distances to 2 decimals
  const texts = planRowTexts(view.rows);
  expect(shown.rows).toEqual(view.rows.map((r, i) => [r.label, texts[i]]));
  // The sizes a trader acts on are among them.
  for (const label of ['Contracts', 'Units', 'Required contracts']) {
    expect(shown.rows.some(([l]) => l === label)).toBe(true);
  }
}
