/**
 * Replays the ALVH policy over the market history beside the repository (`ALVH_DATA_DIR`, else
 * `../shared/data`) with the default policy and assumptions, and prints markdown tables: regime
 * shares per year, P&L per stress episode with and without the ALVH layers, and P&L per year.
 *
 *   npx tsx scripts/replay.ts            # 2007-2021 (quantintell VX1-VX8) + the 2024 and 2025 episodes
 *   npx tsx scripts/replay.ts --help     # the usage; any other argument is refused (exit code 2)
 *
 * The sources, and the Cboe indices each day's SPX surface reads, are in scripts/replayData.ts.
 */
import type { ReplayPeriodSummary } from '@alvh/shared';
import { REPLAY_USAGE, parseReplayArgs } from './replayArgs';
import { replayRuns } from './replayData';
import { yearSpan } from './replayLabels';

// The command line is checked before any data is read: the replay takes no options.
const parsed = parseReplayArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(`replay: ${parsed.message}`);
  process.exit(2);
}
if (parsed.help) {
  console.log(REPLAY_USAGE);
  process.exit(0);
}

const usd = (x: number): string => `${x < 0 ? '−' : ''}$${Math.round(Math.abs(x)).toLocaleString('en-US')}`;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function regimeTable(periods: readonly ReplayPeriodSummary[]): string[] {
  const out = [
    '| period | days | steep backwardation | backwardation | flat | contango |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const p of periods) {
    const s = p.regimeShare;
    out.push(
      `| ${p.name} | ${p.days} | ${pct(s['steep-backwardation'])} | ${pct(s.backwardation)} | ${pct(s.flat)} | ${pct(s.contango)} |`,
    );
  }
  return out;
}

function pnlTable(periods: readonly ReplayPeriodSummary[], withWindow: boolean): string[] {
  const out = [
    `| ${withWindow ? 'episode | window' : 'period'} | condors alone | ALVH book | overlay | tail | hedge premium paid | max DD condors | max DD ALVH | rebalances (days / curve shift) |`,
    `|---|${withWindow ? '---|' : ''}---:|---:|---:|---:|---:|---:|---:|---:|`,
  ];
  for (const p of periods) {
    const name = withWindow ? `${p.name} | ${p.from}..${p.to}` : p.name;
    out.push(
      `| ${name} | ${usd(p.condorPnl)} | ${usd(p.alvhPnl)} | ${usd(p.overlayPnl)} | ${usd(p.tailPnl)} | ${usd(p.hedgeCost)} | ${usd(p.condorMaxDrawdown)} | ${usd(p.alvhMaxDrawdown)} | ${p.rebalances} (${p.triggers.days} / ${p.triggers['curve-shift']}) |`,
    );
  }
  return out;
}

const { main, y2024, y2025 } = replayRuns();

const episodes = [...main.episodes, ...y2024.episodes, ...y2025.episodes];
const a = main.assumptions;
// the years summed (a history cut short is labelled by what it replayed): the total's, to its last
// settlement, and the condors' entries
const span = yearSpan(main.years.map((y) => y.name));
const entries = yearSpan(main.campaigns.map((c) => c.opened));
const lines = [
  `### Replay ${main.from} to ${main.to} (${main.days} days) and the 2024-2025 episodes`,
  '',
  `Default policy; a ${a.condorQuantity}-lot condor, ${a.condorDte} DTE (nearest SPX monthly), short strikes at ${a.shortStrikeSd} SD, wings ${a.wingWidthPct * 100}% of spot, opened when flat and held to expiry; layers sized at entry and at every rebalance trigger within the life-of-condor budget; fills at model mid, rate ${a.rate}, dividend yield ${a.divYield}. P&L in USD, cumulative over the window.`,
  '',
  '#### Stress episodes',
  '',
  ...pnlTable(episodes, true),
  '',
  '#### Regime shares',
  '',
  ...regimeTable([...main.years, main.total]),
  '',
  '#### Per year',
  '',
  ...pnlTable([...main.years, { ...main.total, name: span }], false),
  '',
  `Condors opened: ${main.total.condorsOpened} (${entries}); rebalances ${main.total.rebalances}: the day trigger fired at ${main.total.triggers.days} and the curve-shift trigger at ${main.total.triggers['curve-shift']} (a rebalance where both fire counts under each, here and in the tables' last column). Rows skipped: ${main.skipped.count} in ${span}, ${y2024.skipped.count} in the 2024 episode, ${y2025.skipped.count} in the 2025 episode.`,
];
// The sizing statistics behind the findings in docs/replay.md.
const median = (xs: number[]): number => {
  const v = [...xs].sort((x, y) => x - y);
  const m = Math.floor(v.length / 2);
  return v.length === 0 ? Number.NaN : v.length % 2 ? (v[m] as number) : ((v[m - 1] as number) + (v[m] as number)) / 2;
};
const sizings = main.campaigns.flatMap((c) => c.sizings);
const costCapBinding = main.campaigns.filter((c) => c.budgetBinding === 'cost-cap').length;
lines.push(
  '',
  `#### Sizing statistics (${entries})`,
  '',
  '| statistic | value |',
  '|---|---:|',
  `| condors whose hedge budget is set by the 18% cost cap | ${costCapBinding} of ${main.campaigns.length} |`,
  `| median hedge budget per condor | $${Math.round(median(main.campaigns.map((c) => c.budget))).toLocaleString('en-US')} |`,
  `| median condor credit | $${Math.round(median(main.campaigns.map((c) => c.credit))).toLocaleString('en-US')} |`,
  `| sizings (entries and rebalances) | ${sizings.length} |`,
  `| sizings holding any overlay | ${sizings.filter((z) => z.overlayUnits > 0).length} |`,
  `| median tail contracts asked by the rules | ${median(sizings.map((z) => z.tailRequired))} |`,
  `| sizings asking for more than 500 tail contracts | ${sizings.filter((z) => z.tailRequired > 500).length} |`,
  `| median tail contracts held after the budget cut | ${median(sizings.map((z) => z.tailContracts))} |`,
);
for (const r of [main, y2024, y2025]) {
  for (const s of r.skipped.first) lines.push('', `Skipped ${s.date}: ${s.reason}`);
}
// what each run's figures do not say on their own (a window cut short by the data, rows skipped, ...)
for (const [name, r] of [
  [span, main],
  ['2024 episode', y2024],
  ['2025 episode', y2025],
] as const) {
  for (const n of r.notes) lines.push('', `Note (${name}): ${n}`);
}
console.log(lines.join('\n'));
