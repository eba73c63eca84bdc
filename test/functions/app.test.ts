/**
 * The Azure entry registers every row of the route table with app.http — the same handlers, the
 * route below /api, the row's auth level — and nothing else.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeLocalSettings } from '../../functions/scripts/localSettings.mjs';
import { checkConfig } from '../../functions/src/config';

const registered: { name: string; options: Record<string, unknown> }[] = [];
const calls: string[] = [];
const setups: unknown[] = [];
vi.mock('@azure/functions', async (importOriginal) => {
  const lib = await importOriginal<typeof import('@azure/functions')>();
  return {
    ...lib,
    app: {
      ...lib.app,
      setup: (options: unknown) => {
        calls.push('setup');
        setups.push(options);
      },
      http: (name: string, options: Record<string, unknown>) => {
        calls.push('http');
        registered.push({ name, options });
      },
    },
  };
});

describe('functions/src/app.ts', () => {
  it('registers each route once with its handler, route and auth level', async () => {
    await import('../../functions/src/app');
    const { routes } = await import('../../functions/src/routes');
    expect(registered.map((r) => r.name)).toEqual(routes.map((r) => r.name));
    for (const r of routes) {
      const reg = registered.find((x) => x.name === r.name)!;
      expect(reg.options.route).toBe(r.route);
      expect(reg.options.authLevel).toBe(r.authLevel);
      expect(reg.options.handler).toBe(r.handler);
      expect(reg.options.methods).toContain(r.method);
      expect(reg.options.methods).not.toContain('OPTIONS');
    }
  });

  it('turns HTTP streams on once, before the first route (the runtime refuses it after)', async () => {
    await import('../../functions/src/app');
    expect(setups).toEqual([{ enableHttpStream: true }]);
    expect(calls[0]).toBe('setup');
    expect(calls.filter((c) => c === 'setup')).toHaveLength(1);
  });

  it('fails to load, naming the setting, when an app setting is out of its range', async () => {
    vi.resetModules();
    vi.stubEnv('ALVH_JOB_TIMEOUT_MS', '900000');
    try {
      await expect(import('../../functions/src/app')).rejects.toThrow(
        'ALVH_JOB_TIMEOUT_MS is "900000": set it to a whole number of milliseconds from 1 to 600,000',
      );
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});

describe('Azure project files', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON files read field by field
  type Json = Record<string, any>;
  const read = (p: string): Json =>
    JSON.parse(readFileSync(new URL(`../../functions/${p}`, import.meta.url), 'utf8')) as Json;

  it('host.json is version 2.0 with the /api prefix the routes assume', () => {
    const host = read('host.json');
    expect(host.version).toBe('2.0');
    expect(host.extensions.http.routePrefix).toBe('api');
  });

  it('package.json points the runtime at dist/app.js', () => {
    expect(read('package.json').main).toBe('dist/app.js');
  });

  it('local.settings.example.json runs node with CORS for the add-in origin', () => {
    const s = read('local.settings.example.json');
    expect(s.Values.FUNCTIONS_WORKER_RUNTIME).toBe('node');
    expect(s.Host.CORS).toBe('https://localhost:3000');
  });

  it('git ignores local.settings.json, where Core Tools keeps connection strings, wherever it is', () => {
    const rules = readFileSync('.gitignore', 'utf8')
      .split('\n')
      .map((l) => l.trim());
    expect(rules).toContain('local.settings.json');
  });

  it('the settings templates hold only ALVH_ settings the Azure app reads (CORS is Host.CORS there)', () => {
    const readByApp = new Set<string>();
    checkConfig(
      new Proxy({} as NodeJS.ProcessEnv, {
        get: (_env, name) => {
          readByApp.add(String(name));
          return undefined;
        },
      }),
    );
    if (!existsSync('functions/dist/azure/local.settings.json.example'))
      execFileSync(process.execPath, ['functions/build.mjs'], { stdio: 'ignore' });
    const templates = [
      read('local.settings.example.json'),
      JSON.parse(readFileSync('functions/dist/azure/local.settings.json.example', 'utf8')) as { Values: object },
    ];
    for (const t of templates) {
      const alvh = Object.keys(t.Values).filter((k) => k.startsWith('ALVH_'));
      expect(alvh).toContain('ALVH_MAX_BODY_BYTES');
      expect(alvh.filter((k) => !readByApp.has(k))).toEqual([]);
    }
  });

  it('the build emits the hosts, the worker and a deployable folder', () => {
    if (!existsSync('functions/dist/azure/local.settings.json'))
      execFileSync(process.execPath, ['functions/build.mjs'], { stdio: 'ignore' });
    for (const f of [
      'localHost.js',
      'app.js',
      'computeWorker.cjs',
      'azure/app.js',
      'azure/computeWorker.cjs',
      'azure/host.json',
      'azure/local.settings.json.example',
    ]) {
      expect(existsSync(`functions/dist/${f}`), f).toBe(true);
    }
    // No source maps in what is deployed.
    expect(existsSync('functions/dist/azure/app.js.map')).toBe(false);
    const settings = JSON.parse(readFileSync('functions/dist/azure/local.settings.json.example', 'utf8')) as {
      Values: { FUNCTIONS_WORKER_RUNTIME: string };
    };
    expect(settings.Values.FUNCTIONS_WORKER_RUNTIME).toBe('node');
    // Core Tools reads the worker runtime from local.settings.json: without it publish stops with
    // "Can't determine project language from files".
    const local = JSON.parse(readFileSync('functions/dist/azure/local.settings.json', 'utf8')) as {
      Values: { FUNCTIONS_WORKER_RUNTIME: string };
    };
    expect(local.Values.FUNCTIONS_WORKER_RUNTIME).toBe('node');
    const pkg = JSON.parse(readFileSync('functions/dist/azure/package.json', 'utf8')) as {
      main: string;
      dependencies: object;
    };
    expect(pkg.main).toBe('app.js');
    expect(Object.keys(pkg.dependencies)).toEqual(['@azure/functions']);
    // Every file the folder holds beyond what the app runs on is left out of the upload by name.
    const ignored = readFileSync('functions/dist/azure/.funcignore', 'utf8').split('\n');
    const runs = ['app.js', 'computeWorker.cjs', 'host.json', 'package.json', 'package-lock.json', 'node_modules'];
    const extra = readdirSync('functions/dist/azure').filter((f) => !runs.includes(f) && f !== '.funcignore');
    expect(extra).toContain('local.settings.json.example');
    expect(extra).toContain('local.settings.json');
    for (const f of extra) expect(ignored, f).toContain(f);
  });

  it('local.settings.json is written when absent and an edited one is kept, with a warning if it lacks node', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alvh-settings-'));
    const file = join(dir, 'local.settings.json');
    const template = readFileSync('functions/local.settings.example.json', 'utf8');
    try {
      expect(writeLocalSettings(dir, template)).toBeUndefined();
      expect(readFileSync(file, 'utf8')).toBe(template);
      const edited = JSON.stringify({ Values: { FUNCTIONS_WORKER_RUNTIME: 'node', ALVH_MAX_BODY_BYTES: '1024' } });
      writeFileSync(file, edited);
      expect(writeLocalSettings(dir, template)).toBeUndefined();
      expect(readFileSync(file, 'utf8')).toBe(edited);
      writeFileSync(file, JSON.stringify({ Values: {} }));
      expect(writeLocalSettings(dir, template)).toContain('FUNCTIONS_WORKER_RUNTIME to "node"');
      expect(readFileSync(file, 'utf8')).toBe(JSON.stringify({ Values: {} }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('README and docs/deploy.md publish the built folder with the same command', () => {
    const command = 'cd functions/dist/azure && npm install --omit=dev && func azure functionapp publish <APP>';
    for (const doc of ['README.md', 'docs/deploy.md']) {
      const lines = readFileSync(doc, 'utf8')
        .split('\n')
        .filter((l) => l.includes('functionapp publish'));
      expect(lines, doc).toEqual([command]);
    }
  });

  it('docs/deploy.md has the taskpane given a host key, which opens every route, not one function key', () => {
    const deploy = readFileSync('docs/deploy.md', 'utf8');
    expect(deploy).not.toMatch(/function keys list/);
    expect(deploy).toContain('az functionapp keys set --resource-group alvh-rg --name <APP> --key-type functionKeys');
  });
});
