/**
 * `npm run addin:production` (addin/scripts/production.mjs): from the development manifest and
 * the built addin/dist, on https://localhost:3000, it writes copies on the origin that will serve
 * the add-in. Every manifest URL and every help link moves to that origin and names a file of the
 * copied folder, source maps stay behind, and the development files are left as they were.
 */
import { OfficeAddinManifest } from 'office-addin-manifest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ORIGIN, productionManifest, productionOrigin, writeProduction } from '../../addin/scripts/production.mjs';
import { addinDist, ensureAddinBuilt, repoRoot } from './stubs/customFunctions';

const ORIGIN = 'https://addin.contoso.example';
let scratch: string;
let out: string;

beforeAll(() => {
  ensureAddinBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'alvh-production-'));
  out = writeProduction(repoRoot, ORIGIN, join(scratch, 'production'));
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Every file below `dir`, as paths relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describe('ADDIN_ORIGIN', () => {
  it.each([
    ['https://addin.contoso.example', ORIGIN],
    [' https://addin.contoso.example/ ', ORIGIN],
    ['https://addin.contoso.example:8443', 'https://addin.contoso.example:8443'],
  ])('%j is the origin %s', (raw, origin) => {
    expect(productionOrigin(raw)).toBe(origin);
  });

  it.each([
    undefined,
    '',
    'addin.contoso.example',
    'http://addin.contoso.example',
    'https://addin.contoso.example/alvh',
    'https://addin.contoso.example?x=1',
    'https://user@addin.contoso.example',
  ])('%j is refused naming ADDIN_ORIGIN', (raw) => {
    expect(() => productionOrigin(raw)).toThrow(/^ADDIN_ORIGIN is .*set it to the https origin/);
  });

  it('the development origin is refused: manifest.xml already names it', () => {
    expect(() => productionOrigin(DEV_ORIGIN)).toThrow(/development origin/);
  });
});

describe('the production copy', () => {
  it('is read by office-addin-manifest as the same add-in, served from the new origin', async () => {
    const dev = await OfficeAddinManifest.readManifestFile(join(repoRoot, 'manifest.xml'));
    const info = await OfficeAddinManifest.readManifestFile(join(out, 'manifest.xml'));
    expect(info.id).toBe(dev.id);
    expect(info.defaultSettings?.sourceLocation).toBe(`${ORIGIN}/taskpane.html`);
    expect(info.iconUrl).toBe(`${ORIGIN}/assets/icon-32.png`);
  });

  it('names every URL on the new origin, each a file of the copied folder', () => {
    const xml = readFileSync(join(out, 'manifest.xml'), 'utf8');
    expect(xml).not.toContain('localhost');
    const urls = [...xml.matchAll(/DefaultValue="(https?:\/\/[^"]*)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) {
      expect(url.startsWith(`${ORIGIN}/`), url).toBe(true);
      expect(existsSync(join(out, 'addin', new URL(url).pathname)), url).toBe(true);
    }
  });

  it("moves every function's help link to the new origin", () => {
    const { functions } = JSON.parse(readFileSync(join(out, 'addin', 'functions.json'), 'utf8')) as {
      functions: { id: string; helpUrl: string }[];
    };
    expect(functions.length).toBeGreaterThan(0);
    for (const f of functions) expect(f.helpUrl).toBe(`${ORIGIN}/help.html#${f.id}`);
  });

  it('copies addin/dist without its source maps, and leaves the development files as they were', () => {
    const copied = files(join(out, 'addin'));
    expect(copied.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(copied.sort()).toEqual(
      files(addinDist)
        .filter((f) => !f.endsWith('.map'))
        .sort(),
    );
    expect(readFileSync(join(addinDist, 'functions.json'), 'utf8')).toContain(`${DEV_ORIGIN}/help.html#`);
    expect(readFileSync(join(repoRoot, 'manifest.xml'), 'utf8')).not.toContain(ORIGIN);
  });

  it('refuses a manifest with a URL off the development origin, which it would leave behind', () => {
    const xml = readFileSync(join(repoRoot, 'manifest.xml'), 'utf8').replace(
      `${DEV_ORIGIN}/help.html`,
      'https://elsewhere.example/help.html',
    );
    expect(() => productionManifest(xml, ORIGIN)).toThrow(/URLs off https:\/\/localhost:3000: https:\/\/elsewhere/);
  });
});
