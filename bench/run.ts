/**
 * `npm run bench`: runs every benchmark module in this folder (or those named on the command line,
 * e.g. `npm run bench -- pricing`) and prints its figures. Nothing here asserts a time. `--help`
 * lists the names; a name that matches no benchmark, or another option, stops it (exit code 2).
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpus } from 'node:os';
import { benchNames, benchUsage, parseBenchArgs } from './benchArgs';

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

console.log(`ALVH benchmarks — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'})`);
for (const name of parsed.selected) {
  console.log(`\n## ${name}`);
  const mod = (await import(pathToFileURL(`${here}/${name}.bench.ts`).href)) as { default: () => Promise<void> };
  await mod.default();
}
