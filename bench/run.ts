/**
 * `npm run bench`: builds, then runs every benchmark module in this folder (or those named on the
 * command line, e.g. `npm run bench -- pricing`) and prints its figures. Nothing here asserts a
 * time; the answers some benchmarks check beside their timings (benchChecks.ts) do: a failed check
 * makes the exit code 1. `--help` lists the names; a name that matches no benchmark, or another
 * option, stops it (exit code 2), and so does a built file a selected benchmark loads that is
 * missing or older than its sources (`npx tsx bench/run.ts` does not build).
 */
import { readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpus } from 'node:os';
import { benchNames, benchUsage, parseBenchArgs } from './benchArgs';
import { benchVerdict, recordedChecks } from './benchChecks';
import { builtFilesProblem, mtimeUnder } from './builtFiles';

const here = dirname(fileURLToPath(import.meta.url));
const names = benchNames(readdirSync(here));
const parsed = parseBenchArgs(process.argv.slice(2), names);
if (!parsed.ok) {
  console.error(`bench: ${parsed.message}`);
  process.exit(2);
}
if (parsed.help) {
  console.log(benchUsage(names));
  process.exit(0);
}
const unbuilt = builtFilesProblem(parsed.selected, mtimeUnder(resolve(here, '..')));
if (unbuilt !== null) {
  console.error(`bench: ${unbuilt}`);
  process.exit(2);
}

console.log(`ALVH benchmarks — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'})`);
for (const name of parsed.selected) {
  console.log(`\n## ${name}`);
  const mod = (await import(pathToFileURL(`${here}/${name}.bench.ts`).href)) as { default: () => Promise<void> };
  await mod.default();
}
const verdict = benchVerdict(recordedChecks());
if (verdict.lines.length > 0) console.log(`\n${verdict.lines.join('\n')}`);
process.exitCode = verdict.exitCode;
