/**
 * The built taskpane in a real browser (Chromium through playwright-core, test/helpers/browser.ts)
 * with the office.js the build ships (outside Office, `Office.onReady` answers host null): the
 * Surface tab fits the real 2023-06-09 SPX chain in its Web Worker and draws the smile; a pasted
 * positions CSV with one bad line shows that line's message; pasted VIX closes name a bad row and
 * start the local Monte Carlo from them; the tail structures and the orders
 * render from the plan, and a book held between rebalances lists its orders as deferred; the frontier chart renders from a fixed answer of the host (served here,
 * same origin, in the API's streamed form), runs in the Web Worker with no host set, and a host
 * without the route answers 404 in words; cloud Monte Carlo runs show the seconds, or the streamed
 * progress. Every wait is on the page's own state (an element shown, a text set), never on a timer.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvocationContext } from '@azure/functions';
import {
  PlanInputSchema,
  checkFrontierSearch,
  fitChainSurface,
  frontier,
  parseChain,
  parseInput,
  plan,
  optionRoot,
  runMonteCarloChunk,
  stressGrid,
  summarizeMonteCarlo,
} from '@alvh/shared';
import { calibrationNotes } from '@alvh/shared/calibration';
import { launchChromium } from '../helpers/browser';
import { describeWithData, readDataFile } from '../helpers/marketData';
import { startAddinServer, type AddinServer } from './stubs/addinServer';
import { fillCrossedCalendar, fillHeldBook } from './stubs/paneInputs';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { planInputFromForm } from '../../addin/src/common/planInput';
import { errorOf } from '../helpers/errors';
import { problemFromError } from '../../functions/src/http/problem';
import { expectPlanAsComputed } from '../helpers/pagePlan';
import { LIFT_WARNING } from '../shared/surface/crossedCalendar';

/** The fixed frontier answer the host serves at POST /api/frontier (the shape of `FrontierResult`). */
const FRONTIER = {
  points: [
    {
      budget: 0,
      structure: null,
      split: 0.6,
      overlayShare: null,
      tailUnits: 0,
      overlayUnits: 0,
      cost: 0,
      cvar95Down: 61_000,
      drawdownLoss: 52_000,
      worstAnalogLoss: 58_000,
    },
    {
      budget: 5_000,
      structure: 'vix-call-spread',
      split: 0.6,
      overlayShare: 0.56,
      tailUnits: 4,
      overlayUnits: 1,
      cost: 4_800,
      cvar95Down: 48_000,
      drawdownLoss: 40_000,
      worstAnalogLoss: 47_000,
    },
    {
      budget: 10_000,
      structure: 'vix-call-spread',
      split: 0.5,
      overlayShare: 0.28,
      tailUnits: 9,
      overlayUnits: 1,
      cost: 9_700,
      cvar95Down: 39_000,
      drawdownLoss: 31_000,
      worstAnalogLoss: 38_000,
    },
    {
      budget: 20_000,
      structure: 'vix-call-ladder',
      split: 0.4,
      overlayShare: 0.28,
      tailUnits: 12,
      overlayUnits: 2,
      cost: 19_500,
      cvar95Down: 33_000,
      drawdownLoss: 22_000,
      worstAnalogLoss: 30_000,
    },
  ],
  plan: {
    cost: 2_100,
    overlayUnits: 0,
    tailContracts: 3,
    cvar95Down: 57_500,
    drawdownLoss: 50_000,
    worstAnalogLoss: 55_000,
    matchedBy: {
      budget: 1_800,
      structure: 'vix-call-spread',
      split: 0.6,
      cost: 1_650,
      overlayUnits: 0,
      tailUnits: 2,
      cvar95Down: 57_400,
    },
  },
  rule: {
    cost: 22_675,
    overlayUnits: 2,
    tailContracts: 37,
    cvar95Down: 35_000,
    drawdownLoss: 21_000,
    worstAnalogLoss: 29_000,
    matchedBy: null,
  },
  paths: 20_000,
  seed: 42,
  measure: 'real-world',
};

let server: AddinServer | undefined;
let base: string;
let browser: Browser;
const posted: { url: string; body: unknown }[] = [];

/** A streamed Monte Carlo answer the test writes line by line: the open response and the run's summary. */
interface HeldStream {
  res: import('node:http').ServerResponse;
  summary: unknown;
}
let streamArrived: ((h: HeldStream) => void) | undefined;

beforeAll(async () => {
  // The API routes the page posts to are answered here; everything else is a file of the add-in.
  server = await startAddinServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'POST') {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => {
        posted.push({ url: path, body: JSON.parse(text) as unknown });
        if (path === '/api/montecarlo' && streamArrived && req.headers.accept?.includes('application/x-ndjson')) {
          res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
          streamArrived({ res, summary: summarizeMonteCarlo(runMonteCarloChunk(JSON.parse(text))) });
        } else if (path === '/api/frontier' && req.headers.accept?.includes('application/x-ndjson'))
          // The API's streamed form, every line at once: progress, then the answer.
          res
            .writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' })
            .end(
              ['{"type":"progress","done":0,"total":20000}', `{"type":"result","result":${JSON.stringify(FRONTIER)}}`]
                .map((l) => `${l}\n`)
                .join(''),
            );
        else
          res
            .writeHead(404, { 'content-type': 'application/problem+json' })
            .end(JSON.stringify({ title: 'Not Found', status: 404 }));
      });
      return true;
    }
    return false;
  });
  base = server.base;
  browser = await launchChromium();
});

// Pages stay open until the browser closes: the packaged Chromium runs as one process
// (--single-process), where closing a page can take the browser down with it.
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * The taskpane at 350 px wide (Excel's pane), with the cloud URL set (or none), its plan shown;
 * with `clock`, the page's time is Playwright's, starting then.
 */
async function openPane(endpoint = '', clock?: Date): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 350, height: 900 } });
  // every page of the file shares one single-process browser, so on loaded cores a wait can take
  // longer than Playwright's default 30 s; 55 s stays within the test's own 60 s
  page.setDefaultTimeout(55_000);
  if (clock) await page.clock.install({ time: clock });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript((url) => {
    // Only the page itself: office.js's own frames may not read storage.
    if (window.top === window) {
      localStorage.setItem('alvh.settings', JSON.stringify({ endpoint: url, functionKey: '' }));
      localStorage.removeItem('alvh.form'); // a form another page kept would replace the example day
    }
  }, endpoint);
  await page.goto(`${base}/taskpane.html`, { waitUntil: 'load' });
  await page.waitForSelector('#plan-result:not([hidden])');
  return { page, errors };
}

/** The pane with its Recent VIX closes box open. */
async function paneWithClosesOpen(): Promise<{ page: Page; errors: string[] }> {
  const pane = await openPane();
  await pane.page.click('#vix-closes summary');
  return pane;
}

/** No element of the page is wider than the 350 px pane (tables scroll inside their box). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describeWithData('taskpane Surface tab (Chromium, 350 px)', () => {
  it('fits the pasted 2023-06-09 chain here and draws the smile of an expiry', async () => {
    const text = readDataFile('cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv');
    const { page, errors } = await openPane();
    await page.keyboard.press('Tab'); // the tabs are buttons: reachable by keyboard
    await page.focus('#tab-plan');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-surface');
    expect(await page.isVisible('#surface-panel')).toBe(true);
    expect(await page.isVisible('#plan-form')).toBe(false);
    await page.evaluate((t) => {
      (document.getElementById('chain-text') as HTMLTextAreaElement).value = t;
    }, text);
    await page.click('#surface-fit');
    await page.waitForSelector('#surface-result:not([hidden])', { timeout: 90_000 });

    // The same fit in Node: the page shows the module's numbers.
    const fit = fitChainSurface(parseChain(text));
    const inSurface = fit.slices.filter((s) => s.inSurface);
    const rows = await page.$$eval('#surface-table tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')),
    );
    expect(rows.length).toBe(inSurface.length);
    expect(rows.length).toBeGreaterThan(5);
    for (const [i, s] of inSurface.entries()) {
      expect(rows[i]![0]).toBe(s.expiry);
      expect(Number(rows[i]![2])).toBeCloseTo(100 * s.atmVol, 2); // ATM vol, vol points
      expect(Number(rows[i]![8])).toBeCloseTo(s.rmseVolPts, 2);
    }
    // The smile opens on the expiry nearest 30 days: dots, bid-ask bars and the fitted curve.
    const chosen = await page.$eval('#smile-expiry', (s) => (s as HTMLSelectElement).selectedOptions[0]?.text ?? '');
    const days = Number(/\((\d+) d\)/.exec(chosen)?.[1]);
    expect(days).toBeGreaterThan(20);
    expect(days).toBeLessThan(40);
    const drawn = await page.$eval('#smile-chart svg', (svg) => ({
      dots: svg.querySelectorAll('.quote-mid circle').length,
      bars: svg.querySelectorAll('.bars line').length,
      curve: svg.querySelector('path.fit-curve')?.getAttribute('d')?.length ?? 0,
      label: svg.getAttribute('aria-label') ?? '',
    }));
    expect(drawn.dots).toBeGreaterThan(20);
    expect(drawn.bars).toBe(drawn.dots);
    expect(drawn.curve).toBeGreaterThan(100);
    expect(drawn.label).toMatch(/vol points/);
    expect(await page.textContent('#surface-arbitrage')).toMatch(/no butterfly arbitrage/);
    // The expiries the fit left out in one line, with the fit's reasons: the day's own SPXW expiry,
    // settling within the day, and the SPX monthlies within SPXW's dates.
    const leftOut = fit.skipped.filter((s) => s.root === 'SPX').map((s) => s.expiry);
    expect(leftOut.length).toBe(fit.skipped.length - 1);
    expect(await page.textContent('#surface-left-out')).toMatch(
      new RegExp(
        `^${fit.skipped.length} expiries of the chain left out: SPXW 2023-06-09 — settles in 2\\.3 hours, under the 1\\.00-day minimum; SPX ${leftOut.join(', ')} — another root: `,
      ),
    );
    await expect
      .poll(() => page.textContent('#surface-note'))
      .toMatch(
        new RegExp(
          `^Fitted ${inSurface.length} expiries \\(${fit.skipped.length} of the chain's left out: see below\\)\\. `,
        ),
      );
    // Another expiry and strike on x, by the selects.
    await page.selectOption('#smile-expiry', '0');
    await page.selectOption('#smile-x', 'strike');
    expect(await page.textContent('#smile-chart svg .label')).toMatch(/Strike/);
    expect(await overflow(page)).toBe(0);
    // The form is on the example day (2025-04-08): the fit says at once that the plan refuses a
    // surface of another day, and the plan's refusal names the surface, not the form's Date.
    expect(await page.textContent('#surface-note')).toMatch(
      /This chain is of 2023-06-09 and the form's Date is 2025-04-08: the plan refuses a surface of another day/,
    );
    await page.click('#tab-plan');
    await expect
      .poll(() => page.textContent('#error-box'))
      .toBe(
        "The surface fitted on the Surface tab (its date): is 2023-06-09, not the Date 2025-04-08; fit the chain of the Date's day on the Surface tab",
      );
    expect(await page.getAttribute('#plan-result', 'class')).toContain('stale');
    expect(await page.getAttribute('input[name=valuationDate]', 'aria-invalid')).toBe('false');
    // "Example day" is a fresh day: it clears the fitted chain, says so, and the example plans again.
    await page.click('#load-example');
    expect(await page.textContent('#form-note')).toMatch(
      /The chain of 2023-06-09 fitted on the Surface tab was cleared: the example is of another day\.$/,
    );
    await expect.poll(() => page.getAttribute('#plan-result', 'class')).not.toContain('stale');
    expect(await page.textContent('#error-box')).toBe('');
    expect(await page.isHidden('#surface-result')).toBe(true);
    expect(await page.inputValue('#chain-text')).toBe('');
    expect(errors).toEqual([]);
  });

  it('names an empty chain file, and reads the same file again after Clear', async () => {
    const { page, errors } = await openPane();
    await page.click('#tab-surface');
    await page.setInputFiles('#chain-file', { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
    await page.waitForFunction(() => (document.getElementById('err-chain')?.textContent ?? '') !== '');
    expect(await page.textContent('#err-chain')).toBe(
      'empty.csv is empty: open a chain file (Cboe quotedata CSV, or expiry, strike, type, bid, ask).',
    );
    const chain = { name: 'chain.csv', mimeType: 'text/csv', buffer: Buffer.from('expiry,strike,type,bid,ask\n') };
    await page.setInputFiles('#chain-file', chain);
    await page.waitForFunction(() => (document.getElementById('chain-text') as HTMLTextAreaElement).value !== '');
    // a file read clears the message of the one before, and the picker is emptied so that the
    // same file opened again (its change event fires only for another file) is read again
    expect(await page.textContent('#err-chain')).toBe('');
    expect(await page.textContent('#surface-note')).toBe('Read chain.csv (0 KB): press Fit surface.');
    expect(await page.inputValue('#chain-file')).toBe('');
    await page.click('#chain-clear');
    expect(await page.inputValue('#chain-text')).toBe('');
    expect(errors).toEqual([]);
  });

  it('draws the surface the marks use where the calendar repair lifts an expiry, its own fit dashed, and warns', async () => {
    const { page, errors } = await openPane();
    await fillCrossedCalendar(page);
    await page.click('#surface-fit');
    await page.waitForSelector('#surface-result:not([hidden])', { timeout: 90_000 });
    expect(await page.textContent('#surface-warnings')).toBe(LIFT_WARNING);
    // the 61-day expiry: the line at the surface's 14.26% ATM, the quotes' own 10% fit dashed
    await page.selectOption('#smile-expiry', '1');
    expect(await page.$$eval('#smile-chart svg path.fit-curve-own', (p) => p.length)).toBe(1);
    expect(await page.textContent('#smile-caption')).toMatch(
      /ATM vol 14\.26%.* · line: the surface's marks, lifted by the calendar repair up to 4\.2\d vol pts above the slice's own fit \(dashed\)$/,
    );
    // the 31-day one is not lifted: one line
    await page.selectOption('#smile-expiry', '0');
    expect(await page.$$eval('#smile-chart svg path.fit-curve-own', (p) => p.length)).toBe(0);
    expect(errors).toEqual([]);
  });

  it('shows a bad chain in the module’s words, at the box', async () => {
    const { page, errors } = await openPane();
    await page.click('#tab-surface');
    await page.fill('#chain-text', 'expiry,strike,type,bid,ask\n2025-05-16,5000,call,12,11\n');
    await page.click('#surface-fit');
    await page.waitForFunction(() => (document.getElementById('err-chain')?.textContent ?? '') !== '');
    expect(await page.textContent('#err-chain')).toMatch(/chain/);
    expect(await page.getAttribute('#chain-text', 'aria-invalid')).toBe('true');
    expect(errors).toEqual([]);
  });
});

describe('taskpane recent VIX closes (Chromium, 350 px)', () => {
  it('names a bad row at the box as it is typed; good closes start the local Monte Carlo, and its title says so', async () => {
    const { page, errors } = await paneWithClosesOpen();
    await page.fill('input[name=paths]', '400');
    await page.fill('textarea[name=vixCloses]', '2025-04-03,30.02\n2025-04-04,45.31\n2025-04-07,n/a\n2025-04-08,52.33');
    await page.waitForFunction(() => (document.getElementById('err-vixCloses')?.textContent ?? '') !== '');
    expect(await page.textContent('#err-vixCloses')).toMatch(
      /^VIX closes, line 3: the close "n\/a" is not a positive number/,
    );
    expect(await page.getAttribute('textarea[name=vixCloses]', 'aria-invalid')).toBe('true');
    await page.fill(
      'textarea[name=vixCloses]',
      'DATE,OPEN,HIGH,LOW,CLOSE\n04/03/2025,0,0,0,30.02\n04/04/2025,0,0,0,45.31\n04/07/2025,0,0,0,46.98\n04/08/2025,0,0,0,52.33\n04/09/2025,0,0,0,33.62',
    );
    const note =
      'The Monte Carlo starts from 4 closes, 2025-04-03 to 2025-04-08 (column "CLOSE"); 1 after the valuation date left out.';
    await page.waitForFunction((t) => document.getElementById('vix-closes-note')?.textContent === t, note);
    expect(await page.textContent('#err-vixCloses')).toBe('');
    await page.click('#action-mc [data-run=montecarlo]');
    await page.waitForSelector('#mc-result:not([hidden])');
    expect(await page.textContent('#mc-title')).toBe(
      '400 paths, seed 42, real-world measure, factors read from the recent VIX closes',
    );
    // The hedge cost and effectiveness are the ALVH book's: the unhedged condor reads "n/a".
    const stats = await page.$$eval('#mc-stats tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')),
    );
    expect(stats.find((r) => r[0]!.startsWith('Hedge cost'))?.slice(1)).toEqual([
      'n/a',
      expect.stringMatching(/^\$[\d,]+$/),
    ]);
    expect(stats.find((r) => r[0]!.startsWith('Hedge effectiveness (real-world measure)'))?.[1]).toBe('n/a');
    // The mean with its standard error, as the summary gives it.
    expect(stats.find((r) => r[0]!.startsWith('Mean P&L'))?.slice(1)).toEqual([
      expect.stringMatching(/^-?\$[\d,]+ ± \$[\d,]+$/),
      expect.stringMatching(/^-?\$[\d,]+ ± \$[\d,]+$/),
    ]);
    // The model's known biases from the run's starting VIX, as the summary names them.
    const vix = Number(await page.inputValue('input[name=vix]'));
    const expected = calibrationNotes(vix);
    // after the run's own notes: the tail's rolls; fewer than 5% of the paths lose (the condor keeps
    // its credit on most), so its VaR 95 is a gain; a few of these 400 paths reach VIX 150 on some day
    expect(await page.$$eval('#mc-notes li', (lis) => lis.map((li) => li.textContent))).toEqual([
      expect.stringMatching(
        /^The tail rolls as the method picks its expiry \(45-60 days out\) from each rebalance's day \(a calendar day: the paths step every day, weekends and holidays included\): from day 5 \(2025-04-13\) into 2025-06-18 /,
      ),
      expect.stringMatching(
        /^The condor's VaR 95 is a gain of \$[\d,]+ and the book's VaR 95 is a gain of \$[\d,]+: fewer than 5% of paths lose money/,
      ),
      expect.stringMatching(/^\d+ of 400 paths \([\d.]+%\) reach(es)? VIX above 150 \(/),
      ...expected,
    ]);
    expect(await page.getAttribute('#mc-notes', 'hidden')).toBeNull();
    expect(await page.textContent('#vix-closes-note')).toBe(note);
    expect(errors).toEqual([]);
  });

  it("says the frontier starts from today's VIX alone, not from the pasted closes the Monte Carlo reads", async () => {
    const { page, errors } = await openPane(`${base}/api`);
    await page.click('#vix-closes summary');
    await page.fill('textarea[name=vixCloses]', '2025-04-04,45.31\n2025-04-07,46.98\n2025-04-08,52.33');
    await page.waitForFunction(() =>
      /^The Monte Carlo starts from 3 closes/.test(document.getElementById('vix-closes-note')?.textContent ?? ''),
    );
    await page.click('#run-frontier');
    await page.waitForSelector('#frontier-result:not([hidden])');
    expect(await page.textContent('#frontier-title')).toBe(
      "20,000 paths, seed 42, real-world measure, model started from today's VIX alone (the frontier does not read the recent VIX closes)",
    );
    expect(errors).toEqual([]);
  });

  it('says no closes are used while a line needs fixing, never the last good reading beside the error', async () => {
    const { page, errors } = await paneWithClosesOpen();
    const hint = () => page.textContent('#vix-closes-note');
    await page.fill('textarea[name=vixCloses]', '2025-04-04,45.31\n2025-04-07,46.98\n2025-04-08,52.33');
    await expect.poll(hint).toBe('The Monte Carlo starts from 3 closes, 2025-04-04 to 2025-04-08.');
    const notUsed = (line: number) =>
      `No closes are used until line ${line} is fixed: fix it as said above, or clear the box to start the Monte Carlo from today's VIX alone.`;
    // a decimal close, then closes ending weeks before the date
    await page.fill('textarea[name=vixCloses]', '2025-04-07,0.4698\n2025-04-08,0.5233');
    await expect.poll(() => page.textContent('#err-vixCloses')).toMatch(/^VIX closes, line 1: the close 0\.4698/);
    expect(await hint()).toBe(notUsed(1));
    await page.fill('textarea[name=vixCloses]', '2025-04-04,45.31\n2025-04-07,46.98\n2025-04-08,52.33');
    await expect.poll(hint).toMatch(/^The Monte Carlo starts from 3 closes/);
    await page.fill('textarea[name=vixCloses]', '2025-03-19,21.5\n2025-03-20,19.8');
    await expect
      .poll(() => page.textContent('#err-vixCloses'))
      .toMatch(/^VIX closes, line 2: the latest close, 2025-03-20/);
    expect(await hint()).toBe(notUsed(2));
    expect(errors).toEqual([]);
  });

  it('words a close the run refuses as a 3× jump for the pane: clear the box, not the API\'s "leave vixHistory out"', async () => {
    const { page, errors } = await paneWithClosesOpen();
    await page.fill('input[name=paths]', '400');
    await page.fill('textarea[name=vixCloses]', '2025-04-07,15\n2025-04-08,52.33');
    await expect.poll(() => page.textContent('#vix-closes-note')).toMatch(/^The Monte Carlo starts from 2 closes/);
    await page.click('#action-mc [data-run=montecarlo]');
    await expect
      .poll(() => page.textContent('#err-vixCloses'))
      .toBe(
        'VIX closes, line 2: is 52.33 after 15 on 2025-04-07, a move VIX has never made in one close; check the close (VIX in index points, 17.5 not 1.75), or clear the VIX closes box',
      );
    expect(await page.textContent('#vix-closes-note')).toMatch(/^No closes are used until line 2 is fixed/);
    expect(errors).toEqual([]);
  });

  it('asks for the Date first, without a page error, and reads the closes once it is whole', async () => {
    const { page, errors } = await paneWithClosesOpen();
    await page.fill('textarea[name=vixCloses]', '2025-04-07,46.98');
    await page.fill('input[name=valuationDate]', '2025-04-0');
    await expect
      .poll(() => page.textContent('#err-vixCloses'))
      .toBe('VIX closes: set the Date (YYYY-MM-DD) first: the closes are read up to it');
    expect(await page.textContent('#vix-closes-note')).toMatch(/^No closes are used until the Date is set: /);
    await page.fill('input[name=valuationDate]', '2025-04-08');
    await expect.poll(() => page.textContent('#err-vixCloses')).toBe('');
    expect(await page.textContent('#vix-closes-note')).toBe(
      'The Monte Carlo starts from 1 close, 2025-04-07 to 2025-04-07.',
    );
    expect(errors).toEqual([]);
  });
});

describe('taskpane Monte Carlo notes (Chromium, 350 px)', () => {
  it("lists the run's notes and then the calibrated model's known biases under the histogram when the run starts at VIX 35", async () => {
    const { page, errors } = await openPane();
    await page.fill('input[name=paths]', '400');
    await page.fill('input[name=vix]', '35');
    await page.click('#action-mc [data-run=montecarlo]');
    await page.waitForSelector('#mc-result:not([hidden])');
    expect(await page.getAttribute('#mc-notes', 'hidden')).toBeNull();
    const items = await page.$$eval('#mc-notes li', (lis) => lis.map((li) => li.textContent ?? ''));
    // what the run's figures could hide (its notes) first, then the model's known biases from VIX 35;
    // at VIX 35 the surface prices the condor far below the form's credit, and the note says by how much
    expect(items.slice(0, -2)).toEqual([
      expect.stringMatching(
        /^The condor's P&L counts from the credit the plan was sized on, \$5,930\.00; .* includes the \+\$2,342\.08 between them\.$/,
      ),
      expect.stringMatching(
        /^The tail rolls as the method picks its expiry \(45-60 days out\) from each rebalance's day \(a calendar day: the paths step every day, weekends and holidays included\): /,
      ),
      expect.stringMatching(
        /^The condor's VaR 95 is a gain of \$5,930 and the book's VaR 95 is a gain of \$[\d,]+: fewer than 5% of paths lose money/,
      ),
      expect.stringMatching(/^\d+ of 400 paths \([\d.]+%\) reach(es)? VIX above 150 \(/),
    ]);
    expect(items.slice(-2)).toEqual(calibrationNotes(35));
    expect(await overflow(page)).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('taskpane Monte Carlo on the cloud, one request (Chromium, 350 px)', () => {
  it('sends the run once with ?partial=false and counts the seconds until the answer', async () => {
    const { page, errors } = await openPane(`${base}/api`, new Date('2026-03-02T09:00:00Z'));
    // Time stands still unless the test moves it; the request waits until the test answers it.
    await page.clock.pauseAt(new Date('2026-03-02T10:00:00Z'));
    let answer!: () => Promise<void>;
    const held = new Promise<string>((seen) =>
      page.route('**/api/montecarlo**', (route) => {
        const body = route.request().postData() ?? '';
        const summary = summarizeMonteCarlo(runMonteCarloChunk(JSON.parse(body)));
        answer = () => route.fulfill({ json: { summary } });
        seen(route.request().url());
      }),
    );
    await page.fill('input[name=paths]', '400');
    await page.click('#action-mc [data-run=montecarlo]');
    expect(await held).toBe(`${base}/api/montecarlo?partial=false`);
    const note = '#action-mc [data-note]';
    expect(await page.textContent(note)).toBe(
      'Running 400 paths on localhost:' + new URL(base).port + ' as one request…',
    );
    expect(await page.getAttribute('#action-mc progress', 'value')).toBeNull(); // no value: the bar runs
    await page.clock.runFor(3000);
    expect(await page.textContent(note)).toMatch(/as one request… 3 s$/);
    await answer();
    await page.waitForSelector('#mc-result:not([hidden])');
    expect(await page.textContent(note)).toMatch(/^400 paths on localhost:\d+ in 3\.0 s/);
    expect(await page.isHidden('#action-mc progress')).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('taskpane stress grid and frontier on a silent cloud host (Chromium, 350 px)', () => {
  it('count the seconds while the host says nothing, then say where they ran', async () => {
    const { page, errors } = await openPane(`${base}/api`, new Date('2026-03-02T09:00:00Z'));
    // Time stands still unless the test moves it; each request waits until the test answers it.
    await page.clock.pauseAt(new Date('2026-03-02T10:00:00Z'));
    const port = new URL(base).port;
    let answerStress!: () => Promise<void>;
    const stressHeld = new Promise<void>((seen) =>
      page.route('**/api/stress', (route) => {
        const result = stressGrid(JSON.parse(route.request().postData() ?? '{}'));
        answerStress = () => route.fulfill({ json: result });
        seen();
      }),
    );
    await page.click('#action-stress [data-run=stress]');
    await stressHeld;
    const stressNote = '#action-stress [data-note]';
    expect(await page.textContent(stressNote)).toBe(`Running the stress grid on localhost:${port} as one request…`);
    await page.clock.runFor(4000);
    expect(await page.textContent(stressNote)).toBe(`Running the stress grid on localhost:${port} as one request… 4 s`);
    await answerStress();
    await page.waitForSelector('#stress-result:not([hidden])');
    const done = await page.textContent(stressNote);
    expect(done).toMatch(new RegExp(`^Done on localhost:${port} in 4\\.0 s`));
    // no tick is left running to write over the result's note
    await page.clock.runFor(3000);
    expect(await page.textContent(stressNote)).toBe(done);

    // The frontier: held before the host's stream begins, then let through to the file's host.
    let letThrough!: () => Promise<void>;
    const frontierHeld = new Promise<void>((seen) =>
      page.route('**/api/frontier', (route) => {
        letThrough = () => route.continue();
        seen();
      }),
    );
    await page.fill('input[name=paths]', '2000');
    await page.click('#run-frontier');
    await frontierHeld;
    expect(await page.textContent('#frontier-note')).toBe(`Running 2,000 paths on localhost:${port}…`);
    await page.clock.runFor(3000);
    expect(await page.textContent('#frontier-note')).toBe(`Running 2,000 paths on localhost:${port}… 3 s`);
    await letThrough();
    await page.waitForSelector('#frontier-result:not([hidden])', { timeout: 90_000 });
    await expect
      .poll(() => page.textContent('#frontier-note'))
      .toMatch(new RegExp(`^\\d+ budgets on localhost:${port}`));
    const said = await page.textContent('#frontier-note');
    await page.clock.runFor(3000);
    expect(await page.textContent('#frontier-note')).toBe(said);
    expect(errors).toEqual([]);
  });
});

describe('taskpane measure (Chromium, 350 px)', () => {
  it('sends the measure chosen with the Monte Carlo and the Frontier, and the result says which ran', async () => {
    const { page, errors } = await openPane(`${base}/api`, new Date('2026-03-02T09:00:00Z'));
    let sent: { measure?: string } = {};
    await page.route('**/api/montecarlo**', (route) => {
      sent = JSON.parse(route.request().postData() ?? '{}') as { measure?: string };
      return route.fulfill({ json: { summary: summarizeMonteCarlo(runMonteCarloChunk(sent)) } });
    });
    expect(await page.inputValue('select[name=measure]')).toBe('real-world');
    await page.selectOption('select[name=measure]', 'risk-neutral');
    await page.fill('input[name=paths]', '400');
    await page.click('#action-mc [data-run=montecarlo]');
    await page.waitForSelector('#mc-result:not([hidden])');
    expect(sent.measure).toBe('risk-neutral');
    expect(await page.textContent('#mc-title')).toBe(
      "400 paths, seed 42, risk-neutral measure, factors from today's VIX alone",
    );
    const before = posted.length;
    await page.click('#run-frontier');
    await expect
      .poll(() => posted.slice(before).find((p) => p.url === '/api/frontier')?.body)
      .toMatchObject({
        paths: 400,
        measure: 'risk-neutral',
      });
    expect(await overflow(page)).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('taskpane Monte Carlo on the cloud, streamed progress (Chromium, 350 px)', () => {
  it('moves the bar with each progress line, says when it is summarising, and draws the result line', async () => {
    const { page, errors } = await openPane(`${base}/api`, new Date('2026-03-02T09:00:00Z'));
    await page.clock.pauseAt(new Date('2026-03-02T10:00:00Z'));
    // The host's answer is written here, line by line, while the page reads it.
    const arrived = new Promise<HeldStream>((r) => (streamArrived = r));
    await page.fill('input[name=paths]', '400');
    await page.click('#action-mc [data-run=montecarlo]');
    const { res, summary } = await arrived;
    streamArrived = undefined;
    const line = (o: unknown) => `${JSON.stringify(o)}\n`;
    const note = '#action-mc [data-note]';
    const bar = '#action-mc progress';
    const port = new URL(base).port;
    res.write(line({ type: 'progress', done: 0, total: 400 }) + line({ type: 'progress', done: 200, total: 400 }));
    await expect
      .poll(() => page.textContent(note))
      .toBe(`Running 400 paths on localhost:${port} as one request… 50% · 0 s`);
    expect(await page.$eval(bar, (b) => [(b as HTMLProgressElement).value, (b as HTMLProgressElement).max])).toEqual([
      200, 400,
    ]);
    await page.clock.runFor(2000);
    expect(await page.textContent(note)).toBe(`Running 400 paths on localhost:${port} as one request… 50% · 2 s`);
    res.write(line({ type: 'progress', done: 400, total: 400 }));
    await expect.poll(() => page.textContent(note)).toMatch(/as one request… summarising · 2 s$/);
    res.end(line({ type: 'result', result: { summary } }));
    await page.waitForSelector('#mc-result:not([hidden])');
    expect(await page.textContent(note)).toMatch(new RegExp(`^400 paths on localhost:${port} in 2\\.0 s`));
    expect(await page.isHidden(bar)).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('taskpane Settings and where a run went (Chromium, 350 px)', () => {
  it('a run started on the cloud says it ran there when the URL is cleared while it runs', async () => {
    const { page, errors } = await openPane(`${base}/api`);
    const arrived = new Promise<HeldStream>((r) => (streamArrived = r));
    await page.fill('input[name=paths]', '400');
    await page.click('#action-mc [data-run=montecarlo]');
    const { res, summary } = await arrived;
    streamArrived = undefined;
    // Settings cleared mid-run: the next run goes here, this one is still the host's.
    await page.click('#settings summary');
    await page.fill('input[name=endpoint]', '');
    await page.click('#settings-save');
    await expect.poll(() => page.textContent('#settings-summary')).toBe('(runs here)');
    res.end(`${JSON.stringify({ type: 'result', result: { summary } })}\n`);
    await page.waitForSelector('#mc-result:not([hidden])');
    const port = new URL(base).port;
    await expect
      .poll(() => page.textContent('#action-mc [data-note]'))
      .toMatch(new RegExp(`^400 paths on localhost:${port} in `));
    expect(errors).toEqual([]);
  });

  it('a saved URL the page would refuse (no https://) is dropped at start, said in Settings, and runs go here', async () => {
    const { page, errors } = await openPane('alvh.azurewebsites.net/api');
    expect(await page.textContent('#settings-summary')).toBe('(runs here)');
    expect(await page.inputValue('input[name=endpoint]')).toBe('');
    // Settings is opened, so the note is on screen and not in a closed panel
    expect(await page.$eval('#settings', (d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.isVisible('#settings-note')).toBe(true);
    expect(await page.textContent('#settings-note')).toBe(
      'The saved API URL "alvh.azurewebsites.net/api" is not used: pass a full URL such as https://alvh.azurewebsites.net/api, or leave it empty to run here. Runs go here until a URL is saved.',
    );
    expect(errors).toEqual([]);
  });

  it('a dropped function URL is shown without its ?code= key; with nothing dropped Settings stays closed', async () => {
    const { page, errors } = await openPane('https://alvh.azurewebsites.net/api/montecarlo?code=SECRET-KEY==');
    expect(await page.$eval('#settings', (d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.textContent('#settings-note')).toMatch(
      /^The saved API URL "https:\/\/alvh\.azurewebsites\.net\/api\/montecarlo\?…" is not used: pass the API's base URL \(https:\/\/alvh\.azurewebsites\.net\/api\) alone/,
    );
    expect(await page.textContent('body')).not.toContain('SECRET');
    const kept = await openPane(`${base}/api`);
    expect(await kept.page.$eval('#settings', (d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await kept.page.textContent('#settings-note')).toBe('');
    expect([...errors, ...kept.errors]).toEqual([]);
  });
});

describe('taskpane results and the inputs they were made from (Chromium, 350 px)', () => {
  it('a run whose inputs change while it runs finishes greyed; the run fields grey the Monte Carlo and the frontier', async () => {
    const { page, errors } = await openPane(`${base}/api`);
    const stale = async (id: string) => ((await page.getAttribute(id, 'class')) ?? '').includes('stale');
    const line = (o: unknown) => `${JSON.stringify(o)}\n`;
    // The host holds the answer until the budget has been edited in the page.
    let arrived = new Promise<HeldStream>((r) => (streamArrived = r));
    await page.fill('input[name=paths]', '1,000');
    await page.click('#action-mc [data-run=montecarlo]');
    let held = await arrived;
    expect((posted.at(-1)?.body as { paths?: number }).paths).toBe(1000);
    await page.fill('input[name=budget]', '30000');
    held.res.end(line({ type: 'result', result: { summary: held.summary } }));
    await page.waitForSelector('#mc-result:not([hidden])');
    await expect.poll(() => page.textContent('#action-mc [data-note]')).toMatch(/^1,000 paths on/);
    expect(await stale('#mc-result')).toBe(true);
    // Run again with nothing edited: current.
    arrived = new Promise<HeldStream>((r) => (streamArrived = r));
    await page.click('#action-mc [data-run=montecarlo]');
    held = await arrived;
    streamArrived = undefined;
    held.res.end(line({ type: 'result', result: { summary: held.summary } }));
    await expect.poll(() => stale('#mc-result')).toBe(false);
    // The frontier: current when drawn; the seed (outside the form's element) greys it and the
    // Monte Carlo, not the plan.
    await page.click('#run-frontier');
    await page.waitForSelector('#frontier-result:not([hidden])');
    await expect.poll(() => page.textContent('#frontier-note')).toMatch(/budgets on/);
    expect(await stale('#frontier-result')).toBe(false);
    await page.fill('input[name=seed]', '7');
    expect([await stale('#mc-result'), await stale('#frontier-result'), await stale('#plan-result')]).toEqual([
      true,
      true,
      false,
    ]);
    // An empty seed is not seed 0, and hexadecimal is not a number here.
    for (const seed of ['', '0x10']) {
      await page.fill('input[name=seed]', seed);
      await page.click('#action-mc [data-run=montecarlo]');
      await expect
        .poll(() => page.textContent('#error-box'))
        .toBe('seed: pass a whole number between 0 and 4,294,967,295');
      expect(await page.getAttribute('input[name=seed]', 'aria-invalid')).toBe('true');
    }
    // Thousands grouped by a dot are refused naming the readings paths takes (20 is below 100).
    await page.fill('input[name=seed]', '42');
    await page.fill('input[name=paths]', '20.000');
    await page.click('#action-mc [data-run=montecarlo]');
    await expect.poll(() => page.textContent('#error-box')).toBe('paths is 20.000: write 20000 for 20,000 paths');
    expect(await page.getAttribute('input[name=paths]', 'aria-invalid')).toBe('true');
    expect(errors).toEqual([]);
  });

  it('names the curve rows by their places after a row is removed, as their messages do', async () => {
    const { page, errors } = await openPane();
    const names = () =>
      page.$$eval('#curve-rows tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('input, button')].map((e) => e.getAttribute('aria-label'))),
      );
    const placed = (n: number) =>
      Array.from({ length: n }, (_, i) => [`VX ${i + 1} expiry`, `VX ${i + 1} price`, `Remove future ${i + 1}`]);
    const rows = (await names()).length;
    expect(rows).toBeGreaterThan(2);
    expect(await names()).toEqual(placed(rows));
    // Remove the first row: those below move up and take its number; a row added is the last.
    await page.click('#curve-rows tr:nth-child(1) button');
    expect(await names()).toEqual(placed(rows - 1));
    await page.click('#curve-add');
    expect(await names()).toEqual(placed(rows));
    // The second row's expiry box is named as the plan's message names it.
    const second = '#curve-rows tr:nth-child(2) .fut-expiry';
    await page.fill(second, await page.inputValue('#curve-rows tr:nth-child(1) .fut-expiry'));
    await page.click('#action-plan [data-run=plan]');
    await expect.poll(() => page.textContent('#error-box')).toMatch(/^VX 2 expiry: is [\d-]+, the same as/);
    expect(await page.getAttribute(second, 'aria-label')).toBe('VX 2 expiry');
    expect(errors).toEqual([]);
  });

  it('refuses a pasted curve with decimal commas, naming the line, and leaves the table as it was', async () => {
    const { page, errors } = await openPane();
    const prices = () => page.$$eval('#curve-rows .fut-price', (xs) => xs.map((x) => (x as HTMLInputElement).value));
    const before = await prices();
    await page.$eval('#curve-rows .fut-price', (el) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '2025-04-16\t39,1728\n2025-05-21\t31,43\n');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    const refused =
      'Pasted curve, line 1: the price "39,1728" has a decimal comma: write 39.1728 (VX prices have no thousands separator). Nothing was pasted.';
    expect(await page.textContent('#err-futures')).toBe(refused);
    expect(await prices()).toEqual(before);
    // another field's edit checks the form again (as the plan that follows the page's opening
    // does): the refusal stands until the table changes or another paste comes
    const planShown = await page.textContent('#plan-table');
    await page.fill('input[name=spx]', String(Number(await page.inputValue('input[name=spx]')) + 5));
    await expect.poll(() => page.textContent('#plan-table')).not.toBe(planShown);
    expect(await page.textContent('#err-futures')).toBe(refused);
    // The same rows with points are pasted from the row pasted into.
    await page.$eval('#curve-rows .fut-price', (el) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'Expiry\tSettle\n2025-04-16\t39.5\n2025-05-21\t31.25\n');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    expect((await prices()).slice(0, 2)).toEqual(['39.5', '31.25']);
    expect(errors).toEqual([]);
  });

  it('says a percentage is no credit and hexadecimal no SPX level, and names a refused VIX close by the line it was pasted on', async () => {
    const { page, errors } = await openPane();
    await page.fill('input[name=credit]', '1.3%');
    const slot = 'input[name=credit] + .err';
    await expect
      .poll(() => page.textContent(slot))
      .toBe('is a percentage; give it in index points a contract (e.g. 1.30), without %');
    await page.fill('input[name=credit]', '5.93');
    await expect.poll(() => page.textContent(slot)).toBe('');
    // Hexadecimal is no number here: the box says what to type, not to send it without quotes.
    await page.fill('input[name=spx]', '0x10');
    await expect
      .poll(() => page.textContent('input[name=spx] + .err'))
      .toBe('is "0x10", not a number; type the SPX level in index points, such as 4982.77');
    expect(await page.getAttribute('input[name=spx]', 'aria-invalid')).toBe('true');
    await page.fill('input[name=spx]', '4982.77');
    // Newest first: the valuation day's close (40, not the form's VIX) is the request's second
    // close but the box's first line.
    await page.click('#vix-closes summary');
    await page.fill('input[name=paths]', '400');
    await page.fill('textarea[name=vixCloses]', '2025-04-08\t40\n2025-04-07\t46.98');
    await page.click('#action-mc [data-run=montecarlo]');
    await expect
      .poll(() => page.textContent('#err-vixCloses'))
      .toMatch(/^VIX closes, line 1: is 40 on the valuation date, but the book's VIX is 52\.33/);
    expect(await page.getAttribute('textarea[name=vixCloses]', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#error-box')).toMatch(/^VIX closes, line 1: /);
    expect(errors).toEqual([]);
  });
});

describe('taskpane positions, structures and orders (Chromium, 350 px)', () => {
  it("opens on the example day's Cboe indices, in a group that fits 350 px open; a bad one is named at its input", async () => {
    const { page, errors } = await openPane();
    await page.click('#indices summary');
    expect(await page.inputValue('input[name="index.vix9d"]')).toBe('67.63');
    expect(await page.inputValue('input[name="index.vix3m"]')).toBe('41.50');
    expect(await page.inputValue('input[name="index.skew"]')).toBe('135.68');
    expect(await overflow(page)).toBe(0);
    await page.fill('input[name="index.vix3m"]', '0.415');
    await page.click('#action-plan [data-run=plan]');
    await page.waitForFunction(
      () => document.querySelector('input[name="index.vix3m"]')?.getAttribute('aria-invalid') === 'true',
    );
    expect(errors).toEqual([]);
  });

  it('takes an RSI in its Signals box: the plan reads it and its warning says what is left; a bad one is named at the box', async () => {
    const { page, errors } = await openPane();
    const texts = (selector: string) => page.$$eval(selector, (els) => els.map((e) => e.textContent ?? ''));
    const splitWarning = async () => (await texts('#plan-warnings li')).find((w) => w.startsWith('Split rule')) ?? '';
    const audit = async (rule: string) => (await texts('#audit-list li')).find((t) => t.startsWith(`${rule}:`)) ?? '';
    // the example day opens without the signals: the warning names the boxes that give them
    expect(await splitWarning()).toMatch(
      /: pass them \(the Signals boxes: RSI, A\/D slope, Previous spread and MACD histogram\)\.$/,
    );
    expect(await audit('signals')).toContain('rsi=not given');
    expect(await audit('split.rsi-widening')).toBe('');
    await page.click('#signals summary');
    expect(await overflow(page)).toBe(0);
    await page.fill('input[name="signal.rsi"]', '21.36');
    await expect.poll(() => audit('signals')).toContain('rsi=21.36');
    expect(await audit('split.rsi-widening')).not.toBe('');
    expect(await splitWarning()).toMatch(
      /^Split rules not applied, their signals not given: the RSI widening's breadth check \(A\/D slope\), .*: pass them \(the Signals boxes: A\/D slope, Previous spread and MACD histogram\)\.$/,
    );
    await expectPlanAsComputed(page);
    // an RSI typed as a fraction: said at its box, in its words
    await page.fill('input[name="signal.rsi"]', '0.35');
    await expect
      .poll(() => page.textContent('input[name="signal.rsi"] + .err'))
      .toBe('is between 0 and 1, which looks like a fraction: pass the RSI on its 0-100 scale (35, not 0.35)');
    expect(await page.getAttribute('input[name="signal.rsi"]', 'aria-invalid')).toBe('true');
    expect(errors).toEqual([]);
  });

  it('names the bad line of a pasted positions CSV', async () => {
    const { page, errors } = await openPane();
    await page.click('#positions summary');
    await page.fill(
      'textarea[name=positions]',
      'Symbol,Qty,Avg Price\nSPXW 250523P03750,-10,12.50\nSPXW 250523P03752,5,1.00\nVIX 250521C00033000,20,1.35',
    );
    await page.waitForFunction(() => (document.getElementById('err-positions')?.textContent ?? '') !== '');
    const message = await page.textContent('#err-positions');
    expect(message).toMatch(/^line 3: .*3752.*off the SPX 5-point strike grid; pass a listed strike/);
    expect(message).not.toMatch(/line 2|line 4/);
    expect(await page.getAttribute('textarea[name=positions]', 'aria-invalid')).toBe('true');
    expect(errors).toEqual([]);
  });

  it('renders the tail structures and the orders from the plan of the pasted positions', async () => {
    const positions = 'Symbol,Qty,Avg Price\nSPXW 250523P03750,-10,12.50\nVIX 250521C00033000,20,1.35';
    const expected = plan(
      parseInput(PlanInputSchema, {
        ...planInputFromForm({
          fields: EXAMPLE.fields,
          futures: EXAMPLE.futures,
          policy: {},
          indices: EXAMPLE.indices,
        }),
        positions,
      }),
    );
    const { page, errors } = await openPane();
    // Without positions: the structures, no orders.
    const structures = await page.$$eval('#structures-table tbody tr', (trs) => trs.length);
    expect(structures).toBe(expected.structures.structures.length);
    // The plan's premium is the mid plus the fees: the columns say so, not "premium".
    const heads = await page.$$eval('#structures-table thead th', (ths) => ths.map((t) => t.textContent));
    expect(heads).toContain('Cost / unit incl. fees (USD)');
    expect(heads).toContain('Cost incl. fees (USD)');
    expect(await page.isVisible('#orders-box')).toBe(false);
    await page.click('#positions summary');
    await page.fill('textarea[name=positions]', positions);
    await page.waitForSelector('#orders-box:not([hidden])');
    const orders = await page.$$eval('#orders-table tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')),
    );
    expect(orders.length).toBe(expected.orders!.orders.length);
    expect(orders.length).toBeGreaterThan(2);
    for (const [i, o] of expected.orders!.orders.entries()) {
      expect(orders[i]![1]).toBe(`${o.side} to ${o.effect}`);
      expect(Number(orders[i]![2])).toBe(o.quantity);
      expect(Number(orders[i]![4])).toBeCloseTo(o.limit, 2);
      expect(orders[i]![7]).toContain(o.why);
    }
    expect(await page.textContent('#positions-note')).toMatch(/^2 positions read/);
    // Positions equal to the plan's legs: no order, and no table of headings alone under "none".
    const legs = [...expected.book.condor, ...expected.book.overlay, ...expected.book.tail];
    const held = new Map<string, number>();
    for (const l of legs) {
      const [y, m, d] = l.expiry.slice(2).split('-');
      const symbol = `${optionRoot(l.kind, l.expiry)} ${y}${m}${d}${l.type === 'put' ? 'P' : 'C'}${String(l.strike * 1000).padStart(8, '0')}`;
      held.set(symbol, (held.get(symbol) ?? 0) + l.quantity);
    }
    await page.fill(
      'textarea[name=positions]',
      ['Symbol,Qty', ...[...held].filter(([, q]) => q !== 0).map(([s, q]) => `${s},${q}`)].join('\n'),
    );
    await expect.poll(() => page.textContent('#orders-title')).toBe('(none: the positions held equal the plan)');
    expect(await page.isHidden('#orders-table')).toBe(true);
    const best = expected.structures.bestWithinBudget?.structure;
    const marked = await page.$$eval('#structures-table tr.best-row th', (ths) => ths.map((t) => t.textContent ?? ''));
    expect(marked).toEqual(best ? [expect.stringContaining(best)] : []);
    expect(await overflow(page)).toBe(0);
    expect(errors).toEqual([]);
  });

  it('keeps the page within a 1100 px window: the tail structures table scrolls in its own box', async () => {
    const { page, errors } = await openPane();
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.waitForSelector('#structures-table tbody tr');
    expect(await page.isVisible('#structures-table')).toBe(true);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      window: window.innerWidth,
      results: document.getElementById('results')!.getBoundingClientRect().right,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.window);
    expect(widths.results).toBeLessThanOrEqual(widths.window);
    // The table is wider than its column: it scrolls sideways in its box, not the page.
    const box = await page.$eval('#structures-table', (t) => {
      const wrap = t.parentElement!;
      return { scroll: wrap.scrollWidth, client: wrap.clientWidth, overflow: getComputedStyle(wrap).overflowX };
    });
    expect(box.overflow).toBe('auto');
    expect(box.scroll).toBeGreaterThan(box.client);
    expect(box.client).toBeLessThanOrEqual(widths.window);
    expect(errors).toEqual([]);
  });

  it('holds a book between rebalances given the last rebalance: no order, the deferred ones listed; a blank VIX is named; the example clears it', async () => {
    const { page, errors } = await openPane();
    await fillHeldBook(page);
    expect(await page.textContent('#orders-note')).toMatch(
      /^None: no rebalance is due and the legs held are the condors and their hedges: .*so the book is held as it is\. The orders below would take it to today's sizing: they are set aside for the next rebalance\.$/,
    );
    expect(await page.textContent('#orders-title')).toMatch(
      /^\(none; 3 orders deferred to the next rebalance, deferred net cost \$1,037, \+ debit\)$/,
    );
    const rows = await page.$$eval('#orders-table tbody tr', (trs) =>
      trs.map((tr) => [tr.className, ...[...tr.children].map((c) => c.textContent ?? '')]),
    );
    expect(rows.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      ['deferred-row', 'SPX 2008-02-15 1285 put', 'sell to open (deferred)', '1'],
      ['deferred-row', 'SPX 2008-03-20 1285 put', 'buy to open (deferred)', '1'],
      ['deferred-row', 'VIX 2008-02-19 26 call', 'buy to open (deferred)', '1'],
    ]);
    expect(await page.$$eval('#plan-warnings li', (lis) => lis.map((l) => l.textContent ?? ''))).toContainEqual(
      expect.stringMatching(/^No rebalance is due .*: hold the book\./),
    );
    // A partly filled entry: the blank VIX is named at its field, with the fix.
    await page.click('#last-rebalance summary');
    await page.fill('input[name=lastVix]', '');
    await page.waitForFunction(
      () => document.querySelector('input[name=lastVix]')?.getAttribute('aria-invalid') === 'true',
    );
    expect(await page.$eval('input[name=lastVix] + small.err', (e) => e.textContent)).toBe(
      'is blank: pass VIX at the last rebalance, or clear the last rebalance (date, VIX and futures all blank)',
    );
    expect(await overflow(page)).toBe(0);
    // The example day clears the last rebalance with the positions: its plan, no orders.
    await page.click('#load-example');
    await page.waitForFunction(() => document.getElementById('orders-box')?.hidden === true);
    for (const name of ['lastDate', 'lastVix', 'lastFutures']) expect(await page.inputValue(`[name=${name}]`)).toBe('');
    expect(errors).toEqual([]);
  });
});

describe('taskpane run bar (Chromium, 320 px)', () => {
  /** Whether the element is inside the viewport (the pressed button's note is read where it is). */
  const inView = (page: Page, sel: string) =>
    page.$eval(sel, (e) => {
      const r = e.getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
    });

  it('says why a run did not start in its own note, beside the button, as well as in the error box', async () => {
    const { page, errors } = await openPane(`${base}/api`);
    await page.setViewportSize({ width: 320, height: 700 });
    const said = 'paths: pass a whole number between 100 and 1,000,000';
    await page.fill('input[name=paths]', 'many');
    await page.click('#action-mc [data-run=montecarlo]');
    await expect.poll(() => page.textContent('#action-mc [data-note]')).toBe(said);
    expect(await page.textContent('#error-box')).toBe(said);
    expect(await inView(page, '#action-mc [data-note]')).toBe(true);
    await page.click('#run-frontier');
    await expect.poll(() => page.textContent('#frontier-note')).toBe(said);
    expect(await inView(page, '#frontier-note')).toBe(true);
    // A run that then starts says so in its note, and the error box is cleared.
    await page.fill('input[name=paths]', '2000');
    await page.click('#run-frontier');
    await expect.poll(() => page.textContent('#frontier-note')).toMatch(/budgets on/);
    expect(await page.isHidden('#error-box')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('says in the Plan button’s note that the plan is up to date when it is pressed with a good form', async () => {
    const { page, errors } = await openPane();
    await page.setViewportSize({ width: 320, height: 700 });
    const planNote = () => page.textContent('#action-plan [data-note]');
    expect(await planNote()).toBe('');
    await page.click('#action-plan [data-run=plan]');
    await expect.poll(planNote).toBe('Plan up to date with the inputs.');
    expect(await page.isHidden('#error-box')).toBe(true);
    // The plan follows the form; once the form does not plan, the note no longer says so.
    await page.fill('input[name=k2]', '37');
    await expect.poll(planNote).toBe('');
    await page.click('#action-plan [data-run=plan]');
    await expect.poll(planNote).toBe('Some inputs need fixing: see the messages beside the fields marked in red.');
    await page.fill('input[name=k2]', '3750');
    await page.click('#action-plan [data-run=plan]');
    await expect.poll(planNote).toBe('Plan up to date with the inputs.');
    expect(errors).toEqual([]);
  });

  it('says a blank Div. yield was planned at 0, as the API does: the form no longer sends the default as typed', async () => {
    const { page, errors } = await openPane();
    const warnings = () => page.$$eval('#plan-warnings li', (lis) => lis.map((l) => l.textContent ?? ''));
    await page.click('#action-plan [data-run=plan]');
    await expect.poll(() => page.textContent('#action-plan [data-note]')).toBe('Plan up to date with the inputs.');
    expect((await warnings()).some((w) => w.startsWith('No dividend yield given'))).toBe(false);
    await page.fill('input[name=divYield]', '');
    await page.click('#action-plan [data-run=plan]');
    await expect.poll(async () => (await warnings()).some((w) => w.startsWith('No dividend yield given'))).toBe(true);
    // in the page's words: its box, not the API's field
    const said = (await warnings()).find((w) => w.startsWith('No dividend yield given'))!;
    expect(said).toContain('the SPX legs are priced with Div. yield 0,');
    expect(said).not.toContain('market.');
    expect(errors).toEqual([]);
  });

  it('marks the Date when it lies past the condor and the front future, not the VX curve', async () => {
    const { page, errors } = await openPane();
    // the example day's condor expires 2025-05-23, its front VX future 2025-04-16
    await page.fill('input[name=valuationDate]', '2025-05-27');
    await page.click('#action-plan [data-run=plan]');
    await expect
      .poll(() => page.textContent('input[name=valuationDate] + .err'))
      .toMatch(
        /^is 2025-05-27, on or after both the condor's expiry 2025-05-23 and the front VX future's 2025-04-16; check the date/,
      );
    expect(errors).toEqual([]);
  });

  it('announces how a run ended in a status of its run bar box, never its progress', async () => {
    const { page, errors } = await openPane();
    await page.setViewportSize({ width: 320, height: 700 });
    // Each box's status is visually hidden, role status; its note beside the button is no live region.
    for (const box of ['#action-plan', '#action-stress', '#action-mc']) {
      expect(await page.getAttribute(`${box} [data-said]`, 'role')).toBe('status');
      expect(await page.$eval(`${box} [data-said]`, (e) => e.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
      expect(await page.$eval(`${box} [data-note]`, (e) => e.closest('[role=status],[aria-live]'))).toBeNull();
    }
    // Every text the Monte Carlo's note and status hold from here on.
    await page.evaluate(() => {
      const w = window as unknown as { seen: Record<'note' | 'said', string[]> };
      w.seen = { note: [], said: [] };
      for (const k of ['note', 'said'] as const) {
        const e = document.querySelector(`#action-mc [data-${k}]`)!;
        new MutationObserver(() => w.seen[k].push(e.textContent ?? '')).observe(e, {
          childList: true,
          characterData: true,
          subtree: true,
        });
      }
    });
    const seen = () => page.evaluate(() => (window as unknown as { seen: Record<'note' | 'said', string[]> }).seen);
    const said = (box: string) => page.textContent(`${box} [data-said]`);
    // 10,000 paths run in chunks of 2,000: the note counts them, the status says only the end.
    await page.fill('input[name=paths]', '10000');
    await page.click('#action-mc [data-run=montecarlo]');
    await expect
      .poll(() => page.textContent('#action-mc [data-note]'), { timeout: 60_000 })
      .toMatch(/^10,000 paths here \(Web Worker\) in [\d.]+ s\.$/);
    const mc = await seen();
    expect(mc.note.filter((t) => / of 10,000 paths$/.test(t)).length).toBeGreaterThan(2);
    expect(mc.said.filter((t) => t !== '')).toEqual([mc.note.at(-1)]);
    // The stress grid's end, and a press of Plan, said the same way; the same words again are said again.
    await page.click('#action-stress [data-run=stress]');
    await expect
      .poll(() => said('#action-stress'), { timeout: 60_000 })
      .toMatch(/^Done here \(Web Worker\) in [\d.]+ s\.$/);
    expect(await said('#action-stress')).toBe(await page.textContent('#action-stress [data-note]'));
    expect(await said('#action-plan')).toBe('');
    await page.click('#action-plan [data-run=plan]');
    await expect.poll(() => said('#action-plan')).toBe('Plan up to date with the inputs.');
    await page.click('#action-plan [data-run=plan]');
    await expect.poll(() => said('#action-plan')).toBe('Plan up to date with the inputs.\u00a0');
    expect(errors).toEqual([]);
  });

  it('ties a paths or seed message to its field, and clears it once the field is fixed', async () => {
    const { page, errors } = await openPane();
    await page.setViewportSize({ width: 320, height: 700 });
    /** The field's state and the text of what describes it. */
    const field = (name: string) =>
      page.$eval(`input[name=${name}]`, (e) => ({
        invalid: e.getAttribute('aria-invalid'),
        said: (e.getAttribute('aria-describedby') ?? '')
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(''),
      }));
    await page.fill('input[name=paths]', 'many');
    await page.fill('input[name=seed]', '-1');
    await page.click('#action-mc [data-run=montecarlo]');
    await expect
      .poll(() => field('paths'))
      .toEqual({ invalid: 'true', said: 'paths: pass a whole number between 100 and 1,000,000' });
    // Fixed as typed: the mark and the message go at once, with no run.
    await page.fill('input[name=paths]', '400');
    expect(await field('paths')).toEqual({ invalid: 'false', said: '' });
    await page.click('#action-mc [data-run=montecarlo]');
    await expect
      .poll(() => field('seed'))
      .toEqual({ invalid: 'true', said: 'seed: pass a whole number between 0 and 4,294,967,295' });
    await page.fill('input[name=seed]', '7');
    expect(await field('seed')).toEqual({ invalid: 'false', said: '' });
    // More paths than one frontier call runs for the condor: said at the paths field too.
    await page.fill('input[name=paths]', '1,000,000');
    await page.click('#run-frontier');
    await expect
      .poll(async () => (await field('paths')).said)
      .toMatch(/^Frontier: at most [\d,]+ paths for this condor/);
    expect((await field('paths')).invalid).toBe('true');
    await page.fill('input[name=paths]', '2000');
    expect(await field('paths')).toEqual({ invalid: 'false', said: '' });
    expect(errors).toEqual([]);
  });

  it('marks and focuses the paths field when a run is refused for its paths only once they have run', async () => {
    const { page, errors } = await openPane(`${base}/api`);
    await page.setViewportSize({ width: 320, height: 700 });
    // The API's answer to a frontier whose search is over its limit (found after its paths ran).
    const refusal = errorOf(() => checkFrontierSearch(73e6, 64, { paths: 100_000, pathCount: 100_000 }));
    const problem = problemFromError(refusal, new InvocationContext()).problem;
    expect(problem.field).toBe('paths');
    await page.route('**/api/frontier**', (route) =>
      route.fulfill({ status: 422, contentType: 'application/problem+json', body: JSON.stringify(problem) }),
    );
    await page.fill('input[name=paths]', '100000');
    await page.click('#run-frontier');
    const said = `the cloud API answered 422: ${refusal.message}`;
    await expect.poll(() => page.textContent('#err-paths')).toBe(said);
    expect(await page.getAttribute('input[name=paths]', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('paths');
    expect(await page.textContent('#error-box')).toBe(said);
    // the number it offers clears the mark as it is typed
    await page.fill('input[name=paths]', '29000');
    expect(await page.getAttribute('input[name=paths]', 'aria-invalid')).toBe('false');
    expect(errors).toEqual([]);
  });

  it('shows the most paths and the largest seed whole in their boxes at 320 px', async () => {
    const { page, errors } = await openPane();
    await page.setViewportSize({ width: 320, height: 700 });
    /** How much of the box's text (and the caret after it) is cut off, px: 0 or less when it shows whole. */
    const hidden = (name: string) =>
      page.$eval(`input[name=${name}]`, (e) => {
        const s = getComputedStyle(e);
        const pen = document.createElement('canvas').getContext('2d')!;
        pen.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
        const px = (v: string) => parseFloat(v);
        const room =
          e.getBoundingClientRect().width -
          px(s.paddingLeft) -
          px(s.paddingRight) -
          px(s.borderLeftWidth) -
          px(s.borderRightWidth);
        return pen.measureText((e as HTMLInputElement).value).width + 1 - room;
      });
    for (const paths of ['1000000', '1,000,000']) {
      await page.fill('input[name=paths]', paths);
      expect(await hidden('paths'), paths).toBeLessThanOrEqual(0);
    }
    await page.fill('input[name=seed]', '4294967295');
    expect(await hidden('seed'), 'seed').toBeLessThanOrEqual(0);
    // the run bar's boxes still fit the pane
    expect(await overflow(page), 'overflow').toBe(0);
    expect(errors).toEqual([]);
  });

  it('scrolls each field reached with Tab into view above the sticky run bar', async () => {
    const { page, errors } = await openPane();
    await page.setViewportSize({ width: 320, height: 700 });
    await page.focus('input[name=valuationDate]');
    const hidden: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const seen = await page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        const bar = document.querySelector('.actions')!.getBoundingClientRect();
        if (!e || e.closest('.actions') || e.closest('#plan-form') === null) return null;
        const r = e.getBoundingClientRect();
        return { name: e.getAttribute('name') ?? e.id, bottom: r.bottom, barTop: bar.top };
      });
      if (seen && seen.bottom > seen.barTop + 0.5) hidden.push(`${seen.name}: ${seen.bottom} > ${seen.barTop}`);
    }
    expect(hidden).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('keeps the focus on the run bar: on Cancel while a run runs, back on the run button when it ends', async () => {
    const { page, errors } = await openPane();
    await page.setViewportSize({ width: 320, height: 700 });
    const active = () =>
      page.evaluate(() => {
        const e = document.activeElement;
        return !e || e === document.body ? 'body' : e.id || e.textContent?.trim();
      });
    // The Monte Carlo in the Web Worker: long enough to cancel.
    await page.fill('input[name=paths]', '1,000,000');
    await page.focus('#action-mc [data-run=montecarlo]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#action-mc [data-cancel]:not([hidden])');
    await expect.poll(active).toBe('Cancel');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#action-mc [data-note]')).toBe('Cancelled.');
    await expect.poll(active).toBe('Monte Carlo');
    expect(await page.textContent('#action-mc [data-said]')).toBe('Cancelled.');
    // A run that finishes gives the focus back to its button too.
    await page.fill('input[name=paths]', '400');
    await page.focus('#action-mc [data-run=montecarlo]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#action-mc [data-note]'), { timeout: 30_000 }).toMatch(/^400 paths here/);
    await expect.poll(active).toBe('Monte Carlo');
    // The frontier: the same (within the 135,000 paths its search takes on the example day).
    await page.fill('input[name=paths]', '130,000');
    await page.focus('#run-frontier');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#cancel-frontier:not([hidden])');
    await expect.poll(active).toBe('cancel-frontier');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#frontier-note')).toBe('Cancelled.');
    await expect.poll(active).toBe('run-frontier');
    expect(errors).toEqual([]);
  });
});

describe('taskpane page tabs (Chromium, 320 px)', () => {
  /** WCAG contrast ratio of two `rgb(...)` colours. */
  const contrast = (a: string, b: string): number => {
    const lum = (c: string) => {
      const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
        const s = Number(v) / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
    };
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };
  const look = (page: Page, sel: string) =>
    page.$eval(sel, (e) => {
      const s = getComputedStyle(e);
      return { bg: s.backgroundColor, ink: s.color, under: parseFloat(s.borderBottomWidth) };
    });

  it('shows the selected tab as selected: light on the dark header, the other one clear with light text', async () => {
    const { page, errors } = await openPane();
    await page.setViewportSize({ width: 320, height: 700 });
    const header = await page.$eval('.top', (e) => getComputedStyle(e).backgroundColor);
    for (const [on, off] of [
      ['#tab-plan', '#tab-surface'],
      ['#tab-surface', '#tab-plan'],
    ] as const) {
      await page.click(on);
      expect(await page.getAttribute(on, 'aria-selected')).toBe('true');
      const [sel, other] = [await look(page, on), await look(page, off)];
      // The selected tab stands out from the header and reads on its own background, underlined.
      expect(contrast(sel.bg, header)).toBeGreaterThan(7);
      expect(contrast(sel.ink, sel.bg)).toBeGreaterThan(7);
      expect(sel.under).toBeGreaterThanOrEqual(2);
      // The other one is the header itself: no background of its own, light text on the header.
      expect(other.bg).toBe('rgba(0, 0, 0, 0)');
      expect(contrast(other.ink, header)).toBeGreaterThan(4.5);
      expect(other.under).toBeLessThan(sel.under);
    }
    expect(errors).toEqual([]);
  });
});

describe('taskpane tab panels (Chromium, 350 px)', () => {
  /** Each tab of `list`: its text, accessible name, and the role and labels of the panels it controls. */
  const tabsOf = (page: Page, list: string) =>
    page.$$eval(`${list} [role=tab]`, (tabs) =>
      tabs.map((t) => ({
        id: t.id,
        text: t.textContent?.trim() ?? '',
        label: t.getAttribute('aria-label'),
        panels: (t.getAttribute('aria-controls') ?? '').split(/\s+/).map((id) => {
          const p = document.getElementById(id);
          return { role: p?.getAttribute('role'), by: p?.getAttribute('aria-labelledby')?.split(/\s+/)[0] };
        }),
      })),
    );

  it('names each page tab’s panels after it: Plan inputs, Plan results, the Surface panel', async () => {
    const { page, errors } = await openPane();
    for (const tab of await tabsOf(page, '.page-tabs'))
      for (const panel of tab.panels) expect(panel, tab.id).toEqual({ role: 'tabpanel', by: tab.id });
    expect(await page.getByRole('tabpanel', { name: 'Plan inputs', exact: true }).count()).toBe(1);
    expect(await page.getByRole('tabpanel', { name: 'Plan results', exact: true }).count()).toBe(1);
    await page.click('#tab-surface');
    expect(await page.getByRole('tabpanel', { name: 'Surface', exact: true }).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('names each stress-day tab by the text it shows, then its date; the table is the panel of the one selected', async () => {
    const { page, errors } = await openPane();
    await page.click('#action-stress [data-run=stress]');
    await page.waitForSelector('#stress-result:not([hidden])', { timeout: 60_000 });
    const tabs = await tabsOf(page, '#stress-days');
    expect(tabs.map((t) => t.text)).toEqual(['today', '+7 d', '+21 d']);
    for (const t of tabs) {
      expect(t.label).toMatch(
        new RegExp(`^${t.text.replace('+', '\\+')}, after \\d+ days? \\(\\d{4}-\\d\\d-\\d\\d\\)$`),
      );
      expect(t.panels).toHaveLength(1);
      expect(t.panels[0]!.role).toBe('tabpanel');
    }
    const panelBy = () => page.getAttribute('#stress-panel', 'aria-labelledby');
    expect(await panelBy()).toBe(tabs[0]!.id);
    await page.getByRole('tab', { name: '+7 d' }).click();
    expect(await page.getAttribute(`#${tabs[1]!.id}`, 'aria-selected')).toBe('true');
    expect(await panelBy()).toBe(tabs[1]!.id);
    expect(await page.$eval('#stress-panel', (e) => e.contains(document.getElementById('stress-table')))).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('taskpane plan status for screen readers (Chromium, 320 px)', () => {
  it('announces a one-line summary of the plan, only when it changes, and not the whole plan', async () => {
    const { page, errors } = await openPane();
    await page.setViewportSize({ width: 320, height: 700 });
    // No live region holds the results: the one polite status is a visually hidden line.
    expect(await page.$$eval('#results [aria-live], #results[aria-live]', (es) => es.map((e) => e.id))).toEqual([
      'plan-status',
    ]);
    expect(await page.getAttribute('#plan-status', 'role')).toBe('status');
    expect(await page.$eval('#plan-status', (e) => e.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
    const summary = /^Plan updated: hedge budget \$[\d,]+, \d+ VIX calls?, \d+ calendar overlay units?$/;
    await expect.poll(() => page.textContent('#plan-status')).toMatch(summary);
    const first = await page.textContent('#plan-status');
    // Count what the status and the plan table do from here on.
    await page.evaluate(() => {
      const w = window as unknown as { said: string[]; redrawn: number };
      w.said = [];
      w.redrawn = 0;
      new MutationObserver(() => w.said.push(document.getElementById('plan-status')!.textContent ?? '')).observe(
        document.getElementById('plan-status')!,
        { childList: true, characterData: true, subtree: true },
      );
      new MutationObserver(() => (w.redrawn += 1)).observe(document.querySelector('#plan-table tbody')!, {
        childList: true,
      });
    });
    const seen = () =>
      page.evaluate(() => {
        const w = window as unknown as { said: string[]; redrawn: number };
        return { said: w.said, redrawn: w.redrawn };
      });
    // The same plan again (capital typed grouped): the plan is redrawn, the status says nothing new.
    await page.fill('input[name=capital]', '5,000,000');
    await expect.poll(async () => (await seen()).redrawn).toBeGreaterThan(0);
    expect((await seen()).said).toEqual([]);
    // A field that does not parse: the plan is not updated, and the status says so once.
    await page.fill('input[name=k2]', '3');
    await page.fill('input[name=k2]', '37');
    await expect
      .poll(async () => (await seen()).said)
      .toEqual(['Plan not updated: some inputs need fixing (see the fields marked, or the error above).']);
    await page.fill('input[name=k2]', '3750');
    await expect.poll(async () => (await seen()).said.at(-1)).toBe(first);
    expect((await seen()).said).toHaveLength(2);
    expect(errors).toEqual([]);
  });
});

describe('taskpane frontier (Chromium, 350 px)', () => {
  it('posts the plan input and draws the frontier of a fixed answer, the plan, the literal rule and the plan’s cheapest match marked', async () => {
    posted.length = 0;
    const { page, errors } = await openPane(`${base}/api`);
    await page.click('#run-frontier');
    await page.waitForSelector('#frontier-result:not([hidden])');
    expect(posted.map((p) => p.url)).toEqual(['/api/frontier']);
    const body = posted[0]!.body as { plan: { valuationDate: string }; paths: number; seed: number };
    expect(body.plan.valuationDate).toBe('2025-04-08');
    expect(body.paths).toBe(20_000);
    expect(body.seed).toBe(42);
    const chart = await page.$eval('#frontier-chart svg', (svg) => ({
      dots: svg.querySelectorAll('.frontier-dots circle').length,
      plan: svg.querySelector('.mark-plan text')?.textContent,
      literal: svg.querySelector('.mark-literal text')?.textContent,
      chosen: svg.querySelector('.mark-chosen text')?.textContent,
      x: svg.querySelector('.axes text.label')?.textContent,
    }));
    expect(chart).toEqual({
      dots: 4,
      plan: 'plan',
      literal: 'literal rule',
      chosen: "plan's risk, least cost",
      x: 'Hedge cost before fees (USD)',
    });
    const rows = await page.$$eval('#frontier-table tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')),
    );
    // Losses become P&L: CVaR 95 of the down paths as a negative number; beside each budget what its
    // mix costs (before fees), and the chart's line at those costs, as the marks are at theirs.
    expect(rows[2]).toEqual([
      '$10,000',
      '$9,700',
      '-$39,000',
      '-$31,000',
      '-$38,000',
      '1 overlay + 9 × vix-call-spread',
      // the overlay's actual share of the budget, then the split: the least cap that admits the mix
      '28%',
      '50%',
      '',
    ]);
    expect(rows[4]).toEqual([
      '—',
      '$2,100',
      '-$57,500',
      '-$50,000',
      '-$55,000',
      '3 × vix-call',
      '',
      '',
      'plan as sized; the cheapest mix that does as well costs $1,650 before fees (2 × vix-call-spread)',
    ]);
    expect(rows[5]![8]).toBe('literal rule (uncapped, 37 VIX calls); no mix up to the top budget does as well');
    expect(await page.textContent('#frontier-title')).toBe(
      "20,000 paths, seed 42, real-world measure, model started from today's VIX alone",
    );
    expect(await overflow(page)).toBe(0);
    expect(errors).toEqual([]);
  });

  it('refuses more paths than one frontier call runs for the condor at the paths field, before sending anything', async () => {
    posted.length = 0;
    const { page, errors } = await openPane(`${base}/api`);
    await page.fill('input[name=paths]', '1,000,000');
    await page.click('#run-frontier');
    await expect
      .poll(() => page.textContent('#frontier-note'))
      .toMatch(
        /^Frontier: at most [\d,]+ paths for this condor \(the search for each budget's best mix of hedges[^)]*\); lower the paths/,
      );
    expect(await page.textContent('#frontier-note')).not.toMatch(/firstPath|pathCount|mergeFrontier|chunk/);
    expect(await page.getAttribute('input[name=paths]', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('paths');
    expect(posted).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('clears an earlier run’s error when a run starts', async () => {
    const { page, errors } = await openPane(`${base}/api`);
    await page.fill('input[name=paths]', 'many');
    await page.click('#run-frontier');
    await expect.poll(() => page.textContent('#error-box')).toMatch(/^paths: pass a whole number/);
    // The answer is this file's canned one, whatever the paths; it is awaited up to 90 s, as every
    // page of the file shares one single-process browser.
    await page.fill('input[name=paths]', '2000');
    await page.click('#run-frontier');
    await page.waitForSelector('#frontier-result:not([hidden])', { timeout: 90_000 });
    await expect.poll(() => page.textContent('#frontier-note')).toMatch(/budgets on/);
    expect(await page.isHidden('#error-box')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('with no URL set, runs in the Web Worker and shows the shared frontier() of the same input and seed', async () => {
    posted.length = 0;
    const { page, errors } = await openPane();
    await page.fill('input[name=paths]', '400');
    await page.click('#run-frontier');
    await page.waitForSelector('#frontier-result:not([hidden])');
    expect(posted).toEqual([]); // nothing left the page
    expect(await page.textContent('#frontier-note')).toMatch(/^\d+ budgets here \(Web Worker\)\.$/);
    const raw = planInputFromForm({
      fields: EXAMPLE.fields,
      futures: EXAMPLE.futures,
      policy: {},
      indices: EXAMPLE.indices,
    });
    const f = frontier({ plan: raw, paths: 400, seed: 42 });
    const rows = await page.$$eval('#frontier-table tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')),
    );
    const dollars = (t: string): number => Number(t.replace(/[$,]/g, ''));
    const shown = rows.filter((r) => r[8] === '');
    expect(shown.map((r) => dollars(r[0]!))).toEqual(f.points.map((p) => Math.round(p.budget)));
    expect(shown.map((r) => dollars(r[1]!))).toEqual(f.points.map((p) => Math.round(p.cost)));
    expect(shown.map((r) => dollars(r[2]!))).toEqual(f.points.map((p) => Math.round(-p.cvar95Down)));
    // The plan as sized and the literal rule follow, at what they cost, on the same paths.
    expect(rows.slice(-2).map((r) => [dollars(r[1]!), dollars(r[2]!), r[8]!.split(';')[0]])).toEqual([
      [Math.round(f.plan.cost), Math.round(-f.plan.cvar95Down), 'plan as sized'],
      [
        Math.round(f.rule.cost),
        Math.round(-f.rule.cvar95Down),
        `literal rule (uncapped, ${f.rule.tailContracts} VIX calls)`,
      ],
    ]);
    expect(await page.textContent('#frontier-title')).toContain('400 paths, seed 42');
    expect(errors).toEqual([]);
  });

  it('with no URL set, names a plan the method refuses by its box and marks it, as the Monte Carlo does', async () => {
    posted.length = 0;
    const { page, errors } = await openPane();
    await page.fill('input[name=paths]', '400');
    await page.fill('input[name=credit]', '150');
    await page.click('#run-frontier');
    const said = /^Credit: is 150\.00, at least the wing width 100, so the condor cannot lose; check the strikes/;
    await expect.poll(() => page.textContent('#error-box')).toMatch(said);
    expect(await page.textContent('#error-box')).not.toMatch(/plan\.condor/);
    expect(await page.getAttribute('input[name=credit]', 'aria-invalid')).toBe('true');
    const frontierSaid = await page.textContent('#error-box');
    await page.click('#action-mc [data-run=montecarlo]');
    await expect.poll(() => page.textContent('#error-box')).toBe(frontierSaid);
    expect(posted).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('says so when the host does not offer the route (404)', async () => {
    const { page, errors } = await openPane(`${base}/old`);
    await page.click('#run-frontier');
    await page.waitForFunction(() => /404/.test(document.getElementById('frontier-note')?.textContent ?? ''));
    expect(await page.textContent('#frontier-note')).toMatch(/does not offer the frontier/);
    expect(await page.isVisible('#frontier-result')).toBe(false);
    expect(errors).toEqual([]);
  });
});
