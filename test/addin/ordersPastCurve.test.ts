/**
 * ALVH.ORDERS (the built function, as Excel loads it) on a held VIX option expiring after the last
 * VX future of the inputs: the message names the inputs row to add (VX5, or the expiry's row when
 * the curve is given by date), never the API's `market.futures`, and fits a cell's error whole.
 */
import { isoToExcelSerial } from '@alvh/shared';
import { beforeAll, expect, it } from 'vitest';
import { ensureAddinBuilt, ErrorCode, errorOf, loadBuiltFunctions, type CustomFunction } from './stubs/customFunctions';

let orders: CustomFunction;

beforeAll(() => {
  ensureAddinBuilt();
  orders = loadBuiltFunctions().get('ORDERS')!;
});

/** A 2026-11-20 condor; the curve VX1…VX4 (2026-12-16 to 2027-03-17), or by expiry date. */
const fields: unknown[][] = [
  ['date', isoToExcelSerial('2026-11-20')],
  ['spx', 6600],
  ['vix', 17.5],
  ['vvix', 95],
  ['rate', 0.04],
  ['divYield', 0.013],
  ['expiry', isoToExcelSerial('2027-01-15')],
  ['k1', 5900],
  ['k2', 6000],
  ['k3', 7200],
  ['k4', 7300],
  ['quantity', 3],
  ['capital', 1000000],
  ['budget', 5000],
];
const numbered = [...fields, ['VX1', 18.4], ['VX2', 19.3], ['VX3', 19.9], ['VX4', 20.3]];

function message(inputs: unknown[][], positions: unknown[][]): string {
  const e = errorOf(() => orders(inputs, positions));
  expect(e.code).toBe(ErrorCode.invalidValue);
  return e.message ?? '';
}

it('names the VXn row to add, whole and uncut, not market.futures', () => {
  const row = message(numbered, [
    ['SPXW 270115P05900', 1],
    ['VIX 270421C00022000', 2],
  ]);
  expect(row).toBe(
    'positions row 2: holds a VIX option of 2027-04-21, after the last VX future (VX4, 2027-03-17), and the curve is not extrapolated; add the inputs row VX5, the VX future of 2027-04-21',
  );
  // two months past the curve: the rows from VX5 on, without a gap
  const later = message(numbered, [['VIX 270616C00022000', 2]]);
  expect(later).toMatch(/; add the inputs rows VX5…VX7 \(VX7 is the VX future of 2027-06-16\)$/);
  // pasted text names its line alike
  const line = message(numbered, [['VIX 270421C00022000,2']]);
  expect(line).toMatch(/^positions line 1: holds a VIX option of 2027-04-21, .*; add the inputs row VX5, /);
  for (const m of [row, later, line]) {
    expect(m).not.toMatch(/market\.futures|…;/);
    expect(m.length).toBeLessThanOrEqual(200);
  }
});

it('names the dated row to add when the curve is given by expiry date', () => {
  const dated = [...fields, [isoToExcelSerial('2026-12-16'), 18.4], [isoToExcelSerial('2027-01-20'), 19.3]];
  expect(message(dated, [['VIX 270421C00022000', 2]])).toBe(
    "positions row 1: holds a VIX option of 2027-04-21, after the last VX future (2027-01-20), and the curve is not extrapolated; add an inputs row 2027-04-21 with that VX future's price",
  );
});
