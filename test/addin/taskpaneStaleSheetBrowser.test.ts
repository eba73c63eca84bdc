/**
 * The built taskpane in a real browser (Chromium through playwright-core, test/helpers/browser.ts)
 * inside a stand-in Excel object model (every call logged, so sheet writes are counted): a stress
 * grid, Monte Carlo or frontier run whose inputs are edited while it runs finishes greyed, and is
 * not written to a sheet; the same run left alone is. The cloud's answers are served here and held
 * until the test releases them, so the edit always comes before the answer.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { frontier, runMonteCarloChunk, stressGrid, summarizeMonteCarlo } from '@alvh/shared';
import { addinBrowser } from './stubs/addinBrowser';

const pane = addinBrowser();

/**
 * A stand-in for Excel's object model, injected before office.js loads: every property is a
 * recording proxy and every call is logged with its path (the sheets of the workbook: none).
 */
function fakeExcel(): void {
  const log: [string, string, unknown[]][] = [];
  const make = (path: string): unknown =>
    new Proxy(function () {}, {
      get(_t, prop) {
        if (prop === 'then') return undefined;
        if (prop === 'items' && /\.(worksheets|tables)$/.test(path)) return [];
        return make(`${path}.${String(prop)}`);
      },
      set() {
        return true;
      },
      apply(_t, _this, args: unknown[]) {
        log.push(['call', path, args.map((a) => (typeof a === 'string' ? a : typeof a))]);
        return make(`${path}()`);
      },
    });
  const context = make('ctx');
  const w = window as unknown as { Excel: unknown; __excelLog: unknown };
  w.Excel = { run: async (cb: (c: unknown) => Promise<unknown>) => cb(context) };
  w.__excelLog = log;
}

/** The names of the sheets the page has added. */
const sheetsAdded = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    (window as unknown as { __excelLog: [string, string, unknown[]][] }).__excelLog
      .filter(([k, p]) => k === 'call' && p.endsWith('worksheets.add'))
      .map(([, , a]) => String(a[0])),
  );

/** The pane inside the stand-in Excel (ExcelApi 1.1-1.6), its runs sent to this server's /api. */
async function excelPane(): Promise<{ page: Page; errors: string[] }> {
  const page = await pane.browser.newPage({ viewport: { width: 350, height: 900 } });
  page.setDefaultTimeout(55_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(fakeExcel);
  await page.goto(`${pane.base}/taskpane.html`, { waitUntil: 'load' });
  await page.waitForSelector('#plan-result:not([hidden])');
  await expect.poll(() => page.textContent('#host-status')).toContain('Excel');
  await page.evaluate(() => {
    (Office.context as { requirements: unknown }).requirements = {
      isSetSupported: (_n: string, v: string) => Number(v.split('.')[1]) <= 6,
    };
  });
  await page.evaluate(() => ((document.querySelector('#settings') as HTMLDetailsElement).open = true));
  await page.fill('input[name=endpoint]', `${pane.base}/api`);
  await page.click('#settings-save');
  await page.waitForSelector('#settings-summary:has-text("cloud")');
  await page.fill('input[name=paths]', '200');
  return { page, errors };
}

type Kind = 'stress' | 'montecarlo' | 'frontier';
const RUN: Record<Kind, { button: string; note: string; result: string; sheet: RegExp }> = {
  stress: {
    button: '#action-stress [data-run]',
    note: '#action-stress [data-note]',
    result: '#stress-result',
    sheet: /^ALVH stress /,
  },
  montecarlo: {
    button: '#action-mc [data-run]',
    note: '#action-mc [data-note]',
    result: '#mc-result',
    sheet: /^ALVH MC /,
  },
  frontier: { button: '#run-frontier', note: '#frontier-note', result: '#frontier-result', sheet: /^ALVH frontier / },
};

/** The API's answer to a request of `kind`, computed here as the host computes it. */
function answerOf(kind: Kind, body: unknown): unknown {
  if (kind === 'stress') return stressGrid(body);
  if (kind === 'montecarlo') return { summary: summarizeMonteCarlo(runMonteCarloChunk(body)) };
  return frontier(body);
}

/**
 * Run `kind` on the cloud, its answer held until `during` has run; resolves once the run's note says
 * it is done.
 */
async function heldRun(page: Page, kind: Kind, during: () => Promise<void>): Promise<string> {
  let release!: () => void;
  const arrived = new Promise<void>((got) =>
    page.route(`**/api/${kind}**`, (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as unknown;
      release = () => void route.fulfill({ json: answerOf(kind, body) });
      got();
    }),
  );
  const note = RUN[kind].note;
  await page.evaluate((sel) => (document.querySelector(sel)!.textContent = ''), note);
  await page.click(RUN[kind].button);
  await arrived;
  await during();
  release();
  await page.waitForFunction(
    (sel) =>
      /budgets|paths|Done/.test(document.querySelector(sel)?.textContent ?? '') &&
      !/…/.test(document.querySelector(sel)?.textContent ?? ''),
    note,
  );
  await page.unroute(`**/api/${kind}**`);
  return (await page.textContent(note)) ?? '';
}

describe('taskpane in Excel: a run whose inputs changed while it ran (Chromium, 350 px)', () => {
  for (const kind of ['stress', 'montecarlo', 'frontier'] as const) {
    it(`${kind}: is greyed and not written to a sheet; left alone, it is written`, async () => {
      const { page, errors } = await excelPane();
      const { result, sheet } = RUN[kind];
      const current = await heldRun(page, kind, async () => {});
      expect(current).toMatch(/; sheet "ALVH /);
      expect(await page.getAttribute(result, 'class')).not.toMatch(/stale/);
      const written = await sheetsAdded(page);
      expect(written).toHaveLength(1);
      expect(written[0]).toMatch(sheet);

      const edited = await heldRun(page, kind, async () => {
        await page.fill('input[name=spx]', '4990');
        await page.waitForSelector(`${result}.stale`, { state: 'attached' });
      });
      expect(edited).toMatch(/\. Not written to a sheet: the inputs changed while it ran; run again\.$/);
      expect(await page.getAttribute(result, 'class')).toMatch(/stale/);
      expect(await sheetsAdded(page)).toEqual(written);
      expect(errors).toEqual([]);
    });
  }
});
