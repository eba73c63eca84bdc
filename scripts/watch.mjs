// Rebuilds the add-in (addin/build.mjs) whenever its sources, its assets or the shared package
// change, one build at a time; run it beside `npm start`, which serves addin/dist as it is.
// Excel caches custom function metadata: after a new function or argument, reload the add-in.
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WATCHED = ['addin/src', 'addin/assets', 'shared/src'];
const QUIET_MS = 200;

let timer;
let building = false;
let again = false;

function build() {
  if (building) {
    again = true;
    return;
  }
  building = true;
  const started = Date.now();
  const child = spawn(process.execPath, [resolve(root, 'addin/build.mjs')], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => {
    building = false;
    console.log(
      code === 0
        ? `watch: built in ${((Date.now() - started) / 1000).toFixed(1)} s; waiting for changes`
        : `watch: build failed (exit ${code}); fix the error above, the next change rebuilds`,
    );
    if (again) {
      again = false;
      build();
    }
  });
}

for (const dir of WATCHED) {
  watch(resolve(root, dir), { recursive: true }, (_event, file) => {
    if (file && /(^|[\\/])\.dist-/.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(build, QUIET_MS);
  });
}
console.log(`watch: rebuilding addin/dist on changes in ${WATCHED.join(', ')} (Ctrl+C to stop)`);
build();
