/**
 * ALVH.PLAN on a VX final-settlement day: its rows VX1…VXn take the monthly expiries after the
 * date, so VX1 is the next month's contract; the plan says so, naming both contracts, because a
 * feed still showing the settling contract that morning would shift every price a month.
 */
import { describe, expect, it } from 'vitest';
import { isoToExcelSerial } from '@alvh/shared';
import { useBuiltFunctions } from './stubs/customFunctions';
import { planSheet20181224 } from './stubs/planSheet';

const call = useBuiltFunctions();

const WARNING =
  '2018-12-19 is the December 2018 VX final settlement: VX1 is read as the January 2019 future (expiry 2019-01-16), the first to settle after the date. If the VX1 row holds the December 2018 contract (quoted until it settles at the open), remove it and number the futures from January 2019 as VX1.';

/** The warning rows of a PLAN or ORDERS spill. */
function warnings(out: unknown[][]): unknown[] {
  return out.filter((r) => r[0] === 'warning').map((r) => r[1]);
}

describe('a plan of numbered VX rows on a VX final-settlement day', () => {
  const onSettlement = planSheet20181224().map(([k, v]): [string, number] =>
    k === 'date' ? [k, isoToExcelSerial('2018-12-19')] : [k, v],
  );

  it('warns that VX1 is the next month, naming both contracts; PLAN and ORDERS alike', () => {
    expect(warnings(call('PLAN', onSettlement) as unknown[][])).toContain(WARNING);
    expect(warnings(call('ORDERS', onSettlement) as unknown[][])).toContain(WARNING);
  });

  it('says nothing on another day, or when the futures are given by their expiry dates', () => {
    expect(
      (warnings(call('PLAN', planSheet20181224()) as unknown[][]) as string[]).filter((w) =>
        /final settlement/.test(w),
      ),
    ).toEqual([]);
    const dated = onSettlement.map(([k, v]): [string, number] =>
      k === 'VX1' ? ['2019-01-16', v] : k === 'VX2' ? ['2019-02-13', v] : k === 'VX3' ? ['2019-03-19', v] : [k, v],
    );
    expect(warnings(call('PLAN', dated) as unknown[][])).not.toContain(WARNING);
  });
});
