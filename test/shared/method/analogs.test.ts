import { expect, it } from 'vitest';
import { describeWithData } from '../../helpers/marketData';
import { HISTORICAL_ANALOGS } from '@alvh/shared';
import { cboeSeries, manumartinbRows2025, quantintellRows, spxDaily2021 } from './realDays';

describeWithData('historical analog constants match the market history files', () => {
  it.each(HISTORICAL_ANALOGS.map((a) => [a.date, a] as const))('%s', (date, a) => {
    const vvix = cboeSeries('cboe_VVIX_History__ManULoreN14.csv');
    const vix = cboeSeries('cboe_VIX_History__ManULoreN14.csv');
    const qi = quantintellRows();
    expect(vvix.get(date)).toBeCloseTo(a.vvix, 6);
    expect(vix.get(date)).toBeCloseTo(a.vix, 6);
    let closes: [string, number][];
    if (date < '2021-01-01') {
      const row = qi.find((r) => r.date === date);
      expect(row).toBeDefined();
      expect(row?.vix).toBeCloseTo(a.vix, 6);
      expect(row?.vx).toEqual(a.vx);
      expect(row?.spx).toBeCloseTo(a.spx, 6);
      closes = qi.map((r) => [r.date, r.spx]);
    } else {
      const row = manumartinbRows2025().find((r) => r.date === date);
      expect(row?.vx).toEqual(a.vx);
      const spx = spxDaily2021();
      expect(spx.get(date)).toBeCloseTo(a.spx, 6);
      // the 2025 peak (2025-02-19) is before the VX episode file starts: use the SPX file
      closes = [...spx.entries()];
    }
    // drawdown from the highest close of the 120 trading days before, to the date
    const i = closes.findIndex(([d]) => d === date);
    const peak = Math.max(...closes.slice(Math.max(0, i - 120), i + 1).map(([, v]) => v));
    expect(a.spx / peak - 1).toBeCloseTo(a.spxDrawdown, 3);
  });
});
