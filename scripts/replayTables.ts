/**
 * The replay tables of docs/replay.md that compare runs (`npx tsx scripts/replayTables.ts`):
 *
 * 1. Per stress episode, before and after the surface marks (method Section 2b): the credit of the
 *    condors opened in the window, the most overlay units and tail VIX calls held in it, and the
 *    P&L of the condors and of the ALVH book. "Before" is the replay of the previous marks (SPX at
 *    VIX/100 with the policy's parametric skew, VIX options at VVIX/100), printed by this script's
 *    `episodeStats` on that version and kept here as figures; "after" is computed now.
 * 2. The half-spread sensitivity: the ALVH book's P&L per episode and over 2007-2021 with fills at
 *    model mid, then 0.15 points per SPX option and 0, 0.10 or 0.20 points per VIX option.
 */
import type { ReplayPeriodSummary, ReplayResult } from '@alvh/shared';
import { replayRuns, type ReplayRuns } from './replayData';
import { yearSpan } from './replayLabels';
import { scriptFlagsOrExit } from './scriptFlags';

const flags = scriptFlagsOrExit(
  'replayTables',
  'Prints the replay tables of docs/replay.md that compare runs: before and after the surface marks, and at each half-spread.',
  { '--stats': "print only this version's per-episode figures, as JSON (the before/after table's input)" },
);

const usd = (x: number): string => `${x < 0 ? '−' : ''}$${Math.round(Math.abs(x)).toLocaleString('en-US')}`;

/** What the before/after table shows of one episode. */
interface EpisodeStats {
  name: string;
  /** Credit of the condors opened in the window, USD. */
  credit: number;
  /** Most overlay units, and most tail calls, held at any sizing in force during the window. */
  overlayHeld: number;
  tailHeld: number;
  condorPnl: number;
  alvhPnl: number;
}

/** The episode figures of a set of runs (the same function printed the BEFORE figures). */
export function episodeStats(runs: ReplayRuns): EpisodeStats[] {
  const out: EpisodeStats[] = [];
  for (const r of [runs.main, runs.y2024, runs.y2025] as ReplayResult[]) {
    for (const e of r.episodes) {
      const inForce = r.campaigns.filter((c) => c.opened <= e.to && c.expiry >= e.from);
      let overlayHeld = 0;
      let tailHeld = 0;
      for (const c of inForce) {
        // the sizings dated in the window, and the one in force when it opened
        const before = c.sizings.filter((z) => z.date < e.from).at(-1);
        for (const z of [...(before ? [before] : []), ...c.sizings.filter((z) => z.date >= e.from && z.date <= e.to)]) {
          overlayHeld = Math.max(overlayHeld, z.overlayUnits);
          tailHeld = Math.max(tailHeld, z.tailContracts);
        }
      }
      out.push({
        name: e.name,
        credit: inForce.filter((c) => c.opened >= e.from).reduce((s, c) => s + c.credit, 0),
        overlayHeld,
        tailHeld,
        condorPnl: e.condorPnl,
        alvhPnl: e.alvhPnl,
      });
    }
  }
  return out;
}

/** episodeStats of the replay with the previous marks (VIX/100 plus the policy's skew; VVIX/100). */
const BEFORE: EpisodeStats[] = [
  { name: '2008', credit: 6909, overlayHeld: 0, tailHeld: 1, condorPnl: -21754, alvhPnl: -21691 },
  { name: 'Aug 2015', credit: 3508, overlayHeld: 0, tailHeld: 2, condorPnl: -34460, alvhPnl: -34403 },
  { name: 'Feb 2018', credit: 0, overlayHeld: 0, tailHeld: 15, condorPnl: 2822, alvhPnl: 2873 },
  { name: 'Dec 2018', credit: 4457, overlayHeld: 0, tailHeld: 2, condorPnl: -47467, alvhPnl: -47868 },
  { name: 'Mar 2020', credit: 10369, overlayHeld: 0, tailHeld: 24, condorPnl: -63836, alvhPnl: -36025 },
  { name: 'Aug 2024', credit: 7773, overlayHeld: 0, tailHeld: 16, condorPnl: 18485, alvhPnl: 17100 },
  { name: 'Apr 2025', credit: 17393, overlayHeld: 0, tailHeld: 5, condorPnl: 15316, alvhPnl: 15814 },
];

function beforeAfter(after: readonly EpisodeStats[]): string[] {
  const lines = [
    '| episode | credit opened, before → after | overlay units held | tail calls held | condors alone | ALVH book |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const a of after) {
    const b = BEFORE.find((x) => x.name === a.name);
    const pair = (f: (s: EpisodeStats) => string): string => (b === undefined ? f(a) : `${f(b)} → ${f(a)}`);
    lines.push(
      `| ${a.name} | ${pair((s) => usd(s.credit))} | ${pair((s) => String(s.overlayHeld))} | ${pair((s) => String(s.tailHeld))} | ${pair((s) => usd(s.condorPnl))} | ${pair((s) => usd(s.alvhPnl))} |`,
    );
  }
  return lines;
}

const periods = (runs: ReplayRuns): ReplayPeriodSummary[] => [
  ...runs.main.episodes,
  ...runs.y2024.episodes,
  ...runs.y2025.episodes,
  { ...runs.main.total, name: yearSpan(runs.main.years.map((y) => y.name)) },
];

const atMid = replayRuns();
if (flags.has('--stats')) {
  console.log(JSON.stringify(episodeStats(atMid)));
  process.exit(0);
}
const spreads = [0, 0.1, 0.2].map((vix) => ({ vix, runs: replayRuns({ spxHalfSpread: 0.15, vixHalfSpread: vix }) }));

const lines = [
  '#### Before and after the surface marks, per episode',
  '',
  ...beforeAfter(episodeStats(atMid)),
  '',
  '#### Half-spread sensitivity: ALVH book P&L',
  '',
  '| episode | at model mid | SPX 0.15, VIX 0 | SPX 0.15, VIX 0.10 | SPX 0.15, VIX 0.20 | tail P&L at mid → at SPX 0.15, VIX 0.20 |',
  '|---|---:|---:|---:|---:|---:|',
];
const mid = periods(atMid);
mid.forEach((p, k) => {
  const at = spreads.map((s) => periods(s.runs)[k] as ReplayPeriodSummary);
  const widest = at[2] as ReplayPeriodSummary;
  lines.push(
    `| ${p.name} | ${usd(p.alvhPnl)} | ${at.map((q) => usd(q.alvhPnl)).join(' | ')} | ${usd(p.tailPnl)} → ${usd(widest.tailPnl)} |`,
  );
});
console.log(lines.join('\n'));
