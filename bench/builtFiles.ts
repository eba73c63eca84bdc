/**
 * The built files some benchmarks load (`npm run bench` builds them first; `npx tsx bench/run.ts`
 * does not): a benchmark whose file is missing, or older than the sources it is built from, is
 * refused before anything runs, with what to do, instead of a raw ENOENT halfway through the run or
 * figures of stale code.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface BuiltFile {
  /** The built file, relative to the checkout. */
  file: string;
  /** The files and folders it is built from, relative to the checkout. */
  sources: readonly string[];
}

const ADDIN_FUNCTIONS: BuiltFile = {
  file: 'addin/dist/functions.js',
  sources: ['addin/src', 'shared/src', 'addin/build.mjs'],
};
const COMPUTE_WORKER: BuiltFile = {
  file: 'functions/dist/computeWorker.cjs',
  sources: ['functions/src', 'shared/src', 'functions/build.mjs'],
};

/** The built files each benchmark loads (by benchmark name); the others need none. */
export const BENCH_BUILT_FILES: Readonly<Record<string, readonly BuiltFile[]>> = {
  excelPricing: [ADDIN_FUNCTIONS],
  host: [COMPUTE_WORKER],
  montecarlo: [COMPUTE_WORKER],
};

/**
 * Why the selected benchmarks cannot run on the built files, or null when they can. `mtimeOf`
 * answers a path's modification time in ms (a folder: its newest file's), undefined when missing.
 */
export function builtFilesProblem(
  selected: readonly string[],
  mtimeOf: (path: string) => number | undefined,
): string | null {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const name of selected) {
    for (const need of BENCH_BUILT_FILES[name] ?? []) {
      if (seen.has(need.file)) continue;
      seen.add(need.file);
      const built = mtimeOf(need.file);
      if (built === undefined) {
        problems.push(`${need.file} is missing`);
        continue;
      }
      const newer = need.sources.filter((s) => (mtimeOf(s) ?? 0) > built);
      if (newer.length > 0) problems.push(`${need.file} is older than ${newer.join(', ')}`);
    }
  }
  if (problems.length === 0) return null;
  return `${problems.join('; ')}: run npm run build first (npm run bench builds)`;
}

/** A path's modification time under `root` (a folder: its newest file's), undefined when missing. */
export function mtimeUnder(root: string): (path: string) => number | undefined {
  const newest = (path: string): number => {
    const st = statSync(path);
    if (!st.isDirectory()) return st.mtimeMs;
    let m = 0;
    for (const entry of readdirSync(path)) m = Math.max(m, newest(join(path, entry)));
    return m;
  };
  return (path) => {
    const full = join(root, path);
    return existsSync(full) ? newest(full) : undefined;
  };
}
