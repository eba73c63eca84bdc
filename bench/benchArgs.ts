/**
 * What `npm run bench` (bench/run.ts) accepts on its command line: benchmark names, each the start
 * of one or more `*.bench.ts` files in this folder (none: all of them), or `--help` / `-h`. A name
 * that matches no benchmark, or any other option, is refused: it would otherwise run nothing and
 * exit as if it had.
 */

/** The benchmark names: the `*.bench.ts` files in the folder, without the suffix, sorted. */
export function benchNames(files: readonly string[]): string[] {
  return files
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .sort();
}

export function benchUsage(names: readonly string[]): string {
  return [
    'Usage: npm run bench [-- NAME ...]   (or npx tsx bench/run.ts [NAME ...] after npm run build)',
    '',
    'Runs the benchmarks and prints their figures; nothing asserts a time. With no NAME it runs all of',
    'them; a NAME runs each benchmark whose name starts with it (pricing, or p for plan and pricing).',
    'npm run bench builds first; the tsx form does not, and stops when a built file a benchmark loads',
    'is missing or older than its sources. Exit code 1 when a check of an answer printed beside the',
    'figures (CHECK FAILED) failed.',
    '',
    `Benchmarks: ${names.join(', ')}`,
    '',
    '  -h, --help   print this and exit',
  ].join('\n');
}

export type ParsedBenchArgs =
  { ok: true; help: true } | { ok: true; help: false; selected: string[] } | { ok: false; message: string };

/**
 * The bench's command line (`process.argv.slice(2)`) against the benchmark names: the names to run
 * (in order, each once), the usage asked for, or the message naming the argument that is neither.
 */
export function parseBenchArgs(argv: readonly string[], names: readonly string[]): ParsedBenchArgs {
  const valid = `the benchmarks are: ${names.join(', ')}`;
  // A name selects each benchmark whose file name starts with it, as `pricing` or `pricing.bench.ts`.
  const selects = (arg: string, name: string): boolean => `${name}.bench.ts`.startsWith(arg);
  let help = false;
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg.startsWith('-'))
      return { ok: false, message: `unknown option ${arg}; pass benchmark names (${valid})` };
    else if (!names.some((n) => selects(arg, n))) {
      return { ok: false, message: `no benchmark named '${arg}'; ${valid} (a name's start selects it)` };
    }
  }
  if (help) return { ok: true, help: true };
  const selected = names.filter((n) => argv.length === 0 || argv.some((w) => selects(w, n)));
  return { ok: true, help: false, selected };
}
