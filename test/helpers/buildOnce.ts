/**
 * The built add-in and hosts the tests load (addin/dist, functions/dist), rebuilt once when a
 * bundle is missing or older than the sources it is made from. vitest's global setup calls it
 * before any test file starts: a test file that rebuilt on its own while another file's Chromium
 * read the same bundles could serve a half-written taskpane.js (a run started by `npx vitest`
 * right after an edit; `npm test` builds first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The newest modification time under a folder, or of a file (ms). */
function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)));
  return t;
}

/** Builds (scripts/build.mjs) when a bundle is missing or older than its sources; true when it built. */
export function buildIfStale(): boolean {
  const bundles = [
    'addin/dist/taskpane.js',
    'addin/dist/mcWorker.js',
    'addin/dist/functions.js',
    'functions/dist/localHost.js',
  ].map((p) => join(root, p));
  const oldest = Math.min(...bundles.map((b) => (existsSync(b) ? statSync(b).mtimeMs : 0)));
  const sources = Math.max(
    ...['addin/src', 'addin/assets', 'shared/src', 'functions/src', 'addin/build.mjs', 'functions/build.mjs']
      .map((p) => join(root, p))
      .filter((p) => existsSync(p))
      .map(newest),
  );
  if (oldest !== 0 && sources <= oldest) return false;
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe' });
  return true;
}
