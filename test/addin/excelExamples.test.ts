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
import { describeWithData } from '../helpers/marketData';
import { cboeSeries } from '../shared/method/realDays';

const call = useBuiltFunctions();
const doc = readFileSync(join(__dirname, '../../docs/excel.md'), 'utf8');

describeWithData('docs/excel.md examples', () => {
  it('MACD of the 40 VVIX closes to 2018-02-02: 4.6583 2.7507 1.9076', () => {
    const vvix = [...cboeSeries('cboe_VVIX_History__ManULoreN14.csv')].filter(([d]) => d <= '2018-02-02').slice(-40);
    expect(vvix[0]![0]).toBe('2017-12-06');
    const [[m, s, h]] = call(
      'MACD',
      vvix.map(([, v]) => [v]),
    ) as [[number, number, number]];
    expect(doc).toContain(`${m.toFixed(4)}  ${s.toFixed(4)}  ${h.toFixed(4)}  (vol of vol expanding)`);
    expect(h).toBeGreaterThan(0);
  });

  it('REBALANCE of 2018-12-24 against 2018-12-17: due by both triggers, 16.5% at 30 days', () => {
    const out = call(
      'REBALANCE',
      isoToExcelSerial('2018-12-24'),
      36.07,
      [[25.9], [23.325], [22.175], [21.425]],
      isoToExcelSerial('2018-12-17'),
      24.52,
      [[23.475], [21.675], [21.225], [20.975]],
    ) as [string, unknown][];
    expect(out[0]).toEqual(['due', true]);
    const t30 = out.find(([l]) => l.startsWith('30 days'))!;
    expect(t30[0]).toBe('30 days: 21.68 → 25.26 (%)');
    expect(doc).toContain(`the 30-day future moved ${(t30[1] as number).toFixed(1)}% (21.68 → 25.26)`);
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
