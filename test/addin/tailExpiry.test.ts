/**
 * ALVH.TAILEXPIRY: the VX expiry the plan's tail calls take on a day (a VX expiry 45-60 days out,
 * else the one nearest 52), which STRESSFUTURE's help and the worksheet of docs/excel.md pass as
 * the hedge expiry. VXEXPIRY(date + 52), the expiry of the month 52 days on, is another one on
 * about one weekday in twelve (2021-06-10: 2021-08-18, 69 days out, where the plan takes 2021-07-21).
 */
import {
  excelSerialToIso,
  isExchangeHoliday,
  isoToExcelSerial,
  plan,
  spxMonthlyExpiry,
  vxExpiriesAfter,
  type PlanInput,
} from '@alvh/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docNumber, docText, expectDocSays } from '../helpers/docs';
import { addinDist, errorOf, ErrorCode, useBuiltFunctions } from './stubs/customFunctions';

const call = useBuiltFunctions();

/**
 * A plan of `date` on a plain market: eight monthly VX futures (a contango from 20), a 1-lot condor
 * on the SPX monthly two months on. The tail's expiry depends on the date and the expiries listed,
 * not on the prices.
 */
function planOf(date: string): PlanInput {
  const month = Number(date.slice(5, 7)) + 2;
  const condorExpiry = spxMonthlyExpiry(Number(date.slice(0, 4)) + (month > 12 ? 1 : 0), ((month - 1) % 12) + 1);
  return {
    valuationDate: date,
    market: {
      spx: 4200,
      vix: 18,
      vvix: 100,
      rate: 0.01,
      futures: vxExpiriesAfter(date, 8).map((expiry, i) => ({ expiry, price: 20 + i / 2 })),
    },
    condor: { expiry: condorExpiry, strikes: [3600, 3700, 4600, 4700], quantity: 1 },
    portfolio: { capital: 1_000_000 },
  };
}

const tailExpiry = (date: string): string =>
  excelSerialToIso('result', call('TAILEXPIRY', isoToExcelSerial(date)) as number);

describe('ALVH.TAILEXPIRY', () => {
  it("is the plan's tail expiry on 2021-06-10, where VXEXPIRY(date + 52) is a month later", () => {
    const d = isoToExcelSerial('2021-06-10');
    expect(call('TAILEXPIRY', d)).toBe(isoToExcelSerial(plan(planOf('2021-06-10')).tail.expiry));
    expect(tailExpiry('2021-06-10')).toBe('2021-07-21');
    expect(call('VXEXPIRY', d + 52)).toBe(isoToExcelSerial('2021-08-18'));
    // ISO text reads as the date, as every date argument does
    expect(call('TAILEXPIRY', '2021-06-10')).toBe(isoToExcelSerial('2021-07-21'));
  });

  it("is the plan's tail expiry on every business day of 2021", () => {
    let days = 0;
    let apart = 0;
    for (let s = isoToExcelSerial('2021-01-04'); s <= isoToExcelSerial('2021-12-31'); s++) {
      const date = excelSerialToIso('date', s);
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6 || isExchangeHoliday(date)) continue;
      days++;
      const planned = plan(planOf(date)).tail.expiry;
      expect(tailExpiry(date), date).toBe(planned);
      if (call('VXEXPIRY', s + 52) !== isoToExcelSerial(planned)) apart++;
    }
    expect(days).toBe(252);
    // the formula the help once gave picks another expiry on some of them
    expect(apart).toBeGreaterThan(10);
  });

  it('differs from VXEXPIRY(date + 52) on as many weekdays of 2021-2025 as docs/excel.md says', () => {
    let weekdays = 0;
    let apart = 0;
    for (let s = isoToExcelSerial('2021-01-01'); s <= isoToExcelSerial('2025-12-31'); s++) {
      const weekday = new Date(`${excelSerialToIso('date', s)}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      weekdays++;
      if (call('VXEXPIRY', s + 52) !== call('TAILEXPIRY', s)) apart++;
    }
    expect(weekdays).toBe(261 + 260 + 260 + 262 + 261);
    expectDocSays(
      'excel.md',
      `another one on ${docNumber(apart)} of the ${docNumber(weekdays)} weekdays of 2021-2025 (2021-06-10: 2021-08-18`,
    );
  });

  it("takes the policy's tail window (tailDteMin, tailDteMax, tailDteTarget), checked as PLAN checks them", () => {
    const d = isoToExcelSerial('2021-06-10');
    // 20-30 days out: 2021-07-21 is 41 days, 2021-06-16 is 6; no expiry in the window, the nearer to 25 is 41 days
    expect(call('TAILEXPIRY', d, 20, 30, 25)).toBe(isoToExcelSerial('2021-07-21'));
    const input = { ...planOf('2021-06-10'), policy: { tailDteMin: 60, tailDteMax: 90, tailDteTarget: 75 } };
    expect(call('TAILEXPIRY', d, 60, 90, 75)).toBe(isoToExcelSerial(plan(input).tail.expiry));
    expect(errorOf(() => call('TAILEXPIRY', d, 50, 40)).message).toBe(
      'tailDteMin: tailDteMin (50) is above tailDteMax (40); pass a window with min ≤ max',
    );
    expect(errorOf(() => call('TAILEXPIRY', d, null, null, 70)).message).toMatch(
      /^tailDteTarget: tailDteTarget \(70\)/,
    );
    expect(errorOf(() => call('TAILEXPIRY', d, 45.5)).message).toMatch(/^tailDteMin: is 45.5, not a whole number/);
  });

  it("refuses a date whose candidates leave today's VX rule or the calendar, naming valuationDate", () => {
    const early = errorOf(() => call('TAILEXPIRY', isoToExcelSerial('2005-11-10')));
    expect(early.code).toBe(ErrorCode.invalidValue);
    expect(early.message).toMatch(/^valuationDate: is 2005-11-10: .*CFE's first rule.*pass a date from 2005-11-16$/);
    expect(call('TAILEXPIRY', isoToExcelSerial('2005-11-16'))).toBe(isoToExcelSerial('2006-01-18'));
    const late = errorOf(() => call('TAILEXPIRY', isoToExcelSerial('2040-10-20')));
    expect(late.message).toMatch(/^valuationDate: is 2040-10-20: the VX expiries end with the 2040-11 contract/);
    expect(errorOf(() => call('TAILEXPIRY', null)).message).toMatch(/^valuationDate: is empty/);
  });

  it("is the expiry STRESSFUTURE's help and the worksheet of docs/excel.md pass", () => {
    const doc = docText('excel.md');
    expect(doc.includes('| D5 | `=ALVH.TAILEXPIRY(B1)` |')).toBe(true);
    expect(doc.includes('VXEXPIRY(B1+52)')).toBe(false);
    const metadata = JSON.parse(readFileSync(join(addinDist, 'functions.json'), 'utf8')) as {
      functions: { id: string; parameters: { name: string; description: string }[] }[];
    };
    const expiry = metadata.functions.find((f) => f.id === 'STRESSFUTURE')?.parameters.find((p) => p.name === 'expiry');
    expect(expiry?.description).toContain('=ALVH.TAILEXPIRY(valuationDate)');
    expect(expiry?.description).not.toContain('VXEXPIRY');
    expect(docText('../README.md')).toContain(
      '`ALVH.TAILEXPIRY(valuationDate, [tailDteMin], [tailDteMax], [tailDteTarget])`',
    );
  });
});
