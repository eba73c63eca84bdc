/**
 * docs/replay.md's "Where the condor cycle stood" and "Gross premium is not the cost": an episode's
 * figures depend on the run's start, and the gross premium paid runs far above the budgets. This
 * replays the real rows from each start the doc quotes and checks its figures.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { replay, type MarketRow } from '@alvh/shared';
import { replayHistory } from '../../../scripts/replayData';
import { describeWithData } from '../../helpers/marketData';

const doc = readFileSync(new URL('../../../docs/replay.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const usd = (x: number) => `$${Math.round(Math.abs(x)).toLocaleString('en-US')}`;

describeWithData('docs/replay.md: the start of a run moves an episode', () => {
  let rows: MarketRow[];
  beforeAll(() => {
    rows = replayHistory().main.rows;
  });
  const episode = (from: string, to: string, name: string) => {
    const r = replay({ rows, from, to, assumptions: { includeLedger: false } });
    const e = r.episodes.find((x) => x.name === name);
    if (e === undefined) throw new Error(`no ${name} episode`);
    return { e, r };
  };

  it('February 2018 and March 2020 from the starts the doc names', () => {
    const feb = ['2017-12-01', '2017-12-15', '2018-01-10', '2018-01-02'].map(
      (from) => episode(from, '2018-03-09', 'Feb 2018').e,
    );
    expect(Math.round(feb[0]!.alvhPnl)).toBe(Math.round(feb[1]!.alvhPnl));
    expect(doc).toContain(
      `the February 2018 episode's ALVH book gains ${usd(feb[0]!.alvhPnl)} from a \`from\` of 2017-12-01 or 2017-12-15, ${usd(feb[2]!.alvhPnl)} from 2018-01-10 and ${usd(feb[3]!.alvhPnl)} from 2018-01-02`,
    );
    // "gains": every start's ALVH book and condors end the episode up
    expect(feb.every((e) => e.alvhPnl > 0 && e.condorPnl > 0)).toBe(true);
    const condors = feb.map((e) => e.condorPnl);
    expect(doc).toContain(
      `(the condors alone ${usd(Math.min(...condors))} to ${usd(Math.max(...condors))} from those starts)`,
    );
    const mar = ['2020-01-02', '2020-02-14'].map((from) => episode(from, '2020-04-17', 'Mar 2020').e);
    expect(mar.every((e) => e.alvhPnl < 0)).toBe(true);
    expect(doc).toContain(
      `March 2020's loses ${usd(mar[0]!.alvhPnl)} from 2020-01-02 and ${usd(mar[1]!.alvhPnl)} from 2020-02-14`,
    );
  });

  it('the gross premium paid against the budgets and the hedges net P&L, 2018-01-02 to 2018-03-29', () => {
    const r = replay({ rows, from: '2018-01-02', to: '2018-03-29', assumptions: { includeLedger: false } });
    const budgets = r.campaigns.reduce((s, c) => s + c.budget, 0);
    expect(r.campaigns).toHaveLength(3);
    const hedges = r.total.overlayPnl + r.total.tailPnl;
    expect(hedges).toBeGreaterThan(0); // the doc's "+"
    expect(r.total.hedgeCost).toBeGreaterThan(2 * budgets);
    expect(doc).toContain(
      `it reads ${usd(r.total.hedgeCost)} against three budgets of ${usd(budgets)} in all, while the hedges' net P&L, the layers' figures, is +${usd(hedges)}`,
    );
  });
});
