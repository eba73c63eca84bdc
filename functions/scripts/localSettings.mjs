// local.settings.json of the deployment folder. Core Tools reads FUNCTIONS_WORKER_RUNTIME from it:
// without it `func azure functionapp publish` (and `func start`) stop with "Can't determine project
// language from files". The file is written only when absent, so edits to it survive a rebuild;
// .funcignore keeps it out of the upload.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Write `dir/local.settings.json` from `template` (the JSON text) unless the file exists. Returns a
 * warning when an existing file does not set FUNCTIONS_WORKER_RUNTIME to node, else undefined.
 */
export function writeLocalSettings(dir, template) {
  const file = resolve(dir, 'local.settings.json');
  if (!existsSync(file)) {
    writeFileSync(file, template, { flag: 'wx' }); // never over a file written meanwhile
    return undefined;
  }
  let runtime;
  try {
    runtime = JSON.parse(readFileSync(file, 'utf8'))?.Values?.FUNCTIONS_WORKER_RUNTIME;
  } catch {
    runtime = undefined;
  }
  if (runtime === 'node') return undefined;
  return `${file} does not set Values.FUNCTIONS_WORKER_RUNTIME to "node", so Core Tools cannot publish the folder: set it, or delete the file and build again`;
}
