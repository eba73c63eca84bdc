/**
 * manifest.xml checked without a network: office-addin-manifest's reader (the online validation
 * service is out of reach in CI) plus our own assertions on the XML: every resid resolves, every
 * resource is used, every URL is https on one origin and names a file the build emits, the custom
 * functions namespace is ALVH, and the shared runtime is wired as Office requires.
 */
import { OfficeAddinManifest } from 'office-addin-manifest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addinDist, ensureAddinBuilt, repoRoot } from './stubs/customFunctions';

/** An element as xml2js gives it: attributes under `$`, text under `_`, children by tag name. */
interface XmlNode {
  $?: Record<string, string>;
  _?: string;
  [child: string]: XmlNode[] | Record<string, string> | string | undefined;
}

// xml2js is the parser office-addin-manifest itself uses.
const require = createRequire(join(repoRoot, 'node_modules', 'office-addin-manifest', 'package.json'));
const xml2js = require('xml2js') as {
  parseStringPromise(
    xml: string,
    options?: { explicitChildren?: boolean; preserveChildrenOrder?: boolean },
  ): Promise<unknown>;
};

const manifestPath = join(repoRoot, 'manifest.xml');
const ORIGIN = 'https://localhost:3000';

let root: XmlNode;

beforeAll(async () => {
  ensureAddinBuilt();
  const doc = (await xml2js.parseStringPromise(readFileSync(manifestPath, 'utf8'))) as { OfficeApp: XmlNode };
  root = doc.OfficeApp;
});

function children(node: XmlNode): [string, XmlNode][] {
  const out: [string, XmlNode][] = [];
  for (const [tag, value] of Object.entries(node)) {
    if (tag === '$' || tag === '_' || !Array.isArray(value)) continue;
    for (const child of value) out.push([tag, typeof child === 'string' ? { _: child } : child]);
  }
  return out;
}

/** Every element of the tree with its tag, depth first. */
function walk(node: XmlNode, tag = 'OfficeApp'): [string, XmlNode][] {
  return [[tag, node], ...children(node).flatMap(([t, c]) => walk(c, t))];
}

/** The first element on a path of tags below `node`. */
function at(node: XmlNode, ...path: string[]): XmlNode {
  let cur = node;
  for (const tag of path) {
    const next = children(cur).find(([t]) => t === tag)?.[1];
    if (!next) throw new Error(`no <${tag}> under the path ${path.join(' > ')}`);
    cur = next;
  }
  return cur;
}

function resources(): Map<string, { kind: string; value: string }> {
  const res = at(root, 'VersionOverrides', 'Resources');
  const out = new Map<string, { kind: string; value: string }>();
  for (const [group, node] of children(res)) {
    for (const [, item] of children(node)) {
      const id = item.$?.['id'] ?? '';
      expect(out.has(id), `resource id ${id} defined twice`).toBe(false);
      out.set(id, { kind: group, value: item.$?.['DefaultValue'] ?? '' });
    }
  }
  return out;
}

describe('manifest.xml (offline)', () => {
  it('is read by office-addin-manifest as an Excel taskpane add-in with a stable GUID', async () => {
    const info = await OfficeAddinManifest.readManifestFile(manifestPath);
    expect(info.manifestType).toBe('xml');
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.id).toBe('48beb5f1-93b8-42bf-9260-a601f9863b31');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(info.displayName).toContain('ALVH');
    expect(info.defaultSettings?.sourceLocation).toBe(`${ORIGIN}/taskpane.html`);
    expect(info.iconUrl).toBe(`${ORIGIN}/assets/icon-32.png`);
    expect(info.highResolutionIconUrl).toBe(`${ORIGIN}/assets/icon-64.png`);
    expect(info.permissions).toBe('ReadWriteDocument');
  });

  it('resolves every resid, uses every resource and keeps strings within Office limits', () => {
    const res = resources();
    const referenced = new Set(
      walk(root)
        .map(([, n]) => n.$?.['resid'])
        .filter((r): r is string => r !== undefined),
    );
    for (const resid of referenced) expect(res.has(resid), `resid ${resid} is defined`).toBe(true);
    for (const id of res.keys()) expect(referenced.has(id), `resource ${id} is used`).toBe(true);
    for (const [id, { kind, value }] of res) {
      if (kind === 'bt:ShortStrings') expect(value.length, id).toBeLessThanOrEqual(125);
      if (kind === 'bt:LongStrings') expect(value.length, id).toBeLessThanOrEqual(250);
      expect(value.length, id).toBeGreaterThan(0);
    }
  });

  it('points every URL at https on one origin, at a file the build emits', () => {
    const urls = walk(root).flatMap(([, n]) => [
      // every attribute but the XML namespace declarations
      ...Object.entries(n.$ ?? {})
        .filter(([k, v]) => !k.startsWith('xmlns') && /^[a-z]+:\/\//i.test(v))
        .map(([, v]) => v),
      ...(n._ && /^https?:/i.test(n._.trim()) ? [n._.trim()] : []),
    ]);
    expect(urls.length).toBeGreaterThanOrEqual(9);
    for (const raw of urls) {
      const url = new URL(raw);
      expect(url.protocol, raw).toBe('https:');
      expect(url.origin, raw).toBe(ORIGIN);
      const file = join(addinDist, decodeURIComponent(url.pathname));
      expect(existsSync(file), `${raw} → addin/dist${url.pathname}`).toBe(true);
    }
  });

  it('declares the ALVH custom functions on the shared runtime', () => {
    const res = resources();
    const value = (resid: string | undefined) => res.get(resid ?? '')?.value;
    const workbook = at(root, 'VersionOverrides', 'Hosts', 'Host');
    expect(workbook.$?.['xsi:type']).toBe('Workbook');

    const runtime = at(workbook, 'Runtimes', 'Runtime');
    expect(runtime.$?.['lifetime']).toBe('long');
    expect(value(runtime.$?.['resid'])).toBe(`${ORIGIN}/taskpane.html`);

    const cf = children(at(workbook, 'AllFormFactors')).find(([, n]) => n.$?.['xsi:type'] === 'CustomFunctions')?.[1];
    if (!cf) throw new Error('no CustomFunctions extension point');
    expect(value(at(cf, 'Script', 'SourceLocation').$?.['resid'])).toBe(`${ORIGIN}/functions.js`);
    expect(value(at(cf, 'Page', 'SourceLocation').$?.['resid'])).toBe(`${ORIGIN}/taskpane.html`);
    expect(value(at(cf, 'Metadata', 'SourceLocation').$?.['resid'])).toBe(`${ORIGIN}/functions.json`);
    const namespace = value(at(cf, 'Namespace').$?.['resid']);
    expect(namespace).toBe('ALVH');
    expect(namespace?.length).toBeLessThanOrEqual(32);

    expect(value(at(workbook, 'DesktopFormFactor', 'FunctionFile').$?.['resid'])).toBe(`${ORIGIN}/taskpane.html`);
    const sets = children(at(root, 'Requirements', 'Sets')).map(([, n]) => n.$ ?? {});
    expect(sets).toContainEqual({ Name: 'SharedRuntime', MinVersion: '1.1' });
  });

  it('has a ribbon button that opens the taskpane', () => {
    const button = walk(root).find(([t, n]) => t === 'Control' && n.$?.['xsi:type'] === 'Button')?.[1];
    if (!button) throw new Error('no ribbon button');
    const action = at(button, 'Action');
    expect(action.$?.['xsi:type']).toBe('ShowTaskpane');
    expect(resources().get(at(action, 'SourceLocation').$?.['resid'] ?? '')?.value).toBe(`${ORIGIN}/taskpane.html`);
    const sizes = children(at(button, 'Icon')).map(([, n]) => n.$?.['size']);
    expect(sizes).toEqual(['16', '32', '80']);
  });

  it('promises in its tooltip only the runs the taskpane has', () => {
    const manifest = readFileSync(manifestPath, 'utf8');
    const tooltip = /id="TaskpaneButton.Tooltip" DefaultValue="([^"]*)"/.exec(manifest)?.[1] ?? '';
    const html = readFileSync(join(addinDist, 'taskpane.html'), 'utf8');
    const runs = [...html.matchAll(/data-run="([a-z]+)"/g)].map((m) => m[1]);
    expect(runs).toEqual(expect.arrayContaining(['plan', 'stress', 'montecarlo']));
    for (const [word, run] of [
      ['plan', 'plan'],
      ['stress', 'stress'],
      ['Monte Carlo', 'montecarlo'],
      ['replay', 'replay'],
    ] as const)
      if (tooltip.includes(word)) expect(runs, `the tooltip names ${word}`).toContain(run);
  });

  it('serves a shared-runtime page that loads office.js, then functions.js, then taskpane.js', () => {
    const html = readFileSync(join(addinDist, 'taskpane.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
    const order = ['office.js', 'functions.js', 'taskpane.js'].map((s) => scripts.indexOf(s));
    expect(
      order.every((i) => i >= 0),
      `scripts: ${scripts.join(', ')}`,
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const fnPage = readFileSync(join(addinDist, 'functions.html'), 'utf8');
    expect([...fnPage.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'office.js',
      'functions.js',
    ]);
  });

  it('ships PNG icons of the sizes the manifest names', () => {
    for (const size of [16, 32, 64, 80]) {
      const png = readFileSync(join(addinDist, 'assets', `icon-${size}.png`));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(size);
      expect(png.readUInt32BE(20)).toBe(size);
    }
  });
});
