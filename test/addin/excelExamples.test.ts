/**
 * The worked examples of docs/excel.md that are not pinned elsewhere (MACD on real VVIX closes,
 * REBALANCE on the real VX curves of 2018-12-17 and 2018-12-24, ADSLOPE): the figures the page
 * quotes are the ones the built functions give.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { isoToExcelSerial } from '@alvh/shared';
import { useBuiltFunctions } from './stubs/customFunctions';
import { REBALANCE_20181224 } from './stubs/planSheet';
import { describeWithData } from '../helpers/marketData';
import { cboeSeries } from '../shared/method/realDays';

const call = useBuiltFunctions();
const doc = readFileSync(join(__dirname, '../../docs/excel.md'), 'utf8');

describeWithData('docs/excel.md examples', () => {
  it('MACD of the 108 VVIX closes to 2018-02-02 (its settled length): 4.7067 2.8267 1.8800', () => {
    const vvix = [...cboeSeries('cboe_VVIX_History__ManULoreN14.csv')].filter(([d]) => d <= '2018-02-02').slice(-108);
    expect(vvix[0]![0]).toBe('2017-08-30');
    const [[m, s, h]] = call(
      'MACD',
      vvix.map(([, v]) => [v]),
    ) as [[number, number, number]];
    expect(doc).toContain(`${m.toFixed(4)}  ${s.toFixed(4)}  ${h.toFixed(4)}  (vol of vol expanding)`);
    expect(h).toBeGreaterThan(0);
  });

  it('REBALANCE of 2018-12-24 against 2018-12-17: due by both triggers, 16.5% at 30 days', () => {
    const out = call('REBALANCE', ...REBALANCE_20181224) as [string, unknown][];
    expect(out[0]).toEqual(['due', true]);
    const t30 = out.find(([l]) => l.startsWith('30 days'))!;
    expect(t30[0]).toBe('30 days: 21.68 → 25.26 (%)');
    expect(doc).toContain(`the 30-day future moved ${(t30[1] as number).toFixed(1)}% (21.68 → 25.26)`);
  });

  it("TAILSIZE on the worksheet's condor loss, and OVERLAY with backDays 365 on the worksheet's D9 call", () => {
    // D4 of the 2021-11-19 worksheet, rounded to cents as the example types it
    const strikes = [[4100], [4150], [5300], [5350]];
    const day = isoToExcelSerial('2021-11-19');
    const expiry = isoToExcelSerial('2022-01-21');
    const loss = call('CONDORLOSS', day, 4697.96, 17.91, expiry, strikes, 10, null, 0.001, 0.013) as number;
    expect(doc).toContain(
      `| ${loss.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} (USD;`,
    );
    const typed = Math.round(loss * 100) / 100;
    const [[n, k, premium, gain]] = call('TAILSIZE', typed, 22.7497, 61 / 365, 1.1374, 35.7223, null, null, 0.001) as [
      [number, number, number, number],
    ];
    expect(doc).toContain(
      `=ALVH.TAILSIZE(${typed}, 22.7497, 61/365, 1.1374, 35.7223, , , 0.001)   ${n}  ${k}  ${premium.toFixed(4)}  ${gain.toFixed(2)}`,
    );
    // D9 =INDEX(ALVH.OVERLAY(B1,B2,B3,B7,B9,D3,,,,B5,B6),2,2) with backDays 365 (D8 is TAILSIZE);
    // the OVERLAY row of the reference names the cell that holds it
    const cell = /^\| (D\d+) \| `=INDEX\(ALVH\.OVERLAY\(B1,B2,B3,B7,B9,D3,,,,B5,B6\),2,2\)`/m.exec(doc)?.[1];
    expect(cell).toBe('D9');
    expect(doc).toContain(`(${cell}'s call on the 2021-11-19 sheet below with \`backDays\` 365:`);
    const condor = call('CONDOR', day, 4697.96, 17.91, expiry, strikes, 10, null, 0.001, 0.013) as [string, number][];
    const vega = condor[14]![1];
    const out = call('OVERLAY', day, 4697.96, 17.91, expiry, 4150, vega, null, null, 365, 0.001, 0.013) as [
      string,
      number | string,
    ][];
    const row = (label: string) => out.find(([l]) => l === label)?.[1] as number;
    expect(row('units')).toBe(0);
    expect(out.at(-1)?.[0]).toBe('warning');
    expect(doc).toContain(
      `target ${row('target vega (USD per vol point)').toFixed(2)}, unit vega ${row('unit vega (USD per vol point)').toFixed(2)})`,
    );
  });

  it('ADSLOPE of the twelve days quoted: -255.15', () => {
    const adv = [1500, 1200, 900, 1100, 1300, 1000, 800, 1400, 1600, 900, 700, 1200];
    const dec = [1000, 1300, 1900, 1400, 1200, 1500, 1700, 1100, 900, 1600, 1800, 1300];
    expect(doc).toContain(`advancers ${adv.join(', ')};`);
    expect(doc).toContain(`decliners ${dec.join(', ')})`);
    const slope = call(
      'ADSLOPE',
      adv.map((x) => [x]),
      dec.map((x) => [x]),
    ) as number;
    expect(doc).toContain(`${slope.toFixed(2)}  (breadth deteriorating)`);
  });
});
