// Builds the HTTP hosts into functions/dist with esbuild (node 20, ESM):
//   dist/localHost.js      the local host `npm start` runs (everything bundled; runs from the checkout)
//   dist/app.js            the Azure Functions entry (package.json "main"); @azure/functions stays external
//   dist/computeWorker.cjs the worker-thread script of the compute pool, when src/compute/worker.ts exists
//                          (CommonJS: the Monte Carlo path loop runs about a fifth faster than as an ES module)
// and a self-contained deployment folder dist/azure/ (host.json, package.json, app.js, computeWorker.cjs,
// local.settings.json.example, and local.settings.json when absent; no source maps).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLocalSettings } from './scripts/localSettings.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, 'dist');
// Files are overwritten in place (no clean step), so a host or test running from dist/ never
// finds its files missing while a build runs.
mkdirSync(dist, { recursive: true });

// Bundled CommonJS packages call require(); give the ESM bundle a real one.
const banner = {
  js: "import { createRequire as __alvhCreateRequire } from 'node:module'; const require = __alvhCreateRequire(import.meta.url);",
};
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  banner,
  // Provided by the Azure Functions worker at run time; never a package on disk.
  external: ['@azure/functions-core'],
};

// The JSON schemas of the 200 answers, from the result types (read by the OpenAPI document).
execFileSync(process.execPath, [resolve(here, 'scripts/resultSchemas.mjs')], { stdio: 'inherit' });

const entries = [
  { in: 'src/localHost.ts', out: 'localHost.js', external: [] },
  { in: 'src/app.ts', out: 'app.js', external: ['@azure/functions'] },
];
const worker = resolve(here, 'src/compute/worker.ts');
if (existsSync(worker))
  entries.push({ in: 'src/compute/worker.ts', out: 'computeWorker.cjs', external: [], format: 'cjs' });

/** Write through a temporary name and rename, so a reader sees the old file or the new one, never half. */
function writeAtomic(path, contents) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

for (const e of entries) {
  const out = await build({
    ...common,
    entryPoints: [resolve(here, e.in)],
    outfile: resolve(dist, e.out),
    external: [...common.external, ...e.external],
    ...(e.format === 'cjs' ? { format: 'cjs', banner: {} } : {}),
    write: false,
  });
  for (const f of out.outputFiles) writeAtomic(f.path, f.contents);
}

// dist/azure: what `func azure functionapp publish` (or a zip deploy) needs, without the workspace.
// Outputs of earlier layouts (the worker used to be an ES module) must not linger in dist/ or ship.
for (const stale of ['computeWorker.js', 'computeWorker.js.map', 'azure/computeWorker.js'])
  rmSync(resolve(dist, stale), { force: true });

const pkg = JSON.parse(readFileSync(resolve(here, 'package.json'), 'utf8'));
const azure = resolve(dist, 'azure');
mkdirSync(azure, { recursive: true });
for (const f of ['app.js', 'computeWorker.cjs'])
  if (existsSync(resolve(dist, f))) writeAtomic(resolve(azure, f), readFileSync(resolve(dist, f)));
writeAtomic(resolve(azure, 'host.json'), readFileSync(resolve(here, 'host.json')));
writeAtomic(resolve(azure, '.funcignore'), readFileSync(resolve(here, '.funcignore')));
// Settings for Core Tools in this folder (never published): the template, and local.settings.json
// from it unless one exists. Publish reads FUNCTIONS_WORKER_RUNTIME there to know the app is Node.
const settings = readFileSync(resolve(here, 'local.settings.example.json'));
writeAtomic(resolve(azure, 'local.settings.json.example'), settings);
const settingsWarning = writeLocalSettings(azure, settings);
if (settingsWarning) console.warn(`functions: ${settingsWarning}`);
writeAtomic(
  resolve(azure, 'package.json'),
  JSON.stringify(
    {
      name: pkg.name.replace('@alvh/', 'alvh-'),
      version: pkg.version,
      private: true,
      type: 'module',
      main: 'app.js',
      engines: { node: '>=20' },
      dependencies: { '@azure/functions': pkg.dependencies['@azure/functions'] },
    },
    null,
    2,
  ) + '\n',
);
console.log(`functions: built ${entries.map((e) => e.out).join(', ')} and dist/azure/`);
