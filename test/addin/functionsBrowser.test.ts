/**
 * The built functions page in a real browser (Chromium through playwright-core, see
 * test/helpers/browser.ts) with the
 * real office.js the build ships: the scripts load without errors, office.js's own
 * `CustomFunctions.associate` receives every id of functions.json, and a function runs there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addinBrowser } from './stubs/addinBrowser';
import { addinDist } from './stubs/customFunctions';

const pane = addinBrowser();

describe('functions.html in chromium', () => {
  it('registers every id with office.js and runs the functions', async () => {
    const page = await pane.browser.newPage();
    const errors: string[] = [];
    const outside: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith(pane.base)) outside.push(r.url());
    });
    await page.goto(`${pane.base}/functions.html`, { waitUntil: 'load' });
    const result = await page.evaluate(() => {
      const w = window as unknown as {
        CustomFunctions: { _association?: { mappings?: Record<string, unknown> } };
        ALVHFunctions: Record<string, (...a: unknown[]) => unknown>;
      };
      const mappings = w.CustomFunctions._association?.mappings ?? {};
      return {
        ids: Object.keys(mappings).filter((k) => typeof mappings[k] === 'function'),
        bs: w.ALVHFunctions['bs']?.('call', 42, 40, 0.5, 0.2, 0.1),
        split: w.ALVHFunctions['split']?.(20, 16),
      };
    });
    const metadata = JSON.parse(readFileSync(join(addinDist, 'functions.json'), 'utf8')) as {
      functions: { id: string }[];
    };
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    expect(result.ids.sort()).toEqual(metadata.functions.map((f) => f.id.toUpperCase()).sort());
    expect(result.bs as number).toBeCloseTo(4.759422392871535, 12);
    expect(result.split).toEqual([[0.6, 0.4]]);
    await page.close();
  });
});
