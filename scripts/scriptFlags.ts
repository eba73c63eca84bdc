/**
 * The command lines of the scripts that regenerate the docs' figures (frontierDocs, replayBudgets,
 * surfaceTables, indexShapes, replayTables, hedgeEffectiveness): each takes at most a flag or two
 * (`--write`, `--check`, `--stats`). A mistyped flag (`--wirte`) must stop the script, not run it in
 * its other mode, which a reader could take for the one asked.
 */

/** A script's flags: each flag with what it does. */
export type ScriptFlags = Readonly<Record<string, string>>;

export type ParsedFlags = { ok: true; help: boolean; flags: ReadonlySet<string> } | { ok: false; message: string };

/** The script's usage: its command, what it does, and its flags. */
export function scriptUsage(script: string, purpose: string, flags: ScriptFlags): string {
  const names = Object.keys(flags);
  const rows = [...names.map((f) => [f, flags[f] ?? ''] as const), ['-h, --help', 'print this and exit'] as const];
  const width = Math.max(...rows.map(([f]) => f.length));
  return [
    `Usage: npx tsx scripts/${script}.ts${names.map((f) => ` [${f}]`).join('')}`,
    '',
    purpose,
    '',
    ...rows.map(([f, what]) => `  ${f.padEnd(width)}   ${what}`),
  ].join('\n');
}

/** The flags given (`process.argv.slice(2)`), `--help`/`-h`, or a refusal naming the first argument the script does not take. */
export function parseScriptFlags(script: string, argv: readonly string[], flags: ScriptFlags): ParsedFlags {
  const known = new Set(Object.keys(flags));
  const other = argv.find((arg) => arg !== '--help' && arg !== '-h' && !known.has(arg));
  if (other !== undefined) {
    const takes = known.size === 0 ? 'no options' : `only ${[...known].join(', ')}`;
    return {
      ok: false,
      message: `${script}: unexpected argument '${other}': it takes ${takes}; npx tsx scripts/${script}.ts --help for its usage`,
    };
  }
  const help = argv.includes('--help') || argv.includes('-h');
  return { ok: true, help, flags: new Set(argv.filter((a) => known.has(a))) };
}

/** The flags given; prints the usage and exits 0 on `--help`, or the refusal and exits 2. */
export function scriptFlagsOrExit(script: string, purpose: string, flags: ScriptFlags): ReadonlySet<string> {
  const parsed = parseScriptFlags(script, process.argv.slice(2), flags);
  if (!parsed.ok) {
    console.error(parsed.message);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(scriptUsage(script, purpose, flags));
    process.exit(0);
  }
  return parsed.flags;
}
