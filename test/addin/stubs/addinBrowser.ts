/**
 * The add-in's built pages served here and a Chromium to open them (test/helpers/browser.ts), for
 * the tests of one file: started before them, closed after. Pages stay open until the browser
 * closes (the packaged Chromium runs as one process).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../helpers/browser';
import { startAddinServer, type AddinServer } from './addinServer';

export interface AddinBrowser {
  /** The server's origin, e.g. http://127.0.0.1:40123. */
  readonly base: string;
  readonly browser: Browser;
  /**
   * The taskpane at 350 px wide, running here (no cloud URL: saved settings cleared), its example
   * plan shown, with the page errors it throws; its clock installed at `clock` when given.
   */
  openTaskpane(clock?: Date): Promise<{ page: Page; errors: string[] }>;
}

/** Registers the file's beforeAll and afterAll; read `base` and `browser` inside its tests. */
export function addinBrowser(): AddinBrowser {
  let server: AddinServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startAddinServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(x: T | undefined, what: string): T => {
    if (x === undefined) throw new Error(`the ${what} is not started: read it inside a test`);
    return x;
  };
  return {
    async openTaskpane(clock?: Date) {
      const page = await this.browser.newPage({ viewport: { width: 350, height: 900 } });
      if (clock) await page.clock.install({ time: clock });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(() => {
        if (window.top === window) {
          localStorage.removeItem('alvh.settings');
          localStorage.removeItem('alvh.form'); // the pages of one browser share storage here
        }
      });
      await page.goto(`${this.base}/taskpane.html`, { waitUntil: 'load' });
      await page.waitForSelector('#plan-result:not([hidden])');
      return { page, errors };
    },
    get base() {
      return started(server, 'add-in server').base;
    },
    get browser() {
      return started(browser, 'browser');
    },
  };
}
