/**
 * Every 400 a schema gives says how to put it right: its fix is the first issue's own remedy, not
 * the generic "correct the field and try again". Wrong types name the type to pass, a custom check
 * says what to do, and a number with a range is told the whole range at once, so following the fix
 * does not lead to another 400.
 */
import { SCHEMA_FIX } from '@alvh/shared';
import { describe, expect, it } from 'vitest';
import {
  MONTECARLO_EXAMPLE,
  PLAN_EXAMPLE,
  REPLAY_EXAMPLE,
  STRESS_EXAMPLE,
} from '../../functions/src/handlers/examples';
import { postJson } from './postJson';

const market = (m: Record<string, unknown>) => ({ ...PLAN_EXAMPLE, market: { ...PLAN_EXAMPLE.market, ...m } });
const condor = (c: Record<string, unknown>) => ({ ...PLAN_EXAMPLE, condor: { ...PLAN_EXAMPLE.condor, ...c } });
const futures = (i: number, f: unknown) =>
  market({ futures: PLAN_EXAMPLE.market.futures.map((x, j) => (j === i ? f : x)) });
const row = (i: number, r: unknown) => ({
  ...REPLAY_EXAMPLE,
  rows: REPLAY_EXAMPLE.rows.map((x, j) => (j === i ? (r === null ? null : { ...x, ...(r as object) }) : x)),
});

/** [route, what is wrong, body]: wrong types and the custom checks. */
const BAD: [string, string, unknown][] = [
  ['plan', 'the body is a list', []],
  ['plan', 'the body is null', null],
  ['plan', 'the body is a number', 5],
  ['plan', 'condor is a list', { ...PLAN_EXAMPLE, condor: [1, 2] }],
  ['plan', 'a future is a number', futures(2, 5)],
  ['plan', 'signals is a list', { ...PLAN_EXAMPLE, signals: [] }],
  ['plan', 'strikes out of order', condor({ strikes: [6000, 5900, 7200, 7300] })],
  [
    'plan',
    'knots out of order',
    {
      ...PLAN_EXAMPLE,
      policy: {
        splitKnots: [
          [3, 0.5],
          [1, 0.4],
        ],
      },
    },
  ],
  ['plan', 'SKEW 300', market({ indices: { skew: 300 } })],
  ['montecarlo', 'book is a list', { ...MONTECARLO_EXAMPLE, book: [] }],
  ['montecarlo', 'firstPath past paths', { ...MONTECARLO_EXAMPLE, firstPath: 5000, pathCount: 10 }],
  ['montecarlo', 'pathCount past paths', { ...MONTECARLO_EXAMPLE, firstPath: 3000, pathCount: 2000 }],
  ['replay', 'a row is null', row(5, null)],
  ['replay', 'spx below 100', row(3, { spx: 50 })],
  ['replay', 'vix 1500', row(3, { vix: 1500 })],
  ['replay', 'vvix 880', row(3, { vvix: 880 })],
  ['replay', 'to before from', { ...REPLAY_EXAMPLE, from: '2026-10-01', to: '2026-09-15' }],
  ['surface', 'the body is a list', []],
  ['surface', 'the body is null', null],
  ['stress', 'book.vix 350', { ...STRESS_EXAMPLE, book: { ...STRESS_EXAMPLE.book, vix: 350 } }],
];

describe('a schema 400 says how to put it right', () => {
  it.each(BAD)('%s: %s', async (route, _what, body) => {
    const { status, json } = await postJson(route, body);
    expect(status).toBe(400);
    expect(json.fix).not.toBe(SCHEMA_FIX);
    // the fix is the first issue's own remedy, an imperative
    expect(json.fix).toMatch(/^pass /);
    expect(json.issues[0].message).toContain(json.fix);
  });

  it('a wrong type names the type to pass', async () => {
    const cases: [string, unknown, string, string][] = [
      ['plan', [], '(root)', 'is a list; pass an object {…}'],
      ['plan', 5, '(root)', 'is 5; pass an object {…}'],
      ['plan', { ...PLAN_EXAMPLE, condor: [1, 2] }, 'condor', 'is a list; pass an object {…}'],
      ['plan', futures(2, 5), 'market.futures[2]', 'is 5; pass an object {…}'],
      ['plan', market({ futures: { a: 1 } }), 'market.futures', 'pass the VX futures as [{ expiry, price }, ...]'],
      ['replay', row(5, null), 'rows[5]', 'is null; pass an object {…}'],
      ['stress', { ...STRESS_EXAMPLE, days: 'x' }, 'days', 'is the text "x"; pass a list […]'],
    ];
    for (const [route, body, path, message] of cases) {
      const { json } = await postJson(route, body);
      expect(json.issues[0], `${route} ${path}`).toEqual({ path, message });
    }
  });
});

describe('a number outside its range is told the whole range at once', () => {
  const book = (b: Record<string, unknown>) => ({ ...STRESS_EXAMPLE, book: { ...STRESS_EXAMPLE.book, ...b } });
  const mc = (m: Record<string, unknown>) => ({ ...MONTECARLO_EXAMPLE, ...m });
  /** [route, field, a value at or below 0 (or past every bound), the range the fix must state] */
  const cases: [string, string, unknown, RegExp][] = [
    ['plan', 'market.spx', market({ spx: -5 }), /100 and 1000000/],
    ['plan', 'market.vix', market({ vix: -5 }), /from 1 to 300/],
    ['plan', 'market.vvix', market({ vvix: -1 }), /from 20 to 400/],
    ['plan', 'market.futures[0].price', futures(0, { expiry: '2026-12-16', price: -1 }), /from 1 to 500/],
    ['plan', 'condor.quantity', condor({ quantity: 2 ** 53 }), /from 1 to 100,000/],
    ['plan', 'condor.quantity', condor({ quantity: 1e300 }), /from 1 to 100,000/],
    ['plan', 'condor.quantity', condor({ quantity: 0 }), /from 1 to 100,000/],
    ['stress', 'book.spot', book({ spot: -1 }), /100 and 1000000/],
    ['stress', 'book.vix', book({ vix: -1 }), /from 1 to 300/],
    ['stress', 'book.futures[0].price', book({ futures: [{ expiry: '2026-12-16', price: -1 }] }), /from 1 to 500/],
    ['montecarlo', 'horizonDays', mc({ horizonDays: 0 }), /from 1 to 730/],
  ];
  it.each(cases)('%s: %s', async (route, field, body, range) => {
    const { status, json } = await postJson(route, body);
    expect([status, json.field]).toEqual([400, field]);
    expect(json.fix).toMatch(range);
    // one issue at the field: the fix is the whole story
    expect(json.issues.filter((i: { path: string }) => i.path === field)).toHaveLength(1);
  });
});

describe('a VIX or VX future under 5 is refused as ALVH.PLAN refuses it', () => {
  it('names market.vix for a VIX typed 3 (the curve check blamed the futures), and the future typed 2.27', async () => {
    const vix = await postJson('plan', market({ vix: 3 }));
    expect([vix.status, vix.json.field, vix.json.fix]).toEqual([400, 'market.vix', 'pass VIX in index points (18.5)']);
    const vx = await postJson('plan', futures(1, { ...PLAN_EXAMPLE.market.futures[1], price: 2.27 }));
    expect([vx.status, vx.json.field]).toEqual([400, 'market.futures[1].price']);
    expect(vx.json.detail).toContain('VX futures have never settled below 9.875');
  });
});
