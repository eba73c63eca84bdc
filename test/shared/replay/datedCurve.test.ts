import { describe, expect, it } from 'vitest';
import { AlvhError, buildTermStructure, datedCurve, parseMarketHistory } from '@alvh/shared';
import { describeWithData, readDataFile } from '../../helpers/marketData';

describe('datedCurve', () => {
  it('gives VX1..VXn the next monthly expiries strictly after the date', () => {
    expect(datedCurve({ date: '2020-03-16', vix: 82.69, vx: [72.625, 59.15, 44.875] })).toEqual({
      valuationDate: '2020-03-16',
      vixSpot: 82.69,
      futures: [
        { expiry: '2020-03-18', price: 72.625 },
        { expiry: '2020-04-15', price: 59.15 },
        { expiry: '2020-05-20', price: 44.875 },
      ],
    });
  });

  it('on a final-settlement day VX1 is already the next contract', () => {
    const c = datedCurve({ date: '2020-03-18', vix: 76.45, vx: [70.475, 59.925] });
    expect(c.futures.map((f) => f.expiry)).toEqual(['2020-04-15', '2020-05-20']);
  });

  it('keeps the expiry of each slot across gaps, and honours maxContracts', () => {
    const c = datedCurve({ date: '2007-03-21', vix: 12, vx: [13.3, 13.61, null, 14.12, null, null, null, 14.55] });
    expect(c.futures.map((f) => f.expiry)).toEqual(['2007-04-18', '2007-05-16', '2007-07-18', '2007-11-21']);
    expect(
      datedCurve({ date: '2007-03-21', vix: 12, vx: [13.3, 13.61, 14, 14.12] }, { maxContracts: 2 }).futures.length,
    ).toBe(2);
  });

  it('uses the holiday-adjusted expiry (Good Friday 2014: Tuesday 2014-03-18)', () => {
    expect(datedCurve({ date: '2014-03-03', vix: 14, vx: [15, 16] }).futures[0]?.expiry).toBe('2014-03-18');
  });

  it.each([
    [{ date: '2020-03-16', vx: [1, 2] }, 'invalid_input', /^2020-03-16\.vix: /],
    [
      { date: '2020-03-16', vix: 80, vx: [72] },
      'insufficient_data',
      /^2020-03-16\.vx: has 1 priced contract, the term structure needs two/,
    ],
    [{ date: '2020-03-16', vix: 80, vx: [72, -1] }, 'invalid_input', /^2020-03-16\.vx\[1\]: is -1/],
  ])('rejects %j', (row, code, message) => {
    try {
      datedCurve(row);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AlvhError);
      expect((e as AlvhError).code).toBe(code);
      expect((e as AlvhError).message).toMatch(message);
    }
  });
});

describeWithData('datedCurve on the quantintell history', () => {
  it('dates every day from 2007 to 2021 into a valid term structure', () => {
    const rows = parseMarketHistory(readDataFile('quantintell_vix_futures_VX1-VX8_2007-2021.csv'));
    let built = 0;
    for (const r of rows) {
      const ts = buildTermStructure(datedCurve(r));
      expect(ts.f1.days).toBeGreaterThan(0);
      expect(ts.f1.days).toBeLessThanOrEqual(35);
      built++;
    }
    expect(built).toBe(3711);
  });
});
