/**
 * Chains the SPX surface must refuse, or whose left-out quotes and expiries it must name for what
 * they are: a VIX chain (no SPX root, or no root column), a parity line reading an impossible
 * discount, expired expiries, one-sided quotes, and semicolon- or tab-separated text.
 */
import { describe, expect, it } from 'vitest';
import {
  black76Price,
  buildSurface,
  fitChainSurface,
  parseChain,
  parseChainTable,
  parseQuotedata,
  vixSurfaceFromChain,
  yearsToSettlement,
} from '@alvh/shared';
import { errorOf } from '../../helpers/errors';
import { describeWithData, readDataFile } from '../../helpers/marketData';

type Row = { expiry: string; strike: number; type: 'call' | 'put'; bid: number; ask: number; root?: string };

/** Two-sided quotes of a smile around each forward (VIX-like vols below 100), priced by Black-76 at rate 0. */
function smileRows(
  date: string,
  slices: { expiry: string; forward: number }[],
  strikes: (forward: number) => number[],
  root?: string,
): Row[] {
  const rows: Row[] = [];
  for (const { expiry, forward } of slices) {
    const years = yearsToSettlement(date, 960, expiry, root === 'VIX' ? 'AM' : 'PM');
    for (const strike of strikes(forward)) {
      const vol = Math.max(0.25, 0.9 + 0.5 * Math.log(strike / forward)) * (forward < 100 ? 1 : 0.2);
      for (const type of ['call', 'put'] as const) {
        const p = black76Price({ type, future: forward, strike, years, rate: 0, vol });
        if (p < 0.05) continue;
        const row: Row = { expiry, strike, type, bid: +(p * 0.97).toFixed(2), ask: +(p * 1.03 + 0.05).toFixed(2) };
        rows.push(root === undefined ? row : { ...row, root });
      }
    }
  }
  return rows;
}

const VIX_SLICES = [
  { expiry: '2023-06-21', forward: 15 },
  { expiry: '2023-07-19', forward: 16.5 },
  { expiry: '2023-08-16', forward: 17.5 },
];
const vixStrikes = () => [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 25, 30, 35, 40];

describe('a chain that is no SPX chain', () => {
  it('a VIX chain is refused, naming its roots (it came back as the SPX surface, spot 15)', () => {
    const chain = smileRows('2023-06-09', VIX_SLICES, vixStrikes, 'VIX');
    const e = errorOf(() => buildSurface({ chain, valuationDate: '2023-06-09' }));
    expect(e.field).toBe('chain');
    expect(e.message).toMatch(
      /has no SPX or SPXW option quotes \(roots found: VIX\); the surface is fitted to SPX\/SPXW/,
    );
    // the VIX-option surface still fits it, on its own roots
    const parsed = parseChainTable(chain, { valuationDate: '2023-06-09' });
    expect(vixSurfaceFromChain(parsed).fit.slices).toHaveLength(3);
  });
  it('a VIX table without a root column (read as SPXW) is refused by its forwards', () => {
    const chain = smileRows('2023-06-09', VIX_SLICES, vixStrikes);
    const e = errorOf(() => fitChainSurface(parseChainTable(chain, { valuationDate: '2023-06-09' })));
    expect([e.field, e.message]).toEqual([
      'chain',
      expect.stringMatching(/nearest SPXW forward at 15\.\d\d, not an SPX level/),
    ]);
  });
});

describe('what an expiry left out says', () => {
  it('a parity line with a discount outside 0.5-1.1 is named so, not "fewer than 3 strikes"', () => {
    const rows: Row[] = [];
    for (const expiry of ['2023-07-21', '2023-08-18'])
      for (let K = 4200; K <= 4400; K += 25) {
        const c = Math.max(4300 - K, 0) + 60;
        const p = c - 1.2 * (4300 - K); // C − P = 1.2·(F − K)
        rows.push({ expiry, strike: K, type: 'call', bid: c - 0.5, ask: c + 0.5 });
        rows.push({ expiry, strike: K, type: 'put', bid: p - 0.5, ask: p + 0.5 });
      }
    // fitted beside two expiries of sound quotes, the fit's report names it so
    const sound = smileRows(
      '2023-06-09',
      [
        { expiry: '2023-09-15', forward: 4300 },
        { expiry: '2023-10-20', forward: 4310 },
      ],
      (f) => Array.from({ length: 17 }, (_, i) => f - 400 + 50 * i),
    );
    const fit = fitChainSurface(parseChainTable([...rows, ...sound], { valuationDate: '2023-06-09' }));
    const reasons = fit.skipped.map((s) => `${s.root} ${s.expiry}: ${s.reason}`).join('\n');
    expect(reasons).toMatch(
      /SPXW 2023-07-21: parity line C − P = D·\(F − K\) gives discount 1\.200, outside 0\.5-1\.1/,
    );
    expect(reasons).toMatch(/check the call\/put columns/);
    expect(reasons).not.toMatch(/fewer than 3 strikes/);
    // alone, the chain is refused naming the first expiry left out and counting the rest, within 255
    // characters (a reason runs to 150)
    const e = errorOf(() => fitChainSurface(parseChainTable(rows, { valuationDate: '2023-06-09' })));
    expect(e.message).toMatch(/a surface needs two or more \(left out: SPXW 2023-07-21 and 1 more\); pass/);
    expect(e.message.length).toBeLessThanOrEqual(255);
  });
  it('an SPX (AM) expiry of the quotes’ date, quoted after its 09:30 settlement, is "expired"', () => {
    const slices = [
      { expiry: '2023-06-09', forward: 4300 },
      { expiry: '2023-07-21', forward: 4310 },
      { expiry: '2023-08-18', forward: 4320 },
    ];
    const rows = smileRows('2023-06-09', slices, (f) => Array.from({ length: 17 }, (_, i) => f - 400 + 50 * i));
    const chain = parseChainTable(
      rows.map((r) => (r.expiry === '2023-06-09' ? { ...r, root: 'SPX' } : r)),
      { valuationDate: '2023-06-09', valuationMinutes: 13 * 60 + 40 },
    );
    const fit = fitChainSurface(chain, { roots: ['SPXW', 'SPX'] });
    expect(fit.skipped).toContainEqual({
      root: 'SPX',
      expiry: '2023-06-09',
      reason: "expired before the quotes' time (settled 4.2 hours earlier)",
    });
  });
});

describeWithData('quotedata dated after an expiry, one-sided quotes', () => {
  const q23 = readDataFile('cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv');
  const lines = q23.split('\n');
  it('an expiry before the stamp’s date is refused, as the plain table refuses it', () => {
    const text = q23.replace('Date: 9 June 2023, 1:40 PM EDT', 'Date: 12 June 2023, 1:40 PM EDT');
    const e = errorOf(() => parseQuotedata(text));
    expect(e.field).toMatch(/^chain line \d+ column 1 \(Expiration Date\)$/);
    expect(e.message).toMatch(/is 2023-06-09, before the quotes' date 2023-06-12 \(the stamp on line 3\)/);
  });
  it('a stamp in another time zone, or in none, is refused, not read as Eastern time', () => {
    const stamped = (stamp: string) => q23.replace('Date: 9 June 2023, 1:40 PM EDT', `Date: 9 June 2023, ${stamp}`);
    // 1:40 PM CEST is 7:40 AM EDT: read as 1:40 PM EDT, the quotes were valued 6 hours late
    for (const [stamp, problem] of [
      ['1:40 PM CEST', 'the stamp is in CEST'],
      ['1:40 PM PDT', 'the stamp is in PDT'],
      ['1:40 PM GMT+2', 'the stamp is in GMT+2'],
      ['1:40 PM', 'the stamp names no time zone'],
    ]) {
      const e = errorOf(() => parseQuotedata(stamped(stamp!)));
      expect([e.field, e.message]).toEqual([
        'chain line 3',
        `chain line 3: ${problem}; pass the file as Cboe exports it, stamped in Eastern time (EST/EDT)`,
      ]);
    }
    for (const stamp of ['1:40 PM EDT', '1:40 PM ET', '1:40 pm edt']) {
      const chain = parseQuotedata(stamped(stamp));
      expect([chain.valuationDate, chain.valuationMinutes]).toEqual(['2023-06-09', 13 * 60 + 40]);
    }
    // the other real file, stamped in EST on a Saturday evening: Friday's close
    const q22 = parseQuotedata(readDataFile('cboe_spx_quotedata_2022-02-04__Luca-Castelli.csv'));
    expect([q22.stamp?.slice(0, 34), q22.valuationDate, q22.valuationMinutes]).toEqual([
      'Date: February 5 2022, 8:09 PM EST',
      '2022-02-04',
      960,
    ]);
  });
  it('a bid with an empty ask is no crossed quote: counted and named as no ask', () => {
    const noAsk = lines.map((l) => {
      const c = l.split(',');
      if (c.length < 22 || !c[1]!.startsWith('SPX')) return l;
      c[5] = '';
      c[16] = '';
      return c.join(',');
    });
    const chain = parseQuotedata(noAsk.join('\n'));
    // the 817 without a bid (10 of them without an ask already): with the asks emptied, no quote at all
    expect(chain.dropped).toEqual({ zeroBid: 0, noAsk: 16971, crossed: 0, locked: 0, empty: 817 });
    const e = errorOf(() => fitChainSurface(chain));
    expect(e.message).toMatch(
      /of 17788 quotes, 0 are crossed \(bid > ask\), 0 locked \(bid = ask\), 0 without a bid, 16971 without an ask and 817 empty;/,
    );
    expect(e.message.length).toBeLessThanOrEqual(255);
  });
});

describe('a chain separated by semicolons or tabs', () => {
  it('a semicolon table is named as such, before a missing date', () => {
    const e = errorOf(() => parseChain('expiry;strike;type;bid;ask\n2023-07-21;4300;put;60,1;60,6\n'));
    expect(e.field).toBe('chain line 1');
    expect(e.message).toMatch(/separated by semicolons: a chain is read comma-separated; save it as CSV with commas/);
  });
  it('a tab-separated table, with its date', () => {
    const e = errorOf(() =>
      parseChain('\nexpiry\tstrike\ttype\tbid\task\n2023-07-21\t4300\tput\t60.1\t60.6\n', {
        valuationDate: '2023-06-09',
      }),
    );
    expect([e.field, e.message]).toEqual(['chain line 2', expect.stringMatching(/separated by tabs/)]);
  });
});

describeWithData('quotedata saved with semicolons', () => {
  it('names its header line', () => {
    const text = readDataFile('cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv').replaceAll(',', ';');
    for (const read of [() => parseChain(text), () => parseQuotedata(text)]) {
      const e = errorOf(read);
      expect([e.field, e.message]).toEqual([
        'chain line 4',
        expect.stringMatching(/^chain line 4: is the header "Expiration Date;Calls;.*separated by semicolons/),
      ]);
    }
  });
});
