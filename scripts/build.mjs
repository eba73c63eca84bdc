// Builds everything `npm start` serves and the tests load: the add-in bundle (functions.js,
// functions.json, taskpane) into addin/dist and the HTTP host and Azure app into functions/dist.
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
for (const step of ['addin/build.mjs', 'functions/build.mjs']) {
  execFileSync(process.execPath, [resolve(root, step)], { stdio: 'inherit', cwd: root });
}
