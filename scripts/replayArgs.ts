/**
 * What `npm run replay` (scripts/replay.ts) accepts on its command line: only `--help` (or `-h`).
 * The replay's windows and policy are fixed, so any other argument (say `--from 2020-01-01`) is
 * refused before any data is read, rather than ignored by a run a reader would take for the one asked.
 */

export const REPLAY_USAGE = [
  'Usage: npm run replay (or npx tsx scripts/replay.ts)',
  '',
  'Replays the ALVH policy, with the default policy and assumptions, over 2007-2021 (quantintell VX1-VX8)',
  'and the 2024 and 2025 episodes, and prints the markdown tables of docs/replay.md: P&L per stress',
  'episode with and without the ALVH layers, regime shares and P&L per year, and sizing statistics.',
  '',
  'It takes no options: the windows and the policy are fixed. To replay another window or policy,',
  'send the history to POST /api/replay (docs/api.md).',
  '',
  'The market data folder is ALVH_DATA_DIR where it is set and not empty, else ../shared/data beside the repository.',
  '',
  '  -h, --help   print this and exit',
].join('\n');

export type ParsedReplayArgs = { ok: true; help: boolean } | { ok: false; message: string };

/** The replay's command line (`process.argv.slice(2)`): nothing, or `--help` / `-h`; anything else is refused. */
export function parseReplayArgs(argv: readonly string[]): ParsedReplayArgs {
  const other = argv.find((arg) => arg !== '--help' && arg !== '-h');
  if (other !== undefined) {
    return {
      ok: false,
      message:
        `unexpected argument '${other}': the replay takes no options (its windows and policy are fixed); ` +
        'npm run replay -- --help for what it runs',
    };
  }
  return { ok: true, help: argv.length > 0 };
}
