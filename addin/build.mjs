// Builds the Excel add-in into addin/dist, everything the manifest and the local host serve:
//   functions.js    classic script (iife) of src/functions/functions.ts (which re-exports the
//                   functions of every subject file) that registers every custom function with
//                   CustomFunctions.associate(id, fn)
//   functions.json  custom functions metadata generated from the JSDoc @customfunction tags of
//                   every file in src/functions
//   functions.html  page that loads office.js and functions.js
//   taskpane.html, taskpane.css, taskpane.js, mcWorker.js   the taskpane (shared runtime: its page
//                   loads office.js, functions.js and taskpane.js)
//   help.html       the functions' reference (from the metadata), the manifest's support page
//   office.js (+ the Excel host scripts and locale strings it loads next to itself)
//   assets/icon-{16,32,64,80}.png
// Every step fails loudly: a metadata error, a missing output or an unregistered id stops the build.
import { build } from 'esbuild';
import cfm from 'custom-functions-metadata';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { ICON_SIZES, pngIcon } from './assets/icons.mjs';

const addin = dirname(fileURLToPath(import.meta.url));
const root = resolve(addin, '..');
const src = join(addin, 'src');
const finalDist = join(addin, 'dist');
// Build beside dist and swap at the end, so that a reader never sees a half-written folder.
const out = join(addin, `.dist-${process.pid}`);

/** Global name of the functions bundle's exports inside functions.js. */
const FUNCTIONS_GLOBAL = 'ALVHFunctions';

function fail(message) {
  rmSync(out, { recursive: true, force: true });
  console.error(`addin build failed: ${message}`);
  process.exit(1);
}

const common = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  sourcemap: true,
  minify: true,
  keepNames: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

async function bundle(entry, outfile, extra = {}) {
  try {
    await build({ ...common, entryPoints: [entry], outfile, ...extra });
  } catch (e) {
    fail(`esbuild could not bundle ${relative(root, entry)}: ${e.message}`);
  }
}

/** Longest function description (with its "Returns: …") written to functions.json. */
const MAX_DESCRIPTION = 500;
/**
 * Longest argument help: 255 characters is what Excel keeps of an argument's help for its own
 * registered functions, and about what the Function Arguments dialog shows without scrolling.
 */
const MAX_PARAMETER_DESCRIPTION = 255;

/** Each `@customfunction ID` JSDoc block of `files`: its id and its text without the comment's stars. */
function* customFunctionBlocks(files) {
  for (const file of files) {
    for (const [, block] of readFileSync(file, 'utf8').matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
      const text = block.replace(/^[ \t]*\* ?/gm, '');
      const id = /@customfunction\s+(\S+)/.exec(text)?.[1];
      if (id !== undefined) yield { id, text };
    }
  }
}

/** The @returns text of every `@customfunction ID` JSDoc block in `files`, by id, on one line. */
function returnsById(files) {
  const byId = new Map();
  for (const { id, text } of customFunctionBlocks(files)) {
    const ret = /@returns?\s+([\s\S]*?)(?=\n@|$)/.exec(text)?.[1];
    if (ret !== undefined) byId.set(id, ret.replace(/\s+/g, ' ').trim());
  }
  return byId;
}

/**
 * The `@detail <param> <text>` lines of every `@customfunction ID` JSDoc block, by id then
 * parameter: what an argument's help (kept short for Excel's dialog) leaves out, shown on help.html.
 */
function detailsById(files) {
  const byId = new Map();
  for (const { id, text } of customFunctionBlocks(files)) {
    const details = new Map();
    for (const [, name, detail] of text.matchAll(/@detail\s+(\S+)\s+([\s\S]*?)(?=\n@|$)/g)) {
      details.set(name.replace(/^\[|\]$/g, ''), detail.replace(/\s+/g, ' ').trim());
    }
    if (details.size > 0) byId.set(id, details);
  }
  return byId;
}

// ---------------------------------------------------------------------------------------------
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });
const notes = [];
let functionList = [];
/** The `@detail` texts, by function id and parameter (see detailsById). */
let details = new Map();
/** A parameter's `@detail` on help.html, after its argument help. */
const detailHtml = (id, name) => {
  const detail = details.get(id)?.get(name);
  return detail === undefined ? '' : `<br />${escapeHtml(detail)}`;
};

const escapeHtml = (s) =>
  String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

// 1. Custom functions: metadata from JSDoc, then the classic-script bundle with its associate calls.
const functionsTs = join(src, 'functions', 'functions.ts');
if (!existsSync(functionsTs)) {
  notes.push('src/functions/functions.ts is absent: no functions.js/functions.json emitted');
} else {
  const { generateCustomFunctionsMetadata } = cfm;
  // Every subject file (pricing, market, signals, ...) that declares a @customfunction.
  const functionsDir = join(src, 'functions');
  const sources = readdirSync(functionsDir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => join(functionsDir, name))
    .filter((file) => /@customfunction\b/.test(readFileSync(file, 'utf8')))
    .sort();
  if (sources.length === 0) fail('no file in src/functions declares a @customfunction');
  const result = await generateCustomFunctionsMetadata(sources, false);
  if (result.errors.length > 0) fail(`custom functions metadata:\n  ${result.errors.join('\n  ')}`);
  let metadata;
  try {
    metadata = JSON.parse(result.metadataJson);
  } catch {
    fail('custom functions metadata is not JSON (the generator wrote nothing usable)');
  }
  const functions = metadata?.functions ?? [];
  if (functions.length === 0) fail('custom functions metadata lists no functions; check the @customfunction tags');
  if (result.associate.length !== functions.length) {
    fail(`metadata lists ${functions.length} functions but the generator associates ${result.associate.length}`);
  }
  // Every function's help link (@helpurl) opens its own entry of help.html on the manifest's origin.
  const origin = /<SourceLocation DefaultValue="(https?:\/\/[^/"]+)\//.exec(
    readFileSync(join(root, 'manifest.xml'), 'utf8'),
  )?.[1];
  if (!origin) fail('manifest.xml has no SourceLocation URL to check the help links against');
  const badHelp = functions
    .filter((f) => f.helpUrl !== `${origin}/help.html#${f.id}`)
    .map((f) => `${f.id} (${f.helpUrl ?? 'no @helpurl'})`);
  if (badHelp.length > 0) fail(`@helpurl must be ${origin}/help.html#<ID>; not so for: ${badHelp.join(', ')}`);
  // What comes back (the JSDoc @returns: columns, units) reaches neither the generated metadata nor
  // the page; the build appends it to each description, which Excel's formula helper shows.
  const returns = returnsById(sources);
  details = detailsById(sources);
  for (const [id, byName] of details) {
    const names = new Set((functions.find((f) => f.id === id)?.parameters ?? []).map((p) => p.name));
    const stray = [...byName.keys()].filter((name) => !names.has(name));
    if (stray.length > 0) fail(`${id}: @detail names no parameter of the function: ${stray.join(', ')}`);
  }
  const noReturns = functions.filter((f) => !returns.has(f.id)).map((f) => f.id);
  if (noReturns.length > 0) fail(`every custom function needs a @returns text; missing for: ${noReturns.join(', ')}`);
  for (const f of functions) {
    f.description = `${f.description ?? ''} Returns: ${returns.get(f.id)}`.trim();
    if (f.description.length > MAX_DESCRIPTION) {
      fail(
        `${f.id}: description and @returns are ${f.description.length} characters; keep them under ${MAX_DESCRIPTION}`,
      );
    }
    for (const p of f.parameters ?? []) {
      if ((p.description ?? '').length > MAX_PARAMETER_DESCRIPTION) {
        fail(
          `${f.id}: @param ${p.name} is ${p.description.length} characters; keep it to ${MAX_PARAMETER_DESCRIPTION}`,
        );
      }
    }
  }
  // Excel passes an error cell inside a range to the function instead of answering for it (the range
  // readers name one they read; one in a column not read is no fault). The generator does not write
  // this flag; a single-value argument's error still passes through (withInputErrors, below).
  metadata.allowErrorForDataTypeAny = true;
  writeFileSync(join(out, 'functions.json'), JSON.stringify(metadata, null, 2) + '\n');
  functionList = functions;

  // Each function registered behind withInputErrors, given the place, name and shape of each
  // argument: an error value in a single value, or a range of one cell, passes through as Excel's own
  // functions pass it.
  const associateCalls = result.associate
    .map(({ id, functionName }) => {
      const places = (functions.find((f) => f.id === id)?.parameters ?? []).map((p, i) => [
        i,
        p.name,
        p.dimensionality === 'matrix',
      ]);
      const wrapped = `${FUNCTIONS_GLOBAL}.withInputErrors(${FUNCTIONS_GLOBAL}.${functionName}, ${JSON.stringify(places)})`;
      return `  CustomFunctions.associate(${JSON.stringify(id)}, ${wrapped});`;
    })
    .join('\n');
  await bundle(functionsTs, join(out, 'functions.js'), {
    globalName: FUNCTIONS_GLOBAL,
    footer: {
      js: `if (typeof CustomFunctions !== "undefined") {\n${associateCalls}\n}`,
    },
  });

  // Load the bundle as Excel's runtime would and check that every id reaches a function.
  const registered = new Map();
  const sandbox = {
    CustomFunctions: {
      associate: (id, fn) => {
        if (typeof fn !== 'function') fail(`CustomFunctions.associate(${id}) received ${typeof fn}, not a function`);
        registered.set(id, fn);
      },
    },
  };
  try {
    vm.runInNewContext(readFileSync(join(out, 'functions.js'), 'utf8'), sandbox, { filename: 'functions.js' });
  } catch (e) {
    fail(`functions.js throws when loaded: ${e.message}`);
  }
  const missing = functions.map((f) => f.id).filter((id) => !registered.has(id));
  if (missing.length > 0) fail(`functions.js does not register: ${missing.join(', ')}`);

  writeFileSync(
    join(out, 'functions.html'),
    [
      '<!doctype html>',
      '<html lang="en">',
      '  <head>',
      '    <meta charset="utf-8" />',
      '    <meta http-equiv="X-UA-Compatible" content="IE=Edge" />',
      '    <title>ALVH custom functions</title>',
      '    <script src="office.js"></script>',
      '    <script src="functions.js"></script>',
      '  </head>',
      '  <body></body>',
      '</html>',
      '',
    ].join('\n'),
  );
}

// The reference page: every function with its arguments, from the metadata Excel shows.
const reference = functionList
  .map((f) => {
    const params = (f.parameters ?? [])
      .map(
        (p) =>
          `<li><code>${escapeHtml(p.name)}</code>${p.optional ? ' (optional)' : ''}: ${escapeHtml(p.description ?? '')}${detailHtml(f.id, p.name)}</li>`,
      )
      .join('');
    const sig = (f.parameters ?? []).map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ');
    // The description ends with "Returns: …" (the @returns text, added above): shown after the arguments.
    const at = (f.description ?? '').lastIndexOf(' Returns: ');
    const about = at < 0 ? (f.description ?? '') : f.description.slice(0, at);
    const result = at < 0 ? '' : f.description.slice(at + ' Returns: '.length);
    const shape = f.result?.dimensionality === 'matrix' ? 'a spilled range' : 'one value';
    return `<h2 id="${escapeHtml(f.id)}">ALVH.${escapeHtml(f.name)}(${escapeHtml(sig)})</h2>\n<p>${escapeHtml(about)}</p>\n<ul>${params}</ul>\n<p>Returns (${shape}): ${escapeHtml(result)}</p>`;
  })
  .join('\n');
writeFileSync(
  join(out, 'help.html'),
  `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8" /><title>ALVH functions</title></head>\n<body>\n<h1>ALVH worksheet functions</h1>\n<p>Prices in index points, volatility and rates as decimals (0.18, 0.05), time in years ACT/365, dates as Excel dates.</p>\n${reference || '<p>No functions were built.</p>'}\n</body>\n</html>\n`,
);

// 2. Taskpane: bundle the scripts, copy the page and the stylesheet.
const taskpane = join(src, 'taskpane');
for (const name of ['taskpane', 'mcWorker']) {
  const entry = join(taskpane, `${name}.ts`);
  if (existsSync(entry)) await bundle(entry, join(out, `${name}.js`));
  else notes.push(`src/taskpane/${name}.ts is absent: no ${name}.js emitted`);
}
for (const name of ['taskpane.html', 'taskpane.css']) {
  const file = join(taskpane, name);
  if (existsSync(file)) cpSync(file, join(out, name));
  else notes.push(`src/taskpane/${name} is absent: not copied`);
}

// 3. office.js and what it loads from its own folder inside Excel: the Excel host scripts, the
//    custom functions runtime, the locale strings and telemetry. Other hosts and debug builds stay out.
const officeDist = join(root, 'node_modules', '@microsoft', 'office-js', 'dist');
if (!existsSync(join(officeDist, 'office.js'))) fail('node_modules/@microsoft/office-js/dist/office.js not found');
const OTHER_HOSTS = /^(access|onenote|outlook|powerpoint|project|word)/;
cpSync(officeDist, out, {
  recursive: true,
  filter: (path) => {
    const rel = relative(officeDist, path);
    if (rel === '') return true;
    const base = rel.split(sep).pop();
    const top = rel.split(sep)[0];
    if (OTHER_HOSTS.test(top) || top === 'webauth') return false;
    if (base.endsWith('.debug.js') || base.endsWith('-vsdoc.js') || base.endsWith('.d.ts')) return false;
    if (base === 'outlook_strings.js') return false;
    return true;
  },
});

// 4. Assets: the icons (drawn in code) and any other file kept in addin/assets.
for (const size of ICON_SIZES) writeFileSync(join(out, 'assets', `icon-${size}.png`), pngIcon(size));
for (const name of readdirSync(join(addin, 'assets'))) {
  if (!name.endsWith('.mjs')) cpSync(join(addin, 'assets', name), join(out, 'assets', name), { recursive: true });
}

// 5. Swap the finished folder in (a concurrent build may have swapped its own in meanwhile).
for (let attempt = 0; ; attempt++) {
  try {
    rmSync(finalDist, { recursive: true, force: true });
    renameSync(out, finalDist);
    break;
  } catch (e) {
    if (attempt >= 5) fail(`could not move the build into addin/dist: ${e.message}`);
  }
}
for (const note of notes) console.log(`addin: ${note}`);
console.log('addin: built addin/dist');
