/**
 * ALVH.OVERLAY gives the most a put calendar can lose beyond its cost (its back put's carry in a
 * crash, the bound the plan's capital cap counts: putCalendarCarryRisk), and 0 for a long put.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoToExcelSerial, putCalendarCarryRisk } from '@alvh/shared';
import { useBuiltFunctions } from './stubs/customFunctions';

const call = useBuiltFunctions();
const day = isoToExcelSerial('2021-11-19');
const expiry = isoToExcelSerial('2021-12-17');

describe('ALVH.OVERLAY: loss beyond cost', () => {
  const rows = (structure: string | null, rate: number) =>
    call('OVERLAY', day, 4697.96, 17.91, expiry, 4600, -4000, null, structure, null, rate, 0.013) as [
      string,
      unknown,
    ][];
  const row = (out: [string, unknown][], label: string) => out.find(([l]) => l === label)?.[1];

  it("a put calendar's is units × 100 × K·(1 − e^(−rτ)), τ from its front to its back expiry", () => {
    const out = rows(null, 0.04);
    const units = row(out, 'units') as number;
    expect(units).toBeGreaterThan(0);
    // the front 2021-12-17, the back the January monthly 2022-01-21: 35 days
    expect(out.some(([, v]) => typeof v === 'string' && v.includes('2022-01-21 4600 put'))).toBe(true);
    const bound = units * 100 * putCalendarCarryRisk(4600, 35 / 365, 0.04, 0.013);
    expect(row(out, 'loss beyond cost, at most (USD)')).toBeCloseTo(bound, 9);
    expect(bound).toBeCloseTo(units * 100 * 4600 * (1 - Math.exp((-0.04 * 35) / 365)), 9);
    // the row sits after theta, before the legs
    const labels = out.map(([l]) => l);
    expect(labels.indexOf('loss beyond cost, at most (USD)')).toBe(labels.indexOf('theta (USD per day)') + 1);
  });

  it('at a negative dividend yield, K·(1 − e^(−(r−q)τ)): the larger bound, as docs/excel.md states it', () => {
    const out = call('OVERLAY', day, 4697.96, 17.91, expiry, 4600, -4000, null, null, null, 0.04, -0.02) as [
      string,
      unknown,
    ][];
    const units = row(out, 'units') as number;
    expect(units).toBeGreaterThan(0);
    const loss = row(out, 'loss beyond cost, at most (USD)') as number;
    expect(loss).toBeCloseTo(units * 100 * 4600 * (1 - Math.exp((-(0.04 + 0.02) * 35) / 365)), 9);
    expect(loss).toBeGreaterThan(units * 100 * 4600 * (1 - Math.exp((-0.04 * 35) / 365)));
    const doc = readFileSync(join(__dirname, '../../docs/excel.md'), 'utf8');
    expect(doc).toContain('units · 100 · max(0, K·(1 − e^(−rτ)), K·(1 − e^(−(r−q)τ)))');
  });

  it('none at a zero rate, and none for a long put', () => {
    expect(row(rows(null, 0), 'loss beyond cost, at most (USD)')).toBe(0);
    expect(row(rows('spx-long-put', 0.04), 'loss beyond cost, at most (USD)')).toBe(0);
  });
});
