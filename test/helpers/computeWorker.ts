/**
 * The compute pool's worker bundled from the sources into `dir`, as functions/build.mjs emits
 * dist/computeWorker.cjs (a CommonJS bundle), so tests
 * and benchmarks run the worker as in production without depending on a built copy.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bundles functions/src/compute/worker.ts into `dir`/computeWorker.cjs; returns its file URL. */
export async function bundleComputeWorker(dir: string): Promise<URL> {
  const outfile = join(dir, 'computeWorker.cjs');
  await build({
    entryPoints: [join(repoRoot, 'functions/src/compute/worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return pathToFileURL(outfile);
}
