import { beforeAll, expect, it } from 'vitest';
import { mergeMarketHistory, parseMarketHistory, replay } from '@alvh/shared';
import type { ReplayResult } from '@alvh/shared';
import { describeWithData, readDataFile } from '../../helpers/marketData';

describeWithData('the capital cap line of a scheduled entry (2020, three condors every 14 days)', () => {
  let r: ReplayResult;
  beforeAll(() => {
    const rows = mergeMarketHistory(
      parseMarketHistory(readDataFile('quantintell_vix_futures_VX1-VX8_2007-2021.csv')),
      parseMarketHistory(readDataFile('cboe_VIX_History__ManULoreN14.csv'), 'cboe-vix'),
      parseMarketHistory(readDataFile('cboe_VVIX_History__ManULoreN14.csv')),
    ).filter((x) => x.date >= '2019-11-01' && x.date <= '2020-06-30');
    r = replay({
      rows,
      from: '2020-01-02',
      assumptions: { capital: 1_000_000, entryEveryDays: 14, maxOpenCondors: 3 },
    });
  });

  it('says "opening n" only on a day a condor opens (none when one on that expiry is already open)', () => {
    const capDays = r.ledger.filter((row) => row.events.some((e) => e.startsWith('capital cap:')));
    // entries are due every day from 14 days after the last; before the fix the line said "opening 1"
    // on 2020-03-06..03-17, when the condor of the day's expiry (2020-04-17) was already open
    expect(capDays.length).toBeGreaterThan(0);
    for (const row of capDays) {
      const opening = Number(/opening (\d+)$/.exec(row.events.find((e) => e.startsWith('capital cap:'))!)![1]);
      const opened = row.events.filter((e) => e.startsWith('open condor ')).length;
      expect({ date: row.date, opened: opening > 0 ? 1 : 0 }).toEqual({ date: row.date, opened });
    }
  });
});
